"""A cell's raw value as the workbook readers give it, and its text: pure, so that what is parsed from a cell
(a 目标值, a number) needs no reader to be imported."""

from __future__ import annotations

import datetime as dt

CellValue = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


def text_of(value: CellValue) -> str:
    """A cell as trimmed text ('' for blank); integral floats lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
