"""The `okrkit` command: one subcommand per job a coach does from the terminal.

Each command is a module of this package with `register(subparsers)`; it imports the
heavy parts it drives (papermill, Voila, the coach) only when it runs, so `okrkit --help`
and every other command start fast. Errors are one line on stderr and exit code 2, never
a traceback (unless --debug).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from okrkit.cli import calendar, cycle, demo, export, import_, lint, new, report, serve, status
from okrkit.errors import OkrkitError
from okrkit.hub import cli as hub

__all__ = ["main"]

# In the order `okrkit --help` lists them.
COMMANDS = (new, serve, import_, export, status, lint, report, cycle, calendar, demo, hub)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrkit", description="Coaching workbooks for OKR coaches and their clients.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except OkrkitError as error:
        if args.debug:
            raise
        print(f"okrkit {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
