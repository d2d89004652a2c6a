"""Classification trees: 项 → 款 → 类 → 合计, each level settled against its children."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from generator import codes
from generator.compute.totals import ZERO, Key, Ledger, Part
from generator.model import SubjectRow, SubjectTable

TOTAL = "合计"  # the row of a 科目 table's totals, in the ledger's keys


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    values: dict[str, Decimal | None]  # settled, per column (None where nothing was reported at or below it)
    children: tuple[Node, ...]
    row: SubjectRow | None  # None when the level was not typed and is only derived

    @property
    def level(self) -> int:
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 0)

    def value(self, column: str) -> Decimal:
        """The settled figure, 0 where nothing was reported (for arithmetic; a table prints `known`)."""
        known = self.values.get(column)
        return known if known is not None else ZERO

    def known(self, column: str) -> Decimal | None:
        """The settled figure, or None where no cell of COLUMN was typed at or below this level (a blank is not zero)."""
        return self.values.get(column)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Tree:
    """A settled classification table. Frozen; its code index is built on first use."""

    sheet: str
    columns: tuple[str, ...]
    totals: dict[str, Decimal | None]  # None where no cell of the column was typed
    classes: tuple[Node, ...]
    has_data: bool
    reported: frozenset[str] = frozenset()  # the columns in which some cell was typed

    def total(self, column: str) -> Decimal:
        known = self.totals.get(column)
        return known if known is not None else ZERO

    def known_total(self, column: str) -> Decimal | None:
        """The settled total of COLUMN, or None when no cell of the column was typed (a blank is not zero)."""
        return self.total(column) if column in self.reported else None

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
    table: SubjectTable, columns: tuple[str, ...], names: codes.CodeList, ledger: Ledger
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
        values: dict[str, Decimal | None] = {}
        for col in columns:
            declared = row.amount(col) if row else None
            if kids:
                # a blank child is no part: the level is the sum of what was reported below it, blank when nothing was
                parts = [Part(f"{k.code} {k.name}", k.known(col), k.row.source if k.row else None, col) for k in kids]
                parts = [p for p in parts if p.value is not None]
                settled = ledger.settle(
                    Key(table.sheet, code, col), f"{table.sheet}「{code} {name}」的「{col}」", declared, parts, _at(row, col)
                )
            else:
                settled = declared
            values[col] = settled
        return Node(code=code, name=name, values=values, children=kids, row=row)

    classes = tuple(build(c) for c in children.get(None, []))
    totals: dict[str, Decimal | None] = {}
    reported = set()
    total_row = table.declared_total
    for col in columns:
        declared = total_row.amount(col) if total_row else None
        parts = [Part(f"{n.code} {n.name}", n.known(col), n.row.source if n.row else None, col) for n in classes]
        parts = [p for p in parts if p.value is not None]
        totals[col] = ledger.settle(Key(table.sheet, TOTAL, col), f"{table.sheet}「合计」的「{col}」", declared, parts, _at(total_row, col))
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
