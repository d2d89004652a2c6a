"""The unit page's findings as people work through them: filtered, grouped by the row they concern, explained.

Findings on one row of one sheet usually have one root cause (a 合计 row's 尾差 shows in every
column and again against last year; a printed rate and the score computed from it), so they are
shown as one group: the first finding and its consequences. Each code carries its declared
Chinese title and help (generator/finding_codes.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.acknowledged import Acknowledged, can_acknowledge, relative_location
from generator.finding_codes import CODES
from generator.findings import Finding, Severity

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_ROW = re.compile(r"^[A-Z]*(\d+)$")


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    help: str


@dataclass
class Item:
    finding: Finding
    where: str  # the location relative to the unit folder: what an acknowledgement names
    can_acknowledge: bool


@dataclass
class Group:
    items: list[Item] = field(default_factory=list)

    @property
    def lead(self) -> Item:
        return self.items[0]


@dataclass(frozen=True)
class Filters:
    severity: str = ""
    code: str = ""
    sheet: str = ""
    text: str = ""

    @classmethod
    def of(cls, args: Mapping[str, str]) -> Filters:
        return cls(args.get("sev", ""), args.get("code", ""), args.get("sheet", ""), args.get("q", "").strip())

    @property
    def active(self) -> bool:
        return bool(self.severity or self.code or self.sheet or self.text)

    def keeps(self, finding: Finding, where: str) -> bool:
        if self.severity and finding.severity.value != self.severity:
            return False
        if self.code and finding.code != self.code:
            return False
        if self.sheet and (finding.location.sheet or "") != self.sheet:
            return False
        words = self.text.lower().split()
        haystack = f"{finding.message} {where} {finding.code} {rule_of(finding.code).title}".lower()
        return all(w in haystack for w in words)


@dataclass
class View:
    groups: list[Group]
    shown: int
    total: int
    codes: list[tuple[Rule, int]]  # every code present, with its count
    sheets: list[str]
    acknowledged: list[tuple[Acknowledged, str]]  # and its location relative to the folder


def rule_of(code: str) -> Rule:
    declared = CODES.get(code)
    if declared is None:
        return Rule(code, code, "")
    return Rule(code, declared.title, declared.help)


def _row_key(finding: Finding) -> tuple[str, str, str] | None:
    where = finding.location
    if where.sheet is None or where.cell is None:
        return None
    match = _ROW.match(where.cell)
    return (where.file, where.sheet, match.group(1)) if match else None


def build(findings: tuple[Finding, ...], acknowledged: tuple[Acknowledged, ...], folder: Path, filters: Filters) -> View:
    ordered = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
    groups: list[Group] = []
    by_row: dict[tuple[str, str, str], Group] = {}
    shown = 0
    for finding in ordered:
        where = relative_location(finding.location, folder)
        if not filters.keeps(finding, where):
            continue
        shown += 1
        item = Item(finding, where, can_acknowledge(finding))
        key = _row_key(finding)
        if key is not None and key in by_row:
            by_row[key].items.append(item)
            continue
        group = Group([item])
        groups.append(group)
        if key is not None:
            by_row[key] = group
    counts: dict[str, int] = {}
    for finding in ordered:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    sheets = sorted({f.location.sheet for f in findings if f.location.sheet})
    return View(
        groups=groups,
        shown=shown,
        total=len(findings),
        codes=[(rule_of(code), n) for code, n in counts.items()],
        sheets=sheets,
        acknowledged=[(a, relative_location(a.finding.location, folder)) for a in acknowledged],
    )
