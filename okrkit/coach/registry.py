"""A tiny registry of coach rules: each rule has an id, a default severity and a check.

A check receives the review context and yields findings. Rules register themselves when
`okrkit.coach.rules` is imported, in the order the text report should show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from okrkit.coach.findings import Finding, Severity

if TYPE_CHECKING:
    from okrkit.coach.context import Context

__all__ = ["RULES", "Hit", "Rule", "register", "rule"]


class Hit(NamedTuple):
    """What a check reports; the rule turns it into a Finding with its id and severity."""

    path: str
    message: str
    suggestion: str
    severity: Severity | None = None  # None: the rule's default


Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str  # one line for `okrkit lint --list` and the docs
    check: Check

    def run(self, ctx: Context) -> Iterator[Finding]:
        for hit in self.check(ctx):
            yield ctx.finding(self.id, hit.severity or self.severity, hit.path, hit.message, hit.suggestion)


RULES: dict[str, Rule] = {}


def register(r: Rule) -> Rule:
    if r.id in RULES:
        raise ValueError(f"coach rule {r.id!r} is registered twice")
    RULES[r.id] = r
    return r


def rule(rule_id: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Decorator: register `check` under `rule_id`."""

    def wrap(check: Check) -> Check:
        register(Rule(rule_id, severity, summary, check))
        return check

    return wrap
