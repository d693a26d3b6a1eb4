"""The words of change that the model and the coach both read: which verbs move a metric up or down.

`KeyResult(target="by 20%")` takes its sign from its title's verb, and the coach reads the
same verb to judge the key result; both look the verb up here, so "Slash hosting costs by
20%" is a decrease to both. The coach's other word classes (targets, actions, metrics) are
in `okrkit.coach.lexicon`, which builds on these.
"""

# ruff: noqa: SIM905  (word lists read best as one string split on spaces)
from __future__ import annotations

import re
from typing import Literal

__all__ = ["DOWN_VERBS", "LEAD_SKIP", "STRICT_DOWN", "STRICT_UP", "UP_VERBS", "change_direction", "drop_label",
           "lemmas"]

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
    # only real endings come off: "down" is not "do" + "wn", "news" may be "new" + "s"
    forms = [word] + [word[:-n] for n, ends in ((1, ("s", "d", "n")), (2, ("es", "ed", "'s", "’s")), (3, ("ing",)))
                      if word.endswith(ends)]
    if re.fullmatch(r"[a-z]+-(?:up|out|off|down|in|over)", word):
        forms.append(word.split("-")[0])  # "Clean-up the tracker", "Roll-out the review": the verb and its particle
    if word.endswith("ed"):
        forms.append(word[:-1] + "e")  # "reduced" → "reduce"
    if word.endswith("ing"):
        forms.append(word[:-3] + "e")  # "reducing" → "reduce"
        if len(word) > 5 and word[-4] == word[-5]:
            forms.append(word[:-4])  # "cutting" → "cut", "shipping" → "ship": the doubled consonant
    if word.endswith("es"):
        forms.append(word[:-2] + "e")
    return tuple(f for f in forms if f)


# A list mark or a label before the sentence, as sheets and slides write them: "- ", "1.", "(2)", "O1:",
# "KR 2.1 -", "KR-3:", "Q3 -", "Objective #1:", "Key result 2 -". Not "Add 10 - 12 partners" nor
# "Goal-setting workshops".
_LABEL = re.compile(
    r"^\s*(?:[-*•·]\s*"
    r"|\(?\d+(?:\.\d+)*[.):](?!\d)\s*"
    r"|\d+(?:\.\d+)*\s+[-–—](?!\s*\d)\s*"
    r"|\(?(?:o|kr|okr|obj|q|h|fy)[\s#-]?\d+(?:\.\d+)*\s*(?:[.):]|[-–—])\s*"
    r"|(?:key\s+result|objective|goal|kr|okr)\s*#?\s*(?:\d+(?:\.\d+)*|one|two|three|four|five)?\s*(?:[–—:.]|\s-\s)\s*"
    # "Q3 OKR:", "Objective (committed):", "Stretch:", "This year:", "a) "
    r"|(?:q[1-4]|h[12]|fy\s?\d{2,4})\s+(?:okrs?|objectives?|goals?|krs?|key\s+results?)\s*(?:[–—:.]|\s-\s)\s*"
    r"|(?:(?:key\s+result|objective|goal|kr|okr)\s*)?\((?:committed|aspirational|stretch|moonshot|roofshot)\)"
    r"\s*(?:[–—:.]|\s-\s)?\s*"
    r"|(?:committed|aspirational|stretch|moonshot|roofshot|(?:this|next)\s+(?:year|quarter|month|cycle))\s*:\s*"
    r"|[a-h]\)\s+)",
    re.I)
# Words before the verb that only introduce it: "We will reduce …", "Successfully launch …", "KR: To grow …".
LEAD_SKIP = frozenset({"we", "will", "to", "successfully", "fully", "further", "significantly", "continuously",
                       "dramatically", "substantially", "and", "the", "i", "team", "should", "must", "we'll",
                       "let's", "lets", "help", "try", "aim", "want"})


def drop_label(text: str) -> str:
    """The sentence without the list mark or label before it."""
    return _LABEL.sub("", text, count=1)


def change_direction(title: str) -> Literal["up", "down"] | None:
    """The direction the title's first verb promises: "Slash hosting costs by 20%" → "down", and so
    does "KR 2: We will slash hosting costs by 20%"."""
    words = [w.strip(".,:;!") for w in drop_label(title).strip().lower().split()]
    while len(words) > 1 and words[0] in LEAD_SKIP:
        words = words[1:]
    first = words[0] if words else ""
    for form in lemmas(first):
        if form in UP_VERBS:
            return "up"
        if form in DOWN_VERBS:
            return "down"
    return None
