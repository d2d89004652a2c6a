"""The budgets stated for a fund total against the sum of its 项's budgets."""

from __future__ import annotations

from collections.abc import Iterator

from generator import layout
from generator.check.compare import Stated, disagreement
from generator.check.context import CheckContext
from generator.check.rule import emits
from generator.findings import Finding, Location


@emits("item-budgets-mismatch", needs=(layout.OVERVIEW.name, layout.GPB.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name))
def check_item_budget_sums(ctx: CheckContext) -> Iterator[Finding]:
    """The 年初预算数 and 全年预算数 typed for a fund total in 预算及上年情况 (财政拨款收入支出总计,
    一般公共预算, 政府性基金, 国有资本经营) are the sums of its 项's, when every 项 gives one: the
    document states both (the total, then each 项)."""
    f = ctx.figures
    compared = [b for b in f.budget_totals if b.stated is not None and b.summed is not None]
    file = f.base.unit.cover.source.file
    for b in compared:
        tables = "、".join(f"《{sheet}》" for sheet in b.sheets)
        d = disagreement(
            ctx,
            "item-budgets-mismatch",
            Stated(f"《{layout.OVERVIEW.name}》「{b.name}」的{b.column}", b.stated, b.location),
            Stated(f"{tables}各项的{b.column}之和", b.summed, Location(file=file, sheet=b.sheets[0], field=b.column)),
            "总额与各项的预算应一致，公开说明先写总额再逐项说明",
        )
        if d:
            yield d
