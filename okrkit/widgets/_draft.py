"""The OKR drafter's draft: plain, JSON-ready data, kept in the store while unsaved.

A draft holds what people typed, as text ("by 25%", "1,200", or "forty"), so a half-written
OKR survives a kernel restart exactly as it was left. Turning it into model objects is the
model's job (`parse`); this module only converts between the two shapes and picks ids.
"""

from __future__ import annotations

import re
from typing import Any

from okrkit.model import Engagement, Team
from okrkit.widgets._forms import clip_text, number_text

__all__ = [
    "add_kr_candidate",
    "append_kr_candidate",
    "draft_from_team",
    "draft_name",
    "kr_data",
    "new_kr",
    "new_objective",
    "objective_data",
    "sanitise",
]

_TEXT_KEYS_OBJ = ("id", "title", "why", "commitment", "aligns_to", "priority")
_TEXT_KEYS_KR = ("id", "title", "baseline", "target", "unit", "kind", "owner", "weight")


def draft_name(team: str) -> str:
    return f"drafter:{team}"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def draft_from_team(team: Team) -> dict[str, Any]:
    """The team's saved OKRs as a draft, to start editing from."""
    return {"objectives": [
        {
            "id": obj.id, "title": obj.title, "why": obj.why,
            "commitment": obj.commitment.value if obj.commitment else "",
            "aligns_to": obj.aligns_to[0] if obj.aligns_to else "", "priority": obj.priority or "",
            "shares_with": list(obj.shares_with),
            "key_results": [
                {"id": kr.id, "title": kr.title, "baseline": _num(kr.baseline), "target": _num(kr.target),
                 "unit": kr.unit, "kind": kr.kind.value, "owner": kr.owner, "weight": _num(kr.weight)}
                for kr in obj.key_results
            ],
        }
        for obj in team.objectives
    ]}


def sanitise(payload: Any) -> dict[str, Any]:
    """Whatever was stored or sent, as a draft of bounded strings (unknown keys dropped)."""
    objectives = []
    raw_objectives = payload.get("objectives", []) if isinstance(payload, dict) else []
    for raw in raw_objectives[:50] if isinstance(raw_objectives, list) else []:
        if not isinstance(raw, dict):
            continue
        obj: dict[str, Any] = {k: clip_text(raw.get(k, "")) for k in _TEXT_KEYS_OBJ}
        shares = raw.get("shares_with", [])
        obj["shares_with"] = [clip_text(s, 200) for s in shares if isinstance(s, str)] if isinstance(shares, list) \
            else []
        krs = raw.get("key_results", [])
        obj["key_results"] = [
            {k: clip_text(kr.get(k, "")) for k in _TEXT_KEYS_KR}
            for kr in (krs[:50] if isinstance(krs, list) else []) if isinstance(kr, dict)
        ]
        objectives.append(obj)
    raw_dismissed = payload.get("dismissed", []) if isinstance(payload, dict) else []
    dismissed = [
        {k: clip_text(d.get(k, ""), 1000) for k in ("path", "rule", "reason", "fingerprint")}
        for d in (raw_dismissed[:200] if isinstance(raw_dismissed, list) else []) if isinstance(d, dict)
    ]
    raw_restored = payload.get("restored", []) if isinstance(payload, dict) else []
    restored = [  # saved dismissals the coach took back in this draft
        {k: clip_text(r.get(k, ""), 100) for k in ("rule", "fingerprint")}
        for r in (raw_restored[:200] if isinstance(raw_restored, list) else []) if isinstance(r, dict)
    ]
    return {"objectives": objectives, "dismissed": dismissed, "restored": restored}


def _prefix(engagement: Engagement, team: str) -> str:
    owned = [o.id for o in engagement.team(team).objectives] if team in {t.name for t in engagement.teams} else []
    for ident in owned:
        if "-" in ident:
            return ident.split("-", 1)[0]
    words = [w for w in re.findall(r"[A-Za-z0-9]+", team)]
    initials = "".join(w[0] for w in words).upper() or "OKR"
    return initials[:6]


def _used_ids(engagement: Engagement, draft: dict[str, Any]) -> set[str]:
    used = {o.id for _, o in engagement.objectives()} | set(engagement.key_results())
    for obj in draft["objectives"]:
        used.add(obj["id"])
        used |= {kr["id"] for kr in obj["key_results"]}
    return used


def new_objective(engagement: Engagement, team: str, draft: dict[str, Any]) -> dict[str, Any]:
    """An empty objective with the next free id of the team ("DT-2")."""
    prefix, used = _prefix(engagement, team), _used_ids(engagement, draft)
    number = 1
    while f"{prefix}-{number}" in used:
        number += 1
    return {"id": f"{prefix}-{number}", "title": "", "why": "", "commitment": "", "aligns_to": "", "priority": "",
            "shares_with": [], "key_results": []}


def new_kr(engagement: Engagement, objective: dict[str, Any], draft: dict[str, Any], title: str = "") -> dict[str, Any]:
    """An empty key result with the next free id under its objective ("DT-2.3")."""
    used = _used_ids(engagement, draft)
    number = 1
    while f"{objective['id']}.{number}" in used:
        number += 1
    return {"id": f"{objective['id']}.{number}", "title": clip_text(title, 200), "baseline": "", "target": "",
            "unit": "", "kind": "metric", "owner": "", "weight": "1"}


def kr_data(kr: dict[str, Any]) -> dict[str, Any]:
    """A draft KR as input for `parse(KeyResult, …)`: empty numbers mean "not set yet"."""
    data: dict[str, Any] = {"id": kr["id"], "title": kr["title"], "unit": kr.get("unit", ""),
                            "kind": kr.get("kind") or "metric", "owner": kr.get("owner", "")}
    for key in ("baseline", "target", "weight"):
        text = number_text(kr.get(key, ""))
        if text:
            data[key] = text
    return data


def objective_data(obj: dict[str, Any], key_results: list[Any]) -> dict[str, Any]:
    """A draft objective as input for `parse(Objective, …)`, with its already parsed KRs."""
    data: dict[str, Any] = {"id": obj["id"], "objective": obj["title"], "why": obj.get("why", ""),
                            "aligns_to": [obj["aligns_to"]] if obj.get("aligns_to") else [],
                            "shares_with": list(obj.get("shares_with", [])), "key_results": key_results}
    if obj.get("commitment"):
        data["commitment"] = obj["commitment"]
    if obj.get("priority"):
        data["priority"] = obj["priority"]
    return data


def append_kr_candidate(engagement: Engagement, team: str, draft: dict[str, Any], title: str) -> dict[str, Any]:
    """Append a KR candidate under the draft's last objective, or a new empty one. Returns the KR."""
    if not draft["objectives"]:
        draft["objectives"].append(new_objective(engagement, team, draft))
    objective = draft["objectives"][-1]
    kr = new_kr(engagement, objective, draft, title)
    objective["key_results"].append(kr)
    return kr


def add_kr_candidate(store: Any, engagement: Engagement, team: str, title: str) -> dict[str, Any]:
    """Append a KR candidate to the team's draft in the store (the Time Machine's hand-off)."""
    draft = sanitise(store.load_draft(draft_name(team)) or draft_from_team(engagement.team(team)))
    kr = append_kr_candidate(engagement, team, draft, title)
    store.save_draft(draft_name(team), draft)
    return kr

