"""The unit-year as loaded: what the person typed, as reported, with where it stands.

Amounts are exact Decimals in 万元 (a 元 workbook is scaled by 1/10000, which is
exact). Totals typed in the workbook are kept here as reported; compute derives
its own and check compares the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, InstanceOf

from generator.codes import CodeList
from generator.findings import Location, cell_name

if TYPE_CHECKING:
    from generator.self_evaluation.model import SelfEvaluationInput


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class Source(Frozen):
    """A sheet row: the location of each of its cells, for messages."""

    file: str
    sheet: str
    row: int  # 0-based
    columns: Mapping[str, int] = {}  # header -> 0-based column, shared by the rows of a sheet

    def at(self, header: str | None = None) -> Location:
        column = self.columns.get(header) if header else None
        cell = cell_name(self.row, column) if column is not None else str(self.row + 1)
        return Location.model_construct(file=self.file, sheet=self.sheet, cell=cell, field=None)


class SubjectRow(Frozen):
    """One line of a table keyed by classification code (or its 合计 line, code None)."""

    code: str | None
    name: str
    amounts: Mapping[str, Decimal | None]
    prior: Decimal | None = None
    reason: str = ""
    texts: Mapping[str, str] = {}  # other text columns: 主要用于, 预决算差异原因
    source: Source

    @property
    def level(self) -> int:
        """0 合计, 1 类, 2 款, 3 项 (functional 3/5/7 digits; economic 3/5)."""
        if self.code is None:
            return 0
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 0)

    def amount(self, header: str) -> Decimal | None:
        return self.amounts.get(header)

    def text(self, header: str) -> str:
        return self.texts.get(header, "")


class SubjectTable(Frozen):
    sheet: str
    declared_total: SubjectRow | None = None
    rows: tuple[SubjectRow, ...] = ()
    extra_totals: Mapping[str, SubjectRow] = {}  # e.g. 人员经费合计 in the 基本支出表

    @property
    def is_empty(self) -> bool:
        return not self.rows and self.declared_total is None


class ItemRow(Frozen):
    """A named row of an item sheet; values by column header."""

    name: str
    amounts: Mapping[str, Decimal | None] = {}
    texts: Mapping[str, str] = {}
    source: Source

    def amount(self, header: str) -> Decimal | None:
        return self.amounts.get(header)

    def text(self, header: str) -> str:
        return self.texts.get(header, "")


class ItemTable(Frozen):
    sheet: str
    rows: Mapping[str, ItemRow] = {}
    class_rows: Mapping[str, ItemRow] = {}  # 功能分类 类 name -> row

    def get(self, name: str) -> ItemRow | None:
        return self.rows.get(name)

    def amount(self, name: str, header: str) -> Decimal | None:
        row = self.rows.get(name)
        return row.amount(header) if row else None

    def text(self, name: str, header: str) -> str:
        row = self.rows.get(name)
        return row.text(header) if row else ""


class Cover(Frozen):
    unit_name: str
    year: int
    declared_unit: str  # "元" or "万元"
    unit_kind: str = ""
    data_source: str = ""
    template: str = ""  # 公开模板: a shipped template's name or a .docx path; blank for the default
    level: str = ""  # 决算层级: 部门 or 单位; blank for the template's
    source: Source


class Texts(Frozen):
    """The free text a person writes once and the document reuses every year."""

    functions: tuple[str, ...] = ()
    functions_note: str = ""
    subordinate_units: tuple[str, ...] | None = None  # None: not filled in; (): stated to have none
    departments: tuple[str, ...] | None = None
    performance_results: str = ""
    performance_problems: str = ""
    performance_measures: str = ""
    performance_systems: tuple[str, ...] = ()  # 预算绩效管理制度 names
    performance_mechanism: str = ""  # 预算绩效管理工作机制
    final_units: tuple[tuple[str, str], ...] = ()  # 部门决算单位构成: (单位名称, 备注)
    other_matters: str = ""
    file: str = ""
    found: bool = True  # False when the folder has no 文字说明.yaml (the loader said so: texts-missing)


class UnitYear(Frozen):
    folder: Path
    cover: Cover
    subjects: Mapping[str, SubjectTable]
    items: Mapping[str, ItemTable]
    texts: Texts
    # The code lists this folder is read with (shipped, plus the folder's own CSV), read by load: compute reads no file.
    functional: InstanceOf[CodeList]
    economic: InstanceOf[CodeList]

    def subject(self, sheet: str) -> SubjectTable:
        return self.subjects.get(sheet) or SubjectTable(sheet=sheet)

    def item_table(self, sheet: str) -> ItemTable:
        return self.items.get(sheet) or ItemTable(sheet=sheet)


@dataclass(frozen=True)
class Loaded:
    """A unit-year and, when found, the unit-year before it; and its 绩效自评表 as read (None: not asked for)."""

    current: UnitYear
    prior: UnitYear | None = None
    self_evaluation: SelfEvaluationInput | None = None
