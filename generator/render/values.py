"""The render context as values: what a template sees holds no object with a method that acts.

A template is data a unit (or anyone who sent it) wrote; it must not reach outside its data.
`freeze` turns the settled Figures and the formatted context into plain immutable values at the
render boundary: str, int, Decimal, bool, None, dates, and the three types below. A path becomes
its text; the loaded workbook (with its folder) and the ledger are left out.

- `Values`: an immutable mapping whose keys are also read as attributes (`f.funds.gpb.total`). The
  sandbox (generator.render.sandbox) resolves `x.items` to the key "items", never to a method.
- `Lookup`: a Values that can be called with a key, for the few documented lookups written as
  calls (`f.statement.income_content('其他收入')`, `tree.known_total('合计')`, `node.known('决算数')`).
- `Listing`: an immutable sequence that can be called without arguments and returns itself
  (`tree.nodes()`).
Filters that word a Change read it back from its values (`as_change`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from datetime import date, time
from decimal import Decimal
from enum import Enum
from functools import cached_property
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

from generator.compute.base import YearBase
from generator.compute.change import ZERO, Change
from generator.compute.figures import Figures, Procurement, Statement
from generator.compute.tree import Node, Tree
from generator.render.renamed import RENAMED

SCALARS = (str, bool, int, float, Decimal, date, time)


class Values(Mapping[str, Any]):
    """An immutable mapping of frozen values; KIND names the type it was made from (for filters)."""

    __slots__ = ("_items", "_kind", "_hash")
    _items: dict[Any, Any]
    _kind: str
    _hash: int | None

    def __init__(self, items: Mapping[Any, Any], kind: str = "") -> None:
        object.__setattr__(self, "_items", dict(items))
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Values are immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Values are immutable")

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash((self._kind, tuple(self._items.items()))))
        return self._hash or 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Values):
            return self._kind == other._kind and self._items == other._items
        return isinstance(other, Mapping) and self._items == dict(other)

    def __repr__(self) -> str:
        return f"{self._kind or 'Values'}({self._items!r})"


class Lookup(Values):
    """A Values that answers a call with one key: its value, or DEFAULT when it has none."""

    __slots__ = ("_default",)
    _default: Any

    def __init__(self, items: Mapping[Any, Any], default: Any = None) -> None:
        super().__init__(items, "Lookup")
        object.__setattr__(self, "_default", default)

    def __call__(self, key: Any) -> Any:
        try:
            return self._items.get(key, self._default)
        except TypeError:  # an unhashable key: there is no such entry
            return self._default


class Listing(tuple):
    """An immutable sequence that a template may also call, without arguments, as `nodes()`."""

    __slots__ = ()

    def __call__(self) -> Listing:
        return self


def kind_of(value: Any) -> str:
    return value._kind if isinstance(value, Values) else ""


# What a frozen type offers beyond its fields and properties: its documented read-only methods as
# lookups. Each takes the object and the function that freezes a part of it.
Freezer = Callable[[Any], Any]


def _tree_views(tree: Tree, freeze_part: Freezer) -> dict[str, Any]:
    columns = tuple(dict.fromkeys((*tree.columns, *tree.totals)))
    nodes = Listing(freeze_part(n) for n in tree.nodes())
    return {
        "total": Lookup({c: tree.total(c) for c in columns}, ZERO),
        "known_total": Lookup({c: tree.known_total(c) for c in columns}, None),
        "nodes": nodes,
        "leaves": Listing(n for n in nodes if not n["children"]),
        "find": Lookup({n["code"]: n for n in nodes}, None),
    }


def _node_views(node: Node, freeze_part: Freezer) -> dict[str, Any]:
    return {
        "value": Lookup({c: node.value(c) for c in node.values}, ZERO),
        "known": Lookup(dict(node.values), None),
        "walk": Listing(freeze_part(n) for n in node.walk()),
    }


def _statement_views(statement: Statement, freeze_part: Freezer) -> dict[str, Any]:
    return {"income_content": Lookup(dict(statement.income_contents), "")}


def _figures_views(figures: Figures, freeze_part: Freezer) -> dict[str, Any]:
    """The old flat names (generator.render.renamed), each the same value as its new name, for this release."""
    views: dict[str, Any] = {}
    for old, new in RENAMED.items():
        head, *path = new.split(".")
        value = freeze_part(getattr(figures, head))
        for name in path:
            value = value[name]
        views[old] = value
    return views


VIEWS: dict[type, Callable[[Any, Freezer], dict[str, Any]]] = {
    Tree: _tree_views,
    Node: _node_views,
    Statement: _statement_views,
    Figures: _figures_views,
}
# Parts left out: the loaded unit (its folder is a path, its rows carry their sources), the ledger
# of settlements and the code lists are for check, not for a sentence.
LEFT_OUT: dict[type, frozenset[str]] = {
    YearBase: frozenset({"unit", "ledger", "economic", "functional"}),
    Node: frozenset({"row"}),
    Procurement: frozenset({"stated_total"}),  # the settlement behind `total`, with its cells
    Figures: frozenset({"prior_pairs"}),  # both sides of each prior-year figure, for check
}


def freeze(value: Any) -> Any:
    """VALUE as plain immutable values (see the module docstring); raises TypeError for anything else."""
    return _Freezer().freeze(value)


class _Freezer:
    def __init__(self) -> None:
        self.memo: dict[int, Any] = {}
        self.keep: list[Any] = []  # keeps the frozen originals alive so their ids stay theirs

    def freeze(self, value: Any) -> Any:
        if value is None or isinstance(value, (Values, Listing)):
            return value
        if isinstance(value, Enum):
            return self.freeze(value.value)
        if isinstance(value, SCALARS):
            if isinstance(value, str) and type(value) is not str and not hasattr(value, "__html__"):
                return str(value)  # a str subclass's methods are not the template's business; Markup stays Markup
            return value
        if isinstance(value, PurePath):
            return str(value)
        if isinstance(value, Mapping):
            return Values({k: self.freeze(v) for k, v in value.items()})
        if isinstance(value, (tuple, list)):
            return tuple(self.freeze(v) for v in value)
        if isinstance(value, (set, frozenset)):
            return tuple(self.freeze(v) for v in sorted(value, key=repr))
        if dataclasses.is_dataclass(value) and not isinstance(value, type) or isinstance(value, BaseModel):
            return self._object(value)
        raise TypeError(f"not a template value: {type(value).__name__}")

    def _object(self, obj: Any) -> Values:
        key = id(obj)
        if key in self.memo:
            return self.memo[key]
        kind = type(obj)
        frozen = Values({}, kind.__name__)
        self.memo[key] = frozen  # a part that refers back to it (a node's walk starts with itself) gets it
        self.keep.append(obj)
        left_out = LEFT_OUT.get(kind, frozenset())
        items: dict[str, Any] = frozen._items  # filled before anyone outside sees it
        for name in _field_names(obj):
            if name not in left_out and not name.startswith("_"):
                items[name] = self.freeze(getattr(obj, name))
        for name in _property_names(kind):
            if name not in left_out:
                items[name] = self.freeze(getattr(obj, name))
        views = VIEWS.get(kind)
        if views is not None:
            items.update(views(obj, self.freeze))
        return frozen


_FIELDS: dict[type, tuple[str, ...]] = {}  # per type: its fields and properties, found once
_PROPERTIES: dict[type, tuple[str, ...]] = {}


def _field_names(obj: Any) -> tuple[str, ...]:
    kind = type(obj)
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(kind.model_fields) if isinstance(obj, BaseModel) else tuple(f.name for f in dataclasses.fields(obj))
    return _FIELDS[kind]


def _property_names(kind: type) -> tuple[str, ...]:
    if kind not in _PROPERTIES:
        _PROPERTIES[kind] = _properties_of(kind)
    return _PROPERTIES[kind]


def _properties_of(kind: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(kind.__mro__):
        if klass is BaseModel or klass.__module__.startswith("pydantic"):
            continue
        for name, attribute in vars(klass).items():
            if isinstance(attribute, (property, cached_property)) and not name.startswith("_") and name not in names:
                names.append(name)
    return tuple(names)


def as_change(value: Any) -> Change:
    """A Change from its values (what a filter receives from a template); a Change stays itself."""
    if isinstance(value, Change):
        return value
    if kind_of(value) == "Change":
        return Change(value["current"], value["base"], value["reason"])
    raise TypeError(f"需要一个比较（Change），得到的是 {type(value).__name__}")
