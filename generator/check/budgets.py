"""The budgets stated for a total against the sum of its 项's budgets."""

from __future__ import annotations

from collections.abc import Iterator

from generator import layout
from generator.check.compare import Stated, disagreement
from generator.check.context import CheckContext
from generator.check.rule import emits
from generator.compute.figures import item_budget_sum
from generator.findings import Finding

_GPB = "一般公共预算财政拨款支出"


@emits("item-budgets-mismatch", needs=(layout.OVERVIEW.name, layout.GPB.name))
def check_item_budget_sums(ctx: CheckContext) -> Iterator[Finding]:
    """The 年初预算数 and 全年预算数 typed for the 一般公共预算 total in 预算及上年情况 are the sums of
    the 项's, when every 项 gives one: the document states both (the total, then each 项)."""
    f = ctx.figures
    row = f.base.unit.item_table(layout.OVERVIEW.name).get(_GPB)
    if row is None:
        return
    for column, which in ((layout.BUDGET, "budget"), (layout.ADJUSTED_BUDGET, "adjusted_budget")):
        stated, summed = row.amount(column), item_budget_sum(f.gpb_items, which)
        if stated is None or summed is None:
            continue
        d = disagreement(
            ctx,
            "item-budgets-mismatch",
            Stated(f"《{layout.OVERVIEW.name}》「{_GPB}」的{column}", stated, row.source.at(column)),
            Stated(f"《{layout.GPB.name}》各项的{column}之和", summed),
            "总额与各项的预算应一致，公开说明先写总额再逐项说明",
        )
        if d:
            yield d
