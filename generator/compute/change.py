"""Comparisons of a figure with the prior year or with its budget."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from generator.findings import Location

ZERO = Decimal(0)


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"  # same non-zero figure both years
    BOTH_ZERO = "both-zero"
    UNKNOWN = "unknown"  # no prior figure


@dataclass(frozen=True)
class Change:
    """A figure against a base (the prior year, or a budget). Full precision."""

    current: Decimal
    base: Decimal | None
    reason: str = ""
    reason_location: Location | None = None
    base_location: Location | None = None

    @property
    def known(self) -> bool:
        return self.base is not None

    @property
    def difference(self) -> Decimal:
        return self.current - (self.base or ZERO)

    @property
    def rate(self) -> Decimal | None:
        """difference / base; None when the base is zero or unknown."""
        if not self.base:
            return None
        return self.difference / self.base

    @property
    def direction(self) -> Direction:
        if self.base is None:
            return Direction.UNKNOWN
        if self.current == self.base:
            return Direction.BOTH_ZERO if self.current == 0 else Direction.FLAT
        return Direction.UP if self.current > self.base else Direction.DOWN

    @property
    def completion(self) -> Decimal | None:
        """current / base (完成年初预算的%); None when the base is zero or unknown."""
        if not self.base:
            return None
        return self.current / self.base

    @property
    def is_new(self) -> bool:
        """Rose from zero: nothing last year, something this year."""
        return self.base == 0 and self.current > 0

    @property
    def is_gone(self) -> bool:
        return bool(self.base) and self.current == 0


def share(part: Decimal | None, whole: Decimal | None) -> Decimal:
    """part / whole, 0 when the whole is zero."""
    if not whole or part is None:
        return ZERO
    return part / whole


def budget_basis(initial: Change, adjusted: Change) -> tuple[Change, str]:
    """Which budget a figure is explained against, and its name.

    年初预算 when it is given and not zero; a 项 with 年初预算 0 (or none) and a 全年预算
    (adjusted budget, e.g. a new unit) is explained against the 全年预算 instead.
    """
    if initial.base:
        return initial, "年初预算"
    if adjusted.base is not None:
        return adjusted, "全年预算"
    return initial, "年初预算"
