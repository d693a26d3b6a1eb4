"""`okrkit demo [DIR]`: the built-in demo engagement (Banco Aurora) written out, and its status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cli import status
from okrkit.cli.args import Subparsers, add_db_option

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "write the built-in demo engagement (Banco Aurora) and show its status"
    sub = subparsers.add_parser("demo", help=help_, description=help_)
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path, nargs="?", default=Path("okrkit-demo"))
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    from okrkit.demo import demo_record
    from okrkit.io.yaml_file import write_record
    from okrkit.store import open_store

    folder = Path(args.dir)
    record = demo_record()
    open_store(folder, args.db, create=True).import_record(record)
    write_record(record, folder / "engagement.yaml")
    print(f"Demo engagement {record.engagement.client} written to {folder}/ "
          f"(store and engagement.yaml)\n", file=sys.stderr)
    args.as_of, args.format = None, "text"
    return status.run(args)
