"""Golden file: the whole sample document as text (paragraphs and table cells in order).

Any change to the generated document's text shows up here as a diff of lines. When a
change is intended, regenerate the file and review its diff:

    JUESUAN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_dump.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from generator import api
from generator.render.dump import document_lines

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "changji-ybj-2024.txt"


def test_the_sample_document_text_is_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "sample.docx"
    assert api.generate(ROOT / "inputs" / "changji-ybj" / "2024", output=out).ok
    lines = document_lines(out)
    if os.environ.get("JUESUAN_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(expected, lines, "golden", "generated", lineterm="", n=1))
    assert not diff, "\n".join(diff[:60])
