"""`juesuan --help` and usage errors start at once: they import the CLI, not the pipeline.

Timings are measured in benchmarks/bench_cli.py; this test only guards the cause of a slow
start (a heavy module imported by a command listing), so it asserts imports, never seconds.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "pydantic", "docxtpl", "docx", "openpyxl", "flask", "generator.load", "generator.compute", "generator.render")

PROBE = """
import sys
from generator.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {{'pandas', 'pydantic', 'docxtpl', 'docx', 'openpyxl', 'flask'}}
               or m.startswith(('generator.load', 'generator.compute', 'generator.render')))
print('HEAVY:' + ','.join(heavy))
"""


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["chek"], ["check"]])
def test_help_and_usage_errors_import_no_pipeline_module(args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60)
    line = next(line for line in run.stdout.splitlines() if line.startswith("HEAVY:"))
    assert line == "HEAVY:", f"{args} imported {line[6:]} ({HEAVY} are imported only by the command that runs)"
