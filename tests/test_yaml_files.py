"""The one YAML loader: duplicate keys, an empty file and numbers that are not plain are findings.

Before issue 14 a second 主要职能 silently replaced the first, an empty 文字说明.yaml was read
as no text at all without a word (a missing one was reported), and ".nan"/"1_000" were numbers.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.load.self_evaluation.profiles import load_profile
from generator.load.texts import load_texts
from generator.yaml_files import DuplicateKeyError, load_yaml


def _texts(tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    path = tmp_path / "文字说明.yaml"
    path.write_text(text, encoding="utf-8")
    return [(f.code, f.location.field) for f in load_texts(path, "文字说明.yaml")[1]]


def test_a_duplicate_key_is_a_finding_at_its_second_line(tmp_path: Path) -> None:
    text = "主要职能:\n  - 甲\n职能补充说明: 乙\n主要职能:\n  - 丙\n"
    assert _texts(tmp_path, text) == [("texts-duplicate-key", "第4行")]


def test_a_duplicate_nested_key_is_found_too() -> None:
    with pytest.raises(DuplicateKeyError) as raised:
        load_yaml("预算绩效:\n  成效: 甲\n  成效: 乙\n")
    assert raised.value.key == "成效" and raised.value.first_line == 2


@pytest.mark.parametrize("text", ["", "   \n", "# 只有注释\n", "{}\n"])
def test_an_empty_texts_file_is_a_warning(tmp_path: Path, text: str) -> None:
    assert _texts(tmp_path, text) == [("texts-empty", None)]


def test_distinct_keys_load_as_before(tmp_path: Path) -> None:
    assert _texts(tmp_path, "主要职能:\n  - 甲\n职能补充说明: 乙\n") == []


@pytest.mark.parametrize("text", ["a: .nan", "a: .inf", "a: -.Inf", "a: 1_000", "a: 1_000.5", "a: 1.0e+300", "a: " + "9" * 30])
def test_numbers_that_are_not_plain_are_yaml_errors(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


def test_floats_are_exact_decimals_and_ints_stay_ints() -> None:
    assert load_yaml("a: 0.1\nb: 2.5\nc: 10\n") == {"a": Decimal("0.1"), "b": Decimal("2.5"), "c": 10}


def test_a_profile_with_nan_or_a_duplicate_key_is_a_profile_finding(tmp_path: Path) -> None:
    for text in ("name: x\nname: y\n", "name: x\nexecution_weight: .nan\n"):
        path = tmp_path / "p.yaml"
        path.write_text(text, encoding="utf-8")
        profile, findings = load_profile(path)
        assert profile is None and [f.code for f in findings] == ["profile-yaml-invalid"]


def test_a_key_or_item_left_empty_is_not_filled_in(tmp_path: Path) -> None:
    """Deleting the text after the colon is how people blank a field: not a wrongly typed value."""
    text = "主要职能:\n  - 甲\n  -\n职能补充说明:\n内设机构:\n预算绩效:\n  成效:\n  问题: 乙\n其他需说明的事项:\n"
    path = tmp_path / "文字说明.yaml"
    path.write_text(text, encoding="utf-8")
    texts, findings = load_texts(path, "文字说明.yaml")
    assert findings == []
    assert texts.functions == ("甲",) and texts.functions_note == "" and texts.departments is None
    assert texts.performance_results == "" and texts.performance_problems == "乙" and texts.other_matters == ""


def test_a_wrong_type_is_still_a_finding_at_its_key(tmp_path: Path) -> None:
    assert _texts(tmp_path, "职能补充说明:\n  - 一个列表\n") == [("texts-invalid", "职能补充说明")]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("内设机构:\n  - 办公室\n   - 基金监管科\n   - 综合科\n", "内设机构[1]"),  # one space too far: the items fold into the first
        ("下属预算单位:\n- 本级\n - 服务中心\n", "下属预算单位[1]"),
        ("职能补充说明: 本局设\n  - 办公室\n  - 综合科\n", "职能补充说明"),  # "- " under a text key
    ],
)
def test_list_items_folded_into_one_text_by_an_indentation_slip(tmp_path: Path, text: str, field: str) -> None:
    """Issue 18: "办公室 - 基金监管科 - …" passed as one department; it is an error at its key."""
    assert _texts(tmp_path, text) == [("texts-list-folded", field)]


def test_items_aligned_and_a_dash_inside_words_are_not_folded(tmp_path: Path) -> None:
    assert _texts(tmp_path, "内设机构:\n  - 办公室\n  - 基金监管科\n职能补充说明: 2023-2024年度改革\n") == []
