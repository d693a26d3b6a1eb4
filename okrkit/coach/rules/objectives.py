"""Rules on an objective's wording: qualitative, memorable, inspiring."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from okrkit.coach import lexicon as lx
from okrkit.coach.context import Context
from okrkit.coach.findings import Severity
from okrkit.coach.kr_kinds import task_reason
from okrkit.coach.nounphrase import is_noun, lemma_class
from okrkit.coach.phrase import Phrase, drop_time_frame, read, verbish
from okrkit.coach.quantity import CURRENCY_WORDS, Quantity
from okrkit.coach.registry import Hit, rule
from okrkit.vocabulary import drop_label, lemmas

__all__: list[str] = []

_RANK = re.compile(r"(?:#|no\.?\s*|number\s+|top[\s-]*)\d+|\b(?:number one|no\.? ?1)\b", re.I)
# "Improve the website", "Strengthen our brand": a verb of change or push on a bare object (one
# word once "the", "our" are set aside) says neither for whom nor how; a qualified object ("Strengthen
# our security posture", "Increase new sales") names what, and is judged by the other tests.
_GENERIC_VERBS = {"improve", "increase", "grow", "enhance", "optimize", "optimise", "boost", "better", "do",
                  "drive", "focus", "maximize", "maximise", "work"}
_PERIODS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "quarter", "quarters", "hours"}
_WORDS = re.compile(r"[A-Za-z0-9][\w'’$%.-]*")


# "We will delight our customers", "Our goal is to …", "To become …": a preamble before the
# objective itself, which the judgments below must not take for its first words.
_PREAMBLE = re.compile(r"^\W*(?:(?:we|i)\s+(?:will|shall|must|want\s+to|aim\s+to|need\s+to)\s+|we'll\s+|i'll\s+|"
                       r"let's\s+|our\s+(?:goal|aim|objective|ambition)\s+is\s+to\s+|to\s+(?=\w)|"
                       r"(?:successfully|fully)\s+)+", re.I)


@lru_cache(maxsize=16384)
def _statement(title: str) -> str:
    """The objective without its label ("O1:"), its preamble ("We will") and the period it is due ("… this year")."""
    return drop_time_frame(_PREAMBLE.sub("", drop_label(title), count=1))


# Each judgment below depends on the objective's text only: cached by it, since the drafter
# reviews every objective of the engagement after each pause in typing.
@lru_cache(maxsize=16384)
def _carries_metric(title: str) -> bool:
    p = read(_RANK.sub("", title))  # "become the #1 bank" is ambition, not a metric
    numbers = [
        q for q in p.measures if not _names_or_sizes(p.text, q)
        if q.unit in {"%", "money", "x", "points", "stars"} or q.cmp
        or q.counts in lx.PEOPLE_NOUNS | lx.METRIC_NOUNS
        or (q.unit == "" and q.value >= 2 and q.counts not in _PERIODS)  # "Hire 30 engineers"; not "thirty days"
    ]
    return bool(numbers) or p.relative or p.baseline is not None


def _names_or_sizes(text: str, q: Quantity) -> bool:
    """A range after "the" that qualifies a word ("the 18-34 market") or a count of what we already
    have ("our 2 million members", "the 111 service"): no target."""
    before, after = text[max(0, q.at - 40):q.at], text[q.at:q.at + 40]  # a fixed window: no scan of the text
    word_before = (before.split()[-1:] or [""])[0].lower()
    second_end = re.search(r"(\S+)\s+[\d.,]+-$", before)  # the "34" of "the 18-34 market"
    before_range = second_end[1].lower() if second_end else word_before
    in_range = bool(re.match(r"[\d.,]+-\d", after) or second_end)
    joined = not q.unit and in_range and before_range == "the"  # not "Land 5-8 new accounts": a count to win
    ours = not q.unit and word_before in {"our", "the", "its", "their", "my"}  # not "our 40% margin"
    return joined or ours


_FILLER = {"a", "an", "the", "our", "in", "of", "to", "from", "by", "at", "for", "per", "and", "this", "next", "year",
           "quarter", "month", "annual", "annually", "monthly", "yearly", "total", "new", "over", "than", "least",
           # a limit or a qualifier of whom is counted says no more than the number ("Churn below 2%",
           # "Hit 1,000 paying customers")
           "below", "under", "above", "most", "less", "more", "fewer", "no", "paying", "active"}


@lru_cache(maxsize=16384)
def _only_a_metric(title: str) -> bool:
    """Nothing but a metric and its number: no one it is for, no how, no quality ("Reach $5M in ARR",
    "Increase conversion by 20%"); "Reach $10M ARR with healthy margins" says more."""
    p = read(_RANK.sub("", title))
    # "Sign five accounts this quarter": people won, counted, and nothing else is a key result too.
    # "Reach 1M downloads", "500 new customers": people or things won, counted, are the metric too;
    # "Halve the time customers wait" names whom it is for.
    won = p.lead in lx.GAIN_VERBS | {"reach", "hit", "get", "win"}
    counted = {q.counts for q in p.measures}
    rest = [w for w in p.words if w != p.lead and w not in _FILLER and not w[0].isdigit() and w[0] not in "$€£¥<>"
            and w not in lx.METRIC_NOUNS and w not in lx.NUMBER_WORDS
            and w not in {"k", "m", "million", "%", "percent", "pct", "points", *CURRENCY_WORDS}
            and not (w in lx.PEOPLE_NOUNS and (won or w in counted))]
    words = list(p.words)  # "customers" before "wait" is whom it is for; before "satisfaction" it names the metric
    for_whom = any(w in rest and w in lx.WHO_NOUNS and not (j + 1 < len(words) and words[j + 1] in lx.METRIC_NOUNS)
                   for j, w in enumerate(words))
    return not rest or ((p.relative or p.baseline is not None) and len(rest) <= 1 and not for_whom)


@rule("objective-has-metric", Severity.INFO, "An objective that carries numbers (a warning when it is only a metric).")
def objective_has_metric(ctx: Context) -> Iterator[Hit]:
    for path, _, obj in ctx.objectives():
        statement = _statement(obj.title)
        if not _carries_metric(statement):
            continue
        if _only_a_metric(statement):
            # "Increase conversion by 20%", "Reach $5M in ARR": a key result where the objective should be.
            yield Hit(path, f"The objective '{obj.title}' is a key result: a metric and its movement.",
                      "Say what you want to achieve and why in words that inspire, and make this movement "
                      "one of its key results, e.g. 'Delight new customers in their first week'.",
                      Severity.WARNING)
            continue
        yield Hit(
            path, f"The objective '{obj.title}' carries a number; many coaches keep numbers in the key results.",
            "If the number is the ambition, keep it; otherwise say what you want and why in words, "
            "and move the number into a key result.",
        )


@rule("objective-too-long", Severity.WARNING, "An objective too long to remember.")
def objective_too_long(ctx: Context) -> Iterator[Hit]:
    limit = ctx.config.max_objective_words
    for path, _, obj in ctx.objectives():
        count = len(_WORDS.findall(drop_label(obj.title)))  # "O1:" is no word to remember
        if count > limit:
            yield Hit(
                path, f"The objective has {count} words; a team remembers one of {limit} or fewer.",
                "Keep the heart of it in one short sentence and move the explanation to 'why'.",
            )


_GENERIC = lx.GENERIC_WORDS | lx.VAGUE_WORDS


def _generic(word: str) -> bool:
    """A generic word in any simple inflection ("growing", "channels"), or a compound of generic
    words ("customer-centric", "best-in-class"); a placeholder letter ("Keep growing X") names nothing."""
    if word in _GENERIC or any(len(c) > 3 and c in _GENERIC for c in lemmas(word)) or (
            len(word) == 1 and word.isalpha()):
        return True
    return "-" in word and all(_generic(part) for part in word.split("-") if part)


# Verbs the lexicon leaves out because they move no metric: "Become carbon neutral" has a direction.
_STATE_VERBS = {"become", "be", "stay", "go", "own", "lead", "win", "turn", "help", "make", "get", "give", "let",
                "have", "put", "bring", "take", "keep", "earn", "set"}


# What people feel or do that an objective may name as its change ("Improve employee engagement").
_PEOPLE_STATES = {"satisfaction", "engagement", "loyalty", "retention", "trust", "adoption", "activation",
                  "happiness", "wellbeing", "well-being"}
_BUSINESS_METRICS = {"quality", "efficiency", "performance", "productivity", "revenue", "sales", "costs", "cost",
                     "growth", "results", "profit", "profitability", "numbers"}


def _for_whom_and_what(words: list[str]) -> bool:
    """ "Improve employee engagement", "Raise customer satisfaction and loyalty": who benefits and the
    change for them are both named, which is what objective-vague asks for; "Improve retention" names
    no one, "Improve support quality and efficiency" no change for anyone."""
    people = any(w in lx.PEOPLE_NOUNS or f"{w}s" in lx.PEOPLE_NOUNS for w in words)
    # Beside a generic business metric ("Improve product quality and customer satisfaction") it is one
    # more item of a list of metrics, not the change the objective is about.
    listed = any(w in _BUSINESS_METRICS for w in words)
    return people and not listed and any(w in _PEOPLE_STATES for w in words)


_STATES = {"culture", "experience", "excellence", "quality", "trust", "loyalty", "confidence", "habit", "habits",
           "mindset", "momentum"}  # "Run a culture of experiments" is still about a way of working
# A quality wanted, which names an outcome beside the work ("… that customers love") or the
# experience an objective aspires to ("Create an awesome customer experience").
_QUALITY = {"seamless", "seamlessly", "delightful", "effortless", "easy", "easier", "simple", "simpler", "fast",
            "faster", "reliable", "trusted", "love", "loved", "loves", "happy", "happier", "confident", "safe", "safer",
            "painless", "frictionless", "instant", "instantly", "intuitive", "enjoyable", "delight", "thrive"}
_ASPIRATIONS = {"awesome", "amazing", "exceptional", "outstanding", "remarkable", "world-class", "legendary"}


def _aspires(words: list[str]) -> bool:
    """ "Create an awesome customer experience", "Build a world-class engineering culture": the
    quality wanted for someone's experience or a team's culture is the direction, however generic the
    words around it; "Have an awesome experience" names no one, "Delight our users" not what would."""
    wanted = _QUALITY | _ASPIRATIONS
    named = any(w in _STATES and j and words[j - 1] not in wanted | {"a", "an", "the", "our"}
                for j, w in enumerate(words))  # "customer experience", "engineering culture"
    return named and any(w in wanted for w in words)


# Nouns that name a piece of planned work when an objective is only a noun phrase.
_PLANS = {"campaign", "plan", "project", "programme", "program", "initiative", "roadmap", "rollout", "roll-out"}


def _names_a_plan(p: Phrase) -> bool:
    """ "Recruitment outreach campaign", "Q1 Marketing Plan", "Project Orion": a verbless objective
    whose head is planned work, or a project's name; not "Campaign performance" nor "Roadmap clarity"."""
    return p.lead is None and (p.head in _PLANS or p.words[:1] in (("project",), ("programme",), ("program",)))


