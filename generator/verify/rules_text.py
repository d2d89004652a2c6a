"""Rules on the words of every paragraph: template residue, cut-off clauses, doubled marks and words,
missing units, years, and 部门 wording in a 单位 document."""

from __future__ import annotations

import re

from generator.residue import PLACEHOLDER, repetition_in, years_in
from generator.verify.audit import Audit, State, emit
from generator.verify.document import Document, Paragraph
from generator.verify.mentions import reason_spans

# A clause whose content is missing: "主要原因是：。", "开支内容包括。", "占；", "为万元", "，。"
DANGLING = re.compile(
    r"[：:]\s*[。；，;,]"
    r"|(?:包括|主要用于|主要是|原因是|原因为|分别是|具体是|用于)[。；;]"
    r"|占[，。；;,]|占[^，。；\d]{0,20}的[，。；]"
    r"|(?:为|数|支出|收入|合计|总计|金额)(?:万元|%)"
    r"|[，、,]\s*[。；;]"
    r"|（\s*）"
)
# A percentage without its mark: "占98.73；" / "增长9.30，"; an amount without 万元: "支出决算数为56.29，"
PERCENT_MISSING = re.compile(r"(?:占[^，。；%％\d]{0,20}?|增长|下降|差异率|完成[^，。；]{0,10}的)(\d+\.\d+)(?![\d.%％])")
AMOUNT_MISSING = re.compile(r"(?:为|数|支出|收入|合计|总计|结余|金额|经费|费)(\d[\d,]*\.\d{2})(?![\d.,%％万元亿])")
YEAR_AT_START = re.compile(r"^(?:截至)?((?:19|20)\d\d)年")
COMPARED_YEAR = re.compile(r"与((?:19|20)\d\d)年度?相比|(?:比|较)((?:19|20)\d\d)年度?(?:决算)?数?(?:增加|减少|增长|下降|持平)")
_DOC_YEAR = re.compile(r"((?:19|20)\d\d)年度")
# What only a 部门 says of itself (财政部门预算, 主管部门决算 are someone else's): as generator/check/level.py reads it.
_DEPARTMENT = re.compile(r"本部门|(?<!财政)(?<!主管)(?<!上级)部门(?:决算|预算)")


def placeholder_in(text: str) -> str | None:
    """Template residue in TEXT. Unlike a typed text, a document may hold a whole line in brackets ("（2024年度）")."""
    found = PLACEHOLDER.search(text)
    return found.group(0) if found else None


_BARE_NUMBER = re.compile(r"\d[\d,]*\.\d{2}(?![\d万元%％])")


def table_debris(text: str) -> bool:
    """A table's cells run together as one paragraph (a PDF's table that could not be read as a table): not a sentence."""
    bare = len(_BARE_NUMBER.findall(text))
    return bare >= 3 and bare > text.count("万元")


def document_year(audit: Audit) -> int | None:
    """The year the document reports on: the first "XXXX年度" in its first paragraphs (the title)."""
    for paragraph in audit.document.paragraphs[:5]:
        if found := _DOC_YEAR.search(paragraph.text):
            return int(found.group(1))
    return None


def narrative(paragraph: Paragraph) -> bool:
    """A paragraph the writer composed (not the 目录, not the glossary)."""
    return paragraph.place.part != "目录" and "名词解释" not in paragraph.place.part


def check_residue(audit: Audit) -> None:
    found, checks = [], 0
    for paragraph in audit.document.paragraphs:
        if paragraph.place.part == "目录":
            continue
        checks += 1
        if snippet := placeholder_in(paragraph.text):
            found.append(emit("doc-placeholder", audit.at_paragraph(paragraph), snippet=snippet, place=""))
    for table in audit.document.tables:
        for r, row in enumerate(table.rows):
            for cell in dict.fromkeys(row):  # a merged cell repeats its text: report it once
                checks += 1
                if cell and (snippet := placeholder_in(cell)):
                    found.append(emit("doc-placeholder", audit.at_cell(table, r), snippet=snippet, place="表中"))
    audit.outcome("placeholder", "无模板占位和填写说明", "全文", found, checks)


