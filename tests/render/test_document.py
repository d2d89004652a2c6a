"""The disclosure document: the docxtpl and python-docx traps we rely on, determinism, escaping."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator import api
from generator.render.document import DEFAULT_TEMPLATE, jinja_environment
from generator.render.dump import document_lines

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("doc") / "sample.docx"
    assert api.generate(SAMPLE, output=out).ok
    return out


def test_same_inputs_give_byte_identical_output(tmp_path: Path, sample_docx: Path) -> None:
    again = tmp_path / "again.docx"
    assert api.generate(SAMPLE, output=again).ok
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(sample_docx.read_bytes()).digest()


def test_chinese_fonts_are_set_through_east_asia(sample_docx: Path) -> None:
    """python-docx sets only the Latin font; without w:eastAsia, Word ignores 仿宋/黑体 for Chinese text."""
    doc = Document(str(sample_docx))
    for name in ("Normal", "JS 正文", "JS 标题", "JS 一级标题", "JS 表格"):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), name
    assert doc.styles["JS 正文"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_page_setup_follows_gb_t_9704(sample_docx: Path) -> None:
    section = Document(str(sample_docx)).sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.top_margin.cm, 1) == 3.7 and round(section.left_margin.cm, 1) == 2.8
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer


def test_report_tables_repeat_their_header_and_right_align_numbers(sample_docx: Path) -> None:
    doc = Document(str(sample_docx))
    report_tables = [t for t in doc.tables if t.rows[0].cells[0].text in ("收入项目", "科目编码", "项目")]
    assert len(report_tables) >= 9
    for table in report_tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    gpb = next(t for t in report_tables if [c.text for c in t.rows[0].cells] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    assert gpb.rows[1].cells[2].text == "1,222.68"
    assert gpb.rows[1].cells[2].paragraphs[0].style.name == "JS 表格数字"


def test_no_template_tag_survives(sample_docx: Path) -> None:
    text = "\n".join(document_lines(sample_docx))
    for tag in ("{{", "}}", "{%", "%}"):
        assert tag not in text


def test_empty_fund_tables_are_stated_as_empty(sample_docx: Path) -> None:
    lines = document_lines(sample_docx)
    assert "本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，本表为空表。" in lines


def test_only_nonzero_classes_and_every_item_with_a_figure(sample_docx: Path) -> None:
    lines = document_lines(sample_docx, tables=False)
    classes = [ln for ln in lines if "（类）" in ln and "（款）" not in ln]
    assert [c.split("（类）")[0] for c in classes] == ["1.社会保障和就业支出", "2.卫生健康支出", "3.住房保障支出"]
    items = [ln for ln in lines if "（项）：支出决算数为" in ln]
    assert len(items) == 16  # including the four that fell to zero
    assert any("信息化建设（项）：支出决算数为0.00万元，比上年决算减少14.27万元，下降100.00%" in ln for ln in items)


def test_text_from_the_inputs_is_escaped_and_not_executed(tmp_path: Path) -> None:
    """A reason with "<", "&" and a Jinja tag appears literally (autoescape, sandbox)."""
    from docxtpl import DocxTemplate

    env = jinja_environment()
    template = tmp_path / "t.docx"
    doc = Document()
    doc.add_paragraph("原因：{{ reason }}")
    doc.save(str(template))
    tpl = DocxTemplate(template)
    evil = "R&D <b>增加</b> {{ 7*7 }} {% for x in range(3) %}x{% endfor %} ]]>"
    tpl.render({"reason": evil}, jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    assert document_lines(buffer.getvalue()) == [f"原因：{evil}"]


def test_the_sandbox_refuses_unsafe_template_code() -> None:
    from jinja2.exceptions import SecurityError

    env = jinja_environment()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()


def test_a_broken_template_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    template = tmp_path / "broken.docx"
    doc = Document()
    doc.add_paragraph("{{ unit }")
    doc.add_paragraph("{{ no_such_variable }}")
    doc.save(str(template))
    result = api.generate(SAMPLE, output=tmp_path / "out.docx", template=template)
    assert not result.ok
    assert [f.code for f in result.findings if f.severity.value == "error"] == ["template-error"]
    assert not (tmp_path / "out.docx").exists()


def test_a_tag_split_across_runs_still_renders(tmp_path: Path) -> None:
    """Word splits a tag typed in Word across runs; docxtpl joins them before rendering."""
    from docxtpl import DocxTemplate

    template = tmp_path / "split.docx"
    doc = Document()
    p = doc.add_paragraph()
    for piece in ("单位：{{ ", "un", "it }}"):
        p.add_run(piece).bold = piece == "un"
    doc.save(str(template))
    tpl = DocxTemplate(template)
    tpl.render({"unit": "测试单位"}, jinja_env=jinja_environment(), autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    assert document_lines(buffer.getvalue()) == ["单位：测试单位"]


def test_default_template_paragraph_tags_contain_no_percent_expression() -> None:
    """docxtpl's {%p %} breaks on an expression containing '%': the template keeps them plain."""
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    import re

    for tag in re.findall(r"\{%p(.*?)%\}", xml):
        assert "%" not in tag, tag


def test_the_self_evaluation_tables_are_appended(sample_docx: Path) -> None:
    lines = document_lines(sample_docx)
    assert lines.count("项目支出绩效自评表") == 11
    assert "单位整体支出绩效自评表" in lines


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice is not installed")
def test_generate_pdf_through_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "sample.docx"
    result = api.generate(SAMPLE, output=out, pdf=True)
    assert [p.suffix for p in result.outputs] == [".docx", ".pdf"], [str(f) for f in result.findings]
    text = subprocess.run(["pdftotext", str(out.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "昌吉回族自治州医疗保障局2024年度部门决算公开说明" in flat
    assert "项目支出绩效自评表" in flat


def test_a_first_year_without_prior_figures_still_reads_as_sentences(kit, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, "预算及上年情况", "收入支出总计", "上年决算数", None)
    folder = kit.write_unit(tmp_path, values)
    out = tmp_path / "first.docx"
    assert api.generate(folder, output=out).ok
    lines = document_lines(out, tables=False)
    assert "收入支出总体无上年数据，不作比较。" in lines
    assert not any(line.endswith("总体") or "，；" in line or "，。" in line for line in lines)
