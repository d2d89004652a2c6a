"""A run killed while writing leaves a temporary file; a later run removes it once it is stale (issue 14).

Before, `generate` killed at the moment its temporary file appeared left a hidden
`.说明.docx.XXXX.tmp` that no later run removed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import files

ROOT = Path(__file__).resolve().parents[1]

_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from generator import files
os.fsync = lambda fd: (print("writing", flush=True), time.sleep(60))
files.write_atomically(Path(sys.argv[1]), b"half")
"""


@pytest.fixture(autouse=True)
def _fresh_process_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_cleaned", set())


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_temporary_file_of_a_killed_run_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "说明.docx"
    writer = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].name.startswith(f".说明.docx.juesuan-{writer.pid}-")
    _age(left[0], files.STALE_SECONDS + 5)

    files.write_atomically(target, b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["说明.docx"] and target.read_bytes() == b"whole"


def test_fresh_or_live_temporaries_and_other_files_are_left_alone(tmp_path: Path) -> None:
    live = tmp_path / f".a.docx.juesuan-{os.getpid()}-abc123.tmp"  # a run in progress (this process)
    fresh = tmp_path / ".a.docx.juesuan-999999999-abc123.tmp"  # dead pid, but seconds old: maybe another machine's
    other = tmp_path / ".notes.tmp"  # not ours
    for path in (live, fresh, other):
        path.write_bytes(b"x")
    _age(live, 3600)
    _age(other, 3600)
    files.write_atomically(tmp_path / "a.docx", b"ok")
    assert {p.name for p in tmp_path.iterdir()} == {live.name, fresh.name, other.name, "a.docx"}


def test_stale_temporaries_of_older_versions_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".说明.docx.k3j4h5g6.tmp"  # NamedTemporaryFile's name before the pid was added
    dead = tmp_path / ".说明.pdf.juesuan-999999999-abc123.tmp"
    for path in (old, dead):
        path.write_bytes(b"x")
        _age(path, files.STALE_SECONDS + 5)
    assert sorted(files.remove_stale_temporaries(tmp_path, "说明.docx")) == sorted([old, dead])
