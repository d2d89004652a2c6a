"""One unit-year as data: its figures in whole cents of 万元, consistent by construction."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from generator import layout

from .codes import CodeTables, Item

_MAX_TOTAL_CENTS = 900_000  # 9,000万元: below the 1亿元 floor of the 元-in-万元 heuristic, so clean units stay clean


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


@dataclass(frozen=True)
class Size:
    items: int
    projects: int


def draw_size(rng: random.Random) -> Size:
    """Mostly small units, a long tail of large ones (10-500 项, 1-100 projects)."""
    items = min(500, int(10 + rng.paretovariate(1.2) * 8)) if rng.random() < 0.9 else rng.randint(100, 500)
    projects = min(100, max(1, int(rng.paretovariate(1.1) * 2))) if rng.random() < 0.9 else rng.randint(20, 100)
    return Size(items, projects)
