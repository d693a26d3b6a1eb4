"""okrkit's errors: one hierarchy, each message names the field and says what to do.

This module imports nothing else from okrkit, so any module may import it.
"""

from __future__ import annotations

__all__ = [
    "ChartError",
    "DamagedStoreError",
    "InputError",
    "MissingExtraError",
    "OkrkitError",
    "RemovalError",
    "ReportError",
    "SchemaVersionError",
    "StoreError",
]


class OkrkitError(Exception):
    """Root of okrkit's errors. The message is one line meant for a person."""


class InputError(OkrkitError, ValueError):
    """A file or a value given to okrkit is invalid; the message names the field."""

    def __init__(self, message: str, *, field: str | None = None, source: str | None = None):
        self.field = field
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(prefix + message)


class ReportError(OkrkitError):
    """A report could not be made: its notebook raised, or no kernel would start."""


class ChartError(OkrkitError):
    """A chart could not be drawn (its renderer stopped or took too long); the page shows the rest."""


class StoreError(OkrkitError):
    """The engagement store cannot do what was asked (missing, locked, inconsistent)."""


class RemovalError(StoreError):
    """A new definition would drop teams or key results that have recorded history."""


class SchemaVersionError(StoreError):
    """The store was written by a newer okrkit than this one."""


class DamagedStoreError(StoreError):
    """The store cannot be read as okrkit wrote it: a damaged file, a changed table or value."""


class MissingExtraError(OkrkitError, ImportError):
    """An optional part of okrkit is not installed; the message is the pip command that adds it."""

    def __init__(self, module: str, extra: str):
        self.module = module
        self.extra = extra
        super().__init__(f"this needs {module}, which comes with okrkit's {extra!r} extra: "
                         f"pip install 'okrkit[{extra}]'")
