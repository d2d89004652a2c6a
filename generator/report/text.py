"""The report as lines of text: "位置 严重程度[代码] 说明", then the counts and the coverage in one line each."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.findings import Finding, Severity, count
from generator.report.value import Report, Status

Style = Callable[[str, str], str]  # (text, role) -> text; role is "location", "error", "warning" or "info"


def _plain(text: str, role: str) -> str:
    return text


def finding_line(finding: Finding, style: Style = _plain) -> str:
    location = style(str(finding.location), "location")
    label = style(f"{finding.severity.label}[{finding.code}]", finding.severity.value)
    return f"{location} {label} {finding.message}"


def counts_line(findings: Iterable[Finding]) -> str:
    totals = count(findings)
    return f"共 {totals[Severity.ERROR]} 个错误，{totals[Severity.WARNING]} 个警告，{totals[Severity.INFO]} 个提示。"


def coverage_line(report: Report) -> str | None:
    """One line: how many rules passed, found something, did not apply, could not run (and which). None without a ledger."""
    if not report.coverage:
        return None
    totals = report.coverage_counts()
    parts = [f"{status.label} {totals[status]}" for status in Status if totals[status]]
    line = f"核对规则 {len(report.coverage)} 条：" + "，".join(parts) + "。"
    not_run = [c for c in report.coverage if c.status is Status.NOT_RUN]
    if not_run:
        reasons = sorted({c.reason for c in not_run if c.reason})
        line += "未能运行的规则不算通过" + ("：" + "；".join(reasons) if reasons else "") + "。"
    return line


def report_lines(report: Report, style: Style = _plain) -> list[str]:
    lines = [finding_line(f, style) for f in report.findings]
    lines.append(counts_line(report.findings))
    coverage = coverage_line(report)
    if coverage:
        lines.append(coverage)
    return lines
