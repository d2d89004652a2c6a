"""Render the disclosure .docx from a Word template with docxtpl.

Text from the inputs is escaped (autoescape) and templates run in juesuan's sandbox
(generator.render.sandbox) with StrictUndefined: a reason containing "<", "&" or "{{ … }}"
appears literally and cannot break the XML or run anything, and a misspelt variable in an
edited template is an error rather than a silently empty sentence. The context is frozen into
values (generator.render.values) before any template sees it: a template reads figures and
calls filters, and reaches nothing else.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError

from generator.compute.figures import Figures
from generator.compute.performance import performance_facts
from generator.docx_package import docx_bytes
from generator.findings import Finding, Location, emit
from generator.render.context import build_context
from generator.render.filters import FILTERS, PROFILE_KEY, TESTS
from generator.render.merge import keep_merged_groups_together, keep_total_rows_with_previous, merge_marked_cells
from generator.render.national import national_tables
from generator.render.sandbox import TemplateBudgetExceeded, TemplateEnvironment, TemplateRefused, budgeted
from generator.render.self_evaluation import self_evaluation_context
from generator.render.shipped import SHIPPED, default_template, self_evaluation_template, template_dir
from generator.render.values import freeze
from generator.render.wording import DEFAULT, WordingProfile

if TYPE_CHECKING:
    from generator.compute.self_evaluation.score import ScoredSelfEvaluation

TEMPLATES = template_dir()
DEFAULT_TEMPLATE = default_template()
SELF_EVALUATION_TEMPLATE = self_evaluation_template()
PAGE_BREAK = "\f"  # docxtpl turns a form feed in rendered text into a page break


class _CompilingOnceEnvironment(TemplateEnvironment):
    """docxtpl compiles the template's XML on every render; the same source compiles once here.

    Rendering is sandboxed and autoescaped either way; only the compile step is shared,
    which is what makes a batch of units cheap after the first.
    """

    @lru_cache(maxsize=32)  # noqa: B019 - the environment lives as long as the process, on purpose
    def from_string(self, source, globals=None, template_class=None):  # type: ignore[override]
        return super().from_string(source, globals, template_class)


class _PatchingOnceTemplate(DocxTemplate):
    """docxtpl cleans the template's XML (regular expressions over the whole body) on every render;
    the same XML is cleaned once per process, like the compile step above."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched_xml(src_xml)


@lru_cache(maxsize=32)
def _patched_xml(src_xml: str) -> str:
    return str(DocxTemplate.patch_xml(None, src_xml))  # type: ignore[arg-type]  # patch_xml does not use self


@lru_cache(maxsize=1)
def jinja_environment() -> TemplateEnvironment:
    env = _CompilingOnceEnvironment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
    # the wording functions as filters ({{ f.funds.gpb.total | amount }}), as functions ({{ budget_phrase(item.budget) }})
    # and as tests ({{ f.funds.gpb.items | map(attribute="change") | select("gone") | list | length }})
    env.register(FILTERS, TESTS, FILTERS)
    return env


def render_disclosure(
    figures: Figures,
    template: Path = DEFAULT_TEMPLATE,
    profile: WordingProfile = DEFAULT,
    scored: ScoredSelfEvaluation | None = None,
    level: str = "部门",
) -> tuple[bytes | None, list[Finding]]:
    """The finished .docx as bytes; the same figures and template give the same bytes.

    SCORED is the scored self-evaluation (generator.self_evaluation), when the unit has one;
    LEVEL 部门 or 单位, the document's 部门决算 or 单位决算 wording.
    """
    return render_template(template, disclosure_context(figures, profile, scored, level), figures.year)


def disclosure_context(
    figures: Figures, profile: WordingProfile = DEFAULT, scored: ScoredSelfEvaluation | None = None, level: str = "部门"
) -> dict[str, Any]:
    """Everything the disclosure template reads, as values (generator.render.values): figures, not sentences."""
    context = build_context(figures, profile)
    context["level"] = level
    se = self_evaluation_context(scored, level) if scored is not None else None
    context["se"] = se if se and (se.get("unit") or se.get("projects")) else None  # no table: no landscape page
    context.update(figure_values(figures, profile, scored))
    return {name: freeze(value) for name, value in context.items()}


def figure_values(figures: Figures, profile: WordingProfile = DEFAULT, scored: ScoredSelfEvaluation | None = None) -> dict[str, Any]:
    """The settled figures as values, for templates that word their own sentences (docs/templates.md).

    f is the Figures (amounts, shares, Changes with budgets, items, counts, reasons), frozen
    into values by disclosure_context; performance the 预算绩效管理 facts settled with the 绩效自评表;
    self_evaluation the 绩效自评表's counts and sums (None without one); final_units the 部门决算单位构成 rows;
    national the tables in the national layout (all 24 类). The filters of generator.render.filters word them.
    """
    return {
        "f": figures,
        "performance": performance_facts(figures.performance, scored),
        "self_evaluation": scored.summary if scored is not None else None,
        "final_units": final_units(figures),
        "national": national_tables(figures, profile),
        PROFILE_KEY: profile,
    }


def final_units(figures: Figures) -> list[dict[str, str]]:
    """序号/单位名称/备注 of the 部门决算: as listed in 文字说明.yaml, else 本级 and the 下属预算单位."""
    texts = figures.texts
    rows = list(texts.final_units) or [(f"{figures.unit_name}（本级）", "")] + [(name, "") for name in texts.subordinate_units or ()]
    return [{"number": str(i), "name": name, "note": note} for i, (name, note) in enumerate(rows, start=1)]


def self_evaluation_only_context(scored: ScoredSelfEvaluation, level: str = "部门") -> dict[str, Any]:
    return {"se": freeze(self_evaluation_context(scored, level))}


def render_template(template: Path, context: dict[str, Any], year: int) -> tuple[bytes | None, list[Finding]]:
    """Render TEMPLATE with CONTEXT in the sandbox, merge marked cells, save deterministically."""
    where = Location(file=str(template))
    if not template.is_file():
        return None, [emit("template-missing", where, template=str(template), shipped="、".join(SHIPPED))]
    try:
        doc = _PatchingOnceTemplate(template)
        doc.init_docx()  # loads the package; render() reuses it
    except Exception as exc:  # not a .docx: no zip, a spreadsheet's content type, broken XML
        return None, [
            emit("template-unreadable", where, reason=str(exc)[:200], name=str(template), problem=type(exc).__name__)
        ]
    values = {name: freeze(value) for name, value in {**context, "page_break": PAGE_BREAK}.items()}
    try:
        with budgeted():  # one budget for the body, headers and footers
            doc.render(values, jinja_env=jinja_environment(), autoescape=True)
    except TemplateRefused as exc:
        return None, [emit("template-refused", where, detail=str(exc))]
    except TemplateBudgetExceeded as exc:
        return None, [emit("template-budget", where, detail=str(exc))]
    except TemplateError as exc:
        line = getattr(exc, "docx_context", None)
        near = "".join(line).strip()[:80] if line else ""
        return None, [emit("template-error", where, detail=str(exc), problem=str(exc), near=f"（附近文字：{near}）" if near else "")]
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as exc:  # the template's own expression failed
        return None, [emit("template-error", where, detail=str(exc)[:200], problem=f"{type(exc).__name__}: {str(exc)[:200]}", near="")]
    body = doc.docx.element.body
    merge_marked_cells(body)
    keep_merged_groups_together(body)
    keep_total_rows_with_previous(body)
    return docx_bytes(doc, timestamp=datetime(year, 12, 31, tzinfo=UTC)), []
