"""Checks of what a published document must never say: amounts in 元 under a 万元 封面, template residue
left in texts a person wrote, repeated punctuation or words and odd years in reasons, unknown columns.

Each code has its failing and passing cases here or in tests/test_check_rules.py; this module also
asserts that the shipped folders (the sample's two years and the 上海 example) give none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import layout
from generator.api import check_folder
from generator.findings import Finding, Severity
from generator.init import TEXTS_TEMPLATE
from generator.residue import placeholder_in, repetition_in, years_in

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("inputs/changji-ybj/2024", "inputs/changji-ybj/2023", "inputs/shanghai-example/2024", "inputs/shanghai-example/上海市示范区文化馆/2024")
NEW_CODES = frozenset(
    {"amount-in-yuan", "workbook-looks-like-yuan", "amount-looks-like-yuan", "text-placeholder", "text-repeated", "reason-odd-year", "column-unknown"}
)


@pytest.mark.parametrize("folder", SHIPPED)
def test_the_shipped_folders_give_none_of_these_findings(folder: str) -> None:
    checked = check_folder(ROOT / folder)
    assert [str(f) for f in checked.findings if f.code in NEW_CODES] == []


# --- text residue (generator/residue.py): each decision, both ways ------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("本年XX支出增加XX万元", "XX"),
        ("主要用于XXX项目", "XXX"),
        ("xx医院医疗服务", "xx"),
        ("主要是××费用增加", "××"),
        ("主要用于办公费、差旅费……", "……"),
        ("主要用于办公费…", "…"),
        ("主要用于办公费...", "..."),
        ("按照《关于印发…的通知》", "…"),  # an ellipsis is flagged even inside a title: the title is unfinished
        ("原因待补充", "待补充"),
        ("待填写", "待填写"),
        ("TODO 写原因", "TODO"),
        ("主要原因是【】", "【】"),
        ("主要原因是【填写原因】", "【填写原因】"),
        ("按【2024】年标准执行", "【2024】"),  # a year in 【】 without a document number is a field
        ("较上年增加（减少）10万元", "增加（减少）"),
        ("增长（下降）5%", "增长（下降）"),
        ("决算数大于（小于）预算数", "大于（小于）"),
        ("支出下降（增长）", "下降（增长）"),
        ("较上年增加/减少", "增加/减少"),
        ("与上年持平（如持平作持平表述）", "（如持平作持平表述）"),
        ("建立了XXXX（制度名称）", "XXXX"),
        ("建立了预算绩效管理办法（制度名称）", "（制度名称）"),
        ("（第一项职能，照抄“三定”方案）", "（第一项职能，照抄“三定”方案）"),
        ("（第二项职能）", "（第二项职能）"),
        ("（内设科室名称，如：办公室）", "（内设科室名称，如：办公室）"),
    ],
)
def test_template_residue_is_found(text: str, found: str) -> None:
    assert placeholder_in(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "",
        "本年在职人员工资调增，导致相关人员经费较上年有所增加。",
        "购置XXL型号服务器一台",  # XX inside a Latin word
        "采购MAXX系列设备",
        "办公室",
        "主要用于办公设备购置（含打印机、复印机）等支出。",  # a real parenthesis inside a sentence
        "根据《株洲市人民政府关于印发的通知》（株政发【2010】39号）执行。",  # issue 18: document numbers
        "按照财预〔2019〕77号文件要求调整。",
        "依据沪财预【 2023 】第5号文件。",
    ],
)
def test_real_text_is_not_residue(text: str) -> None:
    assert placeholder_in(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("经费较上年增加。。", "。。"),
        ("主要用于办公费，，差旅费", "，，"),
        ("一是；；二是", "；；"),
        ("相关的的经费", "的的"),
        ("经费增加增加", "增加增加"),
        ("一般公共预算支出支出增加", "支出支出"),
    ],
)
def test_repetition_is_found(text: str, found: str) -> None:
    assert repetition_in(text) == found


@pytest.mark.parametrize("text", ["层层把关，逐步推进，常常检查", "办公费、差旅费等等", "的的确确按期完成", "经费增加。支出减少。", "……"])
def test_real_repetition_is_not_flagged(text: str) -> None:
    assert repetition_in(text) is None


def test_years_named_in_a_text() -> None:
    assert years_in("2022年度预算调整，2024年执行") == (2022, 2024)
    assert years_in("依据新财〔2023〕5号文件，金额12023元") == ()


# --- the checks, at their cell or field -------------------------------------------------------------

G = layout.GPB.name
V = layout.OVERVIEW.name
D = layout.THREE_PUBLIC_DETAILS.name
OM = layout.OTHER_MATTERS.name


def written(findings: list[Finding]) -> list[tuple[str, str | None, str | None, str | None]]:
    codes = {"text-placeholder", "text-repeated", "reason-odd-year", "column-unknown"}
    return sorted((f.code, f.location.sheet, f.location.cell, f.location.field) for f in findings if f.code in codes)


def test_what_init_writes_is_reported_field_by_field(kit: Any, unit_folder: Any) -> None:
    findings = check_folder(unit_folder(kit.consistent_2024(), texts=TEXTS_TEMPLATE)).findings
    assert written(list(findings)) == [
        ("text-placeholder", None, None, "主要职能[1]"),
        ("text-placeholder", None, None, "主要职能[2]"),
        ("text-placeholder", None, None, "内设机构[1]"),
    ]
    assert all(f.severity is Severity.ERROR for f in findings if f.code == "text-placeholder")


def test_residue_in_workbook_cells_is_an_error_at_the_cell(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101501", layout.REASON, "本年XX支出较上年增加（减少）。")
    kit.set_value(values, V, "收入支出总计", layout.REASON, "待补充")
    kit.set_value(values, D, "公务接待费开支内容", layout.CONTENT, "主要用于【】")
    findings = list(check_folder(unit_folder(values)).findings)
    assert written(findings) == sorted([("text-placeholder", D, "B13", None), ("text-placeholder", G, "G24", None), ("text-placeholder", V, "D4", None)])
    by_cell = {f.location.cell: f for f in findings if f.code == "text-placeholder"}
    assert by_cell["G24"].values["found"] == "XX" and by_cell["D4"].values["found"] == "待补充"


def test_the_consistent_sample_has_no_written_finding(kit: Any, unit_folder: Any) -> None:
    assert written(list(check_folder(unit_folder(kit.consistent_2024(), prior=kit.consistent_2023())).findings)) == []


def test_repetition_and_odd_years_are_warnings_at_the_cell(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101501", layout.REASON, "在职人员工资调增，，导致经费增加。")
    kit.set_value(values, G, "2101502", layout.REASON, "2022年新增项目，2023年延续，2024年结束，经费增加。")
    kit.set_value(values, V, "收入支出总计", layout.REASON, "本年经费增加增加。")
    findings = list(check_folder(unit_folder(values)).findings)
    assert written(findings) == sorted([("reason-odd-year", G, "G25", None), ("text-repeated", G, "G24", None), ("text-repeated", V, "D4", None)])
    (odd,) = [f for f in findings if f.code == "reason-odd-year"]
    assert odd.values["year"] == 2022 and odd.values["expected"] == [2024, 2023]
    assert all(f.severity is Severity.WARNING for f in findings if f.code in ("text-repeated", "reason-odd-year"))


# --- a column whose header juesuan does not know -----------------------------------------------------


def _add_columns(path: Path, sheet: str, headers: list[str]) -> list[str]:
    """Append header cells (with a value below each) to SHEET's header row; returns their cells."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path)
    ws = book[sheet]
    header_row = layout.HEADER_ROW + 1
    start = ws.max_column + 1
    cells = []
    for i, header in enumerate(headers):
        letter = get_column_letter(start + i)
        ws[f"{letter}{header_row}"] = header
        ws[f"{letter}{header_row + 1}"] = "某内容"
        cells.append(f"{letter}{header_row}")
    book.save(path)
    return cells


