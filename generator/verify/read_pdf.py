"""Read a PDF disclosure through pypdfium2 (PDFium, the engine of Chrome's viewer): the text of each page.

Measured on our 42-page sample PDF (2026-12-06): pypdfium2 extracts all text in 0.08 s; pdfplumber
(pdfminer.six) takes 1.6 s for the text and 0.4 s more for its tables. The 3 s budget of a
40-page verify leaves no room for pdfplumber, and its table finder works from ruling lines that
our tables have but hand-made PDFs often lack; so tables are rebuilt from the text lines and, on
the pages that hold tables, from where each character stands (PDFium's character boxes: about
0.006 s a page, measured 2026-12-06 under load), and a table that cannot be rebuilt is reported as unreadable.
"""

from __future__ import annotations

from pathlib import Path

from generator.verify.document import Document
from generator.verify.read_docx import Unreadable
from generator.verify.read_text import Cell, document_from_pages

MAX_PAGES = 2000


def read_pdf(path: Path, data: bytes | None = None) -> Document:
    """The PDF at PATH, from DATA when given (the bytes the door checked)."""
    import pypdfium2 as pdfium

    if data is None:
        from generator.door import read_document as through_door

        data, refused = through_door(path)
        if data is None:
            raise Unreadable(refused.message if refused is not None else "文件无法读取")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Unreadable(f"PDF 无法打开：{exc}") from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise Unreadable(f"PDF 有 {len(pdf)} 页，超过上限 {MAX_PAGES} 页")
        pages = []
        for number in range(len(pdf)):
            page = pdf[number]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            textpage.close()
            page.close()
        cache: dict[int, dict[str, list[Cell]]] = {}

        def geometry(number: int) -> dict[str, list[Cell]]:
            if number not in cache:
                cache[number] = _cells(pdf[number - 1])
            return cache[number]

        document = document_from_pages(str(path), "pdf", pages, geometry)
    finally:
        pdf.close()
    if not any(p.text for p in document.paragraphs):
        raise Unreadable("PDF 中没有可提取的文字（可能是扫描件图片）；请提供 Word 文档或带文字层的 PDF")
    return document


_LINE_TOLERANCE = 3.0  # points: text whose vertical centres are this close stands on one line
# points: a wider gap between two characters on a line separates two cells. The glyphs of a word stand
# under 1 pt apart; the amount of one column and the code of the next about 3 pt in the two-block 基本支出表
# ("566.17" "302"), which PDFium's text rectangles run together. (read_text joins the pieces of a spaced-out
# text again; two numbers in one column leave the table unplaced, never guessed.)
_WORD_GAP = 2.0


def _cells(page) -> dict[str, list[Cell]]:  # type: ignore[no-untyped-def]
    """Each line of PAGE as cells (x0, x1, text), keyed by the line's text without spaces.

    Built from PDFium's box of each character (not from its text rectangles, whose bounded text may repeat
    a character at a rectangle's edge): characters on one line closer than _WORD_GAP are one cell."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range()
        if len(text) != count:  # (one character per index: PDFium counts its generated breaks too)
            text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
        chars: list[Char] = []
        for i, char in enumerate(text):
            if char.isspace():
                continue
            left, _, right, _ = textpage.get_charbox(i)
            _, bottom, _, top = textpage.get_charbox(i, loose=True)  # (the font's height: a "." or "、" stands on its line)
            chars.append((left, right, (bottom + top) / 2, char))
    finally:
        textpage.close()
        page.close()
    return cells_of_chars(chars)


Char = tuple[float, float, float, str]  # left, right, vertical centre and text of one character


def cells_of_chars(chars: list[Char]) -> dict[str, list[Cell]]:
    """Each line's cells from its characters' boxes (see _cells), keyed by the line's text without spaces.

    A character drawn twice at one place (a PDF's fake bold prints its text twice, a hair apart) is one."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-c[2], c[0])):
        if lines and abs(lines[-1][0][2] - char[2]) <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    result: dict[str, list[Cell]] = {}
    for line in lines:
        cells: list[Cell] = []
        previous: Char | None = None
        for char in sorted(line, key=lambda c: c[0]):
            left, right, _, glyph = char
            if previous is not None and glyph == previous[3] and left < previous[0] + (previous[1] - previous[0]) / 2:
                continue  # the same glyph again over the first one's left half: drawn twice
            if previous is not None and cells:
                if left - previous[1] < _WORD_GAP:
                    cells[-1] = (cells[-1][0], max(cells[-1][1], right), cells[-1][2] + glyph)
                    previous = char
                    continue
            cells.append((left, right, glyph))
            previous = char
        result.setdefault("".join(c[2] for c in cells), cells)
    return result
