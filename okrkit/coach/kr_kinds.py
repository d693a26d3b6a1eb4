"""What kind of statement a key result's sentence is: an outcome, a task or output, or a level.

The key-result rules and the shape rules (all-milestones) ask the same questions of a sentence:
does its number measure an outcome or count our own work, is it a threshold to sit at, does
its count start at zero. The answers live here, once, over the phrase reader's structure.
"""

from __future__ import annotations

import re

from okrkit.coach import lexicon as lx
from okrkit.coach.nounphrase import NP_STOP, PARTICIPLES, lemma_class
from okrkit.coach.phrase import Phrase, drop_time_frame, per_sentence
from okrkit.coach.quantity import NUMBER_WORD, is_money_at
from okrkit.model import KeyResult

__all__ = ["baseline_target", "is_kept", "is_level", "is_milestone", "is_new_count", "is_open_ended", "is_rank",
           "is_service_target", "task_reason", "works_on_a_thing"]

_OUTCOME_NOUNS = lx.PEOPLE_NOUNS | lx.METRIC_NOUNS


def _outcome_quantity(p: Phrase) -> bool:
    """A number that measures an outcome: money, a rate, a share of people, a count of customers,
    a count per customer ("integrations per account": usage)."""
    if _per_person(p) or _people_act(p):
        return True
    for q in p.measures:
        if q.share_of:
            if q.share_of in lx.ARTEFACT_NOUNS or q.share_of in lx.WORK_ITEM_NOUNS:
                continue  # "migrate 80% of services": still counting our own work
            if p.lead_class in {"action", "unknown"} and q.share_of not in _OUTCOME_NOUNS:
                continue  # "digitize 100% of paper forms": the share of a job done, whatever the job
            if p.lead_class in {"action", "unknown"} and q.share_of in lx.PEOPLE_NOUNS and q.value >= 100:
                continue  # "migrate 100% of customers": all of them is the whole job, not a reach
            return True
        # "at least 5 webinars" is still output; "no more than 3 failed releases" a limit, an outcome
        more_of_ours = q.cmp in {">", ">="} and (q.counts in lx.ARTEFACT_NOUNS or q.counts in lx.WORK_ITEM_NOUNS)
        if q.unit in {"money", "%", "x", "points", "stars"} or (q.cmp and not more_of_ours) or (
                q.counts in lx.METRIC_NOUNS and not (q.counts == "times" and p.lead_class == "action")):
            return True
        # "Post on Instagram 3 times a week" counts how often we do it (see above).
        # People counted after a doing verb ("interview 30 customers") is effort; after a verb
        # of gaining ("sign 30 customers") it is the result.
        if q.counts in lx.PEOPLE_NOUNS and p.lead_class != "action":
            return True
        if q.counts in lx.WON_NOUNS and p.lead in lx.GAIN_VERBS and q.value >= 1:
            return True
        if p.lead in {"sell", "win"} and q.value >= 1:
            # "Sell 2,000 seats": whatever is sold, customers bought it; "win 10 new designs": another party chose us
            return True
        if q.counts in {"request", "requests", "call", "calls"} and p.lead_class != "action" and "inbound" in p.words:
            return True  # "Achieve 50 inbound demo requests": demand that comes in; "Answer 500 requests" is work
    return False


# "… a report that 1,000 people download": people counted as the subject of what they do.
_PEOPLE_WHO = re.compile(r"\b(?:that|which|until|so that|where)\s+(?:at least\s+|over\s+|more than\s+)?"
                         r"\d[\d,.]*k?\s+(?P<w1>[a-z-]+)(?:\s+(?P<w2>[a-z-]+))?", re.I)


def _people_act(p: Phrase) -> bool:
    return any((m["w1"] or "").lower() in lx.PEOPLE_NOUNS or (m["w2"] or "").lower() in lx.PEOPLE_NOUNS
               for m in _PEOPLE_WHO.finditer(p.text)) or _brings(p)


