"""Reading the classification code lists: the shipped CSV data, and a unit-year folder's own additions."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from generator.codes import LOCAL_ECONOMIC, LOCAL_FUNCTIONAL, Code, CodeList

DATA = Path(__file__).parent / "data"
FUNCTIONAL_FILE = "functional_codes.csv"
ECONOMIC_FILE = "economic_codes.csv"


def read_code_file(path: Path) -> CodeList:
    codes: dict[str, Code] = {}
    if not path.is_file():
        return CodeList(codes)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            code = (row.get("code") or "").strip()
            name = (row.get("name") or "").strip()
            if code and name:
                verified = (row.get("verified") or "").strip().lower() == "yes"
                codes[code] = Code(code, name, verified, (row.get("kind") or "").strip())
    return CodeList(codes)


@lru_cache(maxsize=4)
def shipped(kind: str) -> CodeList:
    return read_code_file(DATA / (FUNCTIONAL_FILE if kind == "functional" else ECONOMIC_FILE))


def for_folder(folder: Path, kind: str) -> CodeList:
    local = folder / (LOCAL_FUNCTIONAL if kind == "functional" else LOCAL_ECONOMIC)
    base = shipped(kind)
    return base.extended(read_code_file(local)) if local.is_file() else base
