"""Every settled figure of every unit-year under a folder, as one tidy table (`juesuan export`)."""

from generator.export.frame import COLUMNS, FigureRow, figure_rows, figures_frame, unit_rows
from generator.export.write import EXPORT_SUFFIXES, ExportResult, export_figures

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
