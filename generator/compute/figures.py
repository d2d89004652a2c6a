"""Every figure the disclosure needs, computed once, frozen, at full precision.

Templates and checks only read this object; nothing downstream does arithmetic.
Prior-year figures come from last year's folder when it exists, otherwise from
the 上年 columns of this year's workbook (check compares the two).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator import layout
from generator.compute.agreed import Agreed, agree
from generator.compute.base import YearBase, compute_base
from generator.compute.budgets import (
    FISCAL_TOTAL,
    GOV_FUND_TOTAL,
    GPB_TOTAL,
    STATE_CAPITAL_TOTAL,
    BudgetTotal,
    against,
    budget_totals,
)
from generator.compute.change import ZERO, Change, share
from generator.compute.prior import PriorFigure, PriorPair, PriorPairs, gpb_item_figure, prior_pairs
from generator.compute.totals import Key, Part, Settlement, complete_total, settle
from generator.compute.tree import Tree
from generator.findings import Location
from generator.model import ItemTable, Loaded, SubjectRow, Texts


@dataclass(frozen=True)
class Share:
    """A part of a whole; None where the part or the whole was not reported (a blank is not zero)."""

    name: str
    amount: Decimal | None
    share: Decimal | None


@dataclass(frozen=True)
class ItemLine:
    """One 项 of a 财政拨款 expense table, with its change on the prior year and against its budget."""

    code: str
    class_name: str
    section_name: str  # 款
    name: str
    change: Change
    budget: Change = Change(ZERO, None)  # against 年初预算数 (None when not typed), reason = 预决算差异原因
    adjusted_budget: Change = Change(ZERO, None)  # against 全年预算数（调整预算）
    purpose: str = ""  # 主要用于


@dataclass(frozen=True)
class StaffLine:
    name: str
    change: Change | None  # None when this year's count is blank


@dataclass(frozen=True)
class Fund:
    """政府性基金 / 国有资本经营 预算财政拨款: the table's totals, budgets and 项; empty tables are stated as such."""

    opening: Decimal
    income: Decimal
    expense: Decimal
    basic: Decimal
    project: Decimal
    closing: Decimal
    budget: Change | None = None  # 本年支出 against the 年初预算 (预算及上年情况, else Σ项); None when empty and unbudgeted
    adjusted_budget: Change | None = None  # against the 全年预算 (stated, else Σ项); None without either
    items: tuple[ItemLine, ...] = ()  # each 项 with an expense or a budget, and its budget

    @property
    def is_empty(self) -> bool:
        return not any((self.opening, self.income, self.expense, self.closing))


@dataclass(frozen=True)
class ThreePublicPart:
    name: str
    actual: Decimal | None  # None when blank
    budget: Decimal | None
    share: Decimal | None
    change: Change | None  # vs the prior year; None when the actual is blank
    budget_change: Change | None  # vs 全年预算数
    initial_budget: Change | None = None  # vs 年初预算数, when typed; None when the actual is blank


@dataclass(frozen=True)
class ThreePublic:
    total: ThreePublicPart
    abroad: ThreePublicPart
    vehicles: ThreePublicPart
    vehicle_purchase: ThreePublicPart
    vehicle_running: ThreePublicPart
    reception: ThreePublicPart
    abroad_groups: Decimal | None
    abroad_people: Decimal | None
    abroad_content: str
    vehicles_bought: Decimal | None
    vehicles_held: Decimal | None
    vehicle_content: str
    vehicle_difference_reason: str
    reception_batches: Decimal | None
    reception_people: Decimal | None
    reception_content: str
    foreign_reception: Decimal | None = None  # 外宾接待费, part of 公务接待费
    foreign_batches: Decimal | None = None
    foreign_people: Decimal | None = None
    purchase_content: str = ""


