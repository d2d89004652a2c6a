"""Every generated table adds up, and a figure the document prints twice is printed the same (issue 9).

The appended 绩效自评表 are tables too: each 资金 block re-adds, and 十一 states their count and sums.

The documents are generated and read back with python-docx, as a reader sees them: the sample
(2024 and 2023) and the 上海 example in both shipped templates, and synthetic units (some with
disagreements injected). For every table, each 合计/小计/总计 row or column is re-added from
its rows or components; it must match to the cent, except where the inputs genuinely disagree
(a 尾差 or a typing error) and `check` reported it on one of the sheets the table is built
from. Every figure that stands in two tables, or in a table and a sentence, must be the same
string: that has no exception, since the document prints one settled value per figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import synthetic
from generator import api, layout
from tests.docx_tables import Table, number, read_document, table_with_header

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ("xinjiang-2024", "shanghai-2024")
SAMPLES = ("changji-ybj/2024", "changji-ybj/2023", "shanghai-example/2024")
SEED = 9
# Synthetic units: (index, injected kinds). Most are clean; some carry a disagreement that
# `check` reports, so that the document still has to print one value for it.
SYNTHETIC = [(i, ()) for i in range(1, 15)] + [
    (15, ("cross-table",)),
    (16, ("rounding-residue",)),
    (17, ("personnel-sum",)),
    (18, ("row-total",)),
    (19, ("total-mismatch",)),
    (20, ("unbalanced",)),
]
SIZE = synthetic.Size(items=14, projects=1)  # small: the tables' shape, not their length, is under test
# A table's own total against its own parts: these findings on one of its sheets explain a tail.
WITHIN = {"rounding-residue", "total-mismatch", "row-total-mismatch", "personnel-public-mismatch", "income-expense-unbalanced"}
# A figure two tables state differently: the detail table prints the summarising table's figure,
# so that table's total over it (a 类 over its 款, …) may keep a tail, reported as this.
CROSS = "cross-table-mismatch"
S, INC, E, F, G, B = (layout.SUMMARY.name, layout.INCOME.name, layout.EXPENSE.name, layout.FISCAL.name, layout.GPB.name, layout.BASIC.name)
FUNDS = (layout.GOV_FUND.name, layout.STATE_CAPITAL.name)
TP = layout.THREE_PUBLIC.name

pytestmark = pytest.mark.slow  # heavy: runs in the full tier (pytest -m "")


@dataclass
class Document:
    name: str
    tables: list[Table]
    paragraphs: list[str]
    reported: set[str]  # sheets on which check reported a table's total against its parts (WITHIN)
    crossed: set[str]  # sheets on which check reported a figure two tables state differently (CROSS)
    failures: list[str] = field(default_factory=list)
    tails: list[str] = field(default_factory=list)  # re-add differences that check reported
    compared: int = 0  # figures compared between tables or with a sentence

    def add_up(self, what: str, total: str, parts: Iterable[str], sheets: Iterable[str], crossed: Iterable[str] = ()) -> None:
        """TOTAL (a printed cell) = Σ PARTS (printed cells); a blank part is no part, a blank total has none.

        A difference is a tail check explained when it reported one of WITHIN on one of SHEETS, or a
        CROSS disagreement on one of CROSSED (the summarising tables whose figure this table prints)."""
        values = [number(p) for p in parts]
        reported = [v for v in values if v is not None]
        stated = number(total)
        if not reported:
            return  # nothing to add up (a typed total over blank parts stands on its own)
        if stated is None:
            self.failures.append(f"{what}: blank, though its parts are {reported}")
            return
        if stated == sum(reported, Decimal(0)) or (len(reported) < len(values) and stated > sum(reported, Decimal(0))):
            return  # equal; or some parts blank, which may hold the rest (a blank is not zero)
        if self.reported & set(sheets) or self.crossed & set(crossed):
            self.tails.append(f"{what}: {stated} against {sum(reported, Decimal(0))}")
        else:
            self.failures.append(f"{what}: printed {stated}, its parts add up to {sum(reported, Decimal(0))} and check reported nothing")

    def same(self, what: str, a: str | None, b: str | None) -> None:
        """One figure printed in two places: the same string (a blank or absent one is not compared).

        Each table prints what it states (issue 18) and the sentences the one settled figure: two
        places differ only where the inputs disagree and check reported it."""
        if not a or not b:
            return
        self.compared += 1
        if a != b:
            if self.crossed or self.reported:
                self.tails.append(f"{what}: {a} and {b}")
            else:
                self.failures.append(f"{what}: {a} and {b}, and check reported no disagreement")


# --- generating ----------------------------------------------------------------------


def _generate(folder: Path, template: str, out: Path, name: str) -> Document:
    result = api.generate(folder, output=out, template=template, force=True)
    assert result.ok, [str(f) for f in result.findings]
    tables, paragraphs = read_document(out.read_bytes())
    reported = {f.location.sheet for f in result.findings if f.code in WITHIN and f.location.sheet}
    # one difference shown in several tables is one finding naming the others ("表!单元格") in `also`
    reported |= {place.split("!")[0] for f in result.findings if f.code in WITHIN for place in f.values.get("also", [])}
    crossed = {f.location.sheet for f in result.findings if f.code == CROSS and f.location.sheet}
    return Document(name, tables, paragraphs, reported, crossed)


def two_tables_disagree(kit: Any) -> dict[str, Any]:
    """The sample where 支出决算表 states 卫生健康支出 one cent above 收入支出决算总表 (1,108.50 against
    1,108.49; its 款 add up to 1,108.49): 收入支出决算总表 must still add up, and both print one value."""
    values = kit.consistent_2024()
    kit.set_value(values, E, "210", "本年支出合计", 1108.50)
    return values


def basic_items_disagree(kit: Any) -> dict[str, Any]:
    """The sample where the 302 items add up to 41.03 (302 itself left blank) under a 合计 of 608.04:
    六 must print the 基本支出 the tables print, not 人员经费 + 公用经费 (608.05)."""
    values = kit.consistent_2024()
    kit.set_value(values, B, "302", "决算数", None)
    kit.set_value(values, B, "30201", "决算数", 4.21)
    return values


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, kit: Any) -> list[Document]:
    out = tmp_path_factory.mktemp("readd")
    docs = []
    for variant in (two_tables_disagree, basic_items_disagree):
        folder = kit.write_unit(out / variant.__name__, variant(kit))
        for template in TEMPLATES:
            docs.append(_generate(folder, template, out / f"{variant.__name__}-{template}.docx", f"{variant.__name__} {template}"))
    for sample in SAMPLES:
        for template in TEMPLATES:
            docs.append(_generate(ROOT / "inputs" / sample, template, out / f"{sample.replace('/', '-')}-{template}.docx", f"{sample} {template}"))
    for n, (index, kinds) in enumerate(SYNTHETIC):
        unit = synthetic.draw_unit(index, SEED, kinds, size=SIZE)
        folder = out / f"unit-{index:02d}" / str(unit.current.year)
        folder.mkdir(parents=True)
        for file, data in synthetic.files(unit.current).items():
            (folder / file).write_bytes(data)
        template = TEMPLATES[n % 2]
        docs.append(_generate(folder, template, out / f"unit-{index:02d}.docx", f"synthetic {index} {kinds} {template}"))
    return docs


# --- reading the tables ------------------------------------------------------------------

_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def _plain(name: str) -> str:
    return _ORDINAL.sub("", name.strip().replace("\u3000", ""))


@dataclass
class Tree:
    """A classification table: header columns, and rows of (code, name, {column: text})."""

    sheet: str
    columns: list[str]
    rows: list[tuple[str, str, dict[str, str]]]

    def total(self) -> dict[str, str]:
        return next((cells for code, name, cells in self.rows if not code and name == "合计"), {})

    def named(self, name: str) -> dict[str, str]:
        return next((cells for code, n, cells in self.rows if n == name), {})

    def coded(self) -> dict[str, tuple[str, dict[str, str]]]:
        return {code: (name, cells) for code, name, cells in self.rows if code}


def _tree(tables: list[Table], sheet: str, *headers: str, exact: tuple[str, ...] | None = None) -> Tree | None:
    for table in tables:
        head = table[0]
        if len(head) < 3 or "科目名称" not in head[1]:
            continue
        columns = head[2:]
        if (exact is not None and tuple(columns) != exact) or not all(h in columns for h in headers):
            continue
        rows = [(r[0], _plain(r[1]), dict(zip(columns, r[2:], strict=False))) for r in table[1:] if len(r) == len(head)]
        return Tree(sheet, columns, rows)
    return None


def _basic_form(tables: list[Table]) -> Tree | None:
    """The 基本支出表 in the official two-block form: both blocks' rows, then 人员经费合计 and 公用经费合计 (no 合计 row)."""
    for table in tables:
        head = table[0]
        if len(head) != 6 or "科目名称" not in head[1] or "科目名称" not in head[4] or head[2] != head[5] != "决算数":
            continue
        rows = []
        for r in table[1:]:
            if len(r) == 6:
                rows += [(r[0], _plain(r[1]), {"决算数": r[2]}), (r[3], _plain(r[4]), {"决算数": r[5]})]
            elif len(r) == 4:  # the last row: 人员经费合计 and 公用经费合计 over the code and name columns
                rows += [("", _plain(r[0]), {"决算数": r[1]}), ("", _plain(r[2]), {"决算数": r[3]})]
        return Tree(B, ["决算数"], [row for row in rows if row[0] or row[1]])
    return None


