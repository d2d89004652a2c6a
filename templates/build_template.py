"""Write templates/disclosure.docx, the default Word template of the 决算公开说明.

The .docx is the template (a finance officer edits it in Word: wording, fonts, order). This
script is a layout tool: the wording is data, templates/disclosure.txt (every sentence, as
Jinja over the settled figures and the wording filters; its format is described at its top),
which it lays out in the styles and page setup below, adding the tables and the
self-evaluation forms where the text names them (@决算报表, @自评表 …). Re-running it
overwrites local edits to disclosure.docx; tests/render/test_template_builders.py checks
that it still writes the shipped file byte for byte. Run from the repo root:

    python templates/build_template.py

Layout follows GB/T 9704-2012 as far as free fonts allow: A4, margins 37/35/28/26 mm,
title 方正小标宋简体 二号, headings 黑体/楷体_GB2312 三号, body 仿宋_GB2312 三号 with a
fixed 28 pt line pitch, page numbers "— 1 —" in 宋体 四号 at the foot.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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



# --- the wording: templates/*.txt, read and laid out -------------------------------------------------

WORDING = ROOT / "templates" / "disclosure.txt"
DEFAULT_STYLE = "JS 正文"


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = DEFAULT_STYLE
    new_page: bool = False


@dataclass(frozen=True)
class Block:
    """A part the builder lays out itself (a table, a page of another orientation), named by an @ line."""

    name: str
    argument: str = ""


def read_wording(path: Path) -> list[Paragraph | Block]:
    """The paragraphs and blocks of a wording file (its format is described at its top).

    One line, one paragraph; 【样式】 or 【样式，另起一页】 at its start chooses its style; a line starting
    with a space or a tab continues the paragraph above (joined without a space); ↵ is a line break
    within the paragraph; @名称 参数 is a block; # starts a comment line; blank lines are skipped.
    """
    entries: list[Paragraph | Block] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith((" ", "\t")):
            last = entries[-1] if entries else None
            if not isinstance(last, Paragraph):
                raise ValueError(f"{path.name}:{number}: a continuation line with no paragraph above it")
            entries[-1] = replace(last, text=last.text + line.strip())
        elif line.startswith("@"):
            name, _, argument = line[1:].partition(" ")
            entries.append(Block(name.strip(), argument.strip()))
        elif line.startswith("【"):
            head, _, text = line[1:].partition("】")
            style, _, page = head.partition("，")
            if page not in ("", "另起一页"):
                raise ValueError(f"{path.name}:{number}: 【样式，另起一页】 is the only option, not 「{page}」")
            entries.append(Paragraph(text, style.strip(), page == "另起一页"))
        else:
            entries.append(Paragraph(line))
    return entries


def lay_out(doc, path: Path, blocks: dict[str, Callable[[str], Any]]) -> None:
    """Write the wording file PATH into DOC: each paragraph in its style, each block by its function in BLOCKS."""
    for entry in read_wording(path):
        if isinstance(entry, Block):
            if entry.name not in blocks:
                raise ValueError(f"{path.name}: no block @{entry.name} (known: {', '.join(blocks)})")
            blocks[entry.name](entry.argument)
            continue
        paragraph = p(doc, entry.text.replace("↵", "\n"), entry.style)
        if entry.new_page:
            paragraph.paragraph_format.page_break_before = True


def build() -> Document:
    doc = Document()
    setup(doc)
    layout_styles(doc)
    # A heading never ends a page: it stays with the paragraph or table after it (as in the 上海 template).
    for name in ("JS 部分", "JS 一级标题", "JS 二级标题", "JS 表名"):
        doc.styles[name].paragraph_format.keep_with_next = True
    lay_out(
        doc,
        WORDING,
        {
            "横排页": lambda _: section_break(doc, landscape),
            "竖排页": lambda _: section_break(doc, portrait),
            "自评表": lambda form: SELF_EVALUATION_FORMS[form](doc, LANDSCAPE_TEXT_WIDTH),
            "决算报表": lambda _: report_tables(doc),
        },
    )
    contents(doc, after=doc.paragraphs[0])  # the 目录 under the title
    footer_in_every_section(doc)
    return doc


def report_tables(doc) -> None:
    """第四部分's nine tables, each a copy of its official form."""
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
        entry = toc_entry(doc, text, level, TOC_FIELD if index == 0 else "", last=index == len(entries) - 1)
        anchor._p.addnext(entry._p)
        anchor = entry


def toc_entry(doc, text: str, level: int, field: str, last: bool):
    """One 目录 entry at the end of DOC: the first opens the TOC FIELD (Word fills in the page numbers), the last closes it."""
    entry = doc.add_paragraph(style=f"toc {level}")
    if field:
        field_char(entry, "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = field
        entry.add_run()._r.append(instruction)
        field_char(entry, "separate")
    entry.add_run(text)
    if last:
        field_char(entry, "end")
    return entry


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
    _unit_head(doc, width, "{{ se.level }}资金\n（万元）", "分值权重")
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


def _unit_head(doc, width: float, money: str, weight: str) -> None:
    """The 整体支出 form's title and head table (名称, 资金 by source, 年度总体目标); MONEY and WEIGHT are the form's words."""
    H = "head"
    p(doc, "{%p if se.unit %}")
    p(doc, "单位整体支出绩效自评表", "JS 自评表名")
    p(doc, "（{{ se.year }}年度）", "JS 自评年度")
    grid_table(doc, [1.6, 1.6, 4.0, 1.8, 2.0, 1.2, 1.8, 1.2], width, [
        [("单位名称", 2, H), ("{{ se.unit.name }}", 6, "left")],
        [(money, 1, H, "restart")] + [(h, 1, H) for h in ("资金来源", "年初预算数", "全年预算数", "全年执行数", weight, "执行率", "得分")],
        "{%tr for f in se.unit.funds %}",
        [("", 1, None, "continue"), ("{{ f.label }}", 1), ("{{ f.initial }}", 1, "num"), ("{{ f.annual }}", 1, "num"),
         ("{{ f.executed }}", 1, "num"), ("{{ f.weight }}", 1), ("{{ f.rate }}", 1), ("{{ f.score }}", 1)],
        "{%tr endfor %}",
        [("年度总体目标", 1, H, "restart"), ("预期目标", 3, H), ("实际完成情况", 4, H)],
        [("", 1, None, "continue"), ("{{ se.unit.goal_expected }}", 3, "left"), ("{{ se.unit.goal_actual }}", 4, "left")],
    ])
    p(doc, "", "JS 分页")  # two tables, not one: the indicator table's header row repeats on every page


def _compact_unit_block(doc, width: float) -> None:
    """The 整体支出 table in the compact form: the head as _unit_block's, the indicators in the compact columns."""
    _unit_head(doc, width, "{{ se.level }}资金（万元）", "分值")
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



# The 绩效自评表 forms of the appendix (@自评表 新疆/宁夏/重庆).
SELF_EVALUATION_FORMS = {"新疆": self_evaluation_block, "宁夏": ningxia_block, "重庆": chongqing_block}

build_self_evaluation_ningxia = _standalone(ningxia_block)
build_self_evaluation_chongqing = _standalone(chongqing_block)


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
