"""`juesuan init NEW --from OLD`: start a year's input folder from last year's.

Carried: the unit's profile (封面, with 年度 + 1), the long texts (文字说明.yaml) and what its
事业收入/经营收入/其他收入 mainly are (收入主要内容),
the opening balances (年初结转和结余 = last year's 年末结转和结余, in both 总表s),
and last year's figures in place as this year's 上年 figures (the 上年决算数 of
the 一般公共预算财政拨款支出决算表, one row per 项 that had a figure; the
"三公" table; 预算及上年情况; 机关运行经费; 人员情况). This year's amounts are
left empty. Last year's reasons are not reused: a change has a new reason every
year. They are listed on an extra sheet 上年原因（参考）, which the loader
ignores. The self-evaluation keeps its projects and indicators with their
targets; 完成值 moves to 上年完成情况 and everything of the year is emptied.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator import door, layout
from generator.compute.base import YearBase, compute_base
from generator.files import not_writable, write_folder
from generator.findings import Finding, Location, emit, has_errors
from generator.init import TEXTS_TEMPLATE, workbook_bytes
from generator.load.folder import UNITS, load_unit_year
from generator.load.self_evaluation.carry import carried_self_evaluation_file
from generator.self_evaluation.layout import WORKBOOK_NAME as SELF_EVALUATION

REASONS_SHEET = "上年原因（参考）"


def carry_forward(old: Path, new: Path) -> list[Finding]:
    """Write NEW's 决算数据.xlsx, 文字说明.yaml and 绩效自评表.xlsx from OLD's: all three, or none.

    Writes nothing if any exists, or if a file of OLD that is there cannot be read (init-not-carried says
    which and why: a blank file in its place would lose its content in silence).
    """
    targets = [new / layout.WORKBOOK, new / layout.TEXTS, new / SELF_EVALUATION]
    existing = [p for p in targets if os.path.lexists(p)]
    if existing:
        return [
            emit("init-exists", Location(file=str(p)), path=str(p))
            for p in existing
        ]
    unit, findings = load_unit_year(old)  # reads the workbook and 文字说明.yaml through the guarded door
    if unit is None or has_errors(findings):
        return [f for f in findings if f.severity.value == "error"]
    base = compute_base(unit)
    problems: list[Finding] = []
    texts = old / layout.TEXTS
    texts_data: bytes | None = TEXTS_TEMPLATE.encode("utf-8")
    if os.path.lexists(texts):
        texts_data, refused = door.read_bytes(texts, str(texts), door.MAX_TEXT_BYTES)  # the bytes load_texts accepted
        if texts_data is None:
            problems.append(_not_carried(texts, refused.message if refused is not None else "无法读取"))
    evaluation, why = carried_self_evaluation_file(old / SELF_EVALUATION, str(old / SELF_EVALUATION))
    if evaluation is None:
        problems.append(_not_carried(old / SELF_EVALUATION, why))
    if problems or texts_data is None or evaluation is None:
        return problems
    files = {
        layout.WORKBOOK: _with_reasons(workbook_bytes(carried_values(base)), base),
        layout.TEXTS: texts_data,
        SELF_EVALUATION: evaluation,
    }
    try:
        write_folder(new, files)
    except OSError as exc:
        return [not_writable(new, exc, "；未写入任何文件，可直接重试")]
    return []


def _not_carried(path: Path, why: str) -> Finding:
    return emit("init-not-carried", Location(file=str(path)), path=str(path), name=path.name, why=why)


def carried_values(base: YearBase) -> dict[str, Any]:
    """The new year's values dict (generator.init.workbook_bytes format): profile and 上年 figures only."""
    unit = base.unit
    cover = unit.cover
    scale = UNITS[cover.declared_unit]

    def cell(value: Decimal | None) -> int | float | None:
        """A 万元 figure back in the workbook's own unit, as Excel stores numbers."""
        if value is None:
            return None
        typed = value / scale
        return int(typed) if typed == typed.to_integral_value() else float(typed)

    def count(value: Decimal | None) -> int | None:
        return None if value is None else int(value)

    # 主要用于 describes the 项, not the year: it is carried; budgets and reasons are this year's to fill
    gpb_rows = [
        (node.code, node.name, None, None, None, cell(node.value("合计")), None, None, None, (node.row.text(layout.PURPOSE) if node.row else "") or None)
        for node in base.gpb.leaves()
        if node.value("合计") != 0
    ]
    other = unit.item_table(layout.OTHER_MATTERS.name)
    summary_table = unit.item_table(layout.SUMMARY.name)
    staff = unit.item_table(layout.STAFF.name)
    closing = base.fiscal.get("年末财政拨款结转和结余", {})
    return {
        layout.COVER.name: {
            "单位名称": [cover.unit_name],
            "年度": [cover.year + 1],
            "金额单位": [cover.declared_unit],
            "单位性质": [cover.unit_kind],
            "数据来源": [f"由{cover.year}年数据结转（juesuan init --from）；本年金额待填写"],
            "公开模板": [cover.template],
            "决算层级": [cover.level or None],
        },
        # 结转: this year opens with what last year closed with (check holds the two together)
        layout.SUMMARY.name: {
            "年初结转和结余": [cell(base.summary.get("年末结转和结余"))],
            # what the unit's 事业收入 etc. mainly are describes the unit, not the year: carried
            **{n: [None, t] for n in layout.EXPLAINED_INCOMES if (t := summary_table.text(n, layout.INCOME_CONTENT).strip())},
        },
        layout.FISCAL.name: {"年初财政拨款结转和结余": [cell(closing.get(c)) for c in layout.FISCAL_COLUMNS]},
        layout.GPB.name: gpb_rows,
        layout.THREE_PUBLIC.name: {
            name: [None, None, cell(base.three_public.get(name, {}).get("决算数"))]
            for name in ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS)
        },
        layout.OVERVIEW.name: {
            "收入支出总计": [cell(base.summary.get("收入总计"))],
            "财政拨款收入支出总计": [cell(base.fiscal.get("支出总计", {}).get("合计"))],
            "一般公共预算财政拨款支出": [cell(base.gpb.total("合计")) if base.gpb.has_data else None],
        },
        layout.OTHER_MATTERS.name: {
            "机关运行经费": [None, cell(other.amount("机关运行经费", "本年数"))],
            # the use of 其他用车 describes the fleet, not a change: it stays
            "其他用车": [None, None, other.text("其他用车", "说明") or None],
        },
        layout.STAFF.name: {name: [None, count(staff.amount(name, "本年人数"))] for name in layout.STAFF_ITEMS},
    }


