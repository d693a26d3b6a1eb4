"""Word classes the phrase reader uses to name the parts of an OKR sentence.

These are not the rules: a rule looks at the structure (which verb leads, what its object
is, what the number counts, whether there is a baseline and a target). The classes only say
what kind of word a token is, the way a part-of-speech tagger would, but tuned to OKRs.
"""

# ruff: noqa: SIM905  (word lists read best as one string split on spaces)
from __future__ import annotations

from okrkit import vocabulary

__all__ = [
    "ACTION_VERBS", "ARTEFACT_NOUNS", "COMPLETION_WORDS", "DOWN_VERBS", "GAIN_VERBS", "GENERIC_WORDS",
    "MAINTAIN_VERBS", "METRIC_NOUNS", "MONTHS", "NUMBER_WORDS", "PEOPLE_NOUNS", "PROJECT_NOUNS", "PUSH_VERBS",
    "RELATIVE_WORDS", "STUDY_VERBS", "TARGET_VERBS", "UP_VERBS", "VAGUE_WORDS", "WHO_NOUNS", "WON_NOUNS",
    "WORK_ITEM_NOUNS",
]

# Verbs that say a metric moves up or down: okrkit.vocabulary's, which the model reads too.
UP_VERBS = vocabulary.UP_VERBS
DOWN_VERBS = vocabulary.DOWN_VERBS
# Verbs that name a level to reach: a target with an implicit movement.
TARGET_VERBS = frozenset(
    "achieve reach hit attain get obtain secure land sign close win acquire onboard convert "
    "generate earn book sell retain recover save attract capture exceed surpass beat top "
    "activate engage serve enrol enroll welcome bring-in".split()
)
# Target verbs that gain new things within the cycle: what they count starts at zero ("Win back
# 150 lapsed subscribers", "Secure $2M in grants"), unlike a level to reach ("Reach 10k users").
GAIN_VERBS = frozenset(
    "sign win acquire onboard land close book secure enrol enroll welcome attract capture convert "
    "upgrade renew reactivate refer".split()
)
# Verbs of business as usual: the metric is kept where it is.
MAINTAIN_VERBS = frozenset("maintain keep sustain stay remain preserve continue hold ensure protect".split())
# Doing verbs of looking: whatever they look at, they leave it where it is ("Analyse customer satisfaction").
STUDY_VERBS = frozenset(
    "analyze analyse assess audit evaluate research review study investigate explore measure track monitor "
    "understand identify map survey benchmark quantify diagnose examine inspect".split()
)
# Verbs of doing: activities and outputs, the verbs of looking among them. Whether the KR is a
# task also depends on the object.
ACTION_VERBS = frozenset(
    "launch implement build create conduct run write publish develop design deploy migrate hire recruit "
    "organize organise complete finish deliver release ship set define document introduce roll train "
    "attend send interview test update redesign refactor integrate automate establish prepare draft plan "
    "start begin kick host present install configure upgrade replace rewrite produce add fix prototype "
    "pilot select choose buy purchase procure negotiate schedule facilitate coordinate support work make "
    "do put open introduce adopt standardize standardise consolidate decommission sunset retire remove "
    "clean translate localize localise certify pass submit file participate speak visit meet contact "
    "email call post tweet record film revamp overhaul modernize modernise digitize digitise transition "
    "move switch finalize finalise approve hold enable provide deploy setup create rollout outline "
    "collect gather distribute organise refresh rebuild resolve answer process handle respond triage "
    "merge perform execute apply allocate assign train onboard celebrate partner collaborate communicate "
    "share invite conduct teach mentor coach write hire sponsor exhibit showcase compile rework "
    "restructure reorganize reorganise revise formalize formalise institute initiate commission outsource "
    "talk chat learn read pitch upskill reskill align agree pay settle decide list "
    # Doing verbs that are rarely nouns at the head of a sentence ("Advertise in 20 publications"):
    "advertise canvass proofread brainstorm rehearse memorize memorise summarize summarise relocate "
    "fundraise debug tutor lecture edit upload remind convene practise practice".split()
) | STUDY_VERBS

