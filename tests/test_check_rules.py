"""Every check rule, failing and passing, on the consistent sample with one thing changed.

The base is the sample's transcription (scripts/sample/accounts.py) with the disagreements of the published document
removed (tests/conftest.py: consistent_2024/consistent_2023). It checks clean; each case below
changes one cell (or one coherent mistake of a few cells, said so) and asserts the complete list
of findings as (code, sheet, cell), and the severity. Where one typo shows in several places
(a wrong part makes its total disagree too), the cascade is listed: it is what a user sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator import layout
from generator.api import check_folder
from generator.check import RULES, Settings, run_checks
from generator.check.reasons import budget_direction_of, direction_of
from generator.compute.change import Direction
from generator.findings import Finding, Severity

S = layout.SUMMARY.name  # 收入支出决算总表
INC = layout.INCOME.name
EXP = layout.EXPENSE.name
F = layout.FISCAL.name
G = layout.GPB.name
B = layout.BASIC.name
FUND = layout.GOV_FUND.name
T = layout.THREE_PUBLIC.name
D = layout.THREE_PUBLIC_DETAILS.name
V = layout.OVERVIEW.name
OM = layout.OTHER_MATTERS.name
P = layout.STAFF.name
C = layout.COVER.name

Op = tuple  # ("cur"|"prior", sheet, key, header, value), ("drop", sheet, code) or ("rows", sheet, rows)

# Every code a rule of RULES can emit, with the rule that emits it.
RULE_OF = {
    "total-mismatch": "check_declared_totals",
    "rounding-residue": "check_declared_totals",  # and check_row_totals
    "row-total-mismatch": "check_row_totals",
    "cross-table-mismatch": "check_same_figures",
    "personnel-public-mismatch": "check_personnel_and_public",
    "income-expense-unbalanced": "check_income_equals_expense",
    "fund-closure-mismatch": "check_fund_closure",
    "code-unknown": "check_codes",
    "code-not-in-list": "check_codes",
    "code-name-mismatch": "check_codes",
    "code-parent-missing": "check_codes",
    "amount-looks-like-yuan": "check_yuan_in_wanyuan",
    "amount-in-yuan": "check_yuan_in_wanyuan",
    "workbook-looks-like-yuan": "check_yuan_in_wanyuan",
    "prior-year-mismatch": "check_prior_year",
    "opening-balance-mismatch": "check_prior_year",
    "prior-items-residue": "check_prior_items_total",
    "prior-items-mismatch": "check_prior_items_total",
    "change-without-reason": "check_reasons",
    "reason-contradicts-change": "check_reasons",
    "budget-difference-without-reason": "check_budget_reasons",
    "budget-reason-contradicts": "check_budget_reason_direction",
    "admin-cost-mismatch": "check_admin_cost",
    "admin-cost-exceeds-public": "check_admin_cost",
    "item-budgets-mismatch": "check_item_budget_sums",
    "table-empty": "check_mandatory_tables",
    "budget-text-contradicts": "check_budget_texts",
    "budget-text-figure-mismatch": "check_budget_texts",
    "prior-total-missing": "check_prior_totals_known",
    "workbook-looks-like-wanyuan": "check_wanyuan_in_yuan",
    "vehicle-count-mismatch": "check_vehicles",
    "three-public-below-basic": "check_three_public_in_basic",
    "three-public-over-budget": "check_three_public_budget",
    "three-public-count-missing": "check_three_public_counts",
    "three-public-difference-without-reason": "check_three_public_reasons",
    "vehicle-count-unexplained": "check_vehicles",
    "vehicle-purchases-mismatch": "check_vehicle_purchases",
    "income-content-unused": "check_income_contents",
    "procurement-share-exceeds": "check_procurement",
    "procurement-total-mismatch": "check_procurement_total",
    "staff-total-mismatch": "check_staff",
    "blank-required": "check_blanks",
    "blank-left-out": "check_blanks",
    "section-without-data": "check_blanks",
    "text-placeholder": "check_written_texts",
    "text-repeated": "check_written_texts",
    "reason-odd-year": "check_written_texts",
    "level-wording-mixed": "check_level_wording",
}
SEVERITY = {
    "total-mismatch": Severity.ERROR,
    "rounding-residue": Severity.WARNING,
    "row-total-mismatch": Severity.ERROR,
    "cross-table-mismatch": Severity.ERROR,
    "personnel-public-mismatch": Severity.ERROR,
    "income-expense-unbalanced": Severity.ERROR,
    "fund-closure-mismatch": Severity.ERROR,
    "code-unknown": Severity.WARNING,
    "code-not-in-list": Severity.INFO,
    "code-name-mismatch": Severity.WARNING,
    "code-parent-missing": Severity.WARNING,
    "amount-looks-like-yuan": Severity.WARNING,
    "amount-in-yuan": Severity.ERROR,
    "workbook-looks-like-yuan": Severity.ERROR,
    "prior-year-mismatch": Severity.ERROR,
    "opening-balance-mismatch": Severity.WARNING,
    "prior-items-residue": Severity.WARNING,
    "prior-items-mismatch": Severity.ERROR,
    "change-without-reason": Severity.WARNING,
    "reason-contradicts-change": Severity.WARNING,
    "budget-difference-without-reason": Severity.WARNING,
    "budget-reason-contradicts": Severity.ERROR,
    "admin-cost-mismatch": Severity.ERROR,
    "admin-cost-exceeds-public": Severity.ERROR,
    "item-budgets-mismatch": Severity.ERROR,
    "table-empty": Severity.ERROR,
    "budget-text-contradicts": Severity.WARNING,
    "budget-text-figure-mismatch": Severity.WARNING,
    "prior-total-missing": Severity.WARNING,
    "workbook-looks-like-wanyuan": Severity.ERROR,
    "vehicle-count-mismatch": Severity.ERROR,
    "three-public-below-basic": Severity.ERROR,
    "three-public-over-budget": Severity.WARNING,
    "three-public-count-missing": Severity.WARNING,
    "three-public-difference-without-reason": Severity.WARNING,
    "vehicle-count-unexplained": Severity.WARNING,
    "vehicle-purchases-mismatch": Severity.WARNING,
    "income-content-unused": Severity.WARNING,
    "procurement-share-exceeds": Severity.ERROR,
    "procurement-total-mismatch": Severity.ERROR,
    "staff-total-mismatch": Severity.ERROR,
    "blank-required": Severity.ERROR,
    "blank-left-out": Severity.INFO,
    "section-without-data": Severity.WARNING,
    "text-placeholder": Severity.ERROR,
    "text-repeated": Severity.WARNING,
    "reason-odd-year": Severity.WARNING,
    "level-wording-mixed": Severity.WARNING,
}


def check(folder: Path, settings: Settings | None = None) -> list[Finding]:
    checked = check_folder(folder, settings)
    assert checked.figures is not None, [str(f) for f in checked.findings]
    return list(checked.findings)


def cell(sheet: str, key: str, header: str, value: Any) -> list[Op]:
    """Change one cell of this year's workbook (KEY: item name, code, or name of a code-less row)."""
    return [("cur", sheet, key, header, value)]


def prior_cell(sheet: str, key: str, header: str, value: Any) -> list[Op]:
    """Change one cell of last year's workbook."""
    return [("prior", sheet, key, header, value)]


def without_row(sheet: str, code: str) -> list[Op]:
    return [("drop", sheet, code)]


