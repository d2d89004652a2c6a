"""One difference is one finding: a total typed the same in several places against the same parts.

The 2023 sample's 财政拨款 spending 1,548.16 against its 项' sum 1,548.17 shows in every table that adds
the 项 up; `check` reports it once, at the first place, naming the others in `also` ("表!单元格").
Different differences stay separate findings, even when their figures happen to be equal.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator import layout
from generator.api import check_folder
from generator.findings import Finding, Severity
from generator.report import Status

T = layout.THREE_PUBLIC.name
S = layout.SUMMARY.name
ROOT_2023 = "inputs/changji-ybj/2023"


def residues(findings: tuple[Finding, ...] | list[Finding]) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    return sorted(
        (f.location.sheet, f.location.cell, tuple(f.values.get("also", ()))) for f in findings if f.code == "rounding-residue"
    )


def test_the_same_residue_in_two_columns_is_one_finding_naming_the_other(kit: Any, unit_folder: Any) -> None:
    # 全年预算数 and 决算数 of the 三公 are the same three amounts (0 + 7.32 + 0.34 = 7.66), both typed 7.65
    cur = kit.consistent_2024()
    kit.set_value(cur, T, "合计", "全年预算数", 7.65)
    kit.set_value(cur, T, "合计", "决算数", 7.65)
    findings = check_folder(unit_folder(cur, prior=kit.consistent_2023())).findings
    assert residues(findings) == [(T, "B4", (f"{T}!C4",))]


def test_two_different_residues_stay_two_findings(kit: Any, unit_folder: Any) -> None:
    cur = kit.consistent_2024()
    kit.set_value(cur, T, "合计", "全年预算数", 7.65)  # 0.01 short
    kit.set_value(cur, T, "合计", "决算数", 7.64)  # 0.02 short: another difference
    findings = check_folder(unit_folder(cur, prior=kit.consistent_2023())).findings
    assert residues(findings) == [(T, "B4", ()), (T, "C4", ())]


def test_equal_figures_over_different_parts_stay_two_findings(kit: Any, unit_folder: Any) -> None:
    # 收入总计 and 支出总计 both typed 1,239.70 against 1,239.71, but one sums the income side, the other
    # the spending side: two roundings, two findings.
    cur = kit.consistent_2024()
    kit.set_value(cur, S, "收入总计", "金额", 1239.70)
    kit.set_value(cur, S, "支出总计", "金额", 1239.70)
    findings = check_folder(unit_folder(cur)).findings
    assert residues(findings) == [(S, "B15", ()), (S, "B19", ())]


def test_two_equal_mismatches_are_one_error_naming_the_other(kit: Any, unit_folder: Any) -> None:
    cur = kit.consistent_2024()
    kit.set_value(cur, T, "合计", "全年预算数", 8.66)
    kit.set_value(cur, T, "合计", "决算数", 8.66)
    findings = check_folder(unit_folder(cur, prior=kit.consistent_2023())).findings
    mismatches = [(f.location.sheet, f.location.cell, f.values.get("also")) for f in findings if f.code == "total-mismatch"]
    assert mismatches == [(T, "B4", [f"{T}!C4"])]
    assert all(f.severity is Severity.ERROR for f in findings if f.code == "total-mismatch")


def test_the_2023_sample_reports_its_one_cent_once(kit: Any) -> None:
    checked = check_folder(kit.ROOT / ROOT_2023)
    assert residues(checked.findings) == [
        # the 项目支出 963.61 against its 类' 963.62: other figures, another finding (in two tables)
        (layout.EXPENSE.name, "E4", (f"{layout.GPB.name}!E4",)),
        (
            layout.INCOME.name,
            "C4",
            (
                f"{layout.INCOME.name}!D4",
                f"{layout.EXPENSE.name}!C4",
                f"{layout.GPB.name}!C4",
                f"{S}!B16",
                f"{layout.FISCAL.name}!B7",
                f"{layout.FISCAL.name}!C7",
            ),
        ),
    ]
    first = next(f for f in checked.findings if f.location.cell == "C4")
    assert (first.values["stated"], first.values["expected"]) == (Decimal("1548.16"), Decimal("1548.17"))
    assert checked.report is not None
    (totals,) = [o for o in checked.report.coverage if o.rule == "check_declared_totals"]
    assert totals.status is Status.FAILED and totals.found == 2  # found the problem: never passed


def test_the_sample_folders_counts(kit: Any) -> None:
    counted = {}
    for folder in (ROOT_2023, "inputs/changji-ybj/2024", "inputs/shanghai-example/上海市示范区文化馆/2024"):
        findings = check_folder(kit.ROOT / folder).findings
        counted[folder] = tuple(sum(1 for f in findings if f.severity is s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    assert counted == {
        ROOT_2023: (0, 2, 3),
        "inputs/changji-ybj/2024": (0, 16, 1),
        "inputs/shanghai-example/上海市示范区文化馆/2024": (0, 0, 0),
    }
