"""The self-evaluation stage of compute: the 绩效自评表 scored under its profile, its figures settled with the disclosure's.

Pure: load has read the workbook and the profile (SelfEvaluationInput); the checks (generator/check/self_evaluation.py)
read what is here, and say why they could not run or do not apply.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.compute.figures import Figures, PerformanceFacts
from generator.compute.performance import performance_facts
from generator.compute.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation
from generator.self_evaluation.model import SelfEvaluationInput


@dataclass(frozen=True)
class SelfEvaluationFigures:
    """The scored 绩效自评表 (None when there is nothing to score), and what 其他重要事项 typed of it."""

    scored: ScoredSelfEvaluation | None
    absent: bool = False  # no 绩效自评表.xlsx: its checks do not apply
    unreadable: str = ""  # why it could not be scored though it is there: its checks could not run
    typed: PerformanceFacts | None = None  # the 自评 figures as 其他重要事项 typed them, before settling


def scored_stage(read: SelfEvaluationInput | None) -> SelfEvaluationFigures:
    """READ scored under its profile; None (not read) is as good as absent."""
    if read is None or read.absent:
        return SelfEvaluationFigures(None, absent=True)
    if read.evaluation is None or read.profile is None:
        return SelfEvaluationFigures(None, unreadable=read.unreadable)
    return SelfEvaluationFigures(score_self_evaluation(read.evaluation, read.profile))


def settle_self_evaluation(figures: Figures, read: SelfEvaluationInput | None) -> tuple[Figures, SelfEvaluationFigures]:
    """FIGURES with the 自评 figures taken from the scored project tables (the document prints the tables' figure:
    the tables are printed beside it, and a typed total is never trusted over what it sums), and the stage
    (which keeps the typed figures, for the check that compares them)."""
    stage = replace(scored_stage(read), typed=figures.performance)
    settled = performance_facts(figures.performance, stage.scored)
    if settled is figures.performance:
        return figures, stage
    return replace(figures, performance=settled), stage