_ADJECTIVE_ENDS = ("less", "ing", "able", "ible", "est", "ful")


def _a_label(p: Phrase, words: list[str], bare: list[str]) -> bool:
    """ "Brand awareness", "Operational excellence", "Winning team": a label with no verb says no
    direction. Not a deliverable named done ("New CRM live": objective-is-task says why), a plan
    ("Q1 Marketing Plan"), nor a verb the lexicon does not list before a specific object ("Eradicate
    extreme poverty"); an adjective before a noun stays a label ("Seamless onboarding")."""
    lead = bare[0] if bare else ""
    gerund = len(bare) == 2 and lead.endswith("ing") and len(words) == 2  # not "Shipping the roadmap"
    unlisted_verb = (len(bare) == 3 and verbish(lead) and not _generic(lead) and not lead.endswith(_ADJECTIVE_ENDS)
                     and lead not in _QUALITY | _ASPIRATIONS and bare[1] not in lx.METRIC_NOUNS
                     and not _generic(bare[1]))
    return (len(bare) <= 3 and (p.lead is None or gerund) and (lemma_class(lead)[1] is None or lead.endswith("ing"))
            and lead not in _STATE_VERBS and not _names_a_plan(p) and not unlisted_verb
            and not any(w in lx.COMPLETION_WORDS for w in bare))


