"""The verify run as the one Report value every command returns (generator/report): text, JSON and .xlsx come from it.

Each obligation of the coverage is a RuleOutcome: its rule and target, passed, failed, not applicable, or
not run (a table or a base that could not be read: never counted as passed).
"""

from __future__ import annotations

from pathlib import Path

from generator.file_hashes import hashed_files
from generator.findings import Finding
from generator.report import InputFile, Report, RuleOutcome, Status
from generator.verify.audit import Obligation, State

_STATUS = {State.PASSED: Status.PASSED, State.FAILED: Status.FAILED, State.NOT_APPLICABLE: Status.NOT_APPLICABLE, State.UNREADABLE: Status.NOT_RUN}
# The codes each rule can give (the report's "可能发出的代码").
CODES = {
    "read": ("doc-unreadable",),
    "placeholder": ("doc-placeholder",),
    "dangling": ("doc-dangling-clause",),
    "repeated": ("doc-repeated",),
    "units": ("doc-unit-missing",),
    "years": ("doc-year-mismatch",),
    "unit-wording": ("doc-unit-wording",),
    "sums": ("doc-sum-mismatch",),
    "shares": ("doc-share-mismatch",),
    "rates": ("doc-rate-mismatch", "doc-direction-mismatch", "doc-zero-base-growth"),
    "budgets": ("doc-completion-mismatch", "doc-direction-mismatch"),
    "item-totals": ("doc-sum-mismatch",),
    "table-adds": ("doc-table-mismatch", "doc-table-unreadable"),
    "tables-present": ("doc-table-missing",),
    "sections": ("doc-section-missing",),
    "three-public": ("doc-three-public-missing",),
    "text-vs-tables": ("doc-figure-mismatch", "doc-scale-mismatch"),
    "tables-agree": ("doc-figure-mismatch", "doc-scale-mismatch"),
    "text-vs-summaries": ("doc-figure-mismatch", "doc-scale-mismatch"),
    "performance": ("doc-figure-mismatch",),
    "data-figures": ("doc-data-mismatch",),
    "data-texts": ("doc-text-differs",),
    "data-tables": ("doc-data-mismatch",),
}


def outcome(o: Obligation) -> RuleOutcome:
    reason = f"{o.title}（{o.target}）" + (f"：核对 {o.checks} 处" if o.checks else "")
    return RuleOutcome(f"{o.rule}:{o.target}", _STATUS[o.state], CODES.get(o.rule, ()), o.found, reason)


def verify_report(path: Path, findings: list[Finding], coverage: list[Obligation], data: Path | None = None) -> Report:
    read = [path] + ([p for p in sorted(data.glob("*")) if p.is_file()] if data is not None and data.is_dir() else [])
    return Report(
        command="verify",
        folder=str(path),
        readable=not any(f.code == "doc-unreadable" and f.location.file == str(path) for f in findings),
        findings=tuple(findings),
        coverage=tuple(outcome(o) for o in coverage),
        inputs=tuple(InputFile(*hashed) for hashed in hashed_files(p for p in read if p.is_file())),
        template=None,
        version=_version(),
    )


def _version() -> str:
    """As api.version() says it, without importing the pipeline that api brings (a verify of a PDF needs none of it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("juesuan")
    except PackageNotFoundError:
        return "?"
