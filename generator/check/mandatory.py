"""Mandatory tables are mandatory: a 决算报表 the official set always has cannot be empty while another says there was money."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import emits
from generator.compute.tree import Tree
from generator.findings import Finding, Location, emit

S, INC, E, F, G, B = (layout.SUMMARY.name, layout.INCOME.name, layout.EXPENSE.name, layout.FISCAL.name, layout.GPB.name, layout.BASIC.name)


def _positive(value: Decimal | None) -> bool:
    return value is not None and value > 0


def _total(tree: Tree, column: str) -> Decimal | None:
    return tree.known_total(column) if tree.has_data else None


@emits("table-empty", needs=(S, INC, E, F, G, B))
def check_mandatory_tables(ctx: CheckContext) -> Iterator[Finding]:
    """Each of the six tables every unit publishes (收入支出决算总表, 收入决算表, 支出决算表, 财政拨款收入支出决算总表,
    一般公共预算财政拨款支出决算表 and its 基本支出表) is an error when it is empty while another table states
    money it would hold: the document would lose its section (or say 未填报) although the money is known.
    The 政府性基金 and 国有资本经营 tables may be empty (the template says 本表无数据)."""
    f = ctx.figures
    base = f.base
    unit = base.unit
    summary, fiscal = base.summary, base.fiscal
    spent_fiscal = fiscal.get("本年支出合计", {})
    empty = {
        S: not any(v is not None for v in summary.values()),
        INC: not base.income.has_data,
        E: not base.expense.has_data,
        F: not any(v is not None for values in fiscal.values() for v in values.values()),
        G: not base.gpb.has_data,
        B: not base.basic.has_data,
    }
    # what says there was money, for each table: (the table that says so, what, amount)
    evidence: dict[str, list[tuple[str, str, Decimal | None]]] = {
        S: [
            (INC, "本年收入合计", _total(base.income, "本年收入合计")),
            (E, "本年支出合计", _total(base.expense, "本年支出合计")),
            (F, "本年支出合计", spent_fiscal.get("合计")),
        ],
        INC: [(S, "本年收入合计", summary.get("本年收入合计"))],
        E: [(S, "本年支出合计", summary.get("本年支出合计"))],
        F: [
            (S, name, summary.get(name)) for name in layout.INCOME_SOURCES[:3]
        ]
        + [(G, "合计", _total(base.gpb, "合计"))],
        G: [(F, "本年支出合计（一般公共预算财政拨款）", spent_fiscal.get("一般公共预算财政拨款")), (B, "合计", _total(base.basic, "决算数"))],
        B: [(G, "基本支出", _total(base.gpb, "基本支出"))],
    }
    for sheet, says in evidence.items():
        if not empty[sheet]:
            continue
        found = [(other, what, v) for other, what, v in says if not empty[other] and _positive(v)]
        if not found:
            continue
        other, what, value = found[0]
        yield emit(
            "table-empty",
            Location(file=unit.cover.source.file, sheet=sheet),
            sheet=sheet,
            source=other,
            item=what,
            stated=value,
            stated_text=money(ctx, value),
        )
