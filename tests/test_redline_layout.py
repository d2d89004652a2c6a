"""The redline keeps NEW's layout: formatting, fields, footers and sections are not changes, and no blank pages."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from generator.diff.redline import redline_documents, tracked_changes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2024, 12, 31, tzinfo=UTC)
PAGE_FIELD = f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>{{}}</w:t></w:r></w:fldSimple>'


def _save(document: Document) -> bytes:  # type: ignore[valid-type]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _redline(build: Callable[[bool], bytes]) -> bytes:
    data, findings = redline_documents(build(False), build(True), WHEN)
    assert findings == [] and data is not None
    return data


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


def _body(data: bytes) -> etree._Element:
    body = etree.fromstring(_part(data, "word/document.xml")).find(f"{W}body")
    assert body is not None
    return body


def test_the_new_formatting_is_kept_and_a_deletion_carries_the_old_run_properties() -> None:
    def build(new: bool) -> bytes:
        document = Document()
        paragraph = document.add_paragraph()
        paragraph.add_run("收入总计")
        figure = paragraph.add_run("1,100.00" if new else "1,239.70")
        figure.bold, figure.italic = new, not new
        paragraph.add_run("万元。")
        return _save(document)

    paragraph = _body(_redline(build)).find(f"{W}p")
    assert paragraph is not None
    inserted = paragraph.find(f"{W}ins/{W}r")
    deleted = paragraph.find(f"{W}del/{W}r")
    assert inserted is not None and deleted is not None
    assert inserted.find(f"{W}rPr/{W}b") is not None and inserted.findtext(f"{W}t") == "1,100.00"
    assert deleted.find(f"{W}rPr/{W}i") is not None and deleted.findtext(f"{W}delText") == "1,239.70"
    assert list(paragraph).index(paragraph.find(f"{W}del")) < list(paragraph).index(paragraph.find(f"{W}ins"))


def test_page_number_fields_and_footers_are_not_changes() -> None:
    def build(new: bool) -> bytes:
        document = Document()
        paragraph = document.add_paragraph("第")
        paragraph._p.append(parse_xml(PAGE_FIELD.format(4 if new else 3)))  # a stale cached page number
        paragraph.add_run("页")
        footer = document.sections[0].footer.paragraphs[0]
        footer._p.append(parse_xml(PAGE_FIELD.format(1 if new else 2)))
        return _save(document)

    data = _redline(build)
    assert tracked_changes(data) == []
    assert not list(_body(data).iter(f"{W}ins", f"{W}del"))
    footers = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/footer")]
    assert footers and all(_part(data, n) == _part(build(True), n) for n in footers)


def test_section_breaks_are_not_changes() -> None:
    def build(new: bool) -> bytes:
        document = Document()
        document.add_paragraph("正文")
        if new:  # the self-evaluation tables get a landscape section of their own
            document.add_section(WD_SECTION.NEW_PAGE)
        document.add_paragraph("其他需说明的事项")
        return _save(document)

    data = _redline(build)
    assert tracked_changes(data) == []
    assert not list(_body(data).iter(f"{W}ins", f"{W}del"))
    assert len(list(_body(data).iter(f"{W}sectPr"))) == 2


def test_an_old_section_break_is_not_put_back_as_a_deletion() -> None:
    data, _ = redline_documents(_save_with_section(True), _save_with_section(False), WHEN)
    assert data is not None
    assert len(list(_body(data).iter(f"{W}sectPr"))) == 1
    assert tracked_changes(data) == []


def _save_with_section(section: bool) -> bytes:
    document = Document()
    document.add_paragraph("正文")
    if section:
        document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("结尾")
    return _save(document)


def test_a_page_break_after_a_table_becomes_page_break_before_so_no_blank_page() -> None:
    """What the disclosure does between self-evaluation tables: table, empty, break, empty, title.

    A table that fills its page pushed the empty paragraph onto the next page and the break then
    started a third: a blank page (pages 25 and 30 of the 2024 sample in LibreOffice).
    """

    def build(new: bool) -> bytes:
        document = Document()
        document.add_paragraph("单位整体支出绩效自评表")
        document.add_table(rows=2, cols=2)
        if new:
            document.add_paragraph("")
            document.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
            document.add_paragraph("")
            document.add_paragraph("项目支出绩效自评表")
            document.add_table(rows=2, cols=2)
        return _save(document)

    body = _body(_redline(build))
    kinds = [etree.QName(child).localname for child in body]
    assert kinds == ["p", "tbl", "p", "tbl", "sectPr"]
    title = body[2]
    assert "".join(t.text or "" for t in title.iter(f"{W}t")) == "项目支出绩效自评表"
    assert title.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert not [b for b in body.iter(f"{W}br") if b.get(f"{W}type") == "page"]
