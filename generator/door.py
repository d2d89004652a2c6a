"""The one door every file juesuan reads goes through: regular files only, bounded sizes, bounded packages.

A unit's data folder comes from elsewhere and may be broken or hostile. Before any reader
(YAML, calamine, openpyxl, a .docx or .pdf reader) sees a file, the door checks:

- it is a regular file: a folder, FIFO, device or dangling link where a file should be is a
  finding, never a hang on a FIFO or a crash; a symbolic link is followed only when it stays
  inside the folder that holds it (a link to /etc/passwd or ~/.ssh is a finding, never read);
- it is not larger than a limit for its kind;
- for a zip package (.docx here; .xlsx in generator.load.package): members, inflated size and
  compression ratio within limits, and no XML part declaring a DOCTYPE or ENTITY.

Workbooks are read by generator.load.workbook.read_workbook (which uses this module) and YAML by
generator.yaml_files (alias expansion bounded); tests/test_door.py fails when a module under
generator/ opens a workbook or YAML any other way.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

from generator.findings import Finding, Location, emit

MAX_TEXT_BYTES = 1024 * 1024  # 文字说明.yaml, a profile, a .txt: a large unit's texts are ~20 KB
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a .docx or .pdf given to `verify` (ours are ~100 KB–2 MB)

# zip packages (.docx): limits no real document comes near
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20

# file-not-regular's kind, worded; a link out of its folder is refused for safety, and the file itself is wanted.
_KIND_NAMES = {
    "folder": "一个文件夹",
    "fifo": "一个命名管道（FIFO）",
    "special": "一个设备或特殊文件",
    "dangling-link": "指向不存在文件的符号链接",
    "link-outside": "指向所在文件夹之外的符号链接",
}
_KIND_ADVICE = {"link-outside": "：出于安全，不借链接读取文件夹之外的文件；请把文件本身放进文件夹"}


def not_regular(label: str, kind: str) -> Finding:
    """file-not-regular: a folder, FIFO, device or link where LABEL's file should be."""
    return emit("file-not-regular", Location(file=label), kind=kind, label=label, kind_text=_KIND_NAMES[kind], advice=_KIND_ADVICE.get(kind, ""))


def unreadable(label: str, problem: str, reason: str, advice: str = "") -> Finding:
    """file-unreadable: LABEL is there but cannot be read (PROBLEM, worded; REASON, the library's words, kept in values)."""
    return emit("file-unreadable", Location(file=label), reason=reason, label=label, problem=problem, advice=advice)


def too_large(label: str, size: int, max_bytes: int, measured: bool = True) -> Finding:
    """file-too-large: SIZE bytes against the limit MAX_BYTES (SIZE is at least limit + 1 when read, not measured)."""
    size_text = f"{size / 1024 / 1024:.1f} MB，" if measured else ""
    return emit("file-too-large", Location(file=label), size=size, size_text=size_text, limit_text=f"{max_bytes / 1024 / 1024:g} MB")


def inflates(label: str, noun: str, problem: str, limit_text: str, note: str = "", **values: Any) -> Finding:
    """file-inflates: a zip package whose members (count, ratio or inflated size) pass a limit."""
    return emit("file-inflates", Location(file=label), noun=noun, problem=problem, limit_text=limit_text, note=note, **values)


def refusal(path: Path, label: str, max_bytes: int) -> Finding | None:
    """file-missing, file-not-regular, file-too-large or file-unreadable for PATH; None when it may be read."""
    try:
        info = os.stat(path)  # follows a symbolic link: checked below that it stays inside its folder
    except FileNotFoundError:
        if os.path.islink(path):
            return not_regular(label, "dangling-link")
        return emit("file-missing", Location(file=label), path=label)
    except OSError as exc:
        return unreadable(label, exc.strerror or type(exc).__name__, str(exc)[:200])
    if not stat.S_ISREG(info.st_mode):
        return not_regular(label, "folder" if stat.S_ISDIR(info.st_mode) else "fifo" if stat.S_ISFIFO(info.st_mode) else "special")
    if os.path.islink(path) and not _inside(path):
        return not_regular(label, "link-outside")
    if info.st_size > max_bytes:
        return too_large(label, info.st_size, max_bytes)
    return None


def _inside(link: Path) -> bool:
    try:
        return Path(os.path.realpath(link)).is_relative_to(Path(os.path.realpath(link.parent)))
    except (OSError, ValueError):
        return False