# "Launch a referral programme that generates 500 signups", "Enter 3 markets with 100 paying customers
# each": a deliverable judged by what it must bring in, people or money, is measured by that.
# ("Meet with 30 customers" is still our doing: "with" counts a criterion only with "each".)
_BRINGS = re.compile(r"\b(?:(?:that|which)\s+(?:\w+\s+){1,2}?|(?:generating|bringing(?:\s+in)?|driving|attracting|"
                     r"winning)\s+)(?P<num>[$€£]\s?\d|\d[\d,.]*\s*(?:k\b|m\b)?)\s*(?P<rest>(?:[a-z-]+\s*){0,3})"
                     r"|\bwith\s+(?:at least\s+|over\s+|more than\s+)?(?P<num2>[$€£]\s?\d|\d)[\d,.]*\s*(?:k\b|m\b)?"
                     r"\s*(?P<rest2>(?:[a-z-]+\s+){0,3}?)each\b", re.I)


# "Launch in Spain and acquire 300 customers": a second verb of gain or growth names the outcome.
_AND_GAINS = re.compile(r"\band\s+(?:then\s+)?(?P<verb>[a-z]+)\s+(?:at least\s+|over\s+|more than\s+)?"
                        r"(?P<num>[$€£]\s?\d|\d[\d,.]*\s*(?:k\b|m\b)?)\s*(?P<rest>(?:[a-z-]+\s*){0,3})", re.I)


def _counted_head(rest: str) -> str:
    """The noun a number counts, in the words after it: "account executives in Spain" → "executives"."""
    words = rest.lower().split()
    cut = next((i for i, w in enumerate(words) if w in NP_STOP), len(words))
    return words[cut - 1] if cut else ""


def _brings(p: Phrase) -> bool:
    for m in _BRINGS.finditer(p.text):
        num, rest = m["num"] or m["num2"], m["rest"] if m["num"] else m["rest2"]
        if num[0] in "$€£" or _counted_head(rest) in lx.PEOPLE_NOUNS:
            return True
    for m in _AND_GAINS.finditer(p.text):
        if lemma_class(m["verb"].lower())[1] in {"target", "up"} and m["verb"].lower() not in lx.ACTION_VERBS and (
                m["num"][0] in "$€£" or _counted_head(m["rest"]) in _OUTCOME_NOUNS):
            return True  # "… and onboard 4 account executives" is more of our doing
    return False


def _done_to_us(p: Phrase) -> bool:
    """ "Get reviewed in 5 food blogs", "Get cited by 10 analysts": "get" and a participle, counted, is
    what others do for us, earned like press mentions; "Get ISO 27001 certified" names no count."""
    done = p.object_words[0] if p.lead == "get" and len(p.object_words) > 1 else ""
    return (done.endswith("ed") and bool(p.measures)
            and done not in lx.COMPLETION_WORDS | {"certified", "accredited", "audited", "trained"})


def _per_person(p: Phrase) -> bool:
    """ "Sessions per student from 1.2 to 2": a count per customer or person measures use."""
    per = [b for a, b in zip(p.words, p.words[1:], strict=False) if a == "per"]
    return bool(p.measures) and any(w in lx.PEOPLE_NOUNS or w.rstrip("s") + "s" in lx.PEOPLE_NOUNS for w in per)


# Verbs that answer what comes in: done for every item within a time, they are a service level
# ("Respond to all tickets within 24 hours"); other doing verbs within a time stay tasks
# ("Schedule 95% of onboarding calls within 5 days", "Audit the blog process every 2 weeks").
_ANSWER_VERBS = {"respond", "answer", "resolve", "reply", "process", "handle", "fix", "acknowledge", "triage",
                 "deliver", "ship", "pay", "settle", "send", "close", "review", "approve"}
# "25,000 monthly organic sessions" is traffic; "10 training sessions" is our own work.
_TRAFFIC = re.compile(r"\b(?:organic|monthly|weekly|daily|web|website|site|app|user|active|paid|unique|engaged|"
                      r"returning)\s+(?:sessions|visits|views|pageviews)\b", re.I)


# "The campaign resulted in 65,000 votes": what the work is said to have brought, counted, is its result.
_RESULTED_IN = re.compile(r"\b(?:result(?:s|ed)?\s+in|le(?:ads?|d)\s+to)\s+(?:at least\s+|over\s+|more than\s+)?"
                          r"[$€£]?\d", re.I)


