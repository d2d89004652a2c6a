"""Each of the nine tables prints what it states (issue 18), the sentences the one settled figure.

Two tables stating one figure a cent apart used to print the summarising table's figure in both,
after which the detail table's row no longer added across its own columns (326.72 → 326.71); the
基本支出表's own 人员经费合计 was replaced by the sum of its 款 (4,884.09 → 4,884.10).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import api, layout
from tests.docx_tables import read_document_fast, table_with_header

E, B = layout.EXPENSE.name, layout.BASIC.name
TEMPLATES = ("xinjiang-2024", "shanghai-2024")


def _row(table: list[list[str]], first: str) -> list[str]:
    return next(r for r in table if r and (r[0] == first or (len(r) > 1 and r[1].strip() == first)))


def _document(kit: Any, tmp_path: Path, values: dict[str, Any], template: str) -> tuple[list[Any], list[str], list[str]]:
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    result = api.generate(folder, output=tmp_path / "out.docx", template=template, force=True)
    assert result.ok
    tables, paragraphs = read_document_fast((tmp_path / "out.docx").read_bytes())
    return tables, paragraphs, [f.code for f in result.findings]


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_detail_table_prints_its_own_figure(kit: Any, tmp_path: Path, template: str) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, E, "210", "本年支出合计", 1108.50)  # 收入支出决算总表 states 1,108.49
    kit.set_value(values, E, "210", "项目支出", 500.46)  # its row adds across: 608.04 + 500.46
    tables, paragraphs, codes = _document(kit, tmp_path, values, template)
    expense = table_with_header(tables, "本年支出合计", "上缴上级支出")
    assert expense is not None
    assert ("1,108.50" if template == "xinjiang-2024" else "1108.50") in _row(expense, "210")  # 上海 prints no separators
    assert "cross-table-mismatch" in codes  # check still names the disagreement


@pytest.mark.parametrize("template", TEMPLATES)
def test_the_basic_table_prints_its_stated_personnel_total(kit: Any, tmp_path: Path, template: str) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, B, "人员经费合计", "决算数", 567.01)  # its 款 add up to 567.02: a 尾差
    tables, _, codes = _document(kit, tmp_path, values, template)
    basic = next(t for t in tables if any(r and "人员经费合计" in r for r in t))
    assert "567.01" in _row(basic, "人员经费合计")
    assert "personnel-public-mismatch" in codes


@pytest.mark.parametrize("template", TEMPLATES)
def test_beyond_the_tail_the_sum_is_printed(kit: Any, tmp_path: Path, template: str) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, B, "人员经费合计", "决算数", 560.00)
    tables, _, _ = _document(kit, tmp_path, values, template)
    basic = next(t for t in tables if any(r and "人员经费合计" in r for r in t))
    assert "567.02" in _row(basic, "人员经费合计")
