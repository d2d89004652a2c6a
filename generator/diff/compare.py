"""Pairing two years' entries into rows and flagging what a reader or reviewer must look at."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.checked import Checked
from generator.diff.entries import Entry, YearEntries, year_entries
from generator.diff.rows import DiffRow, Flag, Unit
from generator.diff.self_evaluation import add_performance
from generator.findings import Finding

DEFAULT_THRESHOLD = Decimal("0.10")


@dataclass(frozen=True)
class Comparison:
    """Two unit-years side by side. `rows` is empty when either folder cannot be read."""

    old: Checked
    new: Checked
    threshold: Decimal  # a ratio: 0.10 is 10%
    rows: tuple[DiffRow, ...] = ()

    @property
    def readable(self) -> bool:
        return self.old.readable and self.new.readable

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Why a folder (the loader's findings), or some of its cells (the errors), could not be read; empty when all was read."""
        return tuple(
            f
            for c in (self.old, self.new)
            if not (c.readable and c.complete)
            for f in c.findings
            if not c.readable or f.severity.value == "error"
        )

    def counts(self) -> dict[Flag, int]:
        return {flag: sum(1 for r in self.rows if flag in r.flags) for flag in Flag}


def compare_checked(old_checked: Checked, new_checked: Checked, threshold: Decimal = DEFAULT_THRESHOLD) -> Comparison:
    """Compare every figure of OLD_CHECKED with NEW_CHECKED's (both checked with partial=True: api.compare_folders).

    The self-evaluation is compared only when both years have one. A cell or 文字说明.yaml that cannot
    be read in either year is a finding at its place (Comparison.findings); the rest is compared, the
    unreadable value counting as not reported.
    """
    if old_checked.figures is None or new_checked.figures is None:
        return Comparison(old_checked, new_checked, threshold)
    old_entries = year_entries(old_checked.figures.base)
    new_entries = year_entries(new_checked.figures.base)
    if old_checked.performance is not None and new_checked.performance is not None:
        add_performance(old_entries, old_checked.performance)
        add_performance(new_entries, new_checked.performance)
    return Comparison(old_checked, new_checked, threshold, compare_entries(old_entries, new_entries, threshold))


def compare_entries(old: YearEntries, new: YearEntries, threshold: Decimal = DEFAULT_THRESHOLD) -> tuple[DiffRow, ...]:
    """One row per key of either year, in NEW's order (OLD's for what NEW lacks); rows blank in both years are left out."""
    keys = list(new.entries) + [k for k in old.entries if k not in new.entries]
    ordered = sorted(keys, key=lambda k: (new.entries.get(k) or old.entries[k]).order)
    rows = []
    for key in ordered:
        row = _row(key, old, new, threshold)
        if row is not None:
            rows.append(row)
    return tuple(rows)


def _side(key: str, year: YearEntries, other: Entry) -> tuple[Entry | None, Decimal | None, bool]:
    """(entry, value, present) of KEY in YEAR; a key absent from a complete table is zero or "not there"."""
    entry = year.entries.get(key)
    if entry is not None:
        return entry, entry.value, True
    if year.covers(key):
        return None, (Decimal(0) if other.absent_is_zero else None), False
    return None, None, True  # the table was not filled that year: not reported


def _row(key: str, old: YearEntries, new: YearEntries, threshold: Decimal) -> DiffRow | None:
    some = new.entries.get(key) or old.entries[key]
    old_entry, old_value, old_present = _side(key, old, some)
    new_entry, new_value, new_present = _side(key, new, some)
    if old_value is None and new_value is None and old_present and new_present:
        return None
    flags: list[Flag] = []
    location = None
    reason = new_entry.reason.strip() if new_entry else ""
    if not old_present or (old_value == 0 and new_value):
        flags.append(Flag.APPEARED)
    elif not new_present or (new_value == 0 and old_value):
        flags.append(Flag.DISAPPEARED)
    elif old_value is None or new_value is None:
        flags.append(Flag.NOT_COMPARABLE)
    moved = (Flag.APPEARED in flags or Flag.DISAPPEARED in flags) and bool(old_value or new_value)
    if moved or _notable(some.unit, old_value, new_value, threshold):
        if not (new_entry or some).has_reason_cell:
            flags.append(Flag.LARGE_CHANGE)
        elif not reason:
            flags.append(Flag.NO_REASON)
            location = new_entry.reason_location if new_entry else None
    stated = new_entry.stated_prior if new_entry else None
    if stated is not None and old_value is not None and stated != old_value:
        flags.append(Flag.PRIOR_MISMATCH)
        location = location or (new_entry.prior_location if new_entry else None)
    return DiffRow(
        key=key,
        group=some.group,
        item=some.item,
        unit=some.unit,
        old=old_value,
        new=new_value,
        reason=reason,
        flags=tuple(flags),
        stated_prior=stated,
        location=location,
        note=_note(old_entry, new_entry),
    )


def _notable(unit: Unit, old: Decimal | None, new: Decimal | None, threshold: Decimal) -> bool:
    """A change of THRESHOLD or more of the prior figure (a ratio moving by THRESHOLD points)."""
    if old is None or new is None or old == new or old == 0:
        return False
    if unit is Unit.PERCENT:
        return abs(new - old) >= threshold
    return abs(new - old) / abs(old) >= threshold


def _note(old: Entry | None, new: Entry | None) -> str:
    if old is not None and new is not None and old.note != new.note:
        return f"上年：{old.note}；本年：{new.note}"
    either = new or old
    return either.note if either is not None else ""
