"""Loading 绩效自评表.xlsx from a unit-year folder into a SelfEvaluation, and its scoring profile.

`read_self_evaluation` is what `load(folder)` reads: the workbook (through the reader every workbook goes
through, generator.load.workbook) and the profile, as one SelfEvaluationInput. No workbook is a fact of
the data (a unit may have none). A missing sheet or header stops loading (nothing could be read reliably);
a bad cell is a finding at that cell and loading goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.findings import Finding, Location, emit
from generator.findings import has_errors as _has_errors
from generator.load.self_evaluation.profiles import DEFAULT_PROFILE, load_profile
from generator.load.self_evaluation.sheets import LazyCells, RowReader, amount_scale, data_rows, locate_columns
from generator.load.sheets import normalize
from generator.load.workbook import Sheet, Workbook, read_workbook
from generator.self_evaluation.layout import (
    FISCAL,
    FISCAL_PARTS,
    PROJECT_FUNDS,
    PROJECT_INDICATORS,
    PROJECT_SOURCES,
    PROJECT_TOTAL,
    PROJECTS,
    SHEETS,
    UNIT,
    UNIT_FUNDS,
    UNIT_INDICATORS,
    UNIT_SOURCES,
    UNIT_TOTAL,
    WORKBOOK_NAME,
    SheetLayout,
)
from generator.self_evaluation.model import (
    Funds,
    FundsLine,
    Indicator,
    Override,
    Printed,
    ProjectTable,
    SelfEvaluation,
    SelfEvaluationInput,
    UnitTable,
)
from generator.self_evaluation.profile import LAYOUT_NAMES


@dataclass(frozen=True)
class _IndicatorHeaders:
    weight: str
    target: str
    actual: str


_PROJECT_HEADERS = _IndicatorHeaders(weight="权重", target="目标值", actual="完成值")
_UNIT_HEADERS = _IndicatorHeaders(weight="分值权重", target="预期指标值", actual="实际完成指标值")


@dataclass
class _Context:
    book: Workbook
    year: int | None
    findings: list[Finding]
    tables: dict[str, tuple[Sheet, dict[str, int]]]

    def rows(self, layout: SheetLayout) -> list[RowReader]:
        sheet, columns = self.tables[layout.name]
        readers = (RowReader(self.book, sheet, columns, row, self.findings) for row in data_rows(sheet))
        return [reader for reader in readers if not reader.is_blank()]

    def amount_scale(self, layout: SheetLayout) -> Decimal:
        sheet, _ = self.tables[layout.name]
        return amount_scale(sheet)

    def amount_unit(self, layout: SheetLayout) -> str:
        """The unit the sheet's amounts were typed in (its 尾差 is measured in it)."""
        sheet, _ = self.tables[layout.name]
        return "元" if amount_scale(sheet) != 1 else "万元"


def read_self_evaluation(folder: Path, year: int | None = None, profile: str | Path | None = None) -> SelfEvaluationInput:
    """FOLDER's 绩效自评表.xlsx and the profile (a shipped name or a path; None: the default) it is scored under.

    YEAR (the 封面's) completes dates typed without one; None: the folder's name when it is a year.
    """
    if year is None and re.fullmatch(r"\d{4}", folder.name):
        year = int(folder.name)
    evaluation, findings = load_self_evaluation(folder, year)
    if evaluation is None:
        if not findings:
            return SelfEvaluationInput(absent=True, year=year)
        # a sheet or header of it missing, or the file itself refused (the door, the package scan)
        parts = any(f.code in ("self-evaluation-sheet-missing", "self-evaluation-column-missing") for f in findings)
        why = "缺少工作表或表头，无法读取" if parts else "无法读取（见该文件的问题）"
        return SelfEvaluationInput(findings=tuple(findings), unreadable=f"{WORKBOOK_NAME}{why}", year=year)
    rules, profile_findings = load_profile(profile or DEFAULT_PROFILE)
    findings.extend(profile_findings)
    unreadable = "" if rules is not None else "评分规则无法读取"
    return SelfEvaluationInput(evaluation, rules, tuple(findings), unreadable=unreadable, year=year)


