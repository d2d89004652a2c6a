"""Seeded edits of a finished .docx as people make them in Word, for measuring `juesuan verify`.

`edit(path, seed, index)` is deterministic: it reads the document, makes one edit of one kind and
returns the edited bytes with where the edit is (the section of the paragraph, or the table) so
that a benchmark can ask whether verify found it there. The kinds are what finance officers and
inspectors see in published documents:

- sentence-number: an amount in a sentence of the 情况说明 retyped (a different figure);
- cell-number: a number in one of the nine tables retyped;
- percentage: a percentage retyped;
- direction: 增加 ↔ 减少 (or 增长 ↔ 下降, 大于 ↔ 小于) swapped in one place;
- delete-row: a row of a coded table (a 项, 款 or 类) deleted;
- empty-clause: the text after 主要原因是： or 包括 emptied;
- year: the year of a heading or of a sentence that begins with it changed;
- placeholder: template residue put back ("XX", "增加（减少）", "下降（增长）").
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

KINDS = ("sentence-number", "cell-number", "percentage", "direction", "delete-row", "empty-clause", "year", "placeholder")
_AMOUNT = re.compile(r"\d[\d,]*\.\d{2}(?=万元)")
_PERCENT = re.compile(r"\d+\.\d{2}(?=%)")
_DIRECTIONS = (("增加", "减少"), ("增长", "下降"), ("大于", "小于"))
_DIRECTION_OF_FIGURE = re.compile(r"(增加|减少|增长|下降)\d[\d,]*\.\d{2}(?:万元|%)|(大于|小于)预算")
_REASON = re.compile(r"(主要原因(?:是)?[：:]|开支内容包括[：:]?|主要用于[：:])([^。]{2,})。")
_YEAR = re.compile(r"^(20\d\d)年")
_CODE = re.compile(r"^\d{3,7}$")
_NUMBER = re.compile(r"^-?\d[\d,]*\.\d{2}$")
NARRATIVE = ("情况说明",)
NINE = ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表")


@dataclass(frozen=True)
class Edit:
    kind: str
    data: bytes  # the edited .docx
    where: str  # the section (part › section) of the edited paragraph, or the table's title
    table: bool  # True when WHERE is a table
    before: str
    after: str


def _set_text(paragraph, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    """Replace OLD by NEW once in a python-docx paragraph, keeping the runs when the text lies in one run."""
    for run in paragraph.runs:
        if old in run.text:
            run.text = run.text.replace(old, new, 1)
            return
    text = paragraph.text.replace(old, new, 1)
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _places(path: Path) -> dict[str, str]:
    """Paragraph text → its section path, as verify's reader sees the clean document."""
    from generator.verify.read_docx import read_docx

    document = read_docx(path)
    return {p.text: p.place.part + " › " + p.place.section for p in document.paragraphs}


def _tables(document):  # type: ignore[no-untyped-def]
    from generator.verify.read_docx import title_of

    found = []
    recent: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")).strip()
            if text:
                recent = (recent + [" ".join(text.split())])[-4:]
        elif tag == "tbl":
            from docx.table import Table

            found.append((title_of(recent)[0], Table(child, document)))
            recent = []
    return found


def edit(path: Path, seed: int, index: int, kind: str | None = None) -> Edit | None:
    """One seeded edit of the document at PATH; None when the document has nothing of that kind to edit."""
    import docx

    rng = random.Random(f"{seed}-{index}")
    kind = kind or KINDS[index % len(KINDS)]
    document = docx.Document(str(path))
    places = _places(path)
    narrative = [p for p in document.paragraphs if any(w in places.get(" ".join(p.text.replace("\u3000", " ").split()), "") for w in NARRATIVE)
                 and " ".join(p.text.split()) in places and len(p.text) > 12]
    result = _apply(kind, rng, document, narrative, places)
    if result is None:
        return None
    where, table, before, after = result
    buffer = io.BytesIO()
    document.save(buffer)
    return Edit(kind, buffer.getvalue(), where, table, before, after)


def _key(text: str) -> str:
    return " ".join(text.replace("\u3000", " ").split())


