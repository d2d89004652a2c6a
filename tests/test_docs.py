"""Meta-tests: every finding code is documented, and every command's help has an example."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
KEBAB = r"[a-z0-9]+(?:-[a-z0-9]+)+"
# A code is the first argument of error()/warning()/info(), the second of disagreement(ctx, …),
# or a module's CODE constant; the call may span lines.
EMITTED = re.compile(
    rf'\b(?:error|warning|info)\(\s*"({KEBAB})"|\bdisagreement\(\s*\w+,\s*"({KEBAB})"|^\s*CODE\s*=\s*"({KEBAB})"',
    re.M,
)
HEADING = re.compile(r"^### (\S+)\s*$", re.M)


def emitted_codes(paths: list[Path]) -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {}
    for path in paths:
        for match in EMITTED.finditer(path.read_text(encoding="utf-8")):
            code = next(g for g in match.groups() if g)
            codes.setdefault(code, set()).add(str(path.relative_to(ROOT)))
    return codes


def documented(pattern: str) -> set[str]:
    return {code for path in (ROOT / "docs").glob(pattern) for code in HEADING.findall(path.read_text(encoding="utf-8"))}


def _outside_self_evaluation() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "self_evaluation"]


def test_every_emitted_code_is_documented() -> None:
    codes = emitted_codes(sorted(PACKAGE.rglob("*.py")))
    assert len(codes) > 50, "the pattern no longer finds the codes"
    missing = {code: sorted(where) for code, where in codes.items() if code not in documented("findings*.md")}
    assert missing == {}, "codes without a ### heading in docs/findings*.md"


def test_findings_md_documents_only_codes_that_exist() -> None:
    emitted = set(emitted_codes(_outside_self_evaluation()))
    assert documented("findings.md") - emitted == set(), (
        "documented in docs/findings.md but never emitted outside generator/performance"
    )
    assert emitted - documented("findings.md") == set()


def test_each_code_has_a_severity_and_an_explanation() -> None:
    text = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    for block in text.split("\n### ")[1:]:
        code, _, body = block.partition("\n")
        first = body.strip().splitlines()[0]
        assert re.match(r"^(error|warning|info) — .+", first), code


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
