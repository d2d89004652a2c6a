"""The nine tables recognised by their titles, and their cells as numbers.

A table is known by its title (收入支出决算总表 … 财政拨款“三公”经费支出决算表), whatever its
number or layout. Header rows are the leading rows without a number; a row's label is its 科目编码
and 名称 (or its 项目 text without the 一、 numbering); a blank or dashed cell is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.verify.document import Table

KINDS = (  # (kind, words of the title), first match wins
    ("T9", ("三公",)),
    ("T8", ("国有资本经营",)),
    ("T7", ("政府性基金",)),
    ("T6", ("基本支出决算表",)),
    ("T5", ("一般公共预算财政拨款支出决算表",)),
    ("T4", ("财政拨款收入支出决算总表",)),
    ("T1", ("收入支出决算总表",)),
    ("T3", ("支出决算表",)),
    ("T2", ("收入决算表",)),
    ("SE", ("自评表",)),
)
TITLES = {
    "T1": "收入支出决算总表", "T2": "收入决算表", "T3": "支出决算表", "T4": "财政拨款收入支出决算总表",
    "T5": "一般公共预算财政拨款支出决算表", "T6": "一般公共预算财政拨款基本支出决算表",
    "T7": "政府性基金预算财政拨款收入支出决算表", "T8": "国有资本经营预算财政拨款收入支出决算表",
    "T9": "财政拨款“三公”经费支出决算表",
}
_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、|^\d+[.、]")


def kind_of(table: Table) -> str:
    for kind, words in KINDS:
        if any(w in table.title for w in words):
            return kind
    return ""


def number(cell: str) -> Decimal | None:
    text = cell.strip().replace(" ", "")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def is_number(cell: str) -> bool:
    return number(cell) is not None


def label(cell: str) -> str:
    return _NUMBERING.sub("", cell.replace(" ", "").replace("\u3000", ""))


@dataclass(frozen=True)
class Row:
    index: int  # row number in the table (0-based)
    code: str
    name: str
    values: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Grid:
    """A coded table: its value columns' names and its rows (合计 and the 类/款/项 or 经济分类 tree)."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]


BLOCK_TOTALS = ("人员经费合计", "公用经费合计")


def two_block_grid(table: Table) -> Grid | None:
    """The official 基本支出表: 科目编码 | 科目名称 | 决算数 twice side by side (人员经费 | 公用经费), the last row
    人员经费合计 | 公用经费合计; unfolded into one column of rows (each keeps its row number). None for another shape."""
    if not any(len(r) >= 6 and sum("科目名称" in c for c in r) == 2 for r in table.rows[:4]):
        return None
    # the header's lines (经济分类 / 科目名称 | 决算数 / 科目编码, as a PDF stacks them) are the leading rows without a number
    first = next((i for i, r in enumerate(table.rows) if any(is_number(c) for c in r)), len(table.rows))
    rows = []
    for i, r in enumerate(table.rows):
        if len(r) < 6 or i < first or any("科目名称" in c for c in r):
            continue
        for code, name, value in ((r[0], r[1], r[2]), (r[3], r[4], r[5])):
            code, name = code.replace(" ", ""), label(name)
            if _CODE.match(code):
                rows.append(Row(i, code, name, (number(value),)))
            elif name in BLOCK_TOTALS or label(code) in BLOCK_TOTALS:  # a merged cell repeats its text
                rows.append(Row(i, "", name if name in BLOCK_TOTALS else label(code), (number(value),)))
            elif code or name:
                return None
    return Grid(("决算数",), tuple(rows)) if rows else None


def coded_grid(table: Table) -> Grid | None:
    """科目编码 | 科目名称 | values…; None when the table is not of that shape. The two-block 基本支出表 is unfolded."""
    blocks = two_block_grid(table)
    if blocks is not None:
        return blocks
    header = [r for r in table.rows if not any(is_number(c) for c in r[2:])]
    data = [(i, r) for i, r in enumerate(table.rows) if any(is_number(c) for c in r[2:])]
    if not data or any(len(r) < 3 for _, r in data):
        return None
    width = max(len(r) for _, r in data)
    names = tuple(header[-1][2:width]) if header and len(header[-1]) >= width else tuple(f"第{j + 3}列" for j in range(width - 2))
    rows = []
    for i, r in data:
        code = r[0].replace(" ", "")
        if code and not _CODE.match(code):
            return None
        rows.append(Row(i, code, label(r[1]), tuple(number(c) for c in r[2:width])))
    return Grid(names, tuple(rows))


def named_values(table: Table) -> list[tuple[int, int, str, Decimal | None]]:
    """(row, column, label, value) for every label → value pair of a 项目 | 决算数 table (the 总表s, side by side)."""
    pairs = []
    for i, r in enumerate(table.rows):
        for j in range(len(r) - 1):
            if r[j] and not is_number(r[j]) and (is_number(r[j + 1]) or (r[j + 1] == "" and i > 0)):
                pairs.append((i, j, label(r[j]), number(r[j + 1])))
    return pairs
