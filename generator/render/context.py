"""From Figures to the template's context: the names every template reads, and the nine tables' rows.

The context words no sentence: a template composes its sentences from the settled figures
(`f`, added by generator.render.document) with the wording filters (generator.render.filters),
so that a sentence edited in the .docx is the sentence printed. Only the rows of the 决算报表
are laid out here (formatted, a blank cell blank), as the official forms print them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator import layout
from generator.compute.figures import Figures
from generator.compute.tree import Node, Tree
from generator.render.wording import DEFAULT, WordingProfile

INDENT = "\u3000"  # one full-width space per level below 类, as the official tables indent


def build_context(f: Figures, profile: WordingProfile = DEFAULT) -> dict[str, Any]:
    """The unit, the years and the tables' rows; a blank figure is "" in a table (never "0.00")."""
    return {"unit": f.unit_name, "year": f.year, "prior_year": f.year - 1, "tables": report_tables(f, profile)}


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
        {"code": "", "name": "人员经费合计", "cells": [a(stated_or_computed(f, "人员经费合计", f.basic.personnel))]},
        {"code": "", "name": "公用经费合计", "cells": [a(stated_or_computed(f, "公用经费合计", f.basic.public))]},
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
        "gov_fund": _tree_rows(b.gov_fund, layout.FUND_COLUMNS, profile) if not f.funds.gov_fund.is_empty else [],
        "state_capital": _tree_rows(b.state_capital, layout.FUND_COLUMNS, profile) if not f.funds.state_capital.is_empty else [],
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

