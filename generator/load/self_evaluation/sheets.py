"""Reading the sheets of 绩效自评表.xlsx: columns by header, rows into typed cells.

Every bad cell becomes a finding at that cell; reading goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal

from generator.cell_values import CellValue, text_of
from generator.findings import Finding, Location, emit
from generator.load.cells import decimal_of, formula_without_value, negative_amount
from generator.load.sheets import match_headers, unread_columns
from generator.load.workbook import Sheet, Workbook
from generator.model import Source
from generator.self_evaluation.layout import FIRST_DATA_ROW, HEADER_ROW, INSTRUCTION_ROW, TITLE_ROW, SheetLayout
from generator.self_evaluation.targets import Measure, is_not_applicable, measure_of

_TEN_THOUSAND = Decimal(10000)
_AMOUNT_SUFFIXES = (("万元", Decimal(1)), ("万", Decimal(1)), ("元", _TEN_THOUSAND))
_UNIT_DECLARATION = re.compile(r"单位\s*[:：]\s*(万元|元)")


def locate_columns(book: Workbook, layout: SheetLayout) -> tuple[Sheet | None, dict[str, int], list[Finding]]:
    """The sheet and a header -> column index map (the main pipeline's match_headers, on the fixed
    header row); a missing sheet or required header is an error."""
    sheet = book.sheets.get(layout.name)
    if sheet is None:
        return (
            None,
            {},
            [emit("self-evaluation-sheet-missing", book.location(), sheet=layout.name)],
        )
    match = match_headers(sheet, layout.columns, [HEADER_ROW])
    assert match is not None  # without a key, the one row given is the header row
    findings = [
        emit("self-evaluation-column-missing", book.location(layout.name, HEADER_ROW), sheet=layout.name, header=header, row=HEADER_ROW + 1)
        for header in (*match.missing, *_partly_present(layout, match.columns))
    ]
    findings += unread_columns(book, layout.name, match)
    return sheet, match.columns, findings


def _partly_present(layout: SheetLayout, found: Mapping[str, int]) -> list[str]:
    """The columns of LAYOUT's `together` group that are missing while others of it are present."""
    present = [header for header in layout.together if header in found]
    return [header for header in layout.together if header not in found] if present else []


def amount_scale(sheet: Sheet) -> Decimal:
    """Divisor turning the sheet's amounts into 万元: 1, or 10000 when it declares 单位：元."""
    for row in (TITLE_ROW, INSTRUCTION_ROW):
        match = _UNIT_DECLARATION.search(text_of(sheet.value(row, 0)))
        if match:
            return _TEN_THOUSAND if match[1] == "元" else Decimal(1)
    return Decimal(1)


class LazyCells(Mapping[str, Location]):
    """header -> Location of one row, each built only when asked for (most never are).

    A mapping view of the row's `Source`, the unit-year model's row location (generator.model).
    """

    def __init__(self, source: Source) -> None:
        self.source = source

    def __getitem__(self, header: str) -> Location:
        if header not in self.source.columns:
            raise KeyError(header)
        return self.source.at(header)

    def __iter__(self) -> Iterator[str]:
        return iter(self.source.columns)

    def __len__(self) -> int:
        return len(self.source.columns)

    def renamed(self, names: Mapping[str, str]) -> LazyCells:
        """The same cells under other header names (old name -> new name)."""
        columns = {names.get(h, h): c for h, c in self.source.columns.items()}
        return LazyCells(self.source.model_copy(update={"columns": columns}))


class RowReader:
    """Typed access to one data row; findings are collected in `findings`."""

    def __init__(self, book: Workbook, sheet: Sheet, columns: dict[str, int], row: int, findings: list[Finding]):
        self.book, self.sheet, self.columns, self.row, self.findings = book, sheet, columns, row, findings
        self.failed: set[str] = set()  # headers of this row whose cell could not be read

    def location(self, header: str | None = None) -> Location:
        if header is None or header not in self.columns:
            return self.book.location(self.sheet.name, self.row)
        return self.book.location(self.sheet.name, self.row, self.columns[header])

    def cells(self) -> LazyCells:
        return LazyCells(Source.model_construct(file=self.book.label, sheet=self.sheet.name, row=self.row, columns=self.columns))

    def raw(self, header: str) -> CellValue:
        col = self.columns.get(header)
        if col is None:
            return None
        if (self.row, col) in self.sheet.formulas_without_value:
            self.findings.append(formula_without_value(self.location(header), header))
            self.failed.add(header)
            return None
        return self.sheet.value(self.row, col)

    def is_blank(self) -> bool:
        return all(self.is_empty(header) for header in self.columns)

    def is_empty(self, header: str) -> bool:
        """Blank, without reporting anything (a formula without value is not blank)."""
        col = self.columns.get(header)
        return col is None or (
            text_of(self.sheet.value(self.row, col)) == "" and (self.row, col) not in self.sheet.formulas_without_value
        )

    def text(self, header: str) -> str:
        return text_of(self.raw(header))

    def _report(self, header: str, finding: Finding | None) -> None:
        if finding is not None:
            self.findings.append(finding)
            self.failed.add(header)

    def decimal(self, header: str, scale: Decimal = Decimal(1)) -> Decimal | None:
        value, finding = decimal_of(self.raw(header), self.location(header), header)
        self._report(header, finding)
        return None if value is None else value / scale

    def amount(self, header: str, scale: Decimal = Decimal(1)) -> Decimal | None:
        """An amount in 万元: a number in the sheet's unit, or text naming its own ("2403万", "2,403万元", "24030000元").

        Below zero it is refused at its cell, as the main loader refuses one (negative-amount).
        """
        value, divisor = self.raw(header), scale
        if isinstance(value, str):
            text = value.strip()
            for suffix, named in _AMOUNT_SUFFIXES:
                if text.endswith(suffix) and len(text) > len(suffix):
                    value, divisor = text[: -len(suffix)], named
                    break
        number, finding = decimal_of(value, self.location(header), header)
        if number is not None and number < 0:
            finding = negative_amount(self.location(header), header, number)
            number = None
        self._report(header, finding)
        return None if number is None else number / divisor

    def measure(self, header: str, year: int | None) -> Measure | None:
        parsed, finding = measure_of(self.raw(header), self.location(header), header, year)
        self._report(header, finding)
        return parsed

    def percent(self, header: str) -> Decimal | None:
        """A printed rate in percent points: "97.95%" or 97.95; a number below 5 is a ratio (0.9795)."""
        value = self.raw(header)
        if isinstance(value, str) and is_not_applicable(value):
            return None  # "/" printed in a row that does not apply
        if isinstance(value, str):
            text = value.strip().rstrip("%％").strip()
            number, finding = decimal_of(text, self.location(header), header)
        else:
            number, finding = decimal_of(value, self.location(header), header)
            if number is not None and abs(number) < 5:
                number = (number * 100).normalize()  # a %-formatted cell reaches us as its ratio (0.6667 → 66.67)
        self._report(header, finding)
        return number

    def points(self, header: str) -> Decimal | None:
        """A printed score such as "100.00分" or 18.98."""
        value = self.raw(header)
        if isinstance(value, str) and is_not_applicable(value):
            return None
        if isinstance(value, str):
            value = value.strip().removesuffix("分").strip()
        number, finding = decimal_of(value, self.location(header), header)
        self._report(header, finding)
        return number


def data_rows(sheet: Sheet) -> range:
    return range(FIRST_DATA_ROW, sheet.height)
