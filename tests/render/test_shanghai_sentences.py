"""Every sentence pattern of the official 上海 2024 template (../shared/reference/shanghai-2024-department-
final-accounts-template.txt), written as the template's rules say: 增加/减少 or 持平 (no reason when flat),
大于/小于/持平 against the budget, 不涉及的不列, and "无…" sentences for what a unit does not have.

The audit, pattern by pattern (P = this module, S = tests/render/test_shanghai.py):
  第一部分 二、部门决算单位构成 (several units) / 机构设置 (one) ........ P test_unit_composition_or_organisation
  第三部分 一、收入支出总计 增加/减少 + 主要原因; 持平 without ..... P test_year_on_year_totals, test_flat_totals_read_as_flat
  二、收入 (不涉及的不列) ............................................ S test_only_sources_with_money_are_listed, P test_sources_and_kinds
  三、支出 (不涉及的不列) ............................................ P test_sources_and_kinds
  四、财政拨款收入支出总计 增加/减少/持平 ............................. P test_year_on_year_totals, test_flat_totals_read_as_flat
  五（一）一般公共预算 占比, 增加/减少 (持平: the same filter) ......... P test_year_on_year_totals
  五（二）结构 by 类 (不涉及的不列) ................................... P test_sources_and_kinds
  五（三）总额 年初预算/完成年初预算的%/大于 ............................ S test_the_total_against_its_budget
          总额 小于 and 持平 ........................................... P test_total_below_or_equal_to_its_budget
          each 项 大于/小于/持平 (持平: no reason) ....................... S test_each_item_against_its_budget
          a 项 without 年初预算: 全年预算 ............................... S test_a_zero_initial_budget_is_explained_against_the_adjusted_budget
          a 项 with no budget given: its 决算 only; 项 without money nor budget not listed .. P test_items_without_budget_or_money
  六、基本支出 人员经费/公用经费 items (不涉及的不列) ................... P test_basic_expense_lists_only_its_items
  七（一）三公 against 年初预算, 完成预算的%, 小于 + reason ............... S test_three_public_against_budget_with_counts
          三公 against 全年预算 when no 年初预算, 持平 ...................... P test_three_public_flat_against_the_annual_budget
          三公 vs last year: 增加/减少/持平 per part, reasons only for changes  P test_three_public_year_on_year
  七（二）shares; 团组/人次; 购置; 保有量; 接待批次/人次, 外宾 ............. P test_three_public_details, S test_three_public_against_budget_with_counts
          无“三公”经费财政拨款支出 ..................................... S test_no_three_public_is_one_sentence
  八/九 基金 收入/支出 + items against budget ........................... P test_fund_with_money
          无政府性基金/国有资本经营预算财政拨款收入和支出 ................. S test_empty_funds_are_one_sentence
  十、预算绩效管理 counts/amounts/average/grades/problems ................ P test_performance_management, S example test
          facts not given are left out ................................. P test_performance_management
  十一（一）机关运行经费 增加 + reason ................................... P test_admin_cost_change
          持平 ........................................................ S test_flat_year_on_year_reads_as_flat_without_a_reason
          无机关运行经费支出 ........................................... S test_no_admin_cost_is_one_sentence
  十一（二）政府采购 货物/工程/服务; 中小企业 only when given ........... P test_procurement, S test_sme_procurement_only_when_given
  十一（三）车辆 by category, 单价100万元以上设备 ......................... P test_assets
  rules in parentheses never printed .................................. S test_no_rule_of_the_template_is_printed
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.render.dump import document_lines

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
G, T, TD, OV, OM = layout.GPB.name, layout.THREE_PUBLIC.name, layout.THREE_PUBLIC_DETAILS.name, layout.OVERVIEW.name, layout.OTHER_MATTERS.name


def lines_of(folder: Path, out: Path) -> list[str]:
    result = api.generate(folder, output=out, template="shanghai-2024")
    assert result.ok, [f.message for f in result.findings if f.severity.value == "error"]
    return document_lines(out, tables=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return lines_of(INPUTS / "changji-ybj" / "2024", tmp_path_factory.mktemp("sample") / "sh.docx")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return lines_of(INPUTS / "shanghai-example" / "2024", tmp_path_factory.mktemp("example") / "sh.docx")


def generated(kit: Any, tmp_path: Path, values: dict[str, Any], prior: dict[str, Any] | None = None) -> list[str]:
    return lines_of(kit.write_unit(tmp_path, values, prior=prior), tmp_path / "sh.docx")


def line_with(lines: list[str], text: str) -> str:
    found = [line for line in lines if text in line]
    assert found, text
    return found[0]


def test_unit_composition_or_organisation(sample: list[str], example: list[str]) -> None:
    assert "二、部门决算单位构成" in example and "二、机构设置" not in example
    assert "从预算单位构成看，上海市示范区文化旅游局部门决算包括：上海市示范区文化旅游局本级决算、下属行政事业单位决算。" in example
    assert "二、机构设置" in sample and "二、部门决算单位构成" not in sample  # one unit: 机构设置


def test_year_on_year_totals(sample: list[str], example: list[str]) -> None:
    assert line_with(example, "年度收入支出总计").endswith(
        "收入支出总计3500.00万元。与2023年度相比，收入支出总计增加200.00万元，增长6.06%。主要原因：本年新增文化和旅游项目经费及政府性基金收入，收入支出总计增加。"
    )
    assert "与2023年度相比，收入支出总计减少308.78万元，下降19.94%。主要原因：" in line_with(sample, "年度收入支出总计")
    assert "与2023年度相比，财政拨款收入支出总计减少325.48万元，下降21.02%。主要原因：" in line_with(sample, "年度财政拨款收入支出总计")
    assert line_with(example, "占本年支出合计的").startswith(
        "一般公共预算财政拨款支出3000.00万元，占本年支出合计的88.76%。与2023年度相比，一般公共预算财政拨款支出增加326.00万元，增长12.19%。主要原因："
    )


def test_flat_totals_read_as_flat(kit: Any, tmp_path: Path) -> None:
    """No prior-year folder: last year's totals typed in 预算及上年情况, equal to this year's, with a reason that must not
    be printed. (The 一般公共预算 total's flat case is the same `movement` wording; its last year is the sum of the 项.)"""
    values = kit.consistent_2024()
    for item, amount in (("收入支出总计", 1239.71), ("财政拨款收入支出总计", 1222.68)):
        kit.set_value(values, OV, item, layout.PRIOR, amount)
        kit.set_value(values, OV, item, layout.REASON, "不应写出的原因。")
    lines = generated(kit, tmp_path, values)
    assert line_with(lines, "年度收入支出总计").endswith("收入支出总计1239.71万元。与2023年度相比，收入支出总计持平。")
    assert line_with(lines, "年度财政拨款收入支出总计").endswith("与2023年度相比，财政拨款收入支出总计持平。")
    assert not any("不应写出的原因" in line for line in lines)


def test_sources_and_kinds(sample: list[str], example: list[str]) -> None:
    assert line_with(example, "本年收入合计3400.00万元") == (
        "本年收入合计3400.00万元，其中：财政拨款收入3200.00万元，占94.12%；事业收入150.00万元，占4.41%；其他收入50.00万元，占1.47%。"
    )
    assert line_with(sample, "本年支出合计1238.51万元") == (
        "本年支出合计1238.51万元，其中：基本支出608.04万元，占49.09%；项目支出630.47万元，占50.91%。"  # no 经营支出 or 上缴上级支出
    )
    assert line_with(sample, "主要用于以下方面") == (
        "一般公共预算财政拨款支出1222.68万元，主要用于以下方面：社会保障和就业支出（类）84.68万元，占6.93%；"
        "卫生健康支出（类）1092.66万元，占89.37%；住房保障支出（类）45.34万元，占3.71%。"
    )


@pytest.mark.parametrize(
    "budget, expected",
    [
        (1300, "年初预算为1300.00万元，支出决算为1222.68万元，完成年初预算的94.05%。决算数小于预算数的主要原因：追加减少。其中："),
        (1222.68, "年初预算为1222.68万元，支出决算为1222.68万元，完成年初预算的100.00%。决算数与预算数持平。其中："),
    ],
)
def test_total_below_or_equal_to_its_budget(kit: Any, tmp_path: Path, budget: float, expected: str) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, OV, "一般公共预算财政拨款支出", layout.BUDGET, budget)
    kit.set_value(values, OV, "一般公共预算财政拨款支出", layout.BUDGET_REASON, "追加减少。")
    lines = generated(kit, tmp_path, values, prior=kit.consistent_2023())
    assert line_with(lines, "一般公共预算财政拨款支出年初预算为") == "一般公共预算财政拨款支出" + expected


