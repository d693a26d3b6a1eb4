"""`okrkit export DIR`: the engagement back out as YAML (stdout or a file) or CSV files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "export the engagement as YAML or CSV"
    sub = subparsers.add_parser("export", help=help_, description=help_)
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path)
    sub.add_argument("--format", choices=("yaml", "csv"), default="yaml")
    sub.add_argument("--out", type=Path, help="file (yaml) or folder (csv); yaml goes to stdout without it")
    sub.add_argument("--cycle", metavar="NAME",
                     help="only this cycle (default: yaml has every cycle, csv the current one)")
    sub.add_argument("--history", action="store_true",
                     help="also the earlier versions of check-ins that were saved again")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit.io.transfer import export_engagement
    from okrkit.store import open_store

    result = export_engagement(open_store(args.dir, args.db), args.format, args.out, cycle=args.cycle,
                               history=args.history)
    if isinstance(result, str):
        sys.stdout.write(result)
    else:
        print("wrote " + ", ".join(str(p) for p in result))
    return 0
