"""verify reading PDFs: the 目录 with its page numbers (both templates now print one) is skipped, not read as text
with "……" placeholders; the 财政拨款收入支出决算总表 of both templates (under a header of merged, wrapped cells; the 上海 one with items and
amounts side by side) is read by where its cells stand, as the .docx reader reads it, also against the data (--data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import api
from generator.verify import verify_document
from generator.verify.audit import State
from generator.verify.read import read_document
from generator.verify.read_text import document_from_pages
from generator.verify.structure import Tracker
from generator.verify.tables import is_number

ROOT = Path(__file__).resolve().parents[1]

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")

CONTENTS_PAGE = ["目 录", "第一部分 单位概况..........2", "一、主要职能..................2", "第二部分 情况说明 ........ 3", "一、收入支出决算总体情况说明....3"]
BODY = ["第一部分 单位概况", "一、主要职能", "负责本市文化工作。", "第二部分 情况说明", "一、收入支出决算总体情况说明", "2024年度收入总计100.00万元。"]


def test_the_contents_of_a_pdf_is_skipped_entry_by_entry() -> None:
    document = document_from_pages("说明.pdf", "pdf", [["某局2024年度部门决算"], CONTENTS_PAGE, BODY])
    contents = [p for p in document.paragraphs if p.place.part == "目录"]
    assert [p.text for p in contents] == ["目录", "第一部分单位概况", "一、主要职能", "第二部分情况说明", "一、收入支出决算总体情况说明"]
    assert not any("..." in p.text for p in document.paragraphs)
    body = [p for p in document.paragraphs if p.place.part != "目录"][1:]
    assert [(p.text, p.heading) for p in body[:3]] == [("第一部分单位概况", "part"), ("一、主要职能", "section"), ("负责本市文化工作。", "")]
    assert body[-1].place.section == "一、收入支出决算总体情况说明"


def test_a_contents_word_has_updated_ends_at_the_first_part_heading() -> None:
    """Word's updated 目录: "一、主要职能<tab>3" (cleaned to a space); the part heading after it ends the 目录."""
    tracker = Tracker()
    for text in ["目录", "第一部分 单位概况 2", "一、主要职能 2", "第二部分 情况说明 3"]:
        assert tracker.see(text)[1].part == "目录"
    kind, place = tracker.see("第一部分 单位概况")
    assert (kind, place.part) == ("part", "第一部分 单位概况")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("template", ["shanghai-2024", "xinjiang-2024"])
def test_the_fiscal_summary_table_is_read_from_the_pdf(template: str, tmp_path: Path) -> None:
    """The 财政拨款收入支出决算总表 of both templates: its header's merged cells wrap, and are not found."""
    target = tmp_path / "说明.docx"
    assert api.generate(ROOT / "inputs" / "shanghai-example" / "2024", target, template=template, pdf=True).ok
    title = "财政拨款收入支出决算总表"
    from_pdf = next(t for t in read_document(target.with_suffix(".pdf")).tables if t.title.startswith(title))
    from_docx = next(t for t in read_document(target).tables if t.title.startswith(title))

    assert from_pdf.readable, from_pdf.why_unreadable
    first = next(i for i, r in enumerate(from_docx.rows) if any(is_number(c) for c in r))
    data_rows = list(from_docx.rows[first:])
    assert sum(1 for r in data_rows for c in r if is_number(c)) > 20
    assert [r for r in from_pdf.rows if r in data_rows] == data_rows  # every row, every cell in its column
    findings, coverage = api.verify_document(target.with_suffix(".pdf"), ROOT / "inputs" / "shanghai-example" / "2024")
    assert [(f.code, str(f.location)) for f in findings if f.severity.value == "error" and title in str(f.location)] == []
    assert [o.target for o in coverage if o.state is State.UNREADABLE and title in o.target] == []


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("template", ["xinjiang-2024", "shanghai-2024"])
def test_the_contents_of_a_generated_pdf_raises_nothing(template: str, tmp_path: Path) -> None:
    target = tmp_path / "说明.docx"
    assert api.generate(ROOT / "inputs" / "shanghai-example" / "2024", target, template=template, pdf=True).ok
    findings, _ = verify_document(target.with_suffix(".pdf"))
    assert [(f.code, str(f.location)) for f in findings if f.code == "doc-placeholder"] == []
    contents = [p for p in read_document(target.with_suffix(".pdf")).paragraphs if p.place.part == "目录"]
    assert len(contents) > 15 and not any(ch.isdigit() for p in contents for ch in p.text[-2:])


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("unit, template", [("changji-ybj", "xinjiang-2024"), ("shanghai-example", "shanghai-2024")])
def test_a_generated_pdf_against_its_data_has_no_error(unit: str, template: str, tmp_path: Path) -> None:
    """Every table read from the PDF lines up with the .docx the data makes (the 上海 三公 table of numbers only too):
    no doc-data-mismatch, no error at all."""
    target = tmp_path / "说明.docx"
    folder = ROOT / "inputs" / unit / "2024"
    assert api.generate(folder, target, template=template, pdf=True).ok
    findings, _ = api.verify_document(target.with_suffix(".pdf"), folder)
    assert [(f.code, str(f.location)) for f in findings if f.severity.value == "error"] == []
