"""Comparing a completed value with its target: met or not, and the numbers to divide.

Numbers are brought to the target's unit first (万元 vs 元 converts, 人 vs 次
does not); dates are met on or before the deadline; qualitative values are
placed in a tier of the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.findings import Finding, error, warning
from generator.self_evaluation.model import Indicator
from generator.self_evaluation.profile import QualitativeTier
from generator.self_evaluation.targets import Measure, Operator
from generator.self_evaluation.units import conversion_factor


@dataclass(frozen=True)
class Comparison:
    kind: str  # number / date / words
    operator: Operator  # the target's
    met: bool
    target: Decimal | None = None  # A, numbers only
    actual: Decimal | None = None  # B, in the target's unit
    tier: QualitativeTier | None = None


def compare(indicator: Indicator, tiers: tuple[QualitativeTier, ...]) -> tuple[Comparison | None, list[Finding]]:
    """The comparison, or None with the finding that makes the indicator unscorable."""
    target, actual = indicator.target, indicator.actual
    assert target is not None and actual is not None  # callers skip unparsed rows; the loader reported them
    where = indicator.cells.get("完成值", indicator.row)
    if target.kind == "number" and actual.kind == "number":
        return _numbers(indicator, target, actual)
    if target.kind == "date" and actual.kind == "date":
        assert target.date is not None and actual.date is not None
        return Comparison(kind="date", operator=target.operator, met=actual.date <= target.date), []
    if target.kind in ("date", "words") and actual.kind == "words":
        tier = tier_of(actual.words, target.words, tiers)
        if tier is None:
            return None, [
                error(
                    "qualitative-actual-unclear",
                    where,
                    f"完成值「{actual.text}」无法判断是否达成目标「{target.text}」，请写“达到预期指标”“部分达成预期指标”“未达成预期指标”之一，或填手工得分",
                    target=target.text,
                    actual=actual.text,
                )
            ]
        return Comparison(kind="words", operator=target.operator, met=tier is tiers[0], tier=tier), []
    return None, [
        error(
            "actual-incomparable",
            where,
            f"完成值「{actual.text}」与目标值「{target.text}」无法比较（一个是{_KIND_NAMES[actual.kind]}，一个是{_KIND_NAMES[target.kind]}）",
            target=target.text,
            actual=actual.text,
        )
    ]


_KIND_NAMES = {"number": "数值", "date": "日期", "words": "定性描述"}


def _numbers(indicator: Indicator, target: Measure, actual: Measure) -> tuple[Comparison | None, list[Finding]]:
    assert target.number is not None and actual.number is not None
    where = indicator.cells.get("完成值", indicator.row)
    findings: list[Finding] = []
    b = actual.number
    if target.unit and actual.unit and target.unit != actual.unit:
        factor = conversion_factor(actual.unit, target.unit)
        if factor is None:
            return None, [
                error(
                    "unit-mismatch",
                    where,
                    f"完成值单位「{actual.unit}」与目标值单位「{target.unit}」不同且无法换算",
                    target_unit=target.unit,
                    actual_unit=actual.unit,
                )
            ]
        b = b * factor
        findings.append(
            warning(
                "unit-converted",
                where,
                f"完成值单位「{actual.unit}」与目标值单位「{target.unit}」不同，已换算为 {b.normalize():f}{target.unit} 计算完成率",
                target_unit=target.unit,
                actual_unit=actual.unit,
                converted=b,
            )
        )
    elif bool(target.unit) != bool(actual.unit):
        findings.append(
            warning(
                "unit-missing",
                where,
                f"目标值「{target.text}」与完成值「{actual.text}」只有一个写了单位，已按相同单位计算",
                target=target.text,
                actual=actual.text,
            )
        )
    a = target.number
    return Comparison(
        kind="number", operator=target.operator, met=_satisfies(target.operator, a, b), target=a, actual=b
    ), findings


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
