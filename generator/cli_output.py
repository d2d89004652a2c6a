"""Findings and reports on the terminal, as every juesuan command prints them (coloured by severity)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from generator.findings import Finding
    from generator.report import Report

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def style(text: str, role: str) -> str:
    return click.style(text, bold=True) if role == "location" else click.style(text, fg=_COLORS[role])


def print_findings(findings: Iterable[Finding]) -> None:
    """One line per finding ("位置 严重程度[代码] 说明"), then the counts."""
    from generator.report.text import counts_line, finding_line

    findings = list(findings)
    for f in findings:
        click.echo(finding_line(f, style))
    click.echo(counts_line(findings))


def print_report(report: Report) -> None:
    """The report as text: the findings, the counts, the coverage in one line."""
    from generator.report.text import report_lines

    for line in report_lines(report, style):
        click.echo(line)
