"""Every notable change has a reason, and the reason's wording follows the sign."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import emits
from generator.compute.change import Change, Direction, budget_basis
from generator.findings import Finding, Location, emit

_UP = ("增加", "增长", "上涨", "上升", "提高", "增多", "新增", "追加", "调增")
_DOWN = ("减少", "下降", "降低", "减小", "缩减", "压减", "调减", "节约")
_WORDS = re.compile("|".join(_UP + _DOWN))
# A 预决算差异原因 compares the final figure with the budget: these words say which way outright
# and decide over the 增/减 words above, which may describe a cause ("人员增加，但…决算数小于预算数").
# A negated 超 ("未超过预算") is a word of its own, listed before 超 so that it matches first.
_UNDER_BUDGET = ("未超", "不超", "没有超", "小于", "低于", "少于", "未完成", "未达到", "未全部完成", "结余", "节余")
_OVER_BUDGET = ("大于", "高于", "多于", "超")
_BUDGET_WORDS = re.compile("|".join(_UNDER_BUDGET + _OVER_BUDGET))
_CLAUSE = re.compile("[，。；,;]")


@dataclass(frozen=True)
class Explained:
    label: str
    change: Change


def explained_changes(ctx: CheckContext) -> list[Explained]:
    """Every change the document explains with a reason, year over year."""
    f = ctx.figures
    tp = f.three_public
    items: list[tuple[str, Change | None]] = [
        ("收入支出总计", f.statement.change),
        ("财政拨款收入支出总计", f.funds.fiscal.change),
        ("一般公共预算财政拨款支出", f.funds.gpb.change),
        *((f"一般公共预算财政拨款支出「{i.code} {i.name}」", i.change) for i in f.funds.gpb.items),
        ("“三公”经费合计", tp.total.change),
        *((p.name, p.change) for p in (tp.abroad, tp.vehicles, tp.reception)),
        ("机关运行经费", f.admin_cost),
    ]
    return [Explained(label, change) for label, change in items if change is not None]  # a blank figure has no change


def direction_of(reason: str) -> Direction | None:
    """The direction a reason's wording states: its last 增/减 word decides (the conclusion comes last)."""
    words = _WORDS.findall(reason)
    if not words:
        return None
    return Direction.UP if words[-1] in _UP else Direction.DOWN


def budget_direction_of(reason: str) -> Direction | None:
    """The direction a 预决算差异原因 states for 决算 against 预算: its last 大于/小于/超/未完成/结余…
    word; without one, the last 增/减 word of a clause that names the 预算 ("支出较预算减少",
    "年中追加预算"). A 增/减 word elsewhere describes a cause ("年中追加项目资金，导致预决算存在差异")
    and says nothing of which way the 决算 went."""
    words = _BUDGET_WORDS.findall(reason)
    if words:
        return Direction.DOWN if words[-1] in _UNDER_BUDGET else Direction.UP
    clauses = [c for c in _CLAUSE.split(reason) if "预算" in c]
    stated = [d for d in (direction_of(c) for c in clauses) if d is not None]
    return stated[-1] if stated else None


@emits("change-without-reason", "reason-contradicts-change", needs=(layout.OVERVIEW.name, layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name))
def check_reasons(ctx: CheckContext) -> Iterator[Finding]:
    threshold = ctx.settings.change_threshold
    for item in explained_changes(ctx):
        c = item.change
        if not c.known or c.direction in (Direction.FLAT, Direction.BOTH_ZERO):
            continue
        rate = c.rate
        notable = rate is None or abs(rate) >= threshold
        where = c.reason_location or Location(field=item.label)
        if notable and not c.reason.strip():
            change_rate = abs(rate) * 100 if rate is not None else Decimal(0)
            rate_text = "从零变为非零" if c.base == 0 else ("降为零" if c.current == 0 else f"变动{change_rate:.2f}%")
            yield emit(
                "change-without-reason",
                where,
                current=c.current,
                prior=c.base,
                rate=rate,
                label=item.label,
                current_text=money(ctx, c.current),
                prior_text=money(ctx, c.base),
                rate_text=rate_text,
            )
        stated = direction_of(c.reason)
        if stated is not None and stated is not c.direction:
            actual = "增加" if c.direction is Direction.UP else "减少"
            said = "增加" if stated is Direction.UP else "减少"
            yield emit(
                "reason-contradicts-change",
                where,
                current=c.current,
                prior=c.base,
                reason=c.reason,
                label=item.label,
                actual=actual,
                difference_text=money(ctx, abs(c.difference)),
                said=said,
            )


def budget_comparisons(ctx: CheckContext) -> list[Explained]:
    """Every figure the document explains against its budget (per 项, and 三公 against 年初预算)."""
    f = ctx.figures
    tp = f.three_public
    lines = [
        *(("一般公共预算财政拨款支出", i) for i in f.funds.gpb.items),
        *(("政府性基金预算财政拨款支出", i) for i in f.funds.gov_fund.items),
        *(("国有资本经营预算财政拨款支出", i) for i in f.funds.state_capital.items),
    ]
    items = [Explained(f"{kind}「{i.code} {i.name}」", budget_basis(i.budget, i.adjusted_budget)[0]) for kind, i in lines]
    items += [
        Explained(f"“三公”经费「{p.name}」", p.initial_budget)
        for p in (tp.total, tp.abroad, tp.vehicles, tp.reception)
        if p.initial_budget is not None
    ]
    return items


