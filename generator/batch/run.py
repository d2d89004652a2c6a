"""Checking and generating every unit under a root, in parallel, resumably."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.batch.fingerprint import file_sha256, input_key, juesuan_version, records_digest, run_fingerprint
from generator.batch.state import Entry, Journal, load_state
from generator.batch.worker import Job, Task, crash_report, entry_for, process_unit
from generator.findings import Finding, Severity
from generator.load.discover import find_units, output_names, relative_name
from generator.render.shipped import SHIPPED, default_template, shipped_template
from generator.report import Report

DEFAULT_OUTDIR = Path("outputs") / "batch"
BATCH_SCHEMA = "juesuan-batch/1"  # batch-report.json: each unit's juesuan-report/1 inside (docs/report-schema.md)


@dataclass(frozen=True)
class UnitResult:
    """One unit-year of a batch: its report (the findings, what was read and checked) and output."""

    folder: Path
    relative: str  # the folder relative to the batch root
    unit_name: str | None  # None when the workbook could not be read
    year: int | None
    report: Report  # as `juesuan generate --format json` gives it for this folder
    output: Path | None  # None when not generated (errors in the data, or a crash)
    skipped: bool  # unchanged since the last run: the output and findings are the last run's
    seconds: float  # this run's processing time (the last run's when skipped)
    crashed: bool = False
    peak_rss_kb: int | None = None  # the worker's peak resident memory when it finished this unit

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings

    @property
    def errors(self) -> int:
        return self.report.counts[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.report.counts[Severity.WARNING]

    @property
    def infos(self) -> int:
        return self.report.counts[Severity.INFO]

    @property
    def ok(self) -> bool:
        return self.errors == 0

    @classmethod
    def from_entry(cls, entry: Entry, skipped: bool) -> UnitResult:
        return cls(
            folder=Path(entry["folder"]),
            relative=entry["relative"],
            unit_name=entry.get("unit"),
            year=entry.get("year"),
            report=Report.from_json(entry["report"]),
            output=Path(entry["output"]) if entry.get("output") else None,
            skipped=skipped,
            seconds=entry.get("seconds", 0.0),
            crashed=entry.get("crashed", False),
            peak_rss_kb=entry.get("peak_rss_kb"),
        )

    def as_json(self) -> dict[str, Any]:
        """One entry of the batch report's `results` (docs/report-schema.md): the unit's own report inside."""
        return {
            "folder": self.relative,
            "unit": self.unit_name,
            "year": self.year,
            "output": str(self.output) if self.output else None,
            "skipped": self.skipped,
            "crashed": self.crashed,
            "seconds": self.seconds,
            "report": self.report.as_json(),
        }


@dataclass(frozen=True)
class BatchResult:
    root: Path
    outdir: Path
    units: tuple[UnitResult, ...]  # sorted by folder
    seconds: float
    jobs: int

    @property
    def failed(self) -> tuple[UnitResult, ...]:
        """Units with at least one error (not generated)."""
        return tuple(u for u in self.units if not u.ok)

    @property
    def has_errors(self) -> bool:
        return bool(self.failed)

    @property
    def generated(self) -> tuple[UnitResult, ...]:
        return tuple(u for u in self.units if u.output is not None and not u.skipped)

    @property
    def skipped(self) -> tuple[UnitResult, ...]:
        return tuple(u for u in self.units if u.skipped)

    def as_json(self) -> dict[str, Any]:
        """The batch report (schema juesuan-batch/1, docs/report-schema.md)."""
        return {
            "schema": BATCH_SCHEMA,
            "juesuan": juesuan_version(),
            "root": str(self.root),
            "outdir": str(self.outdir),
            "jobs": self.jobs,
            "seconds": round(self.seconds, 3),
            "units": len(self.units),
            "units_with_errors": len(self.failed),
            "generated": len(self.generated),
            "skipped_unchanged": len(self.skipped),
            "errors": sum(u.errors for u in self.units),
            "warnings": sum(u.warnings for u in self.units),
            "infos": sum(u.infos for u in self.units),
            "results": [u.as_json() for u in self.units],
        }


Progress = Callable[[int, int, UnitResult], None]


def run_batch(
    root: Path,
    outdir: Path,
    job: Job,
    jobs: int | None = None,
    force_all: bool = False,
    progress: Progress | None = None,
    template: Path | str | None = None,
    profile: str | None = None,
    level: str | None = None,
) -> BatchResult:
    """Check and generate every unit-year folder under ROOT into OUTDIR, each with JOB (api.run_batch hands in api's).

    Units run in JOBS worker processes (default: os.cpu_count(); 1 runs them in this
    process). A unit whose inputs, prior year, template and code are unchanged since the
    last run, and whose output is still there, is skipped unless FORCE_ALL. A unit with
    errors in its data is not generated; a unit that crashes gets a `crashed` finding;
    neither stops the others. PROGRESS(done, total, unit) is called as each unit finishes.
    The state is kept in OUTDIR so that an interrupted run resumes where it stopped.
    LEVEL (部门 or 单位) words every unit's document at that level; None: each template's own.
    """
    start = time.perf_counter()
    jobs = max(1, jobs or os.cpu_count() or 1)
    # One template for every unit when given (a shipped name or a path); otherwise each unit's 封面 decides.
    chosen = (shipped_template(str(template)) if str(template) in SHIPPED else Path(template)).resolve() if template else None
    folders = find_units(root)
    names = output_names(root, folders)
    run = run_fingerprint(chosen or default_template(), profile, level)
    outdir_abs = outdir.resolve()
    previous = load_state(outdir)
    journal = Journal(outdir, _pruned(previous, root, folders))
    results: list[UnitResult] = []
    total = len(folders)

    def finish(entry: Entry, skipped: bool = False) -> None:
        if not skipped:
            _drop_stale_output(previous.get(entry["folder"]), entry)
            journal.record(entry)
        result = UnitResult.from_entry(entry, skipped)
        results.append(result)
        if progress is not None:
            progress(len(results), total, result)

    tasks = []
    for folder in folders:
        absolute = folder.resolve()
        task = Task(absolute, relative_name(root, folder), outdir_abs / names[folder], chosen, profile, run, level)
        entry = previous.get(str(absolute))
        if not force_all and entry is not None and _fresh(entry, task):
            finish({**entry, "relative": task.relative}, skipped=True)
        else:
            tasks.append(task)
    tasks.sort(key=_input_size, reverse=True)  # largest first: the slowest units do not finish last
    complete = False
    try:
        if jobs == 1:
            for task in tasks:
                finish(process_unit(task, job))
        else:
            _run_in_pool(tasks, job, jobs, finish)
        complete = True
    finally:
        journal.close(complete)
    results.sort(key=lambda r: r.relative)
    return BatchResult(root, outdir, tuple(results), time.perf_counter() - start, jobs)


def _fresh(entry: Entry, task: Task) -> bool:
    """The last run's result still holds: same inputs and run, and its output (if any) untouched."""
    if entry.get("crashed") or entry.get("key") != input_key(task.folder, entry.get("year"), task.run):
        return False
    if entry.get("records") != records_digest(task.folder):
        return False  # a warning explained or withdrawn since: the report's counts change (the document would not)
    output = entry.get("output")
    if output is None:
        return entry["errors"] > 0  # not generated because of errors, which still stand
    path = Path(output)
    return path == task.output and path.is_file() and file_sha256(path) == entry.get("output_hash")


def _drop_stale_output(before: Entry | None, now: Entry) -> None:
    """A unit that now has errors keeps no document from an earlier run: it would look current.

    Only a file this batch wrote and nobody changed since (same hash) is removed.
    """
    if now["output"] is not None or before is None or not before.get("output"):
        return
    path = Path(before["output"])
    if path.is_file() and file_sha256(path) == before.get("output_hash"):
        path.unlink()


def _pruned(entries: dict[str, Entry], root: Path, folders: Iterable[Path]) -> dict[str, Entry]:
    """The state without units that were under ROOT and are gone."""
    here = {str(f.resolve()) for f in folders}
    base = root.resolve()
    return {k: v for k, v in entries.items() if k in here or not Path(k).is_relative_to(base)}


def _input_size(task: Task) -> int:
    return sum(p.stat().st_size for p in task.folder.iterdir() if p.is_file())


def _run_in_pool(tasks: list[Task], job: Job, jobs: int, finish: Callable[[Entry], None]) -> None:
    """Run TASKS in a pool of JOBS processes, a few at a time.

    Keeping at most 2 × JOBS units in flight means a worker that dies (a segfault, the
    out-of-memory killer) breaks only those; they are then rerun one by one in a
    process of their own, and the one that dies again is reported as crashed.
    """
    pending = deque(tasks)
    suspects: list[Task] = []
    window = 2 * jobs
    pool = ProcessPoolExecutor(max_workers=jobs)
    inflight: dict[Future[Entry], Task] = {}
    try:
        while pending or inflight:
            while pending and len(inflight) < window:
                task = pending.popleft()
                inflight[pool.submit(process_unit, task, job)] = task
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = _collect(done, inflight, finish, suspects)
            if broken:
                rest, _ = wait(inflight)
                _collect(rest, inflight, finish, suspects)
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=jobs)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    for task in suspects:
        finish(_alone(task, job))


def _collect(
    done: Iterable[Future[Entry]], inflight: dict[Future[Entry], Task], finish: Callable[[Entry], None], suspects: list[Task]
) -> bool:
    broken = False
    for future in done:
        task = inflight.pop(future)
        try:
            finish(future.result())
        except BrokenProcessPool:
            suspects.append(task)
            broken = True
        except Exception as exc:  # the task could not even be sent or returned
            finish(_crash_entry(task, exc))
    return broken


def _alone(task: Task, job: Job) -> Entry:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(process_unit, task, job).result()
        except BrokenProcessPool:
            return _crash_entry(task, "处理该单位的进程意外终止（可能内存不足或程序崩溃）")
        except Exception as exc:
            return _crash_entry(task, exc)


def _crash_entry(task: Task, exc: BaseException | str) -> Entry:
    return entry_for(task, crash_report(task, exc), unit_name=None, year=None, output=None, crashed=True, seconds=0.0, key=None)
