"""Finding the unit-year folders under a root, and naming their outputs."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

from generator import layout

SUFFIX = "决算公开说明.docx"


def find_units(root: Path) -> list[Path]:
    """Every folder under ROOT (ROOT included) that holds a 决算数据.xlsx, sorted by path.

    Hidden folders (".git", ".venv", …) are not searched. A folder, FIFO or link named 决算数据.xlsx
    makes its folder a unit too: reading it then says what is wrong, instead of the unit being left
    out without a word.
    """
    found = []
    for folder, dirs, files in os.walk(root):
        if layout.WORKBOOK in files or layout.WORKBOOK in dirs:
            found.append(Path(folder))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != layout.WORKBOOK)
    return sorted(found, key=lambda p: p.parts)


def relative_name(root: Path, folder: Path) -> str:
    """The unit folder as a path relative to ROOT, with "/" separators ("." when ROOT is the unit)."""
    rel = folder.relative_to(root).as_posix()
    return rel if rel else "."


def output_names(root: Path, folders: list[Path]) -> dict[Path, str]:
    """The output file name of each unit: its relative path with "/" replaced by "-", then "-决算公开说明.docx".

    ROOT itself as a unit takes ROOT's own name. Two folders whose names would collide
    ("a/b-c" and "a-b/c") each get a short hash of their relative path appended.
    """
    stems = {}
    for folder in folders:
        rel = relative_name(root, folder)
        stems[folder] = (root.resolve().name or "unit") if rel == "." else rel.replace("/", "-")
    counts = Counter(stems.values())
    names = {}
    for folder, stem in stems.items():
        if counts[stem] > 1:
            stem += "-" + hashlib.sha256(relative_name(root, folder).encode()).hexdigest()[:6]
        names[folder] = f"{stem}-{SUFFIX}"
    return names
