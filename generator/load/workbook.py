"""Reading an .xlsx workbook into plain cell grids, with Excel coordinates kept.

Bounded before it starts (generator.load.package): a file that is not a regular
file, too large, inflating too far, declaring XML entities or too slow to read is
a finding, never a crash, an abort or a hang.

Values come from python-calamine (fast, cached formula results) when every sheet's
dense grid stays within MAX_ROWS × MAX_COLUMNS; otherwise from openpyxl's read-only
iteration bounded to those rows and columns, and a value beyond them is a warning
at its cell. One read-only openpyxl pass finds formula cells, so that a formula whose
cached value is missing (a workbook written by a script and never opened in Excel/WPS)
is an error at its cell rather than a silent blank. openpyxl parses XML through
defusedxml (a dependency), so no entity is ever expanded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from generator import door
from generator.cell_values import CellValue
from generator.findings import Finding, Location, cell_name, column_letter, emit
from generator.load import package
from generator.load.package import Deadline, PackageScan, Refusal, scan_package

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Sheet:
    """One sheet as a grid of values; row/col are 0-based, Excel's A1 is (0, 0)."""

    name: str
    rows: list[list[CellValue]]
    formulas_without_value: frozenset[tuple[int, int]] = frozenset()

    def value(self, row: int, col: int) -> CellValue:
        if row < len(self.rows) and col < len(self.rows[row]):
            v = self.rows[row][col]
            return None if v == "" else v
        return None

    @property
    def height(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Workbook:
    path: Path
    label: str  # how the file is named in messages
    sheets: dict[str, Sheet] = field(default_factory=dict)

    def location(self, sheet: str | None = None, row: int | None = None, col: int | None = None) -> Location:
        cell = None
        if row is not None:
            cell = cell_name(row, col) if col is not None else str(row + 1)
        # Built for every cell read: skip validation, the fields are ours and already typed.
        return Location.model_construct(file=self.label, sheet=sheet, cell=cell, field=None)


def read_workbook(path: Path, label: str | None = None) -> tuple[Workbook | None, list[Finding]]:
    """Read every sheet of an .xlsx file. Returns (None, findings) when unreadable."""
    label = label or str(path)
    refused = _not_readable(path, label)
    if refused is not None:
        return None, [refused]
    deadline = Deadline(package.BUDGET_SECONDS)
    scan = scan_package(path, deadline)
    if isinstance(scan, Refusal):
        return None, [_refusal(scan, label, "，请用 Excel 或 WPS 打开后另存为 .xlsx 再试")]
    findings: list[Finding] = []
    try:
        if scan.bounded:
            grids = _read_calamine(path, deadline)
        else:
            grids, findings = _read_bounded(path, scan, label, deadline)
    except _TooSlow:
        return None, [_refusal(package.too_slow(deadline), label)]
    except Exception as exc:  # calamine and openpyxl raise many private error types
        return None, [door.unreadable(label, f"不是可读取的 Excel 文件（{type(exc).__name__}）", str(exc)[:200], "，请用 Excel 或 WPS 另存为 .xlsx 后重试")]
    missing: set[tuple[str, int, int]] = set()
    if scan.formulas:
        missing, problem = _formula_cells(path, label, deadline)
        if problem is not None:
            findings.append(problem)
    result = {}
    for name, rows in grids.items():
        blanks = frozenset(
            (r, c) for (s, r, c) in missing if s == name and (r >= len(rows) or c >= len(rows[r]) or rows[r][c] in ("", None))
        )
        result[name] = Sheet(name=name, rows=rows, formulas_without_value=blanks)
    return Workbook(path=path, label=label, sheets=result), findings


def read_package(path: Path, label: str) -> tuple[bytes | None, Finding | None]:
    """A workbook's bytes for a whole-file rework (init --from), under the readers' limits; or why not.

    The bytes returned are the ones checked: regular file, size, zip limits, no XML entities, and every
    sheet's extent within MAX_ROWS × MAX_COLUMNS (a full openpyxl load walks a sheet to its farthest cell).
    """
    data, refused = door.read_bytes(path, label, MAX_WORKBOOK_BYTES)
    if data is None:
        return None, refused
    import io

    scan = scan_package(io.BytesIO(data), Deadline(package.BUDGET_SECONDS))
    if isinstance(scan, Refusal):
        return None, _refusal(scan, label)
    for name, part in scan.parts.items():
        if not part.bounded:
            where = part.stray or "未标明位置的单元格"
            return None, door.inflates(
                label, "工作簿", f"部件 {name} 在读取范围之外有内容（{where}）", f"前 {package.MAX_ROWS} 行、{package.MAX_COLUMNS} 列",
                "，无法整体改写", member=name,
            )
    return data, None


class _TooSlow(Exception):
    """The wall-clock budget ran out between two sheets."""


def _refusal(refusal: Refusal, label: str, advice: str = "") -> Finding:
    """The finding for the package scan's refusal (file-inflates, xml-entities, file-too-slow, file-unreadable);
    ADVICE closes a file-unreadable's message."""
    if refusal.code == "file-unreadable":
        return door.unreadable(label, str(refusal.words["problem"]), str(refusal.values["reason"]), advice)
    return emit(refusal.code, Location(file=label), **refusal.values, **refusal.words)


def _not_readable(path: Path, label: str) -> Finding | None:
    """file-missing, file-not-regular (a folder, FIFO, device, dangling link or a link out of its folder),
    file-too-large: the door's checks (generator.door)."""
    return door.refusal(path, label, MAX_WORKBOOK_BYTES)


def _read_calamine(path: Path, deadline: Deadline) -> dict[str, list[list[CellValue]]]:
    """Every sheet as a dense grid from A1: only called when every grid is known to be small."""
    book = CalamineWorkbook.from_path(str(path))
    sheets: dict[str, list[list[CellValue]]] = {}
    for name in book.sheet_names:
        if deadline.exceeded:
            raise _TooSlow
        # calamine gives "" for blank cells, never None; Sheet.value maps "" to None
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets[name] = [list[CellValue](row) for row in grid]
    return sheets


def _read_bounded(
    path: Path, scan: PackageScan, label: str, deadline: Deadline
) -> tuple[dict[str, list[list[CellValue]]], list[Finding]]:
    """Every sheet's first MAX_ROWS × MAX_COLUMNS by openpyxl's streaming reader; a warning per stray value."""
    import openpyxl  # imported lazily: only unusual workbooks need it

    sheets: dict[str, list[list[CellValue]]] = {}
    findings: list[Finding] = []
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in book.worksheets:
            if deadline.exceeded:
                raise _TooSlow
            rows: list[list[CellValue]] = []
            for row in ws.iter_rows(min_row=1, max_row=package.MAX_ROWS, max_col=package.MAX_COLUMNS, values_only=True):
                if deadline.exceeded:
                    raise _TooSlow
                rows.append([_plain(v) for v in row])
            while rows and all(v is None for v in rows[-1]):
                rows.pop()
            sheets[ws.title] = rows
            part = scan.parts.get(str(getattr(ws, "_worksheet_path", "")).lstrip("/"))
            if part is not None and part.stray is not None:
                findings.append(_stray_warning(label, ws.title, part.stray, part.strays))
    finally:
        book.close()
    return sheets, findings


def _plain(value: Any) -> CellValue:
    """openpyxl's values as calamine gives them (an error cell such as #DIV/0! is its text)."""
    if value is None or isinstance(value, str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta):
        return value
    return str(value)


def _stray_warning(label: str, sheet: str, cell: str, count: int) -> Finding:
    more = f"等 {count} 个单元格" if count > 1 else ""
    return emit(
        "cell-out-of-range",
        Location(file=label, sheet=sheet, cell=cell),
        cells=count,
        cell=cell,
        more=more,
        rows=package.MAX_ROWS,
        last_column=column_letter(package.MAX_COLUMNS - 1),
    )


def _formula_cells(path: Path, label: str, deadline: Deadline) -> tuple[set[tuple[str, int, int]], Finding | None]:
    """(sheet, row, col) of every formula cell within the read range, by an openpyxl read-only pass.

    Most workbooks a finance system exports hold no formula at all: the package scan
    settles that first and spares this (slower) pass. A pass that fails is a warning:
    a formula without a saved result could then read as a blank.
    """
    import openpyxl  # imported lazily: only this pass needs it

    found: set[tuple[str, int, int]] = set()
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
        try:
            for ws in wb.worksheets:
                for row in ws.iter_rows(max_row=package.MAX_ROWS, max_col=package.MAX_COLUMNS):
                    if deadline.exceeded:
                        raise _TooSlow
                    for cell in row:
                        v = getattr(cell, "value", None)
                        if isinstance(v, str) and v.startswith("="):
                            found.add((ws.title, cell.row - 1, cell.column - 1))
        finally:
            wb.close()
    except Exception as exc:  # a malformed sheet part, a parser refusal, the budget: reported, never raised
        reason = "超过时间上限" if isinstance(exc, _TooSlow) else type(exc).__name__
        return found, emit("formula-scan-failed", Location(file=label), reason=str(exc)[:200], why=reason)
    return found, None
