"""The state of one verify run: its findings and its coverage (every obligation with what became of it).

A rule records each obligation it was given: passed, failed, not applicable, or could not be read.
A check that could not run is never counted as passed: the report lists it as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from generator.findings import Finding, Location, Severity, emit
from generator.verify.document import Document, Paragraph, Table

TAIL_PER_PART = Decimal("0.01")  # 尾差: at most 0.01 per part summed is rounding, beyond it an error


class State(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not-applicable"
    UNREADABLE = "unreadable"

    @property
    def label(self) -> str:
        return {"passed": "通过", "failed": "发现问题", "not-applicable": "不适用", "unreadable": "未能运行"}[self.value]


@dataclass
class Obligation:
    rule: str  # the rule's name, e.g. "table-adds"
    title: str  # Chinese: what is checked
    target: str  # what it was checked on: a table, a section
    state: State
    checks: int = 0  # how many figures or sentences were checked
    found: int = 0  # findings it gave


@dataclass
class Audit:
    document: Document
    findings: list[Finding] = field(default_factory=list)
    coverage: list[Obligation] = field(default_factory=list)

    def record(self, rule: str, title: str, target: str, state: State, checks: int = 0, found: int = 0) -> None:
        self.coverage.append(Obligation(rule, title, target, state, checks, found))

    def outcome(self, rule: str, title: str, target: str, found: list[Finding], checks: int) -> None:
        """Add FOUND and record the obligation: failed when FOUND has anything, passed when CHECKS ran, else not applicable."""
        self.findings.extend(found)
        failed = any(f.severity.value != "info" for f in found)  # a note (提示) does not fail the obligation
        state = State.FAILED if failed else State.PASSED if checks else State.NOT_APPLICABLE
        self.record(rule, title, target, state, checks, len(found))

    # --- locations ---------------------------------------------------------------------------
    def at_paragraph(self, paragraph: Paragraph) -> Location:
        page = paragraph.place.page
        return Location(file=self.document.path, sheet=paragraph.place.path or None, cell=f"第{paragraph.index}段",
                        field=f"第{page}页" if page else None)

    def at_cell(self, table: Table, row: int | None = None, column: str | None = None) -> Location:
        where = f"第{row + 1}行" if row is not None else ""
        if column:
            where += f"「{column}」"
        page = table.place.page
        return Location(file=self.document.path, sheet=table_name(table), cell=where or None, field=f"第{page}页" if page else None)


def table_name(table: Table) -> str:
    name = table.title or f"第{table.index}张表"
    return f"{table.code} {name}" if table.code else name


def compared(code: str, location: Location, stated: Decimal, computed: Decimal, parts: int, **fields: Any) -> Finding:
    """A sum that does not add: a warning within the 尾差 tolerance (0.01 per part), an error beyond it.

    FIELDS: the code's other values and the words of its message (subject, against: what was summed)."""
    difference = stated - computed
    residue = abs(difference) <= TAIL_PER_PART * max(parts, 1)
    tail = f"（尾差 {difference:+}，在 {parts} 个组成部分的尾差范围内）" if residue else f"（相差 {difference:+}）"
    return emit(code, location, severity=Severity.WARNING if residue else Severity.ERROR,
                stated=stated, expected=computed, difference=difference, tail=tail, **fields)


__all__ = ["Audit", "Obligation", "State", "compared", "emit", "table_name"]
