"""Rules on the shape of a team's OKRs: how many, milestones only, commitment stated."""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.kr_kinds import task_reason
from okrkit.coach.registry import Hit, rule
from okrkit.model import KRKind

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
