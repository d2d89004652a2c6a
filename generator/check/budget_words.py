"""What the texts say of the 三公 budgets, against the 三公 table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.compute.figures import ThreePublicPart
from generator.findings import Finding, Location, emit
from generator.model import ItemTable

# "无预算", "未安排预算", "年初未编制预算", "没有“三公”经费预算": the text denies a budget.
_NO_BUDGET = re.compile(r"(?:无|没有|未安排|未编制|未列入?|不安排)[^，。；,;]{0,8}预算")
# "年初预算为5.00万元", "全年预算数8万元", "预算金额12,000元": a budget figure the text states.
# "超预算2万元", "比预算减少…" speak of a difference, not of the budget.
_FIGURE = re.compile(r"(?<![超较比于出低高])(年初|全年|调整后的?)?预算(?:数|金额|资金)?(?:为|是|共|合计)?[:：]?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_CLAUSE = re.compile(r"[^，。；;！？!?\n]+")  # not the ASCII comma: "12,000元"
# The part a clause names, longest names first; "三公" alone is the 合计.
_PART_WORDS = (
    ("公务用车购置及运行维护费", "公务用车购置及运行维护费"),
    ("公务用车运行维护费", "公务用车运行维护费"),
    ("运行维护费", "公务用车运行维护费"),
    ("公务用车购置费", "公务用车购置费"),
    ("购置费", "公务用车购置费"),
    ("公务用车", "公务用车购置及运行维护费"),
    ("因公出国", "因公出国（境）费"),
    ("公务接待", "公务接待费"),
    ("三公", "合计"),
)
# 三公经费明细 texts and the part each describes.
_DETAIL_TEXTS = {
    "因公出国（境）费开支内容": "因公出国（境）费",
    "公务用车购置费开支内容": "公务用车购置费",
    "公务用车运行维护费开支内容": "公务用车运行维护费",
    "公务接待费开支内容": "公务接待费",
}


@dataclass(frozen=True)
class BudgetFigure:
    """A 三公 budget figure a text states: which part, which budget (年初, 全年, or just 预算), how much (万元)."""

    part: str
    basis: str  # 年初预算, 全年预算, 预算
    amount: Decimal  # in 万元
    tolerance: Decimal  # half a unit of the last digit written, in 万元
    words: str  # the words as written


def stated_budgets(text: str, part: str) -> Iterator[BudgetFigure]:
    """Every budget figure TEXT states; a clause that names no part speaks of PART (the row's)."""
    for clause in _CLAUSE.findall(text):
        for hit in _FIGURE.finditer(clause):
            before = clause[: hit.start()]
            named = next((p for word, p in _PART_WORDS if word in before), None) or next((p for word, p in _PART_WORDS if word in clause), part)
            digits = hit.group(2).replace(",", "")
            scale = Decimal(1) if hit.group(3) == "万元" else Decimal("0.0001")
            places = len(digits.split(".")[1]) if "." in digits else 0
            basis = {"年初": "年初预算", "全年": "全年预算"}.get(hit.group(1) or "", "全年预算" if hit.group(1) else "预算")
            yield BudgetFigure(named, basis, Decimal(digits) * scale, Decimal(5) * Decimal(10) ** -(places + 1) * scale, hit.group(0))


def _texts(table: ItemTable, details: ItemTable) -> Iterator[tuple[str, str, Location]]:
    """(part, text, where) of every text written beside the 三公 table."""
    for name, row in table.rows.items():
        for column in (layout.BUDGET_REASON, layout.REASON):
            if row.text(column).strip():
                yield name, row.text(column), row.source.at(column)
    for item, part in _DETAIL_TEXTS.items():
        detail = details.get(item)
        if detail is not None and detail.text(layout.CONTENT).strip():
            yield part, detail.text(layout.CONTENT), detail.source.at(layout.CONTENT)


@emits("budget-text-contradicts", "budget-text-figure-mismatch", needs=(layout.THREE_PUBLIC.name, layout.THREE_PUBLIC_DETAILS.name))
def check_budget_texts(ctx: CheckContext) -> Iterator[Finding]:
    """Every 三公 budget a text states, against the 三公 table: a 预决算差异原因 saying there was no
    budget beside a table that states one (issue 18: 预算数 0.95 beside "无“三公”经费预算"), and any
    figure a text gives for a part's (or the total's) 年初 or 全年 预算 that the table does not state."""
    tp = ctx.figures.three_public
    table = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC.name)
    if not table.rows:
        raise NotApplicable("未填“三公”经费表")
    parts = {p.name: p for p in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception)}
    for part in parts.values():
        row = table.get(part.name)
        if row is None:
            continue
        text = row.text(layout.BUDGET_REASON)
        budgets = [b for b in (part.budget, row.amount(layout.BUDGET)) if b]
        if not budgets or not _NO_BUDGET.search(text):
            continue
        yield emit(
            "budget-text-contradicts",
            row.source.at(layout.BUDGET_REASON) or Location(sheet=layout.THREE_PUBLIC.name, field=part.name),
            item=part.name,
            budget=budgets[0],
            reason=text,
            budget_text=money(ctx, budgets[0]),
        )
    details = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC_DETAILS.name)
    for name, text, where in _texts(table, details):
        for figure in stated_budgets(text, name):
            named = parts.get(figure.part)
            if named is None:
                continue
            finding = _figure_against_table(ctx, figure, named, table, text, where)
            if finding is not None:
                yield finding


def _figure_against_table(
    ctx: CheckContext, figure: BudgetFigure, part: ThreePublicPart, table: ItemTable, text: str, where: Location
) -> Finding | None:
    """None when the table states the figure (within the digits written) as that budget; else the finding."""
    columns = {"年初预算": (layout.BUDGET,), "全年预算": ("全年预算数",), "预算": (layout.BUDGET, "全年预算数")}[figure.basis]
    settled = {layout.BUDGET: part.initial_budget.base if part.initial_budget else None, "全年预算数": part.budget}
    if part.initial_budget is None:  # a blank 决算数 leaves no Change: the table's own 年初预算数
        settled[layout.BUDGET] = ctx.figures.base.three_public.get(part.name, {}).get(layout.BUDGET)
    known = [(c, settled[c]) for c in columns if settled[c] is not None]
    if any(abs(figure.amount - v) <= figure.tolerance for _, v in known if v is not None):
        return None
    column, value = known[0] if known else (columns[0], None)
    row = table.get(part.name)
    cell = row.source.at(column) if row is not None else Location(sheet=table.sheet, field=part.name)
    label = "“三公”经费合计" if part.name == "合计" else f"“三公”经费「{part.name}」"
    return emit(
        "budget-text-figure-mismatch",
        where,
        item=part.name,
        basis=figure.basis,
        said=figure.amount,
        budget=value,
        reason=text,
        label=label,
        words=figure.words,
        table_text="未填" if value is None else f"为{money(ctx, value)}",
        column=column,
        cell=str(cell),
    )