def rows(sheet: str, *new_rows: tuple) -> list[Op]:
    return [("rows", sheet, list(new_rows))]


def cells(*edits: list[Op]) -> list[Op]:
    return [op for e in edits for op in e]


def apply(kit: Any, ops: list[Op], cur: dict[str, Any], prior: dict[str, Any]) -> None:
    for op in ops:
        if op[0] == "drop":
            cur[op[1]] = [r for r in cur[op[1]] if r[0] != op[2]]
        elif op[0] == "rows":
            cur[op[1]] = op[2]
        else:
            kit.set_value(cur if op[0] == "cur" else prior, *op[1:])


def abroad_in_basic() -> list[Op]:
    """30213 维修（护）费 0.90 of the 基本支出 re-coded as 30212 因公出国（境）费用."""
    return cells(cell(B, "30213", "科目名称", "因公出国（境）费用"), cell(B, "30213", "科目编码", "30212"))


# --- the base -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_findings(tmp_path_factory: pytest.TempPathFactory, kit: Any) -> dict[str, list[Finding]]:
    root = tmp_path_factory.mktemp("base")
    return {
        "with prior": check(kit.write_unit(root / "a", kit.consistent_2024(), prior=kit.consistent_2023())),
        "without prior": check(kit.write_unit(root / "b", kit.consistent_2024())),
    }


def test_consistent_base_checks_clean(base_findings: dict[str, list[Finding]], kit: Any) -> None:
    assert kit.located(base_findings["with prior"]) == []
    assert kit.located(base_findings["without prior"]) == []


@pytest.mark.parametrize("code", sorted(RULE_OF))
def test_consistent_base_gives_no(code: str, base_findings: dict[str, list[Finding]]) -> None:
    for findings in base_findings.values():
        assert code not in {f.code for f in findings}


def test_every_rule_is_covered() -> None:
    """A rule added to RULES without cases here fails this test (the self-evaluation's have theirs in tests/self_evaluation)."""
    from generator.check.self_evaluation import RULE_PREFIX

    assert {rule.__name__ for rule in RULES if not rule.__name__.startswith(RULE_PREFIX)} == set(RULE_OF.values())


# --- one thing changed → exactly these findings ---------------------------------------------

def item_budgets(total_off: float, column: str = layout.BUDGET) -> list[Op]:
    """Every 项 of 2024 given its 合计 as COLUMN (年初预算数 or 全年预算数), and the 一般公共预算 total's
    COLUMN in 预算及上年情况 their sum plus TOTAL_OFF (issue 18: one cent off passed unseen)."""
    from scripts.sample import accounts

    leaves = [(r[0], Decimal(str(r[2]))) for r in accounts.sample_2024()[G] if len(str(r[0])) == 7 and r[2] is not None]
    exact = sum((v for _, v in leaves), Decimal(0))
    ops = [op for code, v in leaves for op in cell(G, code, column, float(v))]
    # the 财政拨款 total's budget is Σ项 of the three funds: here the 一般公共预算 项 alone
    return ops + cell(V, "一般公共预算财政拨款支出", column, float(exact + Decimal(str(total_off)))) + cell(V, "财政拨款收入支出总计", column, float(exact))


