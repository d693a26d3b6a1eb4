"""Fixtures for the widget tests: the demo engagement, and one full of hostile text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from widget_helpers import HOSTILE, SCRIPT

from okrkit.model import CheckIn, Retro
from okrkit.testing import demo_folder, engagement, key_result, objective, stored, team


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The Banco Aurora demo engagement, stored in SQLite under tmp_path."""
    return demo_folder(tmp_path)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    """An engagement whose every text field a client can fill holds an HTML injection."""
    strategic = team(f"BU {SCRIPT}", level="business-unit", okrs=[
        objective("S-1", title=f"Strategic {HOSTILE}", priority=HOSTILE,
                  krs=[key_result("S-1.1", title=f"Increase {HOSTILE} from 20 to 40")]),
    ])
    peer = team(f"Peer {SCRIPT}", okrs=[objective("P-1", title=f"Peer goal {SCRIPT}", aligns_to=["S-1"],
                                                  krs=[key_result("P-1.1")])])
    victim = team(HOSTILE, members=[HOSTILE], parent=f"BU {SCRIPT}", okrs=[
        objective("T-1", title=f"Make {HOSTILE} happy", why=SCRIPT, aligns_to=["S-1"],
                  shares_with=[f"Peer {SCRIPT}"],
                  krs=[key_result("T-1.1", title=f"Increase {HOSTILE} from 20 to 40", unit=SCRIPT[:20],
                                  owner=HOSTILE)]),
    ])
    eng = engagement(teams=[strategic, victim, peer], client=HOSTILE, vision=HOSTILE, priorities=[HOSTILE],
                     core_values=[SCRIPT], worldview={"key_dynamics": [HOSTILE], "competition": [SCRIPT],
                                                      "target_audience": [HOSTILE]},
                     backlog=[{"id": "B-1", "title": HOSTILE, "key_result": "T-1.1"}],
                     workshop={"participants": [{"name": HOSTILE, "interview_notes": SCRIPT}],
                               "past_results": HOSTILE, "facilitator_notes": SCRIPT,
                               "agenda": [{"title": HOSTILE, "minutes": 10, "owner": SCRIPT}]})
    store = stored(tmp_path, eng)
    for week, day in enumerate((dt.date(2026, 1, 9), dt.date(2026, 1, 16))):
        store.record_checkin(CheckIn(team=HOSTILE, date=day, confidence=6 + week, values={"T-1.1": 25 + week},
                                     issues=HOSTILE, plan=SCRIPT, author=HOSTILE))
    store.record_retro(Retro(team=HOSTILE, date=dt.date(2026, 1, 30), kind="mid-cycle",
                             format="attractors-detractors",
                             items=[{"prompt": "attractors", "text": HOSTILE, "votes": 2, "author": SCRIPT}],
                             actions=[SCRIPT]))
    return tmp_path / "engagement"
