"""Write templates/shanghai-2024.docx: the 上海市 2024 年度部门决算 template (附件2) as a Word template,
and templates/shanghai-2024-unit.docx, its 单位决算 form (a 所属单位's own document: 单位 wording throughout).

Like build_template.py this writes the .docx once; the .docx is the template a finance
officer edits in Word, and tests/render/test_template_builders.py checks that this script
still produces the shipped file (change both together, or drop the script). Run from the
repo root:

    python templates/build_shanghai.py

Section by section it follows ../shared/reference/shanghai-2024-department-final-accounts-template.txt:
cover, 目录 (a Word TOC field), 第一部分 概况 (单位构成 table), 第二部分 the nine tables (national layout, "注：本表
反映…" notes, "本表无数据" for empty fund tables), 第三部分 the eleven sections, 第四部分 名词解释.
Every sentence is composed in the template from figure values and wording filters
(docs/templates.md); the template's rules in parentheses ("如持平作持平表述", "不涉及的不列")
are conditions here, never text.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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
    ORGANISATION,
    cant_split,
    fix_widths,
    landscape,
    p,
    paragraph_style,
    portrait,
    repeat_header,
    setup,
    tidy_table,
    total_row,
)

HEAD_FONT, TITLE_FONT, BODY_FONT = "黑体", "方正小标宋简体", "仿宋_GB2312"
# The 部门决算 template (shanghai-2024) writes its level from the context ({{ level }}: 部门, or 单位 with
# --level 单位); the 单位决算 template (shanghai-2024-unit, the official 单位决算 form) writes 单位 throughout:
# 本单位, 单位决算表, "注：本表反映单位本年度…", 机构设置 and no 单位构成. build() sets these for the one it writes.
LEVEL = "{{ level }}"
COMPOSITION = 'level == "部门" and final_units | length > 1'  # 部门决算单位构成 only in a 部门决算 of several units
OWNED = '{% if level == "部门" %}所属各预算单位{% endif %}'  # the 公务用车保有量 of a 部门's units, of a 单位 its own
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


def cover(doc) -> None:
    for _ in range(6):
        p(doc, "", "SH 封面")
    p(doc, "{{ unit }}", "SH 封面")
    p(doc, f"{{{{ year }}}}年度{LEVEL}决算", "SH 封面")


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


def field_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def contents(doc) -> None:
    """目录: a TOC field whose cached result lists the headings."""
    p(doc, "目　　录", "SH 目录标题")
    entries = [
        ("第一部分　{{ unit }}概况", 1),
        ("一、主要职能", 2),
        ("二、机构设置" if LEVEL == "单位" else f"二、{{% if {COMPOSITION} %}}部门决算单位构成{{% else %}}机构设置{{% endif %}}", 2),
        (f"第二部分　{{{{ unit }}}}{{{{ year }}}}年度{LEVEL}决算表", 1),
        *((f"{ordinal(i)}、{name}", 2) for i, name in enumerate(TABLES, start=1)),
        (f"第三部分　{{{{ unit }}}}{{{{ year }}}}年度{LEVEL}决算情况说明", 1),
        *((f"{ordinal(i)}、{name}", 2) for i, name in enumerate(SECTIONS, start=1)),
        ("第四部分　名词解释", 1),
    ]
    for index, (text, level) in enumerate(entries):
        entry = doc.add_paragraph(style=f"toc {level}")
        if index == 0:
            field_char(entry, "begin")
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = TOC_FIELD
            entry.add_run()._r.append(instruction)
            field_char(entry, "separate")
        entry.add_run(text)
        if index == len(entries) - 1:
            field_char(entry, "end")


def part(doc, text: str, new_page: bool = True):
    """A part heading; it starts a page unless it opens a section (which starts one itself)."""
    heading = p(doc, text, "JS 部分")
    heading.paragraph_format.page_break_before = new_page
    return heading


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


def part_two(doc) -> None:
    """The nine tables: the narrow ones on portrait pages, the wide ones (收入, 支出, 财政拨款总表, 三公,
    the fund tables) on landscape pages, as the 上海 publications print them."""
    part(doc, f"第二部分　{{{{ unit }}}}\n{{{{ year }}}}年度{LEVEL}决算表")
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


def part_one(doc) -> None:
    part(doc, "第一部分　{{ unit }}概况")
    p(doc, "一、主要职能", "JS 一级标题")
    p(doc, "{%p for item in f.texts.functions %}")
    p(doc, "（{{ loop.index }}）{{ item }}")
    p(doc, "{%p endfor %}")
    p(doc, "{%p if f.texts.functions_note %}")
    p(doc, "{{ f.texts.functions_note }}")
    p(doc, "{%p endif %}")
    if LEVEL == "单位":  # a unit's own document: its organisation, never a 单位构成
        p(doc, "二、机构设置", "JS 一级标题")
        p(doc, ORGANISATION)
        return
    p(doc, f"{{%p if {COMPOSITION} %}}")
    p(doc, "二、部门决算单位构成", "JS 一级标题")
    p(doc, "从预算单位构成看，{{ unit }}部门决算包括：{{ unit }}本级决算、下属行政事业单位决算。")
    p(doc, "纳入{{ unit }}{{ year }}年度部门决算编制范围的单位包括：")
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
    p(doc, "{%p else %}")
    p(doc, "二、机构设置", "JS 一级标题")
    p(doc, ORGANISATION)
    p(doc, "{%p endif %}")


def items(doc, lines: str) -> None:
    """按上述格式依次说明到各项级科目: 主要用于, the budget it is explained against, the reason unless flat."""
    p(doc, f"{{%p for i in {lines} if i.change.current or i.budget.base %}}")
    p(
        doc,
        "{% set b, name = budget_basis(i.budget, i.adjusted_budget) %}"
        "{{ loop.index }}、{{ i.class_name }}（类）{{ i.section_name }}（款）{{ i.name }}（项）。"
        "{% if i.purpose %}主要用于：{{ i.purpose | clause }}。{% endif %}"
        "{% if b.base is not none %}{{ name }}为{{ b.base | amount }}万元，支出决算为{{ b.current | amount }}万元。{{ b | budget_explained }}"
        "{% else %}支出决算为{{ i.change.current | amount }}万元。{% endif %}",
    )
    p(doc, "{%p endfor %}")


def fund_section(doc, fund: str, lines: str, kind: str) -> None:
    p(doc, f"{{%p if {fund}.is_empty %}}")
    p(doc, f"{{{{ unit }}}}{{{{ year }}}}年度无{kind}财政拨款收入和支出。")
    p(doc, "{%p else %}")
    p(doc, f"{kind}财政拨款收入{{{{ {fund}.income | amount }}}}万元，支出{{{{ {fund}.expense | amount }}}}万元，支出具体情况如下：")
    items(doc, lines)
    p(doc, "{%p endif %}")


def money(expr: str, lead: str) -> str:
    """LEAD and the amount EXPR in 万元; a blank amount reads "LEAD决算数未填报", never "LEAD万元"."""
    return f"{{% if {expr} is none %}}{lead}决算数未填报{{% else %}}{lead}{{{{ {expr} | amount }}}}万元{{% endif %}}"


def part_three(doc) -> None:
    part(doc, f"第三部分　{{{{ unit }}}}\n{{{{ year }}}}年度{LEVEL}决算情况说明", new_page=False)  # a section starts here
    h = lambda i: p(doc, f"{ordinal(i)}、{SECTIONS[i - 1]}", "JS 一级标题")  # noqa: E731
    h(1)
    p(doc, "{% if f.income_total is none %}本单位未填报{{ year }}年度收入支出总计。{% else %}"
           "{{ unit }}{{ year }}年度收入支出总计{{ f.income_total | amount }}万元。"
           "{% if f.total_change and f.total_change.known %}与{{ prior_year }}年度相比，收入支出总计{{ f.total_change | movement }}。"
           "{% if not f.total_change | is_flat %}{{ f.total_change | reason }}{% endif %}{% endif %}{% endif %}")
    h(2)
    # A blank 本年收入合计 is 未填报, never "合计万元"; no typed source leaves out "其中：" rather than "其中：。"
    p(doc, "{% if f.income_this_year is none %}本单位未填报{{ year }}年度本年收入合计。{% else %}"
           "本年收入合计{{ f.income_this_year | amount }}万元{% if f.income_sources | selectattr('amount') | list %}，其中："
           "{% for s in f.income_sources if s.amount %}{{ s.name }}"
           "{{ s.amount | amount }}万元，占{{ s.share | percent }}{% if not loop.last %}；{% endif %}{% endfor %}{% endif %}。{% endif %}")
    h(3)
    p(doc, "{% if f.expense_this_year is none %}本单位未填报{{ year }}年度本年支出合计。{% else %}"
           "本年支出合计{{ f.expense_this_year | amount }}万元{% if f.expense_kinds | selectattr('amount') | list %}，其中："
           "{% for s in f.expense_kinds if s.amount %}{{ s.name }}"
           "{{ s.amount | amount }}万元，占{{ s.share | percent }}{% if not loop.last %}；{% endif %}{% endfor %}{% endif %}。{% endif %}")
    h(4)
    p(doc, "{% if f.fiscal_expense_total is none %}本单位未填报{{ year }}年度财政拨款收入支出总计。{% else %}"
           "{{ unit }}{{ year }}年度财政拨款收入支出总计{{ f.fiscal_expense_total | amount }}万元。"
           "{% if f.fiscal_change and f.fiscal_change.known %}与{{ prior_year }}年度相比，财政拨款收入支出总计{{ f.fiscal_change | movement }}。"
           "{% if not f.fiscal_change | is_flat %}{{ f.fiscal_change | reason }}{% endif %}{% endif %}{% endif %}")
    h(5)
    p(doc, "{%p if f.gpb_total is none %}")  # no 一般公共预算财政拨款支出决算表: said once, not "支出万元" thrice
    p(doc, "本单位未填报{{ year }}年度一般公共预算财政拨款支出决算表。")
    p(doc, "{%p elif not f.gpb_total %}")  # zero (typed, or the 财政拨款 total says 0): the one sentence
    p(doc, "{{ unit }}{{ year }}年度无一般公共预算财政拨款支出。")
    p(doc, "{%p else %}")
    p(doc, "（一）一般公共预算财政拨款支出决算总体情况", "JS 二级标题")
    p(doc, "一般公共预算财政拨款支出{{ f.gpb_total | amount }}万元{% if f.gpb_share is not none %}，占本年支出合计的{{ f.gpb_share | percent }}{% endif %}。"
           "{% if f.gpb_change and f.gpb_change.known %}与{{ prior_year }}年度相比，一般公共预算财政拨款支出{{ f.gpb_change | movement }}。"
           "{% if not f.gpb_change | is_flat %}{{ f.gpb_change | reason }}{% endif %}{% endif %}")
    p(doc, "（二）一般公共预算财政拨款支出决算结构情况", "JS 二级标题")
    p(doc, "一般公共预算财政拨款支出{{ f.gpb_total | amount }}万元，主要用于以下方面：{% for c in f.gpb_classes %}{{ c.name }}（类）"
           "{{ c.amount | amount }}万元，占{{ c.share | percent }}{% if not loop.last %}；{% endif %}{% endfor %}。")
    p(doc, "（三）一般公共预算财政拨款支出决算具体情况", "JS 二级标题")
    # "其中：" introduces the item paragraphs below; without one it is left out
    # against the 年初预算, or the 全年预算 when the 年初预算 is 0 (a unit created in the year): never "年初预算为0.00万元"
    p(doc, "{% set gb, gn = budget_basis(f.gpb_budget, f.gpb_adjusted_budget) if f.gpb_budget and f.gpb_adjusted_budget else (f.gpb_budget, '年初预算') %}"
           "{% if gb and gb.base is not none %}一般公共预算财政拨款支出{{ gb | budget_phrase(gn) }}。{{ gb | budget_explained }}"
           "{% else %}一般公共预算财政拨款支出决算为{{ f.gpb_total | amount }}万元。{% endif %}"
           "{% if f.gpb_items | selectattr('change.current') | list or f.gpb_items | selectattr('budget.base') | list %}其中：{% endif %}")
    items(doc, "f.gpb_items")
    p(doc, "{%p endif %}")
    h(6)
    p(doc, "{% if f.basic_total is none %}本单位未填报{{ year }}年度一般公共预算财政拨款基本支出。"
           "{% elif not f.basic_total %}{{ unit }}{{ year }}年度无一般公共预算财政拨款基本支出。{% else %}"
           "一般公共预算财政拨款基本支出{{ f.basic_total | amount }}万元。"
           "{% if f.personnel is not none or f.public is not none %}其中："
           "{% if f.personnel is not none %}人员经费{{ f.personnel | amount }}万元"
           "{% if f.personnel_items %}，主要包括：{{ f.personnel_items | join('、') }}{% endif %}{% endif %}"
           "{% if f.personnel is not none and f.public is not none %}；{% endif %}"
           "{% if f.public is not none %}公用经费{{ f.public | amount }}万元"
           "{% if f.public_items %}，主要包括：{{ f.public_items | join('、') }}{% endif %}{% endif %}。{% endif %}{% endif %}")
    h(7)
    tp = "f.three_public"
    # "购置公务用车N辆", with the categories when they were given ("（其中：执法执勤用车1辆）")
    BOUGHT = (f"购置公务用车{{{{ {tp}.vehicles_bought | count }}}}辆{{% if f.assets.vehicles_bought_by_kind | selectattr('1') | list %}}（其中："
              "{% for kind, n in f.assets.vehicles_bought_by_kind if n %}{{ kind }}{{ n | count }}辆{% if not loop.last %}、{% endif %}{% endfor %}）{% endif %}")
    # A typed 0 in total (a budget or not) is the official one sentence; a blank one is 未填报 below
    p(doc, f"{{%p if {tp}.total.actual is not none and not {tp}.total.actual %}}")
    p(doc, "{{ unit }}{{ year }}年度无“三公”经费财政拨款支出。")
    p(doc, "{%p else %}")
    p(doc, "（一）“三公”经费财政拨款支出决算总体情况说明。", "JS 二级标题")
    # A blank 决算数 (合计 or a part) is 未填报: its clause is left out, never "支出决算为万元"
    p(doc, f"{{% set parts = {tp}.abroad, {tp}.vehicles, {tp}.reception %}}"
           f"{{% if {tp}.total.actual is none %}}本单位未填报{{{{ year }}}}年度“三公”经费财政拨款支出决算数。{{% else %}}"
           f"{{% set b, name = budget_basis({tp}.total.initial_budget, {tp}.total.budget_change) %}}"
           "“三公”经费财政拨款支出{% if b.base is not none %}{{ name }}为{{ b.base | amount }}万元，支出{% endif %}决算为{{ b.current | amount }}万元"
           "{% if b | completion %}，{{ b | completion('预算') }}{% endif %}"
           "{% if parts | rejectattr('actual', 'none') | list %}，其中："
           "{% for x in parts if x.actual is not none %}"
           "{% set xb, xn = budget_basis(x.initial_budget, x.budget_change) %}{{ x.name }}支出决算为{{ x.actual | amount }}万元"
           "{% if xb | completion %}，{{ xb | completion('预算') }}{% endif %}{% if not loop.last %}；{% endif %}{% endfor %}{% endif %}。"
           "{% if b | budget_explained %}{{ year }}年度“三公”经费支出{{ b | budget_explained }}{% endif %}{% endif %}")
    p(doc, f"{{%p if {tp}.total.change and {tp}.total.change.known %}}")
    p(doc, f"{{% set parts = [{tp}.abroad, {tp}.vehicles, {tp}.reception] | rejectattr('change', 'none') | list %}}"
           f"{{{{ year }}}}年度“三公”经费财政拨款支出决算数{{{{ {tp}.total.change | change(base=prior_year ~ '年度') }}}}"
           "{% if parts %}，其中：{% endif %}"
           "{% for x in parts %}{{ x.name }}支出决算{{ x.change | change(base=prior_year ~ '年度') }}"
           "{% if not loop.last %}；{% endif %}{% endfor %}。"
           "{% for x in parts if x.change.reason and not x.change | is_flat %}"
           "{{ x.name }}支出{{ x.change | reason('变动的主要原因是') }}{% endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "（二）“三公”经费财政拨款支出决算具体情况说明。", "JS 二级标题")
    # the parts' shares only when a part was reported (a blank 三公 table is 未填报 in (一))
    p(doc, f"{{%p if [{tp}.abroad, {tp}.vehicles, {tp}.reception] | rejectattr('actual', 'none') | list %}}")
    p(doc, f"“三公”经费财政拨款支出决算中，{{% for x in [{tp}.abroad, {tp}.vehicles, {tp}.reception] if x.actual is not none %}}{{{{ x.name }}}}支出决算"
           "{{ x.actual | amount }}万元{% if x.share is not none %}，占{{ x.share | percent }}{% endif %}{% if not loop.last %}；{% endif %}{% endfor %}。具体情况如下：")
    p(doc, "{%p endif %}")
    p(doc, "1、" + money(f"{tp}.abroad.actual", "因公出国（境）费支出") + "。"
           f"{{% if {tp}.abroad_groups is not none and {tp}.abroad_people is not none %}}全年安排因公出国（境）团组{{{{ {tp}.abroad_groups | count }}}}个、累计{{{{ {tp}.abroad_people | count }}}}人次。{{% endif %}}"
           f"{{% if {tp}.abroad_content %}}开支内容包括：{{{{ {tp}.abroad_content | period }}}}{{% endif %}}")
    p(doc, "2、" + money(f"{tp}.vehicles.actual", "公务用车购置及运行维护费支出") + "。其中：")
    p(doc, f"{{% if {tp}.vehicle_purchase.actual is none %}}公务用车购置支出决算数未填报{{% else %}}公务用车购置支出为{{{{ {tp}.vehicle_purchase.actual | amount }}}}万元{{% endif %}}。"
           f"{{% if {tp}.purchase_content %}}主要用于{{{{ {tp}.purchase_content | clause }}}}{{% if {tp}.vehicles_bought %}}，{BOUGHT}{{% endif %}}。"
           f"{{% elif {tp}.vehicles_bought %}}{BOUGHT}。{{% endif %}}")
    p(doc, money(f"{tp}.vehicle_running.actual", "公务用车运行维护支出") + "。"
           f"{{% if {tp}.vehicle_content %}}主要用于{{{{ {tp}.vehicle_content | period }}}}{{% endif %}}"
           f"{{% if {tp}.vehicles_held is not none %}}{{{{ year }}}}年，{{{{ unit }}}}{OWNED}开支财政拨款的公务用车保有量为{{{{ {tp}.vehicles_held | count }}}}辆。{{% endif %}}")
    p(doc, "3、" + money(f"{tp}.reception.actual", "公务接待费支出") + "。其中：")
    p(doc, f"{{% if {tp}.reception.actual is none %}}国内公务接待支出决算数未填报{{% else %}}"
           f"国内公务接待支出{{{{ {tp}.reception.actual | amount }}}}万元{{% if {tp}.foreign_reception is not none %}}（含外宾接待支出{{{{ {tp}.foreign_reception | amount }}}}万元）{{% endif %}}{{% endif %}}。"
           f"{{% if {tp}.reception_content %}}主要用于{{{{ {tp}.reception_content | clause }}}}"
           f"{{% if {tp}.reception_batches is not none and {tp}.reception_people is not none %}}，国内公务接待{{{{ {tp}.reception_batches | count }}}}批次、{{{{ {tp}.reception_people | count }}}}人次"
           f"{{% if {tp}.foreign_batches is not none and {tp}.foreign_people is not none %}}，其中：接待外宾{{{{ {tp}.foreign_batches | count }}}}批次、{{{{ {tp}.foreign_people | count }}}}人次{{% endif %}}{{% endif %}}。{{% endif %}}")
    p(doc, "{%p endif %}")
    h(8)
    fund_section(doc, "f.gov_fund", "f.gov_fund_items", "政府性基金预算")
    h(9)
    fund_section(doc, "f.state_capital", "f.state_capital_items", "国有资本经营预算")
    h(10)
    pf = "performance"
    p(doc, "{{ unit }}{{ year }}年度预算绩效管理工作开展情况如下："
           f"{{% if {pf}.systems %}}本{LEVEL}建立了如下预算绩效管理制度：{{{{ {pf}.systems | join('、') }}}}"
           "{% if f.texts.performance_mechanism %}，建立了{{ f.texts.performance_mechanism | clause }}的预算绩效管理工作机制{% endif %}；{% endif %}"
           "全过程绩效管理实施情况："
           f"{{% if {pf}.targets is not none %}}编报绩效目标的{{{{ year }}}}年度项目{{{{ {pf}.targets | count }}}}个{{% if {pf}.targets_amount is not none %}}，涉及预算金额{{{{ {pf}.targets_amount | amount }}}}万元{{% endif %}}；{{% endif %}}"
           f"{{% if {pf}.monitored is not none %}}绩效跟踪评价的{{{{ year }}}}年度项目{{{{ {pf}.monitored | count }}}}个{{% if {pf}.monitored_amount is not none %}}，涉及预算金额{{{{ {pf}.monitored_amount | amount }}}}万元{{% endif %}}；{{% endif %}}"
           f"{{% if {pf}.evaluated is not none %}}绩效自评的{{{{ year }}}}年度项目{{{{ {pf}.evaluated | count }}}}个{{% if {pf}.evaluated_amount is not none %}}，涉及预算金额{{{{ {pf}.evaluated_amount | amount }}}}万元{{% endif %}}"
           f"{{% if {pf}.average_score is not none %}}，平均得分{{{{ {pf}.average_score | amount }}}}分（其中，"
           f"{{% for grade, n in {pf}.grades %}}绩效评级为“{{{{ grade }}}}”的项目{{{{ n | count or '0' }}}}个{{% if not loop.last %}}；{{% endif %}}{{% endfor %}}"
           f"{{% if {pf}.problems is not none %}}。绩效自评中共发现问题{{{{ {pf}.problems | count }}}}个，已经完成整改的{{{{ {pf}.rectified | count or '0' }}}}个，"
           f"正在整改的{{{{ {pf}.rectifying | count or '0' }}}}个{{% endif %}}）{{% endif %}}。{{% endif %}}")
    h(11)
    p(doc, "（一）机关运行经费支出情况", "JS 二级标题")
    p(doc, "{% if f.admin_cost is none %}本单位未填报{{ year }}年度机关运行经费。"
           "{% elif not f.admin_cost.current and not f.admin_cost.base %}{{ unit }}{{ year }}年度无机关运行经费支出。"
           "{% else %}机关运行经费支出{{ f.admin_cost.current | amount }}万元{% if f.admin_cost.known %}，{{ f.admin_cost | change(base=prior_year ~ '年度') }}"
           "{% endif %}。{% if not f.admin_cost | is_flat %}{{ f.admin_cost | reason('主要原因是') }}{% endif %}{% endif %}")
    p(doc, "（二）政府采购支出情况", "JS 二级标题")
    pr = "f.procurement"
    p(doc, f"{{% if {pr}.total is none %}}本单位未填报{{{{ year }}}}年度政府采购金额。{{% else %}}"
           f"{{{{ unit }}}}{{{{ year }}}}年度政府采购金额（以合同签订为准）为{{{{ {pr}.total | amount }}}}万元"
           f"{{% if {pr}.total and {pr}.goods is not none and {pr}.works is not none and {pr}.services is not none %}}，其中：货物采购金额{{{{ {pr}.goods | amount }}}}万元、工程采购金额{{{{ {pr}.works | amount }}}}万元、"
           f"服务采购金额{{{{ {pr}.services | amount }}}}万元{{% endif %}}。{{% endif %}}")
    sme = ("sme_reserved", "small_micro_reserved", "sme_reserved_won", "small_micro_reserved_won", "sme_other_won")
    p(doc, "{%p if " + " and ".join(f"{pr}.{name} is not none" for name in sme) + " %}")  # all five, or the sentence is left out
    p(doc, f"{{{{ year }}}}年度本{LEVEL}面向中小企业预留政府采购项目预算金额{{{{ {pr}.sme_reserved | amount }}}}万元，面向小微企业预留政府采购项目预算金额"
           f"{{{{ {pr}.small_micro_reserved | amount }}}}万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额"
           f"{{{{ {pr}.sme_reserved_won | amount }}}}万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额"
           f"{{{{ {pr}.small_micro_reserved_won | amount }}}}万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额"
           f"{{{{ {pr}.sme_other_won | amount }}}}万元。")
    p(doc, "{%p endif %}")
    p(doc, "（三）国有资产占有使用情况说明", "JS 二级标题")
    # typed counts are printed, 0 included ("其中：…执法执勤用车0辆"), as the official template prints them
    p(doc, "截至{{ year }}年12月31日，{% if f.assets.vehicles is not none %}{{ unit }}共有车辆{{ f.assets.vehicles | count }}辆"
           "{% if f.assets.vehicles_by_kind | rejectattr('1', 'none') | list %}，其中：{% for kind, n in f.assets.vehicles_by_kind if n is not none %}{{ kind }}{{ n | count }}辆"
           "{% if not loop.last %}、{% endif %}{% endfor %}{% endif %}。{% endif %}"
           "{% if f.assets.equipment is not none %}单价100万元（含）以上设备（不含车辆）{{ f.assets.equipment | count }}台（套）。{% endif %}")


def mainly(income: str) -> str:
    """"主要是：…收入等。" after the definition of INCOME, for a unit that has it and said what it is."""
    return f"{{% if f.income_content('{income}') %}}主要是：{{{{ f.income_content('{income}') }}}}等。{{% endif %}}"


GLOSSARY = [
    "一、财政拨款收入：指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "二、事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。" + mainly("事业收入"),
    "三、经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。" + mainly("经营收入"),
    "四、其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。" + mainly("其他收入"),
    "五、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "六、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
    "七、基本支出：指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。",
    "八、项目支出：指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。",
    "九、经营支出：指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。",
    "十、“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中：因公出国（境）费反映单位"
    "参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务接待费反映全国性"
    "专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、交通费、伙食费等支出；公务用车购置及运行维护费"
    "反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。",
    "十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
]


def build(level: str = "") -> Document:
    """The template; LEVEL "单位" for the 单位决算 one (shanghai-2024-unit), else the one that follows --level."""
    global LEVEL, COMPOSITION, OWNED
    LEVEL, COMPOSITION = (level, "false") if level else ("{{ level }}", 'level == "部门" and final_units | length > 1')
    OWNED = "" if level else '{% if level == "部门" %}所属各预算单位{% endif %}'
    doc = Document()
    setup(doc)
    styles(doc)
    cover(doc)
    contents(doc)
    part_one(doc)
    part_two(doc)
    part_three(doc)
    part(doc, "第四部分　名词解释")
    for line in GLOSSARY:
        p(doc, line)
    return doc


def build_unit() -> Document:
    return build("单位")


if __name__ == "__main__":
    for name, builder in (("shanghai-2024.docx", build), ("shanghai-2024-unit.docx", build_unit)):
        target = ROOT / "templates" / name
        write_atomically(target, docx_bytes(builder()))
        print(f"wrote {target}")