def read_bytes(path: Path, label: str, max_bytes: int) -> tuple[bytes | None, Finding | None]:
    """PATH's bytes when the door lets it through; (None, the finding) otherwise.

    Reads at most max_bytes + 1 bytes, so a file that grows after the check is still refused.
    """
    refused = refusal(path, label, max_bytes)
    if refused is not None:
        return None, refused
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never blocks on a FIFO swapped in meanwhile
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None, not_regular(label, "special")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return None, unreadable(label, exc.strerror or type(exc).__name__, str(exc)[:200])
    if len(data) > max_bytes:
        return None, too_large(label, len(data), max_bytes, measured=False)
    return data, None


def read_text(path: Path, label: str, max_bytes: int = MAX_TEXT_BYTES) -> tuple[str | None, Finding | None]:
    """PATH as UTF-8 text (a BOM is dropped); a UnicodeDecodeError is the caller's to word (it knows the file)."""
    data, refused = read_bytes(path, label, max_bytes)
    if data is None:
        return None, refused
    return data.decode("utf-8-sig"), None


class Unreadable(ValueError):
    """A text file that is there but cannot be read as UTF-8 text; the message says why, in Chinese."""

    def __init__(self, message: str, not_utf8: bool = False) -> None:
        super().__init__(message)
        self.not_utf8 = not_utf8


def existing_text(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """PATH's text, "" when there is no such file (a file a person may not have made yet); Unreadable otherwise."""
    if not os.path.lexists(path):
        return ""
    try:
        text, refused = read_text(path, str(path), max_bytes)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"{path.name} 不是 UTF-8 编码", not_utf8=True) from exc
    if text is None:
        raise Unreadable(f"{path.name} 无法读取：{refused.message if refused else ''}")
    return text


def zip_refusal(source: Path | bytes, label: str, noun: str = "文档") -> Finding | None:
    """file-unreadable, file-inflates or xml-entities for a zip package (a .docx); None when it may be opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
            members = package.infolist()
            if len(members) > MAX_MEMBERS:
                return inflates(label, noun, f"内含 {len(members)} 个部件", str(MAX_MEMBERS), members=len(members), limit=MAX_MEMBERS)
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    return inflates(
                        label, noun, f"部件 {member.filename} 压缩比 {ratio:.0f}:1", f"{MAX_RATIO}:1", "（疑似“压缩炸弹”）",
                        member=member.filename, ratio=round(ratio), limit=MAX_RATIO,
                    )
                if total > MAX_INFLATED_BYTES:
                    return inflates(
                        label, noun, f"解压后（到部件 {member.filename} 为止）", f"{MAX_INFLATED_BYTES // 1024 // 1024} MB",
                        member=member.filename, limit=MAX_INFLATED_BYTES,
                    )
            for member in members:
                if member.is_dir() or not member.filename.endswith((".xml", ".rels")):
                    continue
                if _declares_entities(package, member):
                    return emit("xml-entities", Location(file=label), member=member.filename, noun=noun)
    except Exception as exc:  # anything zipfile or zlib raise here: a damaged or encrypted package
        return unreadable(label, f"已损坏或不是有效的 zip 包（{type(exc).__name__}）", str(exc)[:200])
    return None


def _declares_entities(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    tail = b""
    with package.open(member) as stream:  # inflates at most the declared size: zipfile checks it
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            if b"<!" in data and _DOCTYPE.search(data):
                return True
            tail = data[-256:]
    return False


def read_document(path: Path, label: str | None = None) -> tuple[bytes | None, Finding | None]:
    """A .docx, .pdf or .txt given to juesuan to read (e.g. `verify`): its bytes, or the finding that refuses it.

    Regular file, at most MAX_DOCUMENT_BYTES (MAX_TEXT_BYTES for .txt); a .docx must pass zip_refusal,
    a .pdf must start as a PDF does. The bytes returned are the ones checked (no second read).
    """
    label = label or str(path)
    suffix = path.suffix.lower()
    data, refused = read_bytes(path, label, MAX_TEXT_BYTES if suffix == ".txt" else MAX_DOCUMENT_BYTES)
    if data is None:
        return None, refused
    if suffix == ".docx":
        refused = zip_refusal(data, label)
    elif suffix == ".pdf" and not data.lstrip()[:5] == b"%PDF-":
        refused = unreadable(label, "不是 PDF 文件", "no %PDF- header")
    return (None, refused) if refused is not None else (data, None)
