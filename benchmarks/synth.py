"""Synthetic but realistic unit-years, with injected errors and a manifest of what `check` must report.

    python benchmarks/synth.py ROOT --units N --seed S [--prior] [--error-rate 0.2] [--items K] [--projects P]

Writes ROOT/unit-0001/2024/{决算数据.xlsx, 文字说明.yaml, 绩效自评表.xlsx, 功能分类科目.csv} and so on
(with --prior also ROOT/unit-0001/2023/, so that the year-over-year checks run), and
ROOT/manifest.json: for each unit its size and every injected error with the finding code
`check` must report for it, and where (file, sheet).

Totals agree by construction: amounts are drawn in whole cents of 万元 (integers) and every
total is summed from its parts, so a clean unit checks with no error and no warning. 项 beyond
those of generator/data/functional_codes.csv get synthetic 7-digit codes under real 款, named in
the folder's own 功能分类科目.csv (as a unit would extend the code list).

Reproducible: every random draw comes from random.Random seeded with (seed, unit index); the
workbooks are normalised (fixed zip metadata and core-properties dates), so the same seed gives
byte-identical files on one zlib.

Importable: `write_units(root, units=…, seed=…)` returns the manifest; `write_unit(…)` writes one.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator import codes, layout  # noqa: E402
from generator.docx_package import normalise_docx  # noqa: E402
from generator.files import write_atomically  # noqa: E402
from generator.init import workbook_bytes  # noqa: E402
from generator.self_evaluation import layout as perf_layout  # noqa: E402
from generator.self_evaluation.blank_workbook import new_workbook, write_rows  # noqa: E402

MANIFEST = "manifest.json"
WORKBOOK, TEXTS, SELF_EVALUATION = layout.WORKBOOK, layout.TEXTS, perf_layout.WORKBOOK_NAME
DEFAULT_YEAR = 2024
_MAX_TOTAL_CENTS = 900_000  # 9,000万元: below the 1亿元 floor of the 元-in-万元 heuristic, so clean units stay clean

# 类 a budget unit of this kind does not spend on from its 一般公共预算 (funds, transfers, debt).
_EXCLUDED_CLASSES = {"209", "223", "227", "230", "231", "232", "233", "234"}
_REGIONS = (
    "昌吉",
    "阜康",
    "玛纳斯",
    "呼图壁",
    "吉木萨尔",
    "奇台",
    "木垒",
    "伊宁",
    "奎屯",
    "哈密",
    "吐鲁番",
    "库尔勒",
    "阿克苏",
    "喀什",
    "和田",
)
_BODIES = (
    "医疗保障局",
    "财政局",
    "教育局",
    "卫生健康委员会",
    "民政局",
    "人力资源和社会保障局",
    "自然资源局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "文化体育广播电视和旅游局",
    "市场监督管理局",
    "统计局",
    "审计局",
    "林业和草原局",
)
_THINGS = ("宣传资料", "培训", "检查", "设备", "系统运维", "档案整理", "服务对象", "巡查", "调研", "项目评审", "监测点", "会议")
_COUNT_UNITS = ("个", "场", "份", "次", "台", "家")


# --- the code lists -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeTables:
    classes: dict[str, str]  # 3-digit functional code -> name
    sections: dict[str, str]  # 5-digit 款 -> name
    items: dict[str, str]  # 7-digit 项 -> name
    economic: dict[str, str]  # economic 款 (5-digit) -> name


def code_tables() -> CodeTables:
    functional = codes.shipped("functional").codes
    economic = codes.shipped("economic").codes
    by_length: dict[int, dict[str, str]] = {3: {}, 5: {}, 7: {}}
    for code, entry in sorted(functional.items()):
        if code[:3] not in _EXCLUDED_CLASSES and len(code) in by_length:
            by_length[len(code)][code] = entry.name
    sections = {c: n for c, n in by_length[5].items() if c[:3] in by_length[3]}
    items = {c: n for c, n in by_length[7].items() if c[:5] in sections}
    return CodeTables(by_length[3], sections, items, {c: e.name for c, e in sorted(economic.items()) if len(c) == 5})


# --- one year's figures, in whole cents of 万元 ----------------------------------------------------


@dataclass
class Item:
    code: str
    name: str
    synthetic: bool


@dataclass
class Year:
    """Everything one unit-year's workbook holds, consistent by construction (amounts in cents of 万元)."""

    year: int
    totals: dict[str, int]  # 项 code -> 一般公共预算财政拨款支出 合计
    basic: dict[str, int]  # 项 code -> of which 基本支出
    economic: list[tuple[str, str, int]]  # 基本支出 by 经济分类 款: code, name, amount
    other_income: int  # 其他收入 (non-fiscal), spent on `carrier`
    carrier: str
    opening: int
    closing: int
    abroad: int
    vehicle_purchase: int
    vehicle_running: int
    reception: int
    budgets: dict[str, int]  # 三公 全年预算数 per leaf part
    procurement: tuple[int, int, int, int, int]  # goods, works, services, sme, small-micro
    staff: tuple[int, int, int]  # 在职, 离休, 退休
    vehicles: dict[str, int]  # 公务用车 by kind
    reception_batches: int
    reception_people: int
    abroad_groups: int
    abroad_people: int
    budget_gpb: int  # 年初预算数

    @property
    def total(self) -> int:
        return sum(self.totals.values())

    @property
    def basic_total(self) -> int:
        return sum(self.basic.values())

    @property
    def personnel(self) -> int:
        return sum(v for c, _, v in self.economic if c[:3] in ("301", "303"))

    @property
    def public(self) -> int:
        return self.basic_total - self.personnel

    @property
    def spent_non_fiscal(self) -> int:
        return self.other_income + self.opening - self.closing

    @property
    def income_total(self) -> int:
        return self.total + self.other_income + self.opening

    @property
    def three_public(self) -> int:
        return self.abroad + self.vehicle_purchase + self.vehicle_running + self.reception


