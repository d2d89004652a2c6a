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
from collections.abc import Callable
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
_SPACES = re.compile(r"\s+")
_ITEM_ROW = re.compile(r"^[一二三四五六七八九十]+、\S{2,30}(?:支出|收入|财政拨款)$")
_CODE_LINE = re.compile(r"^公开\s*\d+\s*表$")
_CODE_CELL = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # a 科目编码 standing as a cell of its own
# A line of the 目录: a heading, a dot leader and its page number ("一、主要职能......3").
_CONTENTS_ENTRY = re.compile(r"^(.*?\S)\s*[.．·…]{3,}\s*\d{1,4}$")
_CONTENTS_TITLES = ("目录", "目次")
_SENTENCE_END = ("。", "：", ":", "；")
# "（2）…", "2．…", "2、…": an enumerated item, which starts a paragraph of its own after a line that ended a clause
_ENUMERATED = re.compile(r"^(?:[（(]\d{1,2}[）)]|\d{1,2}[．.、](?!\d))")


# PDFium gives the quotes of “三公” after the rest of their line when they come from another font: “” stands empty at the end.
_DETACHED_QUOTES = re.compile(r"“\s*”")


def join_spaces(line: str) -> str:
    return _DETACHED_QUOTES.sub("", _SPACE.sub("", clean(line)))


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


def numbers_at_end(line: str) -> tuple[str, list[str]]:
    """("208 社会保障和就业支出", ["84.68", "84.68"]): the label and the numeric tokens that end LINE."""
    tokens = line.split(" ")
    values: list[str] = []
    while tokens and _NUMBER.match(tokens[-1]):
        values.insert(0, tokens.pop())
    return " ".join(tokens), values


Cell = tuple[float, float, str]  # x0, x1 and text of one cell of a line of a PDF page
Geometry = Callable[[int], dict[str, list[Cell]]]  # page number -> each line's cells, by the line's text without spaces


@dataclass
class _OpenTable:
    title: str
    code: str
    unit: str
    place: Place
    swallow: bool = False  # a self-evaluation table: its long texts are cells, not paragraphs
    empty: bool = False  # the table says 本表为空表 / 本表无数据
    geo_header: list[list[Cell] | None] = field(default_factory=list)  # each header line's cells with their x, when the page gives them
    geo_rows: list[list[Cell] | None] = field(default_factory=list)
    wrapped: bool = False  # a line without numbers among the rows: a cell's text wrapped onto a line of its own
    pending: list[str] = field(default_factory=list)  # such lines, until the row they belong to
    partial: bool = False  # some wrapped text was joined to the row above: a name may be cut
    header: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    # the page's lines above the first row, back to the 编制单位/单位 line: the header as the page sets it
    # (PDFium's text may run a header's stacked cells into lines that the page's geometry does not have)
    geo_above: list[list[Cell]] = field(default_factory=list)


