"""A drawn unit-year as the contents of its files: the values dict of `generator.init.workbook_bytes`
and the 文字说明.yaml."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from generator import layout

from .codes import CodeTables, Item
from .draw import Year
from .vocabulary import DOWN_REASONS, THINGS, UP_REASONS


def reason(rng: random.Random, current: int, prior: int | None, what: str = "业务") -> str | None:
    if prior is None or current == prior:
        return None
    return rng.choice(UP_REASONS if current > prior else DOWN_REASONS).format(x=what)


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
    staff_before: tuple[int | None, ...] = prior.staff if prior is not None else (None, None, None)
    staff = {
        "实有人数": [sum(cur.staff), sum(prior.staff) if prior is not None else None],
        "在职人员": [in_service, staff_before[0]],
        "离休人员": [retired_early, staff_before[1]],
        "退休人员": [retired, staff_before[2]],
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
    duties = [f"负责{rng.choice(THINGS)}相关政策的组织实施和监督管理。" for _ in range(rng.randint(3, 9))]
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
