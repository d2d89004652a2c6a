"""The self-evaluation tables: rendered from the Word template, groups merged after rendering."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from generator import api
from generator.compute.self_evaluation.score import score_self_evaluation
from generator.load.self_evaluation.profiles import load_profile
from generator.load.self_evaluation.reader import load_self_evaluation
from generator.render.document import SELF_EVALUATION_TEMPLATE, render_template
from generator.render.merge import MERGE_MARK, merge_marked_cells
from generator.render.self_evaluation import self_evaluation_context

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


def _document(profile_name: str) -> docx.document.Document:
    evaluation, _ = load_self_evaluation(SAMPLE)
    profile, _ = load_profile(profile_name)
    assert evaluation is not None and profile is not None
    context = {"se": self_evaluation_context(score_self_evaluation(evaluation, profile))}
    data, findings = render_template(SELF_EVALUATION_TEMPLATE, context, 2024)
    assert data is not None, findings
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def document() -> docx.document.Document:
    return _document("xinjiang-2024")


def _texts(table) -> list[str]:
    return [cell.text for row in table.rows for cell in row.cells]


def _form(document, index: int) -> tuple:
    """The two tables of the INDEX-th form (0: the unit's): head (名称, 资金, 目标) and indicators."""
    return document.tables[2 * index], document.tables[2 * index + 1]


def test_all_twelve_forms_with_their_titles(document) -> None:
    assert len(document.tables) == 24  # each form is a head table and an indicator table
    titles = [p.text for p in document.paragraphs if p.text.endswith("自评表")]
    assert titles == ["单位整体支出绩效自评表"] + ["项目支出绩效自评表"] * 11
    assert "（2024年度）" in [p.text for p in document.paragraphs]
    second = _texts(_form(document, 2)[1])  # 关于提前下达2023年中央财政…
    assert "92.58分" in second and "142.86%" in second and "5.71" in second
    unit = _texts(_form(document, 0)[0])
    assert "99.90%" in unit and "9.99" in unit and "1,239.70" in unit


def test_nested_groups_are_merged_and_no_mark_is_left(document) -> None:
    head, indicators = _form(document, 1)
    assert len(head._tbl.xpath(".//w:vMerge[@w:val='restart']")) == 2  # funds block, goals
    assert len(indicators._tbl.xpath(".//w:vMerge[@w:val='restart']")) >= 2  # 一级 and 二级 groups
    # 产出指标 is written once and merged over its four rows (python-docx repeats a merged cell's text)
    column = [row.cells[0].text for row in indicators.rows]
    assert column.count("产出指标") == 4
    assert "".join(t.text or "" for t in indicators._tbl.iter(qn("w:t"))).count("产出指标") == 1
    assert MERGE_MARK not in "".join(_texts(head) + _texts(indicators))


def test_fonts_are_chinese(document) -> None:
    style = document.styles["JS 表格"]
    assert style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"


def test_page_is_landscape(document) -> None:
    section = document.sections[0]
    assert section.page_width > section.page_height


def test_a_profile_that_shows_grades_prints_them() -> None:
    assert "等级" in _texts(_form(_document("chongqing-compact"), 1)[1])
    assert "等级" not in _texts(_form(_document("classic-ratio"), 1)[1])  # the 宁夏 form has no 等级 row


def test_merge_marked_cells_uses_grid_columns() -> None:
    """A mark under a wide (gridSpan) cell merges with the cell in the same grid column."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f"""<w:body xmlns:w="{w}"><w:tbl>
      <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>{MERGE_MARK}</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>{MERGE_MARK}</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl></w:body>"""
    body = etree.fromstring(xml)
    assert merge_marked_cells(body) == 2
    rows = body.findall(f".//{{{w}}}tr")
    merges = [[tc.find(f"{{{w}}}tcPr/{{{w}}}vMerge") for tc in row.findall(f"{{{w}}}tc")] for row in rows]
    assert merges[0][1].get(f"{{{w}}}val") == "restart"
    assert merges[1][2] is not None and merges[1][2].get(f"{{{w}}}val") is None
    assert merges[2][2] is not None


def test_generate_only_self_evaluation(tmp_path: Path) -> None:
    result = api.generate(SAMPLE, output=tmp_path / "自评表.docx", only="self-evaluation")
    assert result.ok
    assert len(docx.Document(str(tmp_path / "自评表.docx")).tables) == 24


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_merged_tables_open_in_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "自评表.docx"
    assert api.generate(SAMPLE, output=source, only="self-evaluation").ok
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "自评表.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_the_rows_before_a_total_are_kept_with_it(document) -> None:
    """A page never holds only 总分, or one indicator and 总分: the last two indicator rows carry keepNext."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = _form(document, 1)[1]._tbl.findall(f"{w}tr")
    total = next(i for i, r in enumerate(rows) if "".join(t.text or "" for t in r.find(f"{w}tc").iter(f"{w}t")) == "总分")
    assert rows[total - 1].find(f".//{w}keepNext") is not None
    assert rows[total - 2].find(f".//{w}keepNext") is not None
    assert rows[total - 3].find(f".//{w}keepNext") is None
    assert rows[total].find(f".//{w}keepNext") is None  # the last row: nothing to keep it with
