"""Properties of scoring: no score above its weight or below zero; 总分 = Σ parts."""

from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.compute.self_evaluation.score import score_self_evaluation
from generator.display import round_half_up as cents
from generator.findings import Location
from generator.self_evaluation.model import Funds, FundsLine, Indicator, Printed, ProjectTable, SelfEvaluation

from .builders import measure, profile

PROFILES = {name: profile(name) for name in ("xinjiang-2024", "classic-ratio", "chongqing-compact")}
ROW = Location(file="t.xlsx", sheet="项目绩效指标", cell="4")

_amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
_weights = st.decimals(min_value=Decimal("0.01"), max_value=40, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    kind = draw(st.sampled_from(["number", "number", "number", "date", "words"]))
    if kind == "number":
        op = draw(st.sampled_from([">=", "<=", "=", ""]))
        target_text = f"{op}{draw(_amounts)}万元"
        actual_text = f"={draw(_amounts)}万元"
    elif kind == "date":
        target_text, actual_text = "2024年12月10日前", f"2024年12月{draw(st.integers(1, 31))}日"
    else:
        target_text = "显著提升"
        actual_text = draw(st.sampled_from(["达到预期指标", "部分达成预期指标", "未达成预期指标", "显著提升"]))
    return Indicator(
        level1="产出指标",
        level2=draw(st.sampled_from(["数量指标", "经济成本指标"])),
        level3="指标",
        weight=draw(_weights),
        target_text=target_text,
        actual_text=actual_text,
        target=measure(target_text),
        actual=measure(actual_text),
        rule_text=draw(st.sampled_from(["按照完成比例赋分", "按评判等级赋分", "直接赋分", "满意度赋分", ""])),
        row=ROW,
    )


@settings(max_examples=150, deadline=None)
@given(items=st.lists(indicators(), min_size=1, max_size=12), budget=_amounts, executed=_amounts)
def test_scores_stay_within_their_weight_and_add_up(items: list[Indicator], budget: Decimal, executed: Decimal) -> None:
    total = FundsLine(source="年度资金总额", initial_budget=budget, annual_budget=budget, executed=executed)
    project = ProjectTable(
        name="甲", department="", implementer="", goal_expected="", goal_actual="", execution_weight=None,
        funds=Funds(total=total, sources=(), total_label="年度资金总额"), indicators=tuple(items), printed=Printed(), row=ROW,
    )  # fmt: skip
    evaluation = SelfEvaluation(source="t.xlsx", year=2024, unit=None, projects=(project,))
    for rules in PROFILES.values():
        for total_method in ("sum_of_rounded", "exact"):
            scored = score_self_evaluation(evaluation, rules.model_copy(update={"total": total_method})).projects[0]
            for s in scored.indicators:
                assert s.indicator.weight is not None
                assert Decimal(0) <= s.score <= s.indicator.weight
            assert Decimal(0) <= scored.execution_score <= scored.execution_weight
            parts = [scored.execution_score, *(s.score for s in scored.indicators)]
            if total_method == "exact":
                assert scored.total == sum(parts, Decimal(0))
            else:  # the printed parts add up to the printed total: no 尾差 in the table
                assert scored.total == sum((cents(p) for p in parts), Decimal(0))
            assert scored.total <= scored.execution_weight + sum((i.weight or 0 for i in items), Decimal(0))


@settings(max_examples=150, deadline=None)
@given(item=indicators())
def test_a_score_through_the_coefficient_is_the_coefficient_times_the_weight(item: Indicator) -> None:
    """chongqing-compact: 指标得分 = 得分系数 (two decimals, 0–100) × 权重, within 权重 × 0.005% of the direct score."""
    compact = PROFILES["chongqing-compact"]
    direct = score_self_evaluation(_alone(item), compact.model_copy(update={"coefficient": None})).projects[0].indicators[0]
    through = score_self_evaluation(_alone(item), compact).projects[0].indicators[0]
    assume(direct.rule_score is not None)  # a pair that cannot be compared has no coefficient either
    weight = item.weight
    assert weight is not None and through.coefficient is not None and direct.coefficient is None
    assert through.coefficient == through.coefficient.quantize(Decimal("0.01")) and 0 <= through.coefficient <= 100
    assert through.score == weight * through.coefficient / 100
    assert abs(through.score - direct.score) <= weight * Decimal("0.00005")


def _alone(item: Indicator) -> SelfEvaluation:
    total = FundsLine(source="年度资金总额", initial_budget=Decimal(1), annual_budget=Decimal(1), executed=Decimal(1))
    project = ProjectTable(
        name="甲", department="", implementer="", goal_expected="", goal_actual="", execution_weight=None,
        funds=Funds(total=total, sources=(), total_label="年度资金总额"), indicators=(item,), printed=Printed(), row=ROW,
    )  # fmt: skip
    return SelfEvaluation(source="t.xlsx", year=2024, unit=None, projects=(project,))
