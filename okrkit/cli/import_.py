"""`okrkit import DIR FILE`: an engagement YAML, a check-ins CSV or an OKR sheet into the store."""

from __future__ import annotations

import argparse
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option
from okrkit.errors import InputError, RemovalError

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "import an engagement YAML, a check-ins CSV or an OKR sheet (CSV/XLSX)"
    sub = subparsers.add_parser("import", help=help_, description=help_)
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path, help="engagement folder (created if needed)")
    sub.add_argument("file", type=Path)
    sub.add_argument("--allow-removals", action="store_true",
                     help="let a new definition drop teams or key results that have recorded check-ins")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit.io.transfer import import_file

    try:
        print(import_file(args.dir, args.file, args.db, allow_removals=args.allow_removals))
    except RemovalError as error:
        raise InputError(f"{error}: pass --allow-removals to delete it", field="allow-removals") from None
    return 0
