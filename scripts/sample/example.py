"""The invented 上海-style example unit (inputs/shanghai-example) from scripts/data/shanghai-example/决算数据.yaml.

The YAML holds the workbook's values as `generator.init.workbook_bytes` takes them; nothing is
derived here. The unit's 文字说明.yaml and 功能分类科目.csv are kept in inputs/ as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator import layout
from generator.init import workbook_bytes

from .paths import fixed

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "scripts" / "data" / "shanghai-example" / layout.WORKBOOK.replace(".xlsx", ".yaml")
EXAMPLE = ROOT / "inputs" / "shanghai-example" / "2024"


def values() -> dict[str, Any]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {sheet: ([tuple(r) for r in v] if isinstance(v, list) else v) for sheet, v in raw.items()}


def workbook() -> bytes:
    return fixed(workbook_bytes(values()), 2024)
