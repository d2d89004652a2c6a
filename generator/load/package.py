"""Looking inside an .xlsx package before any reader touches it: bounded, or refused.

An .xlsx is a zip of XML parts. Readers trust it: calamine builds a dense grid
from A1 to the farthest cell (one value in XFD1048576 asks for 512 GiB), a
2 MB zip can inflate to gigabytes, and an XML entity declaration can expand
without end. So, before reading, one streaming pass over the package:

- every member's declared size and compression ratio are within limits, and its
  data really inflates to the declared size (zipfile checks the CRC at the end,
  so a member that would inflate further is refused, not read);
- no XML part declares a DOCTYPE or an ENTITY (Excel and WPS never write one);
- each worksheet's extent: the farthest cell holding a value, and the first
  such cell outside the rows and columns any sheet of ours needs;
- which worksheets hold formulas (only they need the openpyxl formula pass);
- the whole pass runs against a wall-clock deadline.
"""

from __future__ import annotations

import functools
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from generator.finding_codes import declaration

# Limits no real 决算 workbook comes near (the sample is 25 KB, 200 KB inflated, 40 rows × 16 columns).
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # all members together, inflated
MAX_RATIO = 100  # inflated ÷ compressed, for members above RATIO_FLOOR (XML compresses ~5-20×)
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
MAX_ROWS = 20_000  # rows read per sheet; the layouts need a few hundred (a big unit's indicators a few thousand)
MAX_COLUMNS = 64  # columns read per sheet (A..BL); the layouts need at most 20
BUDGET_SECONDS = 30.0  # wall-clock last resort per workbook; the byte, member, row and column limits above are what
# bound the work. A short budget made the result depend on machine load (a normal workbook could be refused).

_CHUNK = 1 << 20
_OVERLAP = 256  # bytes kept between chunks so that a tag split across two chunks is still seen
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL = re.compile(rb"<(?:\w+:)?c(\s[^>]*)?>")
_REF = re.compile(rb'\br="([A-Za-z]{1,3})(\d{1,7})"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
# As Excel, WPS, openpyxl and calamine's writers put it: r first. A cell written otherwise counts as
# unaddressed, and its sheet is read by the bounded (slower) reader: safe either way.
_REF_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})\d')
_REF_ROWS = re.compile(rb'<c r="[A-Z]{1,3}(\d{1,7})"')
_PREFIXED_CELL = re.compile(rb"<\w+:c[\s>/]")


@dataclass(frozen=True)
class Refusal:
    """Why the package is not read: a finding code, and the values and words of its declared message."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)
    words: dict[str, Any] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """The Chinese reason, without the file's name (an upload's page names the file itself)."""
        if self.code == "file-unreadable":
            return str(self.words["problem"])
        return declaration(self.code).render({**self.values, **self.words})


@dataclass
class PartScan:
    """What one worksheet part holds."""

    max_row: int = 0  # 1-based, of cells with a value (0: none)
    max_col: int = 0
    stray: str | None = None  # the first cell with a value outside MAX_ROWS × MAX_COLUMNS, e.g. "XFD1048576"
    strays: int = 0
    unaddressed: bool = False  # a cell without r="…": its position is implicit, its extent unknown
    far_blank: bool = False  # a formatted blank outside the limits (a reader may still stretch its grid to it)
    formulas: bool = False

    @property
    def bounded(self) -> bool:
        """True when a dense grid of this sheet (A1 to its farthest cell) stays within the limits."""
        return not (self.unaddressed or self.far_blank or self.strays)


@dataclass
class PackageScan:
    parts: dict[str, PartScan] = field(default_factory=dict)  # worksheet part name -> scan

    @property
    def bounded(self) -> bool:
        return all(p.bounded for p in self.parts.values())

    @property
    def formulas(self) -> bool:
        return any(p.formulas for p in self.parts.values())


class Deadline:
    """A wall-clock budget; `exceeded` says whether it has run out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    @property
    def exceeded(self) -> bool:
        return time.monotonic() > self._end