def _moves_outcome(p: Phrase) -> bool:
    """ "… and grow users from 0 to 10,000": a from-to on people or a metric names an outcome,
    whatever else the sentence asks for."""
    words = list(p.words)
    if p.baseline is None or p.target is None:
        return False
    # "… from 0 to 10,000", or with an arrow, "… 0 → 10,000": the words before the baseline
    start = words.index("from") if "from" in words else next(
        (i for i, w in enumerate(words) if w[0].isdigit() or w[0] in "$€£"), None)
    return start is not None and any(w in _OUTCOME_NOUNS for w in words[max(0, start - 2): start])


# Money put in is an input, whatever it buys: a verb of spending with the sum right after it ("Invest
# $1M in the campaign"); the reader may take "spend" for a noun, so the words are matched. A ceiling
# on our spend ("Spend per new customer under $40") is a result.
_SPENDS = re.compile(r"^\W*(?:we\s+will\s+|we'll\s+)?(?P<verb>invest|spend|allocate)\s+"
                     r"(?:an?\s+|another\s+)?[$€£¥]\s?\d", re.I)


@per_sentence
def task_reason(p: Phrase) -> str | None:
    """Why the sentence reads as a task or an output, or None when it names an outcome."""
    if spends := _SPENDS.match(p.text):
        return f"spends money ('{spends['verb'].lower()} …'), an input, not a result it buys"
    traffic = bool(_TRAFFIC.search(p.text))  # "Blog drives 8,000 organic visits"
    outcome = (_outcome_quantity(p) or p.relative or _moves_outcome(p) or traffic or _done_to_us(p) or is_rank(p)
               or bool(_RESULTED_IN.search(p.text)))
    counted = next((q.counts for q in p.measures if q.counts in lx.ARTEFACT_NOUNS | lx.WORK_ITEM_NOUNS), "")
    if p.lead_class == "action" and not outcome:
        if _service_level(p) and p.lead in _ANSWER_VERBS:
            return None  # "respond to all tickets within 24 hours": a level, judged by kr-no-movement
        if counted:
            return f"counts work done ({counted}), not a change it causes"
        if p.lead in lx.STUDY_VERBS and not p.measures:
            # "Analyse customer satisfaction", "Assess latency": looking at a metric does not move it.
            return f"studies something ('{p.lead} …'), not a result"
        if (p.head in lx.METRIC_NOUNS and not _a_thing(p) and p.vague) or (
                p.vague and not p.measures and p.head not in lx.ARTEFACT_NOUNS):
            # "deliver better retention", "build stronger ties": vague, but about an outcome; "Write
            # better documentation", "Launch the new website to improve conversion" still do a thing.
            return None
        return f"describes something to do ('{p.lead} …'), not a result"
    of_work = any(q.share_of and q.share_of not in _OUTCOME_NOUNS for q in p.measures)  # "90% of archives"
    # With no number and no vague word, an object that is neither people nor a metric is one thing to
    # do or get, done or not: "Exit the legacy data centre", "Obtain FDA clearance", "Close the Series B round".
    milestone = (not p.measures and not p.relative and not p.vague and bool(p.head) and p.head not in _OUTCOME_NOUNS
                 and not _service_level(p))  # "Close the books accurately each quarter" is a duty kept
    if p.lead_class == "unknown" and not outcome and (p.head in lx.ARTEFACT_NOUNS or counted or of_work or milestone):
        return f"describes something to do ('{p.lead} …'), not a result"
    # "Onboard a new payroll provider": one thing to get, not people or a metric.
    one_thing = (not p.measures and _a_thing(p) and p.head not in _OUTCOME_NOUNS) or milestone
    if p.lead_class == "target" and not outcome and (p.head in lx.ARTEFACT_NOUNS or counted or one_thing):
        return f"names a deliverable ({p.head or counted}) to obtain, not a change for customers"
    judged = _rate(p) or _per_person(p) or is_rank(p) or any(q.unit == "money" or q.cmp for q in p.measures)
    # Raising a count of our own output ("more blog posts", "to 2 new countries") is output;
    # lowering one (fewer pages, meetings, manual steps) frees people or customers: an outcome.
    thing = counted if counted in lx.ARTEFACT_NOUNS else p.head or counted  # "velocity from 4 to 10 tests"
    counts = bool(p.measures) or p.relative  # "Improve our hiring process" has no count: unmeasurable
    # "Blog drives 8,000 organic visits": what the output brings is counted, not the output.
    brought = _people_act(p) or traffic or any(q.counts in _OUTCOME_NOUNS for q in p.measures)
    if p.lead_class == "up" and counts and thing in lx.ARTEFACT_NOUNS and thing not in _OUTCOME_NOUNS and not (
            judged or brought):
        return f"raises a count of our own output ({thing}), not an outcome"
    if p.lead_class == "up" and p.head in lx.WORK_ITEM_NOUNS and not judged:
        # More calls or closed tickets is more effort; fewer incoming tickets or bugs is an outcome.
        return f"raises a count of our own effort ({p.head}), not an outcome"
    if works_on_a_thing(p):
        named = p.head if p.head in lx.ARTEFACT_NOUNS else p.words[-1]  # "Improve error handling"
        return f"works on a deliverable ('{p.lead} … {named}'), not a result it brings"  # "Improve the app"
    return None if p.lead is not None or outcome else _verbless_task_reason(p)


