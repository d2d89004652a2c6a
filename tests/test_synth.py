"""The synthetic unit generator (the `synthetic` package): reproducible, clean when asked, and every injected error is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import synthetic
from generator import api
from synthetic.cli import main

ROOT = Path(__file__).resolve().parents[1]


SMALL = synthetic.Size(items=12, projects=2)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _reported(folder: Path) -> set[tuple[str, str, str | None]]:
    """(code, file name, sheet) of every finding `check` reports for FOLDER."""
    checked = api.check_folder(folder)
    return {(f.code, Path(f.location.file).name if f.location.file else "", f.location.sheet) for f in checked.findings}


@pytest.mark.slow
def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    first = synthetic.write_units(tmp_path / "a", units=2, seed=7, error_rate=0.5, prior=True, size=SMALL)
    second = synthetic.write_units(tmp_path / "b", units=2, seed=7, error_rate=0.5, prior=True, size=SMALL, jobs=2)
    assert first == second
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    other = synthetic.write_units(tmp_path / "c", units=2, seed=8, error_rate=0.5, prior=True, size=SMALL)
    assert _files(tmp_path / "c") != _files(tmp_path / "a")
    assert other["entries"] != first["entries"]


@pytest.mark.parametrize("declared_unit", ["万元", "元"])
def test_a_clean_unit_and_its_prior_year_check_without_any_finding(tmp_path: Path, declared_unit: str) -> None:
    entry = synthetic.write_unit(tmp_path, 1, seed=3, prior=True, size=synthetic.Size(items=40, projects=3), declared_unit=declared_unit)
    assert entry["injected"] == []
    for folder in entry["folders"]:
        checked = api.check_folder(tmp_path / folder)
        assert checked.figures is not None and checked.performance is not None
        # execution-full-marks: the default profile states that it gives full marks below 100% (an info)
        assert [str(f) for f in checked.findings if f.code != "execution-full-marks"] == []
    current = api.check_folder(tmp_path / entry["folder"])
    assert current.figures is not None and current.figures.has_prior_folder


def test_items_beyond_the_code_list_get_synthetic_codes_named_in_the_folder(tmp_path: Path) -> None:
    entry = synthetic.write_unit(tmp_path, 1, seed=4, size=synthetic.Size(items=150, projects=1))
    checked = api.check_folder(tmp_path / entry["folder"])
    assert checked.figures is not None and not [f for f in checked.findings if f.code != "execution-full-marks"]
    items = checked.figures.funds.gpb.items
    assert len(items) >= 100
    local = (tmp_path / entry["folder"] / "功能分类科目.csv").read_text(encoding="utf-8")
    assert any(line.endswith("synthetic: benchmarks/synth.py") for line in local.splitlines())


# Kinds that can share a unit, in groups whose findings do not hide one another; loading errors alone.
GROUPS = [
    ["total-mismatch", "personnel-sum", "staff-sum", "weight-total", "vehicle-count"],
    ["rounding-residue", "unknown-code", "procurement-share", "funds-total", "reason-contradicts"],
    ["cross-table", "change-without-reason", "admin-cost", "over-budget", "prior-year"],
    ["yuan-in-wanyuan", "row-total", "three-public-in-basic", "indicator-unit", "opening-balance"],
    ["unbalanced"],
    ["text-in-number-cell"],
    ["texts-syntax"],
    # the kinds that change a 项 row of the same table take different rows (once both took the same one)
    ["change-without-reason", "reason-contradicts", "prior-year", "unknown-code", "yuan-in-wanyuan"],
]


def test_the_groups_cover_every_kind() -> None:
    assert {k for g in GROUPS for k in g} == {i.kind for i in synthetic.INJECTIONS}


@pytest.mark.parametrize("kinds", GROUPS, ids=lambda g: "+".join(g))
def test_every_injected_error_is_reported_where_the_manifest_says(tmp_path: Path, kinds: list[str]) -> None:
    entry = synthetic.write_unit(
        tmp_path, 1, seed=11, kinds=kinds, prior=True, size=SMALL, declared_unit="万元", unit_kind="行政单位"
    )
    assert [i["kind"] for i in entry["injected"]] == kinds  # every precondition met
    reported = _reported(tmp_path / entry["folder"])
    for injected in entry["injected"]:
        assert (injected["code"], injected["file"], injected["sheet"] and injected["sheet"]) in reported or (
            injected["sheet"] is None and any(code == injected["code"] and file == injected["file"] for code, file, _ in reported)
        ), (injected, sorted(reported))


def test_the_error_plan_deals_every_kind_and_keeps_loading_errors_alone() -> None:
    plan = synthetic.plan_errors(seed=1, units=400, error_rate=0.2, prior=True)
    with_errors = [kinds for kinds in plan if kinds]
    assert 40 <= len(with_errors) <= 120
    assert {k for kinds in plan for k in kinds} == {i.kind for i in synthetic.INJECTIONS}
    for kinds in with_errors:
        if any(synthetic.BY_KIND[k].alone for k in kinds):
            assert len(kinds) == 1
    without_prior = synthetic.plan_errors(seed=1, units=200, error_rate=1.0, prior=False)
    assert not {"prior-year", "opening-balance"} & {k for kinds in without_prior for k in kinds}


def test_the_command_line_writes_the_manifest(tmp_path: Path) -> None:
    main([str(tmp_path), "--units", "2", "--seed", "5", "--items", "10", "--projects", "1", "--error-rate", "1"])
    manifest = json.loads((tmp_path / synthetic.MANIFEST).read_text(encoding="utf-8"))
    assert [e["folder"] for e in manifest["entries"]] == ["unit-0001/2024", "unit-0002/2024"]
    assert all(e["injected"] for e in manifest["entries"])
    assert all((tmp_path / e["folder"] / "决算数据.xlsx").is_file() for e in manifest["entries"])


def test_a_unit_drawn_in_memory_is_the_unit_written(tmp_path: Path) -> None:
    """draw_unit + files give, without a disk, the bytes write_unit writes for the same arguments."""
    kinds = ["total-mismatch", "texts-syntax"]
    entry = synthetic.write_unit(tmp_path, 2, seed=9, kinds=kinds, prior=True, size=SMALL, declared_unit="万元")
    unit = synthetic.draw_unit(2, seed=9, kinds=kinds, prior=True, size=SMALL, declared_unit="万元")
    assert unit.prior is not None and unit.injected == entry["injected"] and unit.name == entry["unit"]
    for unit_year, folder in zip((unit.current, unit.prior), entry["folders"], strict=True):
        assert synthetic.files(unit_year) == _files(tmp_path / folder)
    assert [i["kind"] for i in unit.injected] == kinds
    assert unit.current.texts != unit.prior.texts  # the broken YAML only in the current year
