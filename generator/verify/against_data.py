"""`verify --data`: the document against the unit-year folder, as documents juesuan renders from it.

Two comparisons, both between documents: the library renders the folder (generator.api.verify_document:
check_folder, then render_checked with each shipped template in turn) and hands the .docx bytes here;
the closest to the document is kept, read by the same reader as the one verified. verify itself imports
no stage of the generator (tests/test_layers.py). Then
- every table cell of the document is compared with the same cell of the rendered one (a figure
  changed in Word after generate is found at its row), and every amount of a sentence with the
  amount at the same place of the same sentence;
- every sentence juesuan writes is compared with the document's sentence at the same place of the
  same section (sentences, not paragraphs: a PDF's text breaks paragraphs differently).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.findings import Finding, Location, emit
from generator.verify.audit import Audit, State
from generator.verify.document import Document, Paragraph
from generator.verify.mentions import mentions
from generator.verify.read_docx import read_docx
from generator.verify.rules_text import is_unit_document
from generator.verify.tables import kind_of, number

_SPACE = re.compile(r"\s+|[“”]")  # white space, and quotes (a PDF's text may give those of “三公” apart)


@dataclass(frozen=True)
class Expected:
    """What a document is compared with: its data FOLDER, and RENDER, which gives for a level (部门 or 单位) the
    .docx bytes juesuan renders from the folder, by template name (none when the folder cannot be settled)."""

    folder: Path
    render: Callable[[str], Mapping[str, bytes]]


def rendered_documents(expected: Expected, level: str) -> list[Document]:
    """The folder's documents at LEVEL, read as the verified document is read."""
    return [read_docx(Path(f"{name}.docx"), data) for name, data in expected.render(level).items()]


def compare_with_data(audit: Audit, expected: Expected) -> None:
    # A 单位决算 is compared with the folder's 单位决算: its sections are named so (…单位决算情况说明).
    folder = expected.folder
    documents = rendered_documents(expected, "单位" if is_unit_document(audit.document) else "部门")
    if not documents:
        audit.findings.append(emit("doc-unreadable", Location(file=str(folder)), reason="data", name=f"数据文件夹 {folder}", problem="无法结算（先运行 juesuan check）", consequence="，未与数据比对"))
        audit.record("data", "与数据文件夹比对", str(folder), State.UNREADABLE)
        return
    ours = _SPACE.sub("", "".join(p.text for p in audit.document.paragraphs))
    best = max(documents, key=lambda d: difflib.SequenceMatcher(None, ours, _SPACE.sub("", "".join(p.text for p in d.paragraphs)), autojunk=False).quick_ratio())
    _paragraphs(audit, best)
    _tables(audit, best)


def _sentences(document: Document) -> dict[str, list[tuple[str, Paragraph]]]:
    """Section → its sentences in order (white space removed), each with the paragraph it stands in.

    Compared by section and sentence, not by paragraph: a PDF's text splits paragraphs differently from
    Word, and the appended 绩效自评表 titles are table titles there. Only prose is compared (a sentence ends in 。)."""
    flows: dict[str, list[tuple[int, Paragraph]]] = {}
    texts: dict[str, str] = {}
    for paragraph in document.paragraphs:
        if paragraph.heading or paragraph.place.part == "目录" or "。" not in paragraph.text:
            continue
        key = _SPACE.sub("", paragraph.place.path)
        flows.setdefault(key, []).append((len(texts.get(key, "")), paragraph))
        texts[key] = texts.get(key, "") + _SPACE.sub("", paragraph.text)
    result: dict[str, list[tuple[str, Paragraph]]] = {}
    for key, text in texts.items():
        for found in re.finditer(r"[^。]*。|[^。]+$", text):
            paragraph = next(p for start, p in reversed(flows[key]) if start <= found.start())
            result.setdefault(key, []).append((found.group(0), paragraph))
    return result


