"""Read the text of a disclosure: a PDF's pages (read_pdf.py) or a .txt file.

Text has no paragraph or table marks, so the reader rebuilds them from the lines: a heading starts a
paragraph; a line that ends a sentence short of the page's full width ends one; a table starts at
its title (…表 followed by 公开NN表, 编制单位 or 金额单位) and its rows are the lines that end in
numbers. A row is taken only when it has as many numbers as the table's fullest row: a blank cell
leaves no trace in text, so a table with blanks is reported as unreadable rather than guessed.
A table continued on the next page is joined (its repeated header lines are skipped).

The reference transcript format (`../shared/reference/*.txt`: one paragraph per line, table cells
one per line indented by a tab) keeps paragraphs exactly and its tables as unreadable blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.verify.document import Document, Paragraph, Place, Table
from generator.verify.read_docx import title_of
from generator.verify.structure import Tracker, clean, heading_kind

# A space between two CJK characters (or a CJK character and a digit) is the PDF's justification, not text.
_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")
_PAGE_NUMBER = re.compile(r"^[—\-－–\s]*\d{1,4}[—\-－–\s]*$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$")
_DECIMAL = re.compile(r"^-?\d[\d,]*\.\d+%?$")
_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
_TITLE_HINT = re.compile(r"公开\s*\d+\s*表|编制单位|单位[：:]\s*(?:万元|元)")
_CODE_LINE = re.compile(r"^公开\s*\d+\s*表$")
_SENTENCE_END = ("。", "：", ":", "；")


def join_spaces(line: str) -> str:
    return _SPACE.sub("", clean(line))


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


def numbers_at_end(line: str) -> tuple[str, list[str]]:
    """("208 社会保障和就业支出", ["84.68", "84.68"]): the label and the numeric tokens that end LINE."""
    tokens = line.split(" ")
    values: list[str] = []
    while tokens and _NUMBER.match(tokens[-1]):
        values.insert(0, tokens.pop())
    return " ".join(tokens), values


@dataclass
class _OpenTable:
    title: str
    code: str
    unit: str
    place: Place
    swallow: bool = False  # a self-evaluation table: its long texts are cells, not paragraphs
    empty: bool = False  # the table says 本表为空表 / 本表无数据
    header: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)


def document_from_pages(path: str, kind: str, pages: list[list[str]]) -> Document:
    """Paragraphs and tables from the lines of each page (page numbers 1-based)."""
    tracker = Tracker()
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    buffer: list[str] = []
    buffer_page: int | None = None
    open_table: _OpenTable | None = None
    recent: list[str] = []

    def flush() -> None:
        nonlocal buffer, buffer_page
        if buffer:
            text = "".join(buffer)
            heading, place = tracker.see(text, buffer_page)
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, place, heading))
            recent.append(text)
            del recent[:-4]
        buffer, buffer_page = [], None

    def close_table() -> None:
        nonlocal open_table
        if open_table is not None:
            tables.append(_finish(len(tables) + 1, open_table))
            open_table = None

    for number, lines in enumerate(pages, start=1):
        raw = [clean(line) for line in lines if line.strip() and not is_page_number(line)]
        cleaned = [join_spaces(line) for line in raw]
        width = max((len(line) for line in cleaned), default=0)
        for i, line in enumerate(cleaned):
            upcoming = cleaned[i + 1 : i + 4]
            if _starts_table(line, upcoming):
                flush()
                close_table()
                title, code, unit = title_of([*recent[-2:], line, *upcoming])
                open_table = _OpenTable(title or line, code, unit, tracker.see(line, number)[1], line.endswith("自评表"))
                continue
            if open_table is not None:
                if "空表" in line or "无数据" in line:
                    open_table.empty = True
                label, values = numbers_at_end(raw[i])
                if values:
                    open_table.rows.append((label, values))
                    continue
                if heading_kind(line) or line.startswith("注") or (line.endswith("。") and len(line) > 20 and not open_table.swallow):
                    close_table()
                else:
                    if line not in open_table.header and not _TITLE_HINT.search(line):
                        open_table.header.append(line)
                    continue
            if heading_kind(line):
                flush()
                buffer, buffer_page = [line], number
                flush()
                continue
            if not buffer:
                buffer_page = number
            buffer.append(line)
            if line.endswith(_SENTENCE_END) and len(line) < 0.85 * width:
                flush()
    flush()
    close_table()
    return Document(path, kind, tuple(paragraphs), tuple(tables), pages=len(pages))


def _starts_table(line: str, upcoming: list[str]) -> bool:
    bare = re.sub(r"^[一二三四五六七八九十]+、", "", line)
    if not bare.endswith("表") or len(bare) >= 40 or _CODE_LINE.match(bare) or bare.startswith(("注", "说明")):
        return False
    return bare.endswith("自评表") or any(_TITLE_HINT.search(u) for u in upcoming[:3])


def _label_cells(label: str) -> tuple[str, str]:
    """(科目编码, 名称) of a row label: "2080505 机关…" → ("2080505", "机关…"); a label without a code → ("", label)."""
    code = re.match(r"^(\d{3,7}) ", label)
    if code:
        return code.group(1), join_spaces(label[code.end() :])
    return "", join_spaces(label)


def _finish(index: int, table: _OpenTable) -> Table:
    widths = {len(values) for _, values in table.rows}
    full = max(widths, default=0)
    rows = [(*_label_cells(label), *values) for label, values in table.rows]
    if table.empty and not table.rows:
        return Table(index, table.title, table.code, (), table.place, unit=table.unit)
    if table.swallow:
        return Table(index, table.title, table.code, tuple(rows), table.place, readable=False,
                     why_unreadable="绩效自评表的文字栏在文本中无法分栏", unit=table.unit)
    if any(_DECIMAL.match(token) for label, _ in table.rows for token in label.split(" ")):
        return Table(index, table.title, table.code, tuple(rows), table.place, readable=False,
                     why_unreadable="左右两栏并排的表，文本中一行有两组项目和数字，无法分栏", unit=table.unit)
    if not table.rows:
        return Table(index, table.title, table.code, (), table.place, readable=False, why_unreadable="表中没有读出任何数字行", unit=table.unit)
    if len(widths) > 1:
        short = sum(1 for _, values in table.rows if len(values) < full)
        return Table(
            index, table.title, table.code, tuple(rows), table.place, readable=False,
            why_unreadable=f"{short} 行的数字少于 {full} 个（文本中空白单元格不留痕迹，无法确定各数字所在的栏）", unit=table.unit,
        )
    return Table(index, table.title, table.code, (tuple(table.header[-1:]) if table.header else ("",), *rows), table.place, unit=table.unit)


def document_from_text(path: str, text: str) -> Document:
    """A .txt file: pages split at form feeds; the reference transcript format when its tables are tab-indented."""
    lines = text.splitlines()
    if sum(1 for line in lines if line.startswith("\t")) > 20:
        return _transcript(path, lines)
    return document_from_pages(path, "txt", [page.splitlines() for page in text.split("\f")])


def _transcript(path: str, lines: list[str]) -> Document:
    tracker = Tracker()
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    cells: list[str] = []
    recent: list[str] = []
    for line in [*lines, "END"]:
        if line.startswith("\t") or (cells and not line.strip()):
            if line.strip():
                cells.append(clean(line))
            continue
        if cells:
            title, code, unit = title_of(recent)
            tables.append(
                Table(len(tables) + 1, title, code, tuple((c,) for c in cells), tracker.place, readable=False,
                      why_unreadable="文本中的表格每格一行，行和栏的划分无法确定", unit=unit)
            )
            cells = []
        text = clean(line)
        if not text or line == "END":
            continue
        kind, place = tracker.see(text)
        paragraphs.append(Paragraph(len(paragraphs) + 1, text, place, kind))
        recent = (recent + [text])[-4:]
    return Document(path, "txt", tuple(paragraphs), tuple(tables))


def document_from_paragraphs(path: str, texts: list[str], tables: list[tuple[list[str], list[tuple[str, ...]]]] = ()) -> Document:  # type: ignore[assignment]
    """A document from paragraph texts in order, each table given as (the paragraphs before it, its rows), after them."""
    tracker = Tracker()
    paragraphs: list[Paragraph] = []
    built: list[Table] = []
    for text in texts:
        kind, place = tracker.see(clean(text))
        paragraphs.append(Paragraph(len(paragraphs) + 1, clean(text), place, kind))
    for before, rows in tables:
        title, code, unit = title_of(before)
        built.append(Table(len(built) + 1, title, code, tuple(rows), tracker.place, unit=unit))
    return Document(path, "docx", tuple(paragraphs), tuple(built))
