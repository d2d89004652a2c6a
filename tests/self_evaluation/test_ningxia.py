"""The 宁夏 reference table (../shared/reference/yanchi-2024-project-self-evaluation.txt) as an input
fixture: it loads as printed, scores to its printed figures under classic-ratio, and each
difference is a named finding:

- 全年异地核查成本 prints 1.42 where the rule gives 1.43 (0.6万元/次 against 0.6万元/次 is met:
  full 分值 1.43; no rule of 注1–5 takes 0.01 off a met target). Why the print has it: its seven
  成本指标 rows of 1.43 add to 10.01, over the stated 成本指标（10分）; 1.42 on one row brings the group's
  得分 back to 10.00, a hand adjustment. The printed 总分 99.8 is the sum of the printed parts with that
  1.42 (10 + 10 + 19.8 + 10.00 + 20 + 20 + 10); ours is 99.81.
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

from generator.check.self_evaluation import check_self_evaluation
from generator.compute.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation
from generator.display import round_half_up
from generator.load.self_evaluation.reader import load_self_evaluation

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
    return scored, where(f for f in check_self_evaluation(scored) if f.code != "target-operator-read")  # infos: tested below


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


# The indicator block under the headers the reference prints (our 项目名称 first), in its order.
PRINTED_HEADERS = {
    "项目名称": "项目名称", "一级指标": "一级指标", "二级指标": "二级指标", "三级指标": "三级指标",
    "目标值": "年度指标值 (A)", "完成值": "全年实际值 (B)", "权重": "分值", "印刷得分": "得分",
    "赋分规则": "得分计算方法", "偏差原因分析及改进措施": "偏差原因分析 及改进措施",
}  # fmt: skip


def test_it_loads_under_the_headers_it_prints(tmp_path: Path) -> None:
    """No column the print lacks (指标值设定依据, 上年完成情况, 佐证资料…) is needed; same scores, same findings."""
    from openpyxl import load_workbook

    from generator.self_evaluation.layout import HEADER_ROW, PROJECT_INDICATORS, WORKBOOK_NAME

    folder = write_yanchi(tmp_path / "2024")
    book = load_workbook(folder / WORKBOOK_NAME)
    sheet = book[PROJECT_INDICATORS.name]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    rows = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["项目绩效指标"]
    for col, printed in enumerate(PRINTED_HEADERS.values(), start=1):
        sheet.cell(HEADER_ROW + 1, col, printed)
    for index, row in enumerate(rows, start=HEADER_ROW + 2):
        for col, ours in enumerate(PRINTED_HEADERS, start=1):
            sheet.cell(index, col, row.get(ours))
    book.save(folder / WORKBOOK_NAME)
    evaluation, findings = load_self_evaluation(folder)
    assert findings == [] and evaluation is not None
    scored = score_self_evaluation(evaluation, profile("classic-ratio"))
    (project,) = scored.projects
    assert len(project.indicators) == 22 and round_half_up(project.total) == Decimal("99.81")
    codes = sorted(f.code for f in check_self_evaluation(scored) if f.code != "target-operator-read")
    assert codes == sorted(["printed-score-differs", "printed-total-differs", "weight-total-mismatch"] + ["stated-weight-mismatch"] * 6)
    cost = next(s for s in project.indicators if s.indicator.level3 == "全年异地核查成本")
    assert (cost.indicator.printed_score, cost.indicator.rule_text, cost.score) == (Decimal("1.42"), "", Decimal("1.43"))
