"""Property elements in ECMA-376 schema order, each at most once, in every .docx we ship or write.

Microsoft Word (unlike LibreOffice) refuses or "repairs" a file whose w:pPr, w:rPr, w:tblPr, w:trPr,
w:tcPr or w:sectPr children are out of the schema's sequence or repeated. Word is not on this machine;
this test checks the XML against the sequences below instead.

The sequences are those of the transitional schema (wml.xsd), as python-docx declares them in its
oxml classes (`_tag_seq` of CT_PPr in docx/oxml/text/parfmt.py, CT_RPr in docx/oxml/text/font.py,
CT_TblPr, CT_TrPr and CT_TcPr in docx/oxml/table.py, CT_SectPr in docx/oxml/section.py). python-docx
deletes `_tag_seq` after building each class, so they are restated here, with what python-docx leaves
out added from the schema: w:rPrChange (CT_RPr), the paragraph mark's tracked changes w:ins, w:del,
w:moveFrom, w:moveTo before its run properties (CT_ParaRPr), and the content models of w:tbl, w:tr,
w:tc and w:body. In w:trPr the schema allows its base elements in any order (CT_TrPrBase is a choice);
the test asks for python-docx's (and Word's own) order and no repeats, which is stricter.

Elements of other namespaces (w14:, mc:AlternateContent and the like) are not in a sequence: they
are skipped here, and an mc:AlternateContent's own content is checked as any other element.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ANY = "*"  # where the content of w:tbl, w:tr, w:tc and w:body (paragraphs, tables, bookmarks, sdt…) goes

_RPR_BASE = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
    "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)

# parent → its children's local names in schema order. A name may appear once, except those in REPEATABLE.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": (
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
        "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    "rPr": (*_RPR_BASE, "rPrChange"),
    "pPr/rPr": ("ins", "del", "moveFrom", "moveTo", *_RPR_BASE, "rPrChange"),  # CT_ParaRPr, the paragraph mark
    "tblPr": (
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
        "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
        "tblDescription", "tblPrChange",
    ),
    "trPr": (
        "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight", "tblHeader",
        "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
    ),
    "tcPr": (
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
        "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
    ),
    "sectPr": (
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
        "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
        "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
    ),
    "tbl": ("tblPr", "tblGrid", ANY),
    "tr": ("tblPrEx", "trPr", ANY),
    "tc": ("tcPr", ANY),
    "body": (ANY, "sectPr"),
}
REPEATABLE = frozenset({"headerReference", "footerReference", ANY})


def _local(element: etree._Element) -> str | None:
    """The local name of a w: element, None for any other namespace (w14:, mc:, …) and for comments."""
    if not isinstance(element.tag, str):
        return None
    namespace, _, name = element.tag[1:].partition("}")
    return name if namespace == W else None


def _sequence(element: etree._Element) -> tuple[str, ...] | None:
    name = _local(element)
    if name is None:
        return None
    parent = element.getparent()
    if name == "rPr" and parent is not None and _local(parent) == "pPr":
        return SEQUENCES["pPr/rPr"]
    return SEQUENCES.get(name)


def _path(element: etree._Element) -> str:
    """w:body/w:tbl[3]/w:tr[2]/w:tc[1]/w:tcPr: each step with its 1-based index among same-named siblings."""
    steps = []
    while element is not None and element.getparent() is not None:
        parent = element.getparent()
        same = [c for c in parent if c.tag == element.tag]
        name = (_local(element) and f"w:{_local(element)}") or etree.QName(element).localname
        steps.append(f"{name}[{same.index(element) + 1}]" if len(same) > 1 else name)
        element = parent
    return "/".join(reversed(steps))


def violations(root: etree._Element) -> Iterator[tuple[str, str]]:
    """(kind, where) for every child out of order, repeated or unknown under a parent of SEQUENCES."""
    for element in root.iter():
        sequence = _sequence(element)
        if sequence is None:
            continue
        parent = _local(element)
        seen: set[str] = set()
        last = -1
        for child in element:
            name = _local(child)
            if name is None:
                continue  # another namespace: an extension, mc:AlternateContent, a comment
            slot = name if name in sequence else ANY if ANY in sequence else None
            if slot is None:
                yield f"{parent}: unknown w:{name}", _path(child)
                continue
            position = sequence.index(slot)
            if slot in seen and slot not in REPEATABLE:
                yield f"{parent}: duplicate w:{name}", _path(child)
            elif position < last:
                yield f"{parent}: w:{name} out of order", _path(child)
            seen.add(slot)
            last = max(last, position)


def part_violations(data: bytes) -> list[str]:
    """Every violation in every WordprocessingML part of the .docx DATA, as 'part: kind at path'."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if not name.endswith(".xml") or not name.startswith("word/"):
                continue
            root = etree.fromstring(package.read(name))
            found += [f"{name}: {kind} at {where}" for kind, where in violations(root)]
    return found


