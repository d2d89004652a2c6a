"""Within one row: a 合计 column against the columns it sums."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator import layout
from generator.check.context import CheckContext, money
from generator.check.rule import emits
from generator.compute.totals import total_of
from generator.display import more_or_less
from generator.findings import Finding, emit


@emits("rounding-residue", "row-total-mismatch", needs=(layout.INCOME.name, layout.EXPENSE.name, layout.GPB.name, layout.BASIC.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name))
def check_row_totals(ctx: CheckContext) -> Iterator[Finding]:
    """本年收入合计 = Σ sources, 本年支出合计 = 基本 + 项目 + …, per row, as typed."""
    unit = ctx.figures.base.unit
    tolerance_per_part = ctx.figures.base.ledger.per_part
    for spec in layout.SUBJECT_SHEETS:
        if spec.total_column is None:
            continue
        table = unit.subject(spec.name)
        part_columns = _parts_of(spec)
        rows = ([table.declared_total] if table.declared_total else []) + list(table.rows)
        for row in rows:
            declared = row.amount(spec.total_column)
            parts = [row.amount(c) for c in part_columns]
            if declared is None or all(p is None for p in parts):
                continue
            total = total_of(parts)
            diff = declared - total
            if diff == 0:
                continue
            label = f"「{row.code or ''} {row.name}」".replace("「 ", "「")
            words: dict[str, Any] = {
                "label": label,
                "column": spec.total_column,
                "stated_text": money(ctx, declared),
                "columns": "、".join(part_columns),
                "expected_text": money(ctx, total),
                "difference_text": money(ctx, abs(diff)),
            }
            n = sum(1 for p in parts if p is not None)
            if abs(diff) <= tolerance_per_part * n:
                yield emit(
                    "rounding-residue",
                    row.source.at(spec.total_column),
                    stated=declared,
                    expected=total,
                    difference=diff,
                    tolerance=tolerance_per_part * n,
                    total=f"{label}的「{spec.total_column}」",
                    stated_text=words["stated_text"],
                    expected_text=words["expected_text"],
                    direction=more_or_less(diff),
                    difference_text=words["difference_text"],
                    parts="＋".join(c for c, p in zip(part_columns, parts, strict=True) if p is not None),
                    also_text="",
                )
            else:
                yield emit("row-total-mismatch", row.source.at(spec.total_column), stated=declared, expected=total, difference=diff, **words)


def _parts_of(spec: layout.SubjectSheet) -> tuple[str, ...]:
    if spec is layout.GOV_FUND or spec is layout.STATE_CAPITAL:
        return ("基本支出", "项目支出")
    return tuple(
        h for h in spec.amount_headers if h != spec.total_column and h != layout.PRIOR and h not in layout.BUDGET_COLUMNS
    )
