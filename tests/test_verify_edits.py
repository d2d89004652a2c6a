"""verify finds the edits people make in Word, at the right place: a bounded seeded sample of fuzzing/document_edits.py
(benchmarks/bench_verify.py runs hundreds), on the documents generated from both examples in both shipped templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fuzzing.document_edits import KINDS, edit, found_at, problems

pytestmark = pytest.mark.slow  # whole documents edited, rendered and read back (one through LibreOffice)

ROOT = Path(__file__).resolve().parents[1]
CASES = 48  # six of each kind, over the four documents
SEED = 19


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, set]:
    from generator import api

    out = tmp_path_factory.mktemp("edits")
    result = {}
    for unit in ("changji-ybj", "shanghai-example"):
        for template in ("xinjiang-2024", "shanghai-2024"):
            target = out / f"{unit}-{template}.docx"
            assert api.generate(ROOT / "inputs" / unit / "2024", target, template=template).ok
            result[target] = problems(target)
    return result


def test_edits_are_found_at_the_edited_section_or_table(documents: dict[Path, set], tmp_path: Path) -> None:
    paths = list(documents)
    outcomes: dict[str, list[bool]] = {kind: [] for kind in KINDS}
    missed = []
    for index in range(CASES):
        path = paths[index % len(paths)]
        change = edit(path, SEED, index)
        assert change is not None, (path.name, index)
        edited = tmp_path / f"{index}.docx"
        edited.write_bytes(change.data)
        found = found_at(change, problems(edited) - documents[path])
        outcomes[change.kind].append(found)
        if not found:
            missed.append((path.name, change.kind, change.where, change.before, change.after))
    assert all(len(v) == CASES // len(KINDS) for v in outcomes.values())
    found = sum(sum(v) for v in outcomes.values())
    assert found / CASES >= 0.95, missed


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_edits_are_found_in_a_pdf(documents: dict[Path, set], tmp_path: Path) -> None:
    from generator.render.pdf import convert_to_pdf

    path = next(p for p in documents if p.name.startswith("changji-ybj-xinjiang"))
    clean_pdf = tmp_path / "clean.pdf"
    assert convert_to_pdf(path, clean_pdf) == []
    clean = problems(clean_pdf)
    # The side-by-side 收入支出决算总表 is read from the cells' positions: its 0.01 尾差 (the sample data's) is seen in the PDF too.
    assert any(code == "doc-table-mismatch" and "公开01表" in where for code, where, _, _ in clean)
    for index, kind in enumerate(("sentence-number", "percentage")):
        change = edit(path, SEED, index, kind)
        assert change is not None
        edited = tmp_path / f"{kind}.docx"
        edited.write_bytes(change.data)
        assert convert_to_pdf(edited, edited.with_suffix(".pdf")) == []
        assert found_at(change, problems(edited.with_suffix(".pdf")) - clean), (kind, change.where, change.before, change.after)
