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
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        word = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise Unreadable(f"Word 文档无法打开：{type(exc).__name__}") from exc
    tracker = Tracker()
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    recent: list[str] = []  # the last few paragraph texts: a table's title, 公开NN表 and 金额单位 stand there

    def blocks(parent):  # type: ignore[no-untyped-def]
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag in ("p", "tbl"):
                yield tag, child
            elif tag == "sdt":  # a content control (a 目录 field): its paragraphs are in sdtContent
                for inner in child.iterchildren():
                    if inner.tag.rsplit("}", 1)[-1] == "sdtContent":
                        yield from blocks(inner)

    for tag, element in blocks(word.element.body):
        if tag == "p":
            text = clean(DocxParagraph(element, word).text)
            if not text:
                continue
            kind, place = tracker.see(text)
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, place, kind))
            recent = (recent + [text])[-4:]
        else:
            rows = []
            for n, row in enumerate(DocxTable(element, word).rows):
                if n >= MAX_ROWS:
                    break
                rows.append(tuple(clean(cell.text) for cell in row.cells))
            tables.append(_table(len(tables) + 1, rows, recent, tracker))
            recent = []
    return Document(str(path), "docx", tuple(paragraphs), tuple(tables))


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