def last_year_reasons(base: YearBase) -> Iterator[tuple[str, str, str, str]]:
    """(sheet, item, column, text) of every reason and explanation last year's workbook gave."""
    unit = base.unit
    for row in unit.subject(layout.GPB.name).rows:
        if row.reason.strip():
            yield layout.GPB.name, f"{row.code} {row.name}", layout.REASON, row.reason
    sheets = (
        (layout.OVERVIEW, (layout.REASON, layout.BUDGET_REASON)),
        (layout.THREE_PUBLIC, (layout.REASON, layout.BUDGET_REASON)),
        (layout.THREE_PUBLIC_DETAILS, (layout.CONTENT,)),
        (layout.OTHER_MATTERS, ("说明",)),
    )
    for spec, columns in sheets:
        table = unit.item_table(spec.name)
        for item in spec.items:
            for column in columns:
                text = table.text(item.name, column).strip()
                if text:
                    yield spec.name, item.name, column, text


def _with_reasons(data: bytes, base: YearBase) -> bytes:
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    book = load_workbook(io.BytesIO(data))
    sheet = book.create_sheet(REASONS_SHEET)
    sheet.append(
        [f"{base.unit.cover.year}年填写的变动原因和说明，仅供参考：本工作表不被读取，请在各表的“变动原因”列写本年的原因。"]
    )
    sheet.append(["工作表", "项目", "列", "上年内容"])
    sheet["A1"].font = Font(color="7F7F7F")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in last_year_reasons(base):
        sheet.append(list(row))
    for letter, width in zip("ABCD", (30, 40, 16, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3, min_col=4, max_col=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["REASONS_SHEET", "carried_values", "carry_forward", "last_year_reasons"]
