"""The layers hold: each part of generator/ imports only the parts below it (read from the source with ast).

The pipeline runs one way: load -> compute -> check -> render, with the foundation below every
stage, split into pure helpers (findings, formatting, the model's types) and file I/O (atomic
writes, reading code lists, hashing inputs), and the jobs (api, diff, batch, ...) and the
command-line modules, each a part of its own, above. Pure parts (the pure foundation, compute,
check, report) import no file I/O and make no file-system call; flask and pandas are imported only
by the parts that need them. A new import that goes the other way, or a part not in the table,
fails here; to allow a direction on purpose, change the table.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Below every stage: pure helpers (values, formatting, rules of codes and layouts; no file is read or written) ...
# self_evaluation is the self-evaluation's values (its workbook's layout, model, profile schema, target forms): its reading
# is in load (generator/load/self_evaluation), its scoring in compute, its rules in check.
PURE = frozenset({"findings", "lazy", "finding_codes", "display", "docx_package", "model", "layout", "codes", "numbers", "yaml_files", "residue", "acknowledged", "cell_values", "self_evaluation"})
# ... and file I/O (atomic writes, the guarded door every read goes through, reading the code lists, hashing the inputs), kept apart so that a pure stage cannot reach it.
IO = frozenset({"files", "code_files", "file_hashes", "door", "acknowledgements"})
FOUNDATION = PURE | IO

# part -> the parts it may import (besides itself). A part is a top-level module or package of generator/; each
# command-line module is a part of its own ("cli" is generator/cli.py with __main__, "diff.cli", "batch.terminal", ...),
# and the commands' lazy "module:attribute" names count as imports.
ALLOWED: dict[str, frozenset[str]] = {
    **{name: PURE for name in PURE},
    **{name: FOUNDATION for name in IO},
    "report": PURE,
    "load": FOUNDATION,
    "compute": PURE,  # computation reads no file: load hands it everything (the code lists included)
    "check": PURE | {"compute", "report"},
    "render": FOUNDATION | {"compute"},
    "words": FOUNDATION | {"compute", "render"},
    # api -> export: api.figures_frame is the library's door to the export (README, docs/export.md); export never imports api.
    # api -> verify: api.verify_document renders the data folder and hands verify the documents (verify never imports api).
    "api": FOUNDATION | {"load", "compute", "check", "checked", "render", "export", "report", "init", "carry", "words", "diff", "batch", "verify"},
    "init": FOUNDATION | {"load"},  # load writes the blank 绩效自评表 it reads (generator/load/self_evaluation)
    "carry": FOUNDATION | {"load", "compute", "init"},
    # diff and batch sit above the pipeline's results and below api: api checks and renders, then hands them the values
    # (two Checked, a job per unit); the CLI and the web reach them only through api.
    "checked": PURE | {"compute", "report"},
    "diff": FOUNDATION | {"checked", "compute", "render", "report"},
    "batch": FOUNDATION | {"checked", "load", "render", "report"},
    "export": FOUNDATION | {"load", "compute"},
    # verify is an independent second opinion on a finished document: it reads documents only, the one verified and, for
    # --data, those api renders from the folder and hands it as bytes; no stage of the generator, not even through api.
    "verify": FOUNDATION | {"report"},
    # the workbench's one door is api: checks, jobs, rendering, the PDF, verify, and its reads (rows, an upload's scan,
    # unit names, the charts' figures as plain values); report for the findings' and coverage's values it shows.
    "web": FOUNDATION | {"api", "report"},
    "cli_click": frozenset(),
    "cli_output": PURE | {"report"},
    "cli": FOUNDATION | {"cli_click", "cli_output", "api", "report", "diff.cli", "batch.cli", "export.cli", "web.cli", "verify.cli"},
    "diff.cli": FOUNDATION | {"cli_click", "api", "diff.terminal"},
    "diff.terminal": FOUNDATION | {"diff", "report", "cli_output"},
    "batch.cli": FOUNDATION | {"cli_click", "api", "batch.terminal"},
    "batch.terminal": FOUNDATION | {"batch", "report", "cli_output"},
    "export.cli": FOUNDATION | {"cli_click", "cli_output", "api"},
    "web.cli": FOUNDATION | {"cli_click", "web"},
    "verify.cli": FOUNDATION | {"cli_click", "cli_output", "api", "report"},
}

# Third-party packages that only some parts may import (at the top or inside a function): a command-line install
# that never serves the workbench or exports a table does not need them loaded.
PLACED = {"flask": {"web"}, "werkzeug": {"web"}, "pandas": {"export"}, "pyarrow": {"export"}}

# Calls that touch the file system, which the pure parts never make.
FILE_CALLS = frozenset({"open", "read_text", "read_bytes", "write_text", "write_bytes", "is_file", "is_dir", "exists", "iterdir", "glob", "rglob", "stat", "mkdir", "unlink"})
FILE_CALLS_ALLOWED = {"generator.finding_codes": "write_docs: `python -m generator.finding_codes` writes docs/findings*.md"}
LAZY = re.compile(r"^(generator(?:\.\w+)+):\w+$")


def part_of(module: str) -> str:
    """generator.check.totals -> check; generator.diff.cli -> diff.cli; generator.cli -> cli; generator.api -> api."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in {"cli", "__main__"}:
        return "cli"
    if len(parts) > 1 and parts[-1] in {"cli", "terminal"}:
        return f"{parts[0]}.{parts[-1]}"
    return parts[0]


