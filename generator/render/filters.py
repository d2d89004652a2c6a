"""The wording functions as Jinja filters and globals, so that a template can word any sentence.

Every filter formats or words a value the context already carries (generator.compute did
the arithmetic); none computes a figure. The wording profile of the render is read from
the context ("wording_profile"), so one compiled environment serves every profile.
docs/templates.md documents each filter with an example.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from generator.compute.change import Change, Direction
from generator.render import wording
from generator.render.wording import DEFAULT, WordingProfile

PROFILE_KEY = "wording_profile"


def _profile(ctx: Context) -> WordingProfile:
    profile = ctx.get(PROFILE_KEY)
    return profile if isinstance(profile, WordingProfile) else DEFAULT


@pass_context
def amount(ctx: Context, value: Decimal | None) -> str:
    return _profile(ctx).amount(value)


@pass_context
def percent(ctx: Context, ratio: Decimal | None) -> str:
    return _profile(ctx).percent(ratio)


def count(value: Decimal | None) -> str:
    return wording.count_text(value)


@pass_context
def change(ctx: Context, c: Change, base: str = "上年", style: str = "than", unit: str = "万元") -> str:
    return wording.change_clause(c, unit=unit, base=base, style=style, profile=_profile(ctx))


@pass_context
def explained(ctx: Context, c: Change, base: str = "上年", style: str = "than") -> str:
    profile = _profile(ctx)
    return wording.explained(wording.change_clause(c, base=base, style=style, profile=profile), c, profile)


@pass_context
def movement(ctx: Context, c: Change, unit: str = "万元") -> str:
    return wording.movement(c, unit=unit, profile=_profile(ctx))


@pass_context
def count_change(ctx: Context, c: Change, unit: str = "人") -> str:
    return wording.count_clause(c, unit=unit, profile=_profile(ctx))


def reason(c: Change, intro: str = "主要原因：") -> str:
    return wording.reason_clause(c, intro)


@pass_context
def completion(ctx: Context, c: Change, budget_name: str = "年初预算") -> str:
    return wording.completion(c, budget_name, _profile(ctx))


def verdict(c: Change) -> str:
    return wording.budget_verdict(c)


@pass_context
def budget_phrase(ctx: Context, c: Change, budget_name: str = "年初预算") -> str:
    return wording.budget_phrase(c, budget_name, profile=_profile(ctx))


def budget_explained(c: Change) -> str:
    return wording.budget_explained(c)


@pass_context
def budget_sentence(ctx: Context, c: Change, subject: str, budget_name: str = "年初预算") -> str:
    return wording.budget_sentence(c, subject, budget_name, profile=_profile(ctx))


def budget_basis(initial: Change, adjusted: Change) -> tuple[Change, str]:
    return wording.budget_basis(initial, adjusted)


def clause(text: str) -> str:
    """A phrase a person wrote, to go mid-sentence: no trailing full stop."""
    return text.strip().rstrip("。；;.")


def period(text: str) -> str:
    return wording.with_period(text)


def is_flat(c: Change) -> bool:
    return c.direction in (Direction.FLAT, Direction.BOTH_ZERO)


def is_new(c: Change) -> bool:
    return c.is_new


def is_gone(c: Change) -> bool:
    return c.is_gone


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
    "is_flat": is_flat,
    "is_new": is_new,
    "is_gone": is_gone,
}

TESTS: dict[str, Callable[[Change], bool]] = {"flat": is_flat, "new": is_new, "gone": is_gone}
