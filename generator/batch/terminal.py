"""`juesuan batch` on the terminal: one line per unit, then the first errors of each failed unit."""

from __future__ import annotations

import unicodedata

import click

from generator.batch.run import BatchResult, UnitResult
from generator.findings import Severity

SHOWN_PER_UNIT = 5  # error findings printed per failed unit; all are in the report


def print_summary(result: BatchResult) -> None:
    rows = [("单位", "年度", "错误", "警告", "输出")]
    for u in result.units:
        rows.append((u.unit_name or u.relative, str(u.year or ""), str(u.errors), str(u.warnings), _output(u)))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        line = "  ".join(_pad(cell, widths[i], right=i in (2, 3)) for i, cell in enumerate(row)).rstrip()
        if index == 0:
            click.echo(click.style(line, bold=True))
        else:
            unit = result.units[index - 1]
            click.echo(click.style(line, fg="red") if unit.errors else line)
    for u in result.failed:
        click.echo(click.style(f"\n{u.relative}（{u.unit_name or '无法读取'}）：{u.errors} 个错误", bold=True))
        errors = [f for f in u.findings if f.severity is Severity.ERROR]
        for f in errors[:SHOWN_PER_UNIT]:
            click.echo(f"  {f.location} 错误[{f.code}] {f.message}")
        if len(errors) > SHOWN_PER_UNIT:
            click.echo(f"  ……另有 {len(errors) - SHOWN_PER_UNIT} 个错误，见报告")
    explained = sum(len(u.report.acknowledged) for u in result.units)
    if explained:
        click.echo(f"\n另有 {explained} 条警告已说明（各单位的核对记录.yaml），不计入警告数；见报告。")
    generated, skipped = len(result.generated), len(result.skipped)
    click.echo(
        f"\n共 {len(result.units)} 个单位：{len(result.failed)} 个有错误（未生成），{generated} 个已生成，"
        f"{skipped} 个未变化（跳过）；用时 {result.seconds:.1f} 秒（{result.jobs} 个进程）。"
    )


def _output(u: UnitResult) -> str:
    if u.crashed:
        return "程序出错"
    if u.output is None:
        return "未生成（数据有错误）"
    return f"{u.output.name}{'（未变化）' if u.skipped else ''}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space
