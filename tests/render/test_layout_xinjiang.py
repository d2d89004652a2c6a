"""Layout of the 新疆 disclosure and of the self-evaluation tables (issue 10, "layout quality").

Cheap checks on the .docx XML: header rows marked to repeat, amounts right-aligned (公开01 too),
a 编制单位/金额单位 line above every report table, columns wide enough for the sample's names and
amounts, the title broken where the published document breaks it, no section without text and no
paragraph that is only a page break. One check on the PDF pages LibreOffice makes (when soffice is
installed, as in CI): no blank page, the indicator heads repeated on continuation pages, names and
amounts unbroken, the title's break.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

from generator import api
from generator.render.document import DEFAULT_TEMPLATE, disclosure_context, render_template
from generator.render.dump import section_lines
from generator.render.pdf import convert_to_pdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"
UNIT = "昌吉回族自治州医疗保障局"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPORT_HEADS = ("收入项目", "科目编码", "项目")  # the first header cell of the nine 公开 tables
AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d{2}$")


@pytest.fixture(scope="module")
def checked() -> api.Checked:
    return api.check_folder(SAMPLE)


@pytest.fixture(scope="module")
def sample(checked: api.Checked) -> bytes:
    data, findings = api.render_checked(checked)
    assert data is not None, findings
    return data


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _rows(table: etree._Element) -> list[etree._Element]:
    return table.findall(f"{W}tr")


def _cells(row: etree._Element) -> list[str]:
    return [_text(cell).strip() for cell in row.findall(f"{W}tc")]


def _repeats(row: etree._Element) -> bool:
    return row.find(f"{W}trPr/{W}tblHeader") is not None


def _report_tables(body: etree._Element) -> list[etree._Element]:
    return [t for t in body.findall(f"{W}tbl") if _cells(_rows(t)[0])[0] in REPORT_HEADS]


def _indicator_tables(body: etree._Element) -> list[etree._Element]:
    """Self-evaluation tables with a column-head row of indicators."""
    return [t for t in body.iter(f"{W}tbl") if any({"三级指标", "指标名称"} & set(_cells(r)) for r in _rows(t))]


def _previous_paragraphs(table: etree._Element, count: int) -> list[str]:
    texts, node = [], table.getprevious()
    while node is not None and len(texts) < count:
        if node.tag == f"{W}p":
            texts.append(_text(node).strip())
        node = node.getprevious()
    return texts[::-1]


def test_every_report_table_has_its_number_unit_and_amount_unit_line(sample: bytes) -> None:
    tables = _report_tables(_body(sample))
    assert len(tables) == 9
    for number, table in enumerate(tables, start=1):
        above = _previous_paragraphs(table, 2)
        assert above[0] == f"公开{number:02d}表", above
        assert above[1].startswith(f"编制单位：{UNIT}") and above[1].endswith("金额单位：万元"), above


def test_header_rows_repeat_on_every_page(sample: bytes) -> None:
    body = _body(sample)
    for table in _report_tables(body):
        assert _repeats(_rows(table)[0]), _cells(_rows(table)[0])
    indicator_tables = _indicator_tables(body)
    assert len(indicator_tables) == 12  # the unit's and the eleven projects'
    for table in indicator_tables:
        rows = _rows(table)
        heads = next(i for i, r in enumerate(rows) if {"三级指标", "指标名称"} & set(_cells(r)))
        assert all(_repeats(r) for r in rows[: heads + 1]), _cells(rows[0])
        assert not _repeats(rows[heads + 1])


@pytest.mark.parametrize("name", ["disclosure.docx", "self_evaluation.docx", "self_evaluation-ningxia.docx", "self_evaluation-chongqing.docx"])
def test_every_shipped_self_evaluation_form_repeats_its_indicator_heads(name: str) -> None:
    body = _body((ROOT / "templates" / name).read_bytes())
    tables = _indicator_tables(body)
    assert tables
    for table in tables:
        rows = _rows(table)
        heads = next(i for i, r in enumerate(rows) if {"三级指标", "指标名称"} & set(_cells(r)))
        assert all(_repeats(r) for r in rows[: heads + 1]), (name, _cells(rows[heads]))


def _alignment(paragraph: etree._Element, styles: dict[str, str]) -> str:
    own = paragraph.find(f"{W}pPr/{W}jc")
    if own is not None:
        return own.get(f"{W}val")
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return styles.get(style.get(f"{W}val") if style is not None else "", "left")


def _style_alignments(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(BytesIO(data)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    found = {}
    for style in styles.iter(f"{W}style"):
        jc = style.find(f"{W}pPr/{W}jc")
        if jc is not None:
            found[style.get(f"{W}styleId")] = jc.get(f"{W}val")
    return found


def test_amounts_are_right_aligned_in_every_report_table(sample: bytes) -> None:
    styles = _style_alignments(sample)
    tables = _report_tables(_body(sample))
    for number, table in enumerate(tables, start=1):
        for row in _rows(table)[1:]:
            for cell in row.findall(f"{W}tc"):
                if AMOUNT.match(_text(cell).strip()):
                    assert _alignment(cell.find(f"{W}p"), styles) == "right", (number, _text(cell))
    # 公开01 (收入支出决算总表): its 决算数 columns hold amounts, right-aligned; its 项目 columns are left
    summary = [row.findall(f"{W}tc") for row in _rows(tables[0])[1:]]
    amounts = [cells[i] for cells in summary for i in (1, 3) if _text(cells[i]).strip()]
    assert len(amounts) >= 12 and all(AMOUNT.match(_text(c).strip()) for c in amounts)
    assert {_alignment(c.find(f"{W}p"), styles) for c in amounts} == {"right"}
    assert {_alignment(cells[0].find(f"{W}p"), styles) for cells in summary} == {"left"}


# Advance widths as LibreOffice sets them here: CJK and full-width signs 1 em (Noto CJK), Latin
# digits 0.636 em (DejaVu Serif, the fallback for Times New Roman); pad a little for rounding.
_NARROW = {",": 0.32, ".": 0.32, "-": 0.34, "%": 0.95, " ": 0.32}


def _text_width_twips(text: str, size_pt: float = 9) -> float:
    em = sum(1.0 if ord(ch) > 0x2E7F else 0.64 if ch.isdigit() else _NARROW.get(ch, 0.7) for ch in text)
    return em * size_pt * 20 * 1.03


def _cell_margins(table: etree._Element) -> int:
    margins = table.find(f"{W}tblPr/{W}tblCellMar")
    if margins is None:
        return 2 * 108  # Word's default 0.19 cm each side
    return sum(int(margins.find(f"{W}{side}").get(f"{W}w")) for side in ("left", "right"))


def test_names_and_amounts_fit_their_columns(sample: bytes) -> None:
    """No 科目名称 (e.g. 行政事业单位养老支出) and no amount of the sample wraps in a report table."""
    seen = set()
    for table in _report_tables(_body(sample)):
        grid = [int(c.get(f"{W}w")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
        margins = _cell_margins(table)
        for row in _rows(table)[1:]:
            cells = row.findall(f"{W}tc")
            if len(cells) != len(grid):  # the merged "本表为空表" row
                continue
            for width, cell in zip(grid, cells, strict=True):
                text = _text(cell)
                assert _text_width_twips(text) <= width - margins, (text, width)
                seen.add(text.strip())
    assert {"行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", "1,238.41", "2101199"} <= seen


def test_tables_fit_the_text_width_of_their_section(sample: bytes) -> None:
    body = _body(sample)
    section = None
    for element in reversed(list(body)):  # a section's properties come after its content
        found = element if element.tag == f"{W}sectPr" else element.find(f"{W}pPr/{W}sectPr")
        if found is not None:
            size, margins = found.find(f"{W}pgSz"), found.find(f"{W}pgMar")
            section = int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))
        if element.tag == f"{W}tbl":
            assert section is not None
            total = sum(int(c.get(f"{W}w")) for c in element.findall(f"{W}tblGrid/{W}gridCol"))
            assert total <= section + 2, (_cells(_rows(element)[0]), total, section)


def test_the_title_breaks_where_the_published_document_does(sample: bytes) -> None:
    title = _body(sample).find(f"{W}p")
    parts = [[]]  # text before and after the line break
    for node in title.iter(f"{W}t", f"{W}br"):
        if node.tag == f"{W}br":
            parts.append([])
        else:
            parts[-1].append(node.text or "")
    assert ["".join(p) for p in parts] == [f"{UNIT}2024年度部门", "决算公开说明"]


def _variant(checked: api.Checked, change: str) -> bytes:
    context = disclosure_context(checked.figures, scored=checked.performance)
    if change == "no self-evaluation":
        context["se"] = None
    elif change == "no unit table":  # the context holds frozen values: build the variant, do not edit it
        context["se"] = {**context["se"], "unit": None}
    elif change == "no project":
        context["se"] = {**context["se"], "projects": []}
    data, findings = render_template(DEFAULT_TEMPLATE, context, 2024)
    assert data is not None, findings
    return data


@pytest.mark.parametrize("change", ["the sample", "no self-evaluation", "no unit table", "no project"])
def test_no_section_is_empty_and_no_paragraph_is_only_a_page_break(checked: api.Checked, sample: bytes, change: str) -> None:
    data = sample if change == "the sample" else _variant(checked, change)
    sections = section_lines(data)
    assert all(lines for _, lines in sections), [(o, len(lines)) for o, lines in sections]
    landscape_forms = [line for orientation, lines in sections if orientation == "landscape" for line in lines if line.endswith("自评表")]
    assert landscape_forms == {
        "the sample": ["单位整体支出绩效自评表"] + ["项目支出绩效自评表"] * 11,
        "no self-evaluation": [],
        "no unit table": ["项目支出绩效自评表"] * 11,
        "no project": ["单位整体支出绩效自评表"],
    }[change]
    body = _body(data)
    only_breaks = [p for p in body.iter(f"{W}p") if p.find(f".//{W}br[@{W}type='page']") is not None and not _text(p).strip()]
    assert only_breaks == []  # after a table that fills its page, such a paragraph makes a blank page


def test_a_project_form_starts_a_page_by_its_title(sample: bytes) -> None:
    titles = [p for p in _body(sample).iter(f"{W}p") if _text(p) == "项目支出绩效自评表"]
    assert len(titles) == 11
    assert all(p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in titles)


def test_the_last_rows_and_grade_stay_with_the_total(tmp_path: Path) -> None:
    """With a grade row (the classic profile, grades shown) the total keeps with it too; the notes keep with the table."""
    from generator.load.self_evaluation.profiles import PROFILE_DIR

    shipped = (PROFILE_DIR / "classic-ratio.yaml").read_text(encoding="utf-8")
    (tmp_path / "graded.yaml").write_text(shipped.replace("show_grade: false", "show_grade: true"), encoding="utf-8")
    graded = api.check_folder(SAMPLE, profile=str(tmp_path / "graded.yaml"))
    data, findings = api.render_checked(graded)
    assert data is not None, findings
    table = _indicator_tables(_body(data))[1]
    rows = _rows(table)
    total = next(i for i, r in enumerate(rows) if _cells(r)[0] == "总分")
    keeps = [r.find(f".//{W}keepNext") is not None for r in rows]
    assert _cells(rows[total + 1])[0] == "等级"
    assert keeps[total - 3 : total + 2] == [False, True, True, True, True]  # the grade keeps with the notes under it
    assert _text(table.getnext()).startswith("注：1.")


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice is not installed")
def test_the_pdf_pages(sample: bytes, tmp_path: Path) -> None:
    """One conversion of the sample: what the pages show, not only what the XML asks for."""
    source = tmp_path / "sample.docx"
    source.write_bytes(sample)
    assert convert_to_pdf(source, tmp_path / "sample.pdf") == []
    pages = _pages(tmp_path / "sample.pdf")
    flat = ["".join(page.split()) for page in pages]
    # no blank page: every page has more than its page number "— N —"
    assert [i + 1 for i, text in enumerate(flat) if not re.sub(r"^—\d+—$", "", text)] == []
    # the title: "…2024年度部门" on its first line, "决算公开说明" on the next
    title = [line.replace(" ", "") for line in pages[0].splitlines() if line.strip()][:2]
    assert title == [f"{UNIT}2024年度部门", "决算公开说明"]
    # a self-evaluation page that does not start a form starts with the repeated heads
    forms = [i for i, text in enumerate(flat) if "自评表（2024年度）" in text]
    assert len(forms) == 12
    end = next(i for i, text in enumerate(flat) if text.startswith("十二、其他需说明的事项"))
    continued = [i for i in range(forms[0], end) if i not in forms]
    assert continued, "the sample has forms longer than a page"
    assert all(flat[i].startswith("年度绩效指标完成情况") and "三级指标" in flat[i][:60] for i in continued), [flat[i][:30] for i in continued]
    # report tables: names and amounts on one line each (a wrapped cell splits them over two lines)
    tables = "\n".join(page for page, text in zip(pages, flat, strict=True) if re.search(r"公开0\d表", text))
    words = set(tables.split())
    assert {"行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", "1,238.41", "1,108.49", "2101199"} <= words
