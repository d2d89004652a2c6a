"""部门决算 or 单位决算: --level 单位 (or a template whose manifest says 层级: 单位) words every template as a
单位 document, and `check` names 部门 wording a person wrote into a 单位决算."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import api, layout
from generator.render.dump import document_lines
from generator.render.manifest import template_kit
from generator.render.shipped import shipped_template

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "shanghai-example" / "2024"
UNIT = ROOT / "inputs" / "shanghai-example" / "上海市示范区文化馆" / "2024"
G = layout.GPB.name
# 部门 in a 单位决算 only where it names someone else: the 财政部门 (名词解释), a project's 主管部门 (自评表).
OTHERS = re.compile("财政部门|主管部门")


def test_the_level_follows_the_option_then_the_template_manifest() -> None:
    def kit(name: str) -> Any:
        return template_kit(shipped_template(name))

    assert api.document_level(None, None) == "部门"
    assert api.document_level(None, kit("shanghai-2024-unit")) == "单位"
    assert api.document_level(None, kit("shanghai-2024")) == "部门"
    assert api.document_level(None, kit("xinjiang-2024")) == "部门"
    # a template that sets its own level writes it whatever is asked (check names the request: level-template-mismatch)
    assert api.document_level("部门", kit("shanghai-2024-unit"), "部门") == "单位"
    assert api.document_level("单位", kit("shanghai-2024"), "部门") == "单位"
    assert api.document_level("单位", kit("xinjiang-2024")) == "单位"
    assert api.document_level("其他", kit("shanghai-2024")) == "部门"


def lines_of(tmp_path: Path, template: str | None, level: str | None = None, folder: Path = EXAMPLE) -> list[str]:
    out = tmp_path / f"{template}-{level}.docx"
    result = api.generate(folder, output=out, template=template, level=level)
    assert result.ok, [str(f) for f in result.findings]
    return document_lines(out, tables=True)


def assert_unit_document(lines: list[str]) -> None:
    """No 部门 self-reference anywhere: 部门 only where it names someone else."""
    text = "\n".join(lines)
    assert "单位决算" in text
    for word in ("单位构成", "所属各预算单位"):
        assert word not in text, [line for line in lines if word in line][:3]
    mixed = [line for line in lines if "部门" in OTHERS.sub("", line)]
    assert mixed == []


@pytest.mark.parametrize(("template", "level"), [("shanghai-2024-unit", None), ("shanghai-2024", "单位"), ("xinjiang-2024", "单位")])
def test_a_unit_document_reads_as_one_throughout(tmp_path: Path, template: str, level: str | None) -> None:
    lines = lines_of(tmp_path, template, level, UNIT)
    assert_unit_document(lines)
    if template.startswith("shanghai"):
        assert "2024年度单位决算" in lines and "二、机构设置" in lines
        assert sum(line.startswith("注：本表反映单位本年度") for line in lines) == 9
    else:
        assert "上海市示范区文化馆2024年度单位决算公开说明" in lines and "第二部分　单位决算情况说明" in lines


def test_a_department_folder_under_the_unit_level_has_no_composition_table(tmp_path: Path) -> None:
    """The 局 has units (a 部门决算单位构成 table); worded as a 单位决算 it states its 机构设置 instead."""
    text = "\n".join(lines_of(tmp_path, "shanghai-2024", "单位"))
    assert "单位构成" not in text and "二、机构设置" in text and "本部门" not in text and "年度部门决算" not in text


def test_the_department_template_keeps_its_wording_by_default(tmp_path: Path) -> None:
    text = "\n".join(lines_of(tmp_path, "shanghai-2024"))
    assert "2024年度部门决算" in text and "二、部门决算单位构成" in text and "年度单位决算" not in text
    assert "所属各预算单位开支财政拨款的公务用车保有量" in text


@pytest.mark.parametrize(
    ("reason", "named"),
    [
        ("本部门上年项目较多，本年项目减少。", ["本部门"]),
        ("按部门预算批复执行，本年项目减少。", ["部门预算"]),
        ("按财政部门预算批复执行，本年项目减少。", []),  # the 财政部门's 预算: someone else's
        ("主管部门决算审核后调减，本年项目减少。", []),
        ("本单位上年项目较多，本年项目减少。", []),
    ],
)
def test_department_wording_a_person_wrote_is_named_in_a_unit_document(kit: Any, tmp_path: Path, reason: str, named: list[str]) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101599", layout.REASON, reason)
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    unit = api.check_folder(folder, api.threshold_settings(None, level="单位"))
    found = [f for f in unit.findings if f.code == "level-wording-mixed"]
    assert [(f.location.sheet, f.location.cell, f.values["found"]) for f in found] == [(G, "G27", word) for word in named]
    department = api.check_folder(folder, api.threshold_settings(None))
    assert not [f for f in department.findings if f.code == "level-wording-mixed"]


def test_the_unit_template_makes_check_read_for_the_unit_level(kit: Any, tmp_path: Path) -> None:
    """No --level: the template's manifest (层级: 单位) makes the check a 单位决算's, named by option or 封面."""
    values = kit.consistent_2024()
    kit.set_value(values, G, "2101599", layout.REASON, "本部门上年项目较多，本年项目减少。")
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    by_option = api.check_folder(folder, api.threshold_settings(None, template="shanghai-2024-unit"))
    assert [f.location.cell for f in by_option.findings if f.code == "level-wording-mixed"] == ["G27"]
    # --level 部门 cannot make the unit template write a 部门决算: the request is named, the check stays the 单位's
    asked = api.check_folder(folder, api.threshold_settings(None, template="shanghai-2024-unit", level="部门"))
    assert [f.location.cell for f in asked.findings if f.code == "level-wording-mixed"] == ["G27"]
    assert [(f.location.field, f.values) for f in asked.findings if f.code == "level-template-mismatch"] == [
        ("--level", {"asked": "部门", "written": "单位", "template": "shanghai-2024-unit"})
    ]
    assert not [f for f in by_option.findings if f.code == "level-template-mismatch"]


def test_a_cover_that_says_department_with_the_unit_template_is_named_at_its_cell(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, layout.COVER.name, "决算层级", layout.CONTENT, "部门")
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    checked = api.check_folder(folder, api.threshold_settings(None, template="shanghai-2024-unit"))
    found = [f for f in checked.findings if f.code == "level-template-mismatch"]
    assert [(f.location.sheet, f.values["asked"]) for f in found] == [(layout.COVER.name, "部门")] and found[0].location.cell
    assert "shanghai-2024-unit" in found[0].message
    # the templates that take the level they are given: nothing to name
    for template in ("shanghai-2024", "xinjiang-2024"):
        plain = api.check_folder(folder, api.threshold_settings(None, template=template))
        assert not [f for f in plain.findings if f.code == "level-template-mismatch"]


C = layout.COVER.name


def test_the_cover_says_the_level_when_no_option_does(kit: Any, tmp_path: Path) -> None:
    """封面「决算层级」单位: the default template words a 单位决算 and check reads the texts as a 单位's; --level still wins."""
    values = kit.consistent_2024()
    kit.set_value(values, C, "决算层级", layout.CONTENT, "单位")
    kit.set_value(values, G, "2101599", layout.REASON, "本部门上年项目较多，本年项目减少。")
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    checked = api.check_folder(folder)
    assert [f.location.cell for f in checked.findings if f.code == "level-wording-mixed"] == ["G27"]
    out = tmp_path / "单位.docx"
    assert api.generate(folder, output=out, force=True).ok
    assert document_lines(out)[0].endswith("年度单位决算公开说明")
    assert api.generate(folder, output=out, force=True, level="部门").ok
    assert document_lines(out)[0].endswith("年度部门决算公开说明")
    # over a template's own level too: the 上海 部门 template worded as a 单位决算
    assert api.generate(folder, output=out, force=True, template="shanghai-2024").ok
    assert "2024年度单位决算" in document_lines(out)