def split(rng: random.Random, total: int, parts: int, minimum: int = 0) -> list[int]:
    """PARTS non-negative integers (each at least MINIMUM when possible) adding up to TOTAL."""
    if parts <= 0:
        return []
    floor = minimum if total >= minimum * parts else 0
    rest = total - floor * parts
    weights = [rng.random() + 0.05 for _ in range(parts)]
    scale = sum(weights)
    shares = [int(rest * w / scale) for w in weights]
    shares[rng.randrange(parts)] += rest - sum(shares)
    return [floor + s for s in shares]


def choose_items(rng: random.Random, tables: CodeTables, count: int) -> list[Item]:
    """COUNT 项 under a few 类 and 款: real codes first, then synthetic ones under the same 款."""
    sections = list(tables.sections)
    rng.shuffle(sections)
    per_section = max(1, min(12, count // 4 or 1))
    chosen: list[Item] = []
    for section in sections:
        if len(chosen) >= count:
            break
        real = [c for c in tables.items if c[:5] == section]
        want = min(count - len(chosen), rng.randint(1, per_section))
        codes_here = real[:want]
        free = [f"{section}{n:02d}" for n in range(1, 99) if f"{section}{n:02d}" not in tables.items]
        rng.shuffle(free)
        chosen += [Item(c, tables.items[c], False) for c in codes_here]
        for code in sorted(free[: want - len(codes_here)]):
            chosen.append(Item(code, f"{tables.sections[section]}{_ordinal(int(code[5:]))}", True))
    return sorted(chosen, key=lambda i: i.code)


def _ordinal(n: int) -> str:
    return f"（{n}）"


ECONOMIC_PERSONNEL = ("30101", "30102", "30103", "30107", "30108", "30109", "30110", "30112", "30113", "30199")
ECONOMIC_PUBLIC = (
    "30201",
    "30202",
    "30205",
    "30206",
    "30207",
    "30209",
    "30211",
    "30213",
    "30216",
    "30226",
    "30227",
    "30228",
    "30229",
    "30239",
    "30299",
)
ECONOMIC_FAMILY = ("30302", "30305", "30309")


def draw_year(
    rng: random.Random, tables: CodeTables, items: Sequence[Item], year: int, totals: dict[str, int], opening: int
) -> Year:
    """A year's figures around given 项 totals: the basic/project split, 经济分类, 三公, and the rest."""
    basic: dict[str, int] = {}
    for index, item in enumerate(items):
        t = totals[item.code]
        kind = "basic" if index == 0 else rng.choice(("basic", "project", "project", "mixed"))
        basic[item.code] = t if kind == "basic" else 0 if kind == "project" else rng.randint(0, t)
    b = sum(basic.values())
    reception = min(rng.randint(0, 150), b // 50)
    running = min(rng.randint(0, 900), b // 20)
    personnel = b * rng.randint(65, 82) // 100
    family = b * rng.randint(1, 4) // 100
    public = b - personnel - family - reception - running
    economic: list[tuple[str, str, int]] = []
    for pool, amount in ((ECONOMIC_PERSONNEL, personnel), (ECONOMIC_PUBLIC, public), (ECONOMIC_FAMILY, family)):
        picked = sorted(rng.sample(pool, rng.randint(2, len(pool))))
        economic += [(c, tables.economic[c], v) for c, v in zip(picked, split(rng, amount, len(picked), 1), strict=True)]
    economic += [("30217", tables.economic["30217"], reception), ("30231", tables.economic["30231"], running)]
    economic.sort()
    carrier = next((i.code for i in items if totals[i.code] > 0), items[0].code)
    other_income = rng.choice((0, 0, rng.randint(100, 5000)))
    closing = rng.randint(0, opening) if opening else 0
    abroad = rng.choice((0, 0, 0, rng.randint(100, 800)))
    purchase = rng.choice((0, 0, 0, 0, rng.randint(1000, 3000)))
    budgets = {
        "因公出国（境）费": abroad + rng.randint(0, 50) * (abroad > 0),
        "公务用车购置费": purchase,
        "公务用车运行维护费": running + rng.randint(0, 80),
        "公务接待费": reception + rng.randint(0, 30),
    }
    total = sum(totals.values())
    goods, works, services = (total * rng.randint(0, 8) // 100 for _ in range(3))
    sme = (goods + works + services) * rng.randint(50, 100) // 100
    vehicles = {k: 0 for k in layout.VEHICLE_KINDS}
    vehicles["其他用车"] = rng.randint(0, 3)
    vehicles[rng.choice(("主要负责人用车", "执法执勤用车", "应急保障用车"))] += rng.randint(0, 2)
    in_service = rng.randint(8, 200)
    return Year(
        year=year,
        totals=dict(totals),
        basic=basic,
        economic=economic,
        other_income=other_income,
        carrier=carrier,
        opening=opening,
        closing=closing,
        abroad=abroad,
        vehicle_purchase=purchase,
        vehicle_running=running,
        reception=reception,
        budgets=budgets,
        procurement=(goods, works, services, sme, sme * rng.randint(60, 100) // 100),
        staff=(in_service, 0, rng.randint(0, in_service // 5)),
        vehicles=vehicles,
        reception_batches=rng.randint(1, 20) if reception else 0,
        reception_people=rng.randint(20, 200) if reception else 0,
        abroad_groups=1 if abroad else 0,
        abroad_people=rng.randint(1, 5) if abroad else 0,
        budget_gpb=total * rng.randint(80, 105) // 100,
    )


def draw_totals(rng: random.Random, items: Sequence[Item]) -> tuple[dict[str, int], dict[str, int]]:
    """Prior-year and current-year totals per 项: some new, some fallen to zero, the first one up ≥ 25%."""
    budget = rng.randint(20_000, _MAX_TOTAL_CENTS * 3 // 4)
    prior = dict(zip((i.code for i in items), split(rng, budget, len(items), 100), strict=True))
    current = {}
    for index, item in enumerate(items):
        p = prior[item.code]
        roll = rng.random()
        if index == 0:
            current[item.code] = p * rng.randint(125, 140) // 100
        elif roll < 0.06 and index > 1:
            current[item.code] = 0  # fell to zero this year
        elif roll < 0.12 and index > 1:
            prior[item.code], current[item.code] = 0, p  # new this year
        elif roll < 0.2:
            current[item.code] = p  # unchanged
        else:
            current[item.code] = p * rng.randint(70, 130) // 100
    return prior, current


# --- reasons ------------------------------------------------------------------------------------

_UP_REASONS = ("本年{x}任务增加，相应支出增加。", "本年新增{x}工作，导致经费增加。", "本年人员工资基数调增，相应支出增加。")
_DOWN_REASONS = ("本年{x}任务减少，相应支出减少。", "本年压减一般性支出，{x}经费减少。", "本年项目完成，相应支出减少。")


def reason(rng: random.Random, current: int, prior: int | None, what: str = "业务") -> str | None:
    if prior is None or current == prior:
        return None
    return rng.choice(_UP_REASONS if current > prior else _DOWN_REASONS).format(x=what)


# --- the values dict workbook_bytes writes ------------------------------------------------------


class Amounts:
    """Cents of 万元 as the workbook's declared unit shows them (a number cell, as Excel keeps it)."""

    def __init__(self, unit: str) -> None:
        self.unit = unit

    def __call__(self, cents: int | None) -> float | int | None:
        if cents is None:
            return None
        value = Decimal(cents) / 100 if self.unit == "万元" else Decimal(cents) * 100
        return int(value) if value == value.to_integral_value() else float(value)


def unit_values(
    rng: random.Random, tables: CodeTables, name: str, kind: str, unit: str, items: Sequence[Item], cur: Year, prior: Year | None
) -> dict[str, Any]:
    """The values dict of `generator.init.workbook_bytes` for CUR (with its 上年 columns from PRIOR)."""
    a = Amounts(unit)
    sections = sorted({i.code[:5] for i in items})
    classes = sorted({i.code[:3] for i in items})

    def group(code: str, of: dict[str, int]) -> int:
        return sum(v for c, v in of.items() if c.startswith(code))

    project = {c: cur.totals[c] - cur.basic[c] for c in cur.totals}
    extra = {cur.carrier[:3]: 0, cur.carrier[:5]: 0, cur.carrier: 0}
    got = dict.fromkeys(extra, cur.other_income)
    spent = dict.fromkeys(extra, cur.spent_non_fiscal)
    names = {c: tables.classes[c] for c in classes} | {s: tables.sections[s] for s in sections} | {i.code: i.name for i in items}
    all_codes = sorted(names)

    gpb_rows: list[tuple[Any, ...]] = [("", "合计", a(cur.total), a(cur.basic_total), a(cur.total - cur.basic_total), None, None)]
    income_rows: list[tuple[Any, ...]] = [
        ("", "合计", a(cur.total + cur.other_income), a(cur.total), 0, 0, 0, 0, a(cur.other_income))
    ]
    expense_rows: list[tuple[Any, ...]] = [
        (
            "",
            "合计",
            a(cur.total + cur.spent_non_fiscal),
            a(cur.basic_total),
            a(cur.total - cur.basic_total + cur.spent_non_fiscal),
            0,
            0,
            0,
        )
    ]
    for code in all_codes:
        t, bsc, prj = group(code, cur.totals), group(code, cur.basic), group(code, project)
        if len(code) == 7:
            before = prior.totals[code] if prior is not None else None
            gpb_rows.append((code, names[code], a(t), a(bsc), a(prj), a(before), reason(rng, t, before)))
        else:
            gpb_rows.append((code, names[code], a(t), a(bsc), a(prj), None, None))
        g, s = got.get(code, 0), spent.get(code, 0)
        if t + g:
            income_rows.append((code, names[code], a(t + g), a(t), 0, 0, 0, 0, a(g)))
        if t + s:
            expense_rows.append((code, names[code], a(t + s), a(bsc), a(prj + s), 0, 0, 0))

    economic_rows: list[tuple[Any, ...]] = []
    for cls, cls_name in (("301", "工资福利支出"), ("302", "商品和服务支出"), ("303", "对个人和家庭的补助")):
        lines = [e for e in cur.economic if e[0][:3] == cls]
        economic_rows.append((cls, cls_name, a(sum(v for _, _, v in lines))))
        economic_rows += [(c, n, a(v)) for c, n, v in lines]
    economic_rows += [("", "人员经费合计", a(cur.personnel)), ("", "公用经费合计", a(cur.public))]

    summary: dict[str, list[Any]] = {source: [0] for source in layout.INCOME_SOURCES}
    summary["一般公共预算财政拨款收入"] = [a(cur.total)]
    summary["其他收入"] = [a(cur.other_income)]
    summary |= {
        "本年收入合计": [a(cur.total + cur.other_income)],
        "使用非财政拨款结余": [0],
        "年初结转和结余": [a(cur.opening)],
        "收入总计": [a(cur.income_total)],
    }
    fiscal: dict[str, list[Any]] = {
        "本年收入": [a(cur.total), a(cur.total), 0, 0],
        "年初财政拨款结转和结余": [0, 0, 0, 0],
        "收入总计": [a(cur.total), a(cur.total), 0, 0],
    }
    for cls in classes:
        t = group(cls, cur.totals)
        summary[tables.classes[cls]] = [a(t + spent.get(cls, 0))]
        fiscal[tables.classes[cls]] = [a(t), a(t), 0, 0]
    summary |= {
        "本年支出合计": [a(cur.total + cur.spent_non_fiscal)],
        "结余分配": [0],
        "年末结转和结余": [a(cur.closing)],
        "支出总计": [a(cur.total + cur.spent_non_fiscal + cur.closing)],
    }
    fiscal |= {
        "本年支出合计": [a(cur.total), a(cur.total), 0, 0],
        "年末财政拨款结转和结余": [0, 0, 0, 0],
        "支出总计": [a(cur.total), a(cur.total), 0, 0],
    }

    def three(name: str, budget: int, actual: int, before: int | None) -> list[Any]:
        budget_reason = "严格按照预算执行，预决算无差异。" if budget == actual else "厉行节约，实际支出少于预算。"
        return [a(budget), a(actual), a(before), reason(rng, actual, before, name), budget_reason]

    def prior_of(get: Callable[[Year], int]) -> int | None:
        return get(prior) if prior is not None else None

    bud = cur.budgets
    three_public = {
        "合计": three("“三公”经费", sum(bud.values()), cur.three_public, prior_of(lambda y: y.three_public)),
        "因公出国（境）费": three("因公出国（境）", bud["因公出国（境）费"], cur.abroad, prior_of(lambda y: y.abroad)),
        "公务用车购置及运行维护费": three(
            "公务用车",
            bud["公务用车购置费"] + bud["公务用车运行维护费"],
            cur.vehicle_purchase + cur.vehicle_running,
            prior_of(lambda y: y.vehicle_purchase + y.vehicle_running),
        ),
        "公务用车购置费": three(
            "公务用车购置", bud["公务用车购置费"], cur.vehicle_purchase, prior_of(lambda y: y.vehicle_purchase)
        ),
        "公务用车运行维护费": three(
            "公务用车运行维护", bud["公务用车运行维护费"], cur.vehicle_running, prior_of(lambda y: y.vehicle_running)
        ),
        "公务接待费": three("公务接待", bud["公务接待费"], cur.reception, prior_of(lambda y: y.reception)),
    }
    held = sum(cur.vehicles.values())
    details = {
        "因公出国（境）团组数": [cur.abroad_groups],
        "因公出国（境）人次": [cur.abroad_people],
        "因公出国（境）费开支内容": ["赴外考察学习的国际旅费、住宿费等" if cur.abroad else "本单位无因公出国（境）费"],
        "公务用车购置数": [1 if cur.vehicle_purchase else 0],
        "公务用车保有量": [held],
        "公务用车运行维护费开支内容": ["车辆加油费、维修费、保险费、过路费等"],
        "固定资产车辆与公务用车保有量差异原因": ["本单位固定资产车辆与公务用车保有量一致无差异"],
        "国内公务接待批次": [cur.reception_batches],
        "国内公务接待人次": [cur.reception_people],
        "公务接待费开支内容": ["上级部门检查调研产生的就餐费" if cur.reception else "本单位无公务接待费"],
    }
    total_reason = reason(rng, cur.income_total, prior_of(lambda y: y.income_total), "业务")
    gpb_reason = reason(rng, cur.total, prior_of(lambda y: y.total), "业务")
    budget_reason = "年中追加项目资金，导致预决算存在差异。" if cur.budget_gpb != cur.total else None
    overview = {
        "收入支出总计": [a(prior_of(lambda y: y.income_total)), None, total_reason, None],
        "财政拨款收入支出总计": [a(prior_of(lambda y: y.total)), a(cur.budget_gpb), gpb_reason, budget_reason],
        "一般公共预算财政拨款支出": [a(prior_of(lambda y: y.total)), a(cur.budget_gpb), gpb_reason, budget_reason],
    }
    goods, works, services, sme, small = cur.procurement
    other: dict[str, list[Any]] = {
        "机关运行经费": [
            a(cur.public),
            a(prior_of(lambda y: y.public)),
            reason(rng, cur.public, prior_of(lambda y: y.public), "办公、差旅"),
        ],
        "政府采购货物支出": [a(goods)],
        "政府采购工程支出": [a(works)],
        "政府采购服务支出": [a(services)],
        "授予中小企业合同金额": [a(sme)],
        "授予小微企业合同金额": [a(small)],
        "房屋面积": [rng.randint(0, 5000)],
        "房屋价值": [a(rng.randint(0, 50_000))],
        "车辆价值": [a(held * rng.randint(800, 2500))],
    }
    other |= {k: [n] for k, n in cur.vehicles.items()}
    other["其他用车"] = [cur.vehicles["其他用车"], None, "一般公务用车"]
    other["单价100万元（含）以上设备"] = [rng.randint(0, 2)]
    in_service, retired_early, retired = cur.staff
    before = prior.staff if prior is not None else (None, None, None)
    staff = {
        "实有人数": [sum(cur.staff), sum(before) if prior is not None else None],
        "在职人员": [in_service, before[0]],
        "离休人员": [retired_early, before[1]],
        "退休人员": [retired, before[2]],
    }
    return {
        "封面": {
            "单位名称": [name],
            "年度": [cur.year],
            "金额单位": [unit],
            "单位性质": [kind],
            "数据来源": ["合成数据（benchmarks/synth.py）"],
        },
        "收入支出决算总表": summary,
        "收入决算表": income_rows,
        "支出决算表": expense_rows,
        "财政拨款收入支出决算总表": fiscal,
        "一般公共预算财政拨款支出决算表": gpb_rows,
        "一般公共预算财政拨款基本支出决算表": economic_rows,
        "财政拨款三公经费支出决算表": three_public,
        "三公经费明细": details,
        "预算及上年情况": overview,
        "其他重要事项": other,
        "人员情况": staff,
    }


def texts_yaml(rng: random.Random, name: str) -> str:
    duties = [f"负责{rng.choice(_THINGS)}相关政策的组织实施和监督管理。" for _ in range(rng.randint(3, 9))]
    offices = ["办公室"] + rng.sample(["财务科", "综合科", "监督科", "业务科", "法规科", "信息中心"], rng.randint(1, 4))
    lines = ["# 文字说明（合成数据）", "主要职能:"] + [f"  - {d}" for d in duties]
    lines += [
        f"职能补充说明: {name}下设服务中心负责具体业务经办。",
        "下属预算单位: []",
        "内设机构:",
        *(f"  - {o}" for o in offices),
        "预算绩效:",
        "  成效: 全年各项业务工作按计划完成，资金使用效益稳步提高。",
        "  问题: 绩效指标的可衡量性还需进一步提升。",
        "  措施: 加强预算执行监控，细化绩效目标。",
        "其他需说明的事项: 本单位无其他需说明的事项。",
    ]
    return "\n".join(lines) + "\n"


def functional_csv(items: Sequence[Item]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "name", "verified", "source"])
    for item in items:
        if item.synthetic:
            writer.writerow([item.code, item.name, "no", "synthetic: benchmarks/synth.py"])
    return buffer.getvalue()


# --- the self-evaluation workbook ---------------------------------------------------------------


@dataclass
class Evaluation:
    projects: list[dict[str, Any]] = field(default_factory=list)  # 项目概况 rows
    funds: list[dict[str, Any]] = field(default_factory=list)
    indicators: list[dict[str, Any]] = field(default_factory=list)
    unit: list[dict[str, Any]] = field(default_factory=list)
    unit_funds: list[dict[str, Any]] = field(default_factory=list)
    unit_indicators: list[dict[str, Any]] = field(default_factory=list)


def _money(cents: int) -> float:
    return float(Decimal(cents) / 100)


def _indicator(rng: random.Random, year: int, index: int) -> tuple[str, str, str, str, str, str]:
    """一级, 二级, 三级, 目标值, 完成值, 赋分规则."""
    thing = rng.choice(_THINGS)
    kind = index % 6
    if kind == 0:
        n, unit = rng.randint(2, 500), rng.choice(_COUNT_UNITS)
        return (
            "产出指标",
            "数量指标",
            f"{thing}数量{index + 1}",
            f">={n}{unit}",
            f"{n + rng.choice((0, 0, 1))}{unit}",
            "按照完成比例赋分",
        )
    if kind == 1:
        return "产出指标", "质量指标", f"{thing}合格率{index + 1}", "=100%", "100%", "按照完成比例赋分"
    if kind == 2:
        return (
            "产出指标",
            "时效指标",
            f"{thing}完成时间{index + 1}",
            f"{year}年12月31日前",
            f"{year}年{rng.randint(6, 12)}月{rng.randint(1, 28)}日",
            "直接赋分",
        )
    if kind == 3:
        cap = rng.randint(100, 5000)
        return (
            "成本指标",
            "经济成本指标",
            f"{thing}成本{index + 1}",
            f"<={_money(cap):.2f}万元",
            f"={_money(cap * rng.randint(85, 100) // 100):.2f}万元",
            "按照完成比例赋分",
        )
    if kind == 4:
        return "效益指标", "社会效益指标", f"{thing}服务水平{index + 1}", "显著提升", "达到预期指标", "按评判等级赋分"
    return "满意度指标", "服务对象满意度指标", f"服务对象满意度{index + 1}", ">=90%", f"{rng.randint(90, 99)}%", "满意度赋分"


def draw_evaluation(rng: random.Random, name: str, year: int, projects: int) -> Evaluation:
    ev = Evaluation()
    for p in range(projects):
        title = f"{year}年{rng.choice(_THINGS)}专项经费{p + 1}"
        ev.projects.append(
            {
                "项目名称": title,
                "主管部门": name,
                "实施单位": name,
                "年度总体目标（预期目标）": f"按计划完成{title}各项任务，提升服务质量。",
                "年度总体目标（实际完成情况）": f"截至{year}年12月31日，{title}各项任务已按计划完成。",
                "分值": 10,
            }
        )
        fiscal = rng.randint(100, 50_000)
        carried = rng.choice((0, 0, rng.randint(10, 2000)))
        other = rng.choice((0, 0, 0, rng.randint(10, 500)))
        lines = []
        for source, budget in (("当年财政拨款", fiscal), ("上年结转资金", carried), ("其他资金", other)):
            executed = budget * rng.randint(80, 100) // 100
            lines.append((source, budget, budget, executed))
        total = ("年度资金总额", *(sum(line[k] for line in lines) for k in (1, 2, 3)))
        for index, (source, initial, annual, executed) in enumerate([total, *lines]):
            ev.funds.append(
                {
                    "项目名称": title if index == 0 else "",
                    "资金来源": source,
                    "年初预算数": _money(initial),
                    "全年预算数": _money(annual),
                    "全年执行数": _money(executed),
                }
            )
        count = rng.randint(3, 14)
        weights = [w + 1 for w in split(rng, 90 - count, count)]
        for i, weight in enumerate(weights):
            first, second, third, target, actual, rule = _indicator(rng, year, i)
            ev.indicators.append(
                {
                    "项目名称": title if i == 0 else "",
                    "一级指标": first,
                    "二级指标": second,
                    "三级指标": third,
                    "权重": weight,
                    "目标值": target,
                    "完成值": actual,
                    "指标值设定依据": "计划标准",
                    "上年完成情况": "/",
                    "赋分规则": rule,
                    "佐证资料": "工作资料",
                    "偏差原因分析及改进措施": "",
                }
            )
    if rng.random() < 0.5:
        ev.unit.append(
            {
                "单位名称": name,
                "年度总体目标（预期目标）": "全面完成年度各项工作任务。",
                "年度总体目标（实际完成情况）": "年度各项工作任务已完成。",
                "分值": 10,
            }
        )
        parts = [
            ("上级资金", rng.randint(0, 20_000)),
            ("本级资金", rng.randint(10_000, 200_000)),
            ("其他资金", rng.randint(0, 3000)),
        ]
        lines = [(s, b, b, b * rng.randint(85, 100) // 100) for s, b in parts]
        lines.append(("合计", *(sum(line[k] for line in lines) for k in (1, 2, 3))))
        ev.unit_funds = [
            {"资金来源": s, "年初预算数": _money(i), "全年预算数": _money(b), "全年执行数": _money(e)} for s, i, b, e in lines
        ]
        count = rng.randint(3, 10)
        for i, weight in enumerate(w + 1 for w in split(rng, 90 - count, count)):
            n = rng.randint(2, 50)
            ev.unit_indicators.append(
                {
                    "一级指标": "履职效能" if i < count - 1 else "满意度",
                    "二级指标": "数量指标" if i < count - 1 else "服务对象满意度",
                    "三级指标": f"{rng.choice(_THINGS)}工作量{i + 1}" if i < count - 1 else "服务对象满意度",
                    "预期指标值": f">={n}个" if i < count - 1 else ">=90%",
                    "指标值设定依据": "年度工作计划",
                    "分值权重": weight,
                    "实际完成指标值": f"{n}个" if i < count - 1 else "95%",
                }
            )
    return ev


def evaluation_bytes(ev: Evaluation, year: int) -> bytes:
    book = new_workbook()
    for sheet, rows in (
        (perf_layout.PROJECTS, ev.projects),
        (perf_layout.PROJECT_FUNDS, ev.funds),
        (perf_layout.PROJECT_INDICATORS, ev.indicators),
        (perf_layout.UNIT, ev.unit),
        (perf_layout.UNIT_FUNDS, ev.unit_funds),
        (perf_layout.UNIT_INDICATORS, ev.unit_indicators),
    ):
        write_rows(book[sheet.name], sheet, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), year)


def reproducible(package: bytes, year: int) -> bytes:
    """An OPC package (.xlsx) with fixed zip metadata and core-properties dates."""
    return normalise_docx(package, datetime(year, 12, 31, tzinfo=UTC))


# --- injected errors ----------------------------------------------------------------------------


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
        "amount-looks-like-yuan",
        WORKBOOK,
        layout.GPB.name,
        _inject_yuan,
        needs=lambda u: u.unit == "万元",
        description="万元工作簿里按元填写的金额",
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


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    items: int
    projects: int


def draw_size(rng: random.Random) -> Size:
    """Mostly small units, a long tail of large ones (10-500 项, 1-100 projects)."""
    items = min(500, int(10 + rng.paretovariate(1.2) * 8)) if rng.random() < 0.9 else rng.randint(100, 500)
    projects = min(100, max(1, int(rng.paretovariate(1.1) * 2))) if rng.random() < 0.9 else rng.randint(20, 100)
    return Size(items, projects)


def write_unit(
    root: Path,
    index: int,
    seed: int,
    kinds: Sequence[str] = (),
    prior: bool = False,
    size: Size | None = None,
    year: int = DEFAULT_YEAR,
    tables: CodeTables | None = None,
    declared_unit: str | None = None,
    unit_kind: str | None = None,
) -> dict[str, Any]:
    """Write unit number INDEX under ROOT; return its manifest entry (folder, size, injected errors).

    KINDS whose precondition the drawn unit does not meet (a 元 workbook for `yuan-in-wanyuan`,
    no prior folder for `prior-year`, …) are left out of it and of its entry. DECLARED_UNIT
    ("万元" or "元") and UNIT_KIND (单位性质) override the drawn ones.
    """
    rng = random.Random(f"juesuan-synth:{seed}:{index}")
    tables = tables or code_tables()
    size = size or draw_size(rng)
    items = choose_items(rng, tables, size.items)
    name = f"{rng.choice(_REGIONS)}合成{rng.choice(_BODIES)}{index:04d}"
    kind = rng.choice(("行政单位", "行政单位", "行政单位", "参照公务员法管理事业单位", "事业单位"))
    unit = "万元" if rng.random() < 0.85 else "元"
    kind, unit = unit_kind or kind, declared_unit or unit
    before_totals, totals = draw_totals(rng, items)
    last = draw_year(rng, tables, items, year - 1, before_totals, opening=rng.randint(0, 3000))
    cur = draw_year(rng, tables, items, year, totals, opening=last.closing)
    u = Unit(
        rng=rng,
        tables=tables,
        items=items,
        cur=cur,
        prior=last,
        unit=unit,
        kind=kind,
        values=unit_values(rng, tables, name, kind, unit, items, cur, last),
        texts=texts_yaml(rng, name),
        evaluation=draw_evaluation(rng, name, year, size.projects),
        has_prior_folder=prior,
    )
    folder = root / f"unit-{index:04d}"
    injected = []
    for kind_name in kinds:
        injection = BY_KIND[kind_name]
        if not injection.needs(u):
            continue
        injection.apply(u)
        injected.append(
            {
                "kind": injection.kind,
                "code": injection.code,
                "file": injection.file,
                "sheet": injection.sheet,
                "description": injection.description,
            }
        )
    target = folder / str(year)
    write_atomically(target / WORKBOOK, reproducible(workbook_bytes(u.values), year))
    write_atomically(target / TEXTS, u.texts.encode("utf-8"))
    write_atomically(target / SELF_EVALUATION, evaluation_bytes(u.evaluation, year))
    local = functional_csv(items)
    write_atomically(target / codes.LOCAL_FUNCTIONAL, local.encode("utf-8"))
    folders = [f"{folder.name}/{year}"]
    if prior:
        back = folder / str(year - 1)
        values = unit_values(random.Random(f"juesuan-synth-prior:{seed}:{index}"), tables, name, kind, unit, items, last, None)
        write_atomically(back / WORKBOOK, reproducible(workbook_bytes(values), year - 1))
        write_atomically(
            back / TEXTS,
            u.texts.encode("utf-8")
            if not any(i["kind"] == "texts-syntax" for i in injected)
            else texts_yaml(rng, name).encode("utf-8"),
        )
        write_atomically(back / codes.LOCAL_FUNCTIONAL, local.encode("utf-8"))
        prior_rng = random.Random(f"juesuan-synth-prior-evaluation:{seed}:{index}")
        write_atomically(
            back / SELF_EVALUATION, evaluation_bytes(draw_evaluation(prior_rng, name, year - 1, size.projects), year - 1)
        )
        folders.append(f"{folder.name}/{year - 1}")
    return {
        "unit": name,
        "folder": f"{folder.name}/{year}",
        "folders": folders,
        "items": size.items,
        "projects": size.projects,
        "indicators": len(u.evaluation.indicators) + len(u.evaluation.unit_indicators),
        "declared_unit": unit,
        "injected": injected,
    }


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


def write_units(
    root: Path,
    units: int,
    seed: int = 0,
    error_rate: float = 0.2,
    prior: bool = False,
    size: Size | None = None,
    year: int = DEFAULT_YEAR,
    jobs: int = 1,
) -> dict[str, Any]:
    """Write UNITS unit-years under ROOT and ROOT/manifest.json; return the manifest.

    JOBS > 1 writes them in that many processes; the files are the same either way.
    """
    tables = code_tables()
    plan = plan_errors(seed, units, error_rate, prior)
    args = [(root, i + 1, seed, kinds, prior, size, year, tables) for i, kinds in enumerate(plan)]
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            entries = list(pool.map(_write_unit_args, args, chunksize=8))
    else:
        entries = [write_unit(*a) for a in args]
    manifest = {"seed": seed, "units": units, "error_rate": error_rate, "prior": prior, "year": year, "entries": entries}
    write_atomically(root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    return manifest


def _write_unit_args(args: tuple[Any, ...]) -> dict[str, Any]:
    return write_unit(*args)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write synthetic unit-years with injected errors and a manifest.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--error-rate", type=float, default=0.2)
    parser.add_argument("--prior", action="store_true", help="also write the year before, so that year-over-year checks run")
    parser.add_argument("--items", type=int, default=None, help="项 per unit (default: drawn, 10-500)")
    parser.add_argument("--projects", type=int, default=None, help="projects per unit (default: drawn, 1-100)")
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    parser.add_argument("--jobs", type=int, default=1, help="write in this many processes (same files)")
    args = parser.parse_args(argv)
    size = Size(args.items or 10, args.projects or 1) if args.items or args.projects else None
    manifest = write_units(args.root, args.units, args.seed, args.error_rate, args.prior, size, args.year, args.jobs)
    bad = sum(1 for e in manifest["entries"] if e["injected"])
    print(f"wrote {args.units} unit-years under {args.root} ({bad} with injected errors); manifest {args.root / MANIFEST}")


if __name__ == "__main__":
    main()
