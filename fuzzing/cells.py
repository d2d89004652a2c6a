"""Changing cells and sheet structure of an .xlsx at the XML level: fast (no openpyxl round trip) and free
to write what no spreadsheet program would.
"""

from __future__ import annotations

import random
import re
from xml.sax.saxutils import escape

from fuzzing.package import rewrite, worksheets

_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)
_ROW = re.compile(rb'<row r="(\d+)"[^>]*>.*?</row>', re.S)


def cell_xml(ref: str, value: object) -> bytes:
    """One <c> element holding VALUE as Excel stores it (number, text, bool, error, formula)."""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'.encode()
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'.encode()
    if isinstance(value, tuple) and value[0] == "error":
        return f'<c r="{ref}" t="e"><v>{value[1]}</v></c>'.encode()
    if isinstance(value, tuple) and value[0] == "formula":
        cached = f"<v>{value[2]}</v>" if len(value) > 2 else ""
        return f'<c r="{ref}"><f>{escape(value[1])}</f>{cached}</c>'.encode()
    if isinstance(value, tuple) and value[0] == "raw":  # bytes spliced as they are (possibly not even XML)
        return f'<c r="{ref}" t="inlineStr"><is><t>'.encode() + value[1] + b"</t></is></c>"
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'.encode()


def set_cell(data: bytes, part: str, rng: random.Random, value: object, *, filled_only: bool = False) -> bytes:
    """Replace a random existing cell of PART with VALUE (or add one after a row's last cell)."""

    def edit(xml: bytes) -> bytes:
        cells = list(_CELL.finditer(xml))
        if not cells:
            return xml
        if filled_only or rng.random() < 0.8:
            target = rng.choice(cells)
            ref = (target.group(1) + target.group(2)).decode()
            return xml[: target.start()] + cell_xml(ref, value) + xml[target.end() :]
        rows = list(_ROW.finditer(xml))
        row = rng.choice(rows)
        last = list(_CELL.finditer(row.group(0)))
        column = _letters(_number(last[-1].group(1).decode()) + 1 + rng.randrange(3)) if last else "A"
        ref = f"{column}{row.group(1).decode()}"
        end = row.end() - len(b"</row>")
        return xml[:end] + cell_xml(ref, value) + xml[end:]

    return rewrite(data, lambda name, body: edit(body) if name == part else body)


def duplicate_row(data: bytes, part: str, rng: random.Random) -> bytes:
    """Append a copy of a random data row as the sheet's last row."""

    def edit(xml: bytes) -> bytes:
        rows = list(_ROW.finditer(xml))
        if len(rows) < 4:
            return xml
        source = rng.choice(rows[3:])
        new = int(rows[-1].group(1)) + 1
        old = source.group(1)
        copy = re.sub(rb'r="([A-Z]*)' + old + b'"', lambda m: b'r="' + m.group(1) + str(new).encode() + b'"', source.group(0))
        return xml.replace(b"</sheetData>", copy + b"</sheetData>")

    return rewrite(data, lambda name, body: edit(body) if name == part else body)


def insert_blank_row(data: bytes, part: str, rng: random.Random) -> bytes:
    """Shift every row from a random one down by one (a row inserted above it)."""

    def edit(xml: bytes) -> bytes:
        rows = list(_ROW.finditer(xml))
        if not rows:
            return xml
        at = int(rng.choice(rows).group(1))

        def shift_row(m: re.Match[bytes]) -> bytes:
            number = int(m.group(1))
            if number < at:
                return m.group(0)
            body = re.sub(
                rb'(<c r="[A-Z]+)(\d+)"', lambda c: c.group(1) + str(int(c.group(2)) + 1).encode() + b'"', m.group(0)
            )
            return body.replace(f'<row r="{number}"'.encode(), f'<row r="{number + 1}"'.encode(), 1)

        return _ROW.sub(shift_row, xml)

    return rewrite(data, lambda name, body: edit(body) if name == part else body)


def merge_cells(data: bytes, part: str, rng: random.Random) -> bytes:
    top, left = rng.randrange(1, 10), rng.randrange(1, 4)
    ref = f"{_letters(left)}{top}:{_letters(left + rng.randrange(1, 3))}{top + rng.randrange(0, 3)}"
    merged = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
    return rewrite(data, lambda name, body: body.replace(b"</sheetData>", b"</sheetData>" + merged, 1) if name == part else body)


def _sheet_entries(xml: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb"<sheet [^>]*?/>", xml))


def drop_sheet(data: bytes, rng: random.Random) -> bytes:
    def edit(xml: bytes) -> bytes:
        entries = _sheet_entries(xml)
        victim = rng.choice(entries)
        return xml[: victim.start()] + xml[victim.end() :]

    return rewrite(data, lambda name, body: edit(body) if name == "xl/workbook.xml" else body)


def rename_sheet(data: bytes, rng: random.Random, new_name: str) -> bytes:
    def edit(xml: bytes) -> bytes:
        entries = _sheet_entries(xml)
        victim = rng.choice(entries)
        renamed = re.sub(rb'name="[^"]*"', b'name="' + escape(new_name, {'"': "&quot;"}).encode() + b'"', victim.group(0))
        return xml[: victim.start()] + renamed + xml[victim.end() :]

    return rewrite(data, lambda name, body: edit(body) if name == "xl/workbook.xml" else body)


def hide_sheet(data: bytes, rng: random.Random) -> bytes:
    def edit(xml: bytes) -> bytes:
        entries = _sheet_entries(xml)
        victim = rng.choice(entries)
        hidden = victim.group(0).replace(b'state="visible"', b'state="veryHidden"')
        return xml[: victim.start()] + hidden + xml[victim.end() :]

    return rewrite(data, lambda name, body: edit(body) if name == "xl/workbook.xml" else body)


def swap_sheet_parts(data: bytes, rng: random.Random) -> bytes:
    """Two worksheets exchange their contents (their names stay)."""
    parts = worksheets(data)
    a, b = rng.sample(parts, 2)
    bodies: dict[str, bytes] = {}

    def keep(name: str, body: bytes) -> bytes:
        bodies[name] = body
        return body

    rewrite(data, keep)
    return rewrite(data, lambda name, body: bodies[b] if name == a else bodies[a] if name == b else body)


def random_part(data: bytes, rng: random.Random) -> str:
    return rng.choice(worksheets(data))


def _number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _letters(number: int) -> str:
    text = ""
    while number:
        number, rem = divmod(number - 1, 26)
        text = chr(65 + rem) + text
    return text
