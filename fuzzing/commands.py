"""Every command of juesuan run on a corrupted folder, and what counts as going wrong for each.

A variant (fuzzing/variants.py) is built under BASE/unit (2024 and 2023); BASE/good holds an
untouched copy of the sample, so that `batch` and `export` see a root mixing good and broken
units; `verify` reads a document (the good unit's disclosure against the broken folder, or the broken
workbook or YAML given as the document). Each command runs as a user would run it (click's CliRunner in this process, or the
workbench's Flask test client) and returns a Ran: its exit code (or HTTP status), its output,
and what it did wrong beyond crashing:

- output-despite-errors: a document written although the findings have errors (without --force);
- silent-loss: a command that reported success while dropping content (a unit left out of
  batch's report or export's count, a good unit not generated next to a broken one, init
  --from writing a blank file in place of last year's, diff "succeeding" without its table);
- half-written: init that failed but left files in its target folder;
- internal-error: exit 3 (or HTTP 500): a bug, whatever input triggered it; traceback: an exception
  that escaped even that.
"""

from __future__ import annotations

import io
import json
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fuzzing.variants import MAIN, SELF, TEXTS, base_files, write_base

COMMANDS = ("check", "generate", "diff", "batch", "export", "init", "web-upload", "web-unit", "web-compare", "verify")
WEIGHTS = (3, 3, 2, 1, 1, 1, 1, 1, 1, 1)  # the CLI's two main commands most; batch and export process four units each
TRACEBACK = re.compile(r"Traceback \(most recent call last\)")


@dataclass
class Ran:
    code: int | None  # exit code; for the workbench the worst HTTP status
    output: str
    problem: str = ""  # "" or one of output-despite-errors, silent-loss, half-written, internal-error
    note: str = ""


def prepare(base: Path) -> None:
    """BASE/good: an untouched sample unit beside the variant's BASE/unit."""
    write_base(base / "good", base_files())


def inputs(base: Path, command: str) -> list[Path]:
    """What COMMAND reads and must never modify (an upload replaces the good unit's file: that is its job)."""
    return [base / "unit"] if command == "web-upload" else [base / "unit", base / "good"]


def run(command: str, base: Path) -> Ran:
    return _RUNNERS[command](base)


def _cli(args: list[str]) -> tuple[int, str]:
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, args, catch_exceptions=True)
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        output += "".join(traceback.format_exception(result.exception))
        return 98, output
    return result.exit_code, output


def _internal(code: int, output: str) -> str:
    if code == 98 or TRACEBACK.search(output):
        return "traceback"
    return "internal-error" if code == 3 else ""


def _check(base: Path) -> Ran:
    code, output = _cli(["check", str(base / "unit" / "2024"), "--format", "json"])
    return Ran(code, output, _internal(code, output))


def _generate(base: Path) -> Ran:
    out = base / "out" / "说明.docx"
    code, output = _cli(["generate", str(base / "unit" / "2024"), "-o", str(out), "--format", "json"])
    problem = _internal(code, output)
    if not problem:
        try:
            errors = json.loads(output).get("errors", 0) > 0
        except ValueError:
            return Ran(code, output, "traceback", "stdout is not JSON")
        if errors and out.exists():
            problem = "output-despite-errors"
    return Ran(code, output, problem)


def _diff(base: Path) -> Ran:
    out = base / "out"
    redline = ["--no-redline"] if zlib.crc32(base.name.encode()) % 3 else []  # the redline (two renders) one time in three
    code, output = _cli(["diff", str(base / "unit" / "2023"), str(base / "unit" / "2024"), "-o", str(out), "--format", "json", *redline])
    problem = _internal(code, output)
    if not problem:
        tables = list(out.glob("*-对比.xlsx")) if out.is_dir() else []
        if code in (0, 1) and not tables:
            problem, note = "silent-loss", "diff reported success without its table"
            return Ran(code, output, problem, note)
        if code == 2 and tables:
            return Ran(code, output, "output-despite-errors", "a table although a year could not be read")
    return Ran(code, output, problem)


def _units(base: Path) -> list[str]:
    """The unit-year folders (relative to BASE) a root holds: each with something named 决算数据.xlsx."""
    return sorted(
        f"{unit}/{year}" for unit in ("good", "unit") for year in ("2023", "2024") if os.path.lexists(base / unit / year / MAIN)
    )


def _batch(base: Path) -> Ran:
    out = base / "out"
    code, output = _cli(["batch", str(base), "-o", str(out), "-j", "1", "-q"])
    problem = _internal(code, output)
    if problem:
        return Ran(code, output, problem)
    report_path = out / "batch-report.json"
    if not report_path.is_file():
        return Ran(code, output, "silent-loss" if code in (0, 1) else "", "no report")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    listed = sorted(u["folder"] for u in report["results"])
    if listed != _units(base):
        return Ran(code, output, "silent-loss", f"report lists {listed}, the root holds {_units(base)}")
    by_folder = {u["folder"]: u for u in report["results"]}
    if not by_folder["good/2024"].get("output"):
        return Ran(code, output, "silent-loss", "the good unit was not generated beside the broken one")
    despite = [f for f, u in by_folder.items() if u["report"]["errors"] and u.get("output")]
    if despite:
        return Ran(code, output, "output-despite-errors", ", ".join(despite))
    return Ran(code, output)


