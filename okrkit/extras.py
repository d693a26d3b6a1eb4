"""Optional dependencies, imported when a job needs them and named when they are missing.

okrkit's core (model, progress, coach, store, io) needs only its base dependencies; the
apps, reports and PostgreSQL come with extras. Every lazy import of an optional module goes
through `require`, so a missing one is a one-line `MissingExtraError` with the pip command,
raised before the job has written anything.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from okrkit.errors import MissingExtraError

__all__ = ["EXTRAS", "require"]

# What each extra of pyproject.toml brings, by import name (tests/test_extras.py checks the pairing).
EXTRAS = {
    "apps": ("ipywidgets", "ipykernel", "voila", "altair", "vl_convert", "papermill", "nbformat", "websockets"),
    "reports": ("papermill", "nbconvert", "altair", "vl_convert", "ipykernel", "playwright", "tqdm"),
    "postgres": ("psycopg",),
    "hub": ("jupyterhub", "nativeauthenticator", "jupyterhub_idle_culler"),
}


def require(module: str, extra: str) -> ModuleType:
    """Import `module` (e.g. "papermill" or "voila.app"), or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        # A module of the extra (or one of its own dependencies) is absent: the extra is incomplete.
        raise MissingExtraError(error.name or module, extra) from None
