"""`juesuan init NEW --from OLD` for the 绩效自评表: last year's projects, indicators and targets, none of its results.

完成值 moves to 上年完成情况; everything else of the year is emptied. A workbook that cannot be
reworked is reported and not written: never a blank one in its place, never half-copied.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from openpyxl import load_workbook

from generator.load.self_evaluation.blank_workbook import empty_workbook_bytes
from generator.load.workbook import read_package
from generator.self_evaluation.layout import FIRST_DATA_ROW, HEADER_ROW, SHEETS


def carried_self_evaluation_file(old: Path, label: str) -> tuple[bytes | None, str]:
    """This year's 绩效自评表 from last year's OLD (projects, indicators, targets): its bytes, or "" and why not.

    No workbook last year gives the blank one; a workbook that is there but cannot be read or reworked
    gives None and the reason, never a blank one in its place (its indicators would be lost in silence).
    """
    if not os.path.lexists(old):
        return empty_workbook_bytes(), ""
    data, refused = read_package(old, label)
    if data is None:
        return None, refused.message if refused is not None else "无法读取"
    try:
        return carried_self_evaluation(data), ""
    except Exception as exc:  # openpyxl raises many types on a workbook it cannot rework
        return None, f"无法改写（{type(exc).__name__}）；请用 Excel 或 WPS 打开并另存为 .xlsx 后重试"


# The year's results, emptied in every sheet where they appear; 完成值 first moves to 上年完成情况.
_YEARS_RESULTS = {
    "年度总体目标（实际完成情况）",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "完成值",
    "实际完成指标值",
    "偏差原因分析及改进措施",
    "印刷执行率",
    "印刷执行率得分",
    "印刷总分",
    "印刷完成率",
    "印刷得分",
    "印刷等级",
    "得分系数",  # as printed: the year's result, not a target
    "手工得分",
    "手工得分原因",
}


def carried_self_evaluation(data: bytes) -> bytes:
    """Last year's 绩效自评表 with its projects, indicators and targets, and none of its results.

    DATA has passed read_package (the door's limits, bounded sheets): only then is a full openpyxl load safe.
    """
    book = load_workbook(io.BytesIO(data))
    for spec in SHEETS:
        if spec.name not in book.sheetnames:
            continue
        sheet = book[spec.name]
        names = {alias: column.header for column in spec.columns for alias in (column.header, *column.aliases)}
        columns = {}
        for cell in sheet[HEADER_ROW + 1]:
            header = names.get(str(cell.value).strip()) if cell.value is not None else None
            if header is not None:
                columns[header] = cell.column
        for row in range(FIRST_DATA_ROW + 1, sheet.max_row + 1):
            if "完成值" in columns and "上年完成情况" in columns:
                done = sheet.cell(row, columns["完成值"]).value
                if done not in (None, ""):
                    target = sheet.cell(row, columns["上年完成情况"], done)
                    target.data_type = "s" if isinstance(done, str) else target.data_type
            for header in _YEARS_RESULTS & columns.keys():
                sheet.cell(row, columns[header]).value = None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
