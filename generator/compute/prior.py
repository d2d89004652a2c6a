"""Last year's figures, each with the cell it stands in.

A figure compared with last year takes its base from last year's folder when there is one (check
compares it with the 上年 column typed this year), else from this year's 上年 column. Either way
the base carries its cell, so that a finding about it points at a cell a person can open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from generator import layout
from generator.compute.base import YearBase
from generator.compute.change import ZERO
from generator.findings import Location


@dataclass(frozen=True)
class PriorFigure:
    """Last year's figure (None when blank) and where it stands."""

    value: Decimal | None
    location: Location | None


_TYPED = object()  # item_figure: the cell's own value


def item_figure(year: YearBase, sheet: str, name: str, column: str, value: Decimal | None | object = _TYPED) -> PriorFigure:
    """Item NAME of SHEET in COLUMN, with its cell; VALUE instead of the cell's when given (a settled
    total). Where the workbook has no such row, the location names the sheet and the item."""
    row = year.unit.item_table(sheet).get(name)
    typed = row.amount(column) if row is not None else None
    where = row.source.at(column) if row is not None else Location(file=year.unit.cover.source.file, sheet=sheet, field=name)
    return PriorFigure(typed if value is _TYPED else value, where)  # type: ignore[arg-type]


def prior_year(prior: YearBase | None, last_year: Callable[[YearBase], PriorFigure], typed: PriorFigure) -> PriorFigure:
    """The base of a comparison with last year: LAST_YEAR of last year's folder when there is one,
    else TYPED (this year's 上年 column)."""
    return last_year(prior) if prior is not None else typed


def gpb_item_figure(year: YearBase, code: str) -> PriorFigure:
    """The 合计 of 项 CODE in YEAR's 一般公共预算 table at its cell; a 项 the table does not list spent 0."""
    node = year.gpb.find(code)
    if node is None or node.row is None:
        return PriorFigure(node.value("合计") if node else ZERO, Location(file=year.unit.cover.source.file, sheet=layout.GPB.name, field=code))
    return PriorFigure(node.value("合计"), node.row.source.at("合计"))


def gpb_total_figure(year: YearBase) -> PriorFigure:
    """The 一般公共预算财政拨款支出 total of YEAR (None when its table is empty), at its 合计 cell."""
    total = year.unit.subject(layout.GPB.name).declared_total
    where = total.source.at("合计") if total is not None else Location(file=year.unit.cover.source.file, sheet=layout.GPB.name, field="合计")
    return PriorFigure(year.gpb.total("合计") if year.gpb.has_data else None, where)
