"""Texts a person wrote, as the document prints them: no template residue, no doubled marks or words,
no year in a reason that is neither this year nor last."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator import layout
from generator.check.context import CheckContext
from generator.check.rule import emits
from generator.findings import Finding, Location, emit
from generator.residue import placeholder_in, repetition_in, years_in

# Cover cells that are settings, not text the document prints as written.
_SETTINGS = frozenset({"金额单位", "公开模板", "数据来源", "决算层级"})
_REASON_HEADERS = frozenset({layout.REASON, layout.BUDGET_REASON})


@dataclass(frozen=True)
class Written:
    text: str
    where: Location
    label: str  # what the text is, for the message
    is_reason: bool


def written_texts(ctx: CheckContext) -> Iterator[Written]:
    """Every text a person wrote that the document may print: 文字说明.yaml fields and workbook text cells."""
    t = ctx.figures.texts
    fields: list[tuple[str, str]] = [
        *((f"主要职能[{i}]", s) for i, s in enumerate(t.functions, 1)),
        ("职能补充说明", t.functions_note),
        *((f"下属预算单位[{i}]", s) for i, s in enumerate(t.subordinate_units or (), 1)),
        *((f"内设机构[{i}]", s) for i, s in enumerate(t.departments or (), 1)),
        ("预算绩效.成效", t.performance_results),
        ("预算绩效.问题", t.performance_problems),
        ("预算绩效.措施", t.performance_measures),
        *((f"预算绩效.制度[{i}]", s) for i, s in enumerate(t.performance_systems, 1)),
        ("预算绩效.工作机制", t.performance_mechanism),
        *((f"部门决算单位[{i}]", f"{name} {note}".strip()) for i, (name, note) in enumerate(t.final_units, 1)),
        ("其他需说明的事项", t.other_matters),
    ]
    for field, text in fields:
        if text:
            yield Written(text, Location(file=t.file, field=field), f"文字说明「{field}」", False)
    unit = ctx.figures.base.unit
    for spec in layout.SUBJECT_SHEETS:
        table = unit.subject(spec.name)
        for row in ([table.declared_total] if table.declared_total else []) + list(table.rows):
            label = f"《{spec.name}》「{row.code or ''} {row.name}」".replace("「 ", "「")
            if row.reason:
                yield Written(row.reason, row.source.at(layout.REASON), f"{label}的变动原因", True)
            for header, text in row.texts.items():
                if text:
                    yield Written(text, row.source.at(header), f"{label}的「{header}」", header in _REASON_HEADERS)
    for item_spec in layout.ITEM_SHEETS:
        items = unit.item_table(item_spec.name)
        for name, item in list(items.rows.items()) + list(items.class_rows.items()):
            if item_spec is layout.COVER and name in _SETTINGS:
                continue
            for header, text in item.texts.items():
                if text:
                    reason = header in _REASON_HEADERS or name.endswith("原因") or (item_spec is layout.OTHER_MATTERS and header == "说明")
                    yield Written(text, item.source.at(header), f"《{item_spec.name}》「{name}」的「{header}」", reason)


@emits("text-placeholder", "text-repeated", "reason-odd-year", needs=(layout.TEXTS, "变动原因"))
def check_written_texts(ctx: CheckContext) -> Iterator[Finding]:
    year = ctx.figures.year
    sensible = (year, year - 1)
    for w in written_texts(ctx):
        found = placeholder_in(w.text)
        if found is not None:
            yield emit("text-placeholder", w.where, found=found, text=w.text, label=w.label, document="公开说明")
        repeated = repetition_in(w.text)
        if repeated is not None:
            yield emit("text-repeated", w.where, found=repeated, text=w.text, label=w.label)
        if w.is_reason:
            for odd in sorted({y for y in years_in(w.text) if y not in sensible}):
                yield emit(
                    "reason-odd-year", w.where, year=odd, expected=list(sensible), text=w.text, label=w.label, current_year=year, prior_year=year - 1
                )
