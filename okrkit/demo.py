"""The built-in demo engagement: the bank of seed team-okrs-in-action, one quarter in.

Banco Aurora set three priorities for the year. Its Digital Services business unit owns
the strategic OKR on the first-week experience; three teams contribute: Discover (the
seed's team OKR), Support Experience (horizontally aligned with Discover: both move setup
tickets) and Account Opening. Twelve weekly GRIP check-ins per team follow believable
paths: Discover does well; Support Experience loses a month to an unrelated
organisational initiative, which its mid-cycle Attractors and Detractors retrospective
uncovers (as in the seed); Account Opening falls behind. Deterministic: same data every time.

Before it, 2025-Q4 was the pilot cycle of the introducing phase: OKRs written the way the
challenges say the bank used to (a project as a key result, a metric as an objective, a
slogan, business as usual), check-ins skipped in a quarter of the weeks, and end-of-cycle
retrospectives that led to the December strategy session and the reset of 2026-Q1.
"""

from __future__ import annotations

import datetime as dt
import random

from okrkit.model import CheckIn, Cycle, Engagement, EngagementRecord, KeyResult, PastCycle, Retro, Team

__all__ = ["demo_engagement", "demo_record"]

CYCLE_START = dt.date(2026, 1, 5)
CYCLE_END = dt.date(2026, 3, 27)

