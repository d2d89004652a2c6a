"""Units typed after a target or a completed value, and conversion between them.

People write "<=110万" for 万元 and may type the target in 万元 and the completed
value in 元. Units are compared after normalisation; a difference of scale only
(万元 vs 元, 万人 vs 人) converts, anything else does not.
"""

from __future__ import annotations

from decimal import Decimal

_SCALES: dict[str, Decimal] = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
# A bare scale word is money in a budget document: "<=110万" means 110万元.
_BARE_SCALE_IS_MONEY = {"万": "万元", "亿": "亿元"}


def normalise_unit(unit: str) -> str:
    """Trimmed unit without brackets or spaces; "万" becomes "万元"; "％" becomes "%"."""
    text = unit.strip().replace("％", "%").replace(" ", "").replace("\u3000", "")
    for bracket in "()（）[]【】":
        text = text.replace(bracket, "")
    return _BARE_SCALE_IS_MONEY.get(text, text)


def _split_scale(unit: str) -> tuple[Decimal, str]:
    if len(unit) > 1 and unit[0] in _SCALES:
        return _SCALES[unit[0]], unit[1:]
    return Decimal(1), unit


def conversion_factor(source: str, target: str) -> Decimal | None:
    """Factor turning a number in unit `source` into unit `target`, or None if they differ in kind.

    conversion_factor("元", "万元") == Decimal("0.0001"); equal units give 1.
    """
    if source == target:
        return Decimal(1)
    source_scale, source_base = _split_scale(source)
    target_scale, target_base = _split_scale(target)
    if source_base != target_base or not source_base:
        return None
    return source_scale / target_scale