# Slogans whose words are specific elsewhere ("home market", "Shareholders trust our reporting").
_SLOGANS = re.compile(r"\b(?:go\s+home|think\s+big|act\s+fast|one\s+dream|shareholder\s+value)\b", re.I)


@lru_cache(maxsize=16384)
def _vague(title: str) -> bool:
    p = read(title)
    words = [w.lower().strip(".,!") for w in _WORDS.findall(_SLOGANS.sub(" ", title))]
    specific = [w for w in words if not _generic(w)]
    bare = [w for w in words if w not in {"a", "an", "the", "our", "my", "its", "their"}]
    lead = bare[0] if bare else ""
    short_and_generic = len(bare) <= 2 and lead in _GENERIC_VERBS | lx.PUSH_VERBS | lx.UP_VERBS | lx.DOWN_VERBS
    label = _a_label(p, words, bare)
    # "Improve product quality and customer satisfaction": change verbs on generic business
    # metrics only, with no one it is for and no how.
    moves = lx.UP_VERBS | lx.DOWN_VERBS | _GENERIC_VERBS
    metrics_only = lead in moves and all(_generic(w) or w in lx.METRIC_NOUNS or w in moves for w in bare[1:])
    # "Get better at closing the books": better at our own activity, with no end and no one it is for.
    better_at = bare[1:3] == ["better", "at"] and lead in {"get", "be", "become", "do"} and not _names_an_outcome(p)
    # "Double our customer base" is specific, only in the wrong place: objective-has-metric says so.
    return (not specific or len(words) < 2 or short_and_generic or label or metrics_only or better_at) \
        and not _carries_metric(title) and not _for_whom_and_what(words) and not _aspires(words)


