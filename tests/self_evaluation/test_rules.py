"""Each rule of each shipped profile on worked examples (most taken from the 2024 昌吉州 sample)."""

from decimal import Decimal

import pytest

from generator.display import round_half_up as display

from .builders import cents, score

D = Decimal


# -- xinjiang-2024: reproduces the sample ---------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "weight", "rate", "points"),
    [
        (">=70%", "=100%", 10, "142.86", "5.71"),  # over-achievement penalised symmetrically
        (">=90%", "=100%", 20, "111.11", "17.78"),
        (">=114万人", "=115.76万人", 10, "101.54", "9.85"),
        (">=390000人", "=393911人", 10, "101.00", "9.90"),  # printed "101%" and 9.9
        (">=1294", "=1338", 10, "103.40", "9.66"),
        (">=180人", "=294人", 10, "163.33", "3.67"),
        (">=95%", "=100%", 10, "105.26", "9.47"),  # a 满意度 row scored under 按照完成比例赋分
        ("=5万元", "=5万元", 3, "100.00", "3.00"),
        ("<=110万", "=109.99688万元", 13, "100.00", "13.00"),  # 万 is 万元
        ("<=127.4565万元", "=127.7696万元", 4, "100.25", "3.99"),  # a ceiling exceeded: 3.99 of 4
        ("<=95%", "=100%", 20, "105.26", "18.95"),  # 长期护理保险鉴定执行率: the sample prints 97.95% / 18.98
    ],
)
def test_xinjiang_ratio(target: str, actual: str, weight: int, rate: str, points: str) -> None:
    scored = score("xinjiang-2024", target, actual, weight)
    assert cents(scored.rate * 100) == D(rate) if scored.rate is not None else False
    assert display(scored.score) == D(points)


@pytest.mark.parametrize(
    ("target", "actual", "weight", "points"),
    [
        ("<=4.50万元", "=3.78万元", 9, "5.40"),  # 84% -> 权重 × (1 − 2.5 × 0.16)
        ("<=4.50万元", "=3.77万元", 9, "5.35"),  # the sample's typed value gives 83.78%, not its printed 84%
        ("<=450元/天/人", "=420元/天/人", 10, "8.33"),
        ("<=1.5万元", "=1.3万元", 10, "6.67"),
        ("<=3.5万元", "=2.87万元", 10, "5.50"),
        ("<=22.5万元", "=22.455万元", 4, "3.98"),
    ],
)
def test_xinjiang_cost_rule_below_a_ceiling(target: str, actual: str, weight: int, points: str) -> None:
    assert display(score("xinjiang-2024", target, actual, weight, level2="经济成本指标").score) == D(points)


def test_xinjiang_ceiling_outside_cost_indicators_is_full_marks() -> None:
    assert score("xinjiang-2024", "<=5%", "=2%", 10, level2="质量指标").score == 10


def test_xinjiang_satisfaction_full_when_at_least_target() -> None:
    scored = score("xinjiang-2024", ">=90%", "=100%", 10, rule="满意度赋分", level2="满意度指标")
    assert (cents(scored.rate * 100) if scored.rate else None, scored.score) == (D("111.11"), 10)
    assert score("xinjiang-2024", "=95%", "=100%", 10, rule="满意度赋分").score == 10  # "=95%" is a floor here
    assert display(score("xinjiang-2024", ">=95%", "=90%", 10, rule="满意度赋分").score) == D("9.47")


def test_xinjiang_graded_and_direct() -> None:
    assert score("xinjiang-2024", ">=95%", "=100%", 10, rule="按评判等级赋分").score == 10
    assert score("xinjiang-2024", "2024年12月10日前", "2024年8月27日", 10, rule="直接赋分").score == 10
    assert score("xinjiang-2024", "2024年12月10日", "2024年12月11日", 10, rule="直接赋分").score == 0
    assert score("xinjiang-2024", "有效保障", "达到预期指标", 20, rule="按评判等级赋分").score == 20
    assert display(score("xinjiang-2024", ">=95%", "=90%", 10, rule="按评判等级赋分").score) == D("9.47")


@pytest.mark.parametrize(
    ("actual", "points"),
    [("达到预期指标", "20"), ("显著提升", "20"), ("部分达成预期指标", "10"), ("未完成", "0"), ("未达成预期指标", "0")],
)
def test_qualitative_tiers(actual: str, points: str) -> None:
    for name in ("xinjiang-2024", "classic-ratio"):
        assert score(name, "显著提升", actual, 20, rule="按评判等级赋分").score == D(points)


@pytest.mark.parametrize(
    ("target", "actual", "points"),
    [("<=30%", "25%", "5.00"), ("<=90%", "90.1%", "6.00"), (">=100%", "100.88%", "6.00"), ("<=8个", "8个", "6.00")],
)
def test_xinjiang_unit_wide_plain_ratio_capped(target: str, actual: str, points: str) -> None:
    assert display(score("xinjiang-2024", target, actual, 6, rule="", kind="unit").score) == D(points)


# -- classic-ratio: 宁夏 B/A, A/B, capped ------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "weight", "rate", "points"),
    [
        (">=70%", "=100%", 10, "142.86", "10.00"),  # capped at the weight
        (">=95%", "=90%", 10, "94.74", "9.47"),  # B/A
        ("<=4.50万元", "=3.77万元", 9, "119.36", "9.00"),  # A/B, capped
        ("<=95%", "=100%", 20, "95.00", "19.00"),  # A/B
        ("=5万元", "=4万元", 10, "80.00", "8.00"),  # equal: the smaller of B/A and A/B
        ("=5万元", "=6万元", 10, "83.33", "8.33"),
        ("<=0起", "=0起", 5, "100.00", "5.00"),
    ],
)
def test_classic_ratio(target: str, actual: str, weight: int, rate: str, points: str) -> None:
    scored = score("classic-ratio", target, actual, weight)
    assert scored.rate is not None and cents(scored.rate * 100) == D(rate)
    assert display(scored.score) == D(points)


def test_classic_wordings_of_ningxia() -> None:
    wording = "完成值达到指标值，记满分；未达到指标值，按B/A或A/B×该指标分值记分。"
    scored = score("classic-ratio", "2200本", "2000本", 2, rule=wording)
    assert scored.rule_name == "比例" and display(scored.score) == D("1.82")


def test_unknown_wording_is_reported_and_scored_by_default() -> None:
    scored = score("xinjiang-2024", ">=1次", "=1次", 10, rule="凭感觉赋分")
    assert [p.code for p in scored.problems] == ["rule-unknown"] and scored.score == 10


def test_units_convert_or_mismatch() -> None:
    converted = score("xinjiang-2024", "<=3万元", "=30000元", 10, level2="经济成本指标")
    assert converted.score == 10 and [p.code for p in converted.problems] == ["unit-converted"]
    mismatch = score("xinjiang-2024", ">=3人", "=3次", 10)
    assert mismatch.rule_score is None and mismatch.score == 0 and [p.code for p in mismatch.problems] == ["unit-mismatch"]


def test_incomparable_and_unclear_values() -> None:
    assert [p.code for p in score("xinjiang-2024", ">=95%", "2024年1月1日", 10).problems] == ["actual-incomparable"]
    assert [p.code for p in score("xinjiang-2024", "显著提升", "还行", 10).problems] == ["qualitative-actual-unclear"]
