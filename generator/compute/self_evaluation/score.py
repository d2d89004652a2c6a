"""Scoring a SelfEvaluation under a profile into one frozen ScoredSelfEvaluation.

Everything the checks and the document need is computed here, at full
precision: per indicator 完成率 and 得分 (and the rule's score when a 手工得分
replaces it), per table 执行率, 执行率得分, 总分 and 等级, and the figures that
section 十一 of the disclosure quotes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from generator.compute.self_evaluation.compare import compare
from generator.compute.self_evaluation.rules import HUNDRED, ONE, ZERO, apply_rule, rounded_rate
from generator.compute.totals import Key, Ledger, Part, Settlement, part_tolerance
from generator.display import round_half_up
from generator.findings import Finding, emit
from generator.self_evaluation.model import Funds, Indicator, ProjectTable, SelfEvaluation, UnitTable
from generator.self_evaluation.profile import ExecutionMode, ExecutionScoring, Profile

_FROZEN = ConfigDict(frozen=True, extra="forbid")
# Findings a 手工得分 (with its reason) is written for: the person scored what the rules cannot.
CLEARED_BY_OVERRIDE = frozenset({"qualitative-actual-unclear", "actual-incomparable"})


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
    applicable: bool = True  # False for a row of "/" (not applicable): no weight, no score
    # 得分系数 in percent points when the profile scores through it (rule_score = 权重 × this / 100)
    coefficient: Decimal | None = None

    @property
    def unscored(self) -> bool:
        """Could not be scored by rule nor by hand: it counts 0 until its cells are corrected."""
        return self.applicable and self.rule_score is None and self.indicator.override is None


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

    @property
    def funds_unreadable(self) -> bool:
        """Some amount of the funds block could not be read: 执行率 uses the others."""
        funds = self.table.funds
        return any(line.unreadable for line in (*([funds.total] if funds.total else []), *funds.sources))

    @property
    def provisional(self) -> bool:
        """The total counts something as 0 only because its cells could not be read or compared."""
        return self.funds_unreadable or any(s.unscored for s in self.indicators)


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
    exact = funds.executed / funds.annual_budget if funds.annual_budget > 0 else None
    rate = None if exact is None else rounded_rate(exact, profile.rate_places)
    mode = profile.execution.project if kind == "project" else profile.execution.unit
    execution_score = ZERO if rate is None else execution_score_of(mode, rate, weight, profile.execution)
    indicators = tuple(score_indicator(indicator, profile, kind) for indicator in table.indicators)
    parts = [execution_score, *(s.score for s in indicators)]
    total = sum((round_half_up(p) for p in parts), ZERO) if profile.total == "sum_of_rounded" else sum(parts, ZERO)
    return ScoredTable(
        kind=kind,
        name=table.name if isinstance(table, ProjectTable) else table.unit_name,
        table=table,
        funds=funds,
        execution_weight=weight,
        execution_rate=rate,
        execution_score=execution_score,
        indicators=indicators,
        weight_sum=sum((s.indicator.weight or ZERO for s in indicators if s.applicable), ZERO),
        total=total,
        grade=profile.grade_for(total),
    )


def execution_score_of(mode: ExecutionMode, rate: Decimal, weight: Decimal, scoring: ExecutionScoring) -> Decimal:
    """执行率得分 under the profile's mode: full, 分值 × 执行率 (capped), or by threshold bands."""
    if mode == "full":
        return weight
    if mode == "thresholded":
        band = next((b for b in scoring.thresholds if rate >= b.min_rate), None)
        return ZERO if band is None else weight * band.fraction
    return weight * min(rate, ONE)


FUNDS_FIELDS = (("initial_budget", "年初预算数"), ("annual_budget", "全年预算数"), ("executed", "全年执行数"))
FUNDS, FUNDS_TOTAL = "资金", "合计"  # the sheet and total row of the funds block's ledger keys


