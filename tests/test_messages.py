"""Messages built from their declarations (issue 23): each code converted from a hand-written message is
emitted through its real rule or reader with a failing input, at its place, and its message names its values.

The message text itself is not asserted (it is the declaration's template, docs/findings.md): only that
the figures, names and cells a person needs to act on are in it.
"""

from __future__ import annotations

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
from generator.finding_codes import CODES, FindingDeclarationError
from generator.findings import Finding, Location, error, info, warning
from generator.load import package as limits
from generator.load.folder import load_unit_year
from generator.load.workbook import read_package, read_workbook
from tests.test_check_rules import CASES, apply, check

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


# --- the old helpers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("helper", [error, warning, info])
def test_a_templated_code_cannot_be_emitted_with_a_written_message(helper: Any) -> None:
    code = {error: "file-missing", warning: "sheet-absent", info: "blank-left-out"}[helper]
    assert CODES[code].message
    with pytest.raises(FindingDeclarationError, match="message template"):
        helper(code, Location(file="x"), "手写的消息")

