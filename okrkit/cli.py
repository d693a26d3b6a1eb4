"""The `okrkit` command: one subcommand per job a coach does from the terminal.

Errors are one line on stderr and exit code 2, never a traceback (unless --debug).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from okrkit.errors import OkrkitError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date such as 2026-02-13, not {value!r}") from None


def _teams(value: str) -> int:
    try:
        teams = int(value)
    except ValueError:
        teams = 0
    if not 1 <= teams <= 5000:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 5000, not {value!r}")
    return teams


def _cmd_import(args: argparse.Namespace) -> int:
    from okrkit.io.transfer import import_file

    print(import_file(args.dir, args.file, args.db, allow_removals=args.allow_removals))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from okrkit.io.transfer import export_engagement
    from okrkit.store import open_store

    result = export_engagement(open_store(args.dir, args.db), args.format, args.out, cycle=args.cycle,
                               history=args.history)
    if isinstance(result, str):
        sys.stdout.write(result)
    else:
        print("wrote " + ", ".join(str(p) for p in result))
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from okrkit.errors import InputError
    from okrkit.model import Level
    from okrkit.progress import engagement_status
    from okrkit.status import overview_text, status_json, status_text
    from okrkit.store import open_store
    from okrkit.units import is_large, scope_record, unit_of, unit_summaries

    from okrkit.cycles import select_cycle

    record = select_cycle(open_store(args.dir, args.db).load_record(), args.cycle)
    if args.unit:
        record = scope_record(record, args.unit)
    if args.team:
        names = {t.name for t in record.engagement.teams}
        if args.team not in names:
            where = f" of {args.unit}" if args.unit else ""
            raise InputError(f"no team{where} is named {args.team!r}", field="team")
        record = record.model_copy(update={"engagement": record.engagement.model_copy(
            update={"teams": [t for t in record.engagement.teams if t.name == args.team]})})
    status = engagement_status(record.engagement, record.checkins, args.as_of, record.retros)
    e = record.engagement
    if args.format == "json":
        print(status_json(status))
    elif (args.overview or is_large(sum(t.level is Level.TEAM for t in e.teams))) and not (args.unit or args.team):
        top = next(([o.id for t, o in e.objectives() if t.level is level] for level in (Level.COMPANY,
                    Level.BUSINESS_UNIT) if any(t.level is level for t in e.teams)), [])
        print(overview_text(status, unit_summaries(status, unit_of(e)), top))
    else:
        print(status_text(status))
    return 0


def _cmd_calendar(args: argparse.Namespace) -> int:
    from okrkit.ics import write_calendar
    from okrkit.store import open_store

    engagement = open_store(args.dir, args.db).load_record().engagement
    count = write_calendar(engagement, args.out, args.url, args.tz, args.team)
    print(f"wrote {args.out}: {count} events of {engagement.cycle.name}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from okrkit.demo import demo_record
    from okrkit.io.yaml_file import write_record
    from okrkit.store import open_store
    from okrkit.store.store import undo_if_refused

    folder = Path(args.dir)
    if args.teams is None:
        record = demo_record()
    else:
        from okrkit.testing import scale_record

        record = scale_record(args.teams)
    with undo_if_refused(folder):
        store = open_store(folder, args.db, create=True)
        folder.mkdir(parents=True, exist_ok=True)  # a server store makes no folder of its own
        store.import_record(record)
        write_record(record, folder / "engagement.yaml")
    print(f"Demo engagement {record.engagement.client} written to {folder}/ "
          f"(store and engagement.yaml)\n", file=sys.stderr)
    args.as_of, args.format, args.cycle, args.unit, args.team, args.overview = None, "text", None, None, None, False
    return _cmd_status(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrkit", description="Coaching workbooks for OKR coaches and their clients.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        sub.set_defaults(handler=handler)
        return sub

    def store_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--db", metavar="URL",
                         help="SQLAlchemy URL of the store (default: $OKRKIT_DB_URL, else DIR/okrkit.db)")

    sub = command("import", _cmd_import, "import an engagement YAML, a check-ins CSV or an OKR sheet (CSV/XLSX)")
    sub.add_argument("dir", type=Path, help="engagement folder (created if needed)")
    sub.add_argument("file", type=Path)
    sub.add_argument("--allow-removals", action="store_true",
                     help="let a new definition drop teams or key results that have recorded check-ins")
    store_options(sub)

    sub = command("export", _cmd_export, "export the engagement as YAML or CSV")
    sub.add_argument("dir", type=Path)
    sub.add_argument("--format", choices=("yaml", "csv"), default="yaml")
    sub.add_argument("--out", type=Path, help="file (yaml) or folder (csv); yaml goes to stdout without it")
    sub.add_argument("--cycle", metavar="NAME",
                     help="only this cycle (default: yaml has every cycle, csv the current one)")
    sub.add_argument("--history", action="store_true",
                     help="also the earlier versions of check-ins that were saved again")
    store_options(sub)

    def cycle_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--cycle", metavar="NAME", help="a past cycle (default: the current one)")

    sub = command("status", _cmd_status, "progress, pace, confidence and status of every team and key result")
    sub.add_argument("dir", type=Path)
    sub.add_argument("--as-of", type=_date, metavar="DATE", help="the day to report on (default: today, or the "
                     "cycle's end once it is over)")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    cycle_option(sub)
    sub.add_argument("--unit", metavar="NAME", help="only this business unit and the teams below it")
    sub.add_argument("--team", metavar="NAME", help="only this team")
    sub.set_defaults(overview=False)
    store_options(sub)

    sub = command("calendar", _cmd_calendar, "the cycle's check-ins, retrospectives, planning and monthly "
                  "report as an .ics calendar (RFC 5545)")
    sub.add_argument("dir", type=Path)
    sub.add_argument("--out", type=Path, required=True, metavar="FILE.ics")
    sub.add_argument("--team", help="only this team's events (default: every team and the leadership report)")
    sub.add_argument("--tz", metavar="ZONE", help="IANA time zone of the check-in time (default: this machine's)")
    sub.add_argument("--url", default="http://localhost:8866", metavar="BASE",
                     help="where `okrkit serve` publishes the apps, for the events' links")
    store_options(sub)

    sub = command("demo", _cmd_demo, "write the built-in demo engagement (Banco Aurora) and show its status")
    sub.add_argument("dir", type=Path, nargs="?", default=Path("okrkit-demo"))
    sub.add_argument("--teams", type=_teams, metavar="N",
                     help="instead of the 4-team demo, a generated bank of N teams (1-5000) under business units")
    store_options(sub)

    for add in _plugin_commands():
        add(commands)
    return parser


def _plugin_commands() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    """Commands that live beside the parts they drive; each module imports its heavy parts only when run."""
    from okrkit.cycle_command import add_cycle_command
    from okrkit.hub.cli import add_hub_commands
    from okrkit.lint import add_lint_command
    from okrkit.report import add_report_command
    from okrkit.serve import add_serve_command
    from okrkit.workbook import add_new_command

    return [add_lint_command, add_new_command, add_serve_command, add_report_command, add_cycle_command,
            add_hub_commands]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except OkrkitError as error:
        if args.debug:
            raise
        print(f"okrkit {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