_ENGAGEMENT = {
    "client": "Banco Aurora",
    "coach": "Ana Lima",
    "phase": "implementation",
    "challenges": [
        "Strategy was set at the top and handed down; teams complied but did not own their goals.",
        "Earlier OKRs were KPIs with new labels, tracked in dashboards nobody discussed.",
        "Business units and their teams did not see how their work moved the company priorities.",
    ],
    "approach": [
        "Strategic Alignment Workshop: leadership shared intent and three priorities, not deliverables.",
        "Team OKR Planning Workshops with the Time Machine activity, co-creating each team's OKR.",
        "Weekly 15-minute GRIP check-ins, Fridays at 2 p.m.; mid-cycle retrospectives.",
        "A monthly report on the business unit's strategic OKR for top leaders.",
    ],
    "outcomes": [
        "Every team can answer the four key questions and link its OKR to a strategic OKR.",
        "First-week drop-off and setup tickets fell within one quarter.",
    ],
    "vision": "Be the bank new customers recommend after their first week.",
    "priorities": [
        "Simplify onboarding for new customers",
        "Grow into the small-business segment",
        "Improve resilience in critical systems",
    ],
    "core_values": ["Customers first", "Own the outcome", "Simple beats clever", "Learn in the open"],
    "worldview": {
        "key_dynamics": [
            "New customers decide in their first week whether Aurora becomes their main bank.",
            "Mobile is where 80% of new customers start; branches finish what the app cannot.",
        ],
        "competition": [
            "Digital-only banks open an account in minutes and win on first impressions.",
            "Incumbents compete on credit offers, not on the experience of starting.",
        ],
        "target_audience": [
            "Young professionals opening their first salary account.",
            "Small-business owners who also bank with us personally.",
        ],
    },
    "cycle": {"name": "2026-Q1", "start": CYCLE_START, "end": CYCLE_END,
              "checkin_weekday": "friday", "checkin_time": "14:00"},
    "teams": [
        {
            "name": "Digital Services", "level": "business-unit", "members": ["Marina Costa", "Paulo Reis"],
            "okrs": [{
                "id": "DS-1", "objective": "Delight new customers by transforming the first-week experience",
                "why": "The first week decides whether a new customer stays; today 40% drift away.",
                "commitment": "aspirational", "priority": "Simplify onboarding for new customers",
                "key_results": [
                    {"id": "DS-1.1", "title": "Reduce first-week customer drop-off rate by 25%",
                     "baseline": 40, "target": 30, "unit": "%", "owner": "Marina Costa"},
                    {"id": "DS-1.2", "title": "Increase overall first-week NPS from 20 to 35",
                     "baseline": 20, "target": 35, "owner": "Marina Costa"},
                    {"id": "DS-1.3", "title": "Lower average support call time for new users by 15%",
                     "baseline": 12, "target": 10.2, "unit": "min", "owner": "Paulo Reis"},
                ],
            }],
        },
        {
            "name": "Discover Team", "parent": "Digital Services",
            "members": ["Joana Alves", "Rafael Souza", "Lia Mendes", "Tomás Rocha"],
            "okrs": [{
                "id": "DT-1", "objective": "Make the first week seamless and confidence-boosting for new users",
                "why": "Users who finish onboarding in week one are three times as likely to stay.",
                "commitment": "aspirational", "priority": "Simplify onboarding for new customers",
                "aligns_to": ["DS-1"], "shares_with": ["Support Experience Team"],
                "key_results": [
                    {"id": "DT-1.1", "title": "Increase onboarding completion from 65% to 90%",
                     "baseline": 65, "target": 90, "unit": "%", "owner": "Joana Alves"},
                    {"id": "DT-1.2", "title": "Increase tutorial engagement from 15% to 50%",
                     "baseline": 15, "target": 50, "unit": "%", "owner": "Lia Mendes"},
                    {"id": "DT-1.3", "title": "Reduce support tickets about account setup by 30%",
                     "baseline": 1200, "target": 840, "unit": "tickets/month", "owner": "Rafael Souza"},
                ],
            }],
        },
        {
            "name": "Support Experience Team", "parent": "Digital Services",
            "members": ["Carla Nunes", "Diego Prado", "Helena Lima"],
            "okrs": [{
                "id": "SX-1", "objective": "Give new customers answers before they need to call us",
                "why": "Every first-week call is a moment of doubt; answers in the app keep trust.",
                "commitment": "committed", "priority": "Simplify onboarding for new customers",
                "aligns_to": ["DS-1"], "shares_with": ["Discover Team"],
                "key_results": [
                    {"id": "SX-1.1",
                     "title": "Increase self-service resolution of first-week questions from 35% to 60%",
                     "baseline": 35, "target": 60, "unit": "%", "owner": "Carla Nunes"},
                    {"id": "SX-1.2", "title": "Reduce average support call time for new users from 12 to 10 minutes",
                     "baseline": 12, "target": 10, "unit": "min", "owner": "Diego Prado"},
                ],
            }],
        },
        {
            "name": "Account Opening Team", "parent": "Digital Services",
            "members": ["Bruno Teixeira", "Sofia Martins", "Igor Campos"],
            "okrs": [{
                "id": "AO-1", "objective": "Make opening an account feel effortless",
                "why": "Half of our applicants still wait days for a decision a machine could make.",
                "commitment": "aspirational", "priority": "Simplify onboarding for new customers",
                "aligns_to": ["DS-1"],
                "key_results": [
                    {"id": "AO-1.1", "title": "Increase accounts opened fully online from 55% to 75%",
                     "baseline": 55, "target": 75, "unit": "%", "owner": "Sofia Martins"},
                    {"id": "AO-1.2", "title": "Reduce median time to open an account from 72 to 24 hours",
                     "baseline": 72, "target": 24, "unit": "h", "owner": "Bruno Teixeira"},
                ],
            }],
        },
    ],
    "backlog": [
        {"id": "B-1", "title": "Redesign the three onboarding screens that lose most users", "key_result": "DT-1.1",
         "status": "done"},
        {"id": "B-2", "title": "A/B test interactive tutorials against the static tour", "key_result": "DT-1.2",
         "status": "done"},
        {"id": "B-3", "title": "Contextual help on the account-setup screen", "key_result": "DT-1.3",
         "status": "doing"},
        {"id": "B-4", "title": "Answer the 20 most asked first-week questions in the app", "key_result": "SX-1.1",
         "status": "doing"},
        {"id": "B-5", "title": "Automatic document check for salary accounts", "key_result": "AO-1.2",
         "status": "todo"},
    ],
    "workshop": {
        "date": dt.date(2025, 12, 10), "start_time": "09:00", "principles_checked": True,
        "participants": [
            {"name": "Marina Costa", "role": "Head of Digital Services",
             "interview_notes": "Wants fewer, bolder goals; worried teams see OKRs as reporting."},
            {"name": "Paulo Reis", "role": "Head of Customer Support",
             "interview_notes": "Call volume in week one is the pain; support is rarely asked early."},
            {"name": "Beatriz Moura", "role": "Chief Risk Officer",
             "interview_notes": "Any onboarding change must keep KYC controls; open to automation."},
            {"name": "Henrique Dias", "role": "Head of Small Business",
             "interview_notes": "Small-business priority needs its own BU OKR next quarter."},
        ],
        "past_results": "2025 OKRs: 11 objectives for the BU, mostly KPIs and projects; scores were not "
                        "reviewed after Q2. Tracking lived in a spreadsheet updated monthly by a PMO.",
        "facilitator_notes": "Ana sets the agenda, keeps time, makes sure every leader speaks; she does not "
                             "decide the OKRs.",
        "agenda": [
            {"title": "Review of past results and how they were tracked", "minutes": 30, "owner": "Ana Lima"},
            {"title": "OKR principles refresher", "minutes": 20, "owner": "Ana Lima"},
            {"title": "Core values and what they ask of our OKRs", "minutes": 20},
            {"title": "Shared worldview: dynamics, competition, audience", "minutes": 45},
            {"title": "Draft the strategic OKR", "minutes": 60},
            {"title": "Commitments and next steps", "minutes": 15},
        ],
    },
}