# "Customers can use …", "Our managers are able to …": people who can do something, nothing counted.
_CAN = re.compile(r"^\W*(?:(?:the|our|all|every)\s+)?(?P<who>[a-z-]+(?:\s+[a-z-]+)?)\s+"
                  r"(?:can|are able to|will be able to)\s+(?!be\b)", re.I)  # "… can be trusted" is a state


def _verbless_task_reason(p: Phrase) -> str | None:
    """Why a sentence with no lead verb and no outcome counted reads as work ("40 LinkedIn posts")."""
    first = p.words[0] if p.words else ""
    can = _CAN.match(p.text)
    who = can["who"].lower().split()[-1] if can else ""
    people = who in lx.PEOPLE_NOUNS | {"admins", "agents", "teams"} or who.endswith("ers")  # "managers", "developers"
    if can and not p.quantities and people:
        # "Managers can see time tracking reports": a feature to build, not how many use it
        return f"describes a capability to build ('{who} can …'), not how many use it"
    if first in lx.PROJECT_NOUNS and p.words[1:2] in (("of",), ("in",)):  # "Implementation of SAP"
        return f"names a piece of work ('{first} {p.words[1]} …'), not a result it brings"
    if not p.measures and first == "more" and (
            p.head in lx.ARTEFACT_NOUNS | lx.WORK_ITEM_NOUNS and p.head not in _OUTCOME_NOUNS):
        return f"asks for more of our own output ({p.head}), not an outcome"  # "More blog posts"
    newcomers = p.words[1:2] and p.words[1] in lx.PEOPLE_NOUNS | _NEWCOMERS and p.words[1].endswith("s")
    # not "New members portal", "New members onboarding flow", "New hires complete 3 training modules"
    things = set(p.words[2:5]) & lx.ARTEFACT_NOUNS or any(q.counts in lx.ARTEFACT_NOUNS | lx.WORK_ITEM_NOUNS
                                                          for q in p.measures)
    if first == "new" and newcomers and not things:
        return None  # "New hires complete onboarding within 30 days": what new people do, an outcome
    if not p.measures and first == "new":
        return "names a new deliverable, not a result it brings"  # "New self-service help area"
    # "40 LinkedIn posts", "50 cold calls a day": output or effort counted; not "under 50 open tickets"
    # a time is how long something lasts ("4.2-min avg session"), not how many there are
    output = next((q.counts for q in p.measures if q.value > 0 and q.unit != "time" and (
        q.counts in lx.ARTEFACT_NOUNS or (q.counts in lx.WORK_ITEM_NOUNS and not q.cmp))), "")
    if output and not _gained(p):
        return f"counts the team's own output ({output}), not a change it causes"  # "40 LinkedIn posts"
    if (any(w in lx.COMPLETION_WORDS for w in p.words) or _DONE.search(p.text)) and not _service_level(p):
        # "All orders shipped within 48 hours" is a duty kept for every order, not a deliverable done
        return "states a deliverable as done, not a result it brings"
    # "Zero failed releases" is a ceiling, "Every new hire has a buddy" a state of all of them: levels
    level = any(q.value == 0 for q in p.measures) or (first in {"every", "all", "each"} and bool(
        {"has", "have", "uses", "use"} & set(p.words)))  # not "Every service is on the new platform": a migration
    if not p.vague and p.head in lx.ARTEFACT_NOUNS and p.head not in lx.METRIC_NOUNS and not level:
        return f"names a deliverable or an activity ({p.head}), not a result"  # "Weekly sales meetings"
    return None


