"""The package ships everything a non-editable install needs, and templates are chosen by name or path."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from generator.findings import Location
from generator.render.shipped import (
    SHIPPED,
    default_template,
    fonts_conf,
    resolve_template,
    self_evaluation_template,
    template_dir,
)

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject():
    """pyproject lists its packages (templates/ maps onto generator.templates); a new subpackage must be added."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "generator").rglob("__init__.py") if "__pycache__" not in p.parts
    }
    assert on_disk | {"generator.templates"} == listed


def test_package_data_covers_the_shipped_files():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {"generator.templates": "templates"}
    patterns = config["package-data"]["generator.templates"]
    shipped = [p.relative_to(ROOT / "templates") for p in (ROOT / "templates").rglob("*") if p.suffix in (".docx", ".conf", ".yaml")]
    assert shipped
    assert all(any(path.match(pattern) for pattern in patterns) for path in shipped)


def test_shipped_files_are_found():
    assert template_dir().resolve() == (ROOT / "templates").resolve()
    assert default_template().is_file() and self_evaluation_template().is_file() and fonts_conf().is_file()


def test_a_name_picks_a_shipped_template():
    path, findings = resolve_template("xinjiang-2024")
    assert findings == [] and path == template_dir() / SHIPPED["xinjiang-2024"]


def test_a_path_picks_a_file(tmp_path):
    own = tmp_path / "本省模板.docx"
    own.write_bytes(default_template().read_bytes())
    assert resolve_template(str(own)) == (own, [])


def test_the_cover_decides_when_no_option_is_given(tmp_path):
    where = Location(file="决算数据.xlsx", sheet="封面", cell="B9")
    assert resolve_template(None, "xinjiang-2024", where) == (template_dir() / "disclosure.docx", [])
    assert resolve_template(None, "", where) == (default_template(), [])
    path, findings = resolve_template(None, "不存在的模板", where)
    assert path is None and [(f.code, f.location) for f in findings] == [("template-missing", where)]


@pytest.mark.parametrize("choice", ["no-such-template", "missing/模板.docx"])
def test_an_unknown_choice_is_a_finding(choice):
    path, findings = resolve_template(choice, "shanghai-2024")
    assert path is None and [f.code for f in findings] == ["template-missing"]


def test_the_cover_cell_chooses_the_template(kit, tmp_path):
    from generator import api

    values = kit.consistent_2024()
    kit.set_value(values, "封面", "公开模板", "内容", "没有这个模板")
    folder = kit.write_unit(tmp_path, values)
    result = api.generate(folder, output=tmp_path / "out.docx")
    assert not result.ok
    assert kit.located(f for f in result.findings if f.code == "template-missing") == [("template-missing", "封面", "B9")]
    assert api.generate(folder, output=tmp_path / "out.docx", template="xinjiang-2024").ok  # the option wins


def test_check_names_a_template_that_does_not_exist(kit, tmp_path):
    from generator import api

    folder = kit.write_unit(tmp_path, kit.consistent_2024())
    checked = api.check_folder(folder, api.threshold_settings(None, "shanghai-2O24"))  # letter O for zero
    assert [(f.code, f.location.field) for f in checked.findings if f.code == "template-missing"] == [("template-missing", "--template")]
    assert not [f for f in api.check_folder(folder, api.threshold_settings(None, "shanghai-2024")).findings if f.code == "template-missing"]
    values = kit.consistent_2024()
    kit.set_value(values, "封面", "公开模板", "内容", "没有这个模板")
    other = kit.write_unit(tmp_path / "b", values)
    assert kit.located(f for f in api.check_folder(other).findings if f.code == "template-missing") == [("template-missing", "封面", "B9")]
    forced = api.generate(other, output=tmp_path / "out.docx", force=True)  # named once, not again by the render
    assert not forced.ok and [f.code for f in forced.findings].count("template-missing") == 1
