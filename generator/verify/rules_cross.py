"""The same figure in two places: a table against another table, and a sentence against the table row it names.

Between tables (each pair when both are readable): 本年收入合计 and 本年支出合计 of the 总表 against the
合计 rows of 收入决算表 and 支出决算表; each 类 of the 总表 against 支出决算表; the 一般公共预算 column of the
财政拨款总表 against 一般公共预算财政拨款支出决算表 (its total and each 类); its 基本支出 against the 基本支出表;
the 收入决算表's columns against the 总表's incomes.

Sentences of 一 to 四 and 六 against the 总表s, the 合计 rows and the 基本支出表, by the name the sentence gives
the amount ("本年收入合计1,238.41万元" → the row 本年收入合计).
"""

from __future__ import annotations

import re
from decimal import Decimal

from generator.findings import Finding
from generator.verify.audit import Audit, State, emit, table_name
from generator.verify.document import Paragraph, Table
from generator.verify.mentions import is_budget
from generator.verify.rules_sentences import figures_of
from generator.verify.rules_text import narrative
from generator.verify.tables import BLOCK_TOTALS, coded_grid, kind_of, named_values, number

_FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
_INCOMES = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")


def readable_tables(audit: Audit) -> dict[str, Table]:
    result: dict[str, Table] = {}
    for table in audit.document.tables:
        kind = kind_of(table)
        if kind and kind != "SE" and table.readable and kind not in result:
            result[kind] = table
    return result


def summary(table: Table) -> dict[str, tuple[int, int, Decimal | None]]:
    """Label → (row, column of the label, value) of a 总表; 总计 named 收入总计/支出总计 by its side; the first of each name."""
    columns: dict[int, list[tuple[int, str, Decimal | None]]] = {}
    for row, col, name, value in named_values(table):
        columns.setdefault(col, []).append((row, name, value))
    result: dict[str, tuple[int, int, Decimal | None]] = {}
    for col, items in columns.items():
        names = [n for _, n, _ in items]
        side = "收入总计" if any(n.startswith("本年收入") for n in names) else "支出总计" if "本年支出合计" in names else ""
        for row, name, value in items:
            key = side if name == "总计" and side else name
            result.setdefault(key, (row, col, value))
    return result


def total_row(table: Table) -> dict[str, tuple[int, Decimal | None]]:
    """Column name → (row, value) of a coded table's 合计 row."""
    grid = coded_grid(table)
    if grid is None:
        return {}
    row = next((r for r in grid.rows if not r.code and r.name in ("合计", "总计")), None)
    parts = [r for r in grid.rows if not r.code and r.name in BLOCK_TOTALS]
    if row is None and len(parts) == 2 and all(r.values and r.values[0] is not None for r in parts):
        # the official 基本支出表 has no 合计: its total is 人员经费合计 + 公用经费合计
        return {grid.columns[0]: (parts[0].index, sum((r.values[0] for r in parts if r.values[0] is not None), Decimal(0)))}
    if row is None:
        return {}
    return {name: (row.index, row.values[j] if j < len(row.values) else None) for j, name in enumerate(grid.columns)}


def class_rows(table: Table) -> dict[str, tuple[int, Decimal | None]]:
    grid = coded_grid(table)
    if grid is None:
        return {}
    return {r.name: (r.index, r.values[0] if r.values else None) for r in grid.rows if len(r.code) == 3}


def figure_mismatch(location, name: str, stated: Decimal, expected: Decimal, other: str) -> Finding:  # type: ignore[no-untyped-def]
    """Two places disagree; when one is ten thousand times the other, 元 was written as 万元."""
    if expected and stated in (expected * 10000, expected / 10000):
        return emit("doc-scale-mismatch", location, stated=stated, computed=expected, other=other, name=name)
    return emit("doc-figure-mismatch", location, stated=stated, computed=expected, difference=stated - expected, other=other,
                name=name, unit="", elsewhere=f"中为{expected}")


