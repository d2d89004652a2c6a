"""One number parser for every reader: finite, no underscores, at most 10^15, a finding at the cell.

Each case here crashed or was misread before generator.numbers existed (issue 14): "NaN" raised
InvalidOperation at load, "Infinity"/"-inf" raised pydantic's ValidationError, 1e300 crashed four
check rules (rule-crashed) and the self-evaluation check (check-crashed), "1_000" was read as 1000.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import api
from generator.numbers import MAX_MAGNITUDE, NumberProblem, parse_number

SAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "changji-ybj"
MAIN, SELF = "决算数据.xlsx", "绩效自评表.xlsx"


def _sample_with(tmp_path: Path, book: str, sheet: str, cell: str, value: object) -> Path:
    """A copy of the sample (both years) with one cell of this year's BOOK changed."""
    root = tmp_path / "changji-ybj"
    shutil.copytree(SAMPLE, root)
    path = root / "2024" / book
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)
    return root / "2024"


@pytest.mark.parametrize("text", ["NaN", "nan", "sNaN", "Infinity", "-inf", "inf", "+Infinity", ".inf", "1_000", "1__0", "12abc", "1" * 41])
def test_text_that_is_no_plain_finite_number_is_a_problem(text: str) -> None:
    problem = parse_number(text)
    assert isinstance(problem, NumberProblem) and problem.code == "not-a-number"


@pytest.mark.parametrize("value", [1e300, -1e300, 1e16, "1e300", "10000000000000000", 10**16, Decimal("1e16")])
def test_numbers_beyond_the_limit_are_too_large(value: object) -> None:
    problem = parse_number(value)
    assert isinstance(problem, NumberProblem) and problem.code == "number-too-large"
    assert "一千万亿" in problem.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1,234.56", Decimal("1234.56")), ("１２３", Decimal(123)), (" 12，345 ", Decimal(12345)), (31.0, Decimal(31)), (0.1, Decimal("0.1")),
     ("-", None), ("", None), (None, None), ("1.5E+3", Decimal(1500)), (10**15, Decimal(10**15))],
)
def test_plain_numbers_are_read_exactly(value: object, expected: Decimal | None) -> None:
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("-Infinity"), True])
def test_non_finite_values_and_booleans_are_not_numbers(value: object) -> None:
    problem = parse_number(value)
    assert isinstance(problem, NumberProblem) and problem.code == "not-a-number"


@pytest.mark.slow
@given(st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=60) | st.integers())
def test_parse_number_never_raises_and_returns_finite_bounded_numbers(value: object) -> None:
    result = parse_number(value)
    if isinstance(result, Decimal):
        assert result.is_finite() and abs(result) <= MAX_MAGNITUDE


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
def test_every_float_within_the_limit_is_its_shortest_repr(value: float) -> None:
    assert parse_number(value) == Decimal(repr(value))


@pytest.mark.parametrize(
    ("book", "sheet", "cell", "value", "code"),
    [
        (MAIN, "收入支出决算总表", "B5", "NaN", "not-a-number"),
        (MAIN, "支出决算表", "D5", "NaN", "not-a-number"),
        (MAIN, "收入支出决算总表", "B5", "Infinity", "not-a-number"),
        (MAIN, "支出决算表", "D5", "-inf", "not-a-number"),
        (MAIN, "收入支出决算总表", "B5", "1_000", "not-a-number"),
        (MAIN, "收入支出决算总表", "B5", 1e300, "number-too-large"),
        (MAIN, "一般公共预算财政拨款支出决算表", "C5", 1e300, "number-too-large"),
        (SELF, "项目资金", "C5", "Infinity", "not-a-number"),
        (SELF, "项目资金", "C5", "NaN", "not-a-number"),
        (SELF, "项目资金", "C5", -1e300, "number-too-large"),
    ],
)
def test_a_bad_number_is_one_finding_at_its_cell_and_nothing_crashes(
    tmp_path: Path, book: str, sheet: str, cell: str, value: object, code: str
) -> None:
    checked = api.check_folder(_sample_with(tmp_path, book, sheet, cell, value))
    errors = [(f.code, f.location.file.endswith(book), f.location.sheet, f.location.cell) for f in checked.findings if f.severity.value == "error"]
    assert errors == [(code, True, sheet, cell)]
    assert not [f for f in checked.findings if "crashed" in f.code]


def test_a_huge_indicator_value_is_unparseable_at_its_cell(tmp_path: Path) -> None:
    checked = api.check_folder(_sample_with(tmp_path, SELF, "项目绩效指标", "G5", 1e300))
    assert [(f.code, f.location.cell) for f in checked.findings if f.severity.value == "error"] == [("actual-unparseable", "G5")]
    assert not [f for f in checked.findings if "crashed" in f.code]
