"""The engagement YAML: the issue's example reads; YAML → store → YAML loses and changes nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit.errors import InputError
from okrkit.io.yaml_file import dump_record, load_record, read_record
from okrkit.model import CheckIn, Engagement, EngagementRecord, KeyResult, Objective, Retro, RetroItem, Team
from okrkit.store import open_store

EXAMPLE = Path(__file__).parent / "example.yaml"


def test_the_readme_example_reads():
    """The format's starting point: two teams, vertical alignment, a decreasing KR."""
    record = load_record(EXAMPLE)
    eng = record.engagement
    assert [t.name for t in eng.teams] == ["Digital Services", "Discover Team"]
    assert eng.objective("DT-1").aligns_to == ["DS-1"]
    assert eng.key_results()["DS-1.1"].direction.value == "decrease"


def test_a_written_file_is_tidy_for_a_human():
    """Defaults are left out, key results sit on one line, whole numbers have no '.0'."""
    text = dump_record(load_record(EXAMPLE))
    assert "level: team" not in text and "weight" not in text
    assert "- {id: DT-1.1, title: Increase onboarding completion from 65% to 90%, unit: '%', baseline: 65, " \
           "target: 90}" in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("client: [unclosed", "line 1, column "),
        ("- just\n- a list", "the file must hold a mapping"),
        ("client: X\ncycle: {name: Q, start: 2026-01-05, end: 2026-03-27}\nteams:\n  - name: A\n    okrs:\n"
         "      - {id: A-1, objective: Grow, key_results: [{id: A-1.1, title: T, baseline: forty}]}",
         "teams[0].okrs[0].key_results[0].baseline: must be a number, not 'forty'"),
        ("client: X\ncycle: {name: Q, start: 2026-01-05, end: 2026-03-27}\ncheckins:\n"
         "  - {team: A, date: 2026-01-09, confidence: 12}", "checkins[0].confidence: must be at most 10, not 12"),
        ("client: X\ncycle: {name: Q, start: 2026-04-01, end: 2026-06-30}\ncheckins:\n"
         "  - {team: A, date: 2026-05-08}\n  - {team: A, date: 2026-12-01}",
         "checkins[1].date: 2026-12-01 is outside the cycle Q (2026-04-01 to 2026-06-30)"),
    ],
    ids=["syntax", "not-a-mapping", "kr-baseline", "checkin-confidence", "checkin-outside-cycle"],
)
def test_bad_files_get_one_line_naming_the_field(text, message):
    """Syntax errors give line and column; invalid values give the path of the field."""
    with pytest.raises(InputError) as caught:
        read_record(text, source="engagement.yaml")
    assert message in str(caught.value) and str(caught.value).startswith("engagement.yaml: ")
    assert "\n" not in str(caught.value)


# --- YAML → store → YAML ------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).map(
    str.strip).filter(bool)
_note = st.one_of(st.just(""), _text, st.just("<img src=x onerror=alert(1)>"), st.just("line one\nline two"))
_number = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
_person = _note.map(lambda s: s[:200])
_day = st.dates(dt.date(2026, 1, 5), dt.date(2026, 3, 27))


