"""From Figures to the template's context: every figure formatted, every number-dependent word chosen.

The context holds only strings and lists of strings; the template does no
arithmetic and makes no choice that depends on a number.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from generator import layout
from generator.compute.change import Change, budget_basis
from generator.compute.figures import Figures, Fund, StaffLine, ThreePublicPart
from generator.compute.tree import Node, Tree
from generator.render.wording import (
    DEFAULT,
    WordingProfile,
    budget_sentence,
    change_clause,
    count_clause,
    explained,
    whole_section,
    with_period,
)

if TYPE_CHECKING:
    from generator.self_evaluation.score import ScoredSelfEvaluation

INDENT = "\u3000"  # one full-width space per level below 类, as the official tables indent


def build_context(f: Figures, profile: WordingProfile = DEFAULT, performance: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every figure formatted; a blank figure is "" (never "0.00"), and the template leaves its clause out."""
    a, pct = profile.amount, profile.percent

    def changed(c: Change | None, style: str = "than", base: str = "上年") -> str:
        return explained(change_clause(c, base=base, style=style, profile=profile), c, profile) if c is not None else ""

    def budget(c: Change | None, subject: str, budget_name: str = "年初预算") -> str:
        return budget_sentence(c, subject, budget_name, profile=profile) if c is not None else ""

    staff = {line.name: line for line in f.staff}
    tp = f.three_public
    return {
        "unit": f.unit_name,
        "year": f.year,
        "prior_year": f.year - 1,
        "functions": list(f.texts.functions),
        "functions_note": f.texts.functions_note,
        "staff": {
            "total": _staff_count(staff.get("实有人数")),
            "parts": [
                {"name": line.name, "count": _count(line.change.current), "change": count_clause(line.change, profile=profile)}
                for line in f.staff
                if line.name != "实有人数" and line.change is not None
            ],
        },
        "organisation": organisation_sentence(f),
        "s1": {
            "income_total": a(f.income_total),
            "income_parts": _named(
                (("本年收入合计", f.income_this_year), ("使用非财政拨款结余（含专用结余）", f.non_fiscal_balance_used), ("年初结转和结余", f.opening_balance)),
                profile,
            ),
            "expense_total": a(f.expense_total),
            "expense_parts": _named(
                (("本年支出合计", f.expense_this_year), ("结余分配", f.balance_distribution), ("年末结转和结余", f.closing_balance)), profile
            ),
            "change": changed(f.total_change, style="compare"),
        },
        "s2": {"income": a(f.income_this_year), "sources": [_share(s, profile) for s in f.income_sources]},
        "s3": {"expense": a(f.expense_this_year), "kinds": [_share(s, profile) for s in f.expense_kinds]},
        "s4": {
            "income_total": a(f.fiscal_income_total),
            "income_parts": _named((("年初财政拨款结转和结余", f.fiscal_opening), ("本年财政拨款收入", f.fiscal_income)), profile),
            "expense_total": a(f.fiscal_expense_total),
            "expense_parts": _named((("年末财政拨款结转和结余", f.fiscal_closing), ("本年财政拨款支出", f.fiscal_expense)), profile),
            "change": changed(f.fiscal_change, style="compare"),
            "budget": _budget_sentence(f.fiscal_budget, f.fiscal_adjusted_budget, budget),
        },
        "s5": {
            "total": a(f.gpb_total),
            "zero": f.gpb_total == 0,  # typed 0 (or the 财政拨款 total says 0): "无…支出", not 未填报
            "whole": whole_section(f.gpb_total, bool(f.gpb_items or f.gpb_classes)),
            "share": pct(f.gpb_share),
            "change": changed(f.gpb_change, style="compare"),
            "budget": _budget_sentence(f.gpb_budget, f.gpb_adjusted_budget, budget),
            "classes": [_share(s, profile) for s in f.gpb_classes],
            "lines": [
                {
                    "class_name": i.class_name,
                    "section_name": i.section_name,
                    "name": i.name,
                    "amount": a(i.change.current),
                    "change": changed(i.change, base="上年决算"),
                }
                for i in f.gpb_items
            ],
        },
        "s6": {
            "total": a(f.basic_total),
            "zero": f.basic_total == 0,
            "personnel": a(f.personnel),
            "personnel_items": "、".join(f.personnel_items),
            "public": a(f.public),
            "public_items": "、".join(f.public_items),
        },
        "s7": fund_sentence(f.gov_fund, "政府性基金预算", profile),
        "s8": fund_sentence(f.state_capital, "国有资本经营预算", profile),
        "s9": {
            "total": a(tp.total.actual),
            "change": changed(tp.total.change),
            "parts": [_three_public_part(p, profile) for p in (tp.abroad, tp.vehicles, tp.reception) if p.actual is not None],
            "abroad": a(tp.abroad.actual),
            "abroad_content": _clause(tp.abroad_content),
            "abroad_groups": _count(tp.abroad_groups),
            "abroad_people": _count(tp.abroad_people),
            "vehicles": a(tp.vehicles.actual),
            "vehicle_purchase": a(tp.vehicle_purchase.actual),
            "vehicle_running": a(tp.vehicle_running.actual),
            "vehicle_content": _clause(tp.vehicle_content),
            "vehicles_bought": _count(tp.vehicles_bought),
            "vehicles_held": _count(tp.vehicles_held),
            "vehicles_owned": _count(f.assets.vehicles),
            "vehicle_difference": _clause(tp.vehicle_difference_reason),
            "reception": a(tp.reception.actual),
            "reception_content": _clause(tp.reception_content),
            "reception_batches": _count(tp.reception_batches),
            "reception_people": _count(tp.reception_people),
            "foreign_batches": _count(tp.foreign_batches),
            "foreign_people": _count(tp.foreign_people),
            "budget_total": budget(tp.total.budget_change, "与全年预算相比，财政拨款“三公”经费支出", "全年预算"),
            "budget_parts": [
                sentence
                for sentence in (
                    budget(p.budget_change, p.name, "全年预算") for p in (tp.abroad, tp.vehicle_purchase, tp.vehicle_running, tp.reception)
                )
                if sentence
            ],
        },
        "s10": {
            "admin_cost": a(f.admin_cost.current) if f.admin_cost is not None else "",
            "admin_cost_change": changed(f.admin_cost),
            "procurement_total": a(f.procurement.total),
            "procurement_parts": _named(
                (("政府采购货物支出", f.procurement.goods), ("政府采购工程支出", f.procurement.works), ("政府采购服务支出", f.procurement.services)),
                profile,
            ),
            "sme": a(f.procurement.sme),
            "sme_share": pct(f.procurement.sme_share),
            "small_micro": a(f.procurement.small_micro),
            "small_micro_share": pct(f.procurement.small_micro_share),
            "house_area": a(f.assets.house_area),
            "house_value": a(f.assets.house_value),
            "vehicles": _count(f.assets.vehicles),
            "vehicle_value": a(f.assets.vehicle_value),
            "vehicle_kinds": "、".join(f"{k}{_count(n)}辆" for k, n in f.assets.vehicles_by_kind if n is not None),
            "other_vehicle_use": _clause(f.assets.other_vehicle_use),
            "equipment": _count(f.assets.equipment),
        },
        "s11": performance or {},
        "s12": with_period(f.texts.other_matters) or "本单位无其他需说明的事项。",
        "performance_results": _clause(f.texts.performance_results),
        "performance_problems": _clause(f.texts.performance_problems),
        "performance_measures": _clause(f.texts.performance_measures),
        "tables": report_tables(f, profile),
    }


