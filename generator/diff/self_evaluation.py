"""The self-evaluation's figures as entries: per table its funds, 执行率 and 总分, per indicator its 得分."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.diff.entries import GROUPS, Entry, YearEntries
from generator.diff.rows import Unit

if TYPE_CHECKING:
    from generator.compute.self_evaluation.score import ScoredSelfEvaluation

PREFIX = "perf."


def add_performance(out: YearEntries, scored: ScoredSelfEvaluation) -> None:
    """Add the entries of a ScoredSelfEvaluation (generator.self_evaluation) to OUT.

    A project or indicator absent one year is "not there", not zero.
    """
    out.complete.add(PREFIX)
    for entry in _entries(scored):
        out.add(entry)


def _entries(scored: ScoredSelfEvaluation) -> Iterator[Entry]:
    group = GROUPS.index("绩效自评")
    tables = ([scored.unit] if scored.unit is not None else []) + list(scored.projects)
    for t, table in enumerate(tables):
        label = "整体支出" if table.kind == "unit" else table.name
        key = f"{PREFIX}{table.kind}.{table.name}"
        position = t * 1000

        def entry(
            suffix: str, item: str, unit: Unit, value: Any, offset: int, key: str = key, at: int = position, **more: Any
        ) -> Entry:
            return Entry(
                key=f"{key}.{suffix}",
                group="绩效自评",
                item=item,
                unit=unit,
                value=value,
                order=(group, at + offset, ""),
                absent_is_zero=False,
                **more,
            )

        yield entry("全年预算数", f"{label}：全年预算数", Unit.WANYUAN, table.funds.annual_budget, 0)
        yield entry("全年执行数", f"{label}：全年执行数", Unit.WANYUAN, table.funds.executed, 1)
        yield entry("执行率", f"{label}：预算执行率", Unit.PERCENT, table.execution_rate, 2)
        yield entry("总分", f"{label}：自评总分", Unit.POINTS, table.total, 3)
        for i, scored_indicator in enumerate(table.indicators):
            indicator = scored_indicator.indicator
            path = "/".join((indicator.level1, indicator.level2, indicator.level3))
            yield entry(
                f"指标.{path}",
                f"{label}：{indicator.level3}（得分）",
                Unit.POINTS,
                scored_indicator.score,
                10 + i,
                reason=indicator.deviation,
                note=f"目标值 {indicator.target_text or '（空）'}；完成值 {indicator.actual_text or '（空）'}",
            )
