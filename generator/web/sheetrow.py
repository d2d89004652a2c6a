"""The row of a sheet that a finding points at, for showing it with the cell highlighted."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import api, layout
from generator.findings import Location

_CELL = re.compile(r"^(?P<col>[A-Z]{1,3})?(?P<row>\d+)$")
HEADER_ROW = layout.FIRST_DATA_ROW - 1  # 0-based: the row of column headers (title, note, headers, data…)


@dataclass(frozen=True)
class SheetRow:
    sheet: str
    header: list[str]
    number: int  # 1-based, as Excel shows it
    cells: list[str]
    column: int | None  # 0-based column of the highlighted cell; None when the whole row is meant

    @property
    def letters(self) -> list[str]:
        from generator.findings import column_letter

        return [column_letter(i) for i in range(len(self.cells))]


class RowReader:
    """Reads sheets once per file version (path, size, mtime); thread-safe."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._cache: dict[tuple[Path, int, int], dict[str, list[list[Any]]]] = {}
        self._guard = threading.Lock()

    def row_of(self, location: Location) -> SheetRow | None:
        """The row LOCATION names, when it is a cell of a workbook under ROOT; None otherwise."""
        if not location.file or location.sheet is None or location.cell is None:
            return None
        match = _CELL.match(location.cell)
        path = Path(location.file)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        if match is None or path.suffix != ".xlsx" or not path.is_relative_to(self.root) or not path.is_file():
            return None
        rows = self._sheet(path, location.sheet)
        if rows is None:
            return None
        index = int(match["row"]) - 1
        column = _column_index(match["col"]) if match["col"] else None
        cells = [_text(v) for v in rows[index]] if index < len(rows) else []
        header = [_text(v) for v in rows[HEADER_ROW]] if HEADER_ROW < len(rows) and index != HEADER_ROW else []
        width = max(len(cells), len(header), (column or 0) + 1)
        cells += [""] * (width - len(cells))
        header += [""] * (width - len(header)) if header else []
        return SheetRow(location.sheet, header, index + 1, cells, column)

    def _sheet(self, path: Path, sheet: str) -> list[list[Any]] | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (path, stat.st_size, stat.st_mtime_ns)
        with self._guard:
            book = self._cache.get(key)
        if book is None:
            # Through the guarded reader, as the check read it: bounded extents, no zip bomb, no entities.
            book = api.workbook_rows(path)
            if book is None:  # a damaged workbook: the findings already say so
                return None
            with self._guard:
                if len(self._cache) > 16:
                    self._cache.clear()
                self._cache[key] = book
        return book.get(sheet)


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
