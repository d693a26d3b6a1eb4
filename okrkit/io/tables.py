"""Reading the tabular files coaches keep: CSV, and Excel through openpyxl.

Rows come back as dicts keyed by lower-case, trimmed column names, each with the row
number a person sees in a spreadsheet (the header is row 1), so errors can point at it.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from okrkit.errors import InputError

__all__ = [
    "MAX_COLUMNS", "MAX_ROWS", "Row", "escape_cell", "no_cycle_collector", "number", "progress", "read_columns",
    "read_rows", "text", "unescape_cell", "when", "write_csv",
]

Row = tuple[int, dict[str, Any]]

MAX_ROWS = 300_000  # a year of weekly check-ins of 1,000 teams with 5 KRs is 260,000 rows
MAX_XLSX_ROWS = 100_000  # openpyxl parses rows ten times slower than csv: a bound on time
MAX_COLUMNS = 100
MAX_CSV_BYTES = 200_000_000
MAX_XLSX_INFLATED = 500_000_000  # what the workbook's parts inflate to; a zip bomb declares gigabytes

# OWASP's CSV injection advice: a cell a spreadsheet would read as a formula starts with a
# quote on export; the quote is taken off again on import, so nothing changes on the way.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_START = (*_FORMULA_START, "'")


def escape_cell(value: Any) -> Any:
    if isinstance(value, str) and (value.startswith(_FORMULA_START) or (
            value.startswith("'") and value[1:].startswith(_ESCAPED_START))):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_ESCAPED_START) else value


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
    return _normalise(header), body


def read_columns(path: Path) -> list[str]:
    """The file's column names, as `read_rows` keys its rows (a CSV is read no further than its header)."""
    if path.suffix.lower() == ".csv" and path.exists():
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                header = next(csv.reader(handle), [])
        except (UnicodeDecodeError, csv.Error):
            return _load(path)[0]  # reports the problem as reading the whole file does
        return _normalise([unescape_cell(h) for h in header])
    return _load(path)[0]


def _normalise(header: Sequence[Any]) -> list[str]:
    return [str(h or "").strip().lower().replace(" ", "_") for h in header]


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
    if path.stat().st_size > MAX_CSV_BYTES:
        raise InputError(f"is {path.stat().st_size / 1e6:.0f} MB; okrkit reads sheets of at most "
                         f"{MAX_CSV_BYTES // 1_000_000} MB", source=str(path))
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            lines: list[list[str]] = []
            for cells in progress(csv.reader(handle, strict=True), f"reading {path.name}"):
                _within_bounds(path, len(lines), cells)
                lines.append([unescape_cell(c) for c in cells])
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
    _inflated_size(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"is not a readable Excel file ({error.__class__.__name__})", source=str(path)) from None
    try:
        sheet = book.worksheets[0]
        # The sheet's declared dimension is not trusted: openpyxl would pad every row to it.
        sheet.reset_dimensions()
        rows: list[list[Any]] = []
        for cells in progress(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), f"reading {path.name}"):
            _within_bounds(path, len(rows), cells, MAX_XLSX_ROWS)
            # A blank row is kept as an empty one: it still counts for the row numbers people see.
            rows.append(list(cells[:MAX_COLUMNS]) if any(c is not None for c in cells) else [])
    except InputError:
        raise
    except Exception as error:  # a damaged sheet inside a readable zip
        raise InputError(f"is not a readable Excel file ({error.__class__.__name__})", source=str(path)) from None
    finally:
        book.close()
    if not rows:
        raise InputError("is empty", source=str(path))
    return rows[0], rows[1:]


@contextmanager
def no_cycle_collector() -> Iterator[None]:
    """Pause Python's cycle collector while a big sheet is read: its rows hold no cycles, and the
    collector's passes over hundreds of thousands of them cost a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def progress(items: Iterable[Any], what: str, total: int | None = None) -> Iterable[Any]:
    """`items`, with a progress bar on a terminal (never in a pipe or a log) once they take over a second."""
    from tqdm import tqdm  # type: ignore[import-untyped]  # lazy: only imports use it

    return tqdm(items, desc=what, total=total, unit=" rows", delay=1, disable=None, leave=False)  # type: ignore[no-any-return]


def _within_bounds(path: Path, read: int, cells: Sequence[Any], max_rows: int = MAX_ROWS) -> None:
    if read > max_rows:
        raise InputError(f"has more than {max_rows:,} rows; split it into several files", source=str(path))
    if len(cells) > MAX_COLUMNS and any(c not in (None, "") for c in cells[MAX_COLUMNS:]):
        raise InputError(f"row {read + 1}: has more than {MAX_COLUMNS} columns", source=str(path))


def _inflated_size(path: Path) -> None:
    """Refuse a workbook whose parts would inflate beyond reason, before inflating any."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise InputError("is not a readable Excel file (not an .xlsx workbook)", source=str(path)) from None
    if size > MAX_XLSX_INFLATED:
        raise InputError(f"inflates to {size / 1e9:.1f} GB; okrkit reads workbooks of at most "
                         f"{MAX_XLSX_INFLATED // 1_000_000} MB unpacked", source=str(path))


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
        result = float(value)
    else:
        cleaned = str(value).strip().rstrip("%").strip()
        if "," in cleaned:
            if not _GROUPED.match(cleaned):
                raise InputError(f"{_where(path, row[0], column)}: must be a number written with a decimal point "
                                 f"(1.5), not {value!r}",
                                 field=column)
            cleaned = cleaned.replace(",", "")  # 1,200 is twelve hundred
        try:
            if "_" in cleaned:  # float() reads "1_000"; a spreadsheet never writes it
                raise ValueError(cleaned)
            result = float(cleaned)
        except ValueError:
            raise InputError(f"{_where(path, row[0], column)}: must be a number, not {str(value)[:40]!r}",
                             field=column) from None
    if not math.isfinite(result):  # "nan", "inf", and digits beyond any float
        raise InputError(f"{_where(path, row[0], column)}: must be a finite number, not {str(value)[:40]!r}",
                         field=column)
    return result


# A comma only as a thousands separator: 1,200 or 12,345.5 — "1,5" is a decimal comma.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


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
        writer.writerows([escape_cell(cell) for cell in row] for row in rows)
