"""Issue 18, "a place for every published figure": totals a person states beside their parts.

- each fund total's 全年预算 (and 年初预算): typed in 预算及上年情况, or Σ项 when every 项 gives one,
  and item-budgets-mismatch when the two disagree; the sentences use the settled figure;
- the 政府采购支出总额 typed in 其他重要事项, against 货物 + 工程 + 服务 (procurement-total-mismatch);
- the 三公 年初预算 settled like the 全年预算, and every 三公 budget figure a text states against the
  三公 table (budget-text-figure-mismatch).

The base is the invented 上海-style example (scripts/data/shanghai-example), which checks clean and
has 年初 and 全年 budgets per 项 and a 政府性基金 项 (年初 200, 全年 200).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator import layout
from generator.api import check_folder, generate
from generator.check.budget_words import stated_budgets
from generator.compute.figures import Figures
from generator.findings import Finding
from generator.render.document import render_disclosure
from generator.render.dump import document_lines
from scripts.sample import example

V, OM, T, D = layout.OVERVIEW.name, layout.OTHER_MATTERS.name, layout.THREE_PUBLIC.name, layout.THREE_PUBLIC_DETAILS.name
FUND = "政府性基金预算财政拨款支出"
# 政府采购 of the example: 货物 + 工程 + 服务
GOODS, WORKS, SERVICES = "政府采购货物支出", "政府采购工程支出", "政府采购服务支出"


def write(tmp_path: Path, kit: Any, *edits: tuple[str, str, str, Any]) -> Path:
    """The example unit with EDITS (sheet, item, column, value) applied, in its own folder."""
    values = example.values()
    for sheet, item, column, value in edits:
        kit.set_value(values, sheet, item, column, value)
    texts = (example.EXAMPLE / layout.TEXTS).read_text(encoding="utf-8")
    folder = kit.write_unit(tmp_path, values, texts=texts)
    for extra in example.EXAMPLE.glob("*.csv"):
        shutil.copy(extra, folder / extra.name)
    return folder


def checked(folder: Path) -> tuple[Figures, list[Finding]]:
    result = check_folder(folder)
    assert result.figures is not None
    return result.figures, [f for f in result.findings if f.location.file is None or "绩效自评表" not in f.location.file]


def found(findings: list[Finding], code: str) -> list[tuple[str | None, str | None, str]]:
    return [(f.location.sheet, f.location.cell, f.severity.value) for f in findings if f.code == code]


def procurement_sum() -> Decimal:
    other = example.values()[OM]
    return sum((Decimal(str(other[n][0])) for n in (GOODS, WORKS, SERVICES)), Decimal(0))


# --- 全年预算 of each fund total -------------------------------------------------------------


def test_a_fund_total_without_a_stated_budget_is_the_sum_of_its_items(tmp_path: Path, kit: Any) -> None:
    f, findings = checked(write(tmp_path, kit))
    assert f.funds.gov_fund.adjusted_budget is not None and f.funds.gov_fund.adjusted_budget.base == Decimal(200)
    assert f.funds.gov_fund.budget is not None and f.funds.gov_fund.budget.base == Decimal(200)
    assert f.funds.state_capital.budget is None and f.funds.state_capital.adjusted_budget is None  # an empty table with no budget
    assert found(findings, "item-budgets-mismatch") == []


def test_a_stated_fund_budget_that_agrees_with_its_items_passes(tmp_path: Path, kit: Any) -> None:
    f, findings = checked(write(tmp_path, kit, (V, FUND, layout.ADJUSTED_BUDGET, 200)))
    assert found(findings, "item-budgets-mismatch") == []
    assert f.funds.gov_fund.adjusted_budget is not None and f.funds.gov_fund.adjusted_budget.base_location is not None


@pytest.mark.parametrize(
    ("stated", "severity", "settled"),
    [(200.01, "warning", Decimal("200.01")), (210, "error", Decimal(200))],
    ids=["one-cent-off", "ten-off"],
)
def test_a_stated_fund_budget_off_its_items_is_named_at_both(
    tmp_path: Path, kit: Any, stated: float, severity: str, settled: Decimal
) -> None:
    f, findings = checked(write(tmp_path, kit, (V, FUND, layout.ADJUSTED_BUDGET, stated)))
    mismatches = [x for x in findings if x.code == "item-budgets-mismatch"]
    assert [(x.location.sheet, x.location.cell, x.severity.value) for x in mismatches] == [(V, "F7", severity)]
    assert layout.GOV_FUND.name in mismatches[0].message  # the other place: the 项 of the fund's table
    assert f.funds.gov_fund.adjusted_budget is not None and f.funds.gov_fund.adjusted_budget.base == settled


def test_a_blank_item_budget_leaves_the_total_unknown_not_a_partial_sum(tmp_path: Path, kit: Any) -> None:
    f, _ = checked(write(tmp_path, kit, (layout.GOV_FUND.name, "2296003", layout.ADJUSTED_BUDGET, None)))
    assert f.funds.gov_fund.adjusted_budget is None  # its only 项 left it blank: no 0
    assert f.funds.fiscal.adjusted_budget is None  # nor Σ项 of the three funds


def test_the_fiscal_total_against_its_full_year_budget_when_the_initial_is_zero(tmp_path: Path, kit: Any) -> None:
    """新疆 四: a unit created in the year (年初预算 0) is explained against the 全年预算 its cell states."""
    values = kit.consistent_2024()
    kit.set_value(values, V, "财政拨款收入支出总计", layout.BUDGET, 0)
    kit.set_value(values, V, "财政拨款收入支出总计", layout.ADJUSTED_BUDGET, 1300)
    f, _ = checked(kit.write_unit(tmp_path, values))
    assert f.funds.fiscal.adjusted_budget is not None and f.funds.fiscal.adjusted_budget.base == Decimal(1300)
    sentence = fiscal_budget_sentence(f, tmp_path)
    assert "与全年预算相比，全年预算数1,300.00万元" in sentence and "年初预算数0.00" not in sentence
    kit.set_value(values, V, "财政拨款收入支出总计", layout.ADJUSTED_BUDGET, None)  # no 全年预算: the 年初 one, as typed
    f, _ = checked(kit.write_unit(tmp_path / "blank", values))
    assert f.funds.fiscal.adjusted_budget is None and "与年初预算相比，年初预算数0.00万元" in fiscal_budget_sentence(f, tmp_path)


def fiscal_budget_sentence(f: Figures, folder: Path) -> str:
    """四's sentence on the 财政拨款 total, as the default template words it."""
    written, findings = render_disclosure(f)
    assert written is not None, findings
    (folder / "out.docx").write_bytes(written)
    return next(line for line in document_lines(folder / "out.docx") if line.startswith("财政拨款收入支出总体"))


