"""Batch: find every unit, check and generate them in parallel, skip what has not changed, survive crashes."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

import synthetic
from generator import api
from generator.api import run_batch
from generator.api import write_batch_reports as write_reports
from generator.batch import find_units, output_names
from generator.batch.cli import batch
from generator.batch.state import JOURNAL_FILE, STATE_FILE

ROOT = Path(__file__).resolve().parents[1]


SMALL = synthetic.Size(items=10, projects=1)
# unit index -> injected kinds; unit 1 also has its prior year, so it is two unit-years.
PLAN = {1: [], 2: [], 3: ["total-mismatch", "weight-total", "vehicle-count"], 4: ["text-in-number-cell"], 5: ["texts-syntax"]}
FORK = multiprocessing.get_start_method() == "fork"  # monkeypatches reach the workers only when they are forked


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    root = tmp_path_factory.mktemp("synthetic")
    entries = [
        synthetic.write_unit(
            root, index, seed=21, kinds=kinds, prior=index == 1, size=SMALL, declared_unit="万元", unit_kind="行政单位"
        )
        for index, kinds in PLAN.items()
    ]
    return root, entries


@pytest.fixture
def units(built: tuple[Path, list[dict]], tmp_path: Path) -> tuple[Path, list[dict]]:
    """A fresh copy of the synthetic units, which the test may change."""
    root = tmp_path / "inputs"
    shutil.copytree(built[0], root)
    return root, built[1]


def _touch_workbook(folder: Path) -> None:
    """Change the workbook's contents without changing any figure (the cover's 数据来源)."""
    path = folder / "决算数据.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["封面"]
    for row in sheet.iter_rows():
        if row[0].value == "数据来源":
            row[1].value = "合成数据（已修改）"
    book.save(path)


def _by_folder(result) -> dict:
    return {u.relative: u for u in result.units}


# --- finding the units ----------------------------------------------------------------------------


def test_find_units_finds_every_folder_holding_a_workbook_and_skips_hidden_ones(tmp_path: Path) -> None:
    for folder in ("a/2024", "a/2023", "b/c/2024", ".git/x", "d/notes"):
        (tmp_path / folder).mkdir(parents=True)
    for folder in ("a/2024", "a/2023", "b/c/2024", ".git/x"):
        (tmp_path / folder / "决算数据.xlsx").write_bytes(b"")
    (tmp_path / "d/notes/readme.txt").write_text("x")
    assert find_units(tmp_path) == [tmp_path / "a/2023", tmp_path / "a/2024", tmp_path / "b/c/2024"]
    assert find_units(tmp_path / "a/2024") == [tmp_path / "a/2024"]
    assert find_units(tmp_path / "d") == []


def test_output_names_follow_the_relative_path_and_never_collide(tmp_path: Path) -> None:
    folders = [tmp_path / "a/b-c", tmp_path / "a-b/c", tmp_path / "x/2024"]
    names = output_names(tmp_path, folders)
    assert names[tmp_path / "x/2024"] == "x-2024-决算公开说明.docx"
    assert names[tmp_path / "a/b-c"] != names[tmp_path / "a-b/c"]
    assert all(n.startswith("a-b-c-") for n in (names[tmp_path / "a/b-c"], names[tmp_path / "a-b/c"]))
    unit = tmp_path / "unit-9" / "2024"
    assert output_names(unit, [unit]) == {unit: "2024-决算公开说明.docx"}


def _batch_validator():
    """docs/batch-report-schema.json, with the unit reports' docs/report-schema.json it refers to."""
    import jsonschema
    from referencing import Registry, Resource

    docs = Path(__file__).resolve().parents[1] / "docs"
    report, batch = (json.loads((docs / name).read_text(encoding="utf-8")) for name in ("report-schema.json", "batch-report-schema.json"))
    jsonschema.Draft202012Validator.check_schema(batch)
    registry = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in (report, batch)])
    return jsonschema.Draft202012Validator(batch, registry=registry)


