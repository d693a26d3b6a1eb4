"""Per-engagement tuning of the coach, read from `Engagement.coach_rules`.

Shape (every key optional)::

    coach_rules:
      max_objectives: 4          # per team and cycle; the coach's default is 3
      min_key_results: 2
      max_key_results: 5
      max_objective_words: 20    # longer than this is hard to remember
      require_commitment: true   # every objective says committed or aspirational
      disabled: [kr-no-baseline]
      severity: {objective-too-long: info}
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from okrkit.coach.findings import Severity
from okrkit.model import Whole  # a number that refuses true/false, as everywhere in the model
from okrkit.validation import parse

__all__ = ["CoachConfig", "load_config"]


class CoachConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    max_objectives: Annotated[Whole, Field(ge=1, le=20)] = 3
    min_key_results: Annotated[Whole, Field(ge=1, le=20)] = 2
    max_key_results: Annotated[Whole, Field(ge=1, le=30)] = 5
    max_objective_words: Annotated[Whole, Field(ge=3, le=100)] = 20
    require_commitment: bool = False
    disabled: frozenset[str] = frozenset()
    severity: dict[str, Severity] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_rules(self) -> CoachConfig:
        from okrkit.coach.registry import RULES  # filled when the rules package is imported

        for rule_id in [*self.disabled, *self.severity]:
            if RULES and rule_id not in RULES:
                raise ValueError(f"{rule_id!r} is not a coach rule; known rules: {', '.join(RULES)}")
        if self.min_key_results > self.max_key_results:
            raise ValueError("min_key_results must not be above max_key_results")
        return self


def load_config(data: dict[str, Any] | CoachConfig | None) -> CoachConfig:
    """Validate a `coach_rules` mapping; raises `InputError` naming the field."""
    if isinstance(data, CoachConfig):
        return data
    return parse(CoachConfig, data or {}, prefix="coach_rules")
