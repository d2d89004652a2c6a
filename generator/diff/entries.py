"""One unit-year's figures as a flat, ordered list of entries, ready to be paired by key.

Blank is "not reported" (None), never zero. A classification table that has
data lists every code with a figure, so a code absent from it is zero that
year: its keys are declared in `YearEntries.complete`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from generator import layout
from generator.compute.base import YearBase
from generator.compute.tree import Node, Tree
from generator.diff.rows import Unit
from generator.findings import Location
from generator.model import ItemTable

ZERO = Decimal(0)


@dataclass(frozen=True)
class Entry:
    key: str
    group: str
    item: str
    unit: Unit
    value: Decimal | None
    order: tuple[int, int, str]  # (group, position, code): where the row goes in the table
    reason: str = ""
    has_reason_cell: bool = False  # the workbook has a 变动原因/说明 cell for it
    reason_location: Location | None = None
    stated_prior: Decimal | None = None  # this year's typed 上年 figure
    prior_location: Location | None = None
    note: str = ""
    absent_is_zero: bool = True  # for keys under `complete`: missing that year means zero (else: not there)


@dataclass
class YearEntries:
    entries: dict[str, Entry] = field(default_factory=dict)
    complete: set[str] = field(default_factory=set)  # key prefixes whose absence means "not there that year"

    def add(self, entry: Entry) -> None:
        self.entries[entry.key] = entry

    def covers(self, key: str) -> bool:
        return any(key.startswith(prefix) for prefix in self.complete)


GROUPS = (
    "收入支出总体情况",
    "收入决算",
    "支出决算",
    "财政拨款收入支出",
    "一般公共预算财政拨款支出",
    "一般公共预算财政拨款基本支出",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
    "“三公”经费",
    "机关运行经费、政府采购、国有资产",
    "人员情况",
    "绩效自评",
)


def year_entries(base: YearBase) -> YearEntries:
    """Every figure of one year that the disclosure states or compares, in document order."""
    out = YearEntries()
    for add in (_summary, _income, _expense, _fiscal, _gpb, _basic, _funds, _three_public, _other_matters, _staff):
        for entry in add(base, out):
            out.add(entry)
    return out


def _group(name: str) -> int:
    return GROUPS.index(name)


def _cell(table: ItemTable, name: str, column: str) -> Location | None:
    row = table.get(name)
    return row.source.at(column) if row else None


def _summary(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "收入支出总体情况"
    overview = base.item(layout.OVERVIEW.name)
    reason = overview.text("收入支出总计", layout.REASON)
    names = (
        "收入总计",
        "本年收入合计",
        "使用非财政拨款结余",
        "年初结转和结余",
        "支出总计",
        "本年支出合计",
        "结余分配",
        "年末结转和结余",
    )
    for i, name in enumerate(names):
        explained = name in ("收入总计", "支出总计")
        yield Entry(
            key=f"summary.{name}",
            group=g,
            item=name,
            unit=Unit.WANYUAN,
            value=base.summary.get(name),
            order=(_group(g), i, ""),
            reason=reason if explained else "",
            has_reason_cell=explained,
            reason_location=_cell(overview, "收入支出总计", layout.REASON) if explained else None,
            stated_prior=overview.amount("收入支出总计", layout.PRIOR) if name == "收入总计" else None,
            prior_location=_cell(overview, "收入支出总计", layout.PRIOR) if name == "收入总计" else None,
        )


def _income(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "收入决算"
    for i, name in enumerate(layout.INCOME_SOURCES):
        yield Entry(
            key=f"income.{name}", group=g, item=name, unit=Unit.WANYUAN, value=base.summary.get(name), order=(_group(g), i, "")
        )


def _expense(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "支出决算"
    tree = base.expense
    for i, column in enumerate(layout.EXPENSE_COLUMNS):
        value = tree.total(column) if tree.has_data and _reported(tree, column) else None
        yield Entry(key=f"expense.{column}", group=g, item=column, unit=Unit.WANYUAN, value=value, order=(_group(g), i, ""))
    yield from _tree_entries(tree, "expense-code.", g, "本年支出合计", out, position=len(layout.EXPENSE_COLUMNS))


def _fiscal(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "财政拨款收入支出"
    overview = base.item(layout.OVERVIEW.name)
    names = ("收入总计", "本年收入", "年初财政拨款结转和结余", "支出总计", "本年支出合计", "年末财政拨款结转和结余")
    for i, name in enumerate(names):
        explained = name == "支出总计"
        yield Entry(
            key=f"fiscal.{name}",
            group=g,
            item=f"财政拨款{name}" if not name.startswith(("年初", "年末")) else name,
            unit=Unit.WANYUAN,
            value=base.fiscal.get(name, {}).get("合计"),
            order=(_group(g), i, ""),
            reason=overview.text("财政拨款收入支出总计", layout.REASON) if explained else "",
            has_reason_cell=explained,
            reason_location=_cell(overview, "财政拨款收入支出总计", layout.REASON) if explained else None,
            stated_prior=overview.amount("财政拨款收入支出总计", layout.PRIOR) if explained else None,
            prior_location=_cell(overview, "财政拨款收入支出总计", layout.PRIOR) if explained else None,
        )


def _gpb(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "一般公共预算财政拨款支出"
    overview = base.item(layout.OVERVIEW.name)
    name = "一般公共预算财政拨款支出"
    tree = base.gpb
    yield Entry(
        key="gpb.合计",
        group=g,
        item=f"{name}合计",
        unit=Unit.WANYUAN,
        value=tree.total("合计") if tree.has_data and _reported(tree, "合计") else None,
        order=(_group(g), 0, ""),
        reason=overview.text(name, layout.REASON),
        has_reason_cell=True,
        reason_location=_cell(overview, name, layout.REASON),
        stated_prior=overview.amount(name, layout.PRIOR),
        prior_location=_cell(overview, name, layout.PRIOR),
    )
    yield from _tree_entries(tree, "gpb.", g, "合计", out, position=1, explained_leaves=True)


def _basic(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "一般公共预算财政拨款基本支出"
    tree = base.basic
    reported = tree.has_data and _reported(tree, "决算数")
    for i, (name, value) in enumerate((("人员经费", base.personnel), ("公用经费", base.public))):
        yield Entry(
            key=f"basic.{name}",
            group=g,
            item=name,
            unit=Unit.WANYUAN,
            value=value if reported else None,
            order=(_group(g), i, ""),
        )
    yield from _tree_entries(tree, "basic-code.", g, "决算数", out, position=2)


def _funds(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    for g, key, tree in (
        ("政府性基金预算财政拨款", "gov-fund", base.gov_fund),
        ("国有资本经营预算财政拨款", "state-capital", base.state_capital),
    ):
        for i, column in enumerate(layout.FUND_COLUMNS):
            value = tree.total(column) if tree.has_data and _reported(tree, column) else None
            yield Entry(key=f"{key}.{column}", group=g, item=column, unit=Unit.WANYUAN, value=value, order=(_group(g), i, ""))


def _three_public(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "“三公”经费"
    table = base.item(layout.THREE_PUBLIC.name)
    names = (
        "合计",
        layout.THREE_PUBLIC_PARTS[0],
        layout.THREE_PUBLIC_PARTS[1],
        *layout.VEHICLE_PARTS,
        layout.THREE_PUBLIC_PARTS[2],
    )
    for i, name in enumerate(names):
        yield Entry(
            key=f"three-public.{name}",
            group=g,
            item="“三公”经费合计" if name == "合计" else name,
            unit=Unit.WANYUAN,
            value=base.three_public.get(name, {}).get("决算数"),
            order=(_group(g), i, ""),
            reason=table.text(name, layout.REASON),
            has_reason_cell=True,
            reason_location=_cell(table, name, layout.REASON),
            stated_prior=table.amount(name, layout.PRIOR),
            prior_location=_cell(table, name, layout.PRIOR),
        )
    details = base.item(layout.THREE_PUBLIC_DETAILS.name)
    counts = (
        ("因公出国（境）团组数", Unit.COUNT),
        ("因公出国（境）人次", Unit.TIMES),
        ("公务用车购置数", Unit.VEHICLES),
        ("公务用车保有量", Unit.VEHICLES),
        ("国内公务接待批次", Unit.TIMES),
        ("国内公务接待人次", Unit.TIMES),
    )
    for i, (name, unit) in enumerate(counts, start=len(names)):
        value = details.amount(name, layout.CONTENT)
        yield Entry(key=f"three-public.{name}", group=g, item=name, unit=unit, value=value, order=(_group(g), i, ""))


_OTHER_UNITS = {"房屋面积": Unit.AREA, "单价100万元（含）以上设备": Unit.COUNT} | {k: Unit.VEHICLES for k in layout.VEHICLE_KINDS}


def _other_matters(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "机关运行经费、政府采购、国有资产"
    table = base.item(layout.OTHER_MATTERS.name)
    position = 0
    for item in layout.OTHER_MATTERS.items:
        name = item.name
        explained = name == "机关运行经费"
        yield Entry(
            key=f"other.{name}",
            group=g,
            item=name,
            unit=_OTHER_UNITS.get(name, Unit.WANYUAN),
            value=table.amount(name, "本年数"),
            order=(_group(g), position, ""),
            reason=table.text(name, "说明") if explained else "",
            has_reason_cell=explained,
            reason_location=_cell(table, name, "说明") if explained else None,
            stated_prior=table.amount(name, "上年数"),
            prior_location=_cell(table, name, "上年数"),
        )
        position += 1
        if name == "政府采购服务支出":
            parts = [table.amount(n, "本年数") for n in ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")]
            reported = [p for p in parts if p is not None]
            yield Entry(
                key="other.政府采购合计",
                group=g,
                item="政府采购支出合计",
                unit=Unit.WANYUAN,
                value=sum(reported, ZERO) if reported else None,
                order=(_group(g), position, ""),
            )
            position += 1


def _staff(base: YearBase, out: YearEntries) -> Iterator[Entry]:
    g = "人员情况"
    table = base.item(layout.STAFF.name)
    for i, name in enumerate(layout.STAFF_ITEMS):
        yield Entry(
            key=f"staff.{name}",
            group=g,
            item=name,
            unit=Unit.PEOPLE,
            value=table.amount(name, "本年人数"),
            order=(_group(g), i, ""),
            stated_prior=table.amount(name, "上年人数"),
            prior_location=_cell(table, name, "上年人数"),
        )


# --- classification trees ------------------------------------------------------------


def _reported(tree: Tree, column: str) -> bool:
    """Some row of the table has a figure in COLUMN (a table of blanks reports nothing)."""
    return any(n.row is not None and n.row.amount(column) is not None for n in tree.nodes())


def _node_value(node: Node, column: str) -> Decimal | None:
    if node.row is not None and node.row.amount(column) is not None:
        return node.value(column)
    if any(n.row is not None and n.row.amount(column) is not None for n in node.walk()):
        return node.value(column)
    return None


def _tree_entries(
    tree: Tree, prefix: str, group: str, column: str, out: YearEntries, position: int, explained_leaves: bool = False
) -> Iterator[Entry]:
    """One entry per 类/款/项 of TREE; a table with data declares its codes complete."""
    if not tree.has_data or not _reported(tree, column):
        return
    out.complete.add(prefix)
    level = {1: "类", 2: "款", 3: "项"}
    for node in tree.nodes():
        row = node.row
        leaf = not node.children
        explained = explained_leaves and leaf
        suffix = f"（{level[node.level]}）" if node.level in level else ""
        yield Entry(
            key=f"{prefix}{node.code}",
            group=group,
            item=f"{node.code} {node.name}{suffix}",
            unit=Unit.WANYUAN,
            value=_node_value(node, column),
            order=(_group(group), position, node.code),
            reason=row.reason if row is not None and explained else "",
            has_reason_cell=explained,
            reason_location=row.source.at(layout.REASON) if row is not None and explained else None,
            stated_prior=row.prior if row is not None and explained else None,
            prior_location=row.source.at(layout.PRIOR) if row is not None and explained else None,
        )
