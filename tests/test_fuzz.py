"""A seeded fuzz of the sample folder: no traceback, no abort, no hang, no document despite errors,
inputs unchanged, no temporary file left (issue 14).

The variants (fuzzing/variants.py) change cell values and types, sheet structure, bytes, the zip
package (bombs, far cells, entities) and the YAML. Most run in this process through
generator.api.generate (fast); the ones that once aborted the process (a value at XFD1048576, a zip
bomb, an entity expansion) also run as `juesuan generate` in a child under a 2 GiB address-space
cap, as the campaign in benchmarks/fuzz.py does for thousands of variants.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzzing import variants as catalogue
from fuzzing.run import run_in_process, run_isolated, summary

SEED = 2024
IN_PROCESS = 120


def _bad(outcomes: list) -> list[tuple[str, str, str, str]]:
    return [(o.name, o.status, o.detail, o.note[-800:]) for o in outcomes if o.status != "ok"]


def test_a_seeded_fuzz_of_the_sample_breaks_nothing(tmp_path: Path) -> None:
    outcomes = [run_in_process(catalogue.variant(SEED, index), tmp_path) for index in range(IN_PROCESS)]
    assert _bad(outcomes) == []
    kinds = summary(outcomes)["by_kind"]
    assert set(kinds) == {kind for kind, _ in catalogue.KINDS}, "every kind of corruption is exercised"


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


def test_variants_are_reproducible() -> None:
    first, again = catalogue.variant(SEED, 7), catalogue.variant(SEED, 7)
    assert (first.kind, first.detail) == (again.kind, again.detail)
