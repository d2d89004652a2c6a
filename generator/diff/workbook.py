"""The comparison as an .xlsx a reviewer can filter and annotate."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from generator.diff.compare import Comparison
from generator.diff.rows import DiffRow, Flag, Unit
from generator.docx_package import normalise_docx

SHEET = "逐项对比"
_HEADERS = (
    "分组",
    "项目",
    "单位",
    "上年",
    "本年",
    "增减",
    "增减率",
    "标记",
    "本年所填上年数",
    "变动原因（本年）",
    "位置",
    "备注",
    "代码",
)
_WIDTHS = (22, 40, 8, 14, 14, 14, 10, 28, 14, 60, 48, 40, 30)
_FILL = {
    Flag.NO_REASON: "F8CBAD",
    Flag.PRIOR_MISMATCH: "F8CBAD",
    Flag.APPEARED: "FFF2CC",
    Flag.DISAPPEARED: "FFF2CC",
    Flag.LARGE_CHANGE: "FFF2CC",
    Flag.NOT_COMPARABLE: "EDEDED",
}
_AMOUNT = "#,##0.00"
_WHEN = datetime(2000, 1, 1, tzinfo=UTC).replace(tzinfo=None)  # openpyxl wants naive datetimes


def comparison_workbook(comparison: Comparison) -> bytes:
    """The .xlsx bytes: one sheet of rows, one of what was compared."""
    old_year, new_year = _years(comparison)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    headers = list(_HEADERS)
    headers[3], headers[4] = f"上年（{old_year}）", f"本年（{new_year}）"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in comparison.rows:
        sheet.append(_cells(row))
        line = sheet.max_row
        for col in (4, 5, 6, 9):
            sheet.cell(line, col).number_format = "0.00%" if row.unit is Unit.PERCENT else _AMOUNT
        sheet.cell(line, 7).number_format = "0.00%"
        fill = next((_FILL[f] for f in row.flags), None)
        if fill:
            sheet.cell(line, 8).fill = PatternFill("solid", fgColor=fill)
    for i, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_HEADERS))}{max(sheet.max_row, 1)}"
    about = book.create_sheet("说明")
    counts = comparison.counts()
    about.append(["上年数据", str(comparison.old.folder)])
    about.append(["本年数据", str(comparison.new.folder)])
    about.append(["变动阈值", float(comparison.threshold)])
    about.cell(3, 2).number_format = "0%"
    about.append(["比较项数", len(comparison.rows)])
    for flag in Flag:
        about.append([f"{flag.label}（{flag.value}）", counts[flag]])
    about.append(["说明", "空白表示该年未填报（不是零）；增减率按上年数计算，上年为零时不计算。标记的含义见 docs/diff.md。"])
    about.column_dimensions["A"].width = 36
    about.column_dimensions["B"].width = 60
    book.properties.created = _WHEN
    book.properties.modified = _WHEN
    book.properties.creator = "juesuan"
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps each zip member with the time of saving: fixed here, so the same comparison gives the same bytes
    return normalise_docx(buffer.getvalue(), _WHEN.replace(tzinfo=UTC))


def _years(comparison: Comparison) -> tuple[str, str]:
    def year(checked) -> str:
        return str(checked.figures.year) if checked.figures is not None else ""

    return year(comparison.old), year(comparison.new)


def _cells(row: DiffRow) -> list[object]:
    return [
        row.group,
        row.item,
        row.unit.value,
        _number(row.old),
        _number(row.new),
        _number(row.change),
        _number(row.rate),
        "；".join(f.label for f in row.flags),
        _number(row.stated_prior),
        row.reason,
        str(row.location) if row.location else "",
        row.note,
        " ".join(f.value for f in row.flags),
    ]


def _number(value: Decimal | None) -> float | None:
    # Excel keeps doubles; a 万元 amount has at most 15 significant digits, so nothing is lost that shows.
    return None if value is None else float(value)
