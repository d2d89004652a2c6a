"""The pages of a PDF as rows of text with their positions (pdftotext -bbox-layout), and the page-quality
properties of issue 21 read from them: no heading ends a page, no page holds only headings or a 注, no 注
starts a page away from its table, no page holds only a section's last lines that fit on the page before,
no short section alone on a page before a part's page break, and a 目录 whose page numbers are right.

A row is the words whose vertical middles lie within ROW_TOLERANCE of each other, left to right, joined
without spaces (CJK text has none; pdftotext splits runs at spacing). Positions are PDF points from the
page's top.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROW_TOLERANCE = 3.0  # pt
FOOTER = re.compile(r"[—\-]*\d+[—\-]*")  # the page number, "— 5 —" without spaces
FOOTER_ZONE = 0.85  # a page number below this share of the page height is the footer
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_NOTE = ("注：", "说明：")


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Row:
    text: str
    top: float
    bottom: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    rows: tuple[Row, ...]  # the body, top to bottom, without the footer
    footer: Row | None

    @property
    def kind(self) -> tuple[int, int, int]:
        """Pages of one kind share a size and a footer position: one section's page setup."""
        return round(self.width), round(self.height), round(self.footer.top) if self.footer else 0

    @property
    def text(self) -> str:
        return "".join(row.text for row in self.rows)


def read_pages(pdf: Path) -> list[Page]:
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for number, match in enumerate(_PAGE.finditer(layout), start=1):
        width, height = float(match.group(1)), float(match.group(2))
        words = [Word(html.unescape(m.group(5)), *(float(m.group(i)) for i in range(1, 5))) for m in _WORD.finditer(match.group(3))]
        rows = _rows(words)
        footer = None
        if rows and FOOTER.fullmatch(rows[-1].text) and rows[-1].top > FOOTER_ZONE * height:
            footer, rows = rows[-1], rows[:-1]
        pages.append(Page(number, width, height, tuple(rows), footer))
    return pages


def _rows(words: list[Word]) -> list[Row]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.left)):
        middle = (word.top + word.bottom) / 2
        if rows and abs(middle - (rows[-1][0].top + rows[-1][0].bottom) / 2) <= ROW_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w.left)
        out.append(Row("".join(w.text for w in row), min(w.top for w in row), max(w.bottom for w in row), tuple(row)))
    return out


def _only_headings(text: str, headings: set[str]) -> bool:
    """TEXT is one or more headings run together (a part heading and its first section heading, …)."""
    if not text:
        return True
    return any(text.startswith(h) and _only_headings(text[len(h):], headings) for h in headings if h)


def heading_at_bottom(pages: list[Page], headings: set[str]) -> list[int]:
    """Pages whose last row is a heading, or the end of one broken over two rows."""
    out = []
    for page in pages:
        tail = [row.text for row in page.rows[-2:]]
        if tail and (tail[-1] in headings or "".join(tail) in headings):
            out.append(page.number)
    return out


def only_headings_or_note(pages: list[Page], headings: set[str]) -> list[int]:
    """Pages holding nothing but headings (a part title, a table title) or a table's 注."""
    return [
        page.number
        for page in pages
        if page.rows and (_only_headings(page.text, headings) or (page.rows[0].text.startswith(_NOTE) and len(page.rows) <= 3))
    ]


def note_apart(pages: list[Page]) -> list[int]:
    """Pages starting with a 注: it belongs under its table, on the table's page."""
    return [page.number for page in pages if page.rows and page.rows[0].text.startswith(_NOTE)]


def body_bottoms(pages: list[Page]) -> dict[tuple[int, int, int], float]:
    """The lowest text of each kind of page: where its body ends."""
    out: dict[tuple[int, int, int], float] = {}
    for page in pages:
        if page.rows:
            out[page.kind] = max(out.get(page.kind, 0.0), page.rows[-1].bottom)
    return out


SHORT = 3  # rows


