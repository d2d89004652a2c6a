"""Seeded corruptions of the sample unit (inputs/changji-ybj, 2024 with its 2023): the fuzz catalogue.

`variant(seed, index)` is deterministic: the same pair always builds the same files. Each variant
changes one thing (or, for "several", a few) in one of the four input files, or in the folder.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fuzzing import cells
from fuzzing import package as pkg

SAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "changji-ybj"
MAIN, TEXTS, SELF = "决算数据.xlsx", "文字说明.yaml", "绩效自评表.xlsx"
FILES = {("2024", MAIN), ("2024", TEXTS), ("2024", SELF), ("2023", MAIN)}

INJECTIONS = [
    "{{ 7*7 }}", "{% for x in range(10**9) %}x{% endfor %}", "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}", "{%tr for r in rows %}", "</w:t></w:r><w:r><w:t>注入", "R&D <b>粗体</b>",
    "${jndi:ldap://x}", "'; DROP TABLE x; --", "=cmd|' /C calc'!A0", "@SUM(1+1)", "\u202e反向文字", "\ufeff零宽", "🙂" * 50,
]
NUMBERS = [
    "NaN", "nan", "Infinity", "-Infinity", "inf", "-inf", "1_000", "1e300", "-1e300", "1E+400", "0x10", "1,2,3", "１２３",
    "١٢٣", "12.34.56", "--5", "+5", " 5 ", "5%", "５０％", "1/3", "十二万", "-0", "0.000000000000000001", "9" * 30, "1" * 400,
]
FLOATS = [1e300, -1e300, 1e16, -1.0, -0.01, 0.0, 5e-324, 1e-300, 0.1 + 0.2, 123456789012.345, 2.5, 31.0, 1e15, -1e15]
TARGETS = [
    "大约一百", ">=1e300%", "<=-5", ">=", "≥≥95%", "=NaN", "95%以上以上", "2024年13月40日前", "2024年2月30日", "9999年12月31日前",
    "每季度结束后的99999999999999999999日内", "提高" + "9" * 40 + "%", "较上年下降-5%", "/", "//", "显著提升" * 200, ">=0%", "<=0",
    "=0万元", "0", "100000000000000000000%",
]
ERRORS = [("error", "#DIV/0!"), ("error", "#N/A"), ("error", "#REF!"), ("error", "#VALUE!")]
FORMULAS = [("formula", "1+1"), ("formula", "SUM(A1:A3)", "3"), ("formula", "1/0", "#DIV/0!"), ("formula", "A1")]
TEXT = ["", " ", "\u3000", "-", "—", "/", "合计", "总计", "其中：", "x" * 40000, "2210201", "２２１０２０１", "221", "\t\n", "'", "/etc/passwd", "/dev/zero",
        "shanghai-2024", "a\x00b"]
BAD_YAML = [
    "", "   \n", "# 只有注释\n", "{}\n", "[]\n", "- a\n- b\n", "主要职能: [\n", "主要职能:\n\t- 制表符缩进\n", "主要职能: 一段话而不是列表\n",
    "主要职能:\n  - a\n主要职能:\n  - b\n", "预算绩效: 文字\n", "不认识: x\n", "主要职能: !!python/object/apply:os.system ['echo x']\n",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n主要职能: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
    "主要职能:\n  - " + "[" * 5000 + "\n", "其他需说明的事项: .nan\n", "其他需说明的事项: 1_000\n", "职能补充说明: " + "长" * 200000 + "\n",
    "主要职能:\n  - {{ 7*7 }}\n  - '{% for x in y %}'\n职能补充说明: '{{ config }}'\n", "\x00\x01\x02", "主要职能: *undefined\n",
]


@dataclass
class Variant:
    """One corruption. Its files (and the description of what changed) are made on first use, so that
    naming a variant, as the campaign's parent process does, costs nothing."""

    seed: int
    index: int
    kind: str
    prepare: Callable[[], tuple[Callable[[Path], None], str]]
    _prepared: tuple[Callable[[Path], None], str] | None = field(default=None, repr=False)
    command: str = "generate"  # which command runs on it (fuzzing/commands.py)

    @property
    def name(self) -> str:
        stem = f"{self.seed}-{self.index}-{self.kind}" if self.index >= 0 else f"{self.seed}-{self.kind}"
        return f"{stem}-{self.command}"

    def _ready(self) -> tuple[Callable[[Path], None], str]:
        if self._prepared is None:
            self._prepared = self.prepare()
        return self._prepared

    @property
    def detail(self) -> str:
        return self._ready()[1]

    def build(self, root: Path) -> None:
        """Write the corrupted unit under ROOT (ROOT/2024, ROOT/2023)."""
        self._ready()[0](root)


