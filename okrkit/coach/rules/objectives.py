"""Rules on an objective's wording: qualitative, memorable, inspiring."""

from __future__ import annotations

import re
from collections.abc import Iterator

from okrkit.coach import lexicon as lx
from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.registry import Hit, rule

__all__: list[str] = []

_RANK = re.compile(r"(?:#|no\.?\s*|number\s+|top[\s-]*)\d+|\b(?:number one|no\.? ?1)\b", re.I)
# "Improve the website", "Strengthen our brand": a verb of change or push on a bare object (three
# words once "the", "our" are set aside) says neither for whom nor how.
_GENERIC_VERBS = {"improve", "increase", "grow", "enhance", "optimize", "optimise", "boost", "better", "do",
                  "drive", "focus", "maximize", "maximise", "work"}
_PERIODS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "quarters", "hours"}
_WORDS = re.compile(r"[A-Za-z0-9][\w'’$%.-]*")


def _carries_metric(ctx: Context, title: str) -> bool:
    p = ctx.phrase(_RANK.sub("", title))  # "become the #1 bank" is ambition, not a metric
    numbers = [
        q for q in p.measures
        if q.unit in {"%", "money", "x", "points", "stars"} or q.cmp
        or q.counts in lx.PEOPLE_NOUNS | lx.METRIC_NOUNS
        or (q.unit == "" and q.value >= 2 and q.counts not in _PERIODS)  # "Hire 30 engineers"; not "thirty days"
    ]
    return bool(numbers) or p.relative or p.baseline is not None


@rule("objective-has-metric", Severity.WARNING, "An objective that carries numbers or metrics.")
def objective_has_metric(ctx: Context) -> Iterator[Hit]:
    for path, _, obj in ctx.objectives():
        if _carries_metric(ctx, obj.title):
            yield Hit(
                path, f"The objective '{obj.title}' carries a number: that belongs in a key result.",
                "Say what you want to achieve and why in words that inspire, and move the number "
                "into a key result, e.g. 'Delight new customers in their first week'.",
            )


@rule("objective-too-long", Severity.WARNING, "An objective too long to remember.")
def objective_too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.config.max_objective_words
    for path, _, obj in ctx.objectives():
        count = len(_WORDS.findall(obj.title))
        if count > limit:
            yield Hit(
                path, f"The objective has {count} words; a team remembers one of {limit} or fewer.",
                "Keep the heart of it in one short sentence and move the explanation to 'why'.",
            )


def _generic(word: str) -> bool:
    """A generic word, or a compound of generic words ("customer-centric", "best-in-class")."""
    generic = lx.GENERIC_WORDS | lx.VAGUE_WORDS
    return word in generic or all(part in generic for part in word.split("-") if part)


@rule("objective-vague", Severity.WARNING, "An objective too vague or generic to inspire.")
def objective_vague(ctx: Context) -> Iterator[Hit]:
    for path, _, obj in ctx.objectives():
        words = [w.lower().strip(".,!") for w in _WORDS.findall(obj.title)]
        specific = [w for w in words if not _generic(w)]
        bare = [w for w in words if w not in {"a", "an", "the", "our", "my", "its", "their"}]
        lead = bare[0] if bare else ""
        short_and_generic = len(bare) <= 3 and lead in _GENERIC_VERBS | lx.PUSH_VERBS | lx.UP_VERBS | lx.DOWN_VERBS
        if (not specific or len(words) < 2 or short_and_generic) and not _carries_metric(ctx, obj.title):
            # "Double our customer base" is specific, only in the wrong place: objective-has-metric says so.
            yield Hit(
                path, f"'{obj.title}' is too generic to rally a team: for whom, and what would be different?",
                "Name who benefits and the change you want for them, e.g. 'Make the first week "
                "seamless and confidence-boosting for new users'.",
            )
