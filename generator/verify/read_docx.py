"""Read a .docx disclosure: the body in order, paragraphs and tables (row by row, merged cells repeated).

Before python-docx opens it, the package is checked within bounds (size, members, inflation):
a file that is not a Word document, or one that would inflate without end, is refused with a
reason instead of being read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.verify.document import Document, Paragraph, Table
from generator.verify.structure import Tracker, clean

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # inflated ÷ compressed, for members above 1 MB
MAX_ROWS = 5000  # rows read per table; a disclosure's largest table has a few hundred

_CODE = re.compile(r"公开\s*\d+\s*表")
_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|元)")


class Unreadable(Exception):
    """The file cannot be read as a disclosure; the message (Chinese) says why."""


def package_problem(path: Path) -> str | None:
    """Why PATH cannot be opened as a .docx within bounds, or None."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return f"文件大小 {size // 1024 // 1024} MB，超过上限 {MAX_FILE_BYTES // 1024 // 1024} MB"
    if not zipfile.is_zipfile(path):
        return "不是 Word 文档（.docx 是 zip 包；此文件不是）"
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            return f"文档内含 {len(members)} 个部件，超过上限 {MAX_MEMBERS}"
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                return f"文档部件 {member.filename} 压缩比超过 {MAX_RATIO}:1（疑似“压缩炸弹”）"
            if total > MAX_INFLATED_BYTES:
                return f"文档解压后超过 {MAX_INFLATED_BYTES // 1024 // 1024} MB"
        if "word/document.xml" not in package.namelist():
            return "zip 包中没有 word/document.xml，不是 Word 文档"
    return None


def read_docx(path: Path) -> Document:
    problem = package_problem(path)
    if problem:
        raise Unreadable(problem)
    import docx

    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise Unreadable(f"Word 文档无法打开：{type(exc).__name__}") from exc
    tracker = Tracker()
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    recent: list[str] = []  # the last few paragraph texts: a table's title, 公开NN表 and 金额单位 stand there
    for tag, element in _blocks(word.element.body):
        if tag == "p":
            text = clean(_text(element))
            if not text:
                continue
            kind, place = tracker.see(text)
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, place, kind))
            recent = (recent + [text])[-4:]
        else:
            tables.append(_table(len(tables) + 1, _rows(element), recent, tracker))
            recent = []
    return Document(str(path), "docx", tuple(paragraphs), tuple(tables))


# The body is read from its XML (python-docx opened the package): python-docx's row.cells resolves every
# vertical merge with an XPath query and took 0.9 s on the sample; this walk takes a tenth of it.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _blocks(parent):  # type: ignore[no-untyped-def]
    """("p" | "tbl", element) in body order; a content control's (a 目录 field's) blocks in its place."""
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            yield "p", child
        elif child.tag == _W + "tbl":
            yield "tbl", child
        elif child.tag == _W + "sdt":
            for inner in child.iterchildren(_W + "sdtContent"):
                yield from _blocks(inner)


def _text(element) -> str:  # type: ignore[no-untyped-def]
    """The visible text of a paragraph or cell: w:t (not deleted text, not field codes), tabs and breaks."""
    pieces = []
    for node in element.iter(_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "p"):
        if node.tag == _W + "t":
            pieces.append(node.text or "")
        elif node.tag == _W + "p":
            if pieces:
                pieces.append("\n")
        elif node.getparent() is not None and node.getparent().tag == _W + "r":
            pieces.append("\t" if node.tag == _W + "tab" else "\n")
    return "".join(pieces)


def _rows(table) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Cell texts row by row on the table's grid: a cell spanning columns repeats, a vertically merged one repeats down."""
    rows: list[tuple[str, ...]] = []
    above: list[str] = []
    for tr in table.iterchildren(_W + "tr"):
        if len(rows) >= MAX_ROWS:
            break
        grid: list[str] = []
        properties = tr.find(_W + "trPr")
        before = properties.find(_W + "gridBefore") if properties is not None else None
        if before is not None:
            grid.extend([""] * int(before.get(_W + "val", "0") or 0))
        cells = [c for c in tr.iterchildren(_W + "tc", _W + "sdt")]
        for cell in cells:
            if cell.tag == _W + "sdt":  # a content control around cells
                inner = [tc for content in cell.iterchildren(_W + "sdtContent") for tc in content.iterchildren(_W + "tc")]
            else:
                inner = [cell]
            for tc in inner:
                pr = tc.find(_W + "tcPr")
                span_el = pr.find(_W + "gridSpan") if pr is not None else None
                span = int(span_el.get(_W + "val", "1") or 1) if span_el is not None else 1
                merge = pr.find(_W + "vMerge") if pr is not None else None
                if merge is not None and merge.get(_W + "val", "continue") == "continue":
                    text = above[len(grid)] if len(grid) < len(above) else ""
                else:
                    text = clean(_text(tc))
                grid.extend([text] * max(1, min(span, 64)))
        rows.append(tuple(grid))
        above = grid
    return rows


def _table(index: int, rows: list[tuple[str, ...]], recent: list[str], tracker: Tracker) -> Table:
    title, code, unit = title_of(recent)
    return Table(index, title, code, tuple(rows), tracker.place, unit=unit)


def title_of(recent: list[str]) -> tuple[str, str, str]:
    """(title, 公开NN表, 金额单位) from the paragraphs just before a table."""
    code = unit = ""
    title = ""
    for text in recent:
        if found := _CODE.search(text):
            code = found.group(0).replace(" ", "")
        if found := _UNIT.search(text):
            unit = found.group(1)
    for text in reversed(recent):
        bare = re.sub(r"^[一二三四五六七八九十]+、|[《》]", "", text).strip()
        if bare.endswith("表") and not _CODE.fullmatch(bare.replace(" ", "")) and len(bare) < 40:
            title = bare
            break
    return title, code, unit or "万元"