# Each team's story: how far along (share of the way to target) it is at each of the
# 12 check-ins, its issues and plans, in order.
_PATHS = {
    "Discover Team": [0.04, 0.12, 0.20, 0.29, 0.38, 0.46, 0.55, 0.63, 0.71, 0.79, 0.87, 0.93],
    "Support Experience Team": [0.03, 0.08, 0.12, 0.14, 0.15, 0.17, 0.27, 0.40, 0.52, 0.63, 0.73, 0.82],
    "Account Opening Team": [0.00, 0.04, 0.08, 0.12, 0.16, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50],
}
# How each KR fares against its team's path: some run ahead, some lag.
_KR_BIAS = {
    "DT-1.1": 1.05, "DT-1.2": 1.12, "DT-1.3": 0.86, "SX-1.1": 1.06, "SX-1.2": 0.93,
    "AO-1.1": 1.12, "AO-1.2": 0.85, "DS-1.1": 1.0, "DS-1.2": 1.08, "DS-1.3": 0.9,
}
_MOOD = {"Discover Team": 0.4, "Support Experience Team": 0.0, "Account Opening Team": -0.8,
         "Digital Services": 0.0}
_ISSUES = {
    "Discover Team": [
        "Analytics events for the tutorial are not firing on Android.", "",
        "Design review for the new flow slipped a week.", "",
        "Legal has not approved the new consent copy.", "",
        "Tutorial A/B test needs two more weeks of traffic.", "", "",
        "Ticket tagging changed in the help desk; numbers for DT-1.3 are noisy.", "", "",
    ],
    "Support Experience Team": [
        "", "Half the team pulled into the branch-migration initiative.",
        "Branch migration still takes most of our week.", "No time left for the help-center content.",
        "Still blocked by the migration; we agreed to raise it at the retro.", "",
        "Content writers start only next week.", "", "Search in the app returns old articles first.", "", "",
        "",
    ],
    "Account Opening Team": [
        "Document-check vendor contract not signed yet.", "", "Risk wants a manual review for every account.",
        "Vendor contract still pending.", "", "Online flow fails for customers without a tax id.", "",
        "Risk review of automation rules takes longer than planned.", "", "Integration tests with the vendor flaky.",
        "", "",
    ],
}
_PLANS = {
    "Discover Team": [
        "Map where users drop in the first three screens.", "Ship the redesigned welcome screen to 10% of users.",
        "Roll the welcome screen out to everyone.", "Start the tutorial A/B test.",
        "Publish consent copy once legal approves.", "Add contextual help to account setup.",
        "Read the A/B test and pick a winner.", "Roll out interactive tutorials.",
        "Work with Support on the setup FAQ.", "Clean up ticket tagging with Support.",
        "Polish the last onboarding step.", "Prepare the end-of-cycle retrospective.",
    ],
    "Support Experience Team": [
        "List the 20 most asked first-week questions.", "Ask leadership to confirm our priorities.",
        "Write the first five in-app answers.", "Escalate the migration conflict to Marina.",
        "Hold a mid-cycle retrospective.", "Agree with Marina: two people back on our OKR full time.",
        "Write ten in-app answers with the content writers.", "Join Discover on the setup-help screen.",
        "Fix search ranking for new articles.", "Measure call time for customers who read an answer.",
        "Publish the remaining answers.", "Prepare the end-of-cycle retrospective.",
    ],
    "Account Opening Team": [
        "Sign the document-check vendor.", "Design the automatic decision rules with Risk.",
        "Agree with Risk which accounts can skip manual review.", "Escalate the vendor contract.",
        "Build the vendor integration.", "Support customers without a tax id in the online flow.",
        "Pilot automatic decisions for salary accounts.", "Present automation rules to the Risk committee.",
        "Extend the pilot to all salary accounts.", "Stabilise the vendor integration tests.",
        "Measure time to open for the pilot group.", "Prepare the end-of-cycle retrospective.",
    ],
}
_AUTHORS = {
    "Discover Team": "Joana Alves", "Support Experience Team": "Carla Nunes",
    "Account Opening Team": "Bruno Teixeira", "Digital Services": "Marina Costa",
}


