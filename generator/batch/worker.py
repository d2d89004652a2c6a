"""One unit, as a worker process runs it: the library's job (api.generate, handed in), hashes; never raises."""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.acknowledged import Acknowledged
from generator.batch.fingerprint import file_sha256, folder_digest, input_key, juesuan_version, records_digest
from generator.checked import Generated
from generator.findings import Finding, Location, Severity, emit
from generator.report import Report

try:
    import resource  # POSIX only: on Windows the peak memory is not reported
except ImportError:  # pragma: no cover
    resource = None  # type: ignore[assignment]

Entry = dict[str, Any]
# What a batch runs per unit: api.generate's call (folder, output=, template=, profile=, level=). A module-level function,
# so that it can be sent to the worker processes; api.run_batch hands in api.generate_unit.
Job = Callable[..., Generated]


@dataclass(frozen=True)
class Task:
    """What a worker needs to process one unit (picklable)."""

    folder: Path
    relative: str
    output: Path
    template: Path | None  # None: the unit's 封面 (公开模板) decides
    profile: str | None
    run: str  # the run fingerprint (version, code, template, profile, level)
    level: str | None = None  # --level: 部门 or 单位; None: the template's


def process_unit(task: Task, job: Job) -> Entry:
    """Check and generate TASK's unit with JOB; a crash becomes the unit's `crashed` finding.

    Returns the unit's state entry (JSON-able): its report (juesuan-report/1), counts, output and its
    hash, the hash of the inputs, seconds and the worker's peak memory.
    """
    start = time.perf_counter()
    own = folder_digest(task.folder)  # before reading: a file changed meanwhile shows as a change next run
    unit_name: str | None = None
    year: int | None = None
    output: Path | None = None
    crashed = False
    try:
        generated = job(task.folder, output=task.output, template=task.template, profile=task.profile, level=task.level)
        report = generated.report
        figures = generated.checked.figures
        if figures is not None:
            unit_name, year = figures.unit_name, figures.year
        output = task.output if task.output in generated.outputs else None
    except Exception as exc:  # one unit's crash must not stop the others
        report = crash_report(task, exc)
        crashed = True
    return entry_for(
        task,
        report,
        unit_name=unit_name,
        year=year,
        output=output,
        crashed=crashed,
        seconds=time.perf_counter() - start,
        key=input_key(task.folder, year, task.run, own),
    )


def crash_finding(task: Task, exc: BaseException | str) -> Finding:
    """The finding that stands for a crash while processing TASK's unit."""
    if isinstance(exc, BaseException):
        what = f"{type(exc).__name__}: {exc}"
        tail = "".join(traceback.format_exception(exc)[-3:]).strip()
    else:
        what, tail = exc, ""
    return emit(
        "crashed",
        Location(file=str(task.folder)),
        stage="unit",
        name=str(task.folder),
        error=what,
        traceback=tail,
        doing="处理该单位",
        consequence="，其他单位不受影响",
    )


def crash_report(task: Task, exc: BaseException | str) -> Report:
    """The unit's report when processing it crashed: the one `crashed` finding, an internal error (not bad data)."""
    return Report(
        command="generate", folder=str(task.folder), readable=True, findings=(crash_finding(task, exc),), version=juesuan_version(), internal_error=True
    )


def entry_for(
    task: Task,
    report: Report,
    *,
    unit_name: str | None,
    year: int | None,
    output: Path | None,
    crashed: bool,
    seconds: float,
    key: str | None,
) -> Entry:
    """The state entry of one unit: REPORT as JSON (read back with Report.from_json), with what the batch adds."""
    counts = report.counts
    return {
        "folder": str(task.folder),
        "relative": task.relative,
        "unit": unit_name,
        "year": year if year is not None else (int(task.folder.name) if task.folder.name.isdigit() else None),
        "key": key,
        "records": records_digest(task.folder),  # which explanations the report's counts reflect
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "report": report.as_json(),
        "output": str(output) if output is not None else None,
        "output_hash": file_sha256(output) if output is not None else None,
        "seconds": round(seconds, 4),
        "crashed": crashed,
        "pid": os.getpid(),
        "peak_rss_kb": peak_rss_kb(),
    }


def with_records(entry: Entry, split: Callable[[list[Finding]], tuple[list[Finding], list[Acknowledged]]]) -> Entry:
    """ENTRY after its folder's 核对记录.yaml changed (the data did not): its findings split again by SPLIT
    (api.apply_acknowledgements), the counts with them; the document and its key stay."""
    report = Report.from_json(entry["report"])
    every = [f for f in report.findings if f.code != "review-record-invalid"] + [a.finding for a in report.acknowledged]
    remaining, acknowledged = split(every)
    report = replace(report, findings=tuple(remaining), acknowledged=tuple(acknowledged))
    counts = report.counts
    return {
        **entry,
        "report": report.as_json(),
        "records": records_digest(Path(entry["folder"])),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
    }


def peak_rss_kb() -> int | None:
    """This process's peak resident memory in KiB (None where the platform does not say).

    Linux's VmHWM first: ru_maxrss survives exec, so a process started from a big one
    would report its parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if resource is not None else None
