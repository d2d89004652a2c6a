"""Every total the source tables carry, against the sum of its parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import emits
from generator.compute.totals import Settlement
from generator.display import more_or_less
from generator.findings import Finding, Location, emit

_CODE = re.compile(r"^\d+\s*")  # a 科目 code before the name: "201 一般公共服务支出"


@emits("total-mismatch", "rounding-residue", needs=(layout.SUMMARY.name, layout.FISCAL.name, layout.INCOME.name, layout.EXPENSE.name, layout.GPB.name, layout.BASIC.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name, layout.THREE_PUBLIC.name))
def check_declared_totals(ctx: CheckContext) -> Iterator[Finding]:
    """A typed total that differs from Σ parts: 尾差 within tolerance (warning), else mismatch (error).

    A mismatch wholly explained by mismatches of its own parts (a typo in one 项
    makes its 款, 类 and 合计 disagree too) is an echo and is not reported again.
    One difference stated in several tables (the same total typed, the same sum of parts: the one
    cent of the same 项 sums carried into every table that adds them up) is one finding, at the first
    place it shows, naming the others in `also`.
    """
    settlements = list(ctx.figures.base.ledger.settlements.values())
    by_cell = {s.location: s for s in settlements if s.location is not None}
    groups: dict[tuple[str, Decimal | None, tuple[tuple[str, Decimal | None], ...]], list[Settlement]] = {}
    for s in settlements:
        if s.is_mismatch and _is_echo(s, by_cell):
            continue
        if s.is_mismatch:
            groups.setdefault(("total-mismatch", s.declared, _same_parts(s)), []).append(s)
        elif s.is_residue:
            groups.setdefault(("rounding-residue", s.declared, _same_parts(s)), []).append(s)
    for (code, _, _), (first, *others) in groups.items():
        yield emit(code, _where(first), **_fields(ctx, first), **_also(others))


def _same_parts(s: Settlement) -> tuple[tuple[str, Decimal | None], ...]:
    """What makes two differences one: the same parts (by name, the 科目 code aside, and amount).

    收入总计 and 支出总计 may both be 0.01 off the same figures, yet they sum different parts: two differences."""
    return tuple((_CODE.sub("", p.label).strip(), p.value) for p in s.parts)


def _also(others: list[Settlement]) -> dict[str, Any]:
    """The other places showing the same difference: their cells (a value) and their labels (the words)."""
    if not others:
        return {"also_text": ""}
    places = [_place(s) for s in others]
    named = "、".join(f"{s.label}（{place}）" for s, place in zip(others, places, strict=True))
    return {"also": places, "also_text": f"；同一差额同样见于另外 {len(others)} 处：{named}"}


def _place(s: Settlement) -> str:
    """A sheet and cell (「收入决算表!C4」), or the label of a total that has no cell."""
    where = _where(s)
    if where.sheet is not None and where.cell is not None:
        return f"{where.sheet}!{where.cell}"
    return str(where)


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
