"""Rules on the figures of each sentence, recomputed from the sentence's own amounts at the printed precision.

- 其中: the parts listed after a total add up to it (尾差 tolerance: 0.01 per part);
- 占X%: the amount over its base (the total named after 占…的, the head of the 其中, or the sum of the
  shares' amounts when the shares list a whole);
- 增长/下降X%: the change over last year's figure (this year's − the change), direction words agreeing;
- 完成预算的X% and 预决算差异率: 决算 ÷ 预算 and (决算 − 预算) ÷ 预算; 大于/小于/持平 against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.findings import Finding, Location
from generator.verify.audit import Audit, State, compared, emit
from generator.verify.document import Paragraph
from generator.verify.mentions import (
    Mention,
    agrees,
    interval_ratio,
    is_budget,
    is_up,
    item_paths,
    mentions,
    reason_spans,
    sentences,
)
from generator.verify.rules_text import narrative

_OF_WHICH = re.compile(r"其中[：:，,]")
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
_NAMED_BASE = re.compile(r"占([^，。；%％\d]{1,24})的\s*$")
_COMPARE_WORD = re.compile(r"决算数?(?:与预算数?)?(大于|小于|等于|持平|高于|低于|一致|相等)")


def figures_of(paragraph: Paragraph) -> list[Mention]:
    """The paragraph's mentions outside reasons and outside parentheses ("（含外宾接待支出1.20万元）")."""
    parens = [(m.start(), m.end()) for m in _PARENS.finditer(paragraph.text)]
    return [m for m in mentions(paragraph.text) if not m.in_reason and not any(a < m.start < b for a, b in parens)]


@dataclass
class _Rule:
    title: str
    found: list[Finding] = field(default_factory=list)
    checks: int = 0
    unreadable: int = 0  # sentences whose base could not be found: never counted as passed


@dataclass
class _Paragraph:
    """One paragraph's figures, as every rule below needs them."""

    paragraph: Paragraph
    found: list[Mention]
    levels: list[Mention]
    spans: list[tuple[int, int]]
    heads: list[tuple[Mention, list[Mention]]]


@dataclass
class _State:
    rules: dict[str, _Rule]
    groups: dict[str, list[tuple[Paragraph, Mention, Mention]]] = field(default_factory=dict)  # unnamed shares without a head, by section
    section_levels: dict[str, list[Mention]] = field(default_factory=dict)
    named: dict[str, Mention] = field(default_factory=dict)  # every level amount so far, by its label (占…的 names one)


def check_sentences(audit: Audit) -> None:
    state = _State({
        "sums": _Rule("句中“其中”各项之和等于总数"),
        "shares": _Rule("占比按金额重算一致"),
        "rates": _Rule("增减率按增减额重算一致、方向词一致"),
        "budgets": _Rule("完成预算的百分比、预决算差异率重算一致，大于/小于与数字一致"),
    })
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or paragraph.heading:
            continue
        found = figures_of(paragraph)
        levels = [m for m in found if m.kind == "level" and m.unit != "%"]
        state.section_levels.setdefault(paragraph.place.path, []).extend(levels)
        spans = sentences(paragraph.text)
        facts = _Paragraph(paragraph, found, levels, spans, _of_which(paragraph.text, found, spans))
        where = audit.at_paragraph(paragraph)
        _sums(facts, where, state.rules["sums"])
        _shares(facts, where, state)
        _rates(facts, where, state)
        _budgets(facts, where, state.rules["budgets"])
        for m in levels:
            state.named.setdefault(_key(m.label), m)
    for members in state.groups.values():
        total = sum((amount.wan for _, amount, _ in members), Decimal(0))
        half = sum((amount.half for _, amount, _ in members), Decimal(0))
        for paragraph, amount, mention in members:
            if problem := _share_problem(amount, total, half, mention):
                state.rules["shares"].found.append(emit("doc-share-mismatch", audit.at_paragraph(paragraph), **problem, note="（以所列各项之和为总数）"))
    for name, rule in state.rules.items():
        audit.outcome(name, rule.title, "情况说明", rule.found, rule.checks)
        if rule.unreadable:
            audit.record(name, f"{rule.title}：{rule.unreadable} 处无法确定比较的基数（未计为通过）", "情况说明", State.UNREADABLE, rule.unreadable)


