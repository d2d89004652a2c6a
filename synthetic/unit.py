"""A whole synthetic unit as data: drawn, with the asked-for errors injected, its files' contents in memory.

`draw_unit` makes the same unit for the same (seed, index) and arguments, whether it is then
written (`synthetic.write`) or used in memory (`files(unit.current)`: file name -> bytes).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator import codes
from generator.init import workbook_bytes

from .codes import CodeTables, choose_items, code_tables, functional_csv
from .draw import Size, draw_size, draw_totals, draw_year
from .evaluation import Evaluation, draw_evaluation, evaluation_bytes
from .inject import BY_KIND, SELF_EVALUATION, TEXTS, WORKBOOK, Unit
from .package import reproducible
from .shapes import BY_NAME
from .values import texts_yaml, unit_values
from .vocabulary import BODIES, REGIONS

DEFAULT_YEAR = 2024


@dataclass
class UnitYear:
    """One unit-year as the contents of its folder."""

    year: int
    values: dict[str, Any]  # 决算数据.xlsx, as `generator.init.workbook_bytes` takes it
    texts: str  # 文字说明.yaml
    evaluation: Evaluation  # 绩效自评表.xlsx
    local_codes: str  # 功能分类科目.csv: the synthetic 项 codes and their names
    absent: tuple[str, ...] = ()  # files not written (an optional one the unit does not have)
    absent_sheets: tuple[str, ...] = ()  # sheets of 决算数据.xlsx left out when the unit has nothing to put in them


@dataclass
class SyntheticUnit:
    """A drawn unit: its current year, its prior year when asked for, and the errors injected into it."""

    index: int
    name: str
    size: Size
    declared_unit: str  # 金额单位: 万元 or 元
    kind: str  # 单位性质
    injected: list[dict[str, Any]]  # kind, code, file, sheet, description of each injected error
    current: UnitYear
    prior: UnitYear | None
    shapes: tuple[str, ...] = ()  # synthetic.shapes applied


def draw_unit(
    index: int,
    seed: int,
    kinds: Sequence[str] = (),
    prior: bool = False,
    size: Size | None = None,
    year: int = DEFAULT_YEAR,
    tables: CodeTables | None = None,
    declared_unit: str | None = None,
    unit_kind: str | None = None,
    shapes: Sequence[str] = (),
) -> SyntheticUnit:
    """Unit number INDEX of SEED for YEAR (with PRIOR also YEAR - 1), with the errors KINDS injected.

    KINDS whose precondition the drawn unit does not meet (a 元 workbook for `yuan-in-wanyuan`,
    no prior year for `prior-year`, …) are left out of it and of its `injected`. DECLARED_UNIT
    ("万元" or "元") and UNIT_KIND (单位性质) override the drawn ones. SHAPES (names of
    `synthetic.shapes.SHAPES`) make it one of the shapes real units come in, combined.
    """
    chosen = [BY_NAME[s] for s in shapes]
    rng = random.Random(f"juesuan-synth:{seed}:{index}")
    tables = tables or code_tables()
    size = size or next((s.size for s in chosen if s.size), None) or draw_size(rng)
    items = choose_items(rng, tables, size.items)
    name = f"{rng.choice(REGIONS)}合成{rng.choice(BODIES)}{index:04d}"
    kind = rng.choice(("行政单位", "行政单位", "行政单位", "参照公务员法管理事业单位", "事业单位"))
    unit = "万元" if rng.random() < 0.85 else "元"
    kind, unit = unit_kind or kind, declared_unit or next((s.declared_unit for s in chosen if s.declared_unit), None) or unit
    prior = prior and all(s.prior is not False for s in chosen)
    before_totals, totals = draw_totals(rng, items)
    last = draw_year(rng, tables, items, year - 1, before_totals, opening=rng.randint(0, 3000))
    cur = draw_year(rng, tables, items, year, totals, opening=last.closing)
    for shape in chosen:
        if shape.year is not None:
            shape.year(rng, cur)
    u = Unit(
        rng=rng,
        tables=tables,
        items=items,
        cur=cur,
        prior=last,
        unit=unit,
        kind=kind,
        values=unit_values(rng, tables, name, kind, unit, items, cur, last),
        texts=texts_yaml(rng, name),
        evaluation=draw_evaluation(rng, name, year, size.projects),
        has_prior_folder=prior,
    )
    for shape in chosen:
        if shape.values is not None:
            shape.values(u)
    injected = []
    for kind_name in kinds:
        injection = BY_KIND[kind_name]
        if not injection.needs(u):
            continue
        injection.apply(u)
        injected.append(
            {
                "kind": injection.kind,
                "code": injection.code,
                "file": injection.file,
                "sheet": injection.sheet,
                "description": injection.description,
            }
        )
    local = functional_csv(items)
    absent = tuple(name for s in chosen for name in s.absent)
    sheets = tuple(name for s in chosen for name in s.absent_sheets if not u.values.get(name))
    current = UnitYear(year, u.values, u.texts, u.evaluation, local, absent, sheets)
    before = None
    if prior:
        values = unit_values(random.Random(f"juesuan-synth-prior:{seed}:{index}"), tables, name, kind, unit, items, last, None)
        texts = u.texts if not any(i["kind"] == "texts-syntax" for i in injected) else texts_yaml(rng, name)
        prior_rng = random.Random(f"juesuan-synth-prior-evaluation:{seed}:{index}")
        before = UnitYear(year - 1, values, texts, draw_evaluation(prior_rng, name, year - 1, size.projects), local)
    return SyntheticUnit(index, name, size, unit, kind, injected, current, before, tuple(shapes))


def files(unit_year: UnitYear) -> dict[str, bytes]:
    """The files of UNIT_YEAR's folder: name -> bytes (workbooks with fixed package metadata)."""
    out = {
        WORKBOOK: lambda: reproducible(_without_sheets(workbook_bytes(unit_year.values), unit_year.absent_sheets), unit_year.year),
        TEXTS: lambda: unit_year.texts.encode("utf-8"),
        SELF_EVALUATION: lambda: evaluation_bytes(unit_year.evaluation, unit_year.year),
        codes.LOCAL_FUNCTIONAL: lambda: unit_year.local_codes.encode("utf-8"),
    }
    return {name: make() for name, make in out.items() if name not in unit_year.absent}


def _without_sheets(data: bytes, sheets: Sequence[str]) -> bytes:
    """The workbook DATA without SHEETS (as a finance export leaves out a table with no rows)."""
    if not sheets:
        return data
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    for name in sheets:
        del book[name]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
