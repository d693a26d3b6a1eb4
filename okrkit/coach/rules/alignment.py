"""Rules on how OKRs tie together: vertical alignment, references, unique ids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.registry import Hit, rule
from okrkit.model import Level

__all__: list[str] = []


@rule("not-aligned", Severity.WARNING, "A team OKR not aligned to any strategic OKR when there are some.")
def not_aligned(ctx: Context) -> Iterator[Hit]:
    strategic = ctx.strategic_ids()
    if not strategic:
        return
    for path, team, obj in ctx.objectives():
        if team.level is Level.TEAM and not obj.aligns_to:
            yield Hit(
                path, f"'{obj.title}' is not linked to any strategic OKR.",
                "Which strategic objective does it move? Add it to aligns_to "
                f"(one of: {', '.join(sorted(strategic))}); "
                "if none, ask whether this is the team's priority this cycle.",
            )


@rule("dangling-reference", Severity.ERROR, "An aligns_to, shares_with or parent that points nowhere.")
def dangling_reference(ctx: Context) -> Iterator[Hit]:
    names = {t.name for t in ctx.engagement.teams}
    ids = {o.id for _, _, o in ctx.objectives()}
    for path, team in ctx.teams():
        if team.parent is not None and (team.parent not in names or team.parent == team.name):
            yield Hit(f"{path}.parent", f"{team.name}'s parent {team.parent!r} is not another team here.",
                      "Use the exact name of an existing team, or leave parent empty.")
    for path, _, obj in ctx.objectives():
        for target in obj.aligns_to:
            if target not in ids or target == obj.id:
                yield Hit(f"{path}.aligns_to", f"{obj.id} aligns to {target!r}, which is not another objective.",
                          "Use the id of a strategic objective (or fix the typo).")
        for peer in obj.shares_with:
            if peer not in names:
                yield Hit(f"{path}.shares_with", f"{obj.id} shares an outcome with {peer!r}, which is not a team here.",
                          "Use the exact name of a peer team.")


@rule("duplicate-id", Severity.ERROR, "Two objectives, key results or teams with the same id or name.")
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    teams = Counter(t.name for t in ctx.engagement.teams)
    objectives = Counter(o.id for _, _, o in ctx.objectives())
    krs = Counter(kr.id for _, _, kr in ctx.key_results())
    for path, team in ctx.teams():
        if teams[team.name] > 1:
            yield Hit(path, f"The team name {team.name!r} is used more than once.", "Give each team its own name.")
    for path, _, obj in ctx.objectives():
        if objectives[obj.id] > 1:
            yield Hit(path, f"The objective id {obj.id!r} is used more than once.",
                      "Give each objective its own id, so alignment and check-ins point at one thing.")
    for path, _, kr in ctx.key_results():
        if krs[kr.id] > 1:
            yield Hit(path, f"The key result id {kr.id!r} is used more than once.",
                      "Give each key result its own id, so check-in values land on the right one.")
