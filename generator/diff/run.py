"""`juesuan diff` as one library call: compare, then write the .xlsx and the redline .docx."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from generator import api
from generator.diff.compare import DEFAULT_THRESHOLD, Comparison, compare_folders
from generator.diff.redline import redline_documents
from generator.diff.workbook import comparison_workbook
from generator.files import write_atomically, write_problem
from generator.findings import Finding, Location, error

DEFAULT_OUTPUT = Path("outputs") / "diff"


@dataclass(frozen=True)
class DiffResult:
    comparison: Comparison
    outputs: tuple[Path, ...] = ()
    findings: tuple[Finding, ...] = ()  # unreadable folders, and why a redline could not be made


def diff_folders(
    old: Path,
    new: Path,
    output_dir: Path = DEFAULT_OUTPUT,
    threshold: Decimal = DEFAULT_THRESHOLD,
    profile: str | None = None,
    redline: bool = True,
) -> DiffResult:
    """Compare OLD with NEW; write <unit>-<old>-<new>-对比.xlsx and -修订对比.docx into OUTPUT_DIR."""
    comparison = compare_folders(old, new, threshold, profile)
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
    if redline:
        data, redline_findings = redline_folders(comparison)
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
        return error("output-not-writable", Location(file=str(path)), write_problem(path, exc), reason=exc.strerror or str(exc))
    return None


def redline_folders(comparison: Comparison) -> tuple[bytes | None, list[Finding]]:
    """Render both years' disclosures from the figures already checked (even with data errors: this
    is for reading, as `generate --force` would) and redline them."""
    documents = []
    for checked in (comparison.old, comparison.new):
        assert checked.figures is not None
        data, findings = api.render_checked(checked)
        if data is None:
            return None, [f for f in findings if f.severity.value == "error"]
        documents.append(data)
    assert comparison.new.figures is not None
    when = datetime(comparison.new.figures.year, 12, 31, tzinfo=UTC)
    return redline_documents(documents[0], documents[1], when)


def _stem(comparison: Comparison) -> str:
    assert comparison.old.figures is not None and comparison.new.figures is not None
    unit = comparison.new.folder.resolve().parent.name or comparison.new.figures.unit_name
    return f"{unit}-{comparison.old.figures.year}-{comparison.new.figures.year}"
