"""The self-evaluation tables' context: every cell formatted, groups flattened for docxtpl.

docxtpl's `{% vm %}` only merges across the innermost loop, which cannot express
nested 一级/二级 groups. So the rows are flat, and a cell that continues the group
above holds MERGE_MARK; `merge_marked_cells` turns those into vertical merges after
rendering (see generator/render/merge.py).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from generator.compute.self_evaluation.score import ScoredIndicator, ScoredSelfEvaluation, ScoredTable
from generator.display import format_amount, format_percent, format_plain
from generator.render.merge import GROUP_ROWS, MERGE_MARK
from generator.self_evaluation.model import FundsLine, ProjectTable, UnitTable
from generator.self_evaluation.targets import Operator

DASH = "—"
NOT_APPLICABLE = "/"  # a row of "/" prints "/" where its rate and score would be


def layout_of(scored: ScoredSelfEvaluation) -> str:
    """The table form to render: the workbook's 表样 when it names one, else the profile's."""
    return scored.evaluation.layout or scored.profile.display.layout


def self_evaluation_context(scored: ScoredSelfEvaluation, level: str = "部门") -> dict[str, Any]:
    """LEVEL (部门 or 单位, the document's) names the 整体支出 table's 资金: 部门资金 or 单位资金."""
    display = scored.profile.display
    return {
        "year": scored.evaluation.year,
        "level": level,
        "layout": layout_of(scored),
        "notes": list(display.notes),
        "unit": _unit(scored.unit, display.unit_total_row, display.show_grade) if scored.unit is not None else None,
        "projects": [_project(t, display.show_grade) for t in scored.projects],
    }


def _project(table: ScoredTable, show_grade: bool) -> dict[str, Any]:
    project = table.table
    assert isinstance(project, ProjectTable)
    funds = [
        {
            "label": project.funds.total_label,
            **_totals(table),
            "weight": _weight(table.execution_weight),
            "rate": _percent(table.execution_rate),
            "score": format_plain(table.execution_score),
        }
    ]
    for index, line in enumerate(project.funds.sources):
        label = ("其中：" if index == 0 else "\u3000\u3000") + line.source
        funds.append({"label": label, **_amounts(line), "weight": DASH, "rate": DASH, "score": DASH})
    return {
        "name": project.name,
        "department": project.department,
        "implementer": project.implementer,
        "funds": funds,
        "goal_expected": project.goal_expected,
        "goal_actual": project.goal_actual,
        "indicators": _indicators(table),
        "weight_total": _weight(table.weight_sum + table.execution_weight),
        "total": f"{format_plain(table.total)}分",
        "total_plain": format_plain(table.total),
        "grade": (table.grade or "") if show_grade else "",
        "investment": "" if project.total_investment is None else format_amount(project.total_investment),
        "period": project.period,
    }


def _unit(table: ScoredTable, total_row: bool, show_grade: bool) -> dict[str, Any]:
    unit = table.table
    assert isinstance(unit, UnitTable)
    funds = [
        {"label": ("其中：" if line.parent and line is unit.funds.children(line.parent)[0] else "\u3000\u3000" if line.parent else "")
         + line.source, **_amounts(line), "weight": DASH, "rate": DASH, "score": DASH}
        for line in unit.funds.sources
    ]  # fmt: skip
    funds.append(
        {
            "label": unit.funds.total_label,
            **_totals(table),
            "weight": _weight(table.execution_weight),
            "rate": _percent(table.execution_rate),
            "score": format_plain(table.execution_score),
        }
    )
    return {
        "name": table.name,
        "funds": funds,
        "goal_expected": unit.goal_expected,
        "goal_actual": unit.goal_actual,
        "indicators": _indicators(table),
        "total_row": total_row,
        "weight_total": _weight(table.weight_sum + table.execution_weight),
        "total": f"{format_plain(table.total)}分",
        "total_plain": format_plain(table.total),
        "grade": (table.grade or "") if show_grade else "",
    }


def _indicators(table: ScoredTable) -> list[dict[str, str]]:
    """Each indicator row's cells, formatted: every form (project or unit-wide, each layout) picks its columns."""
    levels = _levels(table.indicators)
    return [
        {
            **levels[index],
            "level3": s.indicator.level3,
            "weight": _weight(s.indicator.weight),
            "target": s.indicator.target_text,
            "actual": s.indicator.actual_text,
            "rate": _percent(s.rate) if s.applicable else NOT_APPLICABLE,
            "score": _score(s),
            "basis": s.indicator.basis,
            "last_year": s.indicator.last_year,
            "rule": s.indicator.rule_text,
            "evidence": s.indicator.evidence,
            "deviation": s.indicator.deviation,
            "method": _method(table.indicators, index),
            "unit_text": s.indicator.unit_text,
            "nature": _nature(s),
            "initial_target": s.indicator.initial_target,  # as typed: blank when no 年初指标值 was given
            "coefficient": _coefficient(s),
            "core": s.indicator.core,
        }
        for index, s in enumerate(table.indicators)
    ]


def _levels(indicators: tuple[ScoredIndicator, ...]) -> list[dict[str, str]]:
    """Each row's 一级/二级 cells: the text where a piece of its group starts, the merge mark on the rows that continue it."""
    starts1, starts2 = group_starts([(s.indicator.level1, s.indicator.level2) for s in indicators])
    return [
        {
            "level1": weight_apart(s.indicator.level1) if index in starts1 else MERGE_MARK,
            "level2": weight_apart(s.indicator.level2) if index in starts2 else MERGE_MARK,
        }
        for index, s in enumerate(indicators)
    ]


_STATED_WEIGHT = re.compile(r"(?<=\S)\s*([（(]\d+(?:\.\d+)?分[）)])$")


def weight_apart(label: str) -> str:
    """"数量指标（10分）" as "数量指标" over "（10分）": the group columns are too narrow for both on one line, and
    wrapping where the line ends breaks the weight ("（10" / "分）")."""
    return _STATED_WEIGHT.sub(lambda m: "\n" + m.group(1), label)


def group_starts(levels: list[tuple[str, str]], max_rows: int = GROUP_ROWS) -> tuple[set[int], set[int]]:
    """The rows that start a labelled piece of a 一级 group and of a 二级 group.

    A group of at most MAX_ROWS rows is one piece, kept on one page (merge.keep_merged_groups_together).
    A longer group is cut into pieces of at most MAX_ROWS rows, each starting with the group's label,
    so that a page break, which falls only between pieces, never leaves a page whose rows have no label.
    二级 groups are cut into near-equal pieces; a 一级 group's pieces are whole 二级 pieces packed in order
    (a 一级 piece never ends inside a 二级 piece: the rows kept together would chain across both).
    """
    starts1: set[int] = set()
    starts2: set[int] = set()
    for first1, end1 in _runs([level1 for level1, _ in levels], 0, len(levels)):
        pieces2 = [
            piece
            for first2, end2 in _runs([(l1, l2) for l1, l2 in levels], first1, end1)
            for piece in _even_pieces(first2, end2, max_rows)
        ]
        starts2.update(first for first, _ in pieces2)
        size = max_rows
        for first, end in pieces2:
            if size + (end - first) > max_rows:
                starts1.add(first)
                size = 0
            size += end - first
    return starts1, starts2


def _runs(keys: list[Any], first: int, end: int) -> list[tuple[int, int]]:
    """[first, end) cut into runs of equal consecutive keys, as (start, stop) pairs."""
    runs: list[tuple[int, int]] = []
    for index in range(first, end):
        if index == first or keys[index] != keys[index - 1]:
            runs.append((index, index + 1))
        else:
            runs[-1] = (runs[-1][0], index + 1)
    return runs


def _even_pieces(first: int, end: int, max_rows: int) -> list[tuple[int, int]]:
    """[first, end) in the fewest pieces of at most MAX_ROWS rows, their sizes differing by one at most."""
    count = -(-(end - first) // max_rows)
    size, longer = divmod(end - first, count)
    pieces, start = [], first
    for number in range(count):
        stop = start + size + (1 if number < longer else 0)
        pieces.append((start, stop))
        start = stop
    return pieces


def _method(indicators: tuple[ScoredIndicator, ...], index: int) -> str:
    """得分计算方法 as typed (赋分规则); a blank cell stays a blank cell of its own row.

    Merging blanks into the cell above made one tall cell of a whole group, which the printed
    宁夏 form does not have (its blank cells are blank rows of the column).
    """
    return indicators[index].indicator.rule_text


def _nature(scored: ScoredIndicator) -> str:
    """指标性质 as typed; else what the target's typed form says (≥ 正向, ≤ 反向, words or a date 定性).

    A target typed without an operator leaves it blank: how it was read is the profile's assumption, not the table's.
    """
    indicator = scored.indicator
    if indicator.nature or not scored.applicable or indicator.target is None:
        return indicator.nature
    target = indicator.target
    if target.kind in ("words", "date"):
        return "定性"
    if not target.operator_typed or target.operator is Operator.EQUAL:
        return ""
    return "反向" if target.operator.is_reverse else "正向"


def _score(scored: ScoredIndicator) -> str:
    """指标得分; "/" for a row that does not apply (it has no score, not a score of 0)."""
    return format_plain(scored.score) if scored.applicable else NOT_APPLICABLE


def _coefficient(scored: ScoredIndicator) -> str:
    """得分系数（%）: the one the profile scored through, else 指标得分 / 权重, two decimals; "/" for a row that does not apply."""
    weight = scored.indicator.weight
    if not scored.applicable:
        return "/"
    if scored.coefficient is not None and scored.indicator.override is None:
        return format_plain(scored.coefficient)
    if weight is None or weight == 0:
        return ""
    return format_plain(scored.score / weight * 100)


def _amounts(line: FundsLine) -> dict[str, str]:
    return {
        "initial": format_amount(line.initial_budget),
        "annual": format_amount(line.annual_budget),
        "executed": format_amount(line.executed),
    }


def _totals(table: ScoredTable) -> dict[str, str]:
    """The total line; an amount nobody typed (in the total row nor in any source) prints blank, not 0.00."""
    f, funds = table.funds, table.table.funds
    lines = ([funds.total] if funds.total is not None else []) + list(funds.top_level)

    def shown(field: str, value: Decimal) -> str:
        return format_amount(value) if any(getattr(line, field) is not None for line in lines) else ""

    return {
        "initial": shown("initial_budget", f.initial_budget),
        "annual": shown("annual_budget", f.annual_budget),
        "executed": shown("executed", f.executed),
    }


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else format_percent(rate)


def _weight(weight: Decimal | None) -> str:
    """Weights as typed: 10, 1.43 (no trailing zeros)."""
    return "" if weight is None else f"{weight.normalize():f}"
