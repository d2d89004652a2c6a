"""A normalised text dump of a .docx: paragraphs and table cells in body order.

Used by the golden tests and by comparisons: it reads the XML, so text inside
tracked changes (w:ins) is included, which python-docx's paragraph.text skips.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_lines(source: bytes | Path, tables: bool = True) -> list[str]:
    """One line per paragraph (table cells are paragraphs too, unless TABLES is false), in reading order, empty ones dropped."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    lines = []
    for paragraph in root.iter(f"{W}p"):
        if not tables and any(a.tag == f"{W}tbl" for a in paragraph.iterancestors()):
            continue
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t") if not _deleted(node))
        text = text.strip()
        if text:
            lines.append(text)
    return lines


def golden_lines(source: bytes | Path) -> list[str]:
    """The golden files' dump: one line per non-empty paragraph outside tables, one line per table row
    with its cells joined by " | " and empty cells kept (a blank printed where a figure belongs shows)."""
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    lines: list[str] = []
    body = root.find(f"{W}body")
    for block in body.iter(f"{W}p", f"{W}tr"):
        inside = [a.tag for a in block.iterancestors() if a.tag in (f"{W}tr", f"{W}tbl")]
        if block.tag == f"{W}p" and not inside:
            text = _text(block)
            if text:
                lines.append(text)
        elif block.tag == f"{W}tr" and inside.count(f"{W}tr") == 0:  # a row of an outer table (nested rows are in its cells)
            cells = [" ".join(t for t in (_text(p) for p in cell.iter(f"{W}p")) if t) for cell in block.findall(f"{W}tc")]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _text(paragraph: etree._Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(f"{W}t") if not _deleted(node)).strip()


def section_lines(source: bytes | Path) -> list[tuple[str, list[str]]]:
    """(orientation, text lines) for each section of the body, in order: "portrait" or "landscape".

    A section ends at a paragraph holding a w:sectPr (the last section at the body's own); its
    lines are those of document_lines, tables included. A section without lines is a blank page.
    """
    data = source.read_bytes() if isinstance(source, Path) else source
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    body = root.find(f"{W}body")
    sections: list[tuple[str, list[str]]] = []
    lines: list[str] = []
    for paragraph in body.iter(f"{W}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t") if not _deleted(node)).strip()
        if text:
            lines.append(text)
        properties = paragraph.find(f"{W}pPr/{W}sectPr")
        if properties is not None:
            sections.append((_orientation(properties), lines))
            lines = []
    final = body.find(f"{W}sectPr")
    if final is not None:
        sections.append((_orientation(final), lines))
    return sections


def _orientation(properties: etree._Element) -> str:
    size = properties.find(f"{W}pgSz")
    if size is None:
        return "portrait"
    width, height = int(size.get(f"{W}w", "0")), int(size.get(f"{W}h", "0"))
    return "landscape" if width > height else "portrait"


def _deleted(node: etree._Element) -> bool:
    return any(parent.tag == f"{W}del" for parent in node.iterancestors())
