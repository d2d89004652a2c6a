"""`juesuan batch`: parse, make one library call, print the summary, exit."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from generator.cli_click import Command

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


@click.command("batch", cls=Command)
@click.argument("root", metavar="根文件夹", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="输出文件夹（文档、报告和状态文件；默认 outputs/batch）",
)
@click.option("-j", "--jobs", metavar="进程数", type=click.IntRange(min=1), default=None, help="并行进程数（默认为 CPU 核数；1 表示不开子进程）")
@click.option("--force-all", is_flag=True, help="全部重新核对和生成，不跳过未变化的单位")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条")
@click.option(
    "--template", metavar="模板", default=None, help="公开模板：内置模板名称（如 shanghai-2024）或 .docx 文件路径；默认按各单位封面「公开模板」"
)
@click.option("--profile", metavar="方案", default=None, help="绩效自评赋分规则（名称或 YAML 文件路径，默认 xinjiang-2024）")
@click.option(
    "--level", type=click.Choice(["部门", "单位"]), default=None, help="全部单位按部门决算或单位决算措辞；默认按各单位封面「决算层级」，再按模板说明的层级"
)
def batch(
    root: Path,
    outdir: Path | None,
    jobs: int | None,
    force_all: bool,
    quiet: bool,
    template: str | None,
    profile: str | None,
    level: str | None,
) -> None:
    """批量核对并生成根文件夹下所有单位的公开说明。

    根文件夹下每个含有“决算数据.xlsx”的文件夹是一个单位年度。各单位并行处理；数据有错误的单位
    不生成文档，但列入报告；一个单位出错或程序崩溃不影响其他单位。未变化的单位（数据、上年数据、
    模板和程序都没有变，输出文件还在）不重新生成，中断后再次运行即可继续。

    文档写在输出文件夹中，文件名为单位文件夹的相对路径（“/”换成“-”）加“-决算公开说明.docx”；
    汇总报告为 batch-report.xlsx 和 batch-report.json。

    退出码：0 所有单位都没有错误，1 有单位数据有错误，2 根文件夹不存在或其中没有单位。

    \b
    示例：
      juesuan batch inputs                      # 处理 inputs 下的所有单位
      juesuan batch inputs -o outputs/2024 -j 4 # 指定输出文件夹和进程数
      juesuan batch inputs --force-all          # 全部重做
    """
    if not root.is_dir():
        click.echo(f"找不到文件夹：{root}", err=True)
        sys.exit(EXIT_UNUSABLE)
    from generator import api
    from generator.batch.terminal import print_summary

    outdir = outdir or api.BATCH_OUTDIR

    total = len(api.unit_folders(root))
    if total == 0:
        click.echo(f"{root} 下没有找到含“决算数据.xlsx”的单位文件夹", err=True)
        sys.exit(EXIT_UNUSABLE)
    show_bar = not quiet and sys.stderr.isatty()
    bar: Any = click.progressbar(length=total, label=f"处理 {total} 个单位", file=sys.stderr) if show_bar else nullcontext()
    try:
        with bar:
            result = api.run_batch(
                root,
                outdir,
                jobs,
                force_all,
                progress=(lambda done, n, unit: bar.update(1)) if show_bar else None,
                template=template,
                profile=profile,
                level=level,
            )
    except KeyboardInterrupt:
        click.echo("\n已中断。已完成的单位已记录，再次运行同一命令即可继续。", err=True)
        sys.exit(EXIT_INTERRUPTED)
    json_path, xlsx_path = api.write_batch_reports(result, outdir)
    print_summary(result)
    click.echo(f"报告：{xlsx_path}，{json_path}")
    sys.exit(EXIT_ERRORS if result.has_errors else EXIT_OK)