def demo_engagement() -> Engagement:
    return Engagement.model_validate(_ENGAGEMENT)


def demo_record() -> EngagementRecord:
    """The demo engagement with its quarter of check-ins and its mid-cycle retrospectives."""
    engagement = demo_engagement()
    rng = random.Random(2026)
    dates = engagement.cycle.checkin_dates()
    checkins: list[CheckIn] = []
    for week, date in enumerate(dates):
        pace = (date - CYCLE_START).days / engagement.cycle.days
        team_progress = {}
        for team_name, path in _PATHS.items():
            objective = engagement.team(team_name).objectives[0]
            values = {}
            for kr in objective.key_results:
                share = max(0.0, path[week] * _KR_BIAS[kr.id] * rng.uniform(0.97, 1.03))
                values[kr.id] = _at_share(kr, share)
            team_progress[team_name] = path[week]
            checkins.append(CheckIn(
                team=team_name, date=date, values=values,
                confidence=_confidence(path[week], pace, team_name, rng) - bool(_ISSUES[team_name][week]),
                issues=_ISSUES[team_name][week], plan=_PLANS[team_name][week], author=_AUTHORS[team_name],
            ))
        checkins.append(_business_unit_checkin(engagement, date, week, pace, team_progress, rng))
    # In the order the store gives them back: by date, then by the team's place.
    place = {t.name: i for i, t in enumerate(engagement.teams)}
    return EngagementRecord(
        engagement=engagement,
        checkins=sorted(checkins, key=lambda c: (c.date, place[c.team])),
        retros=sorted(_retros(), key=lambda r: (r.date, place[r.team])),
        cycles=[_pilot_cycle()],
    )


def _business_unit_checkin(engagement: Engagement, date: dt.date, week: int, pace: float,
                           team_progress: dict[str, float], rng: random.Random) -> CheckIn:
    """The BU's strategic KRs move with the teams that contribute to them, with a lag."""
    share = (0.5 * team_progress["Discover Team"] + 0.3 * team_progress["Support Experience Team"]
             + 0.2 * team_progress["Account Opening Team"]) * 0.95
    values = {}
    for kr in engagement.team("Digital Services").objectives[0].key_results:
        moved = max(0.0, share * _KR_BIAS[kr.id] * rng.uniform(0.97, 1.03))
        values[kr.id] = _at_share(kr, moved)
    confidence = _confidence(share, pace, "Digital Services", rng)
    plans = ["Share the drop-off analysis with all three teams.", "Monthly report to the board on DS-1.",
             "Unblock Support Experience: agree priorities with the migration programme."]
    return CheckIn(team="Digital Services", date=date, confidence=confidence, values=values,
                   issues="Support Experience is losing people to the branch migration." if 1 <= week <= 4 else "",
                   plan=plans[week % 3], author=_AUTHORS["Digital Services"])


