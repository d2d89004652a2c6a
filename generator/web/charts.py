"""Key figures as small SVG charts, written here (no chart library, nothing fetched by the browser).

Bar lengths come from the exact figures; labels go through generator/display.py, the only
place that rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from generator.display import format_amount, format_percent

if TYPE_CHECKING:
    from generator.api import KeyFigures

WIDTH, LABEL, BAR, GAP = 640, 190, 18, 8
COLORS = ("#2f6db5", "#e0892b", "#3a9a5b", "#b54a4a", "#7b5ea7", "#8a8a8a", "#c7a008")


def composition(title: str, parts: Sequence[tuple[str, Decimal]]) -> Markup:
    """Horizontal bars: each part, its amount (万元) and share of the total."""
    total = sum((v for _, v in parts), Decimal(0))
    biggest = max((v for _, v in parts), default=Decimal(0))
    scale = (WIDTH - LABEL - 170) / float(biggest) if biggest > 0 else 0.0
    height = 30 + len(parts) * (BAR + GAP)
    out = [_head(title, height)]
    for i, (name, value) in enumerate(parts):
        y = 30 + i * (BAR + GAP)
        length = max(float(value) * scale, 0.0)
        share = format_percent(value / total) if total else "—"
        out.append(_label(name, y))
        out.append(f'<rect x="{LABEL}" y="{y}" width="{length:.1f}" height="{BAR}" fill="{COLORS[i % len(COLORS)]}"/>')
        out.append(
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 14}" font-size="12">{escape(format_amount(value))} 万元（{escape(share)}）</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def year_pairs(title: str, rows: Sequence[tuple[str, Decimal | None, Decimal | None]], years: tuple[int, int]) -> Markup:
    """For each figure, last year's bar above this year's; a year that did not report it says so."""
    values = [v for _, old, new in rows for v in (old, new) if v is not None]
    biggest = max(values, default=Decimal(0))
    scale = (WIDTH - LABEL - 140) / float(biggest) if biggest > 0 else 0.0
    step = 2 * BAR + GAP + 6
    height = 50 + len(rows) * step
    out = [_head(title, height)]
    out.append(
        f'<rect x="{LABEL}" y="22" width="12" height="10" fill="#9fb8d8"/><text x="{LABEL + 16}" y="31" font-size="12">{years[0]}年</text>'
        f'<rect x="{LABEL + 70}" y="22" width="12" height="10" fill="#2f6db5"/><text x="{LABEL + 86}" y="31" font-size="12">{years[1]}年</text>'
    )
    for i, (name, old, new) in enumerate(rows):
        y = 44 + i * step
        out.append(_label(name, y + BAR // 2 + 2))
        for j, (value, color) in enumerate(((old, "#9fb8d8"), (new, "#2f6db5"))):
            top = y + j * BAR
            if value is None:
                missing = "无上年数据" if j == 0 else "未填报"
                out.append(f'<text x="{LABEL}" y="{top + 13}" font-size="12" fill="#666">{missing}</text>')
                continue
            length = max(float(value) * scale, 0.0)
            out.append(f'<rect x="{LABEL}" y="{top}" width="{length:.1f}" height="{BAR - 2}" fill="{color}"/>')
            out.append(f'<text x="{LABEL + length + 6:.1f}" y="{top + 13}" font-size="12">{escape(format_amount(value))}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def key_charts(figures: KeyFigures | None) -> list[Markup]:
    """收入构成, 支出构成, “三公”经费 and 机关运行经费 against last year (api.key_figures); none without figures."""
    if figures is None:
        return []
    return [
        composition("本年收入构成（万元）", figures.income),
        composition("本年支出构成（万元）", figures.expense),
        year_pairs("“三公”经费和机关运行经费：与上年比较（万元）", figures.against_last_year, (figures.year - 1, figures.year)),
    ]


def _head(title: str, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-label="{escape(title)}">'
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>'
    )


def _label(name: str, y: int) -> str:
    short = name if len(name) <= 14 else name[:13] + "…"
    return f'<text x="{LABEL - 8}" y="{y + 13}" font-size="12" text-anchor="end"><title>{escape(name)}</title>{escape(short)}</text>'
