"""okrkit: coaching workbooks for OKR coaches and their clients.

The names below are loaded on first use, so `import okrkit` stays instant; a notebook or
an app pays only for the parts it touches.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "CheckIn": "okrkit.model",
    "Cycle": "okrkit.model",
    "Engagement": "okrkit.model",
    "EngagementRecord": "okrkit.model",
    "InputError": "okrkit.errors",
    "KeyResult": "okrkit.model",
    "Objective": "okrkit.model",
    "OkrkitError": "okrkit.errors",
    "Retro": "okrkit.model",
    "Store": "okrkit.store",
    "Team": "okrkit.model",
    "demo_record": "okrkit.demo",
    "engagement_status": "okrkit.progress",
    "load_record": "okrkit.io.yaml_file",
    "open_store": "okrkit.store",
}

__all__ = [
    "CheckIn",
    "Cycle",
    "Engagement",
    "EngagementRecord",
    "InputError",
    "KeyResult",
    "Objective",
    "OkrkitError",
    "Retro",
    "Store",
    "Team",
    "__version__",
    "demo_record",
    "engagement_status",
    "load_record",
    "open_store",
]

if TYPE_CHECKING:
    from okrkit.demo import demo_record
    from okrkit.errors import InputError, OkrkitError
    from okrkit.io.yaml_file import load_record
    from okrkit.model import CheckIn, Cycle, Engagement, EngagementRecord, KeyResult, Objective, Retro, Team
    from okrkit.progress import engagement_status
    from okrkit.store import Store, open_store


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'okrkit' has no attribute {name!r}")
