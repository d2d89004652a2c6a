"""The figures a sentence states: amounts (万元/元), percentages, and what each one is (a level, a change, a share, a rate).

Pure functions over one paragraph's text. An amount keeps the number of decimals it was printed
with: every recomputation is compared at that precision (interval arithmetic over the printed
half-units), so that a figure rounded correctly never fails and a retyped one does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUM = r"-?\d[\d,]*(?:\.\d+)?"
AMOUNT = re.compile(rf"({_NUM})\s*(亿元|万元|元)")
PERCENT = re.compile(rf"({_NUM})\s*[%％]")
_UP = ("新增", "增加", "增长", "上升", "提高", "多")  # 新增: a rise from zero ("比上年新增0.25万元")
_DOWN = ("减少", "下降", "降低", "少")
_CHANGE_WORD = re.compile(r"(新增|增加|减少|增长|下降|上升|降低|提高)了?\s*$")
_SHARE = re.compile(r"占(?:[^，。；、%％\d]{0,24}的)?\s*$")
_COMPLETION = re.compile(r"完成[^，。；]{0,12}预算的\s*$")
_DIFF_RATE = re.compile(r"差异率\s*$")
# Where a reason begins: amounts inside a reason are the writer's, not the sentence's figures.
REASON = re.compile(r"主要原因(?:是|为)?[：:]|原因(?:是|为)[：:]|差异原因是[：:]")
_LABEL_STOP = re.compile(r"[，。；：:、,;（）()]")


@dataclass(frozen=True)
class Mention:
    kind: str  # "level", "change", "share", "rate", "completion", "diff-rate", "percent"
    value: Decimal  # signed for a change or rate (减少/下降 negative)
    places: int  # decimals as printed
    unit: str  # "万元", "元", "亿元", "%"
    start: int
    end: int
    label: str  # the words just before it ("本年收入合计", "比上年决算")
    word: str = ""  # the direction word of a change or rate
    in_reason: bool = False

    @property
    def half(self) -> Decimal:
        return Decimal(5) / Decimal(10) ** (self.places + 1)

    @property
    def wan(self) -> Decimal:
        """The amount in 万元."""
        return {"万元": self.value, "元": self.value / 10000, "亿元": self.value * 10000}.get(self.unit, self.value)


def parse_number(text: str) -> tuple[Decimal, int]:
    bare = text.replace(",", "")
    places = len(bare.split(".")[1]) if "." in bare else 0
    return Decimal(bare), places


def reason_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the reasons in TEXT: from 主要原因是： to the end of its sentence."""
    spans = []
    for found in REASON.finditer(text):
        end = text.find("。", found.end())
        spans.append((found.start(), len(text) if end < 0 else end))
    return spans


_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]")


def label_before(text: str, start: int) -> str:
    """The words naming the figure at START: back to the last mark, with notes in brackets taken out
    ("因公出国（境）费支出" → "因公出国费支出", "结余（含专用结余）" → "结余", "卫生健康支出（类）" → "卫生健康支出")."""
    head = _NOTE.sub("", text[max(0, start - 48) : start])
    pieces = _LABEL_STOP.split(head)
    return (pieces[-1] if pieces else head).strip()


def mentions(text: str) -> list[Mention]:
    """Every amount and percentage in TEXT, in order, each classified by the words before it."""
    reasons = reason_spans(text)
    found: list[Mention] = []
    for match in AMOUNT.finditer(text):
        if text[match.end() : match.end() + 1] in ("/",):  # "450元/天/人": a unit price, not an amount
            continue
        value, places = parse_number(match.group(1))
        before = text[max(0, match.start() - 12) : match.start()]
        change = _CHANGE_WORD.search(before)
        kind, word = ("change", change.group(1)) if change else ("level", "")
        if word in _DOWN:
            value = -value
        found.append(Mention(kind, value, places, match.group(2), match.start(), match.end(), label_before(text, match.start()), word, _inside(match.start(), reasons)))
    for match in PERCENT.finditer(text):
        value, places = parse_number(match.group(1))
        before = text[max(0, match.start() - 30) : match.start()]
        word = ""
        if change := _CHANGE_WORD.search(before[-6:]):
            kind, word = "rate", change.group(1)
            if word in _DOWN:
                value = -value
        elif _SHARE.search(before):
            kind = "share"
        elif _COMPLETION.search(before):
            kind = "completion"
        elif _DIFF_RATE.search(before):
            kind = "diff-rate"
        else:
            kind = "percent"
        found.append(Mention(kind, value, places, "%", match.start(), match.end(), label_before(text, match.start()), word, _inside(match.start(), reasons)))
    found.sort(key=lambda m: m.start)
    return found


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of TEXT (ended by 。, the end included)."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "。":
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_BUDGET = re.compile(r"(?:年初|全年|调整后?)预算|预算(?:数|为|金额)")


def is_budget(label: str) -> bool:
    """A budget figure ("年初预算数", "全年预算为"), not a figure of 一般公共预算 spending."""
    return bool(_BUDGET.search(label))


def is_up(word: str) -> bool:
    return word in _UP


def interval_ratio(a: Decimal, ha: Decimal, b: Decimal, hb: Decimal) -> tuple[Decimal, Decimal] | None:
    """The range of a / b when a and b are each known to ± their half-unit; None when b may be 0."""
    lo_b, hi_b = b - hb, b + hb
    if lo_b <= 0 <= hi_b:
        return None
    corners = [x / y for x in (a - ha, a + ha) for y in (lo_b, hi_b)]
    return min(corners), max(corners)


def agrees(printed: Decimal, half: Decimal, bounds: tuple[Decimal, Decimal]) -> bool:
    """True when a percentage printed as PRINTED (± HALF) can be the rounding of a value within BOUNDS (ratios)."""
    lo, hi = bounds
    return printed - half <= hi * 100 and printed + half >= lo * 100


_MARK = re.compile(r"[（(](类|款|项)[）)]")
_CLAUSE_START = re.compile(r"[。；：:，,]|^\s*\d+[.、．]|^")


def item_paths(text: str) -> list[tuple[re.Match[str], tuple[str, ...]]]:
    """Each "X（类）Y（款）Z（项）" of TEXT (款 and 项 optional) with its names; a name may hold brackets ("事务（45）")."""
    found = []
    marks = list(_MARK.finditer(text))
    i = 0
    while i < len(marks):
        if marks[i].group(1) != "类":
            i += 1
            continue
        start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, marks[i].start())), default=0)
        names = [re.sub(r"^\s*\d+[.、．]\s*", "", text[start : marks[i].start()]).strip()]
        last = marks[i]
        j = i + 1
        for level in ("款", "项"):
            if j < len(marks) and marks[j].group(1) == level and not re.search(r"[。；：:，,]", text[last.end() : marks[j].start()]):
                names.append(text[last.end() : marks[j].start()].strip())
                last = marks[j]
                j += 1
            else:
                break
        found.append((last, tuple(names)))
        i = j
    return found
