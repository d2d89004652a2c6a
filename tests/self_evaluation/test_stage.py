"""The self-evaluation as a stage of the one pipeline (issue 23) and the outputs it needs alone (issue 24)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator import api
from generator.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "changji-ybj" / "2024"
OTHER = "其他重要事项"
ROWS = {"绩效自评项目数": 31, "绩效自评项目金额": 32, "绩效自评平均分": 33, "绩效评级为优的项目数": 34, "绩效评级为良的项目数": 35}


def _copy(tmp_path: Path, typed: dict[str, object] | None = None, cells: dict[tuple[str, str], object] | None = None) -> Path:
    folder = tmp_path / "unit" / "2024"
    shutil.copytree(SAMPLE, folder)
    book = openpyxl.load_workbook(folder / "决算数据.xlsx")
    for name, value in (typed or {}).items():
        book[OTHER][f"B{ROWS[name]}"] = value
    for (sheet, cell), value in (cells or {}).items():
        book[sheet][cell] = value
    book.save(folder / "决算数据.xlsx")
    return folder


def _located(checked: api.Checked, code: str) -> set[tuple[str | None, str | None]]:
    return {(f.location.sheet, f.location.cell) for f in checked.findings if f.code == code}


def test_a_typed_figure_that_differs_from_the_tables_is_named_at_its_cell(tmp_path: Path) -> None:
    checked = api.check_folder(_copy(tmp_path, {"绩效自评项目数": 99, "绩效自评平均分": 12.5}))
    assert _located(checked, "performance-figure-mismatch") == {(OTHER, "B31"), (OTHER, "B33")}
    assert checked.figures is not None
    # the document prints the tables' figures: 11 projects, 96.40 on average
    assert checked.figures.performance.evaluated == 11
    assert round(checked.figures.performance.average_score or 0, 2) == Decimal("96.40")


@pytest.mark.parametrize(
    ("name", "value"),
    [("绩效自评项目数", 11), ("绩效自评平均分", 96.4), ("绩效自评平均分", 96), ("绩效自评项目金额", 682.26), ("绩效评级为优的项目数", 10)],
)
def test_a_typed_figure_equal_to_the_tables_at_its_precision_passes(tmp_path: Path, name: str, value: object) -> None:
    checked = api.check_folder(_copy(tmp_path, {name: value}))
    assert _located(checked, "performance-figure-mismatch") == set()


def test_amount_and_grade_counts_are_compared_too(tmp_path: Path) -> None:
    checked = api.check_folder(_copy(tmp_path, {"绩效自评项目金额": 600, "绩效评级为良的项目数": 3}))
    assert _located(checked, "performance-figure-mismatch") == {(OTHER, "B32"), (OTHER, "B35")}


def test_an_amount_within_the_rounding_of_its_parts_is_a_warning(tmp_path: Path) -> None:
    checked = api.check_folder(_copy(tmp_path, {"绩效自评项目金额": 682.27}))
    assert _located(checked, "performance-figure-rounding") == {(OTHER, "B32")}
    assert _located(checked, "performance-figure-mismatch") == set()


def test_generate_prints_the_tables_figure_and_refuses_until_forced(tmp_path: Path) -> None:
    folder = _copy(tmp_path, {"绩效自评项目数": 99})
    out = tmp_path / "说明.docx"
    assert not api.generate(folder, out).ok
    forced = api.generate(folder, out, force=True)
    assert forced.ok
    assert forced.checked.figures is not None and forced.checked.figures.performance.evaluated == 11


def test_only_self_evaluation_ignores_errors_of_the_texts(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    texts = folder / "文字说明.yaml"
    texts.write_text(texts.read_text(encoding="utf-8") + "\n主要职能: [1, 2]\n", encoding="utf-8")
    assert api.check_folder(folder).has_errors  # the disclosure has an error …
    out = tmp_path / "自评.docx"
    result = api.generate(folder, out, only="self-evaluation")
    assert result.ok and out.exists()  # … that the self-evaluation tables do not print
    assert not any(f.code.startswith("texts-") for f in result.findings)


def test_only_self_evaluation_ignores_an_unreadable_cell_of_the_disclosure_workbook(tmp_path: Path) -> None:
    folder = _copy(tmp_path, cells={("收入支出决算总表", "B8"): "约12"})
    out = tmp_path / "自评.docx"
    assert api.generate(folder, out, only="self-evaluation").ok


def test_force_writes_the_disclosure_despite_an_unreadable_cell(tmp_path: Path) -> None:
    folder = _copy(tmp_path, cells={("收入支出决算总表", "B8"): "约12"})
    out = tmp_path / "说明.docx"
    refused = api.generate(folder, out)
    assert not refused.ok and not out.exists()
    assert ("收入支出决算总表", "B8") in {(f.location.sheet, f.location.cell) for f in refused.findings if f.code == "not-a-number"}
    forced = api.generate(folder, out, force=True)
    assert forced.ok and out.exists()
    assert "generated-with-errors" in {f.code for f in forced.findings}
    result = CliRunner().invoke(main, ["generate", str(folder), "-o", str(tmp_path / "c.docx"), "--force"])
    assert result.exit_code == 1 and (tmp_path / "c.docx").exists()


def _document_text(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_only_self_evaluation_takes_its_year_from_the_cover_when_the_folder_is_not_a_year(tmp_path: Path) -> None:
    folder = tmp_path / "某单位绩效"
    shutil.copytree(SAMPLE, folder)
    out = tmp_path / "自评.docx"
    result = api.generate(folder, out, only="self-evaluation")
    assert result.ok
    text = _document_text(out)
    assert "（2024年度）" in text and "None" not in text


def test_only_self_evaluation_takes_its_year_from_a_folder_named_for_it(tmp_path: Path) -> None:
    folder = tmp_path / "unit" / "2023"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE / "绩效自评表.xlsx", folder)
    out = tmp_path / "自评.docx"
    assert api.generate(folder, out, only="self-evaluation").ok
    text = _document_text(out)
    assert "（2023年度）" in text and "None" not in text


@pytest.mark.parametrize("force", [False, True])
def test_only_self_evaluation_without_any_year_is_a_finding_not_none(tmp_path: Path, force: bool) -> None:
    folder = tmp_path / "某单位绩效"
    folder.mkdir()
    shutil.copy(SAMPLE / "绩效自评表.xlsx", folder)
    out = tmp_path / "自评.docx"
    result = api.generate(folder, out, only="self-evaluation", force=force)
    assert not result.ok and not out.exists()
    assert [(f.code, f.location.file) for f in result.findings if f.code == "self-evaluation-year-unknown"] == [
        ("self-evaluation-year-unknown", str(folder))
    ]
    cli = CliRunner().invoke(main, ["generate", str(folder), "--only", "self-evaluation", "-o", str(out)])
    assert cli.exit_code == 1 and "None" not in cli.output and not out.exists()
