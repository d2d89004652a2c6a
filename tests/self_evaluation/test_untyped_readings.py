"""Targets typed without an operator: the profile reads them per indicator class, and each row says how (issue 24)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.self_evaluation.score import score_indicator
from generator.display import round_half_up
from generator.self_evaluation.model import Indicator
from generator.self_evaluation.profile import Profile, UntypedOperator
from tests.self_evaluation.builders import indicator, profile


def _with(reading: UntypedOperator, base: str = "classic-ratio") -> Profile:
    return profile(base).model_copy(update={"untyped_operator": reading})


def _in(level1: str, level2: str, target: str, actual: str) -> Indicator:
    return indicator(target, actual, 10, "", level2).model_copy(update={"level1": level1})


@pytest.mark.parametrize(
    ("reading", "actual", "met", "score"),
    [
        ("at_least", "5万元", False, "7.97"),  # 5/6.27
        ("at_most", "5万元", True, "10"),  # under the ceiling
        ("ratio", "5万元", False, "7.97"),  # the share spent
        ("ratio", "6.27万元", True, "10"),
        ("equal", "6.27万元", True, "10"),
    ],
)
def test_each_reading_scores_as_it_says(reading: str, actual: str, met: bool, score: str) -> None:
    rules = _with(UntypedOperator(default="at_least", by_secondary={"成本": reading}))  # type: ignore[dict-item]
    scored = score_indicator(_in("产出指标", "成本指标", "6.27万元", actual), rules)
    assert (scored.met, round_half_up(scored.score)) == (met, Decimal(score))
    (read,) = [p for p in scored.problems if p.code == "target-operator-read"]
    assert read.values["reading"] == reading
    assert "二级指标含「成本」" in scored.formula


@pytest.mark.parametrize(
    ("level1", "level2", "expected"),
    [
        ("产出指标", "数量指标", "at_least"),
        ("产出指标", "成本指标", "ratio"),
        ("产出指标", "时效指标", "at_most"),
        ("效益指标", "社会效益指标", "equal"),  # by the 一级指标
        ("满意度指标", "服务对象满意度指标", "at_least"),
        ("其他", "其他", "at_most"),  # the default
    ],
)
def test_the_class_decides_secondary_first_then_primary_then_default(level1: str, level2: str, expected: str) -> None:
    rules = _with(
        UntypedOperator(
            default="at_most",
            by_secondary={"数量": "at_least", "成本": "ratio", "时效": "at_most"},
            by_primary={"效益": "equal", "满意度": "at_least"},
        )
    )
    scored = score_indicator(_in(level1, level2, "90", "95"), rules)
    assert [p.values["reading"] for p in scored.problems if p.code == "target-operator-read"] == [expected]


def test_a_typed_operator_or_a_nature_is_not_reported_as_a_profile_reading() -> None:
    rules = profile("classic-ratio")
    typed = score_indicator(indicator(">=90%", "95%"), rules)
    assert [p.code for p in typed.problems] == []
    natured = score_indicator(indicator("3万元", "4万元", level2="成本指标").model_copy(update={"nature": "反向"}), rules)
    assert [p.values["reading"] for p in natured.problems if p.code == "target-operator-read"] == ["at_most"]
    assert "指标性质「反向」" in natured.formula


@pytest.mark.parametrize("name", ["xinjiang-2024", "classic-ratio", "chongqing-compact"])
def test_every_shipped_profile_says_how_an_untyped_cost_target_is_read(name: str) -> None:
    scored = score_indicator(indicator("30万元", "24万元", level2="成本指标"), profile(name))
    (read,) = [p for p in scored.problems if p.code == "target-operator-read"]
    assert read.values["profile"] == name and read.values["reading"] in ("at_least", "at_most", "equal", "ratio")


@pytest.mark.parametrize("name", ["classic-ratio", "chongqing-compact"])
def test_a_bare_cost_target_spent_in_part_is_scored_by_the_share_not_full_marks(name: str) -> None:
    for target, actual, expected in (("6.27万元", "5万元", "7.97"), ("30万元", "24万元", "8.00")):
        scored = score_indicator(indicator(target, actual, level2="成本指标"), profile(name))
        assert round_half_up(scored.score) == Decimal(expected), scored.formula
        assert "ratio" in {p.values.get("reading") for p in scored.problems}
