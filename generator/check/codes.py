"""Classification codes: known, named as the code list names them, sitting under their parents."""

from __future__ import annotations

from collections.abc import Iterator

from generator import codes, layout
from generator.check.context import CheckContext
from generator.check.rule import emits
from generator.findings import Finding, emit


@emits("code-not-in-list", "code-unknown", "code-name-mismatch", "code-parent-missing", needs=(layout.INCOME.name, layout.EXPENSE.name, layout.GPB.name, layout.BASIC.name, layout.GOV_FUND.name, layout.STATE_CAPITAL.name))
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
            if (
                known is None
                and spec.classification == "functional"
                and row.name
                and _prefix_known(names, row.code)
                and _named_elsewhere(names, row.code, row.name) is None
            ):
                yield emit(
                    "code-not-in-list",
                    where,
                    subject_code=row.code,
                    name=row.name,
                    parent_label=_prefix_label(names, row.code),
                    local_file=codes.LOCAL_FUNCTIONAL,
                )
            elif known is None:
                other = _named_elsewhere(names, row.code, row.name) if row.name else None
                yield emit(
                    "code-unknown",
                    where,
                    subject_code=row.code,
                    named_elsewhere=f"科目名称「{row.name}」是科目表中「{other}」的名称，编码「{row.code}」疑似填错；" if other else "",
                    local_file=codes.LOCAL_FUNCTIONAL if spec.classification == "functional" else codes.LOCAL_ECONOMIC,
                )
            elif row.name and _plain(row.name) != _plain(known):
                yield emit("code-name-mismatch", row.source.at(layout.NAME), subject_code=row.code, expected=known, actual=row.name)
            parent = codes.parent(row.code)
            if parent and typed and any(len(c) == len(parent) for c in typed) and parent not in typed:
                yield emit(
                    "code-parent-missing",
                    where,
                    subject_code=row.code,
                    parent=parent,
                    subject=f"{row.code} {row.name}".rstrip(),
                    parent_label=f"{parent} {names.name(parent) or ''}".rstrip(),
                )


def _plain(name: str) -> str:
    return name.replace(" ", "").replace("(", "（").replace(")", "）")


def _prefix_known(names: codes.CodeList, code: str) -> bool:
    """The code's 款 (or, for a 款, its 类) is in the list: a newer 项 of a known 款, not a typing error."""
    parent = codes.parent(code)
    return parent is not None and names.name(parent) is not None


def _prefix_label(names: codes.CodeList, code: str) -> str:
    parent = codes.parent(code) or ""
    return f"{parent} {names.name(parent) or ''}".strip()


def _named_elsewhere(names: codes.CodeList, code: str, name: str) -> str | None:
    """The known code of the same level and 款 that carries NAME: the typed code is then a typo, not a new code."""
    parent = codes.parent(code)
    plain = _plain(name)
    for other in names.codes.values():
        if other.code != code and len(other.code) == len(code) and codes.parent(other.code) == parent and _plain(other.name) == plain:
            return other.code
    return None
