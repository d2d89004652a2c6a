"""benchmarks/synth.py for the tests that need synthetic unit-years.

benchmarks/ is no package: synth.py is imported from its path, once, under one module
name (its functions must pickle for its --jobs).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_synth() -> ModuleType:
    name = "benchmarks_synth"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
