"""The comparison of two unit-years as data: one row per figure, with flags.

A row holds both years' figures at full precision (None: not reported that
year, which is not the same as zero), NEW's reason and NEW's own statement of
the prior-year figure. Flags are stable kebab-case codes, documented in
docs/diff.md; the Chinese labels are for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from generator.findings import Location


class Flag(StrEnum):
    NO_REASON = "no-reason"  # a change at or above the threshold, and NEW's reason cell is empty
    LARGE_CHANGE = "large-change"  # the same, for a figure that has no reason cell
    APPEARED = "appeared"  # nothing (or absent) last year, something this year
    DISAPPEARED = "disappeared"  # something last year, nothing (or absent) this year
    NOT_COMPARABLE = "not-comparable"  # one of the years did not report the figure
    PRIOR_MISMATCH = "prior-mismatch"  # NEW's 上年 column disagrees with OLD's figure

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Flag.NO_REASON: "变动较大未说明原因",
    Flag.LARGE_CHANGE: "变动较大",
    Flag.APPEARED: "新出现",
    Flag.DISAPPEARED: "不再出现",
    Flag.NOT_COMPARABLE: "一方未填报，无法比较",
    Flag.PRIOR_MISMATCH: "本年所填上年数与上年数据不符",
}


class Unit(StrEnum):
    """What a figure measures; decides its display and whether a rate makes sense."""

    WANYUAN = "万元"
    PEOPLE = "人"
    VEHICLES = "辆"
    COUNT = "个"
    TIMES = "次"
    AREA = "平方米"
    POINTS = "分"
    PERCENT = "%"  # a ratio (0.9265 = 92.65%): its change is in percentage points, it has no rate


@dataclass(frozen=True)
class DiffRow:
    key: str  # stable: "gpb.2101501", "summary.收入总计", "three-public.公务接待费", …
    group: str  # the section of the disclosure it belongs to
    item: str  # as a person names it: "2101501 行政运行"
    unit: Unit
    old: Decimal | None
    new: Decimal | None
    reason: str = ""  # NEW's reason for the change
    flags: tuple[Flag, ...] = ()
    stated_prior: Decimal | None = None  # NEW's own 上年 figure for it, when typed
    location: Location | None = None  # where to act in NEW: the reason cell, or the 上年 cell
    note: str = ""  # e.g. an indicator's 目标值/完成值 in both years

    @property
    def change(self) -> Decimal | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old

    @property
    def rate(self) -> Decimal | None:
        """change / old; None for ratios, for a zero or unknown base."""
        if self.unit is Unit.PERCENT or not self.old or self.new is None:
            return None
        return (self.new - self.old) / self.old

    def as_json(self) -> dict[str, Any]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "key": self.key,
            "group": self.group,
            "item": self.item,
            "unit": self.unit.value,
            "old": text(self.old),
            "new": text(self.new),
            "change": text(self.change),
            "rate": text(self.rate),
            "reason": self.reason,
            "flags": [f.value for f in self.flags],
            "stated_prior": text(self.stated_prior),
            "location": self.location.model_dump(exclude_none=True) if self.location else None,
            "note": self.note,
        }
