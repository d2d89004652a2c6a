"""Shared test helpers: write a unit-year folder from a values dict, and flatten findings.

Test modules reach the helpers through fixtures (`kit`, `unit_folder`), never by importing
conftest: another conftest.py in a subfolder would shadow the module name.

The values dicts are those of the sample's transcription (scripts/sample/accounts.py, from
scripts/data/changji-ybj/决算数据.yaml: `sample_2024()`, `sample_2023()`), the
format `generator.init.workbook_bytes` writes: for a 项目表 {item: [cells…]}, for a 科目表 a
list of rows (code, name, amounts…). `consistent_2024()`/`consistent_2023()` are the sample
with its known disagreements removed, so that one changed cell shows exactly one finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator import layout
from generator.findings import Finding
from generator.init import workbook_bytes
from scripts.sample import accounts

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FOLDER = ROOT / "inputs" / "changji-ybj" / "2024"
SAMPLE_TEXTS = (SAMPLE_FOLDER / layout.TEXTS).read_text(encoding="utf-8")


def sample_2024() -> dict[str, Any]:
    """The sample's 2024 values, a fresh copy."""
    return accounts.sample_2024()


def sample_2023() -> dict[str, Any]:
    return accounts.sample_2023()


def consistent_2024() -> dict[str, Any]:
    """The 2024 sample with the disagreements the published document carries removed."""
    v = sample_2024()
    summary = v[layout.SUMMARY.name]
    summary["收入总计"] = [1239.71]  # 1238.41 + 0 + 1.30
    summary["支出总计"] = [1239.71]  # 1238.51 + 0 + 1.20
    three = v[layout.THREE_PUBLIC.name]
    three["合计"][0:3] = [7.66, 7.66, 3.29]  # 0 + 7.32 + 0.34, and last year's 0 + 2.91 + 0.38
    # The 项 of 2023 add up to 1548.17, one cent above the 合计 1548.16 the document prints:
    # take the cent off 2299999 其他支出 in both years' data.
    _set_subject(v, layout.GPB.name, "2299999", layout.PRIOR, 2.06)
    # 2024's 年初结转和结余 1.30 is 2023's 年末 in the consistent 2023 (whose 收入支出总计 is then 1549.46, not 1548.48)
    set_value(v, layout.OVERVIEW.name, "收入支出总计", layout.PRIOR, 1549.46)
    return v


def consistent_2023() -> dict[str, Any]:
    """The 2023 reconstruction with the disagreements the 2024 document carries removed."""
    v = sample_2023()
    # The cent off 2299999 其他支出 (and its 款 and 类) in every table that lists it: the 项 add up to the 1548.16 printed.
    for code in ("229", "22999", "2299999"):
        for sheet, columns in ((layout.GPB.name, ("合计", "项目支出")), (layout.EXPENSE.name, ("本年支出合计", "项目支出")), (layout.INCOME.name, ("本年收入合计", "财政拨款收入"))):
            for column in columns:
                _set_subject(v, sheet, code, column, 2.06)
    v[layout.SUMMARY.name]["其他支出"] = [2.06]
    v[layout.FISCAL.name]["其他支出"] = [2.06, 2.06, 0, 0]
    # 年末结转和结余 is the 1.30 that 2024 opens with (the printed totals leave 0.32: opening-balance-mismatch).
    summary = v[layout.SUMMARY.name]
    summary["年初结转和结余"] = summary["年末结转和结余"] = [1.3]
    summary["收入总计"] = summary["支出总计"] = [1549.46]
    return v


