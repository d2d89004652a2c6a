"""Benchmark: `juesuan export` over many synthetic unit-years (time, peak memory, rows).

    python benchmarks/bench_export.py --units 1000 [--root DIR] [--jobs 2]

Writes the units with the `synthetic` package (seed 2024, 20 % with injected errors, as
bench_batch.py does), then runs the export (`export_figures`, the command's one library call) in
a fresh process for each of .csv, .xlsx and .parquet, and reports wall time and the process's
peak memory (VmHWM). The row counts of the formats are compared with each other and with the
lines of the .csv; the unit-years exported plus those skipped (`export-unit-skipped`) with the
unit-years written.
Results go to benchmarks/results/export-<units>.json. Not a test: tests never assert timings.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
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
    """`juesuan export ROOT -o TARGET` as the command runs it (the same library call); prints one JSON line of stats."""
    from generator.export import export_figures

    start = time.perf_counter()
    result = export_figures(root, target)
    wall = time.perf_counter() - start
    from generator.batch.worker import peak_rss_kb

    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime  # with other processes on the machine, CPU time is the steadier figure
    stats = {"wall_s": wall, "cpu_s": cpu, "rows": result.rows, "units": result.units, "skipped": len(result.findings)}
    print(json.dumps({**stats, "peak_rss_kb": peak_rss_kb()}))


def run(units: int, root: Path, jobs: int, suffixes: tuple[str, ...]) -> dict[str, Any]:
    if not (root / synth.MANIFEST).is_file():
        start = time.perf_counter()
        synth.write_units(root, units, seed=SEED, error_rate=0.2, jobs=jobs)
        print(f"wrote {units} units in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    written = {e["folder"] for e in json.loads((root / synth.MANIFEST).read_text(encoding="utf-8"))["entries"]}
    report: dict[str, Any] = {
        "units": units,
        "unit_years_written": len(written),
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "formats": {},
    }
    with tempfile.TemporaryDirectory() as scratch:
        for suffix in suffixes:
            target = Path(scratch) / f"figures{suffix}"
            child = subprocess.run(
                [sys.executable, __file__, "--child", str(root), str(target)], capture_output=True, text=True, cwd=ROOT, check=True
            )
            stats = json.loads(child.stdout.strip().splitlines()[-1])
            entry = {
                "wall_s": round(stats["wall_s"], 1),
                "cpu_s": round(stats["cpu_s"], 1),
                "peak_rss_mb": round(stats["peak_rss_kb"] / 1024, 1),
                "file_mb": round(target.stat().st_size / 1024 / 1024, 1),
                "rows": stats["rows"],
                "unit_years_exported": stats["units"],
                "unit_years_skipped": stats["skipped"],
            }
            if suffix == ".csv":  # one line per row, after the header (no field holds a line break)
                entry["csv_lines_minus_header"] = sum(1 for _ in target.open(encoding="utf-8-sig")) - 1
            report["formats"][suffix] = entry
            print(json.dumps({suffix: entry}, ensure_ascii=False), file=sys.stderr)
    formats = report["formats"].values()
    report["rows_agree"] = len({f["rows"] for f in formats}) == 1 and all(f.get("csv_lines_minus_header", f["rows"]) == f["rows"] for f in formats)
    report["units_accounted"] = all(f["unit_years_exported"] + f["unit_years_skipped"] == len(written) for f in formats)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--root", type=Path, default=None, help="where the synthetic units are (kept; reused when there)")
    parser.add_argument("--jobs", type=int, default=2, help="processes writing the synthetic units")
    parser.add_argument("--formats", default=",".join(SUFFIXES), help="comma-separated suffixes to measure (default: all three)")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        export_child(*args.child)
        return
    root = args.root or Path(tempfile.mkdtemp(prefix="juesuan-export-bench-"))
    report = run(args.units, root, args.jobs, tuple(args.formats.split(",")))
    out = ROOT / "benchmarks" / "results" / f"export-{args.units}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