def scan_package(path: Path | IO[bytes], deadline: Deadline) -> PackageScan | Refusal:
    """One streaming pass over the package at PATH (or in a binary stream: an upload); a Refusal when it must not be read."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            refusal = _check_sizes(members)
            if refusal is not None:
                return refusal
            scan = PackageScan()
            for member in members:
                if member.is_dir() or not member.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                result = _scan_member(package, member, deadline)
                if isinstance(result, Refusal):
                    return result
                if _is_worksheet(member.filename):
                    scan.parts[member.filename] = result
            return scan
    except Exception as exc:
        # Anything zipfile or zlib raise on these bytes means the package is damaged: a corrupt member
        # (CRC or length mismatch: it inflates to more than it declares; zlib.error), an encrypted
        # member (RuntimeError), an unsupported compression method, a truncated file.
        return Refusal("file-unreadable", {"reason": str(exc)[:200]}, {"problem": f"已损坏或不是有效的 .xlsx 工作簿（{type(exc).__name__}）"})


def _check_sizes(members: list[zipfile.ZipInfo]) -> Refusal | None:
    if len(members) > MAX_MEMBERS:
        return Refusal(
            "file-inflates",
            {"members": len(members), "limit": MAX_MEMBERS},
            {"noun": "工作簿", "problem": f"内含 {len(members)} 个部件", "limit_text": str(MAX_MEMBERS), "note": ""},
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            return Refusal(
                "file-inflates",
                {"member": member.filename, "ratio": round(ratio), "limit": MAX_RATIO},
                {"noun": "工作簿", "problem": f"部件 {member.filename} 压缩比 {ratio:.0f}:1", "limit_text": f"{MAX_RATIO}:1", "note": "（疑似“压缩炸弹”）"},
            )
        if total > MAX_UNCOMPRESSED_BYTES:
            return Refusal(
                "file-inflates",
                {"member": member.filename, "limit": MAX_UNCOMPRESSED_BYTES},
                {
                    "noun": "工作簿",
                    "problem": f"解压后（到部件 {member.filename} 为止）",
                    "limit_text": f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB",
                    "note": "，决算数据工作簿不会这么大",
                },
            )
    return None


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.count("/") == 2 and name.endswith(".xml")


def _scan_member(package: zipfile.ZipFile, member: zipfile.ZipInfo, deadline: Deadline) -> PartScan | Refusal:
    part = PartScan()
    worksheet = _is_worksheet(member.filename)
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            if deadline.exceeded:
                return too_slow(deadline)
            data = tail + chunk
            if b"<!" in data and _DOCTYPE.search(data):
                return Refusal("xml-entities", {"member": member.filename}, {"noun": "工作簿"})
            if worksheet:
                # Only complete tags are scanned; the unfinished end of the chunk is scanned with the next one.
                cut = data.rfind(b"<")
                body, tail = (data[:cut], data[cut:]) if cut > len(data) - _OVERLAP else (data, b"")
                _scan_cells(body, part)
            else:
                tail = data[-_OVERLAP:]
    if worksheet and tail:
        _scan_cells(tail, part)
    return part


def _scan_cells(data: bytes, part: PartScan) -> None:
    if not part.formulas and (b"<f" in data or b":f" in data) and _FORMULA.search(data):
        part.formulas = True
    # Fast path (every ordinary sheet), in C: the distinct column letters and the largest row number.
    letters = set(_REF_LETTERS.findall(data))
    rows = _REF_ROWS.findall(data)
    cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
    if cells != len(rows) or ((b":c " in data or b":c>" in data) and _PREFIXED_CELL.search(data)):
        part.unaddressed = True  # a cell without r="…" first, or in a prefixed namespace: read by the bounded reader
    if not rows:
        return
    max_row = max(map(int, rows))
    max_col = max(map(_column_number, letters))
    if max_row <= MAX_ROWS and max_col <= MAX_COLUMNS:
        part.max_row, part.max_col = max(part.max_row, max_row), max(part.max_col, max_col)
        return
    _scan_far_cells(data, part)


def _scan_far_cells(data: bytes, part: PartScan) -> None:
    """Cell by cell, for a sheet reaching beyond the limits: which cells with a value lie outside."""
    for match in _CELL.finditer(data):
        attributes = match.group(1) or b""
        ref = _REF.search(attributes)
        if ref is None:
            part.unaddressed = True
            continue
        row, col = int(ref.group(2)), _column_number(ref.group(1))
        if attributes.endswith(b"/"):  # <c r="Z9" s="3"/>: a formatted blank holds no value
            part.far_blank = part.far_blank or row > MAX_ROWS or col > MAX_COLUMNS
            continue
        if row > MAX_ROWS or col > MAX_COLUMNS:
            part.strays += 1
            if part.stray is None:
                part.stray = (ref.group(1) + ref.group(2)).decode().upper()
            continue
        part.max_row, part.max_col = max(part.max_row, row), max(part.max_col, col)


@functools.lru_cache(maxsize=1024)
def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def too_slow(deadline: Deadline) -> Refusal:
    return Refusal("file-too-slow", {"seconds": deadline.seconds})
