"""Word-level reading: which class a verb belongs to, and the head noun of a noun phrase.

The phrase reader needs both for the lead verb's object ("Conduct 20 customer *interviews*")
and the quantity reader for what a number counts ("500 *customers*"); they live here so
neither has to import the other.
"""

from __future__ import annotations

from okrkit.coach import lexicon as lx
from okrkit.vocabulary import lemmas

__all__ = ["DETERMINERS", "NP_STOP", "PARTICIPLES", "is_noun", "lemma_class", "noun_phrase_head"]

NP_STOP = {"from", "to", "by", "in", "at", "on", "for", "with", "per", "within", "above", "below",
           "under", "over", "than", "across", "among", "about", "and", "so", "that", "while",
           "without", "into", "through", "via", "before", "after", "during", "until", "is", "are",
           "be", "stays", "up", "down", "versus", "vs", "of", "using", "who",
           "which", "where", "when", "as", "or", "have", "has", "had", "can", "will", "get", "gets"}
DETERMINERS = {"a", "an", "the", "our", "all", "every", "each", "their", "my", "your", "its", "two", "three",
               "four", "five", "ten", "several", "some", "more", "new"}
# Irregular participles: "workshops held", "a newsletter sent every Monday".
PARTICIPLES = {"held", "run", "sent", "made", "written", "taught", "given", "met", "kept", "won", "done", "built",
               "shown"}
_COUNT_HEADS = {"number", "amount", "count", "share", "percentage", "proportion", "%", "volume"}
_FREQUENCY = {"every", "each", "weekly", "monthly", "daily", "quarterly", "yearly"}
_PERIOD_NOUNS = {"day", "week", "month", "quarter", "year", "sprint", "cycle"}
# Metric nouns that make a compound with a verb-like word before them: "open rate", "win rate",
# "build time", "response time", "test coverage". There the verb is a modifier, not a predicate.
_COMPOUND_METRICS = {"rate", "rates", "time", "times", "ratio", "score", "scores", "cost", "costs", "coverage",
                     "velocity", "frequency", "duration", "speed", "volume", "value"}


def is_noun(w: str) -> bool:
    return w in lx.METRIC_NOUNS or w in lx.PEOPLE_NOUNS or w in lx.ARTEFACT_NOUNS or w in lx.WORK_ITEM_NOUNS


def lemma_class(word: str) -> tuple[str | None, str | None]:
    """(lemma, class) of a verb in any simple inflection, or (None, None). A verb made by
    prefixing "re" ("renegotiate", "relaunch") does what its root does."""
    lemma, cls = _lemma_class(word)
    if cls is None and word.startswith("re") and len(word) > 5:
        lemma, cls = _lemma_class(word[3:] if word[2] == "-" else word[2:])
    return lemma, cls


def _lemma_class(word: str) -> tuple[str | None, str | None]:
    for cand in lemmas(word):
        for name, verbs in (("up", lx.UP_VERBS), ("down", lx.DOWN_VERBS), ("maintain", lx.MAINTAIN_VERBS),
                            ("target", lx.TARGET_VERBS), ("action", lx.ACTION_VERBS)):
            if cand in verbs:
                return cand, name
    return None, None


def _is_number(w: str) -> bool:
    return w[0].isdigit() or w[0] in "$€£¥<>≥≤~"


def _modifier(w: str, after: list[str]) -> bool:
    """ "customer *onboarding* calls": a gerund before a noun modifies it, it is not a verb; so does
    a verb-like word before a work item ("customer *support* tickets", "*sales* calls")."""
    return bool(after) and ((w.endswith("ing") and is_noun(after[0])) or (
        after[0] in lx.WORK_ITEM_NOUNS and after[0].endswith("s") and not w.endswith("ed")))


def noun_phrase_head(words: list[str]) -> str:
    """Head of the noun phrase at the start of `words`: its last word before a stop word."""
    np: list[str] = []
    for i, w in enumerate(words):
        if not w:
            continue
        if i and words[i - 1] in {"the", "our", "a"} and len(w) == 4 and w[:2] in {"19", "20"} and w.isdigit():
            continue  # "the 2025 marketing plan": a year names which one
        if w in NP_STOP or _is_number(w):
            if w == "of" and np and np[-1] in _COUNT_HEADS:
                return noun_phrase_head(words[i + 1:])
            break
        named = any(x not in DETERMINERS for x in np)  # "a weekly team meeting": "weekly" modifies, no time frame
        if named and (w in _FREQUENCY | {"this", "next", "last"} or (w in {"a", "an"} and words[i + 1: i + 2] and
                                                                     words[i + 1] in _PERIOD_NOUNS)):
            break  # "interviews every week", "engineers this year", "releases a month": a time frame
        if named and (w in {"once", "twice"} or (w in lx.NUMBER_WORDS and words[i + 1: i + 2] == ["times"])):
            break  # "rehearse the keynote three times": how often, not what is rehearsed
        if is_noun(w) or (words[i + 1: i + 2] and words[i + 1] in _COMPOUND_METRICS):
            np.append(w)
        elif np and w.endswith("s") and lemma_class(w)[1] not in {None, "maintain"} and (
                i + 1 == len(words) or words[i + 1] in NP_STOP):
            np.append(w)  # "manual deploys", "failed builds per week": a plural noun, not a verb
        elif np and is_noun(np[-1]) and not _modifier(w, words[i + 1: i + 2]) and (
                lemma_class(w)[1] or (words[i + 1: i + 2] and words[i + 1] in DETERMINERS)):
            break  # "customers complete onboarding", "customers love the app": a verb ends the subject
        elif np and w in PARTICIPLES:
            break
        elif np and is_noun(np[-1]) and (w.endswith(("ed", "ing")) or w in lx.COMPLETION_WORDS) and not _modifier(
                w, words[i + 1: i + 2]):
            break  # "time spent in meetings": the participle ends the phrase; "customer onboarding calls" goes on
        else:
            np.append(w)
    heads = [w for w in np if w not in {"a", "an", "the", "our", "new", "all", "every", "each", "its"}]
    return heads[-1] if heads else ""
