"""Issue 23: every figure compared with last year carries the cell its base stands in.

From last year's folder when there is one (its 决算数, 本年数 or 本年人数 cell, or the cell of its
settled total), else from this year's 上年 column; the sample has a 2023 folder beside 2024. A 项
last year's table does not list spent 0 there and has no cell: its location names the sheet and code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.api import check_folder
from generator.compute.change import Change
from generator.compute.figures import Figures

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj"


def prior_changes(f: Figures) -> list[tuple[str, Change]]:
    tp = f.three_public
    out = [("收入支出总计", f.statement.change), ("财政拨款收入支出总计", f.funds.fiscal.change), ("一般公共预算财政拨款支出", f.funds.gpb.change)]
    out += [(f"项 {i.code}", i.change) for i in f.funds.gpb.items]
    out += [(f"三公 {p.name}", p.change) for p in (tp.total, tp.abroad, tp.vehicles, tp.vehicle_purchase, tp.vehicle_running, tp.reception)]
    out += [("机关运行经费", f.admin_cost)] + [(f"人员 {s.name}", s.change) for s in f.staff]
    return [(name, c) for name, c in out if c is not None]


@pytest.mark.parametrize("with_prior", [True, False], ids=["last-year's-folder", "this-year's-column"])
def test_every_prior_year_base_carries_its_cell(tmp_path: Path, with_prior: bool) -> None:
    folder = SAMPLE / "2024"
    if not with_prior:  # the same year alone: the 上年 columns typed in it
        folder = tmp_path / "unit" / "2024"
        shutil.copytree(SAMPLE / "2024", folder)
    checked = check_folder(folder)
    assert checked.figures is not None and (checked.figures.prior is not None) == with_prior
    changes = prior_changes(checked.figures)
    assert len(changes) > 10
    expected_year = "2023" if with_prior else "2024"
    for name, change in changes:
        where = change.base_location
        assert where is not None and where.file is not None and expected_year in where.file, (name, where)
        if where.cell is None:  # only a 项 last year's table does not list: 0 there, named by its code
            assert name.startswith("项") and change.base == 0 and where.field == name.removeprefix("项 "), (name, where)
