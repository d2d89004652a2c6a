"""The template builders still write the shipped templates byte for byte (edit both together)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.docx_package import docx_bytes
from templates import build_shanghai, build_template

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, builder",
    [
        ("disclosure.docx", build_template.build),
        ("self_evaluation.docx", build_template.build_self_evaluation),
        ("shanghai-2024.docx", build_shanghai.build),
        ("shanghai-2024-unit.docx", build_shanghai.build_unit),
    ],
)
def test_builder_writes_the_shipped_template(name: str, builder) -> None:
    assert docx_bytes(builder()) == (TEMPLATES / name).read_bytes(), f"templates/{name} differs from its builder's output"


def test_a_wording_file_is_paragraphs_styles_and_blocks(tmp_path: Path) -> None:
    source = tmp_path / "t.txt"
    source.write_text(
        "# a comment\n\n【JS 标题】{{ unit }}↵决算\n【JS 部分，另起一页】第二部分\n{%p if f.x %}\n本年{{ f.x | amount }}\n  {% if f.y %}，其中{% endif %}\n\t。\n@决算报表 甲\n",
        encoding="utf-8",
    )
    assert build_template.read_wording(source) == [
        build_template.Paragraph("{{ unit }}↵决算", "JS 标题"),
        build_template.Paragraph("第二部分", "JS 部分", new_page=True),
        build_template.Paragraph("{%p if f.x %}"),
        build_template.Paragraph("本年{{ f.x | amount }}{% if f.y %}，其中{% endif %}。"),
        build_template.Block("决算报表", "甲"),
    ]


@pytest.mark.parametrize("text", ["  开头就接续\n", "【JS 部分，横排】第二部分\n"])
def test_a_wording_file_with_a_mistake_is_refused(tmp_path: Path, text: str) -> None:
    source = tmp_path / "t.txt"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="t.txt:1"):
        build_template.read_wording(source)


@pytest.mark.parametrize(("name", "wording"), [("disclosure", "disclosure"), ("shanghai-2024", "shanghai-2024"), ("shanghai-2024-unit", "shanghai-2024")])
def test_every_sentence_of_a_shipped_template_comes_from_its_wording_file(name: str, wording: str) -> None:
    """The builder adds no sentence of its own: every paragraph that words a figure is a line of the template's .txt."""
    from docx import Document

    written = [p.text.replace("\n", "↵") for p in Document(str(TEMPLATES / f"{name}.docx")).paragraphs]
    source = [e.text for e in build_template.read_wording(TEMPLATES / f"{wording}.txt") if isinstance(e, build_template.Paragraph)]
    assert source and set(source) <= set(written)
    assert {text for text in written if "{{ f." in text or "{%p if f." in text} <= set(source)
