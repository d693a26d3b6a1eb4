"""Read how an OKR sentence moves a number: its baseline and target, or a relative change.

"from X to Y", "X → Y", "(currently X)", "to Y from X" give endpoints; "by 30%", "double",
"40% QoQ", "Grow revenue 40%", "a 20% reduction in …" are moves measured from today, with no
absolute target. Kept apart from the phrase reader, which finds the verb and its object.
"""

from __future__ import annotations

import re

from okrkit.coach import lexicon as lx
from okrkit.coach.quantity import NUMBER_WORD, TIME_UNITS, Quantity, first_value, how_often, quantities, times_a_year

__all__ = ["endpoints", "is_relative", "numbers_start"]

# A comma ends a part unless it separates thousands ("from 800 to 1,200") or decimals ("1,5M€").
_PART = r"(?:[^,;()]|,(?=\d{3})|,(?=\d{1,2}(?!\d)))"
_FROM_TO = re.compile(r"\bfrom\s+(?P<a>" + _PART + r"*?)\s+(?:to|→|->|–|-)\s+(?P<b>" + _PART + r"+)", re.I)
# "10K → 25K", "$1.2M -> $2M": the target keeps its magnitude and unit.
# "45 days → 30 days", "5M USD → 8M USD", "20 per month → 5 per month": a unit word or a rate may follow.
_ARROW_PART = r"[$€£]?\d[\d,.]*\s*(?:(?:%|[a-z]+\b)\s*){0,2}(?:(?:/|per\s)\s*\w+)?"
# "to 45m from 4h", "to ±5% from ±15%": the target first, then today's value.
_TO_FROM = re.compile(r"\bto\s+(?P<b>[$€£±~]?\d[^,;()]*?)\s+from\s+(?P<a>[$€£±~]?\d[^,;()]*)", re.I)
_ARROW = re.compile(r"(?P<a>" + _ARROW_PART + r")\s*(?:→|->)\s*(?P<b>" + _ARROW_PART + r")", re.I)
_BASE_HINT = re.compile(r"\b(?:from|currently|baseline|today|vs\.?|up from|down from|was|instead of)"
                        r"\s*:?\s*[$€£±~≈]?\d", re.I)
# Today's value noted in brackets: "(38 today)", "(last year 4%)", "(Q2 actual: 38)", "(currently 38)".
# A bare period label is not enough ("(FY27: 60)" may be a plan), nor a value called a target or a peak.
_NOW = r"(?:today|now|currently|current|at present|actual|baseline|last\s+(?:year|quarter|month|cycle))"
_PERIOD_LABEL = r"(?:q[1-4]|h[12]|fy\s?\d{2,4}\b|" + "|".join(sorted(lx.MONTHS, key=len, reverse=True)) + r")"
_NOT_NOW = r"(?![^()]*\b(?:target|stretch|goal|peak|plan|forecast|budget)\b)"
_NOTED_BEFORE = re.compile(r"\(\s*(?:" + _PERIOD_LABEL + r"\s+)?" + _NOW + r"\.?\s*:?\s*" + _NOT_NOW
                           + r"(?P<v>[$€£¥₹]?\d(?!\d{3}\b)[^(),;]*)\)", re.I)
_NOTED_AFTER = re.compile(r"\(" + _NOT_NOW + r"(?P<v>[$€£¥₹]?\d[^(),;]*?)\s+" + _NOW + r"\s*\)", re.I)
# Nouns of a change: "a 20% reduction in emissions" is a move, whatever verb comes before it.
_CHANGE_NOUNS = frozenset({"reduction", "increase", "improvement", "growth", "decrease", "drop", "cut", "uplift",
                           "lift", "rise", "decline", "gain", "boost", "jump", "fall"})
# A number in digits or in words ("by two weeks", "by five points"); not "by one of the top firms".
_AMOUNT = r"(?:\d[\d,.]*|" + NUMBER_WORD + r"(?!\s+of\b))"
_RELATIVE = re.compile(r"\bby\s+[$€£]\s*\d|\bby\s+" + _AMOUNT + r"\s*(?:k|m|bn)?\s*(?:%|percent|pct|pp|x\b|points?|pts|"
                       r"percentage points|basis points)|\b\d+(?:\.\d+)?\s*x\b|"
                       r"\bby\s+(?:half|a (?:third|quarter|fifth|tenth)|"
                       r"(?:one|two|three|four)[\s-](?:thirds?|quarters?|fifths?))|"
                       r"\d\s*(?:%|percent|x|points?|pp)\s+(?:" + "|".join(sorted(_CHANGE_NOUNS)) + r")\b|"
                       # "Churn down 20%", "Conversion up 2pp", "ARPU +15%", "30% fewer tickets", "down a third",
                       # "in half", "tenfold", "by an order of magnitude"
                       r"\b(?:down|up)\s+(?:by\s+)?" + _AMOUNT + r"\s*(?:%|percent|pp|points?|pts)|"
                       r"(?:^|\s)[+−-]\s?[$€£]?\d[\d.,]*\s*(?:%|percent|pp|points?|pts)|"
                       r"\b\d[\d.,]*\s*(?:%|percent)\s+(?:fewer|less|lower|higher|shorter|faster|cheaper|smaller|"
                       r"bigger|greater)\b|"  # not "10% more blog posts": more of our output
                       r"\b(?:down|up)\s+(?:by\s+)?(?:half|a\s+(?:third|quarter|fifth|tenth))\b|"
                       # "Cut costs a third"; not "Open a third office"
                       r"\b(?:cut|reduce|lower|shrink|grow|increase|raise|boost|lift)\w*\s+(?:[a-z]+\s+){1,3}?"
                       r"a\s+(?:third|fifth|tenth)\b(?!\s+of\b)|\bin\s+half\b|"
                       r"\b(?:\d+|two|three|four|five|ten|hundred)[\s-]?fold\b|\border\s+of\s+magnitude\b",
                       re.I)
