"""What checking and generating one unit-year folder give: values the library returns and the jobs above it read.

generator/api.py makes them (check_folder, generate); diff compares two Checked, batch keeps each Generated's report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.acknowledged import Acknowledged
from generator.findings import Finding, has_errors
from generator.report import Report

if TYPE_CHECKING:
    from generator.compute.figures import Figures
    from generator.compute.self_evaluation.score import ScoredSelfEvaluation


@dataclass(frozen=True)
class Checked:
    """The result of checking one unit-year folder."""

    folder: Path
    figures: Figures | None  # None when reading failed: then findings say why
    findings: tuple[Finding, ...]
    performance: ScoredSelfEvaluation | None = None  # the scored self-evaluation, when the folder has one
    readable: bool = True  # False when the folder, workbook or 封面 cannot be read at all
    report: Report | None = None  # set by check_folder: the findings with what was read and checked
    complete: bool = True  # False when figures were computed although some cells (partial=True) or 文字说明.yaml could not be read
    acknowledged: tuple[Acknowledged, ...] = ()  # warnings 核对记录.yaml explains: not in FINDINGS, not counted

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


@dataclass(frozen=True)
class Generated:
    checked: Checked
    outputs: tuple[Path, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)  # the check's and the rendering's

    @property
    def ok(self) -> bool:
        return bool(self.outputs)

    @property
    def report(self) -> Report:
        """The check's report, with the findings of the rendering and the files written."""
        assert self.checked.report is not None
        return replace(self.checked.report, command="generate", findings=self.findings, outputs=tuple(str(p) for p in self.outputs))
