"""The 上海 template (shanghai-2024) with blank inputs: a blank is 未填报 or left out, never an empty clause or a crash.

Each case blanks cells of inputs/shanghai-example/2024 in memory and renders the template as `generate --force`
does (compute, the disclosure context, the shipped .docx); tests/test_blanking.py found each of these.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.compute.figures import compute_figures
from generator.load.folder import load
from generator.model import Loaded, UnitYear
from generator.render.document import disclosure_context, render_template
from generator.render.dump import document_lines
from generator.render.shipped import shipped_template

EXAMPLE = Path(__file__).resolve().parents[2] / "inputs" / "shanghai-example" / "2024"
S, T, OM = layout.SUMMARY.name, layout.THREE_PUBLIC.name, layout.OTHER_MATTERS.name


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    found, _ = load(EXAMPLE)
    assert found is not None
    return found


def without(unit: UnitYear, cells: list[tuple[str, str, str]] = (), sheets: tuple[str, ...] = ()) -> UnitYear:  # type: ignore[assignment]
    """UNIT with CELLS (sheet, item, column) left blank and SHEETS missing."""
    items = {name: table for name, table in unit.items.items() if name not in sheets}
    for sheet, item, column in cells:
        table = items[sheet]
        row = table.rows[item]
        row = row.model_copy(update={"amounts": {h: v for h, v in row.amounts.items() if h != column}})
        items[sheet] = table.model_copy(update={"rows": {**table.rows, item: row}})
    return unit.model_copy(update={"items": items, "subjects": {k: v for k, v in unit.subjects.items() if k not in sheets}})


def shanghai(loaded: Loaded, tmp_path: Path, unit: UnitYear) -> list[str]:
    figures = compute_figures(Loaded(unit, loaded.prior))
    data, findings = render_template(shipped_template("shanghai-2024"), disclosure_context(figures), figures.year)
    assert data is not None, [f.message for f in findings]  # a blank never makes the template fail
    out = tmp_path / "sh.docx"
    out.write_bytes(data)
    return [line for line in document_lines(out, tables=False) if line.strip()]


def test_the_example_as_given_keeps_its_sentences(loaded: Loaded, tmp_path: Path) -> None:
    lines = shanghai(loaded, tmp_path, loaded.current)
    assert any(line.startswith("本年收入合计3,400.00万元，其中：") for line in lines)
    assert any(line.startswith("“三公”经费财政拨款支出年初预算为") and "，其中：因公出国（境）费支出决算为" in line for line in lines)
    assert not any("未填报" in line for line in lines)


def test_a_blank_income_or_expense_total_is_not_reported_not_an_empty_clause(loaded: Loaded, tmp_path: Path) -> None:
    unit = without(loaded.current, [(S, "本年收入合计", "金额"), (S, "收入总计", "金额"), *((S, name, "金额") for name in layout.INCOME_SOURCES)])
    lines = shanghai(loaded, tmp_path, unit)
    assert "本单位未填报2024年度本年收入合计。" in lines
    assert not any("其中：。" in line or "合计万元" in line for line in lines)


def test_blank_three_public_actuals_are_not_reported_and_do_not_stop_the_document(loaded: Loaded, tmp_path: Path) -> None:
    parts = ("合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    lines = shanghai(loaded, tmp_path, without(loaded.current, [(T, name, "决算数") for name in parts]))
    assert "本单位未填报2024年度“三公”经费财政拨款支出决算数。" in lines
    assert not any("支出决算为万元" in line or "其中：。" in line for line in lines)


def test_a_blank_part_of_three_public_is_left_out_of_its_list(loaded: Loaded, tmp_path: Path) -> None:
    lines = shanghai(loaded, tmp_path, without(loaded.current, [(T, "因公出国（境）费", "决算数")]))
    line = next(line for line in lines if line.startswith("“三公”经费财政拨款支出年初预算为"))
    assert "，其中：公务用车购置及运行维护费支出决算为" in line and "因公出国（境）费支出决算为" not in line


def test_a_blank_admin_cost_is_not_reported_not_none(loaded: Loaded, tmp_path: Path) -> None:
    lines = shanghai(loaded, tmp_path, without(loaded.current, [(OM, "机关运行经费", "本年数")]))
    assert "本单位未填报2024年度机关运行经费。" in lines
    assert not any("无机关运行经费支出" in line for line in lines)


def test_a_missing_general_budget_sheet_is_said_once(loaded: Loaded, tmp_path: Path) -> None:
    lines = shanghai(loaded, tmp_path, without(loaded.current, sheets=(layout.GPB.name,)))
    assert "本单位未填报2024年度一般公共预算财政拨款支出决算表。" in lines
    assert not any("主要用于以下方面：。" in line or "支出万元" in line for line in lines)


def test_blank_amounts_are_not_reported_never_a_bare_unit(loaded: Loaded, tmp_path: Path) -> None:
    parts = ("因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    unit = without(
        loaded.current,
        [*((OM, f"政府采购{kind}支出", "本年数") for kind in ("货物", "工程", "服务")), *((T, name, "决算数") for name in parts)],
        sheets=(layout.SUMMARY.name, layout.FISCAL.name, layout.BASIC.name),
    )
    lines = shanghai(loaded, tmp_path, unit)
    for said in (
        "本单位未填报2024年度收入支出总计。",
        "本单位未填报2024年度财政拨款收入支出总计。",
        "本单位未填报2024年度一般公共预算财政拨款基本支出。",
        "1、因公出国（境）费支出决算数未填报。",
        "2、公务用车购置及运行维护费支出决算数未填报。其中：",
        "公务用车购置支出决算数未填报。",
        "本单位未填报2024年度政府采购金额。",
    ):
        assert said in lines or any(line.startswith(said) for line in lines), said
    assert not any(re.search(r"(?<![0-9（：])万元", line) for line in lines)


def test_a_partial_year_in_the_shanghai_template(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    """Only what the 2024 document prints about 2023: its 三公 has no 年初预算 and its summary, basic-expense and
    procurement cells are blank: each said as 未填报."""
    out = tmp_path / "2023.docx"
    folder = unit_folder(kit.partial_2023(), texts=None, year=2023)
    assert api.generate(folder, output=out, template="shanghai-2024", force=True).outputs
    lines = [line for line in document_lines(out, tables=False) if line.strip()]
    assert "本单位未填报2023年度本年收入合计。" in lines and "本单位未填报2023年度一般公共预算财政拨款基本支出。" in lines
    assert "本单位未填报2023年度政府采购金额。" in lines
    three = next(line for line in lines if line.startswith("“三公”经费财政拨款支出"))
    assert three.startswith("“三公”经费财政拨款支出决算为3.29万元，其中：") and three.endswith("公务接待费支出决算为0.38万元。")
    assert not any(re.search(r"(?<![0-9（：])万元|其中：。|的。", line) for line in lines)
