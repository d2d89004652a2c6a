"""`juesuan diff OLD NEW`: parse, make one library call, print, exit (0, or 2 when a folder cannot be read)."""

from __future__ import annotations

import json
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import click

from generator.diff.rows import DiffRow, Flag, Unit
from generator.diff.run import DEFAULT_OUTPUT, DiffResult, diff_folders
from generator.display import format_amount, format_percent
from generator.findings import Finding, Severity

EXIT_OK, EXIT_UNREADABLE = 0, 2
_REASON_WIDTH = 36


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUTPUT,
    show_default=True,
    help="对比表 .xlsx 和修订对比 .docx 写入的文件夹",
)
@click.option("--threshold", type=click.FloatRange(min=0), default=10.0, show_default=True, help="变动幅度达到此百分比须说明原因")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
@click.option("--all", "show_all", is_flag=True, help="终端中也列出一方未填报、无法比较的项目（.xlsx 中总是全部列出）")
@click.option("--no-redline", is_flag=True, help="不生成修订对比 .docx（只要对比表时更快）")
@click.option("--profile", default=None, help="绩效自评赋分规则（名称或 YAML 文件路径，默认 xinjiang-2024）")
def diff(
    old: Path, new: Path, output_dir: Path, threshold: float, fmt: str, show_all: bool, no_redline: bool, profile: str | None
) -> None:
    """逐项对比同一单位两个年度的数据，并生成两份公开说明之间的修订对比文档（Word 修订标记）。

    对比表列出每个数字的上年数、本年数、增减额、增减率和本年填写的变动原因，并标出：变动达到阈值
    却未说明原因、新出现或不再出现的项目、一方未填报（无法比较）、本年所填上年数与上年数据不符。
    结果写入 OUTPUT_DIR：<单位>-<上年>-<本年>-对比.xlsx 和 <单位>-<上年>-<本年>-修订对比.docx。

    \b
    示例：
      juesuan diff inputs/changji-ybj/2023 inputs/changji-ybj/2024
      juesuan diff inputs/changji-ybj/2023 inputs/changji-ybj/2024 -o 对比结果 --threshold 20
      juesuan diff inputs/changji-ybj/2023 inputs/changji-ybj/2024 --format json --no-redline
    """
    result = diff_folders(old, new, output_dir, Decimal(str(threshold)) / 100, profile, redline=not no_redline)
    if fmt == "json":
        click.echo(json.dumps(result_json(result), ensure_ascii=False, indent=2))
    else:
        _print(result, show_all)
    sys.exit(EXIT_OK if result.comparison.readable else EXIT_UNREADABLE)


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
    }


# --- the terminal table -----------------------------------------------------------------


def _print(result: DiffResult, show_all: bool) -> None:
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
