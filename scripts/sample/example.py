"""The invented 上海-style example unit (inputs/shanghai-example) from scripts/data/shanghai-example/:
决算数据.yaml gives 决算数据.xlsx, 绩效自评表/ (one CSV per sheet) gives 绩效自评表.xlsx.

The YAML holds the workbook's values as `generator.init.workbook_bytes` takes them; nothing is
derived here. The self-evaluation's four projects are the 预算绩效管理 facts of 其他重要事项
(项目数 4, 全年预算 1,380万元, scores 100/92/92/82: average 91.50, 3 优 and 1 良). The unit's
文字说明.yaml and 功能分类科目.csv are kept in inputs/ as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator import layout
from generator.init import workbook_bytes

from . import self_evaluation
from .paths import fixed

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "scripts" / "data" / "shanghai-example" / layout.WORKBOOK.replace(".xlsx", ".yaml")
SELF_EVALUATION = DATA.parent / "绩效自评表"
EXAMPLE = ROOT / "inputs" / "shanghai-example" / "2024"
# Its subordinate 文化馆, with its own 单位决算, in the department's folder (batch writes both).
UNIT_DATA = ROOT / "scripts" / "data" / "shanghai-example-unit" / layout.WORKBOOK.replace(".xlsx", ".yaml")
UNIT = ROOT / "inputs" / "shanghai-example" / "上海市示范区文化馆" / "2024"
UNIT_SELF_EVALUATION = UNIT_DATA.parent / "绩效自评表"  # its one project (其他重要事项: 1 项目, 300万元, 92分, 优)


def values(data: Path = DATA) -> dict[str, Any]:
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    return {sheet: ([tuple(r) for r in v] if isinstance(v, list) else v) for sheet, v in raw.items()}


def workbook(data: Path = DATA) -> bytes:
    return fixed(workbook_bytes(values(data)), 2024)


def unit_workbook() -> bytes:
    return workbook(UNIT_DATA)


def self_evaluation_workbook(transcription: Path = SELF_EVALUATION) -> bytes:
    return self_evaluation.workbook(transcription, 2024)


def unit_self_evaluation_workbook() -> bytes:
    return self_evaluation_workbook(UNIT_SELF_EVALUATION)
