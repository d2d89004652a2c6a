"""Batch: check and generate every unit-year under a folder, in parallel, resumably.

The library's door runs it (api.generate per unit, handed in as the job):

    from generator import api

    result = api.run_batch(Path("inputs"), Path("outputs/batch"), jobs=4)
    api.write_batch_reports(result, Path("outputs/batch"))
    for unit in result.failed:
        print(unit.relative, unit.errors, [f.code for f in unit.report.findings])

One unit's bad data or crash never stops the others: bad data is that unit's findings
(it is not generated, as `juesuan generate` without --force), a crash is its
`crashed` finding. Unchanged units are skipped on the next run (state in the output
folder). The click command is `generator.batch.cli.batch`.
"""

from typing import TYPE_CHECKING

from generator.lazy import lazy_exports

if TYPE_CHECKING:
    from generator.batch.report import write_reports
    from generator.batch.run import DEFAULT_OUTDIR, BatchResult, UnitResult, run_batch
    from generator.load.discover import find_units, output_names

# Imported on first use, so that `juesuan --help` (which imports this package's cli) starts at once.
_EXPORTS = {
    "find_units": "generator.load.discover",
    "output_names": "generator.load.discover",
    "write_reports": "generator.batch.report",
    "DEFAULT_OUTDIR": "generator.batch.run",
    "BatchResult": "generator.batch.run",
    "UnitResult": "generator.batch.run",
    "run_batch": "generator.batch.run",
}

__all__ = [
    "BatchResult",
    "DEFAULT_OUTDIR",
    "UnitResult",
    "find_units",
    "output_names",
    "run_batch",
    "write_reports",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)
