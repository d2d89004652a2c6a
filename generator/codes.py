"""The classification code lists (功能分类, 经济分类), shipped as CSV data a user can extend.

A unit-year folder may hold its own `功能分类科目.csv` / `经济分类科目.csv` with the
same columns; their rows are added to (and override) the shipped ones.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
FUNCTIONAL_FILE = "functional_codes.csv"
ECONOMIC_FILE = "economic_codes.csv"
LOCAL_FUNCTIONAL = "功能分类科目.csv"
LOCAL_ECONOMIC = "经济分类科目.csv"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    verified: bool
    kind: str = ""  # economic only: personnel / public


@dataclass(frozen=True)
class CodeList:
    codes: dict[str, Code]

    def name(self, code: str) -> str | None:
        entry = self.codes.get(code)
        return entry.name if entry else None

    def class_names(self) -> frozenset[str]:
        return frozenset(c.name for c in self.codes.values() if len(c.code) == 3)

    def class_code_by_name(self) -> dict[str, str]:
        return {c.name: c.code for c in self.codes.values() if len(c.code) == 3}

    def extended(self, extra: CodeList) -> CodeList:
        return CodeList({**self.codes, **extra.codes})


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


def is_functional_code(code: str) -> bool:
    return len(code) in (3, 5, 7)


def is_economic_code(code: str) -> bool:
    return len(code) in (3, 5)


def parent(code: str) -> str | None:
    """The 款 of a 项, the 类 of a 款 (both classifications)."""
    return {7: code[:5], 5: code[:3]}.get(len(code))
