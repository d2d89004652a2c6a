"""Comparing a completed value with its target: met or not, and the numbers to divide.

Numbers are brought to the target's unit first (万元 vs 元 converts, 人 vs 次
does not; a bare 万 takes the other side's unit); a target typed without an
operator ("90%") is read as the profile says (≥ for most indicators, ≤ for cost
and time); dates are met on or before the deadline; a deadline relative to a
period compares its days; a change relative to last year compares its size in
its direction; qualitative values, and a percentage written against a
qualitative target ("100%" for 逐步改善), are placed in a tier of the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.display import format_plain
from generator.findings import Finding, emit
from generator.self_evaluation.model import Indicator
from generator.self_evaluation.profile import READING_NAMES, Profile, QualitativeTier
from generator.self_evaluation.targets import Measure, Operator
from generator.self_evaluation.units import conversion_factor, is_bare_scale, with_scale_of

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Comparison:
    kind: str  # number / date / words
    operator: Operator  # the target's, as read (an untyped target's operator comes from the profile)
    met: bool
    target: Decimal | None = None  # A, numbers only
    actual: Decimal | None = None  # B, in the target's unit
    tier: QualitativeTier | None = None
    fraction: Decimal | None = None  # the share of 权重 a qualitative value earns (the tier's, or its percentage)
    reading: str = ""  # how the values were read, for the formula text ("无符号目标值按不低于")


def compare(indicator: Indicator, profile: Profile) -> tuple[Comparison | None, list[Finding]]:
    """The comparison, or None with the finding that makes the indicator unscorable."""
    target, actual = indicator.target, indicator.actual
    assert target is not None and actual is not None  # callers skip unparsed rows; the loader reported them
    where = indicator.cells.get("完成值", indicator.row)
    tiers = profile.qualitative_tiers
    if target.kind == "period" and actual.kind in ("period", "number") and _is_days(actual):
        return _numbers(indicator, target, actual, profile)
    if target.kind == "change" and actual.kind in ("change", "number"):
        return _change(indicator, target, actual, profile)
    if target.kind == "number" and actual.kind == "number":
        return _numbers(indicator, target, actual, profile)
    if target.kind == "date" and actual.kind == "date":
        assert target.date is not None and actual.date is not None
        return Comparison(kind="date", operator=target.operator, met=actual.date <= target.date), []
    qualitative_target = target.kind in ("date", "words", "period", "change")
    if qualitative_target and actual.kind == "words":
        tier = tier_of(actual.words, target.words or target.text, tiers)
        if tier is None:
            return None, [
                emit("qualitative-actual-unclear", where, target=target.text, actual=actual.text)
            ]
        return Comparison(kind="words", operator=target.operator, met=tier is tiers[0], tier=tier, fraction=tier.fraction), []
    if qualitative_target and actual.kind == "number" and actual.unit == "%" and actual.number is not None:
        return _percent_of_qualitative(target, actual, profile), []
    # A qualitative target against a measured number ("大约一百" against "=1年"): the target is what to rewrite.
    at_target = target.kind == "words" and actual.kind == "number"
    return None, [
        emit(
            "actual-incomparable",
            indicator.cells.get("目标值", indicator.row) if at_target else where,
            target=target.text,
            actual=actual.text,
            actual_kind=_KIND_NAMES[actual.kind],
            target_kind=_KIND_NAMES[target.kind],
        )
    ]


_KIND_NAMES = {
    "number": "数值",
    "date": "日期",
    "words": "定性描述",
    "period": "相对期限",
    "change": "较上年变化",
    "none": "不适用",
}


def _is_days(measure: Measure) -> bool:
    return measure.kind == "period" or measure.unit in ("日", "天", "工作日")


def _percent_of_qualitative(target: Measure, actual: Measure, profile: Profile) -> Comparison:
    """"100%" written against 逐步改善: the percentage places the value in a tier."""
    assert actual.number is not None
    share = actual.number / _HUNDRED
    tiers = profile.qualitative_tiers
    tier = next((t for t in tiers if share >= t.min_fraction), tiers[-1])
    if profile.qualitative_percent == "tier_fraction":
        fraction, how = tier.fraction, f"完成值{actual.text}归入「{tier.label}」档"
    else:
        fraction = min(max(share, tier.min_fraction), tier.max_fraction)
        how = f"完成值{actual.text}归入「{tier.label}」档，按该百分比在档内计分"
    return Comparison(kind="words", operator=target.operator, met=tier is tiers[0], tier=tier, fraction=fraction, reading=how)


def resolve_operator(target: Measure, level2: str, profile: Profile, nature: str = "", level1: str = "") -> tuple[Operator, str, str]:
    """The target's operator: as typed; for "90%" without one, what its 指标性质 (正向/反向) says,
    else what the profile reads it as for the indicator's class. Then the text naming the reading
    used and its key (at_least, at_most, equal, ratio); both "" when the operator was typed."""
    if target.operator_typed or target.operator is not Operator.EQUAL or target.kind not in ("number", "period", "change"):
        return target.operator, "", ""
    if "反向" in nature or "正向" in nature:
        operator = Operator.AT_MOST if "反向" in nature else Operator.AT_LEAST
        name = "不高于" if operator is Operator.AT_MOST else "不低于"
        return operator, f"目标值未写比较符号，按指标性质「{nature}」读作{name}", "at_most" if operator is Operator.AT_MOST else "at_least"
    reading, why = profile.untyped_operator.reading_for(level1, level2)
    return READING_OPERATORS[reading], f"目标值未写比较符号，按评分规则（{why}）读作{READING_NAMES[reading]}", reading


# `ratio` divides 完成值 by 目标值 and caps at 权重: the arithmetic of a floor, whichever side the value falls.
READING_OPERATORS = {"at_least": Operator.AT_LEAST, "at_most": Operator.AT_MOST, "equal": Operator.EQUAL, "ratio": Operator.AT_LEAST}


def _units(target: Measure, actual: Measure) -> tuple[str, str]:
    """Units to compare: a bare 万 takes the other side's unit."""
    t, a = target.unit, actual.unit
    if is_bare_scale(a) and t:
        a = with_scale_of(a, t)
    if is_bare_scale(t) and a:
        t = with_scale_of(t, a)
    return t, a


