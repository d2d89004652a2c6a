"""Benchmark (not a test): check and generate per unit-year by size, and a batch of many units.

    python benchmarks/bench_batch.py [--units 1000] [--repeat 3] [--json benchmarks/results/batch.json]
                                     [--keep DIR] [--profile-top 0]

Measures, on this machine:
- per unit-year, the median of REPEAT runs of check (load+compute+check) and of generate
  (check+render+save), and the floor of docxtpl alone rendering the same template and
  context (as benchmarks/bench_generate.py does), for the sample and for synthetic units
  of 10, 50, 100, 250, 500 项 (1 project) and of 1, 10, 50, 100 projects (10 项);
- how the cost grows: a least-squares fit t ≈ a + b·size for each series, and the factor
  by which the size-dependent part (t − a) grows per doubling of size (2.0 is linear);
- the Python heap peak (tracemalloc) of generating the largest unit;
- a batch of UNITS synthetic units (the `synthetic` package, 20% with injected errors)
  through `run_batch` with one worker per core: wall time, per-unit time, throughput,
  the peak memory of the parent and of the workers (ru_maxrss), and whether every injected
  error was reported and no unit lost;
- with --profile-top N, a cProfile of generating the largest unit (top N functions).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_generate import floor_of  # noqa: E402  (the script folder is on sys.path)

import synthetic  # noqa: E402
from generator import api  # noqa: E402
from generator.api import run_batch  # noqa: E402
from generator.api import write_batch_reports as write_reports  # noqa: E402
from generator.batch import find_units  # noqa: E402
from generator.batch.report import REPORT_JSON  # noqa: E402
from generator.batch.worker import peak_rss_kb  # noqa: E402

SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"
ITEM_SIZES = (10, 50, 100, 250, 500)
PROJECT_SIZES = (1, 10, 50, 100)
SEED = 2024


def timed(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure_unit(folder: Path, repeat: int, scratch: Path) -> dict[str, float]:
    out = scratch / "bench.docx"
    api.generate(folder, output=out)  # warm caches (code lists, profiles, template)
    check = timed(lambda: api.check_folder(folder), repeat)
    generate = timed(lambda: api.generate(folder, output=out), repeat)
    floor = timed(floor_of(folder), repeat)
    return {
        "check_s": round(check, 4),
        "generate_s": round(generate, 4),
        "docxtpl_floor_s": round(floor, 4),
        "generate_over_floor": round(generate / floor, 2),
    }


def fit(sizes: list[int], times: list[float]) -> dict[str, Any]:
    """Least squares t = a + b·size; the time ratio per doubling of size between successive sizes
    (2.0 or less is linear with a fixed part; 4.0 would be quadratic); and the marginal cost per
    unit of size on each interval (constant when linear, growing with size when quadratic)."""
    n = len(sizes)
    mx, my = sum(sizes) / n, sum(times) / n
    sxx = sum((x - mx) ** 2 for x in sizes)
    b = sum((x - mx) * (y - my) for x, y in zip(sizes, times, strict=True)) / sxx
    a = my - b * mx
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(sizes, times, strict=True))
    ss_tot = sum((y - my) ** 2 for y in times) or 1e-12
    pairs = list(zip(zip(sizes, times, strict=True), zip(sizes[1:], times[1:], strict=True), strict=False))
    return {
        "a_s": round(a, 5),
        "b_s_per_unit": round(b, 6),
        "r2": round(1 - ss_res / ss_tot, 4),
        "ratio_per_doubling": [round((y2 / y1) ** (1 / math.log2(x2 / x1)), 2) for (x1, y1), (x2, y2) in pairs],
        "marginal_ms_per_unit": [round((y2 - y1) / (x2 - x1) * 1000, 3) for (x1, y1), (x2, y2) in pairs],
    }


def sized_units(scratch: Path) -> dict[str, Path]:
    units = {}
    for items in ITEM_SIZES:
        entry = synthetic.write_unit(scratch / "items", items, SEED, size=synthetic.Size(items, 1), declared_unit="万元")
        units[f"{items} 项, 1 project"] = scratch / "items" / entry["folder"]
    for projects in PROJECT_SIZES:
        entry = synthetic.write_unit(scratch / "projects", projects, SEED, size=synthetic.Size(10, projects), declared_unit="万元")
        units[f"10 项, {projects} projects"] = scratch / "projects" / entry["folder"]
    return units


def check_manifest(root: Path, manifest: dict[str, Any], results: list[dict[str, Any]]) -> dict[str, Any]:
    """Every injected error reported (code, file, sheet) and every unit-year in the results (batch-report.json)."""
    by = {r["folder"]: r for r in results}
    expected = {folder for e in manifest["entries"] for folder in e["folders"]}
    missed = []
    injected = 0
    for entry in manifest["entries"]:
        unit = by.get(entry["folder"])
        reported = (
            {(f["code"], Path(f["location"].get("file", "")).name, f["location"].get("sheet")) for f in unit["report"]["findings"]}
            if unit
            else set()
        )
        for inj in entry["injected"]:
            injected += 1
            if not any(
                c == inj["code"] and fl == inj["file"] and (inj["sheet"] is None or s == inj["sheet"]) for c, fl, s in reported
            ):
                missed.append({"folder": entry["folder"], **inj})
    return {
        "unit_years_expected": len(expected),
        "unit_years_found": len(find_units(root)),
        "unit_years_in_result": len(by),
        "lost": sorted(expected - set(by)),
        "injected_errors": injected,
        "injected_not_reported": missed,
        "clean_units_with_errors": [e["folder"] for e in manifest["entries"] if not e["injected"] and by[e["folder"]]["report"]["errors"]],
        "crashed": [r["folder"] for r in results if r["crashed"]],
    }


def run_big_batch(units: int, scratch: Path, jobs: int) -> dict[str, Any]:
    """Write UNITS synthetic units, then run the batch (and a rerun) in a fresh process, so that its
    peak memory is the batch's own, not this benchmark's."""
    root, out = scratch / "batch-inputs", scratch / "batch-outputs"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    manifest = synthetic.write_units(root, units, seed=SEED, error_rate=0.2, jobs=jobs)
    written = time.perf_counter() - start
    child = subprocess.run(
        [sys.executable, __file__, "--batch-child", str(root), str(out), "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    stats = json.loads(child.stdout.strip().splitlines()[-1])
    report = json.loads((out / REPORT_JSON).read_text(encoding="utf-8"))
    results = report["results"]
    sizes = [(e["items"], e["projects"]) for e in manifest["entries"]]
    n = len(results)
    return {
        "units": units,
        "unit_years": n,
        "jobs": jobs,
        "synth_seconds": round(written, 1),
        "wall_s": round(stats["wall_s"], 2),
        "wall_per_unit_s": round(stats["wall_s"] / n, 4),
        "worker_seconds_per_unit_mean": round(sum(r["seconds"] for r in results) / n, 4),
        "worker_seconds_per_unit_median": round(statistics.median(r["seconds"] for r in results), 4),
        "worker_seconds_per_unit_max": round(max(r["seconds"] for r in results), 3),
        "throughput_units_per_s": round(n / stats["wall_s"], 2),
        "units_with_errors": report["units_with_errors"],
        "generated": report["generated"],
        "rerun_all_unchanged_wall_s": round(stats["rerun_wall_s"], 2),
        "rerun_skipped": stats["rerun_skipped"],
        "items_median_max": [statistics.median(s[0] for s in sizes), max(s[0] for s in sizes)],
        "projects_median_max": [statistics.median(s[1] for s in sizes), max(s[1] for s in sizes)],
        "parent_peak_rss_mb": round(stats["self_maxrss_kb"] / 1024, 1),
        "children_peak_rss_mb": round(stats["children_maxrss_kb"] / 1024, 1),
        "worker_peak_rss_mb_max": round(stats["worker_maxrss_kb"] / 1024, 1),
        "output_mb": round(sum(p.stat().st_size for p in out.iterdir()) / 1024 / 1024, 1),
        "verification": check_manifest(root, manifest, results),
    }


def batch_child(root: Path, out: Path, jobs: int) -> None:
    """The batch as `juesuan batch` runs it (library calls), then a rerun; prints one JSON line of stats."""
    start = time.perf_counter()
    result = run_batch(root, out, jobs=jobs)
    wall = time.perf_counter() - start
    write_reports(result, out)
    start = time.perf_counter()
    rerun = run_batch(root, out, jobs=jobs)
    rerun_wall = time.perf_counter() - start
    stats = {
        "wall_s": wall,
        "rerun_wall_s": rerun_wall,
        "rerun_skipped": len(rerun.skipped),
        "self_maxrss_kb": peak_rss_kb(),  # VmHWM: ru_maxrss would carry this benchmark's peak across exec
        "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "worker_maxrss_kb": max((u.peak_rss_kb or 0) for u in result.units),
    }
    print(json.dumps(stats))


def heap_peak(folder: Path, scratch: Path) -> float:
    tracemalloc.start()
    api.generate(folder, output=scratch / "heap.docx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 1024 / 1024, 1)


def profile(folder: Path, scratch: Path, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    api.generate(folder, output=scratch / "profile.docx")
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    return text.getvalue()


def machine() -> dict[str, Any]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "python": platform.python_version(), "platform": platform.platform()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1000, help="units in the batch (0: no batch)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "batch.json")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--profile-top", type=int, default=0, help="print a cProfile of generating the largest unit")
    parser.add_argument("--batch-child", nargs=2, type=Path, metavar=("ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.batch_child:
        batch_child(*args.batch_child, args.jobs)
        return
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "repeat": args.repeat}
    try:
        per_unit = {"sample (changji-ybj 2024)": measure_unit(SAMPLE, args.repeat, scratch)}
        units = sized_units(scratch)
        for label, folder in units.items():
            per_unit[label] = measure_unit(folder, args.repeat, scratch)
        report["per_unit"] = per_unit
        growth = {}
        for series, sizes, label in (
            ("items", ITEM_SIZES, "{} 项, 1 project"),
            ("projects", PROJECT_SIZES, "10 项, {} projects"),
        ):
            for what in ("check_s", "generate_s", "docxtpl_floor_s"):
                growth[f"{series}: {what}"] = fit(list(sizes), [per_unit[label.format(s)][what] for s in sizes])
        report["growth"] = growth
        largest = units[f"{ITEM_SIZES[-1]} 项, 1 project"]
        report["heap_peak_mb_generate_500_items"] = heap_peak(largest, scratch)
        report["heap_peak_mb_generate_100_projects"] = heap_peak(units[f"10 项, {PROJECT_SIZES[-1]} projects"], scratch)
        if args.units:
            report["batch"] = run_big_batch(args.units, scratch, args.jobs)
        print_report(report)
        if args.profile_top:
            print(profile(largest, scratch, args.profile_top))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"\nwritten: {args.json}")
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


def print_report(report: dict[str, Any]) -> None:
    m = report["machine"]
    print(f"machine: {m['cpus']} CPUs, {m['cpu_model']}; Python {m['python']}; median of {report['repeat']}")
    print(f"\n{'unit-year':<28}{'check':>10}{'generate':>11}{'docxtpl floor':>15}{'gen/floor':>11}")
    for label, r in report["per_unit"].items():
        print(
            f"{label:<28}{r['check_s'] * 1000:>8.0f}ms{r['generate_s'] * 1000:>9.0f}ms{r['docxtpl_floor_s'] * 1000:>13.0f}ms{r['generate_over_floor']:>10.2f}×"
        )
    print(
        f"\n{'growth (t ≈ a + b·size)':<34}{'a':>9}{'b per unit':>13}{'r²':>8}  ratio per doubling; marginal ms per unit, by interval"
    )
    for label, g in report["growth"].items():
        print(
            f"{label:<34}{g['a_s'] * 1000:>7.1f}ms{g['b_s_per_unit'] * 1000:>11.3f}ms{g['r2']:>8.3f}  {g['ratio_per_doubling']}; {g['marginal_ms_per_unit']}"
        )
    print(
        f"\nPython heap peak, generate: 500 项 {report['heap_peak_mb_generate_500_items']} MB; 100 projects {report['heap_peak_mb_generate_100_projects']} MB"
    )
    b = report.get("batch")
    if b:
        v = b["verification"]
        print(
            f"\nbatch: {b['unit_years']} unit-years ({b['units_with_errors']} with errors, {b['generated']} generated), {b['jobs']} jobs\n"
            f"  wall {b['wall_s']} s = {b['wall_per_unit_s'] * 1000:.0f} ms per unit ({b['throughput_units_per_s']} units/s); "
            f"worker time per unit mean {b['worker_seconds_per_unit_mean'] * 1000:.0f} ms, median {b['worker_seconds_per_unit_median'] * 1000:.0f} ms, max {b['worker_seconds_per_unit_max']} s\n"
            f"  rerun with nothing changed: {b['rerun_all_unchanged_wall_s']} s ({b['rerun_skipped']} skipped)\n"
            f"  peak RSS: batch parent {b['parent_peak_rss_mb']} MB, largest worker {b['worker_peak_rss_mb_max']} MB (any child {b['children_peak_rss_mb']} MB)\n"
            f"  sizes: 项 median/max {b['items_median_max']}, projects median/max {b['projects_median_max']}; outputs {b['output_mb']} MB; synth {b['synth_seconds']} s\n"
            f"  verification: {v['unit_years_in_result']}/{v['unit_years_expected']} unit-years in the result, lost {len(v['lost'])}, "
            f"{v['injected_errors'] - len(v['injected_not_reported'])}/{v['injected_errors']} injected errors reported, "
            f"clean units with errors {len(v['clean_units_with_errors'])}, crashed {len(v['crashed'])}"
        )


if __name__ == "__main__":
    main()
