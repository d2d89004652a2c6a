"""Check: every place where the data disagrees with itself, as findings.

Rules are small functions of one signature, listed once in RULES. A rule that
crashes becomes a finding and the others still run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.check.codes import check_codes
from generator.check.completeness import check_blanks
from generator.check.context import CheckContext, Settings
from generator.check.cross import check_same_figures
from generator.check.prior import check_prior_items_total, check_prior_year
from generator.check.reasons import check_budget_reason_direction, check_budget_reasons, check_income_contents, check_reasons
from generator.check.relations import (
    check_admin_cost,
    check_fund_closure,
    check_income_equals_expense,
    check_personnel_and_public,
    check_procurement,
    check_staff,
    check_three_public_in_basic,
    check_vehicle_purchases,
    check_vehicles,
)
from generator.check.rows import check_row_totals
from generator.check.three_public import check_three_public_budget, check_three_public_counts
from generator.check.totals import check_declared_totals
from generator.check.units import check_yuan_in_wanyuan
from generator.check.written import check_written_texts
from generator.compute.figures import Figures
from generator.findings import Finding, Location, error

Rule = Callable[[CheckContext], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    check_declared_totals,
    check_row_totals,
    check_same_figures,
    check_personnel_and_public,
    check_income_equals_expense,
    check_fund_closure,
    check_codes,
    check_yuan_in_wanyuan,
    check_prior_year,
    check_prior_items_total,
    check_reasons,
    check_budget_reasons,
    check_income_contents,
    check_budget_reason_direction,
    check_admin_cost,
    check_three_public_in_basic,
    check_three_public_budget,
    check_three_public_counts,
    check_vehicles,
    check_vehicle_purchases,
    check_procurement,
    check_staff,
    check_blanks,
    check_written_texts,
)


def run_checks(figures: Figures, settings: Settings | None = None, rules: Iterable[Rule] = RULES) -> list[Finding]:
    ctx = CheckContext(figures, settings or Settings())
    findings: list[Finding] = []
    for rule in rules:
        try:
            findings.extend(rule(ctx))
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            findings.append(
                error(
                    "crashed",
                    Location(field=rule.__name__),
                    f"检查规则 {rule.__name__} 运行出错（{type(exc).__name__}: {exc}），请把此信息反馈给开发者",
                    stage="rule",
                    name=rule.__name__,
                    error=f"{type(exc).__name__}: {exc}",
                )
            )
    return findings


__all__ = ["RULES", "Rule", "Settings", "run_checks"]
