"""The human coach's judgment over the rules: findings dismissed on one item, with a reason.

A dismissal (`Engagement.coach_dismissed`) names a finding by the item's path and the rule,
and holds a fingerprint of the item's text. It holds while that text is unchanged, follows
the item when it moves (reordered rows in the drafter), and lapses with a note when the text
changes: the coach judged a sentence that is no longer there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from okrkit.coach.findings import Finding
from okrkit.errors import InputError
from okrkit.model import Dismissal, Engagement, fingerprint

__all__ = ["Settled", "dismiss", "settle", "split", "undismiss"]


@dataclass(frozen=True)
class Settled:
    """The dismissals that still hold, and a note for each one that lapsed."""

    kept: tuple[Dismissal, ...]
    notes: tuple[str, ...]


def _shape(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def _relocated(engagement: Engagement, d: Dismissal) -> str | None:
    """The one path of the same kind whose text has the dismissal's fingerprint, if exactly one."""
    shape = _shape(d.path)
    found = []
    for ti, team in enumerate(engagement.teams):
        candidates = [f"teams[{ti}]"]
        for oi, obj in enumerate(team.objectives):
            candidates.append(f"teams[{ti}].okrs[{oi}]")
            candidates += [f"teams[{ti}].okrs[{oi}].key_results[{ki}]" for ki in range(len(obj.key_results))]
        suffix = d.path[len(re.sub(r"\.(parent|aligns_to|shares_with)$", "", d.path)):]
        for path in candidates:
            path += suffix
            if _shape(path) == shape and fingerprint(engagement.item_text(path) or "\0") == d.fingerprint:
                found.append(path)
    return found[0] if len(found) == 1 else None


def settle(engagement: Engagement) -> Settled:
    """Which dismissals still hold on this engagement's text; refuses one naming an unknown rule."""
    from okrkit.coach.registry import RULES

    kept: dict[tuple[str, str], Dismissal] = {}
    notes: list[str] = []
    for i, d in enumerate(engagement.coach_dismissed):
        if d.rule not in RULES:
            raise InputError(f"coach_dismissed[{i}].rule: {d.rule!r} is not a coach rule; "
                             f"known rules: {', '.join(RULES)}",
                             field=f"coach_dismissed[{i}].rule")
        text = engagement.item_text(d.path)
        if text is not None and fingerprint(text) == d.fingerprint:
            kept[(d.path, d.rule)] = d
            continue
        moved = _relocated(engagement, d)
        if moved is not None:
            kept[(moved, d.rule)] = d.model_copy(update={"path": moved})
            continue
        what = "the item is gone" if text is None else f"the text is now '{text}'"
        notes.append(f"The dismissal of {d.rule} on {d.path} no longer applies ({what}); "
                     f"the coach had said: {d.reason}")
    return Settled(tuple(kept.values()), tuple(notes))


def split(engagement: Engagement, findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(shown, dismissed): the findings the coach has not dismissed, and those they have."""
    if not engagement.coach_dismissed:
        return list(findings), []
    held = {(d.path, d.rule) for d in settle(engagement).kept}
    shown = [f for f in findings if (f.path, f.rule) not in held]
    return shown, [f for f in findings if (f.path, f.rule) in held]


def dismiss(engagement: Engagement, finding: Finding, reason: str) -> Engagement:
    """The engagement with `finding` dismissed for `reason` (a reason is required)."""
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("reason: say why the finding does not apply; the team reads it", field="reason")
    text = engagement.item_text(finding.path)
    if text is None:
        raise InputError(f"path: no item at {finding.path!r}", field="path")
    kept = [d for d in settle(engagement).kept if (d.path, d.rule) != (finding.path, finding.rule)]
    new = Dismissal(path=finding.path, rule=finding.rule, reason=reason[:1000], fingerprint=fingerprint(text))
    return engagement.model_copy(update={"coach_dismissed": [*kept, new]})


def undismiss(engagement: Engagement, path: str, rule: str) -> Engagement:
    """The engagement with the coach's dismissal of `rule` on `path` taken back."""
    kept = [d for d in settle(engagement).kept if (d.path, d.rule) != (path, rule)]
    return engagement.model_copy(update={"coach_dismissed": kept})
