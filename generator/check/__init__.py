"""Check: every place where the data disagrees with itself, as findings.

Rules are small functions of one signature, listed once in RULES, each declaring with `@emits`
(check/rule.py) the codes it emits and the sheets it reads. A rule that crashes becomes a finding
and the others still run; every rule's outcome goes into the coverage ledger (run_rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.check.budget_words import check_budget_texts
from generator.check.budgets import check_item_budget_sums
from generator.check.codes import check_codes
from generator.check.completeness import check_blanks
from generator.check.context import CheckContext, CouldNotRun, Settings
from generator.check.cross import check_same_figures
from generator.check.level import check_level_wording
from generator.check.mandatory import check_mandatory_tables
from generator.check.prior import check_prior_items_total, check_prior_year
from generator.check.prior_totals import check_prior_totals_known
from generator.check.reasons import check_budget_reason_direction, check_budget_reasons, check_income_contents, check_reasons
from generator.check.relations import (
    check_admin_cost,
    check_fund_closure,
    check_income_equals_expense,
    check_personnel_and_public,
    check_procurement,
    check_procurement_total,
    check_staff,
    check_three_public_in_basic,
    check_vehicle_purchases,
    check_vehicles,
)
from generator.check.rows import check_row_totals
from generator.check.rule import NotApplicable, Rule, rule_codes, rule_name, rule_needs
from generator.check.self_evaluation import SELF_EVALUATION_RULES, check_performance_figures
from generator.check.three_public import check_three_public_budget, check_three_public_counts, check_three_public_reasons
from generator.check.totals import check_declared_totals
from generator.check.units import check_wanyuan_in_yuan, check_yuan_in_wanyuan
from generator.check.written import check_written_texts
from generator.compute.figures import Figures
from generator.compute.self_evaluation.stage import SelfEvaluationFigures
from generator.findings import Finding, Location, emit
from generator.report import RuleOutcome, Status

RULES: tuple[Rule, ...] = (
    check_declared_totals,
    check_row_totals,
    check_same_figures,
    check_personnel_and_public,
    check_income_equals_expense,
    check_fund_closure,
    check_codes,
    check_yuan_in_wanyuan,
    check_wanyuan_in_yuan,
    check_mandatory_tables,
    check_prior_year,
    check_prior_items_total,
    check_prior_totals_known,
    check_reasons,
    check_budget_reasons,
    check_income_contents,
    check_budget_reason_direction,
    check_item_budget_sums,
    check_budget_texts,
    check_admin_cost,
    check_three_public_in_basic,
    check_three_public_budget,
    check_three_public_counts,
    check_three_public_reasons,
    check_vehicles,
    check_vehicle_purchases,
    check_procurement,
    check_procurement_total,
    check_staff,
    check_blanks,
    check_written_texts,
    check_level_wording,
    *SELF_EVALUATION_RULES,
    check_performance_figures,
)


@dataclass(frozen=True)
class RulesRun:
    """What running the rules gave: their findings, and each rule's outcome (the coverage ledger)."""

    findings: list[Finding]
    coverage: tuple[RuleOutcome, ...]


def run_checks(figures: Figures, settings: Settings | None = None, rules: Iterable[Rule] = RULES) -> list[Finding]:
    return run_rules(figures, settings, rules).findings


def run_rules(
    figures: Figures | None, settings: Settings | None = None, rules: Iterable[Rule] = RULES, self_evaluation: SelfEvaluationFigures | None = None
) -> RulesRun:
    """Run each chosen rule (settings.only / settings.skip), one crash never hiding the others' findings.

    SELF_EVALUATION is the scored 绩效自评表 (compute's stage); FIGURES None checks it alone (a rule that needs
    the figures could not run)."""
    settings = settings or Settings()
    ctx = CheckContext(figures, settings, self_evaluation)
    findings: list[Finding] = []
    coverage = []
    for rule in rules:
        name, codes, needs = rule_name(rule), rule_codes(rule), rule_needs(rule)
        if not chosen(codes, settings):
            coverage.append(RuleOutcome(name, Status.NOT_RUN, codes, reason="未按 --only/--skip 选择", needs=needs))
            continue
        try:
            found = list(rule(ctx))
            stray = sorted({f.code for f in found} - set(codes)) if codes else []
            if stray:
                raise AssertionError(f"rule {name} emitted {stray}, not among the codes it declares: add them to its @emits")
        except NotApplicable as why:
            coverage.append(RuleOutcome(name, Status.NOT_APPLICABLE, codes, reason=str(why), needs=needs))
            continue
        except CouldNotRun as why:
            coverage.append(RuleOutcome(name, Status.NOT_RUN, codes, reason=str(why), needs=needs))
            continue
        except Exception as exc:  # a bug in one rule must not hide the others' findings
            findings.append(_crashed(name, exc))
            coverage.append(RuleOutcome(name, Status.NOT_RUN, codes, found=1, reason="规则运行出错，见 crashed", needs=needs))
            continue
        findings.extend(found)
        coverage.append(RuleOutcome(name, Status.FAILED if found else Status.PASSED, codes, found=len(found), needs=needs))
    return RulesRun(findings, tuple(coverage))


def chosen(codes: tuple[str, ...], settings: Settings) -> bool:
    """A rule runs unless --only names none of its codes, or --skip names one of them."""
    if settings.only and not set(codes) & settings.only:
        return False
    return not set(codes) & settings.skip


def not_run(reason: str, rules: Iterable[Rule] = RULES) -> tuple[RuleOutcome, ...]:
    """The ledger when no rule could run (the data could not be read): every rule NOT_RUN, with REASON."""
    return tuple(RuleOutcome(rule_name(r), Status.NOT_RUN, rule_codes(r), reason=reason, needs=rule_needs(r)) for r in rules)


def rule_codes_of(rules: Iterable[Rule] = RULES) -> frozenset[str]:
    """Every code some rule declares: what --only and --skip accept."""
    return frozenset(code for rule in rules for code in rule_codes(rule))


def _crashed(name: str, exc: Exception) -> Finding:
    return emit(
        "crashed",
        Location(field=name),
        stage="rule",
        name=name,
        error=f"{type(exc).__name__}: {exc}",
        doing=f"运行检查规则 {name} ",
        consequence="，其余检查照常进行",
    )


__all__ = ["RULES", "NotApplicable", "Rule", "Settings", "not_run", "run_checks", "run_rules"]
