"""Running fuzz variants and classifying what happened.

Two ways: `run_in_process` calls generator.api.generate (fast; for the test suite), and
`run_isolated` forks a child that runs `juesuan generate --format json` as a user would, under
an address-space cap (resource.setrlimit) and a wall-clock timeout, so that an abort from native
code or a hang is an outcome, not the end of the campaign.

Outcomes, worst first: traceback (an exception escaped, or the CLI's internal-error exit 3),
abort (the child died by a signal: 134 is SIGABRT from a failed allocation), timeout,
output-despite-errors (a document written although the findings have errors, without --force),
input-modified (an input file's bytes changed), temp-left (a temporary file in the output
folder after the run), ok.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import resource
import signal
import stat
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from fuzzing.variants import Variant, variant

BUILD_TIMEOUT = 120.0  # building a variant (a zip bomb is compressed in the child) is not what is timed
BAD = ("traceback", "abort", "timeout", "output-despite-errors", "input-modified", "temp-left")


@dataclass(frozen=True)
class Outcome:
    name: str
    kind: str
    detail: str
    status: str  # "ok" or one of BAD
    exit_code: int | None = None
    seconds: float = 0.0
    note: str = ""  # the traceback, the signal, what was modified…


def snapshot(root: Path) -> dict[str, str]:
    """Path -> sha256 of each regular file under ROOT, and a marker for everything else (FIFOs are never opened)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode):
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path.relative_to(root))] = f"mode:{stat.S_IFMT(info.st_mode):o}:{os.readlink(path) if stat.S_ISLNK(info.st_mode) else ''}"
    return found


def _judge(v: Variant, before: dict[str, str], root: Path, out: Path, errors: bool, outputs: list[str], code: int | None,
           seconds: float) -> Outcome:
    after = snapshot(root)
    if after != before:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        return Outcome(v.name, v.kind, v.detail, "input-modified", code, seconds, ", ".join(changed))
    written = [p for p in outputs if Path(p).exists()] + [str(p) for p in out.parent.glob("*.docx")]
    if errors and written:
        return Outcome(v.name, v.kind, v.detail, "output-despite-errors", code, seconds, ", ".join(sorted(set(written))))
    temporaries = [p.name for p in out.parent.glob(".*.tmp")]
    if temporaries:
        return Outcome(v.name, v.kind, v.detail, "temp-left", code, seconds, ", ".join(temporaries))
    return Outcome(v.name, v.kind, v.detail, "ok", code, seconds)


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(v: Variant, workdir: Path, timeout: float = 30.0) -> Outcome:
    """Build V under WORKDIR and run generator.api.generate on it in this process."""
    from generator import api
    from generator.findings import has_errors

    root = workdir / v.name / "unit"
    out = workdir / v.name / "out" / "说明.docx"
    v.build(root)
    before = snapshot(root)
    started = time.monotonic()
    try:
        with _alarm(timeout):
            result = api.generate(root / "2024", output=out)
    except _Timeout:
        return Outcome(v.name, v.kind, v.detail, "timeout", None, time.monotonic() - started)
    except Exception:
        return Outcome(v.name, v.kind, v.detail, "traceback", None, time.monotonic() - started, traceback.format_exc()[-3000:])
    seconds = time.monotonic() - started
    return _judge(v, before, root, out, has_errors(result.findings), [str(p) for p in result.outputs], None, seconds)


Maker = Callable[[int], Variant]