def load_self_evaluation(folder: Path, year: int | None = None) -> tuple[SelfEvaluation | None, list[Finding]]:
    """Read <folder>/绩效自评表.xlsx. `year` defaults to the folder's name when it is a year."""
    path = folder / WORKBOOK_NAME
    if not os.path.lexists(path):  # lexists: a dangling link or a folder in its place is refused by the door, not skipped
        return None, []
    book, findings = read_workbook(path, str(path))
    if book is None:
        return None, findings
    tables = {}
    for layout in SHEETS:
        sheet, columns, problems = locate_columns(book, layout)
        findings.extend(problems)
        if sheet is not None:
            tables[layout.name] = (sheet, columns)
    if _has_errors(findings):
        return None, findings
    if year is None and re.fullmatch(r"\d{4}", folder.name):
        year = int(folder.name)
    context = _Context(book=book, year=year, findings=findings, tables=tables)
    projects = _read_projects(context)
    evaluation = SelfEvaluation(
        source=book.label, year=year, unit=_read_unit(context), projects=projects, layout=_layout_asked(context)
    )
    return evaluation, findings


# -- projects --------------------------------------------------------------------------------------


def _read_projects(context: _Context) -> tuple[ProjectTable, ...]:
    overview: dict[str, RowReader] = {}
    for reader in context.rows(PROJECTS):
        name = reader.text("项目名称")
        if not name:
            context.findings.append(emit("project-name-missing", reader.location("项目名称"), note=""))
        elif name in overview:
            context.findings.append(
                emit("project-duplicate", reader.location("项目名称"), project=name, first=overview[name].location("项目名称").cell)
            )
        else:
            overview[name] = reader
    funds = _read_funds(context, PROJECT_FUNDS, PROJECT_SOURCES, PROJECT_TOTAL, with_project=True)
    indicators = _read_indicators(context, PROJECT_INDICATORS, _PROJECT_HEADERS, with_project=True)
    for name, location in {**_first_locations(funds), **_first_locations(indicators)}.items():
        if name not in overview:
            context.findings.append(
                emit("project-unknown", location, project=name, sheet=PROJECTS.name)
            )
    projects = []
    for name, reader in overview.items():
        if name not in funds:
            context.findings.append(
                emit("project-funds-missing", reader.location("项目名称"), project=name, sheet=PROJECT_FUNDS.name)
            )
        if name not in indicators:
            context.findings.append(
                emit("project-indicators-missing", reader.location("项目名称"), project=name, sheet=PROJECT_INDICATORS.name)
            )
        projects.append(
            ProjectTable(
                name=name,
                department=reader.text("主管部门"),
                implementer=reader.text("实施单位"),
                goal_expected=reader.text("年度总体目标（预期目标）"),
                goal_actual=reader.text("年度总体目标（实际完成情况）"),
                execution_weight=reader.decimal("分值"),
                funds=_funds_of(funds.get(name, []), PROJECT_TOTAL, context.amount_unit(PROJECT_FUNDS)),
                indicators=tuple(indicator for indicator, _ in indicators.get(name, [])),
                printed=_printed(reader),
                row=reader.location(),
                total_investment=reader.amount("项目总投资", context.amount_scale(PROJECT_FUNDS)),
                period=reader.text("项目总实施期"),
            )
        )
    return tuple(projects)


def _first_locations(rows: Mapping[str, Sequence[tuple[object, Location]]]) -> dict[str, Location]:
    return {name: entries[0][1] for name, entries in rows.items()}


def _printed(reader: RowReader) -> Printed:
    return Printed(
        execution_rate=reader.percent("印刷执行率"),
        execution_score=reader.points("印刷执行率得分"),
        total=reader.points("印刷总分"),
        grade=reader.text("印刷等级"),
        cells=reader.cells(),
    )


def _layout_asked(context: _Context) -> str:
    """The 表样 a workbook asks for: the first one typed in 项目概况 (新疆/宁夏/重庆), or ""."""
    for reader in context.rows(PROJECTS):
        typed = reader.text("表样")
        if typed:
            if typed not in LAYOUT_NAMES:
                context.findings.append(
                    emit("layout-unknown", reader.location("表样"), layout=typed)
                )
                return ""
            return LAYOUT_NAMES[typed]
    return ""


# -- the unit-wide table ---------------------------------------------------------------------------