def unknown_columns(findings: Any) -> list[tuple[str | None, str | None, str]]:
    return sorted((f.location.sheet, f.location.cell, f.values["header"]) for f in findings if f.code == "column-unknown")


def test_an_unknown_or_repeated_header_is_a_warning_at_its_cell(kit: Any, unit_folder: Any) -> None:
    folder = unit_folder(kit.consistent_2024())
    unknown, repeated = _add_columns(folder / layout.WORKBOOK, G, ["变动原困", layout.REASON])
    findings = check_folder(folder).findings
    assert unknown_columns(findings) == sorted([(G, repeated, layout.REASON), (G, unknown, "变动原困")])
    assert all(f.severity is Severity.WARNING for f in findings if f.code == "column-unknown")


def test_headers_ignored_on_purpose_give_no_warning(kit: Any, unit_folder: Any) -> None:
    folder = unit_folder(kit.consistent_2024())
    _add_columns(folder / layout.WORKBOOK, G, ["备注", "序号"])
    _add_columns(folder / layout.WORKBOOK, OM, ["行次"])
    assert unknown_columns(check_folder(folder).findings) == []


def test_an_unknown_header_in_the_self_evaluation_workbook(kit: Any, tmp_path: Path) -> None:
    import shutil

    from generator.load.self_evaluation.reader import load_self_evaluation
    from generator.self_evaluation.layout import PROJECT_INDICATORS, WORKBOOK_NAME

    folder = Path(kit.SAMPLE_FOLDER)
    assert [f for f in load_self_evaluation(folder)[1] if f.code == "column-unknown"] == []
    copy = tmp_path / "2024"
    copy.mkdir()
    shutil.copy(folder / WORKBOOK_NAME, copy / WORKBOOK_NAME)
    (cell,) = _add_columns(copy / WORKBOOK_NAME, PROJECT_INDICATORS.name, ["指标解释"])
    found = [f for f in load_self_evaluation(copy)[1] if f.code == "column-unknown"]
    assert [(f.location.sheet, f.location.cell, f.values["header"]) for f in found] == [(PROJECT_INDICATORS.name, cell, "指标解释")]
