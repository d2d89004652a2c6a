"""Scoring rule profiles: which 赋分规则 wording means which rule, and the rules' parameters.

A profile is a YAML file under generator/data/profiles/ (or any path a user
gives), loaded and validated here. Rules differ by province and year; the
profile names them so that a document states which rules produced its scores.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class RatioRule(BaseModel):
    """按照完成比例赋分 as the 2024 新疆 sample applies it.

    Below target (positive or "="): 权重 × 完成率. Above 100%: either penalised
    like a shortfall, 权重 × (1 − (完成率 − 1)), or capped at 权重. A "<=" indicator
    whose completed value is under its target: full marks, or the cost rule
    权重 × (1 − factor × (1 − 完成值/目标值)) when the 二级指标 contains one of
    `cost_penalty_secondary` (all indicators when that list is empty).
    """

    model_config = _FROZEN
    kind: Literal["ratio"]
    above_target: Literal["symmetric_penalty", "cap"]
    reverse_below_target: Literal["full", "cost_penalty"] = "full"
    cost_penalty_factor: Decimal = Decimal("2.5")
    cost_penalty_secondary: tuple[str, ...] = ()


class ProportionalRule(BaseModel):
    """权重 × 完成率, capped at 权重 (宁夏: B/A or A/B × 分值; 新疆 unit-wide: plain ratio)."""

    model_config = _FROZEN
    kind: Literal["proportional"]


class MetFullRule(BaseModel):
    """Full 权重 when the target is met (按评判等级赋分, 直接赋分); otherwise proportional or zero."""

    model_config = _FROZEN
    kind: Literal["met_full"]
    otherwise: Literal["proportional", "zero"] = "proportional"


class SatisfactionRule(BaseModel):
    """满意度赋分: full 权重 when 完成值 ≥ 目标值 whatever the operator; otherwise proportional or zero."""

    model_config = _FROZEN
    kind: Literal["satisfaction"]
    otherwise: Literal["proportional", "zero"] = "proportional"


Rule = Annotated[RatioRule | ProportionalRule | MetFullRule | SatisfactionRule, Field(discriminator="kind")]


class QualitativeTier(BaseModel):
    """One tier of a qualitative indicator: the words that place a completed value in it, and its share of 权重."""

    model_config = _FROZEN
    label: str
    words: tuple[str, ...]
    fraction: Decimal = Field(ge=0, le=1)  # the share given by default
    min_fraction: Decimal = Field(ge=0, le=1)  # a 手工得分 should stay within [min, max] × 权重
    max_fraction: Decimal = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> QualitativeTier:
        if not self.min_fraction <= self.fraction <= self.max_fraction:
            raise ValueError("应满足 min_fraction ≤ fraction ≤ max_fraction")
        return self


class Grade(BaseModel):
    model_config = _FROZEN
    label: str
    min_total: Decimal  # 总分 at or above this (含) gets the label


class ExecutionThreshold(BaseModel):
    """执行率 at or above `min_rate` (a ratio, 0.9 for 90%) earns `fraction` of 分值."""

    model_config = _FROZEN
    min_rate: Decimal = Field(ge=0)
    fraction: Decimal = Field(ge=0, le=1)


ExecutionMode = Literal["proportional", "full", "thresholded"]


class ExecutionScoring(BaseModel):
    """How 执行率得分 is scored.

    `proportional` = 分值 × 执行率, capped at 分值; `full` = 分值 whenever there is a budget;
    `thresholded` = 分值 × the fraction of the first band of `thresholds` the rate reaches.
    """

    model_config = _FROZEN
    project: ExecutionMode
    unit: ExecutionMode
    thresholds: tuple[ExecutionThreshold, ...] = ()

    @model_validator(mode="after")
    def _bands(self) -> ExecutionScoring:
        if "thresholded" in (self.project, self.unit) and not self.thresholds:
            raise ValueError("thresholded 需要 thresholds（如 - {min_rate: 0.9, fraction: 1}）")
        rates = [band.min_rate for band in self.thresholds]
        if rates != sorted(rates, reverse=True):
            raise ValueError("thresholds 应按 min_rate 从高到低排列")
        return self


OperatorReading = Literal["at_least", "at_most", "equal", "ratio"]
# How each reading is worded in the formula and in the `target-operator-read` finding.
READING_NAMES: dict[str, str] = {
    "at_least": "不低于（≥）",
    "at_most": "不高于（≤）",
    "equal": "等于（=）",
    "ratio": "按比例（完成值/目标值 × 权重，以权重为上限）",
}


class UntypedOperator(BaseModel):
    """How a target typed without an operator ("90%", "8个", "6.27万元") is read, per indicator class.

    `by_secondary` when the 二级指标 contains a word (数量, 质量, 时效, 成本), else `by_primary` when the
    一级指标 does (产出, 效益, 满意度), else `default`. `ratio` scores 完成值/目标值 × 权重 (capped at 权重)
    whichever side of the target the value falls: the reading of tables that score a bare cost
    target "6.27万元" by the share spent.
    """

    model_config = _FROZEN
    default: OperatorReading = "equal"
    by_secondary: dict[str, OperatorReading] = {}
    by_primary: dict[str, OperatorReading] = {}

    def for_secondary(self, level2: str) -> OperatorReading:
        return self.reading_for("", level2)[0]

    def reading_for(self, level1: str, level2: str) -> tuple[OperatorReading, str]:
        """The reading and why it applies: "二级指标含「成本」", "一级指标含「效益」" or "默认"."""
        for word, reading in self.by_secondary.items():
            if word in level2:
                return reading, f"二级指标含「{word}」"
        for word, reading in self.by_primary.items():
            if word in level1:
                return reading, f"一级指标含「{word}」"
        return self.default, "默认"


class Coefficient(BaseModel):
    """得分系数（%）as compact (重庆) tables print it: the share of 权重 an indicator earns.

    指标得分 = 得分系数 × 权重, with 得分系数 (the rule's score / 权重, as a percentage, at most 100)
    rounded half up to `places` decimals first: the printed coefficient is what the score is
    computed from (30 × 15.02% = 4.51, where 30 × 15.016% would round to 4.50).
    """

    model_config = _FROZEN
    places: int = Field(default=2, ge=0, le=4)


Layout = Literal["xinjiang", "ningxia", "chongqing"]
# What a workbook's 表样 cell may say -> the layout.
LAYOUT_NAMES: dict[str, Layout] = {
    "新疆": "xinjiang", "xinjiang": "xinjiang",
    "宁夏": "ningxia", "ningxia": "ningxia",
    "重庆": "chongqing", "chongqing": "chongqing", "紧凑": "chongqing",
}  # fmt: skip


class Display(BaseModel):
    model_config = _FROZEN
    show_grade: bool = True  # print a 等级 row under 总分
    unit_total_row: bool = True  # print a 总分 row in the unit-wide table
    # The table form of `generate --only self-evaluation`: xinjiang (the 昌吉 sample: 权重, 目标值, 业绩值,
    # 完成率, 赋分规则…), ningxia (年度指标值（A）/全年实际值（B）/分值/得分/得分计算方法/偏差原因分析及改进措施,
    # with notes), chongqing (compact: 指标名称, 计量单位, 指标性质, 年初/调整后指标值, 全年完成值, 得分系数, 权重,
    # 指标得分, 是否核心指标). A workbook's 表样 cell (项目概况) overrides it.
    layout: Layout = "xinjiang"
    notes: tuple[str, ...] = ()  # printed under each project table (宁夏's 注1–5)


class Profile(BaseModel):
    model_config = _FROZEN

    name: str
    title: str
    description: str = ""
    completion_rate: Literal["actual_over_target", "by_direction"]
    untyped_operator: UntypedOperator = UntypedOperator()
    # "=" exceeded: `as_rule` scores it by the rule's ratio (symmetric penalty, or A/B by_direction);
    # `full` treats reaching the target as met (published tables that give 90% → 100% full marks).
    equal_exceeded: Literal["as_rule", "full"] = "as_rule"
    # "100%" against a qualitative target: `within_tier` = 权重 × the percentage kept inside its tier;
    # `tier_fraction` = 权重 × the tier's fraction.
    qualitative_percent: Literal["within_tier", "tier_fraction"] = "within_tier"
    # 完成率 and 执行率 rounded to this many decimals of a percentage before scoring (0: whole percent),
    # as tables that print "93%" and score on it; None scores on the exact rate.
    rate_places: int | None = Field(default=None, ge=0, le=4)
    # 指标得分 from a rounded 得分系数 (compact tables); None scores directly (得分系数 then only shown).
    coefficient: Coefficient | None = None
    rules: dict[str, Rule]
    wordings: dict[str, str]  # 赋分规则 wording (exact, or contained in the cell) -> rule name
    default_rule: str  # when 赋分规则 is blank
    unit_rule: str  # the unit-wide table has no 赋分规则 column
    qualitative_tiers: tuple[QualitativeTier, ...] = Field(min_length=1)
    execution: ExecutionScoring
    execution_weight: Decimal = Decimal(10)
    indicator_weight_total: Decimal = Decimal(90)
    total: Literal["sum_of_rounded", "exact"]
    grades: tuple[Grade, ...] = ()
    display: Display = Display()

    @model_validator(mode="after")
    def _names_resolve(self) -> Profile:
        known = set(self.rules)
        for where, name in [
            ("default_rule", self.default_rule),
            ("unit_rule", self.unit_rule),
            *((f"wordings.{wording}", rule) for wording, rule in self.wordings.items()),
        ]:
            if name not in known:
                raise ValueError(f"{where} 引用的规则「{name}」未在 rules 中定义（已定义：{'、'.join(sorted(known))}）")
        totals = [grade.min_total for grade in self.grades]
        if totals != sorted(totals, reverse=True):
            raise ValueError("grades 应按 min_total 从高到低排列")
        return self

    def rule_for(self, wording: str) -> tuple[str, Rule] | None:
        """The rule a 赋分规则 cell names: blank → default; exact wording first, then contained wording."""
        text = "".join(wording.split())
        if not text:
            return self.default_rule, self.rules[self.default_rule]
        for key, name in self.wordings.items():
            if "".join(key.split()) == text:
                return name, self.rules[name]
        for key, name in sorted(self.wordings.items(), key=lambda item: -len(item[0])):
            if "".join(key.split()) in text:
                return name, self.rules[name]
        return None

    def grade_for(self, total: Decimal) -> str | None:
        return next((grade.label for grade in self.grades if total >= grade.min_total), None)
