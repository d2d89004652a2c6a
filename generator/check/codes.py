"""Classification codes: known, named as the code list names them, sitting under their parents."""

from __future__ import annotations

from collections.abc import Iterator

from generator import codes, layout
from generator.check.context import CheckContext
from generator.findings import Finding, warning


def check_codes(ctx: CheckContext) -> Iterator[Finding]:
    base = ctx.figures.base
    for spec in layout.SUBJECT_SHEETS:
        names = base.economic if spec.classification == "economic" else base.functional
        table = base.unit.subject(spec.name)
        typed = {row.code for row in table.rows if row.code}
        for row in table.rows:
            assert row.code is not None
            known = names.name(row.code)
            where = row.source.at(layout.CODE)
            if known is None:
                yield warning(
                    "code-unknown",
                    where,
                    f"科目编码「{row.code}」不在科目表中（可在数据文件夹的 {codes.LOCAL_FUNCTIONAL if spec.classification == 'functional' else codes.LOCAL_ECONOMIC} 中补充）",
                    subject_code=row.code,
                )
            elif row.name and _plain(row.name) != _plain(known):
                yield warning(
                    "code-name-mismatch",
                    row.source.at(layout.NAME),
                    f"科目编码「{row.code}」在科目表中的名称是「{known}」，此处写作「{row.name}」",
                    subject_code=row.code,
                    expected=known,
                    actual=row.name,
                )
            parent = codes.parent(row.code)
            if parent and typed and any(len(c) == len(parent) for c in typed) and parent not in typed:
                yield warning(
                    "code-parent-missing",
                    where,
                    f"「{row.code} {row.name}」的上级科目「{parent} {names.name(parent) or ''}」未在本表列出".replace(" 」", "」"),
                    subject_code=row.code,
                    parent=parent,
                )


def _plain(name: str) -> str:
    return name.replace(" ", "").replace("(", "（").replace(")", "）")
