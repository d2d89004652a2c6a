"""Benchmark (not a test): CPU time of `api.check_folder` on the sample (load, compute, check).

    python benchmarks/bench_check.py [--repeat 20] [--folder inputs/changji-ybj/2024]

Prints the median, minimum and maximum CPU time (time.process_time) of REPEAT runs after one
warm-up run; CPU time rather than the wall clock, so that other processes on the machine weigh less.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator import api  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--folder", type=Path, default=ROOT / "inputs" / "changji-ybj" / "2024")
    args = parser.parse_args()
    api.check_folder(args.folder)  # warm-up: imports and caches
    times = []
    for _ in range(args.repeat):
        start = time.process_time()
        api.check_folder(args.folder)
        times.append(time.process_time() - start)
    ms = [t * 1000 for t in times]
    print(f"check_folder {args.folder.relative_to(ROOT) if args.folder.is_relative_to(ROOT) else args.folder}: "
          f"CPU median {statistics.median(ms):.1f} ms, min {min(ms):.1f}, max {max(ms):.1f} ({args.repeat} runs)")


if __name__ == "__main__":
    main()
