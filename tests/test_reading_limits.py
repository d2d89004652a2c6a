"""Reading is bounded before it starts, and every failure is a finding or exit 3 (issue 14).

Each case failed before: a value at XFD1048576 aborted the process (calamine's dense grid asked
for 512 GiB), GR200000 took 13 s and 1.6 GB, a zip that inflates past its size limit was read,
a formula plus an XML entity crashed the formula scan (ParseError), last year's workbook being a
folder, FIFO or dangling link was skipped in silence, and a bug escaping the library printed a
traceback with exit 1 and no JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from fuzzing import package as pkg
from generator import api
from generator.cli import EXIT_INTERNAL, main
from generator.load import package as limits
from generator.load.workbook import read_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj"
MAIN, SELF = "决算数据.xlsx", "绩效自评表.xlsx"
SUMMARY_PART = "xl/worksheets/sheet2.xml"  # 收入支出决算总表


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    """A copy of the sample, both years: unit/2024 and unit/2023."""
    shutil.copytree(SAMPLE, tmp_path / "unit")
    return tmp_path / "unit"


def _codes(checked: api.Checked) -> list[tuple[str, str | None, str | None]]:
    return sorted((f.code, f.location.sheet, f.location.cell) for f in checked.findings)


def _change(path: Path, change) -> None:
    path.write_bytes(change(path.read_bytes()))


@pytest.fixture(scope="module")
def sample_codes() -> list[tuple[str, str | None, str | None]]:
    return _codes(api.check_folder(SAMPLE / "2024"))


def test_a_stray_value_far_away_is_a_warning_at_its_cell(unit: Path, sample_codes: list) -> None:
    _change(unit / "2024" / MAIN, lambda data: pkg.far_cell(data, SUMMARY_PART, "GR200000"))
    checked = api.check_folder(unit / "2024")
    assert _codes(checked) == sorted([*sample_codes, ("cell-out-of-range", "收入支出决算总表", "GR200000")])


def test_a_stray_value_in_the_self_evaluation_is_a_warning_too(unit: Path, sample_codes: list) -> None:
    _change(unit / "2024" / SELF, lambda data: pkg.far_cell(data, "xl/worksheets/sheet3.xml", "XFD1048576"))
    checked = api.check_folder(unit / "2024")
    assert _codes(checked) == sorted([*sample_codes, ("cell-out-of-range", "项目绩效指标", "XFD1048576")])


def test_a_sheet_that_only_claims_a_huge_dimension_reads_as_usual(unit: Path, sample_codes: list) -> None:
    _change(unit / "2024" / MAIN, lambda data: pkg.lying_dimension(data, SUMMARY_PART))
    assert _codes(api.check_folder(unit / "2024")) == sample_codes


_CAPPED_CHECK = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from generator.cli import main
main(["check", sys.argv[1], "--format", "json"])
"""


