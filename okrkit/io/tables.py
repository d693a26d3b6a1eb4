"""Reading the tabular files coaches keep: CSV, and Excel through openpyxl.

Rows come back as dicts keyed by lower-case, trimmed column names, each with the row
number a person sees in a spreadsheet (the header is row 1), so errors can point at it.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from okrkit.errors import InputError

__all__ = ["Row", "number", "read_columns", "read_rows", "text", "when", "write_csv"]

Row = tuple[int, dict[str, Any]]


def _load(path: Path) -> tuple[list[str], list[list[Any]]]:
    """Normalised column names and the body of a CSV or .xlsx file."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError("no such file", source=str(path))
    if suffix == ".csv":
        header, body = _csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        header, body = _xlsx(path)
    else:
        raise InputError("is neither a .csv nor an .xlsx file", source=str(path))
    return [str(h or "").strip().lower().replace(" ", "_") for h in header], body


def read_columns(path: Path) -> list[str]:
    """The file's column names, as `read_rows` keys its rows."""
    return _load(path)[0]


def read_rows(path: Path, required: Sequence[str]) -> list[Row]:
    """The data rows of a CSV or .xlsx file; blank rows are skipped."""
    columns, body = _load(path)
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError(f"row 1: missing column(s) {', '.join(missing)}; found {', '.join(c for c in columns if c)}",
                         source=str(path))
    rows = []
    for number_, cells in enumerate(body, start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        rows.append((number_, dict(zip(columns, cells, strict=False))))
    return rows


def _csv(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            lines = list(csv.reader(handle))
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text; save it from your spreadsheet as CSV UTF-8", source=str(path)) from None
    except csv.Error as error:
        raise InputError(f"is not a readable CSV file ({error})", source=str(path)) from None
    if not lines:
        raise InputError("is empty", source=str(path))
    return lines[0], lines[1:]


def _xlsx(path: Path) -> tuple[list[Any], list[list[Any]]]:
    try:
        from openpyxl import load_workbook  # type: ignore[import-untyped]  # lazy: only Excel imports need it
    except ModuleNotFoundError:
        raise InputError("reading Excel needs openpyxl: pip install openpyxl", source=str(path)) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"is not a readable Excel file ({error.__class__.__name__})", source=str(path)) from None
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise InputError("is empty", source=str(path))
    return rows[0], rows[1:]


def _where(path: Path, row: int, column: str) -> str:
    return f"{path.name} row {row}, column {column}"


def text(path: Path, row: Row, column: str, *, required: bool = False) -> str:
    value = row[1].get(column)
    result = "" if value is None else str(value).strip()
    if required and not result:
        raise InputError(f"{_where(path, row[0], column)}: must not be empty", field=column)
    return result


def number(path: Path, row: Row, column: str, *, required: bool = False) -> float | None:
    value = row[1].get(column)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"{_where(path, row[0], column)}: must not be empty", field=column)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    cleaned = str(value).strip().replace(",", "").rstrip("%").strip()
    try:
        return float(cleaned)
    except ValueError:
        raise InputError(f"{_where(path, row[0], column)}: must be a number, not {value!r}", field=column) from None


def when(path: Path, row: Row, column: str) -> dt.date:
    value = row[1].get(column)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            f"{_where(path, row[0], column)}: must be a date such as 2026-01-09, not {value!r}", field=column
        ) from None


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
