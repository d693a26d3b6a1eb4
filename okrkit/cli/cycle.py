"""`okrkit cycle`: the engagement's cycles, and planning the next one.

    okrkit cycle list DIR
    okrkit cycle next DIR --name 2026-Q2 [--start DATE --end DATE] [--keep ID …] [--revise ID …] [--drop ID …]
                          [--dry-run]

`next` archives the current cycle whole, carries the kept and revised objectives with their
key results' final values as the new baselines, and shows the planning workshop's inputs and
the coach's findings on the new cycle. Objectives not named are kept.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from okrkit.cli.args import Subparsers, add_db_option, date

__all__ = ["register"]


def register(subparsers: Subparsers) -> None:
    help_ = "the engagement's cycles: list them, or plan the next one"
    sub = subparsers.add_parser("cycle", help=help_, description=help_)
    actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="every cycle with its dates, score, rhythm and the coach's findings")
    listing.add_argument("dir", type=Path)
    listing.set_defaults(handler=_cmd_list)

    nxt = actions.add_parser("next", help="archive the current cycle and start the next one")
    nxt.add_argument("dir", type=Path)
    nxt.add_argument("--name", required=True, help="the next cycle's name: a quarter such as 2026-Q2, or any "
                     "name with --start and --end")
    nxt.add_argument("--start", type=date, metavar="DATE")
    nxt.add_argument("--end", type=date, metavar="DATE")
    for decision, what in (("keep", "carry as is, from its final values (the default)"),
                           ("revise", "carry, to rewrite with the client in the drafter"),
                           ("drop", "leave behind")):
        nxt.add_argument(f"--{decision}", nargs="+", default=[], metavar="ID", help=f"objectives to {what}")
    nxt.add_argument("--dry-run", action="store_true", help="show the plan; change nothing")
    nxt.set_defaults(handler=_cmd_next)
    for action in (listing, nxt):
        add_db_option(action)


def _cmd_list(args: argparse.Namespace) -> int:
    from okrkit.cycles import cycle_summaries
    from okrkit.store import open_store

    for c in cycle_summaries(open_store(args.dir, args.db).load_record()):
        score = "—" if c.score is None else f"{c.score:.2f}"
        rate = "—" if c.checkin_rate is None else f"{c.checkin_rate:.0%}"
        print(f"{c.name:10} {c.start} → {c.end}  {c.phase:14} {c.teams} teams, {c.objectives} objectives  "
              f"score {score}  check-ins {rate}  coach findings {c.findings}" + ("  (current)" if c.current else ""))
    return 0


def _cmd_next(args: argparse.Namespace) -> int:
    from okrkit.coach import Severity, review
    from okrkit.cycles import Decision, plan_next_cycle
    from okrkit.errors import InputError
    from okrkit.io.yaml_file import write_record
    from okrkit.model import Cycle
    from okrkit.store import open_store
    from okrkit.validation import parse
    from okrkit.workbook import parse_cycle

    store = open_store(args.dir, args.db)
    record = store.load_record()
    current = record.engagement.cycle
    fields = parse_cycle(args.name, args.start, args.end)
    cycle = parse(Cycle, fields | {"checkin_weekday": current.checkin_weekday, "checkin_time": current.checkin_time})
    decisions: dict[str, Decision] = {}
    for decision in Decision:
        for obj_id in getattr(args, decision.value):
            if obj_id in decisions:
                raise InputError(f"{obj_id} is given both --{decisions[obj_id]} and --{decision}", field=decision)
            decisions[obj_id] = decision
    plan = plan_next_cycle(record, cycle, decisions)

    print(f"{current.name} → {cycle.name} ({cycle.start} to {cycle.end})")
    for team, obj in record.engagement.objectives():
        choice = plan.decisions[obj.id]
        print(f"  {choice.value:7} {obj.id:8} {obj.title}  [{team.name}]")
        if choice is not Decision.DROP:
            for kr in obj.key_results:
                if kr.id in plan.baselines:
                    before, after = plan.baselines[kr.id]
                    print(f"            {kr.id}: baseline {_num(before)} → {_num(after)} (target {_num(kr.target)})")
    print("\nInputs of the planning workshop (end-of-cycle retrospectives):")
    if not plan.inputs:
        print(f"  none: no end-of-cycle retrospective was recorded in {current.name}")
    for team_name, notes in plan.inputs.items():
        print(f"  {team_name}:")
        for note in notes:
            print(f"    - {note}")
    findings = review(plan.engagement)
    shown = [f for f in findings if f.severity is not Severity.INFO]
    print(f"\nThe coach on {cycle.name}: {len(shown)} to fix, {len(findings) - len(shown)} tips")
    for f in shown:
        print(f"  {f.severity.value:7} {f.path}  {f.message}")
    revise = [obj_id for obj_id, d in plan.decisions.items() if d is Decision.REVISE]
    if revise:
        print(f"\nRevise with the client in the coach workbook's drafter: {', '.join(revise)}")
    if args.dry_run:
        print("\n(dry run: nothing was changed)")
        return 0
    store.start_next_cycle(plan.engagement)
    yaml_file = Path(args.dir) / "engagement.yaml"
    if yaml_file.exists():  # the coach's file stays in step with the store
        write_record(store.load_record(), yaml_file)
    print(f"\n{current.name} is archived; {cycle.name} is the current cycle.")
    return 0


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
