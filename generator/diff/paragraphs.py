"""A WordprocessingML paragraph as text with offsets, and that paragraph rebuilt with tracked changes.

`atoms(p)` reads a paragraph as pieces with their place in its text: the text of a w:t (which may
be split), a tab or line break (one character each), and things that are never split or compared
by content: a field (complex or w:fldSimple) counts as one U+FFFC whatever its result says, so a
page number or a refreshed field is never a change; a hyperlink or content control counts as its
text, whole; bookmarks and proofing marks count as nothing.

`rebuild(p, ...)` re-creates the paragraph's runs from those pieces: the inserted stretches wrapped
in w:ins, and the deleted text of the old paragraph put back where it was, in w:del runs that carry
the OLD runs' properties. Everything else of the new paragraph (its properties, its runs' properties,
non-text content) stays as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OBJECT = "\ufffc"  # a field, whatever its result: never a change
_CHARS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-", f"{W}softHyphen": ""}
_ZERO_WIDTH = {
    f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}proofErr", f"{W}permStart", f"{W}permEnd",
    f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}lastRenderedPageBreak",
}  # fmt: skip


@dataclass
class Atom:
    """A piece of a paragraph at [start, start + len(text)) of its text."""

    start: int
    text: str
    node: etree._Element  # a run child (w:t, w:tab, …) or a paragraph child that is not a run
    run: etree._Element | None  # the paragraph's run that holds NODE, None for a paragraph child
    splittable: bool = False  # a w:t: may be cut anywhere

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def atoms(paragraph: etree._Element) -> list[Atom]:
    out: list[Atom] = []
    offset = 0
    depth = 0  # inside a complex field (between fldChar begin and end)
    for child in paragraph:
        if child.tag == f"{W}pPr":
            continue
        if child.tag != f"{W}r":
            text = "" if child.tag in _ZERO_WIDTH else OBJECT if child.tag == f"{W}fldSimple" else visible_text(child)
            out.append(Atom(offset, text, child, None))
            offset += len(text)
            continue
        for node in child:
            if node.tag == f"{W}rPr":
                continue
            if node.tag == f"{W}fldChar":
                kind = node.get(f"{W}fldCharType")
                text = OBJECT if kind == "begin" and depth == 0 else ""
                depth = depth + 1 if kind == "begin" else depth - 1 if kind == "end" else depth
                out.append(Atom(offset, text, node, child))
            elif depth > 0 or node.tag in _ZERO_WIDTH:
                out.append(Atom(offset, "", node, child))
            elif node.tag == f"{W}t":
                out.append(Atom(offset, node.text or "", node, child, splittable=True))
            else:
                out.append(Atom(offset, _CHARS.get(node.tag, OBJECT), node, child))
            offset += len(out[-1].text)
    return out


def text_of(paragraph: etree._Element) -> str:
    return "".join(a.text for a in atoms(paragraph))


def visible_text(element: etree._Element) -> str:
    """The text of ELEMENT that a reader of the final document sees (deleted text left out)."""
    return "".join(t.text or "" for t in element.iter(f"{W}t") if not any(a.tag == f"{W}del" for a in t.iterancestors()))


class Marks:
    """Makes w:ins / w:del (and the paragraph-mark and row variants) with one author, one date, fresh ids."""

    def __init__(self, author: str, date: str, first_id: int) -> None:
        self.author, self.date, self.next_id = author, date, first_id

    def make(self, kind: str) -> etree._Element:
        element = etree.Element(f"{W}{kind}", {f"{W}id": str(self.next_id), f"{W}author": self.author, f"{W}date": self.date})
        self.next_id += 1
        return element


Span = tuple[int, int]


def rebuild(
    paragraph: etree._Element,
    inserted: list[Span],
    deletions: dict[int, list[etree._Element]],
    marks: Marks,
) -> None:
    """Mark the INSERTED stretches of PARAGRAPH's text and put the deleted runs at their offsets.

    DELETIONS maps an offset of the new text to w:r elements (already carrying w:delText) that
    go there, before whatever is inserted at that offset.
    """
    pieces = list(_pieces(atoms(paragraph), inserted, set(deletions)))
    for child in list(paragraph):
        if child.tag != f"{W}pPr":
            paragraph.remove(child)
    pending = sorted(deletions)
    run_source: etree._Element | None = None
    run_inserted = False
    current: etree._Element | None = None  # the output run being filled
    wrapper: etree._Element | None = None  # the w:ins holding it, if inserted
    for start, text, atom, is_inserted in pieces:
        while pending and pending[0] <= start and (text or atom.run is None or pending[0] < start):
            deleted = marks.make("del")
            deleted.extend(deletions[pending.pop(0)])
            paragraph.append(deleted)
            current = wrapper = None
        if atom.run is None:  # a paragraph child: kept whole
            if is_inserted:
                _insert_runs_inside(atom.node, marks)
            paragraph.append(atom.node)
            current = wrapper = None
            continue
        if current is None or atom.run is not run_source or is_inserted != run_inserted:
            current = _empty_run_like(atom.run)
            run_source, run_inserted = atom.run, is_inserted
            if is_inserted:
                if wrapper is None:
                    wrapper = marks.make("ins")
                    paragraph.append(wrapper)
                wrapper.append(current)
            else:
                wrapper = None
                paragraph.append(current)
        if atom.splittable:
            current.append(_text_node(text))
        else:
            current.append(atom.node)
    for offset in pending:
        deleted = marks.make("del")
        deleted.extend(deletions[offset])
        paragraph.append(deleted)


def _pieces(found: list[Atom], inserted: list[Span], anchors: set[int]) -> Iterable[tuple[int, str, Atom, bool]]:
    """(start, text, atom, inserted?) with w:t text cut at every boundary of an insertion or deletion."""
    cuts = sorted({x for span in inserted for x in span} | anchors)
    for atom in found:
        if not atom.splittable:
            yield atom.start, atom.text, atom, _covered(atom.start, atom.end, inserted)
            continue
        points = [atom.start] + [c for c in cuts if atom.start < c < atom.end] + [atom.end]
        for a, b in zip(points, points[1:], strict=False):
            if a < b or len(points) == 2:
                yield a, atom.text[a - atom.start : b - atom.start], atom, _covered(a, b, inserted)


def _covered(start: int, end: int, spans: list[Span]) -> bool:
    if start == end:
        return any(a < start < b for a, b in spans)
    return any(a < end and start < b for a, b in spans)


def _empty_run_like(run: etree._Element) -> etree._Element:
    out = etree.Element(f"{W}r", dict(run.attrib))
    properties = run.find(f"{W}rPr")
    if properties is not None:
        out.append(copy.deepcopy(properties))
    return out


def _text_node(text: str, tag: str = "t") -> etree._Element:
    node = etree.Element(f"{W}{tag}")
    node.text = text
    node.set(XML_SPACE, "preserve")
    return node


def _insert_runs_inside(element: etree._Element, marks: Marks) -> None:
    """Wrap the runs inside a hyperlink, simple field, content control… in w:ins."""
    for run in list(element.iter(f"{W}r")):
        parent = run.getparent()
        if parent is not None and parent.tag not in (f"{W}ins", f"{W}del"):
            wrapper = marks.make("ins")
            run.addprevious(wrapper)
            wrapper.append(run)


def deleted_runs(found: list[Atom], start: int, end: int) -> list[etree._Element]:
    """The old text in [START, END) as w:r elements with w:delText, each with its old run's properties."""
    runs: list[etree._Element] = []
    source: etree._Element | None = None
    for atom in found:
        if atom.run is None or atom.end <= start or atom.start >= end or not atom.text:
            continue
        if atom.splittable:
            node = _text_node(atom.text[max(start, atom.start) - atom.start : min(end, atom.end) - atom.start], "delText")
        elif atom.text in ("\t", "\n") and atom.node.get(f"{W}type") != "page":
            node = copy.deepcopy(atom.node)
        else:
            continue  # fields and objects are not carried into the deletion
        if source is not atom.run:
            runs.append(_empty_run_like(atom.run))
            source = atom.run
        runs[-1].append(node)
    return runs