def test_a_cover_level_that_is_neither_is_named_and_not_used(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, C, "决算层级", layout.CONTENT, "省级")
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    checked = api.check_folder(folder)
    assert [(f.code, f.location.sheet, f.values["stated"]) for f in checked.findings if f.code == "cover-level-unknown"] == [
        ("cover-level-unknown", C, "省级")
    ]
    assert checked.figures is not None and checked.figures.base.unit.cover.level == ""
    out = tmp_path / "部门.docx"
    assert api.generate(folder, output=out, force=True).ok
    assert document_lines(out)[0].endswith("年度部门决算公开说明")


def test_init_from_carries_the_cover_level(tmp_path: Path) -> None:
    from generator.load.folder import load

    target = tmp_path / "文化馆" / "2025"
    api.init_folder(target, UNIT)
    loaded, _ = load(target)
    assert loaded is not None and loaded.current.cover.level == "单位"


def test_the_level_option_of_the_command_line(kit: Any, tmp_path: Path) -> None:
    from generator.cli import main

    values = kit.consistent_2024()
    kit.set_value(values, G, "2101599", layout.REASON, "本部门上年项目较多，本年项目减少。")
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())

    def codes(*args: str) -> list[str]:
        result = CliRunner().invoke(main, [*args, "--format", "json"])
        return [f["code"] for f in json.loads(result.output)["findings"] if f["code"] == "level-wording-mixed"]

    assert codes("check", str(folder), "--level", "单位") == ["level-wording-mixed"]
    assert codes("check", str(folder)) == []
    out = tmp_path / "单位.docx"
    assert codes("generate", str(folder), "-o", str(out), "--level", "单位") == ["level-wording-mixed"]
    assert "年度单位" in document_lines(out)[0]


