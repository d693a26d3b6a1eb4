"""Rules on one key result: outcome or task, measurable, moving, baseline and target.

Each decision reads the sentence's structure (lead verb class, the head noun of its object,
what each number counts) together with the KR's data (kind, baseline, target). The data wins
when present: "Increase onboarding completion" with baseline 65 and target 90 is measurable.
"""

from __future__ import annotations

from collections.abc import Iterator

from okrkit.coach import lexicon as lx
from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.phrase import Phrase
from okrkit.coach.registry import Hit, rule
from okrkit.model import KeyResult, KRKind

__all__ = ["baseline_target", "is_level", "task_reason"]

# Verbs whose direction is certain; "improve" a time means making it smaller.
_STRICT_UP = {"increase", "grow", "raise", "boost", "lift", "expand", "double", "triple", "gain", "multiply",
              "climb", "rise"}
_STRICT_DOWN = {"reduce", "decrease", "cut", "lower", "shrink", "drop", "halve", "minimize", "minimise", "eliminate",
                "shorten", "slash", "trim", "lessen"}
_OUTCOME_NOUNS = lx.PEOPLE_NOUNS | lx.METRIC_NOUNS


def _outcome_quantity(p: Phrase) -> bool:
    """A number that measures an outcome: money, a rate, a share of people, a count of customers."""
    for q in p.measures:
        if q.share_of:
            if q.share_of in lx.ARTEFACT_NOUNS or q.share_of in lx.WORK_ITEM_NOUNS:
                continue  # "migrate 80% of services": still counting our own work
            if p.lead_class in {"action", "unknown"} and q.share_of not in _OUTCOME_NOUNS:
                continue  # "digitize 100% of paper forms": the share of a job done, whatever the job
            return True
        if q.unit in {"money", "%", "x", "points", "stars"} or q.cmp or q.counts in lx.METRIC_NOUNS:
            return True
        # People counted after a doing verb ("interview 30 customers") is effort; after a verb
        # of gaining ("sign 30 customers") it is the result.
        if q.counts in lx.PEOPLE_NOUNS and p.lead_class != "action":
            return True
    return False


def task_reason(p: Phrase) -> str | None:
    """Why the sentence reads as a task or an output, or None when it names an outcome."""
    outcome = _outcome_quantity(p) or p.relative
    counted = next((q.counts for q in p.measures if q.counts in lx.ARTEFACT_NOUNS | lx.WORK_ITEM_NOUNS), "")
    if p.lead_class == "action" and not outcome:
        if _service_level(p):
            return None  # "respond to all tickets within 24 hours": a level, judged by kr-no-movement
        if counted:
            return f"counts work done ({counted}), not a change it causes"
        if p.head in lx.METRIC_NOUNS and not _a_thing(p):
            return None  # "deliver better retention": vague, but about an outcome
        return f"describes something to do ('{p.lead} …'), not a result"
    of_work = any(q.share_of and q.share_of not in _OUTCOME_NOUNS for q in p.measures)  # "90% of archives"
    if p.lead_class == "unknown" and not outcome and (p.head in lx.ARTEFACT_NOUNS or counted or of_work):
        return f"describes something to do ('{p.lead} …'), not a result"
    if p.lead_class == "target" and not outcome and (p.head in lx.ARTEFACT_NOUNS or counted):
        return f"names a deliverable ({p.head or counted}) to obtain, not a change for customers"
    if p.lead_class in {"up", "down"} and p.head in lx.ARTEFACT_NOUNS and p.head not in _OUTCOME_NOUNS \
            and not _rate(p):
        return f"moves a count of our own output ({p.head}), not an outcome"
    if p.lead is None and not outcome and any(w in lx.COMPLETION_WORDS for w in p.words):
        return "states a deliverable as done, not a result it brings"
    if p.lead is None and not outcome and not p.vague and p.head in lx.ARTEFACT_NOUNS and p.head not in lx.METRIC_NOUNS:
        return f"names a deliverable or an activity ({p.head}), not a result"  # "Weekly sales meetings"
    return None


def _a_thing(p: Phrase) -> bool:
    """ "Deploy the new CI pipeline", "Build a pipeline": an object introduced as one new thing is
    a deliverable even when its noun can also name a metric ("pipeline", "coverage")."""
    obj = list(p.words[p.words.index(p.lead) + 1:]) if p.lead in p.words else []
    before_head = obj[: obj.index(p.head)] if p.head in obj else obj
    return bool(obj) and (obj[0] in {"a", "an"} or "new" in before_head)


def _rate(p: Phrase) -> bool:
    """ "Improve crash-free sessions from 98.1% to 99.5%": a movement between percentages is a
    rate of something, an outcome, whatever noun names it; "by 50%" of an output is not."""
    return not p.relative and p.baseline is not None and any(q.unit == "%" for q in p.measures)


def baseline_target(kr: KeyResult, p: Phrase) -> tuple[float | None, float | None]:
    """The KR's data first, the numbers in its sentence second."""
    baseline = kr.baseline if kr.baseline is not None else p.baseline
    target = kr.target if kr.target is not None else p.target
    return baseline, target


def _service_level(p: Phrase) -> bool:
    """ "Respond to all tickets within 24 hours": a time limit kept for every item."""
    windows = [q for q in p.quantities if q.window]
    return bool(windows) and not p.measures and bool({"all", "every", "each"} & set(p.words))


