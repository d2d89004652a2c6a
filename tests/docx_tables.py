"""Reading a generated .docx back with python-docx: its tables as rows of cell texts, and its paragraphs.

For tests that look at the document as a reader does (tests/test_table_readd.py,
tests/render/test_blank_cells.py). A cell spanning several grid columns is read once.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Any

import docx
from lxml import etree

Table = list[list[str]]


def read_document(data: bytes) -> tuple[list[Table], list[str]]:
    """(tables, paragraphs) of a .docx: every table's rows of cell texts, and every body paragraph's text."""
    document = docx.Document(io.BytesIO(data))
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells, previous = [], None
            for cell in row.cells:
                if cell._tc is previous:  # a horizontally merged cell repeats; read it once
                    continue
                previous = cell._tc
                cells.append(cell.text.strip())
            rows.append(cells)
        tables.append(rows)
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    return tables, paragraphs


def table_with_header(tables: list[Table], *headers: str) -> Table | None:
    """The first table whose first two rows hold every one of HEADERS (in any cell)."""
    for table in tables:
        top = {cell for row in table[:2] for cell in row}
        if all(h in top for h in headers):
            return table
    return None


def number(text: str) -> Decimal | None:
    """'1,239.70' -> Decimal('1239.70'); '' (a blank cell) -> None."""
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise AssertionError(f"not an amount: {text!r}") from exc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p: Any) -> str:
    out = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if el.tag == f"{_W}t":
            out.append(el.text or "")
        else:
            out.append("\t" if el.tag == f"{_W}tab" else "\n")
    return "".join(out)


def _span(tc: Any) -> int:
    span = tc.find(f"{_W}tcPr/{_W}gridSpan")
    return int(span.get(f"{_W}val")) if span is not None else 1


def _continues(tc: Any) -> bool:
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val", "continue") == "continue"


def read_document_fast(data: bytes) -> tuple[list[Table], list[str]]:
    """What `read_document` returns, read straight from word/document.xml with lxml (about 10× faster):
    a vertically merged cell reads as the cell it continues, a horizontally merged one once."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{_W}body")
    tables = []
    for tbl in body.findall(f"{_W}tbl"):
        rows: Table = []
        above: dict[int, Any] = {}
        for tr in tbl.findall(f"{_W}tr"):
            here: dict[int, Any] = {}
            roots = []
            offset = 0
            for tc in tr.findall(f"{_W}tc"):
                root = above.get(offset, tc) if _continues(tc) else tc
                span = _span(tc)
                for k in range(span):
                    here[offset + k] = root
                roots.append(root)
                offset += span
            above = here
            cells, previous = [], None
            for root in roots:
                if root is previous:
                    continue
                previous = root
                cells.append("\n".join(_paragraph_text(p) for p in root.findall(f"{_W}p")).strip())
            rows.append(cells)
        tables.append(rows)
    paragraphs = [t.strip() for t in (_paragraph_text(p) for p in body.findall(f"{_W}p")) if t.strip()]
    return tables, paragraphs
