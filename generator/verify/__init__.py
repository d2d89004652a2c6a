"""juesuan verify: an independent second opinion on a finished disclosure (.docx, .pdf, .txt).

It reads only the document (and, with `expected`, the documents juesuan renders from the unit-year
folder, as .docx bytes the library hands it: generator.api.verify_document): never the generator's
render context, nor any stage of the generator, so that it checks juesuan's own output as it checks a
hand-made one. Every rule records what it checked in the coverage; a check that
could not run is listed as such, never as passed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package is imported by `juesuan --help` (its cli module): nothing heavy at the top
    from generator.findings import Finding
    from generator.verify.against_data import Expected
    from generator.verify.audit import Audit, Obligation


def _rules() -> tuple[Callable[[Audit], None], ...]:
    from generator.verify import rules_cross, rules_performance, rules_presence, rules_sentences, rules_tables, rules_text

    return (
        rules_text.check_residue,
        rules_text.check_clauses,
        rules_text.check_years,
        rules_text.check_unit_wording,
        rules_sentences.check_sentences,
        rules_sentences.check_item_totals,
        rules_tables.check_tables,
        rules_tables.check_presence_of_tables,
        rules_presence.check_sections,
        rules_presence.check_three_public,
        rules_presence.check_against_tables,
        rules_cross.check_tables_agree,
        rules_cross.check_sentences_against_summaries,
        rules_performance.check_performance,
    )


def verify_document(path: Path, expected: Expected | None = None) -> tuple[list[Finding], list[Obligation]]:
    """The findings and the coverage of the disclosure at PATH (compared with EXPECTED, the documents its data
    folder renders to, when given: api.verify_document supplies them)."""
    from generator.findings import Location, emit
    from generator.verify.audit import Audit, Obligation, State
    from generator.verify.read import read_document
    from generator.verify.read_docx import Unreadable

    try:
        document = read_document(path)
    except (Unreadable, OSError) as exc:
        reason = str(exc) if isinstance(exc, Unreadable) else (exc.strerror or str(exc))
        finding = emit("doc-unreadable", Location(file=str(path)), reason=reason, name=path.name, problem=reason, consequence="")
        return [finding], [Obligation("read", "读取文档", path.name, State.UNREADABLE)]
    audit = Audit(document)
    audit.record("read", "读取文档", f"{len(document.paragraphs)} 段、{len(document.tables)} 张表" + (f"、{document.pages} 页" if document.pages else ""), State.PASSED)
    for rule in _rules():
        try:
            rule(audit)
        except Exception as exc:  # a crashing rule is a finding and the run goes on
            import traceback

            audit.findings.append(emit("crashed", Location(file=str(path)), stage="verify-rule", name=rule.__name__, error=str(exc), traceback=traceback.format_exc(),
                                       doing=f"运行核对规则 {rule.__name__} ", consequence="，其余核对照常进行"))
            audit.record(rule.__name__, "（规则出错，未完成）", "全文", State.UNREADABLE)
    if expected is not None:
        from generator.verify.against_data import compare_with_data

        compare_with_data(audit, expected)
    return audit.findings, audit.coverage


__all__ = ["verify_document"]
