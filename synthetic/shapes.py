"""Shapes of real published units, each a named change a synthetic unit can combine with others.

The drawn unit (`synthetic.draw`) is an ordinary one: a 行政单位 with a prior year, every section
filled, amounts typed in 万元. Real units come in other shapes, and each shape here makes one of
them, consistently (a unit of any combination of shapes still checks with no error):

- `new-unit`: created this year: no prior year anywhere, 年初预算 0 and a 全年预算 per 项;
- `three-public-budget-only`: a 三公 budget and no 三公 spending at all;
- `zero-sections`: 三公 (budgets too), 政府采购 and vehicles all zero;
- `zero-blank`: the zero cells of the money tables left blank, as published tables print them;
- `counts-zero`: every count of the 三公 details typed 0 (groups, people, vehicles, 外宾);
- `mixed-department`: a department of a 行政 bureau and 事业 units (机关运行经费 below 公用经费);
- `several-units`: a department with several 部门决算单位 listed in 文字说明;
- `tiny`: two 项 (two 类 at most);
- `optional-absent`: no 绩效自评表.xlsx, an empty 人员情况, and the 政府性基金 and 国有资本经营 sheets left out
  of the workbook when they would be empty (a finance export writes no sheet for a table with no rows);
- `yuan`: the workbook in 元;
- `gov-fund-only`: all 财政拨款 is 政府性基金 money (the 一般公共预算 and 基本支出 tables empty);
- `long-texts`: long reasons, duties and names;
- `stated-totals`: the totals people type beside their parts: the 政府采购支出总额, a 全年预算 per
  一般公共预算 项 and the total's in 预算及上年情况, the 三公 年初预算 (as the 全年预算).

`year` hooks change the drawn figures before the workbook values are written from them;
`values` hooks change the values (and texts) after.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from generator import layout

from .draw import Size, Year
from .inject import Unit

ALL_ZERO_VEHICLES = dict.fromkeys(layout.VEHICLE_KINDS, 0)


@dataclass(frozen=True)
class Shape:
    name: str
    description: str
    year: Callable[[random.Random, Year], None] | None = None  # before the values are written
    values: Callable[[Unit], None] | None = None  # after
    size: Size | None = None
    declared_unit: str | None = None
    prior: bool | None = None  # False: the unit has no prior year folder
    absent: tuple[str, ...] = ()  # files of the folder not written
    absent_sheets: tuple[str, ...] = ()  # sheets left out of 决算数据.xlsx when the unit has nothing for them


def _no_three_public_spending(cur: Year) -> None:
    """No 三公 spending: the 30217/30231 amounts of the 基本支出 move to 30299 (the 基本支出 total unchanged)."""
    moved = sum(v for c, _, v in cur.economic if c in ("30217", "30231"))
    economic = [(c, n, 0 if c in ("30217", "30231") else v) for c, n, v in cur.economic]
    if not any(c == "30299" for c, _, _ in economic):
        economic.append(("30299", "其他商品和服务支出", 0))
    cur.economic = sorted((c, n, v + moved if c == "30299" else v) for c, n, v in economic)
    cur.abroad = cur.vehicle_purchase = cur.vehicle_running = cur.reception = 0
    cur.abroad_groups = cur.abroad_people = cur.reception_batches = cur.reception_people = 0


def _budget_only(rng: random.Random, cur: Year) -> None:
    _no_three_public_spending(cur)
    cur.budgets = {
        "因公出国（境）费": rng.choice((0, rng.randint(50, 500))),
        "公务用车购置费": 0,
        "公务用车运行维护费": rng.randint(50, 600),
        "公务接待费": rng.randint(10, 100),
    }


def _zero_sections(rng: random.Random, cur: Year) -> None:
    _no_three_public_spending(cur)
    cur.budgets = dict.fromkeys(cur.budgets, 0)
    cur.procurement = (0, 0, 0, 0, 0)
    cur.vehicles = dict(ALL_ZERO_VEHICLES)


def _zero_sections_values(u: Unit) -> None:
    u.values[layout.OTHER_MATTERS.name]["车辆价值"] = [0]
    details = u.values[layout.THREE_PUBLIC_DETAILS.name]
    details["公务用车运行维护费开支内容"] = ["本单位无公务用车运行维护费"]


def _counts_zero(rng: random.Random, cur: Year) -> None:
    cur.abroad = cur.vehicle_purchase = 0
    cur.abroad_groups = cur.abroad_people = 0
    cur.vehicles = dict(ALL_ZERO_VEHICLES)
    cur.budgets["因公出国（境）费"] = 0
    cur.budgets["公务用车购置费"] = 0


def _counts_zero_values(u: Unit) -> None:
    details = u.values[layout.THREE_PUBLIC_DETAILS.name]
    details |= {"外宾接待费": [0], "外宾接待批次": [0], "外宾接待人次": [0], "公务用车购置数": [0], "公务用车保有量": [0]}
    details["因公出国（境）费开支内容"] = ["本单位无因公出国（境）费"]
    u.values[layout.OTHER_MATTERS.name]["车辆价值"] = [0]
    u.values[layout.OTHER_MATTERS.name]["其他用车"] = [0, None, None]


def _blank_zeros(u: Unit) -> None:
    """The money tables' zero cells left blank (the published 决算报表 print no 0.00)."""
    for sheet in (layout.SUMMARY.name, layout.FISCAL.name):
        table = u.values[sheet]
        for name, cells in table.items():
            table[name] = [None if c == 0 else c for c in cells]
    for sheet in (layout.INCOME.name, layout.EXPENSE.name, layout.GPB.name):
        rows = u.values[sheet]
        u.values[sheet] = [tuple(None if (i >= 2 and c == 0) else c for i, c in enumerate(r)) for r in rows]


