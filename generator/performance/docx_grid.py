"""A python-docx table built row by row, with vertical merges applied once all rows exist.

`Table.cell()` rebuilds the whole grid on every call (python-docx issue #174),
and `_Cell.merge()` re-walks the grid to find spans, so this builds each row's
`w:tc` elements directly: a horizontal span is one cell with `w:gridSpan`, and
a recorded vertical merge becomes `w:vMerge` restart/continue at the end (what
`_Cell.merge()` writes). Borders are written into the table itself, because a
docxtpl Subdoc's table style may not exist in the master template.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.shared import Cm, Emu, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "仿宋"
TITLE_FONT = "黑体"
CELL_SIZE = Pt(10.5)


@dataclass(frozen=True)
class Cell:
    """One entry of a row: text spanning `span` grid columns."""

    text: str = ""
    span: int = 1
    bold: bool = False
    align: str = "center"  # center / left


def styled_run(paragraph: Paragraph, text: str, *, size: Pt = CELL_SIZE, bold: bool = False, font: str = FONT) -> None:
    """A run in a CJK font: python-docx sets only the Latin font unless w:eastAsia is set too."""
    run = paragraph.add_run(text)
    run._r.insert(0, copy.deepcopy(_run_properties(size, bold, font)))


@lru_cache(maxsize=32)
def _run_properties(size: Pt, bold: bool, font: str) -> Any:
    """A `w:rPr` built once per style and copied into each run (cheaper than the property setters)."""
    scratch = Document().add_paragraph().add_run()
    scratch.font.size = size
    scratch.font.bold = bold
    scratch.font.name = font
    scratch._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return scratch._r.rPr


class Grid:
    def __init__(self, container: Any, widths_cm: list[float], total_width_cm: float):
        scale = total_width_cm / sum(widths_cm)
        self.widths = [Cm(w * scale) for w in widths_cm]
        self.table: Table = container.add_table(rows=0, cols=len(widths_cm))
        for grid_col, width in zip(self.table._tbl.tblGrid.gridCol_lst, self.widths, strict=True):
            grid_col.w = width
        with contextlib.suppress(KeyError, ValueError):  # a template without the style: the borders below draw the grid
            self.table.style = "Table Grid"
        self.table.autofit = False  # fixed layout: the column widths above hold
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_borders(self.table)
        self.rows: list[dict[int, Any]] = []  # per row: grid column -> w:tc starting there
        self._merges: list[tuple[int, int, int]] = []  # (first row, last row, grid column)

    def add(self, cells: list[Cell]) -> int:
        """Append a row; entries must span exactly the grid's columns. Returns the row index."""
        assert sum(c.span for c in cells) == len(self.widths), [c.text for c in cells]
        tr = self.table._tbl.add_tr()
        starts: dict[int, Any] = {}
        col = 0
        for entry in cells:
            tc = tr.add_tc()
            tc.width = sum(self.widths[col : col + entry.span], Emu(0))
            if entry.span > 1:
                tc.grid_span = entry.span
            cell = _Cell(tc, self.table)
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if entry.align == "center" else WD_ALIGN_PARAGRAPH.LEFT
            if entry.text:
                styled_run(paragraph, entry.text, bold=entry.bold)
            starts[col] = tc
            col += entry.span
        self.rows.append(starts)
        return len(self.rows) - 1

    def merge_down(self, first_row: int, last_row: int, col: int) -> None:
        """Merge the cells starting at grid column `col` from first_row to last_row (same spans);
        only the top one should hold text."""
        if last_row > first_row:
            self._merges.append((first_row, last_row, col))

    def finish(self) -> Table:
        for first, last, col in self._merges:
            self.rows[first][col].vMerge = ST_Merge.RESTART
            for row in range(first + 1, last + 1):
                self.rows[row][col].vMerge = ST_Merge.CONTINUE
        return self.table


def _set_borders(table: Table) -> None:
    """Single black borders on every cell edge, written into the table's own properties."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
    margins = OxmlElement("w:tblCellMar")  # narrow side margins: 14 columns share the text width
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "57")  # twips, 0.1 cm
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
