"""juesuan export and api.figures_frame: every settled figure of every unit-year as one tidy table."""

from __future__ import annotations

import csv
import io
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import synthetic
from generator import api, layout
from generator.cli import main
from generator.export import COLUMNS, export_figures

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj"
THREE = layout.THREE_PUBLIC.name


def numeric_cells(folder: Path) -> dict[tuple[str, str], Decimal]:
    """Every number typed in the workbook's data sheets (the 封面 holds no figure), by (sheet, cell)."""
    book = openpyxl.load_workbook(folder / layout.WORKBOOK, read_only=True)
    cells = {}
    for sheet in book.worksheets:
        if sheet.title == layout.COVER.name:
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cells[(sheet.title, cell.coordinate)] = Decimal(str(cell.value))
    book.close()
    return cells


@pytest.fixture(scope="module")
def sample_frame() -> pd.DataFrame:
    return api.figures_frame(SAMPLE)


def test_every_typed_number_is_one_row_and_every_row_with_a_cell_was_typed(sample_frame: pd.DataFrame) -> None:
    for year in ("2023", "2024"):
        rows = sample_frame[(sample_frame.folder == year) & (sample_frame.cell != "")]
        assert set(zip(rows.table, rows.cell, strict=True)) == set(numeric_cells(SAMPLE / year))
        assert not rows.duplicated(["table", "cell"]).any()


def test_values_are_exact_decimals_as_typed_within_the_tolerance(sample_frame: pd.DataFrame) -> None:
    assert list(sample_frame.columns) == list(COLUMNS)
    assert all(isinstance(v, Decimal) for v in sample_frame.value)
    typed = numeric_cells(SAMPLE / "2024")
    rows = sample_frame[(sample_frame.folder == "2024") & (sample_frame.cell != "")]
    # The sample's totals differ from their parts by 尾差 at most: every reported figure is kept as typed.
    assert [(t, c) for t, c, v in zip(rows.table, rows.cell, rows.value, strict=True) if v != typed[(t, c)]] == []


def test_a_total_beyond_the_tolerance_is_settled_to_its_parts(kit, unit_folder) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, THREE, "合计", "决算数", 9.99)  # parts: 0 + 7.32 + 0.34
    frame = api.figures_frame(unit_folder(values))
    total = frame[(frame.table == THREE) & (frame.name == "合计") & (frame.column == "决算数")]
    assert total.value.item() == Decimal("7.66")
    assert numeric_cells(unit_folder(values))[(THREE, total.cell.item())] == Decimal("9.99")


def test_derived_levels_are_the_sum_of_their_children(kit, unit_folder) -> None:
    values = kit.consistent_2024()
    gpb = values[layout.GPB.name]
    values[layout.GPB.name] = [row for row in gpb if not row[0] or len(row[0]) == 7]  # only 项 typed
    frame = api.figures_frame(unit_folder(values).parent)
    table = frame[(frame.table == layout.GPB.name) & (frame.column == "合计")]
    derived = table[(table.cell == "") & (table.code != "合计")]
    assert len(derived) > 5
    leaves = table[table.code.str.len() == 7]
    for code, value in zip(derived.code, derived.value, strict=True):
        assert value == sum(leaves[leaves.code.str.startswith(code)].value), code


def test_a_blank_cell_gives_no_row(kit, unit_folder) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, layout.OTHER_MATTERS.name, "政府采购工程支出", "本年数", None)
    frame = api.figures_frame(unit_folder(values))
    other = frame[frame.table == layout.OTHER_MATTERS.name]
    assert "政府采购工程支出" not in set(other.name)
    assert "政府采购货物支出" in set(other.name)


def test_a_yuan_workbook_is_exact_in_wanyuan(kit, unit_folder) -> None:
    values = kit.consistent_2024()
    values[layout.COVER.name]["金额单位"] = ["元"]
    kit.set_value(values, layout.OTHER_MATTERS.name, "机关运行经费", "本年数", 123456.78)
    frame = api.figures_frame(unit_folder(values))
    row = frame[(frame.name == "机关运行经费") & (frame.column == "本年数")]
    assert row.value.item() == Decimal("12.345678")
    assert row.measure.item() == "万元"


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    size = synthetic.Size(items=12, projects=1)
    for index in (1, 2, 3):
        synthetic.write_unit(root, index, seed=5, size=size, prior=index == 1, declared_unit="万元")
    synthetic.write_unit(root, 4, seed=5, kinds=["text-in-number-cell"], size=size, declared_unit="万元")
    return root


