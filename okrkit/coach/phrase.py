"""Read the structure of one OKR sentence: lead verb, object, numbers, baseline, target.

A small hand-written reader rather than an NLP model: OKR sentences are short, mostly
imperative ("Grow ARR from $1.2M to $2M") or a metric level ("NPS ≥ 40"), and a review must
take milliseconds while the client types. `read("...")` is cached, so re-reviewing an
unchanged sentence costs a dictionary look-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, wraps
from typing import TypeVar

from okrkit.coach import lexicon as lx
from okrkit.coach.movement import endpoints, is_relative
from okrkit.coach.nounphrase import DETERMINERS, is_noun, lemma_class, noun_phrase_head
from okrkit.coach.quantity import NAME_PREFIX, Quantity, quantities
from okrkit.vocabulary import LEAD_SKIP, drop_label

__all__ = ["Phrase", "Quantity", "drop_time_frame", "per_sentence", "read", "verbish"]

_WORD = re.compile(r"[a-z][a-z0-9'’-]*|\d[\d,.]*[a-z%]*")
_VERSION = re.compile(r"v\d+(?:\.\d+)*")  # "v1", "v2.3": names, not numbers
# When the sentence says it is due, at its end: "… this quarter", "… by the end of Q3", "… in 2025",
# "… by June 30". The coach judges what is to be done or reached, which the date leaves unchanged.
_MONTH = "|".join(sorted(lx.MONTHS, key=len, reverse=True))
_TIME_FRAME = re.compile(
    r"[\s,]+(?:(?:by\s+the\s+end\s+of|by\s+end\s+of|in\s+the\s+next|by|in|during|before|for|within|until)\s+"
    r"(?:(?:this|next|the\s+next|the\s+current|the\s+coming|the)\s+)?|(?:this|next|the\s+next)\s+)"
    r"(?:quarter|year|month|cycle|(?:first|second)\s+half|q[1-4](?:\s+\d{4})?|h[12]|fy\s?\d{2,4}|(?:19|20)\d{2}|"
    rf"(?:{_MONTH})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?|end\s+of\s+(?:the\s+)?(?:quarter|year|month|q[1-4]))"
    r"\W*$", re.I)


def drop_time_frame(text: str) -> str:
    """The sentence without the date or period it is due at its end ("Improve onboarding this quarter")."""
    shorter = _TIME_FRAME.sub("", _TIME_FRAME.sub("", text, count=1), count=1)  # "… in Q1 this year"
    return shorter or text


_SPACED_PERCENT = re.compile(r"(\d)\s+%")
# A grade written after the sentence, "Recruit 50 members (.7)": the score it got, not a target.
_GRADE = re.compile(r"\(\s*(?:0?\.\d+|1\.0|0|1)\s*\)\W*$")


@dataclass(frozen=True)
class Phrase:
    text: str
    words: tuple[str, ...]
    lead: str | None  # the lead verb as written in the lexicon, None when the sentence has none
    lead_class: str | None  # up | down | target | maintain | action
    head: str  # head noun of the lead verb's object, or of the subject when there is no verb
    quantities: tuple[Quantity, ...] = ()
    baseline: float | None = None
    target: float | None = None
    relative: bool = False  # "by 30%", "double", "3x": a movement measured from today
    span: tuple[float, float] | None = None  # baseline and target in one unit ("4h to 30 min")
    level_cmp: str = ""  # ">=", "<" … when the target is a threshold
    vague: tuple[str, ...] = field(default=())

    @cached_property
    def object_words(self) -> tuple[str, ...]:
        """The words after the lead verb, which may be written inflected ("Building an app" leads
        with "build", "Clean-up the tracker" with "clean"); empty when no verb leads."""
        if self.lead is None:
            return ()
        at = next((j for j, w in enumerate(self.words) if w == self.lead or lemma_class(w)[0] == self.lead), None)
        return () if at is None else self.words[at + 1:]

    @cached_property
    def before_head(self) -> tuple[str, ...] | None:
        """The object's words before its head noun ("the new CI" of "Deploy the new CI pipeline"),
        None when the head is not among them."""
        obj = self.object_words
        return obj[: obj.index(self.head)] if self.head in obj else None

    @cached_property
    def measures(self) -> tuple[Quantity, ...]:
        """Quantities that measure something (not a time window or a date)."""
        return tuple(q for q in self.quantities if not q.window)


_T = TypeVar("_T")


def per_sentence(judge: Callable[[Phrase], _T]) -> Callable[[Phrase], _T]:
    """Cache a judgment that depends on the sentence only, by its text: every rule asks the same
    questions of each KR on every review, and most sentences have not changed since the last."""
    memo: dict[str, _T] = {}

    @wraps(judge)
    def cached(p: Phrase) -> _T:
        try:
            return memo[p.text]
        except KeyError:
            if len(memo) > 16384:
                memo.clear()
            memo[p.text] = value = judge(p)
            return value

    return cached


# Words that open a level, never an action: "No more than 2 outages", "Less than 1% damaged".
_NOT_VERBS = {"no", "not", "zero", "less", "fewer", "at", "over", "under", "above", "below", "only", "just",
              "up", "down", "nearly", "almost", "around", "about", "approximately", "roughly", "top", "maximum",
              "minimum"}


def verbish(word: str) -> bool:
    """Could lead as a verb the lexicon does not list: not a noun, number, determiner or limit,
    and not shaped like an adverb, a noun or an adjective."""
    if not word or is_noun(word) or word[0].isdigit() or word in lx.VAGUE_WORDS | DETERMINERS | _NOT_VERBS \
            or word in lx.NUMBER_WORDS:  # "One new customer signed"
        return False
    return not word.endswith(("ly", "ness", "tion", "ity", "ment", "ance", "ence", "al", "ic", "ous", "ful", "ive"))


def _imperative(words: list[str]) -> bool:
    """VERB + determiner or number ("Sponsor 2 events", "Renegotiate the contracts"): a verb the
    lexicon does not list still reads as one when it leads an object like this."""
    return len(words) >= 2 and verbish(words[0]) and (words[1] in DETERMINERS or words[1][0].isdigit())


def _subject_verb(words: list[str], lead: str | None, lead_class: str | None) -> tuple[str | None, str | None]:
    """ "Error rate stays below 0.1%", "Time-to-value drops below 7 days": a verb of keeping or of
    change right after a short subject does what it would do leading the sentence."""
    for j, w in enumerate(words[1:5], start=1):
        if w.endswith("ing"):
            continue  # "Time spent maintaining …": a gerund belongs to the subject, it is not its verb
        verb, cls = lemma_class(w)
        subject = words[:j]
        # the subject may hold a gerund ("Planning meetings cut …") or be one word ("Build stays green")
        if cls in {"maintain", "up", "down"} and verb not in {"hold", "ensure", "protect"} and not any(
                (lemma_class(x)[1] and not x.endswith("ing") and j > 1) or x[0].isdigit() for x in subject):
            return verb, cls
    return lead, lead_class


_SHORT_MOVES = {"cut": ("cut", "down"), "down": ("down", "down"), "up": ("up", "up")}  # "Support tickets down 20%"


# A verb right after the first word makes that word its subject, even one that can be a verb.
_COPULAS = {"is", "are", "was", "were", "will", "has", "have", "remains", "remain", "stays", "stay"}


# Verbs that build a thing, but gain when what they count is people or money.
_GAINS_WITH_PEOPLE = {"add", "upgrade", "renew", "reactivate", "refer", "recruit"}
_STAFF = {"employees", "staff", "colleagues", "teachers", "doctors", "nurses"}  # recruited, they are hires
_IRREGULAR = {"held": "hold", "run": "run", "sent": "send", "made": "make", "written": "write", "won": "win",
              "done": "do", "built": "build", "taught": "teach", "met": "meet", "sold": "sell", "given": "give"}


def _participle(words: list[str]) -> tuple[str | None, str | None]:
    """ "Twelve customer meetups hosted", "25 deals closed": with no verb in front, a participle
    after the count says what was done to what it counts."""
    first_number = next((j for j, w in enumerate(words) if w[0].isdigit() or w in lx.NUMBER_WORDS), None)
    if first_number is None:
        return None, None
    for before, w in zip(words[first_number:], words[first_number + 1:], strict=False):
        if before not in lx.ARTEFACT_NOUNS and (not before.endswith("s") or before in lx.PEOPLE_NOUNS | lx.METRIC_NOUNS
                                                 | lx.WORK_ITEM_NOUNS):
            # "Two thirds of tickets resolved by self-service": what customers get, not our doing;
            # any other plural counted is our doing ("12 podcast episodes recorded", "500 flyers distributed").
            continue
        if w in _IRREGULAR and lemma_class(_IRREGULAR[w])[1] == "action":
            return lemma_class(_IRREGULAR[w])
        if w.endswith("ed") and w not in lx.COMPLETION_WORDS - {"launched", "delivered", "published", "signed",
                                                                 "completed", "shipped", "released", "hired"}:
            verb, cls = lemma_class(w)
            if cls == "action":  # "25 deals closed" needs no verb: deals won are outcomes anyway
                return verb, cls
    return None, None


_WITHIN = re.compile(r"\bwithin\s", re.I)
# "#8" after a word that places it ("from #8 to #3", "Rank #1", "the #1"); not "issue #123"
_HASH_RANK = re.compile(r"(^\W*|\b(?:from|to|rank|ranked|be|become|reach|hit|at|as|the|our|stay|remain)\s+)#\s?(?=\d)",
                        re.I)
# What comes right before the number a sentence aims at: "to $2M", "reach 50k", "hit at least 40".
_AIM = re.compile(r"\b(?:to|reach(?:es|ing)?|hit(?:s|ting)?|exceed(?:s|ing)?)\s+(?:(?:under|below|over|above|"
                  r"at\s+least|at\s+most|just|about|around|nearly|approximately|~)\s+)?$", re.I)
_ASIDE = re.compile(r"\([^()]*\)")
_RANGE = re.compile(r"[$€£]?[\d.,]+\s*[-–]\s*[$€£]?\d")  # "$2-3M", "10-12k"
_CLAUSE = re.compile(r"(?P<join>,|\s(?:to|and|while))\s+(?P<word>[a-z][\w'-]*)", re.I)
# Words that open the scope of a count: "in 5 cities", "across 3 markets", "with 2 new channels".
_SCOPE = {"across", "in", "with", "via", "at", "on", "for", "among", "through"}


def _first_clause_end(clean: str) -> int:
    """Where the lead verb's clause ends: at a purpose ("… to reach 20% margin"), a second verb ("… and
    cut churn to 2%", ", expanding to …") or ", to …"; the sentence's end otherwise."""
    for m in _CLAUSE.finditer(clean):
        word = m["word"].lower()
        if (m["join"] == "," and word == "to") or word.endswith("ing") or lemma_class(word)[1]:
            return m.start()
    return len(clean)


