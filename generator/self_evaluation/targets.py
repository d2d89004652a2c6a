"""Parsing what people type as a target (目标值) or a completed value (完成值).

">=1138种", "≥95%", "95%以上", "不低于95%", "<=3.50万元", "<=450元/天/人", "=1辆",
"2024年12月10日前", "=2024年7月31日", "显著提升", "达到预期指标" all parse into a
`Measure`: an operator and a number with its unit, a date, or qualitative words.
So do the forms people write around them:

- a deadline relative to a period: "每季度结束后的14日内", "次月10日前" (form `period`);
- a change relative to last year: "提高10%", "较上年下降5%" (form `change`);
- a number inside words: "乡镇100%覆盖", "覆盖率达到95%以上" (a number with `context`);
- a row that does not apply: "/" (form `none`).

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

from generator.cell_values import CellValue, text_of
from generator.findings import Finding, Location, emit
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


class Measure(BaseModel):
    """A parsed target or completed value.

    Exactly one form: a number (with its unit, and `context` when it stood inside words), a date,
    a deadline relative to a period (`period` and a number of days), a change relative to last
    year (`change` "up"/"down" and its size), qualitative words, or not applicable ("/").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str  # as typed
    operator: Operator
    operator_typed: bool = True  # False for "8个", "1294": no operator written
    number: Decimal | None = None
    unit: str = ""  # as typed (a bare "万" stays "万": it takes the unit of what it is compared with)
    date: dt.date | None = None
    words: str = ""
    context: str = ""  # the words around a number written inside text ("乡镇…覆盖")
    period: str = ""  # 季度 / 年度 / 月 / 半年 / 周: "每季度结束后的14日内"
    change: str = ""  # "up" (提高/增长) or "down" (下降/减少): "较上年下降5%"
    not_applicable: bool = False  # "/" in a row that does not apply

    @property
    def kind(self) -> str:
        if self.not_applicable:
            return "none"
        if self.period:
            return "period"
        if self.change:
            return "change"
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
    if text in _NOT_APPLICABLE:
        return Measure(text=original, operator=Operator.EQUAL, operator_typed=False, not_applicable=True)
    vague = next((word for word in _VAGUE if word in text), None)
    if vague is not None and re.search(r"\d", text):
        return ParseFailure(text=original, reason=f"「{vague}」不是明确的数值，请写明比较符号和数字（如「>=100」）")
    for form in (_period_deadline, _change):
        found = form(original, text)
        if found is not None:
            return found
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
    if re.search(r"\d", rest):
        return _number_in_words(original, text)
    if not _CJK.search(rest) or re.search(r"[<>=]", rest):
        return ParseFailure(text=original, reason="无法识别")
    if operator_typed and operator is not Operator.EQUAL:
        return ParseFailure(text=original, reason="比较符号后应为数字")
    return Measure(text=original, operator=Operator.QUALITATIVE, operator_typed=False, words=rest)


_NOT_APPLICABLE = frozenset({"/", "//", "不适用", "不涉及"})


def is_not_applicable(text: str) -> bool:
    """"/", "／", "不适用": what a row that does not apply holds in each cell (printed scores too)."""
    return _normalise(text) in _NOT_APPLICABLE
_VAGUE = ("约", "左右", "大概", "大约")

_PERIODS = {"年度": "年度", "年": "年度", "季度": "季度", "季": "季度", "月度": "月", "月": "月", "半年": "半年", "周": "周"}
_PERIOD_DEADLINE = re.compile(
    r"^(?:每(?:个)?)?(?P<period>年度|季度|月度|半年|年|季|月|周)(?:度)?(?:结束|终了|末|完成)?(?:后|之后)(?:的)?"
    r"(?P<days>\d{1,4})(?:个)?(?P<unit>工作日|日|天)(?:内|以内|之内)?$"
)
_NEXT_PERIOD_DAY = re.compile(r"^(?:每)?(?P<which>次月|次季|次年|下月|下季度|下一季度|每月)(?:的)?(?P<days>\d{1,4})(?P<unit>日|号)(?:前|之前|以前|内)?$")
_NEXT_PERIODS = {"次月": "月", "下月": "月", "每月": "月", "次季": "季度", "下季度": "季度", "下一季度": "季度", "次年": "年度"}


def _period_deadline(original: str, text: str) -> Measure | None:
    """"每季度结束后的14日内", "年度结束后19日内", "次月10日前": days after each period closes."""
    text = text.removeprefix("<=").removeprefix("=")
    match = _PERIOD_DEADLINE.match(text)
    if match:
        unit = "工作日" if match["unit"] == "工作日" else "日"
        return Measure(
            text=original, operator=Operator.AT_MOST, number=Decimal(match["days"]), unit=unit, period=_PERIODS[match["period"]]
        )
    match = _NEXT_PERIOD_DAY.match(text)
    if match:
        period = _NEXT_PERIODS[match["which"]]
        return Measure(text=original, operator=Operator.AT_MOST, number=Decimal(match["days"]), unit="日", period=period)
    return None