# People who are new by definition: "New hires complete onboarding within 30 days" is what they do.
_NEWCOMERS = {"hires", "joiners", "starters", "employees", "engineers", "members", "staff", "recruits"}


# Words of completion written in more than one word: "Partner programme in place", "SSO generally available".
_DONE = re.compile(r"\b(?:in place|generally available|in (?:public |private )?beta|"
                   r"operational|go(?:es)?[\s-]live|went live)\b", re.I)


# Verbs of polishing that the reader keeps out of the verb classes because they promise change
# without a direction ("optimize", "simplify"): on one of our own things they are work on it.
_POLISH = {"optimize", "optimise", "streamline", "simplify", "refine", "polish", "tidy", "rebrand"}


@per_sentence
def works_on_a_thing(p: Phrase) -> bool:
    """ "Improve the app", "Enhance our hiring process", "Optimize the landing page": a verb of
    change on one of our own things, with no number: work on it, and nothing to measure either."""
    improving = p.lead_class == "up" or (p.lead is None and p.words[:1] and p.words[0] in _POLISH)
    # "Improve error handling", "Speed up order processing": a process of ours named by its gerund
    # (before the period it is due: "Improve onboarding this quarter").
    words = drop_time_frame(p.text).lower().rstrip(".!;").split()
    process = len(words) >= 2 and words[-1].endswith("ing") and words[-1] not in _OUTCOME_NOUNS \
        and lemma_class(words[-1])[0] != p.lead  # "Keep growing": the verb itself, not a process of ours
    return bool(improving) and not p.measures and not p.relative and (
        (p.head in lx.ARTEFACT_NOUNS and p.head not in _OUTCOME_NOUNS) or process)


def _gained(p: Phrase) -> bool:
    """ "10 pilots converted to paid", "5 pilots won": a participle of gaining makes the count a result."""
    return any(lemma_class(w)[1] == "target" for w in p.words if w.endswith("ed") or w in {"won", "sold"})


def _a_thing(p: Phrase) -> bool:
    """ "Deploy the new CI pipeline", "Build a pipeline": an object introduced as one new thing is
    a deliverable even when its noun can also name a metric ("pipeline", "coverage")."""
    obj = p.object_words
    return bool(obj) and (obj[0] in {"a", "an"} or "new" in (obj if p.before_head is None else p.before_head))


_RANK_AT = r"(?:page|rank|position|place|spot|no\.?|number|#)\s*(?:\d|" + NUMBER_WORD + ")"
# "from page 2", "from page two", "Reach position 3", "Rank number 1 for payroll software" ("#1" is read as "number 1")
_RANKED = re.compile(r"\b(?:from|reach|hit|climb\s+to|get\s+to|rank(?:ed)?|be)\s+(?:the\s+)?" + _RANK_AT + r"|^\W*"
                     + _RANK_AT + r"\s+(?:in|on|for)\b", re.I)


def is_rank(p: Phrase) -> bool:
    """ "Keyword rankings from page 2 to page 1", "from position 12 to 4": the numbers are a rank,
    which improves as it falls, not a count of anything."""
    return bool(_RANKED.search(p.text))


def _rate(p: Phrase) -> bool:
    """ "Improve crash-free sessions from 98.1% to 99.5%", "Increase serviceable market to 75%": a
    percentage to reach is a rate or a share of something, an outcome, whatever noun names it;
    "by 50%" of an output is not."""
    return not p.relative and p.target is not None and any(q.unit == "%" and q.value == p.target for q in p.measures)