def check_clauses(audit: Audit) -> None:
    dangling, repeated, units, checks = [], [], [], 0
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or paragraph.heading:
            continue
        text = paragraph.text
        if table_debris(text):
            continue
        checks += 1
        where = audit.at_paragraph(paragraph)
        if found := DANGLING.search(text):
            dangling.append(emit("doc-dangling-clause", where, snippet=found.group(0), around=_around(text, found.start(), found.end())))
        if snippet := repetition_in(text):
            repeated.append(emit("doc-repeated", where, snippet=snippet))
        if "万元" not in text and "%" not in text:  # not a sentence of figures (a table's text in a PDF)
            continue
        for pattern, unit in ((PERCENT_MISSING, "%"), (AMOUNT_MISSING, "万元")):
            for hit in pattern.finditer(text):
                units.append(emit("doc-unit-missing", where, snippet=hit.group(0), unit=unit, around=_around(text, hit.start(), hit.end()), number=hit.group(1)))
    audit.outcome("dangling", "没有残缺的句子（“主要原因是：。”“包括。”“占；”）", "全文", dangling, checks)
    audit.outcome("repeated", "没有重复的标点和词语", "全文", repeated, checks)
    audit.outcome("units", "百分数有“%”、金额有“万元”", "全文", units, checks)


def check_years(audit: Audit) -> None:
    year = document_year(audit)
    if year is None:
        audit.record("years", "年份与文档年度一致", "全文", State.UNREADABLE, 0)
        return
    found, checks = [], 0
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph) or "概况" in paragraph.place.part and not paragraph.heading:
            continue
        checks += 1
        text, where = paragraph.text, audit.at_paragraph(paragraph)
        if paragraph.heading or paragraph.index <= 3:
            for actual in years_in(text):
                if actual != year:
                    found.append(emit("doc-year-mismatch", where, expected=year, actual=actual, place="标题", should="文档年度为", note=""))
            continue
        if (start := YEAR_AT_START.match(text)) and int(start.group(1)) != year:
            found.append(emit("doc-year-mismatch", where, expected=year, actual=int(start.group(1)), place="句首", should="文档年度为", note=""))
        for hit in COMPARED_YEAR.finditer(text):
            compared_with = int(hit.group(1) or hit.group(2))
            if compared_with != year - 1:
                found.append(emit("doc-year-mismatch", where, expected=year - 1, actual=compared_with, place=f"与上年比较（“{hit.group(0)}”）", should="上一年度应为", note=""))
        reasons = "".join(text[a:b] for a, b in reason_spans(text))
        for actual in years_in(reasons):
            if actual not in (year, year - 1):
                found.append(emit("doc-year-mismatch", where, expected=year, actual=actual, place="原因中", should="原因只应说", note=f"和上年（{year - 1}年）"))
                break
    audit.outcome("years", "年份与文档年度一致", f"{year}年度", found, checks)


def is_unit_document(document: Document) -> bool:
    """Whether the title says 单位决算 (its line may break anywhere: "…年度单位\n决算公开说明")."""
    return "单位决算" in re.sub(r"\s+", "", "".join(p.text for p in document.paragraphs[:3]))


def check_unit_wording(audit: Audit) -> None:
    if not is_unit_document(audit.document):
        audit.record("unit-wording", "单位决算不用“部门”措辞", "全文", State.NOT_APPLICABLE)
        return
    found, checks = [], 0
    for paragraph in audit.document.paragraphs:
        if not narrative(paragraph):
            continue
        checks += 1
        if hit := _DEPARTMENT.search(paragraph.text):
            found.append(emit("doc-unit-wording", audit.at_paragraph(paragraph), snippet=hit.group(0)))
    audit.outcome("unit-wording", "单位决算不用“部门”措辞", "全文", found, checks)


def _around(text: str, start: int, end: int) -> str:
    return text[max(0, start - 12) : end + 4]
