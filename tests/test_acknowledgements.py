"""核对记录.yaml: a warning explained once stays explained while its figures stay; errors never go away."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator import api, layout
from generator.acknowledged import RECORD_FILE, RecordRefused, relative_location
from generator.acknowledgements import read_records
from generator.cli import main
from generator.findings import Severity

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample unit (both years); the 2024 folder."""
    shutil.copytree(ROOT / "inputs" / "changji-ybj", tmp_path / "changji-ybj", ignore=shutil.ignore_patterns("README.md"))
    return tmp_path / "changji-ybj" / "2024"


def _explain_all(folder: Path) -> int:
    checked = api.check_folder(folder)
    for f in checked.findings:
        api.acknowledge(folder, f.code, relative_location(f.location, folder), "报表原文即如此（尾差、印刷得分），按原文公开", "张三", "2026-12-06 10:00")
    return len(checked.findings)


def _set_cell(book: Path, sheet: str, cell: str, value: object) -> None:
    wb = openpyxl.load_workbook(book)
    wb[sheet][cell] = value
    wb.save(book)


@pytest.mark.slow
def test_the_sample_reaches_no_unexplained_warning_once_its_real_differences_are_explained(sample: Path) -> None:
    before = api.check_folder(sample)
    n = len(before.findings)
    assert not before.has_errors and sum(1 for f in before.findings if f.code == "rounding-residue") == 4  # the 三公 7.65 of two columns is one
    assert {"printed-score-differs", "prior-items-residue"} <= {f.code for f in before.findings}
    assert _explain_all(sample) == n
    after = api.check_folder(sample)
    assert after.findings == ()
    assert sorted((a.finding.code, str(a.finding.location)) for a in after.acknowledged) == sorted(
        (f.code, str(f.location)) for f in before.findings
    )
    assert {a.record.reason for a in after.acknowledged} == {"报表原文即如此（尾差、印刷得分），按原文公开"}
    records, problems = read_records(sample)
    assert len(records) == n and problems == []


@pytest.mark.slow
def test_a_changed_figure_brings_its_warning_back(sample: Path) -> None:
    n = _explain_all(sample)
    _set_cell(sample / layout.WORKBOOK, "收入支出决算总表", "B15", 1239.69)  # still a 尾差, but another one
    again = api.check_folder(sample)
    assert ("rounding-residue", "收入支出决算总表", "B15") in {(f.code, f.location.sheet, f.location.cell) for f in again.findings}
    assert ("rounding-residue", "B15") not in {(a.finding.code, a.finding.location.cell) for a in again.acknowledged}
    assert len(again.acknowledged) == n - 1


def test_an_error_cannot_be_explained_away(sample: Path) -> None:
    _set_cell(sample / layout.WORKBOOK, "收入支出决算总表", "B15", 1300)  # far beyond a 尾差: total-mismatch
    checked = api.check_folder(sample)
    error = next(f for f in checked.findings if f.severity is Severity.ERROR)
    where = relative_location(error.location, sample)
    with pytest.raises(RecordRefused):
        api.acknowledge(sample, error.code, where, "不改了")
    # Nor by writing the record by hand.
    values = {k: str(v) for k, v in error.values.items()}
    (sample / RECORD_FILE).write_text(
        json.dumps([{"代码": error.code, "位置": where, "数值": values, "原因": "不改了"}], ensure_ascii=False), encoding="utf-8"
    )
    again = api.check_folder(sample)
    assert (error.code, error.location) in {(f.code, f.location) for f in again.findings}
    assert again.acknowledged == () and again.has_errors


def test_a_reason_is_required_and_the_finding_must_exist_now(sample: Path) -> None:
    f = api.check_folder(sample).findings[0]
    with pytest.raises(RecordRefused):
        api.acknowledge(sample, f.code, relative_location(f.location, sample), "  ")
    with pytest.raises(RecordRefused):
        api.acknowledge(sample, f.code, "决算数据.xlsx[收入支出决算总表]!Z99", "原因")
    assert not (sample / RECORD_FILE).exists()