CASES = [
    # 尾差 against a real mismatch: the 三公 合计 against 0 + 7.32 + 0.34 = 7.66, three parts,
    # so up to 0.03 is 尾差 (a warning), beyond it a typing error.
    pytest.param(cell(T, "合计", "全年预算数", 7.65), True, [("rounding-residue", T, "B4")], id="three-public-residue-0.01"),
    pytest.param(
        cell(T, "合计", "全年预算数", 7.63), True, [("rounding-residue", T, "B4")], id="three-public-residue-at-tolerance"
    ),
    pytest.param(cell(T, "合计", "全年预算数", 7.62), True, [("total-mismatch", T, "B4")], id="three-public-mismatch-0.04"),
    pytest.param(cell(T, "合计", "全年预算数", 8.65), True, [("total-mismatch", T, "B4")], id="three-public-mismatch"),
    # 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 1239.71. Within 尾差 the typed
    # total is kept, so it no longer equals 支出总计: that is named too, as a warning.
    pytest.param(
        cell(S, "收入总计", "金额", 1239.70),
        True,
        [("rounding-residue", S, "B15"), ("income-expense-unbalanced", S, "B15", Severity.WARNING)],
        id="income-total-residue",
    ),
    pytest.param(cell(S, "收入总计", "金额", 1239.90), True, [("total-mismatch", S, "B15")], id="income-total-mismatch"),
    # A 类/款/项 tree level against its children.
    pytest.param(
        cell(G, "21015", "合计", 1049.41),
        True,
        [("total-mismatch", G, "C23"), ("row-total-mismatch", G, "C23")],
        id="gpb-section-mismatch",
    ),
    # Within a row: 本年支出合计 against 基本支出 + 项目支出 + …; the 合计 row is also a column total.
    pytest.param(
        cell(EXP, "合计", "本年支出合计", 1238.61),
        True,
        # …and the 合计 it states differs from the 收入支出决算总表's 本年支出合计
        [("total-mismatch", EXP, "C4"), ("row-total-mismatch", EXP, "C4"), ("cross-table-mismatch", S, "B16")],
        id="row-total-mismatch-on-total-row",
    ),
    # A 项's row total typed wrong: its row disagrees, and so does its 款; the levels above only
    # echo the 款's difference and are not reported again, and the tables' typed totals still agree.
    pytest.param(
        cell(INC, "2101501", "本年收入合计", 443.33),
        True,
        [
            ("total-mismatch", INC, "C16"),
            ("row-total-mismatch", INC, "C17"),
        ],
        id="row-total-mismatch-on-item",
    ),
    pytest.param(
        cell(INC, "2101501", "本年收入合计", 442.33),
        True,
        [("rounding-residue", INC, "C16"), ("rounding-residue", INC, "C17")],
        id="row-total-residue-on-item",
    ),
    # Two tables, each consistent in itself, disagreeing: a fund table with spending that the
    # 财政拨款收入支出决算总表 does not report.
    pytest.param(
        rows(FUND, ("2299999", "其他支出", 0, 10, 10, 0, 10, 0)),
        True,
        [("cross-table-mismatch", F, "D7")],
        id="cross-table-mismatch-fund",
    ),
    # A 类 of the 收入支出决算总表 against the 支出决算表: one cent is a warning.
    pytest.param(
        cell(S, "卫生健康支出", "金额", 1108.50),
        True,
        [("rounding-residue", S, "B16"), ("cross-table-mismatch", S, "B21", Severity.WARNING)],
        id="cross-table-class-residue",
    ),
    # An income source of the 收入支出决算总表 against the 合计 of its column in the 收入决算表.
    pytest.param(
        cell(S, "其他收入", "金额", 15.74),
        True,
        [("rounding-residue", S, "B12"), ("cross-table-mismatch", S, "B11", Severity.WARNING)],
        id="cross-table-income-source",
    ),
    # A 财政拨款收入 of the 收入支出决算总表 against its fund's 本年收入 in the 财政拨款收入支出决算总表.
    pytest.param(
        cell(F, "本年收入", "一般公共预算财政拨款", 1222.78),
        True,
        [
            ("total-mismatch", F, "B4"),
            ("total-mismatch", F, "C6"),
            ("cross-table-mismatch", S, "B4"),
            ("income-expense-unbalanced", F, "B6"),
            ("fund-closure-mismatch", F, "C8"),
        ],
        id="cross-table-fiscal-income-by-fund",
    ),
    pytest.param(
        cell(B, "人员经费合计", "决算数", 568.02), True, [("personnel-public-mismatch", B, "C36")], id="personnel-mismatch"
    ),
    pytest.param(cell(B, "公用经费合计", "决算数", 40.02), True, [("personnel-public-mismatch", B, "C37")], id="public-mismatch"),
    # 年末结转和结余 typed 0.10 high and 支出总计 typed to match it: each total adds up, they differ.
    pytest.param(
        cells(cell(S, "年末结转和结余", "金额", 1.30), cell(S, "支出总计", "金额", 1239.81)),
        True,
        [("income-expense-unbalanced", S, "B15")],
        id="income-expense-unbalanced",
    ),
    pytest.param(
        cells(
            cell(F, "年末财政拨款结转和结余", "合计", 0.5),
            cell(F, "年末财政拨款结转和结余", "一般公共预算财政拨款", 0.5),
            cell(F, "支出总计", "合计", 1223.18),
            cell(F, "支出总计", "一般公共预算财政拨款", 1223.18),
        ),
        True,
        # …and the 一般公共预算 column's 年末 0.50 does not follow from 年初 0 + 1222.68 − 1222.68
        [("income-expense-unbalanced", F, "B6"), ("fund-closure-mismatch", F, "C8")],
        id="fiscal-income-expense-unbalanced",
    ),
    # 0.50 of 年初结转 typed under 一般公共预算 and its 年末 under 政府性基金: the 合计 column balances
    # (1223.18 = 1223.18), each fund column does not.
    pytest.param(
        cells(
            cell(F, "年初财政拨款结转和结余", "合计", 0.5),
            cell(F, "年初财政拨款结转和结余", "一般公共预算财政拨款", 0.5),
            cell(F, "收入总计", "合计", 1223.18),
            cell(F, "收入总计", "一般公共预算财政拨款", 1223.18),
            cell(F, "年末财政拨款结转和结余", "合计", 0.5),
            cell(F, "年末财政拨款结转和结余", "政府性基金预算财政拨款", 0.5),
            cell(F, "支出总计", "合计", 1223.18),
            cell(F, "支出总计", "政府性基金预算财政拨款", 0.5),
        ),
        False,
        [("fund-closure-mismatch", F, "C8"), ("fund-closure-mismatch", F, "D8")],
        id="fund-closure-mismatch",
    ),
    # One cent off: 尾差, a warning (and the 合计 column's 收入总计 ≠ 支出总计 by the same cent).
    pytest.param(
        cells(
            cell(F, "年末财政拨款结转和结余", "合计", 0.01),
            cell(F, "年末财政拨款结转和结余", "一般公共预算财政拨款", 0.01),
            cell(F, "支出总计", "合计", 1222.69),
            cell(F, "支出总计", "一般公共预算财政拨款", 1222.69),
        ),
        False,
        [("income-expense-unbalanced", F, "B6", Severity.WARNING), ("fund-closure-mismatch", F, "C8", Severity.WARNING)],
        id="fund-closure-residue",
    ),
    # A balance carried over within its own fund: 0.50 + 1222.68 − 1222.68 = 0.50.
    pytest.param(
        cells(
            cell(F, "年初财政拨款结转和结余", "合计", 0.5),
            cell(F, "年初财政拨款结转和结余", "一般公共预算财政拨款", 0.5),
            cell(F, "收入总计", "合计", 1223.18),
            cell(F, "收入总计", "一般公共预算财政拨款", 1223.18),
            cell(F, "年末财政拨款结转和结余", "合计", 0.5),
            cell(F, "年末财政拨款结转和结余", "一般公共预算财政拨款", 0.5),
            cell(F, "支出总计", "合计", 1223.18),
            cell(F, "支出总计", "一般公共预算财政拨款", 1223.18),
        ),
        False,
        [],
        id="fund-closure-carried-over",
    ),
    pytest.param(cell(B, "30199", "科目编码", "30198"), True, [("code-unknown", B, "A15")], id="code-unknown"),
    pytest.param(cell(B, "30101", "科目名称", "基本工资X"), True, [("code-name-mismatch", B, "B5")], id="code-name-mismatch"),
    # A 功能分类 项 the shipped list does not know, under a 款 it knows, with its name: info, not a warning.
    pytest.param(
        cells(cell(G, "2299999", "科目名称", "某新增支出"), cell(G, "2299999", "科目编码", "2299998")),
        False,
        [("code-not-in-list", G, "A33")],
        id="code-not-in-list",
    ),
    # …but the name of a known code of the same 款 with an unknown code is a typo in the code: a warning.
    pytest.param(cell(G, "2299999", "科目编码", "2299998"), False, [("code-unknown", G, "A33")], id="code-typo-known-name"),
    # …under a 款 the list does not know either: a warning.
    pytest.param(
        cells(cell(G, "2299999", "科目名称", "某项支出"), cell(G, "2299999", "科目编码", "2299798")),
        False,
        [("code-unknown", G, "A33"), ("code-parent-missing", G, "A33")],
        id="code-unknown-functional",
    ),
    pytest.param(cell(G, "2101501", "科目名称", "行政 运行"), True, [], id="code-name-spaces-ignored"),
    pytest.param(
        without_row(B, "303"),
        True,
        [("code-parent-missing", B, "A33"), ("code-parent-missing", B, "A34")],
        id="code-parent-missing",
    ),
    pytest.param(
        cell(OM, "车辆价值", "本年数", 197700), True, [("amount-looks-like-yuan", OM, "B12")], id="amount-looks-like-yuan"
    ),
    # a 项 typed in 元: its 款 agrees once it is divided by 10000, so this is no longer a doubtful outlier
    pytest.param(
        cell(G, "2101501", "合计", 4423200),
        True,
        [
            ("amount-in-yuan", G, "C24"),
            ("total-mismatch", G, "C23"),
            ("row-total-mismatch", G, "C24"),
            ("cross-table-mismatch", F, "C11"),
            # 五 prints the 一般公共预算财政拨款支出 the 财政拨款收入支出决算总表 states (1,222.68, down on
            # last year, as the reason says), not this table's 4,423,850.34: no reason contradicts it
        ],
        id="amount-in-yuan",
    ),
    pytest.param(
        cell(V, "收入支出总计", layout.PRIOR, 1549.56), True, [("prior-year-mismatch", V, "B4")], id="prior-year-mismatch"
    ),
    pytest.param(
        cell(V, "收入支出总计", layout.PRIOR, 1549.47),
        True,
        [("prior-year-mismatch", V, "B4", Severity.WARNING)],
        id="prior-year-residue",
    ),
    pytest.param(cell(G, "2101501", layout.PRIOR, 429.90), True, [("prior-year-mismatch", G, "F24")], id="prior-year-item"),
    pytest.param(
        cell(OM, "机关运行经费", "上年数", 28.51), True, [("prior-year-mismatch", OM, "C4")], id="prior-year-admin-cost"
    ),
    # a 三公 part's 上年 typed wrong: its 上年 合计 no longer adds up either
    pytest.param(
        cell(T, "公务接待费", layout.PRIOR, 0.48),
        True,
        [("prior-year-mismatch", T, "D9"), ("total-mismatch", T, "D4")],
        id="prior-year-three-public",
    ),
    pytest.param(
        cell(P, "在职人员", "上年人数", 30),
        True,
        [("prior-year-mismatch", P, "C5"), ("staff-total-mismatch", P, "C4")],
        id="prior-year-staff",
    ),
    # Without last year's folder, the 上年决算数 of the 项 must add up to the 上年 total typed in
    # 预算及上年情况 (section 五(一) against 五(三)).
    pytest.param(cell(G, "2101501", layout.PRIOR, 429.81), False, [("prior-items-residue", V, "B6")], id="prior-items-residue"),
    pytest.param(cell(G, "2101501", layout.PRIOR, 439.80), False, [("prior-items-mismatch", V, "B6")], id="prior-items-mismatch"),
    pytest.param(
        prior_cell(S, "年末结转和结余", "金额", 1.40),
        True,
        [("opening-balance-mismatch", S, "B14")],  # a warning even beyond 尾差: the 年初 may hold an adjustment
        id="opening-balance-mismatch",
    ),
    # 2101599: 402.42 against 711.80, −43%: needs a reason.
    pytest.param(
        cell(G, "2101599", layout.REASON, None), True, [("change-without-reason", G, "G27")], id="change-without-reason"
    ),
    # 预决算差异 (上海): 2101501 spent 442.32 against a 年初预算 of 500 (−11.5%): a reason is needed.
    pytest.param(
        cell(G, "2101501", layout.BUDGET, 500), True, [("budget-difference-without-reason", G, "K24")], id="budget-difference-without-reason"
    ),
    pytest.param(cells(cell(G, "2101501", layout.BUDGET, 500), cell(G, "2101501", layout.BUDGET_REASON, "年中人员调出，支出小于预算。")), True, [], id="budget-difference-with-reason"),
    pytest.param(cell(G, "2101501", layout.BUDGET, 450), True, [], id="small-budget-difference-needs-no-reason"),
    # 年初预算 0 with a 全年预算: the 全年预算 is the basis (−11.5% against 500).
    pytest.param(
        cells(cell(G, "2101501", layout.BUDGET, 0), cell(G, "2101501", layout.ADJUSTED_BUDGET, 500)),
        True,
        [("budget-difference-without-reason", G, "K24")],
        id="zero-initial-budget-uses-adjusted",
    ),
    pytest.param(
        cells(cell(T, "公务接待费", layout.BUDGET, 1.00), cell(T, "公务接待费", layout.BUDGET_REASON, None)),
        True,
        [("three-public-difference-without-reason", T, "F9")],
        id="three-public-budget-difference",
    ),
    # Every 三公 difference needs a reason, however small (0.34 against a 全年预算 of 0.35: 2.9%)…
    pytest.param(
        cells(cell(T, "公务接待费", "全年预算数", 0.35), cell(T, "合计", "全年预算数", 7.67), cell(T, "公务接待费", layout.BUDGET_REASON, None)),
        True,
        [("three-public-difference-without-reason", T, "F9")],
        id="three-public-small-difference",
    ),
    # …and one with its reason is fine; a 合计 that only differs by its 尾差 is no difference.
    pytest.param(
        cells(cell(T, "公务接待费", "全年预算数", 0.35), cell(T, "合计", "全年预算数", 7.67)), True, [], id="three-public-difference-explained"
    ),
    # A blank 三公 part is an error: inspections require all four stated, a 0 included.
    pytest.param(
        cells(cell(T, "公务用车购置费", "决算数", None)),
        True,
        [("blank-required", T, "C7")],
        id="three-public-part-blank",
    ),
    # A 预决算差异原因 that says the wrong way: 442.32 spent against 500 (below), "大于预算"…
    pytest.param(
        cells(cell(G, "2101501", layout.BUDGET, 500), cell(G, "2101501", layout.BUDGET_REASON, "人员增加，支出大于预算。")),
        True,
        [("budget-reason-contradicts", G, "K24")],
        id="budget-reason-contradicts",
    ),
    # …or against 400 (above), "小于预算" after a cause worded with 增加: the comparison word decides.
    pytest.param(
        cells(cell(G, "2101501", layout.BUDGET, 400), cell(G, "2101501", layout.BUDGET_REASON, "人员增加，但严格控制支出，决算数小于预算数。")),
        True,
        [("budget-reason-contradicts", G, "K24")],
        id="budget-reason-says-below-when-above",
    ),
    pytest.param(
        cells(cell(G, "2101501", layout.BUDGET, 400), cell(G, "2101501", layout.BUDGET_REASON, "年中人员调入，支出未超过全年预算。")),
        True,
        [("budget-reason-contradicts", G, "K24")],
        id="budget-reason-negated-over",
    ),
    pytest.param(
        cells(cell(G, "2101501", layout.BUDGET, 400), cell(G, "2101501", layout.BUDGET_REASON, "年中人员调入，决算数超过年初预算。")),
        True,
        [],
        id="budget-reason-agrees",
    ),
    # A 项 new in the year: 年初预算 0, 全年预算 500; "小于" agrees with the 全年预算 the document uses.
    pytest.param(
        cells(
            cell(G, "2101501", layout.BUDGET, 0),
            cell(G, "2101501", layout.ADJUSTED_BUDGET, 500),
            cell(G, "2101501", layout.BUDGET_REASON, "年中新增项目，决算数小于全年预算数。"),
        ),
        True,
        [],
        id="budget-reason-agrees-with-adjusted-budget",
    ),
    # 三公: 公务接待费 0.34 against a 年初预算 of 1.00 (equal to its 全年预算 0.34), "超预算".
    pytest.param(
        cells(cell(T, "公务接待费", layout.BUDGET, 1.00), cell(T, "公务接待费", layout.BUDGET_REASON, "接待任务增加，超预算支出。")),
        True,
        [("budget-reason-contradicts", T, "F9")],
        id="three-public-budget-reason-contradicts",
    ),
    # 预算及上年情况: 一般公共预算财政拨款支出 1222.68 against a 年初预算 of 1300, "年中追加".
    pytest.param(
        cells(cell(V, "一般公共预算财政拨款支出", "年初预算数", 1300), cell(V, "一般公共预算财政拨款支出", layout.BUDGET_REASON, "年中追加预算，支出增加。")),
        True,
        [("budget-reason-contradicts", V, "E6")],
        id="overview-budget-reason-contradicts",
    ),
    pytest.param(
        cells(cell(V, "一般公共预算财政拨款支出", "年初预算数", 1300), cell(V, "一般公共预算财政拨款支出", layout.BUDGET_REASON, "部分项目未完成，结转下年。")),
        True,
        [],
        id="overview-budget-reason-agrees",
    ),
    # 2101501: 442.32 against 429.80, +2.9%: below the 10% threshold, no reason needed.
    pytest.param(cell(G, "2101501", layout.REASON, None), True, [], id="small-change-needs-no-reason"),
    pytest.param(
        cell(G, "2101501", layout.REASON, "人员减少，支出减少。"),
        True,
        [("reason-contradicts-change", G, "G24")],
        id="reason-contradicts-change",
    ),
    pytest.param(cell(G, "2101599", layout.REASON, "上年项目较多，本年项目减少。"), True, [], id="reason-agrees-with-change"),
    pytest.param(cell(OM, "机关运行经费", "本年数", 42.02), True, [("admin-cost-mismatch", OM, "B4")], id="admin-cost-mismatch"),
    pytest.param(
        cells(cell(C, "单位性质", "内容", "事业单位"), cell(OM, "机关运行经费", "本年数", 42.02)),
        True,
        [],
        id="admin-cost-not-for-public-institutions",
    ),
    # issue 18: a mandatory table left empty while another table says there was money
    pytest.param([("rows", EXP, [])], True, [("table-empty", EXP, None)], id="expense-table-empty"),
    pytest.param([("rows", G, [])], True, [("table-empty", G, None), ("section-without-data", G, None)], id="gpb-table-empty"),
    pytest.param([("rows", B, [])], True, [("table-empty", B, None), ("section-without-data", B, None)], id="basic-table-empty"),
    # issue 18: last year's 收入总计 blank and not derivable: 一's comparison would be dropped silently
    pytest.param(
        prior_cell(S, "收入总计", "金额", None) + prior_cell(S, "年初结转和结余", "金额", None),
        True,
        [("prior-total-missing", S, "B15")],
        id="prior-total-missing",
    ),
    pytest.param(prior_cell(S, "收入总计", "金额", None), False, [], id="prior-total-without-a-prior-folder"),
    # issue 18: the 三公 table states a budget while its reason says there was none
    pytest.param(
        cell(T, "公务接待费", layout.BUDGET_REASON, "本单位未安排公务接待费预算。"), True, [("budget-text-contradicts", T, "F9")], id="budget-text-contradicts"
    ),
    pytest.param(cell(T, "公务接待费", layout.BUDGET_REASON, "厉行节约，决算数小于预算数。"), True, [], id="budget-text-agrees"),
    # issue 18: a 元 封面 over amounts typed in 万元 ("收入总计0.12万元")
    pytest.param(cell(C, "金额单位", "内容", "元"), False, [("workbook-looks-like-wanyuan", C, "B6")], id="wanyuan-declared-as-yuan"),
    # issue 18: 公务用车保有量 2 with 1 vehicle listed, and a real reason
    pytest.param(
        cells(cell(D, "公务用车保有量", "内容", 2), cell(D, "固定资产车辆与公务用车保有量差异原因", "内容", "另有1辆租赁车辆未计入固定资产。")),
        True,
        [],
        id="vehicle-count-explained",
    ),
    # issue 18: 中小企业 中标 (预留 + 其他) above the 政府采购 total 287.78
    pytest.param(
        cells(*(cell(OM, n, "本年数", v) for n, v in zip(layout.SME_ITEMS, (200, 100, 190, 90, 100), strict=True))),
        True,
        [("procurement-share-exceeds", OM, "B26")],
        id="sme-won-exceeds-procurement",
    ),
    pytest.param(
        cells(*(cell(OM, n, "本年数", v) for n, v in zip(layout.SME_ITEMS, (200, 100, 190, 90, 90), strict=True))),
        True,
        [],
        id="sme-won-within-procurement",
    ),
    # issue 18: the 政府采购支出总额 typed beside 货物 + 工程 + 服务 (287.78)
    pytest.param(cell(OM, layout.PROCUREMENT_TOTAL, "本年数", 287.78), True, [], id="procurement-total-agrees"),
    pytest.param(cell(OM, layout.PROCUREMENT_TOTAL, "本年数", 297.78), True, [("procurement-total-mismatch", OM, "B40")], id="procurement-total-off"),
    # issue 18: a 三公 budget a text states against the table's (公务接待费 全年预算 0.34)
    pytest.param(cell(T, "公务接待费", layout.BUDGET_REASON, "全年预算0.50万元，严格控制接待。"), True,
                 [("budget-text-figure-mismatch", T, "F9")], id="budget-text-figure-off"),
    pytest.param(cell(T, "公务接待费", layout.BUDGET_REASON, "全年预算0.34万元，严格控制接待。"), True, [], id="budget-text-figure-agrees"),
    # issue 18: the total's budget against Σ项 (年初 and 全年)
    pytest.param(item_budgets(0), True, [], id="item-budgets-add-up"),
    pytest.param(item_budgets(0.01), True, [("item-budgets-mismatch", V, "C6", "warning")], id="item-budgets-one-cent-off"),
    pytest.param(item_budgets(-5, layout.ADJUSTED_BUDGET), True, [("item-budgets-mismatch", V, "F6")], id="adjusted-budgets-off"),
    # issue 18: a department of a 行政 bureau and 事业 units: 机关运行经费 covers the bureau's part only
    pytest.param(
        cells(cell(C, "单位性质", "内容", "行政单位和事业单位"), cell(OM, "机关运行经费", "本年数", 30.5)),
        True,
        [],
        id="admin-cost-of-a-mixed-department-is-a-part",
    ),
    pytest.param(
        cells(cell(C, "单位性质", "内容", "行政单位、参照公务员法管理事业单位和事业单位"), cell(OM, "机关运行经费", "本年数", 41.03)),
        True,
        [("admin-cost-exceeds-public", OM, "B4")],
        id="admin-cost-of-a-mixed-department-above-its-public",
    ),
    pytest.param(
        cells(cell(C, "单位性质", "内容", "参照公务员法管理事业单位"), cell(OM, "机关运行经费", "本年数", 30.5)),
        True,
        [("admin-cost-mismatch", OM, "B4")],
        id="admin-cost-of-a-civil-service-institution-is-all",
    ),
    # 公务接待费 0.30 while the 基本支出 alone pays 0.34 of it (the 合计 7.66 no longer adds up either).
    pytest.param(
        cell(T, "公务接待费", "决算数", 0.30),
        True,
        [("total-mismatch", T, "C4"), ("three-public-below-basic", B, "C25")],
        id="three-public-below-basic",
    ),
    pytest.param(
        cells(cell(T, "公务接待费", "决算数", 0.30), cell(T, "合计", "决算数", 7.62)),
        True,
        [("three-public-below-basic", B, "C25")],
        id="three-public-below-basic-alone",
    ),
    # 因公出国（境）费用 0.90 in the 基本支出 (30213 re-coded as 30212) while the 三公 table has no
    # 因公出国（境）费: the 三公 cannot be less than the part of it the 基本支出 pays.
    pytest.param(abroad_in_basic(), True, [("three-public-below-basic", B, "C24")], id="three-public-abroad-below-basic"),
    # 31013 公务用车购置 in the 基本支出 (0.90, re-coded from 30213, so 302 no longer adds up and 310 is
    # missing) while the 三公 table's 公务用车购置费 is 0.
    pytest.param(
        cells(cell(B, "30213", "科目名称", "公务用车购置"), cell(B, "30213", "科目编码", "31013")),
        True,
        [("code-parent-missing", B, "A24"), ("total-mismatch", B, "C16"), ("three-public-below-basic", B, "C24")],
        id="three-public-vehicle-purchase-below-basic",
    ),
    pytest.param(
        cells(
            abroad_in_basic(),
            cell(T, "因公出国（境）费", "全年预算数", 0.90),
            cell(T, "因公出国（境）费", "决算数", 0.90),
            cell(T, "合计", "全年预算数", 8.56),
            cell(T, "合计", "决算数", 8.56),
            cell(D, "因公出国（境）团组数", "内容", 1),
            cell(D, "因公出国（境）人次", "内容", 2),
        ),
        True,
        [],
        id="three-public-abroad-covers-basic",
    ),
    # 公务接待费 0.34 against a 全年预算 of 0.30: the part and the 合计 (7.66 against 7.62) are over.
    pytest.param(
        cells(cell(T, "公务接待费", "全年预算数", 0.30), cell(T, "合计", "全年预算数", 7.62)),
        True,
        [("three-public-over-budget", T, "C9"), ("three-public-over-budget", T, "C4")],
        id="three-public-over-budget",
    ),
    pytest.param(
        cells(cell(T, "公务接待费", "全年预算数", 0.50), cell(T, "合计", "全年预算数", 7.82)),
        True,
        [],
        id="three-public-within-budget",
    ),
    # The 年初预算 typed per part and a 合计 of 7.65 against their 7.66 (尾差): the 决算 7.66 is not over it.
    pytest.param(
        cells(*(cell(T, n, layout.BUDGET, x) for n, x in (("因公出国（境）费", 0), ("公务用车购置及运行维护费", 7.32), ("公务用车购置费", 0),
                                                        ("公务用车运行维护费", 7.32), ("公务接待费", 0.34), ("合计", 7.65)))),
        True,
        [("rounding-residue", T, "G4")],
        id="three-public-initial-budget-residue-is-not-over",
    ),
    # Within the 全年预算 but beyond the 年初预算 typed beside it (the 上海 shape).
    pytest.param(
        cell(T, "公务接待费", layout.BUDGET, 0.30), True, [("three-public-over-budget", T, "C9")], id="three-public-over-initial-budget"
    ),
    # 公务接待 0.34 with its counts typed 0, or left blank: the amount says nothing of what it paid for.
    pytest.param(
        cells(cell(D, "国内公务接待批次", "内容", 0), cell(D, "国内公务接待人次", "内容", None)),
        True,
        [("three-public-count-missing", D, "B11"), ("three-public-count-missing", D, "B12")],
        id="three-public-count-missing",
    ),
    # 因公出国（境）费 0.50 with 团组数 and 人次 still 0.
    pytest.param(
        cells(
            cell(T, "因公出国（境）费", "全年预算数", 0.5),
            cell(T, "因公出国（境）费", "决算数", 0.5),
            cell(T, "合计", "全年预算数", 8.16),
            cell(T, "合计", "决算数", 8.16),
        ),
        True,
        [("three-public-count-missing", D, "B4"), ("three-public-count-missing", D, "B5")],
        id="three-public-abroad-count-missing",
    ),
    # 公务用车购置费 10 with 公务用车购置数 0.
    pytest.param(
        cells(
            cell(T, "公务用车购置费", "全年预算数", 10),
            cell(T, "公务用车购置费", "决算数", 10),
            cell(T, "公务用车购置及运行维护费", "全年预算数", 17.32),
            cell(T, "公务用车购置及运行维护费", "决算数", 17.32),
            cell(T, "合计", "全年预算数", 17.66),
            cell(T, "合计", "决算数", 17.66),
        ),
        True,
        [("three-public-count-missing", D, "B7")],
        id="three-public-purchase-count-missing",
    ),
    # All of the 公务接待费 was 外宾接待: the domestic counts may be 0, the 外宾 ones may not.
    pytest.param(
        cells(cell(D, "外宾接待费", "内容", 0.34), cell(D, "国内公务接待批次", "内容", 0), cell(D, "国内公务接待人次", "内容", 0)),
        True,
        [("three-public-count-missing", D, "B15"), ("three-public-count-missing", D, "B16")],
        id="three-public-foreign-count-missing",
    ),
    pytest.param(
        cells(
            cell(D, "外宾接待费", "内容", 0.34),
            cell(D, "外宾接待批次", "内容", 3),
            cell(D, "外宾接待人次", "内容", 28),
            cell(D, "国内公务接待批次", "内容", 0),
            cell(D, "国内公务接待人次", "内容", 0),
        ),
        True,
        [],
        id="three-public-foreign-counted",
    ),
    pytest.param(
        cells(cell(D, "固定资产车辆与公务用车保有量差异原因", "内容", None), cell(D, "公务用车保有量", "内容", 2)),
        True,
        [("vehicle-count-unexplained", D, "B8")],
        id="vehicle-count-unexplained",
    ),
    pytest.param(
        cell(D, "固定资产车辆与公务用车保有量差异原因", "内容", None), True, [], id="vehicle-count-equal-needs-no-reason"
    ),
    # issue 18: the sample's reason says the two agree ("一致无差异"): 2 held with 1 listed is the mistake
    pytest.param(cell(D, "公务用车保有量", "内容", 2), True, [("vehicle-count-mismatch", D, "B8")], id="vehicle-count-said-equal"),
    pytest.param(
        cells(cell(D, "公务用车购置数", "内容", 2), cell(OM, "其他用车", layout.PURCHASED, 1)),
        True,
        [("vehicle-purchases-mismatch", D, "B7")],
        id="vehicle-purchases-mismatch",
    ),
    pytest.param(
        cells(cell(D, "公务用车购置数", "内容", 1), cell(OM, "其他用车", layout.PURCHASED, 1)), True, [], id="vehicle-purchases-agree"
    ),
    pytest.param(
        cells(cell(S, "经营收入", layout.INCOME_CONTENT, "门票收入"), cell(S, "本年收入合计", layout.INCOME_CONTENT, "各项收入")),
        True,
        [("income-content-unused", S, "C9"), ("income-content-unused", S, "C12")],
        id="income-content-unused",
    ),
    pytest.param(cell(S, "其他收入", layout.INCOME_CONTENT, "医保经办服务收入"), True, [], id="income-content-of-an-income"),
    pytest.param(
        cell(OM, "授予中小企业合同金额", "本年数", 300), True, [("procurement-share-exceeds", OM, "B8")], id="sme-exceeds-total"
    ),
    pytest.param(
        cell(OM, "授予小微企业合同金额", "本年数", 300),
        True,
        [("procurement-share-exceeds", OM, "B9")],
        id="small-micro-exceeds-sme",
    ),
    pytest.param(cell(P, "实有人数", "本年人数", 32), True, [("staff-total-mismatch", P, "B4")], id="staff-total-mismatch"),
    # Blank is not zero: a blank total that its blank parts cannot give is an error at its cell…
    pytest.param(
        cells(cell(S, "本年收入合计", "金额", None), cell(S, "上级补助收入", "金额", None)),
        True,
        [("blank-required", S, "B12"), ("blank-left-out", S, "B7")],
        id="blank-required",
    ),
    # …one its typed parts give is not needed; a typed 0 is a figure.
    pytest.param(cell(S, "本年收入合计", "金额", None), True, [], id="blank-total-settled-from-parts"),
    pytest.param(cell(OM, "房屋面积", "本年数", None), True, [("blank-left-out", OM, "B10")], id="blank-left-out"),
    pytest.param(cell(OM, "房屋面积", "本年数", 0), True, [], id="typed-zero-is-a-figure"),
    pytest.param(
        cells(*(cell(P, n, "本年人数", None) for n in layout.STAFF_ITEMS)),
        False,
        [("section-without-data", P, None)],
        id="section-without-data",
    ),
    # texts a person wrote (tests/test_published_text.py has every pattern, both ways)
    pytest.param(cell(G, "2101501", layout.REASON, "工资调增，相应支出增加XX万元。"), True, [("text-placeholder", G, "G24")], id="text-placeholder"),
    pytest.param(cell(G, "2101501", layout.REASON, "本年在职人员工资调增，导致相关人员经费较上年有所增加。"), True, [], id="text-clean"),
    pytest.param(cell(G, "2101501", layout.REASON, "工资调增；；相应支出增加。"), True, [("text-repeated", G, "G24")], id="text-repeated"),
    pytest.param(cell(G, "2101501", layout.REASON, "2021年调资，相应支出增加。"), True, [("reason-odd-year", G, "G24")], id="reason-odd-year"),
    pytest.param(cell(G, "2101501", layout.REASON, "2023年底调资，2024年全年执行，相应支出增加。"), True, [], id="reason-this-and-last-year"),
    # A 部门决算 may speak as a 部门 (a 单位决算 may not: tests/test_level.py, under --level 单位).
    pytest.param(cell(G, "2101599", layout.REASON, "本部门上年项目较多，本年项目减少。"), True, [], id="department-wording-in-a-department"),
]


