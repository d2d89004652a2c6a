"""Read a .docx disclosure: the body in order, paragraphs and tables (row by row, merged cells repeated).

The bytes come through the guarded door (generator.door): a file that is not a regular file, too
large, or a zip that would inflate without end is refused there with a reason instead of being read.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.verify.document import Document, Paragraph, Table
from generator.verify.structure import Tracker, clean

MAX_ROWS = 5000  # rows read per table; a disclosure's largest table has a few hundred

_CODE = re.compile(r"公开\s*\d+\s*表")
_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|元)")


class Unreadable(Exception):
    """The file cannot be read as a disclosure; the message (Chinese) says why."""


def read_docx(path: Path, data: bytes | None = None) -> Document:
    """The document at PATH, from DATA when given: the bytes the door (generator.door.read_document) checked
    (size, zip members and inflation, no XML entities) are the ones parsed."""
    import io

    import docx

    if data is None:
        from generator.door import read_document as through_door

        data, refused = through_door(path)
        if data is None:
            raise Unreadable(refused.message if refused is not None else "文件无法读取")
    try:
        word = docx.Document(io.BytesIO(data))
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
