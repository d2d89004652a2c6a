"""Synthetic unit-years with injected errors and a manifest (the command line of the `synthetic` package).

    python benchmarks/synth.py ROOT --units N --seed S [--prior] [--error-rate 0.2] [--items K] [--projects P] [--jobs J]

Writes ROOT/unit-0001/2024/{决算数据.xlsx, 文字说明.yaml, 绩效自评表.xlsx, 功能分类科目.csv} and so on
(with --prior also ROOT/unit-0001/2023/), and ROOT/manifest.json: for each unit its size and every
injected error with the finding code `check` must report for it, and where (file, sheet).
Tests and benchmarks import the package itself (`import synthetic`); see synthetic/__init__.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run by path from anywhere: the repository root holds `synthetic`

from synthetic.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
