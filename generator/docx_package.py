"""Deterministic .docx packages (written through generator.files.write_atomically).

The same content must give byte-identical files, so that a rerun shows "no
change" and outputs can be compared by hash. What varies in a plain save, as
measured with python-docx 1.2 and docxtpl 0.20:

- zip entry timestamps (the wall clock at save time) and, across platforms,
  the entry's "made by" system and permission bits;
- docProps/core.xml: whatever the template's author saved (created, modified,
  lastModifiedBy, lastPrinted, revision), and python-docx writes the current
  time as `modified` when a package has no core.xml and anything touches
  `core_properties`.

Everything else was found stable: part order follows the template's
relationships, [Content_Types].xml is sorted by python-docx, new rIds are the
next free number, docxtpl numbers picture ids from a fixed 1000, and nothing
in either library draws a uuid, a random number or iterates a set.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

DEFAULT_TIMESTAMP = datetime(2000, 1, 1, tzinfo=UTC)

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
_UNIX = 3  # ZipInfo.create_system; the default depends on the platform
_FILE_MODE = 0o644 << 16
_CONTENT_TYPES = "[Content_Types].xml"
_CORE = "docProps/core.xml"

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Children of w:settings that the schema (CT_Settings) puts after w:updateFields.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
    "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def docx_bytes(
    document: Document | DocxTemplate, timestamp: datetime = DEFAULT_TIMESTAMP
) -> bytes:
    """Save `document` to bytes that depend only on its content and `timestamp`.

    `timestamp` becomes the created and modified date in docProps/core.xml
    (e.g. the fiscal year's end); a naive datetime is taken as UTC.
    """
    buffer = io.BytesIO()
    document.save(buffer)  # DocxTemplate.save also applies its media replacements
    return normalise_docx(buffer.getvalue(), timestamp)


def normalise_docx(data: bytes, timestamp: datetime = DEFAULT_TIMESTAMP) -> bytes:
    """Rewrite a .docx zip with fixed entry metadata, order and core properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = [info.filename for info in source.infolist()]
        # Word expects [Content_Types].xml first; keep the rest in saved order.
        names.sort(key=lambda name: name != _CONTENT_TYPES)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in names:
                blob = source.read(name)
                if name == _CORE:
                    blob = _normalise_core(blob, timestamp)
                target.writestr(_fixed_info(name), blob)
    return out.getvalue()


def _fixed_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    # zlib's default level. Note zlib-ng (Fedora, some containers) deflates the
    # same input to other bytes: identity holds for one zlib, not across them.
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE
    return info


def _normalise_core(blob: bytes, timestamp: datetime) -> bytes:
    root = etree.fromstring(blob)
    # By local name, whatever the namespace: with docxcompose (docxtpl's subdoc
    # extra) imported, python-docx writes these under the custom-properties
    # namespace, and a namespace-exact match would let the author's name through.
    for element in list(root):
        if etree.QName(element).localname in ("lastModifiedBy", "lastPrinted", "revision"):
            root.remove(element)
    _set_child(root, f"{{{_CP}}}revision", "1")
    when = _w3cdtf(timestamp)
    for name in ("created", "modified"):
        element = _set_child(root, f"{{{_DCTERMS}}}{name}", when)
        element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    return data


def _set_child(root: etree._Element, tag: str, text: str) -> etree._Element:
    element = root.find(tag)
    if element is None:
        element = etree.SubElement(root, tag)
    element.text = text
    return element


def _w3cdtf(timestamp: datetime) -> str:
    if timestamp.tzinfo is None:
        timestamp = timestamp.replace(tzinfo=UTC)
    return timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ask_word_to_update_fields(document: Document | DocxTemplate) -> None:
    """Ask Word to refresh fields (table of contents, page numbers) on opening.

    Sets <w:updateFields w:val="true"/> in word/settings.xml; calling it again
    changes nothing. Works on a DocxTemplate before or after render().
    """
    if isinstance(document, DocxTemplate):
        document.init_docx(reload=False)  # get_docx() would reload and drop a render
        document = document.docx
    settings = document.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = settings.insert_element_before(
            OxmlElement("w:updateFields"), *_AFTER_UPDATE_FIELDS
        )
    existing.set(qn("w:val"), "true")