# "40% quarter over quarter", "30% YoY", "20% vs last year": a change measured against a period.
_PERIOD = re.compile(r"\b(?:year|quarter|month|week)[\s-]+(?:over|on)[\s-]+(?:year|quarter|month|week)\b|"
                     r"\b(?:yoy|qoq|mom|wow)\b|\b(?:vs\.?|versus|compared (?:with|to)|over|than|on)\s+"
                     r"(?:the\s+)?(?:last|previous|prior|same)\s+(?:year|quarter|month|cycle|period)", re.I)
_CHANGE_UNITS = {"%", "points", "x"}
# "by 10 days", "by 5,000": a change of an amount, unless the number after "by" is a date or a time.
_BY_AMOUNT = re.compile(r"\bby\s+(?:another\s+|an? (?:additional|extra)\s+)?(?P<num>" + _AMOUNT + r")(?P<after>\s*\S*)",
                        re.I)
_NOT_AMOUNT = re.compile(r"\s*(?:st|nd|rd|th|am|pm|a\.m|p\.m|/|:|" + "|".join(sorted(lx.MONTHS)) + r")", re.I)


def _by_amount(clean: str) -> bool:
    """ "by 10 days", "by 5,000": an amount after "by" that is not a year, a date or a time of day."""
    for m in _BY_AMOUNT.finditer(clean):
        year = len(m["num"]) == 4 and m["num"].isdigit() and 1900 <= int(m["num"]) <= 2100
        if not year and not _NOT_AMOUNT.match(m["after"]):
            return True
    return False


# Words before an amount that make it a level or a count, not a change: "to 40%", "at 5%".
_NOT_BY = {"to", "at", "of", "from", "than", "under", "over", "below", "above", "least", "most", "around", "about",
           "approximately", "reach", "hit", "is", "are", "be", "stays", "remains", "for", "within", "in"}


def _bare_change(words: list[str], lead_at: int) -> bool:
    """ "Grow revenue 40%", "Lift NPS 10 points": a verb of change, its object, then an amount with
    no "to", "at" or "of" before it reads as "by 40%", as OKR writers mean it."""
    for j in range(lead_at + 2, len(words)):
        w = words[j]
        glued = re.fullmatch(r"\d[\d.,]*(?:%|pp|pts|points?|percent)", w)  # "40%", "3pp", "10pts"
        unit = "%" if glued else words[j + 1] if j + 1 < len(words) else ""
        if (w[0].isdigit() or w in lx.NUMBER_WORDS) and (glued or unit in {"points", "pp", "pts", "percent"}):
            k = j - 2 if words[j - 1][0].isdigit() else j - 1  # a range: "Grow trials 20-25%"
            return k > lead_at and words[k] not in _NOT_BY and not words[k][0].isdigit()
    return False


def _from_to(clean: str) -> re.Match[str] | None:
    """The "from X to Y" whose X is a number: "time from offer to start date from 45 to 30 days"."""
    for start in re.finditer(r"\bfrom\b", clean, re.I):
        m = _FROM_TO.match(clean, start.start())
        if m and first_value(m["a"]) is not None:
            return m
    return None


# A number, in digits or words ("two weeks"), and a unit of time; or a part that is "a month", "half an
# hour" ("from a month to a week"), not a rate "$2m a month".
_TIME_UNIT = r"(?:" + "|".join(sorted(TIME_UNITS, key=len, reverse=True)) + r")\b"
_TIMED = re.compile(r"(?:\d|\b" + NUMBER_WORD + r")\s*" + _TIME_UNIT + r"|^\s*(?:half\s+)?an?\s+" + _TIME_UNIT, re.I)
_MINUTES = re.compile(r"(\d)\s*m\b", re.I)
_YEAR = re.compile(r"(?:19|20)\d{2}\b(?![.,]\d|\s*%)")
_DUE = re.compile(r"\b(?:in|within|over|by|during|for)\s+(?:the\s+)?(?:next\s+|first\s+)?\S+\s+"
                  r"(?:days?|weeks?|months?|years?|quarters?)\b.*$", re.I)  # "… in 6 months": when, not what
