"""Write the sample's workbooks (inputs/changji-ybj) from its transcription (scripts/data/changji-ybj).

    python scripts/build_sample.py

Writes inputs/changji-ybj/2024/决算数据.xlsx, inputs/changji-ybj/2023/决算数据.xlsx and
inputs/changji-ybj/2024/绩效自评表.xlsx. To change the sample, change the transcription (the YAML
and CSV files) and run this; tests/test_sample_data.py fails while the shipped workbooks and the
transcription disagree. The writers are scripts/sample/ (importable: `from scripts import sample`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run by path from anywhere: the repository root holds `scripts`

from scripts import sample  # noqa: E402


def main() -> None:
    for path in sample.write():
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
