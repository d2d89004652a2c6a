"""The tables document saves, re-opens with python-docx, and (when LibreOffice is here) converts to PDF."""

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generator.performance.docx_tables import add_self_evaluation_tables, self_evaluation_document
from generator.performance.load import load_self_evaluation
from generator.performance.score import ScoredSelfEvaluation, score_self_evaluation

from .builders import profile
from .test_sample import SAMPLE


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    evaluation, _ = load_self_evaluation(SAMPLE)
    assert evaluation is not None
    path = tmp_path_factory.mktemp("docx") / "自评表.docx"
    self_evaluation_document(score_self_evaluation(evaluation, profile("xinjiang-2024"))).save(str(path))
    return path


def _texts(table: docx.table.Table) -> list[str]:
    return [cell.text for row in table.rows for cell in row.cells]


def test_saves_and_reopens_with_all_tables(saved: Path) -> None:
    document = docx.Document(str(saved))
    assert len(document.tables) == 12
    titles = [p.text for p in document.paragraphs if p.text.endswith("自评表")]
    assert titles == ["单位整体支出绩效自评表"] + ["项目支出绩效自评表"] * 11
    assert "（2024年度）" in [p.text for p in document.paragraphs]
    second = _texts(document.tables[2])  # 关于提前下达2023年中央财政…
    assert "92.58分" in second and "142.86%" in second and "5.71" in second
    unit = _texts(document.tables[0])
    assert "99.90%" in unit and "9.99" in unit and "1,239.70" in unit


def test_groups_are_merged_and_fonts_are_chinese(saved: Path) -> None:
    document = docx.Document(str(saved))
    body = document.tables[1]._tbl
    restarts = body.xpath(".//w:vMerge[@w:val='restart']")
    assert len(restarts) >= 5  # funds block, goals, the label column, 一级 and 二级 groups
    assert body.xpath(".//w:gridSpan")
    # each 一级指标 is written once, in the top cell of its merged group
    first_column = [row.cells[1].text for row in document.tables[1].rows[9:16]]
    assert first_column.count("产出指标") == 4  # one merged cell seen from its four rows
    fonts = {r.get(qn("w:eastAsia")) for r in body.iter(qn("w:rFonts"))}
    assert fonts == {"仿宋"}


def test_also_fills_a_container_such_as_a_subdoc(tmp_path: Path) -> None:
    evaluation, _ = load_self_evaluation(SAMPLE)
    assert evaluation is not None
    scored: ScoredSelfEvaluation = score_self_evaluation(evaluation, profile("classic-ratio"))
    document = docx.Document()
    document.add_paragraph("正文")
    add_self_evaluation_tables(document, scored)
    document.save(str(tmp_path / "with-body.docx"))
    tables = docx.Document(str(tmp_path / "with-body.docx")).tables
    assert len(tables) == 12 and "等级" in _texts(tables[1])  # classic-ratio prints 等级


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_converts_to_pdf(saved: Path, tmp_path: Path) -> None:
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(saved),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "自评表.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
