"""`juesuan diff OLD NEW`: parse, make one library call, print, exit (0; 1 when cells could not be read; 2 when a folder cannot be read; 4 when the output cannot be written).

Only click is imported here; the library when the command runs (so that `juesuan --help` starts at once).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import click

from generator.cli_click import Command

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_OUTPUT = 0, 1, 2, 4  # docs/exit-codes.md


@click.command("diff", cls=Command)
@click.argument("old", metavar="上年文件夹", type=click.Path(path_type=Path))
@click.argument("new", metavar="本年文件夹", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="对比表 .xlsx 和修订对比 .docx 写入的文件夹（默认 outputs/diff）",
)
@click.option(
    "--threshold",
    metavar="百分数",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="变动幅度达到此百分比须说明原因",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
@click.option("--all", "show_all", is_flag=True, help="终端中也列出一方未填报、无法比较的项目（.xlsx 中总是全部列出）")
@click.option("--no-redline", is_flag=True, help="不生成修订对比 .docx（只要对比表时更快）")
@click.option("--profile", metavar="方案", default=None, help="绩效自评赋分规则（名称或 YAML 文件路径，默认 xinjiang-2024）")
def diff(
    old: Path,
    new: Path,
    output_dir: Path | None,
    threshold: float,
    fmt: str,
    show_all: bool,
    no_redline: bool,
    profile: str | None,
) -> None:
    """逐项对比同一单位两个年度的数据，并生成两份公开说明之间的修订对比文档（Word 修订标记）。

    对比表列出每个数字的上年数、本年数、增减额、增减率和本年填写的变动原因，并标出：变动达到阈值
    却未说明原因、新出现或不再出现的项目、一方未填报（无法比较）、本年所填上年数与上年数据不符。
    结果写入输出文件夹：<单位>-<上年>-<本年>-对比.xlsx 和 <单位>-<上年>-<本年>-修订对比.docx。

    \b
    示例：
      juesuan diff inputs/changji-ybj/2023 inputs/changji-ybj/2024
      juesuan diff inputs/changji-ybj/2023 inputs/changji-ybj/2024 -o 对比结果 --threshold 20
      juesuan diff inputs/changji-ybj/2023 inputs/changji-ybj/2024 --format json --no-redline
    """
    from generator import api
    from generator.diff.terminal import print_result, result_json

    result = api.diff_folders(old, new, output_dir, Decimal(str(threshold)) / 100, profile, redline=not no_redline)
    if fmt == "json":
        click.echo(json.dumps(result_json(result), ensure_ascii=False, indent=2))
    else:
        print_result(result, show_all)
    if not result.comparison.readable:
        sys.exit(EXIT_UNREADABLE)
    if any(f.code == "output-not-writable" for f in result.findings):
        sys.exit(EXIT_OUTPUT)
    sys.exit(EXIT_ERRORS if any(f.severity.value == "error" for f in result.findings) else EXIT_OK)
