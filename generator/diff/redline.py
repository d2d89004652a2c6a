"""Tracked changes between two .docx files: Word's own w:ins / w:del, to accept or reject.

The comparison engine is Docxodus (python-redlines[docxodus]: a self-contained
binary inside the wheel, no .NET install). Measured here, it marks Chinese edits
at phrase level, keeps merged table cells, and changes a number as one token:
"1,239.70" → "1,100.00" is one deletion and one insertion, never digit by digit
(tests/test_redline.py holds it to that).

What we add: the deletion is put before its insertion (Docxodus writes the
insertion first; a reader expects "old new"); a paragraph that was rewritten
rather than edited (less than 40% of the shorter version's words kept, e.g.
"与上年持平" against "增加1人") becomes one deletion and one insertion instead
of a confetti of single kept characters; every revision carries one fixed
author and date, and the package is normalised, so the same pair of documents
gives the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from datetime import UTC, datetime

from lxml import etree

from generator.docx_package import normalise_docx
from generator.findings import Finding, Location, warning

AUTHOR = "juesuan"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = "word/document.xml"
INSTALL = 'pip install "python-redlines[docxodus]"'


def redline_documents(
    old: bytes, new: bytes, when: datetime = datetime(2000, 1, 1, tzinfo=UTC), author: str = AUTHOR
) -> tuple[bytes | None, list[Finding]]:
    """NEW with every difference from OLD as a tracked change dated WHEN, or None and why not."""
    try:
        from python_redlines import DocxodusEngine
    except ImportError:
        return None, [_missing()]
    stamp = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        engine = DocxodusEngine()
        data, _, _ = engine.run_redline(author, old, new, date_time=stamp)
    except ImportError:  # EngineNotInstalledError: the binary package is missing or has no build for this platform
        return None, [_missing()]
    except Exception as exc:  # the engine's exit status and stderr, or an OS error starting it
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        return None, [
            warning(
                "redline-failed",
                Location(field="redline"),
                f"修订对比文档生成失败（{type(exc).__name__}：{detail[:200]}）",
                detail=str(exc)[:2000],
            )
        ]
    return normalise_docx(_tidy(data), when), []


def _missing() -> Finding:
    return warning(
        "redline-engine-missing",
        Location(field="redline"),
        f"未安装修订对比组件，未生成修订对比文档；请运行：{INSTALL}",
        install=INSTALL,
    )


def _tidy(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read(_BODY))
    _deletions_first(root)
    _rewrite_paragraphs(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == _BODY:
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, blob)
    return out.getvalue()


def _deletions_first(root: etree._Element) -> None:
    """Swap each insertion that is directly followed by a deletion, so that the old text reads first."""
    for inserted in list(root.iter(f"{W}ins")):
        following = inserted.getnext()
        if following is not None and following.tag == f"{W}del" and inserted.getparent() is not None:
            inserted.addprevious(following)


KEPT_SHARE = 0.4  # below this share of the shorter version kept, show the paragraph as replaced whole
_SIMPLE = {f"{W}pPr", f"{W}r", f"{W}ins", f"{W}del", f"{W}bookmarkStart", f"{W}bookmarkEnd", f"{W}proofErr"}


def _rewrite_paragraphs(root: etree._Element) -> None:
    next_id = 1 + max(
        (int(e.get(f"{W}id", "0")) for e in root.iter(f"{W}ins", f"{W}del") if e.get(f"{W}id", "").isdigit()), default=0
    )
    for paragraph in list(root.iter(f"{W}p")):
        children = list(paragraph)
        if any(child.tag not in _SIMPLE for child in children):
            continue  # fields, hyperlinks, drawings: leave Docxodus' markup as it is
        changes = [c for c in children if c.tag in (f"{W}ins", f"{W}del")]
        if not changes or any(r.tag != f"{W}r" for c in changes for r in c):
            continue
        kept = [c for c in children if c.tag == f"{W}r"]
        kept_text = sum(_tokens(r) for r in kept)
        old_text = kept_text + sum(_tokens(c) for c in changes if c.tag == f"{W}del")
        new_text = kept_text + sum(_tokens(c) for c in changes if c.tag == f"{W}ins")
        if not kept_text or kept_text >= KEPT_SHARE * min(old_text, new_text):
            continue
        template = changes[0]
        deleted = etree.Element(f"{W}del", dict(template.attrib))
        inserted = etree.Element(f"{W}ins", dict(template.attrib))
        deleted.set(f"{W}id", str(next_id))
        inserted.set(f"{W}id", str(next_id + 1))
        next_id += 2
        for child in children:
            if child.tag == f"{W}r":
                deleted.append(_as_deleted(copy.deepcopy(child)))
                inserted.append(child)
            elif child.tag == f"{W}del":
                deleted.extend(list(child))
                paragraph.remove(child)
            elif child.tag == f"{W}ins":
                inserted.extend(list(child))
                paragraph.remove(child)
        position = next((i for i, c in enumerate(paragraph) if c.tag != f"{W}pPr"), len(paragraph))
        paragraph.insert(position, inserted)
        paragraph.insert(position, deleted)


_TOKEN = re.compile(r"[0-9][0-9,.]*%?|[A-Za-z]+|\S")


def _tokens(element: etree._Element) -> int:
    """Words as a reader counts them: a number with its separators is one, each CJK character one."""
    return len(_TOKEN.findall(_text(element)))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))


def _as_deleted(run: etree._Element) -> etree._Element:
    for t in run.iter(f"{W}t"):
        t.tag = f"{W}delText"
    return run


def tracked_changes(data: bytes) -> list[tuple[str, str]]:
    """("ins" | "del", text) of every tracked change with text in the body, in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read(_BODY))
    changes = []
    for element in root.iter(f"{W}ins", f"{W}del"):
        tag = "ins" if element.tag == f"{W}ins" else "del"
        text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        if text:
            changes.append((tag, text))
    return changes
