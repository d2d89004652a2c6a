"""generator.compute.agreed: a figure two tables state gets the summarising table's value, in both.

The whole-document property (every table re-adds, every figure printed twice is the same) is
tests/test_table_readd.py; these are the rules behind it, one case each.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator import layout
from generator.api import check_folder
from generator.compute.figures import Figures

S, E, F, G, B = layout.SUMMARY.name, layout.EXPENSE.name, layout.FISCAL.name, layout.GPB.name, layout.BASIC.name
FUND = layout.GOV_FUND.name


def figures(folder: Any) -> Figures:
    checked = check_folder(folder)
    assert checked.figures is not None
    return checked.figures


def test_the_summary_states_a_class_and_both_tables_print_it(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, E, "210", "本年支出合计", 1108.50)  # 支出决算表 one cent above 收入支出决算总表
    f = figures(unit_folder(values))
    stated = f.base.expense.find("210")
    assert stated is not None and stated.known("本年支出合计") == Decimal("1108.50")
    assert dict((name, v) for _, name, v in f.agreed.expense_classes)["卫生健康支出"] == Decimal("1108.49")
    assert next(n for n in f.agreed.expense.classes if n.code == "210").known("本年支出合计") == Decimal("1108.49")


def test_a_class_the_summary_leaves_blank_keeps_the_detail_tables_figure(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, S, "卫生健康支出", "金额", None)
    f = figures(unit_folder(values))
    assert dict((name, v) for _, name, v in f.agreed.expense_classes)["卫生健康支出"] == Decimal("1108.49")


def test_the_fiscal_table_states_the_general_budget_spending_and_section_five_prints_it(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "合计", "合计", 1222.69)  # one cent off, within 尾差 of its classes: kept as typed
    f = figures(unit_folder(values))
    assert f.base.gpb.known_total("合计") == Decimal("1222.69")
    assert f.funds.gpb.total == f.agreed.gpb.known_total("合计") == Decimal("1222.68")


def test_basic_spending_is_the_total_the_tables_print_not_personnel_plus_public(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, B, "302", "决算数", None)
    kit.set_value(values, B, "30201", "决算数", 4.21)  # the 302 items now add up to 41.03
    f = figures(unit_folder(values))
    assert f.basic.personnel is not None and f.basic.public is not None
    assert f.basic.personnel + f.basic.public == Decimal("608.05")
    assert f.basic.total == f.agreed.basic.known_total("决算数") == f.agreed.gpb.known_total("基本支出") == Decimal("608.04")


def test_an_empty_table_is_not_filled_from_another(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, F, "本年支出合计", "政府性基金预算财政拨款", 10)  # the 政府性基金 table itself is empty
    f = figures(unit_folder(values))
    assert not f.agreed.gov_fund.has_data and f.funds.gov_fund.is_empty
