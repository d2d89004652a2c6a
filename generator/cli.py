"""The `juesuan` command: parse, make one library call, print, exit.

Exit status: 0 no errors, 1 errors in the data, 2 the input cannot be read,
3 internal error (a bug in juesuan: one Chinese line names the log file holding the traceback).

Only click is imported at start (so that `juesuan --help` answers at once); each command
imports the library when it runs, and `diff`/`batch` live in their packages' cli modules.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli_click import LazyGroup
from generator.cli_output import print_findings, print_report

if TYPE_CHECKING:
    from generator import api
    from generator.report import Report

__all__ = ["EXIT_ERRORS", "EXIT_INTERNAL", "EXIT_OK", "EXIT_OUTPUT", "EXIT_UNREADABLE", "main", "print_findings", "print_report"]

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL, EXIT_OUTPUT = 0, 1, 2, 3, 4  # docs/exit-codes.md
EXIT_PIPE = 141  # 128 + SIGPIPE, as a shell reports a program ended by a closed pipe


def _json(report: Report) -> str:
    import json

    return json.dumps(report.as_json(), ensure_ascii=False, indent=2)


def _exit_code(checked: api.Checked) -> int:
    if not checked.readable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if checked.has_errors else EXIT_OK


class _Guarded(LazyGroup):
    """A group whose commands never show a traceback: a bug is one Chinese line, a log file and exit 3."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["juesuan.args"] = list(args)  # for the log, and to know whether JSON was asked for
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `juesuan check … | head`: the reader has gone; nothing more to say
            _quiet_stdout()
            sys.exit(EXIT_PIPE)
        except OSError as exc:
            if not _is_output_error(exc):
                _report_internal_error(exc, ctx.meta.get("juesuan.args", []))
                sys.exit(EXIT_INTERNAL)
            from generator.files import write_problem

            click.echo(write_problem(exc.filename or "输出文件", exc), err=True)
            sys.exit(EXIT_OUTPUT)
        except Exception as exc:  # anything else is a bug in juesuan (which an unusual input may have triggered)
            _report_internal_error(exc, ctx.meta.get("juesuan.args", []))
            sys.exit(EXIT_INTERNAL)


def _is_output_error(exc: OSError) -> bool:
    """A write refused by the disk (read-only, full, no permission), in a command that does not word it itself.

    Reads never get here: every input goes through generator.door, which makes such errors findings.
    """
    from generator.files import OUTPUT_ERRNOS

    return exc.errno in OUTPUT_ERRNOS


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not report the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _report_internal_error(exc: BaseException, args: list[str]) -> None:
    import json

    log = internal_error_log(exc, args)
    where = f"，详细信息已写入 {log}" if log else "（无法写入日志文件）"
    line = (
        f"juesuan 内部错误（程序缺陷，可能由某个不寻常的输入触发，也可能与输入无关）：{type(exc).__name__}{where}；"
        "请把该文件连同所用的数据反馈给开发者。"
    )
    if _wants_json(args):
        from generator.report import Report

        command = next((a for a in args if not a.startswith("-")), "")
        report = Report(command=command, folder="", readable=False, findings=(), version=_version(), internal_error=True).as_json()
        report.update({"error": type(exc).__name__, "log": str(log) if log else None, "message": line})
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    click.echo(line, err=True)


def internal_error_log(exc: BaseException, args: list[str]) -> Path | None:
    """Write the traceback to juesuan-error-<time>-<pid>.log in the temporary directory; its path, or None."""
    import datetime as dt
    import os
    import platform
    import tempfile
    import traceback

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"juesuan-error-{stamp}-{os.getpid()}.log"
    text = (
        f"juesuan {_version()} · Python {platform.python_version()} · {platform.platform()}\n"
        f"参数：{' '.join(args)}\n\n" + "".join(traceback.format_exception(exc))
    )
    try:
        path.write_text(text, encoding="utf-8")
    except OSError:
        return None
    return path


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("juesuan")
    except PackageNotFoundError:
        return "?"


def _wants_json(args: list[str]) -> bool:
    return "--format=json" in args or any(a == "--format" and b == "json" for a, b in zip(args, args[1:], strict=False))


