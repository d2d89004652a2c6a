"""The Jinja environment templates run in: immutable, calling only what juesuan registered, on a budget.

A template may come from a unit's data folder, so it is treated as untrusted data:
- its context holds values only (generator.render.values); attribute access on them reads keys;
- it may call only the registered filters, globals and tests, the lookups of its values, its own
  macros and `loop`; every other call (a str or list method, `cycler`, `range` beyond its bound…)
  is refused;
- it cannot load another template: include, import and extends are refused by the loader;
- each render has a budget: loop iterations, characters produced and wall time. `~`, `+`, `*`,
  `%` and `**` are checked before they allocate, so that no single expression can exhaust memory.
A refusal raises TemplateRefused, an exhausted budget TemplateBudgetExceeded; the renderer turns
both into findings.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps
from types import MethodType
from typing import Any

from jinja2 import BaseLoader, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateRuntimeError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.runtime import LoopContext, Macro, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import pass_eval_context

from generator.render.values import Listing, Lookup, Values

MAX_ITERATIONS = 1_000_000  # loop iterations in one document (the shipped templates need a few thousand)
MAX_CHARACTERS = 100_000_000  # characters produced in one document, counted wherever they are joined
MAX_VALUE = 5_000_000  # characters (or items) in any one value an expression builds
MAX_SECONDS = 120.0  # wall time of one document
MAX_POWER = 4096  # the largest exponent of `**`
MAX_FORMAT_WIDTH = 1000  # the widest field a `%` format may ask for
ITERATE = "_budgeted_iteration"  # the filter every {% for %} iterates through (added when parsing)

# Jinja's own filters a template may use: the rest build large values from small arguments
# (center, indent, wordwrap, format, batch with a filler), reach attributes by name (attr), or are not
# deterministic (random).
ALLOWED_JINJA_FILTERS = (
    "abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float",
    "forceescape", "groupby", "int", "items", "join", "last", "length", "list", "lower", "map", "max",
    "min", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select", "selectattr",
    "sort", "string", "striptags", "sum", "title", "trim", "truncate", "unique", "upper", "wordcount",
)  # fmt: skip


class TemplateRefused(SecurityError):
    """The template asked for something a template may not do (a call, an include, an attribute)."""


class TemplateBudgetExceeded(TemplateRuntimeError):
    """The template ran past its budget of iterations, characters or time."""

    def __init__(self, what: str, limit: str) -> None:
        super().__init__(f"{what}超出限制（{limit}）")
        self.what = what
        self.limit = limit


@dataclass
class Budget:
    """What one render may still spend."""

    iterations: int = MAX_ITERATIONS
    characters: int = MAX_CHARACTERS
    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_SECONDS)

    def tick(self) -> None:
        self.iterations -= 1
        if self.iterations < 0:
            raise TemplateBudgetExceeded("循环次数", f"{MAX_ITERATIONS:,} 次")
        self._in_time()

    def spend(self, size: int) -> None:
        if size > MAX_VALUE:
            raise TemplateBudgetExceeded("单个值的长度", f"{MAX_VALUE:,} 个字符")
        self.characters -= size
        if self.characters < 0:
            raise TemplateBudgetExceeded("生成的文字", f"{MAX_CHARACTERS:,} 个字符")
        self._in_time()

    def _in_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateBudgetExceeded("运行时间", f"{MAX_SECONDS:g} 秒")


_CURRENT: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


def current_budget() -> Budget:
    budget = _CURRENT.get()
    if budget is None:  # rendered outside `budgeted()`: a budget for this call alone
        budget = Budget()
    return budget


class budgeted:  # noqa: N801 - used as a context manager, like open()
    """One budget for everything rendered inside (a document's body, headers and footers)."""

    def __enter__(self) -> Budget:
        self._token = _CURRENT.set(Budget())
        return _CURRENT.get()  # type: ignore[return-value]

    def __exit__(self, *exc: object) -> None:
        _CURRENT.reset(self._token)


def _size(value: Any) -> int:
    if isinstance(value, (str, tuple, list)):
        return len(value)
    return len(str(value)) if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool) else 16


def _iterate(value: Iterable[Any]) -> Iterator[Any]:
    budget = current_budget()
    for item in value:
        budget.tick()
        yield item


class RefusingLoader(BaseLoader):
    """A template is one file: it may not include, import or extend another."""

    def get_source(self, environment: Any, template: str) -> Any:
        raise TemplateRefused(f"模板不能引用其他模板（include/import/extends「{template}」）")


