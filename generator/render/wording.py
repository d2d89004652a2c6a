"""The words that depend on numbers: 增加/减少, 增长/下降, 持平, 新增, 差异率.

All of them live here, in small tested functions, so that templates hold only
layout and fixed wording. Provinces differ in a few conventions; those are the
settings of a WordingProfile, whose defaults follow the sample document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.compute.change import Change, Direction
from generator.compute.change import budget_basis as budget_basis  # re-exported: a wording choice made in compute
from generator.display import format_amount, format_percent, format_plain


@dataclass(frozen=True)
class WordingProfile:
    """Conventions that differ between templates; the defaults are what inspections accept.

    A template's manifest (措辞, 数字格式: generator.render.manifest) gives its profile.
    """

    percent_places: int = 2
    amount_places: int = 2
    # Thousands separators in amounts: the 新疆 sample prints "1,239.70", 上海 documents "2995.39".
    thousands: bool = True
    # A figure that rose from zero has no rate: it is "新增X万元", and the base "无此项支出".
    # A non-empty FROM_ZERO keeps a province's own form instead ("增加X万元，增长100.00%" is the
    # 新疆 sample's, which inspections count as an error: a profile must choose it explicitly).
    from_zero: str = ""
    absent_before: str = "无此项支出"
    # No change at all (the sample writes "增加0.00万元，增长0.00%"; this reads better).
    flat: str = "与上年持平"
    reason_intro: str = "主要原因是："
    # No prior-year figure at all (a first year, or a prior folder that lacks it).
    unknown: str = "无上年数据，不作比较"
    # 预决算差异率 when the budget is zero but money was spent.
    unbudgeted: str = "未列入预算，为年中追加安排"

    def amount(self, value: Decimal | None) -> str:
        return format_amount(value, self.amount_places) if self.thousands else format_plain(value, self.amount_places)

    def percent(self, ratio: Decimal | None) -> str:
        return format_percent(ratio, self.percent_places)


DEFAULT = WordingProfile()
# The 新疆 sample's own wording of a rise from zero, for users who choose to keep it.
SAMPLE_FROM_ZERO = WordingProfile(from_zero="增长100.00%")
# The profiles a template's manifest may name (措辞: 默认); its own settings change the one named.
NAMED_PROFILES = {"默认": DEFAULT, "新疆样例": SAMPLE_FROM_ZERO}


def _from_zero(amount: str, base: str, lead: str, profile: WordingProfile) -> str:
    """A rise from zero: "比上年新增0.25万元，上年无此项支出" (no rate: there is none from zero)."""
    if profile.from_zero:
        return f"{lead}增加{amount}，{profile.from_zero}"
    return f"{lead}新增{amount}，{base.removesuffix('决算')}{profile.absent_before}"


def with_period(text: str) -> str:
    """A sentence written by a person, ending with a full stop exactly once."""
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in "。！？；.!?;" else text + "。"


def change_clause(change: Change, unit: str = "万元", base: str = "上年", style: str = "than", profile: WordingProfile = DEFAULT) -> str:
    """"比上年增加4.37万元，增长132.83%" / "与上年相比，减少…，下降…" / "与上年持平".

    STYLE "than" gives 比上年…; "compare" gives 与上年相比，…. A figure that rose from zero
    is "新增X万元" with no rate (unless the profile keeps its own form); one that fell to zero
    is "下降100.00%".
    """
    d = change.direction
    if d in (Direction.FLAT, Direction.BOTH_ZERO):
        return profile.flat.replace("上年", base)
    if d is Direction.UNKNOWN:
        return profile.unknown
    amount = f"{profile.amount(abs(change.difference))}{unit}"
    lead = f"比{base}" if style == "than" else f"与{base}相比，"
    if d is Direction.UP and change.rate is None:
        return _from_zero(amount, base, lead, profile)
    if d is Direction.UP:
        return f"{lead}增加{amount}，增长{profile.percent(change.rate)}"
    return f"{lead}减少{amount}，下降{profile.percent(-change.rate if change.rate is not None else Decimal(1))}"


def count_clause(change: Change, unit: str = "人", profile: WordingProfile = DEFAULT) -> str:
    """Staff counts: "减少1人", "增加1人", or the flat wording."""
    d = change.direction
    if d in (Direction.FLAT, Direction.BOTH_ZERO):
        return profile.flat
    if d is Direction.UNKNOWN:
        return profile.unknown
    verb = "增加" if d is Direction.UP else "减少"
    return f"{verb}{int(abs(change.difference))}{unit}"


def explained(clause: str, change: Change, profile: WordingProfile = DEFAULT) -> str:
    """The clause followed by its reason, as one finished sentence ("…，主要原因是：…。").

    No change needs no reason, but one a person wrote is never dropped; a missing
    reason for a change leaves the clause alone (check warns about it).
    """
    if not clause:
        return ""
    reason = with_period(change.reason)
    if not reason or change.direction is Direction.UNKNOWN:
        return clause + "。"
    return f"{clause}，{profile.reason_intro}{reason}"


def budget_rate(change: Change, profile: WordingProfile = DEFAULT) -> str:
    """预决算差异率 = (决算数 − 预算数) / 预算数, as a percentage; 0/0 is 0.00% as in the sample."""
    if change.base is None:
        return ""
    if change.base == 0:
        return profile.percent(Decimal(0)) if change.current == 0 else profile.unbudgeted
    return profile.percent(change.rate)


def budget_sentence(
    change: Change, subject: str, budget_name: str = "年初预算", unit: str = "万元", profile: WordingProfile = DEFAULT
) -> str:
    """"与年初预算相比，年初预算数X万元，决算数Y万元，预决算差异率Z%，主要原因是：…。"

    With no budget figure the comparison is left out; with a zero budget no
    "完成预算的X%" is ever written.
    """
    if change.base is None:
        return ""
    head = f"{subject}{budget_name}数{profile.amount(change.base)}{unit}，决算数{profile.amount(change.current)}{unit}"
    rate = budget_rate(change, profile)
    tail = f"，预决算差异率{rate}" if change.base != 0 or change.current == 0 else f"，{rate}"
    reason = with_period(change.reason)
    return f"{head}{tail}，{profile.reason_intro}{reason}" if reason else f"{head}{tail}。"


# --- budget against final, and movements without a lead (上海 and the 财政部 shape) -------------


def movement(change: Change, unit: str = "万元", profile: WordingProfile = DEFAULT) -> str:
    """"增加4.37万元，增长132.83%" / "新增0.25万元" / "减少…，下降…" / "持平"; "" when there is nothing to compare with.

    For sentences that name their subject and base themselves ("与2023年度相比，收入支出总计…").
    """
    d = change.direction
    if d is Direction.UNKNOWN:
        return ""
    if d in (Direction.FLAT, Direction.BOTH_ZERO):
        return "持平"
    amount = f"{profile.amount(abs(change.difference))}{unit}"
    if d is Direction.UP and change.rate is None:
        return f"增加{amount}，{profile.from_zero}" if profile.from_zero else f"新增{amount}"
    if d is Direction.UP:
        return f"增加{amount}，增长{profile.percent(change.rate)}"
    return f"减少{amount}，下降{profile.percent(-change.rate if change.rate is not None else Decimal(1))}"


def reason_clause(change: Change, intro: str = "主要原因：") -> str:
    """"主要原因：…。" when a person wrote a reason, else ""."""
    reason = with_period(change.reason)
    return f"{intro}{reason}" if reason else ""


def completion(change: Change, budget_name: str = "年初预算", profile: WordingProfile = DEFAULT) -> str:
    """"完成年初预算的98.50%"; "" when the budget is zero or not given (never a rate over nothing)."""
    if change.completion is None:
        return ""
    return f"完成{budget_name}的{profile.percent(change.completion)}"


def budget_verdict(change: Change) -> str:
    """"决算数大于预算数" / "决算数小于预算数" / "决算数与预算数持平"; "" without a budget."""
    d = change.direction
    if d is Direction.UNKNOWN:
        return ""
    if d in (Direction.FLAT, Direction.BOTH_ZERO):
        return "决算数与预算数持平"
    return "决算数大于预算数" if d is Direction.UP else "决算数小于预算数"


def budget_phrase(change: Change, budget_name: str = "年初预算", unit: str = "万元", profile: WordingProfile = DEFAULT) -> str:
    """"年初预算为X万元，支出决算为Y万元，完成年初预算的Z%"; without the rate for a zero budget; "" without a budget."""
    if change.base is None:
        return ""
    head = f"{budget_name}为{profile.amount(change.base)}{unit}，支出决算为{profile.amount(change.current)}{unit}"
    rate = completion(change, budget_name, profile)
    return f"{head}，{rate}" if rate else head


def budget_explained(change: Change) -> str:
    """"决算数大于预算数的主要原因：…。" / "决算数与预算数持平。" (持平 needs no reason); "" without a budget.

    A difference without a reason states the verdict alone (check warns about the missing reason).
    """
    verdict = budget_verdict(change)
    if not verdict:
        return ""
    reason = with_period(change.reason)
    if change.direction in (Direction.FLAT, Direction.BOTH_ZERO) or not reason:
        return verdict + "。"
    return f"{verdict}的主要原因：{reason}"


def count_text(value: Decimal | None) -> str:
    """A whole count as written ("3"); "" when not reported."""
    return "" if value is None else str(int(value))


ZERO_SECTION, UNREPORTED_SECTION, ITEMISED_SECTION = "zero", "unreported", ""


def whole_section(total: Decimal | None, itemised: bool) -> str:
    """How a section with sub-headings reads as a whole.

    "zero" when its total is zero and nothing itemises it (the template's one sentence "无…支出", as
    for 七 and 八), "unreported" when its total is blank and nothing itemises it (one sentence
    "未填报…"), "" when it is written under its headings. A section at zero that still lists items
    (项 that fell to zero this year) keeps its headings: the year comparison is its content.
    """
    if itemised:
        return ITEMISED_SECTION
    if total is None:
        return UNREPORTED_SECTION
    return ZERO_SECTION if total == 0 else ITEMISED_SECTION
