"""Blank is not zero: every blank the document's sentences would need, named at its cell.

Each figure and text the chosen template uses is classified here, judged by what that template
reads (its kit, passed in as Settings.needs; DEFAULT_NEEDS, the default template's cells, when none is given), and
named where that template uses it (the heading it is read under, or the manifest's words):
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
    place: str = ""  # the heading of the template it is first read under ("" when not known)


# The catalogue: every cell a template may read, described by the figure it is (its words in a sentence,
# 「收入总计…万元」), never by a template's section numbers, and whether a sentence cannot do without it.
# Where a template uses the cell comes from the template itself: the heading it is first read under
# (generator.render.manifest, through generator.api), or the manifest's own words for it.
def _figure(sheet: str, column: str, names: Iterable[str], words: str = "「{n}…万元」", required: Iterable[str] = ()) -> tuple[Needed, ...]:
    must = set(required)
    return tuple(Needed(sheet, n, column, words.format(n=n), required=n in must) for n in names)


SUMMARY_NEEDS = (
    *_figure(layout.SUMMARY.name, "金额", ("收入总计", "本年收入合计", "支出总计", "本年支出合计"), required=("收入总计", "本年收入合计", "支出总计", "本年支出合计")),
    *_figure(layout.SUMMARY.name, "金额", layout.INCOME_SOURCES, "「{n}…万元，占…」"),
    Needed(layout.SUMMARY.name, "使用非财政拨款结余", "金额", "「使用非财政拨款结余（含专用结余）…万元」"),
    *_figure(layout.SUMMARY.name, "金额", ("年初结转和结余", "结余分配", "年末结转和结余")),
)
FISCAL_NEEDS = _figure(layout.FISCAL.name, "合计", ("本年收入", "年初财政拨款结转和结余", "收入总计", "本年支出合计", "年末财政拨款结转和结余", "支出总计"))
# Inspections require each of the four 三公 parts stated, a 0 included: a blank one is an error, not a clause left out.
THREE_PUBLIC_STATED = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
THREE_PUBLIC_NEEDS = _figure(
    layout.THREE_PUBLIC.name, "决算数", ("合计", *layout.THREE_PUBLIC_PARTS, *layout.VEHICLE_PARTS), required=THREE_PUBLIC_STATED
) + _figure(
    layout.THREE_PUBLIC_DETAILS.name,
    layout.CONTENT,
    (
        "因公出国（境）团组数",
        "因公出国（境）人次",
        "因公出国（境）费开支内容",
        "公务用车购置数",
        "公务用车保有量",
        "公务用车运行维护费开支内容",
        "国内公务接待批次",
        "国内公务接待人次",
        "公务接待费开支内容",
    ),
    "「{n}」",
)
OTHER_NEEDS = (
    Needed(layout.OTHER_MATTERS.name, "机关运行经费", "本年数", "「机关运行经费支出…万元」"),
    *_figure(layout.OTHER_MATTERS.name, "本年数", ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出", "授予中小企业合同金额", "授予小微企业合同金额")),
    Needed(layout.OTHER_MATTERS.name, "房屋面积", "本年数", "「房屋…平方米」"),
    *_figure(layout.OTHER_MATTERS.name, "本年数", ("房屋价值", "车辆价值")),
    *_figure(layout.OTHER_MATTERS.name, "本年数", layout.VEHICLE_KINDS, "「{n}…辆」及车辆总数"),
    Needed(layout.OTHER_MATTERS.name, "单价100万元（含）以上设备", "本年数", "「单价100万元（含）以上设备…台（套）」"),
)
STAFF_NEEDS = _figure(layout.STAFF.name, "本年人数", layout.STAFF_ITEMS, "「{n}…人」")
NEEDS = SUMMARY_NEEDS + FISCAL_NEEDS + THREE_PUBLIC_NEEDS + OTHER_NEEDS + STAFF_NEEDS  # what the default template reads

# The cells only the 上海 template (shanghai-2024) reads.
SHANGHAI_ONLY_NEEDS = (
    *_figure(layout.THREE_PUBLIC.name, layout.BUDGET, ("合计", *layout.THREE_PUBLIC_PARTS), "「{n}…年初预算为…万元，完成年初预算的…%」（空白时按全年预算数说明）"),
    Needed(layout.THREE_PUBLIC_DETAILS.name, "外宾接待费", layout.CONTENT, "「（含外宾接待支出…万元…）」"),
    *_figure(layout.OTHER_MATTERS.name, "本年数", layout.SME_ITEMS),
)
CATALOGUE: dict[tuple[str, str, str], Needed] = {(n.sheet, n.item, n.column): n for n in (*NEEDS, *SHANGHAI_ONLY_NEEDS)}
TEXT_FIELDS = ("主要职能", "下属预算单位", "内设机构", "预算绩效.成效", "预算绩效.问题", "预算绩效.措施")
# The 文字说明.yaml fields a sentence reads, in the sentence's words.
TEXT_WORDS = {
    "下属预算单位": "「有/无下属预算单位」",
    "内设机构": "「下设…个科室」",
    "预算绩效.成效": "「预算绩效管理取得的成效：…」",
    "预算绩效.问题": "「发现的问题及原因：…」",
    "预算绩效.措施": "「下一步改进措施：…」",
}


def _in_words(text: str, sections: Mapping[str, str]) -> str:
    """TEXT with each SECTIONS key replaced by its value: the longest key first, in one pass."""
    if not sections:
        return text
    keys = sorted(sections, key=len, reverse=True)
    return re.sub("|".join(re.escape(k) for k in keys), lambda m: sections[m.group(0)], text)


@dataclass(frozen=True)
class TemplateNeeds:
    """What the template rendered with reads: the cells its sentences need, the 文字说明.yaml fields, and
    the subject sheets whose sections it writes, each with the heading it is read under. Data, built
    outside check from the template's kit."""

    cells: tuple[Needed, ...]
    texts: frozenset[str] = frozenset(TEXT_FIELDS)
    sheets: frozenset[str] = frozenset({layout.GPB.name, layout.BASIC.name})
    sections: tuple[tuple[str, str], ...] = ()  # the manifest's 章节: (words of the template's headings, words to use)
    text_places: tuple[tuple[str, str], ...] = ()  # (文字说明 field, heading)
    sheet_places: tuple[tuple[str, str], ...] = ()  # (subject sheet, heading)

    def words(self, text: str) -> str:
        """TEXT (a heading of the template) in the words the manifest's 章节 gives for it."""
        return _in_words(text, dict(self.sections))

    def sheet_section(self, sheet: str) -> str:
        """Where the template writes from SHEET: the headings its cells are read under (at most three)."""
        places = list(dict.fromkeys(n.place for n in self.cells if n.sheet == sheet and n.place))
        if not places and dict(self.sheet_places).get(sheet):
            places = [self.words(dict(self.sheet_places)[sheet])]
        if not places:
            return f"用到《{sheet}》的各句"
        return "、".join(places[:3]) + ("等" if len(places) > 3 else "")

    def text_section(self, name: str) -> str:
        """The heading the template reads 文字说明 field NAME under ("" when not known)."""
        return self.words(dict(self.text_places).get(name, ""))


