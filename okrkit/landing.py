"""The landing page of `okrkit serve`: the engagement's apps, one card per team.

Plain HTML built here, with every piece of engagement text escaped (a team may be named
`<img src=x onerror=…>`); one inline style block, no script, no outside host. The page
is served by okrkit.serve's handler and needs no kernel, so it opens at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from okrkit.theme import PALETTE, STATUS, status_look

if TYPE_CHECKING:
    from okrkit.progress import EngagementStatus, TeamStatus
    from okrkit.workbook import Template

__all__ = ["app_url", "render_landing"]

_ICONS = {"checkin": "✓", "retro": "↻", "dashboard": "▤"}

_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 color:#1d2430;background:#f4f6fa}
header{background:#1f4e8c;color:#fff;padding:28px 0 24px}
.wrap{max-width:1100px;margin:0 auto;padding:0 24px}
header .kicker{font-size:12px;letter-spacing:.08em;text-transform:uppercase;opacity:.8}
header h1{margin:4px 0 6px;font-size:28px;font-weight:650}
header .sub{font-size:14px;opacity:.9}
main{padding:22px 0 40px}
h2{font-size:13px;letter-spacing:.06em;text-transform:uppercase;color:#5b6575;margin:22px 0 10px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:14px}
.card{background:#fff;border:1px solid #dde2ea;border-radius:10px;padding:16px 18px;
 box-shadow:0 1px 2px rgba(16,24,40,.05)}
.card h3{margin:0 0 4px;font-size:17px;font-weight:640;overflow-wrap:anywhere}
.meta{font-size:12.5px;color:#5b6575;margin-bottom:12px}
.badges{display:flex;gap:6px;margin:2px 0 4px}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;font-weight:600}
.apps{display:flex;flex-direction:column;gap:6px}
a.app{display:flex;gap:10px;align-items:flex-start;text-decoration:none;color:#1d2430;border:1px solid #e3e8f0;
 border-radius:8px;padding:8px 10px;background:#f9fafc}
a.app:hover,a.app:focus{border-color:#1f4e8c;background:#eef3fb;outline:none}
a.app .icon{flex:0 0 26px;height:26px;border-radius:6px;background:#1f4e8c;color:#fff;display:flex;
 align-items:center;justify-content:center;font-size:14px}
a.app b{display:block;font-size:14px;font-weight:600}
a.app span.what{display:block;font-size:12px;color:#5b6575}
.empty{color:#5b6575;font-size:14px}
footer{color:#8a93a3;font-size:12px;padding:0 0 24px}
"""


def app_url(base_url: str, template: Template, team: str | None) -> str:
    """`/voila/render/checkin.ipynb?team=Discover%20Team`: the team goes in the query, quoted."""
    url = f"{base_url.rstrip('/')}/voila/render/{quote(template.name)}"
    return url + ("?" + urlencode({"team": team}, quote_via=quote) if team else "")


def _badge(text: str, fg: str, bg: str) -> str:
    return f'<span class="badge" style="color:{fg};background:{bg}">{escape(text)}</span>'


def _links(base_url: str, apps: Sequence[Template], team: str | None) -> str:
    items = []
    for app in apps:
        items.append(
            f'<a class="app" data-app="{escape(app.slug)}" href="{escape(app_url(base_url, app, team))}">'
            f'<span class="icon" aria-hidden="true">{_ICONS.get(app.slug, "›")}</span>'
            f'<span><b>{escape(app.title)}</b><span class="what">{escape(app.summary)}</span></span></a>'
        )
    return '<div class="apps">' + "".join(items) + "</div>"


def _team_meta(team: TeamStatus) -> str:
    badges = []
    if team.level.value != "team":
        badges.append(_badge(team.level.value.replace("-", " "), PALETTE["accent"], PALETTE["accent-soft"]))
    statuses = [o.status for o in team.objectives]
    if statuses:
        worst = status_look(max(statuses, key=list(STATUS).index))  # the worst objective's
        badges.append(_badge(worst.label, worst.colour, worst.background))
    facts = [f"{len(team.objectives)} objective{'s' if len(team.objectives) != 1 else ''}"]
    if team.confidence is not None:
        facts.append(f"confidence {team.confidence}/10")
    facts.append(f"last check-in {team.last_checkin:%d %b}" if team.last_checkin else "no check-in yet")
    return f'<div class="badges">{"".join(badges)}</div><div class="meta">{escape(" · ".join(facts))}</div>'


def render_landing(status: EngagementStatus, apps: Sequence[Template], base_url: str = "/",
                   today: dt.date | None = None) -> str:
    """The whole page: the engagement-wide apps first, then a card per team with its apps."""
    cycle = status.cycle
    wide = [a for a in apps if a.engagement_wide]
    per_team = [a for a in apps if a.per_team]
    sections = []
    if wide:
        sections.append(
            '<h2>Whole engagement</h2><div class="grid"><div class="card" data-team="">'
            f'<h3>{escape(status.client)}</h3><div class="meta">{len(status.teams)} teams · '
            f'{escape(f"{len(status.objectives())} objectives")}</div>{_links(base_url, wide, None)}</div></div>'
        )
    cards = [
        f'<div class="card" data-team="{escape(team.name)}"><h3>{escape(team.name)}</h3>{_team_meta(team)}'
        f"{_links(base_url, per_team, team.name)}</div>"
        for team in status.teams
    ]
    sections.append("<h2>Teams</h2>" + (f'<div class="grid">{"".join(cards)}</div>' if cards else
                                        '<p class="empty">No teams yet: the coach adds them to the engagement.</p>'))
    today = today or dt.date.today()
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:;base64,=">'  # no request for /favicon.ico (a 404 in the log at each visit)
        f"<title>{escape(status.client)} · OKR apps</title><style>{_CSS}</style></head><body>"
        f'<header><div class="wrap"><div class="kicker">OKR apps</div><h1>{escape(status.client)}</h1>'
        f'<div class="sub">Cycle {escape(cycle.name)} · {cycle.start:%d %b %Y} – {cycle.end:%d %b %Y} · '
        f"check-ins {escape(cycle.checkin_weekday.value.capitalize())}s at {cycle.checkin_time:%H:%M}</div>"
        f'</div></header><main><div class="wrap">{"".join(sections)}</div></main>'
        f'<footer><div class="wrap">okrkit · {today:%d %b %Y}</div></footer></body></html>'
    )
