"""Read the numbers of an OKR sentence: value, unit, comparator, and what each one counts.

"$1.2M" is money, "3%" a share, "4h" a time, "5 workshops" a count of workshops; years,
dates, versions ("v2"), standards ("ISO 27001") and times of day are names, not quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from okrkit.coach import lexicon as lx
from okrkit.coach.nounphrase import noun_phrase_head

__all__ = ["CURRENCY_WORDS", "NAME_PREFIX", "NUMBER_WORD", "QTY", "TIME_UNITS", "Quantity", "first_value", "how_often",
           "is_money_at", "number_word", "quantities", "times_a_year"]

# Money written with a code or a word: "5M USD", "EUR 2.500.000", "2 million dollars" ("pounds" weighs too).
_CURRENCY_CODES = ("usd", "eur", "gbp", "chf", "inr")
CURRENCY_WORDS = (*_CURRENCY_CODES, "dollars", "dollar", "euros", "euro")
_CODE = "|".join(CURRENCY_WORDS)
# A number written in words ("two weeks", "by five points"), longest words first, as a pattern.
NUMBER_WORD = r"(?:" + "|".join(sorted(lx.NUMBER_WORDS, key=len, reverse=True)) + r")\b"
# "1,200" groups thousands; "99,9%" and "3,5 days" are decimal commas, as much of Europe writes them;
# "2.500.000" groups thousands with dots (one dot stays a decimal, but in money: see _value); ".5%"
# leaves out the zero, as people write small changes.
_NUM = r"(?:\d{1,3}(?:\.\d{3}){2,}(?![\d.])|(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:,\d{1,2}(?!\d))?)(?:\.\d+)?|\.\d+)"
# "24/7" and "3/15" are not quantities, but "12/quarter" and "$40/month" are rates, and "4.5/5"
# is a score out of 5; "5 working days" is a time like "5 days"; "4G" and "5G" name networks.
QTY = re.compile(
    r"(?<![\w.#/])(?:(?P<cmp>>=|<=|≥|≤|>|<|~)\s*)?"
    r"(?:(?P<cur>[$€£¥₹]|\b(?:" + "|".join(_CURRENCY_CODES) + r")\b)\s*)?(?P<num>" + _NUM + r")"
    r"(?!\d|/(?!(?:5|10|100)\b)\d|(?-i:G)\b)(?:/(?:5|10|100)\b)?\s*(?P<mag>(?:k|m|mm|mn|mln|mio|bn|b|million|billion|thousand|lakhs?|crores?)(?!\w|/\d)\.?)?\s*"
    r"(?P<code>(?:" + _CODE + r")\b)?\s*"
    r"(?:(?:working|business|calendar|school|man)[\s-]+(?=days?\b|weeks?\b|hours?\b))?-?"
    r"(?P<unit>%|percent\b|pct\b|pp\b|x\b|points?\b|pts\b|ms\b|msecs?\b|seconds?\b|secs?\b|s\b|minutes?\b|"
    r"mins?\b|hours?\b|hrs?\b|h\b|days?\b|(?-i:d)\b|weeks?\b|wks?\b|months?\b|stars?\b|★)?",
    re.I,
)
# Words before a number that make it part of a name ("ISO 27001", "version 3.0"), not a quantity.
NAME_PREFIX = {"iso", "iec", "soc", "pci", "dss", "rfc", "version", "release", "v", "ios", "android",
               "windows", "python", "postgresql", "postgres", "java", "node", "http", "tls", "ssl", "level",
               "phase", "stage", "tier", "wave", "step", "gen", "generation", "series", "model", "iphone",
               "covid", "web", "industry", "sprint", "q", "h", "fy", "pi", "wcag", "tier-",
               # "by week 12", "Day 7 retention", "in Region 3", "Year 11 maths": a place in a sequence
               "week", "wk", "day", "month", "region", "zone", "category", "year", "grade", "district", "ward"}
_SECONDS = {"ms": 0.001, "msec": 0.001, "msecs": 0.001, "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
            "min": 60, "mins": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600,
            "hours": 3600, "d": 86400, "day": 86400, "days": 86400, "wk": 604800, "wks": 604800, "week": 604800,
            "weeks": 604800, "month": 2592000, "months": 2592000}
TIME_UNITS = frozenset(_SECONDS)  # every unit of time the reader knows
_PER_YEAR = {"hourly": 8760, "daily": 365, "weekly": 52, "fortnightly": 26, "biweekly": 26, "monthly": 12,
             "quarterly": 4, "yearly": 1, "annually": 1, "annual": 1}
_CMP_WORDS = {"at least": ">=", "at most": "<=", "under": "<", "below": "<", "less than": "<",
              "fewer than": "<", "more than": ">", "over": ">", "above": ">", "no more than": "<=",
              "no less than": ">=", "minimum of": ">=", "maximum of": "<=", "maximum": "<=", "minimum": ">=",
              # a negated floor is a ceiling: "Not more than 2 outages a month", "Refund rate not above 2%"
              "not more than": "<=", "never more than": "<=", "not above": "<=", "not over": "<=",
              "no higher than": "<=", "no longer than": "<=", "no later than": "<=", "max": "<=", "max.": "<=",
              "not less than": ">=", "never less than": ">=", "not below": ">=",
              "no lower than": ">=", "no fewer than": ">="}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "%", "money", "time", "x", "points", "stars" or "" for a plain count
    cmp: str = ""
    counts: str = ""  # head noun the number counts ("5 workshops" → "workshops")
    share_of: str = ""  # "50% of users" → "users"
    window: bool = False  # "within 24 hours": a time limit on something else, not the measure
    at: int = field(default=0, compare=False)  # where it starts in the sentence


def _value(num: str, mag: str | None, money: bool = False) -> float:
    decimal_comma = re.fullmatch(r"\d+,\d{1,2}", num)
    if num.count(".") > 1 or (money and not mag and re.fullmatch(r"\d{1,3}\.\d{3}", num)):
        num = num.replace(".", "")  # "2.500.000", "EUR 1.200": no sum of money has three decimals
    value = float(num.replace(",", ".") if decimal_comma else num.replace(",", ""))
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6,
             "b": 1e9, "bn": 1e9, "billion": 1e9, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
    return value * scale.get((mag or "").lower().rstrip("."), 1.0)


def is_money_at(text: str) -> bool:
    """Whether `text` starts with a sum of money, however written ("$2M", "100k USD", "EUR 2.500.000")."""
    m = QTY.match(text)
    return m is not None and _unit(m) == "money"


def _unit(match: re.Match[str]) -> str:
    unit, cur = (match["unit"] or "").lower(), match["cur"] or match["code"]
    if cur:
        return "money"
    if unit in {"%", "percent", "pct", "pp"}:
        return "%"
    if unit in TIME_UNITS:
        return "time"
    if unit in {"point", "points", "pts"}:
        return "points"
    return {"x": "x", "star": "stars", "stars": "stars", "★": "stars"}.get(unit, "")


_BEFORE_A_YEAR = {"the", "our", "this", "in", "by", "until", "till", "before", "after", "since", "of", "from",
                  "through", "during", "end", "fy", "q1", "q2", "q3", "q4", "h1", "h2"}
_BEFORE_A_LEVEL = {"to", "at", "than", "over", "under", "above", "below", "reach", "hit", "exceed", "least"}
_NO_LIMIT = {"more", "less", "fewer", "longer", "later", "worse", "lower", "higher", "one"}


_DATE = re.compile(r"\b(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b")


_TIMES_A = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
_A_YEAR = {"day": 365, "week": 52, "fortnight": 26, "month": 12, "quarter": 4, "year": 1}
_PERIODS = {*_A_YEAR, "sprint", "cycle"}


def _period_after(words: list[str], at: int) -> str | None:
    """The period of "a week", "per sprint", "every day" at `at`; None for "a year ago" (a time back)
    or "a quarter's quota" (a possessive), which are no periods of a frequency."""
    if words[at: at + 1] not in (["a"], ["an"], ["per"], ["each"], ["every"]):
        return None
    period = words[at + 1] if at + 1 < len(words) else ""
    return period if period in _PERIODS and words[at + 2: at + 3] != ["ago"] else None


def how_often(words: list[str], i: int) -> float | None:
    """ "twice a week", "once per sprint": how many times a period, or None ("twice as many", "twice a
    year ago" and "twice a quarter's quota" are doublings)."""
    return _TIMES_A[words[i]] if words[i] in _TIMES_A and _period_after(words, i + 1) else None


def times_a_year(chunk: str) -> float | None:
    """A frequency at the start of `chunk` in times a year ("weekly", "twice a day", "3 times per
    month"), so that "from weekly to twice a day" compares 52 with 730; None when it is no frequency."""
    words = re.findall(r"[a-z]+|\d+(?:\.\d+)?", chunk.lower())
    if not words:
        return None
    if words[0] in _PER_YEAR:
        return float(_PER_YEAR[words[0]])
    counted = words[1:2] in (["times"], ["time"])  # "3 times a week" as "thrice a week"
    n = (float(words[0]) if words[0][0].isdigit() else number_word(words[0])) if counted else _TIMES_A.get(words[0])
    period = _period_after(words, 2 if counted else 1)
    return n * _A_YEAR[period] if n is not None and period in _A_YEAR else None


def quantities(text: str) -> list[Quantity]:
    """Every quantity in the sentence, in order, with what it counts or is a share of."""
    found: list[tuple[int, Quantity]] = []  # with where each starts: the quantities are returned in text order
    dates = [d.span() for d in _DATE.finditer(text)]
    for r in (*_ONE_IN.finditer(text), *_RATIO.finditer(text)):
        if text[: r.start("a")].split()[-1:] and text[: r.start("a")].split()[-1].lower() in NAME_PREFIX:
            continue  # "ISO 9001:2015" is a name
        unit = "%" if ":" not in r.group() else "x"
        found.append((r.start("a"), Quantity(_share_or_ratio(r), unit, _word_cmp(text[: r.start("a")]))))
        dates.append((r.start("a"), r.end()))  # its numbers are read as one
    for m in QTY.finditer(text):
        if any(a <= m.start() < b for a, b in dates):
            continue  # "by 2026-03-31", as sheets export dates
        hyphened = bool(re.match(r"-?[a-z]", text[m.end():m.end() + 2], re.I)) and "-" in text[m.end() - 1:m.end() + 1]
        close_before = text[max(0, m.start() - 5):m.start()]  # a fixed window: no scan of the whole prefix
        glued = re.search(r"[a-z]-$", close_before, re.I) and not re.search(r"(?:^|\W)top-$", close_before, re.I)
        if (hyphened and not m["unit"] and not m["cur"]) or glued:
            continue  # "our 3-year strategy", "a 360-degree view", "K-12 teachers": part of a word
        before, after = text[: m.start()].split()[-2:], text[m.end():].split()
        unit = _unit(m)
        value = _value(m["num"], m["mag"], money=unit == "money")
        if re.search(r"(?:^|\s)[-−]$", text[max(0, m.start() - 2):m.start()]):
            value = -value  # "Reduce the deficit to -£200k"; not the end of a range "20-25%"
        prev = before[-1].lower().strip("(") if before else ""
        if prev.strip(".,:") in NAME_PREFIX and not m["cur"] and (m["unit"] or "") not in {"%"}:
            continue  # "ISO 27001", "version 3.0"
        rest = [w.lower().strip(".,;:") for w in after]
        rest = rest[:next((i for i, w in enumerate(rest) if w.startswith("(")), len(rest))]  # "MAU 500 (current: 0)"
        if not unit and not m["mag"] and (
            # a year ("by 2026", "Finalize 2026 budget"), not "2,000", "reach 2000 paying customers" (a
            # plural counted) nor "orders to 2000" (a level)
            (1900 <= value <= 2100 and m["num"].isdigit() and (prev.strip(".,") in _BEFORE_A_YEAR or not (
                noun_phrase_head(rest).endswith("s") or prev.strip(".,") in _BEFORE_A_LEVEL)))
            or prev.strip(".,") in lx.MONTHS
            or (after and after[0].lower().strip(".,") in lx.MONTHS)
            or re.match(r"(?:st|nd|rd|th)\b|\s*[ap]\.?m\b", text[m.end("num"):], re.I)  # 1st, 3 a.m.
        ):
            continue
        window = unit == "time" and prev in {"within", "in", "first", "every", "per", "each", "after", "for"}
        share = noun_phrase_head(rest[1:]) if unit == "%" and rest[:1] == ["of"] else ""
        counts = "" if unit in {"%", "money"} else noun_phrase_head(rest).split("/")[0]  # "posts/week" counts posts
        cmp = m["cmp"] or _word_cmp(text[: m.start()]) or (_trailing_cmp(text[m.end():]) if unit else "")
        found.append((m.start(), Quantity(value, unit, {"≥": ">=", "≤": "<="}.get(cmp, cmp), counts, share, window)))
    tokens = list(re.finditer(r"[a-z][a-z0-9'’-]*|\d[\d,.]*[a-z%]*", text.lower()))
    all_words = [tok.group() for tok in tokens]
    for i, w in enumerate(all_words):
        word_before = all_words[i - 1] if i else ""
        spaced = w.rstrip("s") in {"quarter", "third", "fifth"} and word_before in {"a", "one", "two", "three", "four"}
        fraction = _FRACTION.fullmatch(w) or spaced
        if fraction and all_words[i + 1: i + 2] == ["of"]:
            # "one-quarter of our packaging", "two-thirds of tickets", "a third of customers": a share, as "25% of" is
            part = 25.0 if "quarter" in w else 100 / 3 if "third" in w else 20.0
            times = w if _FRACTION.fullmatch(w) else word_before
            part *= 2 if times.startswith("two") else 3 if times.startswith("three") else 4 if times == "four" else 1
            found.append((tokens[i].start(), Quantity(part, "%", "", "", noun_phrase_head(all_words[i + 2:]))))
            continue
        if (per_period := how_often(all_words, i)) is not None:  # "Increase deploys to twice a day": a count of times
            found.append((tokens[i].start(), Quantity(per_period, "", _word_cmp(" ".join(all_words[:i])))))
            continue
        number = number_word(w) if not (i and all_words[i - 1] in NAME_PREFIX) else None  # "version two": a name
        if all_words[i + 1: i + 2] and all_words[i + 1].rstrip("s") in {"quarter", "third", "fifth"} and \
                all_words[i + 2: i + 3] == ["of"]:
            continue  # "two thirds of customers": the share is read at "thirds"
        if number is not None and i and all_words[i - 1][0].isdigit() and w in {"thousand", "million", "hundred"}:
            continue  # "2 million dollars": the magnitude of the number before it
        if w == "dozen" and all_words[i - 2: i] == ["half", "a"]:
            continue  # counted with "half" below
        if w == "half" and all_words[i + 1: i + 3] == ["a", "dozen"]:
            number, w = 6.0, "six"  # "half a dozen" is six things, not half of something (read as "six")
        if i == 0 and w == "no" and all_words[1:2] and all_words[1] not in _NO_LIMIT:
            number = 0.0  # "No P1 incidents this quarter": a count of zero
        if number is None:
            continue
        rest = all_words[i + 1:]
        plural_next = bool(rest) and rest[0].endswith("s") and not rest[0].endswith(("ss", "us"))
        # "one customers can count on", "One of the top vendors" use it as a pronoun; "One new visitor" counts
        if not (w == "one" and (plural_next or (i == 0 and rest[:1] in ([], ["of"], ["that"], ["which"])))):
            # "within one business day": a time limit, as "within 24 hours" is
            window = i > 0 and all_words[i - 1] in {"within", "in", "every", "per", "each", "after"} and bool(
                set(rest[:2]) & TIME_UNITS)
            cmp = _word_cmp(" ".join(all_words[:i])) if i else ""  # "for more than one business day"
            # "ten hours", "five percent", "two points": the unit after a number word, as after digits
            unit = "%" if w == "half" or rest[:1] in (["percent"], ["pct"]) else (
                "time" if rest[:1] and rest[0] in TIME_UNITS else "points" if rest[:1] in (["points"], ["point"])
                else "")
            found.append((tokens[i].start(), Quantity(number, unit, cmp, "" if unit else noun_phrase_head(rest),
                                                      window=window)))
    return [replace(q, at=start) for start, q in sorted(found, key=lambda pair: pair[0])]


# "10 minutes or less", "4 stars or better": a limit written after a measure ("5 workshops or more"
# stays a count of our doing).
_TRAIL_CMP = re.compile(r"^\s*(?:\w+\s+){0,2}?or (?P<w>less|fewer|lower|under|below|shorter|more|better|higher|above|"
                        r"greater|over)\b", re.I)


def _trailing_cmp(after: str) -> str:
    m = _TRAIL_CMP.match(after)
    if not m:
        return ""
    return "<=" if m["w"].lower() in {"less", "fewer", "lower", "under", "below", "shorter"} else ">="


_CMP_LONGEST_FIRST = sorted(_CMP_WORDS.items(), key=lambda item: -len(item[0]))  # "no more than" before "more than"
_FRACTION = re.compile(r"(?:one|two|three)-(?:quarters?|thirds?|fifths?)")


def _word_cmp(before: str) -> str:
    tail = before.lower().rstrip()[-16:]
    for words, cmp in _CMP_LONGEST_FIRST:
        if tail.endswith(words) and (len(tail) == len(words) or not tail[-len(words) - 1].isalpha()):
            # "No customer waits more than 10 minutes": no one above the limit is a ceiling
            return "<=" if cmp == ">" and _NO_ONE.match(before) else cmp
    return ""


_NO_ONE = re.compile(r"^\W*(?:no|not\s+one|not\s+a\s+single)\s+\w+", re.I)


# "1 in 5", "one in four", "9 out of 10": a share; "3:1", "1:20": a ratio (not "10:30 am", "2:30h").
_COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)"
_ONE_IN = re.compile(r"\s*\b(?P<a>" + _COUNT + r")\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>" + _COUNT + r")\b", re.I)
_RATIO = re.compile(r"\b(?P<a>\d+(?:\.\d+)?):(?P<b>\d+(?:\.\d+)?)\b(?!\s*(?:[ap]\.?m\b|h\b|hrs?\b))", re.I)


