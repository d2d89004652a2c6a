"""Findings: every problem juesuan reports, as a value with a location.

A finding is never raised. Loaders, computations and checks return findings
alongside their results; only the CLI prints them. The `code` is stable
(kebab-case, never renamed): tests and `--format json` rely on it. The Chinese
`message` is for people and is built from the structured fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from generator.finding_codes import FindingDeclarationError, declaration, declared


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@lru_cache(maxsize=256)  # a workbook has few columns; this is called for every cell named
def column_letter(index: int) -> str:
    """0-based column index to Excel letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """0-based row/column to an Excel reference such as D14."""
    return f"{column_letter(col)}{row + 1}"


class Location(BaseModel):
    """Where a person can find the thing: file, then sheet and cell, or a field path."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str = ""
    sheet: str | None = None
    cell: str | None = None  # "D14", or a row "14" when a whole row is meant
    field: str | None = None  # YAML path or a named figure, e.g. "主要职能[2]"

    def __str__(self) -> str:
        text = self.file
        if self.sheet is not None:
            text += f"[{self.sheet}]"
        if self.cell is not None:
            text += f"!{self.cell}"
        if self.field is not None:
            text += f"#{self.field}" if text else self.field
        return text or "（未指明位置）"


class Finding(BaseModel):
    """One problem found in the data, with its stable code and location."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    location: Location
    message: str
    values: Mapping[str, Any] = {}

    def __str__(self) -> str:
        return f"{self.location} {self.severity.label}[{self.code}] {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location.model_dump(exclude_none=True),
            "message": self.message,
            "values": {k: _jsonable(v) for k, v in self.values.items()},
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def emit(code: str, location: Location, /, *, severity: Severity | None = None, **fields: Any) -> Finding:
    """The finding CODE at LOCATION, its message built from its declaration (generator/finding_codes.py).

    FIELDS are the code's declared `values` (kept in the finding) and `words` (display-only, such as an
    amount worded in the workbook's unit). SEVERITY only for the codes declared with two (尾差 or not).
    Anything else — an undeclared or retired code, a field it does not declare, a field its message
    names left out, a written `message` — raises FindingDeclarationError, in every run. There is no other
    way to make a finding's message: it is the declaration's template, never written at the emit site.
    """
    if "message" in fields:
        raise FindingDeclarationError(f"finding code {code!r} emitted with a written message: its message is built from its declaration")
    entry = declaration(code)
    chosen = severity or Severity(entry.severity)
    unknown = set(fields) - set(entry.values) - set(entry.words)
    if unknown:
        raise FindingDeclarationError(f"finding code {code!r} emitted with undeclared fields {sorted(unknown)}: declare them in its Code")
    declared(code, chosen.value, ())
    message = entry.render(fields)
    values = {k: v for k, v in fields.items() if k in entry.values}
    return Finding(code=code, severity=chosen, location=location, message=message, values=values)


def count(findings: Iterable[Finding]) -> dict[Severity, int]:
    totals = {s: 0 for s in Severity}
    for f in findings:
        totals[f.severity] += 1
    return totals


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