def _aimed_at(clean: str, candidates: list[Quantity]) -> Quantity | None:
    """The number the sentence aims at: the last one after "to" or "reach" in the lead verb's clause
    ("the ratio of 5-star to 1-star reviews to 10"; not "… to $5M to reach 20% margin"), else the
    first such one after it ("Reduce time to hire to 30 days"), else the last number; of a range, its
    upper end, which carries the magnitude ("to $2-3M")."""
    aimed = [q for q in candidates if _AIM.search(clean[max(0, q.at - 40):q.at])]
    if not aimed:
        return candidates[-1] if candidates else None
    end = _first_clause_end(clean)
    in_clause = [q for q in aimed if q.at < end]
    pick = in_clause[-1] if in_clause else aimed[0]
    at = next(k for k, q in enumerate(candidates) if q is pick)  # equal quantities may repeat
    ranged = at + 1 < len(candidates) and _RANGE.match(clean, pick.at)
    return candidates[at + 1] if ranged else pick


# A name in quotation marks after a word that introduces one ("Add a 'Save 20%' banner", "Add
# feature for ‘$50 Gift For Friend’", "Launch the "Top 10" campaign"): its numbers are part of the
# name. Quotes after a verb or "to" hold the value itself ("Increase NPS to "50"", "Sign "20 new
# logos""). A closing mark is preceded by a word, so an apostrophe ("customers' NPS") closes nothing.
_QUOTE = r"[\"“‘'](?=\S)[^\"“”‘']{1,60}?(?<=\S)[\"”']"
# After an article the name is of a thing named next ("the "Top 10" campaign"), not a level to reach
# ("Break into the "Top 10" in the App Store").
_QUOTED = re.compile(r"\b(?:for|called|named|titled|dubbed)\s+" + _QUOTE + r"(?=[\s).,;:!?]|$)|"
                     r"\b(?:a|an|the|our|their|its|this)\s+" + _QUOTE
                     + r"(?=\s+(?!(?:in|on|at|to|for|by|of|from|with|and|or|within|across)\b)[a-z])", re.I)


