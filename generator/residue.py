"""What must not be left in a text a person wrote: template residue, doubled punctuation or words, odd years.

Pure functions over one string, shared by the checks of the workbook, of 文字说明.yaml and of the
绩效自评表. Each returns the offending snippet (for the message) or None.

Decisions on what counts (each has a test in tests/test_published_text.py):
- "XX", "XXX", "xx", "××": a run of two or more X (Latin or full-width) or × that is not part of a
  longer Latin word ("XXL", "MAXX" are words, not placeholders).
- "…", "……", "...": an ellipsis is flagged wherever it stands. In a template it marks where the
  writer has to go on; a published list ends with “等”, so a real text has no need of it.
- "待补充", "待填写", "请填写", "TODO", "TBD", "FIXME", "【】" and any 【…】 (templates use them for
  fields; official prose does not) — except a year in 【】 followed by a number and 号: a document
  number ("株政发【2010】39号", like "〔2019〕77号"), which a reason may cite.
- The writer's instructions of the templates: "增加（减少）", "增长（下降）", "大于（小于）" and every
  pair of opposite direction words written as a choice ("增加/减少", "下降（增长）"), and
  the hints "（如持平作持平表述）", "（不涉及的不列）", "（制度名称）".
- A text that is nothing but one parenthesised note, "（第一项职能，照抄“三定”方案）": what
  `juesuan init` writes for a person to replace.
"""

from __future__ import annotations

import re

_DIRECTIONS = ("增加", "减少", "增长", "下降", "大于", "小于", "高于", "低于", "上升", "降低", "提高", "超过", "未超过", "多", "少")
_DIRECTION = "|".join(sorted(_DIRECTIONS, key=len, reverse=True))

PLACEHOLDER = re.compile(
    "|".join(
        (
            r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])",  # XX, XXX, ××
            r"…+|\.{3,}|。{3,}",  # ellipses
            r"待(?:补充|填写|填报|完善|更新|核实|确认|定稿)|请(?:填写|补充|输入)|此处(?:填写|输入)|在此(?:填写|输入)",
            r"(?<![A-Za-z])(?:TODO|TBD|FIXME)(?![A-Za-z])",
            r"【(?!\s*(?:19|20)\d\d\s*】\s*第?\s*\d+\s*号)[^【】]{0,40}】",  # not a document number: 株政发【2010】39号
            rf"(?:{_DIRECTION})（(?:{_DIRECTION})）",  # 增加（减少）
            rf"(?:{_DIRECTION})[/／](?:{_DIRECTION})",  # 增加/减少
            r"（如持平[^）]*）|（不涉及[^）]*）|（[^（）]{0,6}名称）",
        )
    ),
    re.IGNORECASE,
)
# A whole text that is only a note in parentheses (what `juesuan init` writes to be replaced).
_ONLY_A_NOTE = re.compile(r"^[（(][^（）()]*[）)]$")


def placeholder_in(text: str) -> str | None:
    """The template residue in TEXT ("XX", "待补充", "增加（减少）", …), or None."""
    stripped = text.strip()
    if not stripped:
        return None
    if _ONLY_A_NOTE.match(stripped):
        return stripped
    found = PLACEHOLDER.search(stripped)
    return found.group(0) if found else None


# The same Chinese punctuation mark twice ("。。", "，，"); "……" and "——" are single marks of two characters.
_DOUBLED_MARK = re.compile(r"([，。；、：！？,;])\1")
# A run of 2–8 Chinese characters written twice in a row ("增加增加", "支出支出").
_DOUBLED_WORDS = re.compile(r"([\u4e00-\u9fff]{2,8})\1")
# One character doubled is often a real word (常常, 层层, 逐步, 等等); only "的的" is always a slip
# (but not in 的的确确).
_DOUBLED_DE = re.compile(r"的的(?!确)")


def repetition_in(text: str) -> str | None:
    """Doubled punctuation or a doubled word in TEXT, or None."""
    for pattern in (_DOUBLED_MARK, _DOUBLED_WORDS, _DOUBLED_DE):
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None


# A year written as such: "2022年", "2022年度"; not a 文号 year (〔2023〕, [2023]) nor part of a longer number.
_YEAR = re.compile(r"(?<![\d〔\[［(（])((?:19|20)\d\d)(?=年)")


def years_in(text: str) -> tuple[int, ...]:
    """The calendar years TEXT names ("2022年" → 2022)."""
    return tuple(int(y) for y in _YEAR.findall(text))