def _funds(tables: list[Table]) -> list[Tree]:
    found = []
    for table in tables:
        head = table[0]
        if len(head) > 2 and "科目名称" in head[1] and tuple(head[2:]) == layout.FUND_COLUMNS:
            columns = head[2:]
            rows = [(r[0], _plain(r[1]), dict(zip(columns, r[2:], strict=False))) for r in table[1:] if len(r) == len(head)]
            found.append(Tree("", columns, rows))
    return found


def _summary(tables: list[Table]) -> tuple[dict[str, str], dict[str, str], list[str]] | None:
    """收入支出决算总表: (income side name -> amount, expense side name -> amount, the 类 names in order)."""
    table = table_with_header(tables, "收入项目", "支出项目") or table_with_header(tables, "收入", "支出", "决算数")
    if table is None or len(table[-1]) != 4:
        return None
    income: dict[str, str] = {}
    expense: dict[str, str] = {}
    classes = []
    for row in table[1:]:
        if len(row) != 4 or row[1] == "决算数":
            continue
        left, right = _plain(row[0]), _plain(row[2])
        if left == "总计":
            left, right = "收入总计", "支出总计"
        if left:
            income[left] = row[1]
        if right:
            expense[right] = row[3]
            if right not in ("本年支出合计", "结余分配", "年末结转和结余", "支出总计"):
                classes.append(right)
    return income, expense, classes


