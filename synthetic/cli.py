"""The command line of the synthetic data (benchmarks/synth.py and `python -m synthetic`)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .draw import Size
from .unit import DEFAULT_YEAR
from .write import MANIFEST, write_units


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> None:
    parser = argparse.ArgumentParser(prog=prog, description="Write synthetic unit-years with injected errors and a manifest.")
    parser.add_argument("root", type=Path)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--error-rate", type=float, default=0.2)
    parser.add_argument("--prior", action="store_true", help="also write the year before, so that year-over-year checks run")
    parser.add_argument("--items", type=int, default=None, help="项 per unit (default: drawn, 10-500)")
    parser.add_argument("--projects", type=int, default=None, help="projects per unit (default: drawn, 1-100)")
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    parser.add_argument("--jobs", type=int, default=1, help="write in this many processes (same files)")
    args = parser.parse_args(argv)
    size = Size(args.items or 10, args.projects or 1) if args.items or args.projects else None
    manifest = write_units(args.root, args.units, args.seed, args.error_rate, args.prior, size, args.year, args.jobs)
    bad = sum(1 for e in manifest["entries"] if e["injected"])
    print(f"wrote {args.units} unit-years under {args.root} ({bad} with injected errors); manifest {args.root / MANIFEST}")
