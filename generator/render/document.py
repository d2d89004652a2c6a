"""Render the disclosure .docx from a Word template with docxtpl.

Text from the inputs is escaped (autoescape) and templates run in Jinja's
sandbox with StrictUndefined: a reason containing "<", "&" or "{{ … }}" appears
literally and cannot break the XML or run anything, and a misspelt variable in
an edited template is an error rather than a silently empty sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from generator.compute.figures import Figures
from generator.findings import Finding, Location, error
from generator.render.context import build_context
from generator.render.docx_io import docx_bytes
from generator.render.wording import DEFAULT, WordingProfile

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
DEFAULT_TEMPLATE = TEMPLATES / "disclosure.docx"

# Appends extra content (the self-evaluation tables) to a docxtpl Subdoc.
SubdocFiller = Callable[[Any], None]


def jinja_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)


def render_disclosure(
    figures: Figures,
    template: Path = DEFAULT_TEMPLATE,
    profile: WordingProfile = DEFAULT,
    performance: dict[str, Any] | None = None,
    fill_tables: SubdocFiller | None = None,
) -> tuple[bytes | None, list[Finding]]:
    """The finished .docx as bytes; the same figures and template give the same bytes."""
    where = Location(file=str(template))
    if not template.is_file():
        return None, [error("template-missing", where, f"找不到模板文件：{template}")]
    try:
        doc = DocxTemplate(template)
        context = build_context(figures, profile, performance)
        if fill_tables is not None:
            subdoc = doc.new_subdoc()
            fill_tables(subdoc)
            context["s11"] = {**context["s11"], "tables": subdoc}
        else:
            context["s11"] = {**context["s11"], "tables": ""}
        context["s11"].setdefault("summary", "")
        doc.render(context, jinja_env=jinja_environment(), autoescape=True)
    except TemplateError as exc:
        line = getattr(exc, "docx_context", None)
        near = "".join(line).strip()[:80] if line else ""
        return None, [
            error(
                "template-error",
                where,
                f"模板有误：{exc}" + (f"（附近文字：{near}）" if near else "") + "；请检查模板中的 {{ }} 与 {% %} 标记",
                detail=str(exc),
            )
        ]
    timestamp = datetime(figures.year, 12, 31, tzinfo=UTC)
    return docx_bytes(doc, timestamp=timestamp), []
