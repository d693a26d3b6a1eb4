"""`okrkit report`: a client-ready document from an engagement, or from every engagement below a folder.

    okrkit report DIR --kind KIND [--as-of DATE] [--format html|pdf] [--out PATH]
                      [--cycle NAME] [--unit NAME] [--detail summary|teams]
    okrkit report --all ENGAGEMENTS_DIR --kind monthly [--jobs N] [--out FOLDER]

Each report is a papermill run of the kind's template notebook, exported by nbconvert
with no code (see `okrkit.reports`). The heavy imports happen only when a report is made.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option, date, jobs
from okrkit.errors import InputError
from okrkit.reports.kinds import KINDS  # a tiny registry: no heavy import

__all__ = ["register"]

def _lower_first(title: str) -> str:
    """"Weekly check-in digest" → "weekly check-in digest"; "OKR playbook" stays as it is."""
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def register(subparsers: Subparsers) -> None:
    help_ = "make a report for a client: " + ", ".join(_lower_first(k.title) for k in KINDS.values())
    sub = subparsers.add_parser("report", help=help_, description=help_ + " (self-contained HTML, or PDF)")
    sub.set_defaults(handler=run)
    sub.add_argument("dir", type=Path, nargs="?", help="engagement folder")
    sub.add_argument("--all", type=Path, metavar="ENGAGEMENTS_DIR", dest="all_dir",
                     help="report on every engagement folder (one holding okrkit.db) below this folder")
    sub.add_argument("--kind", required=True, choices=list(KINDS),
                     help="; ".join(f"{k.name}: {k.summary}" for k in KINDS.values()))
    sub.add_argument("--as-of", type=date, metavar="DATE",
                     help="the day the report is about (default: today, or the cycle's end once it is over)")
    sub.add_argument("--cycle", metavar="NAME", help="a past cycle (default: the current one)")
    sub.add_argument("--format", choices=("html", "pdf"), default="html")
    sub.add_argument("--out", type=Path, metavar="PATH",
                     help="file or folder to write (default: DIR/reports/KIND-DATE.FORMAT); with --all, a folder")
    sub.add_argument("--jobs", type=jobs, default=2, metavar="N",
                     help="with --all: reports made at the same time (default 2)")
    sub.add_argument("--unit", metavar="NAME",
                     help="scope the report to one business unit and the teams below it (e.g. \"Digital Services\")")
    sub.add_argument("--detail", choices=("summary", "teams"),
                     help="for a large engagement (over 12 teams): summary (the default) shows business units and "
                          "the ten furthest behind and ahead; teams adds every team's detail, grouped by unit")
    add_db_option(sub)


def run(args: argparse.Namespace) -> int:
    if (args.dir is None) == (args.all_dir is None):
        raise InputError("give an engagement folder, or --all ENGAGEMENTS_DIR (not both)", field="dir")
    if args.all_dir is not None:
        return _report_all(args)
    from okrkit.reports.run import ReportRequest, render_report

    path = render_report(ReportRequest(args.dir, args.kind, args.as_of, args.format, args.out, args.db,
                                       args.unit, args.detail, args.cycle))
    print(path)
    return 0


def _report_all(args: argparse.Namespace) -> int:
    from okrkit.reports.batch import find_engagements, render_all

    if args.db:
        raise InputError("--all reads each folder's own okrkit.db; --db is for one engagement", field="db")
    if args.cycle:
        raise InputError("--all reports on each engagement's current cycle; --cycle is for one engagement",
                         field="cycle")
    if args.unit:
        raise InputError("--unit scopes one engagement's report; it cannot be used with --all", field="unit")
    if args.out is not None and args.out.suffix:
        raise InputError(f"with --all, --out is a folder, not {args.out}", field="out")
    folders = find_engagements(args.all_dir)
    if not folders:
        raise InputError(f"no engagement folder (one holding okrkit.db) below {args.all_dir}", field="all")
    result = render_all(folders, args.kind, as_of=args.as_of, fmt=args.format, out_dir=args.out, jobs=args.jobs,
                        root=args.all_dir)
    for path in result.written:
        print(path)
    if result.failed:
        print(f"okrkit report: {len(result.failed)} of {len(folders)} reports failed:", file=sys.stderr)
        for folder, message in result.failed:
            print(f"  {folder}: {message}", file=sys.stderr)
        return 1
    return 0