@dataclass(frozen=True)
class Procurement:
    """政府采购; a blank part is None. The total is the 政府采购支出总额 as stated, checked against
    货物 + 工程 + 服务 (the sum when the stated one is off, or when none is stated and every part was reported)."""

    goods: Decimal | None
    works: Decimal | None
    services: Decimal | None
    sme: Decimal | None
    small_micro: Decimal | None
    # 上海: budgets reserved for SMEs / small and micro firms, and what they won (None: not typed)
    sme_reserved: Decimal | None = None
    small_micro_reserved: Decimal | None = None
    sme_reserved_won: Decimal | None = None
    small_micro_reserved_won: Decimal | None = None
    sme_other_won: Decimal | None = None
    stated_total: Settlement | None = None  # the typed 政府采购支出总额 against its parts (check reads it)

    @property
    def total(self) -> Decimal | None:
        if self.stated_total is not None:
            return self.stated_total.value
        return complete_total((self.goods, self.works, self.services))

    @property
    def sme_share(self) -> Decimal | None:
        return share_known(self.sme, self.total)

    @property
    def small_micro_share(self) -> Decimal | None:
        return share_known(self.small_micro, self.total)


@dataclass(frozen=True)
class Assets:
    house_area: Decimal | None
    house_value: Decimal | None
    vehicle_value: Decimal | None
    vehicles_by_kind: tuple[tuple[str, Decimal | None], ...]
    vehicles_bought_by_kind: tuple[tuple[str, Decimal], ...]  # (category, 本年购置数) where one was typed
    other_vehicle_use: str
    equipment: Decimal | None

    @property
    def vehicles(self) -> Decimal | None:
        """All vehicles; known only when every kind was reported (no kind listed at all is not reported, not 0)."""
        return complete_total(n for _, n in self.vehicles_by_kind) if self.vehicles_by_kind else None


GRADES = ("优", "良", "合格", "不合格")


@dataclass(frozen=True)
class PerformanceFacts:
    """预算绩效管理情况 as typed in 其他重要事项 (None: not typed); the 自评 figures may be replaced by
    those computed from 绩效自评表 (generator.compute.performance)."""

    targets: Decimal | None = None
    targets_amount: Decimal | None = None
    monitored: Decimal | None = None
    monitored_amount: Decimal | None = None
    evaluated: Decimal | None = None
    evaluated_amount: Decimal | None = None
    average_score: Decimal | None = None
    grades: tuple[tuple[str, Decimal | None], ...] = ()  # (优, n), (良, n), (合格, n), (不合格, n)
    problems: Decimal | None = None
    rectified: Decimal | None = None
    systems: tuple[str, ...] = ()  # 预算绩效管理制度 names (文字说明.yaml 预算绩效.制度)

    @property
    def rectifying(self) -> Decimal | None:
        """Problems still being rectified: found − rectified."""
        if self.problems is None or self.rectified is None:
            return None
        return self.problems - self.rectified


@dataclass(frozen=True)
class Statement:
    """收入支出决算总表: the totals, the income sources and expense kinds with their shares, the balances.

    Every amount is None where the data leaves it blank: a blank is not zero."""

    income_total: Decimal | None  # 收入总计
    income_this_year: Decimal | None  # 本年收入合计
    non_fiscal_balance_used: Decimal | None  # 使用非财政拨款结余（含专用结余）
    opening_balance: Decimal | None  # 年初结转和结余
    expense_total: Decimal | None  # 支出总计
    expense_this_year: Decimal | None  # 本年支出合计
    balance_distribution: Decimal | None  # 结余分配
    closing_balance: Decimal | None  # 年末结转和结余
    change: Change | None  # 收入支出总计 against last year (预算及上年情况)
    income_sources: tuple[Share, ...]  # each source of 本年收入 (财政拨款收入 first) and its share
    # (name, 收入主要内容) of the EXPLAINED_INCOMES the unit had money from and explained; see income_content
    income_contents: tuple[tuple[str, str], ...]
    expense_kinds: tuple[Share, ...]  # 基本支出, 项目支出, … and their shares of 本年支出合计

    def income_content(self, name: str) -> str:
        """What the income NAME (事业收入, 经营收入, 其他收入) mainly is; "" when not given or when the unit had none."""
        return dict(self.income_contents).get(name, "")