_UP, _DOWN = ("提高", "提升", "增长", "增加", "上升", "增幅"), ("下降", "降低", "减少", "压减", "缩减", "降幅")
_CHANGE = re.compile(
    r"^(?:较|比|同比|环比)?(?:上年|去年|上一年|上年度|\d{4}年)?(?:同期)?(?:度)?"
    r"(?P<verb>提高|提升|增长|增加|上升|增幅|下降|降低|减少|压减|缩减|降幅)(?:了|率)?(?:达到|达)?"
    r"(?P<op>>=|<=|>|<|=|不低于|不少于|至少|不超过|不高于)?"
    r"(?P<num>\d{1,15}(?:\.\d{1,10})?)(?P<unit>%|个百分点|百分点|万元|元|万人|人|次|个|户|家)?"
    r"(?P<suffix>及以上|以上|及以下|以下|以内)?$"
)


def _change(original: str, text: str) -> Measure | None:
    """"提高10%", "较上年下降5%", "同比增长3个百分点以上": a change of at least that size, that way."""
    match = _CHANGE.match(text)
    if not match:
        return None
    typed = match["op"] or match["suffix"]
    ceiling = typed in ("<=", "<", "不超过", "不高于", "及以下", "以下", "以内")
    operator = Operator.AT_MOST if ceiling else Operator.AT_LEAST
    return Measure(
        text=original,
        operator=operator,
        operator_typed=typed is not None,
        number=Decimal(match["num"]),
        unit=match["unit"] or "",
        change="up" if match["verb"] in _UP else "down",
    )


_EMBEDDED = re.compile(
    r"^(?P<before>[^\d<>=]*?)(?P<op>>=|<=|>|<|=|不低于|不少于|不小于|不高于|不超过|不多于|不大于|大于等于|小于等于|至少|达到|达|超过|低于|少于|控制在)?"
    r"(?P<num>\d{1,15}(?:\.\d{1,10})?)(?P<after>[^\d<>=]*)$"
)
_EMBEDDED_OPERATORS = {
    **{word: op for word, op in _WORD_OPERATORS},
    "达": Operator.AT_LEAST,
    ">=": Operator.AT_LEAST,
    "<=": Operator.AT_MOST,
    ">": Operator.MORE_THAN,
    "<": Operator.LESS_THAN,
    "=": Operator.EQUAL,
}
_COUNT_UNITS = (
    "万人次", "人次", "万人", "万元", "万户", "个百分点", "个工作日", "工作日", "个月", "小时", "公里", "平方米", "亩",
    "%", "人", "元", "户", "家", "个", "次", "项", "场", "本", "册", "件", "份", "所", "座", "辆", "台", "套", "天", "日", "批", "期", "篇", "条", "名", "位",
)  # fmt: skip
_DATE_AFTER = ("年", "月", "日", "号", "季度")


def _number_in_words(original: str, text: str) -> Measure | ParseFailure:
    """One number inside words: "乡镇100%覆盖", "覆盖率达到95%以上", "完成3个乡镇医保站建设"."""
    match = _EMBEDDED.match(text)
    if match is None:
        return ParseFailure(text=original, reason="含多个数字，无法判断哪个是指标值")
    after = match["after"]
    if after.startswith(_DATE_AFTER) and not after.startswith("日内"):
        return ParseFailure(text=original, reason="日期写法无法识别（应如「2024年12月10日前」）")
    unit = next((u for u in _COUNT_UNITS if after.startswith(u)), "")
    after = after[len(unit) :]
    suffix_op = None
    for suffix, operator in _SUFFIX_OPERATORS:
        if after.startswith(suffix):
            after, suffix_op = after[len(suffix) :], operator
            break
    typed = _EMBEDDED_OPERATORS.get(match["op"]) if match["op"] else None
    if typed is not None and suffix_op is not None and typed is not suffix_op:
        return ParseFailure(text=original, reason="前后两个比较符号相互矛盾")
    found = typed or suffix_op
    context = f"{match['before']}…{after}".strip("…")
    if not _CJK.search(context):
        return ParseFailure(text=original, reason="无法识别")
    return Measure(
        text=original,
        operator=found or Operator.EQUAL,
        operator_typed=found is not None,
        number=Decimal(match["num"]),
        unit=unit,
        context=context,
    )


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
    if unit.startswith(("年", "月", "日", "号")) and amount >= 1000:  # "2024年度完成": a year, not an amount
        return ParseFailure(text=text, reason="日期写法无法识别（应如「2024年12月10日前」）")
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
        return None, emit(missing, loc, role=role)
    return None, emit(unparseable, loc, text=parsed.text, reason=parsed.reason, role=role, hint=HINT)