# --- one run ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_batch_reports_every_injected_error_loses_no_unit_and_generates_the_clean_ones(units, tmp_path: Path) -> None:
    root, entries = units
    out = tmp_path / "out"
    seen = []
    result = run_batch(root, out, jobs=2, progress=lambda done, total, unit: seen.append((done, total, unit.relative)))
    by = _by_folder(result)
    assert sorted(by) == [
        "unit-0001/2023",
        "unit-0001/2024",
        "unit-0002/2024",
        "unit-0003/2024",
        "unit-0004/2024",
        "unit-0005/2024",
    ]
    assert [d for d, _, _ in seen] == list(range(1, 7)) and all(t == 6 for _, t, _ in seen)
    for entry in entries:
        unit = by[entry["folder"]]
        reported = {(f.code, Path(f.location.file).name, f.location.sheet) for f in unit.findings}
        for injected in entry["injected"]:
            assert any(
                code == injected["code"]
                and file == injected["file"]
                and (injected["sheet"] is None or sheet == injected["sheet"])
                for code, file, sheet in reported
            ), (injected, reported)
    for unit in result.units:
        assert unit.ok == (unit.output is not None)
        assert not unit.skipped and not unit.crashed
        if unit.output is not None:
            assert unit.output == out.resolve() / f"{unit.relative.replace('/', '-')}-决算公开说明.docx"
            assert unit.output.read_bytes()[:2] == b"PK"
    assert [u.relative for u in result.failed] == ["unit-0003/2024", "unit-0004/2024", "unit-0005/2024"]
    assert by["unit-0003/2024"].unit_name and by["unit-0003/2024"].year == 2024
    assert by["unit-0004/2024"].unit_name is None and by["unit-0004/2024"].year == 2024  # unreadable: year from the folder name

    json_path, xlsx_path = write_reports(result, out)
    report = json.loads(json_path.read_text(encoding="utf-8"))
    assert report["schema"] == "juesuan-batch/1" and report["units"] == 6 and report["units_with_errors"] == 3
    assert {r["folder"]: r["report"]["errors"] for r in report["results"]} == {u.relative: u.errors for u in result.units}
    _batch_validator().validate(report)  # each unit's report is the one schema `check`/`generate --format json` print
    book = openpyxl.load_workbook(xlsx_path, read_only=True)
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][:5] == ("单位文件夹", "单位名称", "年度", "错误", "警告") and len(summary) == 7
    findings = list(book["问题"].iter_rows(values_only=True))
    assert len(findings) == 1 + sum(len(u.findings) for u in result.units)
    assert findings[0][3:] == ("严重程度", "代码", "文件", "工作表", "单元格", "字段", "说明")  # a unit's 问题清单 columns
    assert (out / STATE_FILE).is_file() and not (out / JOURNAL_FILE).exists()


def test_a_library_result_matches_what_generate_reports_for_one_unit(units, tmp_path: Path) -> None:
    root, _ = units
    result = run_batch(root / "unit-0003", tmp_path / "out", jobs=1)
    (unit,) = result.units
    alone = api.generate(root / "unit-0003" / "2024", output=tmp_path / "alone.docx")
    kept = {k: v for k, v in unit.report.as_json().items() if k not in ("folder", "outputs")}
    assert kept == {k: v for k, v in alone.report.as_json().items() if k not in ("folder", "outputs")}
    assert unit.report.findings and unit.report.coverage  # the whole report is kept: findings, coverage, inputs
    json_path, _ = write_reports(result, tmp_path / "out")
    written = json.loads(json_path.read_text(encoding="utf-8"))
    _batch_validator().validate(written)
    assert written["results"][0]["report"] == unit.report.as_json()


# --- resuming -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_unchanged_units_are_skipped_and_changed_ones_regenerated(units, tmp_path: Path) -> None:
    root, _ = units
    out = tmp_path / "out"
    first = run_batch(root, out, jobs=2)
    outputs = {u.relative: u.output.stat().st_mtime_ns for u in first.units if u.output}

    second = run_batch(root, out, jobs=1)
    assert all(u.skipped for u in second.units)
    assert [(u.relative, u.errors, u.findings) for u in second.units] == [(u.relative, u.errors, u.findings) for u in first.units]
    assert {u.relative: u.output.stat().st_mtime_ns for u in second.units if u.output} == outputs

    _touch_workbook(root / "unit-0002" / "2024")
    third = _by_folder(run_batch(root, out, jobs=1))
    assert [k for k, u in third.items() if not u.skipped] == ["unit-0002/2024"]

    _touch_workbook(root / "unit-0001" / "2023")  # last year's data: this year's document depends on it too
    fourth = _by_folder(run_batch(root, out, jobs=1))
    assert [k for k, u in fourth.items() if not u.skipped] == ["unit-0001/2023", "unit-0001/2024"]

    fourth["unit-0002/2024"].output.unlink()
    fifth = _by_folder(run_batch(root, out, jobs=1))
    assert [k for k, u in fifth.items() if not u.skipped] == ["unit-0002/2024"]
    assert fifth["unit-0002/2024"].output.is_file()

    assert not any(u.skipped for u in run_batch(root, out, jobs=1, force_all=True).units)


def test_an_interrupted_run_resumes_where_it_stopped(units, tmp_path: Path) -> None:
    root, _ = units
    out = tmp_path / "out"

    def stop_after_two(done: int, total: int, unit) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(root, out, jobs=1, progress=stop_after_two)
    assert (out / JOURNAL_FILE).is_file() and not (out / STATE_FILE).exists()
    resumed = run_batch(root, out, jobs=1)
    assert sum(u.skipped for u in resumed.units) == 2 and len(resumed.units) == 6
    assert (out / STATE_FILE).is_file() and not (out / JOURNAL_FILE).exists()


