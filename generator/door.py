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

from generator.findings import Finding, Location, error

MAX_TEXT_BYTES = 1024 * 1024  # 文字说明.yaml, a profile, a .txt: a large unit's texts are ~20 KB
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a .docx or .pdf given to `verify` (ours are ~100 KB–2 MB)

# zip packages (.docx): limits no real document comes near
MAX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # for members above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 1 << 20

_KIND_NAMES = {"folder": "一个文件夹", "fifo": "一个命名管道（FIFO）", "special": "一个设备或特殊文件"}


def refusal(path: Path, label: str, max_bytes: int) -> Finding | None:
    """file-missing, file-not-regular, file-too-large or file-unreadable for PATH; None when it may be read."""
    loc = Location(file=label)
    try:
        info = os.stat(path)  # follows a symbolic link: checked below that it stays inside its folder
    except FileNotFoundError:
        if os.path.islink(path):
            return error("file-not-regular", loc, f"{label} 是指向不存在文件的符号链接", kind="dangling-link")
        return error("file-missing", loc, f"找不到文件：{label}", path=label)
    except OSError as exc:
        return error("file-unreadable", loc, f"无法读取文件 {label}（{exc.strerror or type(exc).__name__}）", reason=str(exc)[:200])
    if not stat.S_ISREG(info.st_mode):
        kind = "folder" if stat.S_ISDIR(info.st_mode) else "fifo" if stat.S_ISFIFO(info.st_mode) else "special"
        return error("file-not-regular", loc, f"{label} 是{_KIND_NAMES[kind]}，不是普通文件，不予读取", kind=kind)
    if os.path.islink(path) and not _inside(path):
        return error(
            "file-not-regular",
            loc,
            f"{label} 是指向所在文件夹之外的符号链接，出于安全不予读取；请把文件本身放进文件夹",
            kind="link-outside",
        )
    if info.st_size > max_bytes:
        return error(
            "file-too-large",
            loc,
            f"文件过大（{info.st_size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:g} MB），请确认选对了文件",
            size=info.st_size,
        )
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
                return None, error("file-not-regular", Location(file=label), f"{label} 不是普通文件，不予读取", kind="special")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(max_bytes + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return None, error("file-unreadable", Location(file=label), f"无法读取文件 {label}（{exc.strerror or type(exc).__name__}）", reason=str(exc)[:200])
    if len(data) > max_bytes:
        return None, error("file-too-large", Location(file=label), f"文件过大（上限 {max_bytes / 1024 / 1024:g} MB）", size=len(data))
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
    loc = Location(file=label)
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as package:
            members = package.infolist()
            if len(members) > MAX_MEMBERS:
                return error("file-inflates", loc, f"{noun}内含 {len(members)} 个部件，超过上限 {MAX_MEMBERS}", limit=MAX_MEMBERS)
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    return error(
                        "file-inflates", loc, f"{noun}部件 {member.filename} 压缩比 {ratio:.0f}:1，超过上限 {MAX_RATIO}:1（疑似“压缩炸弹”）",
                        member=member.filename, ratio=round(ratio), limit=MAX_RATIO,
                    )
                if total > MAX_INFLATED_BYTES:
                    return error(
                        "file-inflates", loc, f"{noun}解压后超过 {MAX_INFLATED_BYTES // 1024 // 1024} MB（在部件 {member.filename} 处）",
                        member=member.filename, limit=MAX_INFLATED_BYTES,
                    )
            for member in members:
                if member.is_dir() or not member.filename.endswith((".xml", ".rels")):
                    continue
                if _declares_entities(package, member):
                    return error(
                        "xml-entities", loc, f"{noun}部件 {member.filename} 含有 XML 实体或 DOCTYPE 声明，出于安全不予读取",
                        member=member.filename,
                    )
    except Exception as exc:  # anything zipfile or zlib raise here: a damaged or encrypted package
        return error("file-unreadable", loc, f"{label} 已损坏或不是有效的 zip 包（{type(exc).__name__}）", reason=str(exc)[:200])
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
        refused = error("file-unreadable", Location(file=label), f"{label} 不是 PDF 文件", reason="no %PDF- header")
    return (None, refused) if refused is not None else (data, None)