# Nouns of things a team produces or does: counting them counts output, not outcome.
ARTEFACT_NOUNS = frozenset(
    "workshop workshops interview interviews meeting meetings session sessions training trainings "
    "course courses webinar webinars event events conference conferences campaign campaigns post "
    "posts article articles blog blogs video videos image images photo photos podcast podcasts newsletter "
    "newsletters email "
    "emails report reports dashboard dashboards document documents documentation guide guides "
    "playbook playbooks handbook handbooks book ebook ebooks whitepaper whitepapers "  # not "books": "close the books"
    "plan plans roadmap roadmaps strategy strategies process processes policy "
    "policies framework frameworks feature features functionality app apps "
    "website websites site sites page pages api apis tool tools system systems platform platforms "
    "integration integrations module modules version versions release releases mvp prototype "
    "prototypes pilot pilots poc test tests experiment experiments survey surveys study studies "
    "analysis analyses audit audits assessment assessments research program programs programme "
    "programmes initiative initiatives project projects migration rollout redesign design designs "
    "mockup mockups wireframe wireframes spec specs specification requirements stories backlog demo "
    "demos presentation presentations pitch pitches proposal proposals engineer engineers developer "
    "developers designer designers role roles position positions hire hires headcount office "
    "offices certification certifications library component components suite "
    "template templates faq faqs chatbot crm erp checklist checklists sop sops market markets "
    "country countries city cities region regions location locations store stores branch branches "
    "partnership partnerships hackathon hackathons retrospective retrospectives workflow workflows "
    "service services microservice microservices server servers database databases flow flows "
    "screen screens prd okr okrs kpi kpis model models content deck decks catalogue catalog "
    "manual manuals handbook brochure brochures ad ads advert adverts outreach lesson lessons "
    "tutorial tutorials one-pager wiki portal app's sign-off signoff approval approvals buy-in go-ahead "
    "retro retros standup standups stand-ups one-on-ones 1:1s offsite offsites all-hands town-hall town-halls "
    "townhall townhalls huddle huddles sync syncs check-ins ritual rituals ceremony ceremonies "
    "meetup meetups talk talks keynote keynotes panel panels whitepaper whitepapers ebook ebooks "
    "infographic infographics case-study case-studies tweet tweets feedback agreement agreements "
    "pack packs launch launches certification certifications commercial commercials booth booths roadshow "
    "roadshows billboard billboards library libraries component components sdk sdks plugin plugins extension "
    "extensions connector connectors bot bots script scripts form forms questionnaire questionnaires kit kits "
    "toolkit toolkits bootcamp bootcamps curriculum compliance accreditation kickoff kickoffs kick-off "
    "kick-offs data insights revamp revamps overhaul overhauls".split()
)
# Work named as a noun ("Migration of the data warehouse", "Implementation of SAP", "Participation
# in 3 trade fairs"): a project or an activity, with no verb in front.
PROJECT_NOUNS = frozenset(
    "migration rollout roll-out implementation launch completion delivery redesign upgrade replacement "
    "integration go-live creation participation introduction deployment installation "
    "establishment".split()
)
# Units of work that, after a doing verb ("close 200 tickets"), count effort; after a verb
# of change ("reduce tickets by 30%") they are a metric.
WORK_ITEM_NOUNS = frozenset(
    "ticket tickets bug bugs issue issues task tasks story stories request requests call calls "
    "item items pr prs commit commits line lines hour hours case cases check checks".split()
)
# What another party grants when a verb of gain wins it ("Secure 4 partnerships", "Book 60 demos",
# "Convert 30 pilots into paid contracts"): outcomes won; held or run by us ("Hold 10 meetings"), output.
WON_NOUNS = frozenset(
    "partnership partnerships pilot pilots agreement agreements demo demos meeting meetings proposal "
    "proposals pitch pitches bid bids tender tenders award awards placement placements sponsorship "
    "sponsorships commitment commitments pledge pledges call calls".split()
)
# Populations whose behaviour or number is an outcome ("50% of users", "500 new customers"),
# and what they send us: orders, deals, applications (for a job, a loan, a permit).
PEOPLE_NOUNS = frozenset(
    "user users customer customers client clients subscriber subscribers member members account "
    "accounts signup signups sign-ups buyer buyers visitor visitors lead leads prospect prospects "
    "merchant merchants patient patients student students learner learners household households "
    "player players shopper shoppers reader readers viewer viewers listener listeners donor donors "
    "partner partners seller sellers driver drivers guest guests tenant tenants citizen citizens "
    "smb smbs business businesses company companies organisations organizations brands advocates "
    "installs downloads deal deals contract contracts order orders transactions purchases "
    "schools hospitals clinics practices restaurants retailers agencies firms venues hotels "
    "pharmacies charities nonprofits councils municipalities workspaces "
    "applications applicants borrowers depositors savers traders investors fans followers people "
    "families parents owners employees staff colleagues teachers doctors nurses residents "
    "communities travellers travelers passengers commuters homeowners renters sme smes startups "
    # Outcomes won, counted: results in the world, not the team's output.
    "reviews mentions wins upgrades testimonials registrations subscriptions preorders pre-orders "
    "reservations endorsements logos loans mortgages".split()
)
# Of those, the ones that are people (or groups of them), whom an objective can be for: not what
# they send or grant us ("the account", "an order", "into account").
WHO_NOUNS = PEOPLE_NOUNS - frozenset(
    "account accounts signup signups sign-ups installs downloads deal deals contract contracts order orders "
    "transactions purchases applications workspaces reviews mentions wins upgrades testimonials registrations "
    "subscriptions preorders pre-orders reservations endorsements logos loans mortgages".split()
)
# Nouns that name a quantity that can move: what a key result measures.
METRIC_NOUNS = frozenset(
    "revenue arr mrr sales bookings profit profits margin margins churn retention conversion "
    "conversions nps csat ces satisfaction engagement adoption activation usage rate rates time "
    "times cost costs latency uptime availability error errors incident incidents defect defects "
    "complaints share score scores rating ratings traffic dau mau wau ltv cac aov gmv roi "
    "efficiency productivity throughput lead-time cycle-time velocity coverage accuracy yield "
    "volume growth income spend savings budget occupancy utilization utilisation turnover "
    "attrition absenteeism engagement-score response resolution wait backlog drop-off dropoff "
    "bounce abandonment completion ctr cpc cpa cpm reach impressions clicks opens open-rate "
    "downtime mttr mttd mtbf p95 p99 percentage proportion ratio frequency speed duration "
    "enps sla net promoter stickiness renewal renewals upsell expansion payback burn runway "
    "cash ebitda valuation footfall basket penetration awareness recall sentiment "
    "recommendations referrals referral waitlist pipeline".split()
)