@pytest.mark.slow
def test_a_unit_that_now_has_errors_loses_its_stale_document(units, tmp_path: Path) -> None:
    root, _ = units
    out = tmp_path / "out"
    before = _by_folder(run_batch(root, out, jobs=1))["unit-0002/2024"]
    assert before.output is not None and before.output.is_file()
    (root / "unit-0002" / "2024" / "文字说明.yaml").write_text("主要职能: [未闭合\n", encoding="utf-8")
    after = _by_folder(run_batch(root, out, jobs=1))["unit-0002/2024"]
    assert after.errors and after.output is None and not before.output.exists()


# --- crashes ------------------------------------------------------------------------------------


def _crash_on(folder_name: str, action):
    real = api.generate

    def generate(folder: Path, *args, **kwargs):
        if folder.parent.name == folder_name:
            action()
        return real(folder, *args, **kwargs)

    return generate


def _boom() -> None:
    raise RuntimeError("模拟的程序错误")


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=pytest.mark.skipif(not FORK, reason="needs forked workers"))])
def test_a_crashing_unit_becomes_its_finding_and_the_others_complete(units, tmp_path: Path, monkeypatch, jobs: int) -> None:
    root, _ = units
    monkeypatch.setattr(api, "generate", _crash_on("unit-0002", _boom))
    by = _by_folder(run_batch(root, tmp_path / "out", jobs=jobs))
    crashed = by.pop("unit-0002/2024")
    assert crashed.crashed and crashed.errors == 1 and crashed.output is None
    (finding,) = crashed.findings
    assert finding.code == "crashed" and finding.values["stage"] == "unit" and "RuntimeError" in finding.message
    assert crashed.report.internal_error
    assert len(by) == 5 and not any(u.crashed for u in by.values())
    assert by["unit-0001/2024"].output is not None
    again = _by_folder(run_batch(root, tmp_path / "out", jobs=1))
    assert not again["unit-0002/2024"].skipped  # a crash is never taken as a result to keep


@pytest.mark.slow
@pytest.mark.skipif(not FORK, reason="needs forked workers")
def test_a_worker_that_dies_is_reported_and_the_others_complete(units, tmp_path: Path, monkeypatch) -> None:
    root, _ = units
    monkeypatch.setattr(api, "generate", _crash_on("unit-0002", lambda: os._exit(3)))
    by = _by_folder(run_batch(root, tmp_path / "out", jobs=2))
    assert len(by) == 6
    dead = by.pop("unit-0002/2024")
    assert dead.crashed and [f.code for f in dead.findings] == ["crashed"]
    assert not any(u.crashed for u in by.values())
    assert by["unit-0001/2024"].output is not None


# --- the command --------------------------------------------------------------------------------


def _cli(*args: str):
    group = click.Group()
    group.add_command(batch)
    return CliRunner().invoke(group, ["batch", *args])


def test_the_command_prints_a_summary_writes_the_reports_and_exits_1_on_errors(units, tmp_path: Path) -> None:
    root, entries = units
    out = tmp_path / "out"
    result = _cli(str(root), "-o", str(out), "--jobs", "1", "--quiet")
    assert result.exit_code == 1, result.output
    assert "单位" in result.output and "未生成（数据有错误）" in result.output
    assert entries[2]["unit"] in result.output and "total-mismatch" in result.output
    assert "共 6 个单位：3 个有错误（未生成），3 个已生成，0 个未变化（跳过）" in result.output
    assert (out / "batch-report.json").is_file() and (out / "batch-report.xlsx").is_file()
    again = _cli(str(root), "-o", str(out), "-q")
    assert again.exit_code == 1 and "0 个已生成，6 个未变化（跳过）" in again.output


def test_the_command_exits_0_without_errors_and_2_without_a_folder(units, tmp_path: Path) -> None:
    root, _ = units
    clean = _cli(str(root / "unit-0001"), "-o", str(tmp_path / "out"), "-j", "1")
    assert clean.exit_code == 0, clean.output
    assert "共 2 个单位：0 个有错误（未生成），2 个已生成" in clean.output
    assert (tmp_path / "out" / "2023-决算公开说明.docx").is_file() and (tmp_path / "out" / "2024-决算公开说明.docx").is_file()
    assert _cli(str(tmp_path / "missing")).exit_code == 2
    (tmp_path / "empty").mkdir()
    assert _cli(str(tmp_path / "empty")).exit_code == 2


def test_the_command_has_chinese_help_with_an_example() -> None:
    result = _cli("--help")
    assert result.exit_code == 0 and "示例" in result.output and "批量" in result.output
    assert batch.name == "batch"
