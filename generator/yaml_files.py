"""The one YAML loader every reader uses: safe, strict about duplicate keys, numbers via generator.numbers.

PyYAML's SafeLoader keeps the last of two equal keys without a word (a second
主要职能 would silently replace the first) and reads ".nan", ".inf" and "1_000"
as numbers. This loader raises a yaml.YAMLError for each, with the line, so
that readers report it like any other syntax problem.

Aliases are bounded: PyYAML shares an aliased node, but anything that walks the result
(our blank filter, pydantic) visits it once per reference, so nine levels of nine
aliases ("billion laughs", 300 bytes) are 387 million visits. Before anything is
constructed, the node graph is measured with each alias counted as its whole subtree:
more than MAX_NODES nodes, nesting deeper than MAX_DEPTH, or an alias that contains
itself is a YamlRefused (a yaml.YAMLError with the line of the offending node).
Text longer than MAX_CHARS is refused before parsing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from generator.numbers import NumberProblem, parse_number

MAX_CHARS = 1024 * 1024  # a large unit's 文字说明.yaml is ~20 KB
MAX_NODES = 100_000  # after alias expansion; a 文字说明.yaml has a few hundred, a profile under two thousand
MAX_DEPTH = 64  # nesting; ours is 3 deep. Also keeps every recursive walk far from Python's recursion limit

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ~10× faster


class DuplicateKeyError(ConstructorError):
    """Two equal keys in one mapping; `key` is the repeated key, `first_line` (1-based) where it first was."""

    def __init__(self, key: str, first_line: int, mark: Any) -> None:
        super().__init__(None, None, f"键「{key}」重复（第{first_line}行已有），后一个会覆盖前一个", mark)
        self.key = key
        self.first_line = first_line


class YamlRefused(yaml.MarkedYAMLError):
    """YAML that is not parsed or not constructed: too long, aliases expanding too far, nesting too deep."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


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


def load_yaml(text: str, loader: type[Any] = StrictLoader) -> Any:
    """Parse TEXT with LOADER (StrictLoader, or a SafeLoader subclass); raises yaml.YAMLError:
    DuplicateKeyError for repeated keys, YamlRefused for text or alias expansion beyond the bounds."""
    if len(text) > MAX_CHARS:
        raise YamlRefused(f"文件过长（{len(text)} 个字符，上限 {MAX_CHARS}）")
    parser = loader(text)
    try:
        node = parser.get_single_node()
        if node is None:
            return None
        check_expansion(node)
        return parser.construct_document(node)
    finally:
        parser.dispose()


def compose_yaml(text: str) -> yaml.Node | None:
    """TEXT's node graph (for line numbers), under the same bounds as load_yaml; nothing constructed."""
    if len(text) > MAX_CHARS:
        raise YamlRefused(f"文件过长（{len(text)} 个字符，上限 {MAX_CHARS}）")
    parser = StrictLoader(text)
    try:
        node = parser.get_single_node()
        if node is not None:
            check_expansion(node)
        return node
    finally:
        parser.dispose()


def check_expansion(root: yaml.Node) -> int:
    """The number of nodes ROOT stands for with every alias expanded; YamlRefused beyond the bounds.

    Iterative, each distinct node measured once (an alias is a second reference to the same node object).
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the current path: meeting one again is an alias that contains itself
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(child)] for child in children)
            if size > MAX_NODES:
                raise YamlRefused(
                    f"别名（*引用）展开后超过 {MAX_NODES} 项，疑似“别名炸弹”，不予读取；请直接写出内容，不用 & 和 *",
                    node.start_mark,
                )
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YamlRefused("别名（*引用）引用了包含它自己的内容，无法展开；请直接写出内容", node.start_mark)
        if depth > MAX_DEPTH:
            raise YamlRefused(f"嵌套超过 {MAX_DEPTH} 层，不予读取", node.start_mark)
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


# PyYAML's problems in English, as a person editing the file can act on them (first match wins).
_PROBLEMS = (
    ("did not find expected key", "缩进不齐或多了内容：同一层的键和“- ”项要上下对齐"),
    ("mapping values are not allowed", "这里不能有冒号：文字中含“: ”时请给整段加引号"),
    ("could not find expected ':'", "缺少冒号：键后面要写“: ”"),
    ("found character '\\t'", "含有制表符（Tab）：请用空格缩进"),
    ("found character", "含有不能作为开头的字符（如 @、`、%）：请给整段文字加引号"),
    ("found unexpected end of stream", "引号或括号没有配对：文件在结束前缺少右引号或右括号"),
    ("found unknown escape character", "双引号中的反斜杠“\\”写法有误：改用单引号或去掉反斜杠"),
    ("expected ',' or ']'", "方括号列表没有写完：缺少逗号或“]”"),
    ("expected ',' or '}'", "花括号没有写完：缺少逗号或“}”"),
    ("found undefined alias", "“*”开头的内容被当作引用：请给整段文字加引号"),
    ("expected <block end>", "缩进不齐：同一层的内容要上下对齐"),
    ("expected a single document", "文件中有多余的“---”或“...”分隔线"),
    ("found unexpected ':'", "这里不能有冒号：文字中含“: ”时请给整段加引号"),
)


def yaml_problem(exc: BaseException) -> str:
    """A Chinese sentence for a YAML error (our own messages are Chinese already), without PyYAML's English."""
    problem = str(getattr(exc, "problem", "") or "")
    if problem and not problem.isascii():  # ours (numbers, duplicate keys, alias bounds) are Chinese already
        return problem
    said = f"{problem} {getattr(exc, 'context', '') or ''}"
    for english, chinese in _PROBLEMS:
        if english in said:
            return chinese
    return "格式有误：请检查这一行及上一行的缩进、冒号和引号"
