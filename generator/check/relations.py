"""Relations that hold in a correct disclosure beyond plain sums (DOMAIN.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from generator import layout
from generator.check.compare import Stated, disagreement
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.display import more_or_less
from generator.findings import Finding, Location, Severity, emit


@emits("personnel-public-mismatch", needs=(layout.BASIC.name,))
def check_personnel_and_public(ctx: CheckContext) -> Iterator[Finding]:
    """人员经费 = 301 + 303 and 公用经费 = 302 + 310 + … against the typed 合计 lines."""
    b = ctx.figures.base
    table = b.unit.subject(layout.BASIC.name)
    for name, value in (("人员经费合计", b.personnel), ("公用经费合计", b.public)):
        row = table.extra_totals.get(name)
        if row is None:
            continue
        classes = "301工资福利支出、303对个人和家庭的补助" if name == "人员经费合计" else "302商品和服务支出、310资本性支出等"
        f = disagreement(
            ctx,
            "personnel-public-mismatch",
            Stated(f"《{table.sheet}》「{name}」", row.amount("决算数"), row.source.at("决算数")),
            Stated(f"{classes}之和", value),
        )
        if f:
            yield f


@emits("income-expense-unbalanced", needs=(layout.SUMMARY.name, layout.FISCAL.name))
def check_income_equals_expense(ctx: CheckContext) -> Iterator[Finding]:
    """收入总计 = 支出总计 in both summary tables."""
    f = ctx.figures
    pairs = (
        (layout.SUMMARY.name, "金额", f.statement.income_total, f.statement.expense_total),
        (layout.FISCAL.name, "合计", f.funds.fiscal.income_total, f.funds.fiscal.expense_total),
    )
    for sheet, column, income, expense in pairs:
        table = f.base.unit.item_table(sheet)
        if not (table.get("收入总计") or table.get("支出总计")):
            continue
        d = disagreement(
            ctx,
            "income-expense-unbalanced",
            Stated(f"《{sheet}》「收入总计」", income, _at(table, "收入总计", column)),
            Stated("「支出总计」", expense, _at(table, "支出总计", column)),
        )
        if d:
            yield d


FUND_FLOW = ("年初财政拨款结转和结余", "本年收入", "本年支出合计", "年末财政拨款结转和结余")


@emits("fund-closure-mismatch", needs=(layout.FISCAL.name,))
def check_fund_closure(ctx: CheckContext) -> Iterator[Finding]:
    """Each fund column of 财政拨款收入支出决算总表: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出.

    The 合计 column balancing (收入总计 = 支出总计) does not show money typed in the wrong fund:
    each fund's balance carries over on its own. Three figures make the expected closing, so
    the 尾差 tolerance is three parts' worth, as for a total of three parts.
    """
    f = ctx.figures
    table = f.base.unit.item_table(layout.FISCAL.name)
    tolerance = f.base.ledger.per_part * len(FUND_FLOW[:3])
    for fund in layout.FISCAL_COLUMNS[1:]:
        opening, income, expense, closing = (f.base.fiscal.get(name, {}).get(fund) for name in FUND_FLOW)
        if opening is None or income is None or expense is None or closing is None:
            continue  # a blank is not zero: blank-required/blank-left-out name it
        expected = opening + income - expense
        difference = closing - expected
        if difference == 0:
            continue
        where = _at(table, FUND_FLOW[3], fund) or Location(file=f.base.unit.cover.source.file, sheet=layout.FISCAL.name, field=f"{FUND_FLOW[3]}.{fund}")
        residue = abs(difference) <= tolerance
        yield emit(
            "fund-closure-mismatch",
            where,
            severity=Severity.WARNING if residue else Severity.ERROR,
            stated=closing,
            expected=expected,
            difference=difference,
            tolerance=tolerance,
            fund=fund,
            sheet=layout.FISCAL.name,
            stated_text=money(ctx, closing),
            opening_text=money(ctx, opening),
            income_text=money(ctx, income),
            expense_text=money(ctx, expense),
            expected_text=money(ctx, expected),
            direction=more_or_less(difference),
            difference_text=money(ctx, abs(difference)),
            advice="（差额在尾差范围内）" if residue else "；每一类财政拨款的结转结余应各自衔接，请核对该列四项金额",
        )


def admin_units(unit_kind: str, subordinate_units: tuple[str, ...] | None) -> str:
    """Which units 机关运行经费 covers: "all" (a 行政 or 参公 unit alone: the whole 公用经费), "none" (a
    事业单位) or "some" (a department of 行政/参公 and 事业 units: the 单位性质 names both, or a listed
    部门决算单位 says it is a 事业单位 — its 公用经费 is not 机关运行经费)."""
    kind = unit_kind.replace("参照公务员法管理的事业单位", "参公").replace("参照公务员法管理事业单位", "参公")
    administrative = "行政" in kind or "参公" in kind or "机关" in kind
    institutional = "事业" in kind
    listed = " ".join(subordinate_units or ()).replace("参照公务员法管理的事业单位", "参公").replace("参照公务员法管理事业单位", "参公")
    if institutional and not administrative:
        return "none"
    if (institutional and administrative) or "混合" in kind or "事业" in listed:
        return "some"
    return "all"


@emits("admin-cost-mismatch", "admin-cost-exceeds-public", needs=(layout.OTHER_MATTERS.name, layout.BASIC.name))
def check_admin_cost(ctx: CheckContext) -> Iterator[Finding]:
    """机关运行经费 is the 公用经费 of the 基本支出 for 行政单位 and 参公单位; of a mixed department, a part of it."""
    f = ctx.figures
    table = f.base.unit.item_table(layout.OTHER_MATTERS.name)
    row = table.get("机关运行经费")
    covers = admin_units(f.unit_kind, f.texts.subordinate_units)
    if covers == "none":
        raise NotApplicable("事业单位的机关运行经费不等于基本支出中的公用经费")
    if row is None or row.amount("本年数") is None or not f.base.basic.has_data or f.basic.public is None:
        raise NotApplicable("未填机关运行经费或基本支出")
    stated = row.amount("本年数")
    if covers == "some":
        # only the 行政/参公 units' 公用经费: less than the department's is right, more never is
        if stated is not None and stated > f.basic.public:
            yield emit(
                "admin-cost-exceeds-public",
                row.source.at("本年数"),
                stated=stated,
                public=f.basic.public,
                stated_text=money(ctx, stated),
                public_text=money(ctx, f.basic.public),
            )
        return
    d = disagreement(
        ctx,
        "admin-cost-mismatch",
        Stated("「机关运行经费」", stated, row.source.at("本年数")),
        Stated("基本支出中的公用经费", f.basic.public),
        "行政单位和参照公务员法管理的事业单位，机关运行经费即财政拨款基本支出中的公用经费"
        "（部门中有事业单位时，请在封面「单位性质」写明，如“行政单位和事业单位”）",
    )
    if d:
        yield d


_SAYS_NO_DIFFERENCE = re.compile(r"无差异|没有差异|不存在差异|一致|相同|相符|无差别")


@emits("vehicle-count-unexplained", "vehicle-count-mismatch", needs=(layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name))
def check_vehicles(ctx: CheckContext) -> Iterator[Finding]:
    """公务用车保有量 against the vehicles in 国有资产占用; a difference needs its reason."""
    tp = ctx.figures.three_public
    held = tp.vehicles_held
    owned = ctx.figures.assets.vehicles
    if held is None or owned is None:
        raise NotApplicable("公务用车保有量或国有资产中的车辆数未填")
    if held == owned:
        return
    details = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC_DETAILS.name)
    said = tp.vehicle_difference_reason.strip()
    if said and _SAYS_NO_DIFFERENCE.search(said):
        yield emit("vehicle-count-mismatch", _at(details, "公务用车保有量", layout.CONTENT), held=held, owned=owned, reason=said)
        return
    if said:
        return
    yield emit("vehicle-count-unexplained", _at(details, "公务用车保有量", layout.CONTENT), held=held, owned=owned)


@emits("procurement-total-mismatch", needs=(layout.OTHER_MATTERS.name,))
def check_procurement_total(ctx: CheckContext) -> Iterator[Finding]:
    """The 政府采购支出总额 a person typed is 货物 + 工程 + 服务: within 尾差 a warning (the typed total
    stands), beyond it an error (the sentence states the sum)."""
    s = ctx.figures.procurement.stated_total
    if s is None or s.declared is None:
        raise NotApplicable(f"未填{layout.PROCUREMENT_TOTAL}")
    diff = s.difference
    if diff is None or diff == 0:
        return
    yield emit(
        "procurement-total-mismatch",
        s.location or Location(sheet=layout.OTHER_MATTERS.name, field=layout.PROCUREMENT_TOTAL),
        severity=Severity.WARNING if s.is_residue else Severity.ERROR,
        stated=s.declared,
        expected=s.parts_sum,
        difference=diff,
        tolerance=s.tolerance,
        stated_text=money(ctx, s.declared),
        expected_text=money(ctx, s.parts_sum),
        verdict="存在尾差（在四舍五入允许范围内，按填写的总额使用）" if s.is_residue else "不一致（公开说明改用三项之和）",
        direction=more_or_less(diff),
        difference_text=money(ctx, abs(diff)),
        parts="＋".join(f"{p.label}（{p.location.cell}）" if p.location and p.location.cell else p.label for p in s.parts if p.value is not None),
    )


@emits("procurement-share-exceeds", needs=(layout.OTHER_MATTERS.name,))
def check_procurement(ctx: CheckContext) -> Iterator[Finding]:
    """授予小微企业 ⊆ 授予中小企业 ⊆ 政府采购支出总额."""
    p = ctx.figures.procurement
    table = ctx.figures.base.unit.item_table(layout.OTHER_MATTERS.name)
    if p.sme is not None and p.total is not None and p.sme > p.total:
        yield emit(
            "procurement-share-exceeds",
            _at(table, "授予中小企业合同金额", "本年数"),
            sme=p.sme,
            total=p.total,
            part="授予中小企业合同金额",
            part_text=money(ctx, p.sme),
            whole="政府采购支出总额",
            whole_text=money(ctx, p.total),
            note="" if p.stated_total is not None and p.stated_total.declared is not None else "（货物、工程、服务之和）",
        )
    won = None if p.sme_reserved_won is None or p.sme_other_won is None else p.sme_reserved_won + p.sme_other_won
    if won is not None and p.total is not None and won > p.total:
        yield emit(
            "procurement-share-exceeds",
            _at(table, "其他项目中小企业中标金额", "本年数"),
            sme=won,
            total=p.total,
            part="中小企业中标金额",
            part_text=f"（预留项目{money(ctx, p.sme_reserved_won)}＋其他项目{money(ctx, p.sme_other_won)}＝{money(ctx, won)}）",
            whole="政府采购支出总额",
            whole_text=money(ctx, p.total),
            note="" if p.stated_total is not None and p.stated_total.declared is not None else "（货物、工程、服务之和）",
        )
    for small, whole, small_name, whole_name in (
        (p.small_micro_reserved, p.sme_reserved, "面向小微企业预留项目预算金额", "面向中小企业预留项目预算金额"),
        (p.small_micro_reserved_won, p.sme_reserved_won, "预留项目小微企业中标金额", "预留项目中小企业中标金额"),
    ):
        if small is not None and whole is not None and small > whole:
            yield emit(
                "procurement-share-exceeds",
                _at(table, small_name, "本年数"),
                small_micro=small,
                sme=whole,
                part=f"「{small_name}」",
                part_text=money(ctx, small),
                whole=f"「{whole_name}」",
                whole_text=money(ctx, whole),
                note="（小微企业是中小企业的一部分）",
            )
    if p.small_micro is not None and p.sme is not None and p.small_micro > p.sme:
        yield emit(
            "procurement-share-exceeds",
            _at(table, "授予小微企业合同金额", "本年数"),
            small_micro=p.small_micro,
            sme=p.sme,
            part="授予小微企业合同金额",
            part_text=money(ctx, p.small_micro),
            whole="授予中小企业合同金额",
            whole_text=money(ctx, p.sme),
            note="",
        )


@emits("staff-total-mismatch", needs=(layout.STAFF.name,))
def check_staff(ctx: CheckContext) -> Iterator[Finding]:
    """实有人数 = 在职 + 离休 + 退休."""
    table = ctx.figures.base.unit.item_table(layout.STAFF.name)
    for column in ("本年人数", "上年人数"):
        total = table.amount("实有人数", column)
        parts = [table.amount(n, column) for n in layout.STAFF_ITEMS[1:]]
        if total is None or all(p is None for p in parts):
            continue
        s = sum(p for p in parts if p is not None)
        if s != total:
            yield emit("staff-total-mismatch", _at(table, "实有人数", column), stated=total, expected=s, column=column)


@emits("three-public-below-basic", needs=(layout.THREE_PUBLIC.name, layout.BASIC.name))
def check_three_public_in_basic(ctx: CheckContext) -> Iterator[Finding]:
    """The 三公 paid from basic expenditure cannot exceed the 三公 total."""
    b = ctx.figures.base
    tp = ctx.figures.three_public
    pairs = (
        ("30212", "因公出国（境）费", tp.abroad.actual),
        ("30217", "公务接待费", tp.reception.actual),
        ("30231", "公务用车运行维护费", tp.vehicle_running.actual),
        ("31013", "公务用车购置费", tp.vehicle_purchase.actual),
    )
    for code, name, total in pairs:
        node = b.basic.find(code)
        if node is None or total is None or node.value("决算数") <= total:
            continue
        yield emit(
            "three-public-below-basic",
            node.row.source.at("决算数") if node.row else _at(b.unit.item_table(layout.THREE_PUBLIC.name), name, "决算数"),
            basic=node.value("决算数"),
            three_public=total,
            subject=f"{code} {node.name}",
            basic_text=money(ctx, node.value("决算数")),
            name=name,
            three_public_text=money(ctx, total),
        )


def _at(table, name: str, column: str):
    row = table.get(name)
    return row.source.at(column) if row else None



@emits("vehicle-purchases-mismatch", needs=(layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name))
def check_vehicle_purchases(ctx: CheckContext) -> Iterator[Finding]:
    """The 本年购置数 by category add up to the 公务用车购置数 of 三公经费明细 (when both are given)."""
    by_kind = ctx.figures.assets.vehicles_bought_by_kind
    bought = ctx.figures.three_public.vehicles_bought
    if not by_kind or bought is None:
        raise NotApplicable("未按类别填写车辆本年购置数，或未填公务用车购置数")
    total = sum((n for _, n in by_kind), Decimal(0))
    if total == bought:
        return
    details = ctx.figures.base.unit.item_table(layout.THREE_PUBLIC_DETAILS.name)
    listed = "、".join(f"{k}{n}辆" for k, n in by_kind)
    yield emit(
        "vehicle-purchases-mismatch",
        _at(details, "公务用车购置数", layout.CONTENT),
        stated=bought,
        expected=total,
        difference=bought - total,
        listed=listed,
    )
