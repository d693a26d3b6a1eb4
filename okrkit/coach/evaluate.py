"""Measure the coach on a labelled corpus: precision and recall per rule.

    python -m okrkit.coach.evaluate tests/coach/corpus.yaml [--misses]
    python -m okrkit.coach.evaluate tests/coach/real_world/test.jsonl [--misses]

A corpus is YAML with `key_results:` and `objectives:` lists; each item has `text`, the rule
ids a coach would raise (`expect`, empty for a good OKR) and optional data (baseline, target,
kind; `key_results` under an objective). Each item is reviewed alone, only by the rules that
judge that kind of item, so a KR item is not blamed for its objective's shape.

A `.jsonl` corpus (tests/coach/real_world/) has one example a line: `kind` (key_result or
objective), `text`, the author's `label` (good or bad), the rule ids the author's reason maps
to (`rules`; "unmapped" when none does) and, for a key result, the `objective` it sits under
and the other key results the page gives under that objective (`siblings`, optional).
Its headline is the share of bad examples flagged at warning/error by a rule matching the
author's reason, and the share of good examples flagged at warning/error at all. An example
whose `note` says DISAGREES (or DISAGREEMENT) is one other sources label the other way; the
same two shares are also printed on the undisputed examples alone, beside the headline (never
instead of it): what sources dispute is the ceiling of any checker, not a defect of this one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from okrkit.coach import review
from okrkit.coach.findings import Severity
from okrkit.coach.registry import RULES
from okrkit.model import Engagement, KeyResult, Objective

__all__ = ["Outcome", "Score", "evaluate", "main"]

KR_RULES = ("kr-is-task", "kr-not-measurable", "kr-no-movement", "kr-no-baseline",
            "kr-target-equals-baseline", "kr-wrong-direction")
OBJECTIVE_RULES = ("objective-has-metric", "objective-too-long", "objective-vague")
SHAPE_RULES = ("too-few-key-results", "too-many-key-results", "all-milestones")
UNMAPPED = "unmapped"  # a real-world author's reason that no okrkit rule stands for
DEFAULT_OBJECTIVE = "Delight new customers"


def _title_limit(model: type[Objective] | type[KeyResult]) -> int:
    return int(next(m.max_length for m in model.model_fields["title"].metadata if hasattr(m, "max_length")))


# Characters an engagement's objective and key result titles may have, as the model says: a longer
# text (a practitioner's sentence with its explanation) is cut there, since no engagement holds it.
OBJECTIVE_LIMIT, KR_LIMIT = _title_limit(Objective), _title_limit(KeyResult)
DISPUTED = "DISAGREE"  # the corpus's marker in `note`: other sources label this example the other way


# Rules on the record around the words (fields left empty, links to the strategy): a corpus
# item is words alone, so these would fire on every one of them.
RECORD_RULES = ("kr-no-baseline-or-target", "objective-without-priority", "priority-without-okr")


def _rules_for(prefix: str, listed: tuple[str, ...]) -> tuple[str, ...]:
    """The listed rules, plus any rule registered later under the same prefix (e.g. objective-is-task)."""
    return tuple(r for r in listed if r in RULES) + tuple(
        r for r in RULES if r.startswith(prefix) and r not in listed and r not in RECORD_RULES)


@dataclass
class Outcome:
    text: str
    expect: set[str]
    fired: dict[str, Severity]
    label: str | None = None  # "good" or "bad" in a real-world corpus; None: implied by `expect`
    kind: str = ""
    id: str = ""
    disputed: bool = False  # the corpus notes that sources disagree on this example's label

    @property
    def is_bad(self) -> bool:
        return self.label == "bad" if self.label else bool(self.expect)

    @property
    def alarms(self) -> set[str]:
        """Rules that fired at warning or error: what a client sees as a complaint."""
        return {r for r, s in self.fired.items() if s is not Severity.INFO}


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    def per_rule(self) -> dict[str, tuple[int, int, int]]:
        """rule → (true positives, false positives, false negatives)."""
        tp, fp, fn = Counter[str](), Counter[str](), Counter[str]()
        for o in self.outcomes:
            for r in set(o.fired) | o.expect:
                if r in o.fired and r in o.expect:
                    tp[r] += 1
                elif r in o.fired:
                    fp[r] += 1
                else:
                    fn[r] += 1
        return {r: (tp[r], fp[r], fn[r]) for r in sorted(set(tp) | set(fp) | set(fn))}

    def bad_caught(self) -> float:
        """Share of bad items where every expected rule fired."""
        bad = [o for o in self.outcomes if o.expect]
        return sum(o.expect <= set(o.fired) for o in bad) / max(len(bad), 1)

    def good_alarmed(self) -> float:
        """Share of items with no warning/error expected that got one anyway."""
        if any(o.label for o in self.outcomes):  # real-world: the author called it good, full stop
            good = [o for o in self.outcomes if not o.is_bad]
            return sum(bool(o.alarms) for o in good) / max(len(good), 1)
        good = [o for o in self.outcomes if not (o.expect - {"kr-no-baseline"})]
        return sum(bool(o.alarms - o.expect) for o in good) / max(len(good), 1)

    def mapped_bad(self) -> list[Outcome]:
        """Bad examples whose author's reason maps to at least one okrkit rule."""
        return [o for o in self.outcomes if o.is_bad and o.expect]

    def bad_flagged_for_reason(self, *, any_severity: bool = False) -> float:
        """Share of mapped bad examples where a rule matching the author's reason fired
        (at warning/error; at any severity with `any_severity`)."""
        bad = self.mapped_bad()
        hit = sum(bool(o.expect & (set(o.fired) if any_severity else o.alarms)) for o in bad)
        return hit / max(len(bad), 1)

    def bad_alarmed(self) -> float:
        """Share of mapped bad examples flagged at warning/error by any rule, matching or not."""
        bad = self.mapped_bad()
        return sum(bool(o.alarms) for o in bad) / max(len(bad), 1)

    def unmapped_bad_alarmed(self) -> tuple[int, int]:
        """(flagged at warning/error, total) for bad examples whose reason maps to no rule."""
        bad = [o for o in self.outcomes if o.is_bad and not o.expect]
        return sum(bool(o.alarms) for o in bad), len(bad)

    def false_alarms_per_rule(self) -> Counter[str]:
        """rule → how often it fired at warning/error where the author did not give its reason."""
        return Counter(r for o in self.outcomes for r in o.alarms - o.expect)

    def subset(self, kind: str) -> Score:
        return Score([o for o in self.outcomes if o.kind == kind])

    def undisputed(self) -> Score:
        """The examples no source disputes (no DISAGREES note)."""
        return Score([o for o in self.outcomes if not o.disputed])