def _read_unit(context: _Context) -> UnitTable | None:
    overview = context.rows(UNIT)
    funds = _read_funds(context, UNIT_FUNDS, UNIT_SOURCES, UNIT_TOTAL, with_project=False).get("", [])
    indicators = [
        indicator for indicator, _ in _read_indicators(context, UNIT_INDICATORS, _UNIT_HEADERS, with_project=False).get("", [])
    ]
    if not overview:
        if funds or indicators:
            context.findings.append(
                emit("unit-overview-missing", context.book.location(UNIT.name), sheet=UNIT.name)
            )
        return None
    reader = overview[0]
    if not reader.text("单位名称"):
        context.findings.append(emit("unit-name-missing", reader.location("单位名称")))
    for extra in overview[1:]:
        context.findings.append(emit("unit-row-extra", extra.location(), sheet=UNIT.name))
    if not funds:
        context.findings.append(emit("unit-funds-missing", reader.location(), sheet=UNIT_FUNDS.name))
    if not indicators:
        context.findings.append(emit("unit-indicators-missing", reader.location(), sheet=UNIT_INDICATORS.name))
    return UnitTable(
        unit_name=reader.text("单位名称"),
        goal_expected=reader.text("年度总体目标（预期目标）"),
        goal_actual=reader.text("年度总体目标（实际完成情况）"),
        execution_weight=reader.decimal("分值"),
        funds=_funds_of(funds, UNIT_TOTAL, context.amount_unit(UNIT_FUNDS)),
        indicators=tuple(indicators),
        printed=_printed(reader),
        row=reader.location(),
    )


# -- funds -----------------------------------------------------------------------------------------


def _read_funds(
    context: _Context, layout: SheetLayout, sources: dict[str, str], total_label: str, *, with_project: bool
) -> dict[str, list[tuple[FundsLine, Location]]]:
    """Funds lines by project name ("" for the unit-wide sheet), in sheet order."""
    sheet, _ = context.tables[layout.name]
    scale = amount_scale(sheet)
    result: dict[str, list[tuple[FundsLine, Location]]] = {}
    project = ""
    for reader in context.rows(layout):
        if with_project:
            project = reader.text("项目名称") or project
            if not project:
                context.findings.append(
                    emit("project-name-missing", reader.location("项目名称"), note="（首行不能空白）")
                )
                continue
        typed = reader.text("资金来源")
        source = sources.get(_source_key(typed))
        if source is None:
            context.findings.append(
                emit("funds-source-unknown", reader.location("资金来源"), source=typed, known="、".join(dict.fromkeys(sources.values())))
            )
            continue
        lines = result.setdefault(project, [])
        if any(line.source == source for line, _ in lines):
            context.findings.append(
                emit("funds-source-duplicate", reader.location("资金来源"), source=source)
            )
            continue
        line = FundsLine(
            source=source,
            initial_budget=reader.amount("年初预算数", scale),
            annual_budget=reader.amount("全年预算数", scale),
            executed=reader.amount("全年执行数", scale),
            cells=reader.cells(),
            unreadable=tuple(sorted(reader.failed)),
        )
        lines.append((line, reader.location("项目名称" if with_project else "资金来源")))
    return result


def _source_key(typed: str) -> str:
    """"其中：当年财政拨款", "  其中:上年结转 ", "年度资金总额:" → the key of the sources table."""
    return normalize(typed).rstrip(":：").removeprefix("其中")


def _funds_of(lines: list[tuple[FundsLine, Location]], total_label: str, unit: str = "万元") -> Funds:
    plain = [line for line, _ in lines]
    total = next((line for line in plain if line.source == total_label), None)
    sources = [line for line in plain if line.source != total_label]
    if any(line.source == FISCAL for line in sources):  # 财政拨款 with its 其中 rows
        sources = [line.model_copy(update={"parent": FISCAL}) if line.source in FISCAL_PARTS else line for line in sources]
    return Funds(total=total, sources=tuple(sources), total_label=total_label, unit=unit)


# -- indicators ------------------------------------------------------------------------------------


