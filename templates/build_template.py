"""Write templates/disclosure.docx, the default Word template of the 决算公开说明.

The .docx is the template (a finance officer edits it in Word: wording, fonts,
order); this script only wrote its first version and documents its structure.
Re-running it overwrites local edits to disclosure.docx. Run from the repo root:

    python templates/build_template.py

Layout follows GB/T 9704-2012 as far as free fonts allow: A4, margins 37/35/28/26 mm,
title 方正小标宋简体 二号, headings 黑体/楷体_GB2312 三号, body 仿宋_GB2312 三号 with a
fixed 28 pt line pitch, page numbers "— 1 —" in 宋体 四号 at the foot.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.docx_package import docx_bytes  # noqa: E402
from generator.files import write_atomically  # noqa: E402

BODY_FONT, HEAD_FONT, KAI_FONT, TITLE_FONT, TABLE_FONT = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"


def set_font(style_or_run, east_asia: str, size: float | None = None, bold: bool | None = None, latin: str = "Times New Roman") -> None:
    """python-docx sets only the Latin font; Chinese text needs w:eastAsia on rFonts."""
    font = style_or_run.font
    font.name = latin
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()  # in schema order (after a w:rStyle)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def paragraph_style(doc, name: str, font: str, size: float, *, bold=False, align=None, indent=True, before=0, after=0, exact=28):
    style = doc.styles[name] if name in [s.name for s in doc.styles] else doc.styles.add_style(name, 1)
    style.base_style = doc.styles["Normal"]
    set_font(style, font, size, bold)
    pf = style.paragraph_format
    pf.first_line_indent = Pt(size * 2) if indent else Pt(0)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if exact:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(exact)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        pf.alignment = align
    pf.widow_control = True
    return style


def setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.0)
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, 16)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    paragraph_style(doc, "JS 正文", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph_style(doc, "JS 标题", TITLE_FONT, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=12, exact=36)
    paragraph_style(doc, "JS 部分", HEAD_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=12, after=6)
    paragraph_style(doc, "JS 一级标题", HEAD_FONT, 16)
    paragraph_style(doc, "JS 二级标题", KAI_FONT, 16)
    paragraph_style(doc, "JS 表名", HEAD_FONT, 14, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, after=6, exact=0)
    doc.styles["JS 表名"].paragraph_format.page_break_before = True
    paragraph_style(doc, "JS 表注", BODY_FONT, 10.5, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, exact=0)
    paragraph_style(doc, "JS 表格", TABLE_FONT, 9, indent=False, exact=0)
    paragraph_style(doc, "JS 表格数字", TABLE_FONT, 9, indent=False, exact=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "JS 表头", HEAD_FONT, 9, indent=False, exact=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "JS 表格居中", TABLE_FONT, 9, indent=False, exact=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "JS 自评表名", TITLE_FONT, 18, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, exact=0)
    paragraph_style(doc, "JS 自评年度", BODY_FONT, 12, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=6, exact=0)
    paragraph_style(doc, "JS 分页", BODY_FONT, 2, indent=False, exact=0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "— ", 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    _run(footer, " —", 14)


def _run(paragraph, text: str, size: float) -> None:
    run = paragraph.add_run(text)
    set_font(run, "宋体", size)


def p(doc, text: str, style: str = "JS 正文"):
    return doc.add_paragraph(text, style=style)


def part(doc, text: str) -> None:
    """A part that starts a new page (第一部分 after the 目录, 第二部分, 第四部分 before its tables)."""
    p(doc, text, "JS 部分").paragraph_format.page_break_before = True


# CT_TrPr's children in schema order (ECMA-376 wml.xsd; python-docx's CT_TrPr._tag_seq): Word refuses
# or "repairs" a row whose properties are out of this order or repeated.
_TR_PR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit", "w:trHeight",
                "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def _row_flag(row, tag: str):
    """The on/off row property TAG of ROW, added once, in schema order."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = tr_pr.find(qn(tag))
    if flag is None:
        flag = OxmlElement(tag)
        tr_pr.insert_element_before(flag, *_TR_PR_ORDER[_TR_PR_ORDER.index(tag) + 1 :])
    return flag


def repeat_header(row) -> None:
    _row_flag(row, "w:tblHeader").set(qn("w:val"), "true")


def cant_split(row) -> None:
    _row_flag(row, "w:cantSplit")


# CT_TblPr's children in schema order (python-docx's CT_TblPr._tag_seq).
_TBL_PR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW",
                 "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                 "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _replace_table_property(t, element) -> None:
    """Put ELEMENT into the table's w:tblPr in schema order, in place of any of its kind."""
    tbl_pr = t._tbl.tblPr
    tag = element.tag
    for old in tbl_pr.findall(tag):
        tbl_pr.remove(old)
    name = "w:" + tag.rsplit("}", 1)[1]
    tbl_pr.insert_element_before(element, *_TBL_PR_ORDER[_TBL_PR_ORDER.index(name) + 1 :])


def fix_widths(t, widths: list[float]) -> None:
    """Fixed layout with explicit grid widths: LibreOffice ignores cell widths without them."""
    t.autofit = False  # python-docx's w:tblLayout w:type="fixed", in its place
    grid = t._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(Cm(w).twips for w in widths))))
    width.set(qn("w:type"), "dxa")
    _replace_table_property(t, width)


def table(
    doc, title: str, number: str, headers: list[str], cells: list[str], rows: str, widths: list[float], numeric: range | tuple[int, ...],
    empty: str | None = None, *, width: float = 0.0, first_on_page: bool = False, totals: list[tuple[str, int]] | None = None,
    margin: float | None = None,
) -> None:
    """A report table as the published tables print it: title, 公开NN表, a line with 编制单位 at the left
    and 金额单位 at the right, then the table (header row repeated on every page, one looped data row).

    WIDTHS are scaled to WIDTH (the text width of the section); the columns in NUMERIC are amounts,
    right-aligned. FIRST_ON_PAGE: the title follows a section break, which already starts a page. EMPTY:
    the sentence printed across the table when ROWS is empty.
    """
    heading = p(doc, title, "JS 表名")
    if first_on_page:
        heading.paragraph_format.page_break_before = False
    heading.paragraph_format.keep_with_next = True
    p(doc, number, "JS 表注").paragraph_format.keep_with_next = True
    width = width or PORTRAIT_TEXT_WIDTH
    widths = [w * width / sum(widths) for w in widths]
    # A space before the tab, so that text extracted without tabs still reads as two items.
    line = p(doc, "编制单位：{{ unit }} ", "JS 编制单位")
    line.paragraph_format.tab_stops.add_tab_stop(Cm(width), WD_TAB_ALIGNMENT.RIGHT)
    line.paragraph_format.keep_with_next = True
    line.add_run("\t金额单位：万元")
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_widths(t, widths)
    tidy_table(t) if margin is None else tidy_table(t, margin)
    for cell, text, w in zip(t.rows[0].cells, headers, widths, strict=True):
        cell.width = Cm(w)
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = "JS 表头"
    repeat_header(t.rows[0])
    if empty is not None:
        row = t.add_row()
        row.cells[0].paragraphs[0].text = f"{{%tr if not {rows} %}}"
        row = t.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.paragraphs[0].text = empty
        merged.paragraphs[0].style = "JS 表格"
        row = t.add_row()
        row.cells[0].paragraphs[0].text = "{%tr endif %}"
    row = t.add_row()
    row.cells[0].paragraphs[0].text = f"{{%tr for r in {rows} %}}"
    row = t.add_row()
    cant_split(row)
    for i, (cell, text, w) in enumerate(zip(row.cells, cells, widths, strict=True)):
        cell.width = Cm(w)
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = "JS 表格数字" if i in numeric else "JS 表格"
    row = t.add_row()
    row.cells[0].paragraphs[0].text = "{%tr endfor %}"
    if totals:
        total_row(t, totals, widths, numeric)


