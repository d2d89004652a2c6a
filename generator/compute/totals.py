"""Settling a reported total against the sum of its parts.

A total typed in a 万元 workbook was rounded once from the source system's
exact 元 figure, while each of its parts was rounded on its own: their sum may
differ from the total by up to half a cent per part (尾差). Within that
tolerance the reported total is the more exact figure and is kept; beyond it
the total is a typing error, the sum of the parts is used, and check reports
the mismatch. Every settlement is recorded, so check can report them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from generator.findings import Location

ZERO = Decimal(0)


class Locatable(Protocol):
    def at(self, header: str | None = None) -> Location: ...


@dataclass(frozen=True)
class Key:
    """What a settled total is, by where it stands: its statement (sheet), its row, its column.

    The row is an item name (收入总计), a 科目 code (2101501) or 合计; one key names one cell of
    one statement, in the ledger that settles it and for every stage that looks it up."""

    sheet: str
    row: str
    column: str


@dataclass(frozen=True)
class Part:
    """One addend of a total. Its location is built only when a finding needs it."""

    label: str
    value: Decimal | None
    where: Location | Locatable | None = None
    header: str | None = None  # with a row source: the column the value stands in

    @property
    def location(self) -> Location | None:
        if self.where is None or isinstance(self.where, Location):
            return self.where
        return self.where.at(self.header)


@dataclass(frozen=True)
class Settlement:
    """One total: as reported, as summed, and the figure used."""

    key: Key
    label: str  # Chinese: what the total is, e.g. "收入支出决算总表「收入总计」"
    declared: Decimal | None
    parts: tuple[Part, ...]
    value: Decimal | None
    location: Location | None
    tolerance: Decimal

    @property
    def parts_sum(self) -> Decimal | None:
        reported = [p.value for p in self.parts if p.value is not None]
        return sum(reported, ZERO) if reported else None

    @property
    def complete(self) -> bool:
        """Every part was reported: a blank cell is not a claim of zero."""
        return all(p.value is not None for p in self.parts)

    @property
    def difference(self) -> Decimal | None:
        """declared − Σ parts, when both exist and the parts can be compared with the total."""
        if self.declared is None or self.parts_sum is None:
            return None
        d = self.declared - self.parts_sum
        if not self.complete and d > 0:
            return None  # the blank parts may hold the rest
        return d

    @property
    def is_residue(self) -> bool:
        d = self.difference
        return d is not None and d != 0 and abs(d) <= self.tolerance

    @property
    def is_mismatch(self) -> bool:
        d = self.difference
        return d is not None and abs(d) > self.tolerance


def part_tolerance(declared_unit: str) -> Decimal:
    """The largest 尾差 one part may carry, in 万元: half of 0.01 of the workbook's unit, rounded up to a cent."""
    return Decimal("0.01") if declared_unit == "万元" else Decimal("0.000001")


@dataclass
class Ledger:
    """Collects settlements while the figures are computed."""

    per_part: Decimal
    settlements: dict[Key, Settlement] = field(default_factory=dict)

    def settle(
        self,
        key: Key,
        label: str,
        declared: Decimal | None,
        parts: Sequence[Part],
        location: Location | None = None,
    ) -> Decimal | None:
        settlement = settle(key, label, declared, parts, location, self.per_part)
        self.settlements[key] = settlement
        return settlement.value

    def get(self, key: Key) -> Settlement | None:
        return self.settlements.get(key)


def settle(
    key: Key, label: str, declared: Decimal | None, parts: Sequence[Part], location: Location | None, per_part: Decimal
) -> Settlement:
    """DECLARED against Σ PARTS: the declared total within 尾差 (PER_PART for each reported part), else the sum.

    A blank part is not zero: with one, the sum of the others is no total (a larger declared total is kept)."""
    reported = [p.value for p in parts if p.value is not None]
    total = sum(reported, ZERO) if reported else None
    tolerance = per_part * max(len(reported), 1)
    complete = len(reported) == len(parts)
    value: Decimal | None
    if total is None:
        value = declared
    elif declared is None:
        value = total if complete else None
    elif abs(declared - total) <= tolerance or (not complete and declared > total):
        value = declared
    else:
        value = total
    return Settlement(key, label, declared, tuple(parts), value, location, tolerance)


def total_of(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def complete_total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum when every value is known; None otherwise (a blank is not zero)."""
    known = list(values)
    return None if any(v is None for v in known) else total_of(known)
