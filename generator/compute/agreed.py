"""One settled value for every figure that two tables state: the tables and sentences of the document all print it.

The same figure stands in several of the nine tables: 本年支出合计 in 收入支出决算总表 and as
the 合计 of 支出决算表, each 类 in both, 一般公共预算财政拨款 本年支出合计 in 财政拨款收入支出决算总表
and as the 合计 of 一般公共预算财政拨款支出决算表, and so on. Each table is settled on its own
(generator.compute.tree, generator.compute.base) and may state it differently (a 尾差, or a
typing error); check_same_figures reports every such disagreement. The document must still
print one value: the one stated by the table that summarises the other, in this order:

    收入支出决算总表 > 财政拨款收入支出决算总表 > 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表,
    政府性基金 / 国有资本经营预算财政拨款收入支出决算表 > 一般公共预算财政拨款基本支出决算表

(the summarising table's figure is a total typed once from the exact 元 figure; the detail
table's may be a sum of parts each rounded on its own). Where the summarising table leaves
the figure blank, the detail table's own figure stands. The figures of YearBase stay as each
table states them, for check; `agree` gives the tables the document prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from generator import layout
from generator.compute.base import YearBase
from generator.compute.totals import complete_total
from generator.compute.tree import Tree

Items = Mapping[str, Decimal | None]
FiscalRows = Mapping[str, Mapping[str, Decimal | None]]

FISCAL_SOURCES = dict(zip(layout.FISCAL_FUNDS, layout.FISCAL_INCOMES, strict=True))  # fund column -> summary item


@dataclass(frozen=True)
class Agreed:
    """The settled tables as the document prints them: a figure two tables state has one value in both."""

    summary: Items  # 收入支出决算总表 items
    expense_classes: tuple[tuple[str, str, Decimal | None], ...]  # its 类 rows: (code, name, value), in code order
    fiscal: FiscalRows  # 财政拨款收入支出决算总表: item -> column -> value
    income: Tree
    expense: Tree
    gpb: Tree
    basic: Tree
    gov_fund: Tree
    state_capital: Tree


def agree(base: YearBase) -> Agreed:
    summary = base.summary
    fiscal = _agreed_fiscal(base)
    classes = _summary_classes(base)
    by_name = {name: value for _, name, value in classes}
    fiscal_income = complete_total([summary.get(n) for n in layout.FISCAL_INCOMES])
    income = _with_totals(
        base.income,
        {"本年收入合计": summary.get("本年收入合计"), "财政拨款收入": fiscal_income}
        | {n: summary.get(n) for n in layout.OTHER_INCOMES},
    )
    expense = _with_class_values(_with_totals(base.expense, {"本年支出合计": summary.get("本年支出合计")}), "本年支出合计", by_name)
    spent = fiscal.get("本年支出合计", {})
    gpb_classes = {name: values.get("一般公共预算财政拨款") for name, values in _fiscal_class_rows(base, fiscal).items()}
    gpb = _with_class_values(_with_totals(base.gpb, {"合计": spent.get("一般公共预算财政拨款")}), "合计", gpb_classes)
    return Agreed(
        summary=summary,
        expense_classes=classes,
        fiscal=fiscal,
        income=income,
        expense=expense,
        gpb=gpb,
        basic=_with_totals(base.basic, {"决算数": gpb.known_total("基本支出")}),
        gov_fund=_with_totals(base.gov_fund, {"本年支出合计": spent.get("政府性基金预算财政拨款")}),
        state_capital=_with_totals(base.state_capital, {"本年支出合计": spent.get("国有资本经营预算财政拨款")}),
    )


def _summary_classes(base: YearBase) -> tuple[tuple[str, str, Decimal | None], ...]:
    """The 类 rows of 收入支出决算总表: as it states them, and those only 支出决算表 states, by code."""
    codes = {name: code for code, name in layout.NATIONAL_CLASSES}
    rows: dict[str, tuple[str, str, Decimal | None]] = {}
    for node in base.expense.classes:
        rows[node.name] = (node.code, node.name, node.known("本年支出合计"))
    for name, row in base.unit.item_table(layout.SUMMARY.name).class_rows.items():
        value = row.amount("金额")
        if value is not None or name not in rows:
            code = rows[name][0] if name in rows else codes.get(name, "")
            rows[name] = (code, name, value)
    return tuple(sorted(rows.values(), key=lambda r: r[0] or "999"))


def _fiscal_class_rows(base: YearBase, fiscal: FiscalRows) -> dict[str, Mapping[str, Decimal | None]]:
    return {name: fiscal.get(name, {}) for name in base.unit.item_table(layout.FISCAL.name).class_rows}


def _agreed_fiscal(base: YearBase) -> FiscalRows:
    """财政拨款收入支出决算总表 with its 本年收入 as 收入支出决算总表 states the three 财政拨款收入."""
    summary = base.summary
    rows = {name: dict(values) for name, values in base.fiscal.items()}
    income = rows.setdefault("本年收入", {})
    for column, item in FISCAL_SOURCES.items():
        if summary.get(item) is not None:
            income[column] = summary.get(item)
    total = complete_total([summary.get(n) for n in FISCAL_SOURCES.values()])
    if total is not None:
        income["合计"] = total
    return rows


def _with_totals(tree: Tree, stated: Mapping[str, Decimal | None]) -> Tree:
    """TREE with the 合计 of each column that a summarising table states (not None) replaced by that figure.

    A table left empty stays empty: its figures are not made up from another table's."""
    if not tree.has_data:
        return tree
    totals = dict(tree.totals)
    reported = set(tree.reported)
    for column, value in stated.items():
        if value is not None and column in tree.columns:
            totals[column] = value
            reported.add(column)
    return dataclasses.replace(tree, totals=totals, reported=frozenset(reported))


def _with_class_values(tree: Tree, column: str, stated: Mapping[str, Decimal | None]) -> Tree:
    """TREE with the COLUMN of each 类 that a summarising table states (by name, not None) replaced by that figure."""
    classes = []
    for node in tree.classes:
        value = stated.get(node.name)
        if value is not None:
            node = dataclasses.replace(node, values={**node.values, column: value})
        classes.append(node)
    return dataclasses.replace(tree, classes=tuple(classes))

