"""`okrkit new DIR`: an engagement folder with its store, the coach workbook and the client apps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option, date
from okrkit.errors import InputError
from okrkit.extras import require

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "make an engagement folder: its store, the coach workbook and the client apps (again: refresh them)"
    sub = subparsers.add_parser("new", help=help_, description=help_ + ". Recorded data is never touched.")
    sub.set_defaults(handler=run)
    sub.add_argument("name", type=Path, metavar="NAME", help="the engagement folder (created if needed)")
    sub.add_argument("--client", help="the client's name, e.g. 'Banco Aurora'")
    sub.add_argument("--cycle", help="the OKR cycle: a quarter such as 2026-Q1, or a name with --start/--end")
    sub.add_argument("--start", type=date, help="first day of the cycle (with a --cycle that is not a quarter)")
    sub.add_argument("--end", type=date, help="last day of the cycle")
    sub.add_argument("--teams", nargs="+", metavar="TEAM",
                     help="team names: --teams 'Discover Team' 'Support Team' or --teams 'Ops, Sales'")
    sub.add_argument("--from", dest="from_file", type=Path, metavar="FILE.yaml",
                     help="an engagement YAML to start from (or to import again into an existing folder)")
    add_db_option(sub, "NAME")


def team_names(values: list[str] | None) -> list[str]:
    """`--teams "Ops" "Sales, Marketing"` → three names: spaces inside a name are kept."""
    names: list[str] = []
    for value in values or []:
        for name in value.split(","):
            name = name.strip()
            if name and name not in names:
                names.append(name)
    return names


def run(args: argparse.Namespace) -> int:
    from okrkit.store import open_store
    from okrkit.workbook import (
        engagement_file_note,
        make_workbooks,
        new_engagement,
        parse_cycle,
        write_engagement_file,
        write_gitignore,
    )

    folder: Path = args.name
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file; name a folder for the engagement")
    require("papermill", "apps")  # before the store is written: the notebooks need it
    cycle = parse_cycle(args.cycle, args.start, args.end) if args.cycle else None
    if cycle is None and (args.start or args.end):
        raise InputError("--start and --end go with --cycle NAME", field="cycle")
    summary = new_engagement(folder, client=args.client, cycle=cycle, teams=team_names(args.teams),
                             source=args.from_file, url=args.db)
    store = open_store(folder, args.db)
    teams = [t.name for t in store.load_engagement().teams]
    written = write_engagement_file(folder, store) + write_gitignore(folder)
    written += make_workbooks(folder, team=teams[0] if teams else None)
    print(summary, file=sys.stderr)
    for path in written:
        print(f"  {path}", file=sys.stderr)
    note = engagement_file_note(folder, store)
    if note:
        print(note, file=sys.stderr)
    print(f"\nNext: `jupyter lab {folder / 'coach-workbook.ipynb'}` for the coach, "
          f"`okrkit serve {folder}` for the client's apps.", file=sys.stderr)
    return 0
