"""okrkit's OKR coach: small named rules that give a coach's advice on every OKR.

    from okrkit.coach import review
    for finding in review(engagement):
        print(finding.severity, finding.path, finding.message)

The coach reads the model only; the model never imports the coach. A review of one
engagement takes milliseconds, so the drafting widget can call it as the client types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from okrkit.coach import rules as _rules  # noqa: F401  (registers the built-in rules)
from okrkit.coach.config import CoachConfig, load_config
from okrkit.coach.context import Context
from okrkit.coach.dismissals import split
from okrkit.coach.findings import Finding, Severity
from okrkit.coach.registry import RULES, Hit, Rule, register, rule
from okrkit.errors import InputError
from okrkit.model import Engagement

__all__ = ["RULES", "CoachConfig", "Finding", "Hit", "Rule", "Severity", "register", "review", "rule"]


def review(
    engagement: Engagement,
    config: CoachConfig | dict[str, Any] | None = None,
    *,
    rules: Iterable[str] | None = None,
    include_dismissed: bool = False,
) -> list[Finding]:
    """Every finding on `engagement`, ordered by path then rule.

    `config` defaults to the engagement's own `coach_rules`; `rules` restricts the review to
    those rule ids (unknown ids raise `InputError`). Findings the human coach dismissed
    (`coach_dismissed`) are left out unless `include_dismissed`: their judgment wins.
    """
    cfg = load_config(engagement.coach_rules if config is None else config)
    selected = list(RULES) if rules is None else _known(rules)
    ctx = Context(engagement, cfg)
    order = {rule_id: i for i, rule_id in enumerate(RULES)}
    findings = [f for rule_id in selected if rule_id not in cfg.disabled for f in RULES[rule_id].run(ctx)]
    findings.sort(key=lambda f: (_path_key(f.path), order[f.rule]))
    return findings if include_dismissed else split(engagement, findings)[0]


def _known(rule_ids: Iterable[str]) -> list[str]:
    ids = [r.strip() for r in rule_ids if r.strip()]
    unknown = [r for r in ids if r not in RULES]
    if unknown:
        raise InputError(f"unknown coach rule {unknown[0]!r}; known rules: {', '.join(RULES)}", field="rules")
    return ids


@lru_cache(maxsize=65536)  # the same paths come back on every review while the client types
def _path_key(path: str) -> tuple[Any, ...]:
    # "teams[10]" sorts after "teams[9]": compare the numbers, not the text.
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"\[(\d+)\]", path))
