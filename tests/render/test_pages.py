"""The PDF pages of every shipped template's documents (issue 21, page quality as a tested property), read
from the PDF's text positions (tests/render/pdf_pages.py): no blank page; a page number on every page after the cover; no heading at the foot of a page;
no page holding only headings or only a table's 注; no 注 away from its table; no page holding only a
section's last lines that fit on the page before; no short section alone before a part's page break; no
amount, code, unit or score broken inside a table cell; a 目录 whose every entry is on the page it gives.

For the sample, the 上海 example (and its 文化馆 in the 单位决算 template) and corpus units whose sections are short or empty (tests/test_corpus.py's
shapes), in both templates. One LibreOffice conversion per document (2-3 s each), only where soffice and
pdftotext are installed (the CI has them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

import synthetic
from generator import api
from tests.docx_tables import read_document
from tests.render import pdf_pages
from tests.render.pdf_pages import Page, Row, Word

INPUTS = Path(__file__).resolve().parents[2] / "inputs"
TEMPLATES = ("xinjiang-2024", "shanghai-2024")
# Corpus units (tests/test_corpus.py's seed) of the shapes whose sections are short or empty.
CORPUS = {"tiny": ("tiny",), "zero": ("zero-sections", "optional-absent"), "gov-fund": ("gov-fund-only", "counts-zero")}

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice or pdftotext is not installed"
)

HEADING_STYLES = {"JS 部分", "JS 一级标题", "JS 二级标题", "JS 表名"}


def heading_texts(docx_path: Path) -> set[str]:
    """The texts of the document's headings (parts, 一、…, （一）…, table titles), without spaces."""
    document = docx.Document(str(docx_path))
    return {"".join(p.text.split()) for p in document.paragraphs if p.style is not None and p.style.name in HEADING_STYLES and p.text.strip()}


def page_problems(docx_path: Path, pdf: Path) -> dict[str, list]:
    """Every page-quality property of the PDF of DOCX_PATH: the pages (or cells) breaking each, [] when none does."""
    pages = pdf_pages.read_pages(pdf)
    headings = heading_texts(docx_path)
    parts = {h for h in headings if h.startswith("第") and "部分" in h[:5]}
    tables, _ = read_document(docx_path.read_bytes())
    contents_page, entries = pdf_pages.contents_entries(pages)
    return {
        "blank pages": [page.number for page in pages if not page.rows],
        "no page number (after a cover)": [page.number for page in pages[1:] if page.footer is None],
        "a heading ends the page": pdf_pages.heading_at_bottom(pages, headings),
        "only headings or a 注": pdf_pages.only_headings_or_note(pages, headings),
        "a 注 away from its table": pdf_pages.note_apart(pages),
        "only a section's last lines, which fit on the page before": pdf_pages.stray_tails(pages, headings),
        "a short section alone before a part's page break": pdf_pages.short_section_alone(pages, headings, parts),
        "a cell breaking a number, code or unit": pdf_pages.broken_in_cells([c for t in tables for r in t for c in r], pages),
        "no 目录 with page numbers": [] if contents_page and len(entries) >= 15 else [contents_page, entries],
        "目录 entries not on their page": pdf_pages.contents_mismatches(pages, entries),
    }


def generate_pdf(folder: Path, template: str, out: Path) -> Path:
    result = api.generate(folder, output=out / f"{template}.docx", template=template, pdf=True)
    assert result.ok, [f.message for f in result.findings if f.severity.value == "error"]
    return out / f"{template}.docx"


