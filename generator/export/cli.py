"""`juesuan export`: parse, make one library call, print, exit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli_click import Command

EXIT_OK, EXIT_SKIPPED, EXIT_NOTHING, EXIT_OUTPUT = 0, 1, 2, 4


@click.command("export", cls=Command)
@click.argument("root", metavar="根文件夹", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "-o", "--output", metavar="文件", type=click.Path(path_type=Path, dir_okay=False), required=True,
    help="输出文件：.xlsx、.csv 或 .parquet（按扩展名）",
)
def export(root: Path, output: Path) -> None:
    """把根文件夹下每个单位每个年度的全部数字导出为一张表（每个数字一行）。

    列：文件夹、单位、年度、表、科目编码、项目、栏目、计量单位、数值（精确值，金额为万元）、单元格。
    合计按核对规则结算（尾差内用报表数，超出用明细之和）；空白单元格不导出。
    退出码：0 全部导出；1 有单位无法读取（其余已导出）；2 没有导出；4 无法写出文件。

    \b
    示例：
      juesuan export inputs -o outputs/全部数字.xlsx
      juesuan export inputs -o outputs/全部数字.csv
      juesuan export inputs -o outputs/全部数字.parquet   # 需要 pip install 'juesuan[parquet]'
    """
    from generator import api
    from generator.cli_output import print_findings

    result = api.export_figures(root, output)
    if result.findings:
        print_findings(result.findings)
    if result.output is None:
        sys.exit(EXIT_OUTPUT if any(f.code == "output-not-writable" for f in result.findings) else EXIT_NOTHING)
    click.echo(f"已导出 {result.units} 个单位年度的 {result.rows} 个数字：{result.output}")
    sys.exit(EXIT_SKIPPED if result.findings else EXIT_OK)
