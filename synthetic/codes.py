"""The 项 a synthetic unit spends on: real codes from the shipped lists, then synthetic ones under real 款."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass

from generator import code_files

# 类 a budget unit of this kind does not spend on from its 一般公共预算 (funds, transfers, debt).
_EXCLUDED_CLASSES = {"209", "223", "227", "230", "231", "232", "233", "234"}


@dataclass(frozen=True)
class CodeTables:
    classes: dict[str, str]  # 3-digit functional code -> name
    sections: dict[str, str]  # 5-digit 款 -> name
    items: dict[str, str]  # 7-digit 项 -> name
    economic: dict[str, str]  # economic 款 (5-digit) -> name


def code_tables() -> CodeTables:
    functional = code_files.shipped("functional").codes
    economic = code_files.shipped("economic").codes
    by_length: dict[int, dict[str, str]] = {3: {}, 5: {}, 7: {}}
    for code, entry in sorted(functional.items()):
        if code[:3] not in _EXCLUDED_CLASSES and len(code) in by_length:
            by_length[len(code)][code] = entry.name
    sections = {c: n for c, n in by_length[5].items() if c[:3] in by_length[3]}
    items = {c: n for c, n in by_length[7].items() if c[:5] in sections}
    return CodeTables(by_length[3], sections, items, {c: e.name for c, e in sorted(economic.items()) if len(c) == 5})


@dataclass
class Item:
    code: str
    name: str
    synthetic: bool


def choose_items(rng: random.Random, tables: CodeTables, count: int) -> list[Item]:
    """COUNT 项 under a few 类 and 款: real codes first, then synthetic ones under the same 款."""
    sections = list(tables.sections)
    rng.shuffle(sections)
    per_section = max(1, min(12, count // 4 or 1))
    chosen: list[Item] = []
    for section in sections:
        if len(chosen) >= count:
            break
        real = [c for c in tables.items if c[:5] == section]
        want = min(count - len(chosen), rng.randint(1, per_section))
        codes_here = real[:want]
        free = [f"{section}{n:02d}" for n in range(1, 99) if f"{section}{n:02d}" not in tables.items]
        rng.shuffle(free)
        chosen += [Item(c, tables.items[c], False) for c in codes_here]
        for code in sorted(free[: want - len(codes_here)]):
            chosen.append(Item(code, f"{tables.sections[section]}{_ordinal(int(code[5:]))}", True))
    return sorted(chosen, key=lambda i: i.code)


def _ordinal(n: int) -> str:
    return f"（{n}）"


def functional_csv(items: Sequence[Item]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "name", "verified", "source"])
    for item in items:
        if item.synthetic:
            writer.writerow([item.code, item.name, "no", "synthetic: benchmarks/synth.py"])
    return buffer.getvalue()
