"""Performance self-evaluation (绩效自评): load the workbook, score it under a named profile,
check it, and render its tables.

    evaluation, findings = load_self_evaluation(Path("inputs/changji-ybj/2024"))
    profile, problems = load_profile("xinjiang-2024")
    scored = score_self_evaluation(evaluation, profile)
    findings += check_self_evaluation(scored)

The tables are rendered from templates/ by generator.render.self_evaluation.
"""

from generator.performance.blank_workbook import write_empty_workbook
from generator.performance.check import check_self_evaluation
from generator.performance.load import load_self_evaluation
from generator.performance.model import SelfEvaluation
from generator.performance.profile import Profile
from generator.performance.profiles import available_profiles, load_profile
from generator.performance.score import ScoredSelfEvaluation, Summary, score_self_evaluation
from generator.performance.targets import Measure, Operator, parse_measure

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