@pytest.mark.slow
def test_a_value_at_xfd1048576_neither_aborts_nor_exhausts_memory(unit: Path) -> None:
    """Run under a 2 GiB address-space cap, as the fuzz campaign does: before, this aborted (exit 134)."""
    for year in ("2024", "2023"):
        _change(unit / year / MAIN, lambda data: pkg.far_cell(data, SUMMARY_PART, "XFD1048576"))
    run = subprocess.run(
        [sys.executable, "-c", _CAPPED_CHECK, str(unit / "2024")], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    far = [f for f in report["findings"] if f["code"] == "cell-out-of-range"]
    assert [(f["location"]["sheet"], f["location"]["cell"]) for f in far] == [("收入支出决算总表", "XFD1048576")]
    assert "Traceback" not in run.stderr


def test_a_zip_bomb_is_refused_before_it_is_inflated(unit: Path) -> None:
    _change(unit / "2024" / MAIN, lambda data: pkg.zip_bomb(data, 40))
    checked = api.check_folder(unit / "2024")
    assert _codes(checked) == [("file-inflates", None, None)] and not checked.readable
    assert checked.findings[0].values["member"] == "xl/worksheets/sheet1.xml"


def test_a_member_that_inflates_beyond_its_declared_size_is_refused(unit: Path) -> None:
    _change(unit / "2024" / MAIN, lambda data: pkg.lie_about_size(pkg.zip_bomb(data, 40), "xl/worksheets/sheet1.xml", 3000))
    assert _codes(api.check_folder(unit / "2024")) == [("file-unreadable", None, None)]


def test_more_inflated_bytes_than_the_limit_are_refused(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 50_000)  # the sample inflates to ~100 KB
    book, findings = read_workbook(unit / "2024" / MAIN, "决算数据.xlsx")
    assert book is None and [f.code for f in findings] == ["file-inflates"]


@pytest.mark.parametrize("change", [pkg.entity_expansion, pkg.external_entity], ids=["billion-laughs+formula", "external"])
def test_xml_entities_are_refused_in_any_workbook(unit: Path, change, sample_codes: list) -> None:
    _change(unit / "2024" / MAIN, lambda data: change(data, SUMMARY_PART))
    assert _codes(api.check_folder(unit / "2024")) == [("xml-entities", None, None)]


def test_entities_in_the_self_evaluation_workbook_are_refused_too(unit: Path) -> None:
    _change(unit / "2024" / SELF, lambda data: pkg.entity_expansion(data, "xl/worksheets/sheet3.xml"))
    assert ("xml-entities", None, None) in _codes(api.check_folder(unit / "2024"))


def test_a_failed_formula_scan_is_a_warning_not_silence(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _change(unit / "2024" / MAIN, lambda data: pkg.formula(data, SUMMARY_PART, "B5"))
    book, findings = read_workbook(unit / "2024" / MAIN, "决算数据.xlsx")
    assert book is not None and (4, 1) in book.sheets["收入支出决算总表"].formulas_without_value and findings == []

    import openpyxl

    def broken(*args: object, **kwargs: object) -> None:
        raise SyntaxError("malformed sheet part")

    monkeypatch.setattr(openpyxl, "load_workbook", broken)
    book, findings = read_workbook(unit / "2024" / MAIN, "决算数据.xlsx")
    assert book is not None and [(f.code, f.severity.value) for f in findings] == [("formula-scan-failed", "warning")]


def test_reading_past_the_time_budget_is_a_finding(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "BUDGET_SECONDS", -1.0)
    book, findings = read_workbook(unit / "2024" / MAIN, "决算数据.xlsx")
    assert book is None and [f.code for f in findings] == ["file-too-slow"]


def _make_folder(path: Path) -> None:
    path.mkdir()


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_dangling_link(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.xlsx")


@pytest.mark.parametrize("make", [_make_folder, _make_fifo, _make_dangling_link], ids=["folder", "fifo", "dangling-link"])
def test_this_years_workbook_that_is_no_regular_file_is_a_finding(unit: Path, make) -> None:
    (unit / "2024" / MAIN).unlink()
    make(unit / "2024" / MAIN)
    checked = api.check_folder(unit / "2024")
    assert _codes(checked) == [("file-not-regular", None, None)] and not checked.readable


def _prior_bomb(path: Path) -> None:
    _change(path, lambda data: pkg.zip_bomb(data, 40))


def _prior_replaced(make):
    def change(path: Path) -> None:
        path.unlink()
        make(path)

    return change


@pytest.mark.parametrize(
    "change",
    [_prior_replaced(_make_folder), _prior_replaced(_make_fifo), _prior_replaced(_make_dangling_link), _prior_bomb],
    ids=["folder", "fifo", "dangling-link", "zip-bomb"],
)
def test_last_years_workbook_failing_is_a_warning_and_this_year_is_still_checked(unit: Path, change) -> None:
    change(unit / "2023" / MAIN)
    checked = api.check_folder(unit / "2024")
    assert checked.figures is not None
    prior = [f for f in checked.findings if f.code == "prior-year-unreadable"]
    assert [(f.severity.value, f.location.file.endswith("2023/决算数据.xlsx")) for f in prior] == [("warning", True)]


def test_a_symlink_inside_its_folder_is_read_like_the_file(unit: Path, sample_codes: list) -> None:
    target = unit / "2023" / "原件.xlsx"
    shutil.move(unit / "2023" / MAIN, target)
    (unit / "2023" / MAIN).symlink_to(target)
    assert _codes(api.check_folder(unit / "2024")) == sample_codes


def test_a_symlink_out_of_its_folder_is_not_read(unit: Path, tmp_path: Path) -> None:
    """A data folder comes from elsewhere: a link in it must not make juesuan read another file of this machine."""
    target = tmp_path / "elsewhere.xlsx"
    shutil.move(unit / "2024" / MAIN, target)
    (unit / "2024" / MAIN).symlink_to(target)
    checked = api.check_folder(unit / "2024")
    assert [(f.code, f.values.get("kind")) for f in checked.findings] == [("file-not-regular", "link-outside")]


def test_a_bug_is_one_chinese_line_a_log_and_exit_3_with_json(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(api, "check_folder", bug)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = CliRunner().invoke(main, ["check", str(SAMPLE / "2024"), "--format", "json"])
    assert result.exit_code == EXIT_INTERNAL == 3
    report = json.loads(result.stdout)
    assert report["internal_error"] is True and report["error"] == "ZeroDivisionError"
    log = Path(report["log"])
    assert log.parent == tmp_path and "ZeroDivisionError: a bug" in log.read_text(encoding="utf-8")
    assert "Traceback" not in result.stderr and str(log) in result.stderr and "内部错误" in result.stderr

    text = CliRunner().invoke(main, ["check", str(SAMPLE / "2024")])
    assert text.exit_code == 3 and text.stdout == "" and "内部错误" in text.stderr


def test_limits_leave_room_for_real_workbooks() -> None:
    """The sample is far inside every limit (a guard against limits tightened by mistake)."""
    scan = limits.scan_package(SAMPLE / "2024" / SELF, limits.Deadline(60))
    assert not isinstance(scan, limits.Refusal) and scan.bounded
    assert max(p.max_row for p in scan.parts.values()) * 20 < limits.MAX_ROWS
    assert max(p.max_col for p in scan.parts.values()) * 3 < limits.MAX_COLUMNS
