"""The report as lines of text: "位置 严重程度[代码] 说明", then the counts and the coverage in one line each."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.acknowledged import Acknowledged
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


def acknowledged_line(acknowledged: Acknowledged, style: Style = _plain) -> str:
    """"位置 已说明[代码] 说明 —— 原因：…（核对人，时间）": a warning 核对记录.yaml explains."""
    f, record = acknowledged.finding, acknowledged.record
    by = "，".join(part for part in (record.who, record.when) if part)
    return f"{style(str(f.location), 'location')} 已说明[{f.code}] {f.message} —— 原因：{record.reason}" + (f"（{by}）" if by else "")


def report_lines(report: Report, style: Style = _plain) -> list[str]:
    lines = [finding_line(f, style) for f in report.findings]
    lines += [acknowledged_line(a, style) for a in report.acknowledged]
    lines.append(counts_line(report.findings) + (f"另有 {len(report.acknowledged)} 条已说明（核对记录.yaml）。" if report.acknowledged else ""))
    coverage = coverage_line(report)
    if coverage:
        lines.append(coverage)
    return lines