def _sums(facts: _Paragraph, where: Location, rule: _Rule) -> None:
    for head, parts in facts.heads:
        if len(parts) < 2 or any(is_budget(m.label) or "决算数" in m.label or "决算为" in m.label for m in (head, *parts)):
            continue
        rule.checks += 1
        total = sum((p.wan for p in parts), Decimal(0))
        if total != head.wan:
            rule.found.append(compared("doc-sum-mismatch", where, head.wan, total, len(parts), subject=f"“{head.label}{_shown(head)}”", against="其中各项之和"))


def _shares(facts: _Paragraph, where: Location, state: _State) -> None:
    rule = state.rules["shares"]
    for i, mention in enumerate(facts.found):
        if mention.kind != "share":
            continue
        amount = _previous(facts.found, i, "level")
        if amount is None:
            continue
        rule.checks += 1
        before = facts.paragraph.text[max(0, mention.start - 30) : mention.start]
        base: Mention | None = None
        if name := _NAMED_BASE.search(before):
            base = _lookup(state.named, name.group(1))
            if base is None:
                rule.unreadable += 1
                continue
        else:
            base = next((h for h, parts in facts.heads if amount in parts), None)
        if base is None:
            state.groups.setdefault(facts.paragraph.place.path, []).append((facts.paragraph, amount, mention))
            continue
        if problem := _share_problem(amount, base.wan, base.half, mention):
            rule.found.append(emit("doc-share-mismatch", where, **problem, note=""))


def _rates(facts: _Paragraph, where: Location, state: _State) -> None:
    rule = state.rules["rates"]
    for i, mention in enumerate(facts.found):
        if mention.kind != "rate":
            continue
        change = _previous(facts.found, i, "change", within=24)
        if change is None:
            continue
        rule.checks += 1
        if is_up(change.word) != is_up(mention.word) and change.value and mention.value:
            rule.found.append(emit("doc-direction-mismatch", where, word=mention.word, expected="增长" if is_up(change.word) else "下降",
                                   context=f"“{change.word}{_shown(change)}”之后", said=f"{mention.word}{abs(mention.value)}%"))
            continue
        sentence = _sentence_of(facts.spans, change.start)
        own = [m for m in facts.levels if sentence[0] <= m.start < change.start and not is_budget(m.label)]
        # This year's figure: in the sentence when it is there; else one of the section's figures before it (the
        # change of 收入支出总计 follows the 收入总计 sentence, the 三公 parts' changes follow their amounts).
        candidates = own[-1:] or [m for m in state.section_levels.get(facts.paragraph.place.path, []) if not is_budget(m.label)]
        if not candidates:
            rule.unreadable += 1
            continue
        outcomes = [o for level in candidates if (o := _rate_problem(level, change, mention)) is not None]
        if len(outcomes) < len(candidates):  # one candidate for this year's figure agrees
            continue
        # Zero last year and 增长100%: no rate exists from zero, and inspections count it (the 新疆 sample writes it so).
        problem = next((o for o in outcomes if o[0] == "zero-base"), outcomes[0])
        if problem[0] == "zero-base":
            rule.found.append(emit("doc-zero-base-growth", where, stated=mention.value, word=mention.word, rate=abs(mention.value)))
        else:
            rule.found.append(emit("doc-rate-mismatch", where, stated=mention.value, computed=problem[1], current=candidates[0].wan, change=change.wan,
                                   change_text=f"{change.word}{abs(change.wan)}万元", rate_text=f"{mention.word}{abs(mention.value)}%", problem=problem[0]))


def _budgets(facts: _Paragraph, where: Location, rule: _Rule) -> None:
    for i, mention in enumerate(facts.found):
        if mention.kind not in ("completion", "diff-rate"):
            continue
        sentence = _sentence_of(facts.spans, mention.start)
        previous_percent = max((m.end for m in facts.found[:i] if m.unit == "%"), default=0)
        before = [m for m in facts.found[:i] if m.kind == "level" and m.start >= max(sentence[0], previous_percent)]
        budget = next((m for m in reversed(before) if is_budget(m.label)), None)
        actual = next((m for m in reversed(before) if "决算" in m.label and not is_budget(m.label)), None)
        if budget is None or actual is None:
            continue
        rule.checks += 1
        if problem := _completion_problem(budget, actual, mention):
            rule.found.append(emit("doc-completion-mismatch", where, stated=mention.value, computed=problem[1], budget=budget.wan, actual=actual.wan, name=problem[0]))
    _comparisons(facts, where, rule)


