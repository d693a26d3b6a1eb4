"""`okrkit lint FILE`: the coach's advice on an engagement YAML or an OKR sheet.

The coach's rules are imported when a lint runs (okrkit.cli.lint_report), so every other
command's start-up does not load them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrkit.cli.args import Subparsers
from okrkit.errors import OkrkitError

__all__ = ["register", "run"]


def register(subparsers: Subparsers) -> None:
    help_ = "review the OKRs of an engagement (folder or YAML) or an OKR sheet (CSV/XLSX) as a coach would"
    sub = subparsers.add_parser(
        "lint", help=help_, description=help_ + ". Exit 1 on an error-level finding, 2 if the file is unreadable.")
    sub.add_argument("file", type=Path, nargs="?",
                     help="engagement folder, engagement .yaml, or OKR sheet .csv/.xlsx")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument("--all", action="store_true", dest="show_all",
                     help="also show the findings the coach dismissed (coach_dismissed), with their reasons")
    sub.add_argument("--rules", metavar="ID,ID", help="only these rules (see --list-rules)")
    sub.add_argument("--list-rules", action="store_true", help="list the coach's rules and exit")
    sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from okrkit.cli.lint_report import lint
    from okrkit.coach import RULES

    if args.list_rules:
        for rule in RULES.values():
            print(f"{rule.id:27} {rule.severity.value:8} {rule.summary}")
        return 0
    if args.file is None:
        print("okrkit lint: give a FILE to review (or --list-rules)", file=sys.stderr)
        return 2
    rules = args.rules.split(",") if args.rules else None
    try:
        report, code = lint(args.file, fmt=args.format, rules=rules, show_all=args.show_all)
    except OkrkitError as error:
        print(f"okrkit lint: {error}", file=sys.stderr)
        return 2
    print(report)
    return code
