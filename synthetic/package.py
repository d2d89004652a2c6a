"""Workbooks that are the same bytes for the same contents."""

from __future__ import annotations

from datetime import UTC, datetime

from generator.docx_package import normalise_docx


def reproducible(package: bytes, year: int) -> bytes:
    """An OPC package (.xlsx) with fixed zip metadata and core-properties dates."""
    return normalise_docx(package, datetime(year, 12, 31, tzinfo=UTC))
