"""Rules on what a disclosure must contain (parts, sections, the 三公 parts and counts), and on
every sentence amount that names a table row (the same figure in the text and in the table)."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.findings import Finding, Location
from generator.verify.audit import Audit, State, emit, table_name
from generator.verify.document import Paragraph, Table
from generator.verify.mentions import is_budget, item_paths
from generator.verify.rules_cross import figure_mismatch
from generator.verify.rules_sentences import figures_of
from generator.verify.rules_tables import three_public_values
from generator.verify.rules_text import narrative
from generator.verify.tables import coded_grid, kind_of, named_values

# (what must be there, how its heading begins or what it contains)
SECTIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("主要职能", ("主要职能",), "contains"),
    ("机构设置或单位构成", ("机构设置", "单位构成", "人员情况"), "contains"),
    ("收入支出决算总体情况说明", ("收入支出决算总体情况",), "starts"),
    ("收入决算情况说明", ("收入决算情况",), "starts"),
    ("支出决算情况说明", ("支出决算情况",), "starts"),
    ("财政拨款收入支出决算总体情况说明", ("财政拨款收入支出决算总体情况",), "starts"),
    ("一般公共预算财政拨款支出决算情况说明", ("一般公共预算财政拨款支出决算情况",), "starts"),
    ("一般公共预算财政拨款基本支出决算情况说明", ("一般公共预算财政拨款基本支出决算情况",), "starts"),
    ("政府性基金预算财政拨款收入支出决算情况说明", ("政府性基金预算财政拨款收入支出决算情况",), "starts"),
    ("国有资本经营预算财政拨款收入支出决算情况说明", ("国有资本经营预算财政拨款收入支出决算情况",), "starts"),
    ("“三公”经费支出决算情况说明", ("三公",), "contains"),
    ("其他重要事项的情况说明", ("其他重要事项",), "contains"),
    ("预算绩效情况说明", ("绩效",), "contains"),
    ("名词解释", ("名词解释",), "contains"),
)
_NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])\s*")
_NO_THREE_PUBLIC = re.compile(r"无[^，。；]{0,12}“?三公”?经费")
THREE_PUBLIC_PARTS = (
    ("因公出国（境）费", ("因公出国",)),
    ("公务用车购置费", ("购置",)),
    ("公务用车运行维护费", ("运行维护", "运行费")),
    ("公务接待费", ("公务接待",)),
    ("因公出国（境）团组数和人次", ("团组",)),
    ("公务用车保有量", ("保有量",)),
    ("公务接待批次和人次", ("批次",)),
)


def _headings(audit: Audit) -> list[str]:
    return [_NUMBERING.sub("", p.text) for p in audit.document.paragraphs if p.heading and p.place.part != "目录"]


def check_sections(audit: Audit) -> None:
    headings = _headings(audit)
    found = []
    for name, keys, how in SECTIONS:
        present = any(h.startswith(k) if how == "starts" else k in h for h in headings for k in keys)
        if not present:
            found.append(emit("doc-section-missing", _first(audit), expected=name))
    audit.outcome("sections", "必备的部分和章节齐全", "全文", found, len(SECTIONS))


def check_three_public(audit: Audit) -> None:
    paragraphs = [p for p in audit.document.paragraphs if "三公" in p.place.section and "情况说明" in p.place.section and not p.heading]
    if not paragraphs:
        audit.record("three-public", "“三公”经费各部分及数量齐全", "“三公”经费", State.NOT_APPLICABLE)
        return
    text = "".join(p.text for p in paragraphs)
    if _NO_THREE_PUBLIC.search(text):
        audit.record("three-public", "“三公”经费各部分及数量齐全", "“三公”经费", State.NOT_APPLICABLE)
        return
    waived = {"因公出国（境）团组数和人次": "无因公出国", "公务接待批次和人次": "无公务接待", "公务用车保有量": "无公务用车"}
    found = [emit("doc-three-public-missing", audit.at_paragraph(paragraphs[0]), expected=name)
             for name, words in THREE_PUBLIC_PARTS if not any(w in text for w in words) and not (name in waived and waived[name] in text)]
    audit.outcome("three-public", "“三公”经费各部分及数量齐全", "“三公”经费", found, len(THREE_PUBLIC_PARTS))


def _first(audit: Audit) -> Location:
    return Location(file=audit.document.path)


# --- sentence amounts against the tables ---------------------------------------------------------

def _tables(audit: Audit) -> dict[str, Table]:
    result: dict[str, Table] = {}
    for table in audit.document.tables:
        kind = kind_of(table)
        if kind and table.readable and kind not in result:
            result[kind] = table
    return result


def _tree_values(table: Table) -> dict[tuple[str, ...], Decimal | None]:
    """(类名,) / (类名, 款名) / (类名, 款名, 项名) → the first value column of a coded table."""
    grid = coded_grid(table)
    values: dict[tuple[str, ...], Decimal | None] = {}
    if grid is None:
        return values
    names: dict[str, str] = {}
    for row in grid.rows:
        if not row.code:
            continue
        names[row.code] = row.name
        path = tuple(names.get(row.code[:n], "") for n in (3, 5, 7) if n <= len(row.code))
        values[path] = row.values[0] if row.values else None
    return values


def check_against_tables(audit: Audit) -> None:
    """Each 类/款/项 named in a sentence of 五 (and 七, 八) has the amount its table row has; each 三公 part the 三公 table's."""
    tables = _tables(audit)
    found: list[Finding] = []
    checks = 0
    public_budget = _tree_values(tables["T5"]) if "T5" in tables else None
    three_public = three_public_values(tables["T9"]) if "T9" in tables else None
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or paragraph.heading:
            continue
        section = paragraph.place.section
        if public_budget is not None and section.endswith(("一般公共预算财政拨款支出决算情况说明",)) and "基本" not in section:
            n, more = _items_against(audit, paragraph, public_budget, tables["T5"])
            checks, found = checks + n, found + more
        if three_public and "三公" in section:
            n, more = _three_public_against(audit, paragraph, three_public, tables["T9"])
            checks, found = checks + n, found + more
    if public_budget is None and three_public is None:
        audit.record("text-vs-tables", "句中金额与表中同一行一致", "一般公共预算、“三公”", State.UNREADABLE)
        return
    audit.outcome("text-vs-tables", "句中金额与表中同一行一致", "一般公共预算、“三公”", found, checks)


