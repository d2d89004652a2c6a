"""Checks on small inline workbooks: overrides, weights, funds, printed figures."""

from pathlib import Path

from generator.check.self_evaluation import SELF_EVALUATION_RULES, check_self_evaluation
from generator.compute.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation
from generator.load.self_evaluation.reader import load_self_evaluation

from .builders import FUNDS, PROJECT, indicator_rows, profile, where, write_book


def _checked(
    folder: Path, name: str = "xinjiang-2024", **book: object
) -> tuple[ScoredSelfEvaluation, set[tuple[str, str | None, str | None]]]:
    write_book(folder, **book)  # type: ignore[arg-type]
    evaluation, findings = load_self_evaluation(folder)
    assert findings == [] and evaluation is not None
    scored = score_self_evaluation(evaluation, profile(name))
    # execution-full-marks (xinjiang-2024 at a rate under 100%) is tested on its own in test_inspections.py
    return scored, where(f for f in check_self_evaluation(scored) if f.code != "execution-full-marks")


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
    import generator.check.self_evaluation as check_module

    @check_module.each_table("total-provisional")
    def broken(table: object, profile: object) -> list[object]:
        raise RuntimeError("boom")

    write_book(tmp_path)
    evaluation, _ = load_self_evaluation(tmp_path)
    assert evaluation is not None
    scored = score_self_evaluation(evaluation, profile("xinjiang-2024"))
    monkeypatch.setattr(check_module, "SELF_EVALUATION_RULES", (broken, *SELF_EVALUATION_RULES))  # type: ignore[attr-defined]
    findings = check_module.check_self_evaluation(scored)
    codes = [f.code for f in findings if f.code != "execution-full-marks"]
    assert codes == ["crashed"] and findings[0].values["stage"] == "rule" and findings[0].location.field == "self_evaluation.broken"


