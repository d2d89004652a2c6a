"""Each bad input gives its code at its location, through the library and through the CLI, and no traceback.

Every case starts from the consistent sample (tests/conftest.py) and breaks one thing. The CLI's
exit status: 2 when the data cannot be used (nothing could be read, or loading found an error,
so no figure was computed), 1 when the checks found errors, 0 otherwise. Its `--format json`
findings equal the library's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

import generator.load.workbook
from generator import api, layout
from generator.cli import main
from generator.findings import Severity

S = layout.SUMMARY.name
G = layout.GPB.name
OM = layout.OTHER_MATTERS.name
P = layout.STAFF.name
B = layout.BASIC.name
C = layout.COVER.name

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2

Make = Callable[[Any, Path, pytest.MonkeyPatch], Path]


def _edited(sheet: str, key: str, header: str, value: Any) -> Make:
    """The consistent folder with one cell of this year's workbook changed."""

    def make(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        values = kit.consistent_2024()
        kit.set_value(values, sheet, key, header, value)
        return kit.write_unit(root, values, prior=kit.consistent_2023())

    return make


def _values(change: Callable[[dict[str, Any]], None]) -> Make:
    def make(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        values = kit.consistent_2024()
        change(values)
        return kit.write_unit(root, values, prior=kit.consistent_2023())

    return make


def _openpyxl(change: Callable[[openpyxl.Workbook], None]) -> Make:
    """The consistent workbook changed with openpyxl (which stores no cached formula values)."""

    def make(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        folder = kit.write_unit(root, kit.consistent_2024(), prior=kit.consistent_2023())
        path = folder / layout.WORKBOOK
        book = openpyxl.load_workbook(path)
        change(book)
        book.save(path)
        return folder

    return make


def _texts(text: str | None) -> Make:
    def make(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        return kit.write_unit(root, kit.consistent_2024(), texts=text, prior=kit.consistent_2023())

    return make


def _folder_missing(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return root / "unit" / "2024"


def _workbook_missing(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = root / "unit" / "2024"
    folder.mkdir(parents=True)
    (folder / layout.TEXTS).write_text(kit.SAMPLE_TEXTS, encoding="utf-8")
    return folder


def _not_xlsx(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = kit.write_unit(root, kit.consistent_2024())
    (folder / layout.WORKBOOK).write_text("单位名称,年度\n某单位,2024\n", encoding="utf-8")
    return folder


def _too_large(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(generator.load.workbook, "MAX_WORKBOOK_BYTES", 1000)
    return kit.write_unit(root, kit.consistent_2024())


def _non_utf8_texts(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = kit.write_unit(root, kit.consistent_2024(), prior=kit.consistent_2023())
    (folder / layout.TEXTS).write_bytes("其他需说明的事项: 无\n".encode("gbk"))
    return folder


def _prior_unreadable(kit: Any, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    prior = kit.consistent_2023()
    kit.set_value(prior, S, "收入总计", "金额", "一千五百万")
    return kit.write_unit(root, kit.consistent_2024(), prior=prior)


def _set(sheet: str, ref: str, value: Any) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[sheet][ref] = value

    return change


def _drop_sheet(sheet: str) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        del book[sheet]

    return change


def _add_item(sheet: str, name: str, cells: list[Any]) -> Callable[[dict[str, Any]], None]:
    return lambda values: values[sheet].__setitem__(name, cells)


# (make, expected (code, sheet, cell, severity) exactly, CLI exit status, the field of the first finding if any)
CASES = [
    pytest.param(_folder_missing, [("folder-missing", None, None, "error")], EXIT_UNREADABLE, None, id="folder-missing"),
    pytest.param(_workbook_missing, [("file-missing", None, None, "error")], EXIT_UNREADABLE, None, id="workbook-missing"),
    pytest.param(_not_xlsx, [("file-unreadable", None, None, "error")], EXIT_UNREADABLE, None, id="not-an-xlsx"),
    pytest.param(_too_large, [("file-too-large", None, None, "error")], EXIT_UNREADABLE, None, id="file-too-large"),
    pytest.param(
        _openpyxl(_drop_sheet(layout.THREE_PUBLIC.name)), [("sheet-missing", layout.THREE_PUBLIC.name, None, "error")], EXIT_ERRORS, None, id="sheet-missing"
    ),
    # juesuan's own sheet (no finance export has it) left out: its items are blank, named by the checks of blanks
    pytest.param(
        _openpyxl(_drop_sheet(P)), [("sheet-absent", P, None, "warning"), ("section-without-data", P, None, "warning")], EXIT_OK, None, id="staff-sheet-absent"
    ),
    # issue 18: the 政府性基金 and 国有资本经营 tables may be empty, so they may be left out: read as empty, not refused
    pytest.param(
        _openpyxl(_drop_sheet(layout.GOV_FUND.name)), [("sheet-absent-empty", layout.GOV_FUND.name, None, "info")], EXIT_OK, None, id="fund-sheet-absent"
    ),
    pytest.param(
        _openpyxl(_drop_sheet(layout.STATE_CAPITAL.name)),
        [("sheet-absent-empty", layout.STATE_CAPITAL.name, None, "info")],
        EXIT_OK,
        None,
        id="state-capital-sheet-absent",
    ),
    pytest.param(
        _openpyxl(_drop_sheet(C)), [("sheet-missing", C, None, "error")], EXIT_UNREADABLE, None, id="cover-sheet-missing"
    ),
    # the 基本支出 header of the 一般公共预算财政拨款支出决算表 misspelt: found missing on header row 3, and the
    # misspelt header is a column that is not read
    pytest.param(
        _openpyxl(_set(G, "D3", "基本")),
        [("column-missing", G, "3", "error"), ("column-unknown", G, "D3", "warning")],
        EXIT_ERRORS,
        None,
        id="column-missing"
    ),
    pytest.param(
        _openpyxl(lambda book: book[P].delete_rows(3)),
        [("header-missing", P, "3", "error")],
        EXIT_ERRORS,
        None,
        id="header-missing",
    ),
    pytest.param(
        _edited(S, "其他收入", "金额", "十二万"), [("not-a-number", S, "B11", "error")], EXIT_ERRORS, None, id="not-a-number"
    ),
    pytest.param(
        _edited(S, "其他收入", "金额", "15,73"), [("not-a-number", S, "B11", "error")], EXIT_ERRORS, None, id="bad-thousands"
    ),
    pytest.param(
        _openpyxl(_set(S, "B15", "=B5+B6")),
        [("formula-without-value", S, "B15", "error")],
        EXIT_ERRORS,
        None,
        id="formula-without-value",
    ),
    pytest.param(
        _edited(OM, "政府采购货物支出", "本年数", -1),
        [("negative-amount", OM, "B5", "error")],
        EXIT_ERRORS,
        None,
        id="negative-amount",
    ),
    pytest.param(
        _edited(P, "在职人员", "本年人数", 30.5),
        [("not-a-whole-number", P, "B5", "error")],
        EXIT_ERRORS,
        None,
        id="not-a-whole-number",
    ),
    pytest.param(
        _edited(G, "2101501", "科目编码", "21015011"),
        [("code-format", G, "A24", "error")],
        EXIT_ERRORS,
        None,
        id="code-8-digits",
    ),
    pytest.param(
        _edited(G, "2101501", "科目编码", "21O1501"),
        [("code-format", G, "A24", "error")],
        EXIT_ERRORS,
        None,
        id="code-letter-o",
    ),
    pytest.param(
        _edited(B, "30101", "科目编码", "3010101"),
        [("code-format", B, "A5", "error")],
        EXIT_ERRORS,
        None,
        id="economic-code-7-digits",
    ),
    pytest.param(
        _edited(G, "2101501", "科目编码", None), [("code-missing", G, "A24", "error")], EXIT_ERRORS, None, id="code-missing"
    ),
    pytest.param(
        _values(_add_item(OM, "不存在的项目", [1])), [("item-unknown", OM, "A41", "warning")], EXIT_OK, None, id="item-unknown"
    ),
    # the same item under another spelling (spaces are ignored)
    pytest.param(
        _values(_add_item(S, "本年收入 合计", [1238.41])),
        [("item-duplicate", S, "A23", "error")],
        EXIT_ERRORS,
        None,
        id="item-duplicate",
    ),
    pytest.param(
        _edited(C, "年度", "内容", "二〇二四"), [("cover-missing", C, "B5", "error")], EXIT_UNREADABLE, None, id="cover-year"
    ),
    # a 2024 folder whose 封面 says 2023: the document would be "2023年度" and compare with 2022
    pytest.param(
        _edited(C, "年度", "内容", 2023), [("cover-year-mismatch", C, "B5", "error")], EXIT_ERRORS, None, id="cover-year-mismatch"
    ),
    pytest.param(
        _edited(C, "单位名称", "内容", None), [("cover-missing", C, "B4", "error")], EXIT_UNREADABLE, None, id="cover-name"
    ),
    pytest.param(
        _edited(C, "金额单位", "内容", "千元"), [("unit-unknown", C, "B6", "error")], EXIT_UNREADABLE, None, id="unit-unknown"
    ),
    # 车辆价值 19.77万元 typed as 197,700 (元) in a 万元 workbook
    pytest.param(
        _edited(OM, "车辆价值", "本年数", 197700),
        [("amount-looks-like-yuan", OM, "B12", "warning")],
        EXIT_OK,
        None,
        id="amount-in-yuan",
    ),
    pytest.param(
        _texts("主要职能:\n  - 第一项\n - 第二项: [\n"),
        [("texts-syntax", None, None, "error")],
        EXIT_ERRORS,
        "第3行第2列",
        id="texts-syntax",
    ),
    pytest.param(
        _texts("主要职能: []\n职能: 拼错的键\n"),
        [("texts-invalid", None, None, "error")],
        EXIT_ERRORS,
        "职能",
        id="texts-unknown-key",
    ),
    pytest.param(
        _texts("主要职能: 一段文字而非列表\n"),
        [("texts-invalid", None, None, "error")],
        EXIT_ERRORS,
        "主要职能",
        id="texts-wrong-type",
    ),
    pytest.param(_texts(None), [("texts-missing", None, None, "warning")], EXIT_OK, None, id="texts-missing"),
    pytest.param(_non_utf8_texts, [("texts-unreadable", None, None, "error")], EXIT_ERRORS, None, id="texts-not-utf8"),
    pytest.param(
        _prior_unreadable, [("prior-year-unreadable", None, None, "warning")], EXIT_OK, None, id="prior-year-unreadable"
    ),
    # a data error the checks find (not the loader): exit 1
    pytest.param(
        _edited(S, "收入总计", "金额", 1239.90),
        [("total-mismatch", S, "B15", "error")],
        EXIT_ERRORS,
        None,
        id="check-error-exits-1",
    ),
]


@pytest.mark.parametrize(("make", "expected", "status", "field"), CASES)
def test_bad_input(
    make: Make, expected: list[tuple], status: int, field: str | None, kit: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make(kit, tmp_path, monkeypatch)

    checked = api.check_folder(folder)
    got = [(f.code, f.location.sheet, f.location.cell, f.severity.value) for f in checked.findings]
    assert got == expected
    first = checked.findings[0]
    assert first.location.file.endswith(str(folder) if first.code == "folder-missing" else _file_of(first.code))
    if field is not None:
        assert first.location.field == field
    assert checked.readable is (status != EXIT_UNREADABLE)
    assert (status == EXIT_ERRORS) is (checked.readable and checked.has_errors)

    runner = CliRunner()
    text = runner.invoke(main, ["check", str(folder)])
    assert text.exit_code == status, text.output
    assert text.exception is None or isinstance(text.exception, SystemExit)
    assert "Traceback" not in text.output
    assert f"[{expected[0][0]}]" in text.output

    as_json = runner.invoke(main, ["check", str(folder), "--format", "json"])
    assert as_json.exit_code == status
    report = json.loads(as_json.output)
    assert report["findings"] == [f.as_json() for f in checked.findings]
    assert report["readable"] is checked.readable
    assert report["errors"] == sum(1 for f in checked.findings if f.severity is Severity.ERROR)


def _file_of(code: str) -> str:
    return layout.TEXTS if code.startswith("texts-") else layout.WORKBOOK


def test_yaml_syntax_error_names_its_line(kit: Any, tmp_path: Path) -> None:
    text = '主要职能:\n  - 第一项\n其他需说明的事项: "未闭合\n'
    folder = kit.write_unit(tmp_path, kit.consistent_2024(), texts=text)
    (finding,) = api.check_folder(folder).findings
    assert finding.code == "texts-syntax"
    assert finding.location.field is not None and finding.location.field.startswith("第")


# --- inputs are never modified ------------------------------------------------------------


def _hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def test_check_and_generate_never_modify_inputs(kit: Any, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    folder = kit.write_unit(inputs, kit.consistent_2024(), prior=kit.consistent_2023())
    bad = kit.consistent_2024()
    kit.set_value(bad, S, "收入总计", "金额", 1239.90)
    bad_folder = kit.write_unit(inputs / "bad", bad)
    before = _hashes(inputs)

    runner = CliRunner()
    assert api.check_folder(folder).findings == ()
    assert runner.invoke(main, ["check", str(folder)]).exit_code == EXIT_OK
    out = tmp_path / "out"
    # Whether the document renders is the render tests' business; here, only that nothing is written back.
    result = runner.invoke(main, ["generate", str(folder), "-o", str(out / "说明.docx")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert (out / "说明.docx").is_file() is (result.exit_code == EXIT_OK)
    refused = runner.invoke(main, ["generate", str(bad_folder), "-o", str(out / "bad.docx")])
    assert refused.exit_code == EXIT_ERRORS
    assert not (out / "bad.docx").exists()
    api.generate(bad_folder, output=out / "forced.docx", force=True)

    assert _hashes(inputs) == before


def test_a_2025_folder_whose_cover_says_2024_is_an_error_and_generate_refuses(kit: Any, tmp_path: Path) -> None:
    """Issue 9: a folder 2025 with a 2024 封面 gave 0 errors and a document about "2024年度"."""
    folder = kit.write_unit(tmp_path, kit.consistent_2024(), year=2025)
    findings = [f for f in api.check_folder(folder).findings if f.code == "cover-year-mismatch"]
    assert [(f.location.sheet, f.location.cell, f.severity.value, f.values["stated"], f.values["expected"]) for f in findings] == [
        (C, "B5", "error", 2024, 2025)
    ]
    result = CliRunner().invoke(main, ["generate", str(folder), "-o", str(tmp_path / "说明.docx")])
    assert result.exit_code == EXIT_ERRORS and not (tmp_path / "说明.docx").exists()


def test_cover_year_is_compared_only_with_a_folder_named_for_a_year(kit: Any, tmp_path: Path) -> None:
    """The folder year agrees (the sample layout …/2024) or the folder is not named for a year: no finding."""
    agreeing = kit.write_unit(tmp_path / "a", kit.consistent_2024(), prior=kit.consistent_2023())
    assert agreeing.name == "2024"
    assert "cover-year-mismatch" not in [f.code for f in api.check_folder(agreeing).findings]

    renamed = agreeing.rename(agreeing.parent / "本年数据")
    assert "cover-year-mismatch" not in [f.code for f in api.check_folder(renamed).findings]
