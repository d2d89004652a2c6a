"""Comparing one figure as it stands in two places."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.check.context import CheckContext, money
from generator.display import more_or_less
from generator.findings import Finding, Location, error, warning


@dataclass(frozen=True)
class Stated:
    """A figure as one table states it."""

    label: str
    value: Decimal | None
    location: Location | None = None


def disagreement(ctx: CheckContext, code: str, a: Stated, b: Stated, hint: str = "") -> Finding | None:
    """None when A and B agree (or one is missing); a warning within one cent, an error beyond."""
    if a.value is None or b.value is None or a.value == b.value:
        return None
    diff = a.value - b.value
    where = a.location or b.location or Location(field=a.label)
    more = more_or_less(diff)
    text = f"{a.label}为{money(ctx, a.value)}，{b.label}为{money(ctx, b.value)}，前者{more}{money(ctx, abs(diff))}"
    if b.location is not None and b.location != where:
        text += f"（另见 {b.location}）"
    if hint:
        text += f"；{hint}"
    values = {"stated": a.value, "expected": b.value, "difference": diff, "stated_label": a.label, "expected_label": b.label}
    tolerance = ctx.figures.base.ledger.per_part
    if abs(diff) <= tolerance:
        return warning(code, where, text + "（差额在尾差范围内）", **values)
    return error(code, where, text, **values)