def _fiscal(tables: list[Table]) -> tuple[dict[str, str], dict[str, dict[str, str]], list[str]] | None:
    """财政拨款收入支出决算总表: (income side name -> amount, row name -> {column: amount}, the 类 names)."""
    funds = layout.FISCAL_COLUMNS
    for table in tables:
        head = [c for row in table[:2] for c in row]
        if not all(c in head for c in funds) or "科目名称" in head or "年初结转和结余" in head:
            continue
        income: dict[str, str] = {}
        rows: dict[str, dict[str, str]] = {}
        classes: list[str] = []
        if table[0][0] == "项目":  # one column of names: the xinjiang layout
            for row in table[1:]:
                rows[row[0]] = dict(zip(funds, row[1:], strict=False))
            classes = [n for n in rows if n not in ("本年收入", "年初财政拨款结转和结余", "收入总计", "本年支出合计", "年末财政拨款结转和结余", "支出总计")]
            income = {n: rows[n]["合计"] for n in ("本年收入", "年初财政拨款结转和结余", "收入总计") if n in rows}
            return income, rows, classes
        sub = 0
        for row in table[2:]:  # 收入 | 决算数 | 支出 | 合计 | three funds: the national layout
            if len(row) != 7:
                continue
            left, right = _plain(row[0]), _plain(row[2])
            if left == "总计":
                left, right = "收入总计", "支出总计"
            if left and left in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款") and not right:
                sub += 1  # the 年初 split by fund, under 年初财政拨款结转和结余
                income[f"年初:{left}"] = row[1]
                rows.setdefault("年末财政拨款结转和结余:split", {})[funds[sub]] = row[3 + sub]
                continue
            if left:
                income[left] = row[1]
            if right:
                rows[right] = dict(zip(funds, row[3:], strict=False))
                if right not in ("本年支出合计", "年末财政拨款结转和结余", "支出总计"):
                    classes.append(right)
        return income, rows, classes
    return None


