"""A text that says there was no budget beside a table that states one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.findings import Finding, Location, warning

# "无预算", "未安排预算", "年初未编制预算", "没有“三公”经费预算": the text denies a budget.
_NO_BUDGET = re.compile(r"(?:无|没有|未安排|未编制|未列入?|不安排)[^，。；,;]{0,8}预算")


@emits("budget-text-contradicts", needs=(layout.THREE_PUBLIC.name,))
def check_budget_texts(ctx: CheckContext) -> Iterator[Finding]:
    """The 三公 table states a 全年预算数 (or 年初预算数) above zero while the part's 预决算差异原因 says it
    had no budget (issue 18: 预算数 0.95 beside "无“三公”经费预算"): one of the two is wrong."""
    tp = ctx.figures.three_public
    table = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC.name)
    if not table.rows:
        raise NotApplicable("未填“三公”经费表")
    for part in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception):
        row = table.get(part.name)
        if row is None:
            continue
        text = row.text(layout.BUDGET_REASON)
        budgets = [b for b in (part.budget, row.amount(layout.BUDGET)) if b]
        if not budgets or not _NO_BUDGET.search(text):
            continue
        yield warning(
            "budget-text-contradicts",
            row.source.at(layout.BUDGET_REASON) or Location(sheet=layout.THREE_PUBLIC.name, field=part.name),
            f"“三公”经费「{part.name}」的预算数为{money(ctx, budgets[0])}，但预决算差异原因说没有预算：「{text}」；请核对预算数或原因",
            item=part.name,
            budget=budgets[0],
            reason=text,
        )