# --- the 上海 example's 文化馆: its own 单位决算 -------------------------------------------------------


def test_the_example_culture_centre_is_a_unit_document_that_checks_clean(tmp_path: Path) -> None:
    """Its 封面 names the 单位 template: check and generate find nothing, and the document is a 单位's throughout."""
    checked = api.check_folder(UNIT)
    assert checked.findings == (), [str(f) for f in checked.findings]
    out = tmp_path / "文化馆.docx"
    generated = api.generate(UNIT, output=out)
    assert generated.ok and generated.findings == (), [str(f) for f in generated.findings]
    lines = document_lines(out, tables=True)
    assert_unit_document(lines)
    assert "上海市示范区文化馆2024年度无“三公”经费财政拨款支出。" in lines


@pytest.mark.parametrize(("template", "level"), [("shanghai-2024-unit", None), ("xinjiang-2024", "单位")])
def test_verify_reads_the_culture_centre_as_a_unit_document(tmp_path: Path, template: str, level: str | None) -> None:
    """verify reads the document on its own (the default template breaks its title "…单位\n决算公开说明"):
    no 部门 wording in the generated one; one written in is named."""
    from docx import Document

    from generator.verify import verify_document
    from generator.verify.audit import State

    out = tmp_path / "文化馆.docx"
    assert api.generate(UNIT, output=out, template=template, level=level).ok
    findings, coverage = verify_document(out)
    assert [f.code for f in findings if f.code == "doc-unit-wording"] == []
    assert next(o.state for o in coverage if o.rule == "unit-wording") is State.PASSED
    doc = Document(str(out))
    target = next(p for p in doc.paragraphs if "事业收入150.00万元" in p.text and "。" in p.text)
    target.runs[-1].text += "本部门收入主要来自财政拨款。"
    edited = tmp_path / "改过的.docx"
    doc.save(str(edited))
    findings, _ = verify_document(edited)
    assert [f.code for f in findings if f.code == "doc-unit-wording"] == ["doc-unit-wording"]