def _read_indicators(
    context: _Context, layout: SheetLayout, headers: _IndicatorHeaders, *, with_project: bool
) -> dict[str, list[tuple[Indicator, Location]]]:
    """Indicators by project name ("" for the unit-wide sheet). Blank grouping cells mean "same as above"."""
    result: dict[str, list[tuple[Indicator, Location]]] = {}
    above = {"项目名称": "", "一级指标": "", "二级指标": ""}
    pending_rule: tuple[str, str] | None = None  # (一级指标, 赋分规则) typed on a placeholder row
    for reader in context.rows(layout):
        group, ok = _grouping(reader, above, with_project, context.findings)
        above = group
        if not ok:
            continue
        level3 = reader.text("三级指标")
        empty = all(reader.is_empty(h) for h in (headers.weight, headers.target, headers.actual))
        if not level3 or (empty and _PLACEHOLDER.fullmatch(level3)):
            if not level3 and not empty:
                context.findings.append(emit("indicator-name-missing", reader.location("三级指标")))
            if reader.text("赋分规则"):  # a merged 得分计算方法 cell that starts on a placeholder row
                pending_rule = (group["一级指标"], reader.text("赋分规则"))
            continue  # a placeholder row such as "指标2：" with nothing else
        indicator = _indicator(context, reader, headers, group, level3)
        if pending_rule is not None:
            if pending_rule[0] == group["一级指标"] and not indicator.rule_text:
                indicator = indicator.model_copy(update={"rule_text": pending_rule[1]})
            pending_rule = None
        entries = result.setdefault(group["项目名称"], [])
        if any(existing.level3 == level3 and existing.level2 == group["二级指标"] for existing, _ in entries):
            context.findings.append(
                emit("indicator-duplicate", reader.location("三级指标"), indicator=level3)
            )
        entries.append((indicator, reader.location("项目名称" if with_project else "三级指标")))
    return result


def _grouping(
    reader: RowReader, above: dict[str, str], with_project: bool, findings: list[Finding]
) -> tuple[dict[str, str], bool]:
    """Fill blank grouping cells from the row above; a blank under a changed parent is an error."""
    group = dict(above)
    parent_changed = False
    for header in ("项目名称", "一级指标", "二级指标"):
        if (header == "项目名称" and not with_project) or header not in reader.columns:
            continue  # the unit-wide sheet has no 项目名称; a compact table no 一级/二级
        typed = reader.text(header)
        if typed:
            parent_changed = parent_changed or typed != above[header]
            group[header] = typed
        elif parent_changed or not above[header]:
            findings.append(
                emit("indicator-group-missing", reader.location(header), header=header)
            )
            return group, False
    return group, True


def _indicator(context: _Context, reader: RowReader, headers: _IndicatorHeaders, group: dict[str, str], level3: str) -> Indicator:
    blank_weight = reader.is_empty(headers.weight)
    weight = reader.decimal(headers.weight)
    if blank_weight:
        context.findings.append(emit("weight-missing", reader.location(headers.weight), header=headers.weight))
    elif weight is not None and weight <= 0:
        context.findings.append(
            emit("weight-not-positive", reader.location(headers.weight), weight=weight, header=headers.weight)
        )
        weight = None
    override = None
    manual = reader.decimal("手工得分")
    if manual is not None:
        override = Override(score=manual, reason=reader.text("手工得分原因"), location=reader.location("手工得分"))
    return Indicator(
        level1=group["一级指标"],
        level2=group["二级指标"],
        level3=level3,
        weight=weight,
        target_text=reader.text(headers.target),
        actual_text=reader.text(headers.actual),
        target=reader.measure(headers.target, context.year),
        actual=reader.measure(headers.actual, context.year),
        basis=reader.text("指标值设定依据"),
        last_year=reader.text("上年完成情况"),
        rule_text=reader.text("赋分规则"),
        evidence=reader.text("佐证资料"),
        deviation=reader.text("偏差原因分析及改进措施"),
        printed_rate=reader.percent("印刷完成率"),
        printed_score=reader.points("印刷得分"),
        override=override,
        initial_target=reader.text("年初指标值"),
        unit_text=reader.text("计量单位"),
        nature=reader.text("指标性质"),
        printed_coefficient=reader.percent("得分系数") if not reader.is_empty("得分系数") else None,
        core=reader.text("是否核心指标"),
        level1_weight=stated_weight(group["一级指标"]),
        level2_weight=stated_weight(group["二级指标"]),
        row=reader.location(),
        cells=_renamed(reader.cells(), headers),
    )


_PLACEHOLDER = re.compile(r"指标\s*\d*\s*[:：]?")
_STATED_WEIGHT = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def stated_weight(group: str) -> Decimal | None:
    """The weight a group's name states: "产出指标（50分）" → 50; None when it states none."""
    match = _STATED_WEIGHT.search(group)
    return Decimal(match[1]) if match else None


def _renamed(cells: LazyCells, headers: _IndicatorHeaders) -> LazyCells:
    """Cells under the project sheet's names (权重/目标值/完成值), so checks need one vocabulary."""
    names = {headers.weight: "权重", headers.target: "目标值", headers.actual: "完成值"}
    return cells.renamed(names)
