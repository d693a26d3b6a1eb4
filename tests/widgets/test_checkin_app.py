"""The GRIP check-in app: what it saves, what it refuses, what it shows."""

from __future__ import annotations

import datetime as dt

import pytest
from widget_helpers import page_html

from okrkit.store import open_store
from okrkit.widgets import CheckInApp

TEAM = "Discover Team"
NEW_WEEK = dt.date(2026, 3, 26)  # a day of the demo's cycle with no check-in yet (every Friday has one)


def _app(folder, day=NEW_WEEK):
    app = CheckInApp(folder, team=TEAM, today=day)
    if app.date.value != day:
        app.date.value = day  # the app opens on the nearest check-in day; the tests pick the day itself
    return app


def test_checkin_saves_and_reads_back(folder):
    """A filled-in check-in is recorded in the store with every GRIP field."""
    app = _app(folder)
    app.confidence.value = 8
    app.value_fields["DT-1.1"].value = "89"
    app.value_fields["DT-1.3"].value = "1,010"
    app.issues.value = "Legal review pending"
    app.plan.value = "Ship the consent copy"
    app.author.value = "Joana"
    app.save_button.click()
    saved = next(c for c in open_store(folder).checkins(TEAM) if c.date == NEW_WEEK)
    assert (saved.date, saved.confidence, saved.issues, saved.plan, saved.author) == (
        NEW_WEEK, 8, "Legal review pending", "Ship the consent copy", "Joana")
    assert saved.values["DT-1.1"] == 89 and saved.values["DT-1.3"] == 1010
    assert "Saved" in app.result.value


def test_text_in_a_number_field_saves_nothing_and_says_why(folder):
    """'eighty' as a KR value is reported beside that KR, and no check-in is recorded."""
    before = len(open_store(folder).checkins(TEAM))
    app = _app(folder)
    app.confidence.value = 7
    app.value_fields["DT-1.2"].value = "eighty"
    app.save_button.click()
    assert len(open_store(folder).checkins(TEAM)) == before
    assert "number" in app.messages["values.DT-1.2"].value
    assert "Nothing was saved" in app.result.value


def test_missing_confidence_saves_nothing_and_says_why(folder):
    """Without a confidence the check-in is refused with a message at the confidence scale."""
    before = len(open_store(folder).checkins(TEAM))
    app = _app(folder)
    app.save_button.click()
    assert len(open_store(folder).checkins(TEAM)) == before
    assert "from 1 to 10" in app.messages["confidence"].value


@pytest.mark.parametrize("index", [10, 42, -1, "8"], ids=["just-past-10", "far-past-10", "negative", "text"])
def test_confidence_outside_the_scale_from_a_client_is_refused_with_a_message(folder, index):
    """A widget message choosing a confidence outside 1–10 is refused, explained, and nothing is saved."""
    before = len(open_store(folder).checkins(TEAM))
    app = _app(folder)
    app.confidence.set_state({"index": index})  # what a hand-made comm message would do
    assert app.confidence.value is None
    assert "from 1 to 10" in app.messages["confidence"].value
    app.save_button.click()
    assert len(open_store(folder).checkins(TEAM)) == before


def test_typing_a_value_updates_its_progress_bar(folder):
    """The bar follows the typed value: 77.5 of 65 → 90 is half way."""
    app = _app(folder)
    app.value_fields["DT-1.1"].value = "77.5"
    assert "50%" in app._bars["DT-1.1"].value


def test_last_weeks_plan_is_shown_to_follow_up(folder):
    """The plan of the latest earlier check-in is quoted at the top."""
    app = _app(folder)
    last = [c for c in open_store(folder).checkins(TEAM) if c.date < NEW_WEEK][-1]
    assert last.plan.split(".")[0] in app.follow_up.value


def test_an_existing_week_is_prefilled_and_replaced_on_save(folder):
    """Opening a week that has a check-in shows it; saving again replaces it rather than adding one."""
    store = open_store(folder)
    last = store.checkins(TEAM)[-1]
    app = _app(folder, day=last.date)
    assert app.confidence.value == last.confidence
    app.confidence.value = 3
    app.save_button.click()
    after = store.checkins(TEAM)
    assert len([c for c in after if c.date == last.date]) == 1 and after[-1].confidence == 3


