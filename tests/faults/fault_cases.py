"""Hostile and malformed inputs for `okrkit import` and `okrkit lint`, made on the fly.

Each case is a file (name and bytes) and what okrkit must do with it: `refuse` (exit 2,
one line, nothing written) or `any` (accept or refuse, but never a traceback, a partial
write, or unbounded memory or time). `target` says where it is imported: `new` (a folder
that does not exist yet) or `store` (an existing engagement, for check-in sheets).

The cases are built from a small valid engagement by mutation — every scalar of it swapped
for hostile values — plus bombs, broken syntax and the spreadsheet traps coaches meet
(decimal commas, formulas, booleans, dimension and zip bombs). Nothing here is random:
the same list comes back on every run, so a failure can be replayed by name.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["BASE", "Case", "all_cases", "base_yaml"]


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    data: bytes
    expect: str = "refuse"  # or "any"
    target: str = "new"  # or "store": an existing engagement built from BASE
    bomb: bool = False  # big or explosive: lint it in a child process too


BASE: dict[str, Any] = {
    "client": "Example Bank",
    "coach": "Ana Lima",
    "cycle": {"name": "2026-Q1", "start": "2026-01-05", "end": "2026-03-27"},
    "priorities": ["Simplify onboarding"],
    "coach_rules": {"max_objectives": 4},
    "teams": [
        {"name": "Digital Services", "level": "business-unit", "okrs": [{
            "id": "DS-1", "objective": "Delight new customers in their first week",
            "key_results": [
                {"id": "DS-1.1", "title": "Reduce first-week drop-off from 40% to 30%", "baseline": 40,
                 "target": 30, "unit": "%", "weight": 2},
            ]}]},
        {"name": "Discover Team", "parent": "Digital Services", "members": ["Joana"], "okrs": [{
            "id": "DT-1", "objective": "Make the first week seamless for new users", "aligns_to": ["DS-1"],
            "commitment": "committed",
            "key_results": [
                {"id": "DT-1.1", "title": "Increase onboarding completion from 65% to 90%", "baseline": 65,
                 "target": 90, "unit": "%"},
            ]}]},
    ],
    "checkins": [
        {"team": "Discover Team", "date": "2026-01-16", "confidence": 7, "values": {"DT-1.1": 70},
         "issues": "Release freeze", "plan": "Ship the new tour"},
    ],
    "retros": [
        {"team": "Discover Team", "date": "2026-02-13", "kind": "mid-cycle", "format": "attractors-detractors",
         "items": [{"prompt": "attractors", "text": "Pairing with support", "votes": 2}], "actions": ["Keep pairing"]},
    ],
}

CHECKIN_HEADER = "date,team,kr,value,confidence,issues,plan,author\n"
OKR_HEADER = ("team,level,parent,objective_id,objective,why,commitment,aligns_to,kr_id,key_result,baseline,target,"
              "weight\n")


def base_yaml() -> str:
    return yaml.safe_dump(BASE, sort_keys=False)


def _yaml(data: Any) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9).encode()


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))
    else:
        yield path, value


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


HUGE_DIGITS = "9" * 4301
# Hostile values a field may meet, with whether each must always be refused.
_SWAPS: list[tuple[str, Any, bool]] = [
    ("nul", "a\x00b", True),
    ("bell", "ring\x07", True),
    ("escape", "\x1b[31mred", True),
    ("bool", True, False),  # refused unless the field is a yes/no one
    ("int-2**60", 2**60 + 1, True),
    ("inf", float("inf"), False),
    ("nan", float("nan"), False),
    ("negative", -1, False),
    ("zero", 0, False),
    ("empty", "", False),
    ("list", ["x"], False),
    ("mapping", {"x": 1}, False),
    ("long-text", "x" * 20_000, True),
    ("formula", '=HYPERLINK("http://evil.example","click")', False),
]


def yaml_mutations() -> Iterator[Case]:
    """Every scalar of BASE swapped for each hostile value."""
    for path, original in _leaves(BASE):
        where = ".".join(str(p) for p in path)
        for label, value, always in _SWAPS:
            if isinstance(original, bool) is True and label == "bool":
                continue
            expect = "refuse" if always or (label == "bool") else "any"
            yield Case(f"yaml-{where}-{label}", "e.yaml", _yaml(_set(BASE, path, value)), expect)
        # A 4,301-digit integer: beyond Python's int-from-text limit.
        text = _yaml(_set(BASE, path, "HUGE")).decode().replace("'HUGE'", HUGE_DIGITS).replace("HUGE", HUGE_DIGITS)
        yield Case(f"yaml-{where}-4301-digits", "e.yaml", text.encode())


def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines)


def yaml_structures() -> Iterator[Case]:
    base = base_yaml()
    bomb = _alias_bomb()
    for field in ("coach_rules", "priorities", "vision", "teams", "worldview"):
        # The bomb under `field`; the rest of the engagement stays valid.
        head = _yaml({k: v for k, v in BASE.items() if k != field}).decode()
        body = "\n".join("  " + line for line in bomb.splitlines())
        yield Case(f"yaml-alias-bomb-{field}", "e.yaml", f"{head}{field}:\n{body}\n".encode(), bomb=True)
    checkin_bomb = copy.deepcopy(BASE)
    head = _yaml({k: v for k, v in checkin_bomb.items() if k != "checkins"}).decode()
    yield Case("yaml-alias-bomb-checkin-values", "e.yaml", (
        head + "checkins:\n  - team: Discover Team\n    date: 2026-01-16\n    values:\n      DT-1.1: 1\n"
        "    issues: &i [" + ", ".join(["x"] * 50) + "]\n"
        + "".join(f"  - {{team: Discover Team, date: 2026-01-{17 + n:02d}, issues: *i}}\n" for n in range(5))
    ).encode(), bomb=True)
    yield Case("yaml-merge-key-bomb", "e.yaml", (
        base + "x0: &x0 {" + ", ".join(f"k{i}: v" for i in range(30)) + "}\n"
        + "".join(f"x{i}: &x{i} {{<<: *x{i - 1}, y{i}: [*x{i - 1}, *x{i - 1}, *x{i - 1}]}}\n" for i in range(1, 15))
    ).encode(), bomb=True)
    yield Case("yaml-deep-brackets", "e.yaml", (base + "vision: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(),
               bomb=True)
    yield Case("yaml-deep-braces", "e.yaml", (base + "vision: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n").encode(),
               bomb=True)
    yield Case("yaml-deep-blocks", "e.yaml",
               (base + "".join("  " * i + f"k{i}:\n" for i in range(3_000)) + "  " * 3_000 + "v\n").encode(),
               bomb=True)
    head = _yaml({k: v for k, v in BASE.items() if k != "coach_rules"}).decode()
    yield Case("yaml-deep-coach-rules", "e.yaml",
               (head + "coach_rules: {severity: " + "{a: " * 150 + "1" + "}" * 150 + "}\n").encode(), bomb=True)
    # A document far larger than any engagement: 40 MB of priorities.
    yield Case("yaml-huge-document", "e.yaml",
               (base + "vision: |\n" + ("  " + "word " * 200 + "\n") * 40_000).encode(), bomb=True)
    yield Case("yaml-many-priorities", "e.yaml",
               (base.replace("priorities:", "old_priorities:") + "priorities:\n" + "- p\n" * 2_000_000).encode(),
               bomb=True)
    # Syntax and encoding.
    raw = {
        "empty": b"", "blank": b"\n\n", "null-doc": b"~\n", "scalar": b"just text\n", "list": b"- a\n- b\n",
        "number": b"42\n", "two-documents": base.encode() + b"---\nclient: Other\n",
        "unterminated-quote": b'client: "Example\ncycle: {name: Q1}\n',
        "tab-indent": b"client: x\ncycle:\n\tname: Q1\n", "bad-indent": b"client: x\n  cycle: y\n bad: z\n",
        "python-tag": b"client: !!python/object/apply:os.system [ls]\n",
        "unknown-tag": b"client: !secret x\ncycle: {name: Q1, start: 2026-01-05, end: 2026-03-27}\n",
        "binary": bytes(range(256)) * 4, "latin1": "client: Jos\xe9\n".encode("latin-1"),
        "utf16": base.encode("utf-16"), "nul-byte-raw": base.encode().replace(b"Ana Lima", b"Ana\x00Lima"),
        "bom": b"\xef\xbb\xbf" + base.encode(),
        "duplicate-key": base.encode() + b"client: Another Bank\n",
        "set-tag": b"client: x\npriorities: !!set {a, b}\n", "binary-tag": b"client: !!binary aGVsbG8=\n",
        "timestamp-client": b"client: 2026-01-05 10:00:00\ncycle: {name: Q1, start: 2026-01-05, end: 2026-03-27}\n",
        "huge-float": base.replace("baseline: 40", "baseline: 1e400").encode(),
        "date-as-number": base.replace("start: '2026-01-05'", "start: 20260105").encode(),
        "impossible-date": base.replace("'2026-03-27'", "2026-02-30").encode(),
        "long-line": b"client: " + b"x" * 5_000_000 + b"\n",
        "anchor-undefined": b"client: *nothing\n",
    }
    # YAML 1.2 (the fast reader) reads "2026-01-05 10:00:00" as text, a client's name like any other.
    expect_any = {"bom", "date-as-number", "set-tag", "timestamp-client"}
    for name, data in raw.items():
        yield Case(f"yaml-{name}", "e.yaml", data, "any" if name in expect_any else "refuse",
                   bomb=name in {"long-line", "binary"})


def yaml_semantics() -> Iterator[Case]:
    def variant(name: str, change: Any) -> Case:
        data = copy.deepcopy(BASE)
        change(data)
        return Case(f"yaml-{name}", "e.yaml", _yaml(data))

    def dup_checkin(d: Any) -> None:
        d["checkins"].append(dict(d["checkins"][0], confidence=3))

    def dup_retro(d: Any) -> None:
        d["retros"].append(copy.deepcopy(d["retros"][0]))

    def parent_cycle_2(d: Any) -> None:
        d["teams"][0]["parent"] = "Discover Team"

    def parent_cycle_3(d: Any) -> None:
        d["teams"].append({"name": "Third", "parent": "Discover Team"})
        d["teams"][0]["parent"] = "Third"

    def align_cycle_2(d: Any) -> None:
        d["teams"][0]["okrs"][0]["aligns_to"] = ["DT-1"]

    def align_cycle_3(d: Any) -> None:
        d["teams"].append({"name": "Third", "okrs": [{"id": "TH-1", "objective": "Grow", "aligns_to": ["DT-1"]}]})
        d["teams"][0]["okrs"][0]["aligns_to"] = ["TH-1"]

    yield variant("duplicate-checkin", dup_checkin)
    yield variant("duplicate-retro", dup_retro)
    yield variant("parent-cycle-2", parent_cycle_2)
    yield variant("parent-cycle-3", parent_cycle_3)
    yield variant("aligns-cycle-2", align_cycle_2)
    yield variant("aligns-cycle-3", align_cycle_3)
    yield variant("coach-rules-unknown-key", lambda d: d["coach_rules"].update(max_objectivs=4))
    yield variant("coach-rules-many", lambda d: d["coach_rules"].update(max_objectives="many"))
    yield variant("coach-rules-list", lambda d: d.update(coach_rules=["max_objectives"]))
    yield variant("coach-rules-unknown-rule", lambda d: d["coach_rules"].update(disabled=["no-such-rule"]))
    yield variant("coach-rules-bool", lambda d: d["coach_rules"].update(max_objectives=True))
    yield variant("checkin-unknown-team", lambda d: d["checkins"][0].update(team="Nobody"))
    yield variant("checkin-unknown-kr", lambda d: d["checkins"][0]["values"].update({"XX-1": 3}))
    yield variant("checkin-other-teams-kr", lambda d: d["checkins"][0]["values"].update({"DS-1.1": 3}))
    yield variant("checkin-value-bool", lambda d: d["checkins"][0]["values"].update({"DT-1.1": True}))
    yield variant("checkin-value-text", lambda d: d["checkins"][0]["values"].update({"DT-1.1": "lots"}))
    yield variant("checkin-kr-key-nul", lambda d: d["checkins"][0].update(values={"DT-1.1\x00": 3}))
    yield variant("confidence-bool", lambda d: d["checkins"][0].update(confidence=True))
    yield variant("confidence-float", lambda d: d["checkins"][0].update(confidence=7.5))
    yield variant("retro-score-unknown-kr", lambda d: d["retros"][0].update(scores={"XX-1": 0.5}))
    yield variant("retro-score-bool", lambda d: d["retros"][0].update(scores={"DT-1.1": True}))
    yield variant("retro-votes-bool", lambda d: d["retros"][0]["items"][0].update(votes=True))
    yield variant("baseline-bool", lambda d: d["teams"][1]["okrs"][0]["key_results"][0].update(baseline=True))
    yield variant("weight-bool", lambda d: d["teams"][1]["okrs"][0]["key_results"][0].update(weight=True))
    yield variant("duplicate-team", lambda d: d["teams"].append(copy.deepcopy(d["teams"][0])))
    yield variant("duplicate-kr", lambda d: d["teams"][1]["okrs"][0]["key_results"].append(
        copy.deepcopy(d["teams"][1]["okrs"][0]["key_results"][0])))
    yield variant("parent-self", lambda d: d["teams"][0].update(parent="Digital Services"))
    yield variant("unknown-parent", lambda d: d["teams"][1].update(parent="Nowhere"))
    yield variant("member-nul", lambda d: d["teams"][1].update(members=["Jo\x00ana"]))
    yield variant("team-name-tab", lambda d: d["teams"][1].update(name="Discover\x0bTeam"))
    yield variant("thresholds-bool", lambda d: d.update(thresholds={"at_risk_gap": True}))
    yield variant("cycle-reversed", lambda d: d["cycle"].update(start="2026-03-27", end="2026-01-05"))


def _csv(header: str, *rows: str) -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode()


def checkin_sheets() -> Iterator[Case]:
    ok = "2026-01-23,Discover Team,DT-1.1,{v},7,Some issue,Next plan,Joana"
    values = {
        "decimal-comma": '"1,5"', "decimal-comma-thousands": '"1.234,5"', "comma-grouping-odd": '"12,34"',
        "formula": "=1+1", "formula-hyperlink": '"=HYPERLINK(""http://evil.example"",""x"")"', "nan": "nan",
        "inf": "inf", "1e400": "1e400", "digits-4301": HUGE_DIGITS, "true": "TRUE", "yes": "yes", "text": "lots",
        "percent-only": "%", "hex": "0x1F", "space-inside": "1 000", "underscore": "1_000",
    }
    for name, value in values.items():
        yield Case(f"csv-checkin-value-{name}", "c.csv", _csv(CHECKIN_HEADER, ok.format(v=value)), target="store")
    texts = {
        "issues-nul": "2026-01-23,Discover Team,DT-1.1,70,7,a\x00b,plan,Jo",
        "issues-bell": "2026-01-23,Discover Team,DT-1.1,70,7,a\x07b,plan,Jo",
        "team-escape": "2026-01-23,Discover\x1b Team,DT-1.1,70,7,a,plan,Jo",
        "bad-date": "2026-13-40,Discover Team,DT-1.1,70,7,a,plan,Jo",
        "date-us": "01/23/2026,Discover Team,DT-1.1,70,7,a,plan,Jo",
        "confidence-0": "2026-01-23,Discover Team,DT-1.1,70,0,a,plan,Jo",
        "confidence-11": "2026-01-23,Discover Team,DT-1.1,70,11,a,plan,Jo",
        "confidence-7.5": "2026-01-23,Discover Team,DT-1.1,70,7.5,a,plan,Jo",
        "confidence-true": "2026-01-23,Discover Team,DT-1.1,70,TRUE,a,plan,Jo",
        "unknown-team": "2026-01-23,Nobody,DT-1.1,70,7,a,plan,Jo",
        "unknown-kr": "2026-01-23,Discover Team,XX-9,70,7,a,plan,Jo",
        "other-teams-kr": "2026-01-23,Discover Team,DS-1.1,70,7,a,plan,Jo",
        "empty-value": "2026-01-23,Discover Team,DT-1.1,,7,a,plan,Jo",
        "empty-team": "2026-01-23,,DT-1.1,70,7,a,plan,Jo",
        "unbalanced-quote": '2026-01-23,Discover Team,DT-1.1,70,7,"a,plan,Jo',
        "issues-long": "2026-01-23,Discover Team,DT-1.1,70,7," + "x" * 6000 + ",plan,Jo",
    }
    for name, row in texts.items():
        yield Case(f"csv-checkin-{name}", "c.csv", _csv(CHECKIN_HEADER, row), target="store")
    yield Case("csv-checkin-duplicate-kr", "c.csv", _csv(CHECKIN_HEADER, ok.format(v=70), ok.format(v=71)),
               target="store")
    yield Case("csv-checkin-confidence-conflict", "c.csv", _csv(
        CHECKIN_HEADER, ok.format(v=70), "2026-01-23,Discover Team,DT-1.1,70,3,x,y,z"), target="store")
    yield Case("csv-checkin-one-bad-row-of-many", "c.csv", _csv(
        CHECKIN_HEADER, *[f"2026-01-{d:02d},Discover Team,DT-1.1,{60 + d},7,,," for d in range(9, 31)],
        "2026-01-31,Discover Team,DT-1.1,forty,7,,,"), target="store")
    yield Case("csv-checkin-one-unknown-team-of-many", "c.csv", _csv(
        CHECKIN_HEADER, *[f"2026-01-{d:02d},Discover Team,DT-1.1,{60 + d},7,,," for d in range(9, 31)],
        "2026-01-31,Nobody,DT-1.1,4,7,,,"), target="store")
    yield Case("csv-checkin-missing-columns", "c.csv", b"date,team,value\n2026-01-23,Discover Team,4\n",
               target="store")
    yield Case("csv-checkin-semicolons", "c.csv", b"date;team;kr;value\n2026-01-23;Discover Team;DT-1.1;1,5\n",
               target="store")
    yield Case("csv-checkin-latin1", "c.csv", _csv(CHECKIN_HEADER, ok.format(v=70)).replace(b"Joana", b"Jo\xe3o"),
               target="store")
    yield Case("csv-checkin-empty", "c.csv", b"", target="store")
    yield Case("csv-checkin-binary", "c.csv", bytes(range(256)) * 8, target="store")
    yield Case("csv-checkin-huge-field", "c.csv", _csv(CHECKIN_HEADER, '2026-01-23,Discover Team,DT-1.1,70,7,"'
                                                       + "x" * 200_000 + '",p,a'), target="store")
    yield Case("csv-checkin-new-folder", "c.csv", _csv(CHECKIN_HEADER, ok.format(v=70)))
    yield Case("csv-checkin-header-only", "c.csv", CHECKIN_HEADER.encode(), "any", target="store")
    yield Case("csv-checkin-ok-with-formula-issue", "c.csv", _csv(
        CHECKIN_HEADER, '2026-01-23,Discover Team,DT-1.1,70,7,"=HYPERLINK(""http://evil.example"",""x"")",p,a'),
        "any", target="store")
    yield Case("csv-checkin-many-columns", "c.csv", _csv(CHECKIN_HEADER.strip() + "," + ",".join(
        f"c{i}" for i in range(20_000)) + "\n", ok.format(v=70) + "," * 20_000), "any", target="store", bomb=True)
    yield Case("csv-checkin-big", "c.csv", _csv(CHECKIN_HEADER, *(
        f"2026-01-{9 + (i % 20):02d},Discover Team,DT-1.1,{i % 90},7,,," for i in range(5))), "any", target="store")


def okr_sheets() -> Iterator[Case]:
    row = "Discover Team,team,,DT-1,Make the first week seamless,,committed,,DT-1.1,Increase completion,{b},90,{w}"
    cases = {
        "weight-0": row.format(b=65, w=0), "weight-true": row.format(b=65, w="TRUE"),
        "weight-negative": row.format(b=65, w=-2), "baseline-decimal-comma": row.format(b='"1,5"', w=1),
        "baseline-formula": row.format(b="=A1*2", w=1), "baseline-nan": row.format(b="nan", w=1),
        "baseline-4301": row.format(b=HUGE_DIGITS, w=1),
        "level-bad": row.replace(",team,", ",squad,").format(b=65, w=1),
        "commitment-bad": row.replace("committed", "maybe").format(b=65, w=1),
        "objective-nul": row.replace("seamless", "seam\x00less").format(b=65, w=1),
        "kr-id-bad": row.replace("DT-1.1", "DT 1.1!").format(b=65, w=1),
        "aligns-unknown": row.replace(",committed,,", ",committed,XX-9,").format(b=65, w=1),
        "parent-unknown": row.replace(",team,,", ",team,Nowhere,").format(b=65, w=1),
    }
    for name, body in cases.items():
        yield Case(f"csv-okr-{name}", "okrs.csv", _csv(OKR_HEADER, body))
    yield Case("csv-okr-parent-cycle", "okrs.csv", _csv(
        OKR_HEADER, "A,team,B,A-1,Grow A,,,,A-1.1,Increase x from 1 to 2,1,2,1",
        "B,team,A,B-1,Grow B,,,,B-1.1,Increase y from 1 to 2,1,2,1"))
    yield Case("csv-okr-aligns-cycle", "okrs.csv", _csv(
        OKR_HEADER, "A,team,,A-1,Grow A,,,B-1,A-1.1,Increase x from 1 to 2,1,2,1",
        "B,team,,B-1,Grow B,,,A-1,B-1.1,Increase y from 1 to 2,1,2,1"))
    yield Case("csv-okr-objective-two-teams", "okrs.csv", _csv(
        OKR_HEADER, "A,team,,X-1,Grow A,,,,A-1.1,Increase x from 1 to 2,1,2,1",
        "B,team,,X-1,Grow B,,,,B-1.1,Increase y from 1 to 2,1,2,1"))
    yield Case("csv-okr-ok-formula-title", "okrs.csv", _csv(
        OKR_HEADER, 'A,team,,A-1,"=HYPERLINK(""http://evil.example"",""x"")",,,,A-1.1,"+Increase x",1,2,1'), "any")
    yield from xlsx_cases()


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _patch_sheet(data: bytes, change: Any) -> bytes:
    """The same workbook with its first sheet's XML changed."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            dst.writestr(item, body)
    return out.getvalue()


