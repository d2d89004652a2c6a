"""display.py: rounded once, half up, by us; babel only groups and never rounds on its own."""

from __future__ import annotations

from decimal import Decimal as D

from babel import Locale
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from generator.display import _locale, _pattern, format_amount, format_percent, format_plain, more_or_less, round_half_up

amounts = st.decimals(min_value=D("-1e12"), max_value=D("1e12"), allow_nan=False, allow_infinity=False, places=6)


def test_half_up_where_babel_alone_would_round_half_to_even() -> None:
    assert format_decimal(D("0.125"), format="#,##0.00", locale=_locale()) == "0.12"  # babel's own rounding
    assert format_amount(D("0.125")) == "0.13"
    assert format_amount(D("1234567.125")) == "1,234,567.13"
    assert format_amount(D("-2.675")) == "-2.68"
    assert format_percent(D("0.98725")) == "98.73%"
    assert format_plain(D("12345.675")) == "12345.68"


def test_babel_is_given_no_digit_to_round() -> None:
    # with its quantisation off babel prints every digit it gets: the value must already be rounded
    assert _pattern(2).apply(D("0.125"), _locale(), decimal_quantization=False) == "0.125"


def test_the_locale_is_a_parsed_object_made_once() -> None:
    assert isinstance(_locale(), Locale) and _locale() is _locale()


@given(amounts, st.integers(min_value=0, max_value=4))
def test_babel_grouping_is_what_python_would_print_for_the_rounded_value(value: D, places: int) -> None:
    rounded = round_half_up(value, places)
    expected = f"{abs(rounded) if rounded == 0 else rounded:,.{places}f}"
    assert format_amount(value, places) == expected


def test_blank_stays_blank_and_zero_is_never_negative() -> None:
    assert format_amount(None) == "" and format_percent(None) == ""
    assert format_amount(D("-0.004")) == "0.00"


def test_more_or_less() -> None:
    assert (more_or_less(D("0.01")), more_or_less(D("-0.01"))) == ("多", "少")
