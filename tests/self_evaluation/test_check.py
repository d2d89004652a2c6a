"""Checks on small inline workbooks: overrides, weights, funds, printed figures."""

from pathlib import Path

from generator.self_evaluation.check import CHECKS, check_self_evaluation
from generator.self_evaluation.load import load_self_evaluation
from generator.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation

from .builders import FUNDS, indicator_rows, profile, where, write_book


def _checked(
    folder: Path, name: str = "xinjiang-2024", **book: object
) -> tuple[ScoredSelfEvaluation, set[tuple[str, str | None, str | None]]]:
    write_book(folder, **book)  # type: ignore[arg-type]
    evaluation, findings = load_self_evaluation(folder)
    assert findings == [] and evaluation is not None
    scored = score_self_evaluation(evaluation, profile(name))
    return scored, where(check_self_evaluation(scored))


def test_a_clean_project_has_no_findings(tmp_path: Path) -> None:
    scored, found = _checked(tmp_path)
    assert found == set()
    # 执行率 90% is full marks under xinjiang-2024; 培训费 9 of <=10万元 costs 20 × (1 − 2.5 × 0.1) = 15
    assert scored.projects[0].total == 95


def test_overrides(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[0] = {**rows[0], "手工得分": 18, "手工得分原因": "专家评议扣分"}
    rows[1] = {**rows[1], "手工得分": 25}
    rows[3] = {**rows[3], "手工得分": 5, "手工得分原因": "部分指标未完成"}
    scored, found = _checked(tmp_path, indicators=rows)
    assert found == {
        ("score-override", "项目绩效指标", "O4"),
        ("score-override-no-reason", "项目绩效指标", "O5"),
        ("score-override-out-of-range", "项目绩效指标", "O5"),
        ("score-override", "项目绩效指标", "O7"),
        ("score-override-outside-tier", "项目绩效指标", "O7"),  # 达到预期指标 is the 80–100% tier
    }
    first = scored.projects[0].indicators[0]
    assert (first.rule_score, first.score) == (20, 18)


def test_weights_must_add_to_ninety(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[0] = {**rows[0], "权重": 25}
    _, found = _checked(tmp_path, indicators=rows)
    assert found == {("weight-total-mismatch", "项目绩效指标", "E4")}


def test_funds_total_and_execution(tmp_path: Path) -> None:
    funds = [
        {**FUNDS[0], "全年预算数": 10, "全年执行数": 11},
        {**FUNDS[1], "全年预算数": 8, "全年执行数": 9},
        {"资金来源": "其他资金", "年初预算数": 0, "全年预算数": 1.99, "全年执行数": 2},
    ]
    _, found = _checked(tmp_path, funds=funds)
    assert found == {
        ("funds-total-rounding", "项目资金", "D4"),  # 全年预算数 10 vs 8 + 1.99: a cent of 尾差
        ("executed-exceeds-budget", "项目资金", "E4"),
        ("executed-exceeds-budget", "项目资金", "E5"),
        ("executed-exceeds-budget", "项目资金", "E6"),
    }


def test_funds_total_mismatch_beyond_a_cent(tmp_path: Path) -> None:
    _, found = _checked(tmp_path, funds=[{**FUNDS[0], "年初预算数": 12}, FUNDS[1]])
    assert found == {("funds-total-mismatch", "项目资金", "C4")}


def test_printed_figures(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[0] = {**rows[0], "印刷完成率": "100%", "印刷得分": 20}
    rows[2] = {**rows[2], "印刷完成率": "90%", "印刷得分": 20}  # the cost rule gives 15
    project = {"项目名称": "甲项目", "主管部门": "某局", "实施单位": "某中心", "年度总体目标（预期目标）": "甲", "年度总体目标（实际完成情况）": "甲",
               "印刷执行率": "90.00%", "印刷执行率得分": 10, "印刷总分": "100.00分"}  # fmt: skip
    _, found = _checked(tmp_path, "classic-ratio", projects=[project], indicators=rows)
    assert found == {
        ("printed-rate-differs", "项目绩效指标", "M6"),  # classic: A/B = 111.11%
        ("printed-execution-score-differs", "项目概况", "H4"),  # classic: 10 × 90% = 9
        ("printed-total-differs", "项目概况", "I4"),
    }


def test_a_crashing_check_is_a_finding(tmp_path: Path, monkeypatch: object) -> None:
    import generator.self_evaluation.check as check_module

    def broken(table: object, profile: object) -> list[object]:
        raise RuntimeError("boom")

    write_book(tmp_path)
    evaluation, _ = load_self_evaluation(tmp_path)
    assert evaluation is not None
    scored = score_self_evaluation(evaluation, profile("xinjiang-2024"))
    monkeypatch.setattr(check_module, "CHECKS", (broken, *CHECKS))  # type: ignore[attr-defined]
    findings = check_module.check_self_evaluation(scored)
    assert [f.code for f in findings] == ["check-crashed"]
