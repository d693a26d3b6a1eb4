"""What the coach says about one item: a rule, a severity, where, what, and what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

__all__ = ["Finding", "Severity"]


class Severity(StrEnum):
    """error: the OKR cannot work as written; warning: a coach would push back; info: a tip."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    path: str  # e.g. "teams[1].okrs[0].key_results[2]"; "" for the engagement itself
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
