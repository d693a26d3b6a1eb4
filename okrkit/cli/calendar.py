"""`okrkit calendar DIR --out FILE.ics`: the cycle's rhythm for people's own calendars (see okrkit.ics)."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "the cycle's check-ins, retrospectives, planning and monthly report as an .ics calendar (RFC 5545)"
    sub = subparsers.add_parser("calendar", help=help_, description=help_)
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path)
    sub.add_argument("--out", type=Path, required=True, metavar="FILE.ics")
    sub.add_argument("--team", help="only this team's events (default: every team and the leadership report)")
    sub.add_argument("--tz", metavar="ZONE", help="IANA time zone of the check-in time (default: this machine's)")
    sub.add_argument("--url", default="http://localhost:8866", metavar="BASE",
                     help="where `okrkit serve` publishes the apps, for the events' links")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit.ics import write_calendar
    from okrkit.store import open_store

    engagement = open_store(args.dir, args.db).load_engagement()
    count = write_calendar(engagement, args.out, args.url, args.tz, args.team)
    print(f"wrote {args.out}: {count} events of {engagement.cycle.name}")
    return 0