def document_from_pages(path: str, kind: str, pages: list[list[str]], geometry: Geometry | None = None) -> Document:
    """Paragraphs and tables from the lines of each page (page numbers 1-based).

    GEOMETRY, when the source has it (a PDF), gives the cells of a table's lines with their positions:
    then a table's columns are the header's, and a blank cell is seen as blank."""
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
            entry = _CONTENTS_ENTRY.match(line) if open_table is None else None
            if entry or (open_table is None and line in _CONTENTS_TITLES):
                # the 目录 and each of its entries a paragraph of their own (the tracker skips them), without the leader
                flush()
                buffer, buffer_page = [entry.group(1) if entry else line], number
                flush()
                continue
            if _starts_table(line, upcoming):
                flush()
                if open_table is not None and not open_table.rows and not open_table.header:
                    open_table = None  # what looked like a table's title was a heading over it ("第二部分 …决算表")
                close_table()
                title, code, unit = title_of([*recent[-2:], line, *upcoming])
                open_table = _OpenTable(title or line, code, unit, tracker.see(line, number)[1], line.endswith("自评表"))
                continue
            if open_table is not None:
                if "空表" in line or "无数据" in line:
                    open_table.empty = True
                label, values = numbers_at_end(raw[i])
                cells = geometry(number).get(_SPACES.sub("", line)) if geometry is not None else None
                # "一、一般公共预算财政拨款收入 3,000.00 一、一般公共服务支出": a row (its last cell blank), not a heading
                if values or any(_DECIMAL.match(token) for token in raw[i].split(" ")):
                    if open_table.pending:  # a name wrapped over lines: "2070728 国家电影…支出" / "（28）" / then its numbers
                        if not label.strip():
                            label = " ".join(open_table.pending)
                        elif open_table.rows:
                            before, numbers = open_table.rows[-1]
                            open_table.rows[-1] = (before + "".join(open_table.pending), numbers)
                            open_table.partial = True
                        open_table.pending = []
                    if not open_table.rows and cells is not None and geometry is not None:
                        open_table.geo_above = _lines_above(geometry(number), _SPACES.sub("", line))
                    open_table.rows.append((label, values))
                    open_table.geo_rows.append(cells)
                    continue
                if open_table.rows and cells and _CODE_CELL.match(cells[0][2]):
                    # "30103 奖金 30203 咨询费": a row whose amounts are blank (a name never starts with a 科目编码)
                    open_table.rows.append((raw[i], []))
                    open_table.geo_rows.append(cells)
                    continue
                if open_table.rows and cells is not None and _ITEM_ROW.match(line):
                    # "十、节能环保支出" with its amount blank: a row of the 上海 总表, placed by position
                    open_table.rows.append((raw[i], []))
                    open_table.geo_rows.append(cells)
                    continue
                if heading_kind(line) == "part" or line.startswith("注") or (heading_kind(line) and not open_table.rows) \
                        or (line.endswith("。") and len(line) > 20 and not open_table.swallow):
                    close_table()
                else:
                    if line not in open_table.header and not _TITLE_HINT.search(line):
                        if open_table.rows:
                            open_table.wrapped = True
                            open_table.pending.append(raw[i])
                        else:
                            open_table.header.append(line)
                            open_table.geo_header.append(cells)
                    continue
            if heading_kind(line):
                flush()
                buffer, buffer_page = [line], number
                flush()
                continue
            if buffer and buffer[-1].endswith(_SENTENCE_END) and _ENUMERATED.match(line):
                flush()  # the line before filled the width, so its end alone did not close the paragraph
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
    if heading_kind(line) == "part" or not bare.endswith("表") or len(bare) >= 40 or _CODE_LINE.match(bare) or bare.startswith(("注", "说明")):
        return False
    return bare.endswith("自评表") or any(_TITLE_HINT.search(u) for u in upcoming[:3])


def _label_cells(label: str) -> tuple[str, str]:
    """(科目编码, 名称) of a row label: "2080505 机关…" → ("2080505", "机关…"); a label without a code → ("", label)."""
    code = re.match(r"^(\d{3,7})(?: |$)", label)
    if code:
        return code.group(1), join_spaces(label[code.end() :])
    return "", join_spaces(label)


def _finish(index: int, table: _OpenTable) -> Table:
    widths = {len(values) for _, values in table.rows}
    full = max(widths, default=0)
    if table.rows and not any(label.strip() for label, _ in table.rows):  # numbers only (the 上海 三公 table): no label columns
        rows = [tuple(values) for _, values in table.rows]
    else:
        rows = [(*_label_cells(label), *values) for label, values in table.rows]
    if table.empty and not table.rows:
        return Table(index, table.title, table.code, (), table.place, unit=table.unit)
    if table.swallow:
        return Table(index, table.title, table.code, tuple(rows), table.place, readable=False,
                     why_unreadable="绩效自评表的文字栏在文本中无法分栏", unit=table.unit)
    if (placed := _by_position(table) or _by_gutters(table)) is not None:
        return Table(index, table.title, table.code, placed, table.place, unit=table.unit)
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
    return Table(index, table.title, table.code, (tuple(table.header[-1:]) if table.header else ("",), *rows), table.place, unit=table.unit,
                 partial_names=table.partial)


