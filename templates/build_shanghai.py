"""Write templates/shanghai-2024.docx: the 上海市 2024 年度部门决算 template (附件2) as a Word template,
and templates/shanghai-2024-unit.docx, its 单位决算 form (a 所属单位's own document: 单位 wording throughout).

Like build_template.py this is a layout tool: the wording is data, templates/shanghai-2024.txt
(cover, 第一部分, 第三部分's eleven sections, 第四部分 名词解释: every sentence composed from figure
values and wording filters, docs/templates.md; the template's rules in parentheses, "如持平作持平表述",
"不涉及的不列", are conditions there, never text). This script lays it out and adds what the text
names: the 目录 (a Word TOC field), the 单位构成 table and 第二部分's nine tables (national layout,
"注：本表反映…" notes, "本表无数据" for empty fund tables). The 单位决算 form is the same text with its
level set to 单位 in its first paragraph. The .docx is the template a finance officer edits in Word;
tests/render/test_template_builders.py checks that this script still produces the shipped files.
Run from the repo root:

    python templates/build_shanghai.py

Section by section it follows ../shared/reference/shanghai-2024-department-final-accounts-template.txt.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.section import Section
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.docx_package import docx_bytes  # noqa: E402
from generator.files import write_atomically  # noqa: E402
from templates.build_template import (  # noqa: E402
    BASIC_FORM_MARGIN,
    BASIC_FORM_WIDTHS,
    LANDSCAPE_TEXT_WIDTH,
    cant_split,
    fix_widths,
    landscape,
    lay_out,
    p,
    paragraph_style,
    portrait,
    repeat_header,
    setup,
    tidy_table,
    toc_entry,
    total_row,
)

HEAD_FONT, TITLE_FONT, BODY_FONT = "黑体", "方正小标宋简体", "仿宋_GB2312"
# The level the tables' notes and the 目录 write: the context's (部门, or 单位 with --level 单位); the 单位决算
# template (shanghai-2024-unit) sets it to 单位 in its first paragraph, and writes 单位 throughout.
LEVEL = "{{ level }}"
COMPOSITION = 'level == "部门" and final_units | length > 1'  # 部门决算单位构成 only in a 部门决算 of several units
TEXT_WIDTH = 21 - 2.8 - 2.6
# Column widths (cm) at 9 pt, measured with the widest stand-in for Times New Roman a PDF conversion may
# use (DejaVu Serif, digits 0.2 cm): an amount column holds "12,345.67" (1.6 cm of text and 0.38 cm of
# cell margins), mostly "123,456.78"; a code column holds "2070101". No amount or code wraps.
AMOUNT, CODE = 2.3, 1.9


def styles(doc) -> None:
    paragraph_style(doc, "SH 封面", TITLE_FONT, 26, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, after=12, exact=48)
    paragraph_style(doc, "SH 目录标题", HEAD_FONT, 18, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12, exact=36)
    doc.styles["SH 目录标题"].paragraph_format.page_break_before = True
    # Word's own names for the levels of a table of contents: updating the field keeps this look.
    for name, indent in (("toc 1", False), ("toc 2", True)):
        paragraph_style(doc, name, BODY_FONT, 14, indent=indent, exact=22)
        doc.styles[name].paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph_style(doc, "SH 编制单位", BODY_FONT, 10.5, indent=False, exact=0)
    # A heading never ends a page: it stays with the paragraph or table after it.
    for name in ("JS 部分", "JS 一级标题", "JS 二级标题", "JS 表名", "SH 编制单位"):
        doc.styles[name].paragraph_format.keep_with_next = True
    # Table rows one 12 pt line high (what Word's single spacing gives 9 pt 宋体), whatever the font's
    # own line gap: the 30-row 财政拨款收入支出决算总表 then fits one landscape page.
    for name in ("JS 表格", "JS 表格数字", "JS 表头", "JS 表格居中"):
        pf = doc.styles[name].paragraph_format
        pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(12)


TABLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]
SECTIONS = [
    "收入支出决算总体情况说明",
    "收入决算情况说明",
    "支出决算情况说明",
    "财政拨款收入支出决算总体情况说明",
    "一般公共预算财政拨款支出决算情况说明",
    "一般公共预算财政拨款基本支出决算情况说明",
    "财政拨款“三公”经费支出决算情况说明",
    "政府性基金预算财政拨款收入支出决算情况说明",
    "国有资本经营预算财政拨款收入支出决算情况说明",
    "预算绩效管理情况",
    "其他重要事项的情况说明",
]
NUM = "一二三四五六七八九十"


def ordinal(i: int) -> str:
    return NUM[i - 1] if i <= 10 else "十" + NUM[i - 11]


# The 目录 is a Word TOC field over the styles of the part headings (level 1), the 一、二、… headings
# of 第一部分 and 第三部分 and the table titles (level 2). Its cached result is the list of those
# headings without page numbers, which every reader shows as it is; Word adds the page numbers
# when the field is updated (右键 → 更新域, or F9).
TOC_FIELD = ' TOC \\h \\z \\t "JS 部分,1,JS 一级标题,2,JS 表名,2" '


def contents(doc) -> None:
    """目录: a TOC field whose cached result lists the headings."""
    p(doc, "目　　录", "SH 目录标题")
    entries = [
        ("第一部分　{{ unit }}概况", 1),
        ("一、主要职能", 2),
        (f"二、{{% if {COMPOSITION} %}}部门决算单位构成{{% else %}}机构设置{{% endif %}}", 2),
        (f"第二部分　{{{{ unit }}}}{{{{ year }}}}年度{LEVEL}决算表", 1),
        *((f"{ordinal(i)}、{name}", 2) for i, name in enumerate(TABLES, start=1)),
        (f"第三部分　{{{{ unit }}}}{{{{ year }}}}年度{LEVEL}决算情况说明", 1),
        *((f"{ordinal(i)}、{name}", 2) for i, name in enumerate(SECTIONS, start=1)),
        ("第四部分　名词解释", 1),
    ]
    for index, (text, level) in enumerate(entries):
        toc_entry(doc, text, level, TOC_FIELD if index == 0 else "", last=index == len(entries) - 1)


def wide(section) -> None:
    """Landscape pages for the wide tables, with narrower top and bottom margins than the 新疆
    self-evaluation pages: the 30 rows of the 财政拨款收入支出决算总表 and its 注 fit one page."""
    landscape(section)
    section.top_margin, section.bottom_margin, section.footer_distance = Cm(1.9), Cm(1.9), Cm(1.0)


def end_section(doc, paragraph, orientation, cover: bool = False) -> None:
    """End a section at PARAGRAPH, on pages set by ORIENTATION (landscape or portrait); what follows
    starts a new page. The break lives in a paragraph that is always rendered (a table's note), never
    in one of its own: an extra paragraph could spill onto a page by itself."""
    sect_pr = copy.deepcopy(doc.sections[-1]._sectPr)  # keeps the footer (page number) reference
    section = Section(sect_pr, doc.part)
    orientation(section)
    section.different_first_page_header_footer = cover  # COVER: the section's first page (the cover) shows no page number
    paragraph._p.get_or_add_pPr()._insert_sectPr(sect_pr)


def cells_row(t, texts: list[str], widths: list[float], numeric_from: int, amounts: tuple[int, ...] = ()) -> None:
    """Text columns left, amounts right: columns from NUMERIC_FROM on, or those listed in AMOUNTS."""
    row = t.add_row()
    cant_split(row)
    for i, (cell, text, w) in enumerate(zip(row.cells, texts, widths, strict=True)):
        cell.width = Cm(w)
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = "JS 表格数字" if i >= numeric_from or i in amounts else "JS 表格"


def control_row(t, text: str) -> None:
    t.add_row().cells[0].paragraphs[0].text = text


def report(doc, title: str, heads: list[list[tuple[str, int]]], cells: list[str], rows: str | None, widths: list[float], numeric_from: int,
           note: str, empty: str | None = None, amounts: tuple[int, ...] = (), new_page: bool = True,
           blocks: tuple[tuple[int, int, int, int], ...] = (), totals: list[tuple[str, int]] | None = None,
           margin: float | None = None):
    """A 上海 table: title, 编制单位 and 单位：万元, header rows (text, span) repeated on every page, a looped row,
    the 注 below (returned: a section may end there); EMPTY names the fund whose table keeps its format
    and says it has no data. The title starts a page unless NEW_PAGE is false (a section's first table).
    BLOCKS merge header cells over rows: (first row, first column, last row, last column)."""
    p(doc, title, "JS 表名").paragraph_format.page_break_before = new_page
    unit = p(doc, "编制单位：{{ unit }}\t单位：万元", "SH 编制单位")
    unit.paragraph_format.tab_stops.add_tab_stop(Cm(sum(widths)), WD_TAB_ALIGNMENT.RIGHT)
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for head in heads:
        row = t.add_row()
        repeat_header(row)
        cant_split(row)
        col = 0
        for text, span in head:
            cell = row.cells[col]
            if span > 1:
                cell = cell.merge(row.cells[col + span - 1])
            if text:  # a blank cell stays empty, so that merging it adds no empty line
                cell.paragraphs[0].text = text
            cell.paragraphs[0].style = "JS 表头"
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            col += span
    for top, left, bottom, right in blocks:
        t.cell(top, left).merge(t.cell(bottom, right))
    fix_widths(t, widths)
    if margin is not None:
        tidy_table(t, margin)
    for row in t.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = Cm(w)
    if rows is None:  # one fixed row
        cells_row(t, cells, widths, numeric_from, amounts)
    else:
        if empty is not None:
            control_row(t, f"{{%tr if {rows} %}}")
        control_row(t, f"{{%tr for r in {rows} %}}")
        cells_row(t, cells, widths, numeric_from, amounts)
        control_row(t, "{%tr endfor %}")
    if totals:
        total_row(t, totals, widths, amounts)
    if empty is not None:
        control_row(t, "{%tr else %}")
        row = t.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.paragraphs[0].text = "本表无数据"
        merged.paragraphs[0].style = "JS 表格居中"
        control_row(t, "{%tr endif %}")
    last = p(doc, note, "SH 编制单位")
    last.paragraph_format.keep_with_next = False
    if empty is not None:
        # The 说明 is a second line of the 注 paragraph, so that the paragraph is always there
        # to carry a section break.
        last.runs[0].text += f"{{% if not {rows} %}}"
        run = last.add_run()
        run.add_break()
        run.add_text(f"说明：{{{{ unit }}}}本年度没有{empty}财政拨款收入和支出，故本表无数据。{{% endif %}}")
    return last


def subject_heads(columns: list[str]) -> list[list[tuple[str, int]]]:
    return [[("功能分类科目编码", 1), ("科目名称", 1)] + [(c, 1) for c in columns]]


def subject_widths(name: float, amounts: int, width: float = LANDSCAPE_TEXT_WIDTH, code: float = CODE) -> list[float]:
    """Code, 科目名称 and AMOUNTS amount columns filling WIDTH: the amounts get what the name does not need."""
    return [code, name] + [(width - code - name) / amounts] * amounts


def report_tables(doc) -> None:
    """The nine tables: the narrow ones on portrait pages, the wide ones (收入, 支出, 财政拨款总表, 三公,
    the fund tables) on landscape pages, as the 上海 publications print them."""
    r = [f"{{{{ r.cells[{i}] }}}}" for i in range(7)]
    note = report(doc, "一、收入支出决算总表", [[("收入", 2), ("支出", 2)], [("项目", 1), ("决算数", 1), ("项目", 1), ("决算数", 1)]],
                  ["{{ r.in_name }}", "{{ r.in_amount }}", "{{ r.out_name }}", "{{ r.out_amount }}"], "national.summary",
                  [5.5, AMOUNT, 5.5, AMOUNT], 99, f"注：本表反映{LEVEL}本年度的总收支和年末结转结余情况。", amounts=(1, 3), new_page=False)
    end_section(doc, note, portrait, cover=True)
    report(doc, "二、收入决算表", subject_heads(["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]),
           ["{{ r.code }}", "{{ r.name }}"] + r[:7], "tables.income", subject_widths(7.0, 7), 2,
           f"注：本表反映{LEVEL}本年度取得的各项收入情况。", new_page=False)
    report(doc, "三、支出决算表", subject_heads(["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
           ["{{ r.code }}", "{{ r.name }}"] + r[:6], "tables.expense", subject_widths(7.6, 6), 2,
           f"注：本表反映{LEVEL}本年度各项支出情况。")
    note = report(doc, "四、财政拨款收入支出决算总表",
                  [[("收入", 2), ("支出", 5)], [("项目", 1), ("决算数", 1), ("项目", 1), ("合计", 1), ("一般公共预算财政拨款", 1), ("政府性基金预算财政拨款", 1), ("国有资本经营预算财政拨款", 1)]],
                  ["{{ r.in_name }}", "{{ r.in_amount }}", "{{ r.out_name }}"] + [f"{{{{ r.cells[{i}] }}}}" for i in range(4)], "national.fiscal",
                  [5.9, 2.6, 6.0, 2.7, 2.7, 2.7, 2.7], 99, f"注：本表反映{LEVEL}本年度财政拨款总收支和结转结余情况。", amounts=(1, 3, 4, 5, 6))
    end_section(doc, note, wide)
    report(doc, "五、一般公共预算财政拨款支出决算表", subject_heads(["合计", "基本支出", "项目支出"]),
           ["{{ r.code }}", "{{ r.name }}"] + r[:3], "tables.gpb", subject_widths(6.7, 3, TEXT_WIDTH), 2,
           f"注：本表反映{LEVEL}本年度一般公共预算财政拨款支出情况。", new_page=False)
    # The official two-block form: 人员经费 beside 公用经费, every row of the form, the two 合计 in the last row.
    note = report(doc, "六、一般公共预算财政拨款基本支出决算表", [[("经济分类科目编码", 1), ("科目名称", 1), ("决算数", 1)] * 2],
                  ["{{ r.l_code }}", "{{ r.l_name }}", "{{ r.l_amount }}", "{{ r.r_code }}", "{{ r.r_name }}", "{{ r.r_amount }}"],
                  "tables.basic_form", BASIC_FORM_WIDTHS, 99,
                  f"注：本表反映{LEVEL}本年度一般公共预算财政拨款基本支出明细情况。", amounts=(2, 5), margin=BASIC_FORM_MARGIN,
                  totals=[("人员经费合计", 2), ("{{ tables.basic_totals.personnel }}", 1), ("公用经费合计", 2), ("{{ tables.basic_totals.public }}", 1)])
    end_section(doc, note, portrait)
    # The national header: 财政拨款“三公”经费 over all; 公务用车购置及运行维护费 over its 小计, 购置费 and
    # 运行维护费; 预算数 and 决算数 under each.
    three_heads = [
        [("财政拨款“三公”经费", 12)],
        [("合计", 2), ("因公出国（境）费", 2), ("公务用车购置及运行维护费", 6), ("公务接待费", 2)],
        [("", 2), ("", 2), ("小计", 2), ("公务用车购置费", 2), ("公务用车运行维护费", 2), ("", 2)],
        [(h, 1) for _ in range(6) for h in ("预算数", "决算数")],
    ]
    report(doc, "七、财政拨款“三公”经费支出决算表", three_heads,
           [f"{{{{ national.three_public[{i}] }}}}" for i in range(12)], None, [LANDSCAPE_TEXT_WIDTH / 12] * 12, 0,
           f"注：本表反映{LEVEL}本年度“三公”经费支出预决算情况。", new_page=False, blocks=((1, 0, 2, 1), (1, 2, 2, 3), (1, 10, 2, 11)))
    fund = ["年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]
    for title, rows, kind in (("八、政府性基金预算财政拨款收入支出决算表", "tables.gov_fund", "政府性基金预算"),
                              ("九、国有资本经营预算财政拨款收入支出决算表", "tables.state_capital", "国有资本经营预算")):
        note = report(doc, title, subject_heads(fund), ["{{ r.code }}", "{{ r.name }}"] + r[:6], rows, subject_widths(7.6, 6), 2,
                      f"注：本表反映{LEVEL}本年度{kind}财政拨款收入支出及结转和结余情况。", empty=kind)
    end_section(doc, note, wide)


def final_units_table(doc) -> None:
    """序号, 单位名称, 备注 of each unit of the 部门决算 (final_units)."""
    t = doc.add_table(rows=0, cols=3)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [1.6, 9.4, 4.6]
    cells_row(t, ["序号", "单位名称", "备注"], widths, 99)
    for cell in t.rows[0].cells:
        cell.paragraphs[0].style = "JS 表头"
    repeat_header(t.rows[0])
    fix_widths(t, widths)
    control_row(t, "{%tr for u in final_units %}")
    cells_row(t, ["{{ u.number }}", "{{ u.name }}", "{{ u.note }}"], widths, 99)
    t.rows[-1].cells[0].paragraphs[0].style = "JS 表格居中"
    control_row(t, "{%tr endfor %}")


WORDING = ROOT / "templates" / "shanghai-2024.txt"


def build(level: str = "") -> Document:
    """The template; LEVEL "单位" for the 单位决算 one (shanghai-2024-unit: the same text, its level set to 单位
    in its first paragraph), else the one that follows --level."""
    doc = Document()
    setup(doc)
    styles(doc)
    if level:
        p(doc, f'{{%p set level = "{level}" %}}')
    lay_out(doc, WORDING, {"目录": lambda _: contents(doc), "单位构成表": lambda _: final_units_table(doc), "决算报表": lambda _: report_tables(doc)})
    return doc


def build_unit() -> Document:
    return build("单位")


if __name__ == "__main__":
    for name, builder in (("shanghai-2024.docx", build), ("shanghai-2024-unit.docx", build_unit)):
        target = ROOT / "templates" / name
        write_atomically(target, docx_bytes(builder()))
        print(f"wrote {target}")
