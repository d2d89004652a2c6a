"""The number-dependent words: 增加/减少, 增长/下降, 持平, from zero, to zero, 差异率."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from generator.compute.change import Change, Direction
from generator.render.wording import (
    SAMPLE_FROM_ZERO,
    WordingProfile,
    budget_rate,
    budget_sentence,
    change_clause,
    count_clause,
    explained,
    whole_section,
    with_period,
)


def test_increase_and_decrease_follow_the_sample() -> None:
    assert change_clause(Change(D("7.66"), D("3.29"))) == "比上年增加4.37万元，增长132.83%"
    assert change_clause(Change(D("1239.70"), D("1548.48")), style="compare") == "与上年相比，减少308.78万元，下降19.94%"
    assert change_clause(Change(D("56.29"), D("51.50")), base="上年决算") == "比上年决算增加4.79万元，增长9.30%"


def test_a_rise_from_zero_is_new_with_no_rate() -> None:
    # There is no rate from a zero base: inspections count "增长100.00%" there as an error.
    assert change_clause(Change(D("0.25"), D("0"))) == "比上年新增0.25万元，上年无此项支出"
    assert change_clause(Change(D("0.25"), D("0")), base="上年决算") == "比上年决算新增0.25万元，上年无此项支出"
    assert change_clause(Change(D("3"), D("0")), style="compare", base="2023年度") == "与2023年度相比，新增3.00万元，2023年度无此项支出"
    assert change_clause(Change(D("0"), D("14.27"))) == "比上年减少14.27万元，下降100.00%"


def test_the_sample_form_of_a_rise_from_zero_only_when_chosen() -> None:
    assert change_clause(Change(D("0.25"), D("0")), profile=SAMPLE_FROM_ZERO) == "比上年增加0.25万元，增长100.00%"


@given(st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2))
def test_no_profile_default_ever_words_a_rate_from_zero(current: D) -> None:
    text = change_clause(Change(current, D(0)))
    assert "%" not in text and "新增" in text


def test_amounts_with_or_without_thousands_separators() -> None:
    c = Change(D("2995.39"), D("1000"))
    assert change_clause(c) == "比上年增加1,995.39万元，增长199.54%"
    assert change_clause(c, profile=WordingProfile(thousands=False)) == "比上年增加1995.39万元，增长199.54%"


def test_no_change_reads_flat_and_the_profile_can_say_otherwise() -> None:
    assert change_clause(Change(D("0"), D("0"))) == "与上年持平"
    assert change_clause(Change(D("5"), D("5"))) == "与上年持平"
    other = WordingProfile(flat="比上年无变化", from_zero="上年无此项")
    assert change_clause(Change(D("5"), D("5")), profile=other) == "比上年无变化"
    assert change_clause(Change(D("1"), D("0")), profile=other) == "比上年增加1.00万元，上年无此项"


def test_unknown_prior_says_so_instead_of_leaving_a_broken_sentence() -> None:
    assert change_clause(Change(D("5"), None)) == "无上年数据，不作比较"
    assert explained(change_clause(Change(D("5"), None, "原因")), Change(D("5"), None, "原因")) == "无上年数据，不作比较。"
    assert count_clause(Change(D(3), None)) == "无上年数据，不作比较"
    assert explained("", Change(D("5"), None)) == ""


def test_rounding_is_half_up_once_at_display() -> None:
    # 0.125 rounds half up to 0.13 (babel's default, half-even, would give 0.12).
    assert change_clause(Change(D("1.125"), D("1"))) == "比上年增加0.13万元，增长12.50%"


def test_reason_is_appended_once_with_a_full_stop() -> None:
    c = Change(D("2"), D("1"), "因为业务量增加")
    assert explained("比上年增加1.00万元，增长100.00%", c) == "比上年增加1.00万元，增长100.00%，主要原因是：因为业务量增加。"
    c = Change(D("2"), D("1"), "因为业务量增加。")
    assert explained("X", c).endswith("增加。") and not explained("X", c).endswith("。。")
    assert explained("与上年持平", Change(D("1"), D("1"))) == "与上年持平。"
    # a reason a person wrote is never dropped, even for no change
    assert explained("与上年持平", Change(D("0"), D("0"), "两年均未安排")) == "与上年持平，主要原因是：两年均未安排。"


def test_counts() -> None:
    assert count_clause(Change(D(30), D(31))) == "减少1人"
    assert count_clause(Change(D(1), D(0))) == "增加1人"
    assert count_clause(Change(D(0), D(0))) == "与上年持平"


def test_budget_rate_and_sentence() -> None:
    c = Change(D("1222.68"), D("1120.42"), "年中追加资金")
    assert budget_rate(c) == "9.13%"
    assert budget_sentence(c, "与年初预算相比，") == (
        "与年初预算相比，年初预算数1,120.42万元，决算数1,222.68万元，预决算差异率9.13%，主要原因是：年中追加资金。"
    )
    assert budget_rate(Change(D(0), D(0))) == "0.00%"
    zero_budget = budget_sentence(Change(D("5"), D(0)), "")
    assert "完成" not in zero_budget and "%" not in zero_budget and "未列入预算" in zero_budget
    assert budget_sentence(Change(D("5"), None), "") == ""


def test_with_period() -> None:
    assert with_period(" 原因 ") == "原因。"
    assert with_period("原因；") == "原因；"
    assert with_period("") == ""


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(amounts, amounts)
def test_wording_follows_the_sign(current: D, prior: D) -> None:
    text = change_clause(Change(current, prior))
    if current > prior == 0:
        assert text.startswith("比上年新增") and "%" not in text and "减少" not in text
    elif current > prior:
        assert "增加" in text and ("增长" in text) and "减少" not in text
    elif current < prior:
        assert "减少" in text and "下降" in text and "增加" not in text
    else:
        assert text == "与上年持平"


@given(amounts)
def test_a_figure_against_itself_changes_by_zero(value: D) -> None:
    c = Change(value, value)
    assert c.difference == 0
    assert c.direction in (Direction.FLAT, Direction.BOTH_ZERO)


def test_a_section_with_nothing_to_itemise_is_one_sentence() -> None:
    # (二)(三) headings would stand empty: the section is the template's one sentence
    assert whole_section(D("0"), itemised=False) == "zero"
    assert whole_section(D("0.00"), itemised=False) == "zero"
    assert whole_section(None, itemised=False) == "unreported"


def test_a_section_with_items_keeps_its_headings() -> None:
    assert whole_section(D("1222.68"), itemised=True) == ""
    assert whole_section(D("0"), itemised=True) == ""  # 项 that fell to zero: the year comparison is its content
    assert whole_section(None, itemised=True) == ""
    assert whole_section(D("5"), itemised=False) == ""  # a total without its rows: written, the rows stated as 未填报
