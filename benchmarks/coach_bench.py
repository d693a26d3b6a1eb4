"""The coach as the client types: one KR edited in a 1,000-KR engagement, then a review.

    python benchmarks/coach_bench.py [--repeat 21] [--krs 1000]

The drafter reviews the whole engagement after each pause in typing; the sentences that did
not change are cached by the phrase reader, so the cost is the rules' walk over every item
plus reading one new sentence. Printed as milliseconds (median) and as ratios against a bare
baseline measured in the same run: copying the engagement with the edited KR in place and
walking its key results, which any review must do. The target is < 20 ms per review.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from okrkit.coach import review
from okrkit.coach.phrase import read
from okrkit.model import Dismissal, Engagement, fingerprint

_KRS = ["Increase weekly active {n}-day users from {a}% to {b}%", "Reduce average handle time from {a} to {b} minutes",
        "Grow qualified pipeline from ${a}k to ${b}k", "Launch the {n}th regional partner portal",
        "Conduct {n} customer interviews", "Churn under {a}% a month", "Net revenue retention {b} %",
        "Maintain uptime at 99.{n}%", "Sign {n} new enterprise customers", "Cut onboarding time by {a}%"]
_OBJECTIVES = ["Make the first week seamless for new users in region {n}", "Migrate the data warehouse number {n}",
               "Win small businesses in market {n}", "Improve things {n}"]


def engagement(n_krs: int) -> Engagement:
    """Teams of two objectives with five KRs each, every sentence distinct, with some dismissals."""
    teams, k = [], 0
    for t in range(n_krs // 10):
        okrs = []
        for o in range(2):
            krs = []
            for i in range(5):
                title = _KRS[(k + t) % len(_KRS)].format(n=k + 2, a=10 + k % 40, b=60 + k % 30)
                krs.append({"id": f"T{t}-{o}.{i}", "title": title})
                k += 1
            okrs.append({"id": f"T{t}-{o}", "objective": _OBJECTIVES[(t + o) % 4].format(n=t), "key_results": krs})
        teams.append({"name": f"Team {t}", "okrs": okrs})
    eng = Engagement.model_validate({"client": "Bench", "cycle": {"name": "Q", "start": dt.date(2026, 1, 5),
                                                                  "end": dt.date(2026, 3, 27)}, "teams": teams})
    dismissed = [Dismissal(path=f"teams[{t}].okrs[0]", rule="objective-is-task", reason="agreed",
                           fingerprint=fingerprint(eng.teams[t].objectives[0].title)) for t in range(0, len(teams), 4)]
    return eng.model_copy(update={"coach_dismissed": dismissed})


def edited(eng: Engagement, text: str) -> Engagement:
    """The engagement with its middle team's first KR retitled: what the drafter builds on each pause."""
    ti = len(eng.teams) // 2
    team = eng.teams[ti]
    obj = team.objectives[0]
    kr = obj.key_results[0].model_copy(update={"title": text})
    obj = obj.model_copy(update={"key_results": [kr, *obj.key_results[1:]]})
    teams = list(eng.teams)
    teams[ti] = team.model_copy(update={"objectives": [obj, *team.objectives[1:]]})
    return eng.model_copy(update={"teams": teams})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--krs", type=int, default=1000)
    args = parser.parse_args()
    eng = engagement(args.krs)
    review(eng)  # warm the phrase cache with every unchanged sentence, as the drafter's first review does
    texts = iter(f"Increase activation of cohort {i} from 20% to {30 + i % 50}%" for i in range(10 * args.repeat))

    def bare() -> float:
        start = time.perf_counter()
        candidate = edited(eng, next(texts))
        sum(len(kr.title) for team in candidate.teams for obj in team.objectives for kr in obj.key_results)
        read(candidate.teams[len(candidate.teams) // 2].objectives[0].key_results[0].title)
        return time.perf_counter() - start

    def one_review() -> float:
        start = time.perf_counter()
        review(edited(eng, next(texts)))
        return time.perf_counter() - start

    base = statistics.median(bare() for _ in range(args.repeat))
    full = statistics.median(one_review() for _ in range(args.repeat))
    n = sum(len(o.key_results) for t in eng.teams for o in t.objectives)
    print(f"engagement: {len(eng.teams)} teams, {n} key results, {len(eng.coach_dismissed)} dismissals")
    print(f"bare: copy with the edit + walk + read one sentence {base * 1000:8.2f} ms   1.00x (baseline)")
    print(f"review after one edited KR                         {full * 1000:8.2f} ms   {full / base:.1f}x"
          f"   (target < 20 ms: {'met' if full < 0.020 else 'NOT met'})")


if __name__ == "__main__":
    main()
