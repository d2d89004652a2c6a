"""The official table forms: the 基本支出表 in two blocks with every row, the 总表 rows paired as the form pairs them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from generator.render.context import report_tables
from generator.render.wording import DEFAULT
from tests.docx_tables import read_document

SAMPLE = Path("inputs/changji-ybj/2024")


@pytest.fixture(scope="module")
def figures() -> Any:
    checked = api.check_folder(SAMPLE)
    assert checked.figures is not None
    return checked.figures


def test_basic_table_has_every_row_of_the_form_in_two_blocks(figures: Any) -> None:
    rows = report_tables(figures, DEFAULT)["basic_form"]
    left = [r["l_code"] for r in rows if r["l_code"]]
    right = [r["r_code"] for r in rows if r["r_code"]]
    assert left == list(layout.BASIC_FORM_PERSONNEL)  # the sample reports nothing beyond the form
    assert right == list(layout.BASIC_FORM_PUBLIC)
    by_code = {r["l_code"]: r for r in rows} | {r["r_code"]: {"l_name": r["r_name"], "l_amount": r["r_amount"]} for r in rows}
    assert by_code["30101"]["l_amount"] == "120.50"
    assert by_code["30106"] == {**by_code["30106"], "l_name": "伙食补助费", "l_amount": ""}  # not reported: blank, never 0.00
    assert by_code["31013"]["l_name"] == "公务用车购置" and by_code["31013"]["l_amount"] == ""
    totals = report_tables(figures, DEFAULT)["basic_totals"]
    assert totals == {"personnel": "567.02", "public": "41.02"}


def test_a_reported_code_beyond_the_form_is_printed_in_its_block(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    basic = values[layout.BASIC.name]
    at = next(i for i, row in enumerate(basic) if row[0] == "30299")
    basic.insert(at, ("30290", "自定义商品和服务支出", 0))  # a typed 0 of a code the form does not list
    checked = api.check_folder(kit.write_unit(tmp_path, values, prior=kit.consistent_2023()))
    assert checked.figures is not None
    rows = report_tables(checked.figures, DEFAULT)["basic_form"]
    right = [(r["r_code"], r["r_amount"]) for r in rows if r["r_code"]]
    codes = [code for code, _ in right]
    assert codes.index("30290") == codes.index("30240") + 1  # code order, inside the 公用经费 block
    assert ("30290", "0.00") in right  # a typed 0 is printed


@pytest.mark.parametrize("classes", [3, 6, 9, 24])
def test_summary_rows_pair_totals_whatever_the_number_of_classes(figures: Any, classes: int) -> None:
    names = [name for _, name in layout.NATIONAL_CLASSES][:classes]
    agreed = dataclasses.replace(figures.agreed, expense_classes=tuple((str(200 + i), n, Decimal(1)) for i, n in enumerate(names)))
    rows = report_tables(dataclasses.replace(figures, agreed=agreed), DEFAULT)["summary"]
    pairs = {(r["in_name"], r["out_name"]) for r in rows}
    assert {("本年收入合计", "本年支出合计"), ("使用非财政拨款结余", "结余分配"), ("年初结转和结余", "年末结转和结余"), ("收入总计", "支出总计")} <= pairs
    assert rows[-1]["in_name"] == "收入总计" and rows[-1]["out_name"] == "支出总计"
    assert len(rows) == max(len(layout.INCOME_SOURCES), classes) + 4


@pytest.mark.parametrize("template", ["xinjiang-2024", "shanghai-2024"])
def test_both_templates_print_the_two_block_form(tmp_path: Path, template: str) -> None:
    out = tmp_path / "out.docx"
    assert api.generate(SAMPLE, output=out, template=template).ok
    basic = next(t for t in read_document(out.read_bytes())[0] if sum(cell == "30101" for row in t for cell in row))
    codes = {cell for row in basic for cell in row if cell.isdigit()}
    assert set(layout.BASIC_FORM_PERSONNEL) | set(layout.BASIC_FORM_PUBLIC) <= codes
    last = [cell for cell in basic[-1] if cell]
    assert last[0] == "人员经费合计" and last[2] == "公用经费合计"
    assert last[1] == "567.02" and last[3] == "41.02"
