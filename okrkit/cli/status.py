"""`okrkit status DIR`: progress, pace, confidence and status, as text or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrkit.cli.args import Subparsers, add_cycle_option, add_db_option, date

__all__ = ["register", "run"]


def register(subparsers: Subparsers) -> None:
    help_ = "progress, pace, confidence and status of every team and key result"
    sub = subparsers.add_parser("status", help=help_, description=help_)
    sub.set_defaults(handler=run, overview=False)
    sub.add_argument("dir", type=Path)
    sub.add_argument("--as-of", type=date, metavar="DATE",
                     help="the day to report on (default: today, or the cycle's end once it is over)")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    add_cycle_option(sub)
    sub.add_argument("--unit", metavar="NAME", help="only this business unit and the teams below it")
    sub.add_argument("--team", metavar="NAME", help="only this team")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit.cycles import select_cycle
    from okrkit.errors import InputError
    from okrkit.model import Level
    from okrkit.progress import engagement_status
    from okrkit.status import overview_text, status_json, status_text
    from okrkit.store import open_store
    from okrkit.units import is_large, scope_record, unit_of, unit_summaries

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
