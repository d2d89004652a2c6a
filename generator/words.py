"""The words a person writes, to edit in place: the texts of 文字说明.yaml and the reason columns of the workbook.

Listing: every text of 文字说明.yaml, and every reason cell the document uses (变动原因,
预决算差异原因) or that explains a 项 (主要用于), each with the sentence it becomes: the part
before the reason is made by the wording functions the document uses (generator/render/wording.py),
so the live preview in the workbench is that sentence with the typed words in place.

Editing returns the new bytes and writes nothing (the caller keeps a history version and writes
atomically). 文字说明.yaml is edited as text: only the value's own characters are replaced, so
comments, order and layout stay; the result is read back and must equal the old data with the
one value changed, or the edit is refused. The workbook is edited with openpyxl, cell by cell; a
workbook with formulas is refused (openpyxl cannot keep their computed values, which juesuan reads).
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator import layout
from generator.compute.change import Change, Direction
from generator.compute.figures import Figures
from generator.model import UnitYear
from generator.render.wording import DEFAULT, WordingProfile, budget_sentence, change_clause, explained, with_period
from generator.yaml_files import compose_yaml, load_yaml

SENTINEL = "\u2063"  # an invisible separator: where the typed words go in the sentence
REASON_HEADERS = (layout.REASON, layout.BUDGET_REASON, layout.PURPOSE)


class EditRefused(ValueError):
    """An edit that cannot be made; the message says why, in Chinese."""


@dataclass(frozen=True)
class TextField:
    path: tuple[str, ...]
    label: str
    is_list: bool
    used: str  # where the document uses it


TEXT_FIELDS = (
    TextField(("主要职能",), "主要职能", True, "第一部分一、主要职能（每项一段，自动编号）"),
    TextField(("职能补充说明",), "职能补充说明", False, "第一部分一，主要职能之后"),
    TextField(("下属预算单位",), "下属预算单位", True, "第一部分二（没有时留空列表，写“无”）"),
    TextField(("内设机构",), "内设机构", True, "第一部分二，“下设…个科室”"),
    TextField(("预算绩效", "成效"), "预算绩效：取得的成效", False, "十一、预算绩效管理情况"),
    TextField(("预算绩效", "问题"), "预算绩效：发现的问题及原因", False, "十一、预算绩效管理情况"),
    TextField(("预算绩效", "措施"), "预算绩效：下一步改进措施", False, "十一、预算绩效管理情况"),
    TextField(("其他需说明的事项",), "其他需说明的事项", False, "十二、其他需说明的事项"),
)


@dataclass(frozen=True)
class TextEntry:
    field: TextField
    value: str | list[str]
    missing: bool  # not filled in: absent or blank ("下属预算单位: []" is filled in: the unit has none)

    @property
    def key(self) -> str:
        return ".".join(self.field.path)


@dataclass(frozen=True)
class ReasonEntry:
    sheet: str
    cell: str
    header: str  # 变动原因, 预决算差异原因 or 主要用于
    item: str  # the row, as a person names it
    value: str
    lead: str  # the sentence up to the typed words
    tail: str  # what follows them
    empty: str  # the sentence when nothing is typed ("" when it is left out)
    needed: bool  # the document needs words here (a change or a difference to explain)

    @property
    def key(self) -> str:
        return f"{self.sheet}!{self.cell}"

    @property
    def missing(self) -> bool:
        return not self.value.strip()

    def sentence(self, words: str | None = None) -> str:
        words = self.value if words is None else words
        return f"{self.lead}{with_period(words)}{self.tail}" if words.strip() else self.empty


# --- 文字说明.yaml ---------------------------------------------------------------------------------


def text_entries(text: str) -> list[TextEntry]:
    """Every editable text of a 文字说明.yaml's TEXT (EditRefused when it cannot be read)."""
    data = _load(text)
    entries = []
    for field in TEXT_FIELDS:
        value = _get(data, field.path)
        if field.is_list:
            shown: str | list[str] = [str(v) for v in value if v is not None] if isinstance(value, list) else []
            missing = not isinstance(value, list) or (field.path == ("主要职能",) and not shown)
        else:
            shown = str(value) if isinstance(value, str) else ""
            missing = not shown.strip()
        entries.append(TextEntry(field, shown, missing))
    return entries


