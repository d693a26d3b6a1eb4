"""okrkit's errors: one hierarchy, each message names the field and says what to do.

This module imports nothing else from okrkit, so any module may import it.
"""

from __future__ import annotations

__all__ = [
    "DamagedStoreError",
    "InputError",
    "OkrkitError",
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


class StoreError(OkrkitError):
    """The engagement store cannot do what was asked (missing, locked, inconsistent)."""


class SchemaVersionError(StoreError):
    """The store was written by a newer okrkit than this one."""


class DamagedStoreError(StoreError):
    """The store cannot be read as okrkit wrote it: a damaged file, a changed table or value."""
