"""Classification trees: 项 → 款 → 类 → 合计, each level settled against its children."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from generator import codes
from generator.compute.totals import ZERO, Ledger, Part
from generator.model import SubjectRow, SubjectTable


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    values: dict[str, Decimal]  # settled, per column (0 where nothing was reported)
    children: tuple[Node, ...]
    row: SubjectRow | None  # None when the level was not typed and is only derived

    @property
    def level(self) -> int:
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 0)

    def value(self, column: str) -> Decimal:
        return self.values.get(column, ZERO)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Tree:
    """A settled classification table. Frozen; its code index is built on first use."""

    sheet: str
    columns: tuple[str, ...]
    totals: dict[str, Decimal]
    classes: tuple[Node, ...]
    has_data: bool
    reported: frozenset[str] = frozenset()  # the columns in which some cell was typed

    def total(self, column: str) -> Decimal:
        return self.totals.get(column, ZERO)

    def known_total(self, column: str) -> Decimal | None:
        """The settled total of COLUMN, or None when no cell of the column was typed (a blank is not zero)."""
        return self.totals.get(column, ZERO) if column in self.reported else None

    def nodes(self):
        for node in self.classes:
            yield from node.walk()

    def find(self, code: str) -> Node | None:
        return self._index.get(code)

    @cached_property
    def _index(self) -> dict[str, Node]:
        return {n.code: n for n in self.nodes()}

    def leaves(self):
        return [n for n in self.nodes() if not n.children]


def build_tree(
    table: SubjectTable, columns: tuple[str, ...], names: codes.CodeList, ledger: Ledger, key: str
) -> Tree:
    """Settle every level of TABLE for each column, recording each settlement in LEDGER."""
    typed = {row.code: row for row in table.rows if row.code}
    all_codes = set(typed)
    for code in list(all_codes):
        p = codes.parent(code)
        while p:
            all_codes.add(p)
            p = codes.parent(p)
    children: dict[str | None, list[str]] = {}
    for code in sorted(all_codes):
        children.setdefault(codes.parent(code), []).append(code)

    def build(code: str) -> Node:
        kids = tuple(build(c) for c in children.get(code, []))
        row = typed.get(code)
        name = row.name if row and row.name else (names.name(code) or code)
        values = {}
        for col in columns:
            declared = row.amount(col) if row else None
            if kids:
                parts = [Part(f"{k.code} {k.name}", k.value(col), k.row.source if k.row else None, col) for k in kids]
                parts = [p for p in parts if p.value is not None]
                settled = ledger.settle(
                    f"{key}.{code}.{col}", f"{table.sheet}「{code} {name}」的「{col}」", declared, parts, _at(row, col)
                )
            else:
                settled = declared
            values[col] = settled if settled is not None else ZERO
        return Node(code=code, name=name, values=values, children=kids, row=row)

    classes = tuple(build(c) for c in children.get(None, []))
    totals = {}
    reported = set()
    total_row = table.declared_total
    for col in columns:
        declared = total_row.amount(col) if total_row else None
        parts = [Part(f"{n.code} {n.name}", n.value(col), n.row.source if n.row else None, col) for n in classes]
        settled = ledger.settle(f"{key}.合计.{col}", f"{table.sheet}「合计」的「{col}」", declared, parts, _at(total_row, col))
        totals[col] = settled if settled is not None else ZERO
        if declared is not None or any(row.amount(col) is not None for row in table.rows):
            reported.add(col)
    return Tree(
        sheet=table.sheet,
        columns=columns,
        totals=totals,
        classes=classes,
        has_data=bool(table.rows) or total_row is not None,
        reported=frozenset(reported),
    )


def _at(row: SubjectRow | None, column: str):
    return row.source.at(column) if row else None
