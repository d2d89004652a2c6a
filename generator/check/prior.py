"""This year's 上年 figures against last year's folder."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator import layout
from generator.check.compare import Stated, disagreement
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.compute.base import YearBase
from generator.compute.prior import PriorFigure, gpb_item_figure, gpb_total_figure, item_figure
from generator.display import more_or_less
from generator.findings import Finding, Location, Severity, emit

CODE = "prior-year-mismatch"


@emits("prior-year-mismatch", "opening-balance-mismatch", needs=(layout.OVERVIEW.name, layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name, layout.STAFF.name, layout.GPB.name, "上年数据"))
def check_prior_year(ctx: CheckContext) -> Iterator[Finding]:
    f = ctx.figures
    prior = f.prior
    if prior is None:
        raise NotApplicable("没有可用的上年数据（同级的上年文件夹不存在或有错误）")
    cur = f.base
    year = prior.unit.cover.year
    overview = cur.unit.item_table(layout.OVERVIEW.name)
    pairs: list[tuple[Stated, Stated]] = []

    def typed(sheet: str, name: str, column: str) -> Stated:
        row = cur.unit.item_table(sheet).get(name)
        return Stated(f"本年《{sheet}》「{name}」的「{column}」", row.amount(column) if row else None, row.source.at(column) if row else None)

    def last(label: str, figure: PriorFigure) -> Stated:
        return Stated(f"{year}年数据的{label}", figure.value, figure.location)

    summary_total = prior.summary.get("收入总计")
    pairs.append((typed(overview.sheet, "收入支出总计", layout.PRIOR), last("收入总计", item_figure(prior, layout.SUMMARY.name, "收入总计", layout.SUMMARY_AMOUNT, summary_total))))
    fiscal_total = prior.fiscal.get("支出总计", {}).get(layout.FISCAL_TOTAL)
    pairs.append((typed(overview.sheet, "财政拨款收入支出总计", layout.PRIOR), last("财政拨款支出总计", item_figure(prior, layout.FISCAL.name, "支出总计", layout.FISCAL_TOTAL, fiscal_total))))
    if prior.gpb.has_data:
        pairs.append((typed(overview.sheet, "一般公共预算财政拨款支出", layout.PRIOR), last("一般公共预算财政拨款支出合计", gpb_total_figure(prior))))
    for name in ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS):
        spent = prior.three_public.get(name, {}).get("决算数")
        pairs.append((typed(layout.THREE_PUBLIC.name, name, layout.PRIOR), last(f"“三公”经费「{name}」决算数", item_figure(prior, layout.THREE_PUBLIC.name, name, "决算数", spent))))
    pairs.append((typed(layout.OTHER_MATTERS.name, "机关运行经费", "上年数"), last("机关运行经费", item_figure(prior, layout.OTHER_MATTERS.name, "机关运行经费", "本年数"))))
    pairs.extend(_gpb_items(cur, prior, year))
    for a, b in pairs:
        if (finding := disagreement(ctx, CODE, a, b)) is not None:
            yield finding
    yield from _balances(ctx, cur, prior, year)
    yield from _staff(ctx, cur, prior, year)


def _gpb_items(cur: YearBase, prior: YearBase, year: int) -> list[tuple[Stated, Stated]]:
    if not prior.gpb.has_data:
        return []
    pairs = []
    for row in cur.unit.subject(layout.GPB.name).rows:
        if row.prior is None or row.code is None:
            continue
        last = gpb_item_figure(prior, row.code)
        pairs.append(
            (
                Stated(f"本年《{layout.GPB.name}》「{row.code} {row.name}」的上年决算数", row.prior, row.source.at(layout.PRIOR)),
                Stated(f"{year}年数据中该科目的决算数", last.value, last.location),
            )
        )
    return pairs


def _balances(ctx: CheckContext, cur: YearBase, prior: YearBase, year: int) -> Iterator[Finding]:
    """This year's 年初结转和结余 is last year's 年末结转和结余, unless the balance was adjusted at the start of the
    year (the internal 决算 forms have a 调整年初 column the published tables do not): a warning, never an error,
    since the two figures need not contradict each other."""
    opening = cur.summary.get("年初结转和结余")
    closing = prior.summary.get("年末结转和结余")
    row = cur.unit.item_table(layout.SUMMARY.name).get("年初结转和结余")
    f = disagreement(
        ctx,
        "opening-balance-mismatch",
        Stated("本年「年初结转和结余」", opening, row.source.at("金额") if row else None),
        Stated(f"{year}年「年末结转和结余」", closing, item_figure(prior, layout.SUMMARY.name, "年末结转和结余", layout.SUMMARY_AMOUNT).location),
        hint="年初数可能含以前年度的调整（公开的决算报表不列调整数）；没有调整时请改正其中一处",
        beyond=Severity.WARNING,
    )
    if f:
        yield f


def _staff(ctx: CheckContext, cur: YearBase, prior: YearBase, year: int) -> Iterator[Finding]:
    table = cur.unit.item_table(layout.STAFF.name)
    last = prior.unit.item_table(layout.STAFF.name)
    for name in layout.STAFF_ITEMS:
        typed = table.amount(name, "上年人数")
        actual = last.amount(name, "本年人数")
        if typed is None or actual is None or typed == actual:
            continue
        row = table.get(name)
        yield emit(
            CODE,
            row.source.at("上年人数") if row else Location(file=table.sheet),
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
    if f.gpb_change is None:
        return
    base = f.gpb_change.base
    items = [i.change.base for i in f.gpb_items if i.change.base is not None]
    if base is None or not items:
        return
    total = sum(items, Decimal(0))
    diff = base - total
    if diff == 0:
        return
    tolerance = f.base.ledger.per_part * len(items)
    source = f"{f.prior.unit.cover.year}年数据" if f.prior is not None else "本年工作簿的「上年决算数」列"
    where = f.gpb_change.base_location or Location(field="一般公共预算财政拨款支出")
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
