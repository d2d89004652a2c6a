"""预算绩效管理情况: the typed facts, with the 自评 figures settled from the scored 绩效自评表.

When the unit's 绩效自评表 holds project tables, the number of self-evaluated projects,
their 全年预算 total, the average score and the number per grade are computed from it
(the typed rows of 其他重要事项 are then not used for them). Grades named 中/差 by a
scoring profile are the 合格/不合格 of the 上海 wording (same 60/80/90 bands).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Protocol

from generator.compute.change import ZERO
from generator.compute.figures import GRADES, PerformanceFacts

_SAME_GRADE = {"中": "合格", "差": "不合格"}


# What is read of a scored 绩效自评表 (generator.compute.self_evaluation.score.ScoredSelfEvaluation), stated as
# protocols: the figures need only these of it.
class ProjectFunds(Protocol):
    @property
    def annual_budget(self) -> Decimal: ...  # 全年预算数 of the 年度资金总额 line


class ScoredProject(Protocol):
    @property
    def total(self) -> Decimal: ...
    @property
    def grade(self) -> str | None: ...
    @property
    def funds(self) -> ProjectFunds: ...


class ScoredProjects(Protocol):
    @property
    def projects(self) -> Sequence[ScoredProject]: ...


def performance_facts(typed: PerformanceFacts, scored: ScoredProjects | None = None) -> PerformanceFacts:
    """TYPED, with the 自评 counts, amount, average and grades replaced by SCORED's project tables when it has any."""
    projects = scored.projects if scored is not None else ()
    if not projects:
        return typed
    counts = dict.fromkeys(GRADES, ZERO)
    for p in projects:
        label = _SAME_GRADE.get(p.grade or "", p.grade or "")
        if label in counts:
            counts[label] += 1
    return replace(
        typed,
        evaluated=Decimal(len(projects)),
        evaluated_amount=sum((p.funds.annual_budget for p in projects), ZERO),
        average_score=sum((p.total for p in projects), ZERO) / len(projects),
        grades=tuple(counts.items()),
    )
