"""The sample's 决算数据.xlsx (2024 and 2023) from scripts/data/changji-ybj/决算数据.yaml.

The YAML holds what is transcribed or reconstructed; this module adds what follows from it: the
rows of the 一般公共预算 table in code order, the 收入决算表 and 支出决算表 (the 一般公共预算
figures plus the non-fiscal money on its 项, 款 and 类), the 基本支出 table with its two totals,
and the 2023 table from the 上年决算数 of 2024.
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

    non_fiscal = t["非财政拨款"]
    carrier = non_fiscal["科目"]
    on_carrier = {carrier, carrier[:5], carrier[:3]}
    expense_rows: list[tuple[Any, ...]] = [("", "合计", *t["支出决算表合计"])]
    income_rows: list[tuple[Any, ...]] = [("", "合计", *t["收入决算表合计"])]
    for code in sorted(by_code):
        row = by_code[code]
        total, basic, project = (_decimal(x) for x in row[2:5])
        spent = _decimal(non_fiscal["支出"]) if code in on_carrier else Decimal(0)
        got = _decimal(non_fiscal["其他收入"]) if code in on_carrier else Decimal(0)
        if total + spent == 0:
            continue
        expense_rows.append((code, row[1], cell(total + spent), cell(basic), cell(project + spent), 0, 0, 0))
        income_rows.append((code, row[1], cell(total + got), cell(total), 0, 0, 0, 0, cell(got)))

    basic = t["基本支出"]
    basic_rows = [tuple(row) for row in basic["经济分类"]]
    basic_rows += [("", "人员经费合计", basic["人员经费合计"]), ("", "公用经费合计", basic["公用经费合计"])]
    return _item_sheets(2024) | {
        layout.INCOME.name: income_rows,
        layout.EXPENSE.name: expense_rows,
        layout.GPB.name: gpb_rows,
        layout.BASIC.name: basic_rows,
    }


def sample_2023() -> dict[str, Any]:
    """What the 2024 document reveals about 2023: the prior-year figures implied by its changes."""
    gpb = _transcription()["一般公共预算财政拨款支出"]
    gpb_rows: list[tuple[Any, ...]] = [("", "合计", gpb["上年合计"], None, None)]
    gpb_rows += [(row[0], row[1], row[5], None, None) for row in gpb["项"] if row[5]]
    return _item_sheets(2023) | {layout.GPB.name: gpb_rows}


def values(year: int) -> dict[str, Any]:
    """The values of the sample's workbook for YEAR (2024 or 2023), a fresh copy."""
    return {2024: sample_2024, 2023: sample_2023}[year]()


def workbook(year: int) -> bytes:
    """The sample's 决算数据.xlsx for YEAR."""
    return fixed(workbook_bytes(values(year)), year)
