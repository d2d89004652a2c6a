"""This year's 上年 figures against last year's folder."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator import layout
from generator.check.compare import Stated, disagreement
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.compute.prior import PriorFigure, PriorPair
from generator.display import more_or_less
from generator.findings import Finding, Location, Severity, emit

CODE = "prior-year-mismatch"


@emits("prior-year-mismatch", "opening-balance-mismatch", needs=(layout.OVERVIEW.name, layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name, layout.STAFF.name, layout.GPB.name, "上年数据"))
def check_prior_year(ctx: CheckContext) -> Iterator[Finding]:
    """Each figure compared with last year, as this year's 上年 column types it against last year's folder:
    the pairs compute made once (generator.compute.prior), so that check judges the figures the document uses."""
    f = ctx.figures
    if f.prior is None:
        raise NotApplicable("没有可用的上年数据（同级的上年文件夹不存在或有错误）")
    pairs = f.prior_pairs
    for pair in pairs.money():
        if (finding := disagreement(ctx, CODE, *_stated(pair))) is not None:
            yield finding
    yield from _balances(ctx, pairs.opening_balance)
    for name, pair in pairs.staff:
        yield from _staff(name, pair, f.prior.unit.cover.year)


def _stated(pair: PriorPair) -> tuple[Stated, Stated]:
    last = pair.last or PriorFigure(None, None)
    return Stated(pair.typed_label, pair.typed.value, pair.typed.location), Stated(pair.last_label, last.value, last.location)


def _balances(ctx: CheckContext, pair: PriorPair) -> Iterator[Finding]:
    """This year's 年初结转和结余 is last year's 年末结转和结余, unless the balance was adjusted at the start of the
    year (the internal 决算 forms have a 调整年初 column the published tables do not): a warning, never an error,
    since the two figures need not contradict each other."""
    f = disagreement(
        ctx,
        "opening-balance-mismatch",
        *_stated(pair),
        hint="年初数可能含以前年度的调整（公开的决算报表不列调整数）；没有调整时请改正其中一处",
        beyond=Severity.WARNING,
    )
    if f:
        yield f


def _staff(name: str, pair: PriorPair, year: int) -> Iterator[Finding]:
    typed, actual = pair.typed.value, pair.last.value if pair.last is not None else None
    if typed is None or actual is None or typed == actual:
        return
    where = pair.typed.location or Location(sheet=layout.STAFF.name, field=name)
    yield emit(
        CODE,
        where,
        stated=typed,
        expected=actual,
        difference=typed - actual,
        stated_label=f"「{name}」的上年人数",
        expected_label=f"{year}年数据",
        stated_text=f"{typed}人",
        expected_text=f"{actual}人",
        direction=more_or_less(typed - actual),
        difference_text=f"{abs(typed - actual)}人",
        see_also="",
        hint="",
        residue="",
    )


@emits("prior-items-residue", "prior-items-mismatch", needs=(layout.OVERVIEW.name, layout.GPB.name))
def check_prior_items_total(ctx: CheckContext) -> Iterator[Finding]:
    """The 上年 figures of the 项 that section 五(三) prints must add up to the 上年 total of 五(一)."""
    f = ctx.figures
    if f.funds.gpb.change is None:
        return
    base = f.funds.gpb.change.base
    items = [i.change.base for i in f.funds.gpb.items if i.change.base is not None]
    if base is None or not items:
        return
    total = sum(items, Decimal(0))
    diff = base - total
    if diff == 0:
        return
    tolerance = f.base.ledger.per_part * len(items)
    source = f"{f.prior.unit.cover.year}年数据" if f.prior is not None else "本年工作簿的「上年决算数」列"
    where = f.funds.gpb.change.base_location or Location(field="一般公共预算财政拨款支出")
    code = "prior-items-residue" if abs(diff) <= tolerance else "prior-items-mismatch"
    yield emit(
        code,
        where,
        stated=base,
        expected=total,
        difference=diff,
        stated_text=money(ctx, base),
        source=source,
        expected_text=money(ctx, total),
        difference_text=money(ctx, abs(diff)),
    )
