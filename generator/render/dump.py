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


def _deleted(node: etree._Element) -> bool:
    return any(parent.tag == f"{W}del" for parent in node.iterancestors())
