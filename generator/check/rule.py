"""A check rule with its declaration: the finding codes it emits and what it reads (like frictionless' `Errors = [...]`).

`@emits(code, ..., needs=(sheet, ...))` wraps a rule function into a CheckRule, still called as
`rule(ctx)`. From the declaration come `check --only/--skip CODE` (rules chosen by the codes they
emit) and the coverage ledger: every rule passed, failed, not applicable, or could not run. A rule
says it does not apply by raising NotApplicable before it yields anything (no prior year, a part of
the data the unit does not have): it is then never counted as passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.check.context import CheckContext
from generator.findings import Finding

Rule = Callable[[CheckContext], Iterable[Finding]]


class NotApplicable(Exception):  # noqa: N818 - a verdict, not a failure
    """Raised by a rule that has nothing to check in this data; the message (Chinese) says why."""


@dataclass(frozen=True)
class CheckRule:
    run: Rule
    codes: tuple[str, ...]  # every code it may emit (a code outside them is a bug, reported as `crashed`)
    needs: tuple[str, ...] = ()  # the sheets (or settled figures) it reads, by name

    @property
    def name(self) -> str:
        return self.run.__name__

    @property
    def __name__(self) -> str:  # named like the function it wraps, wherever a rule's name is read
        return self.run.__name__

    def __call__(self, ctx: CheckContext) -> Iterator[Finding]:
        yield from self.run(ctx)


def emits(*codes: str, needs: tuple[str, ...] = ()) -> Callable[[Rule], CheckRule]:
    """Declare what the rule below emits and reads."""

    def declare(run: Rule) -> CheckRule:
        return CheckRule(run, tuple(codes), tuple(needs))

    return declare


def rule_name(rule: Rule) -> str:
    return rule.name if isinstance(rule, CheckRule) else getattr(rule, "__name__", repr(rule))


def rule_codes(rule: Rule) -> tuple[str, ...]:
    """The codes RULE declares; () for a bare function (not yet declared: never chosen by --only)."""
    return rule.codes if isinstance(rule, CheckRule) else ()


def rule_needs(rule: Rule) -> tuple[str, ...]:
    return rule.needs if isinstance(rule, CheckRule) else ()