def performance_summary(scored: ScoredSelfEvaluation, profile: WordingProfile = DEFAULT) -> dict[str, Any]:
    """The 十一、预算绩效 counts and sums of the scored self-evaluation, worded; "" when it holds no table."""
    s = scored.summary
    a = profile.amount
    parts = []
    if s.unit_table_count:
        parts.append(
            f"形成整体支出绩效自评表{s.unit_table_count}个，全年预算总额{a(s.unit_annual_budget)}万元，实际执行总额{a(s.unit_executed)}万元"
        )
    if s.project_count:
        parts.append(f"预算绩效评价项目{s.project_count}个，全年预算数{a(s.project_annual_budget)}万元，全年执行数{a(s.project_executed)}万元")
    return {"summary": "；".join(parts) + "。" if parts else ""}


def organisation_sentence(f: Figures) -> str:
    """"…无下属预算单位，下设4个科室，分别是：办公室、…。" from the lists in 文字说明.yaml.

    A list left empty in the YAML was not filled in: its clause is left out (check reports it);
    only an explicit [] says the unit has none.
    """
    t = f.texts
    clauses = []
    if t.subordinate_units is not None:
        units = t.subordinate_units
        clauses.append(f"有下属预算单位{len(units)}个，分别是：{'、'.join(units)}" if units else "无下属预算单位")
    if t.departments is not None:
        departments = t.departments
        clauses.append(f"下设{len(departments)}个科室，分别是：{'、'.join(departments)}" if departments else "未设内设科室")
    return f"{f.unit_name}{'，'.join(clauses)}。" if clauses else ""


