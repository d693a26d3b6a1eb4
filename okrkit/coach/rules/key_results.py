"""Rules on one key result: outcome or task, measurable, moving, baseline and target.

Each decision reads the sentence's structure (lead verb class, the head noun of its object,
what each number counts) together with the KR's data (kind, baseline, target). The data wins
when present: "Increase onboarding completion" with baseline 65 and target 90 is measurable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.kr_kinds import (
    baseline_target,
    is_kept,
    is_level,
    is_milestone,
    is_new_count,
    is_open_ended,
    is_rank,
    is_service_target,
    task_reason,
    works_on_a_thing,
)
from okrkit.coach.movement import numbers_start
from okrkit.coach.nounphrase import lemma_class
from okrkit.coach.phrase import Phrase, per_sentence
from okrkit.coach.registry import Hit, rule
from okrkit.model import KeyResult, KRKind
from okrkit.vocabulary import STRICT_DOWN, STRICT_UP

__all__: list[str] = []



def _measured_outcome(ctx: Context, kr: KeyResult) -> bool:
    """A metric KR that is no task and has a number: what a milestone may stand beside."""
    p = ctx.phrase(kr.title)
    numbers = bool(p.measures) or p.relative or p.target is not None or kr.target is not None
    return kr.kind is KRKind.METRIC and numbers and not task_reason(p)


@rule("kr-is-task", Severity.WARNING, "A key result that is a task, an activity or an output, not an outcome.")
def kr_is_task(ctx: Context) -> Iterator[Hit]:
    outcomes: dict[int, bool] = {}  # per objective: does it have a key result that measures an outcome?
    for path, obj, kr in ctx.key_results():
        p = ctx.phrase(kr.title)
        reason = task_reason(p)
        if not reason:
            continue
        if id(obj) not in outcomes:
            outcomes[id(obj)] = any(_measured_outcome(ctx, k) for k in obj.key_results)
        if kr.kind is KRKind.MILESTONE or (is_milestone(p) and outcomes[id(obj)]):
            # One milestone beside outcome key results is a plan step many practitioners accept.
            yield Hit(path, f"'{kr.title}' is a milestone ({reason}).",
                      "Fine beside the outcome key results if the team must hit it this cycle; "
                      "otherwise keep it in the backlog and measure what it unlocks.", Severity.INFO)
            continue
        yield Hit(
            path, f"'{kr.title}' {reason}.",
            "What would change for customers or the business once it is done? Measure that "
            "instead, e.g. 'Increase <metric> from X to Y'; keep the task in the backlog.",
        )


_FILLER_VERBS = {"work", "focus", "help", "try", "strive", "continue"}


def _promises_change(p: Phrase) -> bool:
    """ "Work on improving onboarding", "Focus on reducing churn": a filler verb before a verb of
    change says only that something should move, not how much; "Launch a site to improve
    conversion" stays one task (its suggestion already asks to measure what it is for)."""
    return p.lead in _FILLER_VERBS and any(lemma_class(w)[1] in {"up", "down"} for w in p.object_words[:3])


