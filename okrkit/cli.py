"""The `okrkit` command: one subcommand per job a coach does from the terminal.

Errors are one line on stderr and exit code 2, never a traceback (unless --debug).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from okrkit.errors import OkrkitError

__all__ = ["main"]

Handler = Callable[[argparse.Namespace], int]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date such as 2026-02-13, not {value!r}") from None


def _cmd_import(args: argparse.Namespace) -> int:
    from okrkit.io.transfer import import_file

    print(import_file(args.dir, args.file, args.db, allow_removals=args.allow_removals))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from okrkit.io.transfer import export_engagement
    from okrkit.store import open_store

    result = export_engagement(open_store(args.dir, args.db), args.format, args.out)
    if isinstance(result, str):
        sys.stdout.write(result)
    else:
        print("wrote " + ", ".join(str(p) for p in result))
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from okrkit.progress import engagement_status
    from okrkit.status import status_json, status_text
    from okrkit.store import open_store

    store = open_store(args.dir, args.db)
    record = store.load_record()
    status = engagement_status(record.engagement, record.checkins, args.as_of, record.retros)
    print(status_json(status) if args.format == "json" else status_text(status))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from okrkit.demo import demo_record
    from okrkit.io.yaml_file import write_record
    from okrkit.store import open_store
    from okrkit.store.store import undo_if_refused

    folder = Path(args.dir)
    record = demo_record()
    with undo_if_refused(folder):
        store = open_store(folder, args.db, create=True)
        folder.mkdir(parents=True, exist_ok=True)  # a server store makes no folder of its own
        store.import_record(record)
        write_record(record, folder / "engagement.yaml")
    print(f"Demo engagement {record.engagement.client} written to {folder}/ "
          f"(store and engagement.yaml)\n", file=sys.stderr)
    args.as_of, args.format = None, "text"
    return _cmd_status(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrkit", description="Coaching workbooks for OKR coaches and their clients.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        sub.set_defaults(handler=handler)
        return sub

    def store_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--db", metavar="URL",
                         help="SQLAlchemy URL of the store (default: $OKRKIT_DB_URL, else DIR/okrkit.db)")

    sub = command("import", _cmd_import, "import an engagement YAML, a check-ins CSV or an OKR sheet (CSV/XLSX)")
    sub.add_argument("dir", type=Path, help="engagement folder (created if needed)")
    sub.add_argument("file", type=Path)
    sub.add_argument("--allow-removals", action="store_true",
                     help="let a new definition drop teams or key results that have recorded check-ins")
    store_options(sub)

    sub = command("export", _cmd_export, "export the engagement as YAML or CSV")
    sub.add_argument("dir", type=Path)
    sub.add_argument("--format", choices=("yaml", "csv"), default="yaml")
    sub.add_argument("--out", type=Path, help="file (yaml) or folder (csv); yaml goes to stdout without it")
    store_options(sub)

    sub = command("status", _cmd_status, "progress, pace, confidence and status of every team and key result")
    sub.add_argument("dir", type=Path)
    sub.add_argument("--as-of", type=_date, metavar="DATE", help="the day to report on (default: today, or the "
                     "cycle's end once it is over)")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    store_options(sub)

    sub = command("demo", _cmd_demo, "write the built-in demo engagement (Banco Aurora) and show its status")
    sub.add_argument("dir", type=Path, nargs="?", default=Path("okrkit-demo"))
    store_options(sub)

    for add in _plugin_commands():
        add(commands)
    return parser


def _plugin_commands() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    """Commands that live beside the parts they drive; each module imports its heavy parts only when run."""
    from okrkit.lint import add_lint_command
    from okrkit.report import add_report_command
    from okrkit.serve import add_serve_command
    from okrkit.workbook import add_new_command

    return [add_lint_command, add_new_command, add_serve_command, add_report_command]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
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
