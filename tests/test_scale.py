"""A large organisation: the generator, business units, status by unit and team, charts that aggregate."""

from __future__ import annotations

import json

import pytest

from okrkit import charts
from okrkit.cli import main
from okrkit.errors import InputError
from okrkit.model import Level
from okrkit.progress import engagement_status
from okrkit.reports.common import MISSING_MARK, figure
from okrkit.testing import scale_folder, scale_record
from okrkit.units import confidence_by_unit_week, furthest, scope_record, unit_names, unit_of, unit_summaries


@pytest.fixture(scope="module")
def record():
    return scale_record(60)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return scale_folder(tmp_path_factory.mktemp("scale"), 60)


def test_generator_builds_company_units_and_teams_with_three_by_three_okrs(record):
    """60 teams under business units under one company; every team has 3 objectives of 3 KRs; no broken reference."""
    e = record.engagement
    levels = [t.level for t in e.teams]
    assert levels.count(Level.COMPANY) == 1 and levels.count(Level.TEAM) == 60
    assert levels.count(Level.BUSINESS_UNIT) == len(unit_names(e)) >= 2
    teams = [t for t in e.teams if t.level is Level.TEAM]
    assert all(len(t.objectives) == 3 and all(len(o.key_results) == 3 for o in t.objectives) for t in teams)
    assert e.reference_problems() == []


def test_generator_aligns_vertically_and_horizontally(record):
    """Each team objective aligns to one of its own unit's objectives; some share an outcome with a peer team."""
    e = record.engagement
    owner = {o.id: t.name for t, o in e.objectives()}
    units = unit_of(e)
    team_objectives = [(t, o) for t, o in e.objectives() if t.level is Level.TEAM]
    assert all(len(o.aligns_to) == 1 and owner[o.aligns_to[0]] == units[t.name] for t, o in team_objectives)
    assert any(o.shares_with for _, o in team_objectives)


def test_generator_records_weekly_checkins_on_varied_paths_and_some_retros(record):
    """About a check-in a week per team (a few missed), confidences spread over the scale, some retros."""
    weeks = len(record.engagement.cycle.checkin_dates())
    teams = len(record.engagement.teams)
    assert 0.9 * weeks * teams <= len(record.checkins) <= weeks * teams
    assert len({c.confidence for c in record.checkins}) >= 6
    assert 0 < len(record.retros) < 60
    status = engagement_status(record.engagement, record.checkins, record.engagement.cycle.end, record.retros)
    assert len({o.status for o in status.objectives()}) == 3


def test_generator_is_deterministic():
    """The same seed gives the same organisation and the same check-ins."""
    assert scale_record(15).model_dump_json() == scale_record(15).model_dump_json()


def test_unit_of_is_the_nearest_business_unit_above(record):
    """A team's unit is its business-unit parent; a unit is its own; the company has none."""
    e = record.engagement
    units = unit_of(e)
    assert units[e.teams[0].name] is None
    assert units["Digital Services"] == "Digital Services"
    team = next(t for t in e.teams if t.level is Level.TEAM)
    assert units[team.name] == team.parent


def test_scope_record_keeps_one_unit_and_its_teams_only(record):
    """Scoped to a unit: its teams, their check-ins and retros; nobody else's."""
    scoped = scope_record(record, "Retail Banking")
    names = {t.name for t in scoped.engagement.teams}
    assert "Retail Banking" in names and record.engagement.teams[0].name not in names
    assert all(unit_of(record.engagement)[n] == "Retail Banking" for n in names)
    assert {c.team for c in scoped.checkins} == names and all(r.team in names for r in scoped.retros)


def test_unknown_unit_is_a_one_line_error_listing_the_units(record):
    """A misspelt unit names the field and the units there are."""
    units = r"named 'Retail' in this engagement; the business units are: .*Retail Banking"
    with pytest.raises(InputError, match=units) as info:
        scope_record(record, "Retail")
    assert info.value.field == "unit"


def test_unit_summaries_count_each_units_team_objectives(record):
    """Per unit: its teams, their objectives by status (adding up), mean progress within 0–1."""
    status = engagement_status(record.engagement, record.checkins, record.engagement.cycle.end, record.retros)
    summaries = unit_summaries(status, unit_of(record.engagement))
    assert [s.name for s in summaries] == unit_names(record.engagement)
    assert sum(len(s.teams) for s in summaries) == 60
    assert all(sum(s.counts.values()) == len(s.objectives) == 3 * len(s.teams) for s in summaries)
    assert all(0 <= s.mean_progress <= 1 for s in summaries)


