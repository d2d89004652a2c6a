"""Synthetic but realistic unit-years, with injected errors and a manifest of what `check` must report.

A development tool for tests and benchmarks (not shipped: the wheel holds `generator` only).
One job per module:

- `codes`: the 项 a unit spends on (real codes, then synthetic ones named in the folder's 功能分类科目.csv);
- `draw`: one unit-year as data, in whole cents of 万元, every total summed from its parts;
- `values`: that year as the values dict `generator.init.workbook_bytes` writes, and its 文字说明.yaml;
- `evaluation`: a synthetic 绩效自评表;
- `inject`: the kinds of error, each with the finding code `check` must report and where, and the
  plan of which errors go into which unit;
- `unit`: a whole unit as data (`draw_unit`: drawn, errors injected; `files(unit.current)`: its
  folder's files as bytes, for tests that need no disk);
- `write`: one unit's folder (`write_unit`), or many with ROOT/manifest.json (`write_units`);
- `cli`: the command line (`python benchmarks/synth.py ROOT …` or `python -m synthetic ROOT …`).

Reproducible: every random draw comes from random.Random seeded with (seed, unit index); the
workbooks are normalised (fixed zip metadata and core-properties dates), so the same seed gives
byte-identical files on one zlib.
"""

from __future__ import annotations

from .codes import CodeTables, code_tables
from .draw import Size
from .inject import BY_KIND, INJECTIONS, SELF_EVALUATION, Injection, plan_errors
from .unit import DEFAULT_YEAR, SyntheticUnit, UnitYear, draw_unit, files
from .write import MANIFEST, write_unit, write_units

__all__ = [
    "BY_KIND",
    "DEFAULT_YEAR",
    "INJECTIONS",
    "MANIFEST",
    "SELF_EVALUATION",
    "CodeTables",
    "Injection",
    "Size",
    "SyntheticUnit",
    "UnitYear",
    "code_tables",
    "draw_unit",
    "files",
    "plan_errors",
    "write_unit",
    "write_units",
]