_H_MIN = re.compile(r"\b(\d+)\s*h\s*(\d{1,2})\s*(?:m|min)?\b|\b(\d+):(\d{2})\s*h\b", re.I)
_MIN_S = re.compile(r"\b(\d+)\s*m(?:in)?\s*(\d{1,2})\s*s\b", re.I)


def _in_one_unit(part: str) -> str:
    """ "1h20", "1h 20min", "2:30h" in minutes; "6m30s" in seconds."""
    part = _H_MIN.sub(lambda m: f"{int(m[1] or m[3]) * 60 + int(m[2] or m[4])} min", part)
    return _MIN_S.sub(lambda m: f"{int(m[1]) * 60 + int(m[2])} s", part)


_PER = re.compile(r"\b(?:per|a|an|each)\s+([a-z]+)", re.I)


def _per(part: str) -> tuple[str, ...]:
    """What a rate is per: "1 change per developer per day" → ("developer", "day")."""
    return tuple(w.lower() for w in _PER.findall(re.sub(r"^\s*(?:half\s+)?an?\s", "", part, flags=re.I)))  # "a week"


def numbers_start(clean: str) -> int | None:
    """Where the sentence's "from X to Y", "X → Y" or "to Y from X" starts, or None."""
    ft = _from_to(clean) or _ARROW.search(clean) or _TO_FROM.search(clean)
    return ft.start() if ft else None


def endpoints(clean: str) -> tuple[float | None, float | None, tuple[float, float] | None]:
    """Baseline and target as written, and both in one unit when they are times ("4h to 30 min")."""
    baseline = target = None
    span = None
    ft = _from_to(clean) or _ARROW.search(clean) or _TO_FROM.search(clean)
    if ft:
        part_a, part_b = ft["a"], ft["b"]
        # "from 2h to 45m": beside a time, "m" is minutes, not millions ("from 800k to 1.2m in 6 months"
        # is due in six months: millions); "1h20", "2:30h" and "6m30s" are one time each
        measure_a, measure_b = (_DUE.sub("", part) for part in (part_a, part_b))
        part_a = _in_one_unit(_MINUTES.sub(r"\1min", part_a) if _TIMED.search(measure_b) else part_a)
        part_b = _in_one_unit(_MINUTES.sub(r"\1min", part_b) if _TIMED.search(measure_a) else part_b)
        baseline, target = first_value(part_a), first_value(part_b)
        timed = all(_TIMED.search(part) for part in (part_a, part_b))
        a, b = first_value(part_a, si=timed), first_value(part_b, si=timed)
        span = (a, b) if a is not None and b is not None else None
        yearly = times_a_year(ft["a"]), times_a_year(ft["b"])
        if yearly[0] is not None and yearly[1] is not None:
            return yearly[0], yearly[1], None  # "from weekly to twice a day", "from once a week to twice a day"
        per_a, per_b = _per(ft["a"]), _per(ft["b"])
        if per_a and per_b and per_a != per_b:
            # "from 1 deploy per day to 1 deploy per developer per day": two units, no baseline of that target
            return None, target, None
    if baseline is None:
        hint = _BASE_HINT.search(clean)
        noted = _NOTED_BEFORE.search(clean) or _NOTED_AFTER.search(clean)
        if hint and not _YEAR.match(clean, hint.end() - 1):  # not "(baseline 2025)": a year
            baseline = first_value(clean[hint.end() - 1:])
        elif noted:
            baseline = _noted_value(clean, noted)
    return baseline, target, span


def _noted_value(clean: str, noted: re.Match[str]) -> float | None:
    """Today's value written in brackets, in the unit of the time before it: "Cut MTTR to 45 minutes
    (current: 4 hours)" starts at 240 minutes, not at 4."""
    value = first_value(noted["v"])
    times = [q for q in quantities(clean[:noted.start()]) if q.unit == "time"]
    if value is None or not times or not _TIMED.search(noted["v"]):
        return value
    chunk = clean[times[-1].at:noted.start()]
    written, seconds, noted_seconds = first_value(chunk), first_value(chunk, si=True), first_value(noted["v"], si=True)
    return noted_seconds * written / seconds if written and seconds and noted_seconds is not None else None


def _doubles(words: list[str]) -> bool:
    """ "twice as many", "grow twice": a doubling; "twice a week", "twice per sprint" is how often."""
    return any(w == "twice" and how_often(words, i) is None for i, w in enumerate(words))


def is_relative(clean: str, words: list[str], qs: list[Quantity], lead: str | None, lead_class: str | None,
                lead_at: int, baseline: float | None) -> bool:
    """A move measured from today ("by 30%", "double", "40% QoQ"), with no absolute target."""
    return (
        bool(_RELATIVE.search(clean)) or _by_amount(clean) or lead in lx.RELATIVE_WORDS or _doubles(words)
        or (any(q.unit in _CHANGE_UNITS for q in qs) and bool(_PERIOD.search(clean)))
        or (lead_class in {"up", "down"} and baseline is None and _bare_change(words, lead_at))
    )
