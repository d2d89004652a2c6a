"""The Word templates and font configuration that ship with juesuan.

This folder stays at the top of the repository (templates/) and is installed as
the package ``generator.templates`` (see pyproject.toml), so that a wheel or a
non-editable install finds the same files as a checkout. Only data lives here.
"""