def mark_paragraph(paragraph: etree._Element, marker: etree._Element) -> None:
    """Mark PARAGRAPH's mark (its pilcrow) as inserted or deleted: w:pPr/w:rPr/w:ins|w:del."""
    properties = paragraph.find(f"{W}pPr")
    if properties is None:
        properties = etree.Element(f"{W}pPr")
        paragraph.insert(0, properties)
    mark = properties.find(f"{W}rPr")
    if mark is None:
        mark = etree.Element(f"{W}rPr")
        later = next((c for c in properties if c.tag in (f"{W}sectPr", f"{W}pPrChange")), None)
        if later is not None:
            later.addprevious(mark)
        else:
            properties.append(mark)
    mark.insert(0, marker)


def insert_paragraph(paragraph: etree._Element, marks: Marks) -> None:
    """Everything in PARAGRAPH is new: its runs go into w:ins, and so does its mark."""
    group: etree._Element | None = None
    for child in list(paragraph):
        if child.tag == f"{W}r":
            if group is None:
                group = marks.make("ins")
                child.addprevious(group)
            group.append(child)
        elif child.tag != f"{W}pPr":
            group = None
            _insert_runs_inside(child, marks)
    if paragraph.find(f"{W}pPr/{W}sectPr") is None:  # a section break is layout, not a change
        mark_paragraph(paragraph, marks.make("ins"))


def delete_paragraph(paragraph: etree._Element, marks: Marks) -> etree._Element | None:
    """A copy of an old PARAGRAPH, all of it deleted, without its page or section breaks; None if it says nothing."""
    found = atoms(paragraph)
    text = "".join(a.text for a in found)
    if paragraph.find(f"{W}pPr/{W}sectPr") is not None and not text.strip():
        return None
    out = etree.Element(f"{W}p", dict(paragraph.attrib))
    properties = paragraph.find(f"{W}pPr")
    if properties is not None:
        properties = copy.deepcopy(properties)
        for layout in properties.findall(f"{W}sectPr") + properties.findall(f"{W}pageBreakBefore"):
            properties.remove(layout)
        out.append(properties)
    runs = deleted_runs(found, 0, len(text))
    if runs:
        deleted = marks.make("del")
        deleted.extend(runs)
        out.append(deleted)
    mark_paragraph(out, marks.make("del"))
    return out