@click.group(
    cls=_Guarded,
    lazy={
        "diff": "generator.diff.cli:diff",
        "batch": "generator.batch.cli:batch",
        "export": "generator.export.cli:export",
        "serve": "generator.web.cli:serve",
        "verify": "generator.verify.cli:verify",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="juesuan")
def main() -> None:
    """juesuan：从决算数据生成部门决算公开说明，并核对数据是否自相矛盾。

    \b
    示例：
      juesuan init inputs/my-unit/2024          # 生成空白数据模板
      juesuan check inputs/changji-ybj/2024     # 核对数据
      juesuan generate inputs/changji-ybj/2024  # 生成公开说明 .docx

    任何命令遇到程序缺陷时只显示一行说明，把详细信息写入临时目录中的
    juesuan-error-<时间>-<进程号>.log，并以退出码 3 结束；无法写出文件（磁盘只读、已满、没有权限）时退出码为 4。
    """


FOLDER = click.argument("folder", metavar="文件夹", type=click.Path(path_type=Path))
FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
THRESHOLD = click.option(
    "--threshold", metavar="百分数", type=click.FloatRange(min=0), default=None, help="变动幅度达到此百分比须说明原因（默认 10）"
)
LEVEL = click.option(
    "--level",
    type=click.Choice(["部门", "单位"]),
    default=None,
    help="按部门决算或单位决算措辞（单位：“本单位”、单位决算表名、无单位构成）；默认按封面「决算层级」，再按模板说明的层级（shanghai-2024-unit 为单位），否则为部门",
)
THREE_PUBLIC_THRESHOLD = click.option(
    "--three-public-threshold",
    metavar="N",
    type=click.FloatRange(min=0),
    default=None,
    help="“三公”经费决算与预算相差超过 N% 才须说明原因（默认 0：每一处差异都要说明）",
)
PROFILE = click.option(
    "--profile", metavar="方案", default=None, help="绩效自评赋分规则（名称或 YAML 文件路径，默认 xinjiang-2024）"
)


def _rule_codes(ctx: click.Context, param: click.Parameter, codes: tuple[str, ...]) -> tuple[str, ...]:
    if not codes:
        return codes
    from generator.api import rule_codes

    known = rule_codes()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise click.BadParameter(f"{'、'.join(unknown)} 不是任何核对规则发出的问题代码（见 docs/findings.md 中 Checks 一节）")
    return codes


@main.command()
@FOLDER
@FORMAT
@THRESHOLD
@PROFILE
@click.option(
    "--template",
    metavar="模板",
    default=None,
    help="按此公开模板核对空白（与 generate --template 相同）；默认按封面「公开模板」，未填则为 xinjiang-2024",
)
@click.option(
    "-o", "--output", metavar="文件", type=click.Path(path_type=Path), default=None, help="另把问题清单写成 .xlsx（每个问题一行，位置分列）"
)
@click.option("--only", "only", metavar="代码", multiple=True, callback=_rule_codes, help="只运行会发出此问题代码的核对规则（可重复）")
@click.option("--skip", "skip", metavar="代码", multiple=True, callback=_rule_codes, help="不运行会发出此问题代码的核对规则（可重复）")
@LEVEL
@THREE_PUBLIC_THRESHOLD
def check(
    folder: Path,
    fmt: str,
    threshold: float | None,
    profile: str | None,
    template: str | None,
    output: Path | None,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    level: str | None,
    three_public_threshold: float | None,
) -> None:
    """核对一个单位一个年度的数据，列出所有不一致之处。

    \b
    示例：
      juesuan check inputs/changji-ybj/2024
      juesuan check inputs/changji-ybj/2024 --format json
      juesuan check inputs/changji-ybj/2024 --template shanghai-2024
      juesuan check inputs/changji-ybj/2024 -o 问题清单.xlsx
      juesuan check inputs/changji-ybj/2024 --only total-mismatch --only cross-table-mismatch
      juesuan check inputs/shanghai-example/2024 --level 单位
    """
    from generator import api

    settings = api.threshold_settings(threshold, template, only, skip, level=level, three_public_percent=three_public_threshold)
    checked = api.check_folder(folder, settings, profile)
    report = checked.report
    assert report is not None
    written = None
    if output is not None:
        written = api.write_report_workbook(report, output)
        report = written.report
    if fmt == "json":
        click.echo(_json(report))
    else:
        print_report(report)
        if written is not None and written.ok:
            click.echo(f"已生成：{output}")
    if written is not None and not written.ok:
        sys.exit(EXIT_OUTPUT)
    sys.exit(_exit_code(checked))


@main.command()
@FOLDER
@click.option(
    "-o", "--output", metavar="文件", type=click.Path(path_type=Path), help="输出文件（默认 outputs/<单位>-<年度>-决算公开说明.docx）"
)
@click.option(
    "--template",
    metavar="模板",
    default=None,
    help="公开模板：内置模板名称（xinjiang-2024、shanghai-2024、shanghai-2024-unit）或 .docx 文件路径；默认按封面「公开模板」，未填则为 xinjiang-2024",
)
@click.option("--force", is_flag=True, help="数据有错误时仍然生成（文档需更正后才能发布）")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF")
@click.option("--only", type=click.Choice(["self-evaluation"]), default=None, help="只生成绩效自评表")
@FORMAT
@THRESHOLD
@PROFILE
@LEVEL
@THREE_PUBLIC_THRESHOLD
def generate(
    folder: Path,
    output: Path | None,
    template: str | None,
    force: bool,
    pdf: bool,
    only: str | None,
    fmt: str,
    threshold: float | None,
    profile: str | None,
    level: str | None,
    three_public_threshold: float | None,
) -> None:
    """先核对数据，再生成公开说明 .docx（可选 PDF）。

    \b
    示例：
      juesuan generate inputs/changji-ybj/2024
      juesuan generate inputs/changji-ybj/2024 -o 公开说明.docx --pdf
      juesuan generate inputs/changji-ybj/2024 --only self-evaluation
      juesuan generate inputs/changji-ybj/2024 --template shanghai-2024
      juesuan generate inputs/shanghai-example/上海市示范区文化馆/2024 --level 单位
    """
    from generator import api

    settings = api.threshold_settings(threshold, three_public_percent=three_public_threshold)
    result = api.generate(folder, output, template, force, pdf, only, settings, profile, level=level)
    if fmt == "json":
        click.echo(_json(result.report))
    else:
        print_report(result.report)
        for path in result.outputs:
            click.echo(f"已生成：{path}")
        if not result.ok and result.checked.has_errors and not force:
            click.echo("数据有错误，未生成文档。更正后重试，或加 --force 强制生成。")
    if not result.checked.readable:
        sys.exit(EXIT_UNREADABLE)
    if any(f.code in api.OUTPUT_CODES for f in result.findings):
        sys.exit(EXIT_OUTPUT)
    if not result.ok:
        sys.exit(EXIT_ERRORS)
    sys.exit(EXIT_ERRORS if result.checked.has_errors else EXIT_OK)


@main.command()
@FOLDER
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="从上一年的数据文件夹结转：单位信息、文字说明、上年数、绩效指标和目标值",
)
def init(folder: Path, source: Path | None) -> None:
    """生成空白的数据文件夹：决算数据.xlsx（全部工作表和表头）、文字说明.yaml、绩效自评表.xlsx。

    \b
    示例：
      juesuan init inputs/my-unit/2025
      juesuan init inputs/changji-ybj/2025 --from inputs/changji-ybj/2024
    """
    from generator import api

    findings = api.init_folder(folder, source)
    if findings:
        print_findings(findings)
        if any(f.code == "output-not-writable" for f in findings):
            sys.exit(EXIT_OUTPUT)
        sys.exit(EXIT_ERRORS if all(f.code == "init-exists" for f in findings) else EXIT_UNREADABLE)
    click.echo(f"已生成{'结转' if source else '空白'}数据文件夹：{folder}")
    if source:
        from generator import api

        carried = api.carry_acknowledgements(source, folder)
        if carried:
            click.echo(f"已结转 {carried} 条仍然适用的核对记录（核对记录.yaml）")
    click.echo("下一步：按各工作表第2行的填写说明录入数据，然后运行 juesuan check " + str(folder))


if __name__ == "__main__":  # pragma: no cover
    main()
