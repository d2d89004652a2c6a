import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.findings import Location
from generator.self_evaluation.targets import Measure, Operator, ParseFailure, measure_of, parse_measure

LOC = Location(file="t.xlsx", sheet="项目绩效指标", cell="F4")


@pytest.mark.parametrize(
    ("text", "operator", "number", "unit"),
    [
        (">=1138种", Operator.AT_LEAST, "1138", "种"),
        ("≥95%", Operator.AT_LEAST, "95", "%"),
        ("＞＝９５％", Operator.AT_LEAST, "95", "%"),
        ("<=3.50万元", Operator.AT_MOST, "3.50", "万元"),
        ("=100%", Operator.EQUAL, "100", "%"),
        ("=1辆", Operator.EQUAL, "1", "辆"),
        ("95%以上", Operator.AT_LEAST, "95", "%"),
        ("不低于95%", Operator.AT_LEAST, "95", "%"),
        ("不超过5次", Operator.AT_MOST, "5", "次"),
        ("<=450元/天/人", Operator.AT_MOST, "450", "元/天/人"),
        ("<=110万", Operator.AT_MOST, "110", "万"),  # kept as typed: a bare 万 takes the unit of what it is compared with
        ("<=0.85万元/人", Operator.AT_MOST, "0.85", "万元/人"),
        ("=21.92万件", Operator.EQUAL, "21.92", "万件"),
        ("2周内", Operator.AT_MOST, "2", "周"),
        ("1,138种", Operator.EQUAL, "1138", "种"),
    ],
)
def test_numbers_with_operator_and_unit(text: str, operator: Operator, number: str, unit: str) -> None:
    parsed = parse_measure(text)
    assert isinstance(parsed, Measure)
    assert (parsed.operator, parsed.number, parsed.unit) == (operator, Decimal(number), unit)


def test_no_operator_is_an_untyped_equal() -> None:
    for text in (">=1294", "8个"):
        parsed = parse_measure(text)
        assert isinstance(parsed, Measure) and parsed.number is not None
    untyped = parse_measure("8个")
    assert isinstance(untyped, Measure) and untyped.operator is Operator.EQUAL and not untyped.operator_typed


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024年12月10日前", dt.date(2024, 12, 10)),
        ("=2024年7月31日", dt.date(2024, 7, 31)),
        ("2024年12月15日", dt.date(2024, 12, 15)),
        ("2023年12月31日之前", dt.date(2023, 12, 31)),
        ("2024年8月27日", dt.date(2024, 8, 27)),
        ("2024-06-06", dt.date(2024, 6, 6)),
        ("2024年底前", dt.date(2024, 12, 31)),
        ("12月31日之前", dt.date(2024, 12, 31)),  # the year comes from the unit-year folder
    ],
)
def test_dates_are_deadlines(text: str, date: dt.date) -> None:
    parsed = parse_measure(text, year=2024)
    assert isinstance(parsed, Measure)
    assert (parsed.operator, parsed.date) == (Operator.DEADLINE, date)


def test_date_cells_from_excel() -> None:
    parsed = parse_measure(dt.datetime(2024, 8, 27))
    assert isinstance(parsed, Measure) and parsed.date == dt.date(2024, 8, 27)


@pytest.mark.parametrize("text", ["显著提升", "有效保障", "提升", "达到预期指标", "长期", "及时", "满意"])
def test_qualitative(text: str) -> None:
    parsed = parse_measure(text)
    assert isinstance(parsed, Measure)
    assert (parsed.operator, parsed.words) == (Operator.QUALITATIVE, text)


@pytest.mark.parametrize("text", [">=abc", "abc", "95%%", "1.2.3", "约100", "-", ">=很多", "2024年13月1日", "12月31日之前"])
def test_garbage_is_a_failure_never_a_zero(text: str) -> None:
    assert isinstance(parse_measure(text), ParseFailure)  # 12月31日之前 without a year: no year known


def test_failures_become_findings_at_the_cell() -> None:
    _, bad_target = measure_of("约100", LOC, "目标值", None)
    _, blank_actual = measure_of(None, LOC, "完成值", None)
    assert bad_target is not None and (bad_target.code, bad_target.location) == ("target-unparseable", LOC)
    assert blank_actual is not None and blank_actual.code == "actual-missing"


_OPERATORS = st.sampled_from([">=", "<=", "=", "≥", "≤", ""])
_UNITS = st.sampled_from(["", "%", "万元", "人", "元/天/人", "种"])


@given(op=_OPERATORS, number=st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False), unit=_UNITS)
def test_numbers_round_trip(op: str, number: Decimal, unit: str) -> None:
    parsed = parse_measure(f"{op}{number}{unit}")
    assert isinstance(parsed, Measure)
    assert parsed.number == number and parsed.unit == unit