@dataclass(frozen=True)
class FiscalFunds:
    """财政拨款 as a whole (财政拨款收入支出决算总表, 合计 column)."""

    income_total: Decimal | None  # 收入总计
    opening: Decimal | None  # 年初财政拨款结转和结余
    income: Decimal | None  # 本年收入
    expense_total: Decimal | None  # 支出总计
    closing: Decimal | None  # 年末财政拨款结转和结余
    expense: Decimal | None  # 本年支出合计
    change: Change | None  # 支出总计 against last year
    budget: Change | None  # 本年支出 against the 年初预算 (预算及上年情况, else Σ项 of the three funds)
    adjusted_budget: Change | None  # against the 全年预算: as stated, else Σ项; None without either


@dataclass(frozen=True)
class GeneralBudget:
    """一般公共预算财政拨款支出: its total, share, change, budgets, 类 and 项."""

    total: Decimal | None
    share: Decimal | None  # of 本年支出合计
    change: Change | None  # against last year
    budget: Change | None  # against the 年初预算: as stated in 预算及上年情况, else Σ项 (compute.budgets)
    adjusted_budget: Change | None  # against the 全年预算: as stated, else Σ项 when every 项 with money gives one
    classes: tuple[Share, ...]  # each 类 with money and its share of the total
    items: tuple[ItemLine, ...]  # each 项 with money this year or last year, in code order


@dataclass(frozen=True)
class Funds:
    """The 财政拨款 funds: as a whole, and each of the three."""

    fiscal: FiscalFunds  # 财政拨款
    gpb: GeneralBudget  # 一般公共预算财政拨款
    gov_fund: Fund  # 政府性基金预算财政拨款
    state_capital: Fund  # 国有资本经营预算财政拨款


@dataclass(frozen=True)
class BasicExpense:
    """一般公共预算财政拨款基本支出: 人员经费 and 公用经费 with the 经济分类 items that have money."""

    total: Decimal | None  # the 合计 the table prints; personnel + public may differ from it by a reported 尾差
    personnel: Decimal | None  # 人员经费
    public: Decimal | None  # 公用经费
    personnel_items: tuple[str, ...]
    public_items: tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    """The settled figures, grouped as a finance officer reads a disclosure (docs/templates.md lists them):
    the 收入支出决算总表 (statement), the 财政拨款 funds (funds.fiscal, funds.gpb, funds.gov_fund,
    funds.state_capital), the 基本支出 (basic), the staff, the “三公” 经费, 机关运行经费, 政府采购, 国有资产
    and 预算绩效 facts. A blank is None, never zero; each comparison with last year carries its cell."""

    unit_name: str
    year: int
    declared_unit: str
    unit_kind: str
    texts: Texts
    has_prior_folder: bool
    staff: tuple[StaffLine, ...]
    statement: Statement
    funds: Funds
    basic: BasicExpense
    three_public: ThreePublic
    admin_cost: Change | None
    procurement: Procurement
    assets: Assets
    performance: PerformanceFacts
    budget_totals: tuple[BudgetTotal, ...]  # each fund total's 年初 and 全年 budget, stated and Σ项 (check compares them)
    # what the later stages need to explain themselves
    base: YearBase  # each table as it states its figures (check compares them)
    prior: YearBase | None
    agreed: Agreed  # the tables as the document prints them: one value for a figure two tables state
    prior_pairs: PriorPairs  # each figure compared with last year, from both places it stands (check compares them)


def compute_figures(loaded: Loaded) -> Figures:
    current = compute_base(loaded.current)
    prior = compute_base(loaded.prior) if loaded.prior is not None else None
    return _figures(current, prior)


