"""Benchmark (not a test): time to check and generate the sample, against the floor of docxtpl alone.

    python benchmarks/bench_generate.py [--repeat 7] [--json benchmarks/results/generate.json]

Reports the median of REPEAT runs of: load+compute+check; the whole in-process
generate (check, render, save); docxtpl's own render+save of the same template
and context (the floor); and the
`juesuan generate` command as a user runs it (start-up included).
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402

from generator import api  # noqa: E402
from generator.render.document import (  # noqa: E402
    DEFAULT_TEMPLATE,
    PAGE_BREAK,
    disclosure_context,  # noqa: E402
)

SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_of(folder: Path) -> Callable[[], None]:
    """docxtpl alone rendering and saving the default template with FOLDER's context, built once beforehand."""
    checked = api.check_folder(folder)
    assert checked.figures is not None, [str(f) for f in checked.findings]
    context = disclosure_context(checked.figures, scored=checked.performance)
    context["page_break"] = PAGE_BREAK

    def render() -> None:
        # docxtpl as its users call it: a plain autoescaping environment, the template compiled on each render
        tpl = DocxTemplate(DEFAULT_TEMPLATE)
        tpl.render(context, autoescape=True)
        tpl.save(io.BytesIO())

    return render


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp()) / "bench.docx"

    docxtpl_floor = floor_of(SAMPLE)

    results = {
        "check (load+compute+check)": timed(lambda: api.check_folder(SAMPLE), args.repeat),
        "generate in-process (check+render+save)": timed(lambda: api.generate(SAMPLE, output=out), args.repeat),
        "docxtpl floor (render+save, same template and context)": timed(docxtpl_floor, args.repeat),
    }
    command = [sys.executable, "-m", "generator", "generate", str(SAMPLE), "-o", str(out)]
    results["`juesuan generate` command (start-up included)"] = timed(
        lambda: subprocess.run(command, check=False, capture_output=True, cwd=ROOT), max(3, args.repeat // 2)
    )
    floor = results["docxtpl floor (render+save, same template and context)"]
    whole = results["generate in-process (check+render+save)"]
    width = max(len(k) for k in results)
    print(f"machine: {platform.machine()}, {platform.processor() or '?'}; Python {platform.python_version()}; median of {args.repeat}")
    for name, seconds in results.items():
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")
    print(f"{'generate / docxtpl floor':<{width}}  {whole / floor:8.2f} ×")
    print(f"{'docxtpl share of generate':<{width}}  {floor / whole * 100:8.1f} %")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({k: round(v, 4) for k, v in results.items()}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