def _engagement(teams: list[dict[str, Any]]) -> Engagement:
    return Engagement.model_validate({
        "client": "corpus", "cycle": {"name": "Q", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 3, 31)},
        "teams": teams,
    })


def _kr(item: Any, i: int) -> dict[str, Any]:
    data = {"title": item} if isinstance(item, str) else {k: v for k, v in item.items() if k not in {"expect", "why"}}
    data["title"] = data.pop("text", data.get("title"))
    return {"id": f"k{i}", **data}


def _run(teams: list[dict[str, Any]], rules: tuple[str, ...], path: str) -> dict[str, Severity]:
    findings = review(_engagement(teams), {}, rules=rules)
    return {f.rule: f.severity for f in findings if f.path == path}


def evaluate(corpus: Path) -> Score:
    if corpus.suffix == ".jsonl":
        return evaluate_jsonl(corpus)
    data = yaml.safe_load(corpus.read_text(encoding="utf-8"))
    score = Score()
    for item in data.get("key_results", []):
        krs = [_kr(item, 0)]
        team = {"name": "T", "okrs": [{"id": "o", "objective": "Delight new customers", "key_results": krs}]}
        fired = _run([team], KR_RULES, "teams[0].okrs[0].key_results[0]")
        score.outcomes.append(Outcome(item["text"], set(item["expect"]), fired))
    for item in data.get("objectives", []):
        krs = [_kr(kr, i) for i, kr in enumerate(item.get("key_results", []))]
        rules = OBJECTIVE_RULES + (SHAPE_RULES if "key_results" in item else ())
        team = {"name": "T", "okrs": [{"id": "o", "objective": " ".join(item["text"].split()), "key_results": krs}]}
        fired = _run([team], rules, "teams[0].okrs[0]")
        score.outcomes.append(Outcome(item["text"], set(item["expect"]), fired))
    return score


