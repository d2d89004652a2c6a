"""Templates that word their own sentences: every example of docs/templates.md renders as documented,
and the documentation names every figure and filter."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from docx import Document

from generator import api
from generator.compute import figures as F
from generator.render.document import disclosure_context, render_template
from generator.render.dump import document_lines
from generator.render.filters import FILTERS, TESTS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"示例：`(.+?)` → `(.*?)`")
EXAMPLES = EXAMPLE.findall(DOC)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """All examples in one template, one paragraph each, rendered with the sample."""
    folder = tmp_path_factory.mktemp("values")
    template = folder / "examples.docx"
    doc = Document()
    for source, _ in EXAMPLES:
        doc.add_paragraph(source)
    doc.save(str(template))
    checked = api.check_folder(ROOT / "inputs" / "changji-ybj" / "2024")
    assert checked.figures is not None
    data, findings = render_template(template, disclosure_context(checked.figures, scored=checked.performance), 2024)
    assert findings == [] and data is not None
    out = folder / "out.docx"
    out.write_bytes(data)
    return document_lines(out, tables=False)


def test_the_documentation_has_examples() -> None:
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_each_example_renders_as_documented(index: int, rendered: list[str]) -> None:
    source, expected = EXAMPLES[index]
    assert rendered[index] == expected, source


def test_every_filter_and_test_is_documented_with_an_example() -> None:
    sources = " ".join(source for source, _ in EXAMPLES)
    for name in FILTERS:
        assert f"### {name}" in DOC or f"、{name}" in DOC, name
        as_test = f'select("{name.removeprefix("is_")}")'
        assert re.search(rf"\b{name}\b", sources) or as_test in sources, f"no example uses {name}"
    for name in TESTS:
        assert f'select("{name}")' in sources or f"is_{name}" in sources


@pytest.mark.parametrize(
    "cls, prefix",
    [
        (F.Figures, "f."),
        (F.Statement, "f.statement."),
        (F.Funds, "f.funds."),
        (F.FiscalFunds, "f.funds.fiscal."),
        (F.GeneralBudget, "f.funds.gpb."),
        (F.BasicExpense, "f.basic."),
        (F.ThreePublic, ""),
        (F.ThreePublicPart, ""),
        (F.ItemLine, ""),
        (F.Procurement, ""),
        (F.Assets, ""),
        (F.Fund, ""),
        (F.PerformanceFacts, ""),
    ],
)
def test_every_figure_is_documented(cls: type, prefix: str) -> None:
    internal = {"base", "prior", "prior_pairs"}  # the loaded tables behind the figures, for the stages' own use
    names = [f.name for f in dataclasses.fields(cls) if f.name not in internal]
    names += [n for n, v in vars(cls).items() if isinstance(v, property)]
    missing = [n for n in names if f"`{prefix}{n}`" not in DOC and f"{prefix}{n}`" not in DOC]
    assert missing == []