def _confidence(progress: float, pace: float, team: str, rng: random.Random) -> int:
    """A team's confidence follows how it stands against pace, with a little mood."""
    standing = min(1.0, (progress + 0.1) / (pace + 0.1))
    return min(10, max(1, round(2 + 7 * standing**1.5 + _MOOD[team] + rng.uniform(-0.5, 0.5))))


def _at_share(kr: KeyResult, share: float) -> float:
    """The KR's value `share` of the way from baseline to target, rounded as a team reports it."""
    assert kr.baseline is not None and kr.target is not None  # every demo KR has both
    value = kr.baseline + (kr.target - kr.baseline) * share
    if kr.unit in ("tickets/month", "h") or abs(value) >= 100:
        return float(round(value))
    return round(value, 1)


def _retros() -> list[Retro]:
    mid = dt.date(2026, 2, 13)
    return [
        Retro.model_validate({
            "team": "Support Experience Team", "date": mid, "kind": "mid-cycle", "format": "attractors-detractors",
            "items": [
                {"prompt": "attractors", "text": "The top-20 question list gave us a clear target", "votes": 3},
                {"prompt": "attractors", "text": "Discover shares its drop-off data every week", "votes": 2},
                {"prompt": "detractors", "text": "The branch-migration initiative takes half the team", "votes": 5},
                {"prompt": "detractors", "text": "No content writer until March", "votes": 2},
            ],
            "actions": [
                "Marina to agree with the migration programme: two people back on SX-1 full time",
                "Pair with Discover on the account-setup help screen",
            ],
        }),
        Retro.model_validate({
            "team": "Discover Team", "date": mid, "kind": "mid-cycle", "format": "attractors-detractors",
            "items": [
                {"prompt": "attractors", "text": "Weekly GRIP keeps us honest about the tutorial numbers", "votes": 4},
                {"prompt": "attractors", "text": "Small releases to 10% of users first", "votes": 3},
                {"prompt": "detractors", "text": "Waiting on legal for consent copy", "votes": 2},
                {"prompt": "detractors", "text": "Ticket tagging differs between teams", "votes": 3},
            ],
            "actions": ["Agree one ticket taxonomy with Support Experience"],
        }),
    ]


# --- 2025-Q4, the pilot cycle -----------------------------------------------------------

_PILOT_TEAMS = [
    {"name": "Digital Services", "level": "business-unit", "members": ["Marina Costa", "Paulo Reis"], "okrs": [{
        "id": "DS-1", "objective": "Improve digital onboarding", "priority": "Simplify onboarding for new customers",
        "key_results": [
            {"id": "DS-1.1", "title": "Reduce first-week customer drop-off from 44% to 40%",
             "baseline": 44, "target": 40, "unit": "%", "owner": "Marina Costa"},
            {"id": "DS-1.2", "title": "Launch the new onboarding release", "kind": "milestone",
             "owner": "Paulo Reis"},
        ]}]},
    {"name": "Discover Team", "parent": "Digital Services", "members": ["Joana Alves", "Rafael Souza"], "okrs": [{
        "id": "DT-1", "objective": "Grow onboarding completion to 65%", "aligns_to": ["DS-1"],
        "key_results": [
            {"id": "DT-1.1", "title": "Increase onboarding completion from 52% to 65%",
             "baseline": 52, "target": 65, "unit": "%", "owner": "Joana Alves"},
            {"id": "DT-1.2", "title": "Redesign the tutorial screens", "kind": "milestone", "owner": "Rafael Souza"},
        ]}]},
    {"name": "Support Experience Team", "parent": "Digital Services", "members": ["Carla Nunes", "Diego Prado"],
     "okrs": [{
         "id": "SX-1", "objective": "Support new customers better", "aligns_to": ["DS-1"],
         "key_results": [
             {"id": "SX-1.1", "title": "Increase self-service resolution of first-week questions from 28% to 40%",
              "baseline": 28, "target": 40, "unit": "%", "owner": "Carla Nunes"},
             {"id": "SX-1.2", "title": "Keep average call time for new users at 12 minutes",
              "baseline": 12, "target": 12, "unit": "min", "owner": "Diego Prado"},
         ]}]},
    {"name": "Account Opening Team", "parent": "Digital Services", "members": ["Bruno Teixeira", "Sofia Martins"],
     "okrs": [{
         "id": "AO-1", "objective": "Open more accounts online", "aligns_to": ["DS-1"],
         "key_results": [
             {"id": "AO-1.1", "title": "Increase accounts opened fully online from 48% to 60%",
              "baseline": 48, "target": 60, "unit": "%", "owner": "Sofia Martins"},
             {"id": "AO-1.2", "title": "Hold weekly sync meetings with Risk", "kind": "milestone",
              "owner": "Bruno Teixeira"},
         ]}]},
]
# Where each pilot team ends (share of the way to target) and the week its milestone was done.
_PILOT_FINAL = {"Digital Services": 0.75, "Discover Team": 1.0, "Support Experience Team": 0.58,
                "Account Opening Team": 0.58}
