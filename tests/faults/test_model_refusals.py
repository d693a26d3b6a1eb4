"""What the model refuses, whoever gives it the value: files, apps, the store, Python callers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrkit.errors import InputError
from okrkit.io.yaml_file import read_record
from okrkit.model import EXACT, CheckIn, Engagement, KeyResult, Retro
from okrkit.store import open_store
from okrkit.testing import engagement, key_result, objective, team
from okrkit.validation import parse

CONTROL = [chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127, *range(128, 160)]]


@given(st.sampled_from(CONTROL), st.text(max_size=5), st.text(max_size=5))
def test_control_characters_are_refused_in_text(control, before, after):
    """Any C0/C1 control character other than tab and newline, anywhere in a text field, is named."""
    with pytest.raises(InputError, match=r"issues: must not contain control characters \(U\+[0-9A-F]{4}"):
        parse(CheckIn, {"team": "A", "date": "2026-01-09", "issues": f"x{before}{control}{after}x"})


def test_tab_newline_and_windows_line_ends_are_kept_as_text():
    """Tabs and newlines are text a person writes; a Windows line end becomes a newline."""
    checkin = parse(CheckIn, {"team": "A", "date": "2026-01-09", "issues": "one\ttwo\r\nthree\nfour"})
    assert checkin.issues == "one\ttwo\nthree\nfour"


@pytest.mark.parametrize("field", ["client", "coach", "vision"])
def test_a_nul_byte_is_refused_in_every_kind_of_text_field(field):
    """Names, short text and long text share one type: the NUL PostgreSQL refuses never reaches it."""
    data = {"client": "Bank", "cycle": {"name": "Q1", "start": "2026-01-05", "end": "2026-03-27"}, field: "a\x00b"}
    with pytest.raises(InputError, match=rf"^{field}: must not contain control characters \(U\+0000"):
        parse(Engagement, data)


def test_a_lone_surrogate_is_refused():
    """A YAML "\\ud800" escape would make text that is not UTF-8; it is refused, not stored."""
    with pytest.raises(InputError, match=r"line 3, column 20: found invalid Unicode character escape code"):
        read_record('client: X\ncycle: {name: Q, start: 2026-01-05, end: 2026-03-27}\nteams: [{name: "A\\ud800"}]\n')


@pytest.mark.parametrize(("data", "message"), [
    ({"baseline": True}, "baseline: must be a number, not true"),
    ({"target": False}, "target: must be a number, not false"),
    ({"weight": True}, "weight: must be a number, not true"),
    ({"baseline": 2**53 + 1}, "baseline: 9007199254740993 has more digits than can be stored exactly"),
    ({"target": -(10**30)}, "target: -1000000000000000000000000000000 has more digits than can be stored exactly"),
])
def test_booleans_and_inexact_integers_are_not_numbers(data, message):
    """true is not 1, and an integer past 2**53 would not come back from the store as written."""
    with pytest.raises(InputError, match=message):
        parse(KeyResult, {"id": "A-1.1", "title": "Grow", **data})


def test_the_largest_exact_integer_is_kept():
    """2**53 itself is stored exactly, so it is accepted."""
    assert parse(KeyResult, {"id": "A-1.1", "title": "Grow", "baseline": EXACT}).baseline == EXACT


@pytest.mark.parametrize(("data", "message"), [
    ({"confidence": True}, "confidence: must be a number, not true"),
    ({"values": {"A-1.1": True}}, r"values\.A-1\.1: must be a number, not true"),
])
def test_checkin_numbers_refuse_booleans(data, message):
    """A check-in's confidence and values take numbers only."""
    with pytest.raises(InputError, match=message):
        parse(CheckIn, {"team": "A", "date": "2026-01-09", **data})


def test_retro_scores_and_votes_refuse_booleans():
    """A retrospective's score true is not a score of 1."""
    with pytest.raises(InputError, match=r"scores\.A-1\.1: must be a number, not true"):
        parse(Retro, {"team": "A", "date": "2026-01-09", "scores": {"A-1.1": True}})


_YAML = "client: X\ncycle: {name: Q, start: 2026-01-05, end: 2026-03-27}\nteams: [{name: A}, {name: B}]\n"


