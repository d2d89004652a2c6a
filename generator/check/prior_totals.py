"""A comparison with last year that the document would drop: its prior-year total cannot be derived."""

from __future__ import annotations

from collections.abc import Iterator

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.findings import Finding, Location, emit


@emits("prior-total-missing", needs=(layout.SUMMARY.name, layout.FISCAL.name, layout.GPB.name))
def check_prior_totals_known(ctx: CheckContext) -> Iterator[Finding]:
    """With last year's folder beside this year's, each total the document compares with last year
    (收入支出总计, 财政拨款收入支出总计, 一般公共预算财政拨款支出) needs last year's figure: when that folder
    leaves it blank, the comparison would be dropped without a word. A unit without a prior year
    (a new unit) compares nothing and is not named."""
    f = ctx.figures
    if f.prior is None:
        raise NotApplicable("没有上年数据文件夹")
    for name, change in (
        ("收入支出总计", f.statement.change),
        ("财政拨款收入支出总计", f.funds.fiscal.change),
        ("一般公共预算财政拨款支出", f.funds.gpb.change),
    ):
        if change is None or change.base is not None:
            continue
        where = change.base_location or Location(file=f.prior.unit.cover.source.file, sheet=layout.OVERVIEW.name, field=name)
        yield emit(
            "prior-total-missing",
            where,
            item=name,
            current=change.current,
            current_text=money(ctx, change.current),
            prior_year=f.prior.unit.cover.year,
        )
