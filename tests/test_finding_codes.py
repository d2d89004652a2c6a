"""The registry of finding codes (generator/finding_codes.py): each code declared once, the docs generated from it,
every code in the source declared, and no undeclared code can be emitted."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import finding_codes
from generator.finding_codes import CODES, DOCS, MAIN, RETIRED, RETIRED_CODES, SELF_EVALUATION, FindingDeclarationError, markdown
from generator.findings import Location, Severity, emit

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_each_code_is_declared_once_in_kebab_case_with_a_severity_title_and_help() -> None:
    declared = [c.code for part in (MAIN, SELF_EVALUATION) for s in part for c in s.codes] + [c.code for c in RETIRED]
    assert len(declared) == len(set(declared)) > 100
    for code in (*CODES.values(), *RETIRED):
        assert KEBAB.match(code.code), code.code
        assert code.severity in {"error", "warning", "info"}, code.code
        assert re.search(r"[\u4e00-\u9fff]", code.title) and len(code.title) <= 40, code.code
        assert re.search(r"[\u4e00-\u9fff]", code.help), code.code
        assert all(re.match(r"^[a-z][a-z0-9_]*$", v) for v in code.values), code.code


def test_retired_codes_name_a_current_replacement() -> None:
    for code in RETIRED:
        assert code.replaced_by in CODES and code.code not in CODES


@pytest.mark.parametrize("part", sorted(DOCS))
def test_the_docs_are_generated_from_the_registry(part: str) -> None:
    path = ROOT / "docs" / DOCS[part]
    assert path.read_text(encoding="utf-8") == markdown(part), f"regenerate: python -m generator.finding_codes ({path.name})"


def test_the_docs_list_every_code_and_only_those() -> None:
    headings = set()
    for name in DOCS.values():
        headings |= set(re.findall(r"^### (\S+)$", (ROOT / "docs" / name).read_text(encoding="utf-8"), re.M))
    assert headings == set(CODES) | set(RETIRED_CODES)


def _literal_codes() -> dict[str, set[str]]:
    """Codes written as literals in the source: the first argument of emit() and of the helpers that pass a
    code on (disagreement(ctx, code, …), verify's compared(code, …)), and CODE = "…" constants."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name == "finding_codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            literal = None
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                index = {"emit": 0, "compared": 0, "disagreement": 1}.get(name or "")
                if index is not None and len(node.args) > index and isinstance(node.args[index], ast.Constant):
                    literal = node.args[index].value
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in {"CODE", "code"} for t in node.targets):
                if isinstance(node.value, ast.Constant):
                    literal = node.value.value
            if isinstance(literal, str) and KEBAB.match(literal):
                found.setdefault(literal, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_code_in_the_source_is_declared() -> None:
    found = _literal_codes()
    assert len(found) > 80, "the codes were not found in the source"
    assert {code: sorted(where) for code, where in found.items() if code not in CODES} == {}


def test_every_declared_code_is_written_somewhere_in_the_source() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "finding_codes.py")
    assert sorted(code for code in CODES if f'"{code}"' not in source) == []
    assert sorted(code for code in RETIRED_CODES if f'"{code}"' in source) == []


def test_an_undeclared_code_cannot_be_emitted() -> None:
    with pytest.raises(FindingDeclarationError, match="not declared"):
        emit("no-such-code", Location(file="x"))


def test_a_retired_code_cannot_be_emitted() -> None:
    with pytest.raises(FindingDeclarationError, match="retired, emit 'crashed'"):
        emit("rule-crashed", Location(file="x"), rule="r")


def test_severity_and_values_keys_must_match_the_declaration() -> None:
    with pytest.raises(FindingDeclarationError, match="declared error"):
        emit("folder-missing", Location(file="x"), severity=Severity.WARNING, path="p")
    with pytest.raises(FindingDeclarationError, match="undeclared fields"):
        emit("file-missing", Location(file="x"), path="p", colour="red")
    assert emit("file-missing", Location(file="x"), path="p").values == {"path": "p"}


