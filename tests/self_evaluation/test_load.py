"""The loader on small workbooks built inline; every bad cell gives its code at its cell."""

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from generator.load.self_evaluation.blank_workbook import write_empty_workbook
from generator.load.self_evaluation.reader import load_self_evaluation
from generator.self_evaluation.layout import WORKBOOK_NAME
from generator.self_evaluation.targets import Operator

from .builders import FUNDS, PROJECT, indicator_rows, where, write_book


def test_no_workbook_is_no_self_evaluation(tmp_path: Path) -> None:
    assert load_self_evaluation(tmp_path) == (None, [])


def test_empty_workbook_loads_empty(tmp_path: Path) -> None:
    write_empty_workbook(tmp_path / WORKBOOK_NAME)
    evaluation, findings = load_self_evaluation(tmp_path)
    assert findings == [] and evaluation is not None
    assert evaluation.projects == () and evaluation.unit is None


def test_valid_project(tmp_path: Path) -> None:
    folder = tmp_path / "2024"
    write_book(folder)
    evaluation, findings = load_self_evaluation(folder)
    assert findings == [] and evaluation is not None and evaluation.year == 2024
    (project,) = evaluation.projects
    assert (project.name, project.department, project.implementer) == ("甲项目", "某局", "某中心")
    assert project.funds.total is not None and project.funds.total.executed == Decimal(9)
    assert [line.source for line in project.funds.sources] == ["当年财政拨款"]
    # blank grouping cells are "same as above"
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("产出指标", "数量指标"), ("产出指标", "时效指标"), ("成本指标", "经济成本指标"), ("效益指标", "社会效益指标"), ("满意度指标", "满意度指标"),
    ]  # fmt: skip
    assert project.indicators[1].target is not None and project.indicators[1].target.operator is Operator.DEADLINE
    assert sum(i.weight or 0 for i in project.indicators) == 90


def _with(row: int, **cells: object) -> list[dict[str, object]]:
    rows = indicator_rows()
    rows[row] = {**rows[row], **cells}
    return rows


def test_bad_indicator_cells(tmp_path: Path) -> None:
    rows = _with(0, 权重="十", 目标值="约100次")
    rows[1] = {**rows[1], "完成值": ""}
    rows[2] = {**rows[2], "权重": -5}
    write_book(tmp_path, indicators=rows)
    evaluation, findings = load_self_evaluation(tmp_path)
    assert evaluation is not None
    assert where(findings) == {
        ("not-a-number", "项目绩效指标", "E4"),
        ("target-unparseable", "项目绩效指标", "F4"),
        ("actual-missing", "项目绩效指标", "G5"),
        ("weight-not-positive", "项目绩效指标", "E6"),
    }


def test_formula_without_cached_value(tmp_path: Path) -> None:
    book = write_book(tmp_path)
    book["项目绩效指标"]["E4"] = "=10+10"  # openpyxl stores the formula and no cached value
    book.save(tmp_path / WORKBOOK_NAME)
    _, findings = load_self_evaluation(tmp_path)
    assert ("formula-without-value", "项目绩效指标", "E4") in where(findings)


def test_blank_group_under_a_new_parent(tmp_path: Path) -> None:
    rows = indicator_rows()
    rows[2] = {**rows[2], "二级指标": ""}  # 一级 changed to 成本指标, so 二级 cannot be "same as above"
    write_book(tmp_path, indicators=rows)
    _, findings = load_self_evaluation(tmp_path)
    assert where(findings) == {("indicator-group-missing", "项目绩效指标", "C6")}


def test_projects_across_sheets(tmp_path: Path) -> None:
    other = {**PROJECT, "项目名称": "乙项目"}
    rows = [*indicator_rows(), {**indicator_rows()[0], "项目名称": "丙项目"}]
    write_book(tmp_path, projects=[PROJECT, other], indicators=rows)
    _, findings = load_self_evaluation(tmp_path)
    assert where(findings) == {
        ("project-unknown", "项目绩效指标", "A9"),  # 丙项目 is not in 项目概况
        ("project-funds-missing", "项目概况", "A5"),  # 乙项目 has no funds
        ("project-indicators-missing", "项目概况", "A5"),
    }


def test_indicators_of_a_project_without_funds(tmp_path: Path) -> None:
    write_book(tmp_path, funds=[{**FUNDS[0], "项目名称": "乙项目"}, FUNDS[1]])
    _, findings = load_self_evaluation(tmp_path)
    assert where(findings) == {("project-unknown", "项目资金", "A4"), ("project-funds-missing", "项目概况", "A4")}


def test_funds_sources(tmp_path: Path) -> None:
    funds = [FUNDS[0], {**FUNDS[1], "资金来源": "自筹"}, {**FUNDS[1]}, {**FUNDS[1]}]
    write_book(tmp_path, funds=funds)
    _, findings = load_self_evaluation(tmp_path)
    assert where(findings) == {("funds-source-unknown", "项目资金", "B5"), ("funds-source-duplicate", "项目资金", "B7")}