@emits("budget-difference-without-reason", needs=(layout.GPB.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name, layout.THREE_PUBLIC.name))
def check_budget_reasons(ctx: CheckContext) -> Iterator[Finding]:
    """A final figure that differs from its budget by the threshold or more needs a 预决算差异原因."""
    threshold = ctx.settings.change_threshold
    for item in budget_comparisons(ctx):
        if item.label.startswith("“三公”经费"):
            continue  # every 三公 difference needs a reason: three_public.check_three_public_reasons
        c = item.change
        if c.base is None or c.direction in (Direction.FLAT, Direction.BOTH_ZERO) or c.reason.strip():
            continue
        rate = c.rate
        if rate is not None and abs(rate) < threshold:
            continue
        rate_text = "预算为零" if rate is None else f"差异{abs(rate) * 100:.2f}%"
        yield emit(
            "budget-difference-without-reason",
            c.reason_location or c.base_location or Location(field=item.label),
            current=c.current,
            budget=c.base,
            rate=rate,
            label=item.label,
            current_text=money(ctx, c.current),
            budget_text=money(ctx, c.base),
            rate_text=rate_text,
        )


@emits("income-content-unused", needs=(layout.SUMMARY.name,))
def check_income_contents(ctx: CheckContext) -> Iterator[Finding]:
    """A 收入主要内容 is written only where the document uses it: on 事业收入, 经营收入 or 其他收入, with money."""
    table = ctx.figures.base.unit.item_table(layout.SUMMARY.name)
    for name, row in table.rows.items():
        if not row.text(layout.INCOME_CONTENT).strip():
            continue
        amount = row.amount("金额")
        if name in layout.EXPLAINED_INCOMES and amount:
            continue
        why = "只有事业收入、经营收入、其他收入有这一说明" if name not in layout.EXPLAINED_INCOMES else f"本年{name}为{'空白' if amount is None else '零'}"
        yield emit("income-content-unused", row.source.at(layout.INCOME_CONTENT), item=name, amount=amount, why=why)


def budget_reasons(ctx: CheckContext) -> list[tuple[str, tuple[Change, ...]]]:
    """Every 预决算差异原因 with the budgets it may be read against (the 年初预算, and the 全年预算
    where one is typed: a template may compare with either, and a 项 new in the year has only the
    latter). The totals of 预算及上年情况 count too."""
    f = ctx.figures
    tp = f.three_public
    lines = [
        *(("一般公共预算财政拨款支出", i) for i in f.funds.gpb.items),
        *(("政府性基金预算财政拨款支出", i) for i in f.funds.gov_fund.items),
        *(("国有资本经营预算财政拨款支出", i) for i in f.funds.state_capital.items),
    ]
    out: list[tuple[str, tuple[Change, ...]]] = [(f"{kind}「{i.code} {i.name}」", (i.budget, i.adjusted_budget)) for kind, i in lines]
    totals = (  # a new unit's reason reads against the 全年预算
        ("财政拨款收入支出总计", (f.funds.fiscal.budget, f.funds.fiscal.adjusted_budget)),
        ("一般公共预算财政拨款支出", (f.funds.gpb.budget, f.funds.gpb.adjusted_budget)),
        ("政府性基金预算财政拨款支出", (f.funds.gov_fund.budget, f.funds.gov_fund.adjusted_budget)),
        ("国有资本经营预算财政拨款支出", (f.funds.state_capital.budget, f.funds.state_capital.adjusted_budget)),
    )
    for label, changes in totals:
        bases = tuple(c for c in changes if c is not None)
        if bases:
            out.append((label, bases))
    for p in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception):
        bases = tuple(c for c in (p.initial_budget, p.budget_change) if c is not None)
        if bases:
            out.append(("“三公”经费合计" if p.name == "合计" else f"“三公”经费「{p.name}」", bases))
    return out


@emits("budget-reason-contradicts", needs=(layout.OVERVIEW.name, layout.GPB.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name, layout.THREE_PUBLIC.name))
def check_budget_reason_direction(ctx: CheckContext) -> Iterator[Finding]:
    """A 预决算差异原因 that says 大于 (超, 增加…) where the 决算 is below every budget it may be read
    against, or 小于 (未完成, 结余, 减少…) where it is above: the published sentence would be false."""
    for label, bases in budget_reasons(ctx):
        reason = bases[0].reason
        stated = budget_direction_of(reason)
        compared = [c for c in bases if c.base is not None and c.direction in (Direction.UP, Direction.DOWN)]
        if stated is None or not compared or any(c.direction is stated for c in compared):
            continue
        c = compared[0]
        assert c.base is not None
        actual = "大于" if c.direction is Direction.UP else "小于"
        said = "大于预算" if stated is Direction.UP else "小于预算"
        yield emit(
            "budget-reason-contradicts",
            c.reason_location or c.base_location or Location(field=label),
            current=c.current,
            budget=c.base,
            reason=reason,
            label=label,
            current_text=money(ctx, c.current),
            actual=actual,
            budget_text=money(ctx, c.base),
            difference_text=money(ctx, abs(c.difference)),
            said=said,
        )
