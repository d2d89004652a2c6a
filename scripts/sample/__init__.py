"""The sample unit (inputs/changji-ybj): its transcription as data and the writers of its workbooks.

The transcription of the published 2024 disclosure of 昌吉回族自治州医疗保障局 lives in
scripts/data/changji-ybj/ (决算数据.yaml; 绩效自评表/ one CSV per sheet). `accounts` turns the
YAML into the values of the two years' 决算数据.xlsx, `self_evaluation` the CSVs into
绩效自评表.xlsx; `workbooks()` maps each shipped workbook to the bytes it must hold, and
`write()` writes them (`python scripts/build_sample.py`).
"""

from __future__ import annotations

from pathlib import Path

from generator.files import write_atomically

from . import accounts, example, self_evaluation
from .paths import SAMPLE

__all__ = ["SAMPLE", "accounts", "example", "self_evaluation", "workbooks", "write"]


def workbooks() -> dict[Path, bytes]:
    """Each of the sample's workbooks (its path) and the bytes the transcription gives it."""
    return {
        SAMPLE / "2024" / accounts.WORKBOOK: accounts.workbook(2024),
        SAMPLE / "2023" / accounts.WORKBOOK: accounts.workbook(2023),
        SAMPLE / "2024" / self_evaluation.WORKBOOK: self_evaluation.workbook(),
        example.EXAMPLE / example.layout.WORKBOOK: example.workbook(),  # the invented 上海-style unit
        example.EXAMPLE / self_evaluation.WORKBOOK: example.self_evaluation_workbook(),
        example.UNIT / example.layout.WORKBOOK: example.unit_workbook(),  # its 文化馆's own 单位决算
        example.UNIT / self_evaluation.WORKBOOK: example.unit_self_evaluation_workbook(),
    }


def write() -> list[Path]:
    """Write the sample's workbooks from the transcription; return their paths."""
    written = workbooks()
    for path, data in written.items():
        write_atomically(path, data)
    return list(written)
