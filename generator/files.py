"""Writing files: atomically, so that a reader sees the old file or the new one.

Used by every stage that writes (render, diff, batch, init); it knows nothing
of what it writes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once at import, before any
    # thread could create a file with the wrong mode in between.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new one.

    Writes a temporary file in the same directory (so os.replace stays on one
    file system), fsyncs it, then renames it over `path`. On any failure the
    temporary file is removed and the old `path`, if any, is left untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    ) as handle:
        temporary = Path(handle.name)
        try:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            handle.close()
            temporary.unlink(missing_ok=True)
            raise
    try:
        # NamedTemporaryFile creates 0600; give the output the usual umask mode.
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