def fund_sentence(fund: Fund, kind: str, profile: WordingProfile) -> str:
    """The sample's wording for an empty table, or the figures when there are any."""
    table = f"{kind}财政拨款收入支出决算表"
    if fund.is_empty:
        return f"本单位本年度无{kind}财政拨款收入、支出及结转和结余，{table}为空表。"
    a = profile.amount
    return (
        f"本年度{kind}财政拨款年初结转和结余{a(fund.opening)}万元，本年收入{a(fund.income)}万元，"
        f"本年支出{a(fund.expense)}万元（基本支出{a(fund.basic)}万元，项目支出{a(fund.project)}万元），"
        f"年末结转和结余{a(fund.closing)}万元。"
    )


def _three_public_part(p: ThreePublicPart, profile: WordingProfile) -> dict[str, str]:
    return {
        "name": p.name,
        "amount": profile.amount(p.actual),
        "share": profile.percent(p.share),
        "change": explained(change_clause(p.change, profile=profile), p.change, profile) if p.change is not None else "",
    }


def _share(s, profile: WordingProfile) -> dict[str, str]:
    return {"name": s.name, "amount": profile.amount(s.amount), "share": profile.percent(s.share)}


def _count(value: Decimal | None) -> str:
    """A whole number; "" when blank (never "0")."""
    return str(int(value)) if value is not None else ""


def _staff_count(line: StaffLine | None) -> str:
    return _count(line.change.current) if line is not None and line.change is not None else ""


def _named(pairs: tuple[tuple[str, Decimal | None], ...], profile: WordingProfile) -> list[dict[str, str]]:
    """The (name, amount) pairs that were reported, formatted; a blank one is left out."""
    return [{"name": name, "amount": profile.amount(value)} for name, value in pairs if value is not None]


def _clause(text: str) -> str:
    """A phrase a person wrote, to be embedded mid-sentence: no trailing full stop."""
    return text.strip().rstrip("。；;.")


# --- 第四部分: the nine 决算报表 --------------------------------------------------------


def report_tables(f: Figures, profile: WordingProfile) -> dict[str, Any]:
    """The nine tables, each as it states its own figures (a total within 尾差 of its parts is the stated one).

    The tables are copies of the official 决算报表: a detail table that states a figure one cent
    off the summarising table keeps its own (its rows still add up across); `check` names the
    disagreement (cross-table-mismatch) and the sentences use the one settled figure (f.agreed)."""
    b = f.base
    a = profile.amount
    summary = b.summary
    # The official pairing: the sources beside the 类 (as many rows as the longer list), then
    # 本年收入合计 beside 本年支出合计, and so on down to 收入总计 beside 支出总计.
    income_rows: list[tuple[str, Decimal | None]] = [(n, summary.get(n)) for n in layout.INCOME_SOURCES]
    expense_rows: list[tuple[str, Decimal | None]] = [(name, value) for _, name, value in f.agreed.expense_classes if value]
    pad: list[tuple[str, Decimal | None]] = [("", None)]
    width = max(len(income_rows), len(expense_rows))
    income_rows += pad * (width - len(income_rows))
    expense_rows += pad * (width - len(expense_rows))
    for left, right in (("本年收入合计", "本年支出合计"), ("使用非财政拨款结余", "结余分配"), ("年初结转和结余", "年末结转和结余"), ("收入总计", "支出总计")):
        income_rows.append((left, summary.get(left)))
        expense_rows.append((right, summary.get(right)))
    summary_rows = [
        {"in_name": i[0], "in_amount": a(i[1]) if i[0] else "", "out_name": o[0], "out_amount": a(o[1]) if o[0] else ""}
        for i, o in zip(income_rows, expense_rows, strict=True)
    ]
    fiscal_rows = []
    fiscal = b.fiscal
    order = ["本年收入", "年初财政拨款结转和结余", "收入总计"] + list(f.base.unit.item_table(layout.FISCAL.name).class_rows) + [
        "本年支出合计",
        "年末财政拨款结转和结余",
        "支出总计",
    ]
    for name in order:
        values = fiscal.get(name, {})
        fiscal_rows.append({"name": name, "cells": [a(values.get(c)) for c in layout.FISCAL_COLUMNS]})
    tp = f.three_public
    three_rows = [
        {"name": p.name, "cells": [a(p.budget), a(p.actual)]}
        for p in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception)
    ]
    basic_rows = _tree_rows(b.basic, ("决算数",), profile)
    basic_rows += [
        {"code": "", "name": "人员经费合计", "cells": [a(stated_or_computed(f, "人员经费合计", f.personnel))]},
        {"code": "", "name": "公用经费合计", "cells": [a(stated_or_computed(f, "公用经费合计", f.public))]},
    ]
    return {
        "basic_form": basic_form_rows(f, profile),
        "basic_totals": {"personnel": basic_rows[-2]["cells"][0], "public": basic_rows[-1]["cells"][0]},
        "summary": summary_rows,
        "income": _tree_rows(b.income, layout.INCOME_COLUMNS, profile),
        "expense": _tree_rows(b.expense, layout.EXPENSE_COLUMNS, profile),
        "fiscal": fiscal_rows,
        "gpb": _tree_rows(b.gpb, layout.GPB_COLUMNS, profile),
        "basic": basic_rows,
        "gov_fund": _tree_rows(b.gov_fund, layout.FUND_COLUMNS, profile) if not f.gov_fund.is_empty else [],
        "gov_fund_empty": "本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，本表为空表。",
        "state_capital": _tree_rows(b.state_capital, layout.FUND_COLUMNS, profile) if not f.state_capital.is_empty else [],
        "state_capital_empty": "本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，本表为空表。",
        "three_public": three_rows,
    }