_PILOT_DONE = {"DS-1.2": 9, "DT-1.2": 6}
_PILOT_LESSONS = {
    "Discover Team": (["Onboarding completion reached 65%"], ["Redesigning screens was a task, not a result"],
                      ["Users read the tutorial more on Android"],
                      ["Write key results as outcomes; keep the projects in the backlog"],
                      ["Ask the coach to review our OKRs before the quarter starts"]),
    "Support Experience Team": (["Self-service resolution rose to 35%"], ["Nobody owned 'support better'"],
                                ["The call-time KR never moved, so nobody looked at it"],
                                ["Name the outcome for new customers, not for us"],
                                ["Drop business-as-usual KRs; measure what we want to change"]),
    "Account Opening Team": (["More accounts opened online"], ["Weekly syncs with Risk were a meeting, not a result"],
                             ["Risk was open to automation once asked"],
                             ["Check in every Friday, even in a bad week"],
                             ["Make time to open an account a key result with Risk"]),
}


def _pilot_cycle() -> PastCycle:
    """The 2025-Q4 pilot: weaker OKRs, a patchier rhythm, and end-of-cycle retrospectives."""
    cycle = Cycle(name="2025-Q4", start=dt.date(2025, 10, 6), end=dt.date(2025, 12, 19))
    teams = [Team.model_validate(t) for t in _PILOT_TEAMS]
    rng = random.Random(2025)
    dates = cycle.checkin_dates()
    checkins = []
    for week, date in enumerate(dates):
        share_of_time = (week + 1) / len(dates)
        for team in teams:
            if week not in (0, len(dates) - 1) and rng.random() < 0.25:
                continue  # a skipped week: the rhythm was not a habit yet
            share = _PILOT_FINAL[team.name] * share_of_time
            values = {}
            for kr in team.objectives[0].key_results:
                if kr.kind.value == "milestone":
                    values[kr.id] = 1.0 if week >= _PILOT_DONE.get(kr.id, 99) else 0.0
                elif kr.baseline != kr.target:
                    values[kr.id] = _at_share(kr, share * rng.uniform(0.97, 1.03) if week < len(dates) - 1 else share)
                else:
                    values[kr.id] = kr.baseline if kr.baseline is not None else 0.0
            checkins.append(CheckIn(team=team.name, date=date, values=values, author=_AUTHORS[team.name],
                                    confidence=_confidence(share, share_of_time, team.name, rng)))
    retros = []
    for name, answers in _PILOT_LESSONS.items():
        *prompts, actions = answers
        retros.append(Retro.model_validate({
            "team": name, "date": dates[-1], "kind": "end", "format": "end-of-cycle",
            "items": [{"prompt": prompt, "text": text} for prompt, texts in
                      zip(("achieved", "learned", "surprised", "differently"), prompts, strict=True) for text in texts],
            "actions": actions,
        }))
    return PastCycle(cycle=cycle, phase="introducing", teams=teams, checkins=checkins, retros=retros)