PROJECT_ROW = {"项目名称": "甲项目", "主管部门": "某局", "实施单位": "某中心", "年度总体目标（预期目标）": "甲", "年度总体目标（实际完成情况）": "甲"}
UNIT_ROW = {"单位名称": "某局", "年度总体目标（预期目标）": "甲", "年度总体目标（实际完成情况）": "甲"}
UNIT_INDICATORS = [
    {"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "办件数", "预期指标值": ">=10件", "分值权重": 90, "实际完成指标值": "12件"}
]


def test_unit_funds_with_fiscal_sub_rows(tmp_path: Path) -> None:
    funds = [
        {"资金来源": "财政拨款", "年初预算数": 90, "全年预算数": 90, "全年执行数": 90},
        {"资金来源": "其中：当年财政拨款", "年初预算数": 80, "全年预算数": 80, "全年执行数": 80},
        {"资金来源": "上年结转资金", "年初预算数": 10, "全年预算数": 12, "全年执行数": 10},
        {"资金来源": "其他资金", "年初预算数": 10, "全年预算数": 10, "全年执行数": 10},
        {"资金来源": "合计", "年初预算数": 100, "全年预算数": 100, "全年执行数": 100},
    ]
    scored, found = _checked(tmp_path, extra={"整体概况": [UNIT_ROW], "整体资金": funds, "整体绩效指标": UNIT_INDICATORS})
    unit = scored.unit
    assert unit is not None
    assert [(line.source, line.parent) for line in unit.table.funds.sources] == [
        ("财政拨款", ""), ("当年财政拨款", "财政拨款"), ("上年结转资金", "财政拨款"), ("其他资金", ""),
    ]  # fmt: skip
    assert unit.funds.annual_budget == 100 and unit.execution_rate == 1
    assert found == {("funds-total-mismatch", "整体资金", "C4")}  # 财政拨款 90 vs 80 + 12


def test_a_yuan_workbook_has_a_yuan_tolerance(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    funds = [
        {**FUNDS[0], "年初预算数": 100000, "全年预算数": 100000, "全年执行数": 90000},
        {**FUNDS[1], "年初预算数": 99999, "全年预算数": 100000, "全年执行数": 90000},
    ]
    write_book(tmp_path, funds=funds)
    book = load_workbook(tmp_path / "绩效自评表.xlsx")
    book["项目资金"]["A1"] = "项目支出绩效自评：项目资金（金额单位：元）"
    book.save(tmp_path / "绩效自评表.xlsx")
    evaluation, findings = load_self_evaluation(tmp_path)
    assert findings == [] and evaluation is not None
    found = where(check_self_evaluation(score_self_evaluation(evaluation, profile("xinjiang-2024"))))
    assert found - {("execution-full-marks", "项目概况", "H4")} == {("funds-total-mismatch", "项目资金", "C4")}  # 1 元 is no 尾差 in a 元 workbook


def test_printed_parts_against_the_printed_total_both_ways(tmp_path: Path) -> None:
    rows = [{**row, "印刷得分": row["权重"]} for row in indicator_rows()]  # 20+20+20+20+10 = 90
    project = {**PROJECT_ROW, "印刷总分": "98"}  # no 印刷执行率得分: parts 90 against 98
    _, found = _checked(tmp_path, "classic-ratio", projects=[project], indicators=rows)
    assert ("printed-parts-total-differs", "项目概况", "I4") in found


def test_printed_parts_that_add_up_are_quiet(tmp_path: Path) -> None:
    rows = [{**row, "印刷得分": row["权重"]} for row in indicator_rows()]
    project = {**PROJECT_ROW, "印刷执行率得分": 10, "印刷总分": "100"}
    _, found = _checked(tmp_path, "classic-ratio", projects=[project], indicators=rows)
    assert not {code for code, _, _ in found} & {"printed-parts-total-differs"}


def test_printed_grade_and_stated_weights(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[0] = {**rows[0], "一级指标": "产出指标（50分）", "二级指标": "数量指标（20分）"}
    rows[1] = {**rows[1], "二级指标": "时效指标（10分）"}  # its row weighs 20
    project = {**PROJECT_ROW, "印刷等级": "良"}  # 95 is 优 under xinjiang-2024
    _, found = _checked(tmp_path, projects=[project], indicators=rows)
    assert found == {
        ("printed-grade-differs", "项目概况", "J4"),
        ("stated-weight-mismatch", "项目绩效指标", "B4"),  # 产出指标（50分）: rows 20 + 20
        ("stated-weight-mismatch", "项目绩效指标", "C5"),  # 时效指标（10分）: row 20
    }


def test_a_printed_grade_in_its_band_is_quiet(tmp_path: Path) -> None:
    _, found = _checked(tmp_path, projects=[{**PROJECT_ROW, "印刷等级": "优"}])
    assert found == set()


def test_template_residue_and_doubled_words_in_written_texts(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[0] = {**rows[0], "偏差原因分析及改进措施": "待补充"}
    rows[1] = {**rows[1], "佐证资料": "工作资料资料"}
    project = {**PROJECT, "年度总体目标（实际完成情况）": "已完成XX项工作"}
    _, found = _checked(tmp_path, projects=[project], indicators=rows)
    assert {f for f in found if f[0].startswith("text-")} == {
        ("text-placeholder", "项目概况", "E4"),
        ("text-placeholder", "项目绩效指标", "L4"),
        ("text-repeated", "项目绩效指标", "K5"),
    }


def _column(sheet_layout: object, header: str) -> str:
    """The letter of HEADER's column in a sheet written by write_rows (the layout's order)."""
    from openpyxl.utils import get_column_letter

    headers = [c.header for c in sheet_layout.columns]  # type: ignore[attr-defined]
    return get_column_letter(headers.index(header) + 1)


def test_printed_execution_rate_and_a_weight_other_than_the_profiles(tmp_path: Path) -> None:
    from generator.self_evaluation.layout import PROJECTS

    project = {**PROJECT, "分值": 8, "印刷执行率": "95%"}  # 执行数 9 of 10 is 90%; xinjiang-2024 gives 执行率 10 分
    _, found = _checked(tmp_path / "a", projects=[project])
    assert found == {
        ("printed-execution-rate-differs", "项目概况", f"{_column(PROJECTS, '印刷执行率')}4"),
        ("execution-weight-mismatch", "项目概况", f"{_column(PROJECTS, '分值')}4"),
    }
    _, clean = _checked(tmp_path / "b", projects=[{**PROJECT, "分值": 10, "印刷执行率": "90%"}])
    assert clean == set()


def test_an_annual_budget_of_zero_cannot_give_a_rate(tmp_path: Path) -> None:
    from generator.self_evaluation.layout import PROJECT_FUNDS

    funds = [{**line, "全年预算数": 0, "全年执行数": 0} for line in FUNDS]
    _, found = _checked(tmp_path, funds=funds)
    assert found == {("annual-budget-missing", "项目资金", f"{_column(PROJECT_FUNDS, '全年预算数')}4")}


def test_a_doubled_mark_in_a_text_is_named_at_its_cell(tmp_path: Path) -> None:
    from generator.self_evaluation.layout import PROJECT_INDICATORS

    rows = indicator_rows()
    rows[1] = {**rows[1], "佐证资料": "工作资料。。"}
    _, found = _checked(tmp_path, indicators=rows)
    assert found == {("text-repeated", "项目绩效指标", f"{_column(PROJECT_INDICATORS, '佐证资料')}5")}
