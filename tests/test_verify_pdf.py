"""verify reading PDFs: the 目录 with its page numbers (both templates now print one) is skipped, not read as text
with "……" placeholders; the 财政拨款收入支出决算总表 of both templates (under a header of merged, wrapped cells; the 上海 one with items and
amounts side by side) is read by where its cells stand, as the .docx reader reads it, also against the data (--data)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator import api
from generator.verify import verify_document
from generator.verify.audit import State
from generator.verify.read import read_document
from generator.verify.read_text import document_from_pages
from generator.verify.structure import Tracker
from generator.verify.tables import is_number

ROOT = Path(__file__).resolve().parents[1]

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")

CONTENTS_PAGE = ["目 录", "第一部分 单位概况..........2", "一、主要职能..................2", "第二部分 情况说明 ........ 3", "一、收入支出决算总体情况说明....3"]
BODY = ["第一部分 单位概况", "一、主要职能", "负责本市文化工作。", "第二部分 情况说明", "一、收入支出决算总体情况说明", "2024年度收入总计100.00万元。"]


def test_the_contents_of_a_pdf_is_skipped_entry_by_entry() -> None:
    document = document_from_pages("说明.pdf", "pdf", [["某局2024年度部门决算"], CONTENTS_PAGE, BODY])
    contents = [p for p in document.paragraphs if p.place.part == "目录"]
    assert [p.text for p in contents] == ["目录", "第一部分单位概况", "一、主要职能", "第二部分情况说明", "一、收入支出决算总体情况说明"]
    assert not any("..." in p.text for p in document.paragraphs)
    body = [p for p in document.paragraphs if p.place.part != "目录"][1:]
    assert [(p.text, p.heading) for p in body[:3]] == [("第一部分单位概况", "part"), ("一、主要职能", "section"), ("负责本市文化工作。", "")]
    assert body[-1].place.section == "一、收入支出决算总体情况说明"


def test_a_contents_word_has_updated_ends_at_the_first_part_heading() -> None:
    """Word's updated 目录: "一、主要职能<tab>3" (cleaned to a space); the part heading after it ends the 目录."""
    tracker = Tracker()
    for text in ["目录", "第一部分 单位概况 2", "一、主要职能 2", "第二部分 情况说明 3"]:
        assert tracker.see(text)[1].part == "目录"
    kind, place = tracker.see("第一部分 单位概况")
    assert (kind, place.part) == ("part", "第一部分 单位概况")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("template", ["shanghai-2024", "xinjiang-2024"])
def test_the_fiscal_summary_table_is_read_from_the_pdf(template: str, tmp_path: Path) -> None:
    """The 财政拨款收入支出决算总表 of both templates: its header's merged cells wrap, and are not found."""
    target = tmp_path / "说明.docx"
    assert api.generate(ROOT / "inputs" / "shanghai-example" / "2024", target, template=template, pdf=True).ok
    title = "财政拨款收入支出决算总表"
    from_pdf = next(t for t in read_document(target.with_suffix(".pdf")).tables if t.title.startswith(title))
    from_docx = next(t for t in read_document(target).tables if t.title.startswith(title))

    assert from_pdf.readable, from_pdf.why_unreadable
    first = next(i for i, r in enumerate(from_docx.rows) if any(is_number(c) for c in r))
    data_rows = list(from_docx.rows[first:])
    assert sum(1 for r in data_rows for c in r if is_number(c)) > 20
    assert [r for r in from_pdf.rows if r in data_rows] == data_rows  # every row, every cell in its column
    findings, coverage = api.verify_document(target.with_suffix(".pdf"), ROOT / "inputs" / "shanghai-example" / "2024")
    assert [(f.code, str(f.location)) for f in findings if f.severity.value == "error" and title in str(f.location)] == []
    assert [o.target for o in coverage if o.state is State.UNREADABLE and title in o.target] == []


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("template", ["xinjiang-2024", "shanghai-2024"])
def test_the_contents_of_a_generated_pdf_raises_nothing(template: str, tmp_path: Path) -> None:
    target = tmp_path / "说明.docx"
    assert api.generate(ROOT / "inputs" / "shanghai-example" / "2024", target, template=template, pdf=True).ok
    findings, _ = verify_document(target.with_suffix(".pdf"))
    assert [(f.code, str(f.location)) for f in findings if f.code == "doc-placeholder"] == []
    contents = [p for p in read_document(target.with_suffix(".pdf")).paragraphs if p.place.part == "目录"]
    assert len(contents) > 15 and not any(ch.isdigit() for p in contents for ch in p.text[-2:])


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("unit, template", [("changji-ybj", "xinjiang-2024"), ("shanghai-example", "shanghai-2024")])
def test_a_generated_pdf_against_its_data_has_no_error(unit: str, template: str, tmp_path: Path) -> None:
    """Every table read from the PDF lines up with the .docx the data makes (the 上海 三公 table of numbers only too):
    no doc-data-mismatch, no error at all."""
    target = tmp_path / "说明.docx"
    folder = ROOT / "inputs" / unit / "2024"
    assert api.generate(folder, target, template=template, pdf=True).ok
    findings, _ = api.verify_document(target.with_suffix(".pdf"), folder)
    assert [(f.code, str(f.location)) for f in findings if f.severity.value == "error"] == []