def _three_public(tables: list[Table]) -> dict[str, dict[str, str]] | None:
    """财政拨款“三公”经费支出决算表: part -> {预算, 决算}."""
    parts = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    table = table_with_header(tables, "项目", "全年预算数", "决算数")
    if table is not None and table[0] == ["项目", "全年预算数", "决算数"]:
        return {row[0]: {"预算": row[1], "决算": row[2]} for row in table[1:] if row[0] in parts}
    for table in tables:  # the national layout: one row of twelve amounts under 预算数 | 决算数 × 6
        heads = [i for i, row in enumerate(table) if row[:2] == ["预算数", "决算数"] and len(row) == 12]
        if heads and any("因公出国（境）费" in cell for row in table[: heads[0]] for cell in row) and len(table) > heads[0] + 1:
            amounts = table[heads[0] + 1]
            return {part: {"预算": amounts[2 * i], "决算": amounts[2 * i + 1]} for i, part in enumerate(parts)}
    return None


# --- re-adding -----------------------------------------------------------------------------


def _children(coded: dict[str, tuple[str, dict[str, str]]], code: str) -> list[str]:
    return [c for c in coded if c.startswith(code) and len(c) == len(code) + 2]


def readd_tree(
    doc: Document, tree: Tree, sheets: tuple[str, ...], crossed: tuple[str, ...], row_total: tuple[str, tuple[str, ...]] | None
) -> None:
    coded = tree.coded()
    total = tree.total()
    for column in tree.columns:
        classes = [c for c in coded if len(c) == 3]
        doc.add_up(f"{tree.sheet}「合计」「{column}」", total.get(column, ""), [coded[c][1].get(column, "") for c in classes], sheets, crossed)
        for code, (name, cells) in coded.items():
            kids = _children(coded, code)
            if kids:
                what = f"{tree.sheet}「{code} {name}」「{column}」"
                doc.add_up(what, cells.get(column, ""), [coded[k][1].get(column, "") for k in kids], sheets, crossed)
    if row_total is not None:
        column, parts = row_total
        for code, name, cells in tree.rows:
            doc.add_up(f"{tree.sheet}「{code} {name}」「{column}」=Σ列", cells.get(column, ""), [cells.get(p, "") for p in parts], sheets, crossed)


