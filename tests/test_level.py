"""部门决算 or 单位决算: --level 单位 (or the 单位 template) words every template as a 单位 document, and
`check` names 部门 wording a person wrote into a 单位决算."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.render.dump import document_lines
from generator.render.manifest import template_kit
from generator.render.shipped import shipped_template

EXAMPLE = Path("inputs/shanghai-example/2024")
G = layout.GPB.name


def test_the_level_follows_the_option_then_the_template_manifest() -> None:
    def kit(name: str) -> Any:
        return template_kit(shipped_template(name))

    assert api.document_level(None, None) == "部门"
    assert api.document_level(None, kit("shanghai-2024-unit")) == "单位"
    assert api.document_level(None, kit("shanghai-2024")) == "部门"
    assert api.document_level(None, kit("xinjiang-2024")) == "部门"
    assert api.document_level("部门", kit("shanghai-2024-unit")) == "部门"
    assert api.document_level("单位", kit("xinjiang-2024")) == "单位"
    assert api.document_level("其他", kit("shanghai-2024")) == "部门"


def lines_of(tmp_path: Path, template: str, level: str | None = None, folder: Path = EXAMPLE) -> list[str]:
    out = tmp_path / f"{template}-{level}.docx"
    result = api.generate(folder, output=out, template=template, level=level)
    assert result.ok, [str(f) for f in result.findings]
    return document_lines(out, tables=True)


def assert_unit_document(lines: list[str]) -> None:
    text = "\n".join(lines)
    for word in ("部门决算", "本部门", "单位构成"):
        assert word not in text, [line for line in lines if word in line][:3]
    assert "单位决算" in text


@pytest.mark.parametrize(("template", "level"), [("shanghai-2024-unit", None), ("shanghai-2024", "单位"), ("xinjiang-2024", "单位")])
def test_a_unit_document_reads_as_one_throughout(tmp_path: Path, template: str, level: str | None) -> None:
    lines = lines_of(tmp_path, template, level)
    assert_unit_document(lines)
    if template.startswith("shanghai"):
        assert "2024年度单位决算" in lines and "二、机构设置" in lines
        assert sum(line.startswith("注：本表反映单位本年度") for line in lines) == 9


def test_the_department_template_keeps_its_wording_by_default(tmp_path: Path) -> None:
    text = "\n".join(lines_of(tmp_path, "shanghai-2024"))
    assert "2024年度部门决算" in text and "二、部门决算单位构成" in text and "年度单位决算" not in text


def test_department_wording_a_person_wrote_is_named_in_a_unit_document(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101599", layout.REASON, "本部门上年项目较多，本年项目减少。")
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    unit = api.check_folder(folder, api.threshold_settings(None, level="单位"))
    assert [(f.code, f.location.sheet, f.location.cell) for f in unit.findings if f.code == "level-wording-mixed"] == [
        ("level-wording-mixed", G, "G27")
    ]
    department = api.check_folder(folder, api.threshold_settings(None))
    assert not [f for f in department.findings if f.code == "level-wording-mixed"]


UNIT = Path("inputs/shanghai-example/上海市示范区文化馆/2024")


def test_the_example_culture_centre_is_a_unit_document_that_checks_clean(tmp_path: Path) -> None:
    """The 上海 example's 文化馆 publishes its own 单位决算: its 封面 names the 单位 template."""
    checked = api.check_folder(UNIT)
    assert not [f for f in checked.findings if f.severity.value in ("error", "warning")], [str(f) for f in checked.findings]
    out = tmp_path / "文化馆.docx"
    assert api.generate(UNIT, output=out).ok
    lines = document_lines(out, tables=True)
    assert_unit_document(lines)
    assert "上海市示范区文化馆2024年度无“三公”经费财政拨款支出。" in lines


def test_batch_of_the_department_folder_writes_the_department_and_the_unit_document(tmp_path: Path) -> None:
    from generator.batch import run_batch

    result = run_batch(Path("inputs/shanghai-example"), tmp_path, jobs=1)
    written = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert len(written) == 2, (written, result)
    texts = {name: "\n".join(document_lines(tmp_path / name)) for name in written}
    department = next(t for t in texts.values() if "上海市示范区文化旅游局" in t.splitlines()[0])
    unit = next(t for t in texts.values() if t.splitlines()[0] == "上海市示范区文化馆")
    assert "2024年度部门决算" in department and "二、部门决算单位构成" in department
    assert_unit_document(unit.splitlines())
