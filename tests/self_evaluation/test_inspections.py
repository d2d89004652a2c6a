"""What reviewers of 绩效自评表 look for (issue 24): missed targets explained, indicator classes covered,
percentages typed as fractions, printed rates at their own precision, web markup, full execution marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.self_evaluation import check_self_evaluation
from generator.compute.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation
from generator.display import round_half_up
from generator.load.self_evaluation.reader import load_self_evaluation

from .builders import PROJECT, indicator_rows, profile, where, write_book

Found = set[tuple[str, str | None, str | None]]


def _checked(folder: Path, name: str = "classic-ratio", **book: object) -> tuple[ScoredSelfEvaluation, Found]:
    write_book(folder, **book)  # type: ignore[arg-type]
    evaluation, findings = load_self_evaluation(folder)
    assert evaluation is not None
    scored = score_self_evaluation(evaluation, profile(name))
    return scored, where(findings) | where(check_self_evaluation(scored))


def _rows(index: int, **changes: object) -> list[dict[str, object]]:
    rows = indicator_rows()
    rows[index] = {**rows[index], **changes}
    return rows


def test_a_missed_target_without_a_reason_is_named_at_the_reason_cell(tmp_path: Path) -> None:
    _, found = _checked(tmp_path, indicators=_rows(0, 完成值="=1次"))
    assert ("deviation-reason-missing", "项目绩效指标", "L4") in found


@pytest.mark.parametrize(
    "changes",
    [
        {"完成值": "=1次", "偏差原因分析及改进措施": "场地改造，第二次培训顺延至次年一月"},  # missed, explained
        {"完成值": "=3次"},  # met
        {"目标值": "/", "完成值": "/", "权重": None},  # not applicable
    ],
)
def test_a_met_or_explained_or_inapplicable_row_needs_no_reason(tmp_path: Path, changes: dict[str, object]) -> None:
    _, found = _checked(tmp_path, indicators=_rows(0, **changes))
    assert not any(code == "deviation-reason-missing" for code, _, _ in found)


def test_a_qualitative_target_not_reached_needs_a_reason_too(tmp_path: Path) -> None:
    _, found = _checked(tmp_path, indicators=_rows(3, 完成值="部分达成预期指标"))
    assert ("deviation-reason-missing", "项目绩效指标", "L7") in found


@pytest.mark.parametrize(("dropped", "missing"), [("效益指标", ["效益"]), ("满意度指标", ["满意度"])])
def test_a_project_table_without_an_indicator_class_is_named(tmp_path: Path, dropped: str, missing: list[str]) -> None:
    rows = indicator_rows()
    index = next(i for i, row in enumerate(rows) if row.get("一级指标") == dropped)
    rows[index] = {**rows[index], "一级指标": "产出指标"}
    write_book(tmp_path, indicators=rows)
    evaluation, _ = load_self_evaluation(tmp_path)
    assert evaluation is not None
    findings = check_self_evaluation(score_self_evaluation(evaluation, profile("classic-ratio")))
    (finding,) = [f for f in findings if f.code == "indicator-class-missing"]
    assert finding.values["missing"] == missing and finding.location.sheet == "项目绩效指标"


def test_all_three_classes_present_is_quiet(tmp_path: Path) -> None:
    _, found = _checked(tmp_path)
    assert not any(code == "indicator-class-missing" for code, _, _ in found)


def test_a_percentage_pasted_as_a_fraction_is_an_error_and_does_not_sink_the_total(tmp_path: Path) -> None:
    typed, _ = _checked(tmp_path / "a", indicators=_rows(4, 完成值="93%"))
    pasted, found = _checked(tmp_path / "b", indicators=_rows(4, 完成值=0.93))
    assert ("percent-as-fraction", "项目绩效指标", "G8") in found
    assert ("unit-missing", "项目绩效指标", "G8") not in found
    assert round_half_up(pasted.projects[0].total) == round_half_up(typed.projects[0].total)


@pytest.mark.parametrize(("target", "actual"), [(">=1%", "0.5"), (">=0.9", "0.93"), (">=95%", "93%"), (">=95%", "1.5")])
def test_a_fraction_that_can_be_meant_is_not_flagged(tmp_path: Path, target: str, actual: str) -> None:
    _, found = _checked(tmp_path, indicators=_rows(4, 目标值=target, 完成值=actual))
    assert not any(code == "percent-as-fraction" for code, _, _ in found)


@pytest.mark.parametrize(
    ("printed", "differs"),
    [("35%", False), (0.35, False), ("34.62%", False), ("35.00%", True), ("34%", True), ("34.6%", False), ("34.7%", True)],
)
def test_a_printed_rate_is_compared_at_the_precision_printed(tmp_path: Path, printed: object, differs: bool) -> None:
    # 培训次数 >=26次, 完成 9次: 34.615…%
    _, found = _checked(tmp_path, indicators=_rows(0, 目标值=">=26次", 完成值="=9次", 印刷完成率=printed, 偏差原因分析及改进措施="x"))
    assert (("printed-rate-differs", "项目绩效指标", "M4") in found) is differs


@pytest.mark.parametrize("markup", ["<p>完成甲</p>", "完成甲<br/>", "完成&nbsp;甲"])
def test_web_markup_in_a_goal_is_flagged(tmp_path: Path, markup: str) -> None:
    _, found = _checked(tmp_path, projects=[{**PROJECT, "年度总体目标（预期目标）": markup}])
    assert any(code == "text-markup" and sheet == "项目概况" for code, sheet, _ in found)


@pytest.mark.parametrize("text", ["完成甲（<=3次）", "A<B 的比较", "指标 >= 95%"])
def test_comparison_signs_are_not_markup(tmp_path: Path, text: str) -> None:
    _, found = _checked(tmp_path, projects=[{**PROJECT, "年度总体目标（预期目标）": text}])
    assert not any(code == "text-markup" for code, _, _ in found)


def test_full_execution_marks_at_a_low_rate_are_stated(tmp_path: Path) -> None:
    funds = [
        {"项目名称": "甲项目", "资金来源": "年度资金总额", "年初预算数": 100, "全年预算数": 100, "全年执行数": 34.61},
        {"资金来源": "当年财政拨款", "年初预算数": 100, "全年预算数": 100, "全年执行数": 34.61},
    ]
    scored, found = _checked(tmp_path / "x", "xinjiang-2024", funds=funds)
    assert scored.projects[0].execution_score == 10
    assert ("execution-full-marks", "项目概况", "H4") in found  # at the 印刷执行率得分 cell
    _, proportional = _checked(tmp_path / "y", "classic-ratio", funds=funds)
    assert not any(code == "execution-full-marks" for code, _, _ in proportional)


def test_full_execution_marks_at_a_full_rate_say_nothing(tmp_path: Path) -> None:
    funds = [
        {"项目名称": "甲项目", "资金来源": "年度资金总额", "年初预算数": 10, "全年预算数": 10, "全年执行数": 10},
        {"资金来源": "当年财政拨款", "年初预算数": 10, "全年预算数": 10, "全年执行数": 10},
    ]
    _, found = _checked(tmp_path, "xinjiang-2024", funds=funds)
    assert not any(code == "execution-full-marks" for code, _, _ in found)
