"""Benchmark `juesuan verify`: detection of seeded edits made as people make them, and speed on a 40-page PDF.

    python benchmarks/bench_verify.py --cases 600            # edits of the four shipped documents
    python benchmarks/bench_verify.py --cases 600 --pdf 8    # and 8 edits converted to PDF (LibreOffice)
    python benchmarks/bench_verify.py --speed                # verify the sample's 42-page PDF, median of 5

The documents are generated from inputs/changji-ybj/2024 and inputs/shanghai-example/2024 in both
shipped templates. Each case is one edit (fuzzing/document_edits.py); it is *found at the right place*
when verify reports an error or a warning that the clean document does not have, located in the
edited paragraph's section or in the edited table. Prints the rate per kind and writes
benchmarks/results/verify-<seed>-<cases>.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fuzzing.document_edits import KINDS, edit, found_at, problems  # noqa: E402
from generator import api  # noqa: E402
from generator.verify import verify_document  # noqa: E402

UNITS = ("changji-ybj", "shanghai-example")
TEMPLATES = ("xinjiang-2024", "shanghai-2024")


def shipped(folder: Path, pdf: bool = False) -> list[Path]:
    documents = []
    for unit in UNITS:
        for template in TEMPLATES:
            target = folder / f"{unit}-{template}.docx"
            assert api.generate(ROOT / "inputs" / unit / "2024", target, template=template, pdf=pdf).ok
            documents.append(target)
    return documents


def run_case(document: Path, clean: set[tuple[str, str]], seed: int, index: int, scratch: Path, pdf: bool = False) -> dict | None:
    change = edit(document, seed, index)
    if change is None:
        return None
    target = scratch / f"case-{index}.docx"
    target.write_bytes(change.data)
    checked = target
    if pdf:
        from generator.render.pdf import convert_to_pdf

        convert_to_pdf(target, target.with_suffix(".pdf"))
        checked = target.with_suffix(".pdf")
    new = problems(checked) - clean
    return {
        "document": document.name, "index": index, "kind": change.kind, "where": change.where, "before": change.before[:80],
        "after": change.after[:80], "found": bool(new), "found_at": found_at(change, new),
        "reported": sorted(f"{c} {w} {cell}" for c, w, cell, _ in new)[:6],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--pdf", type=int, default=0, help="also this many edits converted to PDF")
    parser.add_argument("--speed", action="store_true", help="time verify on the sample's PDF instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        if args.speed:
            return speed(scratch)
        documents = shipped(scratch)
        clean = {d: problems(d) for d in documents}
        results = []
        for i in range(args.cases):
            document = documents[i % len(documents)]
            outcome = run_case(document, clean[document], args.seed, i, scratch)
            if outcome:
                results.append(outcome)
        pdf_results = []
        if args.pdf:
            pdf_documents = shipped(scratch / "pdf" if (scratch / "pdf").mkdir() is None else scratch, pdf=True)
            clean_pdf = {d: problems(d.with_suffix(".pdf")) for d in pdf_documents}
            for i in range(args.pdf):
                document = pdf_documents[i % len(pdf_documents)]
                outcome = run_case(document, clean_pdf[document], args.seed + 1, i, scratch, pdf=True)
                if outcome:
                    pdf_results.append(outcome)
    report(args, clean, results, pdf_results)


def report(args: argparse.Namespace, clean: dict, results: list[dict], pdf_results: list[dict]) -> None:
    by_kind: dict[str, Counter] = {k: Counter() for k in KINDS}
    for r in results:
        by_kind[r["kind"]]["cases"] += 1
        by_kind[r["kind"]]["found_at"] += r["found_at"]
        by_kind[r["kind"]]["found"] += r["found"]
    total = len(results)
    at = sum(r["found_at"] for r in results)
    print(f"{total} edits: found at the right place {at} ({at / total:.1%}), found anywhere {sum(r['found'] for r in results)}")
    for kind, c in by_kind.items():
        if c["cases"]:
            print(f"  {kind:16} {c['found_at']:4}/{c['cases']:<4} {c['found_at'] / c['cases']:.1%}")
    print("clean documents (errors and warnings):", {d.name: sorted(p) for d, p in clean.items()})
    if pdf_results:
        pat = sum(r["found_at"] for r in pdf_results)
        print(f"PDF: {len(pdf_results)} edits, found at the right place {pat}")
    missed = [r for r in results if not r["found_at"]]
    out = ROOT / "benchmarks" / "results" / f"verify-{args.seed}-{args.cases}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "machine": platform.platform(), "python": platform.python_version(), "cases": total, "found_at": at,
        "by_kind": {k: dict(c) for k, c in by_kind.items()}, "pdf": pdf_results, "missed": missed,
        "clean": {d.name: sorted(map(list, p)) for d, p in clean.items()},
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out}")


def speed(scratch: Path) -> None:
    target = scratch / "sample.docx"
    assert api.generate(ROOT / "inputs" / "changji-ybj" / "2024", target, pdf=True).ok
    pdf = target.with_suffix(".pdf")
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(pdf)))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        verify_document(pdf)
        times.append(time.perf_counter() - start)
    docx_times = []
    for _ in range(5):
        start = time.perf_counter()
        verify_document(target)
        docx_times.append(time.perf_counter() - start)
    import os
    import subprocess

    walls, cpus = [], []
    for _ in range(5):
        before = os.times()
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "verify", str(pdf)], cwd=ROOT, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(after.children_user + after.children_system - before.children_user - before.children_system)
    print(f"verify of the sample PDF ({pages} pages): median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}) in process")
    print(f"verify of the sample .docx: median {statistics.median(docx_times):.3f} s in process")
    print(f"`juesuan verify` of the PDF, whole command: wall median {statistics.median(walls):.2f} s (max {max(walls):.2f}), CPU median {statistics.median(cpus):.2f} s;"
          f" load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