def partial_2023() -> dict[str, Any]:
    """Only what the 2024 document prints about 2023 (what inputs/changji-ybj/2023 held before its
    reconstruction was completed): totals, the 项 of 一般公共预算, the 三公 parts, 机关运行经费, staff."""
    full = sample_2023()
    summary = full[layout.SUMMARY.name]
    three = full[layout.THREE_PUBLIC.name]
    return {
        layout.COVER.name: full[layout.COVER.name],
        layout.SUMMARY.name: {name: summary[name] for name in ("收入总计", "年末结转和结余", "支出总计")},
        layout.FISCAL.name: {"收入总计": [1548.16], "支出总计": [1548.16]},
        layout.GPB.name: [(r[0], r[1], r[2], None, None) for r in full[layout.GPB.name] if not r[0] or len(r[0]) == 7],
        layout.THREE_PUBLIC.name: {name: [None, three[name][1]] for name in ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")},
        layout.OTHER_MATTERS.name: {"机关运行经费": [28.41]},
        layout.STAFF.name: full[layout.STAFF.name],
    }


# --- editing a values dict ----------------------------------------------------


def _spec(sheet: str) -> layout.ItemSheet | layout.SubjectSheet:
    return next(s for s in layout.SHEET_ORDER if s.name == sheet)


def _set_subject(values: dict[str, Any], sheet: str, key: str, header: str, value: Any) -> None:
    spec = _spec(sheet)
    assert isinstance(spec, layout.SubjectSheet)
    index = [c.header for c in spec.columns].index(header)
    rows = values[sheet]
    for i, row in enumerate(rows):
        if row[0] == key or (not row[0] and row[1] == key):
            cells = list(row) + [None] * (index + 1 - len(row))
            cells[index] = value
            rows[i] = tuple(cells)
            return
    raise KeyError(f"{sheet}: no row {key}")


def set_value(values: dict[str, Any], sheet: str, key: str, header: str, value: Any) -> dict[str, Any]:
    """Change one cell: KEY is an item name (项目表) or a code, or a name for a code-less row (科目表)."""
    spec = _spec(sheet)
    if isinstance(spec, layout.SubjectSheet):
        _set_subject(values, sheet, key, header, value)
        return values
    index = [c.header for c in spec.columns].index(header)
    table = values.setdefault(sheet, {})
    cells = list(table.get(key, ())) + [None] * (index + 1 - len(table.get(key, ())))
    cells[index] = value
    table[key] = cells
    return values


# --- writing a folder -----------------------------------------------------------

_DEFAULT = object()
_WRITTEN: dict[str, bytes] = {}


def _workbook(values: Mapping[str, Any]) -> bytes:
    """workbook_bytes, remembered: most tests write the same prior year, and openpyxl is slow."""
    key = repr(values)
    if key not in _WRITTEN:
        _WRITTEN[key] = workbook_bytes(values)
    return _WRITTEN[key]


def write_unit(
    root: Path,
    values: Mapping[str, Any],
    texts: str | None | object = _DEFAULT,
    prior: Mapping[str, Any] | None = None,
    year: int = 2024,
) -> Path:
    """ROOT/unit/YEAR/决算数据.xlsx (+ 文字说明.yaml, the sample's unless TEXTS is None or a
    string), and with PRIOR the sibling ROOT/unit/YEAR-1/决算数据.xlsx. Returns the folder."""
    folder = root / "unit" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / layout.WORKBOOK).write_bytes(_workbook(values))
    text = SAMPLE_TEXTS if texts is _DEFAULT else texts
    if text is not None:
        assert isinstance(text, str)
        (folder / layout.TEXTS).write_text(text, encoding="utf-8")
    if prior is not None:
        prior_folder = root / "unit" / str(year - 1)
        prior_folder.mkdir(parents=True, exist_ok=True)
        (prior_folder / layout.WORKBOOK).write_bytes(_workbook(prior))
    return folder


def located(findings: Iterable[Finding]) -> list[tuple[str, str | None, str | None]]:
    """(code, sheet, cell) of each finding, in order."""
    return [(f.code, f.location.sheet, f.location.cell) for f in findings]


# --- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers of this module, for test modules (they do not import conftest)."""
    return SimpleNamespace(
        ROOT=ROOT,
        SAMPLE_FOLDER=SAMPLE_FOLDER,
        SAMPLE_TEXTS=SAMPLE_TEXTS,
        sample_2024=sample_2024,
        sample_2023=sample_2023,
        consistent_2024=consistent_2024,
        consistent_2023=consistent_2023,
        partial_2023=partial_2023,
        set_value=set_value,
        write_unit=write_unit,
        located=located,
    )


@pytest.fixture
def consistent() -> dict[str, Any]:
    """A fresh copy of the consistent 2024 values, free to change."""
    return consistent_2024()


@pytest.fixture
def consistent_prior() -> dict[str, Any]:
    return consistent_2023()


@pytest.fixture
def unit_folder(tmp_path: Path) -> Callable[..., Path]:
    """write_unit bound to this test's tmp_path: unit_folder(values, texts=…, prior=…)."""

    def write(
        values: Mapping[str, Any], texts: str | None | object = _DEFAULT, prior: Mapping[str, Any] | None = None, year: int = 2024
    ) -> Path:
        return write_unit(tmp_path, values, texts, prior, year)

    return write


@pytest.fixture
def where() -> Callable[[Iterable[Finding]], list[tuple[str, str | None, str | None]]]:
    """located(): the (code, sheet, cell) of each finding."""
    return located


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say at the end of every run, not only under -rs, when the tests against the published reference did not run."""
    skipped = terminalreporter.stats.get("skipped", [])
    missing = [r for r in skipped if "REFERENCE-MISSING" in str(getattr(r, "longrepr", ""))]
    if missing:
        terminalreporter.write_sep("!", f"{len(missing)} 个对照公开原文的测试未运行：找不到 ../shared/reference（CI 中必须运行）", yellow=True, bold=True)