@rule("objective-vague", Severity.WARNING, "An objective too vague or generic to inspire.")
def objective_vague(ctx: Context) -> Iterator[Hit]:
    for path, _, obj in ctx.objectives():
        statement = _statement(obj.title)
        if _vague(statement) and not _names_planned_work(read(statement)):  # a project: objective-is-task says so
            yield Hit(
                path, f"'{obj.title}' is too generic to rally a team: for whom, and what would be different?",
                "Name who benefits and the change you want for them, e.g. 'Make the first week "
                "seamless and confidence-boosting for new users'.",
            )


# Verbs that start a project whatever their object ("Launch our product in Germany"), and verbs
# that do only when the object is a deliverable ("Build a new pricing model", not "Build a culture").
_PROJECT_VERBS = {"launch", "migrate", "implement", "roll", "rollout", "finish", "complete", "deploy", "install",
                  "ship", "release", "integrate", "decommission", "replace", "sunset", "retire", "hire", "recruit",
                  "run", "hold", "host", "organize", "organise", "conduct", "publish", "finalize", "finalise", "kick",
                  "upgrade", "redesign", "rebuild", "rewrite", "refactor", "move", "switch", "transition",
                  "consolidate", "digitize", "digitise", "rebrand", "restructure", "reorganise", "reorganize",
                  "replatform", "re-platform", "overhaul", "outsource", "insource", "merge"}
# The last word of a verbless name for planned work: "Website redesign", "Office move", "SAP migration".
_WORK_NAMES = lx.PROJECT_NOUNS | {"relaunch", "move", "rebuild", "rewrite", "rebrand", "refresh", "revamp", "overhaul",
                                  "replatforming", "restructuring", "reorganisation", "reorganization"}


def _names_planned_work(p: Phrase) -> bool:
    """ "Implementation of Salesforce", "Website redesign", "The migration to AWS", "New intranet":
    a short name for a piece of work, with no verb; a project, not a slogan."""
    words = [w for w in p.words if w not in {"the", "a", "an", "our"}]
    # "SAP migration": a name the reader may take for an unknown verb and its object
    named = p.lead is None or (p.lead_class == "unknown" and words[-1:] and words[-1] in _WORK_NAMES)
    if not named or not 1 < len(words) <= 5:
        return False
    named_new = words[0] == "new" and words[-1] in lx.ARTEFACT_NOUNS | {"intranet"} and not words[-1].endswith("s")
    return words[0] in lx.PROJECT_NOUNS or words[-1] in _WORK_NAMES or named_new


# Things named after the people they hold or serve ("the partner portal", "the patient record"):
# a people noun in front of them names the thing, not whom the work is for.
_THINGS_OF_PEOPLE = {"-", "portal", "app", "hub", "record", "records", "data", "database", "profile", "profiles",
                     "directory", "list"}


_ORGANISATIONS = {"company", "business", "organization", "organisation", "firm"}


def _names_an_outcome(p: Phrase) -> bool:
    words = list(p.words)
    for j, w in enumerate(words):
        nxt = words[j + 1] if j + 1 < len(words) else ""
        # "to all users" is the job's scope; "in this company" serves no one, and "move the company
        # to the cloud" works on it
        scope = words[j - 2: j] in (["to", "all"], ["to", "every"]) or (
            words[j - 1: j] in (["this"], ["our"], ["the"]) and w in _ORGANISATIONS)
        if w in lx.WHO_NOUNS and not is_noun(nxt) and nxt not in _THINGS_OF_PEOPLE and not scope:
            # "… that customers love", "for small businesses"; not "the partner portal", nor a rollout
            # "to all users": all of them is the scope of the job, not what it is for
            return True
        if w in _QUALITY or (w in {"so", "because"} and j > 1):
            return True
        if w == "to" and nxt and lemma_class(nxt)[1] is not None:
            return True  # "… to cut reporting time": the purpose is written
        if w == "order" and nxt == "to":
            return True
    # "… to grow retention" names an outcome; "Deploy the new CI pipeline" names a new thing.
    return p.head in lx.METRIC_NOUNS and p.head in words and "new" not in words[: words.index(p.head)]


