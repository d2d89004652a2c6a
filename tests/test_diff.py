"""`juesuan diff`: two small synthetic unit-years, compared figure by figure."""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from generator import layout
from generator.api import compare_folders, diff_folders
from generator.diff import Flag
from generator.diff.cli import diff
from generator.diff.terminal import result_json
from generator.init import workbook_bytes

D = Decimal
NO, NEW_, GONE, NA, MISMATCH, LARGE = (
    Flag.NO_REASON, Flag.APPEARED, Flag.DISAPPEARED, Flag.NOT_COMPARABLE, Flag.PRIOR_MISMATCH, Flag.LARGE_CHANGE
)  # fmt: skip


def _cover(year: int) -> dict:
    return {"单位名称": ["测试单位"], "年度": [year], "金额单位": ["万元"], "单位性质": ["行政单位"]}


OLD = {
    layout.COVER.name: _cover(2023),
    layout.SUMMARY.name: {"收入总计": [200], "支出总计": [200]},  # the rest blank: not reported
    layout.GPB.name: [
        ("", "合计", 170, None, None, None, None),
        ("2101501", "行政运行", 100, None, None, None, None),
        ("2101502", "一般行政管理事务", 50, None, None, None, None),
        ("2080505", "机关事业单位基本养老保险缴费支出", 20, None, None, None, None),
    ],
    # the parts not typed are typed 0: a blank part would leave the 合计 unknown (blank is not zero)
    layout.THREE_PUBLIC.name: {"公务接待费": [None, 1], "公务用车运行维护费": [None, 2], "因公出国（境）费": [None, 0], "公务用车购置费": [None, 0]},
    layout.STAFF.name: {"实有人数": [10], "在职人员": [10], "离休人员": [0], "退休人员": [0]},
}
NEW = {
    layout.COVER.name: _cover(2024),
    layout.SUMMARY.name: {"收入总计": [190], "支出总计": [190], "本年收入合计": [190]},
    layout.GPB.name: [
        ("", "合计", 175, 175, 0, None, None),
        ("2101501", "行政运行", 110, 110, 0, 99, None),  # +10%: no reason; 上年 typed 99, was 100
        ("2101502", "一般行政管理事务", 50, 50, 0, 50, None),  # unchanged
        ("2080505", "机关事业单位基本养老保险缴费支出", 0, 0, 0, 20, "本年无此项支出。"),  # fell to zero
        ("2210201", "住房公积金", 15, 15, 0, 0, "本年新增住房公积金缴费。"),  # new, with a reason
    ],
    layout.THREE_PUBLIC.name: {
        "公务接待费": [1, 1, 1, None],
        "公务用车运行维护费": [2, 2.1, 2, None],
        "因公出国（境）费": [0, 0, 0, None],
        "公务用车购置费": [0, 0, 0, None],
    },
    layout.STAFF.name: {"实有人数": [11, 10], "在职人员": [11, 10], "离休人员": [0, 0], "退休人员": [0, 0]},
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("diff") / "unit"
    for year, values in ((2023, OLD), (2024, NEW)):
        folder = root / str(year)
        folder.mkdir(parents=True)
        (folder / layout.WORKBOOK).write_bytes(workbook_bytes(values))
    return root / "2023", root / "2024"


@pytest.fixture(scope="module")
def rows(folders: tuple[Path, Path]) -> dict[str, tuple]:
    comparison = compare_folders(*folders)
    assert comparison.readable
    return {r.key: (r.item, r.old, r.new, set(r.flags)) for r in comparison.rows}


def test_a_change_at_the_threshold_without_reason_and_a_wrong_prior_figure(rows) -> None:
    assert rows["gpb.2101501"] == ("2101501 行政运行（项）", D(100), D(110), {NO, MISMATCH})


def test_an_unchanged_item_has_no_flag(rows) -> None:
    assert rows["gpb.2101502"] == ("2101502 一般行政管理事务（项）", D(50), D(50), set())


def test_items_that_appeared_or_disappeared(rows) -> None:
    assert rows["gpb.2210201"] == ("2210201 住房公积金（项）", D(0), D(15), {NEW_})  # it has its reason
    assert rows["gpb.2080505"] == ("2080505 机关事业单位基本养老保险缴费支出（项）", D(20), D(0), {GONE})


def test_a_code_absent_from_a_reported_table_is_zero_that_year(rows) -> None:
    assert rows["gpb.221"][1:] == (D(0), D(15), {NEW_, LARGE})  # 类 rows have no reason cell


def test_blank_is_not_reported_not_zero(rows) -> None:
    assert rows["summary.本年收入合计"] == ("本年收入合计", None, D(190), {NA})
    assert rows["summary.收入总计"][1:] == (D(200), D(190), set())  # -5%: under the threshold
    assert rows["staff.实有人数"] == ("实有人数", D(10), D(11), {LARGE})  # no reason cell for staff
    assert "expense.本年支出合计" not in rows  # blank both years: nothing to compare


def test_three_public_parts_with_their_reason_cells(rows) -> None:
    assert rows["three-public.公务用车运行维护费"] == ("公务用车运行维护费", D(2), D("2.1"), set())  # +5%
    assert rows["three-public.公务接待费"] == ("公务接待费", D(1), D(1), set())
    assert rows["three-public.合计"][1:] == (D(3), D("3.1"), set())


def test_rates_and_changes(folders) -> None:
    comparison = compare_folders(*folders, threshold=D("0.2"))
    row = next(r for r in comparison.rows if r.key == "gpb.2101501")
    assert (row.change, row.rate, row.stated_prior) == (D(10), D("0.1"), D(99))
    assert row.flags == (Flag.PRIOR_MISMATCH,)  # +10% is under a 20% threshold
    assert row.location is not None and (row.location.sheet, row.location.cell) == (layout.GPB.name, "F5")


def test_diff_writes_the_table_and_the_json_equals_the_library(folders, tmp_path: Path) -> None:
    result = CliRunner().invoke(diff, [str(folders[0]), str(folders[1]), "-o", str(tmp_path), "--format", "json", "--no-redline"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    library = diff_folders(*folders, tmp_path, redline=False)
    assert printed == result_json(library)
    assert [Path(p).name for p in printed["outputs"]] == ["unit-2023-2024-对比.xlsx"]
    assert [printed["reports"][side]["folder"] for side in ("old", "new")] == [str(f) for f in folders]
    assert all(printed["reports"][side]["schema"] == "juesuan-report/1" for side in ("old", "new"))
    sheet = openpyxl.load_workbook(tmp_path / "unit-2023-2024-对比.xlsx")["逐项对比"]
    table = {r[1]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert table["2101501 行政运行（项）"][3:7] == (100, 110, 10, 0.1)
    assert table["2101501 行政运行（项）"][12] == "no-reason prior-mismatch"


def test_the_terminal_table(folders, tmp_path: Path) -> None:
    result = CliRunner().invoke(diff, [str(folders[0]), str(folders[1]), "-o", str(tmp_path), "--no-redline"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("2101501 行政运行"))
    assert "100.00" in line and "110.00" in line and "+10.00%" in line and "变动较大未说明原因" in line
    assert "本年填99.00" in line
    assert "已生成：" in result.output


def test_an_unreadable_folder_exits_2(folders, tmp_path: Path) -> None:
    result = CliRunner().invoke(diff, [str(tmp_path / "nowhere"), str(folders[1]), "-o", str(tmp_path), "--no-redline"])
    assert result.exit_code == 2
    assert "folder-missing" in result.output
    assert not list(tmp_path.glob("*.xlsx"))


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(diff, ["--help"])
    assert result.exit_code == 0 and "示例" in result.output


@pytest.mark.slow
def test_sample_end_to_end(tmp_path: Path) -> None:
    """inputs/changji-ybj/2023 → 2024: the table, the .xlsx and the redline."""
    from generator.api import redline_folders
    from generator.diff import tracked_changes

    root = Path(__file__).resolve().parents[1] / "inputs" / "changji-ybj"
    result = diff_folders(root / "2023", root / "2024", tmp_path)
    assert result.findings == ()
    assert [p.name for p in result.outputs] == ["changji-ybj-2023-2024-对比.xlsx", "changji-ybj-2023-2024-修订对比.docx"]
    by_key = {r.key: r for r in result.comparison.rows}
    total = by_key["three-public.合计"]
    assert (total.old, total.new, total.stated_prior, total.flags) == (D("3.29"), D("7.65"), D("3.28"), (Flag.PRIOR_MISMATCH,))
    assert by_key["gpb.2080501"].flags == (Flag.APPEARED,)
    # the 2023 reconstruction is complete: every figure of both years is there to compare
    assert [r.key for r in result.comparison.rows if Flag.NOT_COMPARABLE in r.flags] == []
    income = by_key["summary.本年收入合计"]
    assert (income.old, income.new, income.flags) == (D("1548.16"), D("1238.41"), (Flag.LARGE_CHANGE,))
    assert (by_key["gpb.2010607"].old, by_key["gpb.2010607"].flags) == (D("14.27"), (Flag.DISAPPEARED,))
    redline = result.outputs[1].read_bytes()
    changes = tracked_changes(redline)
    assert ("del", "1,548.48") in changes and ("ins", "1,239.70") in changes
    assert ("del", "2023") in changes and ("ins", "2024") in changes
    # 2023 has no 2022 to compare with; 2024 compares with 2023: the comparisons are what the redline adds
    assert any(kind == "ins" and "减少308.78万元，下降19.94%" in text for kind, text in changes)
    assert any(kind == "del" and "无上年数据，不作比较" in text for kind, text in changes)
    assert _numbers_cut(redline) == []
    assert redline_folders(result.comparison) == (redline, [])  # the same inputs give the same bytes


def test_the_number_check_sees_a_number_cut_digit_by_digit() -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    paragraph = document.add_paragraph("总计1,2")
    for kind, tag in (("del", "delText"), ("ins", "t")):
        paragraph._p.append(parse_xml(f'<w:{kind} {nsdecls("w")} w:id="1" w:author="a"><w:r><w:{tag}>39.70</w:{tag}></w:r></w:{kind}>'))
    buffer = io.BytesIO()
    document.save(buffer)
    assert _numbers_cut(buffer.getvalue()) == ["1,239.70 in 总计1,239.70", "1,239.70 in 总计1,239.70"]


_NUMBER = re.compile(r"\d+(?:[,.]\d+)*%?")


def _numbers_cut(redline: bytes) -> list[str]:
    """Numbers of either version that a tracked change starts or ends inside of, with their paragraph."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(redline)).read("word/document.xml"))
    cut = []
    for paragraph in root.iter(f"{w}p"):
        pieces = []
        for node in paragraph.iter(f"{w}t", f"{w}delText"):
            kinds = {a.tag for a in node.iterancestors()}
            pieces.append(("ins" if f"{w}ins" in kinds else "del" if f"{w}del" in kinds else "=", node.text or ""))
        for side in ("del", "ins"):
            text, kind_at = "", []
            for kind, piece in pieces:
                if kind in ("=", side):
                    text += piece
                    kind_at += [kind] * len(piece)
            for match in _NUMBER.finditer(text):
                if len(set(kind_at[match.start() : match.end()])) > 1:
                    cut.append(f"{match.group()} in {text}")
    return cut


def test_self_evaluation_rows_when_both_years_have_one() -> None:
    sample = Path(__file__).resolve().parents[1] / "inputs" / "changji-ybj"
    same = compare_folders(sample / "2024", sample / "2024")
    perf = {r.key: r for r in same.rows if r.key.startswith("perf.")}
    assert perf and all(not r.flags and r.change == 0 for r in perf.values())
    total = next(r for k, r in perf.items() if k.startswith("perf.unit.") and k.endswith(".总分"))
    assert (total.item, total.new) == ("整体支出：自评总分", D("98.99"))
    # the 2023 sample has no 绩效自评表: nothing of it is compared
    assert not [r for r in compare_folders(sample / "2023", sample / "2024").rows if r.key.startswith("perf.")]


def test_the_comparison_workbook_is_the_same_bytes_whenever_it_is_written(folders, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from generator.diff.workbook import comparison_workbook

    comparison = compare_folders(*folders)
    first = comparison_workbook(comparison)
    later = time.time() + 3 * 86400  # zip members carry their time of writing to the second: three days later
    monkeypatch.setattr(time, "time", lambda: later)
    second = comparison_workbook(comparison)
    assert first == second
    members = zipfile.ZipFile(io.BytesIO(second)).infolist()
    assert {m.date_time for m in members} == {(1980, 1, 1, 0, 0, 0)}
