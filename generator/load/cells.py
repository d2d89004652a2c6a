"""Turning one cell's raw value into a typed value, or a finding at that cell."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from generator.findings import Finding, Location, error
from generator.load.workbook import CellValue

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def text_of(value: CellValue) -> str:
    """A cell as trimmed text ('' for blank); integral floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decimal_of(value: CellValue, loc: Location, what: str) -> tuple[Decimal | None, Finding | None]:
    """A numeric cell as an exact Decimal; blank is None; text that is no number is an error.

    Excel stores numbers as binary doubles; the shortest repr of the double is
    the number the person typed (up to 15 significant digits), so it is exact
    for any amount a finance system exports.
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return None, error("not-a-number", loc, f"{what}应为数字，实际为逻辑值 {value}", value=str(value))
    if isinstance(value, int):
        return Decimal(value), None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, error("not-a-number", loc, f"{what}不是有效数字", value=str(value))
        if value.is_integer():  # calamine reads every number as a float: 31.0 people are 31, not "31.0"
            return Decimal(int(value)), None
        return Decimal(repr(value)), None
    if isinstance(value, str):
        text = value.strip().replace("，", ",").replace("\u3000", "")
        if text in ("", "-", "—", "/"):
            return None, None
        if _THOUSANDS.match(text):
            text = text.replace(",", "")
        try:
            return Decimal(text), None
        except InvalidOperation:
            return None, error("not-a-number", loc, f"{what}应为数字，实际为文字「{value.strip()}」", value=value)
    return None, error("not-a-number", loc, f"{what}应为数字，实际为 {type(value).__name__}「{value}」", value=str(value))