@pytest.mark.parametrize(("edit", "with_prior", "expected"), CASES)
def test_one_change(edit: list[Op], with_prior: bool, expected: list[tuple[str, str, str]], kit: Any, unit_folder: Any) -> None:
    cur, prior = kit.consistent_2024(), kit.consistent_2023()
    apply(kit, edit, cur, prior)
    findings = check(unit_folder(cur, prior=prior if with_prior else None))
    # an expected entry may name its severity; by default the code's own (SEVERITY)
    want = [(*e[:3], Severity(e[3] if len(e) > 3 else SEVERITY[e[0]]).value) for e in expected]
    assert sorted(kit.located(findings)) == sorted(e[:3] for e in want)
    assert sorted((f.code, f.location.sheet, f.location.cell, f.severity.value) for f in findings) == sorted(want)
    assert all(f.location.file.endswith(layout.WORKBOOK) for f in findings)


def test_cases_cover_every_code() -> None:
    seen = {e[0] for p in CASES for e in p.values[2]}  # type: ignore[union-attr]
    assert seen | {"workbook-looks-like-yuan", "level-wording-mixed"} == set(RULE_OF)  # the latter: tests/test_level.py


# --- an empty 一般公共预算 table is graded by what the document says --------------------------


@pytest.mark.parametrize(
    ("fiscal_gpb", "expected"),
    [
        # the 财政拨款 total says there was no 一般公共预算 money: the document says "无…支出" (an info)
        pytest.param(0, [("table-empty-none", G, "info"), ("table-empty-none", B, "info")], id="stated-zero"),
        # nothing says how much: the document says 未填报 (a warning)
        pytest.param(None, [("section-without-data", G, "warning"), ("section-without-data", B, "warning")], id="unreported"),
    ],
)
def test_an_empty_gpb_table_is_graded_by_what_the_document_says(
    fiscal_gpb: int | None, expected: list[tuple[str, str, str]], kit: Any, unit_folder: Any
) -> None:
    cur = kit.consistent_2024()
    cur[G], cur[B] = [], []
    fiscal = cur[F]
    for name in [n for n in fiscal if n not in ("本年收入", "年初财政拨款结转和结余", "收入总计", "年末财政拨款结转和结余", "支出总计")]:
        fiscal[name] = [fiscal[name][0], fiscal_gpb, *fiscal[name][2:]]
    findings = check(unit_folder(cur))
    graded = {"section-without-data", "table-empty-none", "table-empty"}
    got = sorted((f.code, f.location.sheet, f.severity.value) for f in findings if f.code in graded)
    assert got == sorted(expected)