def is_level(p: Phrase, kr: KeyResult | None = None) -> bool:
    """A threshold to sit at ("NPS ≥ 40", "Maintain uptime at 99.9%"), not a movement."""
    if p.lead_class == "maintain" or (p.lead_class in {"action", None} and _service_level(p)):
        return True
    has_target = bool(p.measures) or (kr is not None and kr.target is not None)
    if p.lead is not None or p.relative or p.baseline is not None or not has_target:
        return False
    shares = [q.share_of for q in p.measures if q.share_of]
    return not any(s in lx.PEOPLE_NOUNS for s in shares)  # "80% of new users finish setup" is behaviour


def _metric_kr(ctx: Context) -> Iterator[tuple[str, KeyResult, Phrase]]:
    for path, _, kr in ctx.key_results():
        if kr.kind is KRKind.METRIC:
            yield path, kr, ctx.phrase(kr.title)


@rule("kr-is-task", Severity.WARNING, "A key result that is a task, an activity or an output, not an outcome.")
def kr_is_task(ctx: Context) -> Iterator[Hit]:
    for path, _, kr in ctx.key_results():
        reason = task_reason(ctx.phrase(kr.title))
        if reason:
            yield Hit(
                path, f"'{kr.title}' {reason}.",
                "What would change for customers or the business once it is done? Measure that "
                "instead, e.g. 'Increase <metric> from X to Y'; keep the task in the backlog.",
                Severity.INFO if kr.kind is KRKind.MILESTONE else None,
            )


@rule("kr-not-measurable", Severity.WARNING, "A key result with no number, no metric, or only vague words.")
def kr_not_measurable(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in _metric_kr(ctx):
        if p.measures or p.relative or kr.target is not None or task_reason(p) or is_level(p, kr):
            continue  # a task or a "keep …" already has its finding: one reason is enough
        vague = f" ('{', '.join(dict.fromkeys(p.vague))}' does not say how much)" if p.vague else ""
        yield Hit(
            path, f"'{kr.title}' cannot be measured as written{vague}.",
            "Name the metric and the numbers: how will we know at the end of the cycle? "
            "e.g. 'Increase <metric> from <today's value> to <target>'.",
        )


@rule("kr-no-movement", Severity.WARNING, "A KPI level with no movement: business as usual, a health metric.")
def kr_no_movement(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in _metric_kr(ctx):
        baseline, target = baseline_target(kr, p)
        moves = baseline is not None and target is not None and baseline != target
        if task_reason(p) or not is_level(p, kr) or moves:
            continue
        what = "keeps a metric where it is" if p.lead_class == "maintain" else "states a level with no starting point"
        yield Hit(
            path, f"'{kr.title}' {what}: that is business as usual, not a key result.",
            "Put it on the team's health-metric list. If it must move this cycle, say from what "
            "to what, e.g. 'Raise NPS from 32 to 40'.",
        )


@rule("kr-no-baseline", Severity.INFO, "A target with no baseline: progress cannot be computed.")
def kr_no_baseline(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in _metric_kr(ctx):
        baseline, target = baseline_target(kr, p)
        if (baseline is not None or target is None or p.relative or is_level(p, kr) or task_reason(p)
                or _new(p) or p.lead_class == "action"):
            continue  # "sign 15 new customers", "ship v2 to 50% of users": counted from zero
        yield Hit(
            path, f"'{kr.title}' has a target but no baseline.",
            "Write today's value next to the target ('from 5.1% to under 3%'), so the team "
            "can see how far it has come at each check-in.",
        )


def _new(p: Phrase) -> bool:
    """ "Sign 15 new customers": a count of new things starts at zero by definition."""
    digits = [i for i, w in enumerate(p.words) if w[0].isdigit() or w[0] in "$€£"]
    return any(
        w == "new" and any(i - d == 1 or (i - d == 2 and p.words[i - 1] == "in") for d in digits)
        for i, w in enumerate(p.words)
    )


@rule("kr-target-equals-baseline", Severity.ERROR, "Target equal to the baseline: nothing is meant to change.")
def kr_target_equals_baseline(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in _metric_kr(ctx):
        baseline, target = baseline_target(kr, p)
        if baseline is not None and baseline == target and p.lead_class != "maintain":
            yield Hit(
                path, f"'{kr.title}' has the same baseline and target ({baseline:g}).",
                "A key result is a movement: set the target the team wants to reach by the end of the cycle.",
            )


@rule("kr-wrong-direction", Severity.ERROR, "A target on the wrong side of the baseline for the verb.")
def kr_wrong_direction(ctx: Context) -> Iterator[Hit]:
    for path, kr, p in _metric_kr(ctx):
        baseline, target = baseline_target(kr, p)
        if kr.baseline is None and kr.target is None and p.span:
            baseline, target = p.span  # "from 4h to 30 min": compare in one unit
        if baseline is None or target is None or p.lead is None:
            continue
        if (p.lead in _STRICT_UP and target < baseline) or (p.lead in _STRICT_DOWN and target > baseline):
            yield Hit(
                path, f"'{kr.title}' says '{p.lead}' but goes from {baseline:g} to {target:g}.",
                "Check the numbers or the verb: the target must lie in the direction the sentence promises.",
            )