def xlsx_cases() -> Iterator[Case]:
    header = [h for h in OKR_HEADER.strip().split(",")]
    good = ["Discover Team", "team", None, "DT-1", "Make the first week seamless", None, "committed", None, "DT-1.1",
            "Increase completion", 65, 90, 1]

    def with_(**change: Any) -> list[Any]:
        row = list(good)
        for key, value in change.items():
            row[header.index(key)] = value
        return row

    yield Case("xlsx-weight-0", "okrs.xlsx", _xlsx([header, with_(weight=0)]))
    yield Case("xlsx-weight-bool", "okrs.xlsx", _xlsx([header, with_(weight=True)]))
    yield Case("xlsx-baseline-bool", "okrs.xlsx", _xlsx([header, with_(baseline=False)]))
    yield Case("xlsx-baseline-text-comma", "okrs.xlsx", _xlsx([header, with_(baseline="1,5")]))
    yield Case("xlsx-baseline-date", "okrs.xlsx", _xlsx([header, with_(baseline=dt.date(2026, 1, 1))]))
    yield Case("xlsx-formula-kr", "okrs.xlsx", _xlsx([header, with_(key_result="=1+2")]))
    yield Case("xlsx-header-only", "okrs.xlsx", _xlsx([header]), "any")
    yield Case("xlsx-empty", "okrs.xlsx", _xlsx([]))
    yield Case("xlsx-ok-formula-objective", "okrs.xlsx", _xlsx([header, with_(objective="@SUM(1)")]), "any")
    plain = _xlsx([header, good])
    yield Case("xlsx-dimension-bomb", "okrs.xlsx", _patch_sheet(
        plain, lambda b: __import__("re").sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', b)),
        "any", bomb=True)
    yield Case("xlsx-far-cell", "okrs.xlsx", _patch_sheet(
        plain, lambda b: b.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                   b"<is><t>x</t></is></c></row></sheetData>")), bomb=True)
    yield Case("xlsx-far-column", "okrs.xlsx", _patch_sheet(
        plain, lambda b: b.replace(b"</row>", b'<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>', 1)),
        "any", bomb=True)  # a column beyond the layout's is ignored, as in a CSV
    yield Case("xlsx-zip-bomb", "okrs.xlsx", _patch_sheet(
        plain, lambda b: b.replace(b"</sheetData>", b"</sheetData>" + b" " * 1_500_000_000)), bomb=True)
    yield Case("xlsx-many-rows", "okrs.xlsx", _patch_sheet(
        plain, lambda b: b.replace(b"</sheetData>", b"".join(
            b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(3, 1_200_000)) + b"</sheetData>")),
        bomb=True)
    yield Case("xlsx-not-a-zip", "okrs.xlsx", b"team,objective_id\nA,B\n")
    yield Case("xlsx-truncated", "okrs.xlsx", plain[: len(plain) // 2])
    yield Case("xlsx-zip-without-workbook", "okrs.xlsx", _zip({"hello.txt": b"hi"}))
    yield Case("xlsx-checkins-decimal-comma", "c.xlsx", _xlsx([
        CHECKIN_HEADER.strip().split(","), ["2026-01-23", "Discover Team", "DT-1.1", "1,5", 7, "", "", ""]]),
        target="store")
    yield Case("xlsx-checkins-bool-value", "c.xlsx", _xlsx([
        CHECKIN_HEADER.strip().split(","), ["2026-01-23", "Discover Team", "DT-1.1", True, 7, "", "", ""]]),
        target="store")


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, body)
    return out.getvalue()


def all_cases() -> list[Case]:
    cases = [*yaml_mutations(), *yaml_structures(), *yaml_semantics(), *checkin_sheets(), *okr_sheets()]
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases
