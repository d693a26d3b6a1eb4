"""`okrkit status DIR`: progress, pace, confidence and status, as text or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option, date

__all__ = ["register", "run"]


def register(subparsers: Subparsers) -> None:
    help_ = "progress, pace, confidence and status of every team and key result"
    sub = subparsers.add_parser("status", help=help_, description=help_)
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path)
    sub.add_argument("--as-of", type=date, metavar="DATE",
                     help="the day to report on (default: today, or the cycle's end once it is over)")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit.progress import engagement_status
    from okrkit.status import status_json, status_text
    from okrkit.store import open_store

    record = open_store(args.dir, args.db).load_record()
    status = engagement_status(record.engagement, record.checkins, args.as_of, record.retros)
    print(status_json(status) if args.format == "json" else status_text(status))
    return 0
