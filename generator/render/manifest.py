"""What a template needs, read from the template itself and from its manifest (templates as kits).

A template is a .docx plus, optionally, a manifest: the .yaml of the same name beside it
(`shanghai-2024.docx` + `shanghai-2024.yaml`; `我的模板.docx` + `我的模板.yaml`). docs/templates.md
describes the manifest.

What the template reads is derived from its own Jinja tags: every variable it uses (`f.procurement.sme`,
`f.three_public.abroad_groups`, `x.initial_budget` inside a loop over the “三公” parts …) is joined to the cells
of the workbook and the fields of 文字说明.yaml that the value comes from (SOURCES), each with the heading
of the template it is first read under (第三部分 / 七、… / （二）…), so that check names a blank where this
template uses it, never by another template's section numbers. The manifest states what cannot be
derived: the template's name, level, wording profile, number style and table form, other words for its
headings, cells it needs that no variable shows, and what the document says when there is no 绩效自评表.
`check` (through generator.api) judges blanks by this and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import nodes

from generator import layout
from generator.findings import Finding, Location, emit
from generator.render.renamed import RENAMED, current_chain, renamed_chain
from generator.render.wording import DEFAULT, NAMED_PROFILES, WordingProfile
from generator.yaml_files import load_yaml

Cell = tuple[str, str, str]  # (sheet, item, column) of an item sheet

_SUM, _FIS, _TP, _TPD, _OM, _STAFF = (
    layout.SUMMARY.name,
    layout.FISCAL.name,
    layout.THREE_PUBLIC.name,
    layout.THREE_PUBLIC_DETAILS.name,
    layout.OTHER_MATTERS.name,
    layout.STAFF.name,
)
_C = layout.CONTENT


def _summary(*names: str) -> tuple[Cell, ...]:
    return tuple((_SUM, n, "金额") for n in names)


def _fiscal(*names: str) -> tuple[Cell, ...]:
    return tuple((_FIS, n, "合计") for n in names)


def _other(*names: str) -> tuple[Cell, ...]:
    return tuple((_OM, n, "本年数") for n in names)


_INCOME_PARTS = ("本年收入合计", "使用非财政拨款结余", "年初结转和结余")
_EXPENSE_PARTS = ("本年支出合计", "结余分配", "年末结转和结余")
_VEHICLES = _other(*layout.VEHICLE_KINDS)
_TP_PART = {
    "total": "合计",
    "abroad": "因公出国（境）费",
    "vehicles": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_running": "公务用车运行维护费",
    "reception": "公务接待费",
}
_TP_DETAIL = {
    "abroad_groups": "因公出国（境）团组数",
    "abroad_people": "因公出国（境）人次",
    "abroad_content": "因公出国（境）费开支内容",
    "vehicles_bought": "公务用车购置数",
    "vehicles_held": "公务用车保有量",
    "vehicle_content": "公务用车运行维护费开支内容",
    "reception_batches": "国内公务接待批次",
    "reception_people": "国内公务接待人次",
    "reception_content": "公务接待费开支内容",
    "foreign_reception": "外宾接待费",
}
_SME = dict(zip(("sme_reserved", "small_micro_reserved", "sme_reserved_won", "small_micro_reserved_won", "sme_other_won"), layout.SME_ITEMS, strict=False))

# A variable of the render context (as a template writes it) -> the cells its value comes from.
# A template that reads the variable, or anything inside it, needs those cells.
SOURCES: dict[str, tuple[Cell, ...]] = {
    # the settled figures (f)
    "f.statement.income_total": _summary("收入总计"),
    "f.statement.income_this_year": _summary("本年收入合计"),
    "f.statement.non_fiscal_balance_used": _summary("使用非财政拨款结余"),
    "f.statement.opening_balance": _summary("年初结转和结余"),
    "f.statement.expense_total": _summary("支出总计"),
    "f.statement.expense_this_year": _summary("本年支出合计"),
    "f.statement.balance_distribution": _summary("结余分配"),
    "f.statement.closing_balance": _summary("年末结转和结余"),
    "f.statement.income_sources": _summary(*layout.INCOME_SOURCES, "本年收入合计"),
    "f.statement.expense_kinds": _summary("本年支出合计"),
    "f.funds.fiscal.income_total": _fiscal("收入总计"),
    "f.funds.fiscal.opening": _fiscal("年初财政拨款结转和结余"),
    "f.funds.fiscal.income": _fiscal("本年收入"),
    "f.funds.fiscal.expense_total": _fiscal("支出总计"),
    "f.funds.fiscal.closing": _fiscal("年末财政拨款结转和结余"),
    "f.funds.fiscal.expense": _fiscal("本年支出合计"),
    "f.funds.fiscal.change": _fiscal("支出总计"),
    "f.funds.fiscal.budget": _fiscal("本年支出合计"),
    "f.funds.gpb.share": _summary("本年支出合计"),
    **{f"f.three_public.{k}.actual": ((_TP, n, "决算数"),) for k, n in _TP_PART.items()},
    **{f"f.three_public.{k}.share": ((_TP, n, "决算数"), (_TP, "合计", "决算数")) for k, n in _TP_PART.items()},
    **{f"f.three_public.{k}.change": ((_TP, n, "决算数"),) for k, n in _TP_PART.items()},
    **{f"f.three_public.{k}.budget_change": ((_TP, n, "决算数"),) for k, n in _TP_PART.items()},
    **{f"f.three_public.{k}.initial_budget": ((_TP, n, "决算数"), (_TP, n, layout.BUDGET)) for k, n in _TP_PART.items() if k in ("total", "abroad", "vehicles", "reception")},
    **{f"f.three_public.{k}": ((_TPD, n, _C),) for k, n in _TP_DETAIL.items()},
    "f.admin_cost": _other("机关运行经费"),
    "f.procurement.goods": _other("政府采购货物支出"),
    "f.procurement.works": _other("政府采购工程支出"),
    "f.procurement.services": _other("政府采购服务支出"),
    "f.procurement.total": _other("政府采购货物支出", "政府采购工程支出", "政府采购服务支出"),
    "f.procurement.sme": _other("授予中小企业合同金额"),
    "f.procurement.sme_share": _other("授予中小企业合同金额"),
    "f.procurement.small_micro": _other("授予小微企业合同金额"),
    "f.procurement.small_micro_share": _other("授予小微企业合同金额"),
    **{f"f.procurement.{k}": _other(n) for k, n in _SME.items()},
    "f.assets.house_area": _other("房屋面积"),
    "f.assets.house_value": _other("房屋价值"),
    "f.assets.vehicle_value": _other("车辆价值"),
    "f.assets.vehicles": _VEHICLES,
    "f.assets.vehicles_by_kind": _VEHICLES,
    "f.assets.equipment": _other("单价100万元（含）以上设备"),
    "f.staff": tuple((_STAFF, n, "本年人数") for n in layout.STAFF_ITEMS),
}

# The fields of 文字说明.yaml a variable reads (named as check names them).
TEXT_SOURCES: dict[str, tuple[str, ...]] = {
    "f.texts.functions": ("主要职能",),
    "f.texts.functions_note": ("主要职能",),
    "f.texts.subordinate_units": ("下属预算单位",),
    "f.texts.departments": ("内设机构",),
    "f.texts.performance_results": ("预算绩效.成效",),
    "f.texts.performance_problems": ("预算绩效.问题",),
    "f.texts.performance_measures": ("预算绩效.措施",),
}

# The subject sheets whose sections a variable writes (an empty sheet is then stated as such).
SHEET_SOURCES: dict[str, tuple[str, ...]] = {
    "f.funds.gpb.total": (layout.GPB.name,),
    "f.funds.gpb.classes": (layout.GPB.name,),
    "f.funds.gpb.items": (layout.GPB.name,),
    "f.basic.total": (layout.BASIC.name,),
    "f.basic.personnel": (layout.BASIC.name,),
    "f.basic.public": (layout.BASIC.name,),
}


def uses(chains: Iterable[str], source: str) -> bool:
    """Whether a template reading CHAINS reads SOURCE: the variable itself, a part of it, or a whole that holds it."""
    return any(c == source or c.startswith(source + ".") or source.startswith(c + ".") for c in chains)


# --- the variables a template reads ----------------------------------------------------------


def template_chains(source: str) -> frozenset[str]:
    """Every variable SOURCE (a template's Jinja text) reads, as dotted chains from the context's names.

    A loop variable stands for the sequence it runs over (`{% for x in f.funds.gpb.items %}{{ x.budget }}`
    reads f.funds.gpb.items.budget); so does a name set from an expression.
    """
    return frozenset(chains_in_order(source))


def chains_in_order(source: str) -> tuple[str, ...]:
    """The chains of template_chains, in the order the template first reads them (the document's order)."""
    return tuple(chain for chain, _ in chains_with_places(source))


def chains_with_places(source: str) -> tuple[tuple[str, str], ...]:
    """Each chain SOURCE reads, in the document's order, with the heading it is first read under
    ("第二部分一、收入支出决算总体情况说明", "" before any heading): where the template uses it, in its own words."""
    from generator.render.sandbox import TemplateEnvironment

    tree = TemplateEnvironment().parse(source)
    reader = _ChainReader()
    reader.visit(tree)
    return tuple(reader.chains.items())


# A document's headings as a reader finds them: 第三部分 (the part), 七、… (a section), （二）… (a subsection).
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^（[一二三四五六七八九十]+）")
_FIELD_CODE = re.compile(r"<w:instrText[^>]*>.*?</w:instrText>", re.S)  # a field's instruction (目录) is no text
_TAG = re.compile(r"<[^>]*>")
MAX_HEADING = 60  # characters: a longer paragraph is body text, whatever it starts with


def fixed_level(source: str) -> str:
    """The level SOURCE sets for itself (`{% set level = "单位" %}`), "" when it takes the one it is given."""
    from generator.render.sandbox import TemplateEnvironment

    for assign in TemplateEnvironment().parse(source).find_all(nodes.Assign):
        target, value = assign.target, assign.node
        if isinstance(target, nodes.Name) and target.name == "level" and isinstance(value, nodes.Const) and value.value in LEVELS:
            return str(value.value)
    return ""


class _Headings:
    """The heading in force while the template's XML is read in order (generator.render.manifest._ChainReader)."""

    def __init__(self) -> None:
        self.paragraph = ""  # the text of the paragraph being read, its expressions left out
        self.part = self.section = self.subsection = ""

    def text(self, xml: str) -> None:
        pieces = _FIELD_CODE.sub("", xml).split("</w:p>")
        for piece in pieces[:-1]:
            self.paragraph += _TAG.sub("", piece)
            self._ended(self.paragraph.strip())
            self.paragraph = ""
        self.paragraph += _TAG.sub("", pieces[-1])

    def _ended(self, text: str) -> None:
        if not text or len(text) > MAX_HEADING:
            return
        if part := _PART.match(text):
            self.part, self.section, self.subsection = part.group(0), "", ""
        elif _SECTION.match(text):
            self.section, self.subsection = text.rstrip("。：:；; "), ""
        elif _SUBSECTION.match(text) and self.section:
            self.subsection = text.rstrip("。：:；; ")

    @property
    def current(self) -> str:
        return self.part + self.section + self.subsection if self.section else self.part


class _ChainReader:
    def __init__(self) -> None:
        self.scope: dict[str, frozenset[str]] = {}
        self.chains: dict[str, str] = {}  # ordered: first read first, with its heading
        self.headings = _Headings()

    def chains_of(self, node: nodes.Node) -> frozenset[str]:
        """The chains an expression stands for (empty when it is not made of variables)."""
        if isinstance(node, nodes.Name):
            return self.scope.get(node.name, frozenset({node.name}))
        if isinstance(node, nodes.Getattr):
            return frozenset(f"{c}.{node.attr}" for c in self.chains_of(node.node))
        if isinstance(node, nodes.Getitem):
            inner = self.chains_of(node.node)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return frozenset(f"{c}.{node.arg.value}" for c in inner)
            return inner  # an index or a slice: an element of the same sequence
        if isinstance(node, (nodes.Tuple, nodes.List)):
            return frozenset().union(*(self.chains_of(item) for item in node.items)) if node.items else frozenset()
        if isinstance(node, (nodes.Filter, nodes.Call)) and getattr(node, "node", None) is not None:
            inner = self.chains_of(node.node)  # type: ignore[arg-type]
            args = frozenset().union(*(self.chains_of(a) for a in node.args)) if node.args else frozenset()
            return inner | args
        return frozenset()

    def bind(self, target: nodes.Node, chains: frozenset[str]) -> None:
        for name in target.find_all(nodes.Name) if not isinstance(target, nodes.Name) else (target,):
            if chains:
                self.scope[name.name] = chains

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.For):
            self.bind(node.target, self.chains_of(node.iter))
            self._record_inside(node.iter)
            for child in (*node.body, *node.else_):
                self.visit(child)
            if node.test is not None:
                self.visit(node.test)
            return
        if isinstance(node, nodes.Assign):
            self.bind(node.target, self.chains_of(node.node))
            if not isinstance(node.node, (nodes.Name, nodes.Getattr)):
                self.visit(node.node)  # a short name for a variable (`set tp = f.three_public`) reads nothing by itself
            return
        if isinstance(node, nodes.TemplateData):
            self.headings.text(node.data)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            for chain in sorted(self.chains_of(node)):  # the outermost chain is what is read
                self.chains.setdefault(chain, self.headings.current)
            if isinstance(node, nodes.Getitem):
                self.visit(node.arg)
            return
        for child in node.iter_child_nodes():
            self.visit(child)

    def _record_inside(self, node: nodes.Node) -> None:
        """A loop's sequence is not read whole (its items are, through the loop variable); what filters it is."""
        if isinstance(node, (nodes.Filter, nodes.Call)):
            for child in (*node.args, *(kw.value for kw in node.kwargs)):
                self.visit(child)
            if node.node is not None:
                self._record_inside(node.node)
        elif isinstance(node, (nodes.Tuple, nodes.List)):
            for item in node.items:
                self._record_inside(item)
        elif isinstance(node, nodes.Getitem):
            self.visit(node.arg)
            self._record_inside(node.node)


# --- the manifest ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestCell:
    """A cell the manifest says the template needs (one no variable shows, or a sentence in its own words)."""

    sheet: str
    item: str
    column: str
    sentence: str = ""
    required: bool = False


@dataclass(frozen=True)
class Kit:
    """A template and what it needs: derived from its variables, completed by its manifest."""

    template: str  # the .docx
    manifest: str = ""  # the .yaml beside it, when there is one
    name: str = ""
    level: str = ""  # 部门 or 单位
    fixed_level: str = ""  # the level the template sets itself ({% set level = "单位" %}): it writes that whatever is asked
    wording: str = ""  # the wording profile's name
    number_style: str = ""
    profile: WordingProfile = DEFAULT  # the wording the template's sentences use: its 措辞 and 数字格式
    tables: str = ""  # the form of the nine tables
    sections: tuple[tuple[str, str], ...] = ()  # the manifest's 章节: (words the template's headings give, words to use instead)
    cells: tuple[Cell, ...] = ()  # every cell a sentence of the template reads
    # where the template first reads each cell, 文字说明 field and subject sheet: its heading ("第三部分七、…"; "" before any)
    places: tuple[tuple[Cell, str], ...] = ()
    text_places: tuple[tuple[str, str], ...] = ()
    sheet_places: tuple[tuple[str, str], ...] = ()
    sentences: tuple[tuple[Cell, str], ...] = ()  # the manifest's words for a cell's sentence
    required: frozenset[Cell] = frozenset()  # cells the manifest says a sentence cannot do without
    texts: frozenset[str] = frozenset()  # 文字说明.yaml fields it reads
    sheets: frozenset[str] = frozenset()  # subject sheets whose sections it writes
    self_evaluation_absent: str = ""  # what the document says when there is no 绩效自评表
    variables: frozenset[str] = frozenset()
    findings: tuple[Finding, ...] = field(default=())


MANIFEST_KEYS = {
    "名称": "name",
    "层级": "level",
    "措辞": "wording",
    "数字格式": "number_style",
    "表格": "tables",
    "章节": "sections",
    "单元格": "cells",
    "文字说明": "texts",
    "没有绩效自评表时": "self_evaluation_absent",
}
LEVELS = layout.LEVELS


def manifest_path(template: Path) -> Path:
    return template.with_suffix(".yaml")


def template_kit(template: Path) -> Kit:
    """TEMPLATE's kit: its variables joined to their cells, and its manifest when it has one."""
    try:
        stat = template.stat()
        manifest = manifest_path(template)
        mstat = manifest.stat() if manifest.is_file() else None
    except OSError:
        return Kit(str(template))
    return _kit(template, (stat.st_mtime_ns, stat.st_size), (mstat.st_mtime_ns, mstat.st_size) if mstat else None)


@lru_cache(maxsize=32)
def _kit(template: Path, _stamp: tuple[int, int], _manifest_stamp: tuple[int, int] | None) -> Kit:
    read, fixed, findings = _variables(template)
    findings += _renamed(template, (chain for chain, _ in read))
    placed: dict[str, str] = {}
    for chain, place in read:
        placed.setdefault(current_chain(chain), place)
    chains = frozenset(placed)
    # in the order the document reads them, so that check names blanks in the document's order; each where it is first read
    cells = _first_places(placed, SOURCES)
    texts = _first_places(placed, TEXT_SOURCES)
    sheets = _first_places(placed, SHEET_SOURCES)
    kit = Kit(
        str(template),
        fixed_level=fixed,
        cells=tuple(cells),
        texts=frozenset(texts),
        sheets=frozenset(sheets),
        variables=chains,
        places=tuple(cells.items()),
        text_places=tuple(texts.items()),
        sheet_places=tuple(sheets.items()),
    )
    path = manifest_path(template)
    if not path.is_file():
        return _with_findings(kit, findings)
    data, read_findings = _read_manifest(path)
    findings += read_findings
    if data is None:
        return _with_findings(kit, findings)
    return _with_manifest(kit, path, data, findings)


def _first_places(placed: dict[str, str], sources: Mapping[str, tuple[Any, ...]]) -> dict[Any, str]:
    """What SOURCES join the chains of PLACED (chain -> heading) to, each with the heading it is first read under."""
    found: dict[Any, str] = {}
    for chain, place in placed.items():
        for source, things in sources.items():
            if uses((chain,), source):
                for thing in things:
                    found.setdefault(thing, place)
    return found


def _renamed(template: Path, chains: Iterable[str]) -> list[Finding]:
    """A warning for each old flat name of the figures the template still reads (generator.render.renamed)."""
    olds = dict.fromkeys(found[0] for c in chains if (found := renamed_chain(c)) is not None)
    return [emit("template-variable-renamed", Location(file=str(template), field=old), old=old, new=f"f.{RENAMED[old[2:]]}") for old in olds]


MAX_MANIFEST_BYTES = 256 * 1024


def _read_manifest(path: Path) -> tuple[Any, list[Finding]]:
    import yaml

    where = Location(file=str(path))
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None, [_invalid(where, f"文件过大（超过 {MAX_MANIFEST_BYTES // 1024} KB）")]
        return load_yaml(path.read_text(encoding="utf-8")), []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [_invalid(where, f"无法读取（{type(exc).__name__}：{str(exc)[:120]}）")]


def _with_findings(kit: Kit, findings: list[Finding]) -> Kit:
    return Kit(**{**kit.__dict__, "findings": tuple(findings)})


def _variables(template: Path) -> tuple[tuple[tuple[str, str], ...], str, list[Finding]]:
    """The chains the template's body reads, each with its heading (chains_with_places), and the level it sets itself;
    none when it cannot be read."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    try:
        doc = DocxTemplate(template)
        doc.init_docx()
        source = doc.patch_xml(doc.get_xml())
        return chains_with_places(source), fixed_level(source), []
    except TemplateSyntaxError:
        return (), "", []  # rendering names the broken tag (template-error)
    except Exception:  # noqa: BLE001 - not a .docx: resolve_template or the render names it
        return (), "", []


def _with_manifest(kit: Kit, path: Path, data: Any, findings: list[Finding]) -> Kit:
    where = Location(file=str(path))
    if not isinstance(data, dict):
        return _with_findings(kit, [*findings, _invalid(where, "应为“键: 值”的列表（名称、层级、章节、单元格……）")])
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in MANIFEST_KEYS:
            findings.append(_invalid(Location(file=str(path), field=str(key)), f"不认识的键「{key}」；可用的键：{'、'.join(MANIFEST_KEYS)}"))
            continue
        values[MANIFEST_KEYS[key]] = value
    level = _text(values.get("level"))
    if level and level not in LEVELS:
        findings.append(_invalid(Location(file=str(path), field="层级"), f"层级应为“部门”或“单位”，写的是「{level}」"))
    profile = _profile(values.get("wording"), values.get("number_style"), path, findings)
    sections = tuple((str(k), str(v)) for k, v in (values.get("sections") or {}).items()) if isinstance(values.get("sections"), dict) else ()
    extra, sentences, required = _manifest_cells(values.get("cells"), path, findings)
    texts = kit.texts | {str(t) for t in values.get("texts") or () if isinstance(values.get("texts"), list)}
    cells = tuple(dict.fromkeys((*kit.cells, *extra)))
    return Kit(
        **{
            **kit.__dict__,
            "manifest": str(path),
            "name": _text(values.get("name")),
            "level": level,
            "wording": _described(values.get("wording")),
            "number_style": _described(values.get("number_style")),
            "profile": profile,
            "tables": _text(values.get("tables")),
            "sections": sections,
            "cells": cells,
            "sentences": sentences,
            "required": frozenset(required),
            "texts": frozenset(texts),
            "self_evaluation_absent": _text(values.get("self_evaluation_absent")),
            "findings": tuple(findings),
        }
    )


# 措辞 as a mapping: its keys -> WordingProfile's fields (方案 names the profile they change).
WORDING_KEYS = {
    "持平": "flat",
    "从零增加": "from_zero",
    "上年无此项": "absent_before",
    "原因引导": "reason_intro",
    "无上年数据": "unknown",
    "预算为零": "unbudgeted",
}
# 数字格式 as a mapping: its keys -> WordingProfile's fields.
NUMBER_KEYS = {"千分位": "thousands", "金额小数位": "amount_places", "百分比小数位": "percent_places"}
_NO_SEPARATORS = re.compile("(?:不|无|没有)(?:带|用|加|使用)?千分位")


def _profile(wording: Any, numbers: Any, path: Path, findings: list[Finding]) -> WordingProfile:
    """The wording profile a manifest's 措辞 and 数字格式 describe (DEFAULT where they say nothing)."""
    profile: WordingProfile = DEFAULT
    changes: dict[str, Any] = {}
    if isinstance(wording, dict):
        named = _text(wording.get("方案"))
        for key, value in wording.items():
            if key == "方案":
                continue
            if key not in WORDING_KEYS:
                findings.append(_invalid(Location(file=str(path), field=f"措辞.{key}"), f"措辞中不认识的键「{key}」；可用的键：方案、{'、'.join(WORDING_KEYS)}"))
            else:
                changes[WORDING_KEYS[key]] = _text(value)
    else:
        named = _text(wording)
    if named:
        if named in NAMED_PROFILES:
            profile = NAMED_PROFILES[named]
        else:
            findings.append(_invalid(Location(file=str(path), field="措辞"), f"措辞方案「{named}」不存在；可用的方案：{'、'.join(NAMED_PROFILES)}"))
    if isinstance(numbers, dict):
        for key, value in numbers.items():
            field_name = NUMBER_KEYS.get(str(key))
            converted = _number_setting(field_name, value)
            if field_name is None or converted is None:
                findings.append(_invalid(Location(file=str(path), field=f"数字格式.{key}"), f"数字格式「{key}: {value}」无法识别；可用：千分位: 是/否，金额小数位、百分比小数位: 0～4"))
            else:
                changes[field_name] = converted
    elif _text(numbers) and "千分位" in _text(numbers):  # a description: only 千分位 is read from it
        changes["thousands"] = not _NO_SEPARATORS.search(_text(numbers))
    return replace(profile, **changes) if changes else profile


def _number_setting(field_name: str | None, value: Any) -> bool | int | None:
    if field_name == "thousands":
        return {True: True, False: False, "是": True, "否": False}.get(value) if isinstance(value, (bool, str)) else None
    if field_name is not None and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4:
        return value
    return None


def _described(value: Any) -> str:
    """A manifest field as words, for the report (a mapping as its 键: 值 pairs)."""
    if isinstance(value, dict):
        return "，".join(f"{k}: {v}" for k, v in value.items())
    return _text(value)


CELL_KEYS = {"表": "sheet", "项目": "item", "栏": "column", "句子": "sentence", "必填": "required"}


def _manifest_cells(entries: Any, path: Path, findings: list[Finding]) -> tuple[list[Cell], tuple[tuple[Cell, str], ...], list[Cell]]:
    cells: list[Cell] = []
    sentences: list[tuple[Cell, str]] = []
    required: list[Cell] = []
    for index, entry in enumerate(entries or () if isinstance(entries, list) else ()):
        where = Location(file=str(path), field=f"单元格[{index + 1}]")
        if not isinstance(entry, dict) or not all(k in entry for k in ("表", "项目", "栏")):
            findings.append(_invalid(where, "每个单元格应写明 表、项目、栏（可加 句子、必填）"))
            continue
        cell = (_text(entry["表"]), _text(entry["项目"]), _text(entry["栏"]))
        if not _known_cell(cell):
            findings.append(_invalid(where, f"《{cell[0]}》没有项目「{cell[1]}」的「{cell[2]}」栏"))
            continue
        cells.append(cell)
        if _text(entry.get("句子")):
            sentences.append((cell, _text(entry["句子"])))
        if entry.get("必填") in (True, "是"):
            required.append(cell)
    return cells, tuple(sentences), required


def _known_cell(cell: Cell) -> bool:
    sheet, item, column = cell
    spec = next((s for s in layout.ITEM_SHEETS if s.name == sheet), None)
    if spec is None:
        return False
    return any(i.name == item for i in spec.items) and any(c.header == column for c in spec.columns)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _invalid(where: Location, message: str) -> Finding:
    return emit("template-manifest-invalid", where, reason=message)


def kits(templates: Iterable[Path]) -> Iterator[Kit]:
    for template in templates:
        yield template_kit(template)
