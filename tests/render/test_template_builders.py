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