def _figures(cur: YearBase, prior: YearBase | None) -> Figures:
    unit = cur.unit
    overview = cur.item(layout.OVERVIEW.name)
    pairs = prior_pairs(cur, prior)

    def overview_change(name: str, current: Decimal | None, pair: PriorPair) -> Change | None:
        """A total of 预算及上年情况 against last year: last year's folder's figure, else the 上年决算数 typed here."""
        if current is None:
            return None
        base = pair.base
        return Change(current, base.value, overview.text(name, layout.REASON), _loc(overview, name, layout.REASON), base.location)

    agreed = agree(cur)
    statement = _statement(cur, agreed, lambda total: overview_change("收入支出总计", total, pairs.total))
    fiscal = agreed.fiscal

    def fiscal_total(name: str) -> Decimal | None:
        return known(cur, Key(layout.FISCAL.name, name, "合计"), fiscal.get(name, {}).get("合计"))

    fiscal_expense = fiscal_total("本年支出合计")
    gpb_total = agreed.gpb.known_total("合计")
    basic = agreed.basic.known_total("决算数")
    if not agreed.gpb.has_data and _no_fund_spending(fiscal.get("本年支出合计", {}), "一般公共预算财政拨款"):
        # no 一般公共预算 money (the 财政拨款 total says 0): an empty table is zero, not 未填报
        gpb_total = ZERO
        basic = ZERO if basic is None and not agreed.basic.has_data else basic
    gpb_items = _gpb_items(cur, prior, pairs)
    gov_fund_items = _fund_items(cur, layout.GOV_FUND.name)
    state_capital_items = _fund_items(cur, layout.STATE_CAPITAL.name)
    budgets = budget_totals(
        overview,
        {layout.GPB.name: gpb_items, layout.GOV_FUND.name: gov_fund_items, layout.STATE_CAPITAL.name: state_capital_items},
        cur.ledger.per_part,
    )
    by_total = {(b.name, b.column): b for b in budgets}

    def initial(name: str, current: Decimal | None) -> Change | None:
        return against(by_total[name, layout.BUDGET], current, overview)

    def adjusted(name: str, current: Decimal | None) -> Change | None:
        total = by_total[name, layout.ADJUSTED_BUDGET]
        return against(total, current, overview) if total.value is not None else None

    def fund(tree: Tree, name: str, items: tuple[ItemLine, ...]) -> Fund:
        return _fund(tree, by_total[name, layout.BUDGET], by_total[name, layout.ADJUSTED_BUDGET], overview, items)

    funds = Funds(
        fiscal=FiscalFunds(
            income_total=fiscal_total("收入总计"),
            opening=fiscal_total("年初财政拨款结转和结余"),
            income=fiscal_total("本年收入"),
            expense_total=fiscal_total("支出总计"),
            closing=fiscal_total("年末财政拨款结转和结余"),
            expense=fiscal_expense,
            change=overview_change("财政拨款收入支出总计", fiscal_total("支出总计"), pairs.fiscal),
            budget=initial(FISCAL_TOTAL, fiscal_expense),
            adjusted_budget=adjusted(FISCAL_TOTAL, fiscal_expense),
        ),
        gpb=GeneralBudget(
            total=gpb_total,
            share=share_known(gpb_total, statement.expense_this_year),
            change=overview_change("一般公共预算财政拨款支出", gpb_total, pairs.gpb_total),
            budget=initial(GPB_TOTAL, gpb_total),
            adjusted_budget=adjusted(GPB_TOTAL, gpb_total),
            classes=tuple(
                Share(n.name, n.value("合计"), share_known(n.value("合计"), gpb_total)) for n in agreed.gpb.classes if n.value("合计") != 0
            ),
            items=gpb_items,
        ),
        gov_fund=fund(agreed.gov_fund, GOV_FUND_TOTAL, gov_fund_items),
        state_capital=fund(agreed.state_capital, STATE_CAPITAL_TOTAL, state_capital_items),
    )
    return Figures(
        unit_name=unit.cover.unit_name,
        year=unit.cover.year,
        declared_unit=unit.cover.declared_unit,
        unit_kind=unit.cover.unit_kind,
        texts=unit.texts,
        has_prior_folder=prior is not None,
        staff=_staff(cur, pairs),
        statement=statement,
        funds=funds,
        basic=BasicExpense(
            total=basic,
            personnel=None if basic is None else cur.personnel,
            public=None if basic is None else cur.public,
            personnel_items=_economic_items(cur, personnel=True),
            public_items=_economic_items(cur, personnel=False),
        ),
        three_public=_three_public(cur, pairs),
        admin_cost=_admin_cost(cur, pairs),
        procurement=_procurement(cur),
        assets=_assets(cur),
        performance=_performance(cur),
        budget_totals=budgets,
        base=cur,
        prior=prior,
        agreed=agreed,
        prior_pairs=pairs,
    )