def _comparisons(facts: _Paragraph, where: Location, rule: _Rule) -> None:
    """“决算数大于（小于、与预算数持平）预算数”: the budget and the final figure stated before it in the paragraph."""
    text = facts.paragraph.text
    reasons = reason_spans(text)
    for word in _COMPARE_WORD.finditer(text):
        if any(a <= word.start() < b for a, b in reasons):
            continue
        before = [m for m in facts.found if m.kind == "level" and m.end <= word.start()]
        budget_at = next((i for i in range(len(before) - 1, -1, -1) if is_budget(before[i].label)), None)
        if budget_at is None:
            continue
        budget = before[budget_at]
        actual = next((m for m in before[budget_at + 1 :] if "决算" in m.label and not is_budget(m.label)), None)
        if actual is None:
            continue
        rule.checks += 1
        said = word.group(1)
        expected = _direction(budget, actual)
        if expected and said not in expected:
            rule.found.append(emit("doc-direction-mismatch", where, word=said, expected=expected[0],
                                   context=f"决算数{actual.wan}万元、预算数{budget.wan}万元，", said=f"决算数{said}预算数"))


def _of_which(text: str, found: list[Mention], spans: list[tuple[int, int]]) -> list[tuple[Mention, list[Mention]]]:
    """(head, parts) for each 其中 of TEXT: the last level before it, and the levels after it in its sentence
    (continued by the next sentences while each begins with a part and its share, as the 三公 paragraph does)."""
    result = []
    for hit in _OF_WHICH.finditer(text):
        before = [m for m in found if m.kind == "level" and m.unit != "%" and m.start < hit.start()]
        if not before:
            continue
        head = before[-1]
        sentence = _sentence_of(spans, hit.start())
        end = sentence[1]
        index = spans.index(sentence)
        for following in spans[index + 1 :]:
            first = next((m for m in found if following[0] <= m.start < following[1]), None)
            if first is None or first.kind != "level" or not text[first.end : first.end + 2].startswith("，占") or _OF_WHICH.search(text, following[0], following[1]):
                break
            end = following[1]
        parts = [m for m in found if m.kind == "level" and m.unit != "%" and hit.end() <= m.start < end]
        nested = _OF_WHICH.search(text, hit.end(), end)
        if nested:
            parts = [m for m in parts if m.start < nested.start()]
        result.append((head, parts))
    return result


