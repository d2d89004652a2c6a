"""One guarded door for every file juesuan reads, and every command degrading into findings (issue 20).

Each case failed before: a 300-byte 文字说明.yaml of nested aliases exhausted memory in every
command (the blank filter walked the expanded structure); the workbench opened workbooks with
calamine directly (a value in XFD1048576 asked for 512 GiB); `diff` with one unreadable cell
raised AssertionError (exit 3); `init --from` wrote a blank 绩效自评表 in place of an unreadable
one and left a half-written folder on a full disk; a 决算数据.xlsx that is a folder was left out
of `batch` and `export` without a word; a full or read-only disk was an internal error outside
`generate`; `check … | head` was an internal error; exit 3 said "不是数据的问题".
"""

from __future__ import annotations

import ast
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import api, door, layout
from generator.carry import carry_forward
from generator.cli import main
from generator.load.texts import load_texts
from generator.yaml_files import MAX_NODES, YamlRefused, load_yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
SAMPLE = ROOT / "inputs" / "changji-ybj"
SELF = "绩效自评表.xlsx"


def bomb(levels: int, width: int = 9) -> str:
    """A "billion laughs" 文字说明.yaml: width**levels strings under 主要职能, in a few hundred bytes."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"主要职能: *a{levels - 1}")
    return "\n".join(lines) + "\n"


BOMBS = [pytest.param(6, id="9^6"), pytest.param(7, id="9^7"), pytest.param(9, id="9^9")]


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    """The sample, both years: unit/2023 and unit/2024."""
    shutil.copytree(SAMPLE, tmp_path / "unit")
    return tmp_path / "unit"


def _codes(findings) -> list[str]:
    return sorted({f.code for f in findings})


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# --- YAML: one bounded loader -------------------------------------------------------


@pytest.mark.parametrize("levels", [6, 7, 9, 12])
def test_an_alias_bomb_is_refused_before_it_is_expanded(levels: int) -> None:
    with pytest.raises(YamlRefused) as refused:
        load_yaml(bomb(levels))
    assert refused.value.problem_mark is not None


@pytest.mark.parametrize(
    "text", ["a: &a [*a]", "&a {k: *a}", "x: " + "[" * 80 + "]" * 80, "a: 1\n" + "b: 'x'\n" * 10 + "c: " + "y" * (1 << 20)]
)
def test_self_containing_aliases_deep_nesting_and_overlong_text_are_refused(text: str) -> None:
    with pytest.raises(YamlRefused):
        load_yaml(text)


def test_a_few_aliases_within_the_bound_are_still_read() -> None:
    assert load_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}
    assert len(load_yaml(bomb(4))["主要职能"]) == 9  # about 2 × 9^4 nodes expanded: below MAX_NODES
    assert 2 * 9**4 < MAX_NODES < 9**6


@pytest.mark.parametrize("levels", [6, 7, 9])
def test_a_bomb_in_the_texts_is_one_finding_at_its_line(tmp_path: Path, levels: int) -> None:
    path = tmp_path / layout.TEXTS
    path.write_text(bomb(levels), encoding="utf-8")
    _, findings = load_texts(path, "文字说明.yaml")
    # at the first anchor whose expansion passes the bound: a5 on line 6 (a4 expands to 9^5 + 9^4 + …)
    assert [(f.code, f.location.field) for f in findings] == [("texts-refused", "第6行")]


@pytest.mark.parametrize("levels", [7, pytest.param(9, marks=pytest.mark.slow)])  # the deeper bomb: the full tier
@pytest.mark.parametrize("year", ["2024", pytest.param("2023", marks=pytest.mark.slow)])  # last year's bomb: the full tier
def test_every_command_survives_an_alias_bomb_in_either_year(unit: Path, tmp_path: Path, levels: int, year: str) -> None:
    (unit / year / layout.TEXTS).write_text(bomb(levels), encoding="utf-8")
    this, last = str(unit / "2024"), str(unit / "2023")
    out = tmp_path / "out"
    runs = {
        "check": _run("check", this, "--format", "json"),
        "generate": _run("generate", this, "-o", str(out / "g.docx")),
        "diff": _run("diff", last, this, "-o", str(out / "diff"), "--no-redline"),
        "batch": _run("batch", str(unit), "-o", str(out / "batch"), "-j", "1", "-q"),
        "export": _run("export", str(unit), "-o", str(out / "all.csv")),
        "init": _run("init", str(unit / "2025"), "--from", this),
    }
    assert {name: code for name, (code, _) in runs.items() if code not in (0, 1, 2)} == {}
    mentioned = {name for name, (_, output) in runs.items() if "texts-refused" in output or "文字说明" in output}
    expected = {"check", "generate", "batch", "export", "diff", "init"} if year == "2024" else {"diff", "batch", "export"}
    assert expected <= mentioned
    if year == "2024":
        assert not (unit / "2025").exists()  # nothing carried from a folder that could not be read


def test_a_profile_with_an_alias_bomb_is_a_finding(unit: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(bomb(9), encoding="utf-8")
    checked = api.check_folder(unit / "2024", profile=str(profile))
    assert "profile-yaml-invalid" in _codes(checked.findings)


# --- regular files only ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["folder", "fifo", "link-outside"])
def test_texts_that_are_not_a_regular_file_in_the_folder_are_refused(unit: Path, tmp_path: Path, kind: str) -> None:
    path = unit / "2024" / layout.TEXTS
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        secret = tmp_path / "secret.yaml"
        secret.write_text("主要职能:\n  - 本机的秘密\n", encoding="utf-8")
        path.symlink_to(secret)
    checked = api.check_folder(unit / "2024")
    assert [(f.code, f.values.get("kind")) for f in checked.findings if f.code == "file-not-regular"] == [("file-not-regular", kind)]


def test_a_document_goes_through_the_same_door(tmp_path: Path) -> None:
    from fuzzing import package as pkg

    good = (ROOT / "templates" / "xinjiang-2024.docx").read_bytes() if (ROOT / "templates" / "xinjiang-2024.docx").is_file() else None
    cases = {"not-a-pdf.pdf": b"hello", "bomb.docx": pkg.zip_bomb(good or _any_docx(), 40, "word/document.xml")}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder.docx").mkdir()
    (tmp_path / "ok.txt").write_text("正文", encoding="utf-8")
    got = {name: door.read_document(tmp_path / name)[1] for name in ("not-a-pdf.pdf", "bomb.docx", "folder.docx", "ok.txt")}
    assert {name: f.code if f else None for name, f in got.items()} == {
        "not-a-pdf.pdf": "file-unreadable", "bomb.docx": "file-inflates", "folder.docx": "file-not-regular", "ok.txt": None
    }


def _any_docx() -> bytes:
    return next(p for p in sorted((ROOT / "templates").rglob("*.docx"))).read_bytes()


# --- nothing under generator/ opens a workbook or YAML except through the door ----------------

_WORKBOOK_OPENERS = {"load_workbook", "read_excel", "from_path", "from_filelike", "from_object", "ExcelFile"}
_YAML_OPENERS = {"load", "safe_load", "full_load", "unsafe_load", "load_all", "safe_load_all", "compose", "compose_all"}
# module -> why it may call one of them
DOORS = {
    "generator/load/workbook.py": "the guarded workbook reader itself",
    "generator/yaml_files.py": "the guarded YAML loader itself",
    "generator/carry.py": "reworks bytes it has just made itself (init's blank workbook)",
    "generator/load/self_evaluation/carry.py": "reworks bytes read_package let through (bounded sheets, no entities)",
    "generator/words.py": "sets reason cells in bytes api.edited_workbook took through read_package (bounded sheets, no entities)",
}


def _openers(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            if name in _WORKBOOK_OPENERS or (owner == "yaml" and name in _YAML_OPENERS) or owner == "CalamineWorkbook":
                found.append(f"{owner + '.' if owner else ''}{name} (line {node.lineno})")
        elif isinstance(node, ast.ImportFrom) and node.module in ("python_calamine", "yaml"):
            found.extend(f"from {node.module} import {a.name}" for a in node.names if a.name in _YAML_OPENERS | {"CalamineWorkbook"})
    return found


def test_no_module_opens_a_workbook_or_yaml_except_through_the_door() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if str(path.relative_to(ROOT)) not in DOORS and (found := _openers(path))
    }
    assert offenders == {}, "read workbooks with generator.load.workbook, YAML with generator.yaml_files"


def test_the_scan_sees_a_direct_opener(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import yaml\nfrom python_calamine import CalamineWorkbook\nyaml.safe_load('a')\nCalamineWorkbook.from_path('x')\n")
    assert len(_openers(module)) == 3


# --- the workbench reads through the door ------------------------------------------------


def test_the_workbench_row_of_a_far_cell_workbook_is_read_bounded(unit: Path) -> None:
    from fuzzing import package as pkg
    from generator.findings import Location
    from generator.web.sheetrow import RowReader

    book = unit / "2024" / layout.WORKBOOK
    book.write_bytes(pkg.far_cell(book.read_bytes(), "xl/worksheets/sheet2.xml"))
    row = RowReader(unit).row_of(Location(file=str(book), sheet="收入支出决算总表", cell="B5"))
    assert row is not None and row.number == 5 and len(row.cells) <= 64


def test_an_upload_goes_through_the_same_door(unit: Path, tmp_path: Path) -> None:
    from fuzzing import package as pkg
    from generator.web.uploads import Refused, check_upload

    data = (unit / "2024" / layout.WORKBOOK).read_bytes()
    with pytest.raises(Refused, match="别名"):
        check_upload("texts", "文字说明.yaml", bomb(9).encode("utf-8"))
    with pytest.raises(Refused):
        check_upload("workbook", "决算数据.xlsx", pkg.lie_about_size(data, "xl/worksheets/sheet2.xml"))
    with pytest.raises(Refused):
        check_upload("workbook", "决算数据.xlsx", pkg.entity_expansion(data, "xl/worksheets/sheet2.xml"))
    check_upload("workbook", "决算数据.xlsx", pkg.far_cell(data, "xl/worksheets/sheet2.xml"))  # read bounded, the cell named


@pytest.mark.slow
def test_the_workbench_unit_page_and_comparison_survive_a_bomb_and_a_far_cell(unit: Path, tmp_path: Path) -> None:
    from fuzzing import package as pkg
    from generator.web.app import create_app

    root = tmp_path / "inputs"
    root.mkdir()
    shutil.move(unit, root / "unit")
    (root / "unit" / "2024" / layout.TEXTS).write_text(bomb(9), encoding="utf-8")
    book = root / "unit" / "2024" / layout.WORKBOOK
    book.write_bytes(pkg.far_cell(book.read_bytes(), "xl/worksheets/sheet2.xml"))
    app = create_app(root, tmp_path / "outputs")
    app.config["TESTING"] = True
    with app.test_client() as client:
        page = client.get("/unit/unit/2024")
        assert page.status_code == 200 and "texts-refused" in page.get_data(as_text=True)
        compare = client.get("/compare/unit/2024")
        assert compare.status_code == 200


# --- diff compares the rest ------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2023", "2024"])
def test_diff_reports_an_unreadable_cell_at_its_place_and_compares_the_rest(unit: Path, tmp_path: Path, year: str) -> None:
    from fuzzing import cells
    from generator.api import diff_folders

    book = unit / year / layout.WORKBOOK
    book.write_bytes(_text_in_amount(book.read_bytes(), cells))
    result = diff_folders(unit / "2023", unit / "2024", tmp_path / "out", redline=False)
    assert [(f.code, f.location.file.endswith(f"{year}/决算数据.xlsx"), f.location.cell) for f in result.findings] == [
        ("not-a-number", True, "B15")
    ]
    assert len(result.comparison.rows) > 100 and result.outputs


def _text_in_amount(data: bytes, cells) -> bytes:
    from fuzzing import package as pkg

    def edit(name: str, xml: bytes) -> bytes:
        if name != "xl/worksheets/sheet2.xml":
            return xml
        import re

        changed, n = re.subn(rb'<c r="B15"[^>]*?(/>|>.*?</c>)', cells.cell_xml("B15", "一千元"), xml, count=1, flags=re.S)
        assert n == 1
        return changed

    return pkg.rewrite(data, edit)


def test_diff_exit_code_is_one_for_an_unreadable_cell_and_never_three(unit: Path, tmp_path: Path) -> None:
    (unit / "2023" / layout.TEXTS).write_text("主要职能: [\n", encoding="utf-8")
    code, output = _run("diff", str(unit / "2023"), str(unit / "2024"), "-o", str(tmp_path / "out"), "--no-redline")
    assert code == 1 and "texts-syntax" in output and "共比较" in output


# --- init --from: never a blank in place of an unreadable file, never half a folder -----------


@pytest.mark.parametrize("broken", ["folder", "bomb", "far-cell-rework", "damaged"])
def test_init_from_names_what_it_cannot_carry_and_writes_nothing(unit: Path, broken: str) -> None:
    from fuzzing import package as pkg

    old, new = unit / "2024", unit / "2025"
    evaluation = old / SELF
    if broken == "folder":
        evaluation.unlink()
        evaluation.mkdir()
    elif broken == "bomb":
        evaluation.write_bytes(pkg.zip_bomb(evaluation.read_bytes(), 40))
    elif broken == "far-cell-rework":
        evaluation.write_bytes(pkg.far_cell(evaluation.read_bytes(), pkg.worksheets(evaluation.read_bytes())[0]))
    else:
        evaluation.write_bytes(evaluation.read_bytes()[:3000])
    findings = carry_forward(old, new)
    assert [(f.code, f.location.file) for f in findings] == [("init-not-carried", str(evaluation))]
    assert not new.exists()


@pytest.mark.slow
def test_init_from_on_a_full_disk_writes_nothing_and_a_rerun_completes(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.files

    old, new = unit / "2024", unit / "2025"
    real = generator.files.os.fsync
    calls = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second file of three
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(generator.files.os, "fsync", full)
    findings = carry_forward(old, new)
    assert [f.code for f in findings] == ["output-not-writable"] and "磁盘空间不足" in findings[0].message
    assert not new.exists() and not [p for p in unit.iterdir() if p.name.startswith(".")]
    monkeypatch.setattr(generator.files.os, "fsync", real)
    assert carry_forward(old, new) == []
    assert sorted(p.name for p in new.iterdir()) == sorted([layout.WORKBOOK, layout.TEXTS, SELF])


def test_init_into_an_existing_folder_with_other_files_keeps_them(tmp_path: Path) -> None:
    from generator.init import init_folder

    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "说明.txt").write_text("留着", encoding="utf-8")
    assert init_folder(tmp_path / "new") == []
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted([layout.WORKBOOK, layout.TEXTS, SELF, "说明.txt"])


# --- batch and export list every unit they could not use ----------------------------------------


def test_a_workbook_that_is_a_folder_is_listed_by_batch_and_export(unit: Path, tmp_path: Path) -> None:
    (unit / "2023" / layout.WORKBOOK).unlink()
    (unit / "2023" / layout.WORKBOOK).mkdir()
    code, _ = _run("batch", str(unit), "-o", str(tmp_path / "batch"), "-j", "1", "-q")
    report = json.loads((tmp_path / "batch" / "batch-report.json").read_text(encoding="utf-8"))
    units = {u["folder"]: [f["code"] for f in u["report"]["findings"] if f["severity"] == "error"] for u in report["results"]}
    assert code == 1 and units["2023"] == ["file-not-regular"] and "2024" in units
    code, output = _run("export", str(unit), "-o", str(tmp_path / "all.csv"))
    assert code == 1 and "export-unit-skipped" in output and (tmp_path / "all.csv").is_file()


# --- output errors are exit 4 with the same words; a closed pipe is quiet; exit 3 does not judge -------


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.files

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generator.files.os, "fsync", full)


@pytest.mark.parametrize("command", ["generate", "diff", "export", "init", "batch"])
def test_a_full_disk_is_exit_4_with_the_same_words_in_every_command(
    unit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    out = tmp_path / "out"
    args = {
        "generate": ["generate", str(unit / "2024"), "-o", str(out / "g.docx"), "--force"],
        "diff": ["diff", str(unit / "2023"), str(unit / "2024"), "-o", str(out), "--no-redline"],
        "export": ["export", str(unit), "-o", str(out / "all.csv")],
        "init": ["init", str(tmp_path / "new" / "2025"), "--from", str(unit / "2024")],
        "batch": ["batch", str(unit), "-o", str(out), "-j", "1", "-q"],
    }[command]
    _full_disk(monkeypatch)
    code, output = _run(*args)
    assert code == 4 and "磁盘空间不足" in output and "内部错误" not in output


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly() -> None:
    shell = f"{sys.executable} -m generator check {SAMPLE / '2024'} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    run = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.stdout.strip() in ("0", "1", "141") and run.stderr == ""


def test_exit_3_neither_blames_nor_absolves_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(api, "check_folder", bug)
    code, output = _run("check", str(SAMPLE / "2024"))
    assert code == 3 and "不是数据的问题" not in output and "数据" in output


def test_existing_text_is_empty_when_absent_and_refuses_what_is_not_utf8(tmp_path: Path) -> None:
    from generator.door import Unreadable, existing_text

    assert existing_text(tmp_path / "核对记录.yaml") == ""
    (tmp_path / "ok.yaml").write_text("- 代码: x\n", encoding="utf-8")
    assert existing_text(tmp_path / "ok.yaml") == "- 代码: x\n"
    (tmp_path / "gbk.yaml").write_bytes("主要职能".encode("gbk"))
    with pytest.raises(Unreadable) as refused:
        existing_text(tmp_path / "gbk.yaml")
    assert refused.value.not_utf8
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(Unreadable) as refused:
        existing_text(tmp_path / "folder.yaml")
    assert not refused.value.not_utf8
