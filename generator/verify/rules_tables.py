"""Rules on the tables: each re-adds (the 类/款/项 tree, 合计 rows and columns), the 总表 identities,
the 三公 parts, and the same figure in two tables."""

from __future__ import annotations

from decimal import Decimal

from generator.findings import Finding
from generator.verify.audit import Audit, State, compared, emit, table_name
from generator.verify.document import Table
from generator.verify.tables import TITLES, Grid, coded_grid, kind_of, label, named_values, number

_TOTAL_COLUMN = {"T2": 0, "T3": 0, "T5": 0}  # the first value column is the sum of the others


def _zero(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


def check_tables(audit: Audit) -> None:
    for table in audit.document.tables:
        kind = kind_of(table)
        target = table_name(table)
        if kind in ("", "SE"):
            continue
        if not table.readable:
            audit.findings.append(emit("doc-table-unreadable", audit.at_cell(table), table=target, reason=table.why_unreadable))
            audit.record("table-adds", "表中各行各栏加得上", target, State.UNREADABLE)
            continue
        found: list[Finding] = []
        checks = 0
        if kind in ("T2", "T3", "T5", "T6", "T7", "T8"):
            grid = coded_grid(table)
            if grid is None:
                if table.rows and any(number(c) is not None for r in table.rows for c in r):
                    audit.record("table-adds", "表中各行各栏加得上", target, State.UNREADABLE)
                    continue
                audit.record("table-adds", "表中各行各栏加得上", target, State.NOT_APPLICABLE)  # an empty table (本表为空表)
                continue
            n, more = _tree(audit, table, grid)
            checks, found = checks + n, found + more
            n, more = _columns(audit, table, grid, kind)
            checks, found = checks + n, found + more
        elif kind == "T1" or kind == "T4":
            n, more = _summary(audit, table, kind)
            checks, found = checks + n, found + more
        elif kind == "T9":
            n, more = _three_public(audit, table)
            checks, found = checks + n, found + more
        audit.outcome("table-adds", "表中各行各栏加得上", target, found, checks)


def _tree(audit: Audit, table: Table, grid: Grid) -> tuple[int, list[Finding]]:
    found: list[Finding] = []
    checks = 0
    coded = [r for r in grid.rows if r.code]
    levels = sorted({len(r.code) for r in coded})
    for parent in coded:
        # A 类 adds its 款 and a 款 its 项: the next level only, so that a deleted 款 row is not hidden by its 项.
        children = [r for r in coded if len(r.code) == len(parent.code) + 2 and r.code.startswith(parent.code)]
        deeper = [r for r in coded if len(r.code) > len(parent.code) + 2 and r.code.startswith(parent.code)]
        if not children:
            if deeper or (len(parent.code) < max(levels, default=0) and any(v for v in parent.values)):
                missing = "款" if len(parent.code) == 3 else "项"
                found.append(emit("doc-table-mismatch", audit.at_cell(table, parent.index), stated=_zero(parent.values[0]), expected=Decimal(0),
                                  difference=_zero(parent.values[0]), table=table_name(table), rule="tree", subject=f"{parent.code} {parent.name}",
                                  against=f"表中所列下级科目（{missing}）之和", tail="：表中没有它的下级科目，是否删去了一行？"))
            checks += 1
            continue
        for j, column in enumerate(grid.columns):
            checks += 1
            total = sum((_zero(c.values[j]) for c in children if j < len(c.values)), Decimal(0))
            stated = _zero(parent.values[j]) if j < len(parent.values) else Decimal(0)
            if stated != total:
                found.append(compared("doc-table-mismatch", audit.at_cell(table, parent.index, column), stated, total, len(children), table=table_name(table), rule="tree",
                                      subject=f"{parent.code} {parent.name}「{column}」", against="下级科目之和"))
    top = [r for r in coded if len(r.code) == levels[0]] if levels else []
    for row in grid.rows:
        if row.code or row.name not in ("合计", "总计"):
            continue
        for j, column in enumerate(grid.columns):
            checks += 1
            total = sum((_zero(r.values[j]) for r in top if j < len(r.values)), Decimal(0))
            stated = _zero(row.values[j]) if j < len(row.values) else Decimal(0)
            if stated != total:
                found.append(compared("doc-table-mismatch", audit.at_cell(table, row.index, column), stated, total, len(top), table=table_name(table), rule="total",
                                      subject=f"合计「{column}」", against=f"各{'类' if levels and levels[0] == 3 else '科目'}之和"))
    personnel = next((r for r in grid.rows if not r.code and r.name.startswith("人员经费")), None)
    public = next((r for r in grid.rows if not r.code and r.name.startswith("公用经费")), None)
    total_row = next((r for r in grid.rows if not r.code and r.name == "合计"), None)
    if personnel and public and total_row:
        checks += 1
        stated, total = _zero(total_row.values[0]), _zero(personnel.values[0]) + _zero(public.values[0])
        if stated != total:
            found.append(compared("doc-table-mismatch", audit.at_cell(table, total_row.index), stated, total, 2, table=table_name(table), rule="personnel-public",
                                  subject="合计", against="人员经费、公用经费之和"))
    return checks, found


def _columns(audit: Audit, table: Table, grid: Grid, kind: str) -> tuple[int, list[Finding]]:
    found: list[Finding] = []
    checks = 0
    names = list(grid.columns)
    for row in grid.rows:
        values = list(row.values)
        if kind in _TOTAL_COLUMN and len(values) > 2:
            checks += 1
            stated, total = _zero(values[0]), sum((_zero(v) for v in values[1:]), Decimal(0))
            if stated != total:
                found.append(compared("doc-table-mismatch", audit.at_cell(table, row.index, names[0]), stated, total, len(values) - 1, table=table_name(table), rule="columns",
                                      subject=f"{row.code} {row.name}「{names[0]}」", against="其余各栏之和"))
        if kind in ("T7", "T8") and {"本年支出合计", "基本支出", "项目支出"} <= set(names):
            checks += 1
            stated = _zero(values[names.index("本年支出合计")])
            total = _zero(values[names.index("基本支出")]) + _zero(values[names.index("项目支出")])
            if stated != total:
                found.append(compared("doc-table-mismatch", audit.at_cell(table, row.index, "本年支出合计"), stated, total, 2, table=table_name(table), rule="columns",
                                      subject=f"{row.code} {row.name}「本年支出合计」", against="基本支出、项目支出之和"))
    return checks, found


def _summary(audit: Audit, table: Table, kind: str) -> tuple[int, list[Finding]]:
    """总表 identities, side by side: 本年收入合计 = Σ the incomes above it; 收入总计 = 本年收入合计 + the rows between;
    the same for 支出; 收入总计 = 支出总计."""
    found: list[Finding] = []
    checks = 0
    columns: dict[int, list[tuple[int, str, Decimal | None]]] = {}
    for row, col, name, value in named_values(table):
        columns.setdefault(col, []).append((row, name, value))
    totals: dict[str, tuple[int, Decimal]] = {}
    for items in columns.values():
        names = [n for _, n, _ in items]
        alias = "收入总计" if "本年收入合计" in names or "本年收入" in names else "支出总计" if "本年支出合计" in names else ""
        items = [(r, alias if n == "总计" and alias else n, v) for r, n, v in items]
        for subtotal, total in (("本年收入合计", "收入总计"), ("本年支出合计", "支出总计"), ("本年收入", "收入总计")):
            names = [n for _, n, _ in items]
            if subtotal not in names or total not in names:
                continue
            s, t = names.index(subtotal), names.index(total)
            if s > t:
                continue
            start = max((k + 1 for k, (_, n, _) in enumerate(items[:s]) if "总计" in n), default=0)
            parts = [v for _, n, v in items[start:s] if n and "合计" not in n and "总计" not in n]
            if kind == "T1" or subtotal != "本年收入":
                checks += 1
                stated, computed = _zero(items[s][2]), sum((_zero(v) for v in parts), Decimal(0))
                if parts and stated != computed:
                    found.append(compared("doc-table-mismatch", audit.at_cell(table, items[s][0], subtotal), stated, computed, len(parts), table=table_name(table), rule="summary",
                                              subject=f"「{subtotal}」", against="上方各项之和"))
            # Under 年初财政拨款结转和结余 the 上海 table lists it again by fund (一般公共预算财政拨款 …): a breakdown, not more.
            between = [v for _, n, v in items[s + 1 : t] if n not in _FUNDS]
            checks += 1
            stated, computed = _zero(items[t][2]), _zero(items[s][2]) + sum((_zero(v) for v in between), Decimal(0))
            if stated != computed:
                found.append(compared("doc-table-mismatch", audit.at_cell(table, items[t][0], total), stated, computed, len(between) + 1, table=table_name(table), rule="summary",
                                          subject=f"「{total}」", against=f"{subtotal}及结转结余之和"))
            totals[total] = (items[t][0], stated)
        for k, (row, name, value) in enumerate(items):  # 年初财政拨款结转和结余, then the same by fund (上海)
            funds = [(r, v) for r, n, v in items[k + 1 : k + 4] if n in _FUNDS]
            if "结转和结余" in name and len(funds) == 3 and value is not None:
                checks += 1
                computed = sum((_zero(v) for _, v in funds), Decimal(0))
                if value != computed:
                    found.append(compared("doc-table-mismatch", audit.at_cell(table, row, name), value, computed, 3, table=table_name(table), rule="summary",
                                              subject=f"「{name}」", against="其下各类财政拨款之和"))
    if "收入总计" in totals and "支出总计" in totals:
        checks += 1
        (row, income), (_, expense) = totals["收入总计"], totals["支出总计"]
        if income != expense:
            found.append(compared("doc-table-mismatch", audit.at_cell(table, row, "收入总计"), income, expense, 1, table=table_name(table), rule="balance",
                                  subject="收入总计", against="支出总计"))
    if kind == "T4":  # 上海: under 年末财政拨款结转和结余, each fund's row repeats its amount in its own column
        for i, r in enumerate(table.rows):
            for c, cell in enumerate(r):
                if label(cell) != "年末财政拨款结转和结余" or c + 4 >= len(r) or i + 3 >= len(table.rows):
                    continue
                for k in range(1, 4):
                    below = table.rows[i + k]
                    if c + 1 + k < len(below) and label(below[0] if c else "") in _FUNDS and number(below[c + 1 + k]) is not None:
                        checks += 1
                        stated, computed = _zero(number(r[c + 1 + k])), _zero(number(below[c + 1 + k]))
                        if stated != computed:
                            found.append(compared("doc-table-mismatch", audit.at_cell(table, i + k, _FUNDS[k - 1]), stated, computed, 1, table=table_name(table), rule="summary",
                                                      subject=f"年末财政拨款结转和结余一行的「{_FUNDS[k - 1]}」栏", against=f"其下「{_FUNDS[k - 1]}」一行的"))
    if kind == "T4":  # 合计 = 一般公共预算 + 政府性基金 + 国有资本经营, on every row with the four columns
        for i, r in enumerate(table.rows):
            values = [number(c) for c in r]
            tail = values[-4:]
            if len(values) >= 5 and all(v is not None for v in tail) and number(r[-5]) is None:
                checks += 1
                stated, computed = _zero(tail[0]), sum((_zero(v) for v in tail[1:]), Decimal(0))
                if stated != computed:
                    found.append(compared("doc-table-mismatch", audit.at_cell(table, i, "合计"), stated, computed, 3, table=table_name(table), rule="columns",
                                          subject=f"{label(r[-5])}「合计」", against="三类财政拨款之和"))
    return checks, found


_CAR = "公务用车购置及运行维护费"
_FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def three_public_values(table: Table) -> dict[tuple[str, str], tuple[int, Decimal | None]]:
    """(item, measure) → (row, value) of a 三公 table, in rows (item | 预算数 | 决算数) or in columns (four header rows)."""
    result: dict[tuple[str, str], tuple[int, Decimal | None]] = {}
    rows = table.rows
    data = [i for i, r in enumerate(rows) if any(number(c) is not None for c in r)]
    if not data:
        return result
    header = rows[: data[0]]
    if len(data) == 1 and len(header) >= 2:  # 上海: one row of values under item and measure headers
        i = data[0]
        for j, cell in enumerate(rows[i]):
            item = next((label(h[j]) for h in reversed(header[:-1]) if j < len(h) and label(h[j]) not in ("小计", "")), "")
            if j < len(header[-2]) and label(header[-2][j]) == "小计":
                item = _CAR
            measure = label(header[-1][j]) if j < len(header[-1]) else ""
            result[(_item(item), _measure(measure))] = (i, number(cell))
        return result
    measures = [_measure(label(c)) for c in header[-1]] if header else []
    for i in data:
        r = rows[i]
        item = _item(label(r[0]))
        for j in range(1, len(r)):
            if j < len(measures):
                result[(item, measures[j])] = (i, number(r[j]))
    return result


def _item(name: str) -> str:
    if "合计" in name or "三公" in name:
        return "合计"
    for key in ("因公出国", _CAR, "公务用车购置费", "公务用车运行维护费", "公务接待费"):
        if key in name:
            return key
    return name


def _measure(name: str) -> str:
    return "预算" if "预算" in name else "决算" if "决算" in name or "实际" in name else name


def _three_public(audit: Audit, table: Table) -> tuple[int, list[Finding]]:
    values = three_public_values(table)
    found: list[Finding] = []
    checks = 0
    for measure in ("预算", "决算"):
        for total, parts in (("合计", ("因公出国", _CAR, "公务接待费")), (_CAR, ("公务用车购置费", "公务用车运行维护费"))):
            if (total, measure) not in values or not all((p, measure) in values for p in parts):
                continue
            checks += 1
            row, stated = values[(total, measure)]
            computed = sum((_zero(values[(p, measure)][1]) for p in parts), Decimal(0))
            if _zero(stated) != computed:
                found.append(compared("doc-table-mismatch", audit.at_cell(table, row, f"{total}·{measure}数"), _zero(stated), computed, len(parts), table=table_name(table),
                                      rule="three-public", subject=f"「{total}」{measure}数", against="各部分之和"))
    return checks, found


def check_presence_of_tables(audit: Audit) -> None:
    kinds = {kind_of(t) for t in audit.document.tables}
    titles = " ".join(p.text for p in audit.document.paragraphs if p.place.part != "目录").replace("“", "").replace("”", "")
    found = []
    for kind, title in TITLES.items():
        if kind not in kinds and title.replace("“", "").replace("”", "") not in titles:
            where = audit.at_paragraph(audit.document.paragraphs[0]) if audit.document.paragraphs else audit.at_cell(audit.document.tables[0])
            found.append(emit("doc-table-missing", where, expected=title))
    audit.outcome("tables-present", "九张决算报表齐全", "全文", found, len(TITLES))
