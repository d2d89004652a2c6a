"""Errors put into a drawn unit-year, each with the finding `check` must report for it, and the plan
of which errors go into which unit."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator import layout
from generator.self_evaluation import layout as perf_layout

from .codes import CodeTables, Item
from .draw import Year
from .evaluation import Evaluation
from .values import Amounts

WORKBOOK, TEXTS, SELF_EVALUATION = layout.WORKBOOK, layout.TEXTS, perf_layout.WORKBOOK_NAME


@dataclass
class Unit:
    """What is being written for one unit-year: its values, texts and evaluation, mutable until written."""

    rng: random.Random
    tables: CodeTables
    items: list[Item]
    cur: Year
    prior: Year | None
    unit: str
    kind: str  # 单位性质
    values: dict[str, Any]
    texts: str
    evaluation: Evaluation
    has_prior_folder: bool
    used: set[str] = field(default_factory=set)  # 项 whose row an injection changed: the next one takes another

    def scale(self, cents: int) -> float | int:
        value = Amounts(self.unit)(cents)
        assert value is not None
        return value

    def row(self, sheet: str, code: str) -> list[Any]:
        rows = self.values[sheet]
        for i, r in enumerate(rows):
            if r[0] == code:
                rows[i] = list(r)
                return rows[i]
        raise KeyError(code)


@dataclass(frozen=True)
class Injection:
    """One kind of error: how to put it into a unit, and what `check` must say about it."""

    kind: str
    code: str
    file: str
    sheet: str | None
    apply: Callable[[Unit], None]
    alone: bool = False  # a loading error: the checks after loading do not run, so it is the unit's only error
    needs: Callable[[Unit], bool] = lambda u: True
    description: str = ""


def _add(cell_value: Any, amount: float | int) -> float:
    return float(Decimal(repr(cell_value)) + Decimal(repr(amount)))


def _largest_item(u: Unit, take: bool = True) -> str:
    """The largest 项 no other injection changed; TAKE marks it as changed."""
    code = max((c for c in u.cur.totals if c not in u.used), key=lambda c: (u.cur.totals[c], c))
    if take:
        u.used.add(code)
    return code


def _changed_item(u: Unit, up: bool | None = None, take: bool = False) -> str | None:
    """A 项 no other injection changed whose change on last year is at least 10% (and in direction UP if given)."""
    assert u.prior is not None
    for code, t in u.cur.totals.items():
        p = u.prior.totals[code]
        if code not in u.used and p and t and abs(t - p) * 10 >= p and (up is None or (t > p) is up):
            if take:
                u.used.add(code)
            return code
    return None


def _inject_total_mismatch(u: Unit) -> None:
    s = u.values[layout.SUMMARY.name]
    s["本年收入合计"] = [_add(s["本年收入合计"][0], u.scale(1234))]


def _inject_residue_summary(u: Unit) -> None:
    s = u.values[layout.SUMMARY.name]
    s["收入总计"] = [_add(s["收入总计"][0], -0.01)]
    s["支出总计"] = [_add(s["支出总计"][0], -0.01)]


def _inject_text(u: Unit) -> None:
    row = u.row(layout.GPB.name, _largest_item(u))
    row[3] = "见附表"


def _inject_cross(u: Unit) -> None:
    fiscal = u.values[layout.FISCAL.name]
    cls = _largest_item(u, take=False)[:3]
    name = u.tables.classes[cls]
    fiscal[name] = [_add(fiscal[name][0], u.scale(500)), _add(fiscal[name][1], u.scale(500)), 0, 0]


def _inject_personnel(u: Unit) -> None:
    rows = u.values[layout.BASIC.name]
    for i, r in enumerate(rows):
        if r[1] == "人员经费合计":
            rows[i] = (r[0], r[1], _add(r[2], u.scale(300)))


def _inject_unknown_code(u: Unit) -> None:
    code = _largest_item(u)
    known = set(u.tables.items) | {i.code for i in u.items}
    unknown = next(f"{code[:5]}{n:02d}" for n in range(98, 0, -1) if f"{code[:5]}{n:02d}" not in known)
    u.row(layout.GPB.name, code)[0] = unknown
    u.values[layout.GPB.name].sort(key=lambda r: (r[0] != "", r[0]))


def _inject_yuan(u: Unit) -> None:
    row = u.row(layout.GPB.name, _largest_item(u))
    row[2] = _add(row[2], 0) * 10000


def _inject_no_reason(u: Unit) -> None:
    code = _changed_item(u, take=True)
    assert code is not None
    u.row(layout.GPB.name, code)[6] = None


def _inject_contradiction(u: Unit) -> None:
    code = _changed_item(u, up=True, take=True)
    assert code is not None
    u.row(layout.GPB.name, code)[6] = "本年压减一般性支出，相应支出减少。"


def _inject_row_total(u: Unit) -> None:
    rows = u.values[layout.EXPENSE.name]
    rows[0] = (*rows[0][:2], _add(rows[0][2], u.scale(777)), *rows[0][3:])


def _inject_unbalanced(u: Unit) -> None:
    s = u.values[layout.SUMMARY.name]
    s["年末结转和结余"] = [_add(s["年末结转和结余"][0], u.scale(2000))]
    s["支出总计"] = [_add(s["支出总计"][0], u.scale(2000))]


def _inject_staff(u: Unit) -> None:
    u.values[layout.STAFF.name]["实有人数"][0] += 1


def _inject_procurement(u: Unit) -> None:
    other = u.values[layout.OTHER_MATTERS.name]
    goods, works, services, _, _ = u.cur.procurement
    other["授予中小企业合同金额"] = [u.scale(goods + works + services + 1000)]


def _inject_admin(u: Unit) -> None:
    other = u.values[layout.OTHER_MATTERS.name]
    other["机关运行经费"][0] = _add(other["机关运行经费"][0], u.scale(200))


def _inject_three_public_basic(u: Unit) -> None:
    """30217 in the 基本支出 above the 三公 公务接待费, the 基本支出 total unchanged (taken from another 302 款)."""
    rows = u.values[layout.BASIC.name]
    shift = u.scale(150)
    donor = max(
        (i for i, r in enumerate(rows) if r[0][:3] == "302" and len(r[0]) == 5 and r[0] not in ("30217", "30231")),
        key=lambda i: rows[i][2],
    )
    for i, r in enumerate(rows):
        if r[0] == "30217":
            rows[i] = (r[0], r[1], _add(r[2], shift))
    rows[donor] = (rows[donor][0], rows[donor][1], _add(rows[donor][2], -shift))


def _inject_vehicles(u: Unit) -> None:
    details = u.values[layout.THREE_PUBLIC_DETAILS.name]
    details["公务用车保有量"] = [details["公务用车保有量"][0] + 1]
    details["固定资产车辆与公务用车保有量差异原因"] = [None]


def _inject_prior(u: Unit) -> None:
    row = u.row(layout.GPB.name, _largest_item(u))
    row[5] = _add(row[5] or 0, u.scale(100))


def _inject_opening(u: Unit) -> None:
    s = u.values[layout.SUMMARY.name]
    for name in ("年初结转和结余", "收入总计", "年末结转和结余", "支出总计"):
        s[name] = [_add(s[name][0], u.scale(300))]


def _inject_texts(u: Unit) -> None:
    u.texts = u.texts.replace("内设机构:\n", "内设机构:\n  - 办公室: [未闭合\n", 1)


def _inject_weight(u: Unit) -> None:
    u.evaluation.indicators[0]["权重"] += 5


def _inject_funds(u: Unit) -> None:
    u.evaluation.funds[0]["全年预算数"] = round(u.evaluation.funds[0]["全年预算数"] + 3, 2)


def _inject_over_budget(u: Unit) -> None:
    line = u.evaluation.funds[1]
    line["全年执行数"] = round(line["全年预算数"] + 1.23, 2)
    total = u.evaluation.funds[0]
    total["全年执行数"] = round(total["全年执行数"] + (line["全年执行数"] - line["全年预算数"]) + 1.23, 2)


def _inject_unit_mismatch(u: Unit) -> None:
    first = u.evaluation.indicators[0]  # a 数量指标 ">=N个"
    first["完成值"] = first["完成值"].rstrip("个场份次台家") + "人"


def _has_reception(u: Unit) -> bool:
    return u.cur.reception > 0 and any(
        r[0][:3] == "302" and len(r[0]) == 5 and r[0] not in ("30217", "30231") for r in u.values[layout.BASIC.name]
    )


INJECTIONS: tuple[Injection, ...] = (
    Injection(
        "total-mismatch",
        "total-mismatch",
        WORKBOOK,
        layout.SUMMARY.name,
        _inject_total_mismatch,
        description="本年收入合计 ≠ Σ 收入来源",
    ),
    Injection(
        "rounding-residue",
        "rounding-residue",
        WORKBOOK,
        layout.SUMMARY.name,
        _inject_residue_summary,
        needs=lambda u: u.unit == "万元",
        description="收入总计、支出总计少 0.01 万元（尾差）",
    ),
    Injection(
        "text-in-number-cell",
        "not-a-number",
        WORKBOOK,
        layout.GPB.name,
        _inject_text,
        alone=True,
        description="金额单元格里写了文字",
    ),
    Injection(
        "cross-table",
        "cross-table-mismatch",
        WORKBOOK,
        layout.FISCAL.name,
        _inject_cross,
        description="财政拨款总表的某类与一般公共预算表不同",
    ),
    Injection(
        "personnel-sum",
        "personnel-public-mismatch",
        WORKBOOK,
        layout.BASIC.name,
        _inject_personnel,
        description="人员经费合计 ≠ 301 + 303",
    ),
    Injection(
        "unknown-code", "code-unknown", WORKBOOK, layout.GPB.name, _inject_unknown_code, description="科目编码不在科目表中"
    ),
    Injection(
        "yuan-in-wanyuan",
        "amount-in-yuan",
        WORKBOOK,
        layout.GPB.name,
        _inject_yuan,
        needs=lambda u: u.unit == "万元",
        description="万元工作簿里按元填写的金额（其上级合计仍按万元）",
    ),
    Injection(
        "change-without-reason",
        "change-without-reason",
        WORKBOOK,
        layout.GPB.name,
        _inject_no_reason,
        needs=lambda u: u.prior is not None and _changed_item(u) is not None,
        description="变动 ≥10% 没有原因",
    ),
    Injection(
        "reason-contradicts",
        "reason-contradicts-change",
        WORKBOOK,
        layout.GPB.name,
        _inject_contradiction,
        needs=lambda u: u.prior is not None and _changed_item(u, up=True) is not None,
        description="增加了，原因却写减少",
    ),
    Injection(
        "row-total",
        "row-total-mismatch",
        WORKBOOK,
        layout.EXPENSE.name,
        _inject_row_total,
        description="一行的合计 ≠ 基本 + 项目",
    ),
    Injection(
        "unbalanced",
        "income-expense-unbalanced",
        WORKBOOK,
        layout.SUMMARY.name,
        _inject_unbalanced,
        description="收入总计 ≠ 支出总计",
    ),
    Injection(
        "staff-sum",
        "staff-total-mismatch",
        WORKBOOK,
        layout.STAFF.name,
        _inject_staff,
        description="实有人数 ≠ 在职 + 离休 + 退休",
    ),
    Injection(
        "procurement-share",
        "procurement-share-exceeds",
        WORKBOOK,
        layout.OTHER_MATTERS.name,
        _inject_procurement,
        description="授予中小企业 > 政府采购总额",
    ),
    Injection(
        "admin-cost",
        "admin-cost-mismatch",
        WORKBOOK,
        layout.OTHER_MATTERS.name,
        _inject_admin,
        needs=lambda u: u.kind == "行政单位",
        description="机关运行经费 ≠ 公用经费",
    ),
    Injection(
        "three-public-in-basic",
        "three-public-below-basic",
        WORKBOOK,
        layout.BASIC.name,
        _inject_three_public_basic,
        needs=_has_reception,
        description="基本支出的公务接待费 > 三公公务接待费",
    ),
    Injection(
        "vehicle-count",
        "vehicle-count-unexplained",
        WORKBOOK,
        layout.THREE_PUBLIC_DETAILS.name,
        _inject_vehicles,
        description="公务用车保有量与资产车辆数不同且无原因",
    ),
    Injection(
        "prior-year",
        "prior-year-mismatch",
        WORKBOOK,
        layout.GPB.name,
        _inject_prior,
        needs=lambda u: u.has_prior_folder,
        description="上年决算数 ≠ 上年数据",
    ),
    Injection(
        "opening-balance",
        "opening-balance-mismatch",
        WORKBOOK,
        layout.SUMMARY.name,
        _inject_opening,
        needs=lambda u: u.has_prior_folder,
        description="年初结转和结余 ≠ 上年年末结转和结余",
    ),
    Injection("texts-syntax", "texts-syntax", TEXTS, None, _inject_texts, alone=True, description="文字说明.yaml 语法错误"),
    Injection(
        "weight-total",
        "weight-total-mismatch",
        SELF_EVALUATION,
        perf_layout.PROJECT_INDICATORS.name,
        _inject_weight,
        description="指标权重合计 ≠ 90",
    ),
    Injection(
        "funds-total",
        "funds-total-mismatch",
        SELF_EVALUATION,
        perf_layout.PROJECT_FUNDS.name,
        _inject_funds,
        description="年度资金总额 ≠ Σ 资金来源",
    ),
    Injection(
        "over-budget",
        "executed-exceeds-budget",
        SELF_EVALUATION,
        perf_layout.PROJECT_FUNDS.name,
        _inject_over_budget,
        description="执行数 > 全年预算数",
    ),
    Injection(
        "indicator-unit",
        "unit-mismatch",
        SELF_EVALUATION,
        perf_layout.PROJECT_INDICATORS.name,
        _inject_unit_mismatch,
        description="完成值与目标值单位不同",
    ),
)
BY_KIND = {i.kind: i for i in INJECTIONS}


def plan_errors(seed: int, units: int, error_rate: float, prior: bool) -> list[list[str]]:
    """Which kinds go into which unit: a share ERROR_RATE of units, the kinds dealt round so each appears.

    A loading error (`alone`) is a unit's only error; other units get one to three compatible kinds.
    """
    rng = random.Random(f"juesuan-synth-plan:{seed}")
    pool = [i.kind for i in INJECTIONS if prior or i.kind not in ("prior-year", "opening-balance")]
    deck: list[str] = []
    plan: list[list[str]] = []
    for _ in range(units):
        if rng.random() >= error_rate:
            plan.append([])
            continue
        kinds: list[str] = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            if not deck:
                deck = pool[:]
                rng.shuffle(deck)
            kind = deck.pop()
            if BY_KIND[kind].alone and kinds:
                deck.insert(0, kind)  # keep it for a unit of its own
                break
            if kind not in kinds:
                kinds.append(kind)
            if BY_KIND[kind].alone:
                break
        plan.append(kinds)
    return plan
