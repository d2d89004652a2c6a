"""The free text of a unit-year (文字说明.yaml): written once, reused every year."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator import door
from generator.findings import Finding, Location, emit
from generator.model import Texts
from generator.yaml_files import DuplicateKeyError, YamlRefused, load_yaml, yaml_problem


class _Performance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    成效: str = ""
    问题: str = ""
    措施: str = ""
    制度: list[str] = Field(default_factory=list)
    工作机制: str = ""


class _FinalUnit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    单位名称: str
    备注: str = ""


class _TextsFile(BaseModel):
    """The YAML's shape, with the Chinese keys a person sees."""

    model_config = ConfigDict(extra="forbid")
    主要职能: list[str] = Field(default_factory=list)
    职能补充说明: str = ""
    下属预算单位: list[str] | None = None  # absent or empty: not filled in; []: the unit has none
    部门决算单位: list[str | _FinalUnit] = Field(default_factory=list)
    内设机构: list[str] | None = None
    预算绩效: _Performance = Field(default_factory=_Performance)
    其他需说明的事项: str = ""


_PYDANTIC_MESSAGES = {
    "extra_forbidden": "不认识的项目（请检查拼写）",
    "string_type": "应为一段文字",
    "list_type": "应为列表（每项一行，以“- ”开头）",
    "model_type": "应为若干子项（如成效、问题、措施，或单位名称、备注）",
}


def _without_blanks(value: Any) -> Any:
    """The YAML with nothing where a person left a key or a list item empty ("职能补充说明:" or "- "):
    an empty key is not filled in, as if it were absent, not a wrongly typed value."""
    if isinstance(value, dict):
        return {k: _without_blanks(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_blanks(v) for v in value if v is not None]
    return value


def load_texts(path: Path, label: str) -> tuple[Texts, list[Finding]]:
    if not os.path.lexists(path):
        return Texts(file=label, found=False), [
            emit("texts-missing", Location(file=label))
        ]
    try:
        text, refused = door.read_text(path, label)  # a folder, FIFO, link out of the folder or huge file: refused
        if text is None:
            return Texts(file=label), [refused] if refused is not None else []
        raw: Any = load_yaml(text)
    except UnicodeDecodeError:
        return Texts(file=label), [emit("texts-unreadable", Location(file=label))]
    except DuplicateKeyError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        return Texts(file=label), [
            emit("texts-duplicate-key", Location(file=label, field=f"第{line}行" if line else exc.key), key=exc.key, first_line=exc.first_line, line=line)
        ]
    except YamlRefused as exc:
        mark = exc.problem_mark
        return Texts(file=label), [
            emit("texts-refused", Location(file=label, field=f"第{mark.line + 1}行" if mark else None), problem=exc.problem)
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        return Texts(file=label), [
            emit("texts-syntax", Location(file=label, field=where or None), problem=f"格式有误{('（' + where + '）') if where else ''}：{yaml_problem(exc)}")
        ]
    if raw is None or raw == {}:
        return Texts(file=label), [
            emit("texts-empty", Location(file=label))
        ]
    if not isinstance(raw, dict):
        return Texts(file=label), [emit("texts-syntax", Location(file=label), problem="应由“键: 内容”组成")]
    try:
        parsed = _TextsFile.model_validate(_without_blanks(raw))
    except ValidationError as exc:
        findings = [
            emit("texts-invalid", Location(file=label, field=".".join(str(p) for p in e["loc"])), problem=_PYDANTIC_MESSAGES.get(e["type"], e["msg"]))
            for e in exc.errors()
        ]
        return Texts(file=label), findings
    folded = _folded_lists(label, raw)
    if folded:
        return Texts(file=label), folded
    texts = Texts(
        functions=tuple(s.strip() for s in parsed.主要职能 if s and s.strip()),
        functions_note=parsed.职能补充说明.strip(),
        subordinate_units=_names(parsed.下属预算单位),
        departments=_names(parsed.内设机构),
        performance_results=parsed.预算绩效.成效.strip(),
        performance_problems=parsed.预算绩效.问题.strip(),
        performance_measures=parsed.预算绩效.措施.strip(),
        performance_systems=tuple(s.strip() for s in parsed.预算绩效.制度 if s and s.strip()),
        performance_mechanism=parsed.预算绩效.工作机制.strip(),
        final_units=tuple((u, "") if isinstance(u, str) else (u.单位名称.strip(), u.备注.strip()) for u in parsed.部门决算单位),
        other_matters=parsed.其他需说明的事项.strip(),
        file=label,
    )
    return texts, []


# "办公室 - 基金监管科 - 综合科": a list item indented one space too far (or a "- " under a text key)
# continues the text above it, and YAML folds the lines into one string. Prose has no " - " between words.
_FOLDED = re.compile(r"\S\s+-\s+\S")


def _folded_lists(label: str, raw: Any, path: str = "") -> list[Finding]:
    """An error for each text of RAW in which YAML folded list items into one line (an indentation slip)."""
    if isinstance(raw, dict):
        return [f for k, v in raw.items() for f in _folded_lists(label, v, f"{path}.{k}" if path else str(k))]
    if isinstance(raw, list):
        return [f for i, v in enumerate(raw) for f in _folded_lists(label, v, f"{path}[{i + 1}]")]
    if isinstance(raw, str) and _FOLDED.search(raw):
        return [
            emit("texts-list-folded", Location(file=label, field=path), text=raw.strip()[:200], path=path, start=raw.strip()[:60])
        ]
    return []


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    """A list of names; None when the key was left empty (not filled in), () for an explicit []."""
    if values is None:
        return None
    return tuple(v.strip() for v in values if v and v.strip())
