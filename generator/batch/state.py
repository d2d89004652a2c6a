"""The batch state kept in the output folder: what each unit was made from and what it gave.

`batch-state.json` maps each unit folder (absolute path) to the hash of its inputs, the
output's path and hash, and the unit's findings. While a run goes on, each finished unit is
appended to `batch-state.journal.jsonl` (one line, flushed), so an interrupted run loses
nothing it finished; the next run replays the journal and, at its end, folds it into the
state file (written atomically) and removes the journal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from generator.files import write_atomically

STATE_FILE = "batch-state.json"
JOURNAL_FILE = "batch-state.journal.jsonl"
FORMAT = 2  # 2: each entry keeps the unit's report (juesuan-report/1); a state of another format is redone

Entry = dict[str, Any]


def load_state(outdir: Path) -> dict[str, Entry]:
    """The entries of the last runs, journal included. A damaged file counts as no state (all units redone)."""
    entries: dict[str, Entry] = {}
    state = outdir / STATE_FILE
    if state.is_file():
        try:
            data = json.loads(state.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT:
                entries.update(data.get("units", {}))
        except (ValueError, OSError):
            pass
    journal = outdir / JOURNAL_FILE
    if journal.is_file():
        for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:  # the last line of an interrupted run may be cut short
                continue
            if isinstance(entry, dict) and "folder" in entry and "report" in entry:  # no report: an earlier format, redone
                entries[entry["folder"]] = entry
    return entries


class Journal:
    """Appends one line per finished unit; `close` folds everything into the state file."""

    def __init__(self, outdir: Path, entries: dict[str, Entry]) -> None:
        self.outdir = outdir
        self.entries = entries
        outdir.mkdir(parents=True, exist_ok=True)
        self._handle: IO[str] | None = (outdir / JOURNAL_FILE).open("a", encoding="utf-8")

    def record(self, entry: Entry) -> None:
        self.entries[entry["folder"]] = entry
        if self._handle is not None:
            self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._handle.flush()

    def close(self, complete: bool) -> None:
        """Stop appending; when the run is COMPLETE, write the state file and drop the journal."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if complete:
            data = {"format": FORMAT, "units": dict(sorted(self.entries.items()))}
            write_atomically(self.outdir / STATE_FILE, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            (self.outdir / JOURNAL_FILE).unlink(missing_ok=True)
