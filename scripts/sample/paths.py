"""Where the sample's transcription and its workbooks are."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from generator.docx_package import normalise_docx

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "scripts" / "data" / "changji-ybj"
SAMPLE = ROOT / "inputs" / "changji-ybj"


def fixed(package: bytes, year: int) -> bytes:
    """The workbook with fixed zip metadata and core-properties dates (31 December of YEAR), so that
    writing it again from the same transcription gives the same bytes."""
    return normalise_docx(package, datetime(year, 12, 31, tzinfo=UTC))