def test_trend_chart_is_drawn_without_altair(folder):
    """The team's trend is an inline SVG with one point per confidence recorded."""
    app = _app(folder, day=dt.date(2026, 3, 27))
    assert app.trend.value.startswith("<svg") and app.trend.value.count("<circle") == 12


def test_no_team_shows_a_picker_and_no_form(folder):
    """With team=None the app asks for the team first."""
    app = CheckInApp(folder, today=NEW_WEEK)
    assert app.team_picker.layout.display != "none"
    assert "Choose your team" in page_html(app)
    app.team_picker.value = TEAM
    assert app.team == TEAM and app.value_fields


def test_unknown_team_is_a_message_not_a_traceback(folder):
    """A team that is not in the engagement is reported and the picker offered."""
    app = CheckInApp(folder, team="Nobody", today=NEW_WEEK)
    assert "no team named" in app.notice.value


def test_missing_store_is_a_message_not_a_traceback(tmp_path):
    """A folder without an engagement shows what to do instead of raising."""
    app = CheckInApp(tmp_path / "empty", team=TEAM)
    assert "cannot open the engagement" in app.notice.value


def test_an_unsaved_check_in_survives_reopening_the_same_week(folder):
    """What was typed but not saved comes back in a new app for the same team and week."""
    app = _app(folder)
    app.confidence.value = 4
    app.value_fields["DT-1.2"].value = "49"
    app.issues.value = "Video freeze"
    again = _app(folder)
    assert (again.confidence.value, again.value_fields["DT-1.2"].value, again.issues.value) == (4, "49",
                                                                                               "Video freeze")
    assert "restored" in again.result.value


def test_saving_a_check_in_clears_its_draft(folder):
    """After a save the next app opens on the saved check-in, not on a stale draft."""
    app = _app(folder)
    app.confidence.value = 6
    app.save_button.click()
    assert open_store(folder).load_draft("checkin:Discover Team") is None
    assert "restored" not in _app(folder).result.value


def test_an_unexpected_error_is_said_on_the_page(folder, monkeypatch):
    """A failure nobody foresaw shows a plain message instead of a button that does nothing."""
    app = _app(folder)
    app.confidence.value = 7

    def broken(_checkin):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app.store, "record_checkin", broken)
    app.save_button.click()
    assert "Something went wrong and nothing was saved" in app.notice.value


def test_the_trend_stops_at_the_chosen_week(folder):
    """Looking at a past week, the trend shows only the check-ins known then."""
    early = CheckInApp(folder, team=TEAM, today=dt.date(2026, 1, 23)).trend.value
    late = CheckInApp(folder, team=TEAM, today=dt.date(2026, 3, 27)).trend.value
    assert early.count("<circle") < late.count("<circle")


def _q2_folder(tmp_path):
    """A new engagement for a cycle that is not today's (1 Apr – 30 Jun), with no check-in yet."""
    from okrkit.testing import engagement, stored, team

    stored(tmp_path, engagement(teams=[team(TEAM)], start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30)))
    return tmp_path / "engagement"


def test_after_the_cycle_the_week_defaults_to_its_last_checkin_day_and_says_so(tmp_path):
    """On 1 Dec, for a cycle that ended on 30 Jun, the app opens on Friday 26 Jun and says the cycle is over."""
    app = CheckInApp(_q2_folder(tmp_path), team=TEAM, today=dt.date(2026, 12, 1))
    assert app.date.value == dt.date(2026, 6, 26)
    assert "is over: it ended on 30 Jun 2026" in app.cycle_note.value


def test_before_the_cycle_the_week_defaults_to_its_first_checkin_day_and_says_so(tmp_path):
    """Before the cycle starts, the app opens on its first Friday and says it has not started."""
    app = CheckInApp(_q2_folder(tmp_path), team=TEAM, today=dt.date(2026, 3, 2))
    assert app.date.value == dt.date(2026, 4, 3)
    assert "has not started yet" in app.cycle_note.value