# --- the residue is a warning, with the figures that prove it ---------------------------------


def test_residue_and_mismatch_carry_their_figures(kit: Any, unit_folder: Any) -> None:
    for typed, code, difference in ((7.65, "rounding-residue", "-0.01"), (7.62, "total-mismatch", "-0.04")):
        cur = kit.consistent_2024()
        kit.set_value(cur, T, "合计", "决算数", typed)
        (finding,) = [f for f in check(unit_folder(cur, prior=kit.consistent_2023())) if f.location.cell == "C4"]
        assert finding.code == code
        assert Decimal(finding.values["difference"]) == Decimal(difference)
        assert finding.values["expected"] == Decimal("7.66")


def test_fund_closure_carries_its_figures(kit: Any, unit_folder: Any) -> None:
    cur = kit.consistent_2024()
    for column in ("合计", "一般公共预算财政拨款"):
        kit.set_value(cur, F, "年末财政拨款结转和结余", column, 0.5)
        kit.set_value(cur, F, "支出总计", column, 1223.18)
    (finding,) = [f for f in check(unit_folder(cur)) if f.code == "fund-closure-mismatch"]
    assert finding.severity is Severity.ERROR
    assert finding.values["stated"] == Decimal("0.5")
    assert finding.values["expected"] == Decimal("0")  # 0 + 1222.68 − 1222.68
    assert finding.values["difference"] == Decimal("0.5")
    assert finding.values["tolerance"] == Decimal("0.03")
    assert finding.values["fund"] == "一般公共预算财政拨款"


