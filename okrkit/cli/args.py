"""Argument types and options every command shares (argparse turns their errors into usage lines)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

__all__ = ["Subparsers", "add_cycle_option", "add_db_option", "date", "jobs", "whole_number"]

Subparsers = argparse._SubParsersAction  # type: ignore[type-arg]  # argparse exports no public name for it


def date(value: str) -> dt.date:
    """`--as-of 2026-02-13`: an ISO date, or a usage error naming the value."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date such as 2026-02-13, not {value!r}") from None


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argument type for a whole number from `low` to `high`, or a usage error naming the value."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, not {value!r}")
        return number

    return parse


jobs = whole_number(1, 32)  # `--jobs 2`: how many at a time


def add_db_option(sub: argparse.ArgumentParser, folder: str = "DIR") -> Any:
    return sub.add_argument("--db", metavar="URL",
                            help=f"SQLAlchemy URL of the store (default: $OKRKIT_DB_URL, else {folder}/okrkit.db)")


def add_cycle_option(sub: argparse.ArgumentParser) -> Any:
    return sub.add_argument("--cycle", metavar="NAME", help="a past cycle (default: the current one)")
