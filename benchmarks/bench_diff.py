"""Benchmark (not a test): `juesuan diff` on the sample (2023 → 2024), as a user runs it and by stage.

    python benchmarks/bench_diff.py [--repeat 7] [--json benchmarks/results/diff.json]

Reports the median of REPEAT runs, wall clock and CPU time (of the child for a command), of
(on a busy shared machine the CPU time is the steadier figure):
- the `juesuan diff` command with start-up, with and without the redline;
- in process: compare_folders (load+compute+check both years and pair the figures), rendering
  both disclosures, and redline_documents alone;
- the same for a synthetic unit with its prior year (--items 项, --projects projects), where
  every figure and every reason differs between the two years.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import api  # noqa: E402
from generator.api import compare_folders  # noqa: E402
from generator.diff import redline_documents  # noqa: E402
from synthetic.draw import Size  # noqa: E402
from synthetic.write import write_unit  # noqa: E402

SAMPLE = ROOT / "inputs" / "changji-ybj"
OLD, NEW = SAMPLE / "2023", SAMPLE / "2024"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of calling FN in this process."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def command_times(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and median CPU (user+sys of the child) seconds of running ARGS."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def stages(label: str, old: Path, new: Path, repeat: int) -> dict[str, tuple[float, float]]:
    comparison = compare_folders(old, new)
    both = (comparison.old, comparison.new)
    results = {
        f"{label}: compare_folders (both years checked, figures paired)": timed(lambda: compare_folders(old, new), repeat),
        f"{label}: render both disclosures": timed(lambda: [api.render_checked(c) for c in both], repeat),
    }
    old_docx, new_docx = (api.render_checked(c)[0] for c in both)
    assert old_docx is not None and new_docx is not None
    results[f"{label}: redline_documents alone"] = timed(lambda: redline_documents(old_docx, new_docx), repeat)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--projects", type=int, default=10)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp())
    juesuan = Path(sys.executable).with_name("juesuan")
    command = [str(juesuan)] if juesuan.exists() else [sys.executable, "-m", "generator"]

    results: dict[str, tuple[float, float]] = {}
    for label, extra in (("`juesuan diff`", []), ("`juesuan diff --no-redline`", ["--no-redline"])):
        results[f"sample: {label} command"] = command_times(
            [*command, "diff", str(OLD), str(NEW), "-o", str(out), *extra], args.repeat
        )

    results.update(stages("sample", OLD, NEW, args.repeat))
    synthetic = Path(tempfile.mkdtemp())
    entry = write_unit(synthetic, 1, seed=3, prior=True, size=Size(args.items, args.projects))
    old_folder, new_folder = (synthetic / f for f in sorted(entry["folders"]))
    label = f"synthetic {args.items} 项 {args.projects} projects"
    results[f"{label}: `juesuan diff` command"] = command_times(
        [*command, "diff", str(old_folder), str(new_folder), "-o", str(out)], args.repeat
    )
    results.update(stages(label, old_folder, new_folder, args.repeat))

    width = max(len(k) for k in results)
    print(f"{'':<{width}}  {'wall':>8}     {'CPU':>8}")
    for label, (wall, cpu) in results.items():
        print(f"{label:<{width}}  {wall * 1000:8.0f} ms  {cpu * 1000:8.0f} ms")
    load = os.getloadavg()[0]
    print(f"(median of {args.repeat}; load average {load:.1f} on {os.cpu_count()} cores)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "seconds": {label: {"wall": wall, "cpu": cpu} for label, (wall, cpu) in results.items()},
            "repeat": args.repeat,
            "load_average": load,
            "cores": os.cpu_count(),
            "python": platform.python_version(),
        }
        args.json.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