def test_a_day_outside_the_cycle_cannot_be_saved_from_the_app(tmp_path):
    """Even if the picker let a day after the cycle through, saving says why and stores nothing."""
    folder = _q2_folder(tmp_path)
    app = CheckInApp(folder, team=TEAM, today=dt.date(2026, 12, 1))
    app.date.max = dt.date(2027, 1, 1)  # as a hand-made comm message could
    app.date.value = dt.date(2026, 12, 1)
    app.confidence.value = 7
    app.save_button.click()
    assert open_store(folder).checkins() == []
    assert "2026-12-01 is outside the cycle" in app.messages["date"].value
    assert "Nothing was saved" in app.result.value


def test_an_implausible_value_asks_before_saving_and_save_anyway_saves_it(folder):
    """9,000,000 tickets (range 1,200 → 840) asks 'Is … right?' and saves nothing until Save anyway."""
    before = len(open_store(folder).checkins(TEAM))
    app = _app(folder)
    app.confidence.value = 7
    app.value_fields["DT-1.3"].value = "9000000"
    app.save_button.click()
    assert len(open_store(folder).checkins(TEAM)) == before
    assert "Is 9,000,000 tickets/month right?" in app.messages["values.DT-1.3"].value
    assert app.save_anyway.layout.display != "none"
    app.save_anyway.click()
    saved = next(c for c in open_store(folder).checkins(TEAM) if c.date == NEW_WEEK)
    assert saved.values["DT-1.3"] == 9_000_000 and "Saved" in app.result.value


def test_a_value_too_long_to_store_exactly_is_refused_beside_its_field(folder):
    """99999999999999999999 % is refused at its KR with the reason; nothing is saved."""
    before = len(open_store(folder).checkins(TEAM))
    app = _app(folder)
    app.confidence.value = 7
    app.value_fields["DT-1.1"].value = "99999999999999999999"
    app.save_button.click()
    assert len(open_store(folder).checkins(TEAM)) == before
    assert "more digits than can be stored exactly" in app.messages["values.DT-1.1"].value


def test_long_text_shows_its_length_and_limit_while_typing(folder):
    """The plan's counter says 11 / 5,000 as typed, and 'Too long: 10,000 characters, at most 5,000' past it."""
    app = _app(folder)
    app.plan.value = "Ship it now"
    assert "11 / 5,000 characters" in page_html(app)
    app.plan.value = "x" * 10_000
    assert "Too long: 10,000 characters, at most 5,000" in page_html(app)
    app.confidence.value = 7
    app.save_button.click()
    assert "Too long: 10,000 characters, at most 5,000" in app.messages["plan"].value


def test_a_week_saved_again_says_what_it_was_and_can_be_restored(folder):
    """Check-in history in the app: 'Edited — was confidence 9, DT-1.1 88.8', and Restore brings it back."""
    from okrkit.widgets import CheckInApp

    before = open_store(folder).checkins(TEAM)[-1]
    app = CheckInApp(folder, team=TEAM, today=before.date)
    assert app.edited.value == "" and app.restore_button.layout.display == "none"
    app.confidence.value = 3
    app.value_fields["DT-1.1"].value = "70"
    app.controls["save"].click()
    assert f"Edited — was confidence {before.confidence}, DT-1.1 {before.values['DT-1.1']:g}" in app.edited.value
    again = CheckInApp(folder, team=TEAM, today=before.date)  # a new visit sees it too
    assert "Edited — was" in again.edited.value and again.restore_button.layout.display == ""
    again.controls["restore"].click()
    assert open_store(folder).checkins(TEAM)[-1] == before
    assert "Restored the check-in" in again.result.value
    assert again.confidence.value == before.confidence


def test_mid_cycle_each_key_result_says_where_it_lands_at_this_pace(folder):
    """'at this pace: 84 % by 27 Mar' under each KR during the cycle; nothing once the cycle is over."""
    from okrkit.widgets import CheckInApp

    mid = CheckInApp(folder, team=TEAM, today=dt.date(2026, 2, 13))
    assert "at this pace:" in mid._forecasts["DT-1.1"].value and "by 27 Mar" in mid._forecasts["DT-1.1"].value
    end = CheckInApp(folder, team=TEAM, today=dt.date(2026, 3, 27))
    assert end._forecasts["DT-1.1"].value == ""
