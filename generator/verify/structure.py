"""The headings of a disclosure (第一部分, 一、, （一）) and the place of every block under them.

Shared by the .docx and the text readers: a heading is a short paragraph that begins with a part,
section or subsection number; the 目录 after the cover repeats the headings and is skipped until
the first part heading comes round again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.verify.document import Place

_NUMERAL = "一二三四五六七八九十"
PART = re.compile(rf"^第[{_NUMERAL}]+部分")
SECTION = re.compile(rf"^[{_NUMERAL}]+、")
SUBSECTION = re.compile(rf"^[（(][{_NUMERAL}]+[）)]")
_MAX_HEADING = 60  # characters; a longer paragraph that begins with "一、" is text, not a heading
_SPACES = re.compile(r"\s+")
# The page number of a 目录 entry Word has updated ("一、主要职能\t3", cleaned to "一、主要职能 3"), with its leader if any.
_CONTENTS_PAGE = re.compile(r"(?:\s*[.．·…]{3,}\s*|\s+)\d{1,4}$")


def clean(text: str) -> str:
    """One line: runs of white space (line breaks, tabs, U+3000) as one space, trimmed."""
    return _SPACES.sub(" ", text.replace("\u3000", " ")).strip()


def heading_kind(text: str) -> str:
    """"part", "section", "subsection" or "" for TEXT (already cleaned)."""
    if len(text) > _MAX_HEADING or "：指" in text or text.count("。") > 1:
        return ""
    if PART.match(text):
        return "part"
    if SECTION.match(text):
        return "section"
    if SUBSECTION.match(text):
        return "subsection"
    return ""


def _key(text: str) -> str:
    return text.replace(" ", "")


class Tracker:
    """Follows the headings in document order; `see(text)` returns the heading kind and the place after it."""

    def __init__(self) -> None:
        self.place = Place()
        self._in_contents = False
        self._contents_first_part = ""

    def see(self, text: str, page: int | None = None) -> tuple[str, Place]:
        if _key(text) in ("目录", "目次"):
            self._in_contents = True
            self.place = Place(part="目录", page=page)
            return "", self.place
        if self._in_contents:
            text = _CONTENTS_PAGE.sub("", text)
        kind = heading_kind(text)
        if self._in_contents:
            if kind == "part":
                if not self._contents_first_part:
                    self._contents_first_part = _key(text)
                elif _key(text) == self._contents_first_part:
                    self._in_contents = False
            if self._in_contents:
                self.place = replace(self.place, page=page)
                return "", self.place
        if kind == "part":
            self.place = Place(part=text, page=page)
        elif kind == "section":
            self.place = Place(part=self.place.part, section=text, page=page)
        elif kind == "subsection":
            self.place = replace(self.place, subsection=text, page=page)
        else:
            self.place = replace(self.place, page=page)
        return kind, self.place
