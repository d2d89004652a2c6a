"""Comparing one figure as it stands in two places."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.check.context import CheckContext, money
from generator.display import more_or_less
from generator.findings import Finding, Location, Severity, emit


@dataclass(frozen=True)
class Stated:
    """A figure as one table states it."""

    label: str
    value: Decimal | None
    location: Location | None = None


def disagreement(
    ctx: CheckContext, code: str, a: Stated, b: Stated, hint: str = "", beyond: Severity = Severity.ERROR
) -> Finding | None:
    """None when A and B agree (or one is missing); a warning within one cent, BEYOND (an error) beyond."""
    if a.value is None or b.value is None or a.value == b.value:
        return None
    diff = a.value - b.value
    where = a.location or b.location or Location(field=a.label)
    residue = abs(diff) <= ctx.figures.base.ledger.per_part  # within one cent: a warning
    return emit(
        code,
        where,
        severity=Severity.WARNING if residue else beyond,
        stated=a.value,
        expected=b.value,
        difference=diff,
        stated_label=a.label,
        expected_label=b.label,
        stated_text=money(ctx, a.value),
        expected_text=money(ctx, b.value),
        direction=more_or_less(diff),
        difference_text=money(ctx, abs(diff)),
        see_also=f"（另见 {b.location}）" if b.location is not None and b.location != where else "",
        hint=f"；{hint}" if hint else "",
        residue="（差额在尾差范围内）" if residue else "",
    )
