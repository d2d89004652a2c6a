"""The report: one value for what a run found, what it read and what it checked; every printer is a function of it.

Like frictionless' Report: the library returns it (`api.check_folder(...).report`,
`api.generate(...).report`), the CLI prints it as text, JSON (`juesuan-report/1`, docs/report-schema.md)
or an .xlsx, and batch and the workbench read the same JSON back with `Report.from_json`.
"""

from generator.report.value import SCHEMA, InputFile, Report, RuleOutcome, Status

__all__ = ["SCHEMA", "InputFile", "Report", "RuleOutcome", "Status"]
