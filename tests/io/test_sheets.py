"""Check-ins and OKR sheets in the spreadsheet layouts coaches keep."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from okrkit.errors import InputError
from okrkit.io.sheets import read_checkins, read_okr_sheet, write_checkins, write_okr_sheet
from okrkit.io.transfer import export_engagement, import_file
from okrkit.store import open_store
from okrkit.testing import demo_folder

CHECKINS = """date,team,kr,value,confidence,issues,plan,author
2026-01-09,Discover Team,DT-1.1,68,7,Tutorial events missing,Fix analytics,Joana
2026-01-09,Discover Team,DT-1.2,18,,,,
2026-01-16,Discover Team,DT-1.1,71.5,8,,Ship welcome screen,Joana
"""


def test_checkin_rows_group_into_checkins(tmp_path):
    """Rows of one team on one date are one check-in; blank check-in fields repeat the first row's."""
    path = tmp_path / "checkins.csv"
    path.write_text(CHECKINS)
    first, second = read_checkins(path)
    assert first.values == {"DT-1.1": 68, "DT-1.2": 18} and first.confidence == 7
    assert first.issues == "Tutorial events missing" and second.values == {"DT-1.1": 71.5}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2026-01-23,Discover Team,DT-1.1,lots,7,,,", "checkins.csv row 2, column value: must be a number, not 'lots'"),
        ("23/01/2026,Discover Team,DT-1.1,70,7,,,", "row 2, column date: must be a date such as 2026-01-09"),
        ("2026-01-23,Discover Team,DT-1.1,70,11,,,", "checkins.csv row 2: confidence: must be at most 10, not 11"),
        ("2026-01-23,,DT-1.1,70,7,,,", "row 2, column team: must not be empty"),
        ("2026-01-23,Discover Team,DT-1.1,70,7.5,,,", "column confidence: must be a whole number from 1 to 10"),
    ],
    ids=["value", "date", "confidence", "team", "fractional-confidence"],
)
def test_bad_checkin_rows_name_row_and_column(tmp_path, row, message):
    """Each error names the file, the row a spreadsheet shows, and the column."""
    path = tmp_path / "checkins.csv"
    path.write_text("date,team,kr,value,confidence,issues,plan,author\n" + row + "\n")
    with pytest.raises(InputError) as caught:
        read_checkins(path)
    assert message in str(caught.value)


def test_two_rows_disagreeing_on_confidence_are_refused(tmp_path):
    """One check-in has one confidence."""
    path = tmp_path / "checkins.csv"
    path.write_text("date,team,kr,value,confidence\n2026-01-09,A,A-1.1,1,7\n2026-01-09,A,A-1.2,1,5\n")
    with pytest.raises(InputError, match=r"row 3, column confidence: differs from an earlier row"):
        read_checkins(path)


def test_missing_columns_are_listed(tmp_path):
    """A sheet without the required columns says which are missing and which it found."""
    path = tmp_path / "checkins.csv"
    path.write_text("when,team,metric\n2026-01-09,A,1\n")
    with pytest.raises(InputError, match=r"row 1: missing column\(s\) date, kr, value; found when, team, metric"):
        read_checkins(path)


def _okr_workbook(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Team", "Level", "Objective ID", "Objective", "Aligns to", "KR ID", "Key Result", "Baseline",
                  "Target", "Unit"])
    sheet.append(["Growth", "team", "G-1", "Win small businesses", "", "G-1.1", "Grow SME accounts from 1200 "
                  "to 2000", 1200, 2000, "accounts"])
    sheet.append(["Growth", "team", "G-1", "Win small businesses", "", "G-1.2", "Reduce SME churn by 20%", 10,
                  "by 20%", "%"])
    book.save(path)


def test_okr_sheet_from_excel(tmp_path):
    """An .xlsx with spaced, capitalised headers reads; "by 20%" resolves from the baseline."""
    path = tmp_path / "okrs.xlsx"
    _okr_workbook(path)
    [team] = read_okr_sheet(path)
    krs = team.objectives[0].key_results
    assert (team.name, [k.id for k in krs]) == ("Growth", ["G-1.1", "G-1.2"])
    assert krs[1].target == pytest.approx(8)


def test_okr_sheet_round_trips_through_csv(tmp_path):
    """The demo's OKRs written as a sheet read back as the same teams."""
    folder = demo_folder(tmp_path)
    eng = open_store(folder).load_engagement()
    write_okr_sheet(eng, tmp_path / "okrs.csv")
    # Members are not part of the sheet.
    assert read_okr_sheet(tmp_path / "okrs.csv") == [t.model_copy(update={"members": []}) for t in eng.teams]


