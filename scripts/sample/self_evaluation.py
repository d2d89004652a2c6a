"""The sample's 绩效自评表.xlsx from scripts/data/changji-ybj/绩效自评表/, one CSV per sheet
(and the 上海 example's from scripts/data/shanghai-example/绩效自评表/, the same way).

Each CSV is its sheet's data rows under the sheet's own headers (a subset of the layout's
columns, in any order), values exactly as printed in the 12 绩效自评表 of the disclosure,
including the printed 完成率, 得分, 执行率, 执行率得分 and 总分 (the 印刷… columns), so that
`check` shows where the printed figures differ from a profile. A blank 项目名称, 一级指标 or
二级指标 means "same as above", as in the printed tables' merged cells; the ASCII tab inside two
goal texts is in the source document.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from generator.load.self_evaluation.blank_workbook import new_workbook, write_rows
from generator.self_evaluation import layout

from .paths import DATA, fixed

WORKBOOK = layout.WORKBOOK_NAME
TRANSCRIPTION = DATA / "绩效自评表"
SHEETS = (
    layout.PROJECTS,
    layout.PROJECT_FUNDS,
    layout.PROJECT_INDICATORS,
    layout.UNIT,
    layout.UNIT_FUNDS,
    layout.UNIT_INDICATORS,
)
YEAR = 2024
# Columns written as number cells (a blank stays blank); every other value is written as text.
NUMBERS: dict[str, Callable[[str], object]] = {"分值": int} | dict.fromkeys(
    ("权重", "分值权重", "印刷得分", "印刷执行率得分", "手工得分", "年初预算数", "全年预算数", "全年执行数"), float
)


def rows(sheet: layout.SheetLayout, transcription: Path = TRANSCRIPTION) -> list[dict[str, object]]:
    """The data rows of SHEET as the transcription gives them (header -> cell value)."""
    path = transcription / f"{sheet.name}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        records = list(csv.DictReader(file))
    return [{h: NUMBERS[h](v) if h in NUMBERS and v else v for h, v in record.items()} for record in records]


def workbook(transcription: Path = TRANSCRIPTION, year: int = YEAR) -> bytes:
    """The 绩效自评表.xlsx of the CSVs in TRANSCRIPTION (the sample's by default)."""
    book = new_workbook()
    for sheet in SHEETS:
        write_rows(book[sheet.name], sheet, rows(sheet, transcription))
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed(buffer.getvalue(), year)
