"""Last year's figures, each with the cell it stands in.

A figure compared with last year takes its base from last year's folder when there is one (check
compares it with the 上年 column typed this year), else from this year's 上年 column. Either way
the base carries its cell, so that a finding about it points at a cell a person can open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial

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


@dataclass(frozen=True)
class PriorPair:
    """One figure of last year in the two places it stands: this year's 上年 column (TYPED) and last
    year's own folder (LAST; None without that folder). A comparison with last year takes BASE; check
    compares the two. The labels name each side as a finding names it. SETTLED is this year's 上年 figure
    as a total settled against its parts (None: the cell as typed): the document's base without last
    year's folder, while check compares the cell itself (a total off its parts is named once, there)."""

    typed: PriorFigure
    last: PriorFigure | None
    typed_label: str = ""
    last_label: str = ""
    settled: PriorFigure | None = None

    @property
    def base(self) -> PriorFigure:
        if self.last is not None:
            return self.last
        return self.settled if self.settled is not None else self.typed


@dataclass(frozen=True)
class PriorPairs:
    """Every figure the document compares with last year, paired once (compute takes each base from here,
    check compares each pair): the totals of 预算及上年情况, the “三公” parts, 机关运行经费, each 一般公共预算 row
    typed with a code, the 人员情况 counts, and this year's opening balance against last year's closing one."""

    total: PriorPair  # 收入支出总计
    fiscal: PriorPair  # 财政拨款收入支出总计
    gpb_total: PriorPair  # 一般公共预算财政拨款支出
    three_public: tuple[tuple[str, PriorPair], ...]
    admin_cost: PriorPair  # 机关运行经费
    gpb_rows: tuple[tuple[str, PriorPair], ...]  # (code, pair) of each row of the 一般公共预算 table with a code
    staff: tuple[tuple[str, PriorPair], ...]
    opening_balance: PriorPair  # this year's 年初结转和结余 (typed) against last year's 年末结转和结余

    def money(self) -> tuple[PriorPair, ...]:
        """The amounts whose two sides must agree (the opening balance and the counts are judged apart)."""
        return (self.total, self.fiscal, self.gpb_total, *(p for _, p in self.three_public), self.admin_cost, *(p for _, p in self.gpb_rows))

    def three_public_part(self, name: str) -> PriorPair:
        return dict(self.three_public)[name]

    def staff_count(self, name: str) -> PriorPair:
        return dict(self.staff)[name]

    def gpb_row(self, code: str) -> PriorPair | None:
        return dict(self.gpb_rows).get(code)


THREE_PUBLIC_ITEMS = ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS)


def prior_pairs(cur: YearBase, prior: YearBase | None) -> PriorPairs:
    """Each figure compared with last year, from both places it stands (see PriorPairs)."""
    yr = prior.unit.cover.year if prior is not None else None

    def pair(typed: PriorFigure, typed_label: str, last: Callable[[YearBase], PriorFigure], last_label: str, source: YearBase | None = prior) -> PriorPair:
        return PriorPair(typed, last(source) if source is not None else None, typed_label, last_label)

    def column(sheet: str, name: str, col: str, value: Decimal | None | object = _TYPED) -> tuple[PriorFigure, str]:
        return item_figure(cur, sheet, name, col, value), f"本年《{sheet}》「{name}」的「{col}」"

    overview, tp = layout.OVERVIEW.name, layout.THREE_PUBLIC.name
    summary, fiscal = layout.SUMMARY.name, layout.FISCAL.name
    staff, other = layout.STAFF.name, layout.OTHER_MATTERS.name
    three_public = tuple(
        (
            name,
            replace(
                pair(
                    *column(tp, name, layout.PRIOR),
                    lambda p, name=name: item_figure(p, tp, name, "决算数", p.three_public.get(name, {}).get("决算数")),  # type: ignore[misc]
                    f"{yr}年数据的“三公”经费「{name}」决算数",
                ),
                settled=item_figure(cur, tp, name, layout.PRIOR, cur.three_public.get(name, {}).get(layout.PRIOR)),
            ),
        )
        for name in THREE_PUBLIC_ITEMS
    )
    gpb_source = prior if prior is not None and prior.gpb.has_data else None  # an empty table: the 上年 column typed here
    gpb_rows: dict[str, PriorPair] = {}
    for row in cur.unit.subject(layout.GPB.name).rows:
        if row.code is not None:
            typed = PriorFigure(row.prior, row.source.at(layout.PRIOR))
            label = f"本年《{layout.GPB.name}》「{row.code} {row.name}」的上年决算数"
            gpb_rows[row.code] = pair(typed, label, partial(gpb_item_figure, code=row.code), f"{yr}年数据中该科目的决算数", gpb_source)
    for node in cur.gpb.leaves():  # a 项 the tree holds without a row of its own: no typed figure
        if node.code not in gpb_rows:
            gpb_rows[node.code] = pair(PriorFigure(None, None), "", partial(gpb_item_figure, code=node.code), f"{yr}年数据中该科目的决算数", gpb_source)
    opening_row = cur.unit.item_table(summary).get("年初结转和结余")
    return PriorPairs(
        total=pair(
            *column(overview, "收入支出总计", layout.PRIOR),
            lambda p: item_figure(p, summary, "收入总计", layout.SUMMARY_AMOUNT, p.summary.get("收入总计")),
            f"{yr}年数据的收入总计",
        ),
        fiscal=pair(
            *column(overview, "财政拨款收入支出总计", layout.PRIOR),
            lambda p: item_figure(p, fiscal, "支出总计", layout.FISCAL_TOTAL, p.fiscal.get("支出总计", {}).get(layout.FISCAL_TOTAL)),
            f"{yr}年数据的财政拨款支出总计",
        ),
        gpb_total=pair(*column(overview, "一般公共预算财政拨款支出", layout.PRIOR), gpb_total_figure, f"{yr}年数据的一般公共预算财政拨款支出合计"),
        three_public=three_public,
        admin_cost=pair(*column(other, "机关运行经费", "上年数"), lambda p: item_figure(p, other, "机关运行经费", "本年数"), f"{yr}年数据的机关运行经费"),
        gpb_rows=tuple(sorted(gpb_rows.items())),
        staff=tuple(
            (name, pair(*column(staff, name, "上年人数"), partial(item_figure, sheet=staff, name=name, column="本年人数"), f"{yr}年数据「{name}」的本年人数"))
            for name in layout.STAFF_ITEMS
        ),
        opening_balance=pair(
            PriorFigure(cur.summary.get("年初结转和结余"), opening_row.source.at(layout.SUMMARY_AMOUNT) if opening_row else None),
            "本年「年初结转和结余」",
            lambda p: item_figure(p, summary, "年末结转和结余", layout.SUMMARY_AMOUNT, p.summary.get("年末结转和结余")),
            f"{yr}年「年末结转和结余」",
        ),
    )
