"""Loading a unit-year folder (and its prior year, when a sibling folder holds it)."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from generator import code_files, codes, layout
from generator.findings import Finding, Location, emit, has_errors
from generator.load.self_evaluation.reader import read_self_evaluation
from generator.load.sheets import Context, parse_item_sheet, parse_subject_sheet
from generator.load.texts import load_texts
from generator.load.workbook import read_workbook
from generator.model import Cover, ItemTable, Loaded, Source, UnitYear

UNITS = {"万元": Decimal(1), "元": Decimal("0.0001")}
# The cover is read as text, so that _cover can name what was typed (a 年度 of "二〇二四" is one
# cover-missing finding quoting it, not a not-a-number finding plus a cover-missing quoting nothing).
_COVER_AS_TEXT = replace(layout.COVER, items=tuple(replace(i, kind=layout.Kind.TEXT) for i in layout.COVER.items))


def load(folder: Path, profile: str | Path | None = None) -> tuple[Loaded | None, list[Finding]]:
    """Load FOLDER, its sibling prior-year folder (…/2023 next to …/2024) if present, and its 绩效自评表.xlsx
    with the scoring PROFILE (a shipped name or a path; None: the default).

    The self-evaluation's own findings (a bad cell of it, a bad profile) stay in `Loaded.self_evaluation`:
    they never stop the disclosure's checks."""
    current, findings = load_unit_year(folder)
    if current is None:
        return None, findings
    prior_folder = folder.parent / str(current.cover.year - 1)
    prior = None
    # lexists: a folder, FIFO or dangling link in the workbook's place is reported, not skipped in silence.
    if prior_folder.is_dir() and os.path.lexists(prior_folder / layout.WORKBOOK):
        # Read under the same limits as this year's; whatever goes wrong there is a warning here.
        prior, prior_findings = load_unit_year(prior_folder)
        if prior is None or has_errors(prior_findings):
            first = next((f for f in prior_findings if f.severity.value == "error"), None)
            why = f"（{first.location} {first.message}）" if first is not None else ""
            findings.append(
                emit(
                    "prior-year-unreadable",
                    Location(file=_label(prior_folder / layout.WORKBOOK)),
                    errors=sum(1 for f in prior_findings if f.severity.value == "error"),
                    year=prior_folder.name,
                    why=why,
                    path=str(prior_folder),
                )
            )
            prior = None
    return Loaded(current, prior, read_self_evaluation(folder, current.cover.year, profile)), findings


# Tables a unit without such money may leave out altogether (finance software often exports no sheet for a table
# with no rows; the official set says they may be empty): absent is read as empty, never as a refusal.
EMPTY_WHEN_ABSENT = frozenset({layout.GOV_FUND.name, layout.STATE_CAPITAL.name})
# juesuan's own sheets (no finance software exports them): absent is every item blank, which the checks of blanks
# then name item by item; a gap in juesuan's input format is never by itself an error.
BLANK_WHEN_ABSENT = frozenset(s.name for s in (layout.THREE_PUBLIC_DETAILS, layout.OVERVIEW, layout.OTHER_MATTERS, layout.STAFF))


