"""The 预算绩效 section against the appended 绩效自评表 and against itself.

- "预算绩效评价项目11个，全年预算数682.26万元，全年执行数680.70万元": the number of appended 项目支出绩效自评表
  and the sums of their 年度资金总额 row; "全年预算总额…，实际执行总额…": the 整体支出绩效自评表's 合计 row;
- "绩效自评的…项目4个 … 评级为“优”的项目3个；“良”1个；“合格”0个；“不合格”0个": the grades add up to the count.
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.findings import Finding
from generator.verify.audit import Audit, emit
from generator.verify.document import Paragraph, Table
from generator.verify.mentions import parse_number
from generator.verify.rules_text import narrative
from generator.verify.tables import number

_PROJECTS = re.compile(r"项目(\d+)个，全年预算数(\d[\d,]*\.\d+)万元，全年执行数(\d[\d,]*\.\d+)万元")
_UNIT = re.compile(r"全年预算总额(\d[\d,]*\.\d+)万元，实际执行总额(\d[\d,]*\.\d+)万元")
_SELF_EVALUATED = re.compile(r"绩效自评的[^，。；]{0,20}项目(\d+)个")
_GRADE = re.compile(r"评级为“?(优|良|中|合格|差|不合格)”?的项目(\d+)个")


def _funds(table: Table, row_word: str) -> tuple[Decimal | None, Decimal | None] | None:
    """(全年预算数, 全年执行数) of the row holding ROW_WORD, by the columns of the header row above it."""
    header = next((r for r in table.rows if "全年预算数" in r and "全年执行数" in r), None)
    row = next((r for r in table.rows if row_word in r), None)
    if header is None or row is None:
        return None
    budget, spent = header.index("全年预算数"), header.index("全年执行数")
    return (number(row[budget]) if budget < len(row) else None, number(row[spent]) if spent < len(row) else None)


def check_performance(audit: Audit) -> None:
    projects = [f for t in audit.document.tables if t.title.endswith("项目支出绩效自评表") and (f := _funds(t, "年度资金总额")) is not None]
    unit = next((f for t in audit.document.tables if t.title.endswith("整体支出绩效自评表") and (f := _funds(t, "合计")) is not None), None)
    found: list[Finding] = []
    checks = 0
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or paragraph.heading or "绩效" not in paragraph.place.section:
            continue
        text = paragraph.text
        if projects and (hit := _PROJECTS.search(text)):
            budgets = sum((b for b, _ in projects if b is not None), Decimal(0))
            spent = sum((s for _, s in projects if s is not None), Decimal(0))
            for name, stated, expected in (("项目个数", Decimal(hit.group(1)), Decimal(len(projects))),
                                           ("全年预算数", parse_number(hit.group(2))[0], budgets), ("全年执行数", parse_number(hit.group(3))[0], spent)):
                checks += 1
                if stated != expected:
                    found.append(_mismatch(audit, paragraph, name, stated, expected, "所附项目支出绩效自评表"))
        if unit and (hit := _UNIT.search(text)):
            for name, said, table_value in (("全年预算总额", parse_number(hit.group(1))[0], unit[0]), ("实际执行总额", parse_number(hit.group(2))[0], unit[1])):
                if table_value is None:
                    continue
                checks += 1
                if said != table_value:
                    found.append(_mismatch(audit, paragraph, name, said, table_value, "所附整体支出绩效自评表"))
        if (count := _SELF_EVALUATED.search(text)) and (grades := _GRADE.findall(text)):
            checks += 1
            total = sum(int(n) for _, n in grades)
            if total != int(count.group(1)):
                found.append(emit("doc-figure-mismatch", audit.at_paragraph(paragraph), stated=Decimal(count.group(1)), computed=Decimal(total),
                                  difference=Decimal(int(count.group(1)) - total), other="各评级的项目数", name="绩效自评的项目", unit="个",
                                  elsewhere=f"之和为{total}个"))
    audit.outcome("performance", "预算绩效的项目数和金额与所附自评表一致，各评级项目数之和等于项目数", "预算绩效", found, checks)


def _mismatch(audit: Audit, paragraph: Paragraph, name: str, stated: Decimal, expected: Decimal, other: str) -> Finding:
    return emit("doc-figure-mismatch", audit.at_paragraph(paragraph), stated=stated, computed=expected, difference=stated - expected,
                other=other, name=name, unit="", elsewhere=f"中为{expected}")
