"""Blank is not zero: every blank the document's sentences would need, named at its cell.

Each figure and text the chosen template uses is classified here, judged by what that template
reads (its kit, passed in as Settings.needs; NEEDS for the default template when none is given):
- required (a sentence cannot be written without it): blank → `blank-required` (error);
- optional (its clause is left out of the document): blank → `blank-left-out` (info);
- a whole section without data: the template states that nothing was reported →
  `section-without-data` (warning); an empty table whose money another table states as 0 is worded
  "无…支出" → `table-empty-none` (info).
A typed 0 is a figure like any other and is worded as zero. Compute carries a blank as
None; this rule reports what the render leaves out, so nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator import layout
from generator.check.context import CheckContext
from generator.check.rule import emits
from generator.check.three_public import counts_needed
from generator.compute.figures import Figures
from generator.findings import Finding, Location, emit
from generator.model import ItemTable, UnitYear


@dataclass(frozen=True)
class Needed:
    """A cell of an item sheet that a sentence of the document reads."""

    sheet: str
    item: str
    column: str
    sentence: str  # where the document uses it, in the words a person reads
    required: bool = False


_S1 = "一、收入支出决算总体情况"
_S4 = "四、财政拨款收入支出决算总体情况"
_S9 = "九、“三公”经费支出决算情况"
_S10 = "十、其他重要事项"

SUMMARY_NEEDS = (
    Needed(layout.SUMMARY.name, "收入总计", "金额", f"{_S1}「收入总计…万元」", required=True),
    Needed(layout.SUMMARY.name, "本年收入合计", "金额", f"{_S1}「其中：本年收入合计…」及二、收入决算情况「本年收入…万元」", required=True),
    Needed(layout.SUMMARY.name, "支出总计", "金额", f"{_S1}「支出总计…万元」", required=True),
    Needed(layout.SUMMARY.name, "本年支出合计", "金额", f"{_S1}「其中：本年支出合计…」及三、支出决算情况「本年支出…万元」", required=True),
    *(Needed(layout.SUMMARY.name, n, "金额", f"二、收入决算情况「{n}…万元，占…」") for n in layout.INCOME_SOURCES),
    Needed(layout.SUMMARY.name, "使用非财政拨款结余", "金额", f"{_S1}「使用非财政拨款结余（含专用结余）…万元」"),
    Needed(layout.SUMMARY.name, "年初结转和结余", "金额", f"{_S1}「年初结转和结余…万元」"),
    Needed(layout.SUMMARY.name, "结余分配", "金额", f"{_S1}「结余分配…万元」"),
    Needed(layout.SUMMARY.name, "年末结转和结余", "金额", f"{_S1}「年末结转和结余…万元」"),
)
FISCAL_NEEDS = tuple(
    Needed(layout.FISCAL.name, n, "合计", f"{_S4}「{n}…万元」")
    for n in ("本年收入", "年初财政拨款结转和结余", "收入总计", "本年支出合计", "年末财政拨款结转和结余", "支出总计")
)
# Inspections require each of the four 三公 parts stated, a 0 included: a blank one is an error, not a clause left out.
THREE_PUBLIC_STATED = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
THREE_PUBLIC_NEEDS = tuple(
    Needed(layout.THREE_PUBLIC.name, n, "决算数", f"{_S9}「{n}…万元」", required=n in THREE_PUBLIC_STATED)
    for n in ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS)
) + tuple(
    Needed(layout.THREE_PUBLIC_DETAILS.name, n, layout.CONTENT, f"{_S9}「{n}」")
    for n in (
        "因公出国（境）团组数",
        "因公出国（境）人次",
        "因公出国（境）费开支内容",
        "公务用车购置数",
        "公务用车保有量",
        "公务用车运行维护费开支内容",
        "国内公务接待批次",
        "国内公务接待人次",
        "公务接待费开支内容",
    )
)
OTHER_NEEDS = (
    Needed(layout.OTHER_MATTERS.name, "机关运行经费", "本年数", f"{_S10}（一）「机关运行经费支出…万元」"),
    *(
        Needed(layout.OTHER_MATTERS.name, n, "本年数", f"{_S10}（二）「{n}…万元」")
        for n in ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "授予中小企业合同金额", "授予小微企业合同金额")
    ),
    Needed(layout.OTHER_MATTERS.name, "房屋面积", "本年数", f"{_S10}（三）「房屋…平方米」"),
    Needed(layout.OTHER_MATTERS.name, "房屋价值", "本年数", f"{_S10}（三）「房屋价值…万元」"),
    Needed(layout.OTHER_MATTERS.name, "车辆价值", "本年数", f"{_S10}（三）「车辆价值…万元」"),
    *(Needed(layout.OTHER_MATTERS.name, k, "本年数", f"{_S10}（三）「{k}…辆」及车辆总数") for k in layout.VEHICLE_KINDS),
    Needed(layout.OTHER_MATTERS.name, "单价100万元（含）以上设备", "本年数", f"{_S10}（三）「单价100万元（含）以上设备…台（套）」"),
)
STAFF_NEEDS = tuple(
    Needed(layout.STAFF.name, n, "本年人数", f"第一部分二、机构设置及人员情况「{n}…人」") for n in layout.STAFF_ITEMS
)
NEEDS = SUMMARY_NEEDS + FISCAL_NEEDS + THREE_PUBLIC_NEEDS + OTHER_NEEDS + STAFF_NEEDS

# The cells only the 上海 template (shanghai-2024) reads, in its words (its manifest, templates/shanghai-2024.yaml,
# names its sections for the other cells).
_SH7 = "第三部分七、财政拨款“三公”经费支出决算情况说明"
_SH11 = "第三部分十一、其他重要事项的情况说明"


def _in_words(text: str, sections: Mapping[str, str]) -> str:
    """TEXT with each SECTIONS key replaced by its value: the longest key first, in one pass."""
    if not sections:
        return text
    keys = sorted(sections, key=len, reverse=True)
    return re.sub("|".join(re.escape(k) for k in keys), lambda m: sections[m.group(0)], text)


SHANGHAI_ONLY_NEEDS = (
    *(
        Needed(layout.THREE_PUBLIC.name, n, layout.BUDGET, f"{_SH7}「{n}…年初预算为…万元，完成年初预算的…%」（空白时按全年预算数说明）")
        for n in ("合计", *layout.THREE_PUBLIC_PARTS)
    ),
    Needed(layout.THREE_PUBLIC_DETAILS.name, "外宾接待费", layout.CONTENT, f"{_SH7}「（含外宾接待支出…万元…）」"),
    *(Needed(layout.OTHER_MATTERS.name, n, "本年数", f"{_SH11}（二）政府采购「{n}…万元」") for n in layout.SME_ITEMS),
)
# Every cell a sentence of a shipped template reads, in the words of the template that reads it
# (the default's words; the 上海-only cells in the 上海 template's). A template's kit says which of
# them it reads and what its sections are called (generator.render.manifest, through generator.api).
CATALOGUE: dict[tuple[str, str, str], Needed] = {(n.sheet, n.item, n.column): n for n in (*NEEDS, *SHANGHAI_ONLY_NEEDS)}
TEXT_FIELDS = ("主要职能", "下属预算单位", "内设机构", "预算绩效.成效", "预算绩效.问题", "预算绩效.措施")


@dataclass(frozen=True)
class TemplateNeeds:
    """What the template rendered with reads: the cells its sentences need, the 文字说明.yaml fields, and
    the subject sheets whose sections it writes. Data, built outside check from the template's kit."""

    cells: tuple[Needed, ...]
    texts: frozenset[str] = frozenset(TEXT_FIELDS)
    sheets: frozenset[str] = frozenset({layout.GPB.name, layout.BASIC.name})
    sections: tuple[tuple[str, str], ...] = ()  # (the default's name of a section, this template's)

    def words(self, text: str) -> str:
        """TEXT (in the default template's section names) in this template's."""
        return _in_words(text, dict(self.sections))


