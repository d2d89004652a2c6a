"""Open a disclosure by its suffix: .docx, .pdf or .txt, read once through the guarded door (generator.door)."""

from __future__ import annotations

from pathlib import Path

from generator.verify.document import Document
from generator.verify.read_docx import Unreadable, read_docx

SUFFIXES = (".docx", ".pdf", ".txt")


def read_document(path: Path) -> Document:
    """The document at PATH; raises Unreadable (with a Chinese reason) when it cannot be read.

    The door checks it is a regular file within its size limits and, for a .docx, within the zip limits
    (members, inflation, no XML entities); the bytes it checked are the ones parsed."""
    from generator.door import read_document as through_door

    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise Unreadable(f"不支持的文件类型 {suffix or '（无扩展名）'}：verify 读取 .docx、.pdf 和 .txt")
    data, refused = through_door(path)
    if data is None:
        raise Unreadable(refused.message if refused is not None else "文件无法读取")
    if suffix == ".docx":
        return read_docx(path, data)
    if suffix == ".pdf":
        from generator.verify.read_pdf import read_pdf

        return read_pdf(path, data)
    from generator.verify.read_text import document_from_text

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return document_from_text(str(path), data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise Unreadable("文本文件的编码无法识别（应为 UTF-8 或 GB18030）")