_BASE: dict[tuple[str, str], bytes] = {}


def base_files() -> dict[tuple[str, str], bytes]:
    if not _BASE:
        for year, name in FILES:
            _BASE[(year, name)] = (SAMPLE / year / name).read_bytes()
    return dict(_BASE)


def write_base(root: Path, files: dict[tuple[str, str], bytes]) -> None:
    for (year, name), data in files.items():
        (root / year).mkdir(parents=True, exist_ok=True)
        (root / year / name).write_bytes(data)


def _with(change: Callable[[dict[tuple[str, str], bytes], random.Random], str], rng: random.Random) -> tuple[Callable[[Path], None], str]:
    files = base_files()
    detail = change(files, rng)

    def build(root: Path) -> None:
        write_base(root, files)

    return build, detail


def _book(rng: random.Random) -> tuple[str, str]:
    return rng.choice([("2024", MAIN), ("2024", MAIN), ("2024", SELF), ("2024", SELF), ("2023", MAIN)])


def _cell_value(files: dict, rng: random.Random) -> str:
    key = _book(rng)
    value: object = rng.choice(
        [rng.choice(NUMBERS), rng.choice(FLOATS), rng.choice(TARGETS), rng.choice(INJECTIONS), rng.choice(TEXT),
         rng.choice(ERRORS), rng.choice(FORMULAS), rng.choice([True, False]), rng.uniform(-1e6, 1e6), rng.randrange(-10, 10**7)]
    )
    part = cells.random_part(files[key], rng)
    files[key] = cells.set_cell(files[key], part, rng, value)
    return f"{key[0]}/{key[1]} {part} = {value!r}"[:200]


def _several_cells(files: dict, rng: random.Random) -> str:
    return "; ".join(_cell_value(files, rng) for _ in range(rng.randrange(2, 8)))[:400]


def _structure(files: dict, rng: random.Random) -> str:
    key = _book(rng)
    data = files[key]
    action = rng.choice(["drop", "rename", "hide", "duplicate-row", "insert-row", "merge", "swap"])
    if action == "drop":
        data = cells.drop_sheet(data, rng)
    elif action == "rename":
        data = cells.rename_sheet(data, rng, rng.choice(["Sheet1", "封 面", "收入支出决算总表 ", "x" * 31, "项目资金(1)"]))
    elif action == "hide":
        data = cells.hide_sheet(data, rng)
    elif action == "swap":
        data = cells.swap_sheet_parts(data, rng)
    else:
        part = cells.random_part(data, rng)
        change = {"duplicate-row": cells.duplicate_row, "insert-row": cells.insert_blank_row, "merge": cells.merge_cells}[action]
        data = change(data, part, rng)
    files[key] = data
    return f"{key[0]}/{key[1]} {action}"


def _bytes(files: dict, rng: random.Random) -> str:
    key = rng.choice(sorted(FILES))
    data = files[key]
    action = rng.choice(["truncate", "flip", "random", "empty", "csv", "xls-magic"])
    if action == "truncate":
        data = pkg.truncated(data, rng.random())
    elif action == "flip":
        buffer = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        data = bytes(buffer)
    elif action == "random":
        data = rng.randbytes(rng.randrange(1, 50_000))
    elif action == "empty":
        data = b""
    elif action == "csv":
        data = "科目编码,科目名称,金额\n208,社会保障和就业支出,84.68\n".encode("gbk")
    else:
        data = bytes.fromhex("d0cf11e0a1b11ae1") + rng.randbytes(4000)
    files[key] = data
    return f"{key[0]}/{key[1]} {action}"


PACKAGE_ACTIONS = ("far-xfd", "far-gr", "far-random", "far-blank", "dimension", "entities", "external-entity", "formula",
                   "bomb", "lying-size", "bomb-small", "far-every-sheet")
FOLDER_ACTIONS = ("prior-dir", "prior-fifo", "prior-dangling", "prior-link", "workbook-dir", "workbook-fifo",
                  "no-texts", "no-self-evaluation", "no-prior", "texts-dir", "self-fifo")


def _package(files: dict, rng: random.Random, action: str | None = None, key: tuple[str, str] | None = None) -> str:
    key = key or _book(rng)
    data = files[key]
    part = cells.random_part(data, rng)
    action = action or rng.choice(PACKAGE_ACTIONS)
    if action == "far-xfd":
        data = pkg.far_cell(data, part, "XFD1048576")
    elif action == "far-gr":
        data = pkg.far_cell(data, part, "GR200000")
    elif action == "far-random":
        data = pkg.far_cell(data, part, f"{cells._letters(rng.randrange(60, 16384))}{rng.randrange(1, 1048576)}", "x" if rng.random() < 0.5 else "1")
    elif action == "far-blank":
        data = pkg.far_cell(data, part, "XFD1048576", blank=True)
    elif action == "dimension":
        data = pkg.lying_dimension(data, part)
    elif action == "entities":
        data = pkg.entity_expansion(data, part, with_formula=rng.random() < 0.5)
    elif action == "external-entity":
        data = pkg.external_entity(data, part)
    elif action == "formula":
        data = pkg.formula(data, part, f"{rng.choice('ABCDEFG')}{rng.randrange(1, 40)}")
    elif action == "bomb":
        data = pkg.zip_bomb(data, rng.choice([40, 120]), part)
    elif action == "lying-size":
        data = pkg.lie_about_size(pkg.zip_bomb(data, 60, part), part, rng.choice([1000, 50_000]))
    elif action == "far-every-sheet":
        for sheet in pkg.worksheets(data):
            data = pkg.far_cell(data, sheet, rng.choice(["XFD1048576", "GR200000", "BM20001", "A1048576"]))
    else:
        data = pkg.zip_bomb(data, 2, part)  # 2 MB of padding: over the ratio limit, under every size limit
    files[key] = data
    return f"{key[0]}/{key[1]} {part} {action}"


