"""The built-in coach rules; importing this package registers them, in report order."""

from __future__ import annotations

from okrkit.coach.rules import alignment, key_results, objectives, structure

__all__ = ["alignment", "key_results", "objectives", "structure"]