DEFAULT_NEEDS = TemplateNeeds(NEEDS)  # the default template's, for a check run without a template's kit


def template_needs(
    cells: Iterable[tuple[str, str, str]],
    sentences: Mapping[tuple[str, str, str], str] | None = None,
    required: Iterable[tuple[str, str, str]] = (),
    sections: Mapping[str, str] | None = None,
    texts: Iterable[str] = (),
    sheets: Iterable[str] = (),
    worded: bool = True,
) -> TemplateNeeds:
    """The needs of a template reading CELLS, TEXTS and SHEETS.

    A cell's sentence: SENTENCES' words for it, else the catalogue's with each SECTIONS key replaced
    by its value; a template without a manifest (not WORDED) is not known to word its sections like
    a shipped one, so its sentences say only that the template uses the cell.
    """
    sentences, sections, must = dict(sentences or {}), dict(sections or {}), set(required)
    out = []
    for cell in dict.fromkeys(cells):
        sheet, item, column = cell
        known = CATALOGUE.get(cell)
        need = known if known is not None else Needed(sheet, item, column, "")
        if cell in sentences:
            need = replace(need, sentence=sentences[cell])
        elif not worded or known is None:
            need = replace(need, sentence=f"所用模板中用到「{item}」的句子")
        else:
            need = replace(need, sentence=_in_words(need.sentence, sections))
        out.append(replace(need, required=need.required or cell in must))
    return TemplateNeeds(tuple(out), frozenset(texts), frozenset(sheets), tuple(sections.items()) if worded else ())