def test_amounts_in_yuan_when_the_sheet_says_so(tmp_path: Path) -> None:
    book = write_book(tmp_path, funds=[{**FUNDS[0], "年初预算数": 100000, "全年预算数": 98765.4, "全年执行数": 98765.4}])
    book["项目资金"]["A1"] = "项目资金（金额单位：元）"
    book.save(tmp_path / WORKBOOK_NAME)
    evaluation, findings = load_self_evaluation(tmp_path)
    assert findings == [] and evaluation is not None
    total = evaluation.projects[0].funds.total
    assert total is not None and (total.initial_budget, total.annual_budget) == (Decimal(10), Decimal("9.87654"))


def test_missing_sheet_and_column(tmp_path: Path) -> None:
    write_book(tmp_path)
    book = load_workbook(tmp_path / WORKBOOK_NAME)
    del book["整体资金"]
    book["项目绩效指标"].delete_cols(6)  # 目标值
    book.save(tmp_path / WORKBOOK_NAME)
    evaluation, findings = load_self_evaluation(tmp_path)
    assert evaluation is None
    assert where(findings) == {
        ("self-evaluation-sheet-missing", None, None),
        ("self-evaluation-column-missing", "项目绩效指标", "3"),
    }
    assert {f.values.get("header") for f in findings} == {None, "目标值"}


def test_override_and_printed_columns(tmp_path: Path) -> None:
    write_book(tmp_path, indicators=_with(0, 印刷完成率="97.95%", 印刷得分=18.98, 手工得分=19, 手工得分原因="专家评议"))
    evaluation, _ = load_self_evaluation(tmp_path)
    assert evaluation is not None
    first = evaluation.projects[0].indicators[0]
    assert (first.printed_rate, first.printed_score) == (Decimal("97.95"), Decimal("18.98"))
    assert first.override is not None and (first.override.score, first.override.reason, first.override.location.cell) == (
        Decimal(19),
        "专家评议",
        "O4",
    )


def test_unit_wide_sheets(tmp_path: Path) -> None:
    unit_rows = [{"单位名称": "某局", "年度总体目标（预期目标）": "目标", "年度总体目标（实际完成情况）": "完成"}]
    unit_funds = [
        {"资金来源": "本级资金", "年初预算数": 5, "全年预算数": 5, "全年执行数": 5},
        {"资金来源": "合计", "年初预算数": 5, "全年预算数": 5, "全年执行数": 5},
    ]
    unit_indicators = [
        {
            "一级指标": "履职效能",
            "二级指标": "数量指标",
            "三级指标": "付费",
            "预期指标值": "<=8个",
            "分值权重": 90,
            "实际完成指标值": "8个",
        }
    ]
    write_book(tmp_path, extra={"整体概况": unit_rows, "整体资金": unit_funds, "整体绩效指标": unit_indicators})
    evaluation, findings = load_self_evaluation(tmp_path)
    assert findings == [] and evaluation is not None and evaluation.unit is not None
    assert evaluation.unit.funds.total is not None and evaluation.unit.indicators[0].weight == 90


def test_unit_indicators_without_overview(tmp_path: Path) -> None:
    unit_indicators = [
        {
            "一级指标": "履职效能",
            "二级指标": "数量指标",
            "三级指标": "付费",
            "预期指标值": "<=8个",
            "分值权重": 90,
            "实际完成指标值": "8个",
        }
    ]
    write_book(tmp_path, extra={"整体绩效指标": unit_indicators})
    evaluation, findings = load_self_evaluation(tmp_path)
    assert evaluation is not None and evaluation.unit is None
    assert where(findings) == {("unit-overview-missing", "整体概况", None)}


def test_a_negative_amount_is_refused_at_its_cell_as_the_main_loader_does(tmp_path: Path) -> None:
    funds = [
        {"项目名称": "甲项目", "资金来源": "年度资金总额", "年初预算数": 10, "全年预算数": -10, "全年执行数": "-9万"},
        {"资金来源": "当年财政拨款", "年初预算数": 10, "全年预算数": 10, "全年执行数": 9},
    ]
    write_book(tmp_path, funds=funds)
    _, findings = load_self_evaluation(tmp_path)
    assert where(findings) == {("negative-amount", "项目资金", "D4"), ("negative-amount", "项目资金", "E4")}


def test_amounts_typed_with_their_unit(tmp_path: Path) -> None:
    funds = [
        {"项目名称": "甲项目", "资金来源": "年度资金总额", "年初预算数": "10万", "全年预算数": "10万元", "全年执行数": "90000元"},
        {"资金来源": "当年财政拨款", "年初预算数": 10, "全年预算数": "10万", "全年执行数": "9万"},
    ]
    write_book(tmp_path, funds=funds)
    evaluation, findings = load_self_evaluation(tmp_path)
    assert findings == [] and evaluation is not None
    total = evaluation.projects[0].funds.total
    assert total is not None and (total.initial_budget, total.annual_budget, total.executed) == (10, 10, 9)
