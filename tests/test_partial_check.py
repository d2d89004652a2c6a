"""One unreadable 文字说明.yaml does not hide the other findings; YAML problems are told in Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import api, layout
from generator.cli import main
from generator.yaml_files import load_yaml, yaml_problem

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "inputs" / "changji-ybj", tmp_path / "changji-ybj")
    return tmp_path / "changji-ybj" / "2024"


@pytest.mark.parametrize(
    "text",
    ["主要职能:\n  - 第一项\n - 第二项: [\n", "主要职能: 一段文字而非列表\n", "主要职能:\n\t- 制表符\n", "主要职能: 'x\n"],
)
def test_a_bad_texts_file_is_one_error_among_all_the_other_findings(sample: Path, text: str) -> None:
    own = [f.code for f in api.check_folder(sample).findings]  # the sample's own findings (none about its texts)
    (sample / layout.TEXTS).write_text(text, encoding="utf-8")
    checked = api.check_folder(sample)
    texts_errors = [f for f in checked.findings if Path(f.location.file).name == layout.TEXTS]
    assert len(texts_errors) == 1 and texts_errors[0].code in {"texts-syntax", "texts-invalid"}
    others = [f.code for f in checked.findings if f not in texts_errors]
    assert sorted(others) == sorted(own)  # the sample's own findings, all still there
    assert checked.figures is not None and not checked.complete
    # The texts' error is an error: no document without --force.
    result = CliRunner().invoke(main, ["generate", str(sample), "-o", str(sample.parent / "out.docx")])
    assert result.exit_code == 1 and not (sample.parent / "out.docx").exists()


@pytest.mark.parametrize(
    "text",
    ["a:\n  - b\n - c: [\n", "a: b: c\n", "a:\n\t- b\n", "a: 'b\n", "a: \"\\q\"\n", "a: [1, 2\n", "a: *x\n", "a: 1\n---\nb: 2\n", "a: @b\n", "- a\nb: c\n"],
)
def test_every_yaml_problem_is_told_in_chinese(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        load_yaml(text)
    said = yaml_problem(caught.value)
    assert said and not any(c.isascii() and c.isalpha() for c in said), said
