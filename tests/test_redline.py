"""The redline: tracked changes (w:ins / w:del) between two small documents whose difference is known.

python-docx's paragraph.text skips text inside w:ins, so everything here reads the XML.
One redline of one pair of documents serves most assertions; the others build their own pair.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from generator.diff.redline import AUTHOR, redline_documents, tracked_changes
from generator.render.dump import document_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2024, 12, 31, tzinfo=UTC)

OLD_PARAGRAPHS = [
    "一、收入支出决算总体情况",
    "2023年度收入总计1,239.70万元，比上年减少308.78万元。",
    "比上年增加4.37万元，增长132.83%，主要原因是：公务用车运行维护费增加。",
    "本段在新文档中删除。",
    "本单位无其他需说明的事项。",
]
NEW_PARAGRAPHS = [
    "一、收入支出决算总体情况",
    "2024年度收入总计1,100.00万元，比上年减少308.78万元。",
    "比上年减少4.37万元，下降32.83%，主要原因是：公务用车运行维护费增加。",
    "本单位无其他需说明的事项。",
    "本段是新增的。",
]
OLD_TABLE = [["科目", "金额"], ["行政运行", "442.32"], ["一般行政管理事务", "191.87"], ["住房公积金", "45.34"]]
NEW_TABLE = [["科目", "金额"], ["行政运行", "442.35"], ["住房公积金", "45.34"], ["其他支出", "2.07"]]


def _docx(paragraphs: list[str], table: list[list[str]]) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for i, row in enumerate(table):
        for j, text in enumerate(row):
            grid.cell(i, j).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def redline() -> bytes:
    data, findings = redline_documents(_docx(OLD_PARAGRAPHS, OLD_TABLE), _docx(NEW_PARAGRAPHS, NEW_TABLE), WHEN)
    assert findings == []
    assert data is not None
    return data


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _segments(paragraph: etree._Element) -> list[tuple[str, str]]:
    """The paragraph as ("=" | "ins" | "del", text) pieces, neighbours of one kind merged."""
    pieces: list[tuple[str, str]] = []
    for node in paragraph.iter(f"{W}t", f"{W}delText"):
        kinds = {a.tag for a in node.iterancestors()} & {f"{W}ins", f"{W}del"}
        kind = "ins" if f"{W}ins" in kinds else "del" if f"{W}del" in kinds else "="
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1] + (node.text or ""))
        else:
            pieces.append((kind, node.text or ""))
    return pieces


def _paragraphs(data: bytes) -> list[list[tuple[str, str]]]:
    """Body paragraphs outside tables, in order, as segments."""
    body = _body(data).find(f"{W}body")
    assert body is not None
    return [_segments(p) for p in body.findall(f"{W}p")]


def _cells(data: bytes) -> list[list[list[tuple[str, str]]]]:
    table = _body(data).find(f"{W}body/{W}tbl")
    assert table is not None
    return [[_segments(tc) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]


def test_equal_paragraphs_have_no_tracked_change(redline: bytes) -> None:
    paragraphs = _paragraphs(redline)
    assert paragraphs[0] == [("=", "一、收入支出决算总体情况")]
    assert [("=", "本单位无其他需说明的事项。")] in paragraphs


def test_a_changed_number_is_deleted_and_inserted_whole(redline: bytes) -> None:
    assert _paragraphs(redline)[1] == [
        ("del", "2023"),
        ("ins", "2024"),
        ("=", "年度收入总计"),
        ("del", "1,239.70"),
        ("ins", "1,100.00"),
        ("=", "万元，比上年减少308.78万元。"),
    ]


def test_changed_words_and_a_percentage_are_marked_as_phrases(redline: bytes) -> None:
    assert _paragraphs(redline)[2] == [
        ("=", "比上年"),
        ("del", "增加"),
        ("ins", "减少"),
        ("=", "4.37万元，"),
        ("del", "增长132.83%"),
        ("ins", "下降32.83%"),
        ("=", "，主要原因是：公务用车运行维护费增加。"),
    ]


def test_removed_and_added_paragraphs_are_whole_deletions_and_insertions(redline: bytes) -> None:
    paragraphs = _paragraphs(redline)
    assert [("del", "本段在新文档中删除。")] in paragraphs
    assert [("ins", "本段是新增的。")] in paragraphs


def test_a_table_cell_change_is_tracked_in_that_cell(redline: bytes) -> None:
    cells = _cells(redline)
    assert cells[1][1] == [("del", "442.32"), ("ins", "442.35")]
    assert cells[1][0] == [("=", "行政运行")]
    assert cells[3] == [[("=", "住房公积金")], [("=", "45.34")]]


def test_deleted_and_inserted_rows_are_tracked_as_rows(redline: bytes) -> None:
    table = _body(redline).find(f"{W}body/{W}tbl")
    assert table is not None
    rows = table.findall(f"{W}tr")
    marks = [[m.tag for m in row.findall(f"{W}trPr/*") if m.tag in (f"{W}ins", f"{W}del")] for row in rows]
    assert marks == [[], [], [f"{W}del"], [], [f"{W}ins"]]
    assert _cells(redline)[2] == [[("del", "一般行政管理事务")], [("del", "191.87")]]
    assert _cells(redline)[4] == [[("ins", "其他支出")], [("ins", "2.07")]]


def test_every_change_has_the_fixed_author_and_date(redline: bytes) -> None:
    marks = list(_body(redline).iter(f"{W}ins", f"{W}del"))
    assert marks
    assert {(m.get(f"{W}author"), m.get(f"{W}date")) for m in marks} == {(AUTHOR, "2024-12-31T00:00:00Z")}


def test_tracked_changes_lists_them_in_order(redline: bytes) -> None:
    changes = tracked_changes(redline)
    assert changes[:4] == [("del", "2023"), ("ins", "2024"), ("del", "1,239.70"), ("ins", "1,100.00")]
    assert ("del", "442.32") in changes and ("ins", "442.35") in changes


def test_the_text_dump_reads_the_new_document(redline: bytes) -> None:
    """Deleted text is left out, inserted text is in: the dump of a redline is the new document."""
    lines = document_lines(redline)
    assert lines[:5] == NEW_PARAGRAPHS
    assert "442.35" in lines and "442.32" not in lines


def test_the_same_pair_gives_the_same_bytes(redline: bytes) -> None:
    again, _ = redline_documents(_docx(OLD_PARAGRAPHS, OLD_TABLE), _docx(NEW_PARAGRAPHS, NEW_TABLE), WHEN)
    assert again == redline


def test_a_file_that_is_not_a_word_document_is_a_finding() -> None:
    data, findings = redline_documents(b"not a zip", _docx(NEW_PARAGRAPHS, NEW_TABLE), WHEN)
    assert data is None
    assert [(f.code, f.location.field) for f in findings] == [("redline-failed", "redline")]


def test_it_opens_in_python_docx_and_reads_as_the_new_document(redline: bytes) -> None:
    document = Document(io.BytesIO(redline))
    assert len(document.tables) == 1
    assert [len(t.rows) for t in document.tables] == [5]  # a deleted row stays until accepted


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it(redline: bytes, tmp_path: Path) -> None:
    source = tmp_path / "redline.docx"
    source.write_bytes(redline)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    text = (tmp_path / "redline.txt").read_text(encoding="utf-8-sig")
    assert "本段是新增的。" in text and "1,100.00" in text
