"""One case per exit code of docs/exit-codes.md, through the real command line."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator import api, layout
from generator.cli import EXIT_ERRORS, EXIT_INTERNAL, EXIT_OK, EXIT_OUTPUT, EXIT_UNREADABLE, main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_the_documented_table_names_every_code() -> None:
    table = (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    for code in (EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL, EXIT_OUTPUT):
        assert f"\n| {code} |" in table
    assert "docs/exit-codes.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_an_unreadable_cell_is_documented_as_exit_1_not_2() -> None:
    """Issue 9: README and docs/findings.md said exit 2 for not-a-number, formula-without-value and sheet-missing,
    which exit 1 (tests/test_bad_inputs.py asserts each code's exit); the one table says so now."""
    rows = {line.split("|")[1].strip(): line for line in (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8").splitlines() if line.startswith("| ")}
    for code in ("not-a-number", "formula-without-value", "sheet-missing"):
        assert f"`{code}`" in rows["1"] and f"`{code}`" not in rows["2"], code
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "1 数据有错误（含无法识别的单元格" in readme


def test_0_no_errors() -> None:
    assert run("check", str(SAMPLE)).exit_code == EXIT_OK == 0


def test_1_errors_in_readable_data(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, layout.SUMMARY.name, "本年收入合计", "金额", None)
    kit.set_value(values, layout.SUMMARY.name, "其他收入", "金额", None)
    result = run("check", str(unit_folder(values)))
    assert result.exit_code == EXIT_ERRORS == 1
    assert "blank-required" in result.output


def test_1_an_unreadable_cell_is_an_error_in_readable_data(kit: Any, unit_folder: Any) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, layout.SUMMARY.name, "其他收入", "金额", "十二万")
    result = run("check", str(unit_folder(values)))
    assert result.exit_code == EXIT_ERRORS and "not-a-number" in result.output


def test_2_nothing_can_be_read(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nowhere" / "2024"))
    assert result.exit_code == EXIT_UNREADABLE == 2 and "folder-missing" in result.output


def test_3_a_bug_is_an_internal_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(api, "check_folder", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the log goes there
    result = run("check", str(SAMPLE))
    assert result.exit_code == EXIT_INTERNAL == 3 and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "code"),
    [("folder", "output-is-folder"), ("说明.txt", "output-suffix"), ("说明.pdf", "output-suffix")],
)
def test_4_output_path_problems(name: str, code: str, tmp_path: Path) -> None:
    target = tmp_path / name
    if name == "folder":
        target.mkdir()
    result = run("generate", str(SAMPLE), "-o", str(target))
    assert result.exit_code == EXIT_OUTPUT == 4, result.output
    assert f"[{code}]" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "说明.docx").exists()


@pytest.mark.parametrize(
    ("failure", "says"),
    [
        (OSError(errno.EROFS, "Read-only file system"), "只读"),
        (PermissionError(errno.EACCES, "Permission denied"), "权限"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "文件夹"),
    ],
)
def test_4_a_write_that_fails_says_which_and_what_to_do(failure: OSError, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(files: object, remove: object = ()) -> None:
        raise failure

    monkeypatch.setattr(api, "write_together", refuse)
    result = run("generate", str(SAMPLE), "-o", str(tmp_path / "说明.docx"))
    assert result.exit_code == EXIT_OUTPUT, result.output
    assert says in result.output and "Traceback" not in result.output


def test_a_locked_existing_file_is_named_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "说明.docx"
    target.write_bytes(b"old")

    def refuse(files: object, remove: object = ()) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(api, "write_together", refuse)
    result = run("generate", str(SAMPLE), "-o", str(target))
    assert result.exit_code == EXIT_OUTPUT and "被占用" in result.output
    assert target.read_bytes() == b"old"


def test_a_docx_output_is_written(tmp_path: Path) -> None:
    result = run("generate", str(SAMPLE), "-o", str(tmp_path / "说明.docx"))
    assert result.exit_code == EXIT_OK and (tmp_path / "说明.docx").is_file()