def edit_texts(text: str, changes: Mapping[tuple[str, ...], str | list[str]]) -> str:
    """TEXT with each path's value replaced, everything else (comments, order, other values) as it was."""
    data = _load(text)
    expected = copy.deepcopy(data) if isinstance(data, dict) else {}
    for path, value in changes.items():
        text = _set(text, path, value)
        _put(expected, path, value)
    if _load(text) != expected:
        raise EditRefused("文字说明.yaml 的写法特殊，无法在保留原有格式的情况下修改；请在文本编辑器中修改后上传")
    return text


def _load(text: str) -> Any:
    try:
        return load_yaml(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        raise EditRefused("文字说明.yaml 格式有误，请先改正（上传更正后的文件）再在这里编辑") from exc


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _set(text: str, path: tuple[str, ...], value: str | list[str]) -> str:
    root = compose_yaml(text) if text.strip() else None
    if root is None:  # an empty file (or only comments): the value goes at its end
        return _append(text, _block(path, value, 0))
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditRefused("文字说明.yaml 的最外层不是“键: 值”的形式，无法修改")
    node: yaml.MappingNode = root
    for depth, key in enumerate(path):
        entry = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if entry is None:  # absent: added after the mapping's last entry (and its line's comment), at its indentation
            indent = node.value[0][0].start_mark.column if node.value else 0
            end = _line_end(text, _end(node, text)) if node.value else len(text)
            return text[:end] + "\n" + _block(path[depth:], value, indent).rstrip("\n") + text[end:]
        key_node, value_node = entry
        if depth == len(path) - 1:
            start, end = key_node.end_mark.index, _end(value_node, text)
            return _replace(text, start, end, _after_key(value, key_node.start_mark.column))
        if not isinstance(value_node, yaml.MappingNode) or value_node.flow_style or not value_node.value:
            # 预算绩效: {} or an empty key: the whole sub-mapping is written anew (its other values kept)
            start, end = key_node.end_mark.index, _end(value_node, text)
            current = load_yaml(text[value_node.start_mark.index : end]) if end > value_node.start_mark.index else None
            sub = dict(current) if isinstance(current, dict) else {}
            _put(sub, path[depth + 1 :], value)
            body = "".join(_block((k,), v, key_node.start_mark.column + 2) for k, v in sub.items())
            return _replace(text, start, end, ":\n" + body.rstrip("\n"))
        node = value_node
    raise AssertionError("unreachable")


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _replace(text: str, start: int, end: int, new: str) -> str:
    """TEXT[start:end] replaced by NEW; a comment after the old value stays on the key's line when NEW spans lines."""
    if "\n" not in new:
        return text[:start] + new + text[end:]
    line_end = _line_end(text, end)
    rest = text[end:line_end].rstrip()
    first, more = new.split("\n", 1)
    return text[:start] + first + rest + "\n" + more + text[line_end:]


def _end(node: yaml.Node, text: str) -> int:
    """Where NODE's own characters end in TEXT (a block collection's end mark runs over the comments after it)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _end(node.value[-1][1], text)
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _end(node.value[-1], text)
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1 : end] in ("\n", "\r", " ", "\t"):
        end -= 1
    return end


def _append(text: str, block: str) -> str:
    if text and not text.endswith("\n"):
        text += "\n"
    return text + block


def _block(path: tuple[str, ...], value: str | list[str], indent: int) -> str:
    """`key:` and its value (nested keys for a longer PATH), as lines at INDENT, ending with a newline."""
    pad = " " * indent
    if len(path) > 1:
        return f"{pad}{path[0]}:\n" + _block(path[1:], value, indent + 2)
    return f"{pad}{path[0]}{_after_key(value, indent)}\n"


def _after_key(value: str | list[str], indent: int) -> str:
    """What follows a key: ': text', ': |-' and its lines, or ':' and the list's lines."""
    inner = " " * (indent + 2)
    if isinstance(value, list):
        if not value:
            return ": []"
        return ":" + "".join(f"\n{inner}- {_scalar(item, indent + 4)}" for item in value)
    return f": {_scalar(value, indent + 2)}"


def _scalar(value: str, indent: int) -> str:
    value = value.replace("\r\n", "\n").strip("\n")
    if "\n" in value:
        pad = " " * indent
        return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    dumped = yaml.safe_dump([value], allow_unicode=True, width=1_000_000)
    return dumped[2:].rstrip("\n")  # "- text\n" -> "text" (quoted when the text needs it)


# --- the reason columns of 决算数据.xlsx ----------------------------------------------------------------


def reason_entries(unit: UnitYear, figures: Figures | None, profile: WordingProfile = DEFAULT) -> list[ReasonEntry]:
    """Every reason cell of the workbook the document uses, and every 主要用于 of a 项, in sheet order, each sentence
    worded with PROFILE (the wording of the template the document is rendered with)."""
    changes = _changes_by_cell(figures) if figures is not None else {}
    entries: dict[tuple[str, str], ReasonEntry] = {}
    for sheet, row_number, item, columns, texts, level in _rows(unit):
        for header in REASON_HEADERS:
            column = columns.get(header)
            if column is None:
                continue
            cell = f"{_letters(column)}{row_number + 1}"
            change = changes.get((sheet, cell))
            if change is None and not (header == layout.PURPOSE and level == 3):
                continue  # not used by the document
            entries[(sheet, cell)] = _entry(sheet, cell, header, item, texts.get(header, ""), change, profile)
    return list(entries.values())


def _rows(unit: UnitYear) -> Iterator[tuple[str, int, str, Mapping[str, int], Mapping[str, str], int]]:
    for table in unit.subjects.values():
        rows = ([table.declared_total] if table.declared_total else []) + list(table.rows)
        for row in rows:
            texts = {**row.texts, layout.REASON: row.reason}
            yield table.sheet, row.source.row, f"{row.code or ''} {row.name}".strip(), row.source.columns, texts, row.level
    for items in unit.items.values():
        for name, item in items.rows.items():
            yield items.sheet, item.source.row, name, item.source.columns, item.texts, 0


def _entry(sheet: str, cell: str, header: str, item: str, value: str, change: Change | None, profile: WordingProfile) -> ReasonEntry:
    if header == layout.PURPOSE or change is None:
        return ReasonEntry(sheet, cell, header, item, value, f"{item}。主要用于：", "", "", False)
    marked = dataclasses.replace(change, reason=SENTINEL)
    if header == layout.BUDGET_REASON:
        full = budget_sentence(marked, item, profile=profile)
        empty = budget_sentence(dataclasses.replace(change, reason=""), item, profile=profile)
        needed = change.base is not None and change.current != change.base
    else:
        clause = change_clause(change, profile=profile)
        full = f"{item}：" + explained(clause, marked, profile)
        empty = f"{item}：" + explained(clause, dataclasses.replace(change, reason=""), profile)
        needed = change.direction in (Direction.UP, Direction.DOWN)
    lead, _, tail = full.partition(with_period(SENTINEL))
    if not _:  # the wording leaves the reason out here (no comparison): the sentence is the same either way
        lead, tail = f"{item}：", ""
    return ReasonEntry(sheet, cell, header, item, value, lead, tail, empty, needed)


def _changes_by_cell(figures: Figures) -> dict[tuple[str, str], Change]:
    """Every Change in FIGURES with a reason cell, by (sheet, cell); the first found for a cell wins."""
    found: dict[tuple[str, str], Change] = {}
    seen: set[int] = set()

    def walk(value: Any) -> None:
        if id(value) in seen or isinstance(value, (str, bytes, int, float, Path)) or value is None:
            return
        seen.add(id(value))
        if isinstance(value, Change):
            where = value.reason_location
            if where is not None and where.sheet and where.cell:
                current = found.get((where.sheet, where.cell))
                if current is None or (current.base is None and value.base is not None):
                    found[(where.sheet, where.cell)] = value
            return
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, Mapping):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(figures)
    return found


def _letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")


def edit_workbook(data: bytes, changes: Mapping[tuple[str, str], str]) -> bytes:
    """The workbook DATA with each (sheet, cell) set to its text; every other cell as it was.

    DATA must have passed generator.load.workbook.read_package (the door's limits, bounded sheets):
    only then is a full openpyxl load safe.
    """
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise EditRefused("决算数据.xlsx 无法打开，请先上传可以打开的工作簿") from exc
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            if any(cell.data_type == "f" for cell in row):
                raise EditRefused(
                    f"决算数据.xlsx 的「{sheet.title}」中有公式：在浏览器中保存会丢掉公式的计算结果（juesuan 读的是结果），"
                    "请在 Excel 中填写原因后上传"
                )
    for (sheet_name, cell), text in changes.items():
        if sheet_name not in book.sheetnames or not _CELL.match(cell):
            raise EditRefused(f"工作簿中没有「{sheet_name}」的单元格 {cell}")
        book[sheet_name][cell].value = text.strip() or None
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