def _paragraphs(audit: Audit, expected: Document) -> None:
    ours = _sentences(audit.document)
    theirs = _sentences(expected)
    figures: list[Finding] = []
    texts: list[Finding] = []
    checks = 0
    reported: set[int] = set()
    for key, mine in ours.items():
        generated = theirs.get(key)
        if generated is None:
            continue
        a = [s for s, _ in mine]
        b = [s for s, _ in generated]
        checks += len(a)
        for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            for k in range(max(a1 - a0, b1 - b0)):
                sentence, paragraph = mine[min(a0 + k, a1 - 1)] if a1 > a0 else mine[min(a0, len(mine) - 1)]
                want = b[b0 + k] if b0 + k < b1 else ""
                where = audit.at_paragraph(paragraph)
                if a0 + k < a1 and want:
                    figures.extend(_figures(where, sentence, want))
                if paragraph.index in reported:
                    continue
                reported.add(paragraph.index)
                if not want:
                    texts.append(emit("doc-text-differs", where, expected="", actual=sentence, problem="这一句不在按数据生成的文档中（新增或改写）", excerpt=sentence[:60]))
                elif a0 + k >= a1:
                    texts.append(emit("doc-text-differs", where, expected=want, actual="", problem="按数据生成的文档在此处还有一句，文档中没有", excerpt=want[:80]))
                else:
                    texts.append(emit("doc-text-differs", where, expected=want, actual=sentence, problem="与按数据生成的文字不同，应为", excerpt=want[:120]))
    audit.outcome("data-figures", "句中的数与数据一致", "全文", figures, checks)
    audit.outcome("data-texts", "各句与按数据生成的文字一致", "全文", texts, checks)


def _figures(where: Location, sentence: str, want: str) -> list[Finding]:
    stated = [m for m in mentions(sentence) if m.unit != "%"]
    computed = [m for m in mentions(want) if m.unit != "%"]
    if len(stated) != len(computed):
        return []
    return [emit("doc-data-mismatch", where, stated=s.wan, computed=c.wan, difference=s.wan - c.wan, name=s.label,
                 subject=f"“{s.label}”", stated_text=f"{abs(s.wan)}万元", computed_text=f"{abs(c.wan)}万元")
            for s, c in zip(stated, computed, strict=True) if s.wan != c.wan]


def _tables(audit: Audit, expected: Document) -> None:
    theirs = {kind_of(t): t for t in expected.tables if kind_of(t) not in ("", "SE")}
    found, checks = [], 0
    for table in audit.document.tables:
        kind = kind_of(table)
        other = theirs.get(kind)
        if other is None or not table.readable:
            continue
        index = {_row_key(r): r for r in other.rows}
        for i, row in enumerate(table.rows):
            key = _row_key(row)
            generated = index.get(key)
            if generated is None:
                continue
            for j, cell in enumerate(row):
                value = number(cell)
                if value is None or j >= len(generated) or _is_code(j, cell):
                    continue
                checks += 1
                want = number(generated[j])
                if want is not None and want != value:
                    found.append(emit("doc-data-mismatch", audit.at_cell(table, i, other.rows[0][j] if other.rows and j < len(other.rows[0]) else None),
                                      stated=value, computed=want, difference=value - want, name=" ".join(key),
                                      subject=f"表中 {' '.join(key)} ", stated_text=str(value), computed_text=str(want)))
    audit.outcome("data-tables", "表中的数与数据一致", "九张表", found, checks)


def _is_code(column: int, cell: str) -> bool:
    """A 科目编码 in a table's first column: a label, not an amount (类, 款 and 项 can share a name: 229/22999/2299999 其他支出)."""
    return column == 0 and cell.strip().isdigit()


def _row_key(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row's first two labels (a code is one); blank cells are no label (the two-block 基本支出表 leaves one block blank)."""
    return tuple(c.replace(" ", "") for j, c in enumerate(row) if c.strip() and (number(c) is None or _is_code(j, c)))[:2]


__all__ = ["Decimal", "Expected", "compare_with_data"]