# The two-block 基本支出表 on a portrait page: with 0.05 cm cell margins a 5-digit code, the longest name of
# the form (机关事业单位基本养老保险缴费, 14 characters at 9 pt) and "123,456.78" each fit on one line, and the
# code column holds its header "科目编码" (上海: "经济分类/科目编码") in lines of four characters (36 pt).
BASIC_FORM_WIDTHS = [1.45, 4.8, 1.55] * 2
BASIC_FORM_MARGIN = 0.05


def total_row(t, totals: list[tuple[str, int]], widths: list[float], numeric) -> None:
    """A fixed last row of (text, span) cells, e.g. 人员经费合计 over the code and name columns."""
    row = t.add_row()
    cant_split(row)
    col = 0
    for text, span in totals:
        cell = row.cells[col]
        if span > 1:
            cell = cell.merge(row.cells[col + span - 1])
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = "JS 表格数字" if col in numeric else "JS 表格居中" if span > 1 else "JS 表格"
        col += span



# "…，其中：A X万元，B Y万元" over the (name, figure) pairs given, leaving out a blank figure (and "，其中：" with all blank).
def parts(pairs: str) -> str:
    return (
        f'{{% set named = [{pairs}] | rejectattr("1", "none") | list %}}{{% if named %}}，其中：{{% for name, value in named %}}'
        "{{ name }}{{ value | amount }}万元{% if not loop.last %}，{% endif %}{% endfor %}{% endif %}"
    )


# "…无下属预算单位，下设4个科室，分别是：办公室、…。" from the lists in 文字说明.yaml: a list not filled in leaves
# its clause out (check reports it); only an explicit [] says the unit has none.
ORGANISATION = (
    "{% set t = f.texts %}{% if t.subordinate_units is not none or t.departments is not none %}{{ unit }}"
    "{% if t.subordinate_units is not none %}{% if t.subordinate_units %}有下属预算单位{{ t.subordinate_units | length }}个，分别是："
    '{{ t.subordinate_units | join("、") }}{% else %}无下属预算单位{% endif %}{% endif %}'
    "{% if t.subordinate_units is not none and t.departments is not none %}，{% endif %}"
    "{% if t.departments is not none %}{% if t.departments %}下设{{ t.departments | length }}个科室，分别是："
    '{{ t.departments | join("、") }}{% else %}未设内设科室{% endif %}{% endif %}。{% endif %}'
)


def fund_sentence(doc, fund: str, kind: str) -> None:
    """The sample's wording for an empty fund table, or its figures when there are any."""
    p(doc, f"{{%p if {fund}.is_empty %}}")
    p(doc, f"本单位本年度无{kind}财政拨款收入、支出及结转和结余，{kind}财政拨款收入支出决算表为空表。")
    p(doc, "{%p else %}")
    p(
        doc,
        f"本年度{kind}财政拨款年初结转和结余{{{{ {fund}.opening | amount }}}}万元，本年收入{{{{ {fund}.income | amount }}}}万元，"
        f"本年支出{{{{ {fund}.expense | amount }}}}万元（基本支出{{{{ {fund}.basic | amount }}}}万元，项目支出{{{{ {fund}.project | amount }}}}万元），"
        f"年末结转和结余{{{{ {fund}.closing | amount }}}}万元。",
    )
    p(doc, "{%p endif %}")


