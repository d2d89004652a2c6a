"""Parsing what people type as a target (目标值) or a completed value (完成值).

">=1138种", "≥95%", "95%以上", "不低于95%", "<=3.50万元", "<=450元/天/人", "=1辆",
"2024年12月10日前", "=2024年7月31日", "显著提升", "达到预期指标" all parse into a
`Measure`: an operator and a number with its unit, a date, or qualitative words.
Anything else is a parse failure that the caller turns into a finding at the
cell: never a silent zero.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from generator.findings import Finding, Location, error
from generator.load.cells import text_of
from generator.load.workbook import CellValue
from generator.numbers import NumberProblem, parse_number
from generator.self_evaluation.units import normalise_unit


class Operator(StrEnum):
    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"
    EQUAL = "="
    DEADLINE = "deadline"  # a date to be met on or before
    QUALITATIVE = "qualitative"

    @property
    def is_reverse(self) -> bool:
        """A ceiling (反向指标): less is better."""
        return self in (Operator.AT_MOST, Operator.LESS_THAN)

    @property
    def is_positive(self) -> bool:
        """A floor (正向指标): more is better."""
        return self in (Operator.AT_LEAST, Operator.MORE_THAN)


class Measure(BaseModel):
    """A parsed target or completed value. Exactly one of number, date, words is set."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str  # as typed
    operator: Operator
    operator_typed: bool = True  # False for "8个", "1294": no operator written
    number: Decimal | None = None
    unit: str = ""
    date: dt.date | None = None
    words: str = ""

    @property
    def kind(self) -> str:
        if self.number is not None:
            return "number"
        if self.date is not None:
            return "date"
        return "words"


class ParseFailure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    reason: str


