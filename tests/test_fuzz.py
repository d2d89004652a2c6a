"""A seeded fuzz of the sample folder through every command: no traceback, no internal error, no abort,
no hang, no document despite errors, inputs unchanged, no silent loss, no temporary left (issues 14, 20).

The variants (fuzzing/variants.py) change cell values and types, sheet structure, bytes, the zip
package (bombs, far cells in one or every sheet, entities), the YAML (alias bombs of several sizes, in
either year) and the folder. Each runs one command (fuzzing/commands.py): check, generate, diff, batch
and export over a root mixing the broken unit with a good one, init --from, and the workbench's
upload, unit page and comparison. A bounded sample runs in this process; the corruptions that once
aborted or exhausted the process also run in a child under a 2 GiB address-space cap, as the campaign
in benchmarks/fuzz.py does for thousands of variants.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzzing import variants as catalogue
from fuzzing.commands import COMMANDS
from fuzzing.run import run_in_process, run_isolated, summary

SEED = 2024
IN_PROCESS = 60  # generate and check: the cheapest commands, most of the corruptions
PER_COMMAND = 4  # each other command
CHEAP = ("cell", "several", "structure", "bytes", "yaml", "folder")  # far cells in every sheet take seconds a command


def _bad(outcomes: list) -> list[tuple[str, str, str, str]]:
    return [(o.name, o.status, o.detail, o.note[-800:]) for o in outcomes if o.status != "ok"]


@pytest.mark.slow
def test_a_seeded_fuzz_of_the_sample_breaks_nothing(tmp_path: Path) -> None:
    outcomes = [run_in_process(catalogue.variant(SEED, index, ("check", "generate")), tmp_path) for index in range(IN_PROCESS)]
    assert _bad(outcomes) == []
    kinds = summary(outcomes)["by_kind"]
    assert set(kinds) == {kind for kind, _ in catalogue.KINDS}, "every kind of corruption is exercised"


@pytest.mark.slow
@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in ("check", "generate")])
def test_every_command_survives_a_seeded_sample(tmp_path: Path, command: str) -> None:
    chosen = (v for i in range(1000) if (v := catalogue.variant(SEED, i, (command,))).kind in CHEAP)
    outcomes = [run_in_process(next(chosen), tmp_path) for _ in range(PER_COMMAND)]
    assert _bad(outcomes) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("action", "year", "command"),
    [("bomb-9", "2024", "check"), ("bomb-12", "2023", "diff"), ("bomb-7", "2024", "web-unit"), ("bomb-9", "2024", "init"),
     ("bomb-9", "2023", "batch"), ("bomb-9", "2024", "export"), ("workbook-dir", "2023", "batch"), ("workbook-dir", "2024", "export"),
     ("bomb-9", "2024", "web-upload"), ("bomb-9", "2024", "web-compare")],
)
def test_alias_bombs_and_folders_in_every_command(tmp_path: Path, action: str, year: str, command: str) -> None:
    outcomes = [run_in_process(catalogue.named(action, (year, catalogue.MAIN), command=command), tmp_path, timeout=60.0)]
    assert _bad(outcomes) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("action", "book"),
    [("far-xfd", ("2024", "决算数据.xlsx")), ("far-xfd", ("2024", "绩效自评表.xlsx")), ("bomb", ("2024", "决算数据.xlsx")),
     ("bomb", ("2023", "决算数据.xlsx")), ("entities", ("2024", "决算数据.xlsx")), ("lying-size", ("2024", "绩效自评表.xlsx")),
     ("prior-fifo", ("2023", "决算数据.xlsx"))],
)
def test_corruptions_that_once_aborted_or_hung_run_clean_in_a_capped_child(tmp_path: Path, action: str, book: tuple[str, str]) -> None:
    """The CLI in a child under a 2 GiB address-space cap: before issue 14, far-xfd and bomb aborted (134) or timed out."""
    outcomes = list(run_isolated([0], SEED, tmp_path, workers=1, timeout=60.0, make=lambda _: catalogue.named(action, book)))
    assert _bad(outcomes) == [] and outcomes[0].exit_code in (0, 1, 2)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["diff"])
def test_a_far_cell_in_every_sheet_runs_clean_in_a_capped_child(tmp_path: Path, command: str) -> None:
    """Before issue 20 the workbench read its rows with calamine directly: 512 GiB asked for, the server aborted."""
    make = lambda _: catalogue.named("far-every-sheet", ("2024", catalogue.MAIN), command=command)  # noqa: E731
    outcomes = list(run_isolated([0], SEED, tmp_path, workers=1, timeout=120.0, make=make))
    assert _bad(outcomes) == []


def test_variants_are_reproducible() -> None:
    first, again = catalogue.variant(SEED, 7), catalogue.variant(SEED, 7)
    assert (first.kind, first.detail) == (again.kind, again.detail)