# The two-block 一般公共预算财政拨款基本支出决算表 (编码 | 名称 | 决算数 twice side by side) from a PDF: its cells come from
# each character's box, so an amount of the left block and the code of the right block 2.8 pt after it are two cells,
# and its columns are the x-spans parted by gutters that no text crosses.


def _chars(text: str, left: float, middle: float = 600.0, width: float = 4.0, gap: float = 0.6) -> list[tuple[float, float, float, str]]:
    out = []
    for ch in text:
        out.append((left, left + width, middle, ch))
        left += width + gap
    return out


def test_an_amount_and_the_next_blocks_code_are_split_at_their_gap() -> None:
    from generator.verify.read_pdf import cells_of_chars

    amount = _chars("566.17", 270.0)
    code = _chars("302", amount[-1][1] + 2.8)
    line = cells_of_chars([*amount, *code])
    assert [text for _, _, text in line["566.17302"]] == ["566.17", "302"]
    assert line["566.17302"][1][0] == code[0][0]
    # the same glyphs set closer together are one cell
    assert [text for _, _, text in cells_of_chars(_chars("566.17302", 270.0))["566.17302"]] == ["566.17302"]


def test_a_character_drawn_twice_is_read_once() -> None:
    from generator.verify.read_pdf import cells_of_chars

    chars = _chars("人员经费合计", 141.0, width=9.0)
    twice = (chars[1][0] + 0.3, chars[1][1] + 0.3, chars[1][2], "员")  # fake bold: the glyph again a hair to the right
    line = cells_of_chars([*chars[:2], twice, *chars[2:]])
    assert list(line) == ["人员经费合计"]
    # two equal glyphs side by side stay two
    assert list(cells_of_chars(_chars("30202", 300.0))) == ["30202"]


TWO_BLOCKS = [
    "一般公共预算财政拨款基本支出决算表", "编制单位：某局 单位：万元",
    "经济分类", "科目编码 科目名称 决算数 经济分类", "科目编码 科目名称 决算数",
    "301 工资福利支出 566.17 302 商品和服务支出 41.02",
    "30101 基本工资 566.17 30201 办公费 41.02",
    "30103 奖金 30203 咨询费",
    "30299 其他商品和服务支出 0.00",
    "人员经费合计 566.17 公用经费合计 41.02",
]
# each line as the page sets it (the header's stacked cells make lines of their own, which the text runs together)
TWO_BLOCK_CELLS = {
    "一般公共预算财政拨款基本支出决算表": [(196.0, 433.0, "一般公共预算财政拨款基本支出决算表")],
    "编制单位：某局单位：万元": [(80.0, 150.0, "编制单位：某局"), (470.0, 521.0, "单位：万元")],
    "经济分类经济分类": [(82.3, 117.7, "经济分类"), (303.4, 338.8, "经济分类")],
    "科目名称决算数科目名称决算数": [(170.9, 206.2, "科目名称"), (265.4, 291.8, "决算数"), (392.0, 427.3, "科目名称"), (486.5, 512.9, "决算数")],
    "科目编码科目编码": [(82.3, 117.5, "科目编码"), (303.4, 338.6, "科目编码")],
    "301工资福利支出566.17302商品和服务支出41.02": [(81.3, 93.9, "301"), (122.3, 175.2, "工资福利支出"), (270.8, 298.9, "566.17"),
                                       (302.4, 315.0, "302"), (343.4, 405.3, "商品和服务支出"), (496.4, 520.0, "41.02")],
    "30101基本工资566.1730201办公费41.02": [(81.3, 102.9, "30101"), (122.2, 158.1, "基本工资"), (270.8, 298.9, "566.17"),
                                    (302.4, 324.0, "30201"), (343.4, 370.2, "办公费"), (496.4, 520.0, "41.02")],
    "30103奖金30203咨询费": [(81.3, 103.0, "30103"), (122.3, 139.6, "奖金"), (302.4, 324.1, "30203"), (343.7, 370.2, "咨询费")],
    "30299其他商品和服务支出0.00": [(302.4, 324.1, "30299"), (343.4, 423.3, "其他商品和服务支出"), (500.5, 520.0, "0.00")],
    "人员经费合计566.17公用经费合计41.02": [(141.4, 194.7, "人员经费合计"), (270.8, 298.9, "566.17"), (362.4, 415.8, "公用经费合计"),
                                 (496.4, 520.0, "41.02")],
}


