"""Writing 绩效自评表.xlsx with every sheet, its title, 填写说明 and headers, and no data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.self_evaluation.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    INSTRUCTION_ROW,
    PROJECT_FUNDS,
    SHEETS,
    TITLE_ROW,
    UNIT_FUNDS,
    SheetLayout,
)

_FORMATTED_ROWS = 500  # text format and drop-downs reach this far
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def new_workbook() -> Workbook:
    """An openpyxl workbook laid out as the loader expects; callers may append data rows."""
    book = Workbook()
    book.remove(book.active)
    for layout in SHEETS:
        sheet = book.create_sheet(layout.name)
        last = get_column_letter(len(layout.columns))
        sheet.cell(TITLE_ROW + 1, 1, layout.title).font = Font(bold=True, size=14)
        sheet.merge_cells(f"A{TITLE_ROW + 1}:{last}{TITLE_ROW + 1}")
        note = sheet.cell(INSTRUCTION_ROW + 1, 1, layout.instruction)
        note.alignment = Alignment(wrap_text=True, vertical="top")
        note.font = Font(color="595959")
        sheet.merge_cells(f"A{INSTRUCTION_ROW + 1}:{last}{INSTRUCTION_ROW + 1}")
        sheet.row_dimensions[INSTRUCTION_ROW + 1].height = 48
        for index, column in enumerate(layout.columns, start=1):
            cell = sheet.cell(HEADER_ROW + 1, index, column.header)
            shown = column.required or column.header in layout.together  # 一级/二级: expected, unless the whole form has none
            cell.font = Font(bold=True, color="000000" if shown else "7F7F7F")
            cell.fill = _HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            if column.text:  # "=1辆" and ">=95%" stay text instead of becoming formulas or numbers
                for row in range(FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 1 + _FORMATTED_ROWS):
                    sheet.cell(row, index).number_format = "@"
        sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW + 1, 1)
    _add_source_choices(book)
    return book


def _add_source_choices(book: Workbook) -> None:
    for layout, choices in (
        (PROJECT_FUNDS, "年度资金总额,当年财政拨款,上年结转资金,其他资金"),
        (UNIT_FUNDS, "上级资金,本级资金,其他资金,合计"),
    ):
        sheet = book[layout.name]
        col = get_column_letter(1 + [c.header for c in layout.columns].index("资金来源"))
        choice = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        choice.add(f"{col}{FIRST_DATA_ROW + 1}:{col}{FIRST_DATA_ROW + _FORMATTED_ROWS}")
        sheet.add_data_validation(choice)


def empty_workbook_bytes() -> bytes:
    """The empty workbook's bytes (for writing together with other files)."""
    import io

    buffer = io.BytesIO()
    new_workbook().save(buffer)
    return buffer.getvalue()


def write_empty_workbook(path: Path) -> None:
    """Write the empty workbook (all sheets, headers, instructions, no data) to `path`."""
    new_workbook().save(path)


def write_rows(sheet: Worksheet, layout: SheetLayout, rows: Iterable[Mapping[str, object]]) -> None:
    """Write data rows (header -> value) from the first data row on. Text starting with "=" stays text."""
    positions = {column.header: index for index, column in enumerate(layout.columns, start=1)}
    for offset, values in enumerate(rows):
        for header, value in values.items():
            if value is None or value == "":
                continue
            cell = sheet.cell(FIRST_DATA_ROW + 1 + offset, positions[header], value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # openpyxl would otherwise store "=1辆" as a formula
