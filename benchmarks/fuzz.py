"""The fuzz campaign: thousands of seeded corruptions of the sample, each through one command in its own capped child.

    python benchmarks/fuzz.py --variants 3000            # 2 workers, 2 GiB, 120 s per variant
    python benchmarks/fuzz.py --variants 200 --seed 7 --workers 1 --keep
    python benchmarks/fuzz.py --variants 300 --commands diff,batch,web-unit

Each variant (fuzzing/variants.py) changes the sample folder inputs/changji-ybj/2024 (and its 2023)
and runs one command on it (fuzzing/commands.py: check, generate, diff, batch and export over a
root mixing it with a good unit, init --from, the workbench's upload, unit page and comparison
through Flask's test client) in a forked child under an address-space cap (resource.setrlimit
RLIMIT_AS) and a wall-clock timeout. Prints the outcome counts (ok, traceback, internal-error,
abort, timeout, output-despite-errors, input-modified, silent-loss, half-written, temp-left) in
all and per command, writes them with every bad variant to
benchmarks/results/fuzz-<seed>-<variants>.json, and exits 1 when any variant went bad. Rebuild
one variant by hand with fuzzing.variants.variant(seed, index).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fuzzing.commands import COMMANDS  # noqa: E402
from fuzzing.run import BAD, run_isolated, summary  # noqa: E402
from fuzzing.variants import variant  # noqa: E402


def _preload() -> None:
    """Import what a run imports, once, so that each forked child starts warm."""
    from click.testing import CliRunner  # noqa: F401

    import generator.api  # noqa: F401
    import generator.cli  # noqa: F401
    import generator.render.document  # noqa: F401
    import generator.self_evaluation  # noqa: F401
    import generator.web.app  # noqa: F401


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-gib", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=120.0)  # above load.package.BUDGET_SECONDS: a slow workbook must be refused, not killed; the workbench reads a unit up to four times
    parser.add_argument("--keep", action="store_true", help="keep every variant's folder (default: only bad ones)")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated: " + ",".join(COMMANDS))
    args = parser.parse_args()
    chosen = tuple(c for c in args.commands.split(",") if c)
    unknown = set(chosen) - set(COMMANDS)
    if unknown:
        parser.error(f"unknown commands: {', '.join(sorted(unknown))}")

    _preload()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="juesuan-fuzz-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    outcomes = []
    for done, outcome in enumerate(
        run_isolated(range(args.variants), args.seed, workdir, workers=args.workers,
                     memory=int(args.memory_gib * (1 << 30)), timeout=args.timeout,
                     make=lambda index: variant(args.seed, index, chosen)),
        start=1,
    ):
        outcomes.append(outcome)
        if outcome.status != "ok":
            print(f"  {outcome.name}: {outcome.status} [{outcome.command}] {outcome.detail[:120]} {outcome.note[-300:]!r}", flush=True)
        elif not args.keep:
            shutil.rmtree(workdir / outcome.name, ignore_errors=True)
        if done % 50 == 0:
            print(f"{done}/{args.variants} in {time.monotonic() - started:.0f} s", flush=True)
    report = summary(outcomes)
    report.update(
        commands=list(chosen), seed=args.seed, workers=args.workers, memory_gib=args.memory_gib, timeout_seconds=args.timeout,
        wall_seconds=round(time.monotonic() - started, 1), python=platform.python_version(), machine=platform.machine(),
        workdir=str(workdir),
    )
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"fuzz-{args.seed}-{args.variants}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    counts = report["counts"]
    print(f"{report['variants']} variants in {report['wall_seconds']} s ({args.workers} workers, "
          f"{args.memory_gib:g} GiB, {args.timeout:g} s each): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("by kind: " + ", ".join(f"{k} {v}" for k, v in report["by_kind"].items()))
    for command, counts_of in report["by_command"].items():
        print(f"  {command}: " + ", ".join(f"{k} {v}" for k, v in counts_of.items()))
    print("exit codes: " + ", ".join(f"{k}: {v}" for k, v in report["exit_codes"].items()))
    return 1 if any(counts[k] for k in BAD) else 0


if __name__ == "__main__":
    sys.exit(main())