def build() -> Document:
    doc = Document()
    setup(doc)
    layout_styles(doc)
    # A heading never ends a page: it stays with the paragraph or table after it (as in the 上海 template).
    for name in ("JS 部分", "JS 一级标题", "JS 二级标题", "JS 表名"):
        doc.styles[name].paragraph_format.keep_with_next = True
    # Broken where the published document breaks it ("…年度部门" / "决算公开说明"), not wherever
    # the line happens to end ("…部门决" / "算公开说明").
    title = p(doc, "{{ unit }}{{ year }}年度{{ level }}", "JS 标题")
    title.add_run().add_break()
    title.add_run("决算公开说明")

    part(doc, "第一部分　单位概况")
    p(doc, "一、主要职能", "JS 一级标题")
    p(doc, "{%p for item in f.texts.functions %}")
    p(doc, "（{{ loop.index }}）{{ item }}")
    p(doc, "{%p endfor %}")
    p(doc, "{%p if f.texts.functions_note %}")
    p(doc, "{{ f.texts.functions_note }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if not f.texts.functions and not f.texts.functions_note %}")
    p(doc, "本单位未填写主要职能。")
    p(doc, "{%p endif %}")
    p(doc, "二、机构设置及人员情况", "JS 一级标题")
    # Every optional figure or text is guarded: a blank is none (never 0), and its clause is left out.
    p(doc, '{%p set total = f.staff | selectattr("name", "equalto", "实有人数") | selectattr("change") | map(attribute="change.current") | reject("none") | list %}')
    p(doc, '{%p set lines = f.staff | rejectattr("name", "equalto", "实有人数") | selectattr("change") | list %}')
    p(doc, "{%p if total or lines %}")
    p(
        doc,
        "{{ unit }}{{ year }}年度，{% if total %}实有人数{{ total[0] | count }}人{% if lines %}，其中：{% endif %}{% endif %}"
        "{% for x in lines %}{{ x.name }}{{ x.change.current | count }}人，{{ x.change | count_change }}{% if not loop.last %}；{% endif %}{% endfor %}。",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度人员情况。")
    p(doc, "{%p endif %}")
    p(doc, "{%p if f.texts.subordinate_units is not none or f.texts.departments is not none %}")
    p(doc, ORGANISATION)
    p(doc, "{%p endif %}")

    part(doc, "第二部分　{{ level }}决算情况说明")
    p(doc, "一、收入支出决算总体情况说明", "JS 一级标题")
    p(doc, "{%p if f.income_total is not none %}")
    p(
        doc,
        "{{ year }}年度收入总计{{ f.income_total | amount }}万元"
        + parts('("本年收入合计", f.income_this_year), ("使用非财政拨款结余（含专用结余）", f.non_fiscal_balance_used), ("年初结转和结余", f.opening_balance)')
        + "。",
    )
    p(doc, "{%p endif %}")
    p(doc, "{%p if f.expense_total is not none %}")
    p(
        doc,
        "{{ year }}年度支出总计{{ f.expense_total | amount }}万元"
        + parts('("本年支出合计", f.expense_this_year), ("结余分配", f.balance_distribution), ("年末结转和结余", f.closing_balance)')
        + "。",
    )
    p(doc, "{%p endif %}")
    p(doc, "{%p if f.total_change is not none %}")
    p(doc, '收入支出总体{{ f.total_change | explained(style="compare") }}')
    p(doc, "{%p endif %}")
    p(doc, "{%p if f.income_total is none and f.expense_total is none %}")
    p(doc, "本单位未填报{{ year }}年度收入总计和支出总计。")
    p(doc, "{%p endif %}")
    p(doc, "二、收入决算情况说明", "JS 一级标题")
    p(doc, "{%p if f.income_this_year is not none or f.income_sources %}")
    p(
        doc,
        "{% if f.income_this_year is not none %}本年收入{{ f.income_this_year | amount }}万元{% if f.income_sources %}，其中：{% endif %}{% endif %}"
        "{% for s in f.income_sources %}{{ s.name }}{{ s.amount | amount }}万元{% if s.share is not none %}，占{{ s.share | percent }}{% endif %}"
        "{% if not loop.last %}；{% endif %}{% endfor %}。",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度收入决算数据。")
    p(doc, "{%p endif %}")
    p(doc, "三、支出决算情况说明", "JS 一级标题")
    p(doc, "{%p if f.expense_this_year is not none or f.expense_kinds %}")
    p(
        doc,
        "{% if f.expense_this_year is not none %}本年支出{{ f.expense_this_year | amount }}万元{% if f.expense_kinds %}，其中：{% endif %}{% endif %}"
        "{% for s in f.expense_kinds %}{{ s.name }}{{ s.amount | amount }}万元{% if s.share is not none %}，占{{ s.share | percent }}{% endif %}"
        "{% if not loop.last %}；{% endif %}{% endfor %}。",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度支出决算数据。")
    p(doc, "{%p endif %}")
    p(doc, "四、财政拨款收入支出决算总体情况说明", "JS 一级标题")
    p(doc, "{%p if f.fiscal_income_total is not none or f.fiscal_expense_total is not none %}")
    p(
        doc,
        "{% if f.fiscal_income_total is not none %}{{ year }}年度财政拨款收入总计{{ f.fiscal_income_total | amount }}万元"
        + parts('("年初财政拨款结转和结余", f.fiscal_opening), ("本年财政拨款收入", f.fiscal_income)')
        + "。{% endif %}{% if f.fiscal_expense_total is not none %}财政拨款支出总计{{ f.fiscal_expense_total | amount }}万元"
        + parts('("年末财政拨款结转和结余", f.fiscal_closing), ("本年财政拨款支出", f.fiscal_expense)')
        + "。{% endif %}",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度财政拨款收入支出决算总表。")
    p(doc, "{%p endif %}")
    # against the 年初预算; against the 全年预算 when the 年初预算 is 0 (or blank) and a 全年预算 is known
    p(
        doc,
        "{%p set fb, fname = budget_basis(f.fiscal_budget, f.fiscal_adjusted_budget) if f.fiscal_budget is not none"
        ' and f.fiscal_adjusted_budget is not none else (f.fiscal_budget, "年初预算") %}',
    )
    p(doc, "{%p if f.fiscal_change is not none or fb and fb.base is not none %}")
    p(
        doc,
        '财政拨款收入支出总体{% if f.fiscal_change is not none %}{{ f.fiscal_change | explained(style="compare") }}{% endif %}'
        '{% if fb is not none %}{{ fb | budget_sentence("与" ~ fname ~ "相比，", fname) }}{% endif %}',
    )
    p(doc, "{%p endif %}")
    p(doc, "五、一般公共预算财政拨款支出决算情况说明", "JS 一级标题")
    # A section with nothing to itemise (no 一般公共预算 money and no 项 that fell to zero, or the table not
    # reported) is one sentence, like 七 and 八: no （一）（二）（三） headings left empty.
    p(doc, "{%p set whole = whole_section(f.gpb_total, f.gpb_items or f.gpb_classes) %}")
    p(doc, '{%p if whole == "zero" %}')
    p(doc, "本单位{{ year }}年度无一般公共预算财政拨款支出。")
    p(doc, '{%p elif whole == "unreported" %}')
    p(doc, "本单位未填报{{ year }}年度一般公共预算财政拨款支出决算表。")
    p(doc, "{%p else %}")
    p(doc, "（一）一般公共预算财政拨款支出决算总体情况", "JS 二级标题")
    p(doc, "{%p if f.gpb_total == 0 %}")  # typed 0 (or the 财政拨款 total says 0): "无…支出", not 未填报
    p(doc, '本单位{{ year }}年度无一般公共预算财政拨款支出。{% if f.gpb_change is not none %}{{ f.gpb_change | explained(style="compare") }}{% endif %}')
    p(doc, "{%p elif f.gpb_total is not none %}")
    # against the 年初预算; against the 全年预算 when the 年初预算 is 0 and a 全年预算 is known (a unit created in the year)
    p(
        doc,
        "{{ year }}年度一般公共预算财政拨款支出{{ f.gpb_total | amount }}万元{% if f.gpb_share is not none %}，占本年支出合计的{{ f.gpb_share | percent }}{% endif %}。"
        '{% if f.gpb_change is not none %}{{ f.gpb_change | explained(style="compare") }}{% endif %}'
        "{% set b, name = budget_basis(f.gpb_budget, f.gpb_adjusted_budget) if f.gpb_budget is not none and f.gpb_adjusted_budget is not none"
        ' else (f.gpb_budget, "年初预算") %}{% if b is not none %}{{ b | budget_sentence("与" ~ name ~ "相比，", name) }}{% endif %}',
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度一般公共预算财政拨款支出合计。")
    p(doc, "{%p endif %}")
    p(doc, "（二）一般公共预算财政拨款支出决算结构情况", "JS 二级标题")
    p(doc, "{%p if f.gpb_classes %}")
    p(doc, "{%p for c in f.gpb_classes %}")
    p(doc, "{{ loop.index }}.{{ c.name }}（类）{{ c.amount | amount }}万元{% if c.share is not none %}，占{{ c.share | percent }}{% endif %}。")
    p(doc, "{%p endfor %}")
    p(doc, "{%p elif f.gpb_total == 0 %}")
    p(doc, "本单位{{ year }}年度无一般公共预算财政拨款支出，无支出结构情况。")
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度一般公共预算财政拨款支出的分类数。")
    p(doc, "{%p endif %}")
    p(doc, "（三）一般公共预算财政拨款支出决算具体情况", "JS 二级标题")
    p(doc, "{%p if f.gpb_items %}")
    p(doc, "{%p for i in f.gpb_items %}")
    p(
        doc,
        "{{ loop.index }}.{{ i.class_name }}（类）{{ i.section_name }}（款）{{ i.name }}（项）：支出决算数为{{ i.change.current | amount }}万元，"
        '{{ i.change | explained(base="上年决算") }}',
    )
    p(doc, "{%p endfor %}")
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度一般公共预算财政拨款支出的各项数。")
    p(doc, "{%p endif %}")
    p(doc, "{%p endif %}")
    p(doc, "六、一般公共预算财政拨款基本支出决算情况说明", "JS 一级标题")
    p(doc, "{%p if f.basic_total == 0 %}")
    p(doc, "本单位{{ year }}年度无一般公共预算财政拨款基本支出。")
    p(doc, "{%p elif f.basic_total is not none %}")
    p(
        doc,
        "{{ year }}年度一般公共预算财政拨款基本支出{{ f.basic_total | amount }}万元，其中：人员经费{{ f.personnel | amount }}万元"
        '{% if f.personnel_items %}，包括：{{ f.personnel_items | join("、") }}{% endif %}。',
    )
    p(doc, '公用经费{{ f.public | amount }}万元{% if f.public_items %}，包括：{{ f.public_items | join("、") }}{% endif %}。')
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度一般公共预算财政拨款基本支出决算表。")
    p(doc, "{%p endif %}")
    p(doc, "七、政府性基金预算财政拨款收入支出决算情况说明", "JS 一级标题")
    fund_sentence(doc, "f.gov_fund", "政府性基金预算")
    p(doc, "八、国有资本经营预算财政拨款收入支出决算情况说明", "JS 一级标题")
    fund_sentence(doc, "f.state_capital", "国有资本经营预算")
    p(doc, "九、财政拨款“三公”经费支出决算情况说明", "JS 一级标题")
    p(doc, "{%p set tp = f.three_public %}")
    p(doc, "{%p if tp.total.actual is not none %}")
    p(
        doc,
        "{{ year }}年度财政拨款“三公”经费支出{{ tp.total.actual | amount }}万元，{% if tp.total.change is not none %}{{ tp.total.change | explained }}{% endif %}"
        "{% if tp.abroad.actual is not none or tp.vehicles.actual is not none or tp.reception.actual is not none %}其中："
        "{% for x in [tp.abroad, tp.vehicles, tp.reception] if x.actual is not none %}{{ x.name }}支出{{ x.actual | amount }}万元"
        "{% if x.share is not none %}，占{{ x.share | percent }}{% endif %}，{% if x.change is not none %}{{ x.change | explained }}{% endif %}{% endfor %}{% endif %}",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度财政拨款“三公”经费支出决算表。")
    p(doc, "{%p endif %}")
    p(doc, "{%p if tp.abroad.actual is not none or tp.vehicles.actual is not none or tp.reception.actual is not none %}")
    p(doc, "具体情况如下：")
    p(doc, "{%p endif %}")
    p(doc, "{%p if tp.abroad.actual is not none %}")
    p(
        doc,
        "因公出国（境）费支出{{ tp.abroad.actual | amount }}万元{% if tp.abroad_content | clause %}，开支内容包括{{ tp.abroad_content | clause }}{% endif %}。"
        "{% if tp.abroad_groups is not none or tp.abroad_people is not none %}单位全年安排的因公出国（境）"
        "{% if tp.abroad_groups is not none %}团组{{ tp.abroad_groups | count }}个{% endif %}"
        "{% if tp.abroad_groups is not none and tp.abroad_people is not none %}，因公出国（境）{% endif %}"
        "{% if tp.abroad_people is not none %}{{ tp.abroad_people | count }}人次{% endif %}。{% endif %}",
    )
    p(doc, "{%p endif %}")
    p(doc, "{%p if tp.vehicles.actual is not none %}")
    p(
        doc,
        "公务用车购置及运行维护费{{ tp.vehicles.actual | amount }}万元"
        "{% if tp.vehicle_purchase.actual is not none or tp.vehicle_running.actual is not none %}，其中："
        "{% if tp.vehicle_purchase.actual is not none %}公务用车购置费{{ tp.vehicle_purchase.actual | amount }}万元{% endif %}"
        "{% if tp.vehicle_purchase.actual is not none and tp.vehicle_running.actual is not none %}，{% endif %}"
        "{% if tp.vehicle_running.actual is not none %}公务用车运行维护费{{ tp.vehicle_running.actual | amount }}万元{% endif %}{% endif %}。"
        "{% if tp.vehicle_content | clause %}公务用车运行维护费开支内容包括{{ tp.vehicle_content | clause }}。{% endif %}"
        "{% if tp.vehicles_bought is not none %}公务用车购置数{{ tp.vehicles_bought | count }}辆{% if tp.vehicles_held is not none %}，{% else %}。{% endif %}{% endif %}"
        "{% if tp.vehicles_held is not none %}公务用车保有量{{ tp.vehicles_held | count }}辆。{% endif %}"
        "{% if f.assets.vehicles is not none %}国有资产占用情况中固定资产车辆{{ f.assets.vehicles | count }}辆"
        "{% if tp.vehicle_difference_reason | clause %}，与公务用车保有量差异原因是：{{ tp.vehicle_difference_reason | clause }}{% endif %}。{% endif %}",
    )
    p(doc, "{%p endif %}")
    p(doc, "{%p if tp.reception.actual is not none %}")
    p(
        doc,
        "公务接待费{{ tp.reception.actual | amount }}万元{% if tp.reception_content | clause %}，开支内容包括{{ tp.reception_content | clause }}{% endif %}。"
        "{% if tp.reception_batches is not none or tp.reception_people is not none %}单位全年安排的国内公务接待"
        "{% if tp.reception_batches is not none %}{{ tp.reception_batches | count }}批次{% endif %}"
        "{% if tp.reception_batches is not none and tp.reception_people is not none %}，{% endif %}"
        "{% if tp.reception_people is not none %}{{ tp.reception_people | count }}人次{% endif %}"
        "{% if tp.foreign_batches is not none or tp.foreign_people is not none %}；外宾接待"
        "{% if tp.foreign_batches is not none %}{{ tp.foreign_batches | count }}批次{% endif %}"
        "{% if tp.foreign_batches is not none and tp.foreign_people is not none %}，{% endif %}"
        "{% if tp.foreign_people is not none %}{{ tp.foreign_people | count }}人次{% endif %}{% endif %}。{% endif %}",
    )
    p(doc, "{%p endif %}")
    # the 全年预算 of the total and of each part that has one
    p(doc, "{%p set budgeted = tp.total.budget_change and tp.total.budget_change.base is not none %}")
    p(
        doc,
        "{%p set parts_budgeted = [tp.abroad.budget_change, tp.vehicle_purchase.budget_change, tp.vehicle_running.budget_change,"
        ' tp.reception.budget_change] | select | rejectattr("base", "none") | list %}',
    )
    p(doc, "{%p if budgeted or parts_budgeted %}")
    p(
        doc,
        '{% if budgeted %}与全年预算相比，财政拨款“三公”经费支出{{ tp.total.budget_change | budget_sentence("", "全年预算") }}{% endif %}'
        "{% for x in [tp.abroad, tp.vehicle_purchase, tp.vehicle_running, tp.reception] if x.budget_change and x.budget_change.base is not none %}"
        '{% if loop.first and budgeted %}其中：{% endif %}{{ x.budget_change | budget_sentence(x.name, "全年预算") }}{% endfor %}',
    )
    p(doc, "{%p endif %}")
    p(doc, "十、其他重要事项的情况说明", "JS 一级标题")
    p(doc, "（一）机关运行经费及公用经费支出情况", "JS 二级标题")
    p(doc, "{%p if f.admin_cost and f.admin_cost.current is not none %}")
    p(doc, "{{ year }}年度{{ unit }}（行政单位和参照公务员法管理事业单位）机关运行经费支出{{ f.admin_cost.current | amount }}万元，{{ f.admin_cost | explained }}")
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度机关运行经费。")
    p(doc, "{%p endif %}")
    p(doc, "（二）政府采购情况", "JS 二级标题")
    p(
        doc,
        '{%p set bought = [("政府采购货物支出", f.procurement.goods), ("政府采购工程支出", f.procurement.works), ("政府采购服务支出", f.procurement.services)]'
        ' | rejectattr("1", "none") | list %}',
    )
    p(doc, "{%p if f.procurement.total is not none or bought %}")
    p(
        doc,
        "{{ year }}年度{% if f.procurement.total is not none %}政府采购支出总额{{ f.procurement.total | amount }}万元{% if bought %}，其中：{% endif %}{% endif %}"
        "{% for name, value in bought %}{{ name }}{{ value | amount }}万元{% if not loop.last %}、{% endif %}{% endfor %}。",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度政府采购支出。")
    p(doc, "{%p endif %}")
    p(doc, "{%p if f.procurement.sme is not none or f.procurement.small_micro is not none %}")
    p(
        doc,
        "{% if f.procurement.sme is not none %}授予中小企业合同金额{{ f.procurement.sme | amount }}万元"
        "{% if f.procurement.sme_share is not none %}，占政府采购支出总额的{{ f.procurement.sme_share | percent }}{% endif %}"
        "{% if f.procurement.small_micro is not none %}，其中：{% endif %}{% endif %}"
        "{% if f.procurement.small_micro is not none %}授予小微企业合同金额{{ f.procurement.small_micro | amount }}万元"
        "{% if f.procurement.small_micro_share is not none %}，占政府采购支出总额的{{ f.procurement.small_micro_share | percent }}{% endif %}{% endif %}。",
    )
    p(doc, "{%p endif %}")
    p(doc, "（三）国有资产占用情况说明", "JS 二级标题")
    p(doc, "{%p set a = f.assets %}")
    p(doc, '{%p set kinds = a.vehicles_by_kind | rejectattr("1", "none") | list %}')
    p(
        doc,
        "{%p if a.house_area is not none or a.house_value is not none or a.vehicles is not none or a.vehicle_value is not none"
        " or kinds or a.equipment is not none %}",
    )
    p(
        doc,
        "截至{{ year }}年12月31日，{% if a.house_area is not none or a.house_value is not none %}房屋"
        "{% if a.house_area is not none %}{{ a.house_area | amount }}平方米{% endif %}"
        "{% if a.house_area is not none and a.house_value is not none %}，{% endif %}"
        "{% if a.house_value is not none %}价值{{ a.house_value | amount }}万元{% endif %}。{% endif %}"
        "{% if a.vehicles is not none or a.vehicle_value is not none or kinds %}车辆{% if a.vehicles is not none %}{{ a.vehicles | count }}辆{% endif %}"
        "{% if a.vehicles is not none and a.vehicle_value is not none %}，{% endif %}{% if a.vehicle_value is not none %}价值{{ a.vehicle_value | amount }}万元{% endif %}"
        "{% if kinds %}{% if a.vehicles is not none or a.vehicle_value is not none %}，其中：{% endif %}"
        '{% for kind, n in kinds %}{{ kind }}{{ n | count }}辆{% if not loop.last %}、{% endif %}{% endfor %}'
        "{% if a.other_vehicle_use | clause %}，其他用车主要是：{{ a.other_vehicle_use | clause }}{% endif %}{% endif %}。{% endif %}"
        "{% if a.equipment is not none %}单价100万元（含）以上设备（不含车辆）{{ a.equipment | count }}台（套）。{% endif %}",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位未填报{{ year }}年度国有资产占用情况。")
    p(doc, "{%p endif %}")
    p(doc, "十一、预算绩效的情况说明", "JS 一级标题")
    # the 绩效自评表's counts and sums (self_evaluation), when the folder has one with a table
    p(doc, "{%p if self_evaluation and (self_evaluation.unit_table_count or self_evaluation.project_count) %}")
    p(
        doc,
        "根据预算绩效管理要求，本单位{{ year }}年度预算绩效管理"
        "{% if self_evaluation.unit_table_count %}形成整体支出绩效自评表{{ self_evaluation.unit_table_count }}个，"
        "全年预算总额{{ self_evaluation.unit_annual_budget | amount }}万元，实际执行总额{{ self_evaluation.unit_executed | amount }}万元"
        "{% if self_evaluation.project_count %}；{% endif %}{% endif %}"
        "{% if self_evaluation.project_count %}预算绩效评价项目{{ self_evaluation.project_count }}个，"
        "全年预算数{{ self_evaluation.project_annual_budget | amount }}万元，全年执行数{{ self_evaluation.project_executed | amount }}万元{% endif %}。"
        "{% if f.texts.performance_results | clause %}预算绩效管理取得的成效：{{ f.texts.performance_results | clause }}。{% endif %}"
        "{% if f.texts.performance_problems | clause %}发现的问题及原因：{{ f.texts.performance_problems | clause }}。{% endif %}"
        "{% if f.texts.performance_measures | clause %}下一步改进措施：{{ f.texts.performance_measures | clause }}。{% endif %}"
        "具体附整体支出绩效自评表，项目支出绩效自评表和评价报告。",
    )
    p(doc, "{%p else %}")
    p(doc, "本单位本年度未开展预算绩效自评。")
    p(doc, "{%p endif %}")
    p(doc, "{%p if se %}")
    section_break(doc, landscape)
    # The appendix in the table form the profile or the workbook's 表样 chose (se.layout), as the standalone file.
    p(doc, '{%p if se.layout == "ningxia" %}')
    ningxia_block(doc, LANDSCAPE_TEXT_WIDTH)
    p(doc, '{%p elif se.layout == "chongqing" %}')
    chongqing_block(doc, LANDSCAPE_TEXT_WIDTH)
    p(doc, "{%p else %}")
    self_evaluation_block(doc, LANDSCAPE_TEXT_WIDTH)
    p(doc, "{%p endif %}")
    section_break(doc, portrait)
    p(doc, "{%p endif %}")
    p(doc, "十二、其他需说明的事项", "JS 一级标题")
    p(doc, "{% if f.texts.other_matters | period %}{{ f.texts.other_matters | period }}{% else %}本单位无其他需说明的事项。{% endif %}")

    # No page break: after the self-evaluation tables 十二 starts a page, and alone it would leave it nearly empty.
    p(doc, "第三部分　专业名词解释", "JS 部分")
    for line in GLOSSARY:
        p(doc, line)

    part(doc, "第四部分　{{ level }}决算报表")
    num = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    for i, name in enumerate(REPORTS):
        p(doc, f"{num[i]}、《{name}》")
    # The tables with seven or six amount columns are landscape pages: in portrait, 科目名称 such as
    # "行政事业单位养老支出" and amounts such as "1,238.41" wrap. The others stay portrait.
    wide = {"width": LANDSCAPE_TEXT_WIDTH}
    codes = ["{{ r.code }}", "{{ r.name }}"]
    fund_headers = ["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余"]
    fund_cells = codes + [f"{{{{ r.cells[{i}] }}}}" for i in range(6)]
    fund_widths = [1.9, 6.6] + [2.8] * 6
    table(doc, "收入支出决算总表", "公开01表", ["收入项目", "决算数", "支出项目", "决算数"],
          ["{{ r.in_name }}", "{{ r.in_amount }}", "{{ r.out_name }}", "{{ r.out_amount }}"], "tables.summary", [5.2, 2.6, 5.2, 2.6], (1, 3))
    section_break(doc, landscape)
    table(doc, "收入决算表", "公开02表", ["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
          codes + [f"{{{{ r.cells[{i}] }}}}" for i in range(7)], "tables.income", [1.9, 6.6] + [2.4] * 7, range(2, 9), **wide, first_on_page=True)
    table(doc, "支出决算表", "公开03表", ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
          codes + [f"{{{{ r.cells[{i}] }}}}" for i in range(6)], "tables.expense", fund_widths, range(2, 8), **wide)
    section_break(doc, portrait)
    table(doc, "财政拨款收入支出决算总表", "公开04表", ["项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
          ["{{ r.name }}"] + [f"{{{{ r.cells[{i}] }}}}" for i in range(4)], "tables.fiscal", [4.6, 2.5, 2.8, 2.85, 2.85], range(1, 5),
          first_on_page=True)
    table(doc, "一般公共预算财政拨款支出决算表", "公开05表", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
          codes + [f"{{{{ r.cells[{i}] }}}}" for i in range(3)], "tables.gpb", [2.0, 6.4, 2.4, 2.4, 2.4], range(2, 5))
    # The official two-block form: 人员经费 beside 公用经费, every row of the form.
    table(doc, "一般公共预算财政拨款基本支出决算表", "公开06表", ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
          ["{{ r.l_code }}", "{{ r.l_name }}", "{{ r.l_amount }}", "{{ r.r_code }}", "{{ r.r_name }}", "{{ r.r_amount }}"], "tables.basic_form",
          BASIC_FORM_WIDTHS, (2, 5), margin=BASIC_FORM_MARGIN,
          totals=[("人员经费合计", 2), ("{{ tables.basic_totals.personnel }}", 1), ("公用经费合计", 2), ("{{ tables.basic_totals.public }}", 1)])
    section_break(doc, landscape)
    table(doc, "政府性基金预算财政拨款收入支出决算表", "公开07表", fund_headers, fund_cells, "tables.gov_fund", fund_widths, range(2, 8),
          empty="本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，本表为空表。", **wide, first_on_page=True)
    table(doc, "国有资本经营预算财政拨款收入支出决算表", "公开08表", fund_headers, fund_cells, "tables.state_capital", fund_widths, range(2, 8),
          empty="本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，本表为空表。", **wide)
    section_break(doc, portrait)
    table(doc, "财政拨款“三公”经费支出决算表", "公开09表", ["项目", "全年预算数", "决算数"],
          ["{{ r.name }}", "{{ r.cells[0] }}", "{{ r.cells[1] }}"], "tables.three_public", [7.8, 3.9, 3.9], (1, 2), first_on_page=True)
    contents(doc, after=title)
    footer_in_every_section(doc)
    return doc


def footer_in_every_section(doc) -> None:
    """Every section names the page-number footer itself. python-docx's new sections inherit it from the
    first, which sits in the break before the self-evaluation tables: a document without them (that
    `{%p if se %}` removed) had no page numbers at all."""
    import copy

    sections = list(doc.element.body.iter(qn("w:sectPr")))
    reference = next(sections[0].iter(qn("w:footerReference")))
    for sect_pr in sections[1:]:
        if next(sect_pr.iter(qn("w:footerReference")), None) is None:
            sect_pr.insert(0, copy.deepcopy(reference))


# The 目录 under the title: a Word TOC field over the part headings (level 1) and the 一、二、… headings
# (level 2). Its cached result lists those headings without page numbers; the PDF conversion updates the
# field (generator/render/pdf.py), Word does on 更新域 (F9).
TOC_LEVELS = {"JS 部分": 1, "JS 一级标题": 2}
TOC_FIELD = ' TOC \\h \\z \\t "JS 部分,1,JS 一级标题,2" '


def contents(doc, after) -> None:
    """The 目录 after the paragraph AFTER, its entries the document's headings (so they cannot drift from them)."""
    for name, indent in (("toc 1", False), ("toc 2", True)):
        paragraph_style(doc, name, BODY_FONT, 14, indent=indent, exact=22)
        doc.styles[name].paragraph_format.tab_stops.add_tab_stop(Cm(PORTRAIT_TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph_style(doc, "JS 目录标题", HEAD_FONT, 16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=12, after=6)
    entries = [(para.text, TOC_LEVELS[para.style.name]) for para in doc.paragraphs if para.style.name in TOC_LEVELS]
    anchor = p(doc, "目　　录", "JS 目录标题")
    after._p.addnext(anchor._p)
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
        anchor._p.addnext(entry._p)
        anchor = entry


def field_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


LANDSCAPE_TEXT_WIDTH = 29.7 - 2 * 2.2


def landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.2)


def portrait(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)


PORTRAIT_TEXT_WIDTH = 21 - 2.8 - 2.6
CELL_MARGIN = 0.1  # cm each side of a cell's text: Word's 0.19 cm default wraps 7-digit codes and amounts


def layout_styles(doc) -> None:
    """The styles of the table layout (here rather than in setup(), which the 上海 builder shares)."""
    paragraph_style(doc, "JS 编制单位", BODY_FONT, 10.5, indent=False, exact=0)
    # 1 pt high: a paragraph that must follow a table (a section break) never gets a page of its own.
    paragraph_style(doc, "JS 分节", BODY_FONT, 1, indent=False, exact=1)


def section_break(doc, orient) -> None:
    """Start a new page in ORIENT (landscape or portrait); the paragraph ending the section is 1 pt high."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    doc.paragraphs[-1].style = "JS 分节"
    orient(section)


def new_page_title(doc, text: str, style: str) -> None:
    """A title that starts a page: page break before, never a page-break paragraph after the table
    before it (which, after a table that fills its page, makes a blank page)."""
    p(doc, text, style).paragraph_format.page_break_before = True


def tidy_table(t, margin: float = CELL_MARGIN) -> None:
    """Narrow cell margins (w:tblCellMar, in schema order)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(Cm(margin).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _replace_table_property(t, margins)


CONTROL = "control"
GRID_LINE = 11  # pt, the line pitch in the self-evaluation forms (9 pt text)


def grid_table(doc, widths: list[float], total: float, rows: list, keep_with_next: tuple[int, ...] = ()):
    """A table from row specs: a row is a control tag (str) or a list of cells
    (text, span, kind, vmerge) with kind in head/text/left/num and vmerge None/restart/continue.
    Rows listed in KEEP_WITH_NEXT (indices into ROWS) stay on the page of the row after them,
    so that a 总分 row is never left alone at the top of a page.

    Rows are built as XML: python-docx's row.cells resolves vertically merged cells
    to the cell above them, which would misplace the text of later rows.
    """
    from docx.table import _Cell

    scale = total / sum(widths)
    widths = [w * scale for w in widths]
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    fix_widths(t, widths)
    tidy_table(t)
    for index, spec in enumerate(rows):
        tr = t._tbl.add_tr()
        cells = [(spec, len(widths), None, None)] if isinstance(spec, str) else [c + (None,) * (4 - len(c)) for c in spec]
        if not isinstance(spec, str):
            cant_split(_Row(tr))
        col = 0
        for text, span, kind, vmerge in cells:
            tc = tr.add_tc()
            tc.width = Cm(sum(widths[col : col + span]))
            if span > 1:
                tc.grid_span = span
            cell = _Cell(tc, t)
            if vmerge:
                merge = tc.get_or_add_tcPr().get_or_add_vMerge()  # in schema order
                if vmerge == "restart":
                    merge.set(qn("w:val"), "restart")
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            para = cell.paragraphs[0]
            if text:
                para.add_run(text)
            para.style = {"head": "JS 表头", "left": "JS 表格", "num": "JS 表格数字"}.get(kind or "", "JS 表格居中")
            # 11 pt lines for 9 pt text: single spacing of the CJK fonts is about 13 pt, and a form
            # of twelve indicator rows then needs a second landscape page for its last rows.
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            para.paragraph_format.line_spacing = Pt(GRID_LINE)
            if index in keep_with_next:
                para.paragraph_format.keep_with_next = True
            col += span
        assert col == len(widths), spec
    return t


class _Row:
    """Just enough of a python-docx row for cant_split()."""

    def __init__(self, tr) -> None:
        self._tr = tr


def self_evaluation_block(doc, width: float) -> None:
    """The 整体支出 and 项目支出 self-evaluation tables, as in the 2024 昌吉州 sample.

    Each form is two tables: the head (名称, 资金, 年度总体目标) and the indicators, whose
    column header row repeats on every page the indicators run over.
    """
    H = "head"
    _unit_block(doc, width)
    p(doc, "{%p for pr in se.projects %}")
    new_page_title(doc, "项目支出绩效自评表", "JS 自评表名")
    p(doc, "（{{ se.year }}年度）", "JS 自评年度")
    widths = [0.8, 1.3, 1.4, 2.6, 0.9, 1.6, 1.6, 1.6, 1.2, 1.2, 1.2, 1.5, 1.0, 2.2]
    grid_table(doc, widths, width, [
        [("项目名称", 3, H), ("{{ pr.name }}", 11, "left")],
        [("主管部门", 3, H), ("{{ pr.department }}", 5), ("实施单位", 2, H), ("{{ pr.implementer }}", 4)],
        # The unit on a line of its own: the cell is too narrow for both, and a wrap would split "万/元".
        [("项目资金\n（万元）", 2, H, "restart"), ("", 2), ("年初预算数", 2, H), ("全年预算数", 2, H), ("全年执行数", 2, H),
         ("分值", 1, H), ("执行率", 1, H), ("得分", 2, H)],
        "{%tr for f in pr.funds %}",
        [("", 2, None, "continue"), ("{{ f.label }}", 2, "left"), ("{{ f.initial }}", 2, "num"), ("{{ f.annual }}", 2, "num"),
         ("{{ f.executed }}", 2, "num"), ("{{ f.weight }}", 1), ("{{ f.rate }}", 1), ("{{ f.score }}", 2)],
        "{%tr endfor %}",
        [("年度总体目标", 2, H, "restart"), ("预期目标", 6, H), ("实际完成情况", 6, H)],
        [("", 2, None, "continue"), ("{{ pr.goal_expected }}", 6, "left"), ("{{ pr.goal_actual }}", 6, "left")],
    ])
    p(doc, "", "JS 分页")  # two tables, not one: the indicator table's header row repeats on every page
    # The sample's form writes 年度绩效指标完成情况 down a merged first column; here it is a banner
    # row above the column heads, and both repeat on every page (a merged column's text would be
    # cut in pieces across pages, and repeated in no useful way).
    indicator_heads = ("一级指标", "二级指标", "三级指标", "权重", "目标值", "业绩值", "完成率", "指标得分",
                       "指标值设定依据", "上年完成情况", "赋分规则", "佐证资料", "偏差原因分析及改进措施")
    indicators = grid_table(doc, [1.5, 1.5, 3.25, 0.9, 1.9, 1.9, 1.7, 1.7, 1.5, 1.5, 2.75, 1.5, 3.7], width, [
        [("年度绩效指标完成情况", 13, H)],
        [(h, 1, H) for h in indicator_heads],
        "{%tr for i in pr.indicators %}",
        [("{{ i.level1 }}", 1), ("{{ i.level2 }}", 1), ("{{ i.level3 }}", 1, "left"), ("{{ i.weight }}", 1),
         ("{{ i.target }}", 1), ("{{ i.actual }}", 1), ("{{ i.rate }}", 1), ("{{ i.score }}", 1), ("{{ i.basis }}", 1),
         ("{{ i.last_year }}", 1), ("{{ i.rule }}", 1), ("{{ i.evidence }}", 1), ("{{ i.deviation }}", 1, "left")],
        "{%tr endfor %}",
        [("总分", 3, H), ("{{ pr.weight_total }}", 1), ("", 3), ("{{ pr.total }}", 1), ("", 5)],
        "{%tr if pr.grade %}",
        [("等级", 3, H), ("{{ pr.grade }}", 10)],
        "{%tr endif %}",
    ], keep_with_next=(0, 1))
    repeat_header(indicators.rows[0])
    repeat_header(indicators.rows[1])
    p(doc, "{%p endfor %}")


def build_self_evaluation() -> Document:
    """The standalone template of `juesuan generate --only self-evaluation`: the same tables on A4 landscape."""
    doc = Document()
    setup(doc)
    layout_styles(doc)
    landscape(doc.sections[0])
    self_evaluation_block(doc, LANDSCAPE_TEXT_WIDTH)
    return doc


def _unit_block(doc, width: float) -> None:
    """The 整体支出 table as in self_evaluation_block, for the other layouts' templates."""
    H = "head"
    p(doc, "{%p if se.unit %}")
    p(doc, "单位整体支出绩效自评表", "JS 自评表名")
    p(doc, "（{{ se.year }}年度）", "JS 自评年度")
    grid_table(doc, [1.6, 1.6, 4.0, 1.8, 2.0, 1.2, 1.8, 1.2], width, [
        [("单位名称", 2, H), ("{{ se.unit.name }}", 6, "left")],
        [("部门资金\n（万元）", 1, H, "restart")] + [(h, 1, H) for h in ("资金来源", "年初预算数", "全年预算数", "全年执行数", "分值权重", "执行率", "得分")],
        "{%tr for f in se.unit.funds %}",
        [("", 1, None, "continue"), ("{{ f.label }}", 1), ("{{ f.initial }}", 1, "num"), ("{{ f.annual }}", 1, "num"),
         ("{{ f.executed }}", 1, "num"), ("{{ f.weight }}", 1), ("{{ f.rate }}", 1), ("{{ f.score }}", 1)],
        "{%tr endfor %}",
        [("年度总体目标", 1, H, "restart"), ("预期目标", 3, H), ("实际完成情况", 4, H)],
        [("", 1, None, "continue"), ("{{ se.unit.goal_expected }}", 3, "left"), ("{{ se.unit.goal_actual }}", 4, "left")],
    ])
    p(doc, "", "JS 分页")  # two tables, not one: the indicator table's header row repeats on every page
    indicators = grid_table(doc, [1.6, 1.6, 4.0, 1.8, 2.0, 1.2, 1.8, 1.2], width, [
        [(h, 1, H) for h in ("一级指标", "二级指标", "三级指标", "预期指标值", "指标值设定依据", "分值权重", "实际完成指标值", "得分")],
        "{%tr for i in se.unit.indicators %}",
        [("{{ i.level1 }}", 1), ("{{ i.level2 }}", 1), ("{{ i.level3 }}", 1, "left"), ("{{ i.target }}", 1), ("{{ i.basis }}", 1),
         ("{{ i.weight }}", 1), ("{{ i.actual }}", 1), ("{{ i.score }}", 1)],
        "{%tr endfor %}",
        "{%tr if se.unit.total_row %}",
        [("总分", 5, H), ("{{ se.unit.weight_total }}", 1), ("", 1), ("{{ se.unit.total }}", 1)],
        "{%tr endif %}",
        "{%tr if se.unit.grade %}",
        [("等级", 5, H), ("{{ se.unit.grade }}", 3)],
        "{%tr endif %}",
    ], keep_with_next=(0,))
    repeat_header(indicators.rows[0])
    p(doc, "{%p endif %}")


def _project_head(doc, width: float, widths: list[float]) -> None:
    """项目名称, 主管部门/实施单位, 项目总投资/实施期 (when given), the funds block and the goals: ten grid columns."""
    H = "head"
    grid_table(doc, widths, width, [
        [("项目名称", 3, H), ("{{ pr.name }}", 7, "left")],
        [("主管部门", 3, H), ("{{ pr.department }}", 3), ("实施单位", 1, H), ("{{ pr.implementer }}", 3)],
        "{%tr if pr.investment or pr.period %}",
        [("项目总投资（万元）", 3, H), ("{{ pr.investment }}", 3), ("项目总实施期", 1, H), ("{{ pr.period }}", 3)],
        "{%tr endif %}",
        [("项目资金\n（万元）", 2, H, "restart"), ("", 2), ("年初预算数", 1, H), ("全年预算数", 1, H), ("全年执行数", 1, H),
         ("分值", 1, H), ("执行率", 1, H), ("得分", 1, H)],
        "{%tr for f in pr.funds %}",
        [("", 2, None, "continue"), ("{{ f.label }}", 2, "left"), ("{{ f.initial }}", 1, "num"), ("{{ f.annual }}", 1, "num"),
         ("{{ f.executed }}", 1, "num"), ("{{ f.weight }}", 1), ("{{ f.rate }}", 1), ("{{ f.score }}", 1)],
        "{%tr endfor %}",
        [("年度总体目标", 2, H, "restart"), ("预期目标", 4, H), ("实际完成情况", 4, H)],
        [("", 2, None, "continue"), ("{{ pr.goal_expected }}", 4, "left"), ("{{ pr.goal_actual }}", 4, "left")],
    ])
    p(doc, "", "JS 分页")  # two tables, not one: the indicator table's header row repeats on every page


def ningxia_block(doc, width: float) -> None:
    """The 宁夏 项目支出绩效自评表 (盐池县 2024): 年度指标值（A）/全年实际值（B）/分值/得分/得分计算方法, notes."""
    H = "head"
    _unit_block(doc, width)
    p(doc, "{%p for pr in se.projects %}")
    new_page_title(doc, "项目支出绩效自评表", "JS 自评表名")
    p(doc, "（{{ se.year }}年度）", "JS 自评年度")
    _project_head(doc, width, [1.4, 1.4, 1.6, 3.4, 2.1, 2.1, 2.2, 1.2, 1.8, 1.6])
    heads = ("一级指标", "二级指标", "三级指标", "年度指标值（A）", "全年实际值（B）", "分值", "得分", "得分计算方法", "偏差原因分析及改进措施")
    indicators = grid_table(doc, [1.4, 1.6, 3.4, 1.6, 1.6, 1.0, 1.0, 3.6, 2.6], width, [
        [(h, 1, H) for h in heads],
        "{%tr for i in pr.indicators %}",
        [("{{ i.level1 }}", 1), ("{{ i.level2 }}", 1), ("{{ i.level3 }}", 1, "left"), ("{{ i.target }}", 1), ("{{ i.actual }}", 1),
         ("{{ i.weight }}", 1), ("{{ i.score }}", 1), ("{{ i.method }}", 1, "left"), ("{{ i.deviation }}", 1, "left")],
        "{%tr endfor %}",
        [("总分", 5, H), ("{{ pr.weight_total }}", 1), ("{{ pr.total_plain }}", 1), ("", 2)],
        "{%tr if pr.grade %}",
        [("等级", 5, H), ("{{ pr.grade }}", 4)],
        "{%tr endif %}",
    ], keep_with_next=(0,))
    repeat_header(indicators.rows[0])
    notes(doc)
    p(doc, "{%p endfor %}")


def chongqing_block(doc, width: float) -> None:
    """The compact 重庆-style tables: no 一级/二级 columns; 计量单位, 指标性质, 年初/调整后指标值, 得分系数, 是否核心指标.

    The unit-wide table takes the same indicator columns as the project tables (the form has one set).
    """
    _compact_unit_block(doc, width)
    p(doc, "{%p for pr in se.projects %}")
    new_page_title(doc, "项目支出绩效自评表", "JS 自评表名")
    p(doc, "（{{ se.year }}年度）", "JS 自评年度")
    _project_head(doc, width, [1.4, 1.4, 1.6, 3.4, 2.1, 2.1, 2.2, 1.2, 1.8, 1.6])
    _compact_indicators(doc, width, "pr", "{{ pr.weight_total }}", "{{ pr.total_plain }}", None, "pr.grade")
    notes(doc)
    p(doc, "{%p endfor %}")


_COMPACT_HEADS = ("指标名称", "计量单位", "指标性质", "年初指标值", "调整后指标值", "全年完成值", "得分系数（%）", "权重（分）", "指标得分", "是否核心指标")


def _compact_indicators(doc, width: float, table: str, weight_total: str, total: str, total_if: str | None, grade: str) -> None:
    """The compact indicator table of TABLE (a context name: pr, se.unit); its 总分 row always or when TOTAL_IF, 等级 when GRADE."""
    H = "head"
    total_row = [[("总分", 7, H), (weight_total, 1), (total, 1), ("", 1)]]
    indicators = grid_table(doc, [4.0, 1.2, 1.4, 2.0, 2.0, 2.0, 1.4, 1.2, 1.2, 1.4], width, [
        [(h, 1, H) for h in _COMPACT_HEADS],
        f"{{%tr for i in {table}.indicators %}}",
        [("{{ i.level3 }}", 1, "left"), ("{{ i.unit_text }}", 1), ("{{ i.nature }}", 1), ("{{ i.initial_target }}", 1),
         ("{{ i.target }}", 1), ("{{ i.actual }}", 1), ("{{ i.coefficient }}", 1), ("{{ i.weight }}", 1), ("{{ i.score }}", 1),
         ("{{ i.core }}", 1)],
        "{%tr endfor %}",
        *(total_row if total_if is None else [f"{{%tr if {total_if} %}}", *total_row, "{%tr endif %}"]),
        f"{{%tr if {grade} %}}",
        [("等级", 7, H), (f"{{{{ {grade} }}}}", 3)],
        "{%tr endif %}",
    ], keep_with_next=(0,))
    repeat_header(indicators.rows[0])


def _compact_unit_block(doc, width: float) -> None:
    """The 整体支出 table in the compact form: the head as _unit_block's, the indicators in the compact columns."""
    H = "head"
    p(doc, "{%p if se.unit %}")
    p(doc, "单位整体支出绩效自评表", "JS 自评表名")
    p(doc, "（{{ se.year }}年度）", "JS 自评年度")
    grid_table(doc, [1.6, 1.6, 4.0, 1.8, 2.0, 1.2, 1.8, 1.2], width, [
        [("单位名称", 2, H), ("{{ se.unit.name }}", 6, "left")],
        [("部门资金（万元）", 1, H, "restart")] + [(h, 1, H) for h in ("资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")],
        "{%tr for f in se.unit.funds %}",
        [("", 1, None, "continue"), ("{{ f.label }}", 1), ("{{ f.initial }}", 1, "num"), ("{{ f.annual }}", 1, "num"),
         ("{{ f.executed }}", 1, "num"), ("{{ f.weight }}", 1), ("{{ f.rate }}", 1), ("{{ f.score }}", 1)],
        "{%tr endfor %}",
        [("年度总体目标", 1, H, "restart"), ("预期目标", 3, H), ("实际完成情况", 4, H)],
        [("", 1, None, "continue"), ("{{ se.unit.goal_expected }}", 3, "left"), ("{{ se.unit.goal_actual }}", 4, "left")],
    ])
    p(doc, "", "JS 分页")  # two tables, not one: the indicator table's header row repeats on every page
    _compact_indicators(doc, width, "se.unit", "{{ se.unit.weight_total }}", "{{ se.unit.total_plain }}", "se.unit.total_row", "se.unit.grade")
    p(doc, "{%p endif %}")


def notes(doc) -> None:
    """The profile's notes under a table, as one paragraph (lines broken) kept on one page: five
    paragraphs split across pages and left three lines alone on a landscape page."""
    p(doc, "{%p if se.notes %}")
    p(doc, "{{ se.notes | join('\\n') }}", "JS 表格").paragraph_format.keep_together = True
    p(doc, "{%p endif %}")


def _standalone(block):
    def build_one() -> Document:
        doc = Document()
        setup(doc)
        layout_styles(doc)
        landscape(doc.sections[0])
        block(doc, LANDSCAPE_TEXT_WIDTH)
        return doc

    return build_one


build_self_evaluation_ningxia = _standalone(ningxia_block)
build_self_evaluation_chongqing = _standalone(chongqing_block)


REPORTS = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
    "财政拨款“三公”经费支出决算表",
]

GLOSSARY = [
    "一、财政拨款收入：指同级财政当年拨付的资金。",
    "二、上级补助收入：指事业单位从主管部门和上级单位取得的非财政补助收入。",
    "三、事业收入：指事业单位开展专业业务活动及其辅助活动所取得的收入。",
    "四、经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "五、附属单位上缴收入：指事业单位附属的独立核算单位按有关规定上缴的收入。",
    "六、其他收入：指除上述“财政拨款收入”、“事业收入”、“经营收入”、“附属单位上缴收入”等之外取得的收入。",
    "七、年初结转和结余：指以前年度支出预算因客观条件变化未执行完毕、结转到本年度按有关规定继续使用的资金，既包括财政拨款结转和结余，也包括事业收入、经营收入、其他收入的结转和结余。",
    "八、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金，既包括财政拨款结转和结余，也包括事业收入、经营收入、其他收入的结转和结余。",
    "九、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "十、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "十一、经营支出：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。",
    "十二、对附属单位补助支出：指事业单位发生的用非财政预算资金对附属单位的补助支出。",
    "十三、“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置反映公务用车购置支出（含车辆购置税、牌照费）；公务用车运行维护费反映单位按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）费用。",
    "十四、机关运行经费：行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。",
]


if __name__ == "__main__":
    for name, builder in (
        ("disclosure.docx", build),
        ("self_evaluation.docx", build_self_evaluation),
        ("self_evaluation-ningxia.docx", build_self_evaluation_ningxia),
        ("self_evaluation-chongqing.docx", build_self_evaluation_chongqing),
    ):
        target = ROOT / "templates" / name
        write_atomically(target, docx_bytes(builder()))
        print(f"wrote {target}")
