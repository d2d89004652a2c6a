"""Inputs that were accepted in silence before issue 14 are findings now, at the cell to change.

(The YAML ones, an empty 文字说明.yaml and duplicate keys, are in test_yaml_files.py.)
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl

from generator import api

SAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "changji-ybj"
GPB = "一般公共预算财政拨款支出决算表"


def _sample_with(tmp_path: Path, book: str, change: Callable[[openpyxl.Workbook], None]) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "unit")
    path = tmp_path / "unit" / "2024" / book
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)
    return tmp_path / "unit" / "2024"


def _errors(folder: Path) -> list[tuple[str, str | None, str | None]]:
    return [(f.code, f.location.sheet, f.location.cell) for f in api.check_folder(folder).findings if f.severity.value == "error"]


def _row_of(sheet, code: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 1).value) == code)


def test_a_duplicated_subject_row_is_an_error_at_the_second_one(tmp_path: Path) -> None:
    """Before, the tree kept the last of two 2210201 rows and the totals still agreed: no finding at all."""
    rows: list[int] = []

    def duplicate(book: openpyxl.Workbook) -> None:
        sheet = book[GPB]
        first, copy = _row_of(sheet, "2210201"), sheet.max_row + 1
        for col in range(1, sheet.max_column + 1):
            sheet.cell(copy, col).value = sheet.cell(first, col).value
        rows.extend((first, copy))

    folder = _sample_with(tmp_path, "决算数据.xlsx", duplicate)
    assert _errors(folder) == [("code-duplicate", GPB, f"A{rows[1]}")]
    finding = next(f for f in api.check_folder(folder).findings if f.code == "code-duplicate")
    assert finding.values["first_row"] == rows[0]


def test_distinct_codes_are_no_duplicates(tmp_path: Path) -> None:
    assert _errors(SAMPLE / "2024") == []


def test_a_target_written_in_words_against_a_number_points_at_the_target(tmp_path: Path) -> None:
    """Before, "大约一百" was taken as qualitative and the finding pointed at the 完成值 cell (G5)."""

    def words(book: openpyxl.Workbook) -> None:
        book["项目绩效指标"]["F5"] = "大约一百"

    assert _errors(_sample_with(tmp_path, "绩效自评表.xlsx", words)) == [("actual-incomparable", "项目绩效指标", "F5")]


def test_a_number_against_a_qualitative_actual_still_points_at_the_actual(tmp_path: Path) -> None:
    def words(book: openpyxl.Workbook) -> None:
        book["项目绩效指标"]["G4"] = "显著提升"  # target =1辆 (a number), actual in words

    errors = _errors(_sample_with(tmp_path, "绩效自评表.xlsx", words))
    assert errors == [("actual-incomparable", "项目绩效指标", "G4")]
