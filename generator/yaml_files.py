"""The one YAML loader every reader uses: safe, strict about duplicate keys, numbers via generator.numbers.

PyYAML's SafeLoader keeps the last of two equal keys without a word (a second
主要职能 would silently replace the first) and reads ".nan", ".inf" and "1_000"
as numbers. This loader raises a yaml.YAMLError for each, with the line, so
that readers report it like any other syntax problem.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from generator.numbers import NumberProblem, parse_number

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ~10× faster


class DuplicateKeyError(ConstructorError):
    """Two equal keys in one mapping; `key` is the repeated key, `first_line` (1-based) where it first was."""

    def __init__(self, key: str, first_line: int, mark: Any) -> None:
        super().__init__(None, None, f"键「{key}」重复（第{first_line}行已有），后一个会覆盖前一个", mark)
        self.key = key
        self.first_line = first_line


class StrictLoader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader that rejects duplicate keys and numbers that are not finite, plain and bounded.

    Integers stay int; floats become exact Decimals (2.5 stays 2.5, 0.1 stays 0.1).
    """

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    key = (key_node.tag, key_node.value)
                    if key in seen:
                        raise DuplicateKeyError(key_node.value, seen[key], key_node.start_mark)
                    seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _number(loader: Any, node: Any) -> Decimal:
    text = str(loader.construct_scalar(node))
    number = parse_number(text)
    if isinstance(number, NumberProblem) or number is None:
        reason = number.reason if number else "为空"
        raise ConstructorError(None, None, f"数字「{text}」{reason}", node.start_mark)
    return number


def _integer(loader: Any, node: Any) -> int:
    text = str(loader.construct_scalar(node))
    if "_" in text:
        raise ConstructorError(None, None, f"数字「{text}」不能含下划线，请直接写数字", node.start_mark)
    if len(text) > 20:  # also keeps int() away from Python's 4300-digit conversion limit
        raise ConstructorError(None, None, f"数字「{text[:40]}」过长", node.start_mark)
    value = SafeConstructor.construct_yaml_int(loader, node)
    problem = parse_number(value)
    if isinstance(problem, NumberProblem):
        raise ConstructorError(None, None, f"数字「{text}」{problem.reason}", node.start_mark)
    return int(value)


StrictLoader.add_constructor("tag:yaml.org,2002:float", _number)
StrictLoader.add_constructor("tag:yaml.org,2002:int", _integer)


def load_yaml(text: str) -> Any:
    """Parse TEXT with StrictLoader; raises yaml.YAMLError (DuplicateKeyError for repeated keys)."""
    return yaml.load(text, Loader=StrictLoader)
