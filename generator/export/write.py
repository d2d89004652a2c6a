"""Writing the figures table: .xlsx, .csv or .parquet, chosen by the file's suffix.

Values stay exact: the .csv holds the Decimal's own digits, the .xlsx a number cell written
from those digits, the .parquet a decimal128 column. Written atomically (generator/files.py).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.export.frame import COLUMNS, FigureRow, figure_rows
from generator.files import not_writable, write_atomically
from generator.findings import Finding, Location, emit
from generator.load.discover import find_units, relative_name

EXPORT_SUFFIXES = (".xlsx", ".csv", ".parquet")
HEADERS = {
    "folder": "文件夹",
    "unit": "单位",
    "year": "年度",
    "table": "表",
    "code": "科目编码",
    "name": "项目",
    "column": "栏目",
    "measure": "计量单位",
    "value": "数值",
    "cell": "单元格",
}


@dataclass(frozen=True)
class ExportResult:
    output: Path | None  # None when nothing was written (see findings)
    rows: int
    units: int  # unit-years whose figures are in the table
    findings: tuple[Finding, ...]  # units that could not be read, and why nothing was written


def export_figures(root: Path, output: Path) -> ExportResult:
    """Write every settled figure of every unit-year under ROOT to OUTPUT (.xlsx, .csv or .parquet)."""
    suffix = output.suffix.lower()
    where = Location(file=str(output))
    if suffix not in EXPORT_SUFFIXES:
        shown = output.suffix or "（无扩展名）"
        return ExportResult(None, 0, 0, (emit("export-format", where, suffix=output.suffix, shown_suffix=shown),))
    if suffix == ".parquet" and not _has_pyarrow():
        return ExportResult(None, 0, 0, (emit("export-needs-pyarrow", where),))
    folders = find_units(root)
    if not folders:
        return ExportResult(None, 0, 0, (emit("export-no-units", Location(file=str(root)), root=str(root)),))
    rows: list[FigureRow] = []
    findings: list[Finding] = []
    units = 0
    for folder in folders:
        found, problems = figure_rows(folder, root)
        if problems:
            findings.append(_unreadable(root, folder, problems))
        else:
            units += 1
            rows.extend(found)
    data = {".xlsx": _xlsx, ".csv": _csv, ".parquet": _parquet}[suffix](rows)
    try:
        write_atomically(output, data)
    except OSError as exc:
        problem = not_writable(output, exc)
        return ExportResult(None, 0, 0, (*findings, problem))
    return ExportResult(output, len(rows), units, tuple(findings))


def _unreadable(root: Path, folder: Path, problems: Sequence[Finding]) -> Finding:
    errors = [f for f in problems if f.severity.value == "error"]
    first = errors[0] if errors else problems[0]
    name = relative_name(root, folder)
    return emit("export-unit-skipped", first.location, folder=name, errors=len(errors), path=str(folder), first=first.message)


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _csv(rows: list[FigureRow]) -> bytes:
    import csv

    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([HEADERS[c] for c in COLUMNS])
    writer.writerows(rows)  # a Decimal is written as its own digits (str), never through a float
    return ("\ufeff" + text.getvalue()).encode("utf-8")  # the BOM lets Excel open it as UTF-8


SHEET_ROWS = 1_000_000  # Excel shows at most 1,048,576 rows a sheet: a longer table continues on the next sheet


def _xlsx(rows: list[FigureRow], sheet_rows: int = SHEET_ROWS) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for start in range(0, max(len(rows), 1), sheet_rows):
        sheet = book.create_sheet("全部数字" if start == 0 else f"全部数字{start // sheet_rows + 1}")
        sheet.append([HEADERS[c] for c in COLUMNS])
        for row in rows[start : start + sheet_rows]:
            sheet.append(row)  # openpyxl writes a Decimal's digits into the cell, not a float's
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _parquet(rows: list[FigureRow]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in COLUMNS]
    scale = max((_scale(v) for v in columns[COLUMNS.index("value")]), default=2)
    types = {"year": pa.int32(), "value": pa.decimal128(38, scale)}
    table = pa.table({name: pa.array(list(values), type=types.get(name, pa.string())) for name, values in zip(COLUMNS, columns, strict=True)})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
