"""Finding and loading profile YAML files, with Chinese messages at the YAML field and line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator import door
from generator.findings import Finding, Location, emit
from generator.self_evaluation.profile import Profile
from generator.yaml_files import StrictLoader, compose_yaml, load_yaml

PROFILE_DIR = Path(__file__).resolve().parents[2] / "data" / "profiles"
DEFAULT_PROFILE = "xinjiang-2024"


# Floats read as exact Decimals (2.5 stays 2.5); duplicate keys and NaN/inf/1_000 are YAML errors.
_DecimalLoader = StrictLoader


def available_profiles() -> list[str]:
    return sorted(path.stem for path in PROFILE_DIR.glob("*.yaml"))


def load_profile(name_or_path: str | Path) -> tuple[Profile | None, list[Finding]]:
    """A shipped profile by name ("xinjiang-2024") or any profile file by path."""
    path = Path(name_or_path)
    if not path.is_file():
        shipped = PROFILE_DIR / f"{name_or_path}.yaml"
        if not shipped.is_file():
            return None, [
                emit("profile-unknown", Location(file=str(name_or_path)), profile=str(name_or_path), available="、".join(available_profiles()))
            ]
        path = shipped
    stat = path.stat()
    profile, findings = _load_profile_file(str(path), stat.st_mtime_ns, stat.st_size)
    return profile, list(findings)


@lru_cache(maxsize=16)
def _load_profile_file(label: str, mtime_ns: int, size: int) -> tuple[Profile | None, tuple[Finding, ...]]:
    """Parsed once per file version: a batch run scores every unit with the same profile."""
    profile, findings = _parse_profile(Path(label), label)
    return profile, tuple(findings)


def _parse_profile(path: Path, label: str) -> tuple[Profile | None, list[Finding]]:
    try:
        text, refused = door.read_text(path, label)  # a regular file, at most 1 MB
    except UnicodeDecodeError:
        return None, [emit("profile-yaml-invalid", Location(file=label), problem="不是 UTF-8 编码的文本")]
    if text is None:
        return None, [refused] if refused is not None else []
    try:
        data = load_yaml(text, _DecimalLoader)  # a SafeLoader subclass: no arbitrary objects; aliases bounded
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        where = f"第{line}行" if line else ""
        return None, [
            emit("profile-yaml-invalid", Location(file=label), line=line, problem=f"不是有效的 YAML{where}：{exc}")
        ]
    if not isinstance(data, dict):
        return None, [emit("profile-invalid", Location(file=label), problem="文件应为映射（键: 值）")]
    try:
        return Profile.model_validate(data), []
    except ValidationError as exc:
        root = compose_yaml(text)  # line numbers, only when there is something to point at
        return None, [_finding_of(label, root, problem) for problem in exc.errors()]


def _finding_of(label: str, root: yaml.Node | None, problem: Any) -> Finding:
    path = [str(part) for part in problem["loc"]]
    line = _line_of(root, path)
    field = ".".join(path) or "（顶层）"
    where = f"（第{line}行）" if line else ""
    return emit("profile-invalid", Location(file=label, field=field), line=line, field=field, problem=f"字段 {field}{where}：{_chinese(problem)}")


def _chinese(problem: Any) -> str:
    kind, ctx = problem["type"], problem.get("ctx") or {}
    messages = {
        "missing": "缺少必填字段",
        "extra_forbidden": "不认识的字段（请检查拼写）",
        "literal_error": f"取值应为 {ctx.get('expected', '')}",
        "union_tag_invalid": f"kind 应为 {ctx.get('expected_tags', '')}，实际为 {ctx.get('tag', '')}",
        "union_tag_not_found": "缺少 kind 字段",
        "decimal_parsing": "应为数字",
        "decimal_type": "应为数字",
        "greater_than_equal": f"应不小于 {ctx.get('ge', '')}",
        "less_than_equal": f"应不大于 {ctx.get('le', '')}",
        "string_type": "应为文字",
        "bool_type": "应为 true 或 false",
        "bool_parsing": "应为 true 或 false",
        "dict_type": "应为映射（键: 值）",
        "tuple_type": "应为列表",
        "list_type": "应为列表",
        "too_short": f"至少需要 {ctx.get('min_length', '')} 项",
        "model_type": "应为映射（键: 值）",
    }
    if kind == "value_error":
        return str(problem["msg"]).removeprefix("Value error, ")
    return messages.get(kind, f"取值无效（{problem['msg']}）")


def _line_of(node: yaml.Node | None, path: list[str]) -> int | None:
    """1-based line of the deepest YAML node along `path` (discriminator tags in the path are skipped)."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if str(key.value) == part), None)
            if child is None:
                continue  # e.g. the discriminator tag pydantic adds to the location
            node = child
        elif isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
        else:
            continue
        line = node.start_mark.line + 1
    return line
