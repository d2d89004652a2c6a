"""The layers hold: each part of generator/ imports only the parts below it (read from the source with ast).

The pipeline runs one way: load -> compute -> check -> render, with the foundation
(findings, formatting, files, the model's types) below every stage and the jobs (api, diff,
batch, ...) and the command line above. A new import that goes the other way, or a part
not in the table, fails here; to allow a direction on purpose, change the table.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"

# Below every stage: used by all, importing none of them.
FOUNDATION = frozenset({"findings", "lazy", "finding_codes", "display", "files", "docx_package", "model", "layout", "codes", "numbers", "yaml_files", "residue", "door", "acknowledgements"})

# part -> the parts it may import (besides itself). A part is a top-level module or package of generator/;
# every cli.py and terminal.py (parsing, printing) belongs to "cli" whichever package holds it.
ALLOWED: dict[str, frozenset[str]] = {
    **{name: FOUNDATION for name in FOUNDATION},
    "load": FOUNDATION,
    "compute": FOUNDATION,
    "check": FOUNDATION | {"compute", "report"},
    "self_evaluation": FOUNDATION | {"load", "compute"},
    "render": FOUNDATION | {"compute", "self_evaluation"},
    "report": FOUNDATION,
    "words": FOUNDATION | {"compute", "render"},
    "api": FOUNDATION | {"load", "compute", "check", "self_evaluation", "render", "export", "report", "words"},
    "init": FOUNDATION | {"self_evaluation"},
    "carry": FOUNDATION | {"load", "compute", "init", "self_evaluation"},
    "diff": FOUNDATION | {"api", "compute", "self_evaluation", "render", "report"},
    "batch": FOUNDATION | {"api", "load", "render", "report"},
    "export": FOUNDATION | {"load", "compute"},
    # verify is an independent second opinion on a finished document: it reads the document, and a data
    # folder only through the library's public api (check_folder, render_checked), never the render stage.
    "verify": FOUNDATION | {"api", "report"},
    "web": FOUNDATION | {"api", "load", "compute", "check", "self_evaluation", "render", "diff", "batch", "init", "carry", "export", "report"},
    "cli": FOUNDATION | {"api", "init", "carry", "diff", "batch", "export", "web", "report", "verify"},
}


def part_of(module: str) -> str:
    """generator.check.totals -> check; generator.diff.cli -> cli; generator.api -> api."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in {"cli", "cli_click", "__main__"} or parts[-1] in {"cli", "terminal"}:
        return "cli"
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
