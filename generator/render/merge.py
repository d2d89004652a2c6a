"""Table fixes after rendering: vertical merges of marked cells, and 总分 rows kept with their table.

A cell holding only MERGE_MARK continues the cell above.

This is what docxtpl's `{% vm %}` cannot do for nested groups (it only knows the
innermost loop). Works on any table of the rendered body, whatever the template's
layout, since merges are found by grid column (w:gridSpan counted).
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MERGE_MARK = "\u2060"  # WORD JOINER: invisible, and never typed by a person alone in a cell
# A merged group of at most this many rows stays on one page; longer groups come cut in such pieces
# (render/self_evaluation.group_starts), each with its label: at most that many rows move to a new page.
GROUP_ROWS = 8
_NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def merge_marked_cells(body: etree._Element) -> int:
    """Merge every marked cell into the one above it; returns how many cells were merged."""
    marked_rows: dict[etree._Element, list[etree._Element]] = {}
    for text in body.iter(_q("t")):
        if text.text == MERGE_MARK:
            cell = text.getparent().getparent().getparent()  # w:t < w:r < w:p < w:tc
            if cell.tag == _q("tc") and _is_marked(cell):
                marked_rows.setdefault(cell.getparent(), []).append(cell)
    merged = 0
    for row, cells in marked_rows.items():
        above = row.getprevious()
        while above is not None and above.tag != _q("tr"):
            above = above.getprevious()
        if above is None:
            continue
        columns = _columns(above)
        positions = {id(c): col for c, col in _positions(row)}
        for cell in cells:
            top = columns.get(positions[id(cell)])
            if top is None:
                continue
            _set_merge(top, "restart", only_if_unset=True)
            _set_merge(cell, "continue")
            _clear_text(cell)
            merged += 1
    return merged


def keep_merged_groups_together(body: etree._Element, max_rows: int = GROUP_ROWS) -> int:
    """Keep the rows of each vertically merged group of at most MAX_ROWS rows on one page.

    A group (一级/二级指标) cut by a page break leaves its label on the first page only; a short
    group moves whole instead. Longer groups may break (kept whole they would leave most of a page
    empty); the self-evaluation tables cut theirs into labelled pieces of at most MAX_ROWS rows.
    Returns how many groups are kept together.
    """
    kept = 0
    for table in body.iter(_q("tbl")):
        rows = [r for r in table.iterchildren(_q("tr"))]
        for index, row in enumerate(rows):
            for cell, column in _positions(row):
                if _merge_value(cell) != "restart":
                    continue
                end = index
                while end + 1 < len(rows) and _merge_value(_columns(rows[end + 1]).get(column)) == "continue":
                    end += 1
                if 0 < end - index < max_rows:
                    for kept_row in rows[index:end]:
                        _keep_row_with_next(kept_row)
                    kept += 1
    return kept


def _merge_value(cell: etree._Element | None) -> str | None:
    """"restart", "continue" (a w:vMerge without w:val continues) or None for a cell not merged vertically."""
    if cell is None:
        return None
    merge = cell.find(f"{_q('tcPr')}/{_q('vMerge')}")
    if merge is None:
        return None
    return merge.get(_q("val")) or "continue"


def _positions(row: etree._Element):
    """(cell, grid column where it starts) for each cell of a row."""
    column = 0
    for cell in row.iterchildren(_q("tc")):
        yield cell, column
        column += _span(cell)


def _columns(row: etree._Element) -> dict[int, etree._Element]:
    return {col: cell for cell, col in _positions(row)}


def _is_marked(cell: etree._Element) -> bool:
    texts = [t.text or "" for t in cell.iter(_q("t"))]
    return "".join(texts) == MERGE_MARK


def _clear_text(cell: etree._Element) -> None:
    for t in cell.iter(_q("t")):
        t.text = ""


def _span(cell: etree._Element) -> int:
    span = cell.find(f"{_q('tcPr')}/{_q('gridSpan')}")
    return int(span.get(_q("val"), "1")) if span is not None else 1


def _set_merge(cell: etree._Element, value: str, only_if_unset: bool = False) -> None:
    props = cell.find(_q("tcPr"))
    if props is None:
        props = etree.SubElement(cell, _q("tcPr"))
        cell.remove(props)
        cell.insert(0, props)
    merge = props.find(_q("vMerge"))
    if merge is not None and only_if_unset:
        return
    if merge is None:
        merge = etree.Element(_q("vMerge"))
        _insert_in_order(props, merge)
    if value == "continue":
        merge.attrib.pop(_q("val"), None)
    else:
        merge.set(_q("val"), value)


# CT_TcPr's child order: vMerge comes after these.
_BEFORE_VMERGE = {_q(t) for t in ("cnfStyle", "tcW", "gridSpan", "hMerge")}


def _insert_in_order(props: etree._Element, merge: etree._Element) -> None:
    index = 0
    for i, child in enumerate(props):
        if child.tag in _BEFORE_VMERGE:
            index = i + 1
    props.insert(index, merge)


def keep_total_rows_with_previous(body: etree._Element, label: str = "总分", rows_before: int = 2) -> int:
    """Keep each 总分 row, the ROWS_BEFORE rows above it, the rows below it (等级) and the notes
    right under the table, if any, on one page.

    A page never starts with the total alone or with one indicator and the total: when the end
    of a table does not fit, the last rows move together (and the table's repeated header row
    with them). Done here rather than in the template: the rows before 总分 are the last of a
    loop, which a template row cannot single out. Returns how many 总分 rows were found.
    """
    kept = 0
    for row in body.iter(_q("tr")):
        first = row.find(_q("tc"))
        if first is None or "".join(t.text or "" for t in first.iter(_q("t"))).strip() != label:
            continue
        above = _rows_above(row, rows_before)
        below = _rows_below(row)
        last = (below or [row])[-1]
        for kept_row in above + [row] + below:
            if kept_row is not last or _notes_follow(row.getparent()):
                _keep_row_with_next(kept_row)
        kept += 1
    return kept


def _notes_follow(table: etree._Element) -> bool:
    """True when the paragraph right after TABLE has text and does not start a page (the notes
    under a self-evaluation table, not the next table's title)."""
    after = table.getnext()
    if after is None or after.tag != _q("p") or after.find(f"{_q('pPr')}/{_q('pageBreakBefore')}") is not None:
        return False
    return any((t.text or "").strip() for t in after.iter(_q("t")))


def _rows_above(row: etree._Element, count: int) -> list[etree._Element]:
    """Up to COUNT rows above ROW, not reaching into the table's repeated header rows."""
    found: list[etree._Element] = []
    previous = row.getprevious()
    while previous is not None and len(found) < count:
        if previous.tag == _q("tr"):
            if previous.find(f"{_q('trPr')}/{_q('tblHeader')}") is not None:
                break
            found.append(previous)
        previous = previous.getprevious()
    return found


def _rows_below(row: etree._Element) -> list[etree._Element]:
    return [r for r in row.itersiblings() if r.tag == _q("tr")]


def _keep_row_with_next(row: etree._Element) -> None:
    for paragraph in row.iter(_q("p")):
        props = paragraph.find(_q("pPr"))
        if props is None:
            props = etree.Element(_q("pPr"))
            paragraph.insert(0, props)
        if props.find(_q("keepNext")) is None:
            _insert_keep_next(props)


# CT_PPrBase's child order: keepNext comes right after these.
_BEFORE_KEEP_NEXT = {_q(t) for t in ("pStyle",)}


def _insert_keep_next(props: etree._Element) -> None:
    index = 0
    for i, child in enumerate(props):
        if child.tag in _BEFORE_KEEP_NEXT:
            index = i + 1
    props.insert(index, etree.Element(_q("keepNext")))
