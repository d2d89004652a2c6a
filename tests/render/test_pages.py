"""The PDF pages of both templates' documents: no blank page, no page holding only a heading or a
table's 注 (what a page break in the wrong place leaves). One LibreOffice conversion per template
(about 1.5 s each), only where soffice is installed (the CI has it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import api

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
PAGE_NUMBER = re.compile(r"[—\-\s\d]*")  # the footer, "— 5 —"

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice or pdftotext is not installed"
)


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's non-empty text lines, without the page number (pdftotext ends each page with a form feed)."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")[:-1]
    return [[line.strip() for line in page.splitlines() if not PAGE_NUMBER.fullmatch(line)] for page in pages]


def stranded(lines: list[str]) -> bool:
    """A page with nothing but a part heading (broken over two lines at most), or a table's 注/说明."""
    heading = len(lines) <= 2 and lines[0].startswith("第") and "部分" in lines[0][:5]
    note = all(line.startswith(("注：", "说明：")) for line in lines)
    return heading or note


@pytest.mark.slow
@needs_pdf_tools
@pytest.mark.parametrize(
    "unit, template",
    [("shanghai-example/2024", "shanghai-2024"), ("changji-ybj/2024", "xinjiang-2024")],
)
def test_no_blank_or_stranded_page(unit: str, template: str, tmp_path: Path) -> None:
    result = api.generate(INPUTS / unit, output=tmp_path / "说明.docx", template=template, pdf=True)
    assert result.ok, [f.message for f in result.findings if f.severity.value == "error"]

    pdf = tmp_path / "说明.pdf"
    pages = page_lines(pdf)

    assert len(pages) > 10
    docx_path = tmp_path / "说明.docx"
    headings = heading_texts(docx_path)
    assert len(headings) > 20
    assert [i for i, lines in enumerate(pages, 1) if lines and "".join(lines[-1].split()) in headings] == [], "a heading ends a page"
    assert unbroken_cells(docx_path, pdf) == [], "amounts or codes broken over two lines in a table cell"
    assert [i for i, lines in enumerate(pages, 1) if not lines] == [], "blank pages"
    assert [i for i, lines in enumerate(pages, 1) if lines and stranded(lines)] == [], "pages with only a heading or a note"
    if template == "shanghai-2024":  # the cover has no page number; the 目录 (page 2) has
        cover, contents = (
            "".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"], check=True, capture_output=True, text=True).stdout.split())
            for n in (1, 2)
        )
        assert "—" not in cover and contents.endswith("—2—")
        assert_contents_have_page_numbers(pages)


def assert_contents_have_page_numbers(pages: list[list[str]]) -> None:
    """The 目录 (page 2) lists every heading with its page number, and each heading is on that page."""
    entries = [re.fullmatch(r"(.+?)\.{3,}\s*(\d+)", line) for line in pages[1][1:]]
    assert entries and all(entries), pages[1]
    numbers = [int(m.group(2)) for m in entries if m]
    assert numbers == sorted(numbers) and numbers[0] > 2
    for m in entries:
        assert m is not None
        heading = re.sub(r"\s+", "", m.group(1))
        page = "".join("".join(pages[int(m.group(2)) - 1]).split())
        assert heading in page, (heading, m.group(2))


HEADING_STYLES = {"JS 部分", "JS 一级标题", "JS 二级标题", "JS 表名"}
CELL_FIGURE = re.compile(r"-?\d{1,3}(,\d{3})*\.\d{2}|-?\d+\.\d{2}%?|\d{3}(\d{2}){0,2}")  # an amount, a rate, a 科目编码


def heading_texts(docx_path: Path) -> set[str]:
    """The texts of the document's headings (parts, 一、…, （一）…, table titles), without spaces."""
    import docx

    document = docx.Document(str(docx_path))
    return {"".join(p.text.split()) for p in document.paragraphs if p.style is not None and p.style.name in HEADING_STYLES and p.text.strip()}


def unbroken_cells(docx_path: Path, pdf: Path) -> list[str]:
    """The amounts, rates and codes of the document's tables that the PDF does not hold as one word (a cell broke them)."""
    from tests.docx_tables import read_document

    tables, _ = read_document(docx_path.read_bytes())
    figures = {cell for table in tables for row in table for cell in row if CELL_FIGURE.fullmatch(cell)}
    layout = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
    words = set(re.findall(r"<word [^>]*>([^<]*)</word>", layout))
    return sorted(figure for figure in figures if figure not in words)


def test_stranded_pages_are_recognised() -> None:
    assert stranded(["第二部分　上海市示范区文化旅游局", "2024年度部门决算表"])
    assert stranded(["注：本表反映部门本年度财政拨款总收支和结转结余情况。"])
    assert not stranded(["上海市示范区文化旅游局", "2024年度部门决算"])  # the cover
    assert not stranded(["第二部分　部门决算表", "一、收入支出决算总表", "编制单位：…"])
