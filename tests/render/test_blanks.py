"""Blank is not zero in the document: each case of issue 9's "Why", generated with --force.

Each test generates a real .docx and reads its text back: what a reader of the published
document would see. A blank must never read as 0, and no sentence may be left with an empty
clause ("包括。", "是：。", a bare "其中：").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.render.dump import document_lines, section_lines

S = layout.SUMMARY.name
OM = layout.OTHER_MATTERS.name
P = layout.STAFF.name
D = layout.THREE_PUBLIC_DETAILS.name
ROOT = Path(__file__).resolve().parents[2]

BROKEN = re.compile(r"：。|包括。|是：。|(?:数|额|率|计)为。|其中：$|其中：。|，。|；。|万元万元|^。")


def document(folder: Path, tmp_path: Path) -> tuple[str, set[str]]:
    out = tmp_path / "out.docx"
    result = api.generate(folder, output=out, force=True)
    assert result.ok, [str(f) for f in result.findings]
    return "\n".join(document_lines(out)), {f.code for f in result.findings}


def broken_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if BROKEN.search(line)]


def test_empty_income_and_expense_tables_do_not_read_as_zero(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    values[layout.INCOME.name] = []
    values[layout.EXPENSE.name] = []
    for name in (*layout.INCOME_SOURCES, "本年收入合计", "本年支出合计", "使用非财政拨款结余", "年初结转和结余", "结余分配", "年末结转和结余"):
        kit.set_value(values, S, name, "金额", None)
    for name in list(values[S]):
        if name not in {i.name for i in layout.SUMMARY.items}:
            del values[S][name]  # the 类 rows of the expenditure side, blank too
    kit.set_value(values, S, "收入总计", "金额", 505.20)
    kit.set_value(values, S, "支出总计", "金额", 505.20)
    text, codes = document(unit_folder(values), tmp_path)
    assert "收入总计505.20万元。" in text
    assert "本年收入合计0.00万元" not in text and "基本支出0.00万元" not in text
    assert "本单位未填报2024年度收入决算数据。" in text and "本单位未填报2024年度支出决算数据。" in text
    assert "占本年支出合计的" not in text  # no share of an unknown whole
    assert "blank-required" in codes
    assert broken_lines(text) == []


def test_a_partial_year_states_no_blank_as_zero(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    text, codes = document(unit_folder(kit.partial_2023(), texts=None, year=2023), tmp_path)
    assert "本年收入合计0.00万元" not in text
    assert "占本年支出合计的0.00%" not in text
    assert {"blank-required", "blank-left-out", "section-without-data"} <= codes
    assert broken_lines(text) == []


BLANK_TEXTS = """\
主要职能:
  - 负责医疗保障工作。
下属预算单位:
内设机构:
预算绩效:
  成效: ""
  问题: ""
  措施: ""
"""


@pytest.mark.slow
def test_blank_texts_leave_no_empty_clause(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    for name in ("因公出国（境）费开支内容", "公务用车运行维护费开支内容", "固定资产车辆与公务用车保有量差异原因", "公务接待费开支内容"):
        kit.set_value(values, D, name, layout.CONTENT, None)
    folder = unit_folder(values, texts=BLANK_TEXTS)
    (folder / "绩效自评表.xlsx").write_bytes((ROOT / "inputs" / "changji-ybj" / "2024" / "绩效自评表.xlsx").read_bytes())
    text, codes = document(folder, tmp_path)
    for empty in ("开支内容包括。", "差异原因是：。", "发现的问题及原因：。", "取得的成效：。", "改进措施：。", "未设内设科室", "无下属预算单位"):
        assert empty not in text
    assert "国有资产占用情况中固定资产车辆1辆。" in text
    assert "预算绩效评价项目11个" in text
    assert "blank-left-out" in codes
    assert broken_lines(text) == []


def test_blank_staff_and_asset_cells_are_left_out(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, P, "实有人数", "本年人数", None)
    for name in ("房屋面积", "房屋价值"):
        kit.set_value(values, OM, name, "本年数", None)
    kit.set_value(values, OM, "执法执勤用车", "本年数", None)
    text, _ = document(unit_folder(values), tmp_path)
    assert "实有人数" not in text.split("第二部分")[0]
    assert "年度，在职人员30人，减少1人；" in text
    assert "房屋" not in text.split("（三）国有资产占用情况说明")[1].split("十一、")[0]
    # one vehicle kind blank: the total is unknown, the kinds that were typed are still listed
    assert "车辆价值19.77万元，其中：副部（省）级及以上领导用车0辆" in text
    assert "执法执勤用车" not in text.split("（三）国有资产占用情况说明")[1].split("十一、")[0]
    assert broken_lines(text) == []


def test_typed_zero_is_worded_as_zero(tmp_path: Path) -> None:
    """The sample types its zeros: they stay (the golden file holds the whole text)."""
    text, _ = document(ROOT / "inputs" / "changji-ybj" / "2024", tmp_path)
    assert "房屋0.00平方米，价值0.00万元。" in text
    assert "离休人员0人，与上年持平" in text


def test_no_self_evaluation_workbook_warns_and_adds_no_page(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    text, codes = document(unit_folder(kit.consistent_2024()), tmp_path)
    assert "self-evaluation-missing" in codes
    assert "评价项目0个" not in text and "具体附整体支出绩效自评表" not in text
    assert "本单位本年度未开展预算绩效自评。" in text
    assert "单位整体支出绩效自评表" not in text
    # and no blank (landscape) page where the appended tables would have been
    assert all(lines for _, lines in section_lines(tmp_path / "out.docx"))


def test_the_empty_self_evaluation_workbook_of_init_reads_as_none(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    from generator.load.self_evaluation.blank_workbook import write_empty_workbook

    folder = unit_folder(kit.consistent_2024())
    write_empty_workbook(folder / "绩效自评表.xlsx")
    out = tmp_path / "out.docx"
    result = api.generate(folder, output=out, force=True)
    text = "\n".join(document_lines(out))
    assert "self-evaluation-empty" in {f.code for f in result.findings}
    assert "评价项目0个" not in text and "预算绩效管理形成" not in text
    assert "本单位本年度未开展预算绩效自评。" in text
    assert "单位整体支出绩效自评表" not in text
    # the empty workbook adds no section of its own, and no section is left without text
    sections = section_lines(out)
    assert all(lines for _, lines in sections)
    assert not any("自评表" in line for _, lines in sections for line in lines)
