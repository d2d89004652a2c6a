"""A synthetic 绩效自评表: projects, their funds and indicators, sometimes the unit-wide table."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.load.self_evaluation.blank_workbook import new_workbook, write_rows
from generator.self_evaluation import layout as perf_layout

from .draw import split
from .package import reproducible
from .vocabulary import COUNT_UNITS, THINGS


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
    thing = rng.choice(THINGS)
    kind = index % 6
    if kind == 0:
        n, unit = rng.randint(2, 500), rng.choice(COUNT_UNITS)
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


def _column_sums(lines: list[tuple[str, int, int, int]]) -> tuple[int, int, int]:
    """The sums of the three amount columns (年初预算数, 全年预算数, 全年执行数)."""
    return sum(line[1] for line in lines), sum(line[2] for line in lines), sum(line[3] for line in lines)


def draw_evaluation(rng: random.Random, name: str, year: int, projects: int) -> Evaluation:
    ev = Evaluation()
    for p in range(projects):
        title = f"{year}年{rng.choice(THINGS)}专项经费{p + 1}"
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
        lines: list[tuple[str, int, int, int]] = []
        for source, budget in (("当年财政拨款", fiscal), ("上年结转资金", carried), ("其他资金", other)):
            executed = budget * rng.randint(80, 100) // 100
            lines.append((source, budget, budget, executed))
        total = ("年度资金总额", *_column_sums(lines))
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
        # every class (产出, 效益, 满意度) even in a short table: a clean project covers them (indicator-class-missing)
        kinds = list(range(count)) if count >= 6 else [*range(count - 2), 4, 5]
        for i, weight in enumerate(weights):
            first, second, third, target, actual, rule = _indicator(rng, year, kinds[i])
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
        lines.append(("合计", *_column_sums(lines)))
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
                    "三级指标": f"{rng.choice(THINGS)}工作量{i + 1}" if i < count - 1 else "服务对象满意度",
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
