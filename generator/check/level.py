"""A 单位决算 reads as a 单位 document throughout: 部门 wording a person wrote into it is an inspection finding."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator import layout
from generator.check.context import CheckContext
from generator.check.rule import NotApplicable, emits
from generator.check.written import written_texts
from generator.findings import Finding, emit

# What only a 部门决算 says of itself ("本部门", "部门决算", "部门预算"): a unit's own document says 本单位.
# 财政部门预算 and 主管部门决算 name someone else's. (The reverse is not checked: a 部门决算 rightly says 本单位, and names its units' 单位决算.)
DEPARTMENT_WORDS = re.compile("本部门|(?<!财政)(?<!主管)(?<!上级)部门(?:决算|预算)")


@emits("level-wording-mixed", needs=(layout.TEXTS, "变动原因"))
def check_level_wording(ctx: CheckContext) -> Iterator[Finding]:
    """In a 单位决算, no text a person wrote that the document prints may speak as a 部门."""
    if ctx.settings.level != "单位":
        raise NotApplicable("部门决算：人工文字可以用部门的措辞")
    for written in written_texts(ctx):
        found = DEPARTMENT_WORDS.search(written.text)
        if found is not None:
            yield emit("level-wording-mixed", written.where, found=found.group(), text=written.text, label=written.label)
