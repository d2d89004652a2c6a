"""Words as a reader of a Chinese disclosure sees them, and the edits between two texts.

A number with its separators, decimals and percent sign ("1,239.70", "132.83%", "2024") is one
token; so is a run of CJK characters between punctuation, numbers or Latin words ("比上年增加",
"主要原因是"); every punctuation mark and every stretch of white space is its own token. Edits are
computed over these tokens, so a number is never changed digit by digit and two unrelated phrases
are never interleaved character by character (Docxodus gave "征收工作比经费" that way).

Two refinements keep the result readable:
- a replaced CJK run keeps a common head or tail of at least two characters when what changes on
  each side is itself at least two characters ("比上年[增加→减少]"; "[增长→增加]" stays whole);
- a short equality squeezed between two edits (a comma, "的", a one-character match) is absorbed
  into them, so that a rewritten clause reads as one deletion and one insertion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NUMBER = r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?"
_TOKEN = re.compile(rf"{NUMBER}|[{_CJK}]+|[A-Za-z]+|\s+|.", re.S)
_NUMBER = re.compile(NUMBER)
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_WORDISH = re.compile(rf"[{_CJK}A-Za-z0-9]")
_NOT_LETTER = re.compile(rf"[^{_CJK}A-Za-z0-9#]+")
MIN_KEPT = 2  # characters of a CJK run kept around a change, and changed on each side, at least


def tokenize(text: str) -> list[str]:
    """TEXT as tokens; "".join(tokenize(text)) == text."""
    return _TOKEN.findall(text)


def shape(text: str) -> str:
    """TEXT with every number replaced by "#": two versions of a sentence whose figures changed share it."""
    return _NUMBER.sub("#", text)


def weight(text: str) -> int:
    """How much TEXT says: a CJK character counts 2, a letter or digit 1, punctuation and space 0."""
    return sum(2 if "\u3400" <= ch <= "\ufaff" else 1 for ch in text if _WORDISH.match(ch))


@dataclass(frozen=True)
class Edit:
    """A stretch of the two texts: equal (old == new) or changed (either side may be empty)."""

    equal: bool
    old: str
    new: str


def diff_text(old: str, new: str) -> list[Edit]:
    """OLD → NEW as equal and changed stretches at token level, readable (see the module)."""
    a, b = tokenize(old), tokenize(new)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            edits.append(Edit(True, left, right))
        else:
            edits.extend(_trim(a[i1:i2], b[j1:j2]))
    return _absorb_short_equalities(_merge(edits))


def _trim(a: list[str], b: list[str]) -> list[Edit]:
    """A replacement, with the common head/tail of its first/last CJK runs kept when that reads well."""
    old, new = "".join(a), "".join(b)
    head = tail = ""
    if a and b and _CJK_RUN.fullmatch(a[0]) and _CJK_RUN.fullmatch(b[0]):
        head = _common_prefix(a[0], b[0])
    if a and b and _CJK_RUN.fullmatch(a[-1]) and _CJK_RUN.fullmatch(b[-1]):
        tail = _common_prefix(a[-1][::-1], b[-1][::-1])[::-1]
    for h, t in ((head, tail), (head, ""), ("", tail)):
        if (h or t) and len(h) + len(t) <= min(len(old), len(new)) and _readable(h, old, new, t):
            head, tail = h, t
            break
    else:
        head = tail = ""
    out = [Edit(True, head, head)] if head else []
    out.append(Edit(False, old[len(head) : len(old) - len(tail)], new[len(head) : len(new) - len(tail)]))
    if tail:
        out.append(Edit(True, tail, tail))
    return out


def _readable(head: str, old: str, new: str, tail: str) -> bool:
    """Keeping HEAD and TAIL leaves a change that is a word, not a stray character, on each side."""
    if head and len(head) < MIN_KEPT or tail and len(tail) < MIN_KEPT:
        return False
    changed = (len(old) - len(head) - len(tail), len(new) - len(head) - len(tail))
    return all(n == 0 or n >= MIN_KEPT for n in changed) and any(changed)


@lru_cache(maxsize=4096)
def _common_prefix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[:n]


def _merge(edits: list[Edit]) -> list[Edit]:
    """Neighbours of the same kind joined, empty stretches dropped."""
    out: list[Edit] = []
    for e in edits:
        if not e.old and not e.new:
            continue
        if out and out[-1].equal == e.equal:
            last = out.pop()
            e = Edit(e.equal, last.old + e.old, last.new + e.new)
        out.append(e)
    return out


def _absorb_short_equalities(edits: list[Edit]) -> list[Edit]:
    """An equality between two changes that says less than each of them becomes part of the change."""
    changed = True
    while changed:
        changed = False
        for i in range(1, len(edits) - 1):
            before, here, after = edits[i - 1], edits[i], edits[i + 1]
            if here.equal and not before.equal and not after.equal:
                said = weight(here.old)
                if said <= max(weight(before.old), weight(before.new)) and said <= max(weight(after.old), weight(after.new)):
                    if said == 0 or not _NUMBER.search(here.old):
                        edits[i] = Edit(False, here.old, here.new)
                        edits = _merge(edits)
                        changed = True
                        break
    return edits


def kept_share(edits: list[Edit]) -> float:
    """The share of the shorter version that the equal stretches keep, by weight."""
    kept = sum(weight(e.old) for e in edits if e.equal)
    old = kept + sum(weight(e.old) for e in edits if not e.equal)
    new = kept + sum(weight(e.new) for e in edits if not e.equal)
    shorter = min(old, new)
    return 1.0 if shorter == 0 else kept / shorter


def similarity(old: str, new: str) -> float:
    """0..1: how much of two texts is the same, character by character, figures masked, punctuation left out.

    For pairing blocks only (a sentence with a clause added still pairs with its old version);
    what is shown as changed is decided by `diff_text`.
    """
    return letters_similarity(letters(old), letters(new))


def letters_similarity(a: str, b: str) -> float:
    """`similarity` of two `letters` strings."""
    if not a and not b:
        return 1.0
    if 2 * min(len(a), len(b)) < 0.3 * (len(a) + len(b)):  # difflib's real_quick_ratio, without building a matcher
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < 0.3:
        return 0.0
    return matcher.ratio()


def letters(text: str) -> str:
    """TEXT as `similarity` reads it: figures as "#", letters and digits, no punctuation or space."""
    return _NOT_LETTER.sub("", shape(text))


def head(text: str) -> str:
    """The start of TEXT up to its first colon or full stop (at most 40 characters), figures masked."""
    masked = shape(text)
    end = min((i for i in (masked.find("："), masked.find("。")) if i >= 0), default=len(masked))
    return masked[: min(end + 1, 40)]
