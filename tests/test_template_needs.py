"""Blank is not zero, per template: check names the blanks of the cells the chosen template reads.

The 上海 template (shanghai-2024) reads cells the default does not (三公 年初预算数, 外宾接待费, the
中小企业 预留 rows of 其他重要事项); check knows the template from --template or the 封面's 公开模板 cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import api, layout
from generator.check import Settings, run_checks
from generator.check.completeness import NEEDS, SHANGHAI_ONLY_NEEDS, TemplateNeeds
from generator.compute.figures import compute_figures
from generator.findings import Finding, Severity
from generator.load.folder import load
from generator.model import Loaded, UnitYear

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "shanghai-example" / "2024"
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"
OM, T = layout.OTHER_MATTERS.name, layout.THREE_PUBLIC.name
RESERVED = "面向中小企业预留项目预算金额"


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    found, _ = load(EXAMPLE)
    assert found is not None
    return found


def without(unit: UnitYear, sheet: str, item: str, column: str) -> UnitYear:
    table = unit.items[sheet]
    row = table.rows[item]
    row = row.model_copy(update={"amounts": {h: v for h, v in row.amounts.items() if h != column}})
    return unit.model_copy(update={"items": {**unit.items, sheet: table.model_copy(update={"rows": {**table.rows, item: row}})}})


def blanks(loaded: Loaded, unit: UnitYear, template: str | None) -> list[Finding]:
    """The blanks check names when the folder is rendered with TEMPLATE (None: as its 封面 says)."""
    chosen = template or unit.cover.template or None
    findings = run_checks(compute_figures(Loaded(unit, loaded.prior)), Settings(template=template, needs=api.template_needs_of(chosen)))
    return [f for f in findings if f.code.startswith("blank-")]


def cells(needs: TemplateNeeds | None) -> set[tuple[str, str, str]]:
    assert needs is not None
    return {(n.sheet, n.item, n.column) for n in needs.cells}


def test_the_shanghai_template_reads_more_cells_and_names_its_own_sections() -> None:
    shanghai, default = api.template_needs_of("shanghai-2024"), api.template_needs_of(None)
    assert default is not None and shanghai is not None
    assert cells(default) == cells(api.template_needs_of("xinjiang-2024")) == {(n.sheet, n.item, n.column) for n in NEEDS}
    assert {(n.sheet, n.item, n.column) for n in SHANGHAI_ONLY_NEEDS} <= cells(shanghai)
    assert not {(n.sheet, n.item, n.column) for n in SHANGHAI_ONLY_NEEDS} & cells(default)
    assert all("第三部分七、财政拨款“三公”经费支出决算情况说明" in n.sentence for n in shanghai.cells if n.sheet == T)


def test_the_example_as_given_has_no_blank_in_either_template(loaded: Loaded) -> None:
    assert blanks(loaded, loaded.current, "shanghai-2024") == []
    assert blanks(loaded, loaded.current, "xinjiang-2024") == []


def test_a_blank_shanghai_only_cell_is_left_out_and_named_at_its_cell_only_for_shanghai(loaded: Loaded) -> None:
    unit = without(loaded.current, OM, RESERVED, "本年数")
    found = blanks(loaded, unit, "shanghai-2024")
    assert [(f.code, f.severity, f.location.sheet, f.values["item"]) for f in found] == [("blank-left-out", Severity.INFO, OM, RESERVED)]
    assert found[0].location.cell == unit.items[OM].rows[RESERVED].source.at("本年数").cell
    assert "第三部分十一、其他重要事项的情况说明（二）政府采购" in found[0].message
    assert blanks(loaded, unit, "xinjiang-2024") == []  # the default template does not read it


def test_the_cover_cell_chooses_the_template_when_no_option_is_given(loaded: Loaded) -> None:
    unit = without(loaded.current, T, "合计", layout.BUDGET)
    by_cover = unit.model_copy(update={"cover": unit.cover.model_copy(update={"template": "shanghai-2024"})})
    default = unit.model_copy(update={"cover": unit.cover.model_copy(update={"template": ""})})
    assert [f.values["item"] for f in blanks(loaded, by_cover, None)] == ["合计"]
    assert blanks(loaded, default, None) == []
    assert blanks(loaded, by_cover, "xinjiang-2024") == []  # --template wins over the 封面


def test_check_and_generate_take_the_template_option(tmp_path: Path) -> None:
    def reserved(findings: tuple[Finding, ...]) -> list[str]:
        return [f.location.cell or "" for f in findings if f.code == "blank-left-out" and f.values.get("item") == RESERVED]

    assert reserved(api.check_folder(SAMPLE, api.threshold_settings(None, "shanghai-2024")).findings) == ["B22"]
    assert reserved(api.check_folder(SAMPLE, api.threshold_settings(None)).findings) == []
    generated = api.generate(SAMPLE, tmp_path / "sh.docx", "shanghai-2024")
    assert generated.ok and reserved(generated.findings) == ["B22"]
