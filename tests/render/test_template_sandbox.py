"""A template is data, never code with access (issue 20): the known sandbox escapes each end in a
finding (or literal text), never read or write a file, never an internal error.

The templates are hostile ones a data folder could carry; each is rendered with the sample's
real context, so that every value a template can reach is the one it would reach in `generate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from markupsafe import Markup

from generator import api, layout
from generator.findings import Finding
from generator.render.document import disclosure_context, render_template
from generator.render.dump import document_lines
from generator.render.sandbox import TemplateEnvironment
from generator.render.values import Listing, Lookup, Values, freeze

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"
SECRET = "juesuan-secret-line"


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    checked = api.check_folder(SAMPLE)
    assert checked.figures is not None
    return disclosure_context(checked.figures, scored=checked.performance)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def render(tmp_path: Path, context: dict[str, Any], *paragraphs: str) -> tuple[list[str] | None, list[Finding]]:
    template = tmp_path / "hostile.docx"
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(template))
    data, findings = render_template(template, context, 2024)
    if data is None:
        return None, findings
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    return document_lines(out, tables=False), findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# --- what the context holds ---------------------------------------------------------------

VALUE_TYPES = (str, int, float, Decimal, bool, date, type(None))


def unreachable_types(value: Any, seen: set[int] | None = None) -> set[str]:
    """The types in VALUE (walked as a template can walk it) that are not plain values."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return set()
    seen.add(id(value))
    if isinstance(value, Values):
        found = set() if type(value) in (Values, Lookup) else {type(value).__name__}
        for item in value.values():
            found |= unreachable_types(item, seen)
        return found
    if isinstance(value, tuple):
        found = set() if type(value) in (tuple, Listing) else {type(value).__name__}
        for item in value:
            found |= unreachable_types(item, seen)
        return found
    if isinstance(value, VALUE_TYPES) and (type(value) in VALUE_TYPES or isinstance(value, Markup)):
        return set()
    return {type(value).__name__}


def test_the_context_holds_values_only(context: dict[str, Any]) -> None:
    assert unreachable_types(tuple(context.values())) == set()
    assert "folder" not in context["f"]["base"] and "unit" not in context["f"]["base"]


def test_a_path_becomes_text_and_an_object_is_refused() -> None:
    assert freeze({"p": Path("/etc")}) == {"p": "/etc"}
    with pytest.raises(TypeError):
        freeze(object())


def test_a_key_named_like_a_method_is_read_as_the_key() -> None:
    env = TemplateEnvironment()
    values = freeze({"items": "甲", "keys": "乙", "values": "丙", "get": "丁"})
    assert env.from_string("{{ v.items }}{{ v.keys }}{{ v['values'] }}{{ v.get }}").render(v=values) == "甲乙丙丁"


def test_the_documented_lookups_still_answer(tmp_path: Path, context: dict[str, Any]) -> None:
    lines, findings = render(
        tmp_path,
        context,
        "{{ f.agreed.gpb.known_total('合计') | amount }}",
        "{{ f.agreed.gpb.nodes() | length > 0 }}",
        "{% for n in f.agreed.gpb.classes[:1] %}{{ n.known('合计') | amount }}{% endfor %}",
        "{{ f.statement.income_content('没有这项收入') == '' }}",
    )
    assert findings == [] and lines is not None
    assert lines[0] == "1,222.68" and lines[1] == "True" and lines[3] == "True"


# --- escapes through the context ------------------------------------------------------------

PATH_ESCAPES = {
    "read": "{{ f.base.unit.folder.joinpath('SECRET').read_text() }}",
    "read through the prior year": "{{ f.prior.unit.folder.parent.joinpath('SECRET').read_text() }}",
    "read through a tree row": "{{ f.agreed.gpb.classes[0].row.source.file }}",
    "class of a value": "{{ f.__class__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals of a filter": "{{ amount.__globals__ }}",
    "globals of a lookup": "{{ f.statement.income_content.__call__.__globals__ }}",
    "attr filter": "{{ f | attr('__class__') }}",
    "str.format": "{{ '{0.__class__.__init__.__globals__}'.format(f) }}",
    "str.format_map": "{{ '{x.__class__}'.format_map({'x': f}) }}",
    "a str method": "{{ unit.encode('utf-8') }}",
    "cycler": "{{ cycler.__init__.__globals__.os }}",
    "joiner": "{{ joiner() }}",
    "lipsum": "{{ lipsum(1000) }}",
    "namespace": "{% set ns = namespace(x=1) %}{% set ns.x = 2 %}{{ ns.x }}",
    "self's context": "{{ self._TemplateReference__context }}",
    "config": "{{ config.items() }}",
    "request": "{{ request.application }}",
    "a list mutated": "{% set l = [1] %}{{ l.append(2) }}{{ l }}",
    "a dict mutated": "{% set d = {} %}{{ d.update({'a': 1}) }}{{ d }}",
    "a context value mutated": "{{ f.funds.gpb.items.__setitem__(0, 1) }}",
    "a mapping's method": "{{ f.agreed.summary.pop('收入总计') }}",
    "include": "{% include 'SECRET' %}",
    "import": "{% import 'SECRET' as x %}{{ x }}",
    "from import": "{% from 'SECRET' import y %}{{ y }}",
    "extends": "{% extends 'SECRET' %}",
    "range bomb": "{{ range(10**9) | list | length }}",
    "loop over a range bomb": "{% for i in range(10**9) %}x{% endfor %}",
    "nested loops": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "string bomb": "{{ 'x' * 10**9 }}",
    "doubling": "{% set a = 'x' * 4000000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c | length }}",
    "join bomb": "{% set a = 'x' * 4000000 %}{{ [a, a, a, a] | join }}",
    "replace bomb": "{% set a = 'x' * 100000 %}{{ a | replace('x', a) | length }}",
    "format width": "{{ '%0999999999d' % 1 }}",
    "power": "{{ 2 ** (10 ** 9) }}",
    "a power of a power": "{{ ((10 ** 4096) ** 4096) ** 4096 }}",
    "batch filler": "{{ [1] | batch(10 ** 9, 0) | list }}",
    "recursion": "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    "a recursive loop": "{% for x in [[1]] recursive %}{{ loop([[1]]) }}{% endfor %}",
}


