"""The Report value and its JSON form (schema `juesuan-report/1`, docs/report-schema.json)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator.acknowledged import Acknowledged, Acknowledgement
from generator.findings import Finding, Location, Severity, count

SCHEMA = "juesuan-report/1"


class Status(StrEnum):
    """What became of one check rule in a run. Only PASSED says the data was checked and found consistent."""

    PASSED = "passed"  # ran, found nothing
    FAILED = "failed"  # ran, found something (an error, a warning or a note)
    NOT_APPLICABLE = "not-applicable"  # nothing to check: the template does not use it, or the data has no such part
    NOT_RUN = "not-run"  # could not run (its input unreadable, or the rule crashed): never counted as passed

    @property
    def label(self) -> str:
        return {"passed": "通过", "failed": "发现问题", "not-applicable": "不适用", "not-run": "未能运行"}[self.value]


@dataclass(frozen=True)
class RuleOutcome:
    """One check rule's line in the coverage ledger."""

    rule: str  # the rule's name, e.g. "check_declared_totals"
    status: Status
    codes: tuple[str, ...]  # the finding codes the rule can emit
    found: int = 0  # findings it emitted in this run
    reason: str = ""  # Chinese: why not applicable or not run
    needs: tuple[str, ...] = ()  # the sheets (or other inputs) it reads

    def as_json(self) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "rule": self.rule,
            "status": self.status.value,
            "codes": list(self.codes),
            "needs": list(self.needs),
            "found": self.found,
        }
        if self.reason:
            entry["reason"] = self.reason
        return entry

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RuleOutcome:
        return cls(
            data["rule"], Status(data["status"]), tuple(data["codes"]), data.get("found", 0), data.get("reason", ""), tuple(data.get("needs", ()))
        )


@dataclass(frozen=True)
class InputFile:
    """A file the run read, with its SHA-256: which version of the data the findings are about."""

    path: str
    sha256: str
    size: int

    def as_json(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "size": self.size}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> InputFile:
        return cls(data["path"], data["sha256"], data["size"])


@dataclass(frozen=True)
class Report:
    """Everything one run of `check` or `generate` says about one unit-year folder.

    No timestamps: the same inputs give the same report, byte for byte, in every form.
    """

    command: str  # "check" or "generate"
    folder: str
    readable: bool  # False when the folder, workbook or 封面 cannot be read at all
    findings: tuple[Finding, ...]
    coverage: tuple[RuleOutcome, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    template: str | None = None  # the disclosure template judged against: a shipped name or a path
    profile: str | None = None  # the self-evaluation scoring profile
    outputs: tuple[str, ...] = ()
    version: str = ""  # juesuan's version
    internal_error: bool = False
    acknowledged: tuple[Acknowledged, ...] = ()  # warnings the folder's 核对记录.yaml explains: listed apart, not counted

    @property
    def counts(self) -> dict[Severity, int]:
        return count(self.findings)

    @property
    def has_errors(self) -> bool:
        return self.counts[Severity.ERROR] > 0

    def coverage_counts(self) -> dict[Status, int]:
        totals = {s: 0 for s in Status}
        for outcome in self.coverage:
            totals[outcome.status] += 1
        return totals

    def as_json(self) -> dict[str, Any]:
        totals = self.counts
        return {
            "schema": SCHEMA,
            "juesuan": self.version,
            "command": self.command,
            "folder": self.folder,
            "readable": self.readable,
            "internal_error": self.internal_error,
            "template": self.template,
            "profile": self.profile,
            "errors": totals[Severity.ERROR],
            "warnings": totals[Severity.WARNING],
            "infos": totals[Severity.INFO],
            "inputs": [i.as_json() for i in self.inputs],
            "coverage": [c.as_json() for c in self.coverage],
            "findings": [f.as_json() for f in self.findings],
            "acknowledged": [a.as_json() for a in self.acknowledged],
            "outputs": list(self.outputs),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Report:
        """The report a JSON document describes (values come back as JSON gives them: amounts as strings)."""
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document: schema {data.get('schema')!r}")
        return cls(
            command=data["command"],
            folder=data["folder"],
            readable=data["readable"],
            findings=tuple(finding_from_json(f) for f in data["findings"]),
            coverage=tuple(RuleOutcome.from_json(c) for c in data.get("coverage", ())),
            inputs=tuple(InputFile.from_json(i) for i in data.get("inputs", ())),
            template=data.get("template"),
            profile=data.get("profile"),
            outputs=tuple(data.get("outputs", ())),
            version=data.get("juesuan", ""),
            internal_error=data.get("internal_error", False),
            acknowledged=tuple(_acknowledged_from_json(a) for a in data.get("acknowledged", ())),
        )


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    """A finding from its `as_json` form, as recorded (not re-validated: a recorded report may predate a declaration)."""
    return Finding(
        code=data["code"],
        severity=Severity(data["severity"]),
        location=Location(**data.get("location", {})),
        message=data["message"],
        values=dict(data.get("values", {})),
    )


def _acknowledged_from_json(data: Mapping[str, Any]) -> Acknowledged:
    finding = finding_from_json(data)
    said = data.get("acknowledgement", {})
    location = Location(**data.get("location", {}))
    record = Acknowledgement(finding.code, str(location), (), said.get("reason", ""), said.get("who", ""), said.get("when", ""))
    return Acknowledged(finding, record)


__all__ = ["SCHEMA", "InputFile", "Report", "RuleOutcome", "Status", "finding_from_json"]
