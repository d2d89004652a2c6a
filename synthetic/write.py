"""Writing synthetic unit-years: one unit's folder (and its prior year), or many with a manifest."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.files import write_atomically

from .codes import CodeTables, code_tables
from .draw import Size
from .inject import plan_errors
from .unit import DEFAULT_YEAR, draw_unit, files

MANIFEST = "manifest.json"


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
    """Write unit number INDEX under ROOT (ROOT/unit-INDEX/YEAR, with PRIOR also YEAR - 1); return its
    manifest entry (folders, size, injected errors). The arguments are those of `draw_unit`."""
    unit = draw_unit(index, seed, kinds, prior, size, year, tables, declared_unit, unit_kind)
    folder = root / f"unit-{index:04d}"
    years = [unit.current] + ([unit.prior] if unit.prior is not None else [])
    for unit_year in years:
        for name, data in files(unit_year).items():
            write_atomically(folder / str(unit_year.year) / name, data)
    return {
        "unit": unit.name,
        "folder": f"{folder.name}/{year}",
        "folders": [f"{folder.name}/{y.year}" for y in years],
        "items": unit.size.items,
        "projects": unit.size.projects,
        "indicators": len(unit.current.evaluation.indicators) + len(unit.current.evaluation.unit_indicators),
        "declared_unit": unit.declared_unit,
        "injected": unit.injected,
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