@rule("kr-not-measurable", Severity.WARNING, "A key result with no number, no metric, or only vague words.")
def kr_not_measurable(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in ctx.metric_key_results():
        numbers = p.measures or p.relative or p.target is not None or kr.target is not None  # "from weekly to daily"
        # "All schools under the lead limit", "Every new hire has a buddy": all of them is the number (100%).
        numbers = numbers or (p.lead is None and p.words[:1] in (("all",), ("every",)))
        # A task or a "keep …" already has its finding: one reason is enough. Work with no end
        # ("Study Python") or on one of our things ("Improve the app") has nothing to measure either.
        task_only = task_reason(p) and not works_on_a_thing(p) and not _promises_change(p) and not is_open_ended(p)
        if numbers or task_only or is_level(p, kr) or is_kept(p, kr):
            continue
        vague = f" ('{', '.join(dict.fromkeys(p.vague))}' does not say how much)" if p.vague else ""
        yield Hit(
            path, f"'{kr.title}' cannot be measured as written{vague}.",
            "Name the metric and the numbers: how will we know at the end of the cycle? "
            "e.g. 'Increase <metric> from <today's value> to <target>'.",
        )


@rule("kr-no-movement", Severity.WARNING, "A KPI kept where it is: business as usual, a health metric.")
def kr_no_movement(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in ctx.metric_key_results():
        if task_reason(p) or not is_kept(p, kr):
            continue
        baseline, target = baseline_target(kr, p)
        if p.lead_class == "maintain" and baseline is not None and target is not None and baseline != target:
            continue  # "Keep improving NPS from 30 to 40" still moves
        yield Hit(
            path, f"'{kr.title}' keeps a metric where it is: that is business as usual, not a key result.",
            "Put it on the team's health-metric list. If it must move this cycle, say from what "
            "to what, e.g. 'Raise NPS from 32 to 40'.",
        )


@rule("kr-no-baseline", Severity.INFO, "A target with no baseline: progress cannot be computed.")
def kr_no_baseline(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in ctx.metric_key_results():
        baseline, target = baseline_target(kr, p)
        if (baseline is not None or target is None or p.relative or is_kept(p, kr) or task_reason(p)
                or is_new_count(p) or (p.lead_class == "action" and not is_service_target(p))):
            continue  # "sign 15 new customers", "ship v2 to 50% of users": counted from zero
        what = "states the level to reach, not" if p.lead is None else "has a target but does not say"
        yield Hit(
            path, f"'{kr.title}' {what} where the team starts today.",
            "Write today's value next to the target ('from 5.1% to under 3%'), so the team "
            "can see how far it has come at each check-in.",
        )


@rule("kr-target-equals-baseline", Severity.ERROR, "Target equal to the baseline: nothing is meant to change.")
def kr_target_equals_baseline(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in ctx.metric_key_results():
        baseline, target = baseline_target(kr, p)
        if kr.baseline is None and kr.target is None and p.span:
            baseline, target = p.span  # "from one month to one week": compare in one unit
        if baseline is not None and baseline == target and p.lead_class != "maintain":
            yield Hit(
                path, f"'{kr.title}' has the same baseline and target ({baseline:g}).",
                "A key result is a movement: set the target the team wants to reach by the end of the cycle.",
            )


# Amounts written negative by convention, which shrink towards zero; not a temperature or a set-point.
_LOSSES = re.compile(r"\b(?:loss|losses|deficit|deficits|debt|burn|shortfall|overdraft|negative|detractors)\b", re.I)


@per_sentence
def _direction_verb(p: Phrase) -> str | None:
    """The verb the written numbers follow: the lead, unless a verb of change governs them between it
    and the numbers ("… by cutting COGS from 60% to 55%" follows "cut", "Cut costs and grow revenue
    from …" follows "grow"), or a colon or bracket names a measure of its own ("Raise quality: defect
    rate from 3% to 1%"): then none. "Reduce costs: from $5M to $6M" still follows "reduce"."""
    at = numbers_start(p.text)
    if at is None or p.lead is None:
        return p.lead
    tokens = re.findall(r"[a-z][\w'-]*|[:(]", p.text[:at].lower())
    after_lead = next((j + 1 for j, t in enumerate(tokens) if lemma_class(t)[0] == p.lead), len(tokens))
    opened, apart = False, False
    for j in range(after_lead, len(tokens)):
        t = tokens[j]
        if t in {":", "("}:
            opened = True
            continue
        apart = apart or opened  # a word after the colon names the measure ("defect rate"); "Reduce costs: from …" not
        lemma, cls = lemma_class(t)
        # "by cutting …", "while growing …", "Cut costs and grow revenue from …"; not "cost per £1 raised"
        gerund = t.endswith("ing") and tokens[j - 1] in {"by", "through", "while"}
        governs = opened or gerund or tokens[j - 1] == "and"
        if cls in {"up", "down"} and lemma and governs:
            return lemma
    return None if apart else p.lead


@rule("kr-wrong-direction", Severity.ERROR, "A target on the wrong side of the baseline for the verb.")
def kr_wrong_direction(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in ctx.metric_key_results():
        baseline, target = baseline_target(kr, p)
        if kr.baseline is None and kr.target is None and p.span:
            baseline, target = p.span  # "from 4h to 30 min": compare in one unit
        verb = _direction_verb(p)
        if baseline is None or target is None or verb is None:
            continue
        if is_rank(p):
            baseline, target = target, baseline  # "rankings from page 2 to page 1": a rank improves as it falls
        if verb in STRICT_DOWN and baseline < 0 and target < 0 and _LOSSES.search(p.text):
            baseline, target = -baseline, -target  # "Reduce the loss from -$3M to -$1M": the loss shrinks
        if (verb in STRICT_UP and target < baseline) or (verb in STRICT_DOWN and target > baseline):
            yield Hit(
                path, f"'{kr.title}' says '{verb}' but goes from {baseline:g} to {target:g}.",
                "Check the numbers or the verb: the target must lie in the direction the sentence promises.",
            )
