"""Benchmark (not a test): how long `juesuan` takes as a whole command, start-up included.

    python benchmarks/bench_cli.py [--repeat 21] [--json benchmarks/results/cli.json]

Runs each command REPEAT times as a subprocess (the installed `juesuan` script beside this
Python, as a user runs it) and reports the median, the fastest and the slowest, with the bare
interpreter (`python -c pass`) and `import click` for reference. Targets (issue 12): `--help`
and usage errors under 0.15 s, `check` on the sample under 0.4 s.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "inputs/changji-ybj/2024"
JUESUAN = str(Path(sys.executable).with_name("juesuan"))

COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("python -c pass", [sys.executable, "-c", "pass"], None),
    ("python -c 'import click'", [sys.executable, "-c", "import click"], None),
    ("juesuan --help", [JUESUAN, "--help"], 0.15),
    ("juesuan check --help", [JUESUAN, "check", "--help"], 0.15),
    ("juesuan check (missing argument)", [JUESUAN, "check"], 0.15),
    ("juesuan chek (no such command)", [JUESUAN, "chek"], 0.15),
    (f"juesuan check {SAMPLE}", [JUESUAN, "check", SAMPLE], 0.4),
    (f"juesuan check {SAMPLE} --format json", [JUESUAN, "check", SAMPLE, "--format", "json"], 0.4),
]


# As installed for a user: modules compiled once to __pycache__ (this machine's sessions set
# PYTHONDONTWRITEBYTECODE, which would make every run compile every module of the package again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(argv: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each run; CPU time moves less when other processes load the machine."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows = []
    print(f"{'command':<58} {'median':>8} {'min':>8} {'max':>8} {'cpu':>8}  target (median wall)")
    for label, argv, target in COMMANDS:
        run(argv, 1)  # warm the file cache and write the bytecode
        times, cpus = run(argv, args.repeat)
        median, cpu = statistics.median(times), statistics.median(cpus)
        rows.append({"command": label, "median": median, "min": min(times), "max": max(times), "cpu": cpu, "target": target})
        verdict = "" if target is None else f"< {target:.2f} s {'ok' if median < target else 'MISSED'}"
        print(f"{label:<58} {median:8.3f} {min(times):8.3f} {max(times):8.3f} {cpu:8.3f}  {verdict}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(f"load average (1 min) at the end: {load}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        meta = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(), "load": load}
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
