"""The compact (重庆) form: no 一级/二级 columns; 指标名称, 计量单位, 指标性质, 年初指标值, 调整后指标值,
全年完成值, 得分系数（%）, 权重（分）, 指标得分, 是否核心指标. The tables here are invented in that form."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from generator.self_evaluation.layout import HEADER_ROW, PROJECT_INDICATORS, WORKBOOK_NAME
from generator.self_evaluation.load import load_self_evaluation

from .builders import where, write_book

COMPACT = ("项目名称", "指标名称", "计量单位", "指标性质", "年初指标值", "调整后指标值", "全年完成值", "得分系数（%）", "权重（分）", "指标得分", "是否核心指标")


def write_compact(folder: Path, rows: Sequence[Sequence[object]], headers: Sequence[str] = COMPACT) -> None:
    """One project (甲项目, funds 10/10/9 as builders.FUNDS) whose indicator sheet is in the compact form."""
    write_book(folder)
    book = load_workbook(folder / WORKBOOK_NAME)
    sheet = book[PROJECT_INDICATORS.name]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    for col, header in enumerate(headers, start=1):
        sheet.cell(HEADER_ROW + 1, col, header)
    for index, row in enumerate(rows, start=HEADER_ROW + 2):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(index, col, value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=1辆" is text, not a formula
    book.save(folder / WORKBOOK_NAME)


def row(name: str, unit: str, nature: str, target: str, actual: str, weight: int | str, coefficient: object = None,
        score: object = None, core: str = "否") -> list[object]:  # fmt: skip
    return ["甲项目", name, unit, nature, target, target, actual, coefficient, weight, score, core]


NINETY = [
    row("培训人次", "人次", "正向", ">=200人次", "180人次", 30),
    row("培训费用", "万元", "反向", "<=10万元", "12.5万元", 20),
    row("完成时间", "", "正向", "2024年12月10日前", "2024年11月1日", 20, core="是"),
    row("学员满意度", "%", "正向", "90%", "95%", 20),
]


def test_a_compact_sheet_loads_without_level_columns(tmp_path: Path) -> None:
    write_compact(tmp_path, NINETY)
    evaluation, findings = load_self_evaluation(tmp_path)
    assert findings == [] and evaluation is not None
    indicators = evaluation.projects[0].indicators
    assert [i.level3 for i in indicators] == ["培训人次", "培训费用", "完成时间", "学员满意度"]
    assert {(i.level1, i.level2) for i in indicators} == {("", "")}
    assert (indicators[1].nature, indicators[1].unit_text, indicators[2].core) == ("反向", "万元", "是")
    assert indicators[0].weight == Decimal(30) and indicators[3].target_text == "90%"


def test_one_level_column_without_the_other_is_missing(tmp_path: Path) -> None:
    write_compact(tmp_path, [["甲项目", "产出指标", *r[1:]] for r in NINETY], headers=("项目名称", "一级指标", *COMPACT[1:]))
    evaluation, findings = load_self_evaluation(tmp_path)
    assert evaluation is None
    assert where(findings) == {("self-evaluation-column-missing", "项目绩效指标", "3")}
    assert [f.values["header"] for f in findings] == ["二级指标"]
