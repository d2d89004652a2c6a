"""A python-docx table built row by row, with merges applied once all rows exist.

`Table.cell()` rebuilds the whole grid on every call (python-docx issue #174),
so cells are kept per row as they are added, and merge rectangles are recorded
and applied at the end. Borders are written into the table itself, because a
docxtpl Subdoc's table style may not exist in the master template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT, WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
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
    run.font.size = size
    run.font.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


class Grid:
    def __init__(self, container: Any, widths_cm: list[float], total_width_cm: float):
        scale = total_width_cm / sum(widths_cm)
        self.widths = [Cm(w * scale) for w in widths_cm]
        self.table: Table = container.add_table(rows=0, cols=len(widths_cm))
        for grid_col, width in zip(self.table._tbl.tblGrid.gridCol_lst, self.widths, strict=True):
            grid_col.w = width
        try:
            self.table.style = "Table Grid"
        except (KeyError, ValueError):
            pass  # a template without the style: the borders below still draw the grid
        self.table.autofit = False  # fixed layout: the column widths above hold
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_borders(self.table)
        self.rows: list[list[_Cell]] = []
        self._merges: list[tuple[int, int, int, int]] = []

    def add(self, cells: list[Cell]) -> int:
        """Append a row; entries must span exactly the grid's columns. Returns the row index."""
        assert sum(c.span for c in cells) == len(self.widths), [c.text for c in cells]
        row = self.table.add_row()
        grid_cells = list(row.cells)
        index = len(self.rows)
        self.rows.append(grid_cells)
        col = 0
        for entry in cells:
            target = grid_cells[col]
            target.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            paragraph = target.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if entry.align == "center" else WD_ALIGN_PARAGRAPH.LEFT
            if entry.text:
                styled_run(paragraph, entry.text, bold=entry.bold)
            if entry.span > 1:
                self._merges.append((index, col, index, col + entry.span - 1))
            col += entry.span
        return index

    def merge_down(self, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
        """Record a vertical merge; only the top row's cells should hold text."""
        if last_row > first_row:
            self._merges = [m for m in self._merges if not (first_row <= m[0] <= last_row and m[1] == first_col and m[3] == last_col)]
            self._merges.append((first_row, first_col, last_row, last_col))

    def finish(self) -> Table:
        for top, left, bottom, right in self._merges:
            self.rows[top][left].merge(self.rows[bottom][right])
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
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
