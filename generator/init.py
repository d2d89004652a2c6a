"""`juesuan init`: an empty input folder a finance officer can fill without reading code."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator import layout
from generator.files import not_writable, write_folder
from generator.findings import Finding, Location, emit

TEXTS_TEMPLATE = """\
# 文字说明：公开说明中需要人工撰写的段落。每年可沿用，修改后重新生成即可，不会丢失。
# 写法：冒号后写内容；列表每项一行，以“- ”开头；长段落可用“|”后换行缩进书写。

主要职能:
  - （第一项职能，照抄“三定”方案）
  - （第二项职能）

# 主要职能列表之后的补充说明（如下设中心的职责），可留空
职能补充说明: ""

# 下属预算单位名称；没有则留空列表 []
下属预算单位: []

# 内设科室，每个一行（如办公室、财务科）；没有则写 []
内设机构:
  - （内设科室名称）

预算绩效:
  成效: ""
  问题: ""
  措施: ""

其他需说明的事项: "本单位无其他需说明的事项。"
"""

Row = Sequence[Any]


def init_folder(folder: Path) -> list[Finding]:
    """Write an empty 决算数据.xlsx, 文字说明.yaml and 绩效自评表.xlsx into FOLDER: all three, or none."""
    from generator.load.self_evaluation.blank_workbook import empty_workbook_bytes
    from generator.self_evaluation.layout import WORKBOOK_NAME

    targets = [folder / layout.WORKBOOK, folder / layout.TEXTS]
    existing = [p for p in targets if os.path.lexists(p)]
    if existing:
        return [
            emit("init-exists", Location(file=str(p)), path=str(p))
            for p in existing
        ]
    files = {layout.WORKBOOK: workbook_bytes({}), layout.TEXTS: TEXTS_TEMPLATE.encode("utf-8")}
    if not os.path.lexists(folder / WORKBOOK_NAME):
        files[WORKBOOK_NAME] = empty_workbook_bytes()
    try:
        write_folder(folder, files)
    except OSError as exc:
        return [not_writable(folder, exc, "；未写入任何文件，可直接重试")]
    return []


def workbook_bytes(values: Mapping[str, Any]) -> bytes:
    """The input workbook with every sheet, title, instruction row and header.

    VALUES fills it: for a 项目表 a mapping item name -> list of cell values (one
    per value column); for a 科目表 a list of rows (code, name, values…).
    Item sheets list their items in the 项目 column even when empty.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    note_font = Font(color="7F7F7F", size=9)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for spec in layout.SHEET_ORDER:
        ws = book.create_sheet(spec.name)
        headers = _headers(spec)
        ws.append([spec.name])
        ws.append([spec.note])
        ws.append(headers)
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"].font = note_font
        ws["A2"].alignment = Alignment(wrap_text=False)
        for cell in ws[layout.HEADER_ROW + 1]:
            cell.font = bold
            cell.fill = header_fill
        for row in _rows(spec, values.get(spec.name)):
            ws.append(list(row))
        ws.freeze_panes = ws.cell(row=layout.FIRST_DATA_ROW + 1, column=3 if isinstance(spec, layout.SubjectSheet) else 2)
        for i, header in enumerate(headers):
            width = 40 if header in (layout.NAME, layout.ITEM, layout.REASON, layout.BUDGET_REASON, "说明", layout.CONTENT) else 16
            ws.column_dimensions[_letter(i)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _headers(spec: layout.SubjectSheet | layout.ItemSheet) -> list[str]:
    if isinstance(spec, layout.SubjectSheet):
        return [c.header for c in spec.columns]
    return [layout.ITEM] + [c.header for c in spec.columns]


def _rows(spec: layout.SubjectSheet | layout.ItemSheet, values: Any) -> list[Row]:
    if isinstance(spec, layout.SubjectSheet):
        return list(values or [])
    given: Mapping[str, Row] = values or {}
    rows: list[Row] = [[item.name, *given.get(item.name, ())] for item in spec.items]
    known = {item.name for item in spec.items}
    rows += [[name, *cells] for name, cells in given.items() if name not in known]
    return rows


def _letter(index: int) -> str:
    from generator.findings import column_letter

    return column_letter(index)