def _child(make: Maker, index: int, workdir: Path, memory: int) -> None:
    """In the forked child: cap memory, build the variant, run the CLI; never returns."""
    code = 99
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        v = make(index)
        base = workdir / v.name
        base.mkdir(parents=True, exist_ok=True)
        v.build(base / "unit")
        (base / "before.json").write_text(json.dumps(snapshot(base / "unit")), encoding="utf-8")
        (base / "variant.txt").write_text(f"{v.kind}\n{v.detail}\n", encoding="utf-8")
        for fd, name in ((1, "stdout"), (2, "stderr")):
            handle = os.open(base / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(handle, fd)
            os.close(handle)
        # The parent's sys.stdout may be a capture (pytest): write to the files, as a user's terminal would show.
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        from generator.cli import main

        main(["generate", str(base / "unit" / "2024"), "-o", str(base / "out" / "说明.docx"), "--format", "json"])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 98
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _conclude(v: Variant, workdir: Path, status: int | None, seconds: float) -> Outcome:
    base = workdir / v.name
    described = base / "variant.txt"  # what the child built: the parent never builds (a bomb is costly)
    detail = described.read_text(encoding="utf-8").split("\n", 1)[1].strip() if described.exists() else "(not built)"
    v = Variant(v.seed, v.index, v.kind, prepare=v.prepare, _prepared=(lambda root: None, detail))
    if status is None:
        return Outcome(v.name, v.kind, v.detail, "timeout", None, seconds)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        return Outcome(v.name, v.kind, v.detail, "abort", 128 + sig, seconds, signal.Signals(sig).name)
    code = os.WEXITSTATUS(status)
    stderr = (base / "stderr").read_text(encoding="utf-8", errors="replace") if (base / "stderr").exists() else ""
    if code in (3, 98, 99) or "Traceback" in stderr:
        return Outcome(v.name, v.kind, v.detail, "traceback", code, seconds, stderr[-3000:])
    if not (base / "before.json").exists():
        return Outcome(v.name, v.kind, v.detail, "traceback", code, seconds, "variant not built")
    try:
        report = json.loads((base / "stdout").read_text(encoding="utf-8"))
    except ValueError:
        return Outcome(v.name, v.kind, v.detail, "traceback", code, seconds, "stdout is not JSON: " + stderr[-2000:])
    before = json.loads((base / "before.json").read_text(encoding="utf-8"))
    return _judge(v, before, base / "unit", base / "out" / "说明.docx", report.get("errors", 0) > 0, report.get("outputs", []), code, seconds)


def run_isolated(indices: Iterable[int], seed: int, workdir: Path, *, workers: int = 2, memory: int = 2 << 30,
                 timeout: float = 10.0, make: Maker | None = None) -> Iterator[Outcome]:
    """Each variant in its own forked child (memory cap, timeout), WORKERS at a time; outcomes as they finish.

    MAKE(index) builds the variant (default: fuzzing.variants.variant(SEED, index)); it runs in the
    child, and again in the parent for the variant's description once the child is done.
    """
    make = make or functools.partial(variant, seed)
    pending = list(indices)
    running: dict[int, tuple[int, float, Path]] = {}  # pid -> (index, started, the file the child writes once built)
    built: dict[int, float] = {}  # pid -> when the variant was built: the timeout counts the run, not the building
    while pending or running:
        while pending and len(running) < workers:
            index = pending.pop(0)
            marker = workdir / make(index).name / "before.json"
            pid = os.fork()
            if pid == 0:
                _child(make, index, workdir, memory)
            running[pid] = (index, time.monotonic(), marker)
        time.sleep(0.01)
        for pid, (index, started, marker) in list(running.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if pid not in built and marker.exists():
                built[pid] = time.monotonic()
            elapsed = time.monotonic() - built.get(pid, started)
            if done == 0 and elapsed > (timeout if pid in built else BUILD_TIMEOUT):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                del running[pid]
                yield _conclude(make(index), workdir, None, elapsed)
            elif done:
                del running[pid]
                yield _conclude(make(index), workdir, status, elapsed)


def summary(outcomes: Iterable[Outcome]) -> dict[str, object]:
    outcomes = list(outcomes)
    by_status = Counter(o.status for o in outcomes)
    return {
        "variants": len(outcomes),
        "counts": {status: by_status.get(status, 0) for status in ("ok", *BAD)},
        "by_kind": dict(sorted(Counter(o.kind for o in outcomes).items())),
        "exit_codes": dict(sorted(Counter(str(o.exit_code) for o in outcomes).items())),
        "slowest_seconds": round(max((o.seconds for o in outcomes), default=0.0), 2),
        "bad": [asdict(o) for o in outcomes if o.status != "ok"],
    }
