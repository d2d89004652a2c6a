"""`juesuan verify`: parse, make one library call, print, exit (codes as `check`: docs/exit-codes.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli_click import Command

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_OUTPUT = 0, 1, 2, 4


@click.command("verify", cls=Command)
@click.argument("file", metavar="文件", type=click.Path(path_type=Path))
@click.option("--data", metavar="文件夹", type=click.Path(path_type=Path), default=None, help="与此数据文件夹结算后的数字和生成的文字逐一比对")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
@click.option("-o", "--output", metavar="报告.xlsx", type=click.Path(path_type=Path, dir_okay=False), default=None, help="另存一份 .xlsx 报告（每个问题一行）")
def verify(file: Path, data: Path | None, fmt: str, output: Path | None) -> None:
    """核对一份已完成的决算公开说明（.docx、.pdf 或 .txt），无论是 juesuan 生成的还是手工编写的。

    只读文档本身（加 --data 时也读数据文件夹）：表内合计、句中的占比、增减率、完成预算的百分比、
    方向词、“其中”各项之和、句中金额与表中同一行、模板残留、残句、年份、必备章节和“三公”各项；
    并列出每一项核对的结果（通过、发现问题、不适用、未能运行）。退出码同 check：0 没有错误，
    1 有错误，2 文档无法读取，4 报告无法写出。

    \b
    示例：
      juesuan verify outputs/changji-ybj-2024-决算公开说明.docx
      juesuan verify 说明.pdf --format json
      juesuan verify 说明.docx --data inputs/changji-ybj/2024 -o 核对报告.xlsx
    """
    import json

    from generator import api  # the pipeline (for --data) only once a document is verified, not for `juesuan --help`
    from generator.files import write_atomically
    from generator.report.text import report_lines

    if output is not None and output.suffix.lower() != ".xlsx":
        click.echo(f"报告文件 {output.name} 的扩展名不是 .xlsx，未核对；请把 -o 改为以 .xlsx 结尾的文件名", err=True)
        sys.exit(EXIT_OUTPUT)
    findings, coverage = api.verify_document(file, data)
    report = api.verify_report(file, findings, coverage, data)
    if fmt == "json":
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        colours = {"error": "red", "warning": "yellow", "info": "cyan"}
        for line in report_lines(report, lambda text, role: click.style(text, bold=True) if role == "location" else click.style(text, fg=colours[role])):
            click.echo(line)
        for o in coverage:
            if o.state.value in ("failed", "unreadable"):
                click.echo(f"  {o.state.label}：{o.title}（{o.target}）")
    if output is not None:
        from generator.report.xlsx import report_workbook  # openpyxl only when a workbook is asked for

        try:
            write_atomically(output, report_workbook(report))
        except OSError as exc:
            click.echo(f"无法写出报告 {output}：{exc.strerror or exc}", err=True)
            sys.exit(EXIT_OUTPUT)
    if not report.readable:
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_ERRORS if report.has_errors else EXIT_OK)
