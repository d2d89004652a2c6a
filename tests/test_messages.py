"""Messages built from their declarations (issue 23): each code converted from a hand-written message is
emitted through its real rule or reader with a failing input, at its place, and its message names its values.

The message text itself is not asserted (it is the declaration's template, docs/findings.md): only that
the figures, names and cells a person needs to act on are in it.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fuzzing import package as pkg
from generator import door, layout
from generator.acknowledgements import RECORD_FILE, read_records
from generator.batch.worker import Task, crash_finding
from generator.check import RULES, run_checks
from generator.display import format_amount
from generator.findings import Finding, Location
from generator.load import package as limits
from generator.load.folder import load_unit_year
from generator.load.workbook import read_package, read_workbook
from generator.verify import verify_document
from generator.verify.against_data import Expected, _paragraphs, _tables, compare_with_data
from generator.verify.audit import Audit
from generator.verify.read_text import document_from_paragraphs
from generator.verify.rules_cross import check_tables_agree
from generator.verify.rules_performance import check_performance
from generator.verify.rules_presence import check_against_tables, check_sections, check_three_public
from generator.verify.rules_sentences import check_sentences
from generator.verify.rules_tables import check_presence_of_tables, check_tables
from generator.verify.rules_text import check_clauses, check_residue, check_unit_wording, check_years
from tests.test_check_rules import CASES, apply, check
from tests.test_verify import EXPENSE, HEAD, SECTION, SPENDING, SUMMARY, run

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj"
MAIN = layout.WORKBOOK


def shown(value: Any) -> list[str]:
    """The ways a value may be written in a message: as typed, or as an amount (absolute, two places)."""
    forms = [str(value)]
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        number = Decimal(str(value))
        forms += [format_amount(number), format_amount(abs(number)), f"{number:g}", f"{abs(number):g}"]
    return forms


def assert_names(finding: Finding, *keys: str) -> None:
    """FINDING's message names each of its values KEYS (in one of the forms of shown())."""
    assert set(keys) <= set(finding.values), (finding.code, sorted(finding.values))
    for key in keys:
        assert any(form in finding.message for form in shown(finding.values[key])), (finding.code, key, finding.values[key], finding.message)


# --- the check rules: the cases of tests/test_check_rules.py that emit a converted code ----------------------------

# The values each converted code's message names (the rest are figures the message words differently, e.g. a difference).
NAMED = {
    "rounding-residue": ("total", "stated", "expected"),
    "admin-cost-exceeds-public": ("stated", "public"),
    "vehicle-count-mismatch": ("held", "owned"),
    "vehicle-count-unexplained": ("held", "owned"),
    "procurement-share-exceeds": ("sme",),
    "budget-text-contradicts": ("item", "budget", "reason"),
    "table-empty": ("sheet", "source", "item", "stated"),
    "prior-total-missing": ("item", "current"),
    "three-public-difference-without-reason": ("basis", "current", "budget", "difference"),
    "workbook-looks-like-wanyuan": ("stated",),
    "blank-required": ("item", "sentence"),
    "blank-left-out": ("item", "sentence"),
    "section-without-data": ("sheet",),
    "prior-year-mismatch": ("stated", "expected"),
}

CONVERTED_CASES = [case for case in CASES if {e[0] for e in case.values[2]} & set(NAMED)]


def test_every_converted_check_code_has_a_case() -> None:
    covered = {e[0] for case in CONVERTED_CASES for e in case.values[2]}
    assert set(NAMED) <= covered


@pytest.mark.parametrize(("edit", "with_prior", "expected"), CONVERTED_CASES)
def test_a_converted_check_code_names_its_values(edit: list, with_prior: bool, expected: list, kit: Any, unit_folder: Any) -> None:
    cur, prior = kit.consistent_2024(), kit.consistent_2023()
    apply(kit, edit, cur, prior)
    findings = check(unit_folder(cur, prior=prior if with_prior else None))
    assert sorted(kit.located(findings)) == sorted(e[:3] for e in expected)
    for finding in findings:
        if finding.code in NAMED:
            assert_names(finding, *NAMED[finding.code])


