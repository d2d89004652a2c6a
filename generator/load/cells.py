"""Turning one cell's raw value into a typed value, or a finding at that cell."""

from __future__ import annotations

from decimal import Decimal

from generator.cell_values import CellValue
from generator.findings import Finding, Location, emit
from generator.numbers import TOO_LARGE, NumberProblem, parse_number


def decimal_of(value: CellValue, loc: Location, what: str) -> tuple[Decimal | None, Finding | None]:
    """A numeric cell as an exact Decimal; blank is None; anything else is a finding at the cell.

    Excel stores numbers as binary doubles; the shortest repr of the double is
    the number the person typed (up to 15 significant digits), so it is exact
    for any amount a finance system exports. generator.numbers decides what a
    number is (finite, no underscores, at most 10^15).
    """
    number = parse_number(value)
    if isinstance(number, NumberProblem):
        if number.code == TOO_LARGE:
            return None, emit("number-too-large", loc, value=str(value)[:40], what=what, problem=number.reason)
        return None, emit("not-a-number", loc, value=str(value)[:40], what=what, problem=number.reason)
    return number, None


def formula_without_value(loc: Location, what: str) -> Finding:
    """The one finding for a formula cell whose file saved no result (both pipelines emit it)."""
    return emit("formula-without-value", loc, header=what)


def negative_amount(loc: Location, what: str, number: Decimal) -> Finding:
    """The one finding for an amount below zero (both pipelines emit it): an amount is never negative."""
    return emit("negative-amount", loc, value=number, what=what)