def _numbers(indicator: Indicator, target: Measure, actual: Measure, profile: Profile) -> tuple[Comparison | None, list[Finding]]:
    assert target.number is not None and actual.number is not None
    where = indicator.cells.get("完成值", indicator.row)
    findings: list[Finding] = []
    b = actual.number
    target_unit, actual_unit = _units(target, actual)
    if target.kind == "period" or actual.kind == "period":
        target_unit, actual_unit = target.unit, actual.unit.replace("天", "日")
    if fraction_for_percent(target, actual):
        b, actual_unit = b * _HUNDRED, target_unit  # 93% pasted as 0.93: scored as 93%, and said
        findings.append(
            emit("percent-as-fraction", where, target=target.text, actual=actual.text, read_as=b, indicator=indicator.level3, read_as_text=format_plain(b))
        )
    if target_unit and actual_unit and target_unit != actual_unit:
        factor = conversion_factor(actual_unit, target_unit)
        if factor is None:
            return None, [
                emit("unit-mismatch", where, target_unit=target.unit, actual_unit=actual.unit)
            ]
        if factor != 1:
            b = b * factor
            findings.append(
                emit(
                    "unit-converted",
                    where,
                    target_unit=target.unit,
                    actual_unit=actual.unit,
                    converted=b,
                    actual=actual.text,
                    target=target.text,
                    converted_text=f"{b.normalize():f}",
                )
            )
    elif bool(target_unit) != bool(actual_unit):
        findings.append(
            emit("unit-missing", where, target=target.text, actual=actual.text)
        )
    a = target.number
    operator, reading, key = resolve_operator(target, indicator.level2, profile, indicator.nature, indicator.level1)
    if key:
        findings.append(
            emit(
                "target-operator-read",
                indicator.cells.get("目标值", indicator.row),
                indicator=indicator.level3,
                target=target.text,
                reading=key,
                profile=profile.name,
                reading_text=reading,
            )
        )
    return Comparison(
        kind="number", operator=operator, met=_satisfies(operator, a, b), target=a, actual=b, reading=reading
    ), findings


def fraction_for_percent(target: Measure, actual: Measure) -> bool:
    """A completed value typed as a bare fraction (0.93) against a percentage target above 1% (>=95%)."""
    return (
        target.unit in ("%", "％")
        and not actual.unit
        and actual.number is not None
        and target.number is not None
        and 0 <= actual.number <= 1 < target.number
    )


def _change(indicator: Indicator, target: Measure, actual: Measure, profile: Profile) -> tuple[Comparison | None, list[Finding]]:
    """"提高10%" against "提高12%" (or a bare "12%"): sizes compared in the target's direction."""
    assert target.number is not None and actual.number is not None
    b = actual.number
    reading = f"目标为较上年{'提高' if target.change == 'up' else '下降'}，按变化幅度比较"
    if actual.change and actual.change != target.change:
        b = -b  # changed the other way: a negative size, never met
        reading += "（实际变化方向相反）"
    if target.unit != actual.unit and target.unit and actual.unit:
        return None, [
            emit("unit-mismatch", indicator.cells.get("完成值", indicator.row), target_unit=target.unit, actual_unit=actual.unit)
        ]
    a = target.number
    return Comparison(
        kind="number", operator=target.operator, met=_satisfies(target.operator, a, b), target=a, actual=b, reading=reading
    ), []


def _satisfies(operator: Operator, a: Decimal, b: Decimal) -> bool:
    return {
        Operator.AT_LEAST: b >= a,
        Operator.MORE_THAN: b > a,
        Operator.AT_MOST: b <= a,
        Operator.LESS_THAN: b < a,
    }.get(operator, b == a)


def tier_of(actual: str, target: str, tiers: tuple[QualitativeTier, ...]) -> QualitativeTier | None:
    """The tier a qualitative completed value falls in.

    A tier word decides first: the one starting earliest, then the longest, so that a qualifier
    wins (未完成 is not 完成, 部分达成预期指标 is not 达成预期指标). Without one, repeating the
    target's words ("提升" for 提升, "显著提升" for 提升) is the first tier.
    """
    candidates = [
        (actual.find(word), -len(word), index)
        for index, tier in enumerate(tiers)
        for word in tier.words
        if word and word in actual
    ]
    if candidates:
        return tiers[min(candidates)[2]]
    if target and target in actual:
        return tiers[0]
    return None