def test_an_empty_table_worded_as_none_names_its_sheet_and_section(kit: Any, unit_folder: Any) -> None:
    cur = kit.consistent_2024()
    cur[layout.GPB.name], cur[layout.BASIC.name] = [], []
    fiscal = cur[layout.FISCAL.name]
    for name in [n for n in fiscal if n not in ("本年收入", "年初财政拨款结转和结余", "收入总计", "年末财政拨款结转和结余", "支出总计")]:
        fiscal[name] = [fiscal[name][0], 0, *fiscal[name][2:]]
    found = [f for f in check(unit_folder(cur)) if f.code == "table-empty-none"]
    assert sorted(f.location.sheet or "" for f in found) == sorted([layout.GPB.name, layout.BASIC.name])
    for finding in found:
        assert_names(finding, "sheet", "section")
        assert layout.FISCAL.name in finding.message


def test_blank_main_functions_is_a_section_without_data_at_its_field(kit: Any, unit_folder: Any) -> None:
    folder = unit_folder(kit.consistent_2024())
    texts = folder / layout.TEXTS
    texts.write_text("主要职能: []\n内设机构: []\n下属预算单位: []\n", encoding="utf-8")
    found = [f for f in check(folder) if f.code == "section-without-data" and f.location.field == "主要职能"]
    assert len(found) == 1 and found[0].location.file == str(texts)
    assert_names(found[0], "field")


def test_a_crashing_rule_names_the_rule_and_the_error(kit: Any, unit_folder: Any) -> None:
    from generator.api import check_folder

    checked = check_folder(unit_folder(kit.consistent_2024()))
    assert checked.figures is not None

    def check_broken(ctx: Any) -> Iterable[Finding]:
        raise ZeroDivisionError("boom")

    (crashed,) = [f for f in run_checks(checked.figures, rules=(check_broken, *RULES)) if f.code == "crashed"]
    assert crashed.location == Location(field="check_broken")
    assert_names(crashed, "name", "error")


def test_a_crashed_unit_of_a_batch_names_the_error(tmp_path: Path) -> None:
    task = Task(folder=tmp_path / "unit" / "2024", relative="unit/2024", output=tmp_path / "out", template=None, profile=None, run="r")
    finding = crash_finding(task, RuntimeError("worker died"))
    assert (finding.code, finding.location) == ("crashed", Location(file=str(task.folder)))
    assert_names(finding, "error")


# --- loading: absent sheets and the review record ----------------------------------------------------------------


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "unit")
    return tmp_path / "unit"


def test_absent_sheets_are_named(unit: Path) -> None:
    path = unit / "2024" / MAIN
    book = openpyxl.load_workbook(path)
    for name in (layout.GOV_FUND.name, layout.STAFF.name):
        del book[name]
    book.save(path)
    _, findings = load_unit_year(unit / "2024")
    absent = {f.code: f for f in findings if f.code in ("sheet-absent-empty", "sheet-absent")}
    assert absent["sheet-absent-empty"].location == Location(file=absent["sheet-absent-empty"].location.file, sheet=layout.GOV_FUND.name)
    assert absent["sheet-absent"].location.sheet == layout.STAFF.name
    for finding in absent.values():
        assert_names(finding, "sheet")


@pytest.mark.parametrize(
    ("text", "field", "named"),
    [
        pytest.param(b"\xff\xfe", None, "UTF-8", id="not-utf8"),
        pytest.param("- 代码: [\n".encode(), None, "第", id="syntax"),
        pytest.param("代码: x\n".encode(), None, "一条条记录", id="not-a-list"),
        pytest.param("- 代码: total-mismatch\n".encode(), "[1]", "第1条", id="incomplete-entry"),
    ],
)
def test_a_bad_review_record_says_what_is_wrong_at_it(tmp_path: Path, text: bytes, field: str | None, named: str) -> None:
    (tmp_path / RECORD_FILE).write_bytes(text)
    _, findings = read_records(tmp_path)
    (finding,) = findings
    assert (finding.code, finding.location) == ("review-record-invalid", Location(file=str(tmp_path / RECORD_FILE), field=field))
    assert RECORD_FILE in finding.message and named in finding.message


# --- the door and the package scan --------------------------------------------------------------------------------