# Items of the team's own backlog: working through them is the work ("Resolve all open bugs");
# customers' issues and requests resolved before they escalate are an outcome for them.
_BACKLOG_ITEMS = {"bug", "bugs", "ticket", "tickets", "task", "tasks", "story", "stories"}  # not "PR" (press)
# What a team obtains from its own bosses (or for its own budget) before the work starts: a step of
# the project; a regulator's approval ("FDA approval") is not theirs to give.
_GO_AHEADS = {"buy-in", "approval", "sign-off", "signoff", "go-ahead", "green-light", "endorsement"}
_OUR_BOSSES = {"leadership", "board", "executive", "exec", "management", "stakeholder", "ceo", "cfo", "cto", "vp",
               "director", "budget"}


@lru_cache(maxsize=16384)
def project_reason(title: str) -> str | None:
    """Why an objective reads as a project or a task, or None: a doing verb on a deliverable, or a
    deliverable named as done, with nothing it is for."""
    p = read(title)
    reason = task_reason(p) or ""
    if reason.startswith("counts work done"):
        # "Process 500 support tickets", "Ship 3 blog posts": the team's own output, counted
        return "counts the team's own output"
    if _names_planned_work(p) and not _names_an_outcome(p):
        return "names a deliverable"
    if _names_an_outcome(p) or _vague(title):  # "Move the needle on sales" is a wish, not a project
        return None
    ours = p.head == "buy-in" or bool(_OUR_BOSSES & set(p.before_head or ()))  # not "FDA approval"
    if p.lead_class == "target" and p.head in _GO_AHEADS and ours:  # "Get leadership buy-in on the new platform"
        return "asks for a go-ahead, a step of the work"
    if p.lead_class in {"action", "target", "unknown"} and set(p.object_words) & _BACKLOG_ITEMS:
        return f"'{p.lead} …' names the work"  # "Resolve all open bugs older than 30 days", "Close every bug"
    if p.lead_class == "unknown" and p.lead in _PROJECT_VERBS and not p.vague:
        return f"'{p.lead} …' names the work"  # "Rebrand the company", "Replatform the shop"
    if p.lead_class == "action" and p.lead is not None:  # "Become the go-to platform" is a state, not work
        set_up = p.lead == "set" and p.object_words[:1] == ("up",)  # "Set up a telesales department"
        if p.lead == "deliver" and "project" in p.object_words[:2]:
            return f"'{p.lead} …' names the work"  # "Deliver Project Phoenix"
        if (p.lead in _PROJECT_VERBS or set_up) and not p.vague and p.head not in _STATES:
            return f"'{p.lead} …' names the work"
        # Not "Provide excellent service"; but "Introduce a new review process" makes one new thing.
        if p.head in lx.ARTEFACT_NOUNS and (p.head not in lx.GENERIC_WORDS or "new" in (p.before_head or ())):
            return f"'{p.lead} …' names the work"
        return None
    first = p.words[0] if p.words else ""
    # "New CRM live", "Data warehouse migrated", "Have the new CRM live by June": a deliverable named done
    done = (p.head in lx.ARTEFACT_NOUNS | lx.COMPLETION_WORDS or "new" in p.words) and any(
        w in lx.COMPLETION_WORDS for w in p.words)
    if p.lead in {"have", "get"} and done:
        return "names a deliverable"
    if _names_a_plan(p) or (p.lead is None and (first in lx.PROJECT_NOUNS or done)):
        return "names a deliverable"  # "Recruitment outreach campaign for engineering"
    return None


@rule("objective-is-task", Severity.WARNING, "An objective that is a project or a task, not what it is for.")
def objective_is_task(ctx: Context) -> Iterator[Hit]:
    for path, _, obj in ctx.objectives():
        reason = project_reason(_statement(obj.title))
        if reason:
            yield Hit(
                path, f"'{obj.title}' is a project: it {reason}, not the change it should bring.",
                "What is the project for? Write that change and for whom (e.g. 'Give every branch "
                "same-day figures' rather than 'Migrate the data warehouse'), and keep the project "
                "as the work behind its key results.",
            )