def test_three_public_over_budget_says_by_how_much(kit: Any, unit_folder: Any) -> None:
    cur = kit.consistent_2024()
    kit.set_value(cur, T, "公务接待费", "全年预算数", 0.30)
    kit.set_value(cur, T, "合计", "全年预算数", 7.62)
    found = {f.location.cell: f for f in check(unit_folder(cur)) if f.code == "three-public-over-budget"}
    assert sorted(found) == ["C4", "C9"]
    assert (found["C9"].values["current"], found["C9"].values["budget"]) == (Decimal("0.34"), Decimal("0.30"))
    assert found["C9"].values["difference"] == Decimal("0.04") == found["C4"].values["difference"]
    assert found["C9"].values["basis"] == "全年预算"
    assert "0.04万元" in found["C9"].message


# --- amounts typed in 元 -------------------------------------------------------------------------


def scaled(values: dict[str, Any], factor: int) -> dict[str, Any]:
    """Every amount (not counts, areas, texts or codes) multiplied by FACTOR, as whole numbers."""

    def num(x: Any) -> Any:
        return round(Decimal(str(x)) * factor) if isinstance(x, (int, float)) and not isinstance(x, bool) else x

    out: dict[str, Any] = {}
    for spec in layout.SHEET_ORDER:
        if spec.name not in values:
            continue
        if isinstance(spec, layout.SubjectSheet):
            amount_at = {i for i, c in enumerate(spec.columns) if c.kind is layout.Kind.AMOUNT}
            out[spec.name] = [tuple(num(x) if i in amount_at else x for i, x in enumerate(row)) for row in values[spec.name]]
            continue
        kinds = {item.name: item.kind for item in spec.items}
        table = {}
        for name, row in values[spec.name].items():
            amount = spec is not layout.COVER and kinds.get(name, layout.Kind.AMOUNT) is layout.Kind.AMOUNT
            table[name] = [num(x) if amount and spec.columns[i].kind is layout.Kind.AMOUNT else x for i, x in enumerate(row)]
        out[spec.name] = table
    return out


