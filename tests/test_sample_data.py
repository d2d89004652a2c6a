"""The sample's workbooks are what its transcription gives, and tests import their tools.

The sample (inputs/changji-ybj) is written from scripts/data/changji-ybj by scripts/sample; a
change to either side alone fails here, so the data files and the shipped workbooks cannot drift.
"""

from __future__ import annotations

import ast
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator import layout
from generator.self_evaluation import layout as self_evaluation_layout
from scripts import sample
from scripts.sample import accounts, self_evaluation

ROOT = Path(__file__).resolve().parents[1]


def _cells(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet (in order) and every row of cell values, as openpyxl reads them back."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.fixture(scope="module")
def written() -> dict[Path, bytes]:
    return sample.workbooks()


SHIPPED = (
    ROOT / "inputs" / "changji-ybj" / "2024" / layout.WORKBOOK,
    ROOT / "inputs" / "changji-ybj" / "2023" / layout.WORKBOOK,
    ROOT / "inputs" / "changji-ybj" / "2024" / self_evaluation_layout.WORKBOOK_NAME,
    ROOT / "inputs" / "shanghai-example" / "2024" / layout.WORKBOOK,  # the invented 上海-style unit
    ROOT / "inputs" / "shanghai-example" / "2024" / self_evaluation_layout.WORKBOOK_NAME,
    ROOT / "inputs" / "shanghai-example" / "上海市示范区文化馆" / "2024" / layout.WORKBOOK,  # its 文化馆's 单位决算
    ROOT / "inputs" / "shanghai-example" / "上海市示范区文化馆" / "2024" / self_evaluation_layout.WORKBOOK_NAME,
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT / "inputs").as_posix())
def test_the_shipped_workbook_equals_what_the_transcription_gives_cell_by_cell(path: Path, written: dict[Path, bytes]) -> None:
    cells = _cells(written[path])
    shipped = _cells(path.read_bytes())
    assert list(cells) == list(shipped)
    for sheet, rows in cells.items():
        assert rows == shipped[sheet], sheet


def test_the_writers_give_the_same_bytes_twice(written: dict[Path, bytes]) -> None:
    """Re-running scripts/build_sample.py on an unchanged transcription changes no shipped file."""
    assert sample.workbooks() == written
    assert set(written) == set(SHIPPED)


def test_the_2023_table_is_the_2024_prior_year_column() -> None:
    """The 2023 一般公共预算 items are derived from the 2024 上年决算数, not transcribed twice."""
    prior = {row[0]: row[5] for row in accounts.sample_2024()[layout.GPB.name] if row[0] and len(row[0]) == 7 and row[5]}
    before = {row[0]: row[2] for row in accounts.sample_2023()[layout.GPB.name] if row[0] and len(row[0]) == 7}
    assert before == prior
    assert len(before) == 15


def _item(values: dict[str, Any], sheet: str, name: str, index: int = 0) -> Any:
    return values[sheet][name][index]


def test_the_2023_reconstruction_keeps_every_figure_the_2024_document_prints_about_2023() -> None:
    """收入支出总计 1,548.48, 财政拨款 and 一般公共预算 1,548.16, the 三公 parts, 机关运行经费 28.41 and the staff
    are what the 2024 workbook's 上年 columns say (the printed changes); the rest of 2023 is reconstructed."""
    cur, before = accounts.sample_2024(), accounts.sample_2023()
    overview, summary, fiscal = layout.OVERVIEW.name, layout.SUMMARY.name, layout.FISCAL.name
    assert _item(before, summary, "收入总计") == _item(before, summary, "支出总计") == _item(cur, overview, "收入支出总计") == 1548.48
    assert _item(before, fiscal, "支出总计") == _item(cur, overview, "财政拨款收入支出总计") == 1548.16
    assert before[layout.GPB.name][0][2] == _item(cur, overview, "一般公共预算财政拨款支出") == 1548.16
    for part in (*layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS):
        assert _item(before, layout.THREE_PUBLIC.name, part, 1) == _item(cur, layout.THREE_PUBLIC.name, part, 2), part
    assert _item(before, layout.OTHER_MATTERS.name, "机关运行经费") == _item(cur, layout.OTHER_MATTERS.name, "机关运行经费", 1) == 28.41
    for name in layout.STAFF_ITEMS:
        assert _item(before, layout.STAFF.name, name) == _item(cur, layout.STAFF.name, name, 1), name


def test_the_2023_split_adds_up_row_by_row() -> None:
    """Each 2023 row's 基本 + 项目 is its 合计 (the 合计 row too: the cent the 2024 document carries is in its 项目)."""
    for row in accounts.sample_2023()[layout.GPB.name]:
        assert Decimal(str(row[3])) + Decimal(str(row[4])) == Decimal(str(row[2])), row


def test_every_self_evaluation_csv_header_is_a_column_of_its_sheet() -> None:
    for sheet in self_evaluation.SHEETS:
        rows = self_evaluation.rows(sheet)
        assert rows, sheet.name
        headers = {c.header for c in sheet.columns}
        assert set(rows[0]) <= headers, (sheet.name, set(rows[0]) - headers)
    assert {p.stem for p in self_evaluation.TRANSCRIPTION.glob("*.csv")} == {s.name for s in self_evaluation.SHEETS}


def test_the_two_goal_texts_keep_the_tab_of_the_source() -> None:
    goals = [row["年度总体目标（预期目标）"] for row in self_evaluation.rows(self_evaluation_layout.PROJECTS)]
    assert sum("\t" in str(goal) for goal in goals) == 2


_EXEC_CALLS = {"spec_from_file_location", "exec_module", "run_path", "run_module", "exec"}


def test_no_test_runs_a_script_or_benchmark_by_path() -> None:
    """Tools that tests need are importable modules (synthetic, scripts.sample), not files run by path."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                name = "runpy" if any(m.split(".")[0] == "runpy" for m in modules) else None
            else:
                continue
            if name in _EXEC_CALLS | {"runpy"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []
