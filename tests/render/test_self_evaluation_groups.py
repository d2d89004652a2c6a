"""Indicator groups and pages: a group of at most 8 rows is one labelled piece kept on one page; a
longer group is cut into labelled pieces of at most 8 rows, so that a page never starts with rows
whose 一级/二级 cell is blank (a merged cell shows its text on its first page only)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.render.merge import GROUP_ROWS
from generator.render.self_evaluation import group_starts


def _pieces(starts: set[int], count: int) -> list[tuple[int, int]]:
    bounds = sorted(starts) + [count]
    return list(zip(bounds, bounds[1:], strict=False))


def _levels(sizes: list[list[int]]) -> list[tuple[str, str]]:
    """Rows of 一级 groups, each a list of its 二级 groups' sizes."""
    return [(f"一级{a}", f"二级{a}-{b}") for a, group in enumerate(sizes) for b, size in enumerate(group) for _ in range(size)]


def test_short_groups_are_one_piece_each() -> None:
    levels = _levels([[3, 2], [4]])
    assert group_starts(levels) == ({0, 5}, {0, 3, 5})


def test_a_long_second_level_group_is_cut_into_near_equal_labelled_pieces() -> None:
    starts1, starts2 = group_starts(_levels([[20]]))
    assert _pieces(starts2, 20) == [(0, 7), (7, 14), (14, 20)]
    assert starts1 == starts2  # each piece of 二级 is also a piece of 一级: both labels on every page


def test_a_long_first_level_group_is_cut_between_its_second_level_pieces() -> None:
    # the 宁夏 reference's 产出指标: 数量 5, 质量 3, 时效 3, 成本 7
    starts1, starts2 = group_starts(_levels([[5, 3, 3, 7], [2, 1], [1]]))
    assert sorted(starts1) == [0, 8, 11, 18, 21]
    assert sorted(starts2) == [0, 5, 8, 11, 18, 20, 21]


def test_a_table_without_levels_is_one_group() -> None:
    assert group_starts([("", "")] * 3) == ({0}, {0})
    assert group_starts([]) == (set(), set())


@given(st.lists(st.lists(st.integers(1, 20), min_size=1, max_size=5), max_size=6))
def test_pieces_are_short_labelled_and_nested(sizes: list[list[int]]) -> None:
    levels = _levels(sizes)
    starts1, starts2 = group_starts(levels)
    count = len(levels)
    group1 = {i for i in range(count) if i == 0 or levels[i][0] != levels[i - 1][0]}
    group2 = {i for i in range(count) if i == 0 or levels[i] != levels[i - 1]}
    assert group1 <= starts1 and group2 <= starts2  # every group starts with its label
    assert starts1 <= starts2  # a 一级 piece never ends inside a 二级 piece
    assert all(end - first <= GROUP_ROWS for first, end in _pieces(starts1, count))
    for first, end in _pieces(group2, count):  # the fewest pieces for a 二级 group
        assert len(starts2 & set(range(first, end))) == -(-(end - first) // GROUP_ROWS)
    for first, end in _pieces(group1, count):  # a short 一级 group is one piece
        if end - first <= GROUP_ROWS:
            assert starts1 & set(range(first, end)) == {first}


def test_a_stated_weight_goes_on_a_line_of_its_own() -> None:
    from generator.render.self_evaluation import weight_apart

    assert weight_apart("数量指标（10分）") == "数量指标\n（10分）"
    assert weight_apart("产出指标(40.5分)") == "产出指标\n(40.5分)"
    assert weight_apart("数量指标") == "数量指标"
    assert weight_apart("（10分）") == "（10分）"  # nothing before it: nothing to set apart
