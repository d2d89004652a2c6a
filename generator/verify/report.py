"""The verify report as values: JSON, and an .xlsx with one row per finding (and a sheet of the coverage)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.findings import Finding, Severity, count
from generator.verify.audit import Obligation


def as_json(path: Path, findings: list[Finding], coverage: list[Obligation]) -> dict[str, Any]:
    totals = count(findings)
    return {
        "document": str(path),
        "readable": not any(f.code == "doc-unreadable" for f in findings),
        "errors": totals[Severity.ERROR],
        "warnings": totals[Severity.WARNING],
        "findings": [f.as_json() for f in findings],
        "coverage": [
            {"rule": o.rule, "title": o.title, "target": o.target, "state": o.state.value, "state_label": o.state.label, "checks": o.checks}
            for o in coverage
        ],
    }


def xlsx_bytes(path: Path, findings: list[Finding], coverage: list[Obligation]) -> bytes:
    """Two sheets: 问题 (one row per finding, for the people who sign off) and 核对覆盖."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问题"
    sheet.append(["文档", "位置", "页", "严重程度", "代码", "说明", "文档中的数", "应为"])
    for f in findings:
        where = " ".join(x for x in (f.location.sheet, f.location.cell) if x)
        sheet.append([path.name, where, f.location.field or "", f.severity.label, f.code, f.message,
                      str(f.values.get("stated", "")), str(f.values.get("computed", f.values.get("expected", "")))])
    cover = book.create_sheet("核对覆盖")
    cover.append(["核对项", "对象", "结果", "核对次数"])
    for o in coverage:
        cover.append([o.title, o.target, o.state.label, o.checks])
    for ws, widths in ((sheet, (28, 60, 8, 10, 24, 90, 14, 14)), (cover, (50, 40, 10, 10))):
        for column, width in zip("ABCDEFGH", widths, strict=False):
            ws.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
