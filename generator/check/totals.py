"""Every total the source tables carry, against the sum of its parts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import emits
from generator.compute.totals import Settlement
from generator.display import more_or_less
from generator.findings import Finding, Location, emit


@emits("total-mismatch", "rounding-residue", needs=(layout.SUMMARY.name, layout.FISCAL.name, layout.INCOME.name, layout.EXPENSE.name, layout.GPB.name, layout.BASIC.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name, layout.THREE_PUBLIC.name))
def check_declared_totals(ctx: CheckContext) -> Iterator[Finding]:
    """A typed total that differs from Σ parts: 尾差 within tolerance (warning), else mismatch (error).

    A mismatch wholly explained by mismatches of its own parts (a typo in one 项
    makes its 款, 类 and 合计 disagree too) is an echo and is not reported again.
    """
    settlements = list(ctx.figures.base.ledger.settlements.values())
    by_cell = {s.location: s for s in settlements if s.location is not None}
    for s in settlements:
        if s.is_mismatch and _is_echo(s, by_cell):
            continue
        if s.is_mismatch:
            yield emit("total-mismatch", _where(s), **_fields(ctx, s))
        elif s.is_residue:
            yield emit("rounding-residue", _where(s), **_fields(ctx, s))


def _is_echo(s: Settlement, by_cell: dict[Location, Settlement]) -> bool:
    below = [by_cell[p.location] for p in s.parts if p.location is not None and p.location in by_cell]
    mismatched = [t for t in below if t.is_mismatch and t.difference is not None]
    return bool(mismatched) and s.difference == sum((t.difference for t in mismatched if t.difference is not None), Decimal(0))


def _where(s: Settlement) -> Location:
    return s.location or Location(field=s.label)


def _fields(ctx: CheckContext, s: Settlement) -> dict[str, Any]:
    """The values of a total-mismatch or rounding-residue, and the words of its message."""
    diff = s.difference
    assert diff is not None
    return {
        "stated": s.declared,
        "expected": s.parts_sum,
        "difference": diff,
        "tolerance": s.tolerance,
        "total": s.label,
        "stated_text": money(ctx, s.declared),
        "expected_text": money(ctx, s.parts_sum),
        "direction": more_or_less(diff),
        "difference_text": money(ctx, abs(diff)),
        "parts": "＋".join(p.label for p in s.parts if p.value is not None),
    }
