"""The self-evaluation as a stage of the one pipeline: read by load, scored in compute, its rules in the one registry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from generator import api
from generator.check import RULES
from generator.check.self_evaluation import RULE_PREFIX, SELF_EVALUATION_RULES
from generator.cli import main
from generator.load.folder import load
from generator.report import Status

SAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "changji-ybj" / "2024"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "unit" / "2024"
    shutil.copytree(SAMPLE, folder)
    return folder


def _statuses(checked: api.Checked) -> dict[str, Status]:
    assert checked.report is not None
    return {c.rule: c.status for c in checked.report.coverage}


def test_load_reads_the_workbook_and_the_profile_into_loaded() -> None:
    loaded, _ = load(SAMPLE)
    assert loaded is not None and loaded.self_evaluation is not None
    read = loaded.self_evaluation
    assert read.evaluation is not None and len(read.evaluation.projects) == 11
    assert read.profile is not None and read.profile.name == "xinjiang-2024"
    assert read.year == 2024 and not read.absent and read.unreadable == ""
    other, _ = load(SAMPLE, "classic-ratio")
    assert other is not None and other.self_evaluation is not None and other.self_evaluation.profile is not None
    assert other.self_evaluation.profile.name == "classic-ratio"


def test_a_folder_without_the_workbook_is_not_applicable(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "绩效自评表.xlsx").unlink()
    loaded, _ = load(folder)
    assert loaded is not None and loaded.self_evaluation is not None and loaded.self_evaluation.absent
    statuses = _statuses(api.check_folder(folder))
    assert {statuses[r.name] for r in SELF_EVALUATION_RULES} == {Status.NOT_APPLICABLE}


def test_a_workbook_missing_a_sheet_is_a_finding_and_its_rules_could_not_run(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    book = openpyxl.load_workbook(folder / "绩效自评表.xlsx")
    del book["项目资金"]
    book.save(folder / "绩效自评表.xlsx")
    checked = api.check_folder(folder)
    assert [(f.code, f.location.file.endswith("绩效自评表.xlsx")) for f in checked.findings if f.code == "self-evaluation-sheet-missing"] == [
        ("self-evaluation-sheet-missing", True)
    ]
    assert checked.report is not None
    lines = [c for c in checked.report.coverage if c.rule.startswith(RULE_PREFIX)]
    assert lines and {c.status for c in lines} == {Status.NOT_RUN} and all("缺少工作表" in c.reason for c in lines)
    assert _statuses(checked)["check_declared_totals"] is not Status.NOT_RUN  # the disclosure's rules still run


def test_a_profile_that_cannot_be_read_leaves_the_rules_not_run_with_why() -> None:
    checked = api.check_folder(SAMPLE, profile="no-such-profile")
    assert [f.location.file for f in checked.findings if f.code == "profile-unknown"] == ["no-such-profile"]
    assert checked.report is not None
    lines = [c for c in checked.report.coverage if c.rule.startswith(RULE_PREFIX)]
    assert {c.status for c in lines} == {Status.NOT_RUN} and all(c.reason == "评分规则无法读取" for c in lines)


def test_every_self_evaluation_rule_is_in_the_one_registry_with_its_codes() -> None:
    assert set(SELF_EVALUATION_RULES) <= set(RULES)
    codes = {code for rule in SELF_EVALUATION_RULES for code in rule.codes}
    assert {"printed-score-differs", "total-provisional", "funds-total-mismatch", "text-markup", "execution-full-marks"} <= codes
    assert codes <= api.rule_codes()


def test_only_selects_a_self_evaluation_rule_by_its_code() -> None:
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--only", "printed-score-differs", "--format", "json"])
    report = json.loads(result.stdout)
    ran = {c["rule"] for c in report["coverage"] if c["status"] != "not-run"}
    assert ran == {RULE_PREFIX + "check_printed_indicators"}
    rule_codes = api.rule_codes()
    assert {f["code"] for f in report["findings"] if f["code"] in rule_codes} <= {"printed-score-differs", "printed-rate-differs"}


def test_skip_leaves_a_self_evaluation_rule_out() -> None:
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--skip", "execution-full-marks", "--format", "json"])
    report = json.loads(result.stdout)
    statuses = {c["rule"]: (c["status"], c.get("reason", "")) for c in report["coverage"]}
    assert statuses[RULE_PREFIX + "check_execution_full_marks"] == ("not-run", "未按 --only/--skip 选择")
    assert "execution-full-marks" not in {f["code"] for f in report["findings"]}
    assert statuses["check_declared_totals"][0] != "not-run"


def test_only_self_evaluation_lists_the_other_rules_as_not_run(tmp_path: Path) -> None:
    checked = api.check_self_evaluation_folder(SAMPLE)
    statuses = _statuses(checked)
    assert {statuses[r.name] for r in SELF_EVALUATION_RULES} <= {Status.PASSED, Status.FAILED}
    others = {statuses[r.name] for r in RULES if r not in SELF_EVALUATION_RULES}
    assert others == {Status.NOT_RUN}
    assert set(statuses) == {r.name for r in RULES}


def test_only_self_evaluation_reports_the_workbook_it_read(tmp_path: Path) -> None:
    folder = tmp_path / "unit" / "2024"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE / "绩效自评表.xlsx", folder)
    report = api.check_self_evaluation_folder(folder).report
    assert report is not None
    assert str(folder / "绩效自评表.xlsx") in {i.path for i in report.inputs}


def test_a_workbook_that_is_not_a_file_is_refused_by_the_door_and_its_rules_could_not_run(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "绩效自评表.xlsx").unlink()
    (folder / "绩效自评表.xlsx").symlink_to(folder / "没有这个文件.xlsx")  # a dangling link: never skipped in silence
    checked = api.check_folder(folder)
    refused = [f for f in checked.findings if f.location.file.endswith("绩效自评表.xlsx")]
    assert [(f.code, f.location.sheet) for f in refused] == [("file-not-regular", None)]
    assert checked.report is not None
    lines = [c for c in checked.report.coverage if c.rule.startswith(RULE_PREFIX)]
    assert {c.status for c in lines} == {Status.NOT_RUN} and all(c.reason.startswith("绩效自评表.xlsx无法读取") for c in lines)