def _count(word: str) -> float:
    return number_word(word.lower()) if word[0].isalpha() else _value(word, None)  # type: ignore[return-value]


def _share_or_ratio(m: re.Match[str]) -> float:
    a, b = _count(m["a"]), _count(m["b"])
    return a / max(b, 1e-9) * (100 if "in" in m.group().lower().split() or "of" in m.group().lower() else 1)


_RANK_NOUNS = {"page", "rank", "position", "place", "spot", "level", "tier", "number", "no"}


def first_value(chunk: str, si: bool = False) -> float | None:
    """The first number in `chunk`; with `si`, a time converted to seconds."""
    ratio = _ONE_IN.match(chunk) or _RATIO.match(chunk.strip())
    if ratio:
        return _share_or_ratio(ratio)  # "1 in 100": a share, "1:20" a ratio
    m = QTY.search(chunk)
    if m:
        scale = _SECONDS.get((m["unit"] or "").lower(), 1.0) if si else 1.0
        sign = -1.0 if chunk[: m.start()].strip() in {"-", "−", "minus"} else 1.0  # "from -10 to +10"
        return sign * _value(m["num"], m["mag"], money=_unit(m) == "money") * scale
    words = re.findall(r"[a-z][a-z0-9'’-]*|\d[\d,.]*[a-z%]*", chunk.lower())
    if words and words[0] in _PER_YEAR:
        return float(_PER_YEAR[words[0]])  # "from weekly to daily": a frequency, times a year
    # "from two weeks to three days", "from page two to page one": a number in words first, or after a
    # rank; not "from our top two suppliers", where it counts what the sentence is about
    if words[:2] and words[0] in {"a", "an"} and words[1] in TIME_UNITS:
        return _SECONDS[words[1]] if si else 1.0  # "from a month to a week"
    if words[:3] and words[0] == "half" and words[1] in {"a", "an"} and words[2] in TIME_UNITS:
        return _SECONDS[words[2]] / 2 if si else 0.5  # "from half an hour to 10 minutes"
    at = 0 if words and number_word(words[0]) is not None else (
        1 if words[1:2] and number_word(words[1]) is not None and words[0] in _RANK_NOUNS else None)
    if at is None:
        return None
    if words[at:at + 3] == ["half", "a", "dozen"]:
        return 6.0  # "from half a dozen to 50"
    value = number_word(words[at])
    if value is not None and si and len(words) > at + 1:
        value *= _SECONDS.get(words[at + 1], 1.0)
    return value



def number_word(word: str) -> float | None:
    """ "twelve" → 12, "twenty-five" → 25, or None."""
    if word in lx.NUMBER_WORDS:
        return float(lx.NUMBER_WORDS[word])
    parts = word.split("-")
    if len(parts) == 2 and all(part in lx.NUMBER_WORDS for part in parts):
        return float(lx.NUMBER_WORDS[parts[0]] + lx.NUMBER_WORDS[parts[1]])
    return None
