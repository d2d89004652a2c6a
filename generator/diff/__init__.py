"""Year over year: compare two unit-years figure by figure, and their disclosures as tracked changes.

- `compare_checked(old, new)` compares two checked folders and returns a `Comparison` whose rows hold, per
  figure, old, new, change, rate, NEW's reason and flags (entries.py and self_evaluation.py say
  which figures; compare.py how they are paired and flagged).
- `write_diff(comparison, output_dir, documents)` writes the .xlsx (workbook.py) and the redline .docx.
- `redline_documents(old_docx, new_docx)` marks the differences of two .docx as tracked changes.

The library's door checks and renders: `api.compare_folders(old, new)`, `api.diff_folders(old, new, output_dir)`.
"""

from typing import TYPE_CHECKING

from generator.lazy import lazy_exports

if TYPE_CHECKING:
    from generator.diff.compare import DEFAULT_THRESHOLD, Comparison, compare_checked, compare_entries
    from generator.diff.redline import redline_documents, tracked_changes
    from generator.diff.rows import DiffRow, Flag, Unit
    from generator.diff.run import DEFAULT_OUTPUT, DiffResult, redline_rendered, write_diff

# Imported on first use, so that `juesuan --help` (which imports this package's cli) starts at once.
_EXPORTS = {
    "DEFAULT_THRESHOLD": "generator.diff.compare",
    "Comparison": "generator.diff.compare",
    "compare_entries": "generator.diff.compare",
    "compare_checked": "generator.diff.compare",
    "redline_documents": "generator.diff.redline",
    "tracked_changes": "generator.diff.redline",
    "DiffRow": "generator.diff.rows",
    "Flag": "generator.diff.rows",
    "Unit": "generator.diff.rows",
    "DEFAULT_OUTPUT": "generator.diff.run",
    "DiffResult": "generator.diff.run",
    "redline_rendered": "generator.diff.run",
    "write_diff": "generator.diff.run",
}

__all__ = [
    "Comparison",
    "DEFAULT_OUTPUT",
    "DEFAULT_THRESHOLD",
    "DiffResult",
    "DiffRow",
    "Flag",
    "Unit",
    "compare_checked",
    "compare_entries",
    "redline_documents",
    "redline_rendered",
    "tracked_changes",
    "write_diff",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
