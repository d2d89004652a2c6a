"""Amounts that look like 元 in a workbook declared in 万元."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from statistics import median
from typing import Any

from generator import layout
from generator.check.context import CheckContext
from generator.findings import Finding, Location, warning

# A typed 万元 amount this many times the typical amount of its table is most likely in 元.
RATIO = Decimal(1000)
FLOOR = Decimal(10000)  # 1亿元 in 万元: below this nothing is suspicious by size alone


def check_yuan_in_wanyuan(ctx: CheckContext) -> Iterator[Finding]:
    unit = ctx.figures.base.unit
    if unit.cover.declared_unit != "万元":
        return
    cells: list[tuple[Decimal, Any, str]] = []  # (value, row, header): locations built only when flagged
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
    if not cells:
        return
    typical = Decimal(median(v for v, _, _ in cells))
    for value, row, header in cells:
        if value >= FLOOR and value >= typical * RATIO:
            yield warning(
                "amount-looks-like-yuan",
                row.source.at(header),
                f"金额{value}万元远大于本工作簿的一般金额（中位数{typical}万元），疑似按“元”填写；本工作簿封面声明的单位是万元",
                value=value,
                typical=typical,
            )
    if typical >= FLOOR * 10 and all(v == v.to_integral_value() for v, _, _ in cells):
        yield warning(
            "workbook-looks-like-yuan",
            Location(file=unit.cover.source.file, sheet=layout.COVER.name),
            f"所有金额均为整数且中位数达{typical}万元，整个工作簿疑似按“元”填写；请核对封面的「金额单位」",
            typical=typical,
        )
