"""“三公”经费 against its budget and against the counts that say what it paid for."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import emits
from generator.compute.change import Change
from generator.compute.figures import ThreePublicPart
from generator.compute.totals import Key
from generator.findings import Finding, Location, emit
from generator.model import ItemTable


@emits("three-public-over-budget", needs=(layout.THREE_PUBLIC.name,))
def check_three_public_budget(ctx: CheckContext) -> Iterator[Finding]:
    """A 三公 part (or the total) spent beyond its budget: a warning with the amount over.

    The 全年预算数 (the budget after adjustment) is what the official table sets against the
    决算数; a unit that also types the 年初预算数 (the 上海 shape, "完成预算的X%") is told
    when it spent beyond that one, if it stayed within the 全年预算.
    """
    tp = ctx.figures.three_public
    table = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC.name)
    for part in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception):
        over = _over_budget(part, _residue(ctx, part.name))
        if over is None:
            continue
        budget, basis = over
        assert part.actual is not None and budget.base is not None
        difference = part.actual - budget.base
        label = "“三公”经费合计" if part.name == "合计" else f"“三公”经费「{part.name}」"
        yield emit(
            "three-public-over-budget",
            _at(ctx, table, part.name, "决算数"),
            current=part.actual,
            budget=budget.base,
            difference=difference,
            basis=basis,
            label=label,
            current_text=money(ctx, part.actual),
            budget_text=money(ctx, budget.base),
            difference_text=money(ctx, difference),
        )


@emits("three-public-difference-without-reason", needs=(layout.THREE_PUBLIC.name,))
def check_three_public_reasons(ctx: CheckContext) -> Iterator[Finding]:
    """Every 三公 决算 that differs from its budget needs a 预决算差异原因 (inspections: threshold 0).

    The budget is the one the documents state: the 年初预算数 when typed and not zero, else the
    全年预算数 (both share the row's one reason cell). A 尾差 of a settled total is not a difference.
    """
    tp = ctx.figures.three_public
    threshold = ctx.settings.three_public_threshold
    for part in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception):
        tolerance = _residue(ctx, part.name)
        for change, basis in ((part.initial_budget, "年初预算"), (part.budget_change, "全年预算")):
            if change is None or change.base is None or (basis == "年初预算" and change.base == 0):
                continue
            difference = change.current - change.base
            if abs(difference) <= tolerance or change.reason.strip():
                break
            rate = change.rate
            if rate is not None and abs(rate) <= threshold:
                break
            label = "“三公”经费合计" if part.name == "合计" else f"“三公”经费「{part.name}」"
            yield emit(
                "three-public-difference-without-reason",
                change.reason_location or _at(ctx, ctx.figures.base.unit.item_table(layout.THREE_PUBLIC.name), part.name, layout.BUDGET_REASON),
                current=change.current,
                budget=change.base,
                basis=basis,
                difference=difference,
                label=label,
                current_text=money(ctx, change.current),
                budget_text=money(ctx, change.base),
                direction="多" if difference > 0 else "少",
                difference_text=money(ctx, abs(difference)),
            )
            break


def _residue(ctx: CheckContext, name: str) -> Decimal:
    """How far a settled total (合计, 公务用车购置及运行维护费) may stand from its parts by rounding alone.

    The sample's 合计 is typed 7.65 while its parts add up to 7.66 (尾差): a 决算 total of 7.66
    against a 全年预算 (or 年初预算) typed 7.65 is rounding, not spending beyond the budget.
    """
    settlements = ctx.figures.base.ledger.settlements
    settled = [settlements.get(Key(layout.THREE_PUBLIC.name, name, column)) for column in ("全年预算数", "决算数", layout.BUDGET)]
    return max((s.tolerance for s in settled if s is not None and s.is_residue), default=Decimal(0))


def _over_budget(part: ThreePublicPart, tolerance: Decimal) -> tuple[Change, str] | None:
    """The budget the part's 决算 exceeds (by more than TOLERANCE) and its name: the 全年预算 first, else a non-zero 年初预算."""
    if part.actual is None:
        return None
    for change, basis in ((part.budget_change, "全年预算"), (part.initial_budget, "年初预算")):
        if change is None or change.base is None:
            continue
        if basis == "年初预算" and change.base == 0:
            continue  # a 年初预算 of 0 means none was set (a new unit): the 全年预算 decides
        if part.actual - change.base > tolerance:
            return change, basis
    return None


def _count_needs(ctx: CheckContext) -> tuple[tuple[str, Decimal | None, tuple[str, ...]], ...]:
    """(what was paid, its amount, the counts in 三公经费明细 that say what for); 公务接待费 less 外宾接待费 is domestic."""
    tp = ctx.figures.three_public
    domestic = None if tp.reception.actual is None else tp.reception.actual - (tp.foreign_reception or Decimal(0))
    return (
        ("因公出国（境）费", tp.abroad.actual, ("因公出国（境）团组数", "因公出国（境）人次")),
        ("公务用车购置费", tp.vehicle_purchase.actual, ("公务用车购置数",)),
        ("国内公务接待费", domestic, ("国内公务接待批次", "国内公务接待人次")),
        ("外宾接待费", tp.foreign_reception, ("外宾接待批次", "外宾接待人次")),
    )


def counts_needed(ctx: CheckContext) -> frozenset[str]:
    """The counts of 三公经费明细 that an amount above zero needs (check_blanks leaves their blanks to this rule)."""
    return frozenset(c for _, amount, counts in _count_needs(ctx) if amount is not None and amount > 0 for c in counts)


@emits("three-public-count-missing", needs=(layout.THREE_PUBLIC.name, layout.THREE_PUBLIC_DETAILS.name))
def check_three_public_counts(ctx: CheckContext) -> Iterator[Finding]:
    """An amount spent with no count of what it paid for (团组/人次, 车辆, 接待批次/人次): a warning at the count.

    The document states the counts next to the amounts; "因公出国（境）费8.00万元" beside
    "团组0个" (or no count at all) contradicts itself or hides what the money was for.
    """
    details = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC_DETAILS.name)
    for name, amount, counts in _count_needs(ctx):
        if amount is None or amount <= 0:
            continue
        for count_name in counts:
            count = details.amount(count_name, layout.CONTENT)
            if count:
                continue
            typed = "填为0" if count is not None else "未填写"
            yield emit(
                "three-public-count-missing",
                _at(ctx, details, count_name, layout.CONTENT),
                current=amount,
                item=count_name,
                stated=count,
                name=name,
                current_text=money(ctx, amount),
                typed=typed,
            )


def _at(ctx: CheckContext, table: ItemTable, name: str, column: str) -> Location:
    row = table.get(name)
    if row is not None:
        return row.source.at(column)
    return Location(file=ctx.figures.base.unit.cover.source.file, sheet=table.sheet, field=name)