def module_of(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every generator module PATH imports, at the top, inside functions or for type checking only."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "generator":  # from generator import api, layout
                names.update(f"generator.{alias.name}" for alias in node.names)
            elif node.module.startswith("generator."):
                names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("generator."))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (lazy := LAZY.match(node.value)):
            names.add(lazy.group(1))  # a LazyGroup's "generator.diff.cli:diff": imported when the command runs
    return names


def edges() -> dict[tuple[str, str], set[str]]:
    """(importer part, imported part) -> the modules where that import is written."""
    found: dict[tuple[str, str], set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = module_of(path)
        if module == "generator":
            continue
        for target in imported(path):
            a, b = part_of(module), part_of(target)
            if a != b:
                found.setdefault((a, b), set()).add(module)
    return found


def test_every_part_is_in_the_table() -> None:
    parts = {part_of(module_of(p)) for p in PACKAGE.rglob("*.py") if module_of(p) != "generator"}
    assert parts - set(ALLOWED) == set(), "a new part of generator/: add it to ALLOWED with what it may import"


def test_imports_go_only_in_the_allowed_directions() -> None:
    found = edges()
    assert len(found) > 20, "the imports were not found"
    wrong = {f"{a} -> {b}": sorted(where) for (a, b), where in found.items() if b not in ALLOWED[a]}
    assert wrong == {}


def test_no_module_imports_another_modules_private_names() -> None:
    private = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                private += [f"{module_of(path)}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert private == []


def test_the_table_has_no_cycle() -> None:
    def below(part: str, seen: frozenset[str] = frozenset()) -> set[str]:
        assert part not in seen, f"cycle through {part}"
        reached: set[str] = set()
        for lower in ALLOWED.get(part, frozenset()) - {part}:
            if lower in FOUNDATION and part in FOUNDATION:
                continue  # the foundation's modules may use each other; cycles there are caught by Python itself
            reached |= {lower} | below(lower, seen | {part})
        return reached

    for part in ALLOWED:
        below(part)


def test_the_stages_are_in_pipeline_order() -> None:
    order = ["load", "compute", "check", "render"]
    for i, stage in enumerate(order):
        for later in order[i + 1 :]:
            assert later not in ALLOWED[stage], f"{stage} may not import {later}"
    assert not (ALLOWED["render"] & {"load"}) and not (ALLOWED["compute"] & {"load"})


def test_verify_never_reads_the_generators_render_context() -> None:
    """verify checks juesuan's own output as a second opinion: no module of it may import generator.render (context, document)."""
    found = {module_of(p): sorted(t for t in imported(p) if t.startswith(("generator.render", "generator.check", "generator.compute")))
             for p in (PACKAGE / "verify").rglob("*.py")}
    assert {m: t for m, t in found.items() if t} == {}
    assert len(found) > 5, "the verify package was not found"


def test_pure_parts_cannot_reach_file_io() -> None:
    for part in (*PURE, "compute", "check"):
        assert not (ALLOWED[part] & IO), f"{part} may not import file I/O"


def _pure_modules() -> list[Path]:
    pure_parts = {*PURE, "compute", "check", "report"}
    return [p for p in PACKAGE.rglob("*.py") if module_of(p) != "generator" and part_of(module_of(p)) in pure_parts]


def test_pure_parts_make_no_file_system_calls() -> None:
    found = []
    for path in _pure_modules():
        if module_of(path) in FILE_CALLS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in FILE_CALLS:
                    found.append(f"{module_of(path)}:{node.lineno} {name}()")
    assert len(_pure_modules()) > 30
    assert found == []


def package_roots(path: Path) -> list[str]:
    """The top-level package of every absolute import PATH writes ("openpyxl" for `from openpyxl.cell import …`)."""
    roots: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.append(node.module.split(".")[0])
    return roots


def test_third_party_packages_are_imported_only_where_placed() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        module = module_of(path)
        wrong += [f"{module} imports {r}" for r in package_roots(path) if r in PLACED and part_of(module) not in PLACED[r]]
    assert wrong == []


def test_the_commands_lazy_names_are_seen_as_imports() -> None:
    assert {"diff.cli", "batch.cli", "export.cli", "web.cli"} <= {b for (a, b) in edges() if a == "cli"}


def test_the_cli_and_the_web_reach_the_jobs_only_through_api() -> None:
    """diff, batch, export, verify and the PDF conversion (render) are called by the commands and the workbench through
    generator/api.py; the workbench reaches no stage at all except through it."""
    for part in ("cli", "web", "diff.cli", "batch.cli", "export.cli", "verify.cli"):
        assert not (ALLOWED[part] & {"diff", "batch", "export", "render", "verify"}), part
    assert {"diff", "batch", "export", "verify"} <= ALLOWED["api"] and "api" not in ALLOWED["diff"] | ALLOWED["batch"] | ALLOWED["verify"]
    assert not (ALLOWED["web"] & {"load", "compute", "check", "checked", "render", "words"})


# Libraries that read or write files: none of them in a pure part (the self-evaluation's workbooks are read in load).
FILE_LIBRARIES = frozenset({"openpyxl", "python_calamine", "docxtpl", "docx"})


def test_the_self_evaluation_is_split_by_stage() -> None:
    """Its values are pure, its reading is load's, its scoring compute's, its rules check's: no part of it reads a file
    but load, and no pure part imports its reading."""
    io_modules = {module_of(p) for p in (PACKAGE / "load" / "self_evaluation").rglob("*.py")}
    assert {"generator.load.self_evaluation.reader", "generator.load.self_evaluation.profiles"} <= io_modules
    pure = [p for p in _pure_modules() if "self_evaluation" in module_of(p)]
    assert {"generator.self_evaluation.model", "generator.compute.self_evaluation.score", "generator.check.self_evaluation"} <= {module_of(p) for p in pure}
    wrong = []
    for path in pure:
        wrong += [f"{module_of(path)} imports {t}" for t in imported(path) if t in io_modules or t.startswith("generator.load")]
        wrong += [f"{module_of(path)} imports {r}" for r in package_roots(path) if r in FILE_LIBRARIES]
    assert wrong == []