def test_a_missing_file_names_its_path(tmp_path: Path) -> None:
    finding = door.refusal(tmp_path / "无.xlsx", "无.xlsx", 100)
    assert finding is not None and (finding.code, finding.location) == ("file-missing", Location(file="无.xlsx"))
    assert_names(finding, "path")


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling-link", "link-outside"])
def test_what_is_not_a_regular_file_is_named_by_its_kind(tmp_path: Path, kind: str) -> None:
    inside = tmp_path / "folder"
    inside.mkdir()
    path = inside / MAIN
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling-link":
        path.symlink_to(inside / "gone.xlsx")
    else:
        (tmp_path / "elsewhere.xlsx").write_bytes(b"x")
        path.symlink_to(tmp_path / "elsewhere.xlsx")
    finding = door.refusal(path, "决算数据.xlsx", 100)
    assert finding is not None and (finding.code, finding.location, finding.values["kind"]) == ("file-not-regular", Location(file="决算数据.xlsx"), kind)
    assert "决算数据.xlsx" in finding.message and ("符号链接" in finding.message) == ("link" in kind)


def test_a_file_too_large_names_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3 * 1024 * 1024)
    finding = door.refusal(path, "big.txt", 1024 * 1024)
    assert finding is not None and (finding.code, finding.location) == ("file-too-large", Location(file="big.txt"))
    assert "3.0 MB" in finding.message and "1 MB" in finding.message and finding.values["size"] == 3 * 1024 * 1024


def test_a_document_that_is_not_a_pdf_or_a_zip_is_unreadable_with_the_reason(tmp_path: Path) -> None:
    for name, reason in (("a.pdf", "PDF"), ("a.docx", "zip")):
        (tmp_path / name).write_bytes(b"not this kind of file")
        data, finding = door.read_document(tmp_path / name, name)
        assert data is None and finding is not None and (finding.code, finding.location) == ("file-unreadable", Location(file=name))
        assert name in finding.message and reason in finding.message


