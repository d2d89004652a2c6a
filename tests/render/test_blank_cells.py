"""A blank cell of a classification table is printed blank in the document's tables, never as 0.00.

A level above blank cells is the sum of what was reported below it, and blank when nothing was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import api, layout
from tests.docx_tables import read_document, table_with_header

E = layout.EXPENSE.name


def expense_table(folder: Path, tmp_path: Path) -> dict[str, list[str]]:
    out = tmp_path / "out.docx"
    assert api.generate(folder, output=out, force=True).ok
    tables, _ = read_document(out.read_bytes())
    table = table_with_header(tables, "本年支出合计", "上缴上级支出", "经营支出")
    assert table is not None
    header = table[0]
    return {row[0] or row[1]: dict(zip(header, row, strict=True)) for row in table[1:]}  # type: ignore[misc]


def test_a_single_blank_cell_stays_blank_and_its_class_sums_what_was_reported(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, E, "2101101", "上缴上级支出", None)
    kit.set_value(values, E, "2101101", "基本支出", None)
    rows = expense_table(unit_folder(values), tmp_path)
    assert rows["2101101"]["上缴上级支出"] == "" and rows["2101101"]["基本支出"] == ""
    assert rows["2101102"]["上缴上级支出"] == "0.00"  # a typed zero is printed as zero
    assert rows["21011"]["基本支出"] == "25.41"  # 35.70 − 10.29: the sum of the 项 that were reported


def test_a_column_left_blank_throughout_is_blank_in_every_row_and_in_its_total(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    for row in values[E]:
        kit.set_value(values, E, row[0] or row[1], "经营支出", None)
    rows = expense_table(unit_folder(values), tmp_path)
    assert {name: row["经营支出"] for name, row in rows.items() if row["经营支出"]} == {}
    assert rows["合计"]["上缴上级支出"] == "0.00"  # the typed zeros of the other columns stay