_CHAR_MAP = str.maketrans(
    {
        "＞": ">",
        "＜": "<",
        "＝": "=",
        "％": "%",
        "．": ".",
        "，": ",",
        "（": "(",
        "）": ")",
        "／": "/",
        "－": "-",
        "—": "-",
        "～": "~",
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_SYMBOLS = (
    ("≥", ">="),
    ("⩾", ">="),
    ("≧", ">="),
    ("≤", "<="),
    ("⩽", "<="),
    ("≦", "<="),
    ("=>", ">="),
    ("=<", "<="),
    ("==", "="),
)
_WORD_OPERATORS = (  # longest first, so 不低于 wins over 低于
    ("大于等于", Operator.AT_LEAST),
    ("小于等于", Operator.AT_MOST),
    ("不低于", Operator.AT_LEAST),
    ("不少于", Operator.AT_LEAST),
    ("不小于", Operator.AT_LEAST),
    ("不高于", Operator.AT_MOST),
    ("不超过", Operator.AT_MOST),
    ("不多于", Operator.AT_MOST),
    ("不大于", Operator.AT_MOST),
    ("控制在", Operator.AT_MOST),
    ("至少", Operator.AT_LEAST),
    ("达到", Operator.AT_LEAST),
    ("大于", Operator.MORE_THAN),
    ("高于", Operator.MORE_THAN),
    ("超过", Operator.MORE_THAN),
    ("小于", Operator.LESS_THAN),
    ("低于", Operator.LESS_THAN),
    ("少于", Operator.LESS_THAN),
    ("等于", Operator.EQUAL),
)
_SUFFIX_OPERATORS = (
    ("及以上", Operator.AT_LEAST),
    ("以上", Operator.AT_LEAST),
    ("及以下", Operator.AT_MOST),
    ("以下", Operator.AT_MOST),
    ("以内", Operator.AT_MOST),
    ("之内", Operator.AT_MOST),
    ("内", Operator.AT_MOST),
)
_SYMBOL_OPERATORS = {
    ">=": Operator.AT_LEAST,
    "<=": Operator.AT_MOST,
    ">": Operator.MORE_THAN,
    "<": Operator.LESS_THAN,
    "=": Operator.EQUAL,
}

_NUMBER = re.compile(r"^(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>.*)$")
_UNIT = re.compile(r"^[^\d<>=~,]{0,12}$")
_DATE_YMD = re.compile(r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?$")
_DATE_ISO = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
_DATE_MONTH = re.compile(r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月底?$")
_DATE_YEAR_END = re.compile(r"^(?P<y>\d{4})年底?$")
_DEADLINE_SUFFIXES = ("之前", "以前", "前", "截止", "止")
_CJK = re.compile(r"[\u4e00-\u9fff]")

HINT = "应写成如「>=95%」「<=3.50万元」「=1辆」「2024年12月10日前」或定性描述「显著提升」"


def parse_measure(value: CellValue, year: int | None = None) -> Measure | ParseFailure:
    """Parse one cell. `year` completes dates typed without one ("12月31日前")."""
    if isinstance(value, bool):
        return ParseFailure(text=str(value), reason="是逻辑值")
    if isinstance(value, dt.datetime):
        return Measure(text=value.date().isoformat(), operator=Operator.DEADLINE, operator_typed=False, date=value.date())
    if isinstance(value, dt.date):
        return Measure(text=value.isoformat(), operator=Operator.DEADLINE, operator_typed=False, date=value)
    if isinstance(value, (int, float)):
        text = text_of(value)
        number = parse_number(value)
        if isinstance(number, NumberProblem) or number is None:
            return ParseFailure(text=text, reason=number.reason if number else "无法识别")
        return Measure(text=text, operator=Operator.EQUAL, operator_typed=False, number=number)
    text = text_of(value)
    if not text:
        return ParseFailure(text="", reason="为空")
    return _parse_text(text, year)


def _normalise(text: str) -> str:
    text = text.translate(_CHAR_MAP).replace(" ", "").replace("\u3000", "").replace("\n", "")
    for symbol, ascii_op in _SYMBOLS:
        text = text.replace(symbol, ascii_op)
    return text


def _parse_text(original: str, year: int | None) -> Measure | ParseFailure:
    text = _normalise(original)
    operator, operator_typed, rest = _leading_operator(text)
    date = _parse_date(rest, year)
    if isinstance(date, ParseFailure):
        return ParseFailure(text=original, reason=date.reason)
    if date is not None:
        if operator in (Operator.AT_LEAST, Operator.MORE_THAN):
            return ParseFailure(text=original, reason="日期目标只能是截止日期（如「2024年12月10日前」）")
        return Measure(text=original, operator=Operator.DEADLINE, operator_typed=operator_typed, date=date)
    number = _parse_number(rest)
    if isinstance(number, ParseFailure):
        return ParseFailure(text=original, reason=number.reason)
    if number is not None:
        amount, unit, suffix_op = number
        if suffix_op is not None:
            if operator_typed and operator is not suffix_op:
                return ParseFailure(text=original, reason="前后两个比较符号相互矛盾")
            operator, operator_typed = suffix_op, True
        return Measure(text=original, operator=operator, operator_typed=operator_typed, number=amount, unit=unit)
    if re.search(r"\d", rest) or not _CJK.search(rest) or re.search(r"[<>=]", rest):
        return ParseFailure(text=original, reason="无法识别")
    if operator_typed and operator is not Operator.EQUAL:
        return ParseFailure(text=original, reason="比较符号后应为数字")
    return Measure(text=original, operator=Operator.QUALITATIVE, operator_typed=False, words=rest)


def _leading_operator(text: str) -> tuple[Operator, bool, str]:
    for symbol in (">=", "<=", ">", "<", "="):
        if text.startswith(symbol):
            return _SYMBOL_OPERATORS[symbol], True, text[len(symbol) :]
    for word, operator in _WORD_OPERATORS:
        if text.startswith(word) and len(text) > len(word) and (text[len(word)].isdigit()):
            return operator, True, text[len(word) :]
    return Operator.EQUAL, False, text


def _parse_number(text: str) -> tuple[Decimal, str, Operator | None] | ParseFailure | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    amount = parse_number(match["num"])
    if isinstance(amount, NumberProblem) or amount is None:
        return ParseFailure(text=text, reason=amount.reason if amount else "数字无法识别")
    unit = match["unit"]
    suffix_op = None
    for suffix, operator in _SUFFIX_OPERATORS:
        if unit.endswith(suffix):
            unit, suffix_op = unit[: -len(suffix)], operator
            break
    if not _UNIT.match(unit) or ("%" in unit and unit != "%"):
        return ParseFailure(text=text, reason=f"数字后的「{unit}」不像计量单位")
    return amount, normalise_unit(unit), suffix_op


def _parse_date(text: str, year: int | None) -> dt.date | ParseFailure | None:
    body = text
    for suffix in _DEADLINE_SUFFIXES:
        if body.endswith(suffix) and len(body) > len(suffix):
            body = body[: -len(suffix)]
            break
    for pattern, kind in ((_DATE_YMD, "day"), (_DATE_ISO, "day"), (_DATE_MONTH, "month"), (_DATE_YEAR_END, "year")):
        match = pattern.match(body)
        if not match:
            continue
        if kind == "month" and "年" not in body and not body.endswith("底"):
            return None  # "12月" alone is too vague to be a date; let it fail as a number
        groups = match.groupdict()
        y = int(groups["y"]) if groups.get("y") else year
        if y is None:
            return ParseFailure(text=text, reason="日期缺少年份")
        month = int(groups.get("m") or 12)
        try:
            if kind == "day":
                return dt.date(y, month, int(groups["d"]))
            return (
                dt.date(y, month, calendar.monthrange(y, month)[1])
                if 1 <= month <= 12
                else ParseFailure(text=text, reason="月份无效")
            )
        except ValueError:
            return ParseFailure(text=text, reason="日期无效")
    return None


def measure_of(value: CellValue, loc: Location, role: str, year: int | None) -> tuple[Measure | None, Finding | None]:
    """Parse a cell, or an error at it. `role` is 目标值 or 完成值 (codes target-…/actual-…)."""
    missing, unparseable = (
        ("target-missing", "target-unparseable") if role in ("目标值", "预期指标值") else ("actual-missing", "actual-unparseable")
    )
    parsed = parse_measure(value, year)
    if isinstance(parsed, Measure):
        return parsed, None
    if parsed.text == "":
        return None, error(missing, loc, f"{role}未填写", role=role)
    return None, error(
        unparseable,
        loc,
        f"{role}「{parsed.text}」{parsed.reason}，{HINT}",
        text=parsed.text,
        reason=parsed.reason,
    )
