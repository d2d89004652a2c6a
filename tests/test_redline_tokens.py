"""The redline's words: tokens (a number is one), readable edits, and the pairing of blocks."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generator.diff.align import align
from generator.diff.tokens import NUMBER, diff_text, head, kept_share, shape, similarity, tokenize


def test_a_number_with_separators_decimals_and_percent_is_one_token() -> None:
    assert tokenize("收入总计1,239.70万元，增长132.83%。") == ["收入总计", "1,239.70", "万元", "，", "增长", "132.83%", "。"]
    assert tokenize("2024年12月31日") == ["2024", "年", "12", "月", "31", "日"]


def test_chinese_is_split_at_punctuation_numbers_and_latin_words() -> None:
    assert tokenize("主要原因是：DRG付费改革（类）") == ["主要原因是", "：", "DRG", "付费改革", "（", "类", "）"]


def test_shape_masks_figures_only() -> None:
    assert shape("2023年度收入总计1,548.48万元") == shape("2024年度收入总计1,239.70万元") == "#年度收入总计#万元"


def _view(old: str, new: str) -> list[str | tuple[str, str]]:
    return [e.old if e.equal else (e.old, e.new) for e in diff_text(old, new)]


def test_a_changed_number_is_replaced_whole() -> None:
    assert _view("支出442.32万元", "支出442.35万元") == ["支出", ("442.32", "442.35"), "万元"]
    assert _view("增长132.83%", "增长32.83%") == ["增长", ("132.83%", "32.83%")]


def test_a_common_head_of_two_characters_is_kept_a_one_character_one_is_not() -> None:
    assert _view("比上年增加4.37万元", "比上年减少4.37万元") == ["比上年", ("增加", "减少"), "4.37万元"]
    assert _view("增长5%", "增加5%") == [("增长", "增加"), "5%"]
    assert _view("医疗保险", "医疗保障") == [("医疗保险", "医疗保障")]  # never "医疗保[险→障]"


def test_a_rewritten_clause_is_one_deletion_and_one_insertion() -> None:
    assert _view("征收工作经费，不作比较", "用车次数增加，相应增加") == [("征收工作经费，不作比较", "用车次数增加，相应增加")]
    edits = diff_text("与上年持平。", "增加1人。")
    assert kept_share(edits) == 0  # only the full stop is kept: the redline replaces the paragraph


def test_an_added_clause_is_an_insertion() -> None:
    assert _view("减少308.78万元。", "减少308.78万元，主要原因是：经费减少。") == [
        "减少308.78万元",
        ("", "，主要原因是：经费减少"),
        "。",
    ]


def test_similarity_ignores_figures() -> None:
    assert similarity("行政运行（项）442.32万元", "行政运行（项）1,100.00万元") == 1.0
    assert similarity("行政运行", "住房公积金") == 0.0


TEXT = st.lists(
    st.one_of(
        st.sampled_from(["比上年", "增加", "减少", "主要原因是", "经费", "（类）", "，", "。", "、", " ", "DRG"]),
        st.decimals(min_value=-10_000, max_value=10_000, places=2).map(lambda d: f"{d:,}"),
        st.integers(0, 2030).map(str),
        st.floats(0, 200, allow_nan=False).map(lambda f: f"{f:.2f}%"),
    ),
    max_size=12,
).map("".join)


def _number_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(NUMBER, text)]


@given(TEXT, TEXT)
def test_edits_rebuild_both_texts_and_never_cut_a_number(old: str, new: str) -> None:
    edits = diff_text(old, new)
    assert "".join(e.old for e in edits) == old
    assert "".join(e.new for e in edits) == new
    assert all(e.old == e.new for e in edits if e.equal)
    for text, side in ((old, "old"), (new, "new")):
        cuts, at = set(), 0
        for e in edits:
            at += len(getattr(e, side))
            cuts.add(at)
        assert not [c for c in cuts for a, b in _number_spans(text) if a < c < b], (old, new, edits)


@given(TEXT)
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text


def _align(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    pairs = align([shape(t) for t in old], [shape(t) for t in new], lambda i, j: similarity(old[i], new[j]), 0.4)
    return [(None if i is None else old[i], None if j is None else new[j]) for i, j in pairs]


def test_alignment_pairs_changed_figures_and_similar_sentences_and_leaves_the_rest() -> None:
    old = ["一、总体情况", "收入总计1,548.48万元。", "本段删除了。", "主要原因是经费减少。", "结尾"]
    new = ["一、总体情况", "收入总计1,239.70万元。", "主要原因是经费较上年减少。", "新增的一段话。", "结尾"]
    assert _align(old, new) == [
        ("一、总体情况", "一、总体情况"),
        ("收入总计1,548.48万元。", "收入总计1,239.70万元。"),
        ("本段删除了。", None),
        ("主要原因是经费减少。", "主要原因是经费较上年减少。"),
        (None, "新增的一段话。"),
        ("结尾", "结尾"),
    ]


@given(st.lists(st.sampled_from("abcde"), max_size=8), st.lists(st.sampled_from("abcde"), max_size=8))
def test_alignment_keeps_every_block_once_in_order(old: list[str], new: list[str]) -> None:
    pairs = align(old, new, lambda i, j: 0.5 if old[i] < new[j] else 0.0, 0.4)
    assert [i for i, _ in pairs if i is not None] == list(range(len(old)))
    assert [j for _, j in pairs if j is not None] == list(range(len(new)))


def test_paragraphs_about_the_same_item_pair_by_their_head_even_when_the_rest_was_rewritten() -> None:
    old = ["1.行政运行（项）：支出决算数为429.80万元，无上年数据，不作比较。", "2.住房公积金（项）：支出决算数为40.79万元。"]
    new = ["1.行政运行（项）：支出决算数为442.32万元，比上年决算增加12.52万元，增长2.91%，主要原因是：人员经费增加。"] + old[1:]
    assert head(old[0]) == head(new[0]) == "#.行政运行（项）："
    never = lambda i, j: 0.0  # noqa: E731  (similarity alone would not pair them)
    pairs = align([shape(t) for t in old], [shape(t) for t in new], never, 0.4, ([head(t) for t in old], [head(t) for t in new]))
    assert pairs == [(0, 0), (1, 1)]
    assert align([shape(t) for t in old], [shape(t) for t in new], never, 0.4) == [(0, None), (None, 0), (1, 1)]
