"""Rules on the shape of the OKRs: how many, milestones only, commitment stated, gaps with the strategy."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.kr_kinds import task_reason
from okrkit.coach.registry import Hit, rule
from okrkit.model import KRKind, Level

__all__: list[str] = []


@rule("too-many-objectives", Severity.WARNING, "More objectives for a team in a cycle than it can focus on.")
def too_many_objectives(ctx: Context) -> Iterator[Hit]:
    limit = ctx.config.max_objectives
    for path, team in ctx.teams():
        if len(team.objectives) > limit:
            yield Hit(
                path, f"{team.name} has {len(team.objectives)} objectives this cycle; focus needs {limit} or fewer.",
                "Which of them matters most this quarter? Keep those, park the rest for the next cycle.",
            )


@rule("too-few-key-results", Severity.INFO, "An objective with fewer key results than it needs.")
def too_few_key_results(ctx: Context) -> Iterator[Hit]:
    low = ctx.config.min_key_results
    for path, _, obj in ctx.objectives():
        if len(obj.key_results) < low:
            yield Hit(
                path, f"'{obj.title}' has {len(obj.key_results)} key result(s); one number rarely proves an objective.",
                f"Add key results until there are at least {low}: how else would you see the objective is met?",
            )


@rule("too-many-key-results", Severity.WARNING, "An objective with more key results than a team can follow.")
def too_many_key_results(ctx: Context) -> Iterator[Hit]:
    high = ctx.config.max_key_results
    for path, _, obj in ctx.objectives():
        if len(obj.key_results) > high:
            yield Hit(
                path, f"'{obj.title}' has {len(obj.key_results)} key results; a team follows {high} at most.",
                "Keep the ones that best show the outcome; move the rest to a health-metric list.",
            )


@rule("all-milestones", Severity.WARNING, "All key results of an objective are milestones or tasks: a plan.")
def all_milestones(ctx: Context) -> Iterator[Hit]:
    for path, _, obj in ctx.objectives():
        krs = obj.key_results
        planned = [kr for kr in krs if kr.kind is KRKind.MILESTONE or task_reason(ctx.phrase(kr.title))]
        if len(krs) >= 2 and len(planned) == len(krs):
            yield Hit(
                path, f"Every key result of '{obj.title}' is a milestone or a task: "
                "that is a plan, not proof of an outcome.",
                "Keep the plan in the backlog and add at least one key result that measures "
                "the change it should cause.",
            )


@rule("commitment-not-stated", Severity.WARNING, "Committed or aspirational not stated, when the engagement asks.")
def commitment_not_stated(ctx: Context) -> Iterator[Hit]:
    if not ctx.config.require_commitment:
        return
    for path, _, obj in ctx.objectives():
        if obj.commitment is None:
            yield Hit(
                path, f"'{obj.title}' does not say whether it is committed or aspirational.",
                "Agree with the team: committed (we will do it, 1.0 expected) or aspirational "
                "(a stretch, ~0.7 is success).",
            )


# --- gaps between the strategy and the OKRs ---------------------------------------------------


def _served_priorities(ctx: Context) -> dict[str, set[str]]:
    """Objective id → the engagement priorities it serves: its own, or through what it aligns to."""
    by_id = {obj.id: obj for _, _, obj in ctx.objectives()}
    known = set(ctx.engagement.priorities)
    served: dict[str, set[str]] = {}

    def walk(obj_id: str, seen: frozenset[str]) -> set[str]:
        if obj_id in served:
            return served[obj_id]
        obj = by_id.get(obj_id)
        if obj is None or obj_id in seen:  # a reference to nothing, or a loop: serves nothing through it
            return set()
        found = {obj.priority} & known if obj.priority else set()
        for target in obj.aligns_to:
            found |= walk(target, seen | {obj_id})
        served[obj_id] = found
        return found

    for obj_id in by_id:
        walk(obj_id, frozenset())
    return served


@rule("priority-without-okr", Severity.WARNING, "A strategy priority that no objective serves.")
def priority_without_okr(ctx: Context) -> Iterator[Hit]:
    served = set().union(*_served_priorities(ctx).values()) if ctx.engagement.priorities else set()
    for i, priority in enumerate(ctx.engagement.priorities):
        if priority not in served:
            yield Hit(
                f"priorities[{i}]", f"No objective serves the priority '{priority}'.",
                "Is it still a priority this cycle? If so, give one strategic objective `priority:` set to it; "
                "if not, say so to leadership and drop it from the list.",
            )


@rule("objective-without-priority", Severity.WARNING,
      "An objective that serves none of the strategy priorities, itself or through what it aligns to.")
def objective_without_priority(ctx: Context) -> Iterator[Hit]:
    priorities = ctx.engagement.priorities
    if not priorities:
        return
    served = _served_priorities(ctx)
    strategic = ctx.strategic_ids()
    for path, team, obj in ctx.objectives():
        if served.get(obj.id) or obj.aligns_to:
            continue  # an aligned objective's gap is that of what it aligns to, reported there (or dangling)
        if team.level is Level.TEAM and strategic:
            continue  # `not-aligned` already names this gap
        if obj.priority and obj.priority not in priorities:
            message = f"'{obj.title}' names the priority '{obj.priority}', which is not one of the engagement's."
        else:
            message = f"'{obj.title}' serves none of the strategy priorities."
        yield Hit(
            path, message,
            "Set its priority to one of: " + "; ".join(f"'{p}'" for p in priorities)
            + (", or align it to a strategic objective that serves one." if team.level is Level.TEAM else "."),
        )


_DISPLAY_TIME_UNITS = ((86400, "days"), (3600, "hours"), (60, "minutes"), (1, "seconds"))  # largest first


def _fields(span: tuple[float, float], *, timed: bool) -> str:
    """The title's numbers as the fields to fill; times, which the reader compares in seconds, in
    the largest unit the smaller of the two still fills ("from 2h to 45m": 120 and 45 minutes)."""
    if not timed:
        return f"baseline: {span[0]:g}, target: {span[1]:g}"
    size, name = next(((size, name) for size, name in _DISPLAY_TIME_UNITS if min(span) >= size),
                      _DISPLAY_TIME_UNITS[-1])
    return f"baseline: {span[0] / size:.4g}, target: {span[1] / size:.4g}, unit: {name}"


@rule("kr-no-baseline-or-target", Severity.WARNING,
      "A metric key result whose numbers are only in its title: no baseline or target for check-ins.")
def kr_no_baseline_or_target(ctx: Context) -> Iterator[Hit]:
    for path, _, kr in ctx.key_results():
        if kr.kind is not KRKind.METRIC or kr.baseline is not None or kr.target is not None:
            continue
        p = ctx.phrase(kr.title)
        if task_reason(p) or not (p.measures or p.relative or p.target is not None):
            continue  # a task, or a title with no number: kr-is-task / kr-not-measurable already say so
        fields = _fields(p.span, timed=p.span != (p.baseline, p.target)) if p.span else \
            "baseline: <today's value>, target: <the value to reach>"
        yield Hit(
            path, f"'{kr.title}' has neither a baseline nor a target, so check-ins cannot measure its progress.",
            f"Write the numbers of the title as fields ({fields}): progress is computed from those two.",
        )
