"""What every rule sees during one review: the engagement, the tuning, and helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from okrkit.coach.config import CoachConfig
from okrkit.coach.findings import Finding, Severity
from okrkit.coach.phrase import Phrase, read
from okrkit.model import Engagement, KeyResult, Objective, Team

__all__ = ["Context"]



@dataclass
class Context:
    engagement: Engagement
    config: CoachConfig = field(default_factory=CoachConfig)

    def phrase(self, text: str) -> Phrase:
        return read(text)

    def teams(self) -> Iterator[tuple[str, Team]]:
        for ti, team in enumerate(self.engagement.teams):
            yield f"teams[{ti}]", team

    def objectives(self) -> Iterator[tuple[str, Team, Objective]]:
        for tpath, team in self.teams():
            for oi, obj in enumerate(team.objectives):
                yield f"{tpath}.okrs[{oi}]", team, obj

    def key_results(self) -> Iterator[tuple[str, Objective, KeyResult]]:
        for opath, _, obj in self.objectives():
            for ki, kr in enumerate(obj.key_results):
                yield f"{opath}.key_results[{ki}]", obj, kr

    def strategic_ids(self) -> set[str]:
        return {o.id for _, o in self.engagement.strategic_objectives()}

    def finding(self, rule_id: str, default: Severity, path: str, message: str, suggestion: str) -> Finding:
        severity = self.config.severity.get(rule_id, default)
        return Finding(rule_id, severity, path, message, suggestion)