def _export(base: Path) -> Ran:
    target = base / "out" / "全部数字.csv"
    code, output = _cli(["export", str(base), "-o", str(target)])
    problem = _internal(code, output)
    if problem:
        return Ran(code, output, problem)
    if code in (0, 1):
        exported = re.search(r"已导出 (\d+) 个单位年度", output)
        skipped = output.count("[export-unit-skipped]")
        if not exported or not target.is_file():
            return Ran(code, output, "silent-loss", "reported success without the table")
        if int(exported.group(1)) + skipped != len(_units(base)):
            return Ran(code, output, "silent-loss", f"{exported.group(1)} exported + {skipped} listed != {len(_units(base))} units")
        if "good/2024" not in target.read_text(encoding="utf-8-sig"):
            return Ran(code, output, "silent-loss", "the good unit is missing from the table")
    return Ran(code, output)


def _cells(path: Path) -> int:
    from generator.load.workbook import read_workbook

    book, _ = read_workbook(path, str(path))
    if book is None:
        return 0
    return sum(1 for sheet in book.sheets.values() for row in sheet.rows for value in row if value not in (None, ""))


def _init(base: Path) -> Ran:
    old, new = base / "unit" / "2024", base / "new" / "2025"
    code, output = _cli(["init", str(new), "--from", str(old)])
    problem = _internal(code, output)
    if problem:
        return Ran(code, output, problem)
    if code != 0:
        left = sorted(p.name for p in new.iterdir()) if new.is_dir() else []
        return Ran(code, output, "half-written" if left else "", ", ".join(left))
    texts = old / TEXTS
    if os.path.isfile(texts) and (new / TEXTS).read_bytes() != texts.read_bytes():
        return Ran(code, output, "silent-loss", "文字说明.yaml not carried as it was")
    if os.path.lexists(old / SELF):
        before, after = _cells(old / SELF), _cells(new / SELF)
        if after < before // 2:  # the carry empties the year's results, never the projects and indicators
            return Ran(code, output, "silent-loss", f"绩效自评表 carried with {after} of {before} cells")
    return Ran(code, output)


def _client(base: Path):  # type: ignore[no-untyped-def]
    from generator.web.app import create_app

    app = create_app(base, base / "out")
    app.config["TESTING"] = True
    return app.test_client()


def _token(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    return found.group(1) if found else ""


def _pages(client, paths: list[str]) -> Ran:  # type: ignore[no-untyped-def]
    worst, notes = 200, []
    for path in paths:
        response = client.get(path)
        worst = max(worst, response.status_code)
        if response.status_code >= 500:
            notes.append(f"{path}: {response.status_code} {response.get_data(as_text=True)[-300:]}")
    return Ran(worst, "", "internal-error" if notes else "", "; ".join(notes))


def _web_unit(base: Path) -> Ran:
    with _client(base) as client:
        return _pages(client, ["/", "/unit/unit/2024", "/unit/unit/2024/check.json", "/unit/unit/2023"])


def _web_compare(base: Path) -> Ran:
    with _client(base) as client:
        return _pages(client, ["/compare/unit/2024"])


def _web_upload(base: Path) -> Ran:
    """The broken unit's files uploaded into the good unit, whose page is then shown."""
    notes, worst = [], 200
    with _client(base) as client:
        token = _token(client)
        for kind, name in (("workbook", MAIN), ("texts", TEXTS), ("self-evaluation", SELF)):
            path = base / "unit" / "2024" / name
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            form = {"csrf": token, "kind": kind, "file": (io.BytesIO(path.read_bytes()), name)}
            response = client.post("/unit/good/2024/upload", data=form, content_type="multipart/form-data",
                                   headers={"Accept": "application/json"})
            worst = max(worst, response.status_code)
            if response.status_code >= 500:
                notes.append(f"upload {name}: {response.status_code}")
        page = _pages(client, ["/unit/good/2024"])
        worst = max(worst, page.code or 200)
        notes.extend([page.note] if page.note else [])
    return Ran(worst, "", "internal-error" if notes else "", "; ".join(notes))


def _verify(base: Path) -> Ran:
    """`verify` of a document: the good unit's own disclosure checked against the broken folder (--data), or the
    broken folder's workbook or 文字说明.yaml given as the document itself (.docx, .txt)."""
    out = base / "out"
    out.mkdir(parents=True, exist_ok=True)
    choice = zlib.crc32(base.name.encode()) % 3
    args: list[str]
    if choice == 0:
        from generator import api

        document = out / "说明.docx"
        api.generate(base / "good" / "2024", document)
        args = [str(document), "--data", str(base / "unit" / "2024")]
    else:
        source = base / "unit" / "2024" / (MAIN if choice == 1 else TEXTS)
        document = out / ("说明.docx" if choice == 1 else "说明.txt")
        if os.path.isfile(source) and not os.path.islink(source):
            document.write_bytes(source.read_bytes())
        else:
            document.mkdir()  # a folder where the document should be
        args = [str(document)]
    code, output = _cli(["verify", *args, "--format", "json"])
    return Ran(code, output, _internal(code, output))


_RUNNERS: dict[str, Callable[[Path], Ran]] = {
    "check": _check, "generate": _generate, "diff": _diff, "batch": _batch, "export": _export, "init": _init,
    "web-upload": _web_upload, "web-unit": _web_unit, "web-compare": _web_compare, "verify": _verify,
}