# --- 政府采购支出总额 ---------------------------------------------------------------------------


def test_a_stated_procurement_total_equal_to_its_parts_passes(tmp_path: Path, kit: Any) -> None:
    total = procurement_sum()
    f, findings = checked(write(tmp_path, kit, (OM, layout.PROCUREMENT_TOTAL, "本年数", float(total))))
    assert found(findings, "procurement-total-mismatch") == []
    assert f.procurement.total == total


@pytest.mark.parametrize(("off", "severity", "uses_stated"), [("0.01", "warning", True), ("5", "error", False)], ids=["residue", "mismatch"])
def test_a_stated_procurement_total_off_its_parts(tmp_path: Path, kit: Any, off: str, severity: str, uses_stated: bool) -> None:
    stated = procurement_sum() + Decimal(off)
    f, findings = checked(write(tmp_path, kit, (OM, layout.PROCUREMENT_TOTAL, "本年数", float(stated))))
    [(sheet, cell, level)] = found(findings, "procurement-total-mismatch")
    assert (sheet, level) == (OM, severity) and cell is not None and cell.startswith("B")
    assert f.procurement.total == (stated if uses_stated else procurement_sum())


def test_a_stated_procurement_total_with_a_blank_part_is_stated_without_a_broken_clause(tmp_path: Path, kit: Any) -> None:
    stated = procurement_sum()
    folder = write(tmp_path, kit, (OM, layout.PROCUREMENT_TOTAL, "本年数", float(stated)), (OM, WORKS, "本年数", None))
    f, findings = checked(folder)
    assert f.procurement.total == stated and found(findings, "procurement-total-mismatch") == []
    out = generate(folder, tmp_path / "out.docx", template="shanghai-2024", force=True)
    assert out.ok
    lines = [line for line in document_lines(tmp_path / "out.docx") if "政府采购金额（以合同签订为准）" in line]
    assert lines and all("工程采购金额万元" not in line and "其中：货物" not in line for line in lines)


# --- 三公 年初 and 全年 预算 --------------------------------------------------------------------


