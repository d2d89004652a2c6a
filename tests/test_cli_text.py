"""The command line speaks Chinese: click's own strings are all translated, none reaches the user in English."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.cli_click import CHINESE, CHINESE_PLURAL, display_width, wrap

CLICK = Path(click.__file__).parent


def click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every literal click passes to gettext `_` and to `ngettext`, read from click's source."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in CLICK.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and literals:
                singles.add(literals[0])
            elif node.func.id == "ngettext" and len(literals) == 2:
                plurals.add((literals[0], literals[1]))
    return singles, plurals


def test_every_click_message_has_a_chinese_translation() -> None:
    singles, plurals = click_messages()
    assert len(singles) > 50 and len(plurals) > 5, "click's messages were not found"
    assert singles - set(CHINESE) == set()
    assert plurals - set(CHINESE_PLURAL) == set()


def test_translations_keep_only_placeholders_click_fills() -> None:
    for english, chinese in [*CHINESE.items(), *((" ".join(k), v) for k, v in CHINESE_PLURAL.items())]:
        wanted = set(re.findall(r"\{(\w+)", english)) | set(re.findall(r"%\((\w+)\)", english))
        used = set(re.findall(r"\{(\w+)", chinese)) | set(re.findall(r"%\((\w+)\)", chinese))
        assert used <= wanted, english
        assert re.search(r"[\u4e00-\u9fff]", chinese), english


def _english_fragments() -> set[str]:
    """The words of click's messages, outside placeholders: none may appear in what the user sees."""
    singles, plurals = click_messages()
    texts = singles | {text for pair in plurals for text in pair}
    words = set()
    for text in texts:
        for fragment in re.split(r"\{[^}]*\}|%\(\w+\)s", text):
            words.update(w for w in re.findall(r"[A-Za-z]{4,}", fragment) if w.lower() not in _OURS)
    return words


# words that are ours, not click's: a command, a type name we show as a choice, our own help texts
_OURS = {"text", "json"}


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--help"],
        ["diff", "--help"],
        ["batch", "--help"],
        ["check"],  # a missing argument
        ["check", "x", "--bogus"],  # an unknown option
        ["chek", "x"],  # an unknown command
        ["check", "x", "--format", "xml"],  # a bad choice
        ["check", "x", "--threshold", "-1"],  # out of range
        ["check", "x", "--threshold"],  # an option without its value
        ["check", "x", "--threshold", "abc"],  # not a number
        ["diff", "a", "b", "c"],  # an extra argument
    ],
    ids=" ".join,
)
def test_no_english_click_string_reaches_the_user(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, prog_name="juesuan")
    shown = result.output
    assert shown.strip()
    for english in ("Usage", "Options", "Commands", "Error", "Show this message", "No such", "Missing", "Try ", "Invalid"):
        assert english not in shown, (english, shown)
    ours = re.sub(r"--?[\w-]+|\[[\w|-]+\]|'[^']*'|juesuan", "", shown)  # option names, choices, what was typed
    leaked = sorted(w for w in _english_fragments() if re.search(rf"\b{w}\b", ours))
    assert leaked == [], shown
    if "--help" in args:
        assert result.exit_code == 0 and "用法：" in shown and "选项：" in shown
    else:
        assert result.exit_code == 2 and "错误：" in shown


def test_help_columns_are_measured_in_terminal_columns() -> None:
    shown = CliRunner().invoke(main, ["check", "--help"]).output
    rows = [line for line in shown.splitlines() if line.startswith("  --")]
    assert len(rows) >= 3
    help_columns = {display_width(re.match(r"^(\s+\S+(?: \S+)?\s+)", line).group(1)) for line in rows}  # type: ignore[union-attr]
    assert len(help_columns) == 1, shown


def test_wrap_breaks_between_chinese_characters_and_keeps_ascii_words_whole() -> None:
    lines = wrap("绩效自评赋分规则（名称或 YAML 文件路径，默认 xinjiang-2024）", 30)
    assert all(display_width(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == "绩效自评赋分规则（名称或YAML文件路径，默认xinjiang-2024）"
    assert any("xinjiang-2024" in line for line in lines)


def test_importing_juesuan_leaves_other_click_programs_in_english() -> None:
    """No import-time side effect: the catalogue is installed while a juesuan command runs, and only then."""
    script = """
import click
from click.testing import CliRunner
from generator.cli import main

@click.command()
@click.argument("path", type=click.Path())
def other(path):
    pass

before = CliRunner().invoke(other, [])
assert "Usage:" in before.output and "Missing argument" in before.output, before.output
ours = CliRunner().invoke(main, ["check"])
assert "用法：" in ours.output and "缺少参数" in ours.output, ours.output
after = CliRunner().invoke(other, ["--help"])
assert "Usage:" in after.output and "Show this message and exit." in after.output, after.output
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], check=False)
    assert run.returncode == 0, run.stderr
