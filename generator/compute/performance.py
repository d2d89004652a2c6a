"""预算绩效管理情况: the typed facts, with the 自评 figures settled from the scored 绩效自评表.

When the unit's 绩效自评表 holds project tables, the number of self-evaluated projects,
their 全年预算 total, the average score and the number per grade are computed from it
(the typed rows of 其他重要事项 are then not used for them). Grades named 中/差 by a
scoring profile are the 合格/不合格 of the 上海 wording (same 60/80/90 bands).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from generator.compute.change import ZERO
from generator.compute.figures import GRADES, PerformanceFacts

_SAME_GRADE = {"中": "合格", "差": "不合格"}


def performance_facts(typed: PerformanceFacts, scored: Any = None) -> PerformanceFacts:
    projects = tuple(getattr(scored, "projects", ()) or ()) if scored is not None else ()
    if not projects:
        return typed
    totals = [p.total for p in projects if p.total is not None]
    counts = dict.fromkeys(GRADES, ZERO)
    for p in projects:
        label = _SAME_GRADE.get(p.grade or "", p.grade or "")
        if label in counts:
            counts[label] += 1
    return replace(
        typed,
        evaluated=Decimal(len(projects)),
        evaluated_amount=sum((p.funds.annual_budget for p in projects), ZERO),
        average_score=sum(totals, ZERO) / len(totals) if totals else None,
        grades=tuple(counts.items()),
    )
