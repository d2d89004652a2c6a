"""The machine-readable batch report: JSON (juesuan-batch/1, each unit's juesuan-report/1 inside) and an .xlsx to filter."""

from __future__ import annotations

import io
import json
from pathlib import Path

from generator.batch.run import BatchResult
from generator.files import write_atomically
from generator.report.xlsx import FINDING_COLUMNS, finding_rows

REPORT_JSON = "batch-report.json"
REPORT_XLSX = "batch-report.xlsx"

SUMMARY_HEADERS = ("单位文件夹", "单位名称", "年度", "错误", "警告", "提示", "已说明", "输出文件", "未变化跳过", "程序出错", "用时（秒）")
FINDING_HEADERS = ("单位文件夹", "单位名称", "年度", *FINDING_COLUMNS)  # a unit's columns, then its report's (问题清单)


def write_reports(result: BatchResult, outdir: Path) -> tuple[Path, Path]:
    """Write OUTDIR/batch-report.json and OUTDIR/batch-report.xlsx (each atomically); return their paths."""
    json_path, xlsx_path = outdir / REPORT_JSON, outdir / REPORT_XLSX
    write_atomically(json_path, json.dumps(result.as_json(), ensure_ascii=False, indent=1).encode("utf-8"))
    write_atomically(xlsx_path, report_xlsx(result))
    return json_path, xlsx_path


def report_xlsx(result: BatchResult) -> bytes:
    """Two sheets: 汇总 (one row per unit) and 问题 (one row per finding, as each unit's 问题清单 has it)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    summary = book.create_sheet("汇总")
    findings = book.create_sheet("问题")
    for sheet, headers, widths in (
        (summary, SUMMARY_HEADERS, (30, 30, 8, 8, 8, 8, 8, 50, 10, 10, 10)),
        (findings, FINDING_HEADERS, (30, 30, 8, 10, 28, 40, 24, 8, 24, 100)),
    ):
        for index, width in enumerate(widths):
            sheet.column_dimensions[chr(65 + index)].width = width
        sheet.freeze_panes = "A2"
        row = []
        for header in headers:
            cell = WriteOnlyCell(sheet, header)
            cell.font = bold
            row.append(cell)
        sheet.append(row)
    for u in result.units:
        summary.append(
            [
                u.relative,
                u.unit_name or "",
                u.year,
                u.errors,
                u.warnings,
                u.infos,
                len(u.report.acknowledged),
                str(u.output) if u.output else "",
                "是" if u.skipped else "",
                "是" if u.crashed else "",
                round(u.seconds, 3),
            ]
        )
        for cells in finding_rows(u.report):
            findings.append([u.relative, u.unit_name or "", u.year, *cells])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