def test_workbook_in_yuan_is_an_error_measured_by_the_pay_per_person(kit: Any, unit_folder: Any) -> None:
    (finding,) = check(unit_folder(scaled(kit.consistent_2024(), 10000)))
    assert (finding.code, finding.location.sheet, finding.location.cell) == ("workbook-looks-like-yuan", C, "B6")  # 金额单位
    assert finding.severity is Severity.ERROR
    assert finding.values["factor"] == 10000
    assert "人均" in finding.values["reference"]


def test_workbook_in_yuan_is_an_error_measured_against_last_year(kit: Any, unit_folder: Any) -> None:
    values = scaled(kit.consistent_2024(), 10000)
    for name in layout.STAFF_ITEMS:  # no staff: the factor comes from last year's figures alone
        kit.set_value(values, P, name, "本年人数", None)
    findings = check(unit_folder(values, prior=kit.consistent_2023()))
    (finding,) = [f for f in findings if f.code == "workbook-looks-like-yuan"]
    assert finding.severity is Severity.ERROR and finding.values["factor"] == 10000
    assert "上年" in finding.values["reference"] and finding.values["cells"]
    assert all(cell.startswith(str(finding.location.file)) for cell in finding.values["cells"])
    assert not [f for f in findings if f.code in ("amount-looks-like-yuan", "amount-in-yuan")]


