"""Performance self-evaluation (绩效自评): the values of the stage, pure (no file is read or written).

The stage runs with the rest of the pipeline:

- load (generator/load/self_evaluation): `load(folder)` reads 绩效自评表.xlsx and the scoring profile into
  `Loaded.self_evaluation` (a SelfEvaluationInput);
- compute (generator/compute/self_evaluation): scored under the profile and settled with the figures;
- check (generator/check/self_evaluation.py): its rules in the one registry (check.RULES);
- render (generator/render/self_evaluation.py): its tables.

Here: the workbook's layout (layout.py), the model it is read into (model.py), the profile's schema
(profile.py), what a 目标值 or 完成值 reads as (targets.py) and its units (units.py).
"""
