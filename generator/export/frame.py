"""One row per settled figure of a unit-year: unit, year, table, code, name, column, value, cell.

A figure is a number the workbook reports or the computation derives: every amount cell of
every sheet, and every level of a classification tree that was not typed but follows from its
children. Totals are settled (generator/compute/totals.py): within the 尾差 tolerance the
reported total, beyond it the sum of the parts. A blank cell is "not reported" and gives no
row (never a zero). Values are exact Decimals; money in 万元 whatever the workbook's unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from generator import layout
from generator.compute.base import YearBase, compute_base
from generator.compute.totals import Key
from generator.compute.tree import TOTAL, Node, Tree
from generator.findings import Finding, has_errors
from generator.load.discover import find_units, relative_name
from generator.load.folder import load_unit_year
from generator.model import ItemRow, ItemTable

COLUMNS = ("folder", "unit", "year", "table", "code", "name", "column", "measure", "value", "cell")
TOTAL_CODE = "合计"


class FigureRow(NamedTuple):
    folder: str  # the unit-year folder relative to the exported root ("." for the root itself)
    unit: str  # 单位名称 from the 封面
    year: int
    table: str  # the sheet
    code: str  # classification code; "合计" for a table's total; "" for a named item
    name: str
    column: str
    measure: str  # 万元, 人, 个, 平方米
    value: Decimal
    cell: str  # where the figure is typed ("D14"); "" when derived (a level nobody typed)


def unit_rows(base: YearBase, folder: str = ".") -> list[FigureRow]:
    """Every settled figure of one unit-year, in sheet order."""
    return list(_rows(base, folder))


def _rows(base: YearBase, folder: str) -> Iterator[FigureRow]:
    cover = base.unit.cover
    head = (folder, cover.unit_name, cover.year)
    for spec in layout.ITEM_SHEETS[1:]:
        table = base.unit.items.get(spec.name)
        if table is not None:
            for row, code, column, measure, value, typed in _item_figures(base, spec, table):
                cell = (row.source.at(column).cell or "") if typed else ""  # a total nobody typed is derived
                yield FigureRow(*head, spec.name, code, row.name, column, measure, value, cell)
    for subject in layout.SUBJECT_SHEETS:
        for code, name, column, value, cell in _tree_figures(base, subject):
            yield FigureRow(*head, subject.name, code, name, column, "万元", value, cell)


def _settled(base: YearBase, sheet: str) -> dict[str, dict[str, Decimal | None]] | None:
    """The settled values of an item sheet whose totals compute settles: name -> column -> value."""
    if sheet == layout.SUMMARY.name:
        return {name: {"金额": value} for name, value in base.summary.items()}
    if sheet == layout.FISCAL.name:
        return base.fiscal
    if sheet == layout.THREE_PUBLIC.name:
        return base.three_public
    return None


def _item_figures(
    base: YearBase, spec: layout.ItemSheet, table: ItemTable
) -> Iterator[tuple[ItemRow, str, str, str, Decimal, bool]]:
    settled = _settled(base, spec.name) or {}
    kinds = {item.name: item.kind for item in (*spec.items, *spec.extra)}
    column_kinds = {c.header: c.kind for c in spec.columns}
    class_codes = base.functional.class_code_by_name() if table.class_rows else {}
    rows = [(row, "") for row in table.rows.values()] + [(row, class_codes.get(row.name, "")) for row in table.class_rows.values()]
    for row, code in rows:
        for column, typed in row.amounts.items():
            row_settled = settled.get(row.name, {})
            value = row_settled[column] if column in row_settled else typed
            if value is not None:
                yield row, code, column, _measure(kinds.get(row.name), column_kinds.get(column)), value, typed is not None


def _measure(item_kind: layout.Kind | None, column_kind: layout.Kind | None) -> str:
    kind = column_kind if column_kind is layout.Kind.COUNT else item_kind
    if kind is layout.Kind.COUNT:
        return "人" if column_kind is layout.Kind.COUNT else "个"
    if kind is layout.Kind.AREA:
        return "平方米"
    return "万元"


def _tree_figures(base: YearBase, subject: layout.SubjectSheet) -> Iterator[tuple[str, str, str, Decimal, str]]:
    tree: Tree = {
        layout.INCOME.name: base.income,
        layout.EXPENSE.name: base.expense,
        layout.GPB.name: base.gpb,
        layout.BASIC.name: base.basic,
        layout.GOV_FUND.name: base.gov_fund,
        layout.STATE_CAPITAL.name: base.state_capital,
    }[subject.name]
    ledger = base.ledger
    table = base.unit.subject(subject.name)
    total_row = table.declared_total
    for column in tree.columns:
        settlement = ledger.get(Key(subject.name, TOTAL, column))
        reported = (total_row is not None and total_row.amount(column) is not None) or any(_reported(n, column) for n in tree.classes)
        value = settlement.value if settlement is not None and reported else None
        if value is not None:
            cell = total_row.source.at(column).cell or "" if total_row is not None and total_row.amount(column) is not None else ""
            yield TOTAL_CODE, "合计", column, value, cell
    for node in tree.nodes():
        for column in tree.columns:
            value = _node_value(base, subject.name, node, column)
            if value is not None:
                typed = node.row is not None and node.row.amount(column) is not None
                yield node.code, node.name, column, value, (node.row.source.at(column).cell or "") if typed and node.row else ""
        if node.row is not None and node.row.prior is not None:  # this year's typed 上年决算数
            yield node.code, node.name, layout.PRIOR, node.row.prior, node.row.source.at(layout.PRIOR).cell or ""
    for name, row in table.extra_totals.items():  # e.g. 人员经费合计: as reported (check compares it)
        for column, value in row.amounts.items():
            if value is not None:
                yield "", name, column, value, row.source.at(column).cell or ""


def _node_value(base: YearBase, sheet: str, node: Node, column: str) -> Decimal | None:
    """The settled value of a level (from the ledger), or what a leaf's cell says (None when blank)."""
    if node.children:
        if not _reported(node, column):
            return None  # nothing typed at this level or below: the tree's zero is "not reported"
        settlement = base.ledger.get(Key(sheet, node.code, column))
        return settlement.value if settlement is not None else None
    return node.row.amount(column) if node.row is not None else None


