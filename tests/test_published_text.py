"""Checks of what a published document must never say: amounts in 元 under a 万元 封面, template residue
left in texts a person wrote, repeated punctuation or words and odd years in reasons, unknown columns.

Each code has its failing and passing cases here or in tests/test_check_rules.py; this module also
asserts that the shipped folders (the sample's two years and the 上海 example) give none of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.api import check_folder

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("inputs/changji-ybj/2024", "inputs/changji-ybj/2023", "inputs/shanghai-example/2024")
NEW_CODES = frozenset({"amount-in-yuan", "workbook-looks-like-yuan", "amount-looks-like-yuan"})


@pytest.mark.parametrize("folder", SHIPPED)
def test_the_shipped_folders_give_none_of_these_findings(folder: str) -> None:
    checked = check_folder(ROOT / folder)
    assert [str(f) for f in checked.findings if f.code in NEW_CODES] == []
