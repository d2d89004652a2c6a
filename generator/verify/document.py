"""What verify reads from a finished disclosure: its paragraphs and tables in order, each with where it stands.

The readers (read_docx.py, read_text.py) build a `Document`; the rules only read it. A location is
the part and numbered section a block stands under, its paragraph or table index and, for a PDF,
its page: what a person needs to find the place in Word or in the printed file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where a block stands: 第二部分 › 九、… › （一）…, and the page of a PDF."""

    part: str = ""  # "第二部分　部门决算情况说明"
    section: str = ""  # "九、财政拨款“三公”经费支出决算情况说明"
    subsection: str = ""  # "（二）一般公共预算财政拨款支出决算结构情况"
    page: int | None = None

    @property
    def path(self) -> str:
        return " › ".join(p for p in (self.part, self.section, self.subsection) if p)


@dataclass(frozen=True)
class Paragraph:
    index: int  # 1-based among the document's paragraphs (headings included)
    text: str
    place: Place
    heading: str = ""  # "part", "section", "subsection" for a heading, else ""


@dataclass(frozen=True)
class Table:
    index: int  # 1-based among the document's tables
    title: str  # the paragraph naming it ("收入支出决算总表"), "" when none does
    code: str  # "公开01表" when the document numbers it
    rows: tuple[tuple[str, ...], ...]  # cell texts row by row; a merged cell repeats its text in every grid cell
    place: Place
    readable: bool = True  # False: the reader could not recover its rows and columns (reported, never guessed)
    why_unreadable: str = ""
    unit: str = "万元"  # the table's 金额单位
    partial_names: bool = False  # some names wrapped onto lines of their own (PDF text): a name may be cut, its numbers are whole


@dataclass(frozen=True)
class Document:
    path: str
    kind: str  # "docx", "pdf", "txt"
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
    pages: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the reader could not do (Chinese)

    @property
    def title(self) -> str:
        return next((p.text for p in self.paragraphs if p.text.strip()), "")
