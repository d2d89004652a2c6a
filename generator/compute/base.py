"""One year's figures, at full precision, before any comparison with another year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator import codes, layout
from generator.compute.totals import ZERO, Key, Ledger, Part, part_tolerance
from generator.compute.tree import Tree, build_tree
from generator.model import ItemTable, UnitYear

PERSONNEL_CLASSES = ("301", "303")


@dataclass(frozen=True)
class YearBase:
    """Every current-year figure of one unit-year, settled."""

    unit: UnitYear
    ledger: Ledger
    summary: dict[str, Decimal | None]  # 收入支出决算总表 items, settled
    income: Tree
    expense: Tree
    fiscal: dict[str, dict[str, Decimal | None]]  # 财政拨款收入支出决算总表: item -> column -> value
    gpb: Tree
    basic: Tree
    gov_fund: Tree
    state_capital: Tree
    three_public: dict[str, dict[str, Decimal | None]]  # item -> {全年预算数, 决算数, 上年决算数, 年初预算数}
    economic: codes.CodeList
    functional: codes.CodeList

    @property
    def personnel(self) -> Decimal:
        return sum((n.value("决算数") for n in self.basic.classes if n.code in PERSONNEL_CLASSES), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((n.value("决算数") for n in self.basic.classes if n.code not in PERSONNEL_CLASSES), ZERO)

    def item(self, sheet: str) -> ItemTable:
        return self.unit.item_table(sheet)


def compute_base(unit: UnitYear) -> YearBase:
    ledger = Ledger(per_part=part_tolerance(unit.cover.declared_unit))
    functional, economic = unit.functional, unit.economic
    trees = {
        spec.name: build_tree(
            unit.subject(spec.name),
            tuple(h for h in spec.amount_headers if h not in layout.BUDGET_COLUMNS) if spec is not layout.GPB else layout.GPB_COLUMNS,
            economic if spec.classification == "economic" else functional,
            ledger,
        )
        for spec in layout.SUBJECT_SHEETS
    }
    return YearBase(
        unit=unit,
        ledger=ledger,
        summary=_summary(unit.item_table(layout.SUMMARY.name), ledger),
        income=trees[layout.INCOME.name],
        expense=trees[layout.EXPENSE.name],
        fiscal=_fiscal(unit.item_table(layout.FISCAL.name), ledger),
        gpb=trees[layout.GPB.name],
        basic=trees[layout.BASIC.name],
        gov_fund=trees[layout.GOV_FUND.name],
        state_capital=trees[layout.STATE_CAPITAL.name],
        three_public=_three_public(unit.item_table(layout.THREE_PUBLIC.name), ledger),
        economic=economic,
        functional=functional,
    )


def _parts(table: ItemTable, names: tuple[str, ...], column: str, values: dict[str, Decimal | None] | None = None) -> list[Part]:
    parts = []
    for name in names:
        row = table.get(name)
        value = values[name] if values is not None and name in values else (row.amount(column) if row else None)
        parts.append(Part(name, value, row.source.at(column) if row else None))
    return parts


def _declared(table: ItemTable, name: str, column: str):
    row = table.get(name)
    return (row.amount(column) if row else None), (row.source.at(column) if row else None)


def _summary(table: ItemTable, ledger: Ledger) -> dict[str, Decimal | None]:
    col = layout.SUMMARY_AMOUNT
    out: dict[str, Decimal | None] = {name: table.amount(name, col) for name in layout.INCOME_SOURCES}
    sheet = table.sheet

    def settle(name: str, parts: list[Part]) -> Decimal | None:
        declared, loc = _declared(table, name, col)
        out[name] = ledger.settle(Key(sheet, name, col), f"{sheet}「{name}」", declared, parts, loc)
        return out[name]

    settle("本年收入合计", _parts(table, layout.INCOME_SOURCES, col))
    for name in ("使用非财政拨款结余", "年初结转和结余", "结余分配", "年末结转和结余"):
        out[name] = table.amount(name, col)
    settle("收入总计", _parts(table, ("本年收入合计", "使用非财政拨款结余", "年初结转和结余"), col, out))
    class_parts = [Part(name, row.amount(col), row.source.at(col)) for name, row in table.class_rows.items()]
    settle("本年支出合计", class_parts)
    settle("支出总计", _parts(table, ("本年支出合计", "结余分配", "年末结转和结余"), col, out))
    return out


def _settle_items(
    ledger: Ledger, table: ItemTable, name: str, part_names: tuple[str, ...], column: str, values: dict[str, Decimal | None]
) -> Decimal | None:
    """Settle item NAME of TABLE against PART_NAMES in one COLUMN; VALUES holds what is settled so far."""
    declared, loc = _declared(table, name, column)
    parts = _parts(table, part_names, column, values)
    return ledger.settle(Key(table.sheet, name, column), f"{table.sheet}「{name}」的「{column}」", declared, parts, loc)


def _fiscal(table: ItemTable, ledger: Ledger) -> dict[str, dict[str, Decimal | None]]:
    funds = layout.FISCAL_FUNDS
    by_row: dict[str, dict[str, Decimal | None]] = {}
    rows = list(table.rows.values()) + list(table.class_rows.values())
    for row in rows:
        values = {col: row.amount(col) for col in funds}
        values["合计"] = ledger.settle(
            Key(table.sheet, row.name, "合计"),
            f"{table.sheet}「{row.name}」的「合计」",
            row.amount("合计"),
            [Part(col, row.amount(col), row.source.at(col)) for col in funds],
            row.source.at("合计"),
        )
        by_row[row.name] = values
    classes = tuple(table.class_rows)
    for col in layout.FISCAL_COLUMNS:
        column = {name: values.get(col) for name, values in by_row.items()}
        if classes:
            parts = [Part(n, column.get(n), table.class_rows[n].source.at(col)) for n in classes]
            declared, loc = _declared(table, "本年支出合计", col)
            column["本年支出合计"] = ledger.settle(
                Key(table.sheet, "本年支出合计", col), f"{table.sheet}「本年支出合计」的「{col}」", declared, parts, loc
            )
        column["收入总计"] = _settle_items(ledger, table, "收入总计", ("本年收入", "年初财政拨款结转和结余"), col, column)
        column["支出总计"] = _settle_items(ledger, table, "支出总计", ("本年支出合计", "年末财政拨款结转和结余"), col, column)
        for name, value in column.items():
            by_row.setdefault(name, {})[col] = value
    return by_row


THREE_PUBLIC_COLUMNS = ("全年预算数", "决算数", layout.PRIOR, layout.BUDGET)  # each settled: 合计 and 公务用车 against their parts


def _three_public(table: ItemTable, ledger: Ledger) -> dict[str, dict[str, Decimal | None]]:
    out: dict[str, dict[str, Decimal | None]] = {}
    leaves = (layout.ABROAD, layout.RECEPTION, *layout.VEHICLE_PARTS)
    for col in THREE_PUBLIC_COLUMNS:
        values: dict[str, Decimal | None] = {name: table.amount(name, col) for name in leaves}
        values[layout.VEHICLES] = _settle_items(ledger, table, layout.VEHICLES, layout.VEHICLE_PARTS, col, values)
        values["合计"] = _settle_items(ledger, table, "合计", layout.THREE_PUBLIC_PARTS, col, values)
        for name, value in values.items():
            out.setdefault(name, {})[col] = value
    return out