def _items_against(audit: Audit, paragraph: Paragraph, values: dict[tuple[str, ...], Decimal | None], table: Table) -> tuple[int, list]:
    found, checks = [], 0
    figures = figures_of(paragraph)
    for hit, path in item_paths(paragraph.text):
        amount = next((m for m in figures if m.start >= hit.end() and m.kind == "level" and not is_budget(m.label)), None)
        if amount is None or amount.start - hit.end() > 20:
            continue
        checks += 1
        stated = amount.wan
        expected = values.get(path)
        if expected is None and path not in values:
            if stated != 0 and not table.partial_names:
                found.append(emit("doc-figure-mismatch", audit.at_paragraph(paragraph), stated=stated, computed=Decimal(0), difference=stated,
                                  other=table_name(table), name="/".join(path), unit="万元", elsewhere="中没有这一行"))
            continue
        if expected is not None and table.unit == "元":
            expected = expected / 10000
        if expected is not None and expected != stated:
            found.append(_mismatch(audit, paragraph, "/".join(path), stated, expected, table))
            continue
    return checks, found


def _mismatch(audit: Audit, paragraph: Paragraph, name: str, stated: Decimal, expected: Decimal, table: Table) -> Finding:
    return figure_mismatch(audit.at_paragraph(paragraph), name, stated, expected, f"《{table.title}》")


_THREE_PUBLIC_LABELS = (("因公出国", "因公出国"), ("公务用车购置及运行维护", "公务用车购置及运行维护费"), ("公务用车购置费", "公务用车购置费"),
                        ("公务用车运行维护费", "公务用车运行维护费"), ("公务接待费", "公务接待费"), ("三公", "合计"))


def _three_public_against(audit: Audit, paragraph: Paragraph, values: dict, table: Table) -> tuple[int, list]:
    found: list[Finding] = []
    checks = 0
    current: str | None = None  # "因公出国（境）费全年预算数0.00万元，决算数0.00万元": the second amount is the same item's
    sentence_end = -1
    for m in figures_of(paragraph):
        if m.start > sentence_end:
            current = None
            end = paragraph.text.find("。", m.start)
            sentence_end = len(paragraph.text) if end < 0 else end
        if m.kind != "level" or m.unit == "%":
            continue
        named = next((key for word, key in _THREE_PUBLIC_LABELS if word in m.label), None)
        item = named or (current if re.fullmatch(r"(?:全年|年初)?(?:预算|决算)数?为?", m.label) else None)
        if named:
            current = named
        if item is None:
            continue
        measure = "预算" if is_budget(m.label) else "决算"
        if (item, measure) not in values:
            continue
        row, expected = values[(item, measure)]
        if expected is None:
            continue
        checks += 1
        if table.unit == "元":
            expected = expected / 10000
        if expected != m.wan:
            found.append(_mismatch(audit, paragraph, f"{item}{measure}数", m.wan, expected, table))
    return checks, found


__all__ = ["check_against_tables", "check_sections", "check_three_public", "named_values"]