def test_a_second_checkin_of_a_team_on_a_day_names_both_entries():
    """Two check-ins of one team and day in one file: the second is refused, naming the first."""
    text = _YAML + ("checkins:\n  - {team: A, date: 2026-01-09, confidence: 5}\n"
                    "  - {team: B, date: 2026-01-09, confidence: 6}\n  - {team: A, date: 2026-01-09, confidence: 7}\n")
    with pytest.raises(InputError, match=r"checkins\[2\]: a second check-in of A on 2026-01-09 \(the first is "
                                         r"checkins\[0\]\)"):
        read_record(text, source="e.yaml")


def test_a_second_retro_of_the_same_kind_names_both_entries():
    """Two end-of-cycle retrospectives of one team and day are refused; a mid-cycle one beside it is not."""
    retro = "  - {team: A, date: 2026-03-27, kind: %s}\n"
    assert len(read_record(_YAML + "retros:\n" + retro % "end" + retro % "mid-cycle").retros) == 2
    with pytest.raises(InputError, match=r"retros\[1\]: a second end retrospective of A on 2026-03-27 \(the first "
                                         r"is retros\[0\]\)"):
        read_record(_YAML + "retros:\n" + retro % "end" + retro % "end")


@pytest.mark.parametrize("size", [2, 3, 5])
def test_a_cycle_of_parents_is_a_reference_problem(size):
    """Teams whose parents lead back to themselves are reported once, with the whole loop."""
    teams = [team(f"T{i}", okrs=[], parent=f"T{(i + 1) % size}") for i in range(size)]
    problems = engagement(teams).reference_problems()
    loop = " → ".join(f"T{i}" for i in [*range(size), 0])
    assert problems == [f"teams[0].parent: {loop} is a cycle; a team cannot be above itself"]


def test_a_cycle_of_alignment_is_a_reference_problem():
    """Objectives that contribute to each other in a loop (3 of them) are reported; a chain is not."""
    teams = [team(f"T{i}", okrs=[objective(f"T{i}-1", aligns_to=[f"T{(i + 1) % 3}-1"], krs=[
        key_result(f"T{i}-1.1")])]) for i in range(3)]
    assert engagement(teams).reference_problems() == [
        "teams[0].okrs[0].aligns_to: T0-1 → T1-1 → T2-1 → T0-1 is a cycle; an objective cannot contribute to itself"]
    teams[2].objectives[0].aligns_to = []
    assert engagement(teams).reference_problems() == []


def test_a_long_chain_of_parents_is_checked_in_linear_time():
    """1,000 teams in one line of parents, and a loop closing it: one problem, found without recursion."""
    teams = [team(f"T{i}", okrs=[], parent=f"T{i + 1}" if i < 999 else "T0") for i in range(1000)]
    problems = engagement(teams).reference_problems()
    assert len(problems) == 1 and problems[0].startswith("teams[0].parent: T0 → T1 → T2")


def test_the_store_refuses_a_cycle(tmp_path, store_url):
    """On both backends, an engagement whose teams form a loop is not saved."""
    store = open_store(tmp_path / "e", store_url, create=True)
    with pytest.raises(InputError, match="is a cycle"):
        store.save_engagement(engagement([team("A", okrs=[], parent="B"), team("B", okrs=[], parent="A")]))
    assert not store.has_engagement()


def test_the_store_refuses_unknown_coach_rules(tmp_path, store_url):
    """coach_rules given through Python are checked by the coach's config as a file's are."""
    store = open_store(tmp_path / "e", store_url, create=True)
    with pytest.raises(InputError, match=r"coach_rules\.max_objectives: must be a whole number"):
        store.save_engagement(engagement([team("A")]).model_copy(update={"coach_rules": {"max_objectives": "many"}}))


def test_a_nul_byte_never_reaches_postgresql(tmp_path, store_url):
    """The same refusal on SQLite (which would store it) and PostgreSQL (which would raise DataError)."""
    store = open_store(tmp_path / "e", store_url, create=True)
    store.save_engagement(engagement([team("A")]))
    with pytest.raises(InputError, match="control characters"):
        store.record_checkin(parse(CheckIn, {"team": "A", "date": dt.date(2026, 2, 6), "plan": "go\x00"}))
    assert store.checkins() == []
