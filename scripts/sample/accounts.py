"""The sample's 决算数据.xlsx (2024 and 2023) from scripts/data/changji-ybj/决算数据.yaml.

The YAML holds what is transcribed or reconstructed; this module adds what follows from it: the
rows of the 一般公共预算 table in code order, the 收入决算表 and 支出决算表 (the 一般公共预算
figures plus the non-fiscal money on its 项, 款 and 类), the 基本支出 table with its two totals,
and the 2023 tables from the 上年决算数 of 2024 and the 2023 reconstruction.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import yaml

from generator import layout
from generator.init import workbook_bytes

from .paths import DATA, fixed

WORKBOOK = layout.WORKBOOK
TRANSCRIPTION = DATA / "决算数据.yaml"


@cache
def _transcription() -> dict[str, Any]:
    return yaml.safe_load(TRANSCRIPTION.read_text(encoding="utf-8"))


def cell(amount: Decimal) -> float | int:
    """An amount as Excel keeps it in a number cell; the loader turns it back into an exact decimal."""
    value = float(amount)
    return int(value) if value.is_integer() else value


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(value))


def _item_sheets(year: int) -> dict[str, Any]:
    return {
        sheet: {item: list(cells) for item, cells in items.items()} for sheet, items in _transcription()["项目表"][year].items()
    }


def _detail_tables(
    rows: list[tuple[Any, ...]], non_fiscal: dict[str, Any], income_total: list[Any], expense_total: list[Any]
) -> dict[str, Any]:
    """The 收入决算表 and 支出决算表: ROWS (code, name, 合计, 基本, 项目) of the 一般公共预算 table plus the
    non-fiscal money on its carrier 项 and that 项's 款 and 类; a row with no money is left out."""
    carrier = non_fiscal["科目"]
    on_carrier = {carrier, carrier[:5], carrier[:3]}
    expense_rows: list[tuple[Any, ...]] = [("", "合计", *expense_total)]
    income_rows: list[tuple[Any, ...]] = [("", "合计", *income_total)]
    for code, name, *amounts in rows:
        total, basic, project = (_decimal(x) for x in amounts[:3])
        spent = _decimal(non_fiscal["支出"]) if code in on_carrier else Decimal(0)
        got = _decimal(non_fiscal["其他收入"]) if code in on_carrier else Decimal(0)
        if total + spent == 0 and total + got == 0:
            continue
        expense_rows.append((code, name, cell(total + spent), cell(basic), cell(project + spent), 0, 0, 0))
        income_rows.append((code, name, cell(total + got), cell(total), 0, 0, 0, 0, cell(got)))
    return {layout.INCOME.name: income_rows, layout.EXPENSE.name: expense_rows}


def _basic_rows(basic: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows = [tuple(row) for row in basic["经济分类"]]
    return rows + [("", "人员经费合计", basic["人员经费合计"]), ("", "公用经费合计", basic["公用经费合计"])]


def sample_2024() -> dict[str, Any]:
    """The values of the 2024 workbook, as `generator.init.workbook_bytes` takes them."""
    t = _transcription()
    gpb = t["一般公共预算财政拨款支出"]
    by_code = {row[0]: row for row in gpb["项"]} | {row[0]: row for row in gpb["类款"]}
    gpb_rows: list[tuple[Any, ...]] = [("", "合计", *gpb["合计"], None, None)]
    for code in sorted(by_code):
        row = by_code[code]
        prior, reason = (row[5], row[6]) if len(row) > 5 else (None, None)
        gpb_rows.append((code, row[1], row[2], row[3], row[4], prior, reason))
    detail = _detail_tables([by_code[c][:5] for c in sorted(by_code)], t["非财政拨款"], t["收入决算表合计"], t["支出决算表合计"])
    return _item_sheets(2024) | detail | {layout.GPB.name: gpb_rows, layout.BASIC.name: _basic_rows(t["基本支出"])}


def sample_2023() -> dict[str, Any]:
    """The 2023 workbook (a reconstruction): each 项's 合计 is the 2024 上年决算数 (printed), split into
    基本/项目 by the 2023 section of the transcription; 类 and 款 rows are the sums of their 项."""
    t = _transcription()
    gpb, year = t["一般公共预算财政拨款支出"], t["2023年"]
    basic_of = {code: _decimal(v) for code, v in year["一般公共预算财政拨款支出"]["基本支出"].items()}
    items: dict[str, tuple[str, Decimal, Decimal]] = {}  # code -> (name, 基本, 项目)
    for row in gpb["项"]:
        total = _decimal(row[5])
        if total:
            basic = basic_of.get(row[0], Decimal(0))
            items[row[0]] = (row[1], basic, total - basic)
    assert set(basic_of) <= set(items), set(basic_of) - set(items)
    names = {row[0]: row[1] for row in gpb["类款"]}
    sums: dict[str, list[Decimal]] = {}
    for code, (_, basic, project) in items.items():
        for parent in (code[:3], code[:5]):
            b, p = sums.setdefault(parent, [Decimal(0), Decimal(0)])
            sums[parent] = [b + basic, p + project]
    rows: list[tuple[Any, ...]] = [(c, *items[c]) for c in items] + [(c, names[c], *sums[c]) for c in sums]
    table = [(code, name, cell(basic + project), cell(basic), cell(project)) for code, name, basic, project in sorted(rows)]
    gpb_rows: list[tuple[Any, ...]] = [("", "合计", *year["一般公共预算财政拨款支出"]["合计"]), *table]
    no_money = {"科目": gpb["项"][0][0], "其他收入": 0, "支出": 0}  # no non-财政拨款 money in 2023
    detail = _detail_tables(table, no_money, year["收入决算表合计"], year["支出决算表合计"])
    return _item_sheets(2023) | detail | {layout.GPB.name: gpb_rows, layout.BASIC.name: _basic_rows(year["基本支出"])}


def values(year: int) -> dict[str, Any]:
    """The values of the sample's workbook for YEAR (2024 or 2023), a fresh copy."""
    return {2024: sample_2024, 2023: sample_2023}[year]()


def workbook(year: int) -> bytes:
    """The sample's 决算数据.xlsx for YEAR."""
    return fixed(workbook_bytes(values(year)), year)