def test_batch_of_the_department_folder_writes_the_department_and_the_unit_document(tmp_path: Path) -> None:
    from generator.api import run_batch

    result = run_batch(ROOT / "inputs" / "shanghai-example", tmp_path, jobs=1)
    written = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert len(written) == 2, (written, result)
    texts = {name: document_lines(tmp_path / name) for name in written}
    department = next(t for t in texts.values() if t[0] == "上海市示范区文化旅游局")
    unit = next(t for t in texts.values() if t[0] == "上海市示范区文化馆")
    assert "2024年度部门决算" in department and "二、部门决算单位构成" in department
    assert_unit_document(unit)


def test_batch_level_words_every_unit_at_that_level(tmp_path: Path) -> None:
    from generator.api import run_batch

    run_batch(ROOT / "inputs" / "shanghai-example", tmp_path, jobs=1, level="单位")
    for path in tmp_path.glob("*.docx"):
        assert document_lines(path)[1] == "2024年度单位决算"


@pytest.mark.parametrize(("template", "level"), [("shanghai-2024-unit", None), ("xinjiang-2024", "单位")])
def test_verify_with_data_compares_a_unit_document_with_the_unit_document(tmp_path: Path, template: str, level: str | None) -> None:
    """verify --data renders the folder at the document's own level: a figure changed in Word is found."""
    from docx import Document

    out = tmp_path / "文化馆.docx"
    assert api.generate(UNIT, output=out, template=template, level=level).ok
    clean, _ = api.verify_document(out, UNIT)
    assert [f.code for f in clean if f.severity.value != "info"] == []
    doc = Document(str(out))
    paragraph = next(p for p in doc.paragraphs if "事业收入150.00万元" in p.text and "。" in p.text)
    for run_ in paragraph.runs:
        run_.text = run_.text.replace("事业收入150.00万元", "事业收入160.00万元")
    edited = tmp_path / "改过的.docx"
    doc.save(str(edited))
    findings, _ = api.verify_document(edited, UNIT)
    assert "doc-data-mismatch" in {f.code for f in findings}


def money_heads(path: Path) -> list[str]:
    """The 整体支出 table's 资金 head cells (部门资金 or 单位资金) of a generated .docx."""
    return [line for line in document_lines(path, tables=True) if re.search("(部门|单位)资金", line.replace("\n", ""))]


@pytest.mark.parametrize(("level", "words"), [(None, "部门资金"), ("单位", "单位资金")])
def test_the_unit_self_evaluation_table_names_the_documents_money(tmp_path: Path, level: str | None, words: str) -> None:
    """The appended 单位整体支出绩效自评表 says 部门资金 in a 部门决算, 单位资金 in a 单位决算: in the disclosure and alone."""
    for only in (None, "self-evaluation"):
        out = tmp_path / f"{only}.docx"
        assert api.generate(EXAMPLE, output=out, template="xinjiang-2024" if only is None else None, level=level, only=only).ok
        heads = "".join(money_heads(out)).replace("\n", "")
        assert words in heads and ({"部门资金", "单位资金"} - {words}).pop() not in heads


def test_the_cover_level_names_the_self_evaluation_money_without_the_option(tmp_path: Path) -> None:
    """封面「决算层级」单位 (the 文化馆's) with a 整体支出 table: 单位资金, in the disclosure and in --only self-evaluation."""
    folder = tmp_path / "文化馆" / "2024"
    folder.mkdir(parents=True)
    for name in (layout.WORKBOOK, "功能分类科目.csv", "文字说明.yaml"):
        shutil.copy(UNIT / name, folder / name)
    shutil.copy(EXAMPLE / "绩效自评表.xlsx", folder / "绩效自评表.xlsx")  # the 示范区's: it has the 整体支出 table
    for only, template in ((None, "xinjiang-2024"), ("self-evaluation", None)):
        out = tmp_path / f"{only}.docx"
        assert api.generate(folder, output=out, template=template, only=only, force=True).ok
        heads = "".join(money_heads(out))
        assert "单位资金" in heads and "部门资金" not in heads