@st.composite
def records(draw: st.DrawFn) -> EngagementRecord:
    teams = []
    for t in range(draw(st.integers(1, 3))):
        objectives = []
        for o in range(draw(st.integers(0, 2))):
            krs = [KeyResult(id=f"T{t}-{o}.{k}", title=draw(_text), unit=draw(st.sampled_from(["", "%", "€", "min"])),
                             baseline=draw(st.none() | _number), target=draw(st.none() | _number),
                             kind=draw(st.sampled_from(["metric", "milestone"])), owner=draw(_person),
                             weight=draw(st.sampled_from([1.0, 2.0, 0.5])))
                   for k in range(draw(st.integers(0, 3)))]
            objectives.append(Objective(id=f"T{t}-{o}", title=draw(_text), why=draw(_note),
                                        commitment=draw(st.sampled_from([None, "committed", "aspirational"])),
                                        aligns_to=["T0-0"] if t and draw(st.booleans()) and teams[0].objectives else [],
                                        key_results=krs))
        teams.append(Team(name=f"Team {t} {draw(_text)}", level=draw(st.sampled_from(["company", "business-unit",
                                                                                       "team"])),
                          parent=teams[0].name if t else None, objectives=objectives))
    eng = Engagement(client=draw(_text), coach=draw(_person), vision=draw(_note),
                     priorities=draw(st.lists(_text, max_size=3)),
                     cycle={"name": "2026-Q1", "start": dt.date(2026, 1, 5), "end": dt.date(2026, 3, 27)}, teams=teams)
    checkins = {}
    for _ in range(draw(st.integers(0, 4))):
        team = draw(st.sampled_from(teams))
        own = [kr.id for o in team.objectives for kr in o.key_results]
        values = {kr: draw(_number) for kr in draw(st.lists(st.sampled_from(own), unique=True))} if own else {}
        checkin = CheckIn(team=team.name, date=draw(_day), confidence=draw(st.none() | st.integers(1, 10)),
                          values=values, issues=draw(_note), plan=draw(_note), author=draw(_person))
        checkins[(checkin.team, checkin.date)] = checkin
    retros = [Retro(team=teams[0].name, date=draw(_day), kind="mid-cycle", format="attractors-detractors",
                    items=[RetroItem(prompt="attractors", text=draw(_text), votes=draw(st.integers(0, 9)))],
                    actions=draw(st.lists(_text, max_size=2)))] if draw(st.booleans()) else []
    place = {t.name: i for i, t in enumerate(teams)}
    return EngagementRecord(engagement=eng, checkins=sorted(checkins.values(), key=lambda c: (c.date, place[c.team])),
                            retros=retros)


def _through_the_store(record: EngagementRecord, url: str | None) -> None:
    text = dump_record(record)
    with tempfile.TemporaryDirectory() as folder:
        # On a server each temporary folder is a new engagement in the same database.
        store = open_store(folder, url, create=True)
        store.import_record(read_record(text))
        again = store.load_record()
        store.engine.dispose()
    assert again == record
    assert dump_record(again) == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records())
def test_yaml_through_the_store_and_back_changes_nothing(record):
    """Any engagement written as YAML, imported and exported again gives the same text and record."""
    _through_the_store(record, None)


@pytest.mark.postgres
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(record=records())
def test_yaml_through_a_postgresql_store_and_back_changes_nothing(pg_url, record):
    """The same on PostgreSQL: floats, unicode and dates survive the server."""
    _through_the_store(record, pg_url)


@pytest.mark.parametrize("title", ["0E0", "1e3", "0o17", "0x1F", "12:30", "yes", "No", "~", "2026-01-05"])
def test_text_that_reads_as_a_number_in_some_yaml_comes_back_as_text(title, tmp_path):
    """The reader is YAML 1.2 and PyYAML writes 1.1: a title such as '1e3' is quoted, never read as 1000.0."""
    record = load_record(EXAMPLE)
    record.engagement.teams[0].objectives[0].title = title
    assert read_record(dump_record(record)).engagement.teams[0].objectives[0].title == title


def test_a_forty_digit_number_is_refused_not_rounded():
    """A value of 40 digits is refused by the model's exactness rule: the fast reader would make it a float."""
    text = EXAMPLE.read_text().replace("baseline: 65", "baseline: " + "9" * 40, 1)
    assert text != EXAMPLE.read_text()
    with pytest.raises(InputError, match="significant digits"):
        read_record(text)


@pytest.mark.parametrize("value", ["yes", "No", "on", "1:30", "1_000", "012", "0o17", "0x1F", "2026-01-05",
                                   "1e3", ".inf", "-.5", "~", "", "True", "10", "+3", "1.", "012.5", "'7'"])
def test_the_fast_reader_and_the_bounded_reader_agree_on_every_scalar(value):
    """A file is read by ryaml, or by the bounded PyYAML reader when ryaml refuses it or it is huge:
    either way `key: 012` or `key: yes` means the same (YAML 1.2's core schema)."""
    import ryaml

    from okrkit.io import safe_yaml

    text = f"key: {value}\n"
    assert safe_yaml._bounded_load(text) == ryaml.loads(text)