def test_the_two_block_basic_table_is_placed_by_its_gutters() -> None:
    from generator.verify.tables import two_block_grid

    table = document_from_pages("说明.pdf", "pdf", [TWO_BLOCKS], lambda page: TWO_BLOCK_CELLS).tables[0]
    assert table.readable, table.why_unreadable
    assert table.rows[0] == ("经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数")
    assert table.rows[3] == ("30103", "奖金", "", "30203", "咨询费", "")  # a row without amounts is a row, its cells blank
    grid = two_block_grid(table)
    assert grid is not None
    assert [(r.code, r.name, r.values) for r in grid.rows if not r.code] == [
        ("", "人员经费合计", (Decimal("566.17"),)), ("", "公用经费合计", (Decimal("41.02"),))]
    assert ("30299", "其他商品和服务支出", (Decimal("0.00"),)) in [(r.code, r.name, r.values) for r in grid.rows]


def test_a_two_block_table_whose_text_crosses_a_gutter_stays_unreadable() -> None:
    """"566.17302" as one cell (the split not made): it covers the gutter between the blocks, whose columns are then
    not clear: the table is reported, not guessed."""
    cells = dict(TWO_BLOCK_CELLS)
    cells["301工资福利支出566.17302商品和服务支出41.02"] = [(81.3, 93.9, "301"), (122.3, 175.2, "工资福利支出"), (270.8, 315.0, "566.17302"),
                                             (343.4, 405.3, "商品和服务支出"), (496.4, 520.0, "41.02")]
    table = document_from_pages("说明.pdf", "pdf", [TWO_BLOCKS], lambda page: cells).tables[0]
    assert not table.readable


@pytest.mark.slow
@needs_soffice
def test_the_two_block_basic_table_is_read_from_the_pdf_and_a_changed_amount_found(tmp_path: Path) -> None:
    import docx

    from generator.verify.tables import two_block_grid

    target = tmp_path / "说明.docx"
    assert api.generate(ROOT / "inputs" / "shanghai-example" / "2024", target, template="shanghai-2024", pdf=True).ok
    title = "基本支出决算表"
    from_pdf = next(t for t in read_document(target.with_suffix(".pdf")).tables if title in t.title)
    from_docx = next(t for t in read_document(target).tables if title in t.title)
    assert from_pdf.readable, from_pdf.why_unreadable
    first = next(i for i, r in enumerate(from_docx.rows) if any(is_number(c) for c in r))
    assert list(from_pdf.rows[1:-1]) == list(from_docx.rows[first:-1])  # every row, every cell in its column
    pdf_grid, docx_grid = two_block_grid(from_pdf), two_block_grid(from_docx)  # (the .docx repeats a merged cell's text)
    assert pdf_grid is not None and docx_grid is not None
    assert [(r.code, r.name, r.values) for r in pdf_grid.rows] == [(r.code, r.name, r.values) for r in docx_grid.rows]
    _, coverage = verify_document(target.with_suffix(".pdf"))
    assert [o.state for o in coverage if title in o.target] and all(o.state is State.PASSED for o in coverage if title in o.target)

    # 基本工资 400.00 → 410.00 in Word: the 人员经费 no longer add up to the 工资福利支出 row
    edited = docx.Document(str(target))
    cell = next(row.cells[2] for t in edited.tables for row in t.rows if len(row.cells) > 2 and row.cells[1].text.strip() == "基本工资")
    run = cell.paragraphs[0].runs[0]
    run.text = "410.00"
    changed = tmp_path / "改过.docx"
    edited.save(str(changed))
    assert api.convert_to_pdf(changed, changed.with_suffix(".pdf")) == []
    findings, _ = verify_document(changed.with_suffix(".pdf"))
    found = [(f.code, str(f.location).split("]", 1)[1]) for f in findings if title in str(f.location)]
    assert found == [("doc-table-mismatch", "!第2行「决算数」#第9页")]  # the 301 工资福利支出 row ≠ Σ its 款