def alias_bomb(levels: int, width: int = 9, key: str = "主要职能") -> str:
    """A "billion laughs" YAML: WIDTH**LEVELS strings under KEY, in a few hundred bytes."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels)]
    return "\n".join([*lines, f"{key}: *a{levels - 1}"]) + "\n"


def _bombs(rng: random.Random) -> str:
    """An alias bomb of a size drawn from small (under the loader's bound) to huge, under one of the keys."""
    levels, width = rng.choice([(3, 9), (4, 9), (5, 9), (6, 9), (7, 9), (9, 9), (12, 9), (4, 30), (20, 2), (40, 2)])
    return alias_bomb(levels, width, rng.choice(["主要职能", "内设机构", "下属预算单位", "其他需说明的事项", "预算绩效"]))


def _yaml(files: dict, rng: random.Random) -> str:
    text = rng.choice(BAD_YAML)
    roll = rng.random()
    if roll < 0.3:  # an alias bomb of some size
        text = _bombs(rng)
    elif roll < 0.5:  # or a valid file with an injection string in a paragraph
        text = base_files()[("2024", TEXTS)].decode("utf-8") + f"\n其他需说明的事项: {rng.choice(INJECTIONS)!r}\n"
    data = text.encode("utf-8") if rng.random() < 0.9 else text.encode("utf-16")
    year = "2024" if rng.random() < 0.7 else "2023"  # last year's too: diff and the prior year read it
    files[(year, TEXTS)] = data
    return f"{year}/文字说明.yaml {text[:60]!r}"


def _folder(rng: random.Random, action: str | None = None) -> tuple[Callable[[Path], None], str]:
    files = base_files()
    action = action or rng.choice(FOLDER_ACTIONS)

    def build(root: Path) -> None:
        write_base(root, files)
        target = {
            "prior-dir": root / "2023" / MAIN, "prior-fifo": root / "2023" / MAIN, "prior-dangling": root / "2023" / MAIN,
            "prior-link": root / "2023" / MAIN, "workbook-dir": root / "2024" / MAIN, "workbook-fifo": root / "2024" / MAIN,
            "no-texts": root / "2024" / TEXTS, "no-self-evaluation": root / "2024" / SELF, "no-prior": root / "2023" / MAIN,
            "texts-dir": root / "2024" / TEXTS, "self-fifo": root / "2024" / SELF,
        }[action]
        moved = root / "elsewhere.xlsx"
        if action == "prior-link":
            target.replace(moved)
        else:
            target.unlink()
        if action.endswith("-dir"):
            target.mkdir()
        elif action.endswith("fifo"):
            os.mkfifo(target)
        elif action == "prior-dangling":
            target.symlink_to(root / "nowhere.xlsx")
        elif action == "prior-link":
            target.symlink_to(moved)
        else:
            moved.unlink(missing_ok=True)

    return build, action


KINDS: list[tuple[str, int]] = [("cell", 40), ("several", 10), ("structure", 14), ("bytes", 10), ("package", 12), ("yaml", 8), ("folder", 6)]


def variant(seed: int, index: int, commands: tuple[str, ...] | None = None) -> Variant:
    """Variant INDEX of SEED, run by one of COMMANDS (default: every command, weighted as fuzzing.commands.WEIGHTS)."""
    from fuzzing.commands import COMMANDS, WEIGHTS

    rng = random.Random(f"{seed}:{index}")
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    pool = commands or COMMANDS
    weights = [dict(zip(COMMANDS, WEIGHTS, strict=True)).get(c, 1) for c in pool]
    command = random.Random(f"{seed}:{index}:command").choices(pool, weights=weights)[0]

    def prepare() -> tuple[Callable[[Path], None], str]:
        if kind == "folder":
            return _folder(rng)
        change = {"cell": _cell_value, "several": _several_cells, "structure": _structure, "bytes": _bytes,
                  "package": _package, "yaml": _yaml}[kind]
        return _with(change, rng)

    return Variant(seed=seed, index=index, kind=kind, prepare=prepare, command=command)


def named(action: str, book: tuple[str, str] = ("2024", MAIN), seed: int = 0, command: str = "generate") -> Variant:
    """One package or folder corruption chosen by name (e.g. "far-xfd" in this year's main workbook), or
    "bomb-N" for an alias bomb of N levels in BOOK's year's 文字说明.yaml; run by COMMAND."""
    rng = random.Random(f"{seed}:{action}")
    if action in FOLDER_ACTIONS:
        return Variant(seed=seed, index=-1, kind=action, prepare=lambda: _folder(rng, action), command=command)
    if action.startswith("bomb-") and action[5:].isdigit():
        def put(files: dict, r: random.Random) -> str:
            files[(book[0], TEXTS)] = alias_bomb(int(action[5:])).encode("utf-8")
            return f"{book[0]}/文字说明.yaml alias bomb, {action[5:]} levels"

        return Variant(seed=seed, index=-1, kind=action, prepare=lambda: _with(put, rng), command=command)
    return Variant(seed=seed, index=-1, kind=action, prepare=lambda: _with(lambda files, r: _package(files, r, action, book), rng),
                   command=command)