def test_items_without_budget_or_money(kit: Any, tmp_path: Path, sample: list[str]) -> None:
    assert "8、卫生健康支出（类）医疗保障管理事务（款）行政运行（项）。支出决算为442.32万元。" in sample  # no budget given: its 决算
    assert not any("信息化建设（项）" in line or "宗教事务（项）" in line for line in sample)  # fell to zero, no budget: not listed
    values = kit.consistent_2024()
    kit.set_value(values, G, "2010607", layout.BUDGET, 10)  # budgeted, nothing spent: listed against its budget
    kit.set_value(values, G, "2010607", layout.BUDGET_REASON, "项目取消。")
    line = line_with(generated(kit, tmp_path, values, prior=kit.consistent_2023()), "信息化建设（项）")
    assert line.endswith("信息化建设（项）。年初预算为10.00万元，支出决算为0.00万元。决算数小于预算数的主要原因：项目取消。")


def test_basic_expense_lists_only_its_items(example: list[str]) -> None:
    assert line_with(example, "一般公共预算财政拨款基本支出1800.00万元") == (
        "一般公共预算财政拨款基本支出1800.00万元。其中：人员经费1670.00万元，主要包括：基本工资、津贴补贴、绩效工资、"
        "机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、住房公积金、退休费；公用经费130.00万元，主要包括："
        "办公费、差旅费、因公出国（境）费用、会议费、培训费、公务接待费、公务用车运行维护费、其他商品和服务支出。"
    )


