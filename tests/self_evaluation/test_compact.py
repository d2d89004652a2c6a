"""The compact (重庆) form: no 一级/二级 columns; 指标名称, 计量单位, 指标性质, 年初指标值, 调整后指标值,
全年完成值, 得分系数（%）, 权重（分）, 指标得分, 是否核心指标. The tables here are invented in that form."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from generator.load.self_evaluation.reader import load_self_evaluation
from generator.self_evaluation.layout import HEADER_ROW, PROJECT_INDICATORS, WORKBOOK_NAME

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


# -- scoring: 指标得分 = 得分系数（%，two decimals）× 权重 ----------------------------------------------------

# An invented compact table with its printed 得分系数 and 指标得分 worked out by that rule:
#   培训人次  ≥2500, 375.4 done: B/A = 15.016% → 15.02 × 30 = 4.506 → 4.51 (30 × 15.016% alone rounds to 4.50)
#   培训费用  ≤10万元, 12.5 spent, 反向: A/B = 80% → 80.00 × 20 = 16.00
#   完成时间  met → 100.00 × 20 = 20.00
#   学员满意度 "90%" (no operator, 正向 → ≥), 95%: B/A capped → 100.00 × 20 = 20.00
# 执行率 9/10 → 9.00; 总分 = 9 + 4.51 + 16 + 20 + 20 = 69.51.
PRINTED = [
    row("培训人次", "人次", "正向", ">=2500人次", "375.4人次", 30, "15.02", 4.51),
    row("培训费用", "万元", "反向", "<=10万元", "12.5万元", 20, "80.00", 16),
    row("完成时间", "", "正向", "2024年12月10日前", "2024年11月1日", 20, "100.00", 20, core="是"),
    row("学员满意度", "%", "正向", "90%", "95%", 20, "100", 20),
]


def _scored(folder: Path, name: str = "chongqing-compact"):  # type: ignore[no-untyped-def]
    from generator.check.self_evaluation import check_self_evaluation
    from generator.compute.self_evaluation.score import score_self_evaluation

    from .builders import profile

    evaluation, findings = load_self_evaluation(folder)
    assert findings == [] and evaluation is not None, findings
    scored = score_self_evaluation(evaluation, profile(name))
    return scored, check_self_evaluation(scored)


PRINTED_CODES = {"printed-score-differs", "printed-coefficient-differs", "printed-coefficient-score-differs", "printed-total-differs"}


def test_the_compact_profile_scores_through_the_printed_coefficient(tmp_path: Path) -> None:
    write_compact(tmp_path, PRINTED)
    scored, findings = _scored(tmp_path)
    (project,) = scored.projects
    assert [s.coefficient for s in project.indicators] == [Decimal("15.02"), Decimal("80.00"), Decimal("100.00"), Decimal("100.00")]
    assert [s.score for s in project.indicators] == [Decimal("4.506"), Decimal(16), Decimal(20), Decimal(20)]
    assert project.total == Decimal("69.51")
    assert "得分系数 15.02%" in project.indicators[0].formula
    assert [f for f in findings if f.code in PRINTED_CODES] == []


def test_without_the_coefficient_setting_the_score_is_direct(tmp_path: Path) -> None:
    """classic-ratio (same rules, no `coefficient`) gives 4.50 where the printed 4.51 came from 15.02%."""
    write_compact(tmp_path, PRINTED)
    scored, findings = _scored(tmp_path, "classic-ratio")
    first = scored.projects[0].indicators[0]
    assert first.coefficient is None and first.score == Decimal("4.5048")
    assert ("printed-score-differs", "项目绩效指标", "J4") in where(findings)


def test_a_printed_coefficient_that_disagrees_with_its_score_or_the_rule(tmp_path: Path) -> None:
    rows = [list(r) for r in PRINTED]
    rows[1][7], rows[1][9] = "80.00", 15  # 80% × 20 is 16, not the printed 15
    rows[2][7], rows[2][9] = "90", 18  # consistent with each other, but the date was met: 100%
    rows[3][7] = "100"  # a whole-percent coefficient: 100 × 20 = 20 within its rounding
    write_compact(tmp_path, rows)
    _, findings = _scored(tmp_path)
    printed = {(f.code, f.location.cell) for f in findings if f.code in PRINTED_CODES}
    assert printed == {
        ("printed-coefficient-score-differs", "H5"),
        ("printed-score-differs", "J5"),
        ("printed-coefficient-differs", "H6"),
        ("printed-score-differs", "J6"),
    }
    score_differs = next(f for f in findings if f.code == "printed-coefficient-score-differs")
    assert (score_differs.values["stated"], score_differs.values["expected"]) == (Decimal(15), Decimal("16.00"))
    rule_differs = next(f for f in findings if f.code == "printed-coefficient-differs")
    assert (rule_differs.values["stated"], rule_differs.values["expected"]) == (Decimal(90), Decimal(100))


def test_a_coefficient_printed_to_whole_percent_is_compared_at_that_precision(tmp_path: Path) -> None:
    """66.67% printed as "67": 67 × 30 = 20.1 is within half a point × 30 of the printed 20.00."""
    rows = [
        row("覆盖人数", "人", "正向", ">=300人", "200人", 30, "67", 20),
        row("培训费用", "万元", "反向", "<=10万元", "10万元", 20, "100", 20),
        row("完成时间", "", "正向", "2024年12月10日前", "2024年11月1日", 20, "100", 20),
        row("学员满意度", "%", "正向", ">=90%", "95%", 20, "100", 20),
    ]
    write_compact(tmp_path, rows)
    scored, findings = _scored(tmp_path)
    assert scored.projects[0].indicators[0].score == Decimal("20.001")  # 66.67% × 30
    assert [f for f in findings if f.code in PRINTED_CODES - {"printed-total-differs"}] == []


def test_a_slash_in_a_row_that_does_not_apply_is_not_a_printed_figure(tmp_path: Path) -> None:
    rows = [*PRINTED, ["甲项目", "其他指标", "/", "/", "/", "/", "/", "/", "/", "/", "/"]]
    write_compact(tmp_path, rows)
    scored, findings = _scored(tmp_path)
    last = scored.projects[0].indicators[-1]
    assert not last.applicable and last.indicator.printed_coefficient is None and last.indicator.printed_score is None
    assert [f for f in findings if f.code in PRINTED_CODES] == []
