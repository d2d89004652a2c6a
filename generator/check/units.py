"""Amounts typed in 元 in a workbook declared in 万元.

Size alone is doubtful evidence (a single large amount may be real): such an outlier is a
warning. The evidence is strong, and the finding an error, when something else the workbook
states measures the factor: dividing the amount by 10000 makes its typed total agree, the
figures are ≈10000× last year's, or the 人员经费 per person is impossible in 万元. A document
that says "收入总计5,052,000.00万元" must not be written without --force.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from statistics import median
from typing import Any

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import NotApplicable, emits
from generator.compute.change import Change
from generator.compute.totals import Key, Settlement
from generator.display import format_amount
from generator.findings import Finding, Location, emit

# A typed 万元 amount this many times the typical amount of its table is most likely in 元.
RATIO = Decimal(1000)
FLOOR = Decimal(10000)  # 1亿元 in 万元: below this nothing is suspicious by size alone
YUAN_PER_WANYUAN = Decimal(10000)
# Figures this many times last year's (for several figures at once) are in 元, not grown: the band
# is wide around 10000× so that a real change of the year does not hide the factor.
PRIOR_BAND = (Decimal(2000), Decimal(50000))
# A typical 人员经费 per person and year, in 万元: per-person figures ≥ 1000× this are impossible.
TYPICAL_PER_PERSON = Decimal(20)


@dataclass(frozen=True)
class Evidence:
    """Why the whole workbook is in 元: the factor measured (None when only the size says so) and where."""

    factor: Decimal | None
    reference: str
    cells: tuple[str, ...]


@emits("workbook-looks-like-yuan", "amount-in-yuan", "amount-looks-like-yuan", needs=(layout.COVER.name, layout.SUMMARY.name, layout.STAFF.name))
def check_yuan_in_wanyuan(ctx: CheckContext) -> Iterator[Finding]:
    unit = ctx.figures.base.unit
    if unit.cover.declared_unit != "万元":
        raise NotApplicable("封面金额单位为元")
    cells = _amount_cells(ctx)
    if not cells:
        return
    typical = Decimal(median(v for v, _, _ in cells))
    whole = _whole_workbook(ctx, cells, typical)
    if whole is not None:
        yield emit(
            "workbook-looks-like-yuan",
            _cover_unit_cell(ctx),
            typical=typical,
            factor=whole.factor,
            reference=whole.reference,
            cells=list(whole.cells),
            factor_text=f"约为应有数的{whole.factor:,.0f}倍，" if whole.factor else "",
        )
        return
    settlements = list(ctx.figures.base.ledger.settlements.values())
    for value, row, header in cells:
        if value < FLOOR or value < typical * RATIO:
            continue
        where = row.source.at(header)
        confirmed = _closes_a_total(value, where, settlements)
        if confirmed is not None:
            yield emit(
                "amount-in-yuan",
                where,
                value=value,
                factor=YUAN_PER_WANYUAN,
                expected=value / YUAN_PER_WANYUAN,
                reference=confirmed,
                value_text=money(ctx, value),
                expected_text=money(ctx, value / YUAN_PER_WANYUAN),
            )
        else:
            yield emit("amount-looks-like-yuan", where, value=value, typical=typical)


def _amount_cells(ctx: CheckContext) -> list[tuple[Decimal, Any, str]]:
    """Every non-zero typed amount: (value, row, header); locations are built only when flagged."""
    unit = ctx.figures.base.unit
    cells: list[tuple[Decimal, Any, str]] = []
    for spec in layout.SUBJECT_SHEETS:
        table = unit.subject(spec.name)
        for row in ([table.declared_total] if table.declared_total else []) + list(table.rows):
            for header, value in row.amounts.items():
                if value:
                    cells.append((value, row, header))
    for item_spec in layout.ITEM_SHEETS:
        if item_spec is layout.COVER:
            continue
        kinds = {item.name: item.kind for item in item_spec.items}
        items = unit.item_table(item_spec.name)
        for item_row in list(items.rows.values()) + list(items.class_rows.values()):
            open_kind = item_spec.open_kind if item_spec.open_suffix and item_row.name.endswith(item_spec.open_suffix) else None
            if kinds.get(item_row.name, open_kind or layout.Kind.AMOUNT) is not layout.Kind.AMOUNT:
                continue
            for col in item_spec.columns:
                value = item_row.amount(col.header)
                if col.kind is layout.Kind.AMOUNT and value:
                    cells.append((value, item_row, col.header))
    return cells


def _whole_workbook(ctx: CheckContext, cells: list[tuple[Decimal, Any, str]], typical: Decimal) -> Evidence | None:
    """Strong evidence that every amount is in 元, or None."""
    f = ctx.figures
    changes: list[tuple[str, Change | None, Key | None]] = [
        ("收入支出总计", f.statement.change, Key(layout.SUMMARY.name, "收入总计", layout.SUMMARY_AMOUNT)),
        ("财政拨款收入支出总计", f.funds.fiscal.change, Key(layout.FISCAL.name, "支出总计", "合计")),
        ("一般公共预算财政拨款支出", f.funds.gpb.change, None),
        ("“三公”经费合计", f.three_public.total.change, None),
        ("机关运行经费", f.admin_cost, None),
    ]
    ratios = [(label, c.current / c.base, key) for label, c, key in changes if c is not None and c.base and c.current]
    in_band = [(label, r, key) for label, r, key in ratios if PRIOR_BAND[0] <= r <= PRIOR_BAND[1]]
    if len(in_band) >= 2 and 2 * len(in_band) >= len(ratios):
        measured = Decimal(median(r for _, r, _ in in_band))
        named = "、".join(f"{label}{r:,.0f}倍" for label, r, _ in in_band)
        return Evidence(_power_of_ten(measured), f"本年数约为上年数的{measured:,.0f}倍：{named}", _cells_of(ctx, [k for _, _, k in in_band]))
    per_person = _per_person(ctx)
    if per_person is not None:
        factor = _power_of_ten(per_person / TYPICAL_PER_PERSON)
        if factor >= 1000:
            return Evidence(
                factor,
                f"人员经费{money(ctx, f.basic.personnel)}，实有人数{_staff_count(ctx)}人，人均{money(ctx, per_person)}，按万元不可能",
                (),
            )
    if typical >= FLOOR * 10 and all(v == v.to_integral_value() for v, _, _ in cells):
        return Evidence(None, f"所有金额均为整数且中位数达{money(ctx, typical)}", ())
    return None


def _power_of_ten(x: Decimal) -> Decimal:
    """The power of ten nearest to x (on a log scale): 9,987 → 10,000."""
    return Decimal(10) ** round(math.log10(x)) if x > 0 else Decimal(1)


def _staff_count(ctx: CheckContext) -> Decimal | None:
    line = next((s for s in ctx.figures.staff if s.name == "实有人数"), None)
    return line.change.current if line is not None and line.change is not None else None


def _per_person(ctx: CheckContext) -> Decimal | None:
    count, personnel = _staff_count(ctx), ctx.figures.basic.personnel
    if not count or not personnel:
        return None
    return personnel / count


def _cells_of(ctx: CheckContext, keys: list[Key | None]) -> tuple[str, ...]:
    ledger = ctx.figures.base.ledger
    found = [ledger.get(k) for k in keys if k]
    return tuple(str(s.location) for s in found if s is not None and s.location is not None)


def _cover_unit_cell(ctx: CheckContext) -> Location:
    unit = ctx.figures.base.unit
    row = unit.item_table(layout.COVER.name).get("金额单位")
    return row.source.at("内容") if row is not None else Location(file=unit.cover.source.file, sheet=layout.COVER.name)


def _closes_a_total(value: Decimal, where: Location, settlements: list[Settlement]) -> str | None:
    """The label of the typed total this amount is a part of, when it agrees once the amount is divided by 10000."""
    for s in settlements:
        if not s.is_mismatch or s.declared is None or s.parts_sum is None:
            continue
        if not any(p.location == where for p in s.parts):
            continue
        if abs(s.parts_sum - value + value / YUAN_PER_WANYUAN - s.declared) <= s.tolerance:
            return s.label
    return None


# A 元 workbook whose amounts were typed in 万元 reads "收入总计0.12万元": a budget unit's 收入总计
# is never below 1万元 (10,000 元); the 人员经费 per person is then a few 元, and last year's figures
# (when known) are ≈10000× this year's.
SMALLEST_TOTAL = Decimal(1)  # 万元


@emits("workbook-looks-like-wanyuan", needs=(layout.COVER.name, layout.SUMMARY.name))
def check_wanyuan_in_yuan(ctx: CheckContext) -> Iterator[Finding]:
    """The 封面 says 元, but the amounts are 万元 figures: the document would print them 10000× too small."""
    f = ctx.figures
    if f.base.unit.cover.declared_unit != "元":
        raise NotApplicable("封面金额单位不是元")
    total = next((v for v in (f.statement.income_total, f.statement.expense_total, f.statement.income_this_year, f.funds.fiscal.expense, f.funds.gpb.total) if v), None)
    if total is None or total >= SMALLEST_TOTAL:
        return
    reasons = [f"收入支出总计只有{money(ctx, total)}"]
    per_person = _per_person(ctx)
    if per_person is not None and per_person * 1000 <= TYPICAL_PER_PERSON:
        reasons.append(f"人员经费{money(ctx, f.basic.personnel)}，实有人数{_staff_count(ctx)}人，人均{money(ctx, per_person)}")
    ratios = [c.base / c.current for c in (f.statement.change, f.funds.fiscal.change, f.funds.gpb.change) if c is not None and c.base and c.current]
    if any(PRIOR_BAND[0] <= r <= PRIOR_BAND[1] for r in ratios):
        reasons.append("上年数约为本年数的10000倍")
    yield emit("workbook-looks-like-wanyuan", _cover_unit_cell(ctx), stated=total, reasons="；".join(reasons), shown=format_amount(total))
