"""Measure the coach on a labelled corpus: precision and recall per rule.

    python -m okrkit.coach.evaluate tests/coach/corpus.yaml [--misses]

A corpus is YAML with `key_results:` and `objectives:` lists; each item has `text`, the rule
ids a coach would raise (`expect`, empty for a good OKR) and optional data (baseline, target,
kind; `key_results` under an objective). Each item is reviewed alone, only by the rules that
judge that kind of item, so a KR item is not blamed for its objective's shape.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from okrkit.coach import review
from okrkit.coach.findings import Severity
from okrkit.model import Engagement

__all__ = ["Outcome", "Score", "evaluate", "main"]

KR_RULES = ("kr-is-task", "kr-not-measurable", "kr-no-movement", "kr-no-baseline",
            "kr-target-equals-baseline", "kr-wrong-direction")
OBJECTIVE_RULES = ("objective-has-metric", "objective-too-long", "objective-vague")
SHAPE_RULES = ("too-few-key-results", "too-many-key-results", "all-milestones")


@dataclass
class Outcome:
    text: str
    expect: set[str]
    fired: dict[str, Severity]

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
        good = [o for o in self.outcomes if not (o.expect - {"kr-no-baseline"})]
        return sum(bool(o.alarms - o.expect) for o in good) / max(len(good), 1)


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
    n_bad = sum(1 for o in score.outcomes if o.expect)
    print(f"\n{len(score.outcomes)} items ({n_bad} with findings expected)")
    print(f"bad OKRs flagged for the expected reason: {score.bad_caught():.0%}")
    print(f"good OKRs flagged at warning/error:       {score.good_alarmed():.0%}")
    if args.misses:
        for o in score.outcomes:
            if set(o.fired) != o.expect:
                print(f"  expected {sorted(o.expect)} got {sorted(o.fired)}: {' '.join(o.text.split())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
