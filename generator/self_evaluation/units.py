"""Units typed after a target or a completed value, and conversion between them.

People write "<=110万" for 万元 and may type the target in 万元 and the completed
value in 元. Units are compared after normalisation; a difference of scale only
(万元 vs 元, 万人 vs 人) converts, anything else does not. A bare scale word ("111.4万")
takes the unit of the value it is compared with ("≥107万人" → 万人); units are kept
as typed so that messages name only what someone wrote.
"""

from __future__ import annotations

from decimal import Decimal

_SCALES: dict[str, Decimal] = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}


def normalise_unit(unit: str) -> str:
    """Trimmed unit without brackets or spaces; "％" becomes "%"."""
    text = unit.strip().replace("％", "%").replace(" ", "").replace("\u3000", "")
    for bracket in "()（）[]【】":
        text = text.replace(bracket, "")
    return text


def is_bare_scale(unit: str) -> bool:
    """"万", "亿", "千": a scale without a unit of its own."""
    return unit in _SCALES


def with_scale_of(bare: str, other: str) -> str:
    """The unit a bare scale stands for beside `other`: 万 beside 万人 or 人 is 万人; beside 万元 or 元, 万元.

    Beside no unit (or another bare scale) it stays as typed.
    """
    _, base = _split_scale(other)
    return f"{bare}{base}" if base and not is_bare_scale(other) else bare


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
    if is_bare_scale(source) and is_bare_scale(target):
        return _SCALES[source] / _SCALES[target]
    source_scale, source_base = _split_scale(source)
    target_scale, target_base = _split_scale(target)
    if source_base != target_base or not source_base:
        return None
    return source_scale / target_scale
