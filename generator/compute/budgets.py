"""The budgets of the fund totals: as 预算及上年情况 states them, and as the sum of their 项.

A total's 年初预算 and 全年预算 may be typed in 预算及上年情况 (a row per fund total) and each 项 may
carry its own in the 财政拨款 expense tables. The document states the total first and each 项 after
it, so the two must agree: check compares them (item-budgets-mismatch), and the sentences use the
settled figure: the stated one within one cent of Σ项, Σ项 beyond (or when none is stated and every
项 with money or a budget gives one). A blank is never 0: a partial sum is no total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from generator import layout
from generator.compute.change import ZERO, Change
from generator.findings import Location
from generator.model import ItemTable

FISCAL_TOTAL = "财政拨款收入支出总计"
GPB_TOTAL = "一般公共预算财政拨款支出"
GOV_FUND_TOTAL = "政府性基金预算财政拨款支出"
STATE_CAPITAL_TOTAL = "国有资本经营预算财政拨款支出"
# Each total of 预算及上年情况 that has a budget, and the expense tables whose 项 make it up.
BUDGET_TOTALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (FISCAL_TOTAL, (layout.GPB.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name)),
    (GPB_TOTAL, (layout.GPB.name,)),
    (GOV_FUND_TOTAL, (layout.GOV_FUND.name,)),
    (STATE_CAPITAL_TOTAL, (layout.STATE_CAPITAL.name,)),
)
COLUMNS = (layout.BUDGET, layout.ADJUSTED_BUDGET)


class Budgeted(Protocol):
    """A 项 with its spending and its two budgets (compute.figures.ItemLine)."""

    @property
    def change(self) -> Change: ...
    @property
    def budget(self) -> Change: ...
    @property
    def adjusted_budget(self) -> Change: ...


@dataclass(frozen=True)
class BudgetTotal:
    """One total's 年初 or 全年 budget: as stated, as Σ项, and the figure the sentences use."""

    name: str  # the total, as 预算及上年情况 names it
    column: str  # 年初预算数 or 全年预算数
    stated: Decimal | None
    location: Location | None  # the stated cell (or where it would stand)
    summed: Decimal | None  # Σ项, when every 项 with money or a budget gives one
    sheets: tuple[str, ...]  # the tables the 项 stand in
    tolerance: Decimal  # one cent of the workbook's unit: within it the stated figure stands

    @property
    def value(self) -> Decimal | None:
        if self.stated is None:
            return self.summed
        if self.summed is None or abs(self.stated - self.summed) <= self.tolerance:
            return self.stated
        return self.summed

    @property
    def is_stated(self) -> bool:
        """The figure used is the one typed in 预算及上年情况."""
        return self.stated is not None and self.value == self.stated


def item_budget_sum(items: Iterable[Budgeted], column: str) -> Decimal | None:
    """Σ项 of one budget column (年初预算数 or 全年预算数) when every 项 with money or a budget gives it,
    else None (a blank is not zero: a partial sum is no total)."""
    lines = [i for i in items if i.change.current or i.budget.base is not None or i.adjusted_budget.base is not None]
    values = [(i.budget if column == layout.BUDGET else i.adjusted_budget).base for i in lines]
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def budget_totals(overview: ItemTable, items: Mapping[str, Sequence[Budgeted]], tolerance: Decimal) -> tuple[BudgetTotal, ...]:
    """Every fund total's 年初 and 全年 budget; ITEMS: the 项 of each expense table by sheet name."""
    out = []
    for name, sheets in BUDGET_TOTALS:
        row = overview.get(name)
        lines = [i for sheet in sheets for i in items.get(sheet, ())]
        for column in COLUMNS:
            out.append(
                BudgetTotal(
                    name=name,
                    column=column,
                    stated=row.amount(column) if row else None,
                    location=row.source.at(column) if row else None,
                    summed=item_budget_sum(lines, column),
                    sheets=sheets,
                    tolerance=tolerance,
                )
            )
    return tuple(out)


def against(total: BudgetTotal, current: Decimal | None, overview: ItemTable) -> Change | None:
    """CURRENT against the settled budget, with the total's 预决算差异原因; None when CURRENT is blank."""
    if current is None:
        return None
    row = overview.get(total.name)
    reason = row.text(layout.BUDGET_REASON) if row else ""
    reason_at = row.source.at(layout.BUDGET_REASON) if row else None
    return Change(current, total.value, reason, reason_at, total.location if total.value is None or total.is_stated else None)
