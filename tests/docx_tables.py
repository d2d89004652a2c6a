"""Reading a generated .docx back with python-docx: its tables as rows of cell texts, and its paragraphs.

For tests that look at the document as a reader does (tests/test_table_readd.py,
tests/render/test_blank_cells.py). A cell spanning several grid columns is read once.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

import docx

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