def test_the_file_keeps_comments_and_order_and_an_entry_is_replaced_in_place(sample: Path) -> None:
    findings = api.check_folder(sample).findings
    first, second = (relative_location(f.location, sample) for f in findings[:2])
    api.acknowledge(sample, findings[0].code, first, "原因一", "甲", "2026-12-01 09:00")
    path = sample / RECORD_FILE
    path.write_text(path.read_text(encoding="utf-8") + "# 这是手写的注释\n", encoding="utf-8")
    api.acknowledge(sample, findings[1].code, second, "原因二", "乙", "2026-12-01 09:05")
    api.acknowledge(sample, findings[0].code, first, "原因一（改）", "甲", "2026-12-02 09:00")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 核对记录") and "# 这是手写的注释\n" in text
    assert text.index("原因一（改）") < text.index("# 这是手写的注释") < text.index("原因二")
    assert "原因一（改）" in text and "原因一\n" not in text
    records, _ = read_records(sample)
    assert [r.reason for r in records] == ["原因一（改）", "原因二"]
    assert api.withdraw_acknowledgement(sample, findings[0].code, first)
    assert [r.reason for r in read_records(sample)[0]] == ["原因二"]
    assert "# 这是手写的注释" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    ["代码: [\n", "就是一段话\n", "- 代码: rounding-residue\n  位置: 决算数据.xlsx\n", b"\xff\xfe- a".decode("latin-1")],
)
def test_a_bad_record_file_is_a_warning_and_every_finding_is_still_shown(sample: Path, text: str) -> None:
    own = len(api.check_folder(sample).findings)
    (sample / RECORD_FILE).write_text(text, encoding="utf-8" if "ÿ" not in text else "latin-1")
    checked = api.check_folder(sample)
    codes = [f.code for f in checked.findings]
    assert codes.count("review-record-invalid") == 1 and len(codes) == own + 1
    assert [f.location.file for f in checked.findings if f.code == "review-record-invalid"] == [str(sample / RECORD_FILE)]


@pytest.mark.slow
def test_check_generate_and_json_show_explained_warnings_apart(sample: Path, tmp_path: Path) -> None:
    n = _explain_all(sample)
    runner = CliRunner()
    shown = runner.invoke(main, ["check", str(sample)])
    assert shown.exit_code == 0
    assert shown.output.count("已说明[") == n and "原因：报表原文即如此" in shown.output
    assert f"共 0 个错误，0 个警告，0 个提示。另有 {n} 条已说明" in shown.output
    data = json.loads(runner.invoke(main, ["check", str(sample), "--format", "json"]).output)
    assert data["warnings"] == 0 and len(data["acknowledged"]) == n
    assert data["acknowledged"][0]["acknowledgement"]["who"] == "张三"
    made = runner.invoke(main, ["generate", str(sample), "-o", str(tmp_path / "out.docx")])
    assert made.exit_code == 0 and "警告[" not in made.output and "已说明[" in made.output


@pytest.mark.slow
def test_batch_does_not_count_explained_warnings(sample: Path, tmp_path: Path) -> None:
    from generator.api import run_batch

    first = next(u for u in run_batch(sample.parent.parent, tmp_path / "batch", jobs=1).units if u.folder.name == "2024")
    assert first.warnings > 0
    n = _explain_all(sample)
    result = run_batch(sample.parent.parent, tmp_path / "batch", jobs=1)
    unit = next(u for u in result.units if u.folder.name == "2024")
    assert not unit.skipped  # the records changed (not the data): the unit's report is made again
    assert unit.warnings == 0
    assert len(unit.report.acknowledged) == n
    assert first.output is not None and unit.output == first.output


@pytest.mark.slow
def test_init_from_carries_the_records_that_still_apply(sample: Path) -> None:
    texts = sample / layout.TEXTS
    texts.write_text(texts.read_text(encoding="utf-8").replace("本单位无其他需说明的事项。", "本单位无其他需说明的事项。。"), encoding="utf-8")
    checked = api.check_folder(sample)
    repeated = next(f for f in checked.findings if f.code == "text-repeated")
    residue = next(f for f in checked.findings if f.code == "rounding-residue")
    for f in (repeated, residue):
        api.acknowledge(sample, f.code, relative_location(f.location, sample), "原文如此", "张三", "2026-12-06 10:00")
    new = sample.parent / "2025"
    result = CliRunner().invoke(main, ["init", str(new), "--from", str(sample)])
    assert result.exit_code == 0 and "已结转 1 条" in result.output
    records, _ = read_records(new)
    assert [(r.code, r.location) for r in records] == [("text-repeated", relative_location(repeated.location, sample))]
    assert "text-repeated" in {a.finding.code for a in api.check_folder(new).acknowledged}


def test_a_record_applies_whichever_way_the_folder_is_named(sample: Path, tmp_path: Path, monkeypatch) -> None:
    link = tmp_path / "link"
    link.symlink_to(sample.parent.parent)
    via_link = link / "changji-ybj" / "2024"
    finding = api.check_folder(via_link).findings[0]
    api.acknowledge(via_link, finding.code, relative_location(finding.location, via_link), "原文如此")
    monkeypatch.chdir(sample.parent)
    for named in (sample, Path("2024"), via_link):
        assert len(api.check_folder(named).acknowledged) == 1, named