def _docx_with(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def test_a_document_package_that_inflates_names_the_member_and_the_limit(tmp_path: Path) -> None:
    path = _docx_with(tmp_path, {"word/document.xml": b"<w/>" + b" " * (4 * 1024 * 1024)})
    finding = door.zip_refusal(path, "a.docx")
    assert finding is not None and (finding.code, finding.location) == ("file-inflates", Location(file="a.docx"))
    assert_names(finding, "member", "ratio", "limit")


def test_a_document_package_with_too_many_members_names_the_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(door, "MAX_MEMBERS", 2)
    finding = door.zip_refusal(_docx_with(tmp_path, {f"p{i}.xml": b"<a/>" for i in range(3)}), "a.docx")
    assert finding is not None and finding.code == "file-inflates"
    assert_names(finding, "members", "limit")


def test_entities_in_a_document_name_the_member(tmp_path: Path) -> None:
    finding = door.zip_refusal(_docx_with(tmp_path, {"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><w/>'}), "a.docx")
    assert finding is not None and (finding.code, finding.location) == ("xml-entities", Location(file="a.docx"))
    assert_names(finding, "member")


def _workbook(unit: Path, change: Any = None) -> Path:
    path = unit / "2024" / MAIN
    if change is not None:
        path.write_bytes(change(path.read_bytes()))
    return path


def test_a_workbook_bomb_names_the_member(unit: Path) -> None:
    _, (finding,) = read_workbook(_workbook(unit, lambda data: pkg.zip_bomb(data, 40)), MAIN)
    assert (finding.code, finding.location) == ("file-inflates", Location(file=MAIN))
    assert_names(finding, "member", "ratio", "limit")


def test_a_workbook_beyond_the_inflated_limit_names_the_member(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 50_000)
    _, (finding,) = read_workbook(_workbook(unit), MAIN)
    assert finding.code == "file-inflates" and finding.values["limit"] == 50_000
    assert_names(finding, "member")


def test_a_workbook_with_too_many_members_names_the_count(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_MEMBERS", 3)
    _, (finding,) = read_workbook(_workbook(unit), MAIN)
    assert finding.code == "file-inflates"
    assert_names(finding, "members", "limit")


def test_a_workbook_reaching_beyond_the_read_range_cannot_be_reworked_and_says_where(unit: Path) -> None:
    path = _workbook(unit, lambda data: pkg.far_cell(data, "xl/worksheets/sheet2.xml", "XFD1048576"))
    data, finding = read_package(path, MAIN)
    assert data is None and finding is not None and (finding.code, finding.location) == ("file-inflates", Location(file=MAIN))
    assert_names(finding, "member")
    assert "XFD1048576" in finding.message


def test_entities_in_a_workbook_name_the_member(unit: Path) -> None:
    _, (finding,) = read_workbook(_workbook(unit, lambda data: pkg.external_entity(data, "xl/worksheets/sheet2.xml")), MAIN)
    assert (finding.code, finding.location) == ("xml-entities", Location(file=MAIN))
    assert_names(finding, "member")


def test_a_damaged_workbook_is_unreadable_with_the_reason(unit: Path) -> None:
    _, (finding,) = read_workbook(_workbook(unit, lambda data: data[: len(data) // 2]), MAIN)
    assert (finding.code, finding.location) == ("file-unreadable", Location(file=MAIN))
    assert MAIN in finding.message and "另存为 .xlsx" in finding.message


def test_a_workbook_read_too_slowly_names_the_limit(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "BUDGET_SECONDS", 0)
    _, (finding,) = read_workbook(_workbook(unit), MAIN)
    assert (finding.code, finding.location) == ("file-too-slow", Location(file=MAIN))
    assert_names(finding, "seconds")


# --- verify: each doc-* code through its rule, on a document made of paragraphs and tables ---------------------------


def _verified(rule: Any, texts: list[str], tables: Any = ()) -> list[Finding]:
    return list(run(rule, texts, tables).findings)


SENTENCES = [
    # (code, the sentence, values its message names)
    ("doc-sum-mismatch", "2024年度收入总计100.00万元，其中：本年收入合计90.00万元，年初结转和结余20.00万元。", ("expected",)),
    ("doc-share-mismatch", "本年收入100.00万元，其中：财政拨款收入80.00万元，占81.00%；其他收入20.00万元，占20.00%。", ("stated", "base", "computed")),
    ("doc-rate-mismatch", "机关运行经费支出41.02万元，比上年增加12.61万元，增长45.39%。", ("stated", "change", "computed")),
    ("doc-rate-mismatch", "行政单位离退休支出0.25万元，比上年增加0.25万元，增长25.00%。", ("stated", "change", "current")),
    ("doc-direction-mismatch", "机关运行经费支出41.02万元，比上年减少12.61万元，增长44.39%。", ("word", "expected")),
    ("doc-direction-mismatch", "全年预算为300.00万元，支出决算为280.00万元。决算数大于预算数的主要原因：节约。", ("word", "expected")),
    ("doc-zero-base-growth", "行政单位离退休支出0.25万元，比上年增加0.25万元，增长100.00%。", ("stated",)),
    ("doc-completion-mismatch", "年初预算为80.00万元，支出决算为100.00万元，完成年初预算的120.00%。决算数大于预算数的主要原因：追加。", ("stated", "computed", "budget", "actual")),
    ("doc-completion-mismatch", "年初预算数1,120.42万元，决算数1,222.68万元，预决算差异率9.31%。", ("stated", "computed", "budget", "actual")),
]


@pytest.mark.parametrize(("code", "text", "named"), SENTENCES)
def test_a_sentence_finding_names_its_values(code: str, text: str, named: tuple[str, ...]) -> None:
    (finding,) = _verified(check_sentences, [SECTION, text])
    assert (finding.code, finding.location.cell) == (code, "第4段")
    assert_names(finding, *named)


def test_a_share_of_nothing_says_so() -> None:
    found = _verified(check_sentences, [SECTION, "本年收入0.00万元，其中：财政拨款收入0.00万元，占50.00%；其他收入0.00万元，占50.00%。"])
    assert [(f.code, f.location.cell) for f in found] == [("doc-share-mismatch", "第4段")] * 2
    for finding in found:
        assert finding.values["computed"] is None and "都为0" in finding.message
        assert_names(finding, "stated")


TEXTS = [
    (check_residue, "本年收入XX万元。", "doc-placeholder", ("snippet",)),
    (check_clauses, "主要原因是：。", "doc-dangling-clause", ("snippet",)),
    (check_clauses, "支出增加。。", "doc-repeated", ("snippet",)),
    (check_clauses, "财政拨款收入1,222.68万元，占98.73；", "doc-unit-missing", ("unit",)),
    (check_years, "2023年度收入总计100.00万元。", "doc-year-mismatch", ("actual", "expected")),
    (check_years, "收入支出总计与2022年度相比，增加1.00万元。", "doc-year-mismatch", ("actual", "expected")),
    (check_years, "收入增加1.00万元，主要原因是：2019年起新增业务。", "doc-year-mismatch", ("actual", "expected")),
]


@pytest.mark.parametrize(("rule", "text", "code", "named"), TEXTS)
def test_a_text_finding_names_what_it_found(rule: Any, text: str, code: str, named: tuple[str, ...]) -> None:
    (finding,) = _verified(rule, [SECTION, text])
    assert (finding.code, finding.location.cell) == (code, "第4段")
    assert_names(finding, *named)


def test_a_heading_of_another_year_names_both_years() -> None:
    audit = Audit(document_from_paragraphs("d.docx", ["某某局2024年度部门决算公开说明", "第二部分　2023年度部门决算情况说明", SECTION, "本年收入。"]))
    check_years(audit)
    (finding,) = audit.findings
    assert finding.location.cell == "第2段"
    assert finding.code == "doc-year-mismatch"
    assert_names(finding, "actual", "expected")


def test_a_placeholder_in_a_table_names_it() -> None:
    before, rows = EXPENSE
    (finding,) = _verified(check_residue, [], [(before, [*rows[:5], ("2080506", "XX支出", "30.00", "0.00", "30.00")])])
    assert (finding.code, finding.location.cell) == ("doc-placeholder", "第6行")
    assert_names(finding, "snippet")


def test_department_wording_in_a_unit_document_names_the_words() -> None:
    audit = Audit(document_from_paragraphs("d.docx", ["某中心2024年度单位决算公开说明", "本部门本年度无政府性基金。"]))
    check_unit_wording(audit)
    (finding,) = audit.findings
    assert (finding.code, finding.location.cell) == ("doc-unit-wording", "第2段")
    assert_names(finding, "snippet")


def test_table_sums_name_both_figures() -> None:
    before, rows = EXPENSE
    changed = [*rows[:4], ("2080505", "机关事业单位基本养老保险缴费支出", "75.00", "65.00", "10.00"), rows[5]]
    found = _verified(check_tables, [], [(before, changed)])
    assert [(f.code, f.location.cell) for f in found] == [("doc-table-mismatch", "第4行「合计」"), ("doc-table-mismatch", "第4行「基本支出」")]
    for finding in found:
        assert_names(finding, "stated", "expected", "difference")
    missing = _verified(check_tables, [], [(before, [*rows[:3], rows[4], rows[5]])])
    assert [(f.code, f.location.cell) for f in missing] == [("doc-table-mismatch", "第3行")]
    assert_names(missing[0], "stated")


def test_the_summary_table_identity_names_both_totals() -> None:
    before, rows = SUMMARY
    found = _verified(check_tables, [], [(before, [*rows[:5], ("收入总计", "106.00", "支出总计", "105.00")])])
    assert [f.code for f in found] == ["doc-table-mismatch", "doc-table-mismatch"]
    for finding in found:
        assert_names(finding, "stated", "expected")


def test_an_unreadable_table_names_why() -> None:
    audit = run(check_tables, [], [SUMMARY])
    table = dataclasses.replace(audit.document.tables[0], readable=False, why_unreadable="空白单元格没有留下痕迹")
    audit = Audit(dataclasses.replace(audit.document, tables=(table,)))
    check_tables(audit)
    (finding,) = audit.findings
    assert (finding.code, finding.location.sheet) == ("doc-table-unreadable", "公开01表 收入支出决算总表")
    assert_names(finding, "table", "reason")


def test_figures_that_disagree_name_both_places() -> None:
    ok = "1.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）：支出决算数为30.00万元。"
    section = ["五、一般公共预算财政拨款支出决算情况说明"]
    (figure,) = _verified(check_against_tables, [*section, ok.replace("30.00", "35.00")], [EXPENSE])
    (scale,) = _verified(check_against_tables, [*section, ok.replace("30.00", "300,000.00")], [EXPENSE])
    (absent,) = _verified(check_against_tables, [*section, ok.replace("职业年金", "其他")], [EXPENSE])
    assert [(f.code, f.location.cell) for f in (figure, scale, absent)] == [("doc-figure-mismatch", "第4段"), ("doc-scale-mismatch", "第4段"), ("doc-figure-mismatch", "第4段")]
    assert_names(figure, "stated", "computed", "other")
    assert_names(scale, "stated", "computed", "other")
    assert_names(absent, "stated", "other")
    before, rows = SPENDING
    (tables,) = _verified(check_tables_agree, [], [SUMMARY, (before, [rows[0], ("", "合计", "101.00", "61.00", "40.00"), *rows[2:]])])
    assert (tables.code, tables.location.cell) == ("doc-figure-mismatch", "第2行「本年支出合计」")
    assert_names(tables, "stated", "computed", "other")


def test_project_counts_by_grade_against_the_count_name_both() -> None:
    texts = ["十一、预算绩效情况说明", "本单位组织对10个项目开展绩效自评，绩效自评的项目12个，其中评级为“优”的项目10个，评级为“良”的项目1个。"]
    (finding,) = _verified(check_performance, texts)
    assert (finding.code, finding.location.cell) == ("doc-figure-mismatch", "第4段")
    assert_names(finding, "stated", "computed", "other")


def test_missing_sections_tables_and_three_public_parts_are_named() -> None:
    sections = _verified(check_sections, [SECTION])
    assert sections and all(f.code == "doc-section-missing" and f.location == Location(file="说明.docx") for f in sections)
    tables = _verified(check_presence_of_tables, [SECTION])
    assert len(tables) == 9 and all(f.code == "doc-table-missing" and f.location.cell == "第1段" for f in tables)
    full = "因公出国（境）费0.00万元，团组0个。公务用车购置费0.00万元，运行维护费7.32万元，保有量1辆。"
    parts = _verified(check_three_public, ["九、财政拨款“三公”经费支出决算情况说明", full])
    assert parts and all(f.code == "doc-three-public-missing" and f.location.cell == "第4段" for f in parts)
    for finding in (*sections, *tables, *parts):
        assert_names(finding, "expected")


def test_against_the_data_a_changed_figure_and_sentence_are_named() -> None:
    generated = document_from_paragraphs("生成.docx", [*HEAD, SECTION, "2024年度收入总计100.00万元。支出主要用于医疗保障。"])
    audit = run(lambda audit: None, [SECTION, "2024年度收入总计110.00万元。支出主要用于医疗保障和办公。"])
    _paragraphs(audit, generated)
    figures = [f for f in audit.findings if f.code == "doc-data-mismatch"]
    texts = [f for f in audit.findings if f.code == "doc-text-differs"]
    assert [f.location.cell for f in figures] == ["第4段"] and [f.location.cell for f in texts] == ["第4段"]
    assert_names(figures[0], "stated", "computed", "name")
    assert texts[0].values["expected"][:10] in texts[0].message


def test_against_the_data_a_table_cell_is_named() -> None:
    before, rows = EXPENSE
    audit = run(lambda audit: None, [], [(before, [*rows[:5], ("2080506", "机关事业单位职业年金缴费支出", "31.00", "0.00", "31.00")])])
    _tables(audit, document_from_paragraphs("生成.docx", HEAD, [EXPENSE]))
    found = [f for f in audit.findings if f.code == "doc-data-mismatch"]
    assert found and all(f.location.sheet == "公开05表 一般公共预算财政拨款支出决算表" for f in found)
    for finding in found:
        assert_names(finding, "stated", "computed", "name")


def test_an_unreadable_document_or_data_folder_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "说明.docx"
    bad.write_bytes(b"not a zip")
    (finding,), _ = verify_document(bad)
    assert (finding.code, finding.location) == ("doc-unreadable", Location(file=str(bad)))
    assert "说明.docx" in finding.message
    assert_names(finding, "reason")
    audit = run(lambda audit: None, [SECTION])
    compare_with_data(audit, Expected(tmp_path / "无此文件夹", lambda level: {}))
    (data,) = audit.findings
    assert (data.code, data.location) == ("doc-unreadable", Location(file=str(tmp_path / "无此文件夹")))
    assert str(tmp_path / "无此文件夹") in data.message


def test_a_crashing_verify_rule_names_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.verify as verify

    def check_broken(audit: Audit) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(verify, "_rules", lambda: [check_broken])
    document = tmp_path / "说明.txt"
    document.write_text("\n".join([*HEAD, SECTION]), encoding="utf-8")
    findings, _ = verify_document(document)
    (crashed,) = findings
    assert (crashed.code, crashed.location, crashed.values["stage"]) == ("crashed", Location(file=str(document)), "verify-rule")
    assert_names(crashed, "name", "error")
