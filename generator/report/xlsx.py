"""The report as an .xlsx (问题清单): one row per finding with its location in columns, to filter and annotate."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from generator.docx_package import normalise_docx
from generator.findings import Severity
from generator.report.value import Report

FINDINGS_SHEET = "问题清单"
FINDING_COLUMNS = ("严重程度", "代码", "文件", "工作表", "单元格", "字段", "说明")  # one finding (finding_rows); batch's sheet too
_HEADERS = ("序号", *FINDING_COLUMNS)
_WIDTHS = (6, 8, 30, 40, 24, 8, 24, 100)
_FILL_OF = {Severity.ERROR.label: "F8CBAD", Severity.WARNING.label: "FFF2CC", Severity.INFO.label: "DDEBF7"}
_WHEN = datetime(2000, 1, 1, tzinfo=UTC).replace(tzinfo=None)  # fixed: the same report gives the same bytes


def report_workbook(report: Report) -> bytes:
    """The .xlsx bytes: the findings, the coverage ledger, and what was read."""
    book = Workbook()
    sheet = book.active
    sheet.title = FINDINGS_SHEET
    _header(sheet, _HEADERS)
    for number, cells in enumerate(finding_rows(report), start=1):
        sheet.append([number, *cells])
        if cells[0] in _FILL_OF:
            sheet.cell(sheet.max_row, 2).fill = PatternFill("solid", fgColor=_FILL_OF[cells[0]])
        sheet.cell(sheet.max_row, 8).alignment = Alignment(wrap_text=True, vertical="top")
    _widths(sheet, _WIDTHS)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(_HEADERS))}{max(sheet.max_row, 1)}"

    coverage = book.create_sheet("核对范围")
    _header(coverage, ("规则", "结果", "发现", "原因", "可能发出的代码"))
    for c in report.coverage:
        coverage.append([c.rule, c.status.label, c.found, c.reason, " ".join(c.codes)])
    _widths(coverage, (34, 10, 6, 50, 80))

    about = book.create_sheet("说明")
    counts = report.counts
    rows: list[list[object]] = [
        ["数据文件夹", report.folder],
        ["命令", report.command],
        ["模板", report.template or ""],
        ["绩效评分规则", report.profile or ""],
        ["juesuan 版本", report.version],
        ["错误", counts[Severity.ERROR]],
        ["警告", counts[Severity.WARNING]],
        ["提示", counts[Severity.INFO]],
        ["已说明（核对记录.yaml）", len(report.acknowledged)],
    ]
    rows += [[f"读取的文件：{i.path}", f"SHA-256 {i.sha256}（{i.size} 字节）"] for i in report.inputs]
    rows += [["生成的文件", path] for path in report.outputs]
    for row in rows:
        about.append(row)
    _widths(about, (60, 90))

    book.properties.created = _WHEN
    book.properties.modified = _WHEN
    book.properties.creator = "juesuan"
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps each zip entry with the time of saving: two saves a second apart differed in bytes
    return normalise_docx(buffer.getvalue(), _WHEN.replace(tzinfo=UTC))


def finding_rows(report: Report) -> list[list[str]]:
    """REPORT's findings as rows of FINDING_COLUMNS, the explained ones (已说明, with their reason) after the rest."""
    rows = []
    for f in report.findings:
        where = f.location
        rows.append([f.severity.label, f.code, where.file, where.sheet or "", where.cell or "", where.field or "", f.message])
    for a in report.acknowledged:
        where, said = a.finding.location, a.record
        by = "，".join(part for part in (said.who, said.when) if part)
        message = f"{a.finding.message} —— 已说明：{said.reason}" + (f"（{by}）" if by else "")
        rows.append(["已说明", a.finding.code, where.file, where.sheet or "", where.cell or "", where.field or "", message])
    return rows


def _header(sheet, headers: tuple[str, ...]) -> None:  # noqa: ANN001 - an openpyxl worksheet
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")


def _widths(sheet, widths: tuple[int, ...]) -> None:  # noqa: ANN001
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
