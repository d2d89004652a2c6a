"""The PDF pages of the self-evaluation forms: on every page, each indicator row has its 一级/二级 label
printed on that page, whatever the length of its group, in every shipped layout with group columns
(新疆, 宁夏; the compact 重庆 form has none). Read from the words' positions in the PDF
(pdftotext -bbox-layout); one LibreOffice conversion per layout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import api
from tests.self_evaluation.builders import FUNDS, PROJECT, write_book

needs_pdf_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice or pdftotext is not installed"
)

# Short labels (never wrapped in their narrow columns) and numbered rows (K01…, U01…), each a word of its own in the PDF.
# Groups of 20, 12 and 11 rows (longer than a piece of 8), and short ones.
GROUPS = [("甲组", "甲一", 20), ("甲组", "甲二", 5), ("甲组", "甲三", 3), ("乙组", "乙一", 11), ("丙组", "丙一", 2)]
UNIT_GROUPS = [("丁组", "丁一", 20), ("丁组", "丁二", 6), ("戊组", "戊一", 12)]


def _rows(groups: list[tuple[str, str, int]], prefix: str) -> list[tuple[str, str, str]]:
    rows, number = [], 0
    for level1, level2, size in groups:
        for _ in range(size):
            number += 1
            rows.append((level1, level2, f"{prefix}{number:02d}"))
    return rows


PROJECT_ROWS, UNIT_ROWS = _rows(GROUPS, "K"), _rows(UNIT_GROUPS, "U")


def _weights(count: int) -> list[int]:
    """COUNT whole weights adding to 90."""
    share, more = divmod(90, count)
    return [share + 1] * more + [share] * (count - more)


def _workbook(folder: Path) -> None:
    indicators = [
        {"项目名称": "甲项目", "一级指标": l1, "二级指标": l2, "三级指标": name, "权重": weight, "目标值": ">=2次", "完成值": "2次",
         "赋分规则": "按照完成比例赋分"}
        for (l1, l2, name), weight in zip(PROJECT_ROWS, _weights(len(PROJECT_ROWS)), strict=True)
    ]  # fmt: skip
    unit = [
        {"一级指标": l1, "二级指标": l2, "三级指标": name, "预期指标值": ">=10件", "指标值设定依据": "计划", "分值权重": weight,
         "实际完成指标值": "12件"}
        for (l1, l2, name), weight in zip(UNIT_ROWS, _weights(len(UNIT_ROWS)), strict=True)
    ]  # fmt: skip
    extra = {
        "整体概况": [{"单位名称": "某局", "年度总体目标（预期目标）": "甲", "年度总体目标（实际完成情况）": "甲"}],
        "整体资金": [{"资金来源": "合计", "年初预算数": 100, "全年预算数": 100, "全年执行数": 100}],
        "整体绩效指标": unit,
    }
    write_book(folder, projects=[PROJECT], funds=FUNDS, indicators=indicators, extra=extra)


def page_words(pdf: Path) -> list[set[str]]:
    """The words of each page of PDF."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
    pages = layout.split("<page ")[1:]
    return [set(re.findall(r"<word [^>]*>([^<]*)</word>", page)) for page in pages]


def unlabelled(pages: list[set[str]], rows: list[tuple[str, str, str]]) -> list[tuple[int, str, str]]:
    """(page, row, label) for each row printed on a page that does not show its 一级 or 二级 label."""
    missing = []
    for number, words in enumerate(pages, 1):
        for level1, level2, name in rows:
            if name in words:
                missing += [(number, name, label) for label in (level1, level2) if label not in words]
    return missing


def test_unlabelled_rows_are_recognised() -> None:
    pages = [{"甲组", "甲一", "K01"}, {"K02", "甲一"}]
    assert unlabelled(pages, [("甲组", "甲一", "K01"), ("甲组", "甲一", "K02")]) == [(2, "K02", "甲组")]


@pytest.mark.slow
@needs_pdf_tools
@pytest.mark.parametrize("profile", ["xinjiang-2024", "classic-ratio"])
def test_every_page_shows_the_labels_of_its_rows(profile: str, tmp_path: Path) -> None:
    folder = tmp_path / "2024"
    _workbook(folder)
    result = api.generate(folder, output=tmp_path / "自评表.docx", only="self-evaluation", pdf=True, profile=profile)
    assert result.ok, [f.message for f in result.findings if f.severity.value == "error"]
    pages = page_words(tmp_path / "自评表.pdf")
    for rows in (PROJECT_ROWS, UNIT_ROWS):
        pages_of = {name: [n for n, words in enumerate(pages) if name in words] for _, _, name in rows}
        assert all(len(found) == 1 for found in pages_of.values()), pages_of  # every row printed, once
        assert len({found[0] for found in pages_of.values()}) > 1, "the table fits one page: nothing tested"
    first_group = {n for n, words in enumerate(pages) for l1, _, name in PROJECT_ROWS if l1 == "甲组" and name in words}
    assert len(first_group) > 1, "甲组 (28 rows) does not run over a page break: nothing tested"
    assert unlabelled(pages, PROJECT_ROWS + UNIT_ROWS) == []