def funds_settlements(funds: Funds) -> dict[Key, Settlement]:
    """Each typed total of the funds block settled against its parts, with the main pipeline's primitive.

    Keys: (资金, 合计, column) for the total row against the top-level sources, (资金, source, column)
    for a source against its "其中" rows. A total within the 尾差 of its parts is kept; beyond it the sum is used.
    """
    ledger = Ledger(per_part=part_tolerance(funds.unit))
    for field, header in FUNDS_FIELDS:
        if funds.total is not None and funds.top_level:
            ledger.settle(
                Key(FUNDS, FUNDS_TOTAL, header),
                f"{funds.total_label}{header}",
                getattr(funds.total, field),
                [Part(line.source, getattr(line, field), line.cells.get(header)) for line in funds.top_level],
                funds.total.cells.get(header),
            )
        for parent in funds.top_level:
            children = funds.children(parent.source)
            if children:
                ledger.settle(
                    Key(FUNDS, parent.source, header),
                    f"{parent.source}{header}",
                    getattr(parent, field),
                    [Part(line.source, getattr(line, field), line.cells.get(header)) for line in children],
                    parent.cells.get(header),
                )
    return ledger.settlements


def funds_totals(funds: Funds) -> FundsTotals:
    settled = funds_settlements(funds)

    def pick(field: str) -> Decimal:
        total = settled.get(Key(FUNDS, FUNDS_TOTAL, dict(FUNDS_FIELDS)[field]))
        if total is not None and total.value is not None:
            return total.value
        typed = getattr(funds.total, field) if funds.total is not None else None
        if typed is not None:
            return typed
        return sum((getattr(line, field) or ZERO for line in funds.top_level), ZERO)

    return FundsTotals(initial_budget=pick("initial_budget"), annual_budget=pick("annual_budget"), executed=pick("executed"))


def score_indicator(indicator: Indicator, profile: Profile, kind: str = "project") -> ScoredIndicator:
    """One indicator under `profile`; `kind` "unit" applies the profile's unit-wide rule."""
    override = indicator.override.score if indicator.override is not None else None
    if indicator.target is not None and indicator.target.kind == "none":
        return ScoredIndicator(
            indicator=indicator, rule_name=None, met=None, rate=None, rule_score=None,
            score=ZERO, formula="不适用（目标值为「/」）", applicable=False,
        )  # fmt: skip
    if indicator.actual is not None and indicator.actual.kind == "none":
        problem = emit(
            "actual-not-applicable",
            indicator.cells.get("完成值", indicator.row),
            target=indicator.target_text,
            indicator=indicator.level3,
            actual=indicator.actual_text,
        )
        return ScoredIndicator(
            indicator=indicator, rule_name=None, met=None, rate=None, rule_score=None,
            score=override if override is not None else ZERO, formula="无法计分：完成值为「/」",
            problems=(problem,),
        )  # fmt: skip
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
                emit(
                    "rule-unknown",
                    indicator.cells.get("赋分规则", indicator.row),
                    rule_text=indicator.rule_text,
                    profile=profile.name,
                    default=name,
                    wordings="、".join(profile.wordings),
                )
            )
        else:
            name, rule = found
    comparison, found_problems = compare(indicator, profile)
    if indicator.override is not None and indicator.override.reason:
        found_problems = [p for p in found_problems if p.code not in CLEARED_BY_OVERRIDE]
    problems.extend(found_problems)
    if comparison is None:
        return ScoredIndicator(
            indicator=indicator, rule_name=name, met=None, rate=None, rule_score=None,
            score=override if override is not None else ZERO, formula="无法计分：完成值与目标值无法比较",
            problems=tuple(problems),
        )  # fmt: skip
    scoring = apply_rule(rule, comparison, indicator.weight, profile, indicator.level2)
    rule_score, formula, coefficient = scoring.score, scoring.formula, None
    if profile.coefficient is not None:
        places = profile.coefficient.places
        coefficient = round_half_up(scoring.score / indicator.weight * HUNDRED, places)
        rule_score = indicator.weight * coefficient / HUNDRED
        formula = f"{formula}；指标得分 = 得分系数 {coefficient}%（保留{places}位小数）× 权重"
    return ScoredIndicator(
        indicator=indicator,
        rule_name=name,
        met=comparison.met,
        rate=scoring.rate,
        rule_score=rule_score,
        score=override if override is not None else rule_score,
        formula=formula,
        problems=tuple(problems),
        coefficient=coefficient,
    )