def load_unit_year(folder: Path) -> tuple[UnitYear | None, list[Finding]]:
    """Read one folder into a UnitYear. None when it cannot be read at all."""
    if not folder.is_dir():
        return None, [emit("folder-missing", Location(file=str(folder)), path=str(folder))]
    book_path = folder / layout.WORKBOOK
    book, findings = read_workbook(book_path, _label(book_path))
    if book is None:
        return None, findings
    missing = [s.name for s in layout.SHEET_ORDER if s.name not in book.sheets]
    for name in missing:
        where = Location(file=book.label, sheet=name)
        if name in EMPTY_WHEN_ABSENT:
            findings.append(emit("sheet-absent-empty", where, sheet=name))
            continue
        if name in BLANK_WHEN_ABSENT:
            findings.append(emit("sheet-absent", where, sheet=name))
            continue
        findings.append(emit("sheet-missing", where, sheet=name))
    if layout.COVER.name in missing:
        return None, findings
    ctx = Context(book=book, scale=Decimal(1), findings=findings)
    cover_table = parse_item_sheet(ctx, book.sheets[layout.COVER.name], _COVER_AS_TEXT, frozenset())
    cover = _cover(cover_table, book.label, findings)
    if cover is None:
        return None, findings
    findings.extend(_folder_year_mismatch(folder, cover, cover_table, book.label))
    ctx = Context(book=book, scale=UNITS[cover.declared_unit], findings=findings)
    functional = code_files.for_folder(folder, "functional")
    subjects = {}
    for subject_spec in layout.SUBJECT_SHEETS:
        spec_name = subject_spec.name
        if spec_name in book.sheets:
            ok = codes.is_economic_code if subject_spec.classification == "economic" else codes.is_functional_code
            subjects[spec_name] = parse_subject_sheet(ctx, book.sheets[spec_name], subject_spec, ok)
    items: dict[str, ItemTable] = {layout.COVER.name: cover_table}
    class_names = functional.class_names()
    for spec in layout.ITEM_SHEETS[1:]:
        if spec.name in book.sheets:
            items[spec.name] = parse_item_sheet(ctx, book.sheets[spec.name], spec, class_names)
    texts, text_findings = load_texts(folder / layout.TEXTS, _label(folder / layout.TEXTS))
    findings.extend(text_findings)
    economic = code_files.for_folder(folder, "economic")
    return UnitYear(folder=folder, cover=cover, subjects=subjects, items=items, texts=texts, functional=functional, economic=economic), findings


def _folder_year_mismatch(folder: Path, cover: Cover, table: ItemTable, label: str) -> list[Finding]:
    """A folder named for a year (…/2025) whose 封面 says another: every 年度 sentence and the choice of
    last year's folder would follow the 封面, so the document would silently be about another year."""
    if not (len(folder.name) == 4 and folder.name.isascii() and folder.name.isdigit()) or int(folder.name) == cover.year:
        return []
    row = table.get("年度")
    where = row.source.at(layout.CONTENT) if row is not None else Location(file=label, sheet=layout.COVER.name)
    return [
        emit("cover-year-mismatch", where, stated=cover.year, expected=int(folder.name), folder=folder.name, prior_year=cover.year - 1)
    ]


def _cover(table: ItemTable, label: str, findings: list[Finding]) -> Cover | None:
    def field(name: str) -> tuple[str, Source | None]:
        row = table.get(name)
        if row is None:
            return "", None
        value = row.text(layout.CONTENT)
        number = row.amount(layout.CONTENT)
        return (str(int(number)) if number is not None else value), row.source

    where = Location(file=label, sheet=layout.COVER.name)
    name, name_src = field("单位名称")
    year_text, year_src = field("年度")
    unit, unit_src = field("金额单位")
    ok = True
    if not name:
        findings.append(
            emit("cover-missing", name_src.at(layout.CONTENT) if name_src else where, item="单位名称", problem="缺少「单位名称」")
        )
        ok = False
    if not year_text.isdigit() or not 1990 <= int(year_text) <= 2100:
        findings.append(
            emit("cover-missing", year_src.at(layout.CONTENT) if year_src else where, item="年度", problem=f"「年度」应为四位年份，实际为「{year_text}」")
        )
        ok = False
    unit = unit.strip()
    if unit not in UNITS:
        findings.append(
            emit("unit-unknown", unit_src.at(layout.CONTENT) if unit_src else where, unit=unit)
        )
        ok = False
    level, level_src = field("决算层级")
    if level.strip() not in ("", *layout.LEVELS):
        findings.append(
            emit("cover-level-unknown", level_src.at(layout.CONTENT) if level_src else where, stated=level.strip(), expected="、".join(layout.LEVELS))
        )
        level = ""
    if not ok:
        return None
    source = Source(file=label, sheet=layout.COVER.name, row=0)
    return Cover(
        unit_name=name,
        year=int(year_text),
        declared_unit=unit,
        unit_kind=field("单位性质")[0],
        data_source=field("数据来源")[0],
        template=field("公开模板")[0],
        level=level.strip(),
        source=source,
    )


def _label(path: Path) -> str:
    """Paths in messages: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
