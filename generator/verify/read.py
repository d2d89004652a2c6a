"""Open a disclosure by its suffix: .docx, .pdf or .txt."""

from __future__ import annotations

from pathlib import Path

from generator.verify.document import Document
from generator.verify.read_docx import Unreadable, read_docx

SUFFIXES = (".docx", ".pdf", ".txt")
MAX_TEXT_BYTES = 20 * 1024 * 1024


def read_document(path: Path) -> Document:
    """The document at PATH; raises Unreadable (with a Chinese reason) when it cannot be read."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise Unreadable("文件不存在或不是普通文件")
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        from generator.verify.read_pdf import read_pdf

        return read_pdf(path)
    if suffix == ".txt":
        from generator.verify.read_text import document_from_text

        if path.stat().st_size > MAX_TEXT_BYTES:
            raise Unreadable(f"文本文件超过 {MAX_TEXT_BYTES // 1024 // 1024} MB")
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return document_from_text(str(path), raw.decode(encoding))
            except UnicodeDecodeError:
                continue
        raise Unreadable("文本文件的编码无法识别（应为 UTF-8 或 GB18030）")
    raise Unreadable(f"不支持的文件类型 {suffix or '（无扩展名）'}：verify 读取 .docx、.pdf 和 .txt")