def stated_or_computed(f: Figures, name: str, computed: Decimal | None) -> Decimal | None:
    """The 基本支出表's own 人员经费合计/公用经费合计 row when it is within 尾差 of its parts (as the
    table states it: 4,884.09, not the 4,884.10 its 款 add up to), else the sum (check names both)."""
    if not f.base.basic.has_data:
        return None  # an empty table prints no 0.00 under no rows
    row = f.base.unit.subject(layout.BASIC.name).extra_totals.get(name)
    stated = row.amounts.get("决算数") if row is not None else None
    if stated is None or computed is None or abs(stated - computed) > f.base.ledger.per_part:
        return computed
    return stated


def basic_form_rows(f: Figures, profile: WordingProfile) -> list[dict[str, str]]:
    """The 基本支出表 in the official two-block form: 人员经费 rows beside 公用经费 rows, every row of
    the form (layout.BASIC_FORM_*), a reported figure as typed (0.00 included), a row the unit did
    not report blank (never 0.00), and every reported code beyond the form in its block."""
    from generator.compute.base import PERSONNEL_CLASSES

    names = f.base.unit.economic  # the code list the folder was read with
    reported = {node.code: node for node in f.base.basic.nodes() if node.code}  # the table as it states its figures
    blocks = []
    for form, personnel in ((layout.BASIC_FORM_PERSONNEL, True), (layout.BASIC_FORM_PUBLIC, False)):
        extra = {code for code in reported if (code[:3] in PERSONNEL_CLASSES) == personnel}
        codes = sorted(set(form) | extra, key=lambda code: (code[:3], len(code) > 3, code))
        rows = []
        for code in codes:
            node = reported.get(code)
            name = node.name if node is not None else names.name(code) or ""
            rows.append((code, name, profile.amount(node.known("决算数")) if node is not None else ""))
        blocks.append(rows)
    left, right = blocks
    blank = ("", "", "")
    pairs = zip(left + [blank] * (len(right) - len(left)), right + [blank] * (len(left) - len(right)), strict=True)
    return [
        {"l_code": lc, "l_name": ln, "l_amount": la, "r_code": rc, "r_name": rn, "r_amount": ra}
        for (lc, ln, la), (rc, rn, ra) in pairs
    ]


def _tree_rows(tree: Tree, columns: tuple[str, ...], profile: WordingProfile) -> list[dict[str, Any]]:
    """合计 first, then every 类/款/项 with a figure, indented by level; a blank cell stays blank (never 0.00)."""
    rows = [{"code": "", "name": "合计", "cells": [profile.amount(tree.known_total(c)) for c in columns]}]
    node: Node
    for node in tree.nodes():
        if all(not node.known(c) for c in columns):
            continue
        rows.append(
            {
                "code": node.code,
                "name": INDENT * (node.level - 1) + node.name,
                "cells": [profile.amount(node.known(c)) for c in columns],
            }
        )
    return rows


def _budget_sentence(initial: Change | None, adjusted: Change | None, budget: Callable[[Change | None, str, str], str]) -> str:
    """四's and 五's total against its 年初预算; against the 全年预算 when the 年初预算 is 0 (or blank) and a
    全年预算 is known (a unit created in the year). Both are the settled figures (compute.budgets)."""
    if initial is not None and adjusted is not None:
        chosen, name = budget_basis(initial, adjusted)
        return budget(chosen, f"与{name}相比，", name)
    return budget(initial, "与年初预算相比，", "年初预算")