def _reported(node: Node, column: str) -> bool:
    """Some cell of COLUMN is typed at NODE or below it."""
    return any(n.row is not None and n.row.amount(column) is not None for n in node.walk())


def figure_rows(folder: Path, root: Path | None = None) -> tuple[list[FigureRow], list[Finding]]:
    """The figures of the unit-year FOLDER (named relative to ROOT), or the findings that kept it from being read.

    Cells that cannot be read (an error while loading) leave the unit out: its totals could not be settled.
    """
    unit, findings = load_unit_year(folder)
    if unit is None or has_errors(findings):
        return [], findings
    name = relative_name(root, folder) if root is not None else "."
    return unit_rows(compute_base(unit), name), []


def figures_frame(folder: Path) -> Any:
    """A pandas DataFrame of every settled figure of every unit-year under FOLDER (FOLDER included).

    Columns: COLUMNS. `value` is a column of exact `decimal.Decimal` objects (dtype object), never
    floats. The folders that could not be read are listed in `frame.attrs["unreadable"]` with
    their first error, as (folder, message) pairs.
    """
    try:
        import pandas as pd
    except ModuleNotFoundError as missing:  # an optional extra: say how to get it
        raise ModuleNotFoundError("api.figures_frame needs pandas: pip install 'juesuan[export]'", name="pandas") from missing

    rows: list[tuple[Any, ...]] = []
    unreadable: list[tuple[str, str]] = []
    for unit_folder in find_units(folder):
        found, findings = figure_rows(unit_folder, folder)
        rows.extend(found)
        if findings:
            unreadable.append((relative_name(folder, unit_folder), str(next(f for f in findings if f.severity.value == "error"))))
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    frame["year"] = frame["year"].astype("int64")
    frame.attrs["unreadable"] = unreadable
    return frame
