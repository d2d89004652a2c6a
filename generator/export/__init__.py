"""Every settled figure of every unit-year under a folder, as one tidy table (`juesuan export`)."""

from typing import TYPE_CHECKING

from generator.lazy import lazy_exports

if TYPE_CHECKING:
    from generator.export.frame import COLUMNS, FigureRow, figure_rows, figures_frame, unit_rows
    from generator.export.write import EXPORT_SUFFIXES, ExportResult, export_figures

# Imported on first use, so that `juesuan --help` (which imports this package's cli) starts at once.
_EXPORTS = {
    "COLUMNS": "generator.export.frame",
    "FigureRow": "generator.export.frame",
    "figure_rows": "generator.export.frame",
    "figures_frame": "generator.export.frame",
    "unit_rows": "generator.export.frame",
    "EXPORT_SUFFIXES": "generator.export.write",
    "ExportResult": "generator.export.write",
    "export_figures": "generator.export.write",
}

__all__ = [
    "COLUMNS",
    "EXPORT_SUFFIXES",
    "ExportResult",
    "FigureRow",
    "export_figures",
    "figure_rows",
    "figures_frame",
    "unit_rows",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
