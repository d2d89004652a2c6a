"""The files a run read, hashed (file I/O): the report names the exact version of the data its findings are about."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 1 << 20


def hashed_files(paths: Iterable[Path]) -> tuple[tuple[str, str, int], ...]:
    """(path, SHA-256, size) of each regular file among PATHS (in order, once); others are left out.

    Only regular files are opened: a FIFO or a folder in a workbook's place is a finding elsewhere,
    and opening a FIFO would wait for a writer forever.
    """
    seen: set[str] = set()
    files = []
    for path in paths:
        label = str(path)
        if label in seen:
            continue
        seen.add(label)
        hashed = _hashed(path)
        if hashed is not None:
            files.append((label, *hashed))
    return tuple(files)


def _hashed(path: Path) -> tuple[str, int] | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        digest = hashlib.sha256()
        size = 0
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except (OSError, ValueError):  # gone, unreadable, or a name the file system refuses
        return None
    return digest.hexdigest(), size
