"""The coach workbook's views: workshop kit, worldview and layers, Time Machine, alignment."""

from __future__ import annotations

import datetime as dt

from okrkit.store import open_store
from okrkit.widgets import AlignmentView, Drafter, TimeMachine, WorkshopKit, WorldviewView


def test_workshop_timed_agenda_starts_with_the_vision_presentations(folder):
    """Four 10-minute presentations from 09:00 put the first agenda item at 09:40."""
    kit = WorkshopKit(folder)
    assert "<b>09:00</b></td><td>Vision presentation: Marina Costa" in kit.timed.value
    assert "<b>09:40</b></td><td>Review of past results" in kit.timed.value


def test_workshop_changes_retime_the_agenda_and_save(folder):
    """A later start and a new participant move the agenda and are saved in the engagement."""
    kit = WorkshopKit(folder)
    kit.start_time.value = "10:00"
    kit.controls["add participant"].click()
    kit.participant_fields[-1]["name"].value = "Rita Gomes"
    kit.controls["save"].click()
    assert "saved" in kit.result.value
    prep = open_store(folder).load_engagement().workshop
    assert prep.start_time == dt.time(10, 0) and prep.participants[-1].name == "Rita Gomes"


def test_workshop_bad_start_time_saves_nothing_and_says_why(folder):
    """'25:99' is reported beside the start time; the stored plan keeps 09:00."""
    kit = WorkshopKit(folder)
    kit.start_time.value = "25:99"
    kit.save_button.click()
    assert "time such as 14:00" in kit.messages["start_time"].value
    assert open_store(folder).load_engagement().workshop.start_time == dt.time(9, 0)


def test_worldview_saves_one_item_per_line(folder):
    """Each non-empty line of a worldview box is one item in the engagement."""
    view = WorldviewView(folder)
    view.competition.value = "Fintechs\n\n  Big banks  \n"
    view.save_button.click()
    assert open_store(folder).load_engagement().worldview.competition == ["Fintechs", "Big banks"]


def test_layers_and_the_four_questions_are_answered_from_the_okrs(folder):
    """Each team's answers come from its OKRs and the strategic OKR it contributes to."""
    view = WorldviewView(folder)
    assert "Delight new customers" in view.questions.value and "no answer yet" not in view.questions.value
    assert view.layers.value.index("Vision") < view.layers.value.index("Strategic OKRs") < \
        view.layers.value.index("Backlog")


def test_time_machine_theme_becomes_a_kr_candidate_in_the_drafter(folder):
    """A theme's KR candidate sent from the Time Machine appears as a row in the team's drafter."""
    machine = TimeMachine(folder, team="Discover Team")
    machine.theme_input.value = "New users finish onboarding"
    machine._on_add_theme()
    candidate, send = machine.board.children[0].children[1].children
    candidate.value = "Increase week-one onboarding completion from 65% to 85%"
    send.click()
    drafter = Drafter(folder, team="Discover Team")
    titles = [kr["title"] for kr in drafter.draft["objectives"][-1]["key_results"]]
    assert titles[-1] == "Increase week-one onboarding completion from 65% to 85%"


def test_time_machine_stories_survive_reopening(folder):
    """Stories and their themes are kept in the store as they are written."""
    machine = TimeMachine(folder, team="Discover Team")
    machine.theme_input.value = "Calm first week"
    machine._on_add_theme()
    _author, text, theme = machine.stories_box.children[0].children
    text.value = "Nobody called support in their first week"
    theme.value = "Calm first week"
    again = TimeMachine(folder, team="Discover Team")
    assert again.stories[0]["text"] == "Nobody called support in their first week"
    assert again.stories[0]["theme"] == "Calm first week"


def test_time_machine_sends_to_a_live_drafter(folder):
    """Given the drafter it works with, the candidate appears there at once."""
    drafter = Drafter(folder, team="Discover Team")
    machine = TimeMachine(folder, team="Discover Team", drafter=drafter)
    machine.theme_input.value = "Fewer calls"
    machine._on_add_theme()
    candidate, send = machine.board.children[0].children[1].children
    candidate.value = "Reduce week-one calls from 500 to 300"
    send.click()
    assert drafter.draft["objectives"][-1]["key_results"][-1]["title"] == "Reduce week-one calls from 500 to 300"


def test_alignment_picture_draws_vertical_and_horizontal_links(folder):
    """Three team OKRs point at DS-1, and Discover and Support Experience share an outcome."""
    view = AlignmentView(folder, today=dt.date(2026, 2, 20))
    svg = view.picture.value
    assert svg.count('marker-end="url(#okr-arrow)"') == 4  # three team OKRs → DS-1, DS-1 → its priority
    assert svg.count('stroke-dasharray="6 4"') == 1 and "shared outcome" in svg
    assert "DT-1 ↔" not in view.summary.value and "Discover Team (DT-1) ↔ Support Experience Team (SX-1)" in \
        view.summary.value


def test_alignment_flags_a_team_okr_linked_to_nothing(folder):
    """A team OKR without aligns-to is drawn with a warning and listed as a gap."""
    store = open_store(folder)
    engagement = store.load_engagement()
    obj = engagement.team("Account Opening Team").objectives[0]
    obj.aligns_to = []
    store.save_engagement(engagement)
    view = AlignmentView(folder, today=dt.date(2026, 2, 20))
    assert "not linked" in view.picture.value and "is not linked to any strategic OKR" in view.summary.value


def test_alignment_lists_the_priorities_no_objective_serves(folder):
    """The demo: two of its three strategy priorities have no OKR; the view lists both, not 'None'."""
    summary = AlignmentView(folder, today=dt.date(2026, 2, 20)).summary.value
    assert "No objective serves the priority &#x27;Grow into the small-business segment&#x27;" in summary or \
        "No objective serves the priority 'Grow into the small-business segment'" in summary
    assert "Improve resilience in critical systems" in summary and "None:" not in summary


def test_alignment_lists_an_objective_serving_no_priority(folder):
    """A strategic OKR whose priority is not one of the engagement's is a gap."""
    store = open_store(folder)
    engagement = store.load_engagement()
    engagement.team("Digital Services").objectives[0].priority = "Something else"
    store.save_engagement(engagement)
    summary = AlignmentView(folder, today=dt.date(2026, 2, 20)).summary.value
    assert "which is not one of the engagement" in summary
