"""The wording functions as Jinja filters and globals, so that a template can word any sentence.

Every filter formats or words a value the context already carries (generator.compute did
the arithmetic); none computes a figure. The wording profile of the render is read from
the context ("wording_profile"), so one compiled environment serves every profile.
A template hands a filter values (generator.render.values), never objects: a comparison
arrives as the values of its Change and is read back with `as_change`.
docs/templates.md documents each filter with an example.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from generator.compute.change import Change, Direction
from generator.render import wording
from generator.render.values import Values, as_change, freeze, kind_of
from generator.render.wording import DEFAULT, WordingProfile

PROFILE_KEY = "wording_profile"
ChangeValue = Change | Values  # a Change, or its values as a template holds them


def _profile(ctx: Context) -> WordingProfile:
    profile = ctx.get(PROFILE_KEY)
    if isinstance(profile, WordingProfile):
        return profile
    return _thawed_profile(profile) if kind_of(profile) == "WordingProfile" else DEFAULT


@lru_cache(maxsize=16)
def _thawed_profile(values: Values) -> WordingProfile:
    return WordingProfile(**{f.name: values[f.name] for f in dataclasses.fields(WordingProfile) if f.name in values})


@pass_context
def amount(ctx: Context, value: Decimal | None) -> str:
    return _profile(ctx).amount(value)


@pass_context
def percent(ctx: Context, ratio: Decimal | None) -> str:
    return _profile(ctx).percent(ratio)


def count(value: Decimal | None) -> str:
    return wording.count_text(value)


@pass_context
def change(ctx: Context, c: ChangeValue, base: str = "上年", style: str = "than", unit: str = "万元") -> str:
    return wording.change_clause(as_change(c), unit=unit, base=base, style=style, profile=_profile(ctx))


@pass_context
def explained(ctx: Context, c: ChangeValue, base: str = "上年", style: str = "than") -> str:
    profile = _profile(ctx)
    return wording.explained(wording.change_clause(as_change(c), base=base, style=style, profile=profile), as_change(c), profile)


@pass_context
def movement(ctx: Context, c: ChangeValue, unit: str = "万元") -> str:
    return wording.movement(as_change(c), unit=unit, profile=_profile(ctx))


@pass_context
def count_change(ctx: Context, c: ChangeValue, unit: str = "人") -> str:
    return wording.count_clause(as_change(c), unit=unit, profile=_profile(ctx))


def reason(c: ChangeValue, intro: str = "主要原因：") -> str:
    return wording.reason_clause(as_change(c), intro)


@pass_context
def completion(ctx: Context, c: ChangeValue, budget_name: str = "年初预算") -> str:
    return wording.completion(as_change(c), budget_name, _profile(ctx))


def verdict(c: ChangeValue) -> str:
    return wording.budget_verdict(as_change(c))


@pass_context
def budget_phrase(ctx: Context, c: ChangeValue, budget_name: str = "年初预算") -> str:
    return wording.budget_phrase(as_change(c), budget_name, profile=_profile(ctx))


def budget_explained(c: ChangeValue) -> str:
    return wording.budget_explained(as_change(c))


@pass_context
def budget_sentence(ctx: Context, c: ChangeValue, subject: str, budget_name: str = "年初预算") -> str:
    return wording.budget_sentence(as_change(c), subject, budget_name, profile=_profile(ctx))


def budget_basis(initial: ChangeValue, adjusted: ChangeValue) -> tuple[Values, str]:
    first, second = as_change(initial), as_change(adjusted)
    chosen, name = wording.budget_basis(first, second)
    return freeze(initial if chosen is first else adjusted), name


def clause(text: str) -> str:
    """A phrase a person wrote, to go mid-sentence: no trailing full stop."""
    return text.strip().rstrip("。；;.")


def period(text: str) -> str:
    return wording.with_period(text)


def whole_section(total: Decimal | None, itemised: Any) -> str:
    """"zero" / "unreported" / "": how a section with sub-headings reads as a whole (wording.whole_section)."""
    return wording.whole_section(total, bool(itemised))


def is_flat(c: ChangeValue) -> bool:
    return as_change(c).direction in (Direction.FLAT, Direction.BOTH_ZERO)


def is_new(c: ChangeValue) -> bool:
    return as_change(c).is_new


def is_gone(c: ChangeValue) -> bool:
    return as_change(c).is_gone


FILTERS: dict[str, Callable[..., Any]] = {
    "amount": amount,
    "percent": percent,
    "count": count,
    "change": change,
    "explained": explained,
    "movement": movement,
    "count_change": count_change,
    "reason": reason,
    "completion": completion,
    "verdict": verdict,
    "budget_phrase": budget_phrase,
    "budget_explained": budget_explained,
    "budget_sentence": budget_sentence,
    "budget_basis": budget_basis,
    "clause": clause,
    "period": period,
    "whole_section": whole_section,
    "is_flat": is_flat,
    "is_new": is_new,
    "is_gone": is_gone,
}

TESTS: dict[str, Callable[[ChangeValue], bool]] = {"flat": is_flat, "new": is_new, "gone": is_gone}
