"""Spreadsheets as hostile input and as output a leader opens: numbers, formulas, size."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import time

import pytest
from sqlalchemy import event

from okrkit.errors import InputError
from okrkit.io.sheets import read_checkins, read_okr_sheet
from okrkit.io.tables import escape_cell, progress, unescape_cell
from okrkit.io.transfer import export_engagement, import_file
from okrkit.model import CheckIn
from okrkit.store import open_store
from okrkit.testing import demo_folder, engagement, key_result, objective, stored, team

HEADER = "date,team,kr,value\n"


@pytest.mark.parametrize("value", ['"1,5"', '"1.234,5"', '"12,34"', '"1,2345"'])
def test_a_decimal_comma_is_refused_not_misread(value, tmp_path):
    """"1,5" is one and a half to half the world: never fifteen, and the message says how to write it."""
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"2026-01-23,Discover Team,DT-1.1,{value}\n")
    with pytest.raises(InputError, match=r"row 2, column value: must be a number written with a decimal point"):
        read_checkins(path)


@pytest.mark.parametrize(("value", "number"), [('"1,200"', 1200), ('"12,345.5"', 12345.5), ("-3.5", -3.5),
                                               ("40%", 40), ("1e3", 1000)])
def test_thousands_separators_and_plain_decimals_are_read(value, number, tmp_path):
    """A comma that groups thousands is still read, as are signs, percentages and exponents."""
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"2026-01-23,Discover Team,DT-1.1,{value}\n")
    assert read_checkins(path)[0].values == {"DT-1.1": number}


@pytest.mark.parametrize("value", ["nan", "inf", "-Infinity", "1_000", "0x1F", "1e400", "TRUE", "9" * 4301])
def test_what_float_would_take_but_a_sheet_never_means_is_refused(value, tmp_path):
    """nan, infinities, underscores, hex, overflow, booleans and 4,301 digits: refused in one line."""
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"2026-01-23,Discover Team,DT-1.1,{value}\n")
    with pytest.raises(InputError, match=r"row 2, column value: must be a (finite )?number"):
        read_checkins(path)


def test_a_weight_of_zero_is_refused_as_in_yaml(tmp_path):
    """A 0 in the weight column is a value (refused: a weight is above 0), not a blank turned into 1."""
    path = tmp_path / "okrs.csv"
    path.write_text("team,objective_id,objective,kr_id,key_result,weight\nA,A-1,Grow,A-1.1,Increase x,0\n")
    with pytest.raises(InputError, match=r"okrs.csv row 2: weight: must be more than 0"):
        read_okr_sheet(path)


FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "'=quoted", "''x", "'plain"]


@pytest.mark.parametrize("text", FORMULAS + ["plain", "-", "'", "", "a=b"])
def test_cell_escaping_round_trips(text):
    """Unescaping what was escaped gives the text back, whatever it starts with."""
    assert unescape_cell(escape_cell(text)) == text


def test_an_export_holds_no_live_formula_and_reads_back_unchanged(tmp_path):
    """Team names, titles, issues that look like formulas are quoted in the CSV export (OWASP), and
    importing the export gives them back exactly."""
    hostile = engagement([team(FORMULAS[0], okrs=[objective("T-1", title="+Grow revenue", krs=[
        key_result("T-1.1", title="-10% churn", owner="@ana", baseline=-5, target=-1)])])])
    store = stored(tmp_path, hostile)
    store.record_checkin(CheckIn(team=FORMULAS[0], date=dt.date(2026, 2, 6), confidence=5, values={"T-1.1": -3},
                                 issues="=cmd|' /C calc'!A0", plan="@risk", author="-me"))
    out = tmp_path / "export"
    export_engagement(store, "csv", out)
    for name in ("okrs.csv", "checkins.csv"):
        for row in csv.reader((out / name).open(encoding="utf-8")):
            for cell in row:
                assert not cell.startswith(("=", "+", "@")) and not (cell.startswith("-") and not _number(cell)), cell
    # An OKR sheet holds no cycle: the engagement it goes into gives the one the check-ins fall in.
    stored(tmp_path, hostile.model_copy(update={"teams": []}), name="again")
    again = tmp_path / "again"
    import_file(again, out / "okrs.csv")
    assert open_store(again).load_engagement().teams == hostile.teams
    import_file(again, out / "checkins.csv")
    assert open_store(again).checkins() == store.checkins()


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_an_import_of_many_checkins_takes_a_fixed_number_of_statements(tmp_path):
    """Ten or a thousand check-ins: the same few statements (executemany), not one per row."""
    folder = demo_folder(tmp_path)
    counts = []
    for weeks in (2, 50):
        path = tmp_path / f"c{weeks}.csv"
        # Days inside the cycle that hold no check-in yet (not the demo's Fridays, not the other run's):
        # a day saved again would also keep its replaced version, two more statements.
        free = [dt.date(2026, 1, 5) + dt.timedelta(days=d) for d in range(82)]
        free = [d for d in free if d.weekday() != 4]
        days = free[:2] if weeks == 2 else free[2:2 + weeks]
        path.write_text(HEADER + "".join(f"{d},Discover Team,DT-1.1,{i}\n{d},Support Experience Team,SX-1.1,{i}\n"
                                         for i, d in enumerate(days)))
        store = open_store(folder)
        statements: list[str] = []
        event.listen(store.engine, "before_cursor_execute", lambda *a, seen=statements: seen.append(a[2]))
        store.import_checkins(read_checkins(path))
        counts.append(len(statements))
    assert counts[0] == counts[1] < 15


def test_a_progress_bar_shows_on_a_terminal_after_a_second(monkeypatch):
    """A long read shows a bar on a terminal, and nothing at all when stderr is a pipe or a log."""
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def slow(n: int):  # type: ignore[no-untyped-def]
        for i in range(n):
            time.sleep(0.01)
            yield i

    for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert list(progress(slow(150), "reading big.csv")) == list(range(150))
        assert ("reading big.csv" in stream.getvalue()) is shown
