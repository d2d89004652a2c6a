"""Golden files: each template's document, and each kind of output, as text (paragraphs, then table rows cell by cell).

Any change to a generated document's text shows up here as a diff of lines; table rows keep their
empty cells, so a figure that turns blank (or a blank that gets a figure) shows too. When a change
is intended, regenerate the files and review their diff:

    JUESUAN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_dump.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from generator import api
from generator.render.dump import golden_lines

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"

# name -> (folder, template, only): one golden file per template and per output kind.
CASES = {
    "changji-ybj-2024": ("inputs/changji-ybj/2024", "xinjiang-2024", None),
    "changji-ybj-2023": ("inputs/changji-ybj/2023", "xinjiang-2024", None),  # the reconstruction: its every figure under review
    "shanghai-example-2024": ("inputs/shanghai-example/2024", "shanghai-2024", None),
    "shanghai-example-文化馆-2024": ("inputs/shanghai-example/上海市示范区文化馆/2024", "shanghai-2024-unit", None),  # a 单位决算
    "changji-ybj-2024-绩效自评表": ("inputs/changji-ybj/2024", None, "self-evaluation"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_generated_text_is_unchanged(name: str, tmp_path: Path) -> None:
    folder, template, only = CASES[name]
    out = tmp_path / "out.docx"
    assert api.generate(ROOT / folder, output=out, template=template, only=only).ok
    lines = golden_lines(out)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("JUESUAN_UPDATE_GOLDEN"):
        golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(expected, lines, "golden", "generated", lineterm="", n=1))
    assert not diff, "\n".join(diff[:60])


def test_the_dump_keeps_empty_cells() -> None:
    rows = [line for line in (GOLDEN / "changji-ybj-2024.txt").read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert rows and any(" |  |" in row for row in rows)