def stray_tails(pages: list[Page], headings: set[str]) -> list[int]:
    """Pages holding only the last rows (SHORT at most) of the section before them, which would have fitted
    at the foot of the page before (same page setup)."""
    bottoms = body_bottoms(pages)
    out = []
    for before, page in zip(pages, pages[1:], strict=False):
        if not page.rows or not before.rows or len(page.rows) > SHORT or page.kind != before.kind:
            continue
        if any(_only_headings(row.text, headings) for row in page.rows):
            continue  # a page of its own for a new section: the next check's business
        needed = page.rows[-1].bottom - page.rows[0].top
        room = bottoms[page.kind] - before.rows[-1].bottom
        if needed <= room:
            out.append(page.number)
    return out


def short_section_alone(pages: list[Page], headings: set[str], parts: set[str]) -> list[int]:
    """Pages holding one short section (a heading and SHORT rows at most) alone, the next page starting
    a part on a page of the same setup: the part's page break left the page nearly empty."""
    out = []
    for page, after in zip(pages, pages[1:], strict=False):
        if not page.rows or not after.rows or page.kind != after.kind or len(page.rows) > SHORT + 1:
            continue
        if page.rows[0].text in headings and any(after.text.startswith(part) for part in parts):
            out.append(page.number)
    return out


_ENTRY = re.compile(r"(.+?)\.{3,}(\d+)")


def contents_entries(pages: list[Page]) -> tuple[int, list[tuple[str, int]]]:
    """The 目录's page and its entries (heading, page number)."""
    for page in pages:
        starts = [i for i, row in enumerate(page.rows[:6]) if row.text == "目录"]
        if starts:
            entries = [_ENTRY.fullmatch(row.text) for row in page.rows[starts[0] + 1 :]]
            return page.number, [(m.group(1), int(m.group(2))) for m in entries if m]
    return 0, []


def contents_mismatches(pages: list[Page], entries: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Entries whose heading is not on the page the 目录 gives (the footer's number, not the PDF's page index)."""
    by_number = {int(re.sub(r"\D", "", page.footer.text)): page for page in pages if page.footer}
    return [(heading, number) for heading, number in entries if number not in by_number or heading not in by_number[number].text]



# What a table cell never breaks: a number (an amount, a rate, a code, a count, a score), a unit, the 编码 of the header 科目编码.
UNBREAKABLE = re.compile(r"\d+(?:\.\d+)?分|\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)?%?|编码|万元|元/天/人")
SHORT_CELL = 12  # characters: a label, a figure, a unit (longer cells are text, wrapped anywhere)
NARROW = 0.3  # of the page width: a wider word is a line of running text



def broken_in_cells(cells: list[str], pages: list[Page]) -> list[str]:
    """The short table CELLS that the PDF prints over two or three lines split inside an UNBREAKABLE
    token ("科目编/码", "1,23/8.41", "项目资金（万/元）", "（50/分）"). A cell is found on one row, or as words
    stacked in one column whose texts make it up."""
    wanted = {"".join(cell.split()) for cell in cells if len("".join(cell.split())) <= SHORT_CELL and UNBREAKABLE.search(cell)}
    out = set()
    for page in pages:
        rows = [row.text for row in page.rows]
        words = [w for row in page.rows for w in row.words if w.right - w.left < NARROW * page.width]
        for cell in wanted:
            if any(cell in row for row in rows):
                continue
            for stack in _stacks(words, cell):
                if _splits_token(cell, [len(w.text) for w in stack]):
                    out.add(cell)
    return sorted(out)


def _stacks(words: list[Word], cell: str) -> list[list[Word]]:
    """Words one under the other (each starting within a line below the one before, overlapping it) that make up CELL."""
    out = []
    starts = [w for w in words if cell.startswith(w.text) and w.text != cell]
    for start in starts:
        stack = [start]
        while "".join(w.text for w in stack) != cell and len(stack) < 4:
            last = stack[-1]
            rest = cell[len("".join(w.text for w in stack)) :]
            below = [
                w for w in words
                if -(last.bottom - last.top) / 2 <= w.top - last.bottom <= last.bottom - last.top and w.left < last.right and last.left < w.right and rest.startswith(w.text)
            ]
            if not below:
                break
            stack.append(below[0])
        if "".join(w.text for w in stack) == cell:
            out.append(stack)
    return out


def _splits_token(cell: str, lengths: list[int]) -> bool:
    ends = [sum(lengths[: i + 1]) for i in range(len(lengths) - 1)]
    return any(m.start() < end < m.end() for m in UNBREAKABLE.finditer(cell) for end in ends)
