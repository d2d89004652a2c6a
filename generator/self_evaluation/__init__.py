"""Performance self-evaluation (绩效自评): load the workbook, score it under a named profile,
check it, and render its tables.

    evaluation, findings = load_self_evaluation(Path("inputs/changji-ybj/2024"))
    profile, problems = load_profile("xinjiang-2024")
    scored = score_self_evaluation(evaluation, profile)
    findings += check_self_evaluation(scored)

The tables are rendered from templates/ by generator.render.self_evaluation.
"""

from generator.self_evaluation.blank_workbook import write_empty_workbook
from generator.self_evaluation.check import check_self_evaluation
from generator.self_evaluation.load import load_self_evaluation
from generator.self_evaluation.model import SelfEvaluation
from generator.self_evaluation.profile import Profile
from generator.self_evaluation.profiles import available_profiles, load_profile
from generator.self_evaluation.score import ScoredSelfEvaluation, Summary, score_self_evaluation
from generator.self_evaluation.targets import Measure, Operator, parse_measure

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