class _BudgetedCodeGenerator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's visitor name
        """`a ~ b` checks the size of what it joins before joining it."""
        self.write("environment.joined(context.eval_ctx, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_WIDTH = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox every template renders in (see the module docstring)."""

    code_generator_class = _BudgetedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "%", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, loader=RefusingLoader(), **kwargs)
        self.globals.clear()  # no cycler, joiner, lipsum, namespace, dict
        self.globals["range"] = safe_range  # bounded (100,000), and every loop is on the budget
        self.filters = {name: _charged(JINJA_FILTERS[name]) for name in ALLOWED_JINJA_FILTERS}
        self.filters["join"] = _join
        self.filters["replace"] = _replace
        self.filters[ITERATE] = _iterate
        self._callables = self._registered()

    def register(self, filters: dict[str, Callable[..., Any]], tests: dict[str, Callable[..., Any]], functions: dict[str, Callable[..., Any]]) -> None:
        """FILTERS as filters, TESTS as tests, FUNCTIONS as globals: the only things a template may call."""
        self.filters.update(filters)
        self.tests.update(tests)
        self.globals.update(functions)
        self._callables = self._registered()

    def _registered(self) -> frozenset[int]:
        return frozenset(id(f) for f in (*self.globals.values(), *self.filters.values(), *self.tests.values()))

    # --- what may be called ------------------------------------------------------------

    def is_safe_callable(self, obj: Any) -> bool:
        if isinstance(obj, (Lookup, Listing, Macro, LoopContext)):
            return True
        if isinstance(obj, MethodType) and isinstance(obj.__self__, LoopContext) and obj.__name__ in ("cycle", "changed"):
            return True
        return id(obj) in self._callables

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        if not __self.is_safe_callable(__obj):
            raise TemplateRefused(f"模板只能调用 juesuan 提供的过滤器和函数，不能调用 {_name(__obj)}")
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level is on the budget too
            args = (_iterate(args[0]), *args[1:])
        return __context.call(__obj, *args, **kwargs)

    # --- what may be read ----------------------------------------------------------------

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, Values):  # a key, never a method: `x.items` is the key "items"
            return self._key(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Values):
            return self._key(obj, argument)
        return super().getitem(obj, argument)

    def _key(self, obj: Values, key: Any) -> Any:
        try:
            return obj[key]
        except (KeyError, TypeError):
            return self.undefined(obj=obj, name=key)

    # --- what may be built ---------------------------------------------------------------

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        budget = current_budget()
        if operator_ == "**":
            exponent = abs(Decimal(right)) if isinstance(right, (int, Decimal)) else Decimal(0)
            if exponent > MAX_POWER and left not in (0, 1, -1):
                raise TemplateBudgetExceeded("乘方的指数", str(MAX_POWER))
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() * right > 8 * MAX_VALUE:
                raise TemplateBudgetExceeded("整数的大小", f"{MAX_VALUE:,} 字节")
        elif operator_ == "*":
            _check_product(left, right, budget)
        elif operator_ == "+":
            if isinstance(left, (str, tuple, list)) or isinstance(right, (str, tuple, list)):
                budget.spend(_size(left) + _size(right))
        elif operator_ == "%" and isinstance(left, str):
            _check_format(left)
        result = self.binop_table[operator_](left, right)
        if operator_ == "%" and isinstance(result, str):
            budget.spend(len(result))
        return result

    def joined(self, eval_ctx: Any, parts: tuple[Any, ...]) -> str:
        current_budget().spend(sum(_size(p) for p in parts))
        return (markup_join if eval_ctx.autoescape else str_join)(parts)

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        """Everything a template, block or macro outputs is joined here: count it."""
        budget = current_budget()
        out = []
        for part in parts:
            budget.spend(len(part))
            out.append(part)
        return "".join(out)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every {% for %} iterates through the budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, ITERATE, [], [], None, None, lineno=loop.lineno)
        return tree


def _name(obj: Any) -> str:
    name = getattr(obj, "__name__", None) or type(obj).__name__
    return f"「{name}」"


def _check_product(left: Any, right: Any, budget: Budget) -> None:
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, tuple, list)) and isinstance(times, int):
            budget.spend(len(seq) * max(times, 0))
            return
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > 8 * MAX_VALUE:
        raise TemplateBudgetExceeded("整数的大小", f"{MAX_VALUE:,} 字节")


def _check_format(text: str) -> None:
    for match in _WIDTH.finditer(text):
        for number in match.groups():
            if number == "*" or (number and int(number) > MAX_FORMAT_WIDTH):
                raise TemplateBudgetExceeded("格式宽度", str(MAX_FORMAT_WIDTH))


def _charged(f: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja filter F, its text result counted (wraps keeps how Jinja passes it its context)."""

    @wraps(f)
    def charged(*args: Any, **kwargs: Any) -> Any:
        result = f(*args, **kwargs)
        if isinstance(result, str):
            current_budget().spend(len(result))
        return result

    return charged


@pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    current_budget().spend(sum(_size(i) for i in items) + len(str(d)) * len(items))
    return JINJA_FILTERS["join"](eval_ctx, items, d, attribute)


@pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    text, old_text, new_text = str(s), str(old), str(new)
    times = text.count(old_text) if old_text else len(text) + 1
    if count is not None and count >= 0:
        times = min(times, count)
    current_budget().spend(len(text) + times * len(new_text))
    return JINJA_FILTERS["replace"](eval_ctx, s, old, new, count)


