"""The Report: what the library returns is what every printer prints (text, JSON of one schema, .xlsx)."""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator import api
from generator.cli import EXIT_INTERNAL, EXIT_OUTPUT, main
from generator.findings import Finding, Location, Severity
from generator.report import SCHEMA, Report
from generator.report.text import finding_line, report_lines

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"
SCHEMA_FILE = ROOT / "docs" / "report-schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _json(args: list[str]) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_check_json_is_the_librarys_report(validator: jsonschema.Draft202012Validator) -> None:
    status, printed = _json(["check", str(SAMPLE)])
    assert status == 0
    assert printed == api.check_folder(SAMPLE).report.as_json()  # type: ignore[union-attr]
    validator.validate(printed)
    assert printed["schema"] == SCHEMA and printed["command"] == "check"
    assert printed["template"] == "xinjiang-2024" and printed["profile"] == "xinjiang-2024"


def test_generate_json_is_the_librarys_report(tmp_path: Path, validator: jsonschema.Draft202012Validator) -> None:
    target = tmp_path / "说明.docx"
    status, printed = _json(["generate", str(SAMPLE), "-o", str(target)])
    assert status == 0
    assert printed == api.generate(SAMPLE, output=target).report.as_json()
    validator.validate(printed)
    assert printed["command"] == "generate" and printed["outputs"] == [str(target)]


@pytest.mark.parametrize("make", ["missing", "not-a-workbook", "bad-cell"])
def test_reports_of_bad_folders_follow_the_schema(make: str, tmp_path: Path, kit, validator: jsonschema.Draft202012Validator) -> None:  # noqa: ANN001
    folder = tmp_path / "unit" / "2024"
    if make == "not-a-workbook":
        folder.mkdir(parents=True)
        (folder / "决算数据.xlsx").write_text("a,b\n1,2\n", encoding="utf-8")
    elif make == "bad-cell":
        values = kit.consistent_2024()
        kit.set_value(values, "收入支出决算总表", "收入总计", "金额", "十二万")
        folder = kit.write_unit(tmp_path, values)
    status, printed = _json(["check", str(folder)])
    validator.validate(printed)
    assert printed == api.check_folder(folder).report.as_json()  # type: ignore[union-attr]
    assert printed["readable"] is (make == "bad-cell") and status in (1, 2)


def test_an_internal_error_report_follows_the_schema(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(api, "check_folder", bug)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    status, printed = _json(["check", str(SAMPLE)])
    assert status == EXIT_INTERNAL
    validator.validate(printed)
    assert printed["internal_error"] is True and printed["command"] == "check"


def test_the_inputs_are_the_files_read_with_their_hashes() -> None:
    report = api.check_folder(SAMPLE).report
    assert report is not None
    paths = [Path(i.path) for i in report.inputs]
    assert paths == [SAMPLE / "决算数据.xlsx", SAMPLE / "文字说明.yaml", SAMPLE.parent / "2023" / "决算数据.xlsx", SAMPLE / "绩效自评表.xlsx"]
    for item in report.inputs:
        data = Path(item.path).read_bytes()
        assert (item.sha256, item.size) == (hashlib.sha256(data).hexdigest(), len(data))


def test_the_report_reads_back_from_its_json() -> None:
    report = api.check_folder(SAMPLE).report
    assert report is not None
    again = Report.from_json(json.loads(json.dumps(report.as_json())))
    assert again.as_json() == report.as_json()
    assert [(f.code, f.location) for f in again.findings] == [(f.code, f.location) for f in report.findings]
    with pytest.raises(ValueError):
        Report.from_json({**report.as_json(), "schema": "something-else/1"})


def test_the_text_is_one_line_per_finding_then_the_counts() -> None:
    finding = Finding(code="total-mismatch", severity=Severity.ERROR, location=Location(file="a.xlsx", sheet="表", cell="B3"), message="合计不符")
    report = Report(command="check", folder="a", readable=True, findings=(finding,))
    assert finding_line(finding) == "a.xlsx[表]!B3 错误[total-mismatch] 合计不符"
    assert report_lines(report) == [finding_line(finding), "共 1 个错误，0 个警告，0 个提示。"]


def test_check_writes_the_findings_as_an_xlsx_one_row_each(tmp_path: Path) -> None:
    target = tmp_path / "问题清单.xlsx"
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    report = api.check_folder(SAMPLE).report
    assert report is not None
    rows = list(load_workbook(target, read_only=True)["问题清单"].iter_rows(values_only=True))
    assert rows[0][:7] == ("序号", "严重程度", "代码", "文件", "工作表", "单元格", "字段")
    assert [(r[2], r[3], r[4], r[5]) for r in rows[1:]] == [
        (f.code, f.location.file, f.location.sheet, f.location.cell) for f in report.findings
    ]
    first = target.read_bytes()
    time.sleep(1.1)  # zip entries carry a time to the second: a second write in another second must match too
    CliRunner().invoke(main, ["check", str(SAMPLE), "-o", str(target)])
    assert target.read_bytes() == first  # no timestamp: the same inputs give the same bytes


@pytest.mark.parametrize("name", ["问题清单.csv", "folder"])
def test_an_xlsx_that_cannot_be_written_is_a_finding_and_exit_4(name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    if name == "folder":
        target.mkdir()
    status, printed = _json(["check", str(SAMPLE), "-o", str(target)])
    assert status == EXIT_OUTPUT
    assert printed["findings"][-1]["code"] == ("output-is-folder" if name == "folder" else "output-suffix")
    assert printed["outputs"] == []


def test_a_control_character_a_cell_held_is_shown_and_the_xlsx_is_written(tmp_path: Path) -> None:
    """"a\\x00b" typed where a number belongs: the message quotes it visibly, and every .xlsx writer takes the message
    (openpyxl refuses control characters: batch's 问题清单 was an internal error, found by the fuzz campaign)."""
    from dataclasses import replace

    from generator.findings import emit
    from generator.report.xlsx import report_workbook

    found = emit("cover-level-unknown", Location(file="决算数据.xlsx", sheet="封面", cell="B9"), stated="a\x00b\x1fc\td", expected="部门、单位")
    assert "a\\x00b\\x1fc\td" in found.message and found.values["stated"] == "a\x00b\x1fc\td"  # the value itself is kept
    report = api.check_folder(SAMPLE).report
    assert report is not None
    target = tmp_path / "问题清单.xlsx"
    target.write_bytes(report_workbook(replace(report, findings=(*report.findings, found))))
    messages = [r[7] for r in load_workbook(target, read_only=True)["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert found.message in messages
