"""docx_io: the same content gives the same bytes; writes are all-or-nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import types
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from generator import files
from generator.docx_package import ask_word_to_update_fields, docx_bytes
from generator.files import write_atomically

REPO = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def template(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("单位名称：{{ name }}")
    # What Word leaves in a template: an author, a print date, a revision count.
    props = document.core_properties
    props.last_modified_by = "张三"
    props.last_printed = datetime(2024, 3, 1, 9, 30)
    props.revision = 7
    props.created = datetime(2023, 5, 6, 7, 8, 9)
    props.modified = datetime(2024, 3, 1, 9, 0)
    path = tmp_path / "模板.docx"
    document.save(str(path))
    return path


def render(template: Path, name: str = "某某市财政局") -> DocxTemplate:
    tpl = DocxTemplate(template)
    tpl.render({"name": name}, autoescape=True)
    return tpl


def test_same_content_gives_identical_bytes_that_open(template: Path) -> None:
    first = docx_bytes(render(template))
    second = docx_bytes(render(template))

    assert first == second
    texts = [p.text for p in docx.Document(io.BytesIO(first)).paragraphs]
    assert texts == ["单位名称：某某市财政局"]


def test_another_wall_clock_gives_identical_bytes(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def save_at(epoch: float) -> tuple[bytes, bytes]:
        # zipfile stamps each entry with time.localtime(time.time()).
        clock = types.SimpleNamespace(time=lambda: epoch, localtime=time.localtime)
        monkeypatch.setattr(zipfile, "time", clock)
        raw = io.BytesIO()
        render(template).save(raw)
        return raw.getvalue(), docx_bytes(render(template))

    raw_then, then = save_at(1_700_000_000)
    raw_now, now = save_at(1_800_000_000)

    assert raw_then != raw_now  # the plain save does vary ...
    assert then == now  # ... and docx_bytes removes the variation


def test_bytes_do_not_depend_on_the_hash_seed(template: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from docxtpl import DocxTemplate; "
        "from generator.docx_package import docx_bytes; "
        "t = DocxTemplate(sys.argv[1]); t.render({'name': '甲'}, autoescape=True); "
        "sys.stdout.buffer.write(docx_bytes(t))"
    )

    def run(seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        command = [sys.executable, "-c", script, str(template)]
        return subprocess.run(command, env=env, capture_output=True, check=True).stdout

    assert run("1") == run("2")


def test_zip_entries_and_core_properties_are_fixed(template: Path) -> None:
    when = datetime(2024, 12, 31, 23, 59, 59, tzinfo=UTC)
    data = docx_bytes(render(template), timestamp=when)

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {(i.date_time, i.compress_type, i.external_attr) for i in infos} == {
        ((1980, 1, 1, 0, 0, 0), zipfile.ZIP_DEFLATED, 0o644 << 16)
    }
    # Read core.xml itself: with docxcompose imported (docxtpl's subdoc extra), python-docx
    # maps the "cp" prefix to another namespace and misreads revision/lastModifiedBy.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
    children = {etree.QName(e).localname: e.text for e in core}
    assert (children["created"], children["modified"]) == ("2024-12-31T23:59:59Z",) * 2
    assert children["revision"] == "1"
    assert "lastModifiedBy" not in children and "lastPrinted" not in children
    assert [etree.QName(e).namespace for e in core if etree.QName(e).localname == "revision"] == [
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    ]


def test_timestamp_changes_only_the_dates(template: Path) -> None:
    default = docx_bytes(render(template))
    other = docx_bytes(render(template), timestamp=datetime(2024, 12, 31))

    assert default != other
    assert docx.Document(io.BytesIO(default)).core_properties.created == datetime(
        2000, 1, 1, tzinfo=UTC
    )


def test_plain_python_docx_document_is_accepted() -> None:
    document = docx.Document()
    document.add_paragraph("一般公共预算财政拨款")

    assert docx_bytes(document) == docx_bytes(document)


def update_fields(data: bytes) -> list[str | None]:
    document = docx.Document(io.BytesIO(data))
    return [
        e.get(f"{W}val") for e in document.settings.element.iter(f"{W}updateFields")
    ]


def test_update_fields_is_set_once(template: Path) -> None:
    tpl = render(template)
    ask_word_to_update_fields(tpl)
    ask_word_to_update_fields(tpl)

    assert update_fields(docx_bytes(tpl)) == ["true"]
    assert (
        "某某市财政局" in docx.Document(io.BytesIO(docx_bytes(tpl))).paragraphs[0].text
    )


def test_update_fields_before_render_survives_render(template: Path) -> None:
    tpl = DocxTemplate(template)
    ask_word_to_update_fields(tpl)
    tpl.render({"name": "乙"}, autoescape=True)

    data = docx_bytes(tpl)
    assert update_fields(data) == ["true"]
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "单位名称：乙"


def test_write_atomically_creates_parents_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "输出" / "2024" / "说明.docx"
    write_atomically(target, b"old")
    write_atomically(target, b"new")

    assert target.read_bytes() == b"new"
    assert os.listdir(target.parent) == ["说明.docx"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~files._UMASK


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_keeps_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "说明.pdf"
    target.write_bytes(b"old")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"new" * 1000)

    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["说明.pdf"]
