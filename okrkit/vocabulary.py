"""The words of change that the model and the coach both read: which verbs move a metric up or down.

`KeyResult(target="by 20%")` takes its sign from its title's verb, and the coach reads the
same verb to judge the key result; both look the verb up here, so "Slash hosting costs by
20%" is a decrease to both. The coach's other word classes (targets, actions, metrics) are
in `okrkit.coach.lexicon`, which builds on these.
"""

# ruff: noqa: SIM905  (word lists read best as one string split on spaces)
from __future__ import annotations

from typing import Literal

__all__ = ["DOWN_VERBS", "STRICT_DOWN", "STRICT_UP", "UP_VERBS", "change_direction", "lemmas"]

# Verbs whose direction is certain whatever the metric ("improve" a time means making it smaller).
STRICT_UP = frozenset("increase grow raise boost lift expand double triple gain multiply climb rise".split())
STRICT_DOWN = frozenset(
    "reduce decrease cut lower shrink drop halve minimize minimise eliminate shorten slash trim lessen".split()
)
# Every verb that says a metric moves up or down: the core of a key result.
UP_VERBS = STRICT_UP | frozenset(
    "improve quadruple accelerate maximize maximise scale extend strengthen widen deepen enhance up drive "
    "push grows".split()
)
DOWN_VERBS = STRICT_DOWN | frozenset("decline curb limit contain prevent avoid bring".split())


def lemmas(word: str) -> tuple[str, ...]:
    """The forms a verb may have before its inflection: "slashes" → slashes, slashe, slash, …, "cutting" → … cut."""
    forms = [word, word[:-1], word[:-2], word[:-3]]
    if word.endswith("ed"):
        forms.append(word[:-1] + "e")  # "reduced" → "reduce"
    if word.endswith("ing"):
        forms.append(word[:-3] + "e")  # "reducing" → "reduce"
        if len(word) > 5 and word[-4] == word[-5]:
            forms.append(word[:-4])  # "cutting" → "cut", "shipping" → "ship": the doubled consonant
    if word.endswith("es"):
        forms.append(word[:-2] + "e")
    return tuple(f for f in forms if f)


def change_direction(title: str) -> Literal["up", "down"] | None:
    """The direction the title's first word promises: "Slash hosting costs by 20%" → "down"."""
    words = title.strip().lower().split()
    first = words[0].strip(".,:;!") if words else ""
    for form in lemmas(first):
        if form in UP_VERBS:
            return "up"
        if form in DOWN_VERBS:
            return "down"
    return None
