"""The self-evaluation's figures settled with the disclosure's, before any check runs.

其他重要事项 may type the 绩效自评 figures (项目数, 金额, 平均分, 项目数 per 等级) that the
appended 绩效自评表 computes. Like any figure stated in two places, the two are compared:
each typed figure that differs from the tables' is a `performance-figure-mismatch` at the
typed cell. The document prints the tables' figure (the tables are printed beside it, and a
typed total is never trusted over what it sums); a figure the tables do not give (no project
table) stays as typed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from generator import layout
from generator.compute.figures import Figures, PerformanceFacts
from generator.compute.performance import performance_facts
from generator.compute.totals import part_tolerance
from generator.display import format_plain, more_or_less, round_half_up
from generator.findings import Finding, Location, emit
from generator.self_evaluation.score import ScoredSelfEvaluation

# (name of the 其他重要事项 row, PerformanceFacts field, how it is compared)
_COMPARED = (
    ("绩效自评项目数", "evaluated", "count"),
    ("绩效自评项目金额", "evaluated_amount", "amount"),
    ("绩效自评平均分", "average_score", "printed"),
)


def settle_performance(figures: Figures, scored: ScoredSelfEvaluation | None) -> tuple[Figures, list[Finding]]:
    """FIGURES with the 自评 figures taken from SCORED's project tables, and a finding for each typed one that differs."""
    settled = performance_facts(figures.performance, scored)
    if scored is None or settled is figures.performance:
        return figures, []
    findings = list(_differences(figures, figures.performance, settled, scored.evaluation.source))
    return replace(figures, performance=settled), findings


def _differences(figures: Figures, typed: PerformanceFacts, settled: PerformanceFacts, workbook: str) -> list[Finding]:
    table = figures.base.item(layout.OTHER_MATTERS.name)
    found: list[Finding] = []

    def where(name: str) -> Location:
        row = table.get(name)
        return row.source.at("本年数") if row is not None else Location(file=workbook)

    evaluated = int(settled.evaluated or 0)
    for name, field, how in _COMPARED:
        stated, computed = getattr(typed, field), getattr(settled, field)
        if stated is None or computed is None:
            continue
        tolerance = part_tolerance(figures.declared_unit) * max(1, evaluated)
        finding = _compare(name, stated, computed, how, where(name), workbook, tolerance)
        if finding is not None:
            found.append(finding)
    counted = dict(settled.grades)
    for label, stated in typed.grades:
        computed = counted.get(label)
        if stated is None or computed is None:
            continue
        name = f"绩效评级为{label}的项目数"
        finding = _compare(name, stated, computed, "count", where(name), workbook, Decimal(0))
        if finding is not None:
            found.append(finding)
    return found


def _compare(name: str, stated: Decimal, computed: Decimal, how: str, at: Location, workbook: str, tolerance: Decimal) -> Finding | None:
    """None when the typed figure is the tables' (an average at the precision it was typed; an amount within the 尾差)."""
    shown = round_half_up(computed, _places(stated)) if how == "printed" else computed
    difference = stated - shown
    if difference == 0:
        return None
    code = "performance-figure-rounding" if how == "amount" and abs(difference) <= tolerance else "performance-figure-mismatch"
    return emit(
        code,
        at,
        name=name,
        stated=stated,
        expected=shown,
        difference=difference,
        tolerance=tolerance,
        stated_text=format_plain(stated),
        workbook=workbook,
        expected_text=format_plain(shown),
        direction=more_or_less(difference),
        difference_text=format_plain(abs(difference)),
    )


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0

