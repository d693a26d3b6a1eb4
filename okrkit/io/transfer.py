"""Import any file a coach has into an engagement's store, and export the store again.

The kind of file is read from its name and header: an engagement YAML, a check-ins
sheet (`date, team, kr, value …`) or an OKR sheet (`team, objective_id, … kr_id …`).
Each import is one transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from okrkit.errors import InputError
from okrkit.io.sheets import (
    merge_teams,
    read_checkins,
    read_okr_sheet,
    write_checkin_history,
    write_checkins,
    write_okr_sheet,
    write_retros,
)
from okrkit.io.tables import no_cycle_collector, read_columns
from okrkit.io.yaml_file import dump_record, load_record
from okrkit.model import CheckIn, Cycle, Engagement
from okrkit.progress import implausible_values
from okrkit.store import Store, open_store
from okrkit.store.store import undo_if_refused

__all__ = ["export_engagement", "import_file", "sheet_kind"]


def sheet_kind(path: Path) -> str:
    """"checkins" or "okrs", from the columns of a CSV or Excel file."""
    columns = set(read_columns(path))
    if {"kr_id", "objective_id"} <= columns:
        return "okrs"
    if {"date", "kr", "value"} <= columns:
        return "checkins"
    raise InputError(
        "row 1: not a check-ins sheet (date, team, kr, value …) nor an OKR sheet (team, objective_id, objective, "
        "kr_id, key_result …)", source=str(path))


def import_file(folder: str | Path, path: str | Path, url: str | None = None, *,
                allow_removals: bool = False) -> str:
    """Import `path` into the engagement in `folder`, creating its store if needed. Returns a summary."""
    try:
        return _import_file(Path(folder), Path(path), url, allow_removals=allow_removals)
    except InputError as error:
        if error.source is None:  # refused by the store: say which file
            raise InputError(str(error), field=error.field, source=str(path)) from None
        raise


def _import_file(folder: Path, path: Path, url: str | None, *, allow_removals: bool) -> str:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        record = load_record(path)  # validate fully before touching the store
        from okrkit.coach.dismissals import settle  # the coach's dismissals whose item's text changed lapse

        settled = settle(record.engagement)
        engagement = record.engagement.model_copy(update={"coach_dismissed": list(settled.kept)})
        record = record.model_copy(update={"engagement": engagement})
        with undo_if_refused(folder):
            open_store(folder, url, create=True).import_record(record, allow_removals=allow_removals)
        krs = len(record.engagement.key_results())
        past = f", {len(record.cycles)} past cycles" if record.cycles else ""
        return "\n".join([f"imported {record.engagement.client}: {len(record.engagement.teams)} teams, {krs} key "
                          f"results, {len(record.checkins)} check-ins, {len(record.retros)} retrospectives{past}"
                          + _warnings(implausible_values(record.engagement, record.checkins)),
                          *(f"note: {n}" for n in settled.notes)])
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise InputError("okrkit imports .yaml, .csv or .xlsx files", source=str(path))
    if sheet_kind(path) == "checkins":
        with no_cycle_collector():  # hundreds of thousands of acyclic rows, read and written
            checkins = read_checkins(path)
            store = open_store(folder, url)
            engagement = store.load_engagement()
            _check_dates(engagement.cycle, checkins, path)
            store.import_checkins(checkins)
        return f"imported {len(checkins)} check-ins" + _warnings(implausible_values(engagement, checkins))
    teams = read_okr_sheet(path)
    with undo_if_refused(folder):
        store = open_store(folder, url, create=True)
        engagement = store.load_engagement() if store.has_engagement() else _new_engagement(folder)
        store.save_engagement(merge_teams(engagement, teams), allow_removals=allow_removals)
    return f"imported {len(teams)} teams, {sum(len(o.key_results) for t in teams for o in t.objectives)} key results"


def _warnings(lines: list[str]) -> str:
    """Values imported as they are, but worth a second look: said after the summary, never refused."""
    shown = "".join(f"\nwarning: {line}" for line in lines[:20])
    return shown + (f"\nwarning: … and {len(lines) - 20} more" if len(lines) > 20 else "")


def _check_dates(cycle: Cycle, checkins: list[CheckIn], path: Path) -> None:
    """The store refuses a check-in outside the cycle too; here the message names the file."""
    for checkin in checkins:
        try:
            cycle.check_date(checkin.date)
        except InputError as error:
            raise InputError(f"{checkin.team}'s check-in: {error}", field="date", source=str(path)) from None


def _new_engagement(folder: Path) -> Engagement:
    """A sheet holds no client or cycle: name it after the folder, for the current quarter."""
    today = dt.date.today()
    q = (today.month - 1) // 3
    start = dt.date(today.year, 3 * q + 1, 1)
    end = (dt.date(today.year + (q == 3), (3 * q + 3) % 12 + 1, 1)) - dt.timedelta(days=1)
    return Engagement(client=folder.resolve().name, cycle=Cycle(name=f"{today.year}-Q{q + 1}", start=start, end=end))


def export_engagement(store: Store, fmt: str, out: str | Path | None, *, cycle: str | None = None,
                      history: bool = False) -> list[Path] | str:
    """YAML: the whole record (every cycle), to `out` or returned as text. CSV: okrs, checkins and retros
    files in `out`, of the current cycle. With `cycle`, that cycle alone in either format; with `history`,
    the earlier versions of edited check-ins too (`checkin_history:`, or checkin-history.csv)."""
    from okrkit.cycles import select_cycle

    record = store.load_record(history=True)
    if not history:
        record = record.without_history()
    if cycle is not None or fmt != "yaml":
        record = select_cycle(record, cycle)
        record = record.model_copy(update={"cycles": []})
    if fmt == "yaml":
        text = dump_record(record)
        if out is None:
            return text
        Path(out).write_text(text, encoding="utf-8")
        return [Path(out)]
    if fmt != "csv":
        raise InputError(f"format: must be yaml or csv, not {fmt!r}", field="format")
    folder = Path(out or ".")
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "okrs.csv", folder / "checkins.csv", folder / "retros.csv"]
    write_okr_sheet(record.engagement, paths[0])
    write_checkins(record.checkins, paths[1])
    write_retros(record.retros, paths[2])
    if history:
        paths.append(folder / "checkin-history.csv")
        write_checkin_history(record.history, paths[-1])
    return paths
