"""Small builders shared by the performance tests: indicators from typed text, inline workbooks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from generator.compute.self_evaluation.score import ScoredIndicator, score_indicator
from generator.findings import Finding, Location
from generator.load.self_evaluation.blank_workbook import new_workbook, write_rows
from generator.load.self_evaluation.profiles import load_profile
from generator.self_evaluation.layout import PROJECT_FUNDS, PROJECT_INDICATORS, PROJECTS, SHEETS, WORKBOOK_NAME
from generator.self_evaluation.model import Indicator, Override
from generator.self_evaluation.profile import Profile
from generator.self_evaluation.targets import Measure, parse_measure

ROW = Location(file="t.xlsx", sheet="项目绩效指标", cell="4")


def profile(name: str) -> Profile:
    loaded, findings = load_profile(name)
    assert loaded is not None, findings
    return loaded


def measure(text: str) -> Measure:
    parsed = parse_measure(text, 2024)
    assert isinstance(parsed, Measure), parsed
    return parsed


def indicator(
    target: str,
    actual: str,
    weight: str | int = 10,
    rule: str = "按照完成比例赋分",
    level2: str = "数量指标",
    override: str | None = None,
) -> Indicator:
    return Indicator(
        level1="产出指标",
        level2=level2,
        level3="测试指标",
        weight=Decimal(str(weight)),
        target_text=target,
        actual_text=actual,
        target=measure(target),
        actual=measure(actual),
        rule_text=rule,
        override=None if override is None else Override(score=Decimal(override), reason="测试", location=ROW),
        row=ROW,
    )


def score(
    profile_name: str,
    target: str,
    actual: str,
    weight: str | int = 10,
    rule: str = "按照完成比例赋分",
    level2: str = "数量指标",
    kind: str = "project",
) -> ScoredIndicator:
    return score_indicator(indicator(target, actual, weight, rule, level2), profile(profile_name), kind)


def cents(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(Decimal("0.01"))


def where(findings: list[Finding]) -> set[tuple[str, str | None, str | None]]:
    """Findings as (code, sheet, cell): what tests assert on."""
    return {(f.code, f.location.sheet, f.location.cell) for f in findings}


# -- inline workbooks ------------------------------------------------------------------------------

PROJECT = {
    "项目名称": "甲项目",
    "主管部门": "某局",
    "实施单位": "某中心",
    "年度总体目标（预期目标）": "完成甲",
    "年度总体目标（实际完成情况）": "已完成甲",
}
FUNDS = [
    {"项目名称": "甲项目", "资金来源": "年度资金总额", "年初预算数": 10, "全年预算数": 10, "全年执行数": 9},
    {"资金来源": "当年财政拨款", "年初预算数": 10, "全年预算数": 10, "全年执行数": 9},
]


def indicator_rows() -> list[dict[str, object]]:
    """Five indicators of project 甲项目 whose weights add to 90; blanks mean "same as above"."""
    base = {"指标值设定依据": "计划标准", "上年完成情况": "/", "佐证资料": "工作资料", "偏差原因分析及改进措施": ""}
    return [
        {
            **base,
            "项目名称": "甲项目",
            "一级指标": "产出指标",
            "二级指标": "数量指标",
            "三级指标": "培训次数",
            "权重": 20,
            "目标值": ">=2次",
            "完成值": "=2次",
            "赋分规则": "按照完成比例赋分",
        },
        {
            **base,
            "二级指标": "时效指标",
            "三级指标": "完成时间",
            "权重": 20,
            "目标值": "2024年12月10日前",
            "完成值": "2024年11月1日",
            "赋分规则": "直接赋分",
        },
        {
            **base,
            "一级指标": "成本指标",
            "二级指标": "经济成本指标",
            "三级指标": "培训费",
            "权重": 20,
            "目标值": "<=10万元",
            "完成值": "=9万元",
            "赋分规则": "按照完成比例赋分",
        },
        {
            **base,
            "一级指标": "效益指标",
            "二级指标": "社会效益指标",
            "三级指标": "能力提升",
            "权重": 20,
            "目标值": "显著提升",
            "完成值": "达到预期指标",
            "赋分规则": "按评判等级赋分",
        },
        {
            **base,
            "一级指标": "满意度指标",
            "二级指标": "满意度指标",
            "三级指标": "学员满意度",
            "权重": 10,
            "目标值": ">=90%",
            "完成值": "=95%",
            "赋分规则": "满意度赋分",
        },
    ]


def write_book(
    folder: Path,
    projects: Sequence[Mapping[str, object]] | None = None,
    funds: Sequence[Mapping[str, object]] | None = None,
    indicators: Sequence[Mapping[str, object]] | None = None,
    extra: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
) -> Workbook:
    """Write 绩效自评表.xlsx into `folder` (one valid project by default) and return the openpyxl book."""
    book = new_workbook()
    write_rows(book[PROJECTS.name], PROJECTS, [PROJECT] if projects is None else projects)
    write_rows(book[PROJECT_FUNDS.name], PROJECT_FUNDS, FUNDS if funds is None else funds)
    write_rows(book[PROJECT_INDICATORS.name], PROJECT_INDICATORS, indicator_rows() if indicators is None else indicators)
    layouts = {layout.name: layout for layout in SHEETS}
    for name, rows in (extra or {}).items():
        write_rows(book[name], layouts[name], rows)
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / WORKBOOK_NAME)
    return book
