"""The 上海 2024 template: every sentence pattern follows its wording rules (大于/小于/持平, 不涉及的不列,
"无…支出" for what a unit does not have), and none of the template's rules is printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.render.dump import document_lines

G, T, OM, TD = layout.GPB.name, layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name, layout.THREE_PUBLIC_DETAILS.name
ITEM = "卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。"  # 2101501, 442.32 万元


def shanghai(kit: Any, tmp_path: Path, values: dict[str, Any], tables: bool = False, prior: dict[str, Any] | None = None) -> list[str]:
    folder = kit.write_unit(tmp_path, values, prior=prior or kit.consistent_2023())
    out = tmp_path / "sh.docx"
    result = api.generate(folder, output=out, template="shanghai-2024", force=True)
    assert result.ok, [f.message for f in result.findings if f.severity.value == "error"]
    return document_lines(out, tables=tables)


def line_with(lines: list[str], text: str) -> str:
    found = [line for line in lines if text in line]
    assert found, text
    return found[0]


@pytest.fixture(scope="module")
def sample_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("sh") / "sample.docx"
    assert api.generate(Path("inputs/changji-ybj/2024"), output=out, template="shanghai-2024").ok
    return document_lines(out)


def test_no_rule_of_the_template_is_printed(sample_lines: list[str]) -> None:
    text = "\n".join(sample_lines)
    for rule in ("如持平", "不涉及的不列", "增加（减少）", "增长（下降）", "大于（小于）", "XX", "{{", "{%"):
        assert rule not in text


def test_parts_tables_and_notes_in_the_template_order(sample_lines: list[str]) -> None:
    heads = [line for line in sample_lines if line.startswith("第") and "部分" in line[:4]]
    assert [h[:4] for h in heads] == ["第一部分", "第二部分", "第三部分", "第四部分"] * 2  # 目录, then the parts
    assert sum(line.startswith("注：本表反映") for line in sample_lines) == 9
    assert sum(line.startswith("编制单位：") for line in sample_lines) == 9
    assert sample_lines.count("本表无数据") == 2  # the empty 政府性基金 and 国有资本经营 tables keep their format
    assert "二十四、抗疫特别国债安排的支出" in sample_lines  # all 类 of the national list


def test_empty_funds_are_one_sentence(sample_lines: list[str]) -> None:
    assert "昌吉回族自治州医疗保障局2024年度无政府性基金预算财政拨款收入和支出。" in sample_lines
    assert "昌吉回族自治州医疗保障局2024年度无国有资本经营预算财政拨款收入和支出。" in sample_lines


def test_only_sources_with_money_are_listed(sample_lines: list[str]) -> None:
    line = line_with(sample_lines, "本年收入合计1238.41万元")
    assert line == "本年收入合计1238.41万元，其中：财政拨款收入1222.68万元，占98.73%；其他收入15.73万元，占1.27%。"


@pytest.mark.parametrize(
    "budget, reason, expected",
    [
        (500, "人员调出。", "年初预算为500.00万元，支出决算为442.32万元。决算数小于预算数的主要原因：人员调出。"),
        (400, "人员调入", "年初预算为400.00万元，支出决算为442.32万元。决算数大于预算数的主要原因：人员调入。"),
        (442.32, "严格执行预算。", "年初预算为442.32万元，支出决算为442.32万元。决算数与预算数持平。"),  # 持平: no reason
    ],
)
def test_each_item_against_its_budget(kit: Any, tmp_path: Path, budget: float, reason: str, expected: str) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101501", layout.BUDGET, budget)
    kit.set_value(values, G, "2101501", layout.BUDGET_REASON, reason)
    kit.set_value(values, G, "2101501", layout.PURPOSE, "机关正常运转")
    line = line_with(shanghai(kit, tmp_path, values), ITEM)
    assert line.endswith(ITEM + "主要用于：机关正常运转。" + expected)


def test_a_zero_initial_budget_is_explained_against_the_adjusted_budget(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101501", layout.BUDGET, 0)
    kit.set_value(values, G, "2101501", layout.ADJUSTED_BUDGET, 442.32)
    lines = shanghai(kit, tmp_path, values)
    assert line_with(lines, ITEM).endswith("全年预算为442.32万元，支出决算为442.32万元。决算数与预算数持平。")
    assert not any("完成年初预算的" in line and "0.00万元" in line for line in lines)


def test_the_total_against_its_budget(kit: Any, tmp_path: Path) -> None:
    lines = shanghai(kit, tmp_path, kit.consistent_2024())
    assert line_with(lines, "一般公共预算财政拨款支出年初预算为").startswith(
        "一般公共预算财政拨款支出年初预算为1120.42万元，支出决算为1222.68万元，完成年初预算的109.13%。决算数大于预算数的主要原因："
    )


def test_three_public_against_budget_with_counts(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    for name, budget in (("合计", 8), ("因公出国（境）费", 0), ("公务用车购置及运行维护费", 7.5), ("公务接待费", 0.5)):
        kit.set_value(values, T, name, layout.BUDGET, budget)
    kit.set_value(values, T, "合计", layout.BUDGET_REASON, "厉行节约。")
    kit.set_value(values, TD, "外宾接待费", layout.CONTENT, 0.1)
    kit.set_value(values, TD, "外宾接待批次", layout.CONTENT, 1)
    kit.set_value(values, TD, "外宾接待人次", layout.CONTENT, 5)
    lines = shanghai(kit, tmp_path, values)
    assert line_with(lines, "“三公”经费财政拨款支出年初预算为") == (
        "“三公”经费财政拨款支出年初预算为8.00万元，支出决算为7.66万元，完成预算的95.75%，其中：因公出国（境）费支出决算为0.00万元；"
        "公务用车购置及运行维护费支出决算为7.32万元，完成预算的97.60%；公务接待费支出决算为0.34万元，完成预算的68.00%。"
        "2024年度“三公”经费支出决算数小于预算数的主要原因：厉行节约。"
    )
    assert line_with(lines, "国内公务接待支出") == (
        "国内公务接待支出0.34万元（含外宾接待支出0.10万元）。主要用于因医保经办调研活动产生的就餐费，"
        "国内公务接待3批次、28人次，其中：接待外宾1批次、5人次。"
    )


def test_no_three_public_is_one_sentence(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    for name in ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS):
        kit.set_value(values, T, name, "全年预算数", 0)
        kit.set_value(values, T, name, "决算数", 0)
    lines = shanghai(kit, tmp_path, values)
    assert "昌吉回族自治州医疗保障局2024年度无“三公”经费财政拨款支出。" in lines
    assert not any(line.startswith("（一）“三公”经费") for line in lines)


def test_a_three_public_budget_without_spending_is_the_one_sentence(kit: Any, tmp_path: Path) -> None:
    """Issue 18: a budget and no spending read "占；…占；…占。" under the parts; officially it is one sentence."""
    values = kit.consistent_2024()
    for name in ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS):
        kit.set_value(values, T, name, "决算数", 0)
    lines = shanghai(kit, tmp_path, values)
    assert "昌吉回族自治州医疗保障局2024年度无“三公”经费财政拨款支出。" in lines
    assert not any("占；" in line or "占。" in line for line in lines)


def test_no_admin_cost_is_one_sentence(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    prior = kit.consistent_2023()
    for table in (values, prior):
        kit.set_value(table, OM, "机关运行经费", "本年数", 0)
    kit.set_value(values, OM, "机关运行经费", "上年数", 0)
    assert "昌吉回族自治州医疗保障局2024年度无机关运行经费支出。" in shanghai(kit, tmp_path, values, prior=prior)


def test_sme_procurement_only_when_given(kit: Any, tmp_path: Path, sample_lines: list[str]) -> None:
    assert not any("面向中小企业预留" in line for line in sample_lines)
    values = kit.consistent_2024()
    for name, amount in zip(layout.SME_ITEMS, (100, 60, 90, 50, 30), strict=True):
        kit.set_value(values, OM, name, "本年数", amount)
    line = line_with(shanghai(kit, tmp_path, values), "面向中小企业预留")
    assert line.startswith("2024年度本部门面向中小企业预留政府采购项目预算金额100.00万元，面向小微企业预留政府采购项目预算金额60.00万元。")
    assert line.endswith("在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额30.00万元。")


def test_flat_year_on_year_reads_as_flat_without_a_reason(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    prior = kit.consistent_2023()
    kit.set_value(values, OM, "机关运行经费", "本年数", prior[OM]["机关运行经费"][0])
    kit.set_value(values, OM, "机关运行经费", "上年数", prior[OM]["机关运行经费"][0])
    line = line_with(shanghai(kit, tmp_path, values, prior=prior), "机关运行经费支出2")
    assert line.endswith("万元，与2023年度持平。")


EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "shanghai-example" / "2024"


def test_the_shanghai_example_checks_clean() -> None:
    """No error or warning; the only infos say that the default profile gives 执行率 full marks below 100%."""
    assert {f.code for f in api.check_folder(EXAMPLE).findings} <= {"execution-full-marks"}


@pytest.mark.parametrize("template", ["shanghai-2024", "xinjiang-2024"])
def test_the_shanghai_example_renders_in_both_templates(template: str, tmp_path: Path) -> None:
    out = tmp_path / f"{template}.docx"
    result = api.generate(EXAMPLE, output=out, template=template)
    # a complete document, no finding but the profile's execution-full-marks infos
    assert result.ok and [(f.code, f.location) for f in result.findings if f.code != "execution-full-marks"] == []
    lines = document_lines(out, tables=False)
    text = "\n".join(lines)
    assert "上海市示范区文化旅游局" in text and "{{" not in text
    assert not any(gap in text for gap in ("为万元", "，万元", "共有车辆辆", "个、累计人次", "：。", "，。"))
    if template == "shanghai-2024":
        assert "纳入上海市示范区文化旅游局2024年度部门决算编制范围的单位包括：" in text
        assert "全年预算为300.00万元，支出决算为300.00万元。决算数与预算数持平。" in text  # a 项 new this year
        assert "平均得分91.50分" in text and "正在整改的1个" in text
        assert "面向中小企业预留政府采购项目预算金额450.00万元" in text
        assert "用于体育事业的彩票公益金支出（项）。主要用于：全民健身赛事活动和公共体育设施维护。" in text


def test_the_contents_is_a_toc_field_listing_the_headings(tmp_path: Path) -> None:
    """The 目录 is a Word TOC field over the heading styles; its cached entries are those headings, in order."""
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "sh.docx"
    assert api.generate(EXAMPLE, output=out, template="shanghai-2024").ok
    paragraphs = docx.Document(str(out)).paragraphs
    entries = [p for p in paragraphs if p.style.name.startswith("toc ")]
    instruction = "".join(t.text for t in entries[0]._p.iter(qn("w:instrText")))
    kinds = [c.get(qn("w:fldCharType")) for p in entries for c in p._p.iter(qn("w:fldChar"))]
    headings = [p.text.replace("\n", "") for p in paragraphs if p.style.name in ("JS 部分", "JS 一级标题", "JS 表名")]

    assert instruction.split() == ["TOC", "\\h", "\\z", "\\t", '"JS', '部分,1,JS', '一级标题,2,JS', '表名,2"']
    assert kinds == ["begin", "separate", "end"]
    assert [p.text for p in entries] == headings
    assert len(headings) == 4 + 2 + 9 + 11


def test_income_explained_in_the_glossary_only_for_incomes_the_unit_has(kit: Any, tmp_path: Path) -> None:
    """名词解释: "主要是：…收入等" for an income with money and a 收入主要内容; without the income the definition stays bare."""
    values = kit.consistent_2024()
    kit.set_value(values, layout.SUMMARY.name, "其他收入", layout.INCOME_CONTENT, "医保经办服务收入等。")  # 等 and 。 are the sentence's
    kit.set_value(values, layout.SUMMARY.name, "事业收入", layout.INCOME_CONTENT, "培训收入")  # 事业收入 is 0: not listed
    lines = shanghai(kit, tmp_path, values)
    assert line_with(lines, "四、其他收入：").endswith("等以外的收入。主要是：医保经办服务收入等。")
    assert "二、事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。" in lines
    assert not any("培训收入" in line for line in lines)


@pytest.mark.parametrize(
    "by_kind, expected",
    [
        ({}, "购置公务用车2辆。"),
        ({"执法执勤用车": 1, "其他用车": 1, "机要通信用车": 0}, "购置公务用车2辆（其中：执法执勤用车1辆、其他用车1辆）。"),
    ],
)
def test_vehicles_bought_by_category(kit: Any, tmp_path: Path, by_kind: dict[str, int], expected: str) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, TD, "公务用车购置数", layout.CONTENT, 2)
    for kind, n in by_kind.items():
        kit.set_value(values, OM, kind, layout.PURCHASED, n)
    assert line_with(shanghai(kit, tmp_path, values), "公务用车购置支出为").endswith("万元。" + expected)


def test_the_three_public_table_has_the_national_header(tmp_path: Path) -> None:
    """财政拨款“三公”经费 over the twelve columns; 公务用车购置及运行维护费 over 小计, 购置费 and 运行维护费; 预算数/决算数 under each."""
    import docx

    out = tmp_path / "sh.docx"
    assert api.generate(EXAMPLE, output=out, template="shanghai-2024").ok
    table = next(t for t in docx.Document(str(out)).tables if len(t.columns) == 12)
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[0] == ["财政拨款“三公”经费"] * 12
    assert texts[1] == ["合计"] * 2 + ["因公出国（境）费"] * 2 + ["公务用车购置及运行维护费"] * 6 + ["公务接待费"] * 2
    assert texts[2] == ["合计"] * 2 + ["因公出国（境）费"] * 2 + ["小计"] * 2 + ["公务用车购置费"] * 2 + ["公务用车运行维护费"] * 2 + ["公务接待费"] * 2
    assert texts[3] == ["预算数", "决算数"] * 6
    assert texts[4] == ["32.00", "28.00", "10.00", "8.00", "16.00", "15.00", "0.00", "0.00", "16.00", "15.00", "6.00", "5.00"]
