"""What `juesuan diff` writes from a comparison: the .xlsx and the redline .docx (api.diff_folders checks and renders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.diff.compare import Comparison
from generator.diff.redline import redline_documents
from generator.diff.workbook import comparison_workbook
from generator.files import not_writable, write_atomically
from generator.findings import Finding

DEFAULT_OUTPUT = Path("outputs") / "diff"
Rendered = tuple[bytes | None, list[Finding]]  # one year's disclosure as api.render_checked gives it


@dataclass(frozen=True)
class DiffResult:
    comparison: Comparison
    outputs: tuple[Path, ...] = ()
    findings: tuple[Finding, ...] = ()  # unreadable folders, and why a redline could not be made


def write_diff(comparison: Comparison, output_dir: Path, documents: tuple[Rendered, Rendered] | None = None) -> DiffResult:
    """Write <unit>-<old>-<new>-对比.xlsx into OUTPUT_DIR and, given both years' rendered DOCUMENTS, -修订对比.docx."""
    if not comparison.readable:
        return DiffResult(comparison, (), comparison.findings)
    stem = output_dir / _stem(comparison)
    table = stem.with_name(stem.name + "-对比.xlsx")
    findings: list[Finding] = list(comparison.findings)  # cells that could not be read, at their place
    outputs: list[Path] = []
    problem = _write(table, comparison_workbook(comparison))
    if problem is not None:
        return DiffResult(comparison, (), (*findings, problem))
    outputs.append(table)
    if documents is not None:
        data, redline_findings = redline_rendered(comparison, documents)
        findings.extend(redline_findings)
        if data is not None:
            document = stem.with_name(stem.name + "-修订对比.docx")
            problem = _write(document, data)
            if problem is not None:
                findings.append(problem)
            else:
                outputs.append(document)
    return DiffResult(comparison, tuple(outputs), tuple(findings))


def _write(path: Path, data: bytes) -> Finding | None:
    """Write PATH atomically; a disk that refuses is output-not-writable, worded as every command words it."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        return not_writable(path, exc)
    return None


def redline_rendered(comparison: Comparison, documents: tuple[Rendered, Rendered]) -> tuple[bytes | None, list[Finding]]:
    """Redline both years' disclosures, rendered from the figures already checked (even with data errors: this
    is for reading, as `generate --force` would; api.render_checked); a year that could not be rendered says why."""
    for data, findings in documents:
        if data is None:
            return None, [f for f in findings if f.severity.value == "error"]
    assert comparison.new.figures is not None and documents[0][0] is not None and documents[1][0] is not None
    when = datetime(comparison.new.figures.year, 12, 31, tzinfo=UTC)
    return redline_documents(documents[0][0], documents[1][0], when)


def _stem(comparison: Comparison) -> str:
    assert comparison.old.figures is not None and comparison.new.figures is not None
    unit = comparison.new.folder.resolve().parent.name or comparison.new.figures.unit_name
    return f"{unit}-{comparison.old.figures.year}-{comparison.new.figures.year}"