def test_three_public_flat_against_the_annual_budget(sample: list[str]) -> None:
    """The sample types no 年初预算 for 三公: it is explained against the 全年预算, and 7.65 of 7.65 is 持平."""
    assert line_with(sample, "“三公”经费财政拨款支出全年预算为") == (
        "“三公”经费财政拨款支出全年预算为7.65万元，支出决算为7.65万元，完成预算的100.00%，其中：因公出国（境）费支出决算为0.00万元；"
        "公务用车购置及运行维护费支出决算为7.32万元，完成预算的100.00%；公务接待费支出决算为0.34万元，完成预算的100.00%。"
        "2024年度“三公”经费支出决算数与预算数持平。"
    )


def test_three_public_year_on_year(sample: list[str]) -> None:
    line = line_with(sample, "年度“三公”经费财政拨款支出决算数比")
    assert line.startswith(
        "2024年度“三公”经费财政拨款支出决算数比2023年度增加4.36万元，增长132.52%，其中：因公出国（境）费支出决算与2023年度持平；"
        "公务用车购置及运行维护费支出决算比2023年度增加4.41万元，增长151.55%；公务接待费支出决算比2023年度减少0.04万元，下降10.53%。"
    )
    assert "因公出国（境）费支出变动的主要原因" not in line  # flat: no reason
    assert "公务用车购置及运行维护费支出变动的主要原因是" in line and "公务接待费支出变动的主要原因是" in line


def test_three_public_details(example: list[str], sample: list[str]) -> None:
    assert line_with(example, "“三公”经费财政拨款支出决算中") == (
        "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算8.00万元，占28.57%；公务用车购置及运行维护费支出决算15.00万元，"
        "占53.57%；公务接待费支出决算5.00万元，占17.86%。具体情况如下："
    )
    assert line_with(example, "1、因公出国（境）费支出") == (
        "1、因公出国（境）费支出8.00万元。全年安排因公出国（境）团组2个、累计6人次。开支内容包括：赴境外开展文化交流和文旅推介活动的国际旅费、住宿费等。"
    )
    assert "公务用车购置支出为0.00万元。" in example  # nothing bought: no count
    assert line_with(example, "公务用车运行维护支出").endswith("2024年，上海市示范区文化旅游局所属各预算单位开支财政拨款的公务用车保有量为3辆。")
    assert line_with(sample, "国内公务接待支出") == "国内公务接待支出0.34万元。主要用于因医保经办调研活动产生的就餐费，国内公务接待3批次、28人次。"  # no 外宾


def test_fund_with_money(example: list[str]) -> None:
    assert "政府性基金预算财政拨款收入200.00万元，支出180.00万元，支出具体情况如下：" in example
    assert line_with(example, "用于体育事业的彩票公益金支出（项）") == (
        "1、其他支出（类）彩票公益金安排的支出（款）用于体育事业的彩票公益金支出（项）。主要用于：全民健身赛事活动和公共体育设施维护。"
        "年初预算为200.00万元，支出决算为180.00万元。决算数小于预算数的主要原因：部分赛事活动年末尚未完成结算，结转下年使用。"
    )


def test_performance_management(sample: list[str]) -> None:
    """The sample types no 预算绩效管理 facts: only the self-evaluation's computed figures are stated, no 制度 or 问题 clause."""
    assert line_with(sample, "预算绩效管理工作开展情况如下") == (
        "昌吉回族自治州医疗保障局2024年度预算绩效管理工作开展情况如下：全过程绩效管理实施情况：绩效自评的2024年度项目11个，"
        "涉及预算金额682.26万元，平均得分96.40分（其中，绩效评级为“优”的项目10个；绩效评级为“良”的项目1个；"
        "绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个）。"
    )


def test_admin_cost_change(example: list[str]) -> None:
    assert "机关运行经费支出130.00万元，比2023年度增加5.00万元，增长4.00%。主要原因是本年办公及差旅支出略有增加。" in example


def test_procurement(sample: list[str]) -> None:
    assert line_with(sample, "政府采购金额（以合同签订为准）").endswith(
        "为287.78万元，其中：货物采购金额19.73万元、工程采购金额0.00万元、服务采购金额268.05万元。"
    )


def test_assets(example: list[str]) -> None:
    assert line_with(example, "截至2024年12月31日") == (
        "截至2024年12月31日，上海市示范区文化旅游局共有车辆3辆，其中：副部（省）级及以上领导用车0辆、主要负责人用车0辆、机要通信用车1辆、"
        "应急保障用车1辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部服务用车0辆、其他用车1辆。单价100万元（含）以上设备（不含车辆）1台（套）。"
    )
