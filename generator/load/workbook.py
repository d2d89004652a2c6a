"""Reading an .xlsx workbook into plain cell grids, with Excel coordinates kept.

Values come from python-calamine (fast, cached formula results); one read-only
openpyxl pass finds formula cells, so that a formula whose cached value is
missing (a workbook written by a script and never opened in Excel/WPS) is an
error at its cell rather than a silent blank.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from python_calamine import CalamineWorkbook

from generator.findings import Finding, Location, cell_name, error

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
CellValue = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


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
    loc = Location(file=label)
    if not path.is_file():
        return None, [error("file-missing", loc, f"找不到文件：{label}", path=label)]
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        return None, [
            error(
                "file-too-large",
                loc,
                f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_WORKBOOK_BYTES // 1024 // 1024} MB），"
                "请确认选择的是决算数据工作簿",
                size=size,
            )
        ]
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets: dict[str, list[list[CellValue]]] = {}
        for name in book.sheet_names:
            # calamine gives "" for blank cells, never None; Sheet.value maps "" to None
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets[name] = [list[CellValue](row) for row in grid]
    except Exception as exc:  # calamine raises several private error types
        return None, [error("file-unreadable", loc, f"无法读取 Excel 文件（{type(exc).__name__}），请用 Excel 或 WPS 另存为 .xlsx 后重试", reason=str(exc))]
    missing = _formula_cells(path)
    result = {}
    for name, rows in sheets.items():
        blanks = frozenset(
            (r, c) for (s, r, c) in missing if s == name and (r >= len(rows) or c >= len(rows[r]) or rows[r][c] == "")
        )
        result[name] = Sheet(name=name, rows=rows, formulas_without_value=blanks)
    return Workbook(path=path, label=label, sheets=result), []


def _formula_cells(path: Path) -> set[tuple[str, int, int]]:
    """(sheet, row, col) of every formula cell, by an openpyxl read-only pass.

    Most workbooks a finance system exports hold no formula at all: a look at the
    raw sheet parts settles that first and spares the (slower) openpyxl pass.
    """
    if not zipfile.is_zipfile(path) or not _has_formulas(path):
        return set()
    import openpyxl  # imported lazily: only this pass needs it

    found: set[tuple[str, int, int]] = set()
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception:
        return found
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    v = getattr(cell, "value", None)
                    if isinstance(v, str) and v.startswith("="):
                        found.add((ws.title, cell.row - 1, cell.column - 1))
    finally:
        wb.close()
    return found


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                data = package.read(name)
                if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
                    return True
    return False
