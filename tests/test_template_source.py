"""Where a template may come from (issue 20): a shipped name, a path on the command line, or — from the
封面 cell 公开模板, which is part of the data — only a shipped name or a file inside the data folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.findings import Finding
from generator.render.shipped import default_template, resolve_template, shipped_template

COVER = layout.COVER.name


def folder_with_cover(tmp_path: Path, kit: Any, choice: str) -> Path:
    values = kit.consistent_2024()
    kit.set_value(values, COVER, "公开模板", layout.CONTENT, choice)
    return kit.write_unit(tmp_path / "data", values)


def at_cover(findings: tuple[Finding, ...] | list[Finding]) -> list[tuple[str, str | None, bool]]:
    """(code, sheet, has a cell) of the template findings."""
    return [(f.code, f.location.sheet, bool(f.location.cell)) for f in findings if f.code.startswith("template-")]


def test_a_relative_cover_path_is_read_from_the_data_folder_not_the_current_directory(
    tmp_path: Path, kit: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_with_cover(tmp_path, kit, "本单位模板.docx")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    (elsewhere / "本单位模板.docx").write_bytes(default_template().read_bytes())
    monkeypatch.chdir(elsewhere)
    assert at_cover(api.check_folder(folder).findings) == [("template-missing", COVER, True)]
    (folder / "本单位模板.docx").write_bytes(shipped_template("shanghai-2024").read_bytes())
    assert at_cover(api.check_folder(folder).findings) == []
    path, findings = resolve_template(None, "本单位模板.docx", None, folder)
    assert findings == [] and path == folder / "本单位模板.docx"


@pytest.mark.parametrize("escape", ["../outside.docx", "sub/../../outside.docx", "ABSOLUTE"])
def test_a_cover_path_leaving_the_folder_is_refused_at_the_cell(tmp_path: Path, kit: Any, escape: str) -> None:
    outside = tmp_path / "data" / "unit" / "outside.docx"
    choice = str(outside) if escape == "ABSOLUTE" else escape
    folder = folder_with_cover(tmp_path, kit, choice)
    outside.write_bytes(default_template().read_bytes())
    checked = api.check_folder(folder)
    assert at_cover(checked.findings) == [("template-outside-folder", COVER, True)]
    out = tmp_path / "out.docx"
    generated = api.generate(folder, output=out, force=True)
    assert not generated.ok and not out.exists()


def test_a_symlink_leaving_the_folder_is_refused(tmp_path: Path, kit: Any) -> None:
    folder = folder_with_cover(tmp_path, kit, "link.docx")
    target = tmp_path / "elsewhere.docx"
    target.write_bytes(default_template().read_bytes())
    os.symlink(target, folder / "link.docx")
    assert at_cover(api.check_folder(folder).findings) == [("template-outside-folder", COVER, True)]


def test_a_symlink_inside_the_folder_is_followed(tmp_path: Path, kit: Any) -> None:
    folder = folder_with_cover(tmp_path, kit, "link.docx")
    (folder / "real.docx").write_bytes(default_template().read_bytes())
    os.symlink(folder / "real.docx", folder / "link.docx")
    assert at_cover(api.check_folder(folder).findings) == []


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken", "XLSX"])
def test_a_cover_template_that_is_not_a_docx_fails_check_at_the_cell(tmp_path: Path, kit: Any, content: bytes | str) -> None:
    folder = folder_with_cover(tmp_path, kit, "模板.docx")
    data = (folder / layout.WORKBOOK).read_bytes() if content == "XLSX" else content
    assert isinstance(data, bytes)
    (folder / "模板.docx").write_bytes(data)
    assert at_cover(api.check_folder(folder).findings) == [("template-unreadable", COVER, True)]


def test_the_command_line_may_name_a_template_anywhere(tmp_path: Path, kit: Any) -> None:
    folder = folder_with_cover(tmp_path, kit, "")
    own = tmp_path / "elsewhere" / "本省模板.docx"
    own.parent.mkdir()
    own.write_bytes(default_template().read_bytes())
    assert resolve_template(str(own), "", None, folder) == (own, [])
    out = tmp_path / "out.docx"
    assert api.generate(folder, output=out, template=own, force=True).ok


def test_a_shipped_name_in_the_cover_needs_no_file(tmp_path: Path, kit: Any) -> None:
    folder = folder_with_cover(tmp_path, kit, "shanghai-2024")
    assert resolve_template(None, "shanghai-2024", None, folder) == (shipped_template("shanghai-2024"), [])
