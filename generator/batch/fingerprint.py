"""What a unit's output depends on, as hashes: its input files, last year's, the template, the code.

A unit is regenerated when any of these changes. The code is hashed as well as the
package version, because an editable install keeps its version while its code changes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from functools import lru_cache
from pathlib import Path

from generator.acknowledged import RECORD_FILE
from generator.render.shipped import template_dir

PACKAGE = Path(__file__).resolve().parents[1]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """The names and contents of the files directly in FOLDER (hidden and Office lock files left out).

    核对记录.yaml is left out too: explaining a warning changes the report, not the data nor the document
    (records_digest follows it). A missing folder has a digest too, so that a prior-year folder appearing
    later is a change.
    """
    digest = hashlib.sha256()
    if not folder.is_dir():
        digest.update(b"<missing>")
        return digest.hexdigest()
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~$")) or path.name == RECORD_FILE or not path.is_file():
            continue
        digest.update(path.name.encode("utf-8") + b"\0" + file_sha256(path).encode() + b"\0")
    return digest.hexdigest()


def records_digest(folder: Path) -> str:
    """FOLDER's 核对记录.yaml (the explained warnings) as a hash; "<none>" without one."""
    path = folder / RECORD_FILE
    return file_sha256(path) if path.is_file() else "<none>"


def prior_folder(folder: Path, year: int | None) -> Path | None:
    """The folder `load` reads last year from: the sibling named YEAR − 1."""
    if year is None:
        year = int(folder.name) if folder.name.isdigit() else None
    return folder.parent / str(year - 1) if year is not None else None


def input_key(folder: Path, year: int | None, run: str, own: str | None = None) -> str:
    """The hash of everything one unit's output is made from, under the run fingerprint RUN.

    OWN is FOLDER's digest when the caller took it already (before reading the folder).
    """
    prior = prior_folder(folder, year)
    parts = [run, own or folder_digest(folder), folder_digest(prior) if prior is not None else "<no prior>"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's own files (code and data), so that a code change regenerates everything."""
    digest = hashlib.sha256()
    for root in (PACKAGE, template_dir()):  # the shipped templates sit outside generator/ in a checkout
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".csv", ".yaml", ".md", ".docx", ".conf"):
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + file_sha256(path).encode() + b"\0")
    return digest.hexdigest()


def juesuan_version() -> str:
    """The installed version, as api.version() says it ("?" from a checkout never installed)."""
    try:
        return importlib.metadata.version("juesuan")
    except importlib.metadata.PackageNotFoundError:
        return "?"


def run_fingerprint(template: Path, profile: str | None, level: str | None = None) -> str:
    """Package version + code + template + scoring profile (+ --level): what every unit of a run shares."""
    version = juesuan_version()
    profile_part = profile or "default"
    if profile and Path(profile).is_file():
        profile_part = file_sha256(Path(profile))
    template_part = file_sha256(template) if template.is_file() else "<missing template>"
    parts = [f"juesuan {version}", code_digest(), template_part, profile_part] + ([f"level {level}"] if level else [])
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
