"""`okrkit demo [DIR]`: the built-in demo engagement (Banco Aurora) written out, and its status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cli import status
from okrkit.cli.args import Subparsers, add_db_option, whole_number

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "write the built-in demo engagement (Banco Aurora) and show its status"
    sub = subparsers.add_parser("demo", help=help_, description=help_)
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path, nargs="?", default=Path("okrkit-demo"))
    sub.add_argument("--teams", type=whole_number(1, 5000), metavar="N",
                     help="instead of the 4-team demo, a generated bank of N teams (1-5000) under business units")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
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
    return status.run(args)
