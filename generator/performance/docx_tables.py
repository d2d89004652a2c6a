"""The self-evaluation tables as they appear in the disclosure, appended to a python-docx container.

The container is a `docx.Document` or a docxtpl `Subdoc` (both have add_paragraph
and add_table). Layout follows the 2024 昌吉州 sample: title, "(2024年度)", the
funds block, 年度总体目标, indicator rows with merged 一级/二级 groups, 总分.
Only formatting happens here; every figure comes from the scored object.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from generator.performance.docx_grid import TITLE_FONT, Cell, Grid, styled_run
from generator.performance.model import FundsLine, ProjectTable
from generator.performance.score import ScoredIndicator, ScoredSelfEvaluation, ScoredTable
from generator.render.numbers import format_amount, format_percent, format_plain

_DASH = "—"
# Relative column widths; scaled to the page's text width.
_PROJECT_WIDTHS = [0.8, 1.3, 1.4, 2.6, 0.9, 1.6, 1.6, 1.6, 1.2, 1.2, 1.2, 1.5, 1.0, 2.2]
_UNIT_WIDTHS = [1.6, 1.6, 4.0, 1.8, 2.0, 1.2, 1.8, 1.2]
_DEFAULT_TEXT_WIDTH_CM = 16.0


def add_self_evaluation_tables(container: Any, scored: ScoredSelfEvaluation) -> None:
    """Append the unit-wide table (if any), then one table per project, each starting a new page."""
    width = _text_width_cm(container)
    first = True
    if scored.unit is not None:
        _add_unit_table(container, scored.unit, scored, width, first)
        first = False
    for project in scored.projects:
        _add_project_table(container, project, scored, width, first)
        first = False


def self_evaluation_document(scored: ScoredSelfEvaluation) -> DocxDocument:
    """A document (A4 landscape: 14 columns need the width) holding only the self-evaluation tables;
    the caller saves it."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    add_self_evaluation_tables(document, scored)
    return document


def _text_width_cm(container: Any) -> float:
    try:
        section = container.sections[-1]
        return float((section.page_width - section.left_margin - section.right_margin) / Cm(1))
    except (AttributeError, IndexError, TypeError):
        return _DEFAULT_TEXT_WIDTH_CM


def _titles(container: Any, title: str, year: int | None, new_page: bool) -> None:
    heading = container.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.page_break_before = new_page
    styled_run(heading, title, size=Pt(16), bold=True, font=TITLE_FONT)
    if year is not None:
        subtitle = container.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styled_run(subtitle, f"（{year}年度）", size=Pt(12))


# -- project tables --------------------------------------------------------------------------------


def _add_project_table(container: Any, table: ScoredTable, scored: ScoredSelfEvaluation, width: float, first: bool) -> None:
    project = table.table
    assert isinstance(project, ProjectTable)
    _titles(container, "项目支出绩效自评表", scored.evaluation.year, not first)
    grid = Grid(container, _PROJECT_WIDTHS, width)
    grid.add([Cell("项目名称", 3, bold=True), Cell(project.name, 11, align="left")])
    grid.add(
        [
            Cell("主管部门", 3, bold=True),
            Cell(project.department, 5),
            Cell("实施单位", 2, bold=True),
            Cell(project.implementer, 4),
        ]
    )
    top = grid.add(
        [
            Cell("项目资金（万元）", 2, bold=True),
            Cell("", 2),
            Cell("年初预算数", 2),
            Cell("全年预算数", 2),
            Cell("全年执行数", 2),
            Cell("分值"),
            Cell("执行率"),
            Cell("得分", 2),
        ]
    )
    lines = [(table.table.funds.total_label, _total_amounts(table), True)]
    lines += [
        (("其中：" if i == 0 else "") + line.source, _amounts(line), False) for i, line in enumerate(table.table.funds.sources)
    ]
    for label, amounts, is_total in lines:
        tail = [
            Cell(_weight(table.execution_weight)),
            Cell(_percent(table.execution_rate)),
            Cell(format_plain(table.execution_score), 2),
        ]
        if not is_total:
            tail = [Cell(_DASH), Cell(_DASH), Cell(_DASH, 2)]
        last = grid.add([Cell("", 2), Cell(label, 2, align="left"), *(Cell(a, 2) for a in amounts), *tail])
    grid.merge_down(top, last, 0)
    _goals(grid, project.goal_expected, project.goal_actual, label_span=2, left_span=6, right_span=6)
    header = grid.add(
        [Cell("年度绩效指标完成情况", bold=True)]
        + [Cell(h, bold=True) for h in ("一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分")]
        + [Cell(h, bold=True) for h in ("指标值设定依据", "上年完成情况", "赋分规则", "佐证资料", "偏差原因分析及改进措施")]
    )
    runs = _group_runs(table.indicators)
    rows = [grid.add(_project_row(s, index in runs[0], index in runs[1])) for index, s in enumerate(table.indicators)]
    grid.merge_down(header, rows[-1] if rows else header, 0)
    _merge_groups(grid, runs, rows, first_col=1)
    weight_total = table.weight_sum + table.execution_weight
    grid.add(
        [
            Cell("总分", 4, bold=True),
            Cell(_weight(weight_total)),
            Cell("", 3),
            Cell(f"{format_plain(table.total)}分"),
            Cell("", 5),
        ]
    )
    if scored.profile.display.show_grade and table.grade is not None:
        grid.add([Cell("等级", 4, bold=True), Cell(table.grade, 10)])
    grid.finish()


