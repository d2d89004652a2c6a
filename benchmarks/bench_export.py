"""Benchmark: `juesuan export` over many synthetic unit-years (time, peak memory, rows).

    python benchmarks/bench_export.py --units 1000 [--root DIR] [--jobs 2]

Writes the units with the `synthetic` package (seed 2024, 20 % with injected errors, as
bench_batch.py does), then runs `juesuan export ROOT -o FILE` in a fresh process for each of
.csv, .xlsx and .parquet, and reports wall time and the process's peak memory (VmHWM). The
row count of every file is compared with the number of figures `api.figures_frame` finds, and
the units exported plus the units skipped with `export-unit-skipped` with the units written.
Results go to benchmarks/results/export-<units>.json. Not a test: tests never assert timings.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import synthetic as synth  # noqa: E402

SEED = 2024
SUFFIXES = (".csv", ".xlsx", ".parquet")


def export_child(root: Path, target: Path) -> None:
    """`juesuan export ROOT -o TARGET` as the command runs it; prints one JSON line of stats."""
    from generator.batch.worker import peak_rss_kb
    from generator.cli import main

    start = time.perf_counter()
    try:
        main(["export", str(root), "-o", str(target)], standalone_mode=False)
    except SystemExit as stop:
        code = stop.code
    else:
        code = 0
    print(json.dumps({"wall_s": time.perf_counter() - start, "exit": code, "peak_rss_kb": peak_rss_kb()}))


def run(units: int, root: Path, jobs: int) -> dict[str, Any]:
    from generator import api

    if not (root / synth.MANIFEST).is_file():
        start = time.perf_counter()
        synth.write_units(root, units, seed=SEED, error_rate=0.2, jobs=jobs)
        print(f"wrote {units} units in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    start = time.perf_counter()
    frame = api.figures_frame(root)
    frame_s = time.perf_counter() - start
    report: dict[str, Any] = {
        "units": units,
        "unit_years_exported": int(frame.folder.nunique()),
        "unit_years_skipped": len(frame.attrs["unreadable"]),
        "rows": len(frame),
        "figures_frame_in_process_s": round(frame_s, 2),
        "frame_memory_mb": round(frame.memory_usage(deep=True).sum() / 1024 / 1024, 1),
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "formats": {},
    }
    with tempfile.TemporaryDirectory() as scratch:
        for suffix in SUFFIXES:
            target = Path(scratch) / f"figures{suffix}"
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(root), str(target)], capture_output=True, text=True, cwd=ROOT, check=False
            )
            stats = json.loads(child.stdout.strip().splitlines()[-1])
            report["formats"][suffix] = {
                "wall_s": round(stats["wall_s"], 2),
                "exit": stats["exit"],
                "peak_rss_mb": round(stats["peak_rss_kb"] / 1024, 1),
                "file_mb": round(target.stat().st_size / 1024 / 1024, 1),
                "rows_in_file": _rows(target),
            }
    report["rows_match"] = all(f["rows_in_file"] == len(frame) for f in report["formats"].values())
    report["units_accounted"] = report["unit_years_exported"] + report["unit_years_skipped"] == len(
        {e["folder"] for e in json.loads((root / synth.MANIFEST).read_text(encoding="utf-8"))["entries"]}
    )
    return report


def _rows(target: Path) -> int:
    import pandas as pd

    if target.suffix == ".csv":
        return len(pd.read_csv(target, dtype=str))
    if target.suffix == ".parquet":
        return len(pd.read_parquet(target))
    import openpyxl

    sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
    return sum(1 for _ in sheet.iter_rows(min_row=2, values_only=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--root", type=Path, default=None, help="where the synthetic units are (kept; reused when there)")
    parser.add_argument("--jobs", type=int, default=2, help="processes writing the synthetic units")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        export_child(*args.child)
        return
    root = args.root or Path(tempfile.mkdtemp(prefix="juesuan-export-bench-"))
    report = run(args.units, root, args.jobs)
    out = ROOT / "benchmarks" / "results" / f"export-{args.units}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
