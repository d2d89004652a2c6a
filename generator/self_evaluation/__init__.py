"""Performance self-evaluation (绩效自评): load the workbook, score it under a named profile,
check it, and render its tables.

    evaluation, findings = load_self_evaluation(Path("inputs/changji-ybj/2024"))
    profile, problems = load_profile("xinjiang-2024")
    scored = score_self_evaluation(evaluation, profile)
    findings += check_self_evaluation(scored)

The tables are rendered from templates/ by generator.render.self_evaluation.
"""

from typing import TYPE_CHECKING

from generator.lazy import lazy_exports

if TYPE_CHECKING:
    from generator.self_evaluation.blank_workbook import write_empty_workbook
    from generator.self_evaluation.check import check_self_evaluation
    from generator.self_evaluation.load import load_self_evaluation
    from generator.self_evaluation.model import SelfEvaluation
    from generator.self_evaluation.profile import Profile
    from generator.self_evaluation.profiles import available_profiles, load_profile
    from generator.self_evaluation.score import ScoredSelfEvaluation, Summary, score_self_evaluation
    from generator.self_evaluation.targets import Measure, Operator, parse_measure

# Imported on first use: `juesuan check` needs the loader and the checks, not openpyxl for the blank workbook.
_EXPORTS = {
    "write_empty_workbook": "generator.self_evaluation.blank_workbook",
    "check_self_evaluation": "generator.self_evaluation.check",
    "load_self_evaluation": "generator.self_evaluation.load",
    "SelfEvaluation": "generator.self_evaluation.model",
    "Profile": "generator.self_evaluation.profile",
    "available_profiles": "generator.self_evaluation.profiles",
    "load_profile": "generator.self_evaluation.profiles",
    "ScoredSelfEvaluation": "generator.self_evaluation.score",
    "Summary": "generator.self_evaluation.score",
    "score_self_evaluation": "generator.self_evaluation.score",
    "Measure": "generator.self_evaluation.targets",
    "Operator": "generator.self_evaluation.targets",
    "parse_measure": "generator.self_evaluation.targets",
}

__all__ = [
    "Measure",
    "Operator",
    "Profile",
    "ScoredSelfEvaluation",
    "SelfEvaluation",
    "Summary",
    "available_profiles",
    "check_self_evaluation",
    "load_profile",
    "load_self_evaluation",
    "parse_measure",
    "score_self_evaluation",
    "write_empty_workbook",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
