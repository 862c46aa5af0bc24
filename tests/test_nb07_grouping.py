"""Notebook 07 groups citations into events with an index on type and date: the same events
as comparing each citation with every event so far (``_compatible`` with every member)."""
import random

from analysis.questions import negotiations_timeline as nt


def naive(rows):
    groups = []
    for r in rows:
        for g in groups:
            if g[0]["type"] == r["type"] and all(nt._compatible(r, m) for m in g):
                g.append(r)
                break
        else:
            groups.append([r])
    return groups


def test_the_indexed_grouping_gives_the_events_of_comparing_every_pair():
    rng = random.Random(7)
    actors = ["zelensky", "putin", "donald_trump", "erdogan", ""]
    for trial in range(30):
        rows = []
        for i in range(rng.randint(1, 120)):
            d0 = rng.randint(1, 60)
            d1 = d0 + rng.choice([0, 0, 1, 3, 10, 30])
            rows.append({"i": i, "type": rng.choice(["talks", "ceasefire", "summit"]),
                         "date_start": f"2025-{1 + d0 // 28:02d}-{1 + d0 % 28:02d}",
                         "date_end": f"2025-{1 + d1 // 28:02d}-{1 + d1 % 28:02d}",
                         "actors": "; ".join(sorted({rng.choice(actors) for _ in range(rng.randint(0, 2))} - {""}))})
        rows.sort(key=lambda r: r["date_start"])
        fast = [[m["i"] for m in g] for g in nt._first_fit(rows)]
        assert fast == [[m["i"] for m in g] for g in naive(rows)], trial
