"""The flat names templates used for the settled figures before `Figures` was grouped by the domain.

Until this release a template read `f.gpb_total`, `f.fiscal_change`, `f.basic_total` … (one flat list
shaped by the default template's sections). The figures are now grouped as a finance officer reads
them: `f.statement` (收入支出决算总表), `f.funds.fiscal` / `.gpb` / `.gov_fund` / `.state_capital`
(财政拨款 and its three funds), `f.basic` (基本支出). A user's template written against the old names
keeps working for this release: each old name is a documented alias of its new one (the frozen `f`
holds both, generator.render.values), and `check`/`generate` warn `template-variable-renamed` naming
the replacement (generator.render.manifest). docs/templates.md has the table.
"""

from __future__ import annotations

# old name under f -> its new path under f
RENAMED: dict[str, str] = {
    # 收入支出决算总表
    "income_total": "statement.income_total",
    "income_this_year": "statement.income_this_year",
    "non_fiscal_balance_used": "statement.non_fiscal_balance_used",
    "opening_balance": "statement.opening_balance",
    "expense_total": "statement.expense_total",
    "expense_this_year": "statement.expense_this_year",
    "balance_distribution": "statement.balance_distribution",
    "closing_balance": "statement.closing_balance",
    "total_change": "statement.change",
    "income_sources": "statement.income_sources",
    "income_contents": "statement.income_contents",
    "income_content": "statement.income_content",
    "expense_kinds": "statement.expense_kinds",
    # 财政拨款
    "fiscal_income_total": "funds.fiscal.income_total",
    "fiscal_opening": "funds.fiscal.opening",
    "fiscal_income": "funds.fiscal.income",
    "fiscal_expense_total": "funds.fiscal.expense_total",
    "fiscal_closing": "funds.fiscal.closing",
    "fiscal_expense": "funds.fiscal.expense",
    "fiscal_change": "funds.fiscal.change",
    "fiscal_budget": "funds.fiscal.budget",
    "fiscal_adjusted_budget": "funds.fiscal.adjusted_budget",
    # 一般公共预算财政拨款
    "gpb_total": "funds.gpb.total",
    "gpb_share": "funds.gpb.share",
    "gpb_change": "funds.gpb.change",
    "gpb_budget": "funds.gpb.budget",
    "gpb_adjusted_budget": "funds.gpb.adjusted_budget",
    "gpb_classes": "funds.gpb.classes",
    "gpb_items": "funds.gpb.items",
    # 基本支出
    "basic_total": "basic.total",
    "personnel": "basic.personnel",
    "public": "basic.public",
    "personnel_items": "basic.personnel_items",
    "public_items": "basic.public_items",
    # 政府性基金, 国有资本经营
    "gov_fund": "funds.gov_fund",
    "gov_fund_items": "funds.gov_fund.items",
    "state_capital": "funds.state_capital",
    "state_capital_items": "funds.state_capital.items",
}


def renamed_chain(chain: str) -> tuple[str, str] | None:
    """(old, new) when CHAIN (a variable a template reads, `f.gpb_total.…`) starts with an old name under f."""
    head, _, rest = chain.partition(".")
    if head != "f" or not rest:
        return None
    name, dot, tail = rest.partition(".")
    new = RENAMED.get(name)
    if new is None:
        return None
    return f"f.{name}", f"f.{new}{dot}{tail}"


def current_chain(chain: str) -> str:
    """CHAIN in the current names (itself when it uses none of the old ones)."""
    found = renamed_chain(chain)
    return found[1] if found is not None else chain
