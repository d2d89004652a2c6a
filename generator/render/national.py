"""The tables in the national (财政部, 上海 2024) layout: every 类 of the national list, pairs of columns.

Like report_tables (generator.render.context) these are formatted rows for a template's
table loops; the figures come settled from compute and are only looked up and formatted here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator import layout
from generator.compute.change import budget_basis
from generator.compute.figures import Figures
from generator.render.wording import WordingProfile

_NUMERALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 -> 一, 12 -> 十二, 24 -> 二十四 (the national tables number their rows so)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def national_tables(f: Figures, profile: WordingProfile) -> dict[str, Any]:
    a = profile.amount
    b = f.agreed
    summary = f.base.summary  # each table as it states its own figures (report_tables)
    by_code = {code: value for code, _, value in b.expense_classes if code}
    by_name = {name: value for _, name, value in b.expense_classes}

    def class_expense(code: str, name: str) -> Decimal | None:
        return by_code[code] if code in by_code else by_name.get(name)

    incomes = [(f"{chinese_ordinal(i)}、{n}", summary.get(n)) for i, n in enumerate(layout.INCOME_SOURCES, start=1)]
    classes = [(f"{chinese_ordinal(i)}、{n}", class_expense(c, n)) for i, (c, n) in enumerate(layout.NATIONAL_CLASSES, start=1)]
    rows = []
    for i in range(len(classes)):
        in_name, in_value = incomes[i] if i < len(incomes) else ("", None)
        out_name, out_value = classes[i]
        rows.append({"in_name": in_name, "in_amount": a(in_value) if in_name else "", "out_name": out_name, "out_amount": a(out_value)})
    for left, right in (("本年收入合计", "本年支出合计"), ("使用非财政拨款结余", "结余分配"), ("年初结转和结余", "年末结转和结余"), ("收入总计", "支出总计")):
        label_left, label_right = ("总计", "总计") if left == "收入总计" else (left, right)
        rows.append({"in_name": label_left, "in_amount": a(summary.get(left)), "out_name": label_right, "out_amount": a(summary.get(right))})

    fiscal = f.base.fiscal
    fiscal_incomes = [("一、一般公共预算财政拨款", "一般公共预算财政拨款"), ("二、政府性基金预算财政拨款", "政府性基金预算财政拨款"), ("三、国有资本经营预算财政拨款", "国有资本经营预算财政拨款")]
    income_row = fiscal.get("本年收入", {})
    fiscal_rows = []
    for i, (_code, name) in enumerate(layout.NATIONAL_CLASSES):
        in_name, column = fiscal_incomes[i] if i < len(fiscal_incomes) else ("", "")
        values = fiscal.get(name, {})
        fiscal_rows.append(
            {
                "in_name": in_name,
                "in_amount": a(income_row.get(column)) if in_name else "",
                "out_name": f"{chinese_ordinal(i + 1)}、{name}",
                "cells": [a(values.get(c)) for c in layout.FISCAL_COLUMNS],
            }
        )

    def pair(left: str, right: str, in_label: str | None = None, out_label: str | None = None) -> dict[str, Any]:
        lv, rv = fiscal.get(left, {}), fiscal.get(right, {})
        return {
            "in_name": in_label or left,
            "in_amount": a(lv.get("合计")),
            "out_name": out_label or right,
            "cells": [a(rv.get(c)) for c in layout.FISCAL_COLUMNS],
        }

    fiscal_rows.append(pair("本年收入", "本年支出合计", "本年收入合计", "本年支出合计"))
    opening, closing = fiscal.get("年初财政拨款结转和结余", {}), fiscal.get("年末财政拨款结转和结余", {})
    fiscal_rows.append(pair("年初财政拨款结转和结余", "年末财政拨款结转和结余"))
    for i, (label, column) in enumerate(fiscal_incomes):
        cells = ["", "", "", ""]
        cells[i + 1] = a(closing.get(column))
        fiscal_rows.append({"in_name": label, "in_amount": a(opening.get(column)), "out_name": "", "cells": cells})
    fiscal_rows.append(pair("收入总计", "支出总计", "总计", "总计"))

    tp = f.three_public
    three = []
    for part in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception):
        initial, adjusted = part.initial_budget, part.budget_change
        if initial is not None and adjusted is not None:
            budget = budget_basis(initial, adjusted)[0].base
        else:  # the actual is blank: the budget is read as typed (年初预算数 where given)
            budget = part.budget
        three += [a(budget), a(part.actual)]
    return {"summary": rows, "fiscal": fiscal_rows, "three_public": three}
