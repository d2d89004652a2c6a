"""Every finding code the package emits is documented in docs/findings-self-evaluation.md, and no more."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_code_is_documented() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "generator" / "self_evaluation").glob("*.py"))
    emitted = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source))
    documented = set(
        re.findall(r"^### ([a-z-]+)$", (ROOT / "docs" / "findings-self-evaluation.md").read_text(encoding="utf-8"), re.M)
    )
    assert emitted - documented == set(), "undocumented codes"
    assert documented - emitted == set(), "documented codes that are never emitted"