def template_needs(
    cells: Iterable[tuple[str, str, str]],
    sentences: Mapping[tuple[str, str, str], str] | None = None,
    required: Iterable[tuple[str, str, str]] = (),
    sections: Mapping[str, str] | None = None,
    texts: Iterable[str] = (),
    sheets: Iterable[str] = (),
    places: Mapping[tuple[str, str, str], str] | None = None,
    text_places: Mapping[str, str] | None = None,
    sheet_places: Mapping[str, str] | None = None,
) -> TemplateNeeds:
    """The needs of a template reading CELLS, TEXTS and SHEETS.

    A cell's sentence: SENTENCES' words for it (the manifest's), else the heading the template reads it
    under (PLACES, in the words SECTIONS gives) followed by the catalogue's words for the figure; a cell
    the catalogue does not know is named by its item.
    """
    sentences, sections, must, places = dict(sentences or {}), dict(sections or {}), set(required), dict(places or {})
    out = []
    for cell in dict.fromkeys(cells):
        sheet, item, column = cell
        known = CATALOGUE.get(cell)
        place = _in_words(places.get(cell, ""), sections)
        need = replace(known if known is not None else Needed(sheet, item, column, f"「{item}」"), place=place)
        if cell in sentences:
            need = replace(need, sentence=sentences[cell])
        elif known is None and not place:
            need = replace(need, sentence=f"所用模板中用到「{item}」的句子")
        else:
            need = replace(need, sentence=place + need.sentence)
        out.append(replace(need, required=need.required or cell in must))
    return TemplateNeeds(
        tuple(out), frozenset(texts), frozenset(sheets), tuple(sections.items()), tuple((text_places or {}).items()), tuple((sheet_places or {}).items())
    )


DEFAULT_NEEDS = template_needs((n.sheet, n.item, n.column) for n in NEEDS)  # for a check run without a template's kit


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

# The columns whose blanks make a whole item sheet "未填报" in the sentences that read it.
_SECTIONS = (
    (layout.SUMMARY.name, "金额"),
    (layout.FISCAL.name, "合计"),
    (layout.THREE_PUBLIC.name, "决算数"),
    (layout.STAFF.name, "本年人数"),
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
    for sheet, column in _SECTIONS:
        if sheet not in read:
            continue  # the template writes no sentence from this sheet
        table = unit.item_table(sheet)
        if not any(row.amount(column) is not None for row in list(table.rows.values()) + list(table.class_rows.values())):
            empty_sheets.add(sheet)
            yield emit("section-without-data", Location(file=unit.cover.source.file, sheet=sheet), sheet=sheet, what=f"《{sheet}》没有填写任何数字", section=needs.sheet_section(sheet), **_NO_NUMBERS)
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
            section=needs.text_section("主要职能") or "写主要职能的一节",
            said="未填写",
            advice="照“三定”方案填写",
        )
    blanks = {
        "下属预算单位": t.subordinate_units is None,
        "内设机构": t.departments is None,
        "预算绩效.成效": not t.performance_results,
        "预算绩效.问题": not t.performance_problems,
        "预算绩效.措施": not t.performance_measures,
    }
    for name, blank in blanks.items():
        if blank and name in used:
            sentence = needs.text_section(name) + TEXT_WORDS[name]
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
        (f.base.gpb, f.funds.gpb.total, "无一般公共预算财政拨款支出"),
        (f.base.basic, f.basic.total, "无一般公共预算财政拨款基本支出"),
    )
    for tree, total, none in sections:
        if tree.sheet not in needs.sheets or tree.has_data:
            continue
        where = Location(file=f.base.unit.cover.source.file, sheet=tree.sheet)
        section = needs.sheet_section(tree.sheet)
        if total == 0:
            yield emit("table-empty-none", where, sheet=tree.sheet, section=section, fiscal_sheet=layout.FISCAL.name, none=none)
            continue
        yield emit("section-without-data", where, sheet=tree.sheet, what=f"《{tree.sheet}》没有填写任何数字", section=section, **_NO_NUMBERS)
