"""The folder the workbench serves: its unit-years, their last results, outputs and locks.

Everything the web layer reads or writes goes through here, and every path is confined:
a unit is named by its folder relative to ROOT, and only folders `find_units` found are
units; outputs live in OUTDIR. Results are the batch's (generator/batch, reached through generator/api.py):
a unit generated from its page is recorded in the same state file as a batch run, so the list shows one truth.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import api
from generator.file_hashes import hashed_files
from generator.files import write_atomically
from generator.layout import COVER, WORKBOOK
from generator.report import Report

if TYPE_CHECKING:
    from generator.api import Checked, Entry

COVER_CHOICE = "按封面「公开模板」（默认）"
VERIFIED = ".核对"  # verify's reports on the units' documents, in OUTDIR beside the page previews


class OutsideRoot(ValueError):
    """A path that is not a unit, a history version or an output of this workspace."""


@dataclass(frozen=True)
class UnitStatus:
    relative: str
    folder: Path
    unit: str  # the 单位名称 when known, else the folder's parent name
    year: int | None
    status: str  # stable code: unchecked, errors, stale, generated, checked, crashed
    label: str  # Chinese
    errors: int
    warnings: int
    output: Path | None

    @property
    def parent(self) -> str:
        return self.relative.rsplit("/", 1)[0] if "/" in self.relative else "."


LABELS = {
    "unchecked": "未核对",
    "errors": "有错误",
    "stale": "数据已更改，需重新生成",
    "generated": "已生成",
    "checked": "已核对，未生成",
    "crashed": "程序出错",
}


class Workspace:
    def __init__(self, root: Path, outdir: Path) -> None:
        self.root = root.resolve()
        self.outdir = outdir.resolve()
        self._locks: dict[Path, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._state_lock = threading.Lock()
        self._pending: list[Entry] = []
        self._pending_guard = threading.Lock()
        self._names: dict[tuple[Path, int, int], str | None] = {}
        self._keys: dict[Path, tuple[tuple[Any, ...], str]] = {}

    # --- units ---------------------------------------------------------------

    def folders(self) -> list[Path]:
        return [f.resolve() for f in api.unit_folders(self.root)]

    def unit(self, relative: str) -> Path:
        """The unit-year folder named RELATIVE; OutsideRoot unless it is one of the units under ROOT."""
        if "\\" in relative or "\0" in relative:
            raise OutsideRoot(relative)
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or candidate not in set(self.folders()):
            raise OutsideRoot(relative)
        return candidate

    def relative(self, folder: Path) -> str:
        return api.unit_name(self.root, folder)

    def siblings(self, folder: Path) -> list[Path]:
        """The unit's other years: unit-year folders beside FOLDER whose name is a year."""
        return sorted(f for f in self.folders() if f.parent == folder.parent and f.name.isdigit())

    def output_path(self, folder: Path) -> Path:
        return self.outdir / api.output_names(self.root, [folder])[folder]

    def output_paths(self, folders: list[Path]) -> dict[Path, Path]:
        return {f: self.outdir / name for f, name in api.output_names(self.root, folders).items()}

    def statuses(self) -> list[UnitStatus]:
        folders = self.folders()
        state = self.state()
        run = api.batch_run_key()
        outputs = self.output_paths(folders)
        return [self._status(folder, state.get(str(folder)), run, outputs[folder]) for folder in folders]

    def _cover_name(self, folder: Path) -> str | None:
        """The 单位名称 on the 封面, read once per workbook version (a unit not yet checked still shows its name)."""
        book = folder / WORKBOOK
        try:
            stat = book.stat()
        except OSError:
            return None
        key = (book, stat.st_size, stat.st_mtime_ns)
        if key not in self._names:
            self._names[key] = _read_cover_name(book)
        return self._names[key]

    def _input_key(self, folder: Path, year: int | None, run: str) -> str:
        """batch's input_key, computed again only when a file of the folder or its prior year changed (by stat)."""
        prior = api.prior_folder(folder, year)
        signature = (run, year, _stat_signature(folder), _stat_signature(prior) if prior is not None else ())
        cached = self._keys.get(folder)
        if cached is None or cached[0] != signature:
            cached = (signature, api.batch_input_key(folder, year, run))
            self._keys[folder] = cached
        return cached[1]

    def _status(self, folder: Path, entry: Entry | None, run: str, output: Path) -> UnitStatus:
        relative = self.relative(folder)
        fallback = self._cover_name(folder) or (folder.parent.name if folder.name.isdigit() else folder.name)
        year = int(folder.name) if folder.name.isdigit() else None
        if entry is None:
            return UnitStatus(relative, folder, fallback, year, "unchecked", LABELS["unchecked"], 0, 0, None)
        errors, warnings = entry.get("errors", 0), entry.get("warnings", 0)
        produced = Path(entry["output"]) if entry.get("output") else None
        if entry.get("crashed"):
            status = "crashed"
        elif entry.get("key") != self._input_key(folder, entry.get("year"), entry.get("run") or run):
            status = "stale"
        elif errors:
            status = "errors"
        elif produced is not None and produced.is_file():
            status = "generated"
        else:
            status = "checked"
        return UnitStatus(
            relative, folder, entry.get("unit") or fallback, entry.get("year") or year, status, LABELS[status], errors, warnings,
            produced if produced is not None and produced.is_file() else None,
        )

    # --- results ---------------------------------------------------------------

    def state(self) -> dict[str, Entry]:
        return api.batch_entries(self.outdir)

    @contextmanager
    def lock(self, folder: Path) -> Iterator[None]:
        """One writer per unit at a time: uploads, restores and generation of one unit never interleave."""
        with self._locks_guard:
            lock = self._locks.setdefault(folder, threading.Lock())
        with lock:
            yield

    @contextmanager
    def batch_running(self) -> Iterator[None]:
        """Held by a batch over ROOT: the batch owns the state file until it ends."""
        with self._state_lock:
            yield
            self._flush()

    def generate(self, folder: Path, template: Path | None = None, profile: str | None = None) -> Entry:
        """Check and generate one unit into OUTDIR as a batch would, and record it. Never raises.

        TEMPLATE None lets the unit's 封面 (公开模板) choose, as `juesuan batch` does.
        """
        run = api.batch_run_key(template, profile)
        with self.lock(folder):
            entry = api.generate_into_batch(folder, self.relative(folder), self.output_path(folder), template, profile, run)
        entry["run"] = run
        self.record(entry)
        return entry

    def record_check(self, folder: Path, checked: Checked) -> None:
        """Record a check made by opening the unit, so that the list shows its counts.

        A result for the same inputs stays (it may carry a document); after a change the check
        replaces it, with its counts and without the earlier document (which no longer matches the data).
        """
        run = api.batch_run_key()
        year = checked.figures.year if checked.figures is not None else (int(folder.name) if folder.name.isdigit() else None)
        key = self._input_key(folder, year, run)
        current = self.state().get(str(folder))
        if current is not None and current.get("key") == key and not current.get("crashed"):
            if api.batch_records_changed(folder, current):  # a warning explained or withdrawn: the document stands
                self.record(api.batch_entry_with_records(folder, current))
            return
        entry = api.batch_entry_of(folder, self.relative(folder), self.output_path(folder), run, checked, key)
        entry["run"] = run
        self.record(entry)

    def record(self, entry: Entry) -> None:
        with self._pending_guard:
            self._pending.append(entry)
        if self._state_lock.acquire(blocking=False):  # a running batch records them when it ends
            try:
                self._flush()
            finally:
                self._state_lock.release()

    def _flush(self) -> None:
        with self._pending_guard:
            pending, self._pending = self._pending, []
        if not pending:
            return
        api.record_batch_entries(self.outdir, pending)

    def outputs_of(self, folder: Path) -> list[Path]:
        """The files made for this unit: its document, and the PDF beside it."""
        docx = self.output_path(folder)
        return [p for p in (docx, docx.with_suffix(".pdf")) if p.is_file()]

    def output_file(self, folder: Path, name: str) -> Path:
        """One of OUTPUTS_OF(folder) by file name; OutsideRoot for anything else."""
        for path in self.outputs_of(folder):
            if path.name == name:
                return path
        raise OutsideRoot(name)

    # --- verify on the generated document -------------------------------------------------

    def verified_path(self, folder: Path) -> Path:
        return self.outdir / VERIFIED / f"{self.output_path(folder).stem}.json"

    def verify(self, folder: Path) -> Report:
        """`juesuan verify` on the unit's document, against its data folder; the report is kept (verified_path)."""
        docx = self.output_path(folder)
        with self.lock(folder):
            findings, coverage = api.verify_document(docx, folder)
        report = api.verify_report(docx, findings, coverage, folder)
        write_atomically(self.verified_path(folder), json.dumps(report.as_json(), ensure_ascii=False, indent=1).encode("utf-8"))
        return report

    def verified(self, folder: Path) -> Report | None:
        """The kept verify report of the unit's document, while the document and the data it read are those it read
        (by SHA-256); None when there is none, or a file changed since."""
        path = self.verified_path(folder)
        try:
            report = Report.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):  # none yet, or not ours: verify again
            return None
        read = tuple((i.path, i.sha256, i.size) for i in report.inputs)
        return report if read and hashed_files(Path(i.path) for i in report.inputs) == read else None

    def templates(self) -> dict[str, Path | None]:
        """The Word templates to choose from: the 封面's choice, the shipped ones, then *.docx in ROOT/模板 or ROOT/templates."""
        found: dict[str, Path | None] = {COVER_CHOICE: None}
        found.update({f"内置：{name}": path for name, path in api.shipped_templates().items()})
        for sub in ("模板", "templates"):
            for path in sorted((self.root / sub).glob("*.docx")):
                if not path.name.startswith(("~$", ".")):
                    found[f"{sub}/{path.name}"] = path.resolve()
        return found

    def describe(self) -> dict[str, Any]:
        return {"root": str(self.root), "outdir": str(self.outdir)}


def _read_cover_name(book: Path) -> str | None:
    sheets = api.workbook_rows(book)  # the guarded reader: a hostile workbook is refused, not opened
    if sheets is None or COVER.name not in sheets:  # unreadable: the unit page's check says why
        return None
    rows = sheets[COVER.name]
    for row in rows[:20]:
        cells = [str(c).strip() for c in row if c not in (None, "")]
        if len(cells) >= 2 and cells[0] == "单位名称":
            return cells[1]
    return None


def _stat_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the files directly in FOLDER (what folder_digest hashes)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return ()
    found = []
    for path in entries:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            found.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)
