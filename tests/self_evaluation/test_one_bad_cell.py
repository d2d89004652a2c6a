"""One bad cell never blocks the rest (issue 11): the sample with one unreadable 完成值."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from generator import api
from generator.cli import main
from generator.display import round_half_up
from generator.self_evaluation.layout import PROJECT_INDICATORS, WORKBOOK_NAME

SAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "changji-ybj" / "2024"


def _copy(tmp_path: Path, edit: dict[str, object] | None = None, drop_sheet: str | None = None) -> Path:
    folder = tmp_path / "unit" / "2024"
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / WORKBOOK_NAME)
    for cell, value in (edit or {}).items():
        book[PROJECT_INDICATORS.name][cell] = value
    if drop_sheet:
        del book[drop_sheet]
    book.save(folder / WORKBOOK_NAME)
    return folder


def _totals(checked: api.Checked) -> list[str]:
    assert checked.performance is not None
    return [str(round_half_up(p.total)) for p in checked.performance.projects]


def test_check_reports_the_cell_and_scores_everything_else(tmp_path: Path) -> None:
    clean = api.check_folder(SAMPLE)
    folder = _copy(tmp_path, {"G71": "约3.8"})  # 扩面征收劳务费 完成值, weight 9
    checked = api.check_folder(folder)
    located = {(f.code, f.location.sheet, f.location.cell) for f in checked.findings}
    assert ("actual-unparseable", "项目绩效指标", "G71") in located
    assert ("total-provisional", "项目概况", None) in {(c, s, None) for c, s, _ in located}
    # the printed 96.25 is not compared with the provisional 90.85 (the sample's 96.25 vs 96.20 is, when clean)
    assert ("printed-total-differs", "项目概况", "I11") not in located
    assert ("printed-total-differs", "项目概况", "I11") in {(f.code, f.location.sheet, f.location.cell) for f in clean.findings}
    before, after = _totals(clean), _totals(checked)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [7]  # only the project of that row; it loses the row's 5.35
    assert Decimal(before[7]) - Decimal(after[7]) == Decimal("5.35")
    provisional = [p.name for p in checked.performance.projects if p.provisional]
    assert len(provisional) == 1

    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json"])
    codes = {(f["code"], f["location"].get("cell")) for f in json.loads(result.output)["findings"]}
    assert ("actual-unparseable", "G71") in codes and result.exit_code == 1


def test_a_manual_score_with_its_reason_clears_what_it_was_written_for(tmp_path: Path) -> None:
    folder = _copy(tmp_path, {"G71": "基本完成", "O71": 5, "P71": "按工作量评议"})
    checked = api.check_folder(folder)
    codes = {f.code for f in checked.findings}
    assert "actual-incomparable" not in codes and "total-provisional" not in codes
    assert "score-override" in codes


def test_generate_only_self_evaluation_force_renders_with_bad_cells(tmp_path: Path) -> None:
    folder = _copy(tmp_path, {"G71": "约3.8"})
    out = tmp_path / "自评.docx"
    refused = api.generate(folder, out, only="self-evaluation")
    assert not refused.ok and not out.exists()
    forced = api.generate(folder, out, force=True, only="self-evaluation")
    assert forced.ok and out.exists()


def test_generate_only_self_evaluation_on_an_unreadable_workbook_says_so(tmp_path: Path) -> None:
    folder = _copy(tmp_path, drop_sheet="项目资金")
    result = CliRunner().invoke(main, ["generate", str(folder), "-o", str(tmp_path / "x.docx"), "--force", "--only", "self-evaluation"])
    assert "self-evaluation-unreadable" in result.output or "未生成绩效自评表" in result.output
    assert "没有绩效自评表" not in result.output and "仍按 --force 生成" not in result.output
    assert result.exit_code != 0 and not (tmp_path / "x.docx").exists()


def test_a_blank_target_or_actual_is_a_finding_at_its_cell_not_an_internal_error(tmp_path: Path) -> None:
    """target-missing once carried a value its declaration lacked: a blank 目标值 made `check` exit 3."""
    folder = _copy(tmp_path, {"F5": None, "G6": None})  # 目标值 of one row, 完成值 of the next
    checked = api.check_folder(folder)
    located = {(f.code, f.location.sheet, f.location.cell) for f in checked.findings}
    assert {("target-missing", "项目绩效指标", "F5"), ("actual-missing", "项目绩效指标", "G6")} <= located
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 1, result.output