@pytest.mark.slow
def test_row_count_equals_the_figures_of_the_units(synthetic_root: Path) -> None:
    frame = api.figures_frame(synthetic_root)
    readable = ["unit-0001/2023", "unit-0001/2024", "unit-0002/2024", "unit-0003/2024"]
    assert sorted(set(frame.folder)) == readable
    expected = 0
    for folder in readable:
        typed = numeric_cells(synthetic_root / folder)
        rows = frame[frame.folder == folder]
        with_cell = rows[rows.cell != ""]
        assert set(zip(with_cell.table, with_cell.cell, strict=True)) == set(typed)
        expected += len(typed) + int((rows.cell == "").sum())
    assert len(frame) == expected
    assert [name for name, _ in frame.attrs["unreadable"]] == ["unit-0004/2024"]


@pytest.mark.parametrize("suffix", [".csv", pytest.param(".xlsx", marks=pytest.mark.slow), pytest.param(".parquet", marks=pytest.mark.slow)])
def test_export_writes_the_same_rows_exactly(synthetic_root: Path, tmp_path: Path, suffix: str) -> None:
    frame = api.figures_frame(synthetic_root)
    target = tmp_path / f"figures{suffix}"
    result = export_figures(synthetic_root, target)
    assert (result.rows, result.units) == (len(frame), 4)
    assert [f.code for f in result.findings] == ["export-unit-skipped"]
    expected = [str(v) for v in frame.value]
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
        assert rows[0][COLUMNS.index("value")] == "数值"
        assert [r[COLUMNS.index("value")] for r in rows[1:]] == expected
    elif suffix == ".xlsx":
        sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
        got = [r[COLUMNS.index("value")] for r in sheet.iter_rows(min_row=2, values_only=True)]
        assert [Decimal(str(v)) for v in got] == list(frame.value)
    else:
        back = pd.read_parquet(target)
        assert list(back.columns) == list(COLUMNS)
        assert list(back.value) == list(frame.value)  # decimal128: Decimals again, exact


def test_a_table_longer_than_an_excel_sheet_continues_on_the_next_sheet(synthetic_root: Path) -> None:
    from generator.export.frame import figure_rows
    from generator.export.write import _xlsx

    rows, _ = figure_rows(synthetic_root / "unit-0002" / "2024", synthetic_root)
    book = openpyxl.load_workbook(io.BytesIO(_xlsx(rows, sheet_rows=100)), read_only=True)
    assert book.sheetnames == ["全部数字", *(f"全部数字{i}" for i in range(2, (len(rows) + 99) // 100 + 1))]
    values = [r[COLUMNS.index("value")] for sheet in book.worksheets for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [Decimal(str(v)) for v in values] == [r.value for r in rows]


def test_parquet_without_pyarrow_says_what_to_install(synthetic_root: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    result = export_figures(synthetic_root, tmp_path / "x.parquet")
    assert result.output is None and not (tmp_path / "x.parquet").exists()
    assert [f.code for f in result.findings] == ["export-needs-pyarrow"]
    assert "pip install" in result.findings[0].message


def test_cli_export_and_its_refusals(tmp_path: Path) -> None:
    root = tmp_path / "inputs"
    shutil.copytree(SAMPLE, root / "changji-ybj")
    runner = CliRunner()
    ok = runner.invoke(main, ["export", str(root), "-o", str(tmp_path / "all.csv")])
    assert ok.exit_code == 0, ok.output
    assert "2 个单位年度" in ok.output
    bad = runner.invoke(main, ["export", str(root), "-o", str(tmp_path / "all.txt")])
    assert bad.exit_code == 2 and "export-format" in bad.output
    empty = tmp_path / "empty"
    empty.mkdir()
    none = runner.invoke(main, ["export", str(empty), "-o", str(tmp_path / "x.csv")])
    assert none.exit_code == 2 and "export-no-units" in none.output
