"""Self-evaluation tables in their own forms: the 宁夏 reference renders in the 宁夏 layout, and the
compact (重庆) layout has its columns; the layout comes from the profile or the workbook's 表样."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generator.compute.self_evaluation.score import ScoredSelfEvaluation, score_self_evaluation
from generator.load.self_evaluation.profiles import load_profile
from generator.load.self_evaluation.reader import load_self_evaluation
from generator.render.document import render_template
from generator.render.self_evaluation import layout_of, self_evaluation_context
from generator.render.shipped import self_evaluation_template
from tests.self_evaluation.test_ningxia import write_yanchi


def _scored(folder: Path, name: str) -> ScoredSelfEvaluation:
    evaluation, findings = load_self_evaluation(folder)
    profile, _ = load_profile(name)
    assert evaluation is not None and profile is not None, findings
    return score_self_evaluation(evaluation, profile)


def _render(scored: ScoredSelfEvaluation) -> docx.document.Document:
    data, findings = render_template(self_evaluation_template(layout_of(scored)), {"se": self_evaluation_context(scored)}, 2024)
    assert data is not None, findings
    return docx.Document(io.BytesIO(data))


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def yanchi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_yanchi(tmp_path_factory.mktemp("yanchi") / "2024")


def test_the_ningxia_reference_renders_in_its_layout(yanchi: Path) -> None:
    scored = _scored(yanchi, "classic-ratio")
    assert layout_of(scored) == "ningxia"
    document = _render(scored)
    head, indicators = document.tables
    funds = [row for row in _rows(head) if "年度资金总额" in row]
    assert funds and funds[0][-4:] == ["15.00", "10", "100.00%", "10.00"]
    assert _rows(head)[-1][0] == "年度总体目标"
    header = _rows(indicators)[0]
    assert header == ["一级指标", "二级指标", "三级指标", "年度指标值（A）", "全年实际值（B）", "分值", "得分", "得分计算方法", "偏差原因分析及改进措施"]
    assert indicators.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    cost = next(row for row in _rows(indicators) if row[2] == "全年异地核查成本")
    assert cost[3:7] == ["0.6万元/次", "0.6万元/次", "1.43", "1.43"]
    total = next(row for row in _rows(indicators) if row[0] == "总分")
    assert total[5:7] == ["99.81", "99.81"]  # Σ 分值 10 + 89.81 as printed rows give it; 得分 99.81 (print: 99.8)
    method = next(row for row in _rows(indicators) if row[2] == "指标1：全县参保人数应保尽保")[7]
    assert method.startswith("完成值达到指标值")
    social = next(row for row in _rows(indicators) if row[2] == "指标1：医保政策知晓率")[7]
    assert social.startswith("1.若为定性指标")  # typed on the placeholder row 指标1： above it, merged down
    paragraphs = [p.text for p in document.paragraphs]
    assert any(text.startswith("注：1.得分一档最高不能超过该指标分值上限") for text in paragraphs)


def test_the_compact_layout_has_its_columns(yanchi: Path) -> None:
    document = _render(_scored(yanchi, "chongqing-compact"))
    indicators = document.tables[1]
    assert _rows(indicators)[0] == [
        "指标名称", "计量单位", "指标性质", "年初指标值", "调整后指标值", "全年完成值", "得分系数（%）", "权重（分）", "指标得分", "是否核心指标",
    ]  # fmt: skip
    row = next(r for r in _rows(indicators) if r[0] == "全年异地核查成本")
    assert row[3:9] == ["", "0.6万元/次", "0.6万元/次", "100.00", "1.43", "1.43"]  # no 年初指标值 typed: blank, not the target again


def test_the_workbook_chooses_the_layout(tmp_path: Path) -> None:
    import openpyxl

    folder = write_yanchi(tmp_path / "2024")
    book = openpyxl.load_workbook(folder / "绩效自评表.xlsx")
    sheet = book["项目概况"]
    column = next(c.column for c in sheet[3] if c.value == "表样")
    sheet.cell(row=4, column=column, value="重庆")
    book.save(folder / "绩效自评表.xlsx")
    assert layout_of(_scored(folder, "classic-ratio")) == "chongqing"


SAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "changji-ybj" / "2024"
_FIRST_INDICATOR_HEADER = {
    # 年度绩效指标完成情况 is a banner row above these heads (both repeat on every page), not a merged first column
    "xinjiang-2024": ["一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分"],
    "classic-ratio": ["一级指标", "二级指标", "三级指标", "年度指标值（A）", "全年实际值（B）", "分值", "得分", "得分计算方法"],
    "chongqing-compact": ["指标名称", "计量单位", "指标性质", "年初指标值", "调整后指标值", "全年完成值", "得分系数（%）", "权重（分）", "指标得分"],
}


@pytest.mark.parametrize("profile", sorted(_FIRST_INDICATOR_HEADER))
def test_the_disclosure_appendix_uses_the_chosen_layout(profile: str) -> None:
    """The full disclosure prints the self-evaluation in the profile's form, as the standalone file does."""
    from generator import api

    checked = api.check_folder(SAMPLE, profile=profile)
    assert checked.performance is not None and layout_of(checked.performance) == {
        "xinjiang-2024": "xinjiang", "classic-ratio": "ningxia", "chongqing-compact": "chongqing",
    }[profile]  # fmt: skip
    data, findings = api.render_checked(checked)
    assert data is not None, findings
    document = docx.Document(io.BytesIO(data))
    heads = [row for table in document.tables for row in _rows(table) if "三级指标" in row or "指标名称" in row]
    wanted = _FIRST_INDICATOR_HEADER[profile]
    assert heads and all(row[: len(wanted)] == wanted for row in heads[1:]), heads[:2]  # heads[0]: the unit-wide table
    compact = profile == "chongqing-compact"  # the compact form's unit-wide table has the same columns
    assert len([row for row in heads if row[: len(wanted)] == wanted]) == 11 + compact  # one per project table of the sample


def test_a_compact_workbook_renders_its_coefficients(tmp_path: Path) -> None:
    """The invented compact table of tests/self_evaluation/test_compact.py: 得分系数 15.02 and 指标得分 4.51 as printed."""
    from tests.self_evaluation.test_compact import PRINTED, write_compact

    write_compact(tmp_path / "2024", PRINTED)
    scored = _scored(tmp_path / "2024", "chongqing-compact")
    indicators = _render(scored).tables[1]
    rows = {row[0]: row for row in _rows(indicators)}
    assert rows["培训人次"][6:9] == ["15.02", "30", "4.51"]
    assert rows["培训费用"][1:3] == ["万元", "反向"] and rows["培训费用"][6:9] == ["80.00", "20", "16.00"]
    assert rows["完成时间"][9] == "是"
    assert rows["总分"][-3:-1] == ["100", "69.51"]


def _vmerged(cell) -> bool:
    tc_pr = cell._tc.tcPr
    return tc_pr is not None and tc_pr.find(qn("w:vMerge")) is not None


def test_blank_methods_in_the_ningxia_form_stay_cells_of_their_rows(yanchi: Path) -> None:
    _, indicators = _render(_scored(yanchi, "classic-ratio")).tables
    method_column = 7
    merged = [row.cells[method_column] for row in indicators.rows if _vmerged(row.cells[method_column])]
    assert merged == []  # no tall cell spanning the blanks under a typed 得分计算方法


def test_the_funds_row_keeps_its_qizhong(yanchi: Path) -> None:
    head = _render(_scored(yanchi, "classic-ratio")).tables[0]
    labels = [row[2] for row in _rows(head) if len(row) > 2]
    assert "其中：当年财政拨款" in labels


def _book(folder: Path, indicators: list[dict[str, object]] | None = None, funds: list[dict[str, object]] | None = None) -> Path:
    from tests.self_evaluation.builders import write_book

    write_book(folder, indicators=indicators, funds=funds)
    return folder


