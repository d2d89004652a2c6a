"""Meta-test: every command's help has an example (finding codes: tests/test_finding_codes.py)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from generator.cli import main


def _commands() -> list[str]:
    assert isinstance(main, click.Group)
    return main.list_commands(click.Context(main))


def test_there_are_commands() -> None:
    assert {"check", "generate", "init"} <= set(_commands())


@pytest.mark.parametrize("args", [[]] + [[name] for name in _commands()], ids=lambda a: " ".join(a) or "juesuan")
def test_every_command_has_help_with_an_example(args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "示例" in result.output