def needs_in_use(ctx: CheckContext) -> TemplateNeeds:
    return ctx.settings.needs if ctx.settings.needs is not None else DEFAULT_NEEDS

# What a figure (sheet, item, column) settles from when its own cell is blank: the blank total is not needed if it can be computed.
SETTLED_FROM_PARTS = {
    (layout.SUMMARY.name, "收入总计", "金额"): lambda f: f.statement.income_total,
    (layout.SUMMARY.name, "本年收入合计", "金额"): lambda f: f.statement.income_this_year,
    (layout.SUMMARY.name, "支出总计", "金额"): lambda f: f.statement.expense_total,
    (layout.SUMMARY.name, "本年支出合计", "金额"): lambda f: f.statement.expense_this_year,
    (layout.FISCAL.name, "收入总计", "合计"): lambda f: f.funds.fiscal.income_total,
    (layout.FISCAL.name, "支出总计", "合计"): lambda f: f.funds.fiscal.expense_total,
    (layout.FISCAL.name, "本年支出合计", "合计"): lambda f: f.funds.fiscal.expense,
    (layout.FISCAL.name, "本年收入", "合计"): lambda f: f.funds.fiscal.income,
    (layout.FISCAL.name, "年初财政拨款结转和结余", "合计"): lambda f: f.funds.fiscal.opening,
    (layout.FISCAL.name, "年末财政拨款结转和结余", "合计"): lambda f: f.funds.fiscal.closing,
    (layout.THREE_PUBLIC.name, "合计", "决算数"): lambda f: f.three_public.total.actual,
    (layout.THREE_PUBLIC.name, "公务用车购置及运行维护费", "决算数"): lambda f: f.three_public.vehicles.actual,
}

# Sections the template states as "未填报" when the sheet behind them has nothing at all.
_SECTIONS = (
    (layout.SUMMARY.name, "金额", "第二部分一至三（收入支出总体、收入、支出）"),
    (layout.FISCAL.name, "合计", "第二部分四、财政拨款收入支出决算总体情况"),
    (layout.THREE_PUBLIC.name, "决算数", "第二部分九、“三公”经费支出决算情况"),
    (layout.STAFF.name, "本年人数", "第一部分二、人员情况"),
)


# section-without-data for a table with no number in it (the 主要职能 text words its own).
_NO_NUMBERS: dict[str, Any] = {"said": "未填报", "advice": "按决算报表填写"}


@emits("section-without-data", "table-empty-none", "blank-required", "blank-left-out", needs=("所用模板用到的单元格", layout.TEXTS))
def check_blanks(ctx: CheckContext) -> Iterator[Finding]:
    f = ctx.figures
    unit = f.base.unit
    needs = needs_in_use(ctx)
    read = {n.sheet for n in needs.cells}
    empty_sheets = set()
    for sheet, column, section in _SECTIONS:
        if sheet not in read:
            continue  # the template writes no sentence from this sheet
        table = unit.item_table(sheet)
        if not any(row.amount(column) is not None for row in list(table.rows.values()) + list(table.class_rows.values())):
            empty_sheets.add(sheet)
            yield emit("section-without-data", Location(file=unit.cover.source.file, sheet=sheet), sheet=sheet, what=f"《{sheet}》没有填写任何数字", section=needs.words(section), **_NO_NUMBERS)
    counted = counts_needed(ctx)
    for need in needs.cells:
        if need.sheet in empty_sheets:
            continue  # reported once for the whole sheet
        if need.sheet == layout.THREE_PUBLIC_DETAILS.name and need.item in counted:
            continue  # a count an amount needs: three-public-count-missing warns at its cell
        table = unit.item_table(need.sheet)
        if _typed(table, need) or derivable(f, need):
            continue
        where = _where(unit, table, need)
        if need.required:
            yield emit("blank-required", where, item=need.item, sentence=need.sentence)
        else:
            yield emit("blank-left-out", where, item=need.item, sentence=need.sentence, advice="（空白不按0处理）；确为零请填0")
    yield from _check_texts(ctx, needs)
    yield from _check_gpb(ctx, needs)


