"""The one number parser every reader uses: workbook cells, self-evaluation cells, YAML.

A number is finite, plainly written and of a size some 决算 could have. Python's
Decimal would take "NaN", "Infinity", "1_000" and "1e300"; the arithmetic
after it would then crash (NaN compares raise), validate badly (pydantic
rejects infinities) or overflow the 28-digit context (quantizing 1e300). So
every reader turns text and floats into Decimal here, and a number that is not
acceptable is a reason (Chinese, for the finding at the cell), never an exception.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# No 决算 reaches a thousand trillion (10^15) in any unit: a whole country's budget is ~10^13 元.
MAX_MAGNITUDE = Decimal(10) ** 15
MAX_MAGNITUDE_TEXT = "1,000,000,000,000,000（一千万亿）"
_MAX_FLOAT = float(MAX_MAGNITUDE)
_MAX_TEXT_LENGTH = 40  # longer "numbers" are pasted garbage, and Decimal would parse them digit by digit

# Plain digits, or thousands groups; an optional fraction; an optional exponent (Excel's text of 1.5E+3).
_PLAIN = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?$")
_NOT_FINITE = re.compile(r"^[+-]?(?:nan|s?nan|inf|infinity|\.inf|\.nan)$", re.IGNORECASE)

NOT_A_NUMBER = "not-a-number"
TOO_LARGE = "number-too-large"


@dataclass(frozen=True)
class NumberProblem:
    """Why a value is not an acceptable number: a finding code and a Chinese reason (to follow "X")."""

    code: str
    reason: str


def number_of_float(value: float) -> Decimal | NumberProblem:
    """A float (as Excel stores numbers) as the Decimal the person typed: the shortest repr."""
    if not math.isfinite(value):
        return NumberProblem(NOT_A_NUMBER, f"不是有限的数字（{value}）")
    if abs(value) > _MAX_FLOAT:
        return _too_large(repr(value))
    if value.is_integer():  # calamine reads every number as a float: 31.0 people are 31, not "31.0"
        return Decimal(int(value))
    return Decimal(repr(value))


def number_of_int(value: int) -> Decimal | NumberProblem:
    if abs(value) > MAX_MAGNITUDE:
        return _too_large(str(value) if value.bit_length() < 200 else f"{len(str(abs(value)))}位数")
    return Decimal(value)


def number_of_text(text: str) -> Decimal | NumberProblem | None:
    """Typed text as a Decimal; "" and the usual blank marks ("-", "—", "/") are None.

    Accepts "1,234.56" and full-width digits; a full-width comma and ideographic spaces are
    tolerated, as finance staff type them. Underscores ("1_000", which Decimal takes) are not.
    """
    cleaned = text.strip().replace("，", ",").replace("\u3000", "")
    if cleaned in ("", "-", "—", "/"):
        return None
    if _NOT_FINITE.match(cleaned):
        return NumberProblem(NOT_A_NUMBER, f"应为有限的数字，实际为「{text.strip()}」")
    if len(cleaned) > _MAX_TEXT_LENGTH or not _PLAIN.match(cleaned):
        return NumberProblem(NOT_A_NUMBER, f"应为数字，实际为文字「{text.strip()[:_MAX_TEXT_LENGTH]}」")
    try:
        number = Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # the pattern admits only valid numbers; kept so that no text can raise
        return NumberProblem(NOT_A_NUMBER, f"应为数字，实际为文字「{text.strip()}」")
    if abs(number) > MAX_MAGNITUDE:
        return _too_large(cleaned)
    return number


def parse_number(value: object) -> Decimal | NumberProblem | None:
    """Any raw value (a cell's or a YAML scalar's) as a Decimal, None when blank, or the problem.

    bool is never a number here (True is an int in Python, and a ticked box in a sheet).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return NumberProblem(NOT_A_NUMBER, f"应为数字，实际为逻辑值 {value}")
    if isinstance(value, int):
        return number_of_int(value)
    if isinstance(value, float):
        return number_of_float(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NumberProblem(NOT_A_NUMBER, f"不是有限的数字（{value}）")
        return _too_large(str(value)) if abs(value) > MAX_MAGNITUDE else value
    if isinstance(value, str):
        return number_of_text(value)
    return NumberProblem(NOT_A_NUMBER, f"应为数字，实际为 {type(value).__name__}「{str(value)[:_MAX_TEXT_LENGTH]}」")


def _too_large(shown: str) -> NumberProblem:
    return NumberProblem(
        TOO_LARGE, f"数值过大（{shown}）：绝对值超过 {MAX_MAGNITUDE_TEXT}，任何决算都不会有这样的数，请检查是否多输了数字"
    )
