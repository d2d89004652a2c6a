"""The 宁夏 reference table (../shared/reference/yanchi-2024-project-self-evaluation.txt) as an input
fixture: it loads as printed, scores to its printed figures under classic-ratio, and each
difference is a named finding:

- 全年异地核查成本 prints 1.42 where the rule gives 1.43 (0.6万元/次 against 0.6万元/次 is met:
  full 分值 1.43); the printed 总分 99.8 is the sum of the printed parts with that 1.42, ours 99.81.
- The 分值 add to 89.81, not 90 (3 × 3.3 and 7 × 1.43): weight-total-mismatch.
- The weights stated in the group names disagree with their rows: 产出指标（40分） holds 39.81,
  质量指标（10分） and 时效指标（10分） 9.9 each, 成本指标（10分） 10.01, 社会效益指标（10分） 20,
  可持续影响指标（10分） 20.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.display import round_half_up
from generator.self_evaluation.check import check_self_evaluation
from generator.self_evaluation.load import load_self_evaluation
from generator.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation

from .builders import profile, where, write_book

FIXTURE = Path(__file__).parent / "data" / "yanchi-2024.yaml"


def write_yanchi(folder: Path) -> Path:
    sheets = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    write_book(folder, projects=sheets["项目概况"], funds=sheets["项目资金"], indicators=sheets["项目绩效指标"])
    return folder


@pytest.fixture(scope="module")
def yanchi(tmp_path_factory: pytest.TempPathFactory) -> tuple[ScoredSelfEvaluation, set[tuple[str, str | None, str | None]]]:
    folder = write_yanchi(tmp_path_factory.mktemp("yanchi") / "2024")
    evaluation, findings = load_self_evaluation(folder)
    assert findings == [] and evaluation is not None
    scored = score_self_evaluation(evaluation, profile("classic-ratio"))
    return scored, where(check_self_evaluation(scored))


def test_it_loads_as_printed(yanchi: tuple[ScoredSelfEvaluation, set[tuple[str, str | None, str | None]]]) -> None:
    scored, _ = yanchi
    (project,) = scored.projects
    assert len(project.indicators) == 22  # the placeholder rows (指标1：/指标2： with nothing else) are not indicators
    funds = project.table.funds
    assert funds.total is not None and [line.source for line in funds.sources] == ["当年财政拨款", "上年结转资金", "其他资金"]
    assert project.indicators[0].indicator.level1_weight == 40 and project.indicators[0].indicator.level2_weight == 10


def test_it_scores_to_the_printed_figures(yanchi: tuple[ScoredSelfEvaluation, set[tuple[str, str | None, str | None]]]) -> None:
    scored, _ = yanchi
    (project,) = scored.projects
    assert project.execution_rate == 1 and project.execution_score == 10
    differing = [
        (s.indicator.level3, s.indicator.printed_score, round_half_up(s.score))
        for s in project.indicators
        if round_half_up(s.score) != s.indicator.printed_score
    ]
    assert differing == [("全年异地核查成本", Decimal("1.42"), Decimal("1.43"))]
    assert round_half_up(project.total) == Decimal("99.81")  # printed 99.8: the 1.42 above


def test_each_difference_is_a_named_finding(yanchi: tuple[ScoredSelfEvaluation, set[tuple[str, str | None, str | None]]]) -> None:
    _, found = yanchi
    assert found == {
        ("printed-score-differs", "项目绩效指标", "N17"),  # 1.42 vs 1.43
        ("printed-total-differs", "项目概况", "I4"),  # 99.8 vs 99.81
        ("weight-total-mismatch", "项目绩效指标", "E4"),  # Σ 分值 89.81
        ("stated-weight-mismatch", "项目绩效指标", "B4"),  # 产出指标（40分）: 39.81
        ("stated-weight-mismatch", "项目绩效指标", "C9"),  # 质量指标（10分）: 9.9
        ("stated-weight-mismatch", "项目绩效指标", "C12"),  # 时效指标（10分）: 9.9
        ("stated-weight-mismatch", "项目绩效指标", "C15"),  # 成本指标（10分）: 10.01
        ("stated-weight-mismatch", "项目绩效指标", "C24"),  # 社会效益指标（10分）: 20
        ("stated-weight-mismatch", "项目绩效指标", "C28"),  # 可持续影响指标（10分）: 20
    }