def _typed(table: ItemTable, need: Needed) -> bool:
    row = table.get(need.item)
    if row is None:
        return False
    if need.column == layout.CONTENT and row.amount(need.column) is None:
        return bool(row.text(need.column).strip())
    return row.amount(need.column) is not None


def derivable(f: Figures, need: Needed) -> bool:
    """A blank total the document can still state: its typed parts give it."""
    get = SETTLED_FROM_PARTS.get((need.sheet, need.item, need.column))
    return get is not None and get(f) is not None


def _where(unit: UnitYear, table: ItemTable, need: Needed) -> Location:
    row = table.get(need.item)
    if row is not None:
        return row.source.at(need.column)
    return Location(file=unit.cover.source.file, sheet=need.sheet, field=need.item)


def _check_texts(ctx: CheckContext, needs: TemplateNeeds) -> Iterator[Finding]:
    used = needs.texts
    t = ctx.figures.texts
    if not t.file or not t.found:
        return  # the loader reported the missing file (texts-missing)
    if "主要职能" in used and not t.functions and not t.functions_note:
        yield emit(
            "section-without-data",
            Location(file=t.file, field="主要职能"),
            field="主要职能",
            what="「主要职能」未填写",
            section="第一部分一、主要职能",
            said="未填写",
            advice="照“三定”方案填写",
        )
    fields = (
        ("下属预算单位", t.subordinate_units is None, "第一部分二「有/无下属预算单位」"),
        ("内设机构", t.departments is None, "第一部分二「下设…个科室」"),
        ("预算绩效.成效", not t.performance_results, "十一「预算绩效管理取得的成效：…」"),
        ("预算绩效.问题", not t.performance_problems, "十一「发现的问题及原因：…」"),
        ("预算绩效.措施", not t.performance_measures, "十一「下一步改进措施：…」"),
    )
    for name, blank, sentence in fields:
        if blank and name in used:
            sentence = needs.words(sentence)
            yield emit(
                "blank-left-out",
                Location(file=t.file, field=name),
                item=name,
                sentence=sentence,
                advice="；没有请写 []" if name in ("下属预算单位", "内设机构") else "",
            )


def _check_gpb(ctx: CheckContext, needs: TemplateNeeds) -> Iterator[Finding]:
    """An empty 一般公共预算 table (or its 基本支出 table) is graded by what the document then says: 未填报
    (a warning) when nothing gives its total, "无…支出" (an info) when the 财政拨款 total says its money
    was 0, so that the table is legitimately empty (the case of a unit with only 政府性基金 money)."""
    f = ctx.figures
    sections = (
        (f.base.gpb, f.funds.gpb.total, "五、一般公共预算财政拨款支出决算情况", "无一般公共预算财政拨款支出"),
        (f.base.basic, f.basic.total, "六、一般公共预算财政拨款基本支出决算情况", "无一般公共预算财政拨款基本支出"),
    )
    for tree, total, section, none in sections:
        if tree.sheet not in needs.sheets or tree.has_data:
            continue
        where = Location(file=f.base.unit.cover.source.file, sheet=tree.sheet)
        section = needs.words("第二部分" + section)
        if total == 0:
            yield emit("table-empty-none", where, sheet=tree.sheet, section=section, fiscal_sheet=layout.FISCAL.name, none=none)
            continue
        yield emit("section-without-data", where, sheet=tree.sheet, what=f"《{tree.sheet}》没有填写任何数字", section=section, **_NO_NUMBERS)