def check_document(doc: Document) -> None:
    tables = doc.tables
    summary = _summary(tables)
    income = _tree(tables, INC, "本年收入合计", "财政拨款收入")
    expense = _tree(tables, E, "本年支出合计", "上缴上级支出")
    gpb = _tree(tables, G, exact=layout.GPB_COLUMNS)
    basic = _basic_form(tables)
    fiscal = _fiscal(tables)
    three = _three_public(tables)
    funds = _funds(tables)
    for found, what in ((summary, S), (income, INC), (expense, E), (gpb, G), (basic, B), (fiscal, F), (three, TP)):
        assert found is not None, f"{doc.name}: no table {what}"
    assert summary and income and expense and gpb and basic and fiscal and three

    # 收入支出决算总表
    inc, exp, classes = summary
    doc.add_up("收入支出决算总表「本年收入合计」", inc.get("本年收入合计", ""), [inc.get(n, "") for n in layout.INCOME_SOURCES], (S,))
    doc.add_up("收入支出决算总表「收入总计」", inc.get("收入总计", ""), [inc.get(n, "") for n in ("本年收入合计", "使用非财政拨款结余", "年初结转和结余")], (S,))
    doc.add_up("收入支出决算总表「本年支出合计」", exp.get("本年支出合计", ""), [exp[c] for c in classes], (S,))
    doc.add_up("收入支出决算总表「支出总计」", exp.get("支出总计", ""), [exp.get(n, "") for n in ("本年支出合计", "结余分配", "年末结转和结余")], (S,))

    # the classification tables
    readd_tree(doc, income, (INC,), (S,), ("本年收入合计", layout.INCOME_COLUMNS[1:]))
    readd_tree(doc, expense, (E,), (S,), ("本年支出合计", layout.EXPENSE_COLUMNS[1:]))
    readd_tree(doc, gpb, (G,), (F,), ("合计", ("基本支出", "项目支出")))
    coded = basic.coded()
    for code, (name, cells) in coded.items():  # the form has no 合计 row: each 类 over its 款
        kids = _children(coded, code)
        if kids:
            doc.add_up(f"{B}「{code} {name}」", cells.get("决算数", ""), [coded[k][1].get("决算数", "") for k in kids], (B,), (G, F))
    personnel, public = basic.named("人员经费合计").get("决算数", ""), basic.named("公用经费合计").get("决算数", "")
    for label, total, personnel_side in (("人员经费合计", personnel, True), ("公用经费合计", public, False)):
        parts = [cells.get("决算数", "") for c, (_, cells) in coded.items() if len(c) == 3 and (c in ("301", "303")) == personnel_side]
        doc.add_up(f"基本支出表「{label}」=Σ类", total, parts, (B,), (G, F))
    for fund in funds:
        fund.sheet = "基金/国资"
        readd_tree(doc, fund, FUNDS, (F,), ("本年支出合计", ("基本支出", "项目支出")))

    # 财政拨款收入支出决算总表
    f_income, f_rows, f_classes = fiscal
    for name, cells in f_rows.items():
        if ":" not in name:
            doc.add_up(f"财政拨款总表「{name}」「合计」=Σ三项", cells.get("合计", ""), [cells.get(c, "") for c in layout.FISCAL_COLUMNS[1:]], (F,), (S,))
    for column in layout.FISCAL_COLUMNS:
        col = {name: cells.get(column, "") for name, cells in f_rows.items()}
        doc.add_up(f"财政拨款总表「本年支出合计」「{column}」", col.get("本年支出合计", ""), [col[c] for c in f_classes], (F,))
        doc.add_up(
            f"财政拨款总表「支出总计」「{column}」", col.get("支出总计", ""), [col.get("本年支出合计", ""), col.get("年末财政拨款结转和结余", "")], (F,)
        )
    if "本年收入合计" in f_income:  # the national layout: the income side on its own
        doc.add_up("财政拨款总表「本年收入合计」", f_income["本年收入合计"], [f_income.get(n, "") for n in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")], (F,), (S,))
        doc.add_up("财政拨款总表「总计」(收入)", f_income.get("收入总计", ""), [f_income["本年收入合计"], f_income.get("年初财政拨款结转和结余", "")], (F,), (S,))
        doc.add_up("财政拨款总表「年初」", f_income.get("年初财政拨款结转和结余", ""), [v for k, v in f_income.items() if k.startswith("年初:")], (F,))
    else:
        doc.add_up("财政拨款总表「收入总计」", f_income.get("收入总计", ""), [f_income.get("本年收入", ""), f_income.get("年初财政拨款结转和结余", "")], (F,), (S,))

    # 三公
    for column in ("预算", "决算"):
        doc.add_up(f"三公「合计」「{column}」", three["合计"][column], [three[p][column] for p in ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")], (TP,))
        doc.add_up(f"三公「公务用车」「{column}」", three["公务用车购置及运行维护费"][column], [three[p][column] for p in ("公务用车购置费", "公务用车运行维护费")], (TP,))

    # one figure, two tables
    in_total = income.total()
    doc.same("本年收入合计: 总表/收入决算表", inc.get("本年收入合计"), in_total.get("本年收入合计"))
    for name in layout.INCOME_COLUMNS[2:]:
        doc.same(f"{name}: 总表/收入决算表", inc.get(name), in_total.get(name))
    ex_total = expense.total()
    doc.same("本年支出合计: 总表/支出决算表", exp.get("本年支出合计"), ex_total.get("本年支出合计"))
    expense_classes = {name: cells for code, (name, cells) in expense.coded().items() if len(code) == 3}
    for name in classes:
        doc.same(f"「{name}」: 总表/支出决算表", exp.get(name), expense_classes.get(name, {}).get("本年支出合计"))
    if "本年收入" in f_rows:
        for column, item in zip(layout.FISCAL_COLUMNS[1:], layout.INCOME_SOURCES[:3], strict=True):
            doc.same(f"{item}: 总表/财政拨款总表", inc.get(item), f_rows["本年收入"].get(column))
    else:
        for column, item in zip(layout.FISCAL_COLUMNS[1:], layout.INCOME_SOURCES[:3], strict=True):
            doc.same(f"{item}: 总表/财政拨款总表", inc.get(item), f_income.get(column))
    gpb_total = gpb.total()
    doc.same("一般公共预算支出: 财政拨款总表/一般公共预算表", f_rows.get("本年支出合计", {}).get("一般公共预算财政拨款"), gpb_total.get("合计"))
    gpb_classes = {name: cells for code, (name, cells) in gpb.coded().items() if len(code) == 3}
    for name in f_classes:
        doc.same(f"「{name}」: 财政拨款总表/一般公共预算表", f_rows[name].get("一般公共预算财政拨款"), gpb_classes.get(name, {}).get("合计"))
    doc.add_up("一般公共预算表「基本支出」=基本支出表的人员经费合计+公用经费合计", gpb_total.get("基本支出", ""), [personnel, public], (B,), (G, F))
    for fund, column in zip(funds, layout.FISCAL_COLUMNS[2:], strict=False):
        doc.same(f"{column}: 财政拨款总表/基金表", f_rows.get("本年支出合计", {}).get(column), fund.total().get("本年支出合计"))

    # one figure, a table and a sentence
    figures: dict[str, str] = {
        "收入总计": inc.get("收入总计", ""),
        "收入支出总计": inc.get("收入总计", ""),
        "本年收入合计": inc.get("本年收入合计", ""),
        "本年收入": inc.get("本年收入合计", ""),
        "使用非财政拨款结余（含专用结余）": inc.get("使用非财政拨款结余", ""),
        "年初结转和结余": inc.get("年初结转和结余", ""),
        "支出总计": exp.get("支出总计", ""),
        "本年支出合计": exp.get("本年支出合计", ""),
        "本年支出": exp.get("本年支出合计", ""),
        "结余分配": exp.get("结余分配", ""),
        "年末结转和结余": exp.get("年末结转和结余", ""),
        "财政拨款收入": in_total.get("财政拨款收入", ""),
        "财政拨款收入总计": f_rows.get("收入总计", {}).get("合计", "") or f_income.get("收入总计", ""),
        "财政拨款收入支出总计": f_rows.get("支出总计", {}).get("合计", ""),
        "年初财政拨款结转和结余": f_income.get("年初财政拨款结转和结余", ""),
        "本年财政拨款收入": f_income.get("本年收入", "") or f_income.get("本年收入合计", ""),
        "财政拨款支出总计": f_rows.get("支出总计", {}).get("合计", ""),
        "年末财政拨款结转和结余": f_rows.get("年末财政拨款结转和结余", {}).get("合计", ""),
        "本年财政拨款支出": f_rows.get("本年支出合计", {}).get("合计", ""),
        "一般公共预算财政拨款支出": gpb_total.get("合计", ""),
        "一般公共预算财政拨款基本支出": gpb_total.get("基本支出", ""),
        "人员经费": personnel,
        "公用经费": public,
        "财政拨款“三公”经费支出": three["合计"]["决算"],
        "“三公”经费财政拨款支出": three["合计"]["决算"],
    }
    figures |= {name: inc.get(name, "") for name in layout.INCOME_SOURCES[3:]}
    figures |= {name: ex_total.get(name, "") for name in layout.EXPENSE_COLUMNS[1:]}
    figures |= {f"{name}（类）": cells.get("合计", "") for name, cells in gpb_classes.items()}
    for part in ("因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"):
        figures[part] = three[part]["决算"]
    figures["公务用车购置"] = three["公务用车购置费"]["决算"]
    figures["公务用车运行维护"] = three["公务用车运行维护费"]["决算"]
    figures["国内公务接待"] = three["公务接待费"]["决算"]
    for what, printed, label in sentence_figures(doc.paragraphs, figures):
        doc.same(f"「{label}」: 正文/表", printed, what)
    check_items(doc, gpb)
    check_fund_sentences(doc, funds)
    check_self_evaluation(doc)


AMOUNT = r"(-?\d[\d,]*\.\d\d)万元"
BEFORE = "(?:^|(?<=[，：；。（、度]))"  # a label starts a clause: "其中：基本支出…", "2024年度收入总计…"
LINK = "(?:支出决算数为|支出决算为|支出决算|决算数为|决算为|支出为|支出|为|)"
FUND_SENTENCE = re.compile("(政府性基金|国有资本经营)预算财政拨款(年初结转和结余|收入|支出)")


def sentence_figures(paragraphs: list[str], figures: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(table figure, printed figure, label) for every "label…X万元" in a sentence, the fund sentences aside."""
    pattern = re.compile(BEFORE + "(" + "|".join(re.escape(k) for k in sorted(figures, key=len, reverse=True)) + ")" + LINK + AMOUNT)
    for paragraph in paragraphs:
        if FUND_SENTENCE.search(paragraph) or "预算为" in paragraph and "决算为" not in paragraph:
            continue
        for match in pattern.finditer(paragraph):
            yield figures[match.group(1)], match.group(2), match.group(1)


def check_items(doc: Document, gpb: Tree) -> None:
    """Each 项 of 五（三）: "…（类）…（款）…（项）：支出决算数为X万元" against its row of 一般公共预算财政拨款支出决算表."""
    coded = gpb.coded()
    printed = {}
    for code, (name, cells) in coded.items():
        if len(code) == 7 and code[:5] in coded and code[:3] in coded:
            printed[f"{coded[code[:3]][0]}（类）{coded[code[:5]][0]}（款）{name}（项）"] = cells.get("合计", "")
    pattern = re.compile(r"(?:^|\.|、)([^。：]*?（类）[^。：]*?（款）[^。：]*?（项）)[：。]支出决算(?:数)?为" + AMOUNT)
    for paragraph in doc.paragraphs:
        for match in pattern.finditer(paragraph):
            label = re.sub(r"^\d+[.、]", "", match.group(1))
            if label in printed:
                doc.same(f"{label}: 正文/一般公共预算表", match.group(2), printed[label])


def check_fund_sentences(doc: Document, funds: list[Tree]) -> None:
    for paragraph in doc.paragraphs:
        match = FUND_SENTENCE.search(paragraph)
        if match is None or "为空表" in paragraph:
            continue
        tree = funds[0] if match.group(1) == "政府性基金" else funds[-1] if funds else None
        if tree is None:
            continue
        total = tree.total()
        labels = (  # the xinjiang sentence, and the 上海 one ("…预算财政拨款收入200.00万元，支出180.00万元")
            ("年初结转和结余", "年初结转和结余"),
            ("本年收入", "本年收入"),
            ("本年支出", "本年支出合计"),
            ("年末结转和结余", "年末结转和结余"),
            ("预算财政拨款收入", "本年收入"),
            ("，支出", "本年支出合计"),
        )
        for label, column in labels:
            for found in re.finditer(f"{label}{AMOUNT}", paragraph):
                doc.same(f"{match.group(1)}「{label}」: 正文/表", found.group(1), total.get(column))


FUNDING = ("年初预算数", "全年预算数", "全年执行数")
FUNDING_TOTALS = ("合计", "年度资金总额")


def _funding(table: Table) -> tuple[str, dict[str, dict[str, str]]] | None:
    """A self-evaluation table's 资金 block: (its total's label, row label -> {column: amount}), or None."""
    for i, row in enumerate(table):
        if not all(h in row for h in FUNDING):
            continue
        at = {h: row.index(h) for h in FUNDING}
        block: dict[str, dict[str, str]] = {}
        for below in table[i + 1 :]:
            if len(below) <= max(at.values()) or not re.fullmatch(r"-?[\d,]+\.\d\d", below[at["全年预算数"]]):
                break
            block[below[at["年初预算数"] - 1].replace("其中：", "").strip()] = {h: below[c] for h, c in at.items()}
        total = next((t for t in FUNDING_TOTALS if t in block), None)
        return (total, block) if total else None
    return None


def check_self_evaluation(doc: Document) -> None:
    """The appended 绩效自评表: each 资金 block adds up, and 十一 states the sums of the tables it appends."""
    project_sums = {h: Decimal(0) for h in FUNDING}
    projects = 0
    unit: dict[str, str] = {}
    for table in doc.tables:
        found = _funding(table)
        if found is None:
            continue
        total, block = found
        parts = [label for label in block if label != total]
        for h in FUNDING:
            doc.add_up(f"绩效自评表「{total}」「{h}」", block[total][h], [block[p][h] for p in parts], ("整体资金", "项目概况"))
        if total == "合计":
            unit = block[total]
        else:
            projects += 1
            for h in FUNDING:
                project_sums[h] += number(block[total][h]) or Decimal(0)
    text = "\n".join(doc.paragraphs)
    stated = re.search(r"项目(\d+)个，(?:全年预算数|涉及预算金额)" + AMOUNT, text)
    if stated and projects:
        doc.same("十一 绩效自评项目数: 正文/附表", stated.group(1), str(projects))
        doc.same("十一 项目全年预算数: 正文/附表", stated.group(2), f"{project_sums['全年预算数']:,.2f}")
        executed = re.search(r"全年执行数" + AMOUNT, text[stated.end() :])
        if executed:
            doc.same("十一 项目全年执行数: 正文/附表", executed.group(1), f"{project_sums['全年执行数']:,.2f}")
    whole = re.search(r"整体支出绩效自评表\d+个，全年预算总额" + AMOUNT + "，实际执行总额" + AMOUNT, text)
    if whole and unit:
        doc.same("十一 整体全年预算总额: 正文/附表", whole.group(1), unit["全年预算数"])
        doc.same("十一 整体实际执行总额: 正文/附表", whole.group(2), unit["全年执行数"])


# --- the tests ------------------------------------------------------------------------------


def test_every_table_adds_up_and_every_figure_printed_twice_is_the_same(documents: list[Document]) -> None:
    problems = []
    for doc in documents:
        check_document(doc)
        problems += [f"{doc.name}: {p}" for p in doc.failures]
    assert problems == [], "\n".join(problems)


def test_the_comparisons_are_real(documents: list[Document]) -> None:
    """Each document had figures compared across tables and with its sentences (no vacuous pass)."""
    for doc in documents:
        if not doc.compared:
            check_document(doc)
    assert all(doc.compared >= 15 for doc in documents), {doc.name: doc.compared for doc in documents}


def test_a_tail_is_allowed_only_where_check_reported_a_disagreement(documents: list[Document]) -> None:
    """The sample's 收入总计 (1,239.70 against 1,239.71) and 三公 合计 are 尾差 of the published data, reported by check."""
    sample = next(doc for doc in documents if doc.name == "changji-ybj/2024 xinjiang-2024")
    if not sample.tails:
        check_document(sample)
    assert any("收入总计" in t for t in sample.tails) and any("三公「合计」" in t for t in sample.tails)
    clean = [doc for doc in documents if doc.name.startswith("synthetic") and "()" in doc.name]
    assert clean and all(doc.tails == [] for doc in clean), {doc.name: doc.tails for doc in clean if doc.tails}


def readd(doc: Document) -> Any:  # for debugging: python -c "…check_document(doc); print(doc.failures)"
    check_document(doc)
    return doc.failures
