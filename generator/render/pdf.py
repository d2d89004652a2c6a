"""PDF output: convert a .docx with LibreOffice headless.

Each call gets its own temporary folder holding a fresh LibreOffice user
profile (two soffice processes sharing a profile block or fail, so parallel
conversions need one each), the input under a fixed name (so the
output's name is known and no path can be misread as an option) and a
fonts.conf that adds our CJK font aliases to the system fontconfig setup.

The folders live under one root, <tmp>/juesuan-<uid>/, named as generator.files
names its temporaries (.pdf.juesuan-<pid>-<random>.tmp): a run killed during a
conversion leaves its folder behind, and the next conversion removes the folders
of runs that no longer live (files.remove_stale_temporaries).

`pdf_of` converts bytes and writes nothing, so that `generate --pdf` can replace
the .docx and the .pdf together (files.write_together).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.files import remove_stale_temporaries, write_atomically
from generator.findings import Finding, Location, emit
from generator.render.shipped import fonts_conf

# Ships with the templates (templates/fonts/, installed as generator.templates).
DEFAULT_FONTS_CONF = fonts_conf()
_SYSTEM_FONTS_CONF = Path("/etc/fonts/fonts.conf")
_STDERR_TAIL = 2000  # characters of soffice output kept in a finding

_INSTALL_HINT = "Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-liberation"


def find_office() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(
    docx_path: Path,
    pdf_path: Path,
    timeout: float = 120,
    fonts_conf: Path | None = None,
) -> list[Finding]:
    """Convert `docx_path` to `pdf_path`; [] on success, otherwise findings.

    `pdf_path` is replaced atomically and only when the conversion succeeded.
    `fonts_conf` is a fontconfig file of font aliases (default: the shipped
    templates/fonts/fontconfig-cjk.conf); when it is missing the PDF is still
    made, with a warning, because CJK text then falls back to a default face.
    """
    where = Location(file=str(docx_path))
    try:
        data = docx_path.read_bytes()
    except OSError:
        data = b""
    produced, findings = pdf_of(data, where, timeout, fonts_conf)
    if produced is not None:
        write_atomically(pdf_path, produced)
    return findings


def pdf_of(data: bytes, where: Location, timeout: float = 120, fonts_conf: Path | None = None) -> tuple[bytes | None, list[Finding]]:
    """The PDF of the .docx DATA, by LibreOffice; (None, findings) when it cannot be made. Writes nothing of ours."""
    office = find_office()
    if office is None:
        return None, [
            emit("libreoffice-missing", where, install=_INSTALL_HINT)
        ]
    if not _is_docx(data):
        return None, [emit("pdf-conversion-failed", where, returncode=None, stderr="", problem="不是有效的 .docx 文件")]
    aliases = DEFAULT_FONTS_CONF if fonts_conf is None else fonts_conf
    findings: list[Finding] = []
    if not aliases.is_file():
        findings.append(
            emit("pdf-font-aliases-missing", Location(file=str(aliases)), fonts_conf=str(aliases))
        )
    with work_folder() as work:
        source = work / "input.docx"
        source.write_bytes(data)
        env = dict(os.environ)
        if aliases.is_file():
            env["FONTCONFIG_FILE"] = str(_write_fonts_conf(work, aliases))
        returncode, stderr = _run(_command(office, work, source), env, timeout)
        produced = work / "out" / "input.pdf"
        if returncode != 0 or not _nonempty(produced):
            findings.append(_conversion_failed(where, returncode, stderr, timeout))
            return None, findings
        return produced.read_bytes(), findings


def work_root() -> Path:
    """<tmp>/juesuan-<uid>: where every conversion's folder is made (one per user: others cannot clean ours)."""
    return Path(tempfile.gettempdir()) / f"juesuan-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


_cleaned_roots: set[str] = set()


@contextmanager
def work_folder() -> Iterator[Path]:
    """A fresh folder for one conversion, removed afterwards; stale ones of killed runs are removed first."""
    root = work_root()
    root.mkdir(mode=0o700, exist_ok=True)
    if str(root) not in _cleaned_roots:
        _cleaned_roots.add(str(root))
        remove_stale_temporaries(root)
    work = Path(tempfile.mkdtemp(dir=root, prefix=f".pdf.juesuan-{os.getpid()}-", suffix=".tmp"))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)  # a killed soffice may still hold files in the profile


