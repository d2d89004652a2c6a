"""Development tools of the repository (not shipped: the wheel holds `generator` only).

Importable from the repository root (pytest has pythonpath ["."]): `from scripts.sample import accounts`.
"""
