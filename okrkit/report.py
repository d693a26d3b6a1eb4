"""`okrkit report`: a client-ready document from an engagement, or from every engagement below a folder.

    okrkit report DIR --kind weekly|monthly|cycle|case-study|playbook [--as-of DATE]
                      [--format html|pdf] [--out PATH] [--unit NAME] [--detail summary|teams]
    okrkit report --all ENGAGEMENTS_DIR --kind monthly [--jobs N] [--out FOLDER]

Each report is a papermill run of the kind's template notebook, exported by nbconvert
with no code (see `okrkit.reports`). The heavy imports happen only when a report is made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from okrkit.errors import InputError
from okrkit.reports.kinds import KINDS  # a tiny registry: no heavy import

__all__ = ["add_report_command"]

def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date such as 2026-02-13, not {value!r}") from None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if not 1 <= jobs <= 32:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 32, not {value!r}")
    return jobs


def add_report_command(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    help_ = "make a report for a client: weekly digest, monthly leadership report, end of cycle, case study, playbook"
    sub = subparsers.add_parser("report", help=help_, description=help_ + " (self-contained HTML, or PDF)")
    sub.set_defaults(handler=_cmd_report)
    sub.add_argument("dir", type=Path, nargs="?", help="engagement folder")
    sub.add_argument("--all", type=Path, metavar="ENGAGEMENTS_DIR", dest="all_dir",
                     help="report on every engagement folder (one holding okrkit.db) below this folder")
    sub.add_argument("--kind", required=True, choices=list(KINDS),
                     help="; ".join(f"{k.name}: {k.summary}" for k in KINDS.values()))
    sub.add_argument("--as-of", type=_date, metavar="DATE",
                     help="the day the report is about (default: today, or the cycle's end once it is over)")
    sub.add_argument("--cycle", metavar="NAME", help="a past cycle (default: the current one)")
    sub.add_argument("--format", choices=("html", "pdf"), default="html")
    sub.add_argument("--out", type=Path, metavar="PATH",
                     help="file or folder to write (default: DIR/reports/KIND-DATE.FORMAT); with --all, a folder")
    sub.add_argument("--jobs", type=_jobs, default=2, metavar="N",
                     help="with --all: reports made at the same time (default 2)")
    sub.add_argument("--unit", metavar="NAME",
                     help="scope the report to one business unit and the teams below it (e.g. \"Digital Services\")")
    sub.add_argument("--detail", choices=("summary", "teams"),
                     help="for a large engagement (over 12 teams): summary (the default) shows business units and "
                          "the ten furthest behind and ahead; teams adds every team's detail, grouped by unit")
    sub.add_argument("--db", metavar="URL",
                     help="SQLAlchemy URL of the store (default: $OKRKIT_DB_URL, else DIR/okrkit.db)")


def _cmd_report(args: argparse.Namespace) -> int:
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