def test_workbook_in_whole_yuan_without_any_reference_is_an_error_by_its_size(kit: Any, unit_folder: Any) -> None:
    values = scaled(kit.consistent_2024(), 10000)
    for name in layout.STAFF_ITEMS:
        kit.set_value(values, P, name, "本年人数", None)
    (finding,) = [f for f in check(unit_folder(values)) if f.code == "workbook-looks-like-yuan"]
    assert finding.severity is Severity.ERROR and finding.values["factor"] is None


def test_generate_refuses_a_workbook_in_yuan(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    from generator.api import generate

    result = generate(unit_folder(scaled(kit.consistent_2024(), 10000)), tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
    assert "workbook-looks-like-yuan" in {f.code for f in result.findings}


def test_workbook_in_yuan_declared_as_yuan_is_clean(kit: Any, unit_folder: Any) -> None:
    values = scaled(kit.consistent_2024(), 10000)
    kit.set_value(values, C, "金额单位", "内容", "元")
    assert kit.located(check(unit_folder(values))) == []


# --- settings and the runner ------------------------------------------------------------------------


def test_threshold_setting_decides_which_changes_need_a_reason(kit: Any, unit_folder: Any) -> None:
    cur = kit.consistent_2024()
    kit.set_value(cur, G, "2101599", layout.REASON, None)  # −43%
    folder = unit_folder(cur, prior=kit.consistent_2023())
    assert kit.located(check(folder, Settings(change_threshold=Decimal("0.50")))) == []
    assert kit.located(check(folder, Settings(change_threshold=Decimal("0.40")))) == [("change-without-reason", G, "G27")]


@pytest.mark.parametrize(
    ("reason", "direction"),
    [
        ("本年人员增加，支出增加。", Direction.UP),
        ("上年项目较多，本年项目减少。", Direction.DOWN),
        ("虽然人员增加，但项目压减，总体下降。", Direction.DOWN),
        ("按实际需要安排。", None),
    ],
)
def test_the_last_direction_word_of_a_reason_decides(reason: str, direction: Direction | None) -> None:
    assert direction_of(reason) is direction


@pytest.mark.parametrize(
    ("reason", "direction"),
    [
        ("决算数大于预算数。", Direction.UP),
        ("人员增加，但严格控制支出，决算数小于预算数。", Direction.DOWN),
        ("部分赛事活动年末尚未完成结算，结转下年使用。", Direction.DOWN),
        ("支出未超过预算。", Direction.DOWN),
        ("严格执行预算，不超预算支出。", Direction.DOWN),
        ("年中追加预算300万元。", Direction.UP),  # no comparison word: a 增/减 word in a clause naming the 预算
        ("支出较年初预算减少。", Direction.DOWN),
        ("年中追加项目资金，导致预决算存在差异。", None),  # a cause, not a direction
        ("人员减少，支出减少。", None),
        ("厉行节约，年末结余。", Direction.DOWN),
        ("接待任务增加，超预算支出。", Direction.UP),
        ("严格按照预算执行，预决算无差异。", None),
    ],
)
def test_the_comparison_words_of_a_budget_reason_decide(reason: str, direction: Direction | None) -> None:
    assert budget_direction_of(reason) is direction


def test_a_crashing_rule_becomes_a_finding_and_the_others_run(kit: Any, unit_folder: Any) -> None:
    checked = check_folder(unit_folder(kit.consistent_2024(), prior=kit.consistent_2023()))
    assert checked.figures is not None

    def check_broken(ctx: Any) -> Iterator[Finding]:
        raise ZeroDivisionError("boom")

    def check_found(ctx: Any) -> Iterator[Finding]:
        from generator.findings import Location, emit

        yield emit("texts-missing", Location(field="x"))

    findings = run_checks(checked.figures, rules=(check_broken, *RULES, check_found))
    assert [(f.code, f.location.field, f.severity) for f in findings] == [
        ("crashed", "check_broken", Severity.ERROR),
        ("texts-missing", "x", Severity.WARNING),
    ]
    assert findings[0].values["stage"] == "rule" and findings[0].values["name"] == "check_broken"


# --- the sample folder ----------------------------------------------------------------------------------


def test_sample_folder_gives_exactly_its_known_findings(kit: Any) -> None:
    """The published document's own disagreements, and nothing else, from the 决算数据 workbooks."""
    checked = check_folder(kit.SAMPLE_FOLDER)
    assert checked.figures is not None
    ours = [f for f in checked.findings if f.location.file.endswith(layout.WORKBOOK) or f.code == "prior-items-residue"]
    assert sorted(kit.located(ours)) == sorted(
        [
            ("rounding-residue", S, "B15"),  # 收入总计 1239.70 against 1239.71
            ("rounding-residue", S, "B19"),  # 支出总计 1239.70 against 1239.71
            ("rounding-residue", T, "B4"),  # 三公 合计 7.65 against 7.66, in 全年预算数 and (named in `also`) 决算数
            ("rounding-residue", T, "D4"),  # its 上年 3.28 against 3.29
            ("prior-year-mismatch", T, "D4"),  # 3.28 against 2023's 3.29
            ("prior-items-residue", G, "C4"),  # 2023's 项 add up to 1548.17, its 合计 (2023 workbook) is 1548.16
            # 2024 opens with 1.30, the reconstructed 2023 (总计 1548.48 − spending 1548.16, both printed) ends with 0.32
            ("opening-balance-mismatch", S, "B14"),
        ]
    )
    assert all(f.severity is Severity.WARNING for f in ours)
    (three_public,) = [f for f in ours if (f.location.sheet, f.location.cell) == (T, "B4")]
    assert three_public.values["also"] == [f"{T}!C4"]


@pytest.mark.parametrize(
    ("kind", "units", "covers"),
    [
        ("行政单位", None, "all"),
        ("参照公务员法管理的事业单位", (), "all"),
        ("", None, "all"),
        ("事业单位", None, "none"),
        ("行政单位和事业单位", None, "some"),
        ("混合", None, "some"),
        ("行政单位", ("某局本级", "某局服务中心（事业单位）"), "some"),
        ("行政单位", ("某局本级", "某局执法大队（参照公务员法管理事业单位）"), "all"),
    ],
)
def test_which_units_admin_cost_covers(kind: str, units: tuple[str, ...] | None, covers: str) -> None:
    from generator.check.relations import admin_units

    assert admin_units(kind, units) == covers
