"""`init --from`: the year's printed results are emptied in the 绩效自评表, the printed 等级 and 得分系数 too."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from generator.load.self_evaluation.carry import carried_self_evaluation
from generator.self_evaluation.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    PROJECT_INDICATORS,
    PROJECTS,
    UNIT_INDICATORS,
    WORKBOOK_NAME,
)

from .builders import PROJECT, indicator_rows, write_book


def _column(sheet, header: str) -> int:  # noqa: ANN001
    return next(c.column for c in sheet[HEADER_ROW + 1] if c.value == header)


def test_printed_grades_and_coefficients_are_not_carried(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[0] = {**rows[0], "得分系数": "100.00", "年初指标值": ">=1次"}
    unit = [{"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "办件数", "预期指标值": ">=10件", "分值权重": 90,
             "实际完成指标值": "12件", "得分系数": "100.00"}]  # fmt: skip
    write_book(tmp_path, projects=[{**PROJECT, "印刷等级": "优"}], indicators=rows, extra={"整体绩效指标": unit})
    carried = openpyxl.load_workbook(io.BytesIO(carried_self_evaluation((tmp_path / WORKBOOK_NAME).read_bytes())))
    row = FIRST_DATA_ROW + 1
    projects, indicators, unit_sheet = carried[PROJECTS.name], carried[PROJECT_INDICATORS.name], carried[UNIT_INDICATORS.name]
    assert projects.cell(row, _column(projects, "印刷等级")).value is None
    assert indicators.cell(row, _column(indicators, "得分系数")).value is None
    assert unit_sheet.cell(row, _column(unit_sheet, "得分系数")).value is None
    assert indicators.cell(row, _column(indicators, "年初指标值")).value == ">=1次"  # a target stays