# Words that promise change without saying how much.
VAGUE_WORDS = frozenset(
    "improve improved better more enhance enhanced optimize optimise optimized streamline "
    "significantly substantially greatly considerably much higher lower faster stronger best "
    "maximize maximise minimize minimise further world-class excellent great good".split()
)
# Verbs that promise a push without saying where to ("Foster innovation", "Strengthen our brand").
PUSH_VERBS = frozenset(
    "foster accelerate strengthen expand enable empower cultivate nurture promote champion embrace "
    "leverage unlock elevate advance delight satisfy wow please push".split()
)
# Content words too generic to make an objective memorable on their own.
GENERIC_WORDS = frozenset(
    "improve increase grow be do make get boost enhance optimize optimise better achieve deliver "
    "drive focus work sales revenue business performance efficiency things stuff quality results "
    "growth processes process operations productivity success excellence everything goals goal "
    "numbers metrics kpis marketing product products customer customers service services team "
    "teams company our the a an and of in on for to more overall general key main various "
    "stuff activities operational best effective efficient good great strong stronger level levels "
    "support innovation culture improvement improvements experience it this that all continue "
    "keep maintain push forward ahead board year quarter next up game step take money happy happier "
    "satisfied sell hit productive happen as presence visibility reach leader leaders leadership market "
    "markets brand industry traffic website site morale department departments social media number one".split()
    # Management buzzwords and the words that only place them ("across the organization"):
    # they sound like a goal and name no one and no change.
    + "centric first focused driven class in-class world leading innovative innovation agile "
    "synergy synergies transformation transform digital excellent next-level cutting-edge value "
    "impact awesome amazing across within throughout organization organisation organizational "
    "organisational company-wide whole entire everywhere everyone everybody we us with by at "
    "through become being agility innovate build create develop establish place way "
    "transform modernize modernise revolutionize revolutionise reinvent reimagine "
    # A department named alone ("Transform finance") says neither for whom nor what changes.
    "finance hr engineering legal procurement design "
    # Wishes that name no one and no change: "Exceed customer expectations", "Win more customers",
    # "Move the needle on sales", "Crush our sales goals", "Develop our people", "Be successful".
    "expectations expectation exceed move win gain job jobs needle crush smash nail successful channel "
    "channels have loyalty how what target targets meet people users user clients dominate heights progress "
    "doing fun "
    # Buzz nouns and qualifiers that fit any business ("Develop solutions that enable long-term,
    # profitable growth"), and the joining words that only string them together.
    "solution solutions long-term profitable sustainable scalable enable enabling while which "
    # Slogans of scale: "Go big", "Unlock our full potential" (whole slogans are in objectives._SLOGANS)
    "big bigger go or fast faster potential full".split()
) | PUSH_VERBS

# Participles and adjectives that say a deliverable is done ("dashboard live by June").
COMPLETION_WORDS = frozenset(
    "live running launched implemented built created delivered completed done finished shipped released "
    "deployed published rolled in-place established signed-off approved ready available "
    "migrated installed hired defined documented introduced set-up achieved obtained passed signed "
    "awarded granted in-production certified accredited compliant registered licensed".split()
)

RELATIVE_WORDS = {"double": 100.0, "triple": 200.0, "quadruple": 300.0, "halve": -50.0, "twice": 100.0}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "thousand": 1000,
    "million": 1_000_000, "half": 50,
}
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