def baseline_target(kr: KeyResult, p: Phrase) -> tuple[float | None, float | None]:
    """The KR's data first, the numbers in its sentence second. A number of the sentence fills a
    field left empty only when the sentence agrees with the field that is set: "to 4% (current:
    2.5%)" beside a target field of 0.04 is written in another scale, and 2.5 is no baseline of it."""
    agrees = (kr.target is None or p.target in (None, kr.target)) and (
        kr.baseline is None or p.baseline in (None, kr.baseline))
    baseline = kr.baseline if kr.baseline is not None else p.baseline if agrees else None
    target = kr.target if kr.target is not None else p.target if agrees else None
    return baseline, target


# A duty repeated or kept, with no amount to move: "payroll on time every month", "books closed
# accurately", "within budget". Business as usual even when no number is given.
_DUTY = re.compile(r"\b(?:every|each)\s+(?:single\s+)?(?:day|week|month|quarter|year|time|cycle|release|sprint|run|"
                   r"shift|period)\b|\balways\b|\bon[\s-]time\b|\bon[\s-]schedule\b|\b(?:on|within|under)[\s-]budget\b|"
                   r"\bsame[\s-]day\b|\bnext (?:business |working )?day\b|"
                   r"\berror[\s-]free\b|\bwithout (?:errors?|fail|delays?|exceptions?)\b|\baccurately\b", re.I)
_RECURS = re.compile(r"\b(?:every|each|always|all)\b", re.I)


# What falls due again and again, whatever its article: "Pay the rent on time", "Run the payroll on time".
_STANDING_DUTIES = {"payroll", "rent", "wages", "salary", "salaries", "invoices", "bills", "taxes", "tax", "vat",
                    "books", "month-end", "close", "filing", "filings", "returns"}


def _service_level(p: Phrase) -> bool:
    """ "Respond to all tickets within 24 hours": a time limit kept for every item; or a duty
    kept with no number at all ("Process payroll accurately every month")."""
    windows = [q for q in p.quantities if q.window]
    # "Pay 98% of supplier invoices on time", "Resolve 80% of tickets without escalation": a share of
    # what comes in, answered as it should be, is a service level too.
    answered = bool(_DUTY.search(p.text)) or (p.lead in _ANSWER_VERBS and all(
        q.share_of not in lx.ARTEFACT_NOUNS for q in p.measures))
    if (windows or answered) and p.measures and all(q.share_of and q.share_of not in lx.PEOPLE_NOUNS
                                                    for q in p.measures) and p.baseline is None:
        # "Respond to 90% of requests within 20 working days": a service level; "95% of new customers
        # have a date within 5 days" is what customers do, an outcome.
        return True
    if not p.measures and not p.relative and p.lead_class not in {"up", "down"} and _DUTY.search(p.text):
        # "Deliver the roadmap on time", "Ship a product on time for the conference" is one deliverable;
        # "Send all invoices on time" is a standing duty.
        one = (p.object_words[:1] in (("a",), ("an",), ("the",)) and not p.head.endswith("s")
               and p.head not in _STANDING_DUTIES)
        return (p.head not in lx.ARTEFACT_NOUNS and not one) or bool(_RECURS.search(p.text))
    return bool(windows) and not p.measures and bool({"all", "every", "each"} & set(p.words))


def _serves(p: Phrase) -> bool:
    """A service level or a duty, with no verb of change ("Respond to all tickets within a day")."""
    return p.lead_class in {"action", "unknown", "target", None} and _service_level(p)


@per_sentence
def is_service_target(p: Phrase) -> bool:
    """ "Resolve 95% of customer issues within 24 hours": a service level written as a share short of
    all, with no baseline, is a level to reach, as a terse "NPS ≥ 40" is (issue 14): the coach asks
    for today's value; "all tickets within 24 hours" or "100% of payroll runs on time" is a duty kept."""
    return _service_level(p) and bool(p.measures) and all(q.share_of and q.value < 100 for q in p.measures)


