"""What people really write in 目标值/完成值, family by family (issue 11): each string with the
form it parses to, or the precise reason it is refused; then pairs with their comparison."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.self_evaluation.score import score_indicator
from generator.display import round_half_up
from generator.self_evaluation.targets import Measure, parse_measure

from .builders import indicator, profile


def describe(text: str) -> str:
    """A parsed cell in one line: form, operator (* when not typed), number, unit, and the rest."""
    parsed = parse_measure(text, 2024)
    if not isinstance(parsed, Measure):
        return f"fail: {parsed.reason}"
    op = f"{parsed.operator.value}{'' if parsed.operator_typed else '*'}"
    if parsed.kind == "none":
        return "none"
    if parsed.kind == "words":
        return f"words {parsed.words}"
    if parsed.kind == "date":
        return f"date {op} {parsed.date}"
    number = f"{op} {parsed.number}{parsed.unit}"
    if parsed.kind == "period":
        return f"period {parsed.period} {number}"
    if parsed.kind == "change":
        return f"change {parsed.change} {number}"
    return f"number {number}" + (f" [{parsed.context}]" if parsed.context else "")


FORMS = [
    # deadlines relative to a period
    ("每季度结束后的14日内", "period 季度 <= 14日"),
    ("每年度结束后的19日内", "period 年度 <= 19日"),
    ("每月结束后10日内", "period 月 <= 10日"),
    ("季度结束后15个工作日内", "period 季度 <= 15工作日"),
    ("每个季度结束后7天内", "period 季度 <= 7日"),
    ("年度终了后30日内", "period 年度 <= 30日"),
    ("每半年结束后20日内", "period 半年 <= 20日"),
    ("次月10日前", "period 月 <= 10日"),
    ("每月5日前", "period 月 <= 5日"),
    ("下一季度15日前", "period 季度 <= 15日"),
    ("每周结束后2日内", "period 周 <= 2日"),
    # changes relative to last year
    ("提高10%", "change up >=* 10%"),
    ("较上年下降5%", "change down >=* 5%"),
    ("比上年增长8%", "change up >=* 8%"),
    ("同比增长3个百分点以上", "change up >= 3个百分点"),
    ("较2023年减少2次", "change down >=* 2次"),
    ("较上年提升不低于5%", "change up >= 5%"),
    ("同比降低10%以上", "change down >= 10%"),
    ("较上年增长不超过3%", "change up <= 3%"),
    ("上年度增加20户", "change up >=* 20户"),
    ("压减5%", "change down >=* 5%"),
    # a number inside words
    ("乡镇100%覆盖", "number =* 100% [乡镇…覆盖]"),
    ("覆盖率达到95%以上", "number >= 95% [覆盖率]"),
    ("覆盖率≥90%", "number >= 90% [覆盖率]"),
    ("完成3个乡镇医保站建设", "number =* 3个 [完成…乡镇医保站建设]"),
    ("培训不少于200人次", "number >= 200人次 [培训]"),
    ("全年开展稽核12次", "number =* 12次 [全年开展稽核]"),
    ("参保率达95%", "number >= 95% [参保率]"),
    ("政策知晓率不低于85%", "number >= 85% [政策知晓率]"),
    ("办结时限控制在5个工作日以内", "number <= 5个工作日 [办结时限]"),
    ("村级全覆盖100%", "number =* 100% [村级全覆盖]"),
    # rows that do not apply
    ("/", "none"),
    ("／", "none"),
    ("不适用", "none"),
    ("不涉及", "none"),
    # qualitative words
    ("逐步改善", "words 逐步改善"),
    ("长期", "words 长期"),
    ("健全", "words 健全"),
    ("不超过上年水平", "words 不超过上年水平"),
    ("有效提升", "words 有效提升"),
    ("及时", "words 及时"),
    ("满意", "words 满意"),
    ("持续发挥作用", "words 持续发挥作用"),
    # operator-less numbers and a bare 万
    ("90%", "number =* 90%"),
    ("95％", "number =* 95%"),
    ("111.4万", "number =* 111.4万"),
    ("≥107万人", "number >= 107万人"),
    ("2403万", "number =* 2403万"),
    ("2,403万元", "number =* 2403万元"),
    ("<=110万", "number <= 110万"),
    ("141745人", "number =* 141745人"),
    ("0.6万元/次", "number =* 0.6万元/次"),
    ("2周内", "number <= 2周"),
    # deadlines as dates
    ("2023年12月31日之前", "date deadline* 2023-12-31"),
    ("12月31日前", "date deadline* 2024-12-31"),
    ("2024年底前", "date deadline* 2024-12-31"),
    # refused, each with the reason
    ("约100人", "fail: 「约」不是明确的数值，请写明比较符号和数字（如「>=100」）"),
    ("100人左右", "fail: 「左右」不是明确的数值，请写明比较符号和数字（如「>=100」）"),
    ("2024年度完成", "fail: 日期写法无法识别（应如「2024年12月10日前」）"),
    ("第4季度", "fail: 日期写法无法识别（应如「2024年12月10日前」）"),
    ("3-5次", "fail: 数字后的「-5次」不像计量单位"),
    ("1人1档", "fail: 数字后的「人1档」不像计量单位"),
    ("覆盖2个县3个乡", "fail: 含多个数字，无法判断哪个是指标值"),
    (">=很多", "fail: 比较符号后应为数字"),
    ("不低于95%以下", "fail: 前后两个比较符号相互矛盾"),
    ("达到95%以下", "fail: 前后两个比较符号相互矛盾"),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[text for text, _ in FORMS])
def test_real_forms_parse(text: str, expected: str) -> None:
    assert describe(text) == expected


def test_the_table_covers_the_families() -> None:
    assert len(FORMS) >= 60
    assert {describe(text).split()[0].rstrip(":") for text, _ in FORMS} == {"period", "change", "number", "none", "words", "date", "fail"}


# (profile, 二级指标, target, actual) -> (met, score of 10) or the finding code
PAIRS = [
    ("classic-ratio", "时效指标", "每季度结束后的14日内", "每季度结束后的10日内", (True, "10")),
    ("classic-ratio", "时效指标", "每季度结束后的14日内", "每季度结束后的20日内", (False, "7.00")),
    ("classic-ratio", "时效指标", "每年度结束后的19日内", "15日", (True, "10")),
    ("classic-ratio", "时效指标", "每季度结束后的14日内", "按时完成", (True, "10")),
    ("classic-ratio", "时效指标", "每季度结束后的14日内", "100%", (True, "10")),
    ("classic-ratio", "效益指标", "提高10%", "提高12%", (True, "10")),
    ("classic-ratio", "效益指标", "提高10%", "提高5%", (False, "5.00")),
    ("classic-ratio", "效益指标", "提高10%", "下降5%", (False, "0.00")),
    ("classic-ratio", "效益指标", "较上年下降5%", "下降6%", (True, "10")),
    ("classic-ratio", "效益指标", "较上年下降5%", "6%", (True, "10")),
    ("classic-ratio", "覆盖指标", "乡镇100%覆盖", "100%", (True, "10")),
    ("classic-ratio", "覆盖指标", "乡镇100%覆盖", "乡镇95%覆盖", (False, "9.50")),
    ("classic-ratio", "社会效益指标", "逐步改善", "100%", (True, "10")),
    ("classic-ratio", "可持续影响指标", "长期", "100%", (True, "10")),
    ("classic-ratio", "质量指标", "健全", "90%", (True, "9.00")),
    ("classic-ratio", "质量指标", "不超过上年水平", "60%", (False, "6.00")),
    ("classic-ratio", "质量指标", "健全", "40%", (False, "4.00")),
    ("classic-ratio", "数量指标", "≥107万人", "111.4万", (True, "10")),
    ("classic-ratio", "数量指标", "≥107万人", "1070000人", (True, "10")),
    ("classic-ratio", "数量指标", "≥107万人", "100万", (False, "9.35")),
    ("classic-ratio", "数量指标", "90%", "100%", (True, "10")),  # untyped: ≥ for a positive indicator
    ("classic-ratio", "成本指标", "3万元", "2.5万元", (False, "8.33")),  # untyped cost: by ratio, 2.5/3
    ("classic-ratio", "成本指标", "3万元", "4万元", (True, "10")),  # by ratio, capped at the weight
    ("classic-ratio", "成本指标", "<=3万元", "2.5万元", (True, "10")),  # typed ≤: under the ceiling is met
    ("classic-ratio", "时效指标", "30日", "20日", (True, "10")),  # untyped time: ≤
    ("classic-ratio", "时效指标", "30日", "40日", (False, "7.50")),
    ("classic-ratio", "时效指标", "14天", "12天", (True, "10")),
    ("xinjiang-2024", "数量指标", "90%", "100%", (False, "8.89")),  # 新疆: untyped is "=", exceeded is penalised
    ("classic-ratio", "数量指标", "长期", "达到", "qualitative-actual-unclear"),
    ("classic-ratio", "数量指标", "≥107万人", "111.4万次", "unit-mismatch"),
    ("classic-ratio", "数量指标", ">=95%", "达到预期指标", "actual-incomparable"),
    ("classic-ratio", "数量指标", ">=95%", "/", "actual-not-applicable"),
]


@pytest.mark.parametrize(("profile_name", "level2", "target", "actual", "expected"), PAIRS)
def test_pairs_compare(profile_name: str, level2: str, target: str, actual: str, expected: tuple[bool, str] | str) -> None:
    scored = score_indicator(indicator(target, actual, 10, "按照完成比例赋分", level2), profile(profile_name))
    if isinstance(expected, str):
        assert [p.code for p in scored.problems if p.severity.value == "error"] == [expected]
        assert scored.score == 0 and scored.unscored
    else:
        met, score = expected
        assert (scored.met, round_half_up(scored.score)) == (met, Decimal(score)), scored.formula


def test_formula_names_the_reading_and_the_inversion() -> None:
    untyped = score_indicator(indicator("90%", "100%", 10, "", "数量指标"), profile("classic-ratio"))
    assert "目标值未写比较符号，按评分规则（二级指标含「数量」）读作不低于" in untyped.formula
    cost = score_indicator(indicator("<=3万元", "4万元", 10, "", "成本指标"), profile("classic-ratio"))
    assert "目标值/完成值（反向指标，取倒数）" in cost.formula
    percent = score_indicator(indicator("逐步改善", "100%", 10, "", "社会效益指标"), profile("classic-ratio"))
    assert "归入「达成预期指标」档" in percent.formula


def test_not_applicable_rows_have_no_weight_and_no_score() -> None:
    scored = score_indicator(indicator("/", "/", 10), profile("classic-ratio"))
    assert (scored.applicable, scored.score, scored.unscored, scored.problems) == (False, 0, False, ())
