"""`okrkit hub …` and `okrkit portfolio`: a firm's hub from the command line, no Python to edit.

    okrkit hub init FIRM_DIR [--firm NAME] [--coach NAME] [--demo]
    okrkit hub add-engagement FIRM_DIR SLUG (--from engagement.yaml | --demo) [--coach NAME ...]
    okrkit hub add-user FIRM_DIR NAME (--coach [--admin] | --client SLUG [--team TEAM])
    okrkit hub grant FIRM_DIR COACH SLUG [--revoke]
    okrkit hub remove-user FIRM_DIR NAME
    okrkit hub FIRM_DIR [--port 8000] [--ip 127.0.0.1] [-- JUPYTERHUB_OPTIONS …]
    okrkit portfolio ROOT [--coach NAME] [--as-of DATE] [--format text|json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

from okrkit.errors import InputError, OkrkitError
from okrkit.extras import require
from okrkit.hub.roster import ENGAGEMENTS_DIR, ROSTER_FILE, Roster, User, check_slug, load_roster, save_roster

__all__ = ["register"]

_ACTIONS = ("init", "add-engagement", "add-user", "grant", "remove-user")
DEMO_SLUG = "banco-aurora"


def _db_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "db", None) or os.environ.get("OKRKIT_DB_URL") or None


def _init(args: argparse.Namespace) -> int:
    from okrkit.hub.config import COACHES_DIR, CONFIG_FILE, config_text

    firm = args.firm_dir
    config = firm / CONFIG_FILE
    if (firm / ROSTER_FILE).exists() or config.exists():
        raise InputError(f"{firm} already holds a hub ({ROSTER_FILE}); edit it or use add-engagement/add-user",
                         field="firm_dir")
    roster = Roster(firm, firm=args.firm or firm.resolve().name)
    if args.coach or args.demo:
        roster.add_user(User(args.coach or "coach", "coach", admin=True))
    for sub in (ENGAGEMENTS_DIR, COACHES_DIR):
        (firm / sub).mkdir(parents=True, exist_ok=True)
    config.write_text(config_text(), encoding="utf-8")
    save_roster(roster)
    print(f"Hub of {roster.firm} written to {firm}: {CONFIG_FILE} (edit freely) and {ROSTER_FILE} (who is who)")
    if args.demo:
        coach = next(iter(roster.users))
        _add_engagement_to(roster, DEMO_SLUG, None, [coach], demo=True, db_url=_db_url(args))
        roster.add_user(User("discover", "client", engagement=DEMO_SLUG, team="Discover Team"))
        save_roster(roster)
        print(f"Demo: coach {coach!r} holds {DEMO_SLUG}; client user 'discover' is on its Discover Team.\n"
              f"Start the hub with: okrkit hub {firm}   then sign up as {coach} (approved at once: an admin),\n"
              f"and approve 'discover' at /hub/authorize after they sign up.")
    return 0


def _add_engagement_to(roster: Roster, slug: str, source: Path | None, coaches: list[str], *, demo: bool,
                       db_url: str | None) -> None:
    from okrkit.store import open_store
    from okrkit.workbook import make_workbooks

    check_slug(slug)
    folder = roster.engagement_dir(slug)
    if folder.exists() and any(folder.iterdir()):
        raise InputError(f"{folder} exists already; choose another engagement name", field="engagement")
    if demo:
        from okrkit.demo import demo_record

        record = demo_record()
    elif source is not None:
        from okrkit.io.yaml_file import load_record

        record = load_record(source)
    else:
        raise InputError("give the engagement: --from engagement.yaml, or --demo", field="from")
    roster.add_engagement(slug, record.engagement.client, coaches)  # checks the name and coaches first
    folder.mkdir(parents=True)
    try:
        store = open_store(folder, db_url, create=True)
        store.import_record(record)
        # A demo's cycle is over: its apps take its last check-in day as today (as okrkit serve --demo).
        today = max((c.date for c in record.checkins), default=None) if demo else None
        teams = [t.name for t in record.engagement.teams]
        make_workbooks(folder, team=teams[0] if teams else None, today=today)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # nothing half-made left behind
        raise


def _add_engagement(args: argparse.Namespace) -> int:
    roster = load_roster(args.firm_dir)
    _add_engagement_to(roster, args.slug, args.source, args.coach or [], demo=args.demo, db_url=_db_url(args))
    save_roster(roster)
    engagement = roster.engagements[args.slug]
    print(f"Engagement {args.slug} ({engagement.client}) added; coaches: {', '.join(engagement.coaches) or 'none'}. "
          "Restart the hub to serve it.")
    return 0


def _add_user(args: argparse.Namespace) -> int:
    roster = load_roster(args.firm_dir)
    if args.coach == (args.client is not None):
        raise InputError("say what the user is: --coach, or --client ENGAGEMENT", field="role")
    if args.client is not None:
        if args.team is not None:
            _check_team(roster, args.client, args.team, _db_url(args))
        user = User(args.name, "client", engagement=args.client, team=args.team)
    else:
        user = User(args.name, "coach", admin=args.admin)
    roster.add_user(user)
    save_roster(roster)
    print(f"User {args.name} added as {user.role}" + (f" of {args.client}" if args.client else "") +
          ". They sign up at /hub/signup; an admin coach approves them at /hub/authorize. Restart the hub.")
    return 0


def _check_team(roster: Roster, slug: str, team: str, db_url: str | None) -> None:
    from okrkit.store import open_store

    if slug not in roster.engagements:
        return  # add_user names the missing engagement
    names = [t.name for t in open_store(roster.engagement_dir(slug), db_url).load_engagement().teams]
    if team not in names:
        raise InputError(f"no team {team!r} in {slug} (teams: {', '.join(names)})", field="team")


def _grant(args: argparse.Namespace) -> int:
    roster = load_roster(args.firm_dir)
    roster.grant(args.coach, args.slug, revoke=args.revoke)
    save_roster(roster)
    print(f"{args.coach} {'no longer holds' if args.revoke else 'now holds'} {args.slug}. Restart the hub.")
    return 0


def _remove_user(args: argparse.Namespace) -> int:
    roster = load_roster(args.firm_dir)
    roster.remove_user(args.name)
    save_roster(roster)
    print(f"User {args.name} removed: refused by the apps at once; gone from the hub at its next start.")
    return 0


def hub_command(firm: Path, port: int, ip: str, extra: list[str]) -> list[str]:
    """The jupyterhub command line `okrkit hub FIRM_DIR` runs."""
    from okrkit.hub.config import CONFIG_FILE

    return [sys.executable, "-m", "jupyterhub", "-f", str((firm / CONFIG_FILE).resolve()),
            f"--JupyterHub.bind_url=http://{ip}:{port}", *extra]


def _start(firm: Path, port: int, ip: str, extra: list[str]) -> int:
    from okrkit.hub.config import CONFIG_FILE, STATE_DIR

    firm = firm.resolve()
    roster = load_roster(firm)  # a clear error before JupyterHub starts
    if not (firm / CONFIG_FILE).is_file():
        raise InputError(f"no {CONFIG_FILE} in {firm}: okrkit hub init {firm}", field="firm_dir")
    require("jupyterhub", "hub")
    if shutil.which("configurable-http-proxy") is None:
        raise OkrkitError("JupyterHub's proxy is missing: npm install -g configurable-http-proxy")
    if not os.environ.get("OKRKIT_DB_URL"):
        print("okrkit hub: OKRKIT_DB_URL is not set, so each engagement keeps its SQLite store: fine for a trial; "
              "a firm sets one PostgreSQL database (docs/hosting.md)", file=sys.stderr)
    state = firm / STATE_DIR
    state.mkdir(mode=0o700, exist_ok=True)
    print(f"okrkit hub: {roster.firm}, {len(roster.engagements)} engagement(s), at http://{ip}:{port}/",
          file=sys.stderr, flush=True)
    os.chdir(state)
    argv = hub_command(firm, port, ip, extra)
    os.execv(argv[0], argv)  # the hub is the process: signals and exit code are its own
    return 0  # pragma: no cover


def _hub_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="okrkit hub", description="a firm's okrkit on JupyterHub")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    sub = actions.add_parser("init", help="write jupyterhub_config.py, the roster and the folders")
    sub.add_argument("firm_dir", type=Path)
    sub.add_argument("--firm", help="the firm's name (default: the folder's name)")
    sub.add_argument("--coach", help="a first coach (an admin, who approves sign-ups)")
    sub.add_argument("--demo", action="store_true",
                     help="add the demo engagement (Banco Aurora), a coach (default 'coach') and a client user")
    sub.add_argument("--db", metavar="URL", help="the engagements' store (default: $OKRKIT_DB_URL)")
    sub.set_defaults(run=_init)

    sub = actions.add_parser("add-engagement", help="add a client engagement")
    sub.add_argument("firm_dir", type=Path)
    sub.add_argument("slug", help="its name on the hub: lower-case letters, digits, '-' (e.g. banco-aurora)")
    source = sub.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="source", type=Path, metavar="YAML", help="the engagement's YAML file")
    source.add_argument("--demo", action="store_true", help="the demo engagement")
    sub.add_argument("--coach", action="append", help="a coach holding it (repeatable)")
    sub.add_argument("--db", metavar="URL", help="the engagements' store (default: $OKRKIT_DB_URL)")
    sub.set_defaults(run=_add_engagement)

    sub = actions.add_parser("add-user", help="add a coach or a client user")
    sub.add_argument("firm_dir", type=Path)
    sub.add_argument("name", help="their hub user name")
    sub.add_argument("--coach", action="store_true", help="a coach")
    sub.add_argument("--admin", action="store_true", help="a coach who approves sign-ups and runs the hub")
    sub.add_argument("--client", metavar="SLUG", help="a client user of this engagement")
    sub.add_argument("--team", help="their team: first on their landing page")
    sub.add_argument("--db", metavar="URL", help="the engagements' store (default: $OKRKIT_DB_URL)")
    sub.set_defaults(run=_add_user)

    sub = actions.add_parser("grant", help="let a coach hold an engagement")
    sub.add_argument("firm_dir", type=Path)
    sub.add_argument("coach")
    sub.add_argument("slug")
    sub.add_argument("--revoke", action="store_true", help="stop holding it")
    sub.set_defaults(run=_grant)

    sub = actions.add_parser("remove-user", help="take a user off the hub (refused at once)")
    sub.add_argument("firm_dir", type=Path)
    sub.add_argument("name")
    sub.set_defaults(run=_remove_user)
    return parser


def _cmd_hub(args: argparse.Namespace) -> int:
    rest: list[str] = args.rest
    if rest and rest[0] in _ACTIONS:
        parsed = _hub_parser().parse_args(rest)
        return int(parsed.run(parsed))
    start = argparse.ArgumentParser(prog="okrkit hub", description="start the firm's JupyterHub")
    start.add_argument("firm_dir", type=Path)
    start.add_argument("--port", type=int, default=8000)
    start.add_argument("--ip", default="127.0.0.1", help="default 127.0.0.1 (put a TLS proxy in front)")
    extra = rest[rest.index("--") + 1:] if "--" in rest else []
    mine = rest[:rest.index("--")] if "--" in rest else rest
    if not mine or mine[0] in ("-h", "--help"):
        _hub_parser().print_help()
        print("\nand: okrkit hub FIRM_DIR [--port 8000] [--ip 127.0.0.1] [-- JUPYTERHUB_OPTIONS]")
        return 0 if mine else 2
    parsed = start.parse_args(mine)
    return _start(parsed.firm_dir, parsed.port, parsed.ip, extra)


def _cmd_portfolio(args: argparse.Namespace) -> int:
    from okrkit.hub.portfolio import portfolio, render_text

    entries = portfolio(args.root, coach=args.coach, as_of=args.as_of, db_url=args.db)
    if args.format == "json":
        print(json.dumps([e.as_dict() for e in entries], indent=2, ensure_ascii=False))
    else:
        print(render_text(entries))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    help_ = "a firm's okrkit on JupyterHub: init, add-engagement, add-user, grant, remove-user, or start it"
    sub = subparsers.add_parser("hub", help=help_, description=__doc__, add_help=False,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub.add_argument("rest", nargs=argparse.REMAINDER)
    sub.set_defaults(handler=_cmd_hub)

    help_ = "every engagement a coach holds: phase, week, check-ins, risks, retros, coach findings, reports"
    sub = subparsers.add_parser("portfolio", help=help_, description=help_)
    sub.add_argument("root", type=Path, help="a firm's hub folder, or a folder of engagement folders")
    sub.add_argument("--coach", help="only the engagements this coach holds (a hub folder's roster)")
    sub.add_argument("--as-of", type=dt.date.fromisoformat, metavar="DATE", help="default: today")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument("--db", metavar="URL", help="the store (default: $OKRKIT_DB_URL, else each folder's file)")
    sub.set_defaults(handler=_cmd_portfolio)