# Words that keep a metric where it is without a verb of keeping: "Churn no worse than today".
_KEEP = re.compile(r"\bno (?:worse|lower|higher|less|more) than (?:today|now|current|last|before|the current)\b|"
                   r"\bat least as (?:good|high) as\b|\b(?:today's|current|existing) levels?\b|"
                   r"\b(?:flat|steady|stable|unchanged)\b", re.I)
# "Zero regression in p95 latency", "No drop in NPS": nothing worse than today in a metric (not "Zero
# regressions in the release": a count of bugs kept at zero)
_NO_WORSE = re.compile(r"^\W*(?:zero|no)\s+(?:regressions?|drops?|declines?|decreases?|deterioration)\s+in\s+"
                       r"(?P<rest>.+)", re.I)


# "Keep churn below 2% while growing revenue 30%" (or "and grow …"): a guardrail written beside a movement.
_WHILE = re.compile(r"\b(?:while|whilst|as we|even as|and)\s+(?:also\s+|still\s+)?(?P<verb>[a-z]+)", re.I)


@per_sentence
def _also_moves(p: Phrase) -> bool:
    return any(lemma_class(m["verb"].lower())[1] in {"up", "down"} for m in _WHILE.finditer(p.text))


def is_kept(p: Phrase, kr: KeyResult | None = None) -> bool:
    """Business as usual: a metric kept where it is ("Maintain uptime at 99.9%", "Churn no worse
    than today", a service level or a duty), or a threshold the recorded baseline already meets;
    not when the sentence also moves something ("Keep costs flat while doubling users")."""
    if _also_moves(p):
        return False
    if _kept_as_written(p):
        return True
    baseline = kr.baseline if kr is not None else None
    target = kr.target if kr is not None and kr.target is not None else p.target
    if p.lead is None and baseline is not None and target is not None and p.level_cmp:
        return baseline >= target if p.level_cmp in {">", ">="} else baseline <= target  # "NPS above 40" at 45
    return False


# "No decrease in customer satisfaction": the reader takes "decrease" for the lead verb; the sentence keeps.
_NO_CHANGE = re.compile(r"^no (?:decrease|drop|decline|fall|increase|rise|change) in\b", re.I)


@per_sentence
def _kept_as_written(p: Phrase) -> bool:
    if _NO_CHANGE.search(p.text):
        return True
    if p.lead_class == "maintain" or (_serves(p) and not is_service_target(p)):
        return True
    no_worse = _NO_WORSE.match(p.text)
    if no_worse and set(re.findall(r"[a-z0-9]+", no_worse["rest"].lower())) & lx.METRIC_NOUNS:
        return True
    if p.lead_class not in {"up", "down"} and _KEEP.search(p.text):
        return True
    # "100% of payroll runs on time": every time, as always
    return p.baseline is None and bool(_DUTY.search(p.text)) and bool(p.measures) and all(
        q.share_of and q.value >= 100 for q in p.measures)


# Work with no end written: learning and practising go on ("Understand why users churn" ends in a
# finding; "iterate" may follow the lead: "Perform tests, learn, and iterate"), and "some" of a thing
# says not how much of it.
_OPEN_ENDED_VERBS = {"study", "learn", "iterate", "experiment", "practice", "practise"}
_SOME = {"some", "several", "various", "many", "few"}
_DEFINITE = {"a", "an", "the", "our", "my", "its", "their", "this", "that", "these", "those", "each", "every", "all",
             "both"}  # "the few remaining steps" are all of them: done or not


@per_sentence
def is_open_ended(p: Phrase) -> bool:
    """A task with nothing to tell it done: "Study Python", "Refactor some legacy code". "Ship the
    redesigned payment form" is done or not: a milestone."""
    if not task_reason(p) or p.measures or p.relative:
        return False
    before_head = p.before_head
    if before_head is None:
        return p.lead in _OPEN_ENDED_VERBS
    some = bool(_SOME & set(before_head)) and not _DEFINITE & set(before_head)
    later_verb = bool(_OPEN_ENDED_VERBS & set(p.object_words[len(before_head) + 1:]))  # "…, learn, and iterate"
    return p.lead in _OPEN_ENDED_VERBS or some or later_verb