@pytest.mark.parametrize("name", PATH_ESCAPES)
def test_an_escape_ends_in_a_finding(name: str, tmp_path: Path, context: dict[str, Any], secret: Path) -> None:
    source = PATH_ESCAPES[name].replace("SECRET", str(secret))
    lines, findings = render(tmp_path, context, source)
    assert lines is None, f"{name} rendered: {lines}"
    assert codes(findings) in (["template-error"], ["template-refused"], ["template-budget"]), findings
    assert secret.read_text(encoding="utf-8") == SECRET


def test_each_kind_of_escape_has_its_own_code(tmp_path: Path, context: dict[str, Any]) -> None:
    assert codes(render(tmp_path, context, PATH_ESCAPES["include"])[1]) == ["template-refused"]
    assert codes(render(tmp_path, context, PATH_ESCAPES["a str method"])[1]) == ["template-refused"]
    assert codes(render(tmp_path, context, PATH_ESCAPES["nested loops"])[1]) == ["template-budget"]
    assert codes(render(tmp_path, context, PATH_ESCAPES["string bomb"])[1]) == ["template-budget"]
    assert codes(render(tmp_path, context, PATH_ESCAPES["config"])[1]) == ["template-error"]


def test_writing_and_deleting_files_is_impossible(tmp_path: Path, context: dict[str, Any], secret: Path) -> None:
    written = tmp_path / "written.txt"
    for source in (
        f"{{{{ f.base.unit.folder.joinpath('{written}').write_text('x') }}}}",
        f"{{{{ f.base.unit.folder.joinpath('{secret}').unlink() }}}}",
        f"{{{{ unit.__class__.__base__.__subclasses__() }}}}{{{{ '{secret}' | attr('unlink') }}}}",
    ):
        lines, findings = render(tmp_path, context, source)
        assert lines is None and findings
    assert not written.exists() and secret.exists()


def test_self_and_loop_render_as_plain_text_or_values(tmp_path: Path, context: dict[str, Any]) -> None:
    lines, findings = render(tmp_path, context, "{% for x in [1, 2] %}{{ loop.index }}{{ loop.cycle('a', 'b') }}{% endfor %}")
    assert findings == [] and lines == ["1a2b"]


def test_a_hostile_cover_template_is_a_finding_in_generate(tmp_path: Path, kit: Any, secret: Path) -> None:
    """The 封面 cell 公开模板 names a template in the data folder that reads a file: no document, not exit 0."""
    values = kit.consistent_2024()
    kit.set_value(values, layout.COVER.name, "公开模板", layout.CONTENT, "我的模板.docx")
    folder = kit.write_unit(tmp_path, values)
    doc = Document()
    doc.add_paragraph(f"{{{{ f.base.unit.folder.joinpath('{secret}').read_text() }}}}")
    doc.save(str(folder / "我的模板.docx"))
    out = tmp_path / "out.docx"
    result = api.generate(folder, output=out, force=True)
    assert not result.ok and not out.exists()
    assert "template-error" in codes(list(result.findings)) or "template-refused" in codes(list(result.findings))


@pytest.mark.slow
def test_the_budget_is_per_render_not_per_process(tmp_path: Path, context: dict[str, Any]) -> None:
    """Many renders in one process (a batch) each get the full budget."""
    source = "{% for a in range(1000) %}{% for b in range(100) %}{% endfor %}{% endfor %}ok"
    for _ in range(12):  # 12 × 100,000 iterations: more than one budget in all
        lines, findings = render(tmp_path, context, source)
        assert findings == [] and lines == ["ok"]


def test_values_are_immutable() -> None:
    values = freeze({"a": [1, {"b": 2}]})
    assert isinstance(values, Mapping) and values["a"] == (1, {"b": 2})
    with pytest.raises(AttributeError):
        values.a = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        values["a"] = 1  # type: ignore[index]


@pytest.mark.parametrize("name", ["include", "import", "extends", "nested loops", "read"])
def test_the_command_line_exits_1_not_3_for_a_hostile_template(name: str, tmp_path: Path, secret: Path) -> None:
    """Issue 20: include/import exited 3 (internal error); every escape is a finding of the data (exit 1)."""
    from click.testing import CliRunner

    from generator.cli import EXIT_ERRORS, main

    template = tmp_path / "hostile.docx"
    doc = Document()
    doc.add_paragraph(PATH_ESCAPES[name].replace("SECRET", str(secret)))
    doc.save(str(template))
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["generate", str(SAMPLE), "--template", str(template), "-o", str(out)])
    assert result.exit_code == EXIT_ERRORS, result.output
    assert not out.exists() and SECRET not in result.output