def _main_quantities(clean: str, qs: list[Quantity]) -> list[Quantity]:
    """The quantities without those in brackets ("(38 today)", "(industry avg 32)") or counting a
    scope ("in 5 cities", "across 3 markets"), when the sentence has another number to read."""
    asides = [m.span() for m in _ASIDE.finditer(clean)]

    def aside_or_scope(q: Quantity) -> bool:
        before = [w.lower() for w in clean[max(0, q.at - 40):q.at].split()[-2:]]
        if before[-1:] and before[-1] in {"all", "our", "the", "each", "every"}:
            before = before[:-1]  # "in all 12 stores"
        scope = bool(before) and before[-1] in _SCOPE and bool(q.counts) and not q.unit
        return scope or any(a <= q.at < b for a, b in asides)

    main = [q for q in qs if not aside_or_scope(q)]
    return main if any(not q.window for q in main) else qs


@lru_cache(maxsize=16384)  # a 1,000-team engagement has some 10,000 sentences
def read(text: str) -> Phrase:
    """The parts of one KR or objective sentence."""
    clean = _GRADE.sub("", drop_label(text.replace("≥", ">=").replace("≤", "<=").replace("’", "'"))).strip()
    clean = " ".join(clean.split())  # runs of spaces or tabs: one space, and no work for the patterns below
    clean = _SPACED_PERCENT.sub(r"\1%", clean).replace(" & ", " and ")  # "40 %" as French writes it; not "R&D"
    clean = _HASH_RANK.sub(r"\1number ", clean)  # "from #8 to #3", "Rank #1": a rank is a number
    words = [w.strip(".,;:!?\"'") for w in _WORD.findall(clean.lower())]
    words = [w for i, w in enumerate(words) if w and not ((w[0].isdigit() or w in lx.NUMBER_WORDS) and i
                                                          and words[i - 1] in NAME_PREFIX)
             and not _VERSION.fullmatch(w)]  # "v1", "v2.3", "version two" are names
    quoted = [m.span() for m in _QUOTED.finditer(clean)  # not "the "$1M ARR" milestone": a metric named is its level
              if not set(_WORD.findall(m.group().lower())) & lx.METRIC_NOUNS]
    qs = _main_quantities(clean, [q for q in quantities(clean) if not any(a <= q.at < b for a, b in quoted)])
    i = 0
    while i < len(words) - 1 and words[i] in LEAD_SKIP:
        i += 1
    lead, lead_class = lemma_class(words[i]) if words else (None, None)
    if lead in {"keep", "continue"}:
        # "Keep growing MRR 10% a month", "Continue to grow revenue by 20%": the pace is kept, the metric moves
        j = i + 1 + (words[i + 1: i + 2] == ["to"])
        verb, cls = lemma_class(words[j]) if j < len(words) else (None, None)
        if cls in {"up", "down"}:
            i, lead, lead_class = j, verb, cls
    if lead == "list" and words[i + 1: i + 2] == ["of"]:
        lead, lead_class = None, None  # "List of partners published": the noun
    if lead and words[i + 1: i + 2] and words[i + 1] in _COPULAS:
        lead, lead_class = None, None  # "Process is documented", "Support is available 24/7": the subject
    if lead_class is None and _imperative(words[i:]):
        lead, lead_class = words[i], "unknown"
    if lead_class is None and not qs and len(words) > i + 1 and words[i + 1] in lx.ARTEFACT_NOUNS \
            and verbish(words[i]):
        lead, lead_class = words[i], "unknown"  # "Deprecate API v1": an unknown verb on a deliverable
    if lead_class is None and len(words) > i + 1 and words[i] in {"set", "kick", "roll"}:
        lead, lead_class = words[i], "action"
    obj = words[i + 1:] if lead else words[i:]
    if lead and obj[:1] in (["up"], ["out"], ["off"]) and len(obj) > 1 and obj[1] in DETERMINERS:
        obj = obj[1:]  # "Set up the new office", "Roll out the review process": the particle belongs to the verb
    head = noun_phrase_head(obj)
    if lead in {"make", "help", "get", "have"} and head not in lx.ARTEFACT_NOUNS and not qs:
        lead, lead_class = None, None  # "make customers happier": a state to reach, not a thing to do
    if lead in {"have", "get"} and any(q.share_of and q.share_of not in lx.ARTEFACT_NOUNS for q in qs) and not (
            set(words) & (lx.COMPLETION_WORDS | {"done", "trained"})):  # not "Have 50% of work done": a job done
        lead_class = "target"  # "Have 65% of our attendance in small groups": a share to reach, as "Ensure 40% of"
    if lead and words[i].endswith("ing") and any(w in lx.COMPLETION_WORDS for w in words[i + 1:]):
        lead, lead_class = None, None  # "Onboarding revamp completed": a gerund names the subject
    nxt = words[i + 1] if len(words) > i + 1 else ""
    # "Assess latency", "Measure baseline NPS": with no number and no second metric noun ("Survey
    # response rate"), a verb of looking leads; it does not modify the metric.
    looks = lead in lx.STUDY_VERBS and not qs and not (set(words[i + 2:]) & lx.METRIC_NOUNS)
    if lead_class in {"action", "target"} and not looks and (nxt in lx.METRIC_NOUNS or (
            words[i].endswith("ing") and nxt in lx.PEOPLE_NOUNS)):
        # "Onboarding NPS of 40", "Test coverage from 45% to 80%", "Survey response rate above 40%":
        # a word that could be a verb modifies the metric after it
        lead, lead_class = None, None
    if lead and words[i].endswith("ing") and nxt and nxt not in DETERMINERS and not nxt[0].isdigit():
        # "Planning meetings cut from 6 to 2 a month": a gerund before a noun names the subject,
        # when a verb of change follows; "Shipping the roadmap" leads with its verb
        lead, lead_class = _subject_verb(words[i:], lead, lead_class)
    verb_like = lemma_class(words[i])[1] in {"action", "target"} if words else False
    if verb_like and lead_class in {"action", "target", None} and nxt and is_noun(nxt) and nxt not in DETERMINERS:
        # "Support tickets cut from 500 to 300", "Build time halved", "Repeat purchases doubled": a
        # verb-like word before a noun names the subject when a participle of change follows it
        changed = next((_SHORT_MOVES.get(w) or lemma_class(w) for w in words[i + 2:i + 5]
                        if w.endswith("ed") or w in _SHORT_MOVES), (None, None))
        if changed[1] in {"up", "down"}:
            lead, lead_class = changed
    if lead is None:
        lead, lead_class = _subject_verb(words[i:], lead, lead_class)
    if lead is None:
        lead, lead_class = _participle(words[i:])
    if lead in _GAINS_WITH_PEOPLE and any(q.counts in lx.PEOPLE_NOUNS - _STAFF or q.unit == "money" for q in qs):
        lead_class = "target"  # "add 40 new schools", "upgrade 50 customers" gain; "add dark mode" builds
    if lead == "reach" and words[i + 1: i + 2] == ["out"]:
        lead_class = "action"  # "Reach out to 100 leads per week" is contacting them, not reaching a level
    if lead == "sign" and words[i + 1: i + 2] == ["off"]:
        lead_class = "action"  # "Sign off the brand guidelines" approves a deliverable; "sign 15 customers" wins
    if lead in {"hold", "ensure"}:  # "hold 5 workshops" is doing, "hold churn below 3%" is keeping
        steady = bool({"flat", "steady", "stable", "constant"} & set(words))  # "hold headcount flat at 120"
        # "hold at least 3 workshops" counts our doing, whatever limit it sets
        ours = any(q.counts in lx.ARTEFACT_NOUNS | lx.WORK_ITEM_NOUNS for q in qs)
        keeps = steady or (any(q.cmp or q.unit in {"%", "money"} for q in qs) and head not in lx.ARTEFACT_NOUNS
                           and not ours)
        lead_class = "maintain" if keeps else "action"
        ensured = lead == "ensure" and not steady
        short_of_all = [q.share_of for q in qs if q.share_of and q.value < 100] if ensured else []
        if any(share not in lx.PEOPLE_NOUNS for share in short_of_all):
            lead_class = "target"  # "Ensure 40% of our packaging is recyclable": a share of things to reach
        elif short_of_all:
            lead_class = "action"  # "Ensure 80% of new users finish setup": a share of people to reach, not kept
    baseline, target, span = endpoints(clean)
    relative = is_relative(clean, words, qs, lead, lead_class, i, baseline)
    aim = _aimed_at(clean, [q for q in qs if not q.window and not (baseline is not None and q.value == baseline)])
    if target is None and aim is not None and not relative:
        target = aim.value
    level_cmp = aim.cmp if aim is not None else next((q.cmp for q in qs if q.cmp), "")
    limits = [q for q in qs if q.window and q.unit == "time"]
    if target is None and limits and not relative and (
            (lead is None and _WITHIN.search(clean)) or (baseline is not None and limits[-1].value != baseline)):
        # "Search results load within 2 seconds": with no verb leading, the time limit is the level
        # reached, as in "load in under 2 seconds"; "Ship the app within 2 weeks" is a deadline. With
        # today's time beside it ("Close the books in 5 days instead of 12") it is the target.
        target, level_cmp = limits[-1].value, level_cmp or "<="
    vague = tuple(w for w in words if w in lx.VAGUE_WORDS)
    return Phrase(clean, tuple(words), lead, lead_class, head, tuple(qs), baseline, target,
                  relative, span, level_cmp, vague)