# Work repeated within the cycle: "organize testing training once a week", "Review the funnel every
# Monday". Not "the weekly newsletter", whose launch is done once.
_RECURRING = re.compile(r"\b(?:every|each)\s+(?:single\s+)?(?:day|week|month|morning|evening|weekday|sprint|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
                        r"\b(?:once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+(?:day|week|month|sprint)\b|"
                        r"\b(?:daily|weekly|monthly)\W*$", re.I)


def _recurs(text: str) -> bool:
    """The work itself is repeated: not "Launch a dashboard updated daily", "a job that runs every day",
    "a newsletter sent every Monday", where the frequency describes the deliverable."""
    m = _RECURRING.search(text)
    if not m:
        return False
    before = text[: m.start()].lower().split()
    return not (set(before) & {"that", "which", "who", "where"} or (before and (
        before[-1].endswith("ed") or before[-1] in PARTICIPLES)))


@per_sentence
def is_milestone(p: Phrase) -> bool:
    """A task with nothing counted: one deliverable reached ("Pass the ISO 27001 audit", "SSO live"),
    or how much of one job is done ("Migrate 100% of services to the new cluster"): its completion
    in per cent, not a count of output; not work with no end ("Study Python") nor work repeated
    every week ("Run a testing clinic once a week"): that is activity."""
    if _recurs(p.text):
        return False
    # "1 test framework chosen and agreed": a count of one is one deliverable, not output counted.
    return bool(task_reason(p)) and not is_open_ended(p) and all((q.share_of and q.share_of not in _OUTCOME_NOUNS) or (
        q.value == 1 and not q.unit and not q.share_of) for q in p.measures)


def is_level(p: Phrase, kr: KeyResult | None = None) -> bool:
    """A threshold to sit at ("NPS ≥ 40", "Maintain uptime at 99.9%"), not a movement."""
    if p.lead_class == "maintain" or _serves(p):
        return True
    has_target = bool(p.measures) or (kr is not None and kr.target is not None)
    if p.lead is not None or p.relative or p.baseline is not None or not has_target:
        return False
    if is_new_count(p):
        return False  # "10 new enterprise logos": gains counted from zero, not a level kept
    shares = [q.share_of for q in p.measures if q.share_of]
    return not any(s in lx.PEOPLE_NOUNS for s in shares)  # "80% of new users finish setup" is behaviour


# "Reach $500k MRR" names a level to get to, "Raise $5M" a sum to bring in.
_LEVEL_VERBS = {"reach", "hit", "achieve", "attain", "exceed", "surpass", "beat", "top"}
_NEW = {"new", "additional", "incremental", "extra", "net-new", "first-time"}


@per_sentence
def is_new_count(p: Phrase) -> bool:
    """ "Sign 15 new customers": a count of new things starts at zero by definition; so does what
    a verb of gain counts, and a share of people who take up a new thing ("30% of users try the
    new editor")."""
    digits = [i for i, w in enumerate(p.words) if w[0].isdigit() or w[0] in "$€£"]
    if p.lead in lx.GAIN_VERBS and any(q.unit in {"", "money"} for q in p.measures):
        return True  # "Win back 150 lapsed subscribers", "Secure $2M in grants": gained this cycle
    # "Raise a $5M Series A", "Generate $2M in pipeline": a sum brought in. The verb may be
    # inflected in the text ("raised"), so its stem is matched.
    if p.lead_class in {"up", "target"} and p.lead and p.lead not in _LEVEL_VERBS and any(
            is_money_at(p.text[m.end():])
            for m in re.finditer(rf"\b{re.escape(p.lead[:4])}\w*\s+(?:an?\s+|another\s+)?", p.text, re.I)):
        return True  # "… $100k in new revenue", "… 100k USD", "Raise USD 2M"
    people = any(q.share_of in lx.PEOPLE_NOUNS for q in p.measures)
    if people and any(a in {"the", "our", "a"} and b == "new" for a, b in zip(p.words, p.words[1:], strict=False)):
        return True
    return any(
        w in _NEW and any(i - d == 1 or (i - d == 2 and p.words[i - 1] == "in") for d in digits)
        for i, w in enumerate(p.words)
    )