def _sentence_of(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next((s for s in spans if s[0] <= position < s[1]), spans[-1])


def _previous(found: list[Mention], i: int, kind: str, within: int = 40) -> Mention | None:
    for m in reversed(found[:i]):
        if found[i].start - m.end > within:
            return None
        if m.kind == kind:
            return m
        if m.unit == "%":
            return None
    return None


def _share(amount: Decimal, base: Decimal) -> Decimal | None:
    return None if base == 0 else (amount / base * 100).quantize(Decimal("0.01"))


def _share_problem(amount: Mention, base: Decimal, base_half: Decimal, share: Mention) -> dict[str, Any] | None:
    """The values and words of a doc-share-mismatch (its note aside); None when the share agrees with AMOUNT ÷ BASE."""
    computed = _share(amount.wan, base)
    if base == 0 and amount.wan == 0:
        if share.value == 0:
            return None
        result = "没有占比（金额和总数都为0）"
    else:
        bounds = interval_ratio(amount.wan, amount.half, base, base_half)
        if bounds is None or agrees(share.value, share.half, bounds):
            return None
        result = f"为 {computed}%"
    return {"stated": share.value, "computed": computed, "amount": amount.wan, "base": base, "amount_text": f"{amount.label}{_shown(amount)}，", "result": result}


def _rate_problem(level: Mention, change: Mention, rate: Mention) -> tuple[str, Decimal | None] | None:
    prior = level.wan - change.wan
    half = level.half + change.half
    if abs(prior) <= half:  # last year was zero, or too small for its rate to be recomputed from rounded amounts
        if change.wan == 0 and rate.value == 0:
            return None
        if prior == 0 and abs(rate.value) == 100:
            return ("zero-base", None)
        # 0.57 − 0.56: last year is at most 0.02 as printed, so the rate is at least 0.555 / 0.02 = 2775%, or none at all.
        least = (abs(change.wan) - change.half) / (abs(prior) + half) * 100
        if abs(rate.value) + rate.half >= least:
            return None
        return (f"上年数为零或不足{abs(prior) + half}万元（本年{level.wan}万元），增长率至少{least:.0f}%", None)
    bounds = interval_ratio(change.wan, change.half, prior, half)
    if bounds is None or agrees(rate.value, rate.half, bounds):
        return None
    computed = (change.wan / prior * 100).quantize(Decimal("0.01"))
    return f"按本年{level.wan}万元、上年{prior}万元计算应为{computed}%", computed


def _completion_problem(budget: Mention, actual: Mention, mention: Mention) -> tuple[str, Decimal | None] | None:
    bounds = interval_ratio(actual.wan, actual.half, budget.wan, budget.half)
    if bounds is None:
        return None
    if mention.kind == "diff-rate":
        bounds = (bounds[0] - 1, bounds[1] - 1)
        computed = ((actual.wan - budget.wan) / budget.wan * 100).quantize(Decimal("0.01"))
        name = "预决算差异率"
    else:
        computed = (actual.wan / budget.wan * 100).quantize(Decimal("0.01"))
        name = "完成预算的百分比"
    if agrees(mention.value, mention.half, bounds):
        return None
    return name, computed


def _direction(budget: Mention, actual: Mention) -> tuple[str, ...] | None:
    if actual.wan > budget.wan + budget.half + actual.half:
        return ("大于", "高于")
    if actual.wan < budget.wan - budget.half - actual.half:
        return ("小于", "低于")
    if actual.wan == budget.wan:
        return ("等于", "持平", "一致", "相等")
    return None


def _key(label: str) -> str:
    return re.sub(r"^\d{4}年度?|^其中|为$|是$|共计$", "", label).strip()


def _lookup(named: dict[str, Mention], name: str) -> Mention | None:
    if name in named:
        return named[name]
    return next((m for k, m in named.items() if k.endswith(name)), None)


def _shown(m: Mention) -> str:
    return f"{abs(m.value) if m.kind == 'change' else m.value}{m.unit}"


_PUBLIC_BUDGET = "一般公共预算财政拨款支出决算情况说明"


def check_item_totals(audit: Audit) -> None:
    """五（三）lists every 项: their amounts add up to the total of 五（一）, and their changes to its change."""
    total: Mention | None = None
    total_change: Mention | None = None
    amounts: list[Mention] = []
    changes: list[Mention | None] = []
    first_item: Paragraph | None = None
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or paragraph.heading or not paragraph.place.section.endswith(_PUBLIC_BUDGET):
            continue
        found = figures_of(paragraph)
        if paragraph.place.subsection.startswith(("（一）", "(一)")):
            levels = [m for m in found if m.kind == "level" and m.unit != "%" and not is_budget(m.label)]
            if total is None and levels:
                total = levels[0]
            if total_change is None:
                total_change = next((m for m in found if m.kind == "change"), None)
            continue
        if not paragraph.place.subsection.startswith(("（三）", "(三)")):
            continue
        items = [end for end, names in item_paths(paragraph.text) if len(names) == 3]
        for k, end in enumerate(items):  # a PDF's text may run two items into one paragraph
            first_item = first_item or paragraph
            stop = items[k + 1].start() if k + 1 < len(items) else len(paragraph.text)
            after = [m for m in found if end.end() < m.start < stop]
            amount = next((m for m in after if m.kind == "level" and m.unit != "%" and not is_budget(m.label)), None)
            if amount is not None:
                amounts.append(amount)
            changes.append(next((m for m in after if m.kind == "change"), None))
    found_: list[Finding] = []
    checks = 0
    if total is not None and first_item is not None and amounts:
        checks += 1
        computed = sum((m.wan for m in amounts), Decimal(0))
        if computed != total.wan:
            found_.append(compared("doc-sum-mismatch", audit.at_paragraph(first_item), total.wan, computed, len(amounts),
                                   subject=f"五（一）的总数“{total.label}{_shown(total)}”", against="五（三）所列各项支出之和"))
    if total_change is not None and first_item is not None and changes and all(c is not None for c in changes):
        checks += 1
        computed = sum((c.wan for c in changes if c is not None), Decimal(0))
        if computed != total_change.wan:
            found_.append(compared("doc-sum-mismatch", audit.at_paragraph(first_item), total_change.wan, computed, len(changes),
                                   subject=f"五（一）的增减额 {total_change.wan} 万元", against="五（三）所列各项比上年的增减之和"))
    audit.outcome("item-totals", "五（三）各项之和等于五（一）的总数和增减额", "一般公共预算财政拨款支出", found_, checks)