def _project_row(scored: ScoredIndicator, shows_level1: bool, shows_level2: bool) -> list[Cell]:
    i = scored.indicator
    return [
        Cell(""),
        Cell(i.level1 if shows_level1 else ""),
        Cell(i.level2 if shows_level2 else ""),
        Cell(i.level3, align="left"),
        Cell(_weight(i.weight)),
        Cell(i.target_text),
        Cell(i.actual_text),
        Cell(_percent(scored.rate)),
        Cell(format_plain(scored.score)),
        Cell(i.basis),
        Cell(i.last_year),
        Cell(i.rule_text),
        Cell(i.evidence),
        Cell(i.deviation, align="left"),
    ]


# -- the unit-wide table ---------------------------------------------------------------------------


def _add_unit_table(container: Any, table: ScoredTable, scored: ScoredSelfEvaluation, width: float, first: bool) -> None:
    unit = table.table
    _titles(container, "单位整体支出绩效自评表", scored.evaluation.year, not first)
    grid = Grid(container, _UNIT_WIDTHS, width)
    grid.add([Cell("单位名称", 2, bold=True), Cell(table.name, 6, align="left")])
    top = grid.add(
        [Cell("部门资金（万元）", bold=True)]
        + [Cell(h, bold=True) for h in ("资金来源", "年初预算数", "全年预算数", "全年执行数", "分值权重", "执行率", "得分")]
    )
    for line in unit.funds.sources:
        grid.add([Cell(""), Cell(line.source), *(Cell(a) for a in _amounts(line)), Cell(_DASH), Cell(_DASH), Cell(_DASH)])
    last = grid.add(
        [Cell(""), Cell(unit.funds.total_label), *(Cell(a) for a in _total_amounts(table)),
         Cell(_weight(table.execution_weight)), Cell(_percent(table.execution_rate)), Cell(format_plain(table.execution_score))]
    )  # fmt: skip
    grid.merge_down(top, last, 0)
    _goals(grid, unit.goal_expected, unit.goal_actual, label_span=1, left_span=3, right_span=4)
    grid.add(
        [
            Cell(h, bold=True)
            for h in ("一级指标", "二级指标", "三级指标", "预期指标值", "指标值设定依据", "分值权重", "实际完成指标值", "得分")
        ]
    )
    runs = _group_runs(table.indicators)
    rows = []
    for index, s in enumerate(table.indicators):
        i = s.indicator
        level1, level2 = (i.level1 if index in runs[0] else ""), (i.level2 if index in runs[1] else "")
        cells = [
            Cell(level1),
            Cell(level2),
            Cell(i.level3, align="left"),
            Cell(i.target_text),
            Cell(i.basis),
            Cell(_weight(i.weight)),
            Cell(i.actual_text),
        ]
        rows.append(grid.add([*cells, Cell(format_plain(s.score))]))
    _merge_groups(grid, runs, rows, first_col=0)
    if scored.profile.display.unit_total_row:
        grid.add(
            [
                Cell("总分", 5, bold=True),
                Cell(_weight(table.weight_sum + table.execution_weight)),
                Cell(""),
                Cell(f"{format_plain(table.total)}分"),
            ]
        )
        if scored.profile.display.show_grade and table.grade is not None:
            grid.add([Cell("等级", 5, bold=True), Cell(table.grade, 3)])
    grid.finish()


# -- shared pieces ---------------------------------------------------------------------------------


def _goals(grid: Grid, expected: str, actual: str, *, label_span: int, left_span: int, right_span: int) -> None:
    top = grid.add(
        [
            Cell("年度总体目标", label_span, bold=True),
            Cell("预期目标", left_span, bold=True),
            Cell("实际完成情况", right_span, bold=True),
        ]
    )
    bottom = grid.add([Cell("", label_span), Cell(expected, left_span, align="left"), Cell(actual, right_span, align="left")])
    grid.merge_down(top, bottom, 0)


def _group_runs(indicators: tuple[ScoredIndicator, ...]) -> tuple[dict[int, int], dict[int, int]]:
    """Runs of equal 一级指标, and of equal 二级指标 within them: {first row index: last row index}."""
    keys: list[list[tuple[str, ...]]] = [
        [(s.indicator.level1,) for s in indicators],
        [(s.indicator.level1, s.indicator.level2) for s in indicators],
    ]
    runs: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for level, level_keys in enumerate(keys):
        start = 0
        for index in range(1, len(indicators) + 1):
            if index == len(indicators) or level_keys[index] != level_keys[start]:
                runs[level][start] = index - 1
                start = index
    return runs


def _merge_groups(grid: Grid, runs: tuple[dict[int, int], dict[int, int]], rows: list[int], first_col: int) -> None:
    """Merge each group's cells vertically; only the group's first row holds the text."""
    for level, col in ((0, first_col), (1, first_col + 1)):
        for start, end in runs[level].items():
            grid.merge_down(rows[start], rows[end], col)


def _amounts(line: FundsLine) -> list[str]:
    return [format_amount(line.initial_budget), format_amount(line.annual_budget), format_amount(line.executed)]


def _total_amounts(table: ScoredTable) -> list[str]:
    funds = table.funds
    return [format_amount(funds.initial_budget), format_amount(funds.annual_budget), format_amount(funds.executed)]


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else format_percent(rate)


def _weight(weight: Decimal | None) -> str:
    """Weights as typed: 10, 1.43 (no trailing zeros)."""
    if weight is None:
        return ""
    return f"{weight.normalize():f}"