def _apply(kind, rng, document, narrative, places):  # type: ignore[no-untyped-def]
    if kind in ("cell-number", "delete-row"):
        tables = [(title, t) for title, t in _tables(document) if title in NINE]
        rng.shuffle(tables)
        for title, table in tables:
            rows = list(table.rows)
            if kind == "delete-row":
                coded = [r for r in rows if r.cells and _CODE.match(r.cells[0].text.strip()) and any(_NUMBER.match(c.text.strip()) and Decimal(c.text.replace(",", "")) for c in r.cells)]
                if not coded:
                    continue
                row = rng.choice(coded)
                before = " | ".join(c.text for c in row.cells)
                row._tr.getparent().remove(row._tr)
                return title, True, before, ""
            cells = [c for r in rows for c in r.cells if _NUMBER.match(c.text.strip())]
            cells = list({id(c._tc): c for c in cells}.values())
            if not cells:
                continue
            cell = rng.choice(cells)
            old = cell.text.strip()
            new = _other_amount(rng, old)
            _set_text(cell.paragraphs[0], old, new)
            return title, True, old, new
        return None
    rng.shuffle(narrative)
    for paragraph in narrative:
        text = paragraph.text
        where = places[_key(text)]
        if kind == "sentence-number" and (hits := list(_AMOUNT.finditer(text))):
            old = rng.choice(hits).group(0)
            new = _other_amount(rng, old)
            _set_text(paragraph, old + "万元", new + "万元")
            return where, False, old, new
        if kind == "percentage" and (hits := list(_PERCENT.finditer(text))):
            old = rng.choice(hits).group(0)
            new = _other_percent(rng, old)
            _set_text(paragraph, old + "%", new + "%")
            return where, False, old, new
        if kind == "direction":  # the word of a figure ("增加4.36万元", "下降10.53%", "大于预算数"), not one inside a reason
            hits = [m for m in _DIRECTION_OF_FIGURE.finditer(text)]
            if hits:
                hit = rng.choice(hits)
                old = hit.group(0)
                word = hit.group(1) or hit.group(2)
                swapped = next(b if a == word else a for a, b in _DIRECTIONS if word in (a, b))
                new = swapped + old[len(word):]
                _set_text(paragraph, old, new)
                return where, False, old, new
        if kind == "empty-clause" and (hits := list(_REASON.finditer(text))):
            hit = rng.choice(hits)
            _set_text(paragraph, hit.group(0), hit.group(1) + "。")
            return where, False, hit.group(0), hit.group(1) + "。"
        if kind == "year" and (hit := _YEAR.match(text)):
            old = hit.group(0)
            new = f"{int(hit.group(1)) + rng.choice((-1, 1))}年"
            _set_text(paragraph, old, new)
            return where, False, old, new
        if kind == "placeholder":
            if (hits := list(_AMOUNT.finditer(text))) and rng.random() < 0.5:
                old = rng.choice(hits).group(0) + "万元"
                new = "XX万元"
            elif any(w in text for pair in _DIRECTIONS for w in pair):
                old = next(w for pair in _DIRECTIONS for w in pair if w in text)
                a, b = next(pair for pair in _DIRECTIONS if old in pair)
                new = f"{a}（{b}）"
            else:
                continue
            _set_text(paragraph, old, new)
            return where, False, old, new
    return None


def _other_amount(rng: random.Random, old: str) -> str:
    value = Decimal(old.replace(",", ""))
    while True:
        delta = Decimal(rng.choice((1, 2, 5, 10, 30, 100))) * Decimal(rng.choice((1, -1))) / Decimal(rng.choice((1, 10, 100)))
        new = value + delta
        if new >= 0 and new != value:
            return f"{new:,.2f}" if "," in old or new >= 1000 else f"{new:.2f}"


def _other_percent(rng: random.Random, old: str) -> str:
    value = Decimal(old)
    while True:
        new = value + Decimal(rng.choice((1, 2, 5, 10, 50, 100))) * Decimal(rng.choice((1, -1))) / Decimal(rng.choice((1, 10)))
        if new >= 0 and new != value:
            return f"{new:.2f}"


Problem = tuple[str, str, str, str]  # code, section or table, paragraph or cell, values


def problems(path: Path) -> set[Problem]:
    """Every error and warning verify reports on PATH, keyed so that those an edit adds can be told from the clean document's."""
    from generator.verify import verify_document

    findings, _ = verify_document(path)
    return {(f.code, f.location.sheet or "", f.location.cell or "", repr(sorted(f.values.items()))) for f in findings if f.severity.value != "info"}


def found_at(change: Edit, new: set[Problem]) -> bool:
    """A new finding in the edited table, or in the edited paragraph's numbered section."""
    section = change.where.split(" › ")[-1]
    return any((change.where in where) if change.table else (section in where) for _, where, _, _ in new)