def _statement(cur: YearBase, agreed: Agreed, total_change: Callable[[Decimal | None], Change | None]) -> Statement:
    """The 收入支出决算总表's figures; TOTAL_CHANGE compares 收入总计 with last year."""
    summary = cur.summary

    def settled(name: str) -> Decimal | None:
        return known(cur, Key(layout.SUMMARY.name, name, layout.SUMMARY_AMOUNT), summary.get(name))

    income_this_year = settled("本年收入合计")
    expense_this_year = settled("本年支出合计")
    income_total = settled("收入总计")
    return Statement(
        income_total=income_total,
        income_this_year=income_this_year,
        non_fiscal_balance_used=summary.get("使用非财政拨款结余"),
        opening_balance=summary.get("年初结转和结余"),
        expense_total=settled("支出总计"),
        expense_this_year=expense_this_year,
        balance_distribution=summary.get("结余分配"),
        closing_balance=summary.get("年末结转和结余"),
        change=total_change(income_total),
        income_sources=_income_sources(cur, income_this_year),
        income_contents=_income_contents(cur),
        expense_kinds=tuple(
            Share(col, agreed.expense.known_total(col), share_known(agreed.expense.known_total(col), expense_this_year))
            for col in layout.EXPENSE_KINDS
            if agreed.expense.known_total(col) is not None
        ),
    )


def known(year: YearBase, key: Key, value: Decimal | None) -> Decimal | None:
    """A settled total, or None when it was left blank and some of its parts were too.

    Summing the parts that were typed would read each blank part as zero.
    """
    settlement = year.ledger.get(key)
    if value is None or settlement is None or settlement.declared is not None or settlement.complete:
        return value
    return None


