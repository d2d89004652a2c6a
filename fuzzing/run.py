"""Running fuzz variants through every command and classifying what happened.

Two ways: `run_in_process` runs the variant's command in this process (fast; for the test
suite), and `run_isolated` forks a child per variant that runs it under an address-space cap
(resource.setrlimit) and a wall-clock timeout, so that an abort from native code or a hang is an
outcome, not the end of the campaign. Each variant names its command (fuzzing/commands.py: check,
generate, diff, batch, export, init --from, the workbench's upload, unit page and comparison).

Outcomes, worst first: traceback (an exception escaped), internal-error (exit 3 or HTTP 500),
abort (the child died by a signal: 134 is SIGABRT from a failed allocation), timeout (a hang),
output-despite-errors (a document written although the findings have errors, without --force),
input-modified (an input file's bytes changed), silent-loss (success reported while content was
dropped), half-written (a failed init left files), temp-left (a temporary file or folder left
behind), ok.
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

from fuzzing import commands
from fuzzing.variants import Variant, variant

BUILD_TIMEOUT = 120.0  # building a variant (a zip bomb is compressed in the child) is not what is timed
BAD = ("traceback", "internal-error", "abort", "timeout", "output-despite-errors", "input-modified", "silent-loss",
       "half-written", "temp-left")


@dataclass(frozen=True)
class Outcome:
    name: str
    kind: str
    detail: str
    status: str  # "ok" or one of BAD
    exit_code: int | None = None
    seconds: float = 0.0
    note: str = ""  # the traceback, the signal, what was modified…
    command: str = "generate"


def snapshot(roots: Iterable[Path]) -> dict[str, str]:
    """Path -> sha256 of each regular file under ROOTS, and a marker for everything else (FIFOs are never opened)."""
    found: dict[str, str] = {}
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            info = os.lstat(path)
            key = str(path.relative_to(root.parent))
            if stat.S_ISREG(info.st_mode):
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[key] = f"mode:{stat.S_IFMT(info.st_mode):o}:{os.readlink(path) if stat.S_ISLNK(info.st_mode) else ''}"
    return found


def _temporaries(base: Path) -> list[str]:
    """Our temporaries (files.py's naming) anywhere under BASE, files or folders."""
    return sorted(str(p.relative_to(base)) for p in base.rglob(".*.tmp"))


def _judge(v: Variant, before: dict[str, str], base: Path, ran: commands.Ran, seconds: float) -> Outcome:
    def outcome(status: str, note: str = "") -> Outcome:
        return Outcome(v.name, v.kind, v.detail, status, ran.code, seconds, note, v.command)

    after = snapshot(commands.inputs(base, v.command))
    if after != before:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        return outcome("input-modified", ", ".join(changed))
    if ran.problem:
        return outcome(ran.problem, (ran.note + "\n" + ran.output[-2500:]).strip())
    temporaries = _temporaries(base)
    if temporaries:
        return outcome("temp-left", ", ".join(temporaries))
    return outcome("ok")


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
    """Build V under WORKDIR and run its command in this process."""
    base = workdir / v.name
    v.build(base / "unit")
    commands.prepare(base)
    before = snapshot(commands.inputs(base, v.command))
    started = time.monotonic()
    try:
        with _alarm(timeout):
            ran = commands.run(v.command, base)
    except _Timeout:
        return Outcome(v.name, v.kind, v.detail, "timeout", None, time.monotonic() - started, "", v.command)
    except Exception:
        return Outcome(v.name, v.kind, v.detail, "traceback", None, time.monotonic() - started, traceback.format_exc()[-3000:], v.command)
    return _judge(v, before, base, ran, time.monotonic() - started)


Maker = Callable[[int], Variant]


def _child(make: Maker, index: int, workdir: Path, memory: int) -> None:
    """In the forked child: cap memory, build the variant, run its command; never returns."""
    code = 99
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        v = make(index)
        base = workdir / v.name
        base.mkdir(parents=True, exist_ok=True)
        v.build(base / "unit")
        commands.prepare(base)
        (base / "variant.txt").write_text(f"{v.kind}\n{v.detail}\n", encoding="utf-8")
        # Last before the run: its existence tells the parent that the timeout now counts the command.
        (base / "before.json").write_text(json.dumps(snapshot(commands.inputs(base, v.command))), encoding="utf-8")
        for fd, name in ((1, "stdout"), (2, "stderr")):
            handle = os.open(base / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(handle, fd)
            os.close(handle)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        ran = commands.run(v.command, base)
        (base / "ran.json").write_text(json.dumps(asdict(ran), ensure_ascii=False), encoding="utf-8")
        code = 0
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
    v = Variant(v.seed, v.index, v.kind, prepare=v.prepare, _prepared=(lambda root: None, detail), command=v.command)

    def outcome(kind: str, code: int | None, note: str = "") -> Outcome:
        return Outcome(v.name, v.kind, v.detail, kind, code, seconds, note, v.command)

    if status is None:
        return outcome("timeout", None)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        return outcome("abort", 128 + sig, signal.Signals(sig).name)
    stderr = (base / "stderr").read_text(encoding="utf-8", errors="replace") if (base / "stderr").exists() else ""
    if os.WEXITSTATUS(status) != 0 or not (base / "ran.json").exists():
        return outcome("traceback", os.WEXITSTATUS(status), stderr[-3000:] or "variant not built")
    ran = commands.Ran(**json.loads((base / "ran.json").read_text(encoding="utf-8")))
    before = json.loads((base / "before.json").read_text(encoding="utf-8"))
    return _judge(v, before, base, ran, seconds)


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
                built.pop(pid, None)  # the pid will be reused by a later child: its clock must not carry over
                yield _conclude(make(index), workdir, None, elapsed)
            elif done:
                del running[pid]
                built.pop(pid, None)
                yield _conclude(make(index), workdir, status, elapsed)


def summary(outcomes: Iterable[Outcome]) -> dict[str, object]:
    outcomes = list(outcomes)
    by_status = Counter(o.status for o in outcomes)
    return {
        "variants": len(outcomes),
        "counts": {status: by_status.get(status, 0) for status in ("ok", *BAD)},
        "by_kind": dict(sorted(Counter(o.kind for o in outcomes).items())),
        "by_command": {
            command: {status: n for status, n in sorted(Counter(o.status for o in outcomes if o.command == command).items())}
            for command in sorted({o.command for o in outcomes})
        },
        "exit_codes": dict(sorted(Counter(str(o.exit_code) for o in outcomes).items())),
        "slowest_seconds": round(max((o.seconds for o in outcomes), default=0.0), 2),
        "slowest": [(o.name, o.command, round(o.seconds, 1)) for o in sorted(outcomes, key=lambda o: -o.seconds)[:5]],
        "bad": [asdict(o) for o in outcomes if o.status != "ok"],
    }