def test_checkins_round_trip_through_csv(tmp_path):
    """The demo's check-ins exported as CSV import again unchanged."""
    checkins = open_store(demo_folder(tmp_path)).checkins()
    write_checkins(checkins, tmp_path / "checkins.csv")
    key = lambda c: (c.date, c.team)  # noqa: E731
    assert sorted(read_checkins(tmp_path / "checkins.csv"), key=key) == sorted(checkins, key=key)


def test_importing_a_sheet_adds_teams_and_keeps_the_rest(tmp_path):
    """An OKR sheet merges into an engagement: its teams are added, the others kept with their history."""
    folder = demo_folder(tmp_path)
    path = tmp_path / "okrs.xlsx"
    _okr_workbook(path)
    import_file(folder, path)
    store = open_store(folder)
    assert [t.name for t in store.load_engagement().teams][-1] == "Growth"
    assert len(store.checkins()) == 48


def test_a_sheet_for_an_existing_team_keeps_what_it_does_not_mention(tmp_path):
    """Re-importing a team's OKRs from a sheet keeps its members and level."""
    folder = demo_folder(tmp_path)
    store = open_store(folder)
    path = tmp_path / "okrs.csv"
    path.write_text("team,objective_id,objective,kr_id,key_result,baseline,target\n"
                    "Digital Services,DS-1,Delight new customers,DS-1.1,Reduce drop-off from 40% to 30%,40,30\n"
                    "Digital Services,DS-1,Delight new customers,DS-1.2,Increase NPS from 20 to 35,20,35\n"
                    "Digital Services,DS-1,Delight new customers,DS-1.3,Lower call time by 15%,12,10.2\n")
    import_file(folder, path)
    team = store.load_engagement().team("Digital Services")
    assert team.level.value == "business-unit" and team.members == ["Marina Costa", "Paulo Reis"]
    assert team.objectives[0].title == "Delight new customers"


def test_export_csv_writes_three_sheets(tmp_path):
    """CSV export gives okrs, check-ins and retros files."""
    paths = export_engagement(open_store(demo_folder(tmp_path)), "csv", tmp_path / "out")
    assert [p.name for p in paths] == ["okrs.csv", "checkins.csv", "retros.csv"]
    retros = (tmp_path / "out" / "retros.csv").read_text()
    assert "attractors-detractors,item,detractors,The branch-migration initiative takes half the team,5" in retros


def test_an_unrecognised_sheet_says_which_layouts_are_known(tmp_path):
    """A CSV that is neither layout is refused with both layouts named."""
    path = tmp_path / "other.csv"
    path.write_text("name,age\nAna,40\n")
    with pytest.raises(InputError, match=r"not a check-ins sheet .* nor an OKR sheet"):
        import_file(tmp_path / "e", path)


def test_checkins_for_dates_are_kept_as_dates(tmp_path):
    """Excel dates (datetime cells) become plain dates."""
    book = Workbook()
    book.active.append(["date", "team", "kr", "value"])
    book.active.append([dt.datetime(2026, 1, 9), "Discover Team", "DT-1.1", 70])
    book.save(tmp_path / "c.xlsx")
    assert read_checkins(tmp_path / "c.xlsx")[0].date == dt.date(2026, 1, 9)


def test_a_checkins_sheet_with_a_row_after_the_cycle_imports_nothing(tmp_path):
    """A CSV check-in dated after the cycle is refused naming the file, team, date and cycle; no row lands."""
    folder = demo_folder(tmp_path)
    before = open_store(folder).checkins()
    path = tmp_path / "checkins.csv"
    path.write_text("date,team,kr,value\n2026-03-26,Discover Team,DT-1.1,80\n2026-04-03,Discover Team,DT-1.1,81\n")
    with pytest.raises(InputError, match=r"checkins.csv: Discover Team's check-in: date: 2026-04-03 is outside "
                                         r"the cycle 2026-Q1"):
        import_file(folder, path)
    assert open_store(folder).checkins() == before


def test_an_implausible_value_is_imported_with_a_warning(tmp_path):
    """A CSV value far outside its KR's range is kept, and the import summary warns about it."""
    folder = demo_folder(tmp_path)
    path = tmp_path / "checkins.csv"
    path.write_text("date,team,kr,value\n2026-03-26,Discover Team,DT-1.1,9000\n")
    summary = import_file(folder, path)
    assert "warning: Discover Team 2026-03-26 DT-1.1: Is 9,000 % right?" in summary
    assert any(c.values.get("DT-1.1") == 9000 for c in open_store(folder).checkins())