def share_known(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole; None when either was not reported or the whole is zero."""
    if part is None or not whole:
        return None
    return share(part, whole)


def _z(value: Decimal | None) -> Decimal:
    return value if value is not None else ZERO


def _loc(table: ItemTable, name: str, column: str) -> Location | None:
    row = table.get(name)
    return row.source.at(column) if row else None


def _income_contents(cur: YearBase) -> tuple[tuple[str, str], ...]:
    """What 事业收入, 经营收入 and 其他收入 mainly are, for those with money this year (上海: a unit without
    事业收入 keeps the definition but lists nothing). The text is stripped of a closing "等" and
    punctuation, which the sentence adds."""
    table = cur.unit.item_table(layout.SUMMARY.name)
    contents = []
    for name in layout.EXPLAINED_INCOMES:
        text = table.text(name, layout.INCOME_CONTENT).strip().rstrip("。；;，,、 ").removesuffix("等").rstrip("。；;，,、 ")
        amount = cur.summary.get(name)
        if text and amount:
            contents.append((name, text))
    return tuple(contents)


def _no_fund_spending(spent: Mapping[str, Decimal | None], fund: str) -> bool:
    """The 财政拨款收入支出决算总表 says FUND spent nothing: its cell is 0, or blank (as published tables
    leave a zero) while the 合计 is all the other funds' known spending (no room for any)."""
    if spent.get(fund) is not None:
        return spent.get(fund) == 0
    total = spent.get("合计")
    others = [spent.get(c) for c in layout.FISCAL_FUNDS if c != fund]
    return total is not None and total == sum((v for v in others if v is not None), ZERO)


def _income_sources(cur: YearBase, income: Decimal | None) -> tuple[Share, ...]:
    """Each source that was reported; 财政拨款收入 is the three fiscal sources, known when all three are.

    Published 决算报表 leave a zero row blank: when a fund's row is blank, 财政拨款收入 is the
    本年收入 合计 the 财政拨款收入支出决算总表 states for the three funds (checked against the
    rows as cross-table figures), so the sentence keeps "财政拨款收入…，占…%"."""
    s = cur.summary
    fiscal = complete_total(s.get(n) for n in layout.FISCAL_INCOMES)
    if fiscal is None and any(s.get(n) is not None for n in layout.FISCAL_INCOMES):
        fiscal = cur.fiscal.get("本年收入", {}).get("合计")
    pairs = [("财政拨款收入", fiscal)] + [(n, s.get(n)) for n in layout.OTHER_INCOMES]
    return tuple(Share(n, v, share_known(v, income)) for n, v in pairs if v is not None)


def _gpb_items(cur: YearBase, prior: YearBase | None, pairs: PriorPairs) -> tuple[ItemLine, ...]:
    """Every 项 with a figure this year or last year, in code order."""
    lines = {}
    for node in cur.gpb.leaves():
        row = node.row
        pair = pairs.gpb_row(node.code)
        base = pair.base if pair is not None else PriorFigure(None, None)
        lines[node.code] = ItemLine(
            code=node.code,
            class_name=_name(cur, node.code[:3]),
            section_name=_name(cur, node.code[:5]),
            name=node.name,
            change=Change(node.value("合计"), base.value, row.reason if row else "", row.source.at(layout.REASON) if row else None, base.location),
            **_budgets(node.value("合计"), row),
        )
    if prior is not None and cur.gpb.has_data:  # an empty table is not every 项 降为零 (table-empty names it)
        for node in prior.gpb.leaves():
            if node.code not in lines and node.value("合计") != 0:
                lines[node.code] = ItemLine(
                    code=node.code,
                    class_name=_name(prior, node.code[:3]),
                    section_name=_name(prior, node.code[:5]),
                    name=node.name,
                    change=Change(ZERO, node.value("合计"), "", None, gpb_item_figure(prior, node.code).location),
                )
    # a 项 with a budget and no spending in either year is stated too (as _fund_items does): it counts in Σ项 of the
    # total's budget, and its 预决算差异 is the whole budget
    return tuple(
        line for code, line in sorted(lines.items())
        if line.change.current != 0 or (line.change.base or ZERO) != 0 or line.budget.base or line.adjusted_budget.base
    )


def _budgets(actual: Decimal, row: SubjectRow | None) -> dict[str, Any]:
    """A 项's 年初预算 and 全年预算 comparisons and its 主要用于, from the optional columns."""
    if row is None:
        return {}
    reason, where = row.text(layout.BUDGET_REASON), row.source.at(layout.BUDGET_REASON)
    return {
        "budget": Change(actual, row.amount(layout.BUDGET), reason, where, row.source.at(layout.BUDGET)),
        "adjusted_budget": Change(actual, row.amount(layout.ADJUSTED_BUDGET), reason, where, row.source.at(layout.ADJUSTED_BUDGET)),
        "purpose": row.text(layout.PURPOSE),
    }


def _fund_items(cur: YearBase, sheet: str) -> tuple[ItemLine, ...]:
    """Every 项 of a 政府性基金 / 国有资本经营 table with an expense, and its budget."""
    tree = cur.gov_fund if sheet == layout.GOV_FUND.name else cur.state_capital
    lines = []
    for node in tree.leaves():
        actual = node.value("本年支出合计")
        row = node.row
        if actual == 0 and (row is None or not (row.amount(layout.BUDGET) or row.amount(layout.ADJUSTED_BUDGET))):
            continue  # a 项 with a budget and no spending is stated (and counts in Σ项 of the total's budget)
        lines.append(
            ItemLine(
                code=node.code,
                class_name=_tree_name(tree, cur, node.code[:3]),
                section_name=_tree_name(tree, cur, node.code[:5]),
                name=node.name,
                change=Change(actual, None),
                **_budgets(actual, row),
            )
        )
    return tuple(lines)


def _tree_name(tree: Any, year: YearBase, code: str) -> str:
    node = tree.find(code)
    return node.name if node else (year.functional.name(code) or code)


def _name(year: YearBase, code: str) -> str:
    node = year.gpb.find(code)
    return node.name if node else (year.functional.name(code) or code)


def _economic_items(cur: YearBase, personnel: bool) -> tuple[str, ...]:
    from generator.compute.base import PERSONNEL_CLASSES

    names = []
    for cls in cur.basic.classes:
        if (cls.code in PERSONNEL_CLASSES) != personnel:
            continue
        for node in cls.children or (cls,):
            if node.value("决算数") != 0:
                names.append(node.name)
    return tuple(names)


def _fund(tree: Tree, initial: BudgetTotal, full: BudgetTotal, overview: ItemTable, items: tuple[ItemLine, ...]) -> Fund:
    """The fund's table totals; its spending against its budgets where the table has figures or a budget is known."""
    totals = [tree.total(c) for c in layout.FUND_COLUMNS]
    spent = totals[layout.FUND_COLUMNS.index("本年支出合计")]
    has_figures = any(totals) or initial.value is not None or full.value is not None
    opening, income, expense, basic, project, closing = totals
    return Fund(
        opening,
        income,
        expense,
        basic,
        project,
        closing,
        budget=against(initial, spent, overview) if has_figures else None,
        adjusted_budget=against(full, spent, overview) if full.value is not None else None,
        items=items,
    )


def _three_public(cur: YearBase, pairs: PriorPairs) -> ThreePublic:
    table = cur.item(layout.THREE_PUBLIC.name)
    details = cur.item(layout.THREE_PUBLIC_DETAILS.name)
    tp = cur.three_public
    total = known(cur, Key(table.sheet, "合计", "决算数"), tp.get("合计", {}).get("决算数"))

    def part(name: str) -> ThreePublicPart:
        values = tp.get(name, {})
        actual = values.get("决算数")
        if name in ("合计", "公务用车购置及运行维护费"):
            actual = known(cur, Key(table.sheet, name, "决算数"), actual)
        budget = values.get("全年预算数")
        base = pairs.three_public_part(name).base
        if actual is None:
            return ThreePublicPart(name=name, actual=None, budget=budget, share=None, change=None, budget_change=None)
        return ThreePublicPart(
            name=name,
            actual=actual,
            budget=budget,
            share=share_known(actual, total),
            change=Change(actual, base.value, table.text(name, layout.REASON), _loc(table, name, layout.REASON), base.location),
            budget_change=Change(
                actual, budget, table.text(name, layout.BUDGET_REASON), _loc(table, name, layout.BUDGET_REASON),
                _loc(table, name, "全年预算数"),
            ),
            initial_budget=Change(
                actual, values.get(layout.BUDGET), table.text(name, layout.BUDGET_REASON), _loc(table, name, layout.BUDGET_REASON),
                _loc(table, name, layout.BUDGET),
            ),
        )

    def count(name: str) -> Decimal | None:
        return details.amount(name, layout.CONTENT)

    def text(name: str) -> str:
        return details.text(name, layout.CONTENT)

    return ThreePublic(
        total=part("合计"),
        abroad=part(layout.ABROAD),
        vehicles=part(layout.VEHICLES),
        vehicle_purchase=part(layout.VEHICLE_PURCHASE),
        vehicle_running=part(layout.VEHICLE_RUNNING),
        reception=part(layout.RECEPTION),
        abroad_groups=count("因公出国（境）团组数"),
        abroad_people=count("因公出国（境）人次"),
        abroad_content=text("因公出国（境）费开支内容"),
        vehicles_bought=count("公务用车购置数"),
        vehicles_held=count("公务用车保有量"),
        vehicle_content=text("公务用车运行维护费开支内容"),
        vehicle_difference_reason=text("固定资产车辆与公务用车保有量差异原因"),
        reception_batches=count("国内公务接待批次"),
        reception_people=count("国内公务接待人次"),
        reception_content=text("公务接待费开支内容"),
        foreign_reception=count("外宾接待费"),
        foreign_batches=count("外宾接待批次"),
        foreign_people=count("外宾接待人次"),
        purchase_content=text("公务用车购置费开支内容"),
    )


def _admin_cost(cur: YearBase, pairs: PriorPairs) -> Change | None:
    table = cur.item(layout.OTHER_MATTERS.name)
    name = "机关运行经费"
    current = table.amount(name, "本年数")
    if current is None:
        return None
    base = pairs.admin_cost.base
    return Change(current, base.value, table.text(name, "说明"), _loc(table, name, "说明"), base.location)


def _procurement(cur: YearBase) -> Procurement:
    t = cur.item(layout.OTHER_MATTERS.name)

    def v(name: str) -> Decimal | None:
        return t.amount(name, "本年数")

    reserved = [t.amount(name, "本年数") for name in layout.SME_ITEMS]
    total = settle(
        Key(t.sheet, layout.PROCUREMENT_TOTAL, "本年数"),
        f"{t.sheet}「{layout.PROCUREMENT_TOTAL}」",
        v(layout.PROCUREMENT_TOTAL),
        [Part(name, v(name), _loc(t, name, "本年数")) for name in layout.PROCUREMENT_PARTS],
        _loc(t, layout.PROCUREMENT_TOTAL, "本年数"),
        cur.ledger.per_part,
    )
    sme_reserved, small_micro_reserved, sme_reserved_won, small_micro_reserved_won, sme_other_won = reserved
    return Procurement(
        v("政府采购货物支出"),
        v("政府采购工程支出"),
        v("政府采购服务支出"),
        v("授予中小企业合同金额"),
        v("授予小微企业合同金额"),
        sme_reserved,
        small_micro_reserved,
        sme_reserved_won,
        small_micro_reserved_won,
        sme_other_won,
        stated_total=total,
    )


def _performance(cur: YearBase) -> PerformanceFacts:
    t = cur.item(layout.OTHER_MATTERS.name)

    def v(name: str) -> Decimal | None:
        return t.amount(name, "本年数")

    return PerformanceFacts(
        targets=v("绩效目标项目数"),
        targets_amount=v("绩效目标项目金额"),
        monitored=v("绩效跟踪项目数"),
        monitored_amount=v("绩效跟踪项目金额"),
        evaluated=v("绩效自评项目数"),
        evaluated_amount=v("绩效自评项目金额"),
        average_score=v("绩效自评平均分"),
        grades=tuple((grade, v(f"绩效评级为{grade}的项目数")) for grade in GRADES),
        problems=v("绩效自评发现问题数"),
        rectified=v("绩效自评问题已整改数"),
        systems=tuple(cur.unit.texts.performance_systems),
    )


def _assets(cur: YearBase) -> Assets:
    t = cur.item(layout.OTHER_MATTERS.name)

    def v(name: str) -> Decimal | None:
        return t.amount(name, "本年数")

    return Assets(
        house_area=v("房屋面积"),
        house_value=v("房屋价值"),
        vehicle_value=v("车辆价值"),
        vehicles_by_kind=tuple((k, row.amount("本年数")) for k, row in t.rows.items() if k.endswith("用车")),
        vehicles_bought_by_kind=tuple(
            (k, n) for k, row in t.rows.items() if k.endswith("用车") and (n := row.amount(layout.PURCHASED)) is not None
        ),
        other_vehicle_use=t.text("其他用车", "说明"),
        equipment=v("单价100万元（含）以上设备"),
    )


def _staff(cur: YearBase, pairs: PriorPairs) -> tuple[StaffLine, ...]:
    table = cur.item(layout.STAFF.name)
    lines = []
    for name in layout.STAFF_ITEMS:
        current = table.amount(name, "本年人数")
        if current is None:
            lines.append(StaffLine(name, None))
            continue
        base = pairs.staff_count(name).base
        lines.append(StaffLine(name, Change(current, base.value, base_location=base.location)))
    return tuple(lines)
