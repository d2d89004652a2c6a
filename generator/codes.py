"""The classification code lists (功能分类, 经济分类) as values, and the rules of their codes.

Reading them (the shipped CSV data, and a folder's own `功能分类科目.csv` / `经济分类科目.csv`,
whose rows are added to and override the shipped ones) is file I/O: generator/code_files.py.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def is_functional_code(code: str) -> bool:
    return len(code) in (3, 5, 7)


def is_economic_code(code: str) -> bool:
    return len(code) in (3, 5)


def parent(code: str) -> str | None:
    """The 款 of a 项, the 类 of a 款 (both classifications)."""
    return {7: code[:5], 5: code[:3]}.get(len(code))