def _by_position(table: _OpenTable) -> tuple[tuple[str, ...], ...] | None:
    """The rows on the header's columns, by where each cell stands; None when a line's cells are not known or do not fit.

    Text is left-aligned and numbers right-aligned in their cells: the left edges of texts and the right edges of
    numbers fall into as many clusters as the table has columns. When they do not, the table is not placed."""
    if table.wrapped or len(table.rows) < 2 or any(c is None for c in table.geo_rows):
        return None  # (one row under four header lines, the 上海 三公 table, is read by its numbers' order instead)
    headers: list[list[Cell]] = [c for c in table.geo_header if c]  # (a header's wrapped second line may not be found: its first names the column)
    # the header line with the most cells names the columns (none found: the rows' own columns may, below)
    anchors: list[Cell] = []
    if headers:
        widest = max(range(len(headers)), key=lambda k: len(headers[k]))
        anchors = sorted(headers[widest], key=lambda c: c[0])
    rows = [_joined(cells) for cells in table.geo_rows if cells is not None]
    edges = sorted((_edge(cell), bool(_DECIMAL.match(cell[2]))) for cells in rows for cell in cells)
    clusters: list[list[tuple[float, bool]]] = []
    for edge in edges:
        if clusters and edge[0] - clusters[-1][-1][0] <= 6:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    if len(clusters) != len(anchors) and len(anchors) < len(clusters) and _columns_of_one_kind(clusters):
        # The header's lines are not all found (merged cells over wrapped names: the 财政拨款收入支出决算总表 of both
        # templates): the rows' own columns, each of texts only or of numbers only, are the table's columns.
        anchors = [(c[0][0], c[-1][0], "") for c in clusters]
    if len(anchors) < 2 or len(clusters) != len(anchors):
        return None
    starts = [c[0][0] for c in clusters]

    out: list[tuple[str, ...]] = []
    for cells in headers:  # a header spanning several columns (merged) stands over each of them
        row = [""] * len(anchors)
        for x0, x1, text in cells:
            covered = [j for j, a in enumerate(anchors) if x0 - 2 <= (a[0] + a[1]) / 2 <= x1 + 2]
            for j in covered or [min(range(len(anchors)), key=lambda k: abs((anchors[k][0] + anchors[k][1]) / 2 - (x0 + x1) / 2))]:
                row[j] = text
        out.append(tuple(row))
    for cells in rows:
        row = [""] * len(anchors)
        for cell in cells:
            j = max(k for k, start in enumerate(starts) if _edge(cell) >= start)
            if row[j]:  # two cells in one column: the columns are not what the header says
                return None
            row[j] = cell[2]
        out.append(tuple(row))
    return tuple(out)


def _lines_above(page: dict[str, list[Cell]], key: str) -> list[list[Cell]]:
    """The lines of PAGE (top to bottom) between the last 单位 line and the line KEY."""
    keys = list(page)
    if key not in keys:
        return []
    above = keys[: keys.index(key)]
    starts = [k for k, text in enumerate(above) if _TITLE_HINT.search(text)]
    return [page[text] for text in above[starts[-1] + 1 :]] if starts else []


def _by_gutters(table: _OpenTable) -> tuple[tuple[str, ...], ...] | None:
    """The rows on the columns that the whitespace between them shows; None when a column is not that clear.

    The two-block 基本支出表 (编码 | 名称 | 决算数, twice side by side) defeats the clusters of _by_position:
    the amount of the left block ends about 3 pt before the code of the right block begins. Its columns are
    still the x-spans that some header or row text covers, parted by gutters that no text crosses; each must
    be named by a header cell and hold at most one cell of each line, or the table is not placed."""
    if table.wrapped or len(table.rows) < 2 or any(c is None for c in table.geo_rows):
        return None
    headers: list[list[Cell]] = [c for c in table.geo_header if c]
    if len(headers) < len(table.geo_header) and table.geo_above:
        headers = table.geo_above
    rows = [_joined(cells) for cells in table.geo_rows if cells is not None]
    spans: list[list[float]] = []
    for x0, x1, _ in sorted(cell for line in [*headers, *rows] for cell in line):
        if spans and x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    if len(spans) < 2:
        return None

    def placed(line: list[Cell]) -> tuple[str, ...] | None:
        row = [""] * len(spans)
        for x0, _, text in line:
            j = max(k for k, span in enumerate(spans) if x0 >= span[0])
            if row[j]:
                return None
            row[j] = text
        return tuple(row)

    heads, body = [placed(line) for line in headers], [placed(line) for line in rows]
    if any(row is None for row in [*heads, *body]):
        return None
    # one header row: each column's stacked header texts top to bottom ("经济分类" over "科目编码")
    header = tuple("".join(row[j] for row in heads if row is not None) for j in range(len(spans)))
    if not all(header):
        return None
    return (header, *(row for row in body if row is not None))


def _columns_of_one_kind(clusters: list[list[tuple[float, bool]]]) -> bool:
    """Items and amounts side by side: each column (a cluster of left edges of texts or right edges of numbers)
    holds one kind, and no two text columns are neighbours (indented names of one column would be)."""
    kinds = [{is_number for _, is_number in cluster} for cluster in clusters]
    if len(clusters) < 2 or any(len(kind) != 1 for kind in kinds):
        return False
    texts = [kind == {False} for kind in kinds]
    return not any(a and b for a, b in zip(texts, texts[1:], strict=False))


def _edge(cell: Cell) -> float:
    return cell[1] if _DECIMAL.match(cell[2]) else cell[0]


def _joined(cells: list[Cell]) -> list[Cell]:
    """Neighbouring texts of one cell that a justified line set apart ("四、" "上级补助收入") as one."""
    out: list[Cell] = []
    for cell in sorted(cells):
        if out and not _DECIMAL.match(cell[2]) and not _DECIMAL.match(out[-1][2]) and cell[0] - out[-1][1] < 12:
            out[-1] = (out[-1][0], cell[1], out[-1][2] + cell[2])
        else:
            out.append(cell)
    return out


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
