"""How many printed self-evaluation figures juesuan reproduces, and why the others are flagged.

    .venv/bin/python -m benchmarks.self_evaluation_reproduction

For the sample (inputs/changji-ybj/2024, profile xinjiang-2024) and the 宁夏 reference
(tests/self_evaluation/data/yanchi-2024.yaml as printed in ../shared/reference/yanchi-2024-project-self-evaluation.txt,
profile classic-ratio): each printed 总分, 执行率得分 and 指标得分 against ours, within 0.1, and for every one that
is not, the findings `check` gives on its row (or on its table) with their codes. Nothing here is tuned: the
profiles are the shipped ones.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from generator.check.self_evaluation import check_self_evaluation
from generator.compute.self_evaluation.score import ScoredTable, score_self_evaluation
from generator.display import format_plain, round_half_up
from generator.findings import Finding, Location
from generator.load.self_evaluation.blank_workbook import new_workbook, write_rows
from generator.load.self_evaluation.profiles import load_profile
from generator.load.self_evaluation.reader import load_self_evaluation
from generator.self_evaluation.layout import PROJECT_FUNDS, PROJECT_INDICATORS, PROJECTS, WORKBOOK_NAME

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"
YANCHI = ROOT / "tests" / "self_evaluation" / "data" / "yanchi-2024.yaml"
TOLERANCE = Decimal("0.1")
# Findings that say why a printed figure differs from ours; the rest (a blank 偏差原因, a reading of an operator-less
# target…) are listed per table but do not count as the reason for a difference.
_INFO = {"target-operator-read", "execution-full-marks"}


@dataclass
class Figure:
    kind: str  # 总分, 执行率得分, 指标得分
    where: str  # the table, and the indicator for a 指标得分
    printed: Decimal
    ours: Decimal
    row: Location
    reasons: list[Finding] = field(default_factory=list)

    @property
    def within(self) -> bool:
        return abs(self.printed - self.ours) <= TOLERANCE

    @property
    def equal(self) -> bool:
        """Equal at the printed precision (99.8 printed is 99.80: our 99.81 is not equal)."""
        return round_half_up(self.printed) == round_half_up(self.ours)


def _write_yanchi(folder: Path) -> Path:
    sheets = yaml.safe_load(YANCHI.read_text(encoding="utf-8"))
    book = new_workbook()
    for layout in (PROJECTS, PROJECT_FUNDS, PROJECT_INDICATORS):
        write_rows(book[layout.name], layout, sheets[layout.name])
    folder.mkdir(parents=True, exist_ok=True)
    book.save(folder / WORKBOOK_NAME)
    return folder


def _row_of(location: Location) -> tuple[str | None, str]:
    """(sheet, row number) of a cell or row location."""
    match = re.search(r"\d+$", location.cell or "")
    return location.sheet, match.group(0) if match else ""


def _figures(table: ScoredTable, findings: list[Finding]) -> list[Figure]:
    printed = table.table.printed
    figures = []
    if printed.total is not None:
        figures.append(Figure("总分", table.name, printed.total, table.total, table.table.row))
    if printed.execution_score is not None:
        figures.append(Figure("执行率得分", table.name, printed.execution_score, table.execution_score, table.table.row))
    for scored in table.indicators:
        if scored.indicator.printed_score is not None:
            name = f"{table.name} / {scored.indicator.level3}"
            figures.append(Figure("指标得分", name, scored.indicator.printed_score, scored.score, scored.indicator.row))
    for figure in figures:
        if figure.equal:
            continue
        on_row = [f for f in findings if f.code not in _INFO and _row_of(f.location) == _row_of(figure.row)]
        figure.reasons = on_row or [f for f in findings if f.code not in _INFO and f.code.startswith(("printed-", "total-", "weight"))]
    return figures


def measure(folder: Path, profile_name: str) -> tuple[list[Figure], dict[str, list[str]]]:
    evaluation, load_findings = load_self_evaluation(folder)
    profile, profile_findings = load_profile(profile_name)
    if evaluation is None or profile is None:
        raise SystemExit(f"{folder}: {[f.message for f in load_findings + profile_findings]}")
    scored = score_self_evaluation(evaluation, profile)
    figures: list[Figure] = []
    codes: dict[str, list[str]] = {}
    for table in ([scored.unit] if scored.unit is not None else []) + list(scored.projects):
        alone = scored.model_copy(update={"unit": table if table.kind == "unit" else None, "projects": (table,) if table.kind == "project" else ()})
        findings = [f for f in check_self_evaluation(alone) if f.code != "execution-full-marks"]  # the rules, on this table alone
        codes[table.name] = sorted({f.code for f in findings})
        figures += _figures(table, findings)
    return figures, codes


def report(title: str, figures: list[Figure], codes: dict[str, list[str]]) -> int:
    """Print the counts and the differing figures; returns how many differ by more than 0.1 and are not flagged."""
    print(f"== {title}")
    for kind in ("总分", "执行率得分", "指标得分"):
        of_kind = [f for f in figures if f.kind == kind]
        if of_kind:
            equal, within = sum(f.equal for f in of_kind), sum(f.within for f in of_kind)
            print(f"{kind}: {len(of_kind)} printed, {equal} equal to ours, {within} within {TOLERANCE}")
    for figure in (f for f in figures if not f.equal):
        why = "; ".join(f"{f.code}: {f.message[:90]}" for f in figure.reasons) or "NOT FLAGGED"
        print(f"  {figure.kind} {figure.where}: printed {format_plain(figure.printed)}, ours {format_plain(figure.ours)} -> {why}")
    flagged = {name: found for name, found in codes.items() if found}
    print("findings per table:", *(f"\n  {name}: {', '.join(found)}" for name, found in flagged.items()))
    return sum(1 for f in figures if not f.within and not f.reasons)


def main() -> int:
    """Exit 1 when a printed figure is off by more than 0.1 and no finding says why."""
    unexplained = report("inputs/changji-ybj/2024 (xinjiang-2024)", *measure(SAMPLE, "xinjiang-2024"))
    with tempfile.TemporaryDirectory() as scratch:
        unexplained += report("yanchi 2024 (classic-ratio)", *measure(_write_yanchi(Path(scratch) / "2024"), "classic-ratio"))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