def test_a_row_that_does_not_apply_prints_a_slash_not_zero(tmp_path: Path) -> None:
    from tests.self_evaluation.builders import indicator_rows

    rows = indicator_rows()
    rows.append({"一级指标": "满意度指标", "二级指标": "满意度指标", "三级指标": "投诉处理率", "权重": None, "目标值": "/", "完成值": "/"})
    _, indicators = _render(_scored(_book(tmp_path, rows), "xinjiang-2024")).tables
    row = next(r for r in _rows(indicators) if r[2] == "投诉处理率")
    assert (row[6], row[7]) == ("/", "/")  # 完成率, 指标得分


def test_a_blank_initial_budget_prints_blank(tmp_path: Path) -> None:
    funds = [
        {"项目名称": "甲项目", "资金来源": "年度资金总额", "年初预算数": None, "全年预算数": 10, "全年执行数": 9},
        {"资金来源": "当年财政拨款", "年初预算数": None, "全年预算数": 10, "全年执行数": 9},
    ]
    head, _ = _render(_scored(_book(tmp_path, funds=funds), "xinjiang-2024")).tables
    total = next(r for r in _rows(head) if "年度资金总额" in r)
    assert "0.00" not in total and "10.00" in total


def test_the_unit_table_prints_its_grade_when_the_profile_shows_grades(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "inputs" / "changji-ybj" / "2024"
    shown = self_evaluation_context(_scored(sample, "chongqing-compact"))
    assert shown["unit"]["grade"] == "优"
    unit_indicators = _render(_scored(sample, "chongqing-compact")).tables[1]
    assert ["等级", "优"] == [c for c in dict.fromkeys(_rows(unit_indicators)[-1])]
    for form in ("xinjiang-2024", "classic-ratio"):  # neither the sample's form nor the 宁夏 one has 等级
        hidden = _render(_scored(sample, form)).tables[1]
        assert not any(row[0] == "等级" for row in _rows(hidden))


def _keeps_with_next(row) -> bool:
    return any(p.find(qn("w:pPr") + "/" + qn("w:keepNext")) is not None for p in row._tr.iter(qn("w:p")))


def _first_column_labels(table) -> list[str]:
    """The 一级指标 cell of each row as the XML holds it: its text where a merged piece starts, None where it continues."""
    labels = []
    for row in table.rows:
        cell = row._tr.tc_lst[0]
        merge = cell.tcPr.find(qn("w:vMerge")) if cell.tcPr is not None else None
        continues = merge is not None and merge.get(qn("w:val")) in (None, "continue")
        labels.append(None if continues else "".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return labels


def test_a_short_indicator_group_stays_on_one_page(yanchi: Path) -> None:
    _, indicators = _render(_scored(yanchi, "classic-ratio")).tables
    rows = _rows(indicators)
    timely = [i for i, row in enumerate(rows) if row[1].startswith("时效指标")]  # three rows of one 二级指标
    assert len(timely) == 3
    assert all(_keeps_with_next(indicators.rows[i]) for i in timely[:-1])


def test_a_long_indicator_group_breaks_only_where_its_label_is_printed_again(yanchi: Path) -> None:
    """产出指标 runs over 18 rows (数量 5, 质量 3, 时效 3, 成本 7): three pieces, each labelled, each kept on one page."""
    _, indicators = _render(_scored(yanchi, "classic-ratio")).tables
    labels = _first_column_labels(indicators)
    output = [i for i, row in enumerate(_rows(indicators)) if row[0].startswith("产出指标")]
    pieces = [i for i in output if labels[i] is not None]
    assert len(output) == 18 and pieces == [output[0], output[0] + 8, output[0] + 11]
    assert all(labels[i] == "产出指标（40分）" for i in pieces)
    breakable = [i for i in output if not _keeps_with_next(indicators.rows[i])]
    assert breakable == [i - 1 for i in pieces[1:]] + [output[-1]]  # a page may end only where a piece ends


@pytest.mark.parametrize(
    ("target", "typed", "printed"),
    [(">=95%", "", "正向"), ("<=3万元", "", "反向"), ("显著提升", "", "定性"), ("2024年12月10日前", "", "定性"),
     ("95%", "", ""), ("=1辆", "", ""), ("95%", "正向", "正向")],
)  # fmt: skip
def test_the_compact_form_prints_the_nature_the_target_was_typed_with(tmp_path: Path, target: str, typed: str, printed: str) -> None:
    from tests.self_evaluation.builders import indicator_rows

    rows = indicator_rows()
    rows[0] = {**rows[0], "目标值": target, "完成值": "=2次" if "%" not in target else "96%", "指标性质": typed}
    context = self_evaluation_context(_scored(_book(tmp_path, rows), "chongqing-compact"))
    assert context["projects"][0]["indicators"][0]["nature"] == printed


def test_the_compact_unit_table_has_the_compact_columns_and_its_grade() -> None:
    """The 重庆 form's unit-wide table: the compact columns (not the 新疆 generic ones), 总分 and 等级 under them."""
    sample = Path(__file__).resolve().parents[2] / "inputs" / "changji-ybj" / "2024"
    head, indicators = _render(_scored(sample, "chongqing-compact")).tables[:2]
    assert _rows(head)[0][:2] == ["单位名称", "单位名称"] and "分值" in _rows(head)[1]
    rows = _rows(indicators)
    assert rows[0] == [
        "指标名称", "计量单位", "指标性质", "年初指标值", "调整后指标值", "全年完成值", "得分系数（%）", "权重（分）", "指标得分", "是否核心指标",
    ]  # fmt: skip
    assert not any("一级指标" in row or "预期指标值" in row for row in rows)
    assert rows[-2][0] == "总分" and rows[-1][0] == "等级" and rows[-1][-1] in ("优", "良", "中", "差")
    assert indicators.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_compact_unit_sheet_reads_the_compact_columns(tmp_path: Path) -> None:
    """整体绩效指标 in the compact form: no 一级/二级, 指标名称, 年初指标值, 计量单位, 指标性质, 是否核心指标 printed as typed."""
    unit = [
        {"指标名称": "办件数", "计量单位": "件", "指标性质": "正向", "年初指标值": ">=8件", "调整后指标值": ">=10件", "权重（分）": 60,
         "全年完成值": "12件", "是否核心指标": "是"},
        {"指标名称": "办件成本", "计量单位": "万元", "指标性质": "反向", "调整后指标值": "<=5万元", "权重（分）": 30, "全年完成值": "4万元",
         "是否核心指标": "否"},
    ]  # fmt: skip
    folder = _compact_unit_book(tmp_path, unit)
    scored = _scored(folder, "chongqing-compact")
    assert scored.unit is not None and [s.indicator.level3 for s in scored.unit.indicators] == ["办件数", "办件成本"]
    rows = {row[0]: row for row in _rows(_render(scored).tables[1])}
    assert rows["办件数"] == ["办件数", "件", "正向", ">=8件", ">=10件", "12件", "100.00", "60", "60.00", "是"]
    assert rows["办件成本"][1:4] == ["万元", "反向", ""]  # no 年初指标值 typed: blank


def _compact_unit_book(tmp_path: Path, unit: list[dict[str, object]]) -> Path:
    import openpyxl

    from generator.self_evaluation.layout import HEADER_ROW, UNIT_INDICATORS, WORKBOOK_NAME
    from tests.self_evaluation.builders import write_book

    folder = tmp_path / "2024"
    write_book(folder, extra={
        "整体概况": [{"单位名称": "某局", "年度总体目标（预期目标）": "甲", "年度总体目标（实际完成情况）": "甲"}],
        "整体资金": [{"资金来源": "合计", "年初预算数": 100, "全年预算数": 100, "全年执行数": 100}],
    })  # fmt: skip
    book = openpyxl.load_workbook(folder / WORKBOOK_NAME)
    sheet = book[UNIT_INDICATORS.name]
    sheet.delete_rows(HEADER_ROW + 1, sheet.max_row)
    headers = list(dict.fromkeys(key for row in unit for key in row))
    for col, header in enumerate(headers, start=1):
        sheet.cell(HEADER_ROW + 1, col, header)
    for index, row in enumerate(unit, start=HEADER_ROW + 2):
        for col, header in enumerate(headers, start=1):
            cell = sheet.cell(index, col, row.get(header))
            if isinstance(row.get(header), str):
                cell.data_type = "s"
    book.save(folder / WORKBOOK_NAME)
    return folder
