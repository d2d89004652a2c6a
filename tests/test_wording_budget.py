"""上海-style wording: budget against final (完成年初预算的%, 大于/小于/持平) and plain movements."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from generator.compute.change import Change
from generator.render.wording import (
    budget_basis,
    budget_explained,
    budget_phrase,
    budget_verdict,
    completion,
    count_text,
    movement,
    reason_clause,
)

amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


def test_completion_of_the_budget() -> None:
    assert completion(Change(D("442.32"), D("450"))) == "完成年初预算的98.29%"
    assert completion(Change(D("7.66"), D("8")), "预算") == "完成预算的95.75%"


def test_no_completion_rate_over_a_zero_or_missing_budget() -> None:
    assert completion(Change(D("120"), D("0"))) == ""
    assert completion(Change(D("120"), None)) == ""
    assert budget_phrase(Change(D("120"), D("0"))) == "年初预算为0.00万元，支出决算为120.00万元"
    assert budget_phrase(Change(D("120"), None)) == ""


def test_budget_phrase_follows_the_template() -> None:
    assert budget_phrase(Change(D("442.32"), D("450"))) == "年初预算为450.00万元，支出决算为442.32万元，完成年初预算的98.29%"
    assert budget_phrase(Change(D("90"), D("100")), "全年预算") == "全年预算为100.00万元，支出决算为90.00万元，完成全年预算的90.00%"


def test_verdict_follows_the_sign_and_flat_is_flat() -> None:
    assert budget_verdict(Change(D("110"), D("100"))) == "决算数大于预算数"
    assert budget_verdict(Change(D("90"), D("100"))) == "决算数小于预算数"
    assert budget_verdict(Change(D("100"), D("100"))) == "决算数与预算数持平"
    assert budget_verdict(Change(D("0"), D("0"))) == "决算数与预算数持平"
    assert budget_verdict(Change(D("100"), None)) == ""


def test_budget_explained_gives_the_reason_but_none_for_flat() -> None:
    assert budget_explained(Change(D("90"), D("100"), "项目结余。")) == "决算数小于预算数的主要原因：项目结余。"
    assert budget_explained(Change(D("100"), D("100"), "严格执行预算")) == "决算数与预算数持平。"
    assert budget_explained(Change(D("90"), D("100"))) == "决算数小于预算数。"  # no "主要原因：。"
    assert budget_explained(Change(D("90"), None, "x")) == ""


def test_a_zero_initial_budget_is_explained_against_the_adjusted_budget() -> None:
    initial, adjusted = Change(D("90"), D("0")), Change(D("90"), D("100"))
    assert budget_basis(initial, adjusted) == (adjusted, "全年预算")
    assert budget_basis(Change(D("90"), D("80")), adjusted)[1] == "年初预算"
    assert budget_basis(initial, Change(D("90"), None)) == (initial, "年初预算")


def test_movement_names_no_subject() -> None:
    assert movement(Change(D("7.66"), D("3.29"))) == "增加4.37万元，增长132.83%"
    assert movement(Change(D("3.29"), D("7.66"))) == "减少4.37万元，下降57.05%"
    assert movement(Change(D("5"), D("5"))) == "持平"
    assert movement(Change(D("0"), D("0"))) == "持平"
    assert movement(Change(D("0.25"), D("0"))) == "新增0.25万元"
    assert movement(Change(D("0"), D("14.27"))) == "减少14.27万元，下降100.00%"
    assert movement(Change(D("1"), None)) == ""


def test_reason_clause_and_counts() -> None:
    assert reason_clause(Change(D("1"), D("2"), "业务减少")) == "主要原因：业务减少。"
    assert reason_clause(Change(D("1"), D("2"))) == ""
    assert count_text(D("3")) == "3" and count_text(None) == ""


@given(amounts, amounts)
def test_verdict_and_movement_agree_with_the_direction(current: D, base: D) -> None:
    c = Change(current, base)
    verdict, moved = budget_verdict(c), movement(c)
    if current > base:
        assert verdict == "决算数大于预算数" and moved.startswith("新增" if base == 0 else "增加") and ("%" in moved) == (base != 0)
    elif current < base:
        assert verdict == "决算数小于预算数" and moved.startswith("减少")
    else:
        assert verdict == "决算数与预算数持平" and moved == "持平"
    assert ("完成" in completion(c)) == (base != 0)
