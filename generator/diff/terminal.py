"""`juesuan diff` on the terminal and as JSON: the comparison table, the findings, the outputs."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import click

from generator.diff.rows import DiffRow, Flag, Unit
from generator.diff.run import DiffResult
from generator.display import format_amount, format_percent
from generator.findings import Finding, Severity

_REASON_WIDTH = 36


def result_json(result: DiffResult) -> dict:
    c = result.comparison
    return {
        "old": str(c.old.folder),
        "new": str(c.new.folder),
        "readable": c.readable,
        "threshold": format(c.threshold.normalize(), "f"),
        "counts": {flag.value: n for flag, n in c.counts().items()},
        "rows": [row.as_json() for row in c.rows],
        "findings": [f.as_json() for f in result.findings],
        "outputs": [str(p) for p in result.outputs],
        # Each year's check, as `check --format json` reports it (docs/report-schema.md).
        "reports": {side: checked.report.as_json() if checked.report is not None else None for side, checked in (("old", c.old), ("new", c.new))},
    }


def print_result(result: DiffResult, show_all: bool) -> None:
    c = result.comparison
    if c.readable:
        assert c.old.figures is not None and c.new.figures is not None
        old_year, new_year = c.old.figures.year, c.new.figures.year
        hidden = 0
        group = None
        for row in c.rows:
            if not show_all and row.flags == (Flag.NOT_COMPARABLE,):
                hidden += 1
                continue
            if row.group != group:
                group = row.group
                click.echo(click.style(f"\n【{group}】", bold=True))
                click.echo(_line(["项目", f"{old_year}年", f"{new_year}年", "增减", "增减率", "标记", "变动原因"]))
            click.echo(_row_line(row))
        counts = c.counts()
        click.echo("")
        summary = "，".join(f"{flag.label} {counts[flag]} 项" for flag in Flag if counts[flag])
        click.echo(f"共比较 {len(c.rows)} 项" + (f"：{summary}。" if summary else "，没有需要注意之处。"))
        if hidden:
            click.echo(f"另有 {hidden} 项只有一年填报，未在此列出（加 --all 列出；.xlsx 中全部列出）。")
    _print_findings(result.findings)
    for path in result.outputs:
        click.echo(f"已生成：{path}")


def _print_findings(findings: tuple[Finding, ...]) -> None:
    colors = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for f in findings:
        label = click.style(f"{f.severity.label}[{f.code}]", fg=colors[f.severity])
        click.echo(f"{click.style(str(f.location), bold=True)} {label} {f.message}")


_WIDTHS = (40, 12, 12, 12, 9, 22)


def _row_line(row: DiffRow) -> str:
    flags = "、".join(f.label for f in row.flags)
    if Flag.PRIOR_MISMATCH in row.flags and row.stated_prior is not None:
        flags += f"（本年填{_value(row.stated_prior, row.unit)}）"
    reason = row.reason if len(row.reason) <= _REASON_WIDTH else row.reason[: _REASON_WIDTH - 1] + "…"
    cells = [row.item, _value(row.old, row.unit), _value(row.new, row.unit), _change(row), _rate(row), flags, reason]
    text = _line(cells)
    if Flag.NO_REASON in row.flags or Flag.PRIOR_MISMATCH in row.flags:
        return click.style(text, fg="red")
    if row.flags and row.flags != (Flag.NOT_COMPARABLE,):
        return click.style(text, fg="yellow")
    return text


def _line(cells: list[str]) -> str:
    parts = []
    for i, cell in enumerate(cells):
        if i < len(_WIDTHS):
            right = 0 < i < 5
            parts.append(_pad(cell, _WIDTHS[i], right))
        else:
            parts.append(cell)
    return "  ".join(parts).rstrip()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def _value(value: Decimal | None, unit: Unit) -> str:
    if value is None:
        return "（未填）"
    if unit is Unit.PERCENT:
        return format_percent(value)
    if unit is Unit.WANYUAN or value != value.to_integral_value():
        return format_amount(value)
    return f"{int(value):,}"


def _change(row: DiffRow) -> str:
    change = row.change
    if change is None:
        return ""
    sign = "+" if change > 0 else ("-" if change < 0 else "")
    if row.unit is Unit.PERCENT:
        return f"{sign}{format_amount(abs(change) * 100)}个百分点"
    return sign + _value(abs(change), row.unit)


def _rate(row: DiffRow) -> str:
    rate = row.rate
    if rate is None:
        return ""
    return ("+" if rate > 0 else "-" if rate < 0 else "") + format_percent(abs(rate))
