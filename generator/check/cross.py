"""The same figure in two tables must agree."""

from __future__ import annotations

from collections.abc import Iterator

from generator import layout
from generator.check.compare import Stated, disagreement
from generator.check.context import CheckContext
from generator.check.rule import emits
from generator.compute.totals import total_of
from generator.compute.tree import Tree
from generator.findings import Finding
from generator.model import SubjectRow

CODE = "cross-table-mismatch"


def _item(ctx: CheckContext, sheet: str, name: str, column: str, settled=None) -> Stated:
    """An item as its table states it (typed), else as settled from its parts."""
    row = ctx.figures.base.unit.item_table(sheet).get(name)
    typed = row.amount(column) if row else None
    v = typed if typed is not None else settled
    return Stated(f"《{sheet}》「{name}」", v, row.source.at(column) if row else None)


def _total(tree: Tree, column: str, label: str | None = None, typed: SubjectRow | None = None) -> Stated:
    """A table's 合计 as the table states it (its typed 合计 line), else as its lines sum up.

    Comparing what each table says keeps one typo in a 项 from echoing here: the
    mismatch inside its own table is reported by check_declared_totals.
    """
    if not tree.has_data:
        return Stated(tree.sheet, None)
    value = typed.amount(column) if typed is not None else None
    where = typed.source.at(column) if typed is not None else None
    return Stated(f"《{tree.sheet}》合计「{label or column}」", value if value is not None else tree.total(column), where)


@emits("cross-table-mismatch", needs=(layout.SUMMARY.name, layout.FISCAL.name, layout.INCOME.name, layout.EXPENSE.name, layout.GPB.name, layout.BASIC.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name))
def check_same_figures(ctx: CheckContext) -> Iterator[Finding]:
    """收入支出决算总表 vs 收入决算表 vs 支出决算表 vs 财政拨款总表 vs 一般公共预算表 vs 基本支出表."""
    b = ctx.figures.base
    summary = b.summary

    def typed(sheet: str) -> SubjectRow | None:
        return b.unit.subject(sheet).declared_total

    pairs = [
        (_item(ctx, layout.SUMMARY.name, "本年收入合计", "金额", summary.get("本年收入合计")), _total(b.income, "本年收入合计", typed=typed(layout.INCOME.name))),
        (_item(ctx, layout.SUMMARY.name, "本年支出合计", "金额", summary.get("本年支出合计")), _total(b.expense, "本年支出合计", typed=typed(layout.EXPENSE.name))),
    ]
    fiscal_income = total_of(summary.get(n) for n in layout.INCOME_SOURCES[:3])
    if any(summary.get(n) is not None for n in layout.INCOME_SOURCES[:3]):
        pairs.append((Stated("《收入支出决算总表》三项财政拨款收入之和", fiscal_income), _total(b.income, "财政拨款收入", typed=typed(layout.INCOME.name))))
        pairs.append(
            (
                Stated("《收入支出决算总表》三项财政拨款收入之和", fiscal_income),
                _item(ctx, layout.FISCAL.name, "本年收入", "合计", b.fiscal.get("本年收入", {}).get("合计")),
            )
        )
    # each source the 收入决算表 has a column for (财政拨款收入 is the three above, summed)
    for name in layout.INCOME_COLUMNS[2:]:
        pairs.append((_item(ctx, layout.SUMMARY.name, name, "金额"), _total(b.income, name, typed=typed(layout.INCOME.name))))
    # each 财政拨款收入 against its fund's column of the 财政拨款收入支出决算总表's 本年收入
    for item, fund in zip(layout.INCOME_SOURCES[:3], layout.FISCAL_COLUMNS[1:], strict=True):
        pairs.append((_item(ctx, layout.SUMMARY.name, item, "金额"), _item(ctx, layout.FISCAL.name, "本年收入", fund)))
    for fund, column in (("一般公共预算财政拨款", "合计"),):
        pairs.append(
            (
                _item(ctx, layout.FISCAL.name, "本年支出合计", fund, b.fiscal.get("本年支出合计", {}).get(fund)),
                _total(b.gpb, column, "合计", typed=typed(layout.GPB.name)),
            )
        )
    if b.gov_fund.has_data:
        pairs.append((_item(ctx, layout.FISCAL.name, "本年支出合计", "政府性基金预算财政拨款", b.fiscal.get("本年支出合计", {}).get("政府性基金预算财政拨款")), _total(b.gov_fund, "本年支出合计", typed=typed(layout.GOV_FUND.name))))
    if b.state_capital.has_data:
        pairs.append((_item(ctx, layout.FISCAL.name, "本年支出合计", "国有资本经营预算财政拨款", b.fiscal.get("本年支出合计", {}).get("国有资本经营预算财政拨款")), _total(b.state_capital, "本年支出合计", typed=typed(layout.STATE_CAPITAL.name))))
    if b.basic.has_data and b.gpb.has_data:
        pairs.append((Stated("《一般公共预算财政拨款基本支出决算表》人员经费与公用经费之和", b.personnel + b.public), _total(b.gpb, "基本支出", typed=typed(layout.GPB.name))))
    for a, c in pairs:
        if (f := disagreement(ctx, CODE, a, c)) is not None:
            yield f
    yield from _class_rows(ctx)


def _class_rows(ctx: CheckContext) -> Iterator[Finding]:
    """Each 类 in the two summary tables against the detail tables."""
    b = ctx.figures.base
    by_name = {n.name: n for n in b.expense.classes}
    summary = ctx.figures.base.unit.item_table(layout.SUMMARY.name)
    for name, row in summary.class_rows.items():
        node = by_name.get(name)
        stated = Stated(f"《{layout.EXPENSE.name}》「{name}」", node.value("本年支出合计") if node else None, node.row.source.at("本年支出合计") if node and node.row else None)
        if b.expense.has_data and (f := disagreement(ctx, CODE, Stated(f"《{layout.SUMMARY.name}》「{name}」", row.amount("金额"), row.source.at("金额")), stated)):
            yield f
    gpb_by_name = {n.name: n for n in b.gpb.classes}
    fiscal = ctx.figures.base.unit.item_table(layout.FISCAL.name)
    for name, row in fiscal.class_rows.items():
        node = gpb_by_name.get(name)
        if not b.gpb.has_data:
            continue
        stated = Stated(f"《{layout.GPB.name}》「{name}」", node.value("合计") if node else None, node.row.source.at("合计") if node and node.row else None)
        if (f := disagreement(ctx, CODE, Stated(f"《{layout.FISCAL.name}》「{name}」的「一般公共预算财政拨款」", row.amount("一般公共预算财政拨款"), row.source.at("一般公共预算财政拨款")), stated)):
            yield f