def check_tables_agree(audit: Audit) -> None:
    tables = readable_tables(audit)
    found: list[Finding] = []
    checks = 0

    def same(name: str, a: tuple[Table, int, Decimal | None] | None, b: tuple[Table, int, Decimal | None] | None) -> None:
        nonlocal checks
        if a is None or b is None or a[2] is None or b[2] is None:
            return
        checks += 1
        if a[2] != b[2]:
            found.append(figure_mismatch(audit.at_cell(b[0], b[1], name), name, b[2], a[2], table_name(a[0])))

    t1 = summary(tables["T1"]) if "T1" in tables else {}
    t4 = summary(tables["T4"]) if "T4" in tables else {}

    def at(kind: str, values: dict, name: str, offset: int = 0) -> tuple[Table, int, Decimal | None] | None:
        if name not in values:
            return None
        row, col, value = values[name]
        if offset:
            cells = tables[kind].rows[row]
            value = number(cells[col + 1 + offset]) if col + 1 + offset < len(cells) else None
        return tables[kind], row, value

    def total(kind: str, column: int) -> tuple[Table, int, Decimal | None] | None:
        if kind not in tables:
            return None
        row = total_row(tables[kind])
        names = list(row)
        if column >= len(names):
            return None
        index, value = row[names[column]]
        return tables[kind], index, value

    same("本年收入合计", at("T1", t1, "本年收入合计") if t1 else None, total("T2", 0))
    same("本年支出合计", at("T1", t1, "本年支出合计") if t1 else None, total("T3", 0))
    if "T2" in tables and t1:
        columns = total_row(tables["T2"])
        funds = [at("T1", t1, f + "收入") for f in _FUNDS]
        if "财政拨款收入" in columns and all(f is not None and f[2] is not None for f in funds):
            row, value = columns["财政拨款收入"]
            same("财政拨款收入", (tables["T1"], funds[0][1], sum((f[2] for f in funds if f and f[2] is not None), Decimal(0))), (tables["T2"], row, value))  # type: ignore[index]
        for name in _INCOMES:
            if name in columns:
                same(name, at("T1", t1, name), (tables["T2"], *columns[name]))
    if "T3" in tables and t1:
        for name, (row, value) in class_rows(tables["T3"]).items():
            same(name, at("T1", t1, name), (tables["T3"], row, value))
    if "T5" in tables and t4:
        same("一般公共预算财政拨款支出合计", at("T4", t4, "本年支出合计", offset=1), total("T5", 0))
        for name, (row, value) in class_rows(tables["T5"]).items():
            same(name, at("T4", t4, name, offset=1), (tables["T5"], row, value))
    if "T6" in tables:
        same("基本支出", total("T5", 1), total("T6", 0))
    if "T7" in tables and t4 and total_row(tables["T7"]):
        columns = total_row(tables["T7"])
        if "本年支出合计" in columns:
            same("政府性基金预算财政拨款支出", at("T4", t4, "本年支出合计", offset=2), (tables["T7"], *columns["本年支出合计"]))
    if not tables:
        audit.record("tables-agree", "同一个数在两张表中一致", "九张表", State.UNREADABLE)
        return
    audit.outcome("tables-agree", "同一个数在两张表中一致", "九张表", found, checks)


_YEAR_PREFIX = re.compile(r"^.*?\d{4}年度?")
_ALIASES = {"本年收入": "本年收入合计", "本年支出": "本年支出合计"}


def _sentence_sources(section: str, tables: dict[str, Table]) -> list[tuple[Table, dict[str, tuple[int, Decimal | None]]]]:
    """The tables (and their label → value) that the sentences of SECTION name."""
    def flat(kind: str, strip: str = "") -> tuple[Table, dict[str, tuple[int, Decimal | None]]] | None:
        if kind not in tables:
            return None
        return tables[kind], {k.replace(strip, "") if strip else k: (r, v) for k, (r, c, v) in summary(tables[kind]).items()}

    def totals(kind: str) -> tuple[Table, dict[str, tuple[int, Decimal | None]]] | None:
        return (tables[kind], total_row(tables[kind])) if kind in tables else None

    def basic() -> tuple[Table, dict[str, tuple[int, Decimal | None]]] | None:
        if "T6" not in tables:
            return None
        grid = coded_grid(tables["T6"])
        if grid is None:
            return None
        names = {"合计": "基本支出", "人员经费合计": "人员经费", "公用经费合计": "公用经费"}
        values = {names[r.name]: (r.index, r.values[0]) for r in grid.rows if not r.code and r.name in names}
        whole = total_row(tables["T6"])
        if "基本支出" not in values and whole:
            values["基本支出"] = next(iter(whole.values()))
        return tables["T6"], values

    bare = re.sub(r"^[一二三四五六七八九十]+、", "", section)
    if bare.startswith("收入支出决算总体情况"):
        chosen = [flat("T1")]
    elif bare.startswith("收入决算情况"):
        chosen = [totals("T2"), flat("T1")]
    elif bare.startswith("支出决算情况"):
        chosen = [totals("T3"), flat("T1")]
    elif bare.startswith("财政拨款收入支出决算总体情况"):
        chosen = [flat("T4", "财政拨款")]
    elif bare.startswith("一般公共预算财政拨款基本支出决算情况"):
        chosen = [basic()]
    else:
        chosen = []
    return [c for c in chosen if c is not None]


def check_sentences_against_summaries(audit: Audit) -> None:
    tables = readable_tables(audit)
    found: list[Finding] = []
    checks = 0
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or paragraph.heading:
            continue
        sources = _sentence_sources(paragraph.place.section, tables)
        if not sources:
            continue
        for m in figures_of(paragraph):
            if m.kind != "level" or m.unit == "%" or is_budget(m.label):
                continue
            name = _name(m.label, "财政拨款" if paragraph.place.section.endswith("财政拨款收入支出决算总体情况说明") else "")
            source = next(((t, values[name]) for t, values in sources if name in values), None)
            if source is None:  # "一般公共预算财政拨款基本支出" names the row 基本支出
                source = next(((t, values[k]) for t, values in sources for k in sorted(values, key=len, reverse=True) if len(k) >= 4 and name.endswith(k)), None)
            if source is None or source[1][1] is None:
                continue
            checks += 1
            table, (row, value) = source
            assert value is not None
            if value != m.wan:
                found.append(figure_mismatch(audit.at_paragraph(paragraph), name, m.wan, value, f"《{table.title}》"))
    audit.outcome("text-vs-summaries", "句中金额与总表、合计行、基本支出表一致", "一至四、六", found, checks)


def _name(label: str, strip: str) -> str:
    name = _YEAR_PREFIX.sub("", label).replace("其中", "").strip("：: ")
    if strip:
        name = name.replace(strip, "")
    return _ALIASES.get(name, name)


__all__ = ["Paragraph", "check_sentences_against_summaries", "check_tables_agree", "figure_mismatch"]