@pytest.mark.slow
@needs_pdf_tools
@pytest.mark.parametrize(
    "unit, template",
    [(unit, template) for unit in ("changji-ybj/2024", "shanghai-example/2024") for template in TEMPLATES]
    + [("shanghai-example/上海市示范区文化馆/2024", "shanghai-2024-unit")],  # the 单位决算 template, on the example's unit
)
def test_pages_of_the_sample_and_the_example(unit: str, template: str, tmp_path: Path) -> None:
    docx_path = generate_pdf(INPUTS / unit, template, tmp_path)
    problems = page_problems(docx_path, docx_path.with_suffix(".pdf"))
    assert {name: found for name, found in problems.items() if found} == {}
    if template.startswith("shanghai-2024"):  # the cover has no page number
        assert pdf_pages.read_pages(docx_path.with_suffix(".pdf"))[0].footer is None


@pytest.fixture(scope="module")
def corpus_units(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("corpus")
    tables = synthetic.code_tables()
    out = {}
    for index, (name, shapes) in enumerate(CORPUS.items(), start=1):
        unit = synthetic.draw_unit(index, 18, prior=True, size=synthetic.Size(items=8, projects=1), tables=tables, shapes=shapes)
        for unit_year in [unit.current] + ([unit.prior] if unit.prior is not None else []):
            folder = root / name / str(unit_year.year)
            folder.mkdir(parents=True)
            for file_name, data in synthetic.files(unit_year).items():
                (folder / file_name).write_bytes(data)
        out[name] = root / name / str(unit.current.year)
    return out


@pytest.mark.slow
@needs_pdf_tools
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", list(CORPUS))
def test_pages_of_corpus_units_with_short_or_empty_sections(corpus_units: dict[str, Path], name: str, template: str, tmp_path: Path) -> None:
    docx_path = generate_pdf(corpus_units[name], template, tmp_path)
    problems = page_problems(docx_path, docx_path.with_suffix(".pdf"))
    assert {name: found for name, found in problems.items() if found} == {}


# The properties on pages made by hand: each one's failing and passing example.
def page(number: int, *texts: str, top: float = 100, line: float = 28, height: float = 842, footer: str = "—1—") -> Page:
    rows = tuple(Row(text, top + i * line, top + i * line + 20, (Word(text, 80, top + i * line, 80 + 16 * len(text), top + i * line + 20),)) for i, text in enumerate(texts))
    foot = Row(footer, 770, 785, (Word(footer, 280, 770, 320, 785),))
    return Page(number, 595, height, rows, foot)


HEADINGS = {"第一部分单位概况", "一、主要职能", "二、机构设置", "第二部分决算情况说明", "收入决算表"}
PARTS = {"第一部分单位概况", "第二部分决算情况说明"}


def test_a_heading_at_the_foot_of_a_page_is_found() -> None:
    assert pdf_pages.heading_at_bottom([page(1, "正文。", "一、主要职能"), page(2, "正文。")], HEADINGS) == [1]
    assert pdf_pages.heading_at_bottom([page(1, "一、主要职能", "正文。")], HEADINGS) == []
    assert pdf_pages.heading_at_bottom([page(1, "正文。", "第二部分", "决算情况说明")], HEADINGS) == [1]  # broken over two rows


def test_a_page_of_headings_or_a_note_only_is_found() -> None:
    assert pdf_pages.only_headings_or_note([page(1, "第二部分决算情况说明", "收入决算表")], HEADINGS) == [1]
    assert pdf_pages.only_headings_or_note([page(1, "注：本表反映部门本年度的总收支。")], HEADINGS) == [1]
    assert pdf_pages.only_headings_or_note([page(1, "收入决算表", "科目编码科目名称")], HEADINGS) == []
    assert pdf_pages.note_apart([page(1, "注：本表反映部门本年度的总收支。", "二、收入决算表")]) == [1]
    assert pdf_pages.note_apart([page(1, "收入决算表", "注：本表反映部门本年度的总收支。")]) == []


def test_a_section_tail_that_fits_on_the_page_before_is_found() -> None:
    full = page(1, *(["正文正文正文。"] * 23))
    bottom = full.rows[-1].bottom
    assert pdf_pages.stray_tails([full, page(2, "最后一行。")], HEADINGS) == []  # the page before is full
    short = page(1, *(["正文正文正文。"] * 10))
    longest = page(3, *(["正文。"] * 23))  # where this kind of page's body ends
    assert longest.rows[-1].bottom == bottom
    assert pdf_pages.stray_tails([short, page(2, "最后一行。"), longest], HEADINGS) == [2]
    landscape = Page(2, 842, 595, page(2, "最后一行。").rows, None)
    assert pdf_pages.stray_tails([short, landscape, longest], HEADINGS) == []  # another page setup


def test_a_short_section_alone_before_a_part_is_found() -> None:
    alone = [page(1, "二、机构设置", "本单位无。"), page(2, "第二部分决算情况说明", "正文。")]
    assert pdf_pages.short_section_alone(alone, HEADINGS, PARTS) == [1]
    shared = [page(1, "二、机构设置", "本单位无。", "第二部分决算情况说明", "正文。"), page(2, "正文。")]
    assert pdf_pages.short_section_alone(shared, HEADINGS, PARTS) == []


def test_a_number_code_or_unit_broken_in_a_cell_is_found() -> None:
    def stacked(*lines: str) -> Page:
        words = tuple(Word(text, 100, 100 + 11 * i, 100 + 9 * len(text), 111.5 + 11 * i) for i, text in enumerate(lines))
        return Page(1, 842, 595, tuple(Row(w.text, w.top, w.bottom, (w,)) for w in words), None)

    cells = ["科目编码", "项目资金（万元）", "产出指标（50分）", "1,238.41", "年初结转和结余"]
    assert pdf_pages.broken_in_cells(cells, [stacked("科目编", "码")]) == ["科目编码"]
    assert pdf_pages.broken_in_cells(cells, [stacked("科目", "编码")]) == []
    assert pdf_pages.broken_in_cells(cells, [stacked("项目资金（万", "元）")]) == ["项目资金（万元）"]
    assert pdf_pages.broken_in_cells(cells, [stacked("项目资金", "（万元）")]) == []
    assert pdf_pages.broken_in_cells(cells, [stacked("产出指标（50", "分）")]) == ["产出指标（50分）"]
    assert pdf_pages.broken_in_cells(cells, [stacked("1,23", "8.41")]) == ["1,238.41"]
    assert pdf_pages.broken_in_cells(cells, [stacked("1,238.41")]) == []


def test_contents_entries_are_read_and_checked_against_the_pages() -> None:
    pages = [
        page(1, "标题", "目录", "第一部分单位概况......2", "一、主要职能......3"),
        page(2, "第一部分单位概况", "正文。", footer="—2—"),
        page(3, "一、主要职能", footer="—3—"),
    ]
    number, entries = pdf_pages.contents_entries(pages)
    assert (number, entries) == (1, [("第一部分单位概况", 2), ("一、主要职能", 3)])
    assert pdf_pages.contents_mismatches(pages, entries) == []
    assert pdf_pages.contents_mismatches(pages, [("一、主要职能", 2), ("二、机构设置", 9)]) == [("一、主要职能", 2), ("二、机构设置", 9)]


@pytest.mark.slow
@needs_pdf_tools
def test_self_evaluation_cells_keep_a_stated_weight_whole(tmp_path: Path) -> None:
    """The 宁夏 reference table (its groups "产出指标（40分）", "数量指标（10分）"…) in its form: no "（10/分）"."""
    from tests.self_evaluation.test_ningxia import write_yanchi

    folder = write_yanchi(tmp_path / "yanchi" / "2024")  # the year its title prints
    api.generate(folder, output=tmp_path / "自评表.docx", only="self-evaluation", profile="classic-ratio", pdf=True, force=True)
    tables, _ = read_document((tmp_path / "自评表.docx").read_bytes())
    cells = [c for t in tables for r in t for c in r]
    assert any("（10分）" in c for c in cells)
    assert pdf_pages.broken_in_cells(cells, pdf_pages.read_pages(tmp_path / "自评表.pdf")) == []
