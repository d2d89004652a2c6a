"""Scoring a SelfEvaluation under a profile into one frozen ScoredSelfEvaluation.

Everything the checks and the document need is computed here, at full
precision: per indicator 完成率 and 得分 (and the rule's score when a 手工得分
replaces it), per table 执行率, 执行率得分, 总分 and 等级, and the figures that
section 十一 of the disclosure quotes.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from generator.findings import Finding, error
from generator.self_evaluation.compare import compare
from generator.self_evaluation.model import Funds, Indicator, ProjectTable, SelfEvaluation, UnitTable
from generator.self_evaluation.profile import Profile
from generator.self_evaluation.rules import ZERO, apply_rule

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_CENT = Decimal("0.01")


class ScoredIndicator(BaseModel):
    model_config = _FROZEN

    indicator: Indicator
    rule_name: str | None  # the profile's rule; None when the row could not be scored
    met: bool | None
    rate: Decimal | None  # 完成率 as a ratio
    rule_score: Decimal | None  # what the rule gives
    score: Decimal  # the 手工得分 when there is one, else the rule's score (0 when unscorable)
    formula: str
    problems: tuple[Finding, ...] = ()


class FundsTotals(BaseModel):
    """The 年度资金总额 / 合计 line used for 执行率: as typed, or Σ sources when no total row was typed."""

    model_config = _FROZEN

    initial_budget: Decimal
    annual_budget: Decimal
    executed: Decimal


class ScoredTable(BaseModel):
    model_config = _FROZEN

    kind: Literal["project", "unit"]
    name: str
    table: ProjectTable | UnitTable
    funds: FundsTotals
    execution_weight: Decimal
    execution_rate: Decimal | None  # None when 全年预算数 is zero
    execution_score: Decimal
    indicators: tuple[ScoredIndicator, ...]
    weight_sum: Decimal
    total: Decimal
    grade: str | None


class Summary(BaseModel):
    """Figures quoted in section 十一 (预算绩效情况说明)."""

    model_config = _FROZEN

    project_count: int
    project_annual_budget: Decimal  # Σ 全年预算数 over the project tables
    project_executed: Decimal  # Σ 全年执行数
    unit_table_count: int
    unit_annual_budget: Decimal | None
    unit_executed: Decimal | None


class ScoredSelfEvaluation(BaseModel):
    model_config = _FROZEN

    evaluation: SelfEvaluation
    profile: Profile
    unit: ScoredTable | None
    projects: tuple[ScoredTable, ...]
    summary: Summary


def score_self_evaluation(evaluation: SelfEvaluation, profile: Profile) -> ScoredSelfEvaluation:
    projects = tuple(_score_table(table, profile) for table in evaluation.projects)
    unit = _score_table(evaluation.unit, profile) if evaluation.unit is not None else None
    summary = Summary(
        project_count=len(projects),
        project_annual_budget=sum((p.funds.annual_budget for p in projects), ZERO),
        project_executed=sum((p.funds.executed for p in projects), ZERO),
        unit_table_count=0 if unit is None else 1,
        unit_annual_budget=None if unit is None else unit.funds.annual_budget,
        unit_executed=None if unit is None else unit.funds.executed,
    )
    return ScoredSelfEvaluation(evaluation=evaluation, profile=profile, unit=unit, projects=projects, summary=summary)


def _score_table(table: ProjectTable | UnitTable, profile: Profile) -> ScoredTable:
    kind: Literal["project", "unit"] = "project" if isinstance(table, ProjectTable) else "unit"
    funds = funds_totals(table.funds)
    weight = table.execution_weight if table.execution_weight is not None else profile.execution_weight
    rate = funds.executed / funds.annual_budget if funds.annual_budget > 0 else None
    mode = profile.execution.project if kind == "project" else profile.execution.unit
    if rate is None:
        execution_score = ZERO
    elif mode == "full":
        execution_score = weight
    else:
        execution_score = weight * min(rate, Decimal(1))
    indicators = tuple(score_indicator(indicator, profile, kind) for indicator in table.indicators)
    parts = [execution_score, *(s.score for s in indicators)]
    total = sum((cents(p) for p in parts), ZERO) if profile.total == "sum_of_rounded" else sum(parts, ZERO)
    return ScoredTable(
        kind=kind,
        name=table.name if isinstance(table, ProjectTable) else table.unit_name,
        table=table,
        funds=funds,
        execution_weight=weight,
        execution_rate=rate,
        execution_score=execution_score,
        indicators=indicators,
        weight_sum=sum((i.weight or ZERO for i in table.indicators), ZERO),
        total=total,
        grade=profile.grade_for(total),
    )


def cents(value: Decimal) -> Decimal:
    """A score as the table prints it (two places, half up): the parts a sum_of_rounded 总分 adds."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def funds_totals(funds: Funds) -> FundsTotals:
    def pick(field: str) -> Decimal:
        typed = getattr(funds.total, field) if funds.total is not None else None
        if typed is not None:
            return typed
        return sum((getattr(line, field) or ZERO for line in funds.sources), ZERO)

    return FundsTotals(initial_budget=pick("initial_budget"), annual_budget=pick("annual_budget"), executed=pick("executed"))


def score_indicator(indicator: Indicator, profile: Profile, kind: str = "project") -> ScoredIndicator:
    """One indicator under `profile`; `kind` "unit" applies the profile's unit-wide rule."""
    override = indicator.override.score if indicator.override is not None else None
    if indicator.target is None or indicator.actual is None or indicator.weight is None:
        return ScoredIndicator(
            indicator=indicator, rule_name=None, met=None, rate=None, rule_score=None,
            score=override if override is not None else ZERO, formula="无法计分：目标值、完成值或权重有误",
        )  # fmt: skip
    problems: list[Finding] = []
    if kind == "unit":
        name, rule = profile.unit_rule, profile.rules[profile.unit_rule]
    else:
        found = profile.rule_for(indicator.rule_text)
        if found is None:
            name, rule = profile.default_rule, profile.rules[profile.default_rule]
            problems.append(
                error(
                    "rule-unknown",
                    indicator.cells.get("赋分规则", indicator.row),
                    f"评分规则「{profile.name}」不认识赋分规则「{indicator.rule_text}」，暂按默认规则「{name}」计分；"
                    f"可用写法：{'、'.join(profile.wordings)}",
                    rule_text=indicator.rule_text,
                    profile=profile.name,
                )
            )
        else:
            name, rule = found
    comparison, found_problems = compare(indicator, profile.qualitative_tiers)
    problems.extend(found_problems)
    if comparison is None:
        return ScoredIndicator(
            indicator=indicator, rule_name=name, met=None, rate=None, rule_score=None,
            score=override if override is not None else ZERO, formula="无法计分：完成值与目标值无法比较",
            problems=tuple(problems),
        )  # fmt: skip
    scoring = apply_rule(rule, comparison, indicator.weight, profile.completion_rate, indicator.level2)
    return ScoredIndicator(
        indicator=indicator,
        rule_name=name,
        met=comparison.met,
        rate=scoring.rate,
        rule_score=scoring.score,
        score=override if override is not None else scoring.score,
        formula=scoring.formula,
        problems=tuple(problems),
    )