def test_the_three_public_initial_budget_total_is_settled_against_its_parts(tmp_path: Path, kit: Any) -> None:
    f, findings = checked(write(tmp_path, kit, (T, "合计", layout.BUDGET, 40)))  # the parts add up to 32
    assert ("total-mismatch", T) in {(x.code, x.location.sheet) for x in findings}
    assert f.three_public.total.initial_budget is not None and f.three_public.total.initial_budget.base == Decimal(32)


def test_a_blank_three_public_initial_total_is_the_sum_of_its_parts(tmp_path: Path, kit: Any) -> None:
    f, findings = checked(write(tmp_path, kit, (T, "合计", layout.BUDGET, None)))
    assert f.three_public.total.initial_budget is not None and f.three_public.total.initial_budget.base == Decimal(32)
    assert found(findings, "total-mismatch") == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ((T, "合计", layout.BUDGET_REASON, "年初预算为30.00万元，严格执行预算。"), [(T, "F4")]),  # the table's 年初 is 32
        ((T, "合计", layout.BUDGET_REASON, "年初预算为32.00万元，严格执行预算。"), []),
        ((T, "因公出国（境）费", layout.REASON, "全年预算数12万元，出访团组减少。"), [(T, "E5")]),  # 全年 is 10
        ((T, "因公出国（境）费", layout.REASON, "预算10万元，出访团组减少。"), []),
        ((T, "合计", layout.BUDGET_REASON, "其中公务接待费预算5万元。"), [(T, "F4")]),  # the clause names 公务接待费: 6
        ((D, "公务接待费开支内容", layout.CONTENT, "接待考察交流工作餐费，全年预算60,000元"), []),  # 6万元 in 元
        ((D, "公务接待费开支内容", layout.CONTENT, "接待考察交流工作餐费，全年预算6.5万元"), [(D, "B13")]),
        ((T, "合计", layout.BUDGET_REASON, "支出超预算2万元。"), []),  # a difference, not the budget
    ],
    ids=["initial-off", "initial-agrees", "full-off", "either-agrees", "part-named", "yuan-agrees", "details-off", "difference"],
)
def test_every_three_public_budget_a_text_states_is_the_tables(
    tmp_path: Path, kit: Any, edit: tuple[str, str, str, Any], expected: list[tuple[str, str]]
) -> None:
    _, findings = checked(write(tmp_path, kit, edit))
    assert [(s, c) for s, c, _ in found(findings, "budget-text-figure-mismatch")] == expected


def test_a_budget_figure_in_a_text_is_read_with_its_part_basis_and_digits() -> None:
    [a, b, c] = stated_budgets("年初预算5万元，全年预算数6.50万元，其中因公出国（境）费预算12,000元", "合计")
    assert (a.part, a.basis, a.amount, a.tolerance) == ("合计", "年初预算", Decimal(5), Decimal("0.5"))
    assert (b.part, b.basis, b.amount, b.tolerance) == ("合计", "全年预算", Decimal("6.50"), Decimal("0.005"))
    assert (c.part, c.basis, c.amount) == ("因公出国（境）费", "预算", Decimal("1.2"))
    assert list(stated_budgets("严格执行预算，决算数小于预算数。", "合计")) == []


def test_a_budgeted_item_with_no_spending_in_either_year_counts_in_the_sum_of_items(tmp_path: Path, kit: Any) -> None:
    """A 项 given 年初 and 全年 预算 of 50 and spending nothing this year or last: its budget is part of Σ项 (as a 政府性基金
    项's is), and it is listed with its budget (its 预决算差异 is the whole budget)."""
    values = example.values()
    rows = values[layout.GPB.name]
    at = next(i for i, row in enumerate(rows) if row[0] == "2070101") + 1
    rows.insert(at, ("2070102", "一般行政管理事务", 0, 0, 0, 0, None, 50, 50, "", "项目未启动，预算未执行。"))
    folder = kit.write_unit(tmp_path, values, texts=(example.EXAMPLE / layout.TEXTS).read_text(encoding="utf-8"))
    for extra in example.EXAMPLE.glob("*.csv"):
        shutil.copy(extra, folder / extra.name)
    f, _ = checked(folder)
    summed = {(t.name, t.column): t.summed for t in f.budget_totals}
    before = sum((Decimal(str(row[i])) for row in example.values()[layout.GPB.name] if len(row) > 7 for i in (7,)), Decimal(0))
    assert summed["一般公共预算财政拨款支出", layout.BUDGET] == before + 50
    assert summed["一般公共预算财政拨款支出", layout.ADJUSTED_BUDGET] is not None
    line = next(i for i in f.funds.gpb.items if i.code == "2070102")
    assert line.change.current == 0 and line.budget.base == Decimal(50)
