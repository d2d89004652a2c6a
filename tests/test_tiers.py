"""The test tiers: bare pytest is the fast tier; the README's command and CI run every tier; skipped reference tests say so."""

from __future__ import annotations

import ast
import re
import shlex
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVERY_TIER = ["-m", "slow or not slow"]


def _pytest_args(command: str) -> list[str]:
    """The arguments after `-m pytest` in the last command of a `&&` chain."""
    words = shlex.split(command.split("&&")[-1])
    return words[words.index("pytest") + 1 :]


def test_bare_pytest_runs_the_fast_tier() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert shlex.split(options["addopts"])[-2:] == ["-m", "not slow"]
    assert any(m.startswith("slow:") for m in options["markers"])


def test_the_readme_and_ci_run_every_tier() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .venv .*)\n```", readme)
    assert len(commands) == 2, "the README's two set-up commands"
    assert _pytest_args(commands[1]) == EVERY_TIER
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    last = [line for line in ci.splitlines() if "pytest" in line and not line.lstrip().startswith("#")][-1]
    assert _pytest_args(last) == EVERY_TIER


def test_a_skipped_reference_test_is_named_in_the_summary() -> None:
    """tests/conftest.py's summary counts the skips whose reason starts with REFERENCE-MISSING: every skip on the reference does."""
    unmarked = []
    for path in ROOT.joinpath("tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("mark.skipif") and node.args:
                if "REFERENCE" in ast.unparse(node.args[0]):
                    reason = next((ast.unparse(k.value) for k in node.keywords if k.arg == "reason"), "")
                    if "REFERENCE-MISSING" not in reason:
                        unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unmarked == []
