"""What every rule sees during one review: the engagement, the tuning, and helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from okrkit.coach.config import CoachConfig
from okrkit.coach.findings import Finding, Severity
from okrkit.coach.phrase import Phrase, read
from okrkit.model import Engagement, KeyResult, KRKind, Objective, Team

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
        return iter(self._objectives)

    def key_results(self) -> Iterator[tuple[str, Objective, KeyResult]]:
        return iter(self._key_results)

    # Every rule walks the same items: their paths are built once per review.
    @cached_property
    def _objectives(self) -> list[tuple[str, Team, Objective]]:
        return [(f"{tpath}.okrs[{oi}]", team, obj) for tpath, team in self.teams()
                for oi, obj in enumerate(team.objectives)]

    @cached_property
    def _key_results(self) -> list[tuple[str, Objective, KeyResult]]:
        return [(f"{opath}.key_results[{ki}]", obj, kr) for opath, _, obj in self._objectives
                for ki, kr in enumerate(obj.key_results)]

    def metric_key_results(self) -> Iterator[tuple[str, KeyResult, Phrase]]:
        """The key results measured by a metric (not milestones), each with its sentence read."""
        return iter(self._metric_key_results)

    @cached_property
    def _metric_key_results(self) -> list[tuple[str, KeyResult, Phrase]]:
        return [(path, kr, read(kr.title)) for path, _, kr in self._key_results if kr.kind is KRKind.METRIC]

    def strategic_ids(self) -> set[str]:
        return {o.id for _, o in self.engagement.strategic_objectives()}

    def finding(self, rule_id: str, default: Severity, path: str, message: str, suggestion: str) -> Finding:
        severity = self.config.severity.get(rule_id, default)
        return Finding(rule_id, severity, path, message, suggestion)
