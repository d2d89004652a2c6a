"""A .docx and its .pdf are replaced together or not at all; a stale PDF goes; conversion folders are cleaned (issue 20).

Before: `generate --pdf` wrote the .docx, then converted it, so a kill -9 during the conversion
left the new .docx beside last time's .pdf (3 of 3) and a LibreOffice profile folder in the
temporary directory; a .docx regenerated without --pdf (CLI or workbench) kept the old PDF beside it.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.files
from generator import api
from generator.files import remove_stale_temporaries

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


def _fake_soffice(folder: Path, behaviour: str) -> Path:
    """A `soffice` on a PATH of its own: it runs BEHAVIOUR with $outdir set (where the PDF is expected)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        # the conversion runs a macro whose second argument is the PDF's URL (generator.render.pdf)
        'while [ $# -gt 0 ]; do case "$1" in macro:*) outdir=$(printf \'%s\' "$1" | sed -e \'s|.*,"file://||\' -e \'s|/input.pdf")$||\');; esac; shift; done\n'
        + behaviour
        + "\n"
    )
    script.chmod(0o755)
    return folder


MAKES_PDF = 'mkdir -p "$outdir"; echo "%PDF-1.7 new" > "$outdir/input.pdf"'


@pytest.fixture
def old_pair(tmp_path: Path) -> tuple[Path, Path]:
    docx, pdf = tmp_path / "out" / "说明.docx", tmp_path / "out" / "说明.pdf"
    docx.parent.mkdir()
    docx.write_bytes(b"old docx")
    pdf.write_bytes(b"old pdf")
    return docx, pdf


@pytest.mark.slow
def test_a_kill_during_the_conversion_leaves_both_old_files_and_its_folder_is_cleaned_later(
    tmp_path: Path, old_pair: tuple[Path, Path]
) -> None:
    docx, pdf = old_pair
    bin_dir = _fake_soffice(tmp_path / "bin", f"echo $$ > {tmp_path}/soffice.pid; exec sleep 60")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    child = subprocess.Popen([sys.executable, "-m", "generator", "generate", str(SAMPLE), "-o", str(docx), "--pdf", "--force"],
                             env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    work_root = tmp_path / "tmp" / f"juesuan-{os.getuid()}"
    deadline = time.monotonic() + 120
    while not (tmp_path / "soffice.pid").is_file() and time.monotonic() < deadline:  # converting now
        time.sleep(0.05)
    child.kill()  # SIGKILL: no cleanup of any kind runs
    child.wait()
    os.kill(int((tmp_path / "soffice.pid").read_text()), signal.SIGKILL)  # the fake soffice this test started
    assert (docx.read_bytes(), pdf.read_bytes()) == (b"old docx", b"old pdf")
    left = list(work_root.glob(".pdf.juesuan-*.tmp"))
    assert len(left) == 1
    os.utime(left[0], (time.time() - 3600, time.time() - 3600))
    assert remove_stale_temporaries(work_root) == left and not left[0].exists()


def test_a_death_between_the_two_renames_never_leaves_a_new_docx_beside_an_old_pdf(
    tmp_path: Path, old_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    docx, pdf = old_pair
    real = os.replace
    calls: list[str] = []

    def dies_second(src: object, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a kill between the renames
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.files.os, "replace", dies_second)
    with pytest.raises(KeyboardInterrupt):
        generator.files.write_together([(docx, b"new docx"), (pdf, b"new pdf")])
    assert docx.read_bytes() == b"new docx" and not pdf.exists()
    assert [p.name for p in docx.parent.iterdir()] == ["说明.docx"]


def test_generate_pdf_replaces_both(tmp_path: Path, old_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    docx, pdf = old_pair
    bin_dir = _fake_soffice(tmp_path / "bin", MAKES_PDF)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    result = api.generate(SAMPLE, docx, pdf=True, force=True)
    assert result.outputs == (docx, pdf)
    assert docx.read_bytes().startswith(b"PK") and pdf.read_bytes() == b"%PDF-1.7 new\n"


@pytest.mark.parametrize("pdf_wanted", [False, True])
def test_a_docx_made_without_its_pdf_takes_the_stale_pdf_away(
    tmp_path: Path, old_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, pdf_wanted: bool
) -> None:
    """Without --pdf, or when the conversion fails: the new .docx stands alone, never beside last time's PDF."""
    docx, pdf = old_pair
    bin_dir = _fake_soffice(tmp_path / "bin", "exit 81")
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    result = api.generate(SAMPLE, docx, pdf=pdf_wanted, force=True)
    assert result.outputs == (docx,) and docx.read_bytes().startswith(b"PK") and not pdf.exists()
    assert [f.code for f in result.findings if f.code.startswith("pdf")] == (["pdf-conversion-failed"] if pdf_wanted else [])


def test_a_failed_write_keeps_both_old_files(tmp_path: Path, old_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    docx, pdf = old_pair

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generator.files.os, "fsync", full)
    result = api.generate(SAMPLE, docx, force=True)
    assert [f.code for f in result.findings][-1] == "output-not-writable"
    assert (docx.read_bytes(), pdf.read_bytes()) == (b"old docx", b"old pdf")


def test_the_workbench_does_not_offer_the_old_pdf_beside_a_new_docx(tmp_path: Path) -> None:
    import re
    import shutil

    from generator.web.app import create_app

    root = tmp_path / "inputs"
    shutil.copytree(SAMPLE.parent, root / "unit")
    app = create_app(root, tmp_path / "outputs")
    app.config["TESTING"] = True
    workspace = app.extensions["juesuan"]["workspace"]
    folder = root / "unit" / "2024"
    stale = workspace.output_path(folder).with_suffix(".pdf")
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"%PDF-1.7 last year's figures")
    with app.test_client() as client:
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
        client.post("/unit/unit/2024/generate", data={"csrf": token})
    assert [p.suffix for p in workspace.outputs_of(folder)] == [".docx"]
