"""Read the structure of one OKR sentence: lead verb, object, numbers, baseline, target.

A small hand-written reader rather than an NLP model: OKR sentences are short, mostly
imperative ("Grow ARR from $1.2M to $2M") or a metric level ("NPS ≥ 40"), and a review must
take milliseconds while the client types. `read("...")` is cached, so re-reviewing an
unchanged sentence costs a dictionary look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from okrkit.coach import lexicon as lx

__all__ = ["Phrase", "Quantity", "read"]

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_QTY = re.compile(
    r"(?<![\w.#/])(?P<cmp>>=|<=|≥|≤|>|<|~)?\s*(?P<cur>[$€£¥])?\s*(?P<num>" + _NUM + r")"
    r"(?![\d/])\s*(?P<mag>(?:k|m|mm|bn|b|million|billion|thousand)(?![\w/]))?\s*"
    r"(?P<unit>%|percent\b|pct\b|pp\b|x\b|points?\b|pts\b|ms\b|seconds?\b|secs?\b|s\b|minutes?\b|"
    r"mins?\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|months?\b|stars?\b|★)?",
    re.I,
)
_TIME_UNITS = {"ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
               "h", "hr", "hrs", "hour", "hours", "day", "days", "week", "weeks", "month", "months"}
_WORD = re.compile(r"[a-z][a-z0-9'’-]*|\d[\d,.]*[a-z%]*")
_LABEL = re.compile(r"^\s*(?:[-*•·]\s*|\(?[a-z]{0,3}\s?\d+(?:\.\d+)*[.):]\s*|kr\s*\d*\s*[-:.]\s*)", re.I)
_LEAD_SKIP = {"we", "will", "to", "successfully", "fully", "further", "significantly", "continuously",
              "dramatically", "substantially", "and", "the", "i", "team", "should", "must", "we'll",
              "let's", "lets", "help", "try", "aim", "want"}
_NP_STOP = {"from", "to", "by", "in", "at", "on", "for", "with", "per", "within", "above", "below",
            "under", "over", "than", "across", "among", "about", "and", "so", "that", "while",
            "without", "into", "through", "via", "before", "after", "during", "until", "is", "are",
            "be", "stays", "up", "down", "versus", "vs", "of", "using", "who",
            "which", "where", "when", "as", "or"}
# Words before a number that make it part of a name ("ISO 27001", "version 3.0"), not a quantity.
_NAME_PREFIX = {"iso", "iec", "soc", "pci", "dss", "rfc", "version", "release", "v", "ios", "android",
                "windows", "python", "postgresql", "postgres", "java", "node", "http", "tls", "ssl", "level",
                "phase", "stage", "tier", "wave", "step", "gen", "generation", "series", "model", "iphone",
                "covid", "web", "industry", "sprint", "q", "h", "fy", "pi", "wcag", "tier-"}
_SECONDS = {"ms": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "min": 60, "mins": 60,
            "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
            "day": 86400, "days": 86400, "week": 604800, "weeks": 604800, "month": 2592000, "months": 2592000}
_PARTICIPLES = {"held", "run", "sent", "made", "written", "taught", "given", "met", "kept", "won", "done", "built"}
_COUNT_HEADS = {"number", "amount", "count", "share", "percentage", "proportion", "%", "volume"}
_CMP_WORDS = {"at least": ">=", "at most": "<=", "under": "<", "below": "<", "less than": "<",
              "fewer than": "<", "more than": ">", "over": ">", "above": ">", "no more than": "<=",
              "no less than": ">=", "minimum of": ">=", "maximum of": "<="}
_FROM_TO = re.compile(r"\bfrom\s+(?P<a>[^,;()]*?)\s+(?:to|→|->|–|-)\s+(?P<b>[^,;()]+)", re.I)
_ARROW = re.compile(r"(?P<a>[$€£]?\d[\d,.]*\s*\S{0,3})\s*(?:→|->)\s*(?P<b>[$€£]?\d[\d,.]*)")
_BASE_HINT = re.compile(r"\b(?:from|currently|baseline|today|vs\.?|up from|down from|was)\s*:?\s*[$€£]?\d", re.I)
_RELATIVE = re.compile(r"\bby\s+[$€£]\s*\d|\bby\s+\d[\d,.]*\s*(?:k|m|bn)?\s*(?:%|percent|pct|pp|x\b|points?|pts|"
                       r"percentage points|basis points)|\b\d+(?:\.\d+)?\s*x\b|\bby\s+(?:half|a third|a quarter)",
                       re.I)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "%", "money", "time", "x", "points", "stars" or "" for a plain count
    cmp: str = ""
    counts: str = ""  # head noun the number counts ("5 workshops" → "workshops")
    share_of: str = ""  # "50% of users" → "users"
    window: bool = False  # "within 24 hours": a time limit on something else, not the measure


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

    @property
    def measures(self) -> tuple[Quantity, ...]:
        """Quantities that measure something (not a time window or a date)."""
        return tuple(q for q in self.quantities if not q.window)

    @property
    def has_from(self) -> bool:
        return self.baseline is not None


def _value(num: str, mag: str | None) -> float:
    value = float(num.replace(",", ""))
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
    return value * scale.get((mag or "").lower(), 1.0)


def _unit(match: re.Match[str]) -> str:
    unit, cur = (match["unit"] or "").lower(), match["cur"]
    if cur:
        return "money"
    if unit in {"%", "percent", "pct", "pp"}:
        return "%"
    if unit in _TIME_UNITS:
        return "time"
    if unit in {"point", "points", "pts"}:
        return "points"
    return {"x": "x", "star": "stars", "stars": "stars", "★": "stars"}.get(unit, "")


def _noun_phrase_head(words: list[str]) -> str:
    """Head of the noun phrase at the start of `words`: its last word before a stop word."""
    np: list[str] = []
    for i, w in enumerate(words):
        if not w:
            continue
        if w in _NP_STOP or _QTY.fullmatch(w) or w[0].isdigit():
            if w == "of" and np and np[-1] in _COUNT_HEADS:
                return _noun_phrase_head(words[i + 1:])
            break
        if np and w in {"every", "each", "weekly", "monthly", "daily", "quarterly", "yearly"}:
            break  # "interviews every week": frequency closes the phrase
        if _is_noun(w):
            np.append(w)
        elif np and _is_noun(np[-1]) and (_lemma_class(w)[1] or (words[i + 1: i + 2] and words[i + 1] in _DETERMINERS)):
            break  # "customers complete onboarding", "customers love the app": a verb ends the subject
        elif np and w in _PARTICIPLES:
            break
        elif np and _is_noun(np[-1]) and (w.endswith(("ed", "ing")) or w in lx.COMPLETION_WORDS):
            break  # "time spent in meetings": the participle ends the phrase
        else:
            np.append(w)
    heads = [w for w in np if w not in {"a", "an", "the", "our", "new", "all", "every", "each", "its"}]
    return heads[-1] if heads else ""


def _is_noun(w: str) -> bool:
    return w in lx.METRIC_NOUNS or w in lx.PEOPLE_NOUNS or w in lx.ARTEFACT_NOUNS or w in lx.WORK_ITEM_NOUNS


def _lemma_class(word: str) -> tuple[str | None, str | None]:
    for cand in (word, word[:-1], word[:-2], word[:-3], word[:-1] + "e" if word.endswith("ed") else "",
                 word[:-3] + "e" if word.endswith("ing") else "", word[:-2] + "e" if word.endswith("es") else ""):
        if not cand:
            continue
        for name, verbs in (("up", lx.UP_VERBS), ("down", lx.DOWN_VERBS), ("maintain", lx.MAINTAIN_VERBS),
                            ("target", lx.TARGET_VERBS), ("action", lx.ACTION_VERBS)):
            if cand in verbs:
                return cand, name
    return None, None


def _quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _QTY.finditer(text):
        before, after = text[: m.start()].split()[-2:], text[m.end():].split()
        value, unit = _value(m["num"], m["mag"]), _unit(m)
        prev = before[-1].lower().strip("(") if before else ""
        if prev.strip(".,:") in _NAME_PREFIX and not m["cur"] and (m["unit"] or "") not in {"%"}:
            continue  # "ISO 27001", "version 3.0"
        if not unit and not m["mag"] and (
            (1900 <= value <= 2100 and m["num"].isdigit())  # a year, not "2,000"
            or prev.strip(".,") in lx.MONTHS
            or (after and after[0].lower().strip(".,") in lx.MONTHS)
            or re.match(r"(?:st|nd|rd|th)\b|\s*[ap]\.?m\b", text[m.end("num"):], re.I)  # 1st, 3 a.m.
        ):
            continue
        window = unit == "time" and prev in {"within", "in", "first", "every", "per", "each", "after", "for"}
        rest = [w.lower().strip(".,;:") for w in after]
        share = _noun_phrase_head(rest[1:]) if unit == "%" and rest[:1] == ["of"] else ""
        counts = "" if unit in {"%", "money"} else _noun_phrase_head(rest)
        cmp = m["cmp"] or _word_cmp(text[: m.start()])
        found.append(Quantity(value, unit, {"≥": ">=", "≤": "<="}.get(cmp, cmp), counts, share, window))
    all_words = _WORD.findall(text.lower())
    for i, w in enumerate(all_words):
        if w in lx.NUMBER_WORDS and not (w == "one" and i == 0):
            rest = all_words[i + 1:]
            found.append(Quantity(float(lx.NUMBER_WORDS[w]), "%" if w == "half" else "", "", _noun_phrase_head(rest)))
    return found


def _word_cmp(before: str) -> str:
    tail = before.lower().rstrip()[-14:]
    for words, cmp in _CMP_WORDS.items():
        if tail.endswith(words):
            return cmp
    return ""


def _first_value(chunk: str, si: bool = False) -> float | None:
    m = _QTY.search(chunk)
    if m:
        scale = _SECONDS.get((m["unit"] or "").lower(), 1.0) if si else 1.0
        return _value(m["num"], m["mag"]) * scale
    words = _WORD.findall(chunk.lower())
    return float(lx.NUMBER_WORDS[words[0]]) if words and words[0] in lx.NUMBER_WORDS else None


_DETERMINERS = {"a", "an", "the", "our", "all", "every", "each", "their", "my", "your", "its", "two", "three",
                "four", "five", "ten", "several", "some", "more", "new"}


def _imperative(words: list[str]) -> bool:
    """VERB + determiner or number ("Sponsor 2 events", "Renegotiate the contracts"): a verb the
    lexicon does not list still reads as one when it leads an object like this."""
    if len(words) < 2 or _is_noun(words[0]) or words[0][0].isdigit() or words[0] in lx.VAGUE_WORDS | _DETERMINERS:
        return False
    if words[0].endswith(("ly", "ness", "tion", "ity", "ment", "ance", "ence", "al", "ic", "ous", "ful", "ive")):
        return False  # adverbs, nouns and adjectives by their endings
    return words[1] in _DETERMINERS or words[1][0].isdigit()


@lru_cache(maxsize=4096)
def read(text: str) -> Phrase:
    """The parts of one KR or objective sentence."""
    clean = _LABEL.sub("", text.replace("≥", ">=").replace("≤", "<=").replace("’", "'")).strip()
    words = [w.strip(".,;:!?\"'") for w in _WORD.findall(clean.lower())]
    words = [w for i, w in enumerate(words) if w and not (w[0].isdigit() and i and words[i - 1] in _NAME_PREFIX)]
    i = 0
    while i < len(words) - 1 and words[i] in _LEAD_SKIP:
        i += 1
    lead, lead_class = _lemma_class(words[i]) if words else (None, None)
    if lead_class is None and _imperative(words[i:]):
        lead, lead_class = words[i], "unknown"
    if lead_class is None and len(words) > i + 1 and words[i] in {"set", "kick", "roll"}:
        lead, lead_class = words[i], "action"
    quantities = _quantities(clean)
    obj = words[i + 1:] if lead else words[i:]
    head = _noun_phrase_head(obj)
    if lead in {"make", "help", "get", "have"} and head not in lx.ARTEFACT_NOUNS and not quantities:
        lead, lead_class = None, None  # "make customers happier": a state to reach, not a thing to do
    if lead in {"hold", "ensure"}:  # "hold 5 workshops" is doing, "hold churn below 3%" is keeping
        keeps = any(q.cmp or q.unit in {"%", "money"} for q in quantities) and head not in lx.ARTEFACT_NOUNS
        lead_class = "maintain" if keeps else "action"
    baseline = target = None
    ft = _FROM_TO.search(clean) or _ARROW.search(clean)
    span = None
    if ft:
        baseline, target = _first_value(ft["a"]), _first_value(ft["b"])
        timed = all(re.search(r"\d\s*(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?)\b",
                              part, re.I) for part in (ft["a"], ft["b"]))
        a, b = _first_value(ft["a"], si=timed), _first_value(ft["b"], si=timed)
        span = (a, b) if a is not None and b is not None else None
    if baseline is None:
        hint = _BASE_HINT.search(clean)
        if hint:
            baseline = _first_value(clean[hint.end() - 1:])
    relative = bool(_RELATIVE.search(clean)) or (lead in lx.RELATIVE_WORDS) or "twice" in words
    if target is None:
        targets = [q for q in quantities if not q.window and not (baseline is not None and q.value == baseline)]
        if targets:
            target = targets[-1].value if not relative else None
    level_cmp = next((q.cmp for q in quantities if q.cmp), "")
    vague = tuple(w for w in words if w in lx.VAGUE_WORDS)
    return Phrase(clean, tuple(words), lead, lead_class, head, tuple(quantities), baseline, target,
                  relative, span, level_cmp, vague)