def test_furthest_behind_and_ahead_are_ordered_by_gap_to_pace(record):
    """The ten furthest behind have the lowest progress, the ten ahead the highest, furthest first."""
    status = engagement_status(record.engagement, record.checkins, record.engagement.cycle.end)
    objectives = status.objectives()
    behind = furthest(objectives, status.expected, 10)
    ahead = furthest(objectives, status.expected, 10, ahead=True)
    assert [o.progress for o in behind] == sorted(o.progress for o in objectives)[:10]
    assert [o.progress for o in ahead] == sorted((o.progress for o in objectives), reverse=True)[:10]


def test_confidence_by_unit_week_averages_each_units_teams(record):
    """One row per unit and check-in day, its mean between its lowest and highest team."""
    rows = confidence_by_unit_week(record.checkins, unit_of(record.engagement))
    assert len(rows) <= len(record.engagement.cycle.checkin_dates()) * (len(unit_names(record.engagement)) + 1)
    assert all(r["low"] <= r["confidence"] <= r["high"] for r in rows)


def test_a_chart_of_every_key_result_of_a_large_engagement_is_refused_before_drawing():
    """Per-KR marks of 1,000 teams overflowed vl-convert: the builder refuses above MAX_ROWS, naming the chart."""
    big = scale_record(100)
    status = engagement_status(big.engagement, big.checkins, big.engagement.cycle.end)
    with pytest.raises(charts.ChartTooBig, match="progress of every objective and key result"):
        charts.progress_chart(status)


def test_a_chart_that_cannot_be_drawn_is_one_line_in_the_report():
    """figure() turns a failing chart into one marked line naming it: no JavaScript stack, the rest renders."""
    def broken():
        raise ValueError("Vega-Lite to SVG conversion failed: RangeError: Maximum call stack size exceeded\n"
                         "    at https://cdn.jsdelivr.net/npm/vega-runtime@7.1.0/+esm:7:5577")

    out = str(figure(broken, "Progress of every team: bars.", name="Progress of every team"))
    assert f'{MISSING_MARK}="Progress of every team"' in out and "could not be drawn" in out
    assert "Maximum call stack" in out and "jsdelivr" not in out and "\n" not in out


def test_aggregate_charts_draw_offline_for_every_unit(record):
    """The unit charts render to SVG with one facet or row per unit."""
    status = engagement_status(record.engagement, record.checkins, record.engagement.cycle.end)
    units = unit_of(record.engagement)
    summaries = unit_summaries(status, units)
    order = [s.name for s in summaries]
    rows = confidence_by_unit_week(record.checkins, units)
    for spec in (charts.unit_confidence_heatmap(rows, order), charts.unit_confidence_multiples(rows, order),
                 charts.unit_progress_multiples({s.name: s.objectives for s in summaries}, status.expected)):
        svg = charts.to_svg(spec)
        assert svg.startswith("<svg") and all(name.replace("&", "&amp;") in svg for name in order)


def test_status_of_a_large_engagement_is_one_line_per_unit(folder, capsys):
    """Without --unit or --team, 60 teams are summed up per business unit, with the ten furthest behind."""
    assert main(["status", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "business unit" in out and "Furthest behind the pace:" in out and "--unit NAME" in out
    assert len(out.splitlines()) < 40


def test_status_unit_and_team_narrow_the_listing(folder, capsys):
    """--unit lists only that unit's teams; --team only that team; JSON keeps the same scope."""
    assert main(["status", str(folder), "--unit", "Retail Banking"]) == 0
    out = capsys.readouterr().out
    assert "Retail Banking (business-unit)" in out and "Digital Services" not in out
    team = next(line.split(" (team)")[0] for line in out.splitlines() if " (team)" in line)
    assert main(["status", str(folder), "--team", team, "--format", "json"]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)["teams"]] == [team]


def test_status_of_an_unknown_team_exits_2_with_one_line(folder, capsys):
    """A team not in the unit is refused with the field named, no traceback."""
    assert main(["status", str(folder), "--unit", "Retail Banking", "--team", "Nobody Team"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("okrkit status: no team of Retail Banking is named 'Nobody Team'") and err.count("\n") == 1


def test_demo_teams_writes_a_generated_bank(tmp_path, capsys):
    """`okrkit demo DIR --teams 20` writes a 20-team store and YAML, and shows the units."""
    assert main(["demo", str(tmp_path / "big"), "--teams", "20"]) == 0
    assert "business unit" in capsys.readouterr().out
    from okrkit.io.yaml_file import load_record

    record = load_record(tmp_path / "big" / "engagement.yaml")
    assert sum(t.level is Level.TEAM for t in record.engagement.teams) == 20