def _command(office: str, work: Path, source: Path) -> list[str]:
    """soffice running our macro (_MACRO): load SOURCE, update its 目录 and other indexes, export work/out/input.pdf.

    `--convert-to pdf` exports the 目录 as the .docx caches it, without page numbers; Word
    updates it on F9, LibreOffice only when asked, which the macro does.
    """
    (work / "out").mkdir(exist_ok=True)
    _write_profile(work / "profile")
    target = work / "out" / "input.pdf"
    return [
        office,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        f'macro:///Standard.Juesuan.ToPdf("{source.as_uri()}","{target.as_uri()}")',
    ]


# The macro library of a fresh profile, and the settings that stop LibreOffice from replacing it with
# its presets on a first start (ooSetupInstCompleted) or greeting a first run.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Juesuan" script:language="StarBasic">
Sub ToPdf(source As String, target As String)
  Dim load(1) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  REM Without the filter a damaged file would be imported as plain text and &quot;succeed&quot;.
  load(1).Name = &quot;FilterName&quot;
  load(1).Value = &quot;MS Word 2007 XML&quot;
  doc = StarDesktop.loadComponentFromURL(source, &quot;_blank&quot;, 0, load())
  If IsNull(doc) Then Exit Sub
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(target, store())
  doc.close(True)
End Sub
</script:module>
"""
_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
{elements}</library:library>
"""
_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def _write_profile(profile: Path) -> None:
    basic = profile / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    for name in ("script.xlc", "dialog.xlc"):
        (basic / name).write_text(_LIBRARIES.replace("libraries.dtd", "libraries.dtd"), encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(_LIBRARY.format(elements=' <library:element library:name="Juesuan"/>\n'), encoding="utf-8")
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(elements=""), encoding="utf-8")
    (basic / "Standard" / "Juesuan.xba").write_text(_MACRO, encoding="utf-8")
    (profile / "user" / "registrymodifications.xcu").write_text(_SETTINGS, encoding="utf-8")


def _write_fonts_conf(work: Path, aliases: Path) -> Path:
    # Include the fontconfig setup in force (font dirs, caches, system rules),
    # then our aliases, so they are applied last.
    system = Path(os.environ.get("FONTCONFIG_FILE") or _SYSTEM_FONTS_CONF)
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        f'  <include ignore_missing="yes">{_xml_text(system.resolve())}</include>\n'
        f'  <include ignore_missing="no">{_xml_text(aliases.resolve())}</include>\n'
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def _xml_text(path: Path) -> str:
    return str(path).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(
    command: list[str], env: dict[str, str], timeout: float
) -> tuple[int | None, str]:
    """Run soffice; its exit code (None when it timed out) and the tail of its stderr."""
    # A new session, so a timeout can kill soffice.bin too: the soffice script
    # starts it as a grandchild, which would keep running (and keep our pipe
    # open, blocking communicate()) if only the direct child were killed.
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        return None, _tail(stderr)
    return process.returncode, _tail(stderr)


def _conversion_failed(
    where: Location, returncode: int | None, stderr: str, timeout: float
) -> Finding:
    last_line = next(reversed(stderr.strip().splitlines()), "")
    if returncode is None:
        return emit("pdf-conversion-failed", where, timeout=timeout, stderr=stderr, problem=f"LibreOffice 在 {timeout:g} 秒内未完成转换，已终止")
    if returncode == 0:
        problem = "LibreOffice 未写出 PDF 文件" + (f"（{last_line}）" if last_line else "")
    else:
        problem = f"LibreOffice 转换失败（退出码 {returncode}）" + (f"：{last_line}" if last_line else "")
    return emit("pdf-conversion-failed", where, returncode=returncode, stderr=stderr, problem=problem)


def _tail(output: bytes) -> str:
    return output.decode("utf-8", errors="replace")[-_STDERR_TAIL:]


def _is_docx(data: bytes) -> bool:
    # soffice turns an empty file into an empty PDF without complaint.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _nonempty(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0
