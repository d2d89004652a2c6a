"""Display formatting of exact figures: the only place where rounding happens.

Amounts are rounded once, here, half up (财政 convention), never in compute. Grouping and the
decimal sign are babel's, for zh_Hans_CN, applied to the already rounded value with babel's own
quantisation off: babel rounds half to even, so it must never get a digit to round
(tests/test_display.py checks that it does not).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

_CENT = Decimal("0.01")


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=8192)  # report tables repeat the same figures (and many zeros) thousands of times
def format_amount(value: Decimal | None, places: int = 2) -> str:
    """1239.7 -> '1,239.70'; None -> '' (a blank is not reported, never zero: the caller leaves it out)."""
    if value is None:
        return ""
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)  # never print '-0.00'
    return _pattern(places).apply(rounded, _locale(), decimal_quantization=False)


@lru_cache(maxsize=1)
def _locale() -> Locale:
    """A Locale object, parsed once (a locale given as a string is parsed again on every call: 230 µs against 18 µs).

    babel is imported on first use: its locale data costs some 20–50 ms, which `juesuan --help` need not pay."""
    from babel import Locale

    return Locale.parse("zh_Hans_CN")


@lru_cache(maxsize=8)
def _pattern(places: int) -> NumberPattern:
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "0" * places if places else ""))


def more_or_less(difference: Decimal) -> str:
    """多 for a positive difference (the first figure is larger), 少 otherwise: "前者多0.01万元"."""
    return "多" if difference > 0 else "少"


def format_percent(ratio: Decimal | None, places: int = 2) -> str:
    """A ratio (0.9873) as a percentage '98.73%'; None (no ratio can be formed) -> ''."""
    if ratio is None:
        return ""
    return f"{format_amount(ratio * 100, places)}%"


def format_plain(value: Decimal | None, places: int = 2) -> str:
    """Like format_amount without thousands separators (scores, weights)."""
    return format_amount(value, places).replace(",", "")
