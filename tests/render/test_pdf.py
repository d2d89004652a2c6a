"""pdf: LibreOffice conversion, CJK font aliases, and failures as findings.

The tests marked `needs_soffice` run the real LibreOffice (about 1.5 s each);
the others put a small fake `soffice` script on the path.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generator.findings import Finding, Severity
from generator.render.pdf import DEFAULT_FONTS_CONF, convert_to_pdf

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)

TEXT = "2024年度部门决算公开说明"


def fangsong_docx(path: Path, text: str = TEXT) -> Path:
    document = docx.Document()
    run = document.add_paragraph().add_run(text)
    run.font.name = "仿宋_GB2312"
    run._element.get_or_add_rPr().get_or_add_rFonts().set(
        qn("w:eastAsia"), "仿宋_GB2312"
    )
    document.save(str(path))
    return path


def pdf_text(path: Path) -> str:
    # pdftotext puts spaces between Latin digits and CJK; compare without them.
    out = subprocess.run(
        ["pdftotext", path, "-"], check=True, capture_output=True, text=True
    )
    return "".join(out.stdout.split())


def codes(findings: list[Finding]) -> list[tuple[str, Severity]]:
    return [(f.code, f.severity) for f in findings]


@pytest.mark.slow
@needs_soffice
def test_fangsong_text_converts_with_noto_serif(tmp_path: Path) -> None:
    source = fangsong_docx(tmp_path / "说明.docx")
    target = tmp_path / "out" / "说明.pdf"

    assert convert_to_pdf(source, target) == []

    fonts = subprocess.run(
        ["pdffonts", target], check=True, capture_output=True, text=True
    )
    assert TEXT in pdf_text(target)
    assert (
        "NotoSerifCJK" in fonts.stdout
    )  # without the alias LibreOffice picks Noto Sans CJK


@pytest.mark.slow
@needs_soffice
def test_two_conversions_side_by_side(tmp_path: Path) -> None:
    sources = [fangsong_docx(tmp_path / f"{i}.docx", f"{TEXT}{i}") for i in range(2)]

    with ThreadPoolExecutor(2) as pool:
        results = list(
            pool.map(lambda s: convert_to_pdf(s, s.with_suffix(".pdf")), sources)
        )

    assert results == [[], []]
    for i, source in enumerate(sources):
        assert f"{TEXT}{i}" in pdf_text(source.with_suffix(".pdf"))


def test_missing_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    target = tmp_path / "说明.pdf"

    findings = convert_to_pdf(fangsong_docx(tmp_path / "说明.docx"), target)

    assert codes(findings) == [("libreoffice-missing", Severity.ERROR)]
    assert "libreoffice-writer-nogui" in findings[0].message
    assert not target.exists()


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `soffice` whose behaviour the test writes to `behaviour.sh` beside it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!/bin/sh
            # Find the macro's target folder; record the arguments and the fonts.conf we were given.
            while [ $# -gt 0 ]; do
              case "$1" in macro:*) outdir=$(printf '%s' "$1" | sed -e 's|.*,"file://||' -e 's|/input.pdf")$||');; esac
              echo "$1" >> {tmp_path}/args; shift
            done
            cat "$FONTCONFIG_FILE" > {tmp_path}/fonts.conf 2>/dev/null
            . {bin_dir}/behaviour.sh
            """
        )
    )
    script.chmod(0o755)
    (bin_dir / "behaviour.sh").write_text(
        'mkdir -p "$outdir"; echo "%PDF-1.7" > "$outdir/input.pdf"\n'
    )
    monkeypatch.setattr(
        shutil,
        "which",
        lambda name, *a, **k: str(script) if name == "soffice" else None,
    )
    return bin_dir


def test_success_replaces_target_and_includes_system_fonts(
    tmp_path: Path, fake_soffice: Path
) -> None:
    target = tmp_path / "说明.pdf"
    target.write_bytes(b"old")

    assert convert_to_pdf(fangsong_docx(tmp_path / "说明.docx"), target) == []

    assert target.read_bytes() == b"%PDF-1.7\n"
    fonts_conf = (tmp_path / "fonts.conf").read_text()
    assert fonts_conf.index("/etc/fonts/fonts.conf") < fonts_conf.index(
        str(DEFAULT_FONTS_CONF)
    )
    assert "-env:UserInstallation=file:///" in (tmp_path / "args").read_text()


def test_each_call_gets_its_own_profile(tmp_path: Path, fake_soffice: Path) -> None:
    source = fangsong_docx(tmp_path / "说明.docx")
    convert_to_pdf(source, tmp_path / "a.pdf")
    convert_to_pdf(source, tmp_path / "b.pdf")

    args = (tmp_path / "args").read_text().splitlines()
    profiles = [a for a in args if a.startswith("-env:UserInstallation=")]
    assert len(set(profiles)) == 2


def test_nonzero_exit_keeps_old_pdf(tmp_path: Path, fake_soffice: Path) -> None:
    (fake_soffice / "behaviour.sh").write_text(
        "echo 'Error: source file could not be loaded' >&2; exit 81\n"
    )
    target = tmp_path / "说明.pdf"
    target.write_bytes(b"old")

    findings = convert_to_pdf(fangsong_docx(tmp_path / "说明.docx"), target)

    assert codes(findings) == [("pdf-conversion-failed", Severity.ERROR)]
    assert findings[0].values["returncode"] == 81
    assert "could not be loaded" in findings[0].values["stderr"]
    assert target.read_bytes() == b"old"


def test_exit_zero_without_output_is_a_failure(
    tmp_path: Path, fake_soffice: Path
) -> None:
    (fake_soffice / "behaviour.sh").write_text("exit 0\n")

    findings = convert_to_pdf(
        fangsong_docx(tmp_path / "说明.docx"), tmp_path / "说明.pdf"
    )

    assert codes(findings) == [("pdf-conversion-failed", Severity.ERROR)]
    assert not (tmp_path / "说明.pdf").exists()


def test_timeout_kills_the_conversion(tmp_path: Path, fake_soffice: Path) -> None:
    # The sleep runs as a child of the script, as soffice.bin does under soffice.
    (fake_soffice / "behaviour.sh").write_text(
        f"sleep 30 & echo $! > {tmp_path}/pid; wait\n"
    )

    findings = convert_to_pdf(
        fangsong_docx(tmp_path / "说明.docx"), tmp_path / "说明.pdf", timeout=0.5
    )

    assert codes(findings) == [("pdf-conversion-failed", Severity.ERROR)]
    assert findings[0].values["timeout"] == 0.5
    assert not is_running(int((tmp_path / "pid").read_text()))


def is_running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return (
        "State:\tZ" not in status
    )  # a zombie has exited, its parent just has not reaped it


def test_missing_alias_file_warns_but_converts(
    tmp_path: Path, fake_soffice: Path
) -> None:
    target = tmp_path / "说明.pdf"

    findings = convert_to_pdf(
        fangsong_docx(tmp_path / "说明.docx"), target, fonts_conf=tmp_path / "无.conf"
    )

    assert codes(findings) == [("pdf-font-aliases-missing", Severity.WARNING)]
    assert target.exists()


@pytest.mark.parametrize("content", [b"", b"PK not really a zip"])
def test_input_that_is_not_a_docx_is_refused(
    tmp_path: Path, fake_soffice: Path, content: bytes
) -> None:
    source = tmp_path / "说明.docx"
    source.write_bytes(content)

    findings = convert_to_pdf(source, tmp_path / "说明.pdf")

    assert codes(findings) == [("pdf-conversion-failed", Severity.ERROR)]
    assert not (tmp_path / "args").exists()  # soffice was not started
