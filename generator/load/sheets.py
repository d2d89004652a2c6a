"""Parsing the two kinds of sheet (科目表 and 项目表) into model tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from generator.cell_values import text_of
from generator.findings import Finding, Location, column_letter, emit
from generator.layout import (
    CODE,
    CONTENT,
    FIRST_DATA_ROW,
    HEADER_ROW,
    IGNORED_HEADERS,
    ITEM,
    NAME,
    PRIOR,
    REASON,
    Column,
    Item,
    ItemSheet,
    Kind,
    SubjectSheet,
)
from generator.load.cells import decimal_of, formula_without_value, negative_amount
from generator.load.workbook import Sheet, Workbook
from generator.model import ItemRow, ItemTable, Source, SubjectRow, SubjectTable
from generator.numbers import MAX_MAGNITUDE

_SPACES = re.compile(r"[\s\u3000]+")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)])")
_CODE_IN_NAME = re.compile(r"^(\d{3,7})\s+(.+)$")
TOTAL_NAMES = {"合计", "总计", "本年合计"}
EXTRA_TOTALS = ("人员经费合计", "公用经费合计")
MAX_FLOAT = float(MAX_MAGNITUDE)


def normalize(text: str) -> str:
    """Header and item names compare without spaces, ordinals or 其中 prefixes, with full-width brackets."""
    text = _SPACES.sub("", text)
    text = text.replace("(", "（").replace(")", "）").replace('"', "“")
    text = _ORDINAL.sub("", text)
    for prefix in ("其中：", "其中:", "加：", "减："):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


@dataclass(frozen=True)
class Context:
    """What every cell parser needs: the workbook, the amount scale, and the findings sink."""

    book: Workbook
    scale: Decimal  # 1 for 万元, 1/10000 for 元
    findings: list[Finding]

    def loc(self, sheet: str, row: int, col: int | None = None) -> Location:
        return self.book.location(sheet, row, col)


class HeaderSpec(Protocol):
    """A column as a sheet layout declares it (generator.layout.Column, generator.self_evaluation.layout.Column)."""

    @property
    def header(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class HeaderMatch:
    row: int  # the header row
    columns: dict[str, int]  # header -> column index, for the columns found
    missing: tuple[str, ...]  # required headers not found
    # header cells of that row that no column takes: (column index, text, column index of the same header or None)
    unread: tuple[tuple[int, str, int | None], ...] = ()


def match_headers(sheet: Sheet, specs: Sequence[HeaderSpec], rows: Iterable[int], key: str | None = None) -> HeaderMatch | None:
    """Columns by header text, for both pipelines: the one place headers are matched.

    Texts compare after `normalize`; a column's own header wins over its aliases, and the
    first cell of a row with a text wins over later ones. The header row is the first of ROWS
    holding KEY (the first of ROWS when KEY is None); None when no row holds KEY.
    """
    names = [(spec.header, tuple(normalize(n) for n in (spec.header, *spec.aliases))) for spec in specs]
    if key is not None and all(header != key for header, _ in names):
        names.append((key, (normalize(key),)))
    for row in rows:
        by_text: dict[str, int] = {}
        for col, value in enumerate(sheet.rows[row] if row < sheet.height else []):
            by_text.setdefault(normalize(text_of(value)), col)
        found = {header: next(by_text[n] for n in texts if n in by_text) for header, texts in names if any(n in by_text for n in texts)}
        if key is None or key in found:
            missing = tuple(spec.header for spec in specs if spec.required and spec.header not in found)
            return HeaderMatch(row=row, columns=found, missing=missing, unread=_unread(sheet, row, found, by_text))
    return None


def _unread(sheet: Sheet, row: int, found: dict[str, int], by_text: dict[str, int]) -> tuple[tuple[int, str, int | None], ...]:
    """The header cells of ROW that no column takes, but those ignored on purpose (IGNORED_HEADERS)."""
    taken = set(found.values())
    unread = []
    for col, value in enumerate(sheet.rows[row] if row < sheet.height else []):
        text = text_of(value)
        key = normalize(text)
        if not key or col in taken or key in _IGNORED:
            continue
        first = by_text[key]
        unread.append((col, text, first if first != col and first in taken else None))
    return tuple(unread)


_IGNORED = frozenset(normalize(h) for h in IGNORED_HEADERS)


def find_columns(ctx: Context, sheet: Sheet, columns: tuple[Column, ...], key: str) -> dict[str, int] | None:
    """Map each header to its column index, searching the header row (or a row near it)."""
    match = match_headers(sheet, columns, _header_candidates(sheet), key)
    if match is None:
        ctx.findings.append(
            emit("header-missing", ctx.loc(sheet.name, HEADER_ROW), column=key, row=HEADER_ROW + 1)
        )
        return None
    for header in match.missing:
        ctx.findings.append(
            emit("column-missing", ctx.loc(sheet.name, match.row), column=header, row=match.row + 1)
        )
    ctx.findings.extend(unread_columns(ctx.book, sheet.name, match))
    return None if match.missing else match.columns | {"__header_row__": match.row}


def unread_columns(book: Workbook, sheet: str, match: HeaderMatch) -> list[Finding]:
    """A warning at each header cell whose column is not read: an unknown header, or a header given twice."""
    findings = []
    for col, text, same_as in match.unread:
        where = book.location(sheet, match.row, col)
        if same_as is None:
            problem, advice = f"不认识的列「{text}」", "请核对表头拼写（应与模板一致）；确实不需要的列可删除，或把表头改为“备注”"
        else:
            problem, advice = f"列「{text}」与第{column_letter(same_as)}列的表头相同", "请删除重复的列，或合并两列的内容"
        findings.append(emit("column-unknown", where, header=text, problem=problem, advice=advice))
    return findings


def _header_candidates(sheet: Sheet) -> list[int]:
    return [HEADER_ROW] + [r for r in range(min(sheet.height, 8)) if r != HEADER_ROW]


def _cell_value(
    ctx: Context, sheet: Sheet, row: int, col: int, kind: Kind, what: str
) -> tuple[Decimal | None, str]:
    """Parse one cell by its kind; findings go to ctx. Returns (number, text)."""
    raw = sheet.value(row, col)
    if (row, col) in sheet.formulas_without_value:
        ctx.findings.append(formula_without_value(ctx.loc(sheet.name, row, col), what))
        return None, ""
    if kind is Kind.TEXT:
        return None, text_of(raw)
    if raw is None:
        return None, ""
    if type(raw) is float and -MAX_FLOAT <= raw <= MAX_FLOAT:  # finite, not NaN, not too large
        number: Decimal | None = Decimal(int(raw)) if raw.is_integer() else Decimal(repr(raw))  # the common case, no location needed
    else:
        number, problem = decimal_of(raw, ctx.loc(sheet.name, row, col), what)
        if problem is not None:
            ctx.findings.append(problem)
            return None, ""
    if number is None:
        return None, ""
    if number < 0:
        ctx.findings.append(negative_amount(ctx.loc(sheet.name, row, col), what, number))
        return None, ""
    if kind is Kind.COUNT and number != number.to_integral_value():
        ctx.findings.append(
            emit("not-a-whole-number", ctx.loc(sheet.name, row, col), value=number, what=what)
        )
        return None, ""
    if kind is Kind.AMOUNT:
        number = number * ctx.scale
    return number, ""


def _source(ctx: Context, sheet: Sheet, row: int, columns: dict[str, int]) -> Source:
    # One Source per row of every sheet: built without validation, sharing the sheet's column map.
    return Source.model_construct(file=ctx.book.label, sheet=sheet.name, row=row, columns=columns)


def _data_rows(sheet: Sheet, columns: dict[str, int]):
    start = max(FIRST_DATA_ROW, columns["__header_row__"] + 1)
    for row in range(start, sheet.height):
        if any(sheet.value(row, c) is not None for h, c in columns.items() if not h.startswith("__")):
            yield row


def parse_subject_sheet(
    ctx: Context, sheet: Sheet, spec: SubjectSheet, code_ok: Callable[[str], bool]
) -> SubjectTable:
    columns = find_columns(ctx, sheet, spec.columns, CODE)
    if columns is None:
        return SubjectTable(sheet=spec.name)
    rows: list[SubjectRow] = []
    seen: dict[str, int] = {}  # code -> 0-based row of its first line
    total: SubjectRow | None = None
    extras: dict[str, SubjectRow] = {}
    for r in _data_rows(sheet, columns):
        code = text_of(sheet.value(r, columns[CODE]))
        name = text_of(sheet.value(r, columns[NAME])) if NAME in columns else ""
        if not code and (m := _CODE_IN_NAME.match(name)):
            code, name = m.group(1), m.group(2)
        amounts: dict[str, Decimal | None] = {}
        for header in spec.amount_headers:
            if header in columns and header != PRIOR:
                amounts[header] = _cell_value(ctx, sheet, r, columns[header], Kind.AMOUNT, f"「{header}」")[0]
        prior = _cell_value(ctx, sheet, r, columns[PRIOR], Kind.AMOUNT, f"「{PRIOR}」")[0] if PRIOR in columns else None
        reason = text_of(sheet.value(r, columns[REASON])) if REASON in columns else ""
        texts = {h: text_of(sheet.value(r, columns[h])) for h in _other_texts(spec) if h in columns}
        src = _source(ctx, sheet, r, columns)
        line = SubjectRow(code=code or None, name=name, amounts=amounts, prior=prior, reason=reason, texts=texts, source=src)
        key = normalize(name)
        if not code:
            if key in TOTAL_NAMES:
                total = line
            elif key in EXTRA_TOTALS:
                extras[key] = line
            else:
                ctx.findings.append(
                    emit("code-missing", src.at(CODE), name=name)
                )
            continue
        if not code.isdigit() or not code_ok(code):
            ctx.findings.append(
                emit("code-format", src.at(CODE), subject_code=code)
            )
            continue
        if code in seen:
            # The tree would keep one of the two silently (and the totals may still agree).
            ctx.findings.append(
                emit("code-duplicate", src.at(CODE), subject_code=code, first_row=seen[code] + 1)
            )
            continue
        seen[code] = r
        rows.append(line)
    return SubjectTable(sheet=spec.name, declared_total=total, rows=tuple(rows), extra_totals=extras)


def _other_texts(spec: SubjectSheet) -> tuple[str, ...]:
    return tuple(c.header for c in spec.columns if c.kind is Kind.TEXT and c.header not in (CODE, NAME, REASON))


def parse_item_sheet(ctx: Context, sheet: Sheet, spec: ItemSheet, class_names: frozenset[str]) -> ItemTable:
    columns = find_columns(ctx, sheet, spec.columns, ITEM)
    if columns is None:
        return ItemTable(sheet=spec.name)
    by_name: dict[str, Item] = {}
    for known in spec.items:
        for alias in (known.name, *known.aliases):
            by_name[normalize(alias)] = known
    rows: dict[str, ItemRow] = {}
    class_rows: dict[str, ItemRow] = {}
    for r in _data_rows(sheet, columns):
        raw_name = text_of(sheet.value(r, columns[ITEM]))
        key = normalize(raw_name)
        item: Item | None = by_name.get(key)
        if item is None and spec.open_suffix and key.endswith(spec.open_suffix) and key != spec.open_suffix:
            item = Item(key, spec.open_kind)
        is_class = item is None and spec.class_rows and key in class_names
        if item is None and not is_class:
            ctx.findings.append(
                emit(
                    "item-unknown",
                    ctx.loc(sheet.name, r, columns[ITEM]),
                    name=raw_name,
                    problem=f"不认识的项目「{raw_name}」，本行未使用" if raw_name else "本行缺少项目名称，未使用",
                )
            )
            continue
        amounts: dict[str, Decimal | None] = {}
        texts: dict[str, str] = {}
        for col in spec.columns:
            if col.header not in columns:
                continue
            kind = _effective_kind(col, item.kind if item else Kind.AMOUNT)
            label = f"「{item.name if item else key}」的「{col.header}」"
            number, text = _cell_value(ctx, sheet, r, columns[col.header], kind, label)
            if kind is Kind.TEXT:
                texts[col.header] = text
            else:
                amounts[col.header] = number
        row = ItemRow(name=item.name if item else key, amounts=amounts, texts=texts, source=_source(ctx, sheet, r, columns))
        target = class_rows if is_class else rows
        if row.name in target:
            ctx.findings.append(
                emit("item-duplicate", ctx.loc(sheet.name, r, columns[ITEM]), name=row.name, first_row=target[row.name].source.row + 1)
            )
            continue
        target[row.name] = row
    return ItemTable(sheet=spec.name, rows=rows, class_rows=class_rows)


def _effective_kind(column: Column, item_kind: Kind) -> Kind:
    """The item decides for value columns (a count in an amount column); text columns stay text."""
    if column.header == CONTENT:
        return item_kind
    if column.kind is Kind.TEXT:
        return Kind.TEXT
    return item_kind if item_kind is not Kind.TEXT else column.kind
