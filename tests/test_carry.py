"""`juesuan init --from`: last year's folder carried into a new year's, then filled and generated."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from generator import api, layout
from generator.carry import REASONS_SHEET, carry_forward
from generator.self_evaluation.layout import FIRST_DATA_ROW, HEADER_ROW

PRIOR_COLUMNS = {layout.PRIOR, "上年数", "上年人数"}


@pytest.fixture
def carried(tmp_path: Path, kit) -> tuple[Path, Path]:
    """The 2024 sample copied to tmp/unit/2024, carried into tmp/unit/2025."""
    old = tmp_path / "unit" / "2024"
    shutil.copytree(kit.SAMPLE_FOLDER, old)
    new = tmp_path / "unit" / "2025"
    assert carry_forward(old, new) == []
    return old, new


def _rows(path: Path, sheet: str) -> list[list[object]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book[sheet].iter_rows(min_row=layout.FIRST_DATA_ROW + 1, values_only=True)]


def _by_item(path: Path, sheet: str) -> dict[str, list[object]]:
    return {str(r[0]): r[1:] for r in _rows(path, sheet)}


def test_profile_and_texts_are_carried_with_the_next_year(carried, kit) -> None:
    old, new = carried
    cover = _by_item(new / layout.WORKBOOK, layout.COVER.name)
    assert cover["单位名称"][0] == "昌吉回族自治州医疗保障局"
    assert cover["年度"][0] == 2025
    assert cover["金额单位"][0] == "万元"
    assert cover["单位性质"][0] == "行政单位"
    assert (new / layout.TEXTS).read_bytes() == (old / layout.TEXTS).read_bytes()


def test_last_years_figures_become_this_years_prior_figures_and_amounts_stay_empty(carried) -> None:
    _, new = carried
    book = new / layout.WORKBOOK
    gpb = {r[0]: r for r in _rows(book, layout.GPB.name)}
    # one row per 项 that had a figure in 2024; 上年决算数 is 2024's 合计, this year's columns empty
    assert gpb["2101501"] == ["2101501", "行政运行", None, None, None, 442.32, None, None, None, None, None]
    assert gpb["2080501"][5] == 0.25
    assert "2010607" not in gpb  # zero in 2024: nothing to carry
    assert len(gpb) == 12  # the 16 项 of 2024 less the four that fell to zero
    three = _by_item(book, layout.THREE_PUBLIC.name)
    assert three["合计"][:4] == [None, None, 7.65, None]
    assert three["公务接待费"][:4] == [None, None, 0.34, None]
    overview = _by_item(book, layout.OVERVIEW.name)
    assert overview["收入支出总计"][:3] == [1239.7, None, None]
    assert overview["一般公共预算财政拨款支出"][0] == 1222.68
    other = _by_item(book, layout.OTHER_MATTERS.name)
    assert other["机关运行经费"][:3] == [None, 41.02, None]
    staff = _by_item(book, layout.STAFF.name)
    assert staff["实有人数"][:2] == [None, 31] and staff["退休人员"][:2] == [None, 1]
    summary = _by_item(book, layout.SUMMARY.name)
    assert summary["本年收入合计"][0] is None and summary["收入总计"][0] is None
    assert summary["年初结转和结余"][0] == 1.2  # 2024's 年末结转和结余: 结转
    assert _by_item(book, layout.FISCAL.name)["年初财政拨款结转和结余"][:4] == [0, 0, 0, 0]
    assert _rows(book, layout.EXPENSE.name) == []


def test_last_years_reasons_are_kept_aside_not_reused(carried) -> None:
    _, new = carried
    book = openpyxl.load_workbook(new / layout.WORKBOOK)
    reasons = [list(r) for r in book[REASONS_SHEET].iter_rows(min_row=3, values_only=True)]
    assert [
        layout.GPB.name,
        "2101501 行政运行",
        layout.REASON,
        "本年在职人员工资调增，导致相关人员经费较上年有所增加。",
    ] in reasons
    assert any(r[0] == layout.THREE_PUBLIC.name and r[1] == "公务接待费" for r in reasons)
    assert any(r[1] == "机关运行经费" and r[3] == "本年增加办公费、差旅费等。" for r in reasons)
    # no reason cell of the new workbook holds one
    for sheet in (layout.GPB.name, layout.THREE_PUBLIC.name, layout.OVERVIEW.name):
        header = [c.value for c in book[sheet][layout.HEADER_ROW + 1]]
        col = header.index(layout.REASON)
        assert all(r[col] is None for r in book[sheet].iter_rows(min_row=layout.FIRST_DATA_ROW + 1, values_only=True))


def test_self_evaluation_keeps_targets_and_drops_results(carried) -> None:
    old, new = carried
    before = openpyxl.load_workbook(old / "绩效自评表.xlsx")["项目绩效指标"]
    after = openpyxl.load_workbook(new / "绩效自评表.xlsx")["项目绩效指标"]
    header = [c.value for c in after[HEADER_ROW + 1]]
    target, done, last, score = (header.index(h) + 1 for h in ("目标值", "完成值", "上年完成情况", "印刷得分"))
    row = FIRST_DATA_ROW + 1
    assert after.cell(row, 1).value == before.cell(row, 1).value  # the project
    assert after.cell(row, target).value == before.cell(row, target).value
    assert after.cell(row, done).value is None and after.cell(row, score).value is None
    assert after.cell(row, last).value == before.cell(row, done).value


def test_refuses_to_overwrite(carried) -> None:
    old, new = carried
    before = (new / layout.WORKBOOK).read_bytes()
    findings = carry_forward(old, new)
    assert {(f.code, Path(f.location.file).name) for f in findings} == {
        ("init-exists", layout.WORKBOOK),
        ("init-exists", layout.TEXTS),
        ("init-exists", "绩效自评表.xlsx"),
    }
    assert (new / layout.WORKBOOK).read_bytes() == before


def test_an_unreadable_source_is_reported_and_nothing_written(tmp_path: Path) -> None:
    findings = carry_forward(tmp_path / "nothing", tmp_path / "new")
    assert [f.code for f in findings] == ["folder-missing"]
    assert not (tmp_path / "new").exists()


# --- filled in, the carried folder checks and generates -----------------------------------------


def _fill_workbook(path: Path, values: dict) -> None:
    """Type VALUES (the sample's format) into the carried workbook as a person would: this year's
    cells only; the carried 上年 figures stay."""
    book = openpyxl.load_workbook(path)
    for spec in layout.SHEET_ORDER:
        sheet = book[spec.name]
        headers = [c.value for c in sheet[layout.HEADER_ROW + 1]]
        given = values.get(spec.name)
        if not given:
            continue
        if isinstance(spec, layout.SubjectSheet):
            by_code = {r[0].value: r for r in sheet.iter_rows(min_row=layout.FIRST_DATA_ROW + 1) if r[0].value}
            for cells in given:
                row = by_code.get(cells[0]) if cells[0] else None
                if row is None:
                    sheet.append([None if headers[i] in PRIOR_COLUMNS else v for i, v in enumerate(cells)])
                    continue
                for i, v in enumerate(cells):
                    if row[i].value is None and headers[i] not in PRIOR_COLUMNS:
                        row[i].value = v
        else:
            by_item = {r[0].value: r for r in sheet.iter_rows(min_row=layout.FIRST_DATA_ROW + 1)}
            for item, cells in given.items():
                if item not in by_item:  # a 功能分类 类 row of the 总表s
                    sheet.append([item, *cells])
                    continue
                row = by_item[item]
                for i, v in enumerate(cells, start=1):
                    if row[i].value is None and headers[i] not in PRIOR_COLUMNS:
                        row[i].value = v
    book.save(path)


def _fill_self_evaluation(path: Path, original: Path) -> None:
    source, book = openpyxl.load_workbook(original), openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW + 1):
            for cell in row:
                was = source[sheet.title].cell(cell.row, cell.column)
                if cell.value is None and was.value is not None:
                    cell.value = was.value
                    cell.data_type = was.data_type
    book.save(path)


@pytest.mark.slow
def test_carried_and_filled_folder_checks_and_generates(carried, kit, tmp_path: Path) -> None:
    old, new = carried
    values = kit.sample_2024()
    # 2025 repeats 2024's amounts, opening with 2024's closing balance 1.20 (carried) and closing with 1.10
    summary = values[layout.SUMMARY.name]
    summary["收入总计"] = summary["支出总计"] = [1239.61]  # 1238.41 + 1.20 = 1238.51 + 1.10
    summary["年末结转和结余"] = [1.10]
    _fill_workbook(new / layout.WORKBOOK, values)
    _fill_self_evaluation(new / "绩效自评表.xlsx", old / "绩效自评表.xlsx")
    checked = api.check_folder(new)
    assert checked.readable
    errors = [(f.code, f.location.sheet, f.location.cell) for f in checked.findings if f.severity.value == "error"]
    assert errors == []
    assert checked.figures is not None and checked.figures.year == 2025 and checked.figures.has_prior_folder
    result = api.generate(new, tmp_path / "out.docx")
    assert result.ok and (tmp_path / "out.docx").stat().st_size > 10_000


def test_what_the_incomes_mainly_are_is_carried(tmp_path: Path, kit) -> None:
    """收入主要内容 describes the unit (like 主要用于): carried with the row, its amount left empty."""
    values = kit.consistent_2024()
    kit.set_value(values, layout.SUMMARY.name, "其他收入", layout.INCOME_CONTENT, "医保经办服务收入")
    old = kit.write_unit(tmp_path, values)
    new = tmp_path / "unit" / "2025"
    assert carry_forward(old, new) == []
    summary = _by_item(new / layout.WORKBOOK, layout.SUMMARY.name)
    assert summary["其他收入"][:2] == [None, "医保经办服务收入"]
    assert summary["事业收入"][:2] == [None, None]  # nothing written for it: nothing carried
