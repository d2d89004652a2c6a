"""Rewriting an .xlsx package's parts directly: far cells, entities, bombs, lies about sizes.

These are the corruptions openpyxl cannot write (it would normalise them away).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable


def members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.namelist()


def worksheets(data: bytes) -> list[str]:
    return sorted((n for n in members(data) if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)), key=lambda n: int(re.sub(r"\D", "", n)))


def rewrite(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """A copy of the package with each member passed through CHANGE(name, bytes) (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info))
            if body is not None:
                target.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def _in_sheet(data: bytes, sheet: str, edit: Callable[[bytes], bytes]) -> bytes:
    return rewrite(data, lambda name, body: edit(body) if name == sheet else body)


def far_cell(data: bytes, sheet: str, ref: str = "XFD1048576", value: str = "1", blank: bool = False) -> bytes:
    """A value (or a formatted blank) at REF, as the last row of SHEET."""
    row = re.sub(r"\D", "", ref)
    cell = f'<c r="{ref}" s="0"/>' if blank else f'<c r="{ref}"><v>{value}</v></c>'
    return _in_sheet(data, sheet, lambda xml: xml.replace(b"</sheetData>", f'<row r="{row}">{cell}</row></sheetData>'.encode()))


def lying_dimension(data: bytes, sheet: str) -> bytes:
    """The sheet claims to span A1:XFD1048576 (a reader that trusts it allocates for it)."""
    return _in_sheet(data, sheet, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml))


def entity_expansion(data: bytes, sheet: str, with_formula: bool = True, depth: int = 6) -> bytes:
    """A billion-laughs DOCTYPE in SHEET, used by a cell (and a formula cell, which the formula scan reads)."""
    entities = '<!ENTITY e0 "lol">' + "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, depth + 1))
    doctype = f"<!DOCTYPE worksheet [{entities}]>".encode()
    cells = f'<row r="60"><c r="A60" t="inlineStr"><is><t>&e{depth};</t></is></c>'
    if with_formula:
        cells += '<c r="B60"><f>1+1</f></c>'
    cells += "</row>"

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or b"") + doctype, xml, count=1)
        return xml.replace(b"</sheetData>", cells.encode() + b"</sheetData>")

    return _in_sheet(data, sheet, edit)


def external_entity(data: bytes, sheet: str, target: str = "file:///etc/passwd") -> bytes:
    doctype = f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "{target}">]>'.encode()
    cell = b'<row r="60"><c r="A60" t="inlineStr"><is><t>&x;</t></is></c></row>'
    return _in_sheet(data, sheet, lambda xml: doctype + xml.replace(b"</sheetData>", cell + b"</sheetData>"))


def formula(data: bytes, sheet: str, ref: str = "B5") -> bytes:
    """A formula with no cached value at REF (replacing what was there)."""
    row = re.sub(r"\D", "", ref)

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'.encode(), b"", xml)
        return re.sub(rf'(<row r="{row}"[^>]*>)'.encode(), rf'\1<c r="{ref}"><f>1+1</f></c>'.encode(), xml, count=1)

    return _in_sheet(data, sheet, edit)


def zip_bomb(data: bytes, megabytes: int = 40, name: str = "xl/worksheets/sheet1.xml") -> bytes:
    """NAME padded with MEGABYTES of spaces after its XML: it deflates ~1000:1."""
    padding = b" " * (megabytes * 1024 * 1024)
    return rewrite(data, lambda n, body: body + padding if n == name else body)


def lie_about_size(data: bytes, name: str, declared: int = 1000) -> bytes:
    """Patch NAME's uncompressed size in both zip headers to DECLARED (its data inflates to more)."""
    buffer = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    local = info.header_offset
    struct.pack_into("<I", buffer, local + 22, declared)
    offset = 0
    while True:
        central = bytes(buffer).find(b"PK\x01\x02", offset)
        if central < 0:
            break
        name_length = struct.unpack_from("<H", buffer, central + 28)[0]
        if bytes(buffer[central + 46 : central + 46 + name_length]).decode("utf-8", "replace") == name:
            struct.pack_into("<I", buffer, central + 24, declared)
            break
        offset = central + 4
    return bytes(buffer)


def truncated(data: bytes, keep: float) -> bytes:
    return data[: max(1, int(len(data) * keep))]