def evaluate_jsonl(corpus: Path) -> Score:
    """Score a real-world corpus: a key result is reviewed under the objective its page gives,
    beside the other key results the page lists under it (`siblings`), as the coach sees it in an
    engagement (a milestone beside measured outcomes is a tip there, alone a warning)."""
    score = Score()
    lines = corpus.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            kind, text, label = item["kind"], " ".join(item["text"].split()), item["label"]
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise SystemExit(f"{corpus}:{n}: not a corpus example ({exc})") from None
        if label not in {"good", "bad"} or kind not in {"key_result", "objective"}:
            raise SystemExit(f"{corpus}:{n}: label must be good or bad and kind key_result or objective")
        expect = set(item.get("rules") or ()) - {UNMAPPED}
        if kind == "key_result":
            # The objective is only the key result's context: one longer than an engagement holds is cut.
            objective = " ".join((item.get("objective") or DEFAULT_OBJECTIVE).split())[:OBJECTIVE_LIMIT]
            siblings = [{"id": f"k{i}", "title": " ".join(str(t).split())[:KR_LIMIT]}
                        for i, t in enumerate(item.get("siblings") or (), 1)]
            judged = {"id": "k0", "title": text[:KR_LIMIT]}
            okr = {"id": "o", "objective": objective, "key_results": [judged, *siblings]}
            rules, path = _rules_for("kr-", KR_RULES), "teams[0].okrs[0].key_results[0]"
        else:
            okr = {"id": "o", "objective": text[:OBJECTIVE_LIMIT], "key_results": []}
            rules, path = _rules_for("objective-", OBJECTIVE_RULES), "teams[0].okrs[0]"
        fired = _run([{"name": "T", "okrs": [okr]}], rules, path)
        disputed = DISPUTED in str(item.get("note") or "")
        score.outcomes.append(Outcome(text, expect, fired, label=label, kind=kind, id=item.get("id", str(n)),
                                      disputed=disputed))
    return score


def _print_real_world(score: Score) -> None:
    warn = score.false_alarms_per_rule()
    print(f"\n{'':28} {'fp at warning/error':>20}")
    for rule_id, n in sorted(warn.items()):
        print(f"{rule_id:28} {n:20}")
    for name, part in (("all", score), ("key results", score.subset("key_result")),
                       ("objectives", score.subset("objective"))):
        n_bad, n_good = len(part.mapped_bad()), sum(1 for o in part.outcomes if not o.is_bad)
        alarmed, n_unmapped = part.unmapped_bad_alarmed()
        print(f"\n{name}: {len(part.outcomes)} examples, {n_bad} bad with a mapped reason, "
              f"{n_unmapped} bad unmapped, {n_good} good")
        print(f"  bad flagged at warning/error by a rule matching the author's reason: "
              f"{part.bad_flagged_for_reason():.0%}")
        print(f"  bad flagged by a matching rule at any severity (tips included):      "
              f"{part.bad_flagged_for_reason(any_severity=True):.0%}")
        print(f"  bad flagged at warning/error by any rule (reason aside):            {part.bad_alarmed():.0%}")
        print(f"  good flagged at warning/error:                                      {part.good_alarmed():.0%}")
        if n_unmapped:
            print(f"  bad with an unmapped reason flagged at warning/error: {alarmed} of {n_unmapped}")
        sure, left = part.undisputed(), [o for o in part.outcomes if o.disputed]
        n_left_bad = sum(o.is_bad for o in left)
        print(f"  undisputed only ({len(left)} with a DISAGREES note left out: {n_left_bad} bad, "
              f"{len(left) - n_left_bad} good; the headline above counts them):")
        print(f"    bad flagged at warning/error by a rule matching the author's reason: "
              f"{sure.bad_flagged_for_reason():.0%} of {len(sure.mapped_bad())}")
        print(f"    good flagged at warning/error:                                      "
              f"{sure.good_alarmed():.0%} of {sum(not o.is_bad for o in sure.outcomes)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m okrkit.coach.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--misses", action="store_true", help="list every item the coach got wrong")
    args = parser.parse_args(argv)
    score = evaluate(args.corpus)
    print(f"{'rule':28} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}")
    for rule_id, (tp, fp, fn) in score.per_rule().items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print(f"{rule_id:28} {precision:9.2f} {recall:7.2f} {tp:4} {fp:4} {fn:4}")
    if any(o.label for o in score.outcomes):
        _print_real_world(score)
    else:
        n_bad = sum(1 for o in score.outcomes if o.expect)
        print(f"\n{len(score.outcomes)} items ({n_bad} with findings expected)")
        print(f"bad OKRs flagged for the expected reason: {score.bad_caught():.0%}")
        print(f"good OKRs flagged at warning/error:       {score.good_alarmed():.0%}")
    if args.misses:
        for o in score.outcomes:
            if set(o.fired) != o.expect:
                label = f"{o.id} ({o.label}{', disputed' if o.disputed else ''}) " if o.label else ""
                print(f"  {label}expected {sorted(o.expect)} got {sorted(o.fired)}: {' '.join(o.text.split())}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # "… --misses | head" closed the pipe: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        sys.exit(0)
