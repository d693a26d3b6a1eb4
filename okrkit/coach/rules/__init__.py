"""The built-in coach rules; importing this package registers them, in report order."""

from __future__ import annotations

# isort: off
# The import order is the order rules run and are listed in: key results first.
from okrkit.coach.rules import key_results, objectives, structure, alignment

# isort: on

__all__ = ["alignment", "key_results", "objectives", "structure"]
