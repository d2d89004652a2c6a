"""click as juesuan's commands use it: every string in Chinese, subcommands imported only when run.

click marks each string it shows (usage, help, errors) with gettext (`_`/`ngettext`, bound per
module when click is imported). `chinese()` rebinds those names in click's modules to `CHINESE`,
a catalogue keyed by click's own message ids, for the length of one juesuan command (juesuan's
groups enter it in `main`), and restores them after: importing juesuan changes nothing for other
click programs in the process. The few strings click translates when a command is declared (a
path's "file"/"directory", the version option's help) are translated when the command runs
(`translate_declared`). tests/test_cli_text.py reads click's source and fails when a click upgrade
adds a message the catalogue lacks.

`LazyGroup` keeps `juesuan --help` fast: a subcommand's module is imported when that subcommand
is named (or when the help lists the commands); the modules of the commands themselves import
nothing heavier than click, and the library inside the command's function.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import click

CHINESE: dict[str, str] = {
    # usage and help
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已停用",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Choice({choices})": "可选值（{choices}）",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "d": "天",
    # usage errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不能跟值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Value must be an iterable.": "值必须是一组值。",
    "{value!r} is not in the range {range}.": "{value!r} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} 不是有效的是/否值。可用的值：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止。",
    # prompts and terminal
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "直接确认，不再询问。",
    "Repeat for confirmation": "再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "Unknown color {colour!r}": "未知颜色 {colour!r}",
    "Unknown standard stream '{name}'": "未知的标准流“{name}”",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Windows error: {error}": "Windows 错误：{error}",
    "Couldn't detect Bash version, shell completion is not supported.": "无法识别 Bash 版本，不支持命令补全。",
    "Shell completion is not supported for Bash versions older than 4.4.": "Bash 4.4 以前的版本不支持命令补全。",
    # mistakes in declaring commands (for developers, still never English on screen)
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": "提示：命令 {name!r} 已停用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": "提示：{param_type} {name!r} 已停用。{extra_message}",
    "Could not determine name for option with declarations {decls!r}": "无法确定选项 {decls!r} 的名称",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?": "没有声明选项却给出了名称（{name}）。是要声明参数，还是要写“--{name}”？",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": "参数只能有一个声明，实际有 {length} 个：{decls}。",
    "Name '{name}' defined twice": "名称“{name}”声明了两次",
    "Boolean option {decl!r} cannot use the same flag for true/false.": "是/否选项 {decl!r} 的两种写法不能相同。",
}

# (singular, plural) -> Chinese, which has one form; the Chinese may leave out a placeholder.
CHINESE_PLURAL: dict[tuple[str, str], str] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "多余的参数（{args}）",
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): "需要 {nargs} 个值，实际给了 {len} 个。",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): "（是不是要输入 {possibilities}？）",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): "选项 {name!r} 后面需要 {nargs} 个值。",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): "{value!r} 不是可选值（{choices}）之一。",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): "{value!r} 不符合格式 {formats}。",
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): "需要 {len_type} 个值，实际给了 {len_value} 个。",
}

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "click.termui",
    "click.utils",
    "click._termui_impl",
    "click.shell_completion",
)


def gettext(message: str) -> str:
    return CHINESE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return CHINESE_PLURAL.get((singular, plural), singular if n == 1 else plural)


@contextmanager
def chinese() -> Iterator[None]:
    """Within: click's `_` and `ngettext` give the Chinese catalogue. After: what they were (nesting is fine)."""
    saved: list[tuple[Any, str, Any]] = []
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        for attribute, chinese_version in (("_", gettext), ("ngettext", ngettext)):
            if hasattr(module, attribute):
                saved.append((module, attribute, getattr(module, attribute)))
                setattr(module, attribute, chinese_version)
    try:
        yield
    finally:
        for module, attribute, value in reversed(saved):
            setattr(module, attribute, value)


def translate_declared(command: click.Command) -> None:
    """The strings click translated when COMMAND was declared, in Chinese (idempotent)."""
    cached_help = getattr(command, "_help_option", None)  # click keeps the --help option it built on a first run
    for param in (*command.params, *([cached_help] if cached_help is not None else [])):
        if isinstance(param.type, click.Path):
            param.type.name = gettext(param.type.name)
        if isinstance(param, click.Option) and param.help:
            param.help = gettext(param.help)


def display_width(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_TOKEN = re.compile(r"\s+|[!-~]+|.")  # a run of spaces, a run of ASCII (a word, a path, an option), one character


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most WIDTH columns, breaking between Chinese characters or at spaces."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if line and display_width(line + token) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Formatter(click.HelpFormatter):
    """click's help layout with Chinese punctuation, and columns measured in terminal columns."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, CHINESE["Usage:"] if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * (self.current_indent + first_col)
        for first, second in rows:
            self.write(" " * self.current_indent + first)
            lines = wrap(second, max(self.width - len(indent), 20))
            if not lines:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + indent)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(indent + line + "\n")


class Context(click.Context):
    formatter_class = Formatter


class Command(click.Command):
    """A command whose usage line reads 用法：juesuan check [选项] 文件夹."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:  # run on its own (not under juesuan's group): Chinese too
        with chinese():
            translate_declared(self)
            return super().main(*args, **kwargs)


class LazyGroup(click.Group):
    """A group whose subcommands may be named as "module:attribute" and imported on first use."""

    command_class = Command
    context_class = Context

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module_name, _, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module_name), attribute), cmd_name)
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            translate_declared(command)
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with chinese():
            translate_declared(self)
            return super().main(*args, **kwargs)