def _new_unit(u: Unit) -> None:
    """No prior year: every 上年 cell blank; 年初预算 0, a 全年预算 per 项 (the budget it was given in the year)."""
    rows = u.values[layout.GPB.name]
    out = []
    for r in rows:
        r = list(r) + [None] * (11 - len(r))
        r[5] = r[6] = None  # 上年决算数, 变动原因
        if len(r[0]) == 7:
            total = u.cur.totals[r[0]]
            full = total + u.rng.choice((0, 0, u.rng.randint(0, total // 20))) if total else 0
            r[7], r[8] = 0, u.scale(full)
            r[9] = f"用于{r[1]}方面的支出。"
            r[10] = "年初未编制预算，年中追加安排，部分项目按进度结转下年。" if full > total else None
        out.append(tuple(r))
    u.values[layout.GPB.name] = out
    overview = u.values[layout.OVERVIEW.name]
    spent, budget = sum(u.cur.totals.values()), sum(_cents(u, r[8]) for r in out if len(r[0]) == 7)
    fiscal_reason = "本部门于年内新设立，年初未编制预算，支出均为年中追加安排。"
    new_reason = "本部门于年内新设立，年初未编制预算；部分项目按进度结转下年，决算数小于全年预算数。" if budget > spent else fiscal_reason
    overview["收入支出总计"] = [None, None, None, None]
    overview["财政拨款收入支出总计"] = [None, 0, None, fiscal_reason]
    overview["一般公共预算财政拨款支出"] = [None, 0, None, new_reason]
    three = u.values[layout.THREE_PUBLIC.name]
    for name, cells in three.items():
        cells = list(cells) + [None] * (6 - len(cells))
        cells[2] = cells[3] = None
        cells[5] = 0
        three[name] = cells
    other = u.values[layout.OTHER_MATTERS.name]
    other["机关运行经费"] = [other["机关运行经费"][0], None, None]
    for cells in u.values[layout.STAFF.name].values():
        cells[1:] = [None]
    u.has_prior_folder = False


def _gov_fund_only(u: Unit) -> None:
    """All its 财政拨款 is 政府性基金预算 money: the 一般公共预算 tables empty, the 基金 table holds every 项."""
    v = u.values
    gpb_rows = v[layout.GPB.name]
    summary = v[layout.SUMMARY.name]
    summary["政府性基金预算财政拨款收入"], summary["一般公共预算财政拨款收入"] = summary["一般公共预算财政拨款收入"], [0]
    for name, cells in v[layout.FISCAL.name].items():
        total = cells[0]
        v[layout.FISCAL.name][name] = [total, 0, total, 0]
    fund = []
    for code, name, total, basic, project, *_ in gpb_rows:
        fund.append((code, name, 0, total, total, basic, project, 0))
    v[layout.GOV_FUND.name] = fund
    v[layout.GPB.name] = []
    v[layout.BASIC.name] = []
    three = v[layout.THREE_PUBLIC.name]
    for name, cells in three.items():
        three[name] = [0, 0, cells[2], "本年未安排“三公”经费支出，相应支出减少。" if cells[2] else None, None]
    details = v[layout.THREE_PUBLIC_DETAILS.name]
    for name in ("因公出国（境）团组数", "因公出国（境）人次", "公务用车购置数", "国内公务接待批次", "国内公务接待人次"):
        details[name] = [0]
    other = v[layout.OTHER_MATTERS.name]
    other["机关运行经费"] = [0, other["机关运行经费"][1], "本年无一般公共预算财政拨款基本支出，机关运行经费相应减少。"]
    overview = v[layout.OVERVIEW.name]
    overview["一般公共预算财政拨款支出"] = [None, None, None, None]


def _cents(u: Unit, value: float | int) -> int:
    return round(value * 100) if u.unit == "万元" else round(value / 100)


def _mixed(u: Unit) -> None:
    """A 行政 bureau and its 事业 units: 机关运行经费 is the bureau's share of the 公用经费 only."""
    u.values[layout.COVER.name]["单位性质"] = ["行政单位和事业单位"]
    public = u.cur.public
    u.values[layout.OTHER_MATTERS.name]["机关运行经费"][0] = u.scale(public * u.rng.randint(30, 90) // 100)
    name = u.values[layout.COVER.name]["单位名称"][0]
    units = [f"{name}（本级，行政单位）", f"{name[:4]}事务服务中心（事业单位）", f"{name[:4]}综合执法大队（参照公务员法管理事业单位）"]
    u.texts = _set_list(u.texts, "下属预算单位", units)


def _several(u: Unit) -> None:
    name = u.values[layout.COVER.name]["单位名称"][0]
    count = u.rng.randint(3, 6)
    units = [f"{name}本级"] + [f"{name[:4]}第{i}服务所" for i in range(1, count)]
    u.texts = _set_list(u.texts, "下属预算单位", units)


def _set_list(texts: str, key: str, values: list[str]) -> str:
    lines, skipping = [], False
    for line in texts.splitlines():  # the key and its items, if a shape set them before
        skipping = line.startswith(f"{key}:") or (skipping and line.startswith("  - "))
        if not skipping:
            lines.append(line)
    at = next(i for i, line in enumerate(lines) if line.startswith("内设机构:"))
    return "\n".join([*lines[:at], f"{key}:", *(f"  - {v}" for v in values), *lines[at:]]) + "\n"


def _optional_absent(u: Unit) -> None:
    for cells in u.values[layout.STAFF.name].values():
        cells[:] = [None, None]


_LONG = (
    "根据上级部门统一部署，结合本单位职能调整和重点工作任务安排，本年度在保障机构正常运转的基础上，"
    "进一步加大对重点领域和关键环节的投入力度，同时严格落实过紧日子要求，压减非急需、非刚性支出，"
    "统筹盘活存量资金，提高财政资金使用效益，"
)


def _long_texts(u: Unit) -> None:
    for rows_sheet in (layout.GPB.name,):
        rows = u.values[rows_sheet]
        out = []
        for r in rows:
            r = list(r)
            if len(r) > 6 and r[6]:
                r[6] = _LONG + r[6]
            out.append(tuple(r))
        u.values[rows_sheet] = out
    duties = [f"  - {_LONG}负责第{i}项职责范围内的组织实施和监督管理。" for i in range(1, 16)]
    lines = u.texts.splitlines()
    start = lines.index("主要职能:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  - "))
    u.texts = "\n".join([*lines[: start + 1], *duties, *lines[end:]]) + "\n"


def _stated_totals(u: Unit) -> None:
    """Totals typed beside their parts, consistently: each is the sum juesuan checks it against."""
    other = u.values[layout.OTHER_MATTERS.name]
    parts = [other.get(n, [None])[0] for n in layout.PROCUREMENT_PARTS]
    if all(p is not None for p in parts):
        other[layout.PROCUREMENT_TOTAL] = [u.scale(sum(_cents(u, p) for p in parts))]
    rows = u.values[layout.GPB.name]
    out, budget = [], 0
    for r in rows:
        r = list(r) + [None] * (11 - len(r))
        if len(r[0]) == 7:
            if r[8] is None:
                r[8] = r[2] if r[2] is not None else 0  # 全年预算 = 决算 (a 项 with no difference to explain)
            budget += _cents(u, r[8])
        out.append(tuple(r))
    u.values[layout.GPB.name] = out
    overview = u.values[layout.OVERVIEW.name]
    if any(len(r[0]) == 7 for r in out):
        cells = list(overview.get("一般公共预算财政拨款支出", [])) + [None] * 5
        cells[4] = u.scale(budget)
        overview["一般公共预算财政拨款支出"] = cells[:5]
    three = u.values[layout.THREE_PUBLIC.name]
    for name, cells in three.items():
        cells = list(cells) + [None] * (6 - len(cells))
        if cells[5] is None:
            cells[5] = cells[0]
        three[name] = cells


SHAPES: tuple[Shape, ...] = (
    Shape("new-unit", "年内新设立：无上年数据，年初预算0，逐项全年预算", values=_new_unit, prior=False),
    Shape("three-public-budget-only", "有“三公”预算、无“三公”支出", year=_budget_only),
    Shape("zero-sections", "“三公”（含预算）、政府采购、车辆全部为零", year=_zero_sections, values=_zero_sections_values),
    Shape("zero-blank", "金额表中为零的单元格留空（与公开报表一致）", values=_blank_zeros),
    Shape("counts-zero", "“三公”明细的数量全部填0（团组、人次、车辆、外宾）", year=_counts_zero, values=_counts_zero_values),
    Shape("mixed-department", "行政单位与事业单位组成的部门", values=_mixed),
    Shape("several-units", "部门含多个部门决算单位", values=_several),
    Shape("tiny", "很小的单位：两个项", size=Size(items=2, projects=1)),
    Shape(
        "optional-absent",
        "无绩效自评表，人员情况未填，空的政府性基金和国有资本经营表不在工作簿中",
        values=_optional_absent,
        absent=("绩效自评表.xlsx",),
        absent_sheets=(layout.GOV_FUND.name, layout.STATE_CAPITAL.name),
    ),
    Shape("yuan", "工作簿以元为单位", declared_unit="元"),
    Shape("gov-fund-only", "只有政府性基金预算财政拨款支出（一般公共预算表为空）", values=_gov_fund_only, prior=False),
    Shape("long-texts", "很长的原因和职能", values=_long_texts),
    Shape("stated-totals", "填写了合计的政府采购、逐项及总额的全年预算、“三公”年初预算", values=_stated_totals),
)
BY_NAME = {s.name: s for s in SHAPES}
