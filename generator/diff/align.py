"""Pairing two sequences of blocks (paragraphs, tables, table rows) before their text is compared.

First the blocks whose keys are equal are matched (difflib, the longest common stretches); then,
inside each stretch that differs, the blocks whose heads are equal (a paragraph's text up to its
first colon, a row's first cells: the same item with another reason); then the rest in order when
they are similar enough (the pairing with the largest total similarity); what is left is deleted
or inserted whole.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher

Pair = tuple[int | None, int | None]  # (old index, new index); None on one side: deleted or inserted
PAIRING_LIMIT = 10_000  # old × new blocks in one differing stretch; beyond it nothing is paired by similarity


def align(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    similar: Callable[[int, int], float],
    threshold: float,
    heads: tuple[Sequence[Hashable], Sequence[Hashable]] | None = None,
) -> list[Pair]:
    """Every index of OLD and NEW once, in reading order, paired where they correspond."""
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        elif heads is None:
            pairs.extend(_pair_stretch(range(i1, i2), range(j1, j2), similar, threshold))
        else:
            pairs.extend(_pair_heads(range(i1, i2), range(j1, j2), similar, threshold, heads))
    return pairs


def _pair_heads(
    old: range,
    new: range,
    similar: Callable[[int, int], float],
    threshold: float,
    heads: tuple[Sequence[Hashable], Sequence[Hashable]],
) -> list[Pair]:
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, [heads[0][i] for i in old], [heads[1][j] for j in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            pairs.extend(_pair_stretch(old[i1:i2], new[j1:j2], similar, threshold))
    return pairs


def _pair_stretch(old: range, new: range, similar: Callable[[int, int], float], threshold: float) -> list[Pair]:
    if not old or not new or len(old) * len(new) > PAIRING_LIMIT:
        return [(i, None) for i in old] + [(None, j) for j in new]
    n, m = len(old), len(new)
    score = [[similar(old[i], new[j]) for j in range(m)] for i in range(n)]
    # best[i][j]: the largest total similarity pairing old[i:] with new[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + score[i][j] if score[i][j] >= threshold else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: list[Pair] = []
    i = j = 0
    while i < n and j < m:
        if score[i][j] >= threshold and best[i][j] == best[i + 1][j + 1] + score[i][j]:
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((old[i], None))
            i += 1
        else:
            pairs.append((None, new[j]))
            j += 1
    pairs.extend((old[k], None) for k in range(i, n))
    pairs.extend((None, new[k]) for k in range(j, m))
    return _deletions_first(pairs)


def _deletions_first(pairs: list[Pair]) -> list[Pair]:
    """Between two paired blocks, the deleted ones read before the inserted ones."""
    out: list[Pair] = []
    pending_new: list[Pair] = []
    for pair in pairs:
        if pair[0] is not None and pair[1] is None:
            out.append(pair)
        elif pair[0] is None:
            pending_new.append(pair)
        else:
            out.extend(pending_new)
            pending_new = []
            out.append(pair)
    return out + pending_new
