"""The scoring rules: from a comparison and a weight to (完成率, 得分, formula).

Each rule kind of a profile is one function. Scores are exact Decimals, never
negative and never above the weight; rounding happens only at display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.self_evaluation.compare import Comparison
from generator.self_evaluation.profile import MetFullRule, ProportionalRule, RatioRule, Rule, SatisfactionRule

ZERO, ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True)
class Scoring:
    rate: Decimal | None  # 完成率 as a ratio (1.4286 for 142.86%)
    score: Decimal
    formula: str  # how the score was obtained, for people


def completion_rate(comparison: Comparison, method: str) -> Decimal:
    """完成率: B/A always (actual_over_target), or B/A for floors and A/B for ceilings (by_direction)."""
    if comparison.kind == "words":
        assert comparison.tier is not None
        return comparison.tier.fraction
    if comparison.kind == "date":
        return ONE if comparison.met else ZERO
    a, b = comparison.target, comparison.actual
    assert a is not None and b is not None
    if method == "by_direction" and (comparison.operator.is_reverse or (comparison.operator.value == "=" and b > a)):
        return a / b if b != 0 else ONE  # nothing spent against a ceiling: fully met
    return b / a if a != 0 else (ONE if comparison.met else ZERO)


def apply_rule(rule: Rule, comparison: Comparison, weight: Decimal, method: str, secondary: str) -> Scoring:
    """The score `rule` gives for `comparison`; `secondary` is the 二级指标 (the cost rule may depend on it)."""
    if comparison.kind != "number":
        rate = completion_rate(comparison, method)
        if comparison.kind == "date":
            return Scoring(rate, weight if comparison.met else ZERO, "按期完成得满分" if comparison.met else "未按期完成不得分")
        assert comparison.tier is not None
        return Scoring(rate, weight * rate, f"定性指标「{comparison.tier.label}」档，得 权重×{_pct(rate)}")
    if isinstance(rule, RatioRule):
        return _ratio(rule, comparison, weight, method, secondary)
    if isinstance(rule, ProportionalRule):
        rate = completion_rate(comparison, method)
        return Scoring(rate, weight * _clamp(rate), "权重×完成率，以权重为上限")
    if isinstance(rule, MetFullRule):
        rate = completion_rate(comparison, method)
        return _met_or(rule.otherwise, comparison.met, rate, weight)
    assert isinstance(rule, SatisfactionRule)
    a, b = comparison.target, comparison.actual
    assert a is not None and b is not None
    rate = b / a if a != 0 else ONE
    return _met_or(rule.otherwise, b >= a, rate, weight)


def _met_or(otherwise: str, met: bool, rate: Decimal, weight: Decimal) -> Scoring:
    if met:
        return Scoring(rate, weight, "达到目标值得满分")
    if otherwise == "zero":
        return Scoring(rate, ZERO, "未达到目标值不得分")
    return Scoring(rate, weight * _clamp(rate), "未达到目标值，权重×完成率")


def _ratio(rule: RatioRule, comparison: Comparison, weight: Decimal, method: str, secondary: str) -> Scoring:
    a, b = comparison.target, comparison.actual
    assert a is not None and b is not None
    rate = completion_rate(comparison, method)
    if comparison.operator.is_reverse and b < a:
        applies = not rule.cost_penalty_secondary or any(word in secondary for word in rule.cost_penalty_secondary)
        if rule.reverse_below_target == "cost_penalty" and applies:
            factor = rule.cost_penalty_factor
            saving = b / a if a != 0 else ONE
            return Scoring(
                rate, weight * _clamp(ONE - factor * (ONE - saving)), f"低于目标值，权重×(1−{factor}×(1−完成值/目标值))"
            )
        return Scoring(rate, weight, "未超过目标值得满分")
    if rate > ONE:
        if rule.above_target == "symmetric_penalty":
            return Scoring(rate, weight * _clamp(2 * ONE - rate), "超过目标值，权重×(1−(完成率−1))")
        return Scoring(rate, weight, "超过目标值，以权重为上限")
    return Scoring(rate, weight * _clamp(rate), "权重×完成率")


def _clamp(share: Decimal) -> Decimal:
    """A share of the weight kept within [0, 1]: no score is negative or above its weight."""
    return max(ZERO, min(ONE, share))


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"
