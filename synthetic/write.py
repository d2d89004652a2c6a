"""Writing synthetic unit-years: one unit's folder (and its prior year), or many with a manifest."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import codes
from generator.files import write_atomically
from generator.init import workbook_bytes

from .codes import CodeTables, choose_items, code_tables, functional_csv
from .draw import Size, draw_size, draw_totals, draw_year
from .evaluation import draw_evaluation, evaluation_bytes
from .inject import BY_KIND, SELF_EVALUATION, TEXTS, WORKBOOK, Unit, plan_errors
from .package import reproducible
from .values import texts_yaml, unit_values
from .vocabulary import BODIES, REGIONS

MANIFEST = "manifest.json"
DEFAULT_YEAR = 2024


def write_unit(
    root: Path,
    index: int,
    seed: int,
    kinds: Sequence[str] = (),
    prior: bool = False,
    size: Size | None = None,
    year: int = DEFAULT_YEAR,
    tables: CodeTables | None = None,
    declared_unit: str | None = None,
    unit_kind: str | None = None,
) -> dict[str, Any]:
    """Write unit number INDEX under ROOT; return its manifest entry (folder, size, injected errors).

    KINDS whose precondition the drawn unit does not meet (a 元 workbook for `yuan-in-wanyuan`,
    no prior folder for `prior-year`, …) are left out of it and of its entry. DECLARED_UNIT
    ("万元" or "元") and UNIT_KIND (单位性质) override the drawn ones.
    """
    rng = random.Random(f"juesuan-synth:{seed}:{index}")
    tables = tables or code_tables()
    size = size or draw_size(rng)
    items = choose_items(rng, tables, size.items)
    name = f"{rng.choice(REGIONS)}合成{rng.choice(BODIES)}{index:04d}"
    kind = rng.choice(("行政单位", "行政单位", "行政单位", "参照公务员法管理事业单位", "事业单位"))
    unit = "万元" if rng.random() < 0.85 else "元"
    kind, unit = unit_kind or kind, declared_unit or unit
    before_totals, totals = draw_totals(rng, items)
    last = draw_year(rng, tables, items, year - 1, before_totals, opening=rng.randint(0, 3000))
    cur = draw_year(rng, tables, items, year, totals, opening=last.closing)
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
    folder = root / f"unit-{index:04d}"
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
    target = folder / str(year)
    write_atomically(target / WORKBOOK, reproducible(workbook_bytes(u.values), year))
    write_atomically(target / TEXTS, u.texts.encode("utf-8"))
    write_atomically(target / SELF_EVALUATION, evaluation_bytes(u.evaluation, year))
    local = functional_csv(items)
    write_atomically(target / codes.LOCAL_FUNCTIONAL, local.encode("utf-8"))
    folders = [f"{folder.name}/{year}"]
    if prior:
        back = folder / str(year - 1)
        values = unit_values(random.Random(f"juesuan-synth-prior:{seed}:{index}"), tables, name, kind, unit, items, last, None)
        write_atomically(back / WORKBOOK, reproducible(workbook_bytes(values), year - 1))
        write_atomically(
            back / TEXTS,
            u.texts.encode("utf-8")
            if not any(i["kind"] == "texts-syntax" for i in injected)
            else texts_yaml(rng, name).encode("utf-8"),
        )
        write_atomically(back / codes.LOCAL_FUNCTIONAL, local.encode("utf-8"))
        prior_rng = random.Random(f"juesuan-synth-prior-evaluation:{seed}:{index}")
        write_atomically(
            back / SELF_EVALUATION, evaluation_bytes(draw_evaluation(prior_rng, name, year - 1, size.projects), year - 1)
        )
        folders.append(f"{folder.name}/{year - 1}")
    return {
        "unit": name,
        "folder": f"{folder.name}/{year}",
        "folders": folders,
        "items": size.items,
        "projects": size.projects,
        "indicators": len(u.evaluation.indicators) + len(u.evaluation.unit_indicators),
        "declared_unit": unit,
        "injected": injected,
    }


def write_units(
    root: Path,
    units: int,
    seed: int = 0,
    error_rate: float = 0.2,
    prior: bool = False,
    size: Size | None = None,
    year: int = DEFAULT_YEAR,
    jobs: int = 1,
) -> dict[str, Any]:
    """Write UNITS unit-years under ROOT and ROOT/manifest.json; return the manifest.

    JOBS > 1 writes them in that many processes; the files are the same either way.
    """
    tables = code_tables()
    plan = plan_errors(seed, units, error_rate, prior)
    args = [(root, i + 1, seed, kinds, prior, size, year, tables) for i, kinds in enumerate(plan)]
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            entries = list(pool.map(_write_unit_args, args, chunksize=8))
    else:
        entries = [write_unit(*a) for a in args]
    manifest = {"seed": seed, "units": units, "error_rate": error_rate, "prior": prior, "year": year, "entries": entries}
    write_atomically(root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    return manifest


def _write_unit_args(args: tuple[Any, ...]) -> dict[str, Any]:
    return write_unit(*args)
