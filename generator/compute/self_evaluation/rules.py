"""The scoring rules: from a comparison and a weight to (完成率, 得分, formula).

Each rule kind of a profile is one function. Scores are exact Decimals, never
negative and never above the weight; rounding happens only at display (and, when
the profile says so, to the rate a table prints before it scores on it). The
formula text says which rule was really applied: whether the ratio was inverted,
how an untyped target was read, which tier a qualitative value fell in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.compute.self_evaluation.compare import Comparison
from generator.display import round_half_up
from generator.self_evaluation.profile import MetFullRule, Profile, ProportionalRule, RatioRule, Rule, SatisfactionRule
from generator.self_evaluation.targets import Operator

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)


@dataclass(frozen=True)
class Scoring:
    rate: Decimal | None  # 完成率 as a ratio (1.4286 for 142.86%)
    score: Decimal
    formula: str  # how the score was obtained, for people


@dataclass(frozen=True)
class Rate:
    value: Decimal
    how: str  # "完成值/目标值", "目标值/完成值（反向指标取倒数）"


def rounded_rate(rate: Decimal, places: int | None) -> Decimal:
    """A rate as the table prints it before scoring on it (places of a percentage), or exact."""
    return rate if places is None else round_half_up(rate * HUNDRED, places) / HUNDRED


def completion_rate(comparison: Comparison, method: str, places: int | None = None) -> Rate:
    """完成率: B/A always (actual_over_target), or B/A for floors and A/B for ceilings (by_direction)."""
    if comparison.kind == "words":
        assert comparison.fraction is not None
        return Rate(comparison.fraction, "定性档次")
    if comparison.kind == "date":
        return Rate(ONE if comparison.met else ZERO, "按期")
    a, b = comparison.target, comparison.actual
    assert a is not None and b is not None
    inverted = comparison.operator.is_reverse or (comparison.operator is Operator.EQUAL and b > a)
    if method == "by_direction" and inverted:
        why = "反向指标" if comparison.operator.is_reverse else "等于指标超过目标值"
        value = a / b if b > 0 else ONE  # nothing spent against a ceiling: fully met
        return Rate(rounded_rate(value, places), f"目标值/完成值（{why}，取倒数）")
    value = b / a if a != 0 else (ONE if comparison.met else ZERO)
    return Rate(rounded_rate(value, places), "完成值/目标值")


def apply_rule(rule: Rule, comparison: Comparison, weight: Decimal, profile: Profile, secondary: str) -> Scoring:
    """The score `rule` gives for `comparison`; `secondary` is the 二级指标 (the cost rule may depend on it)."""
    scoring = _apply(rule, comparison, weight, profile, secondary)
    if comparison.reading:
        return Scoring(scoring.rate, scoring.score, f"{comparison.reading}；{scoring.formula}")
    return scoring


def _apply(rule: Rule, comparison: Comparison, weight: Decimal, profile: Profile, secondary: str) -> Scoring:
    method, places = profile.completion_rate, profile.rate_places
    if comparison.kind != "number":
        share = completion_rate(comparison, method, places).value
        if comparison.kind == "date":
            return Scoring(share, weight if comparison.met else ZERO, "按期完成得满分" if comparison.met else "未按期完成不得分")
        assert comparison.tier is not None
        return Scoring(share, weight * share, f"定性指标「{comparison.tier.label}」档，得 权重×{_pct(share)}")
    if (
        profile.equal_exceeded == "full"
        and comparison.operator is Operator.EQUAL
        and comparison.actual is not None
        and comparison.target is not None
        and comparison.actual >= comparison.target
    ):
        reached = completion_rate(comparison, "actual_over_target", places)
        return Scoring(reached.value, weight, "等于指标达到或超过目标值，按不低于计满分")
    if isinstance(rule, RatioRule):
        return _ratio(rule, comparison, weight, method, places, secondary)
    if isinstance(rule, ProportionalRule):
        rate = completion_rate(comparison, method, places)
        return Scoring(rate.value, weight * _clamp(rate.value), f"权重×完成率（{rate.how}），以权重为上限")
    if isinstance(rule, MetFullRule):
        rate = completion_rate(comparison, method, places)
        return _met_or(rule.otherwise, comparison.met, rate, weight)
    assert isinstance(rule, SatisfactionRule)
    a, b = comparison.target, comparison.actual
    assert a is not None and b is not None
    value = rounded_rate(b / a, places) if a != 0 else ONE
    return _met_or(rule.otherwise, b >= a, Rate(value, "完成值/目标值"), weight)


def _met_or(otherwise: str, met: bool, rate: Rate, weight: Decimal) -> Scoring:
    if met:
        return Scoring(rate.value, weight, "达到目标值得满分")
    if otherwise == "zero":
        return Scoring(rate.value, ZERO, "未达到目标值不得分")
    return Scoring(rate.value, weight * _clamp(rate.value), f"未达到目标值，权重×完成率（{rate.how}）")


def _ratio(rule: RatioRule, comparison: Comparison, weight: Decimal, method: str, places: int | None, secondary: str) -> Scoring:
    a, b = comparison.target, comparison.actual
    assert a is not None and b is not None
    rate = completion_rate(comparison, method, places)
    if comparison.operator.is_reverse and b < a:
        applies = not rule.cost_penalty_secondary or any(word in secondary for word in rule.cost_penalty_secondary)
        if rule.reverse_below_target == "cost_penalty" and applies:
            factor = rule.cost_penalty_factor
            saving = b / a if a != 0 else ONE
            return Scoring(
                rate.value,
                weight * _clamp(ONE - factor * (ONE - saving)),
                f"低于目标值，权重×(1−{factor}×(1−完成值/目标值))",
            )
        return Scoring(rate.value, weight, "未超过目标值得满分")
    if rate.value > ONE:
        if rule.above_target == "symmetric_penalty":
            return Scoring(rate.value, weight * _clamp(2 * ONE - rate.value), f"超过目标值，权重×(1−(完成率−1))，完成率={rate.how}")
        return Scoring(rate.value, weight, "超过目标值，以权重为上限")
    return Scoring(rate.value, weight * _clamp(rate.value), f"权重×完成率（{rate.how}）")


def _clamp(share: Decimal) -> Decimal:
    """A share of the weight kept within [0, 1]: no score is negative or above its weight."""
    return max(ZERO, min(ONE, share))


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"
