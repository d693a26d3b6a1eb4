"""Hypothesis on top of the fixed cases: any value anywhere, any bytes changed, never an exception
other than okrkit's one-line InputError, and a refused import never writes."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
import yaml
from fault_cases import BASE, CHECKIN_HEADER, _leaves
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrkit.errors import InputError
from okrkit.io.sheets import read_checkins, read_okr_sheet
from okrkit.io.yaml_file import read_record, record_to_dict
from okrkit.store import open_store

PATHS = [path for path, _ in _leaves(BASE)]
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(),
    st.text(st.characters(codec="utf-8"), max_size=30), st.dates().map(str),
    st.sampled_from(["", " ", "\x00", "\x1b[2J", "=1+1", "1,5", "by 25%", "-25%", "nan", "~", "yes", "DT-1.1"]),
)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["id", "name", "team", "x", "values", "kind"]), inner, max_size=3), max_leaves=8)


def _mutate(data: dict, path: tuple, value: object) -> dict:  # type: ignore[type-arg]
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), _values), min_size=1, max_size=3))
def test_any_value_anywhere_is_read_or_refused_in_one_line(changes):
    """Up to three fields of a valid engagement replaced by arbitrary YAML values."""
    data = BASE
    for path, value in changes:
        data = _mutate(data, path, value)
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        record = read_record(text, source="e.yaml")
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith("e.yaml: ")
        return
    assert read_record(yaml.safe_dump(record_to_dict(record), allow_unicode=True)) == record


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_changed_bytes_are_read_or_refused_in_one_line(data):
    """Bytes of a valid engagement file deleted, replaced or inserted at random."""
    text = bytearray(yaml.safe_dump(BASE, sort_keys=False).encode())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text) - 1))
        what = data.draw(st.sampled_from(["delete", "replace", "insert"]))
        byte = data.draw(st.integers(0, 255))
        if what == "delete":
            del text[at]
        elif what == "replace":
            text[at] = byte
        else:
            text.insert(at, byte)
    try:
        read_record(bytes(text).decode("utf-8", errors="replace"), source="e.yaml")
    except InputError as error:
        assert "\n" not in str(error)


_cells = st.one_of(st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=12),
                   st.sampled_from(["1,5", "=A1", "'=x", "TRUE", "2026-02-30", "DT-1.1", "Discover Team", "7", ""]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_cells, min_size=0, max_size=10), min_size=1, max_size=6), st.booleans())
def test_any_sheet_is_read_or_refused_in_one_line(tmp_path: Path, rows, okr_sheet):
    """A check-ins or OKR sheet of arbitrary cells under the right header."""
    import csv

    header = CHECKIN_HEADER.strip().split(",") if not okr_sheet else [
        "team", "objective_id", "objective", "kr_id", "key_result", "baseline", "target", "weight", "parent"]
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    path = tmp_path / "sheet.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        (read_okr_sheet if okr_sheet else read_checkins)(path)
    except InputError as error:
        assert "\n" not in str(error)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzz") / "store"
    store = open_store(folder, create=True)
    store.import_record(read_record(yaml.safe_dump(BASE)))
    return store


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([p for p in PATHS if p[0] in ("checkins", "retros")]), _values),
                min_size=1, max_size=2))
def test_a_refused_record_leaves_the_store_as_it_was(store, changes):
    """Hostile check-ins and retros that pass the reader but not the store change nothing stored."""
    data = BASE
    for path, value in changes:
        data = _mutate(data, path, value)
    try:
        record = read_record(yaml.safe_dump(data, allow_unicode=True))
    except InputError:
        return
    before = store.load_record()
    try:
        store.import_record(record)
    except InputError as error:
        assert "\n" not in str(error)
        assert store.load_record() == before
    else:
        store.import_record(before)  # put it back for the next example
