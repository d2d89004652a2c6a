"""Editing 文字说明.yaml in place: the value changes, nothing else does (comments, order, other values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import layout
from generator.words import TEXT_FIELDS, EditRefused, edit_texts, edit_workbook, text_entries
from generator.yaml_files import load_yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TEXTS = (ROOT / "inputs" / "changji-ybj" / "2024" / layout.TEXTS).read_text(encoding="utf-8")

SHAPES = {
    "sample": SAMPLE_TEXTS,
    "empty": "",
    "comments only": "# 说明\n# 第二行\n",
    "flow": "主要职能: []  # 待填\n预算绩效: {}\n其他需说明的事项: ''\n",
    "blank keys": "# 头\n主要职能:\n职能补充说明:\n预算绩效:\n  成效:\n# 尾\n",
    "crlf-free nested": "预算绩效:\n  # 注释\n  问题: 旧的问题\n\n其他需说明的事项: 无。  # 行尾注释\n",
}
VALUES = {
    False: ["一段文字。", "含冒号: 和 # 号的文字", "'引号' 与 \"双引号\"", "- 以横线开头", "第一行\n第二行\n\n第四行", "  前后有空格  ", "yes", "123.50"],
    True: [[], ["一项"], ["第一项：含冒号: 的", "# 第二项", "[第三项]"], ["多行\n的一项"]],
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("field", TEXT_FIELDS, ids=lambda f: ".".join(f.path))
def test_every_text_of_every_shape_is_set_and_nothing_else_changes(shape: str, field) -> None:
    text = SHAPES[shape]
    before = load_yaml(text) if text.strip() else {}
    for value in VALUES[field.is_list]:
        edited = edit_texts(text, {field.path: value})
        after = load_yaml(edited)
        data = after
        for key in field.path:
            data = data[key]
        expected = [v.strip("\n") for v in value] if field.is_list else value.strip("\n")
        assert data == expected
        for key in (before or {}):  # every other top-level value unchanged
            if key != field.path[0]:
                assert after[key] == before[key]
        for line in text.splitlines():  # every comment line kept
            if line.lstrip().startswith("#"):
                assert line in edited.splitlines()


def test_the_sample_keeps_its_layout_when_one_text_changes() -> None:
    edited = edit_texts(SAMPLE_TEXTS, {("职能补充说明",): "新的补充说明。"})
    old, new = SAMPLE_TEXTS.splitlines(), edited.splitlines()
    assert len(old) == len(new) and [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [
        old.index(next(line for line in old if line.startswith("职能补充说明")))
    ]


def test_entries_say_what_is_missing() -> None:
    entries = {e.key: e for e in text_entries("主要职能: []\n下属预算单位: []\n职能补充说明: ''\n")}
    assert entries["主要职能"].missing and entries["职能补充说明"].missing and entries["内设机构"].missing
    assert not entries["下属预算单位"].missing  # [] says the unit has none


def test_an_unreadable_file_is_refused() -> None:
    with pytest.raises(EditRefused):
        text_entries("主要职能: [\n")
    with pytest.raises(EditRefused):
        edit_texts("- 列表\n", {("主要职能",): ["a"]})


def test_a_workbook_cell_is_set_and_a_formula_workbook_refused(tmp_path: Path) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "表"
    book.active["A1"] = "项目"
    book.active["B2"] = 3
    buffer = io.BytesIO()
    book.save(buffer)
    edited = openpyxl.load_workbook(io.BytesIO(edit_workbook(buffer.getvalue(), {("表", "C2"): " 原因 "})))
    assert edited["表"]["C2"].value == "原因" and edited["表"]["B2"].value == 3 and edited["表"]["A1"].value == "项目"
    with pytest.raises(EditRefused):
        edit_workbook(buffer.getvalue(), {("没有的表", "C2"): "x"})
    book.active["D1"] = "=B2*2"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(EditRefused):
        edit_workbook(buffer.getvalue(), {("表", "C2"): "x"})
