"""Batch: check and generate every unit-year under a folder, in parallel, resumably.

    from generator.batch import find_units, run_batch, write_reports

    result = run_batch(Path("inputs"), Path("outputs/batch"), jobs=4)
    write_reports(result, Path("outputs/batch"))
    for unit in result.failed:
        print(unit.relative, unit.errors, [f["code"] for f in unit.findings])

One unit's bad data or crash never stops the others: bad data is that unit's findings
(it is not generated, as `juesuan generate` without --force), a crash is its
`unit-crashed` finding. Unchanged units are skipped on the next run (state in the output
folder). The click command is `generator.batch.cli.batch`.
"""

from generator.batch.discover import find_units, output_names
from generator.batch.report import write_reports
from generator.batch.run import DEFAULT_OUTDIR, BatchResult, UnitResult, run_batch

__all__ = ["DEFAULT_OUTDIR", "BatchResult", "UnitResult", "find_units", "output_names", "run_batch", "write_reports"]