# --- the checker itself ----------------------------------------------------------------------------

_NS = (
    f'xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


def _kinds(xml: str) -> list[str]:
    return [kind for kind, _ in violations(etree.fromstring(f"<w:body {_NS}>{xml}</w:body>"))]


def test_the_checker_finds_order_and_repeats() -> None:
    table = (
        "<w:tbl><w:tblPr><w:tblStyle/><w:jc/><w:tblLayout/><w:tblLook/><w:tblW/><w:tblLayout/></w:tblPr><w:tblGrid/>"
        "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:p/><w:tcPr/></w:tc></w:tr></w:tbl>"
    )
    assert _kinds(table) == [
        "tblPr: w:tblW out of order",
        "tblPr: duplicate w:tblLayout",
        "trPr: w:cantSplit out of order",
        "tc: w:tcPr out of order",
    ]
    assert _kinds("<w:sectPr/><w:p/>") == ["body: w:p out of order"]
    assert _kinds("<w:p><w:pPr><w:jc/><w:pStyle/><w:bogus/></w:pPr></w:p>") == ["pPr: w:pStyle out of order", "pPr: unknown w:bogus"]


def test_the_checker_passes_schema_order_and_skips_other_namespaces() -> None:
    good = (
        "<w:p><w:pPr><w:pStyle/><w:keepNext/><w:pageBreakBefore/><w:jc/>"
        "<w:rPr><w:ins/><w:rFonts/><w:sz/></w:rPr><w:sectPr><w:footerReference/><w:footerReference/><w:pgSz/></w:sectPr></w:pPr>"
        "<w:r><w:rPr><w:rFonts/><w:b/><w14:textOutline/><w:sz/></w:rPr><w:t/></w:r>"
        "<mc:AlternateContent><mc:Choice><w:r><w:rPr><w:sz/><w:b/></w:rPr></w:r></mc:Choice></mc:AlternateContent></w:p>"
        "<w:tbl><w:tblPr><w:tblStyle/><w:tblW/><w:jc/><w:tblLayout/><w:tblCellMar/><w:tblLook/></w:tblPr><w:tblGrid/>"
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/><w:ins/></w:trPr><w:tc><w:tcPr><w:tcW/><w:vMerge/><w:vAlign/></w:tcPr><w:p/></w:tc></w:tr>"
        "</w:tbl><w:sectPr/>"
    )
    # Only the run inside mc:Choice is wrong: an alternative's content is checked like any other.
    assert _kinds(good) == ["rPr: w:b out of order"]


# --- every document we ship or write -----------------------------------------------------------------


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each shipped template, and what generate and diff write from the sample units, by a readable name."""
    from generator import api
    from generator.api import compare_folders, redline_folders

    found = {f"templates/{p.name}": p.read_bytes() for p in sorted((ROOT / "templates").glob("*.docx"))}
    out = tmp_path_factory.mktemp("ooxml")
    for unit in ("changji-ybj", "shanghai-example"):
        folder = ROOT / "inputs" / unit / "2024"
        checked = api.check_folder(folder)
        for template in ("xinjiang-2024", "shanghai-2024"):
            data, _ = api.render_checked(checked, template)
            assert data is not None
            found[f"generate {unit}/2024 --template {template}"] = data
        target = out / f"{unit}-self-evaluation.docx"
        api.generate(folder, output=target, only="self-evaluation", force=True)
        found[f"generate {unit}/2024 --only self-evaluation"] = target.read_bytes()
    comparison = compare_folders(ROOT / "inputs/changji-ybj/2023", ROOT / "inputs/changji-ybj/2024")
    redline, _ = redline_folders(comparison)
    assert redline is not None
    found["diff changji-ybj/2023 changji-ybj/2024 (redline)"] = redline
    return found


@pytest.mark.slow
def test_every_document_is_checked(documents: dict[str, bytes]) -> None:
    """The shipped templates are all here, and the redline holds the tracked marks the sequences order."""
    shipped = {p.name for p in (ROOT / "templates").glob("*.docx")}
    assert {"disclosure.docx", "shanghai-2024.docx", "self_evaluation.docx"} <= shipped
    assert len(documents) == len(shipped) + 4 + 2 + 1
    with zipfile.ZipFile(io.BytesIO(documents["diff changji-ybj/2023 changji-ybj/2024 (redline)"])) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    assert body.find(f".//{{{W}}}pPr/{{{W}}}rPr/{{{W}}}ins") is not None
    assert body.find(f".//{{{W}}}trPr/{{{W}}}ins") is not None


@pytest.mark.slow
def test_properties_are_in_schema_order_once_each(documents: dict[str, bytes]) -> None:
    found = [f"{name}: {problem}" for name, data in documents.items() for problem in part_violations(data)]
    assert not found, f"{len(found)} elements out of ECMA-376 order or repeated, e.g.:\n" + "\n".join(found[:20])