def test_the_checks_hold_in_every_run_not_only_under_assertions() -> None:
    """`python -O` drops assert statements: the declaration is still enforced."""
    script = "from generator.findings import Location, emit\nemit('no-such-code', Location(file='x'))"
    run = subprocess.run([sys.executable, "-O", "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode != 0 and "FindingDeclarationError" in run.stderr


def test_emit_builds_the_message_from_the_declaration() -> None:
    finding = emit("total-mismatch", Location(file="a.xlsx", sheet="表", cell="B3"), **_TOTAL)
    assert finding.severity is Severity.ERROR
    assert finding.message == CODES["total-mismatch"].message.format(**_TOTAL)
    # the words are not kept; `also` only when other places show the same difference
    assert set(finding.values) == set(CODES["total-mismatch"].values) - {"also"}


def test_emit_refuses_a_missing_value_an_unknown_field_and_a_second_severity() -> None:
    where = Location(file="x")
    with pytest.raises(FindingDeclarationError, match="emitted without"):
        emit("total-mismatch", where, **{k: v for k, v in _TOTAL.items() if k != "parts"})
    with pytest.raises(FindingDeclarationError, match="undeclared fields"):
        emit("total-mismatch", where, colour="red", **_TOTAL)
    with pytest.raises(FindingDeclarationError, match="declared error"):
        emit("file-missing", where, severity=Severity.WARNING, path="p")
    assert emit("cross-table-mismatch", where, severity=Severity.WARNING, **_SAME).severity is Severity.WARNING


_TOTAL = {
    "total": "收入总计", "stated": 1, "expected": 2, "difference": -1, "tolerance": 0,
    "stated_text": "1.00万元", "expected_text": "2.00万元", "direction": "少", "difference_text": "1.00万元", "parts": "a＋b", "also_text": "",
}  # fmt: skip
_SAME = {
    "stated": 1, "expected": 2, "difference": -1, "stated_label": "甲", "expected_label": "乙",
    "stated_text": "1.00万元", "expected_text": "2.00万元", "direction": "少", "difference_text": "1.00万元", "see_also": "", "hint": "", "residue": "",
}  # fmt: skip


def test_titles_are_short_names_not_the_start_of_the_help() -> None:
    titles = [c.title for c in CODES.values()]
    assert len(titles) == len(set(titles)), "two codes share a title"
    for c in CODES.values():
        assert not c.title.endswith("…") and len(c.title) <= 22, c.code


def test_every_message_template_names_only_declared_fields() -> None:
    written = [c for c in CODES.values() if c.message]
    assert len(written) > 20
    for c in written:
        assert c.fields() <= set(c.values) | set(c.words), c.code
        assert not set(c.words) & set(c.values), c.code


def test_every_declared_code_has_a_message_template() -> None:
    """The message is built from the declaration, never written at the emit site (the self-evaluation's codes too)."""
    assert sorted(c.code for c in CODES.values() if not c.message) == []


def test_a_finding_cannot_be_emitted_with_a_written_message() -> None:
    """In every run (python -O too): the helpers that took a written message are gone, and emit refuses one."""
    import generator.findings as findings

    assert not {"error", "warning", "info"} & set(vars(findings))
    with pytest.raises(FindingDeclarationError, match="written message"):
        emit("sheet-absent", Location(file="x"), sheet="s", message="手写的消息")
    script = "from generator.findings import Location, emit\nemit('sheet-absent', Location(file='x'), sheet='s', message='m')"
    run = subprocess.run([sys.executable, "-O", "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode != 0 and "FindingDeclarationError" in run.stderr


def test_a_compared_figure_may_be_a_warning_within_the_tolerance() -> None:
    for code in finding_codes.MIXED_SEVERITY:
        assert CODES[code].severity == "error" and {"stated", "expected", "difference"} <= set(CODES[code].values)


def test_every_code_compared_by_disagreement_declares_its_message() -> None:
    """check/compare.py's disagreement() emits the code it is given from the declaration: each needs the shared message."""
    compared = set()
    for path in (PACKAGE / "check").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "disagreement" and len(node.args) > 1:
                code = node.args[1]
                if isinstance(code, ast.Constant):
                    compared.add(code.value)
                elif isinstance(code, ast.Name):  # CODE = "..." in the same module
                    compared |= {a.value.value for a in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                                 if isinstance(a, ast.Assign) and any(getattr(t, "id", "") == code.id for t in a.targets)
                                 and isinstance(a.value, ast.Constant)}
    assert len(compared) > 5
    assert sorted(c for c in compared if CODES[c].message != CODES["cross-table-mismatch"].message) == []
