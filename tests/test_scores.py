"""Extraction quality against tests/gold/ stays at or above what was reached.

Floors are the scores measured when the extractors were written (rounded down);
the issue's targets on the seeds are checked separately so a floor can never be
lowered below them. Detection is F1, fields are accuracy over matched entries;
time-expression resolution counts over all gold expressions.
"""
import pytest

from analysis import score

FLOORS = {
    ("seeds", "quotes", "found"): 1.000,
    ("seeds", "quotes", "kind"): 0.975,
    ("seeds", "quotes", "speaker"): 0.914,
    ("seeds", "quotes", "via"): 0.971,
    ("seeds", "numbers", "found"): 0.972,
    ("seeds", "numbers", "low"): 1.000,
    ("seeds", "numbers", "high"): 1.000,
    ("seeds", "numbers", "measure"): 0.914,
    ("seeds", "numbers", "period"): 0.971,
    ("seeds", "numbers", "hedge"): 0.971,
    ("seeds", "numbers", "claimant"): 0.971,
    ("seeds", "numbers", "via"): 1.000,
    ("seeds", "timex", "found"): 0.972,
    ("seeds", "timex", "resolved"): 0.918,
    ("passages", "quotes", "found"): 1.000,
    ("passages", "quotes", "kind"): 0.950,
    ("passages", "quotes", "speaker"): 0.500,
    ("passages", "quotes", "via"): 1.000,
    ("passages", "numbers", "found"): 0.954,
    ("passages", "numbers", "low"): 0.904,
    ("passages", "numbers", "high"): 0.928,
    ("passages", "numbers", "measure"): 0.595,
    ("passages", "numbers", "period"): 0.547,
    ("passages", "numbers", "hedge"): 0.833,
    ("passages", "numbers", "claimant"): 0.452,
    ("passages", "numbers", "via"): 1.000,
    ("passages", "timex", "found"): 0.988,
    ("passages", "timex", "resolved"): 0.977,
}

TARGETS = {
    ("seeds", "quotes", "found"): 0.95,
    ("seeds", "quotes", "speaker"): 0.90,
    ("seeds", "numbers", "found"): 0.95,
    ("seeds", "numbers", "measure"): 0.85,
    ("seeds", "numbers", "period"): 0.85,
    ("seeds", "numbers", "claimant"): 0.85,
    ("seeds", "timex", "resolved"): 0.90,
}


@pytest.fixture(scope="module")
def scores():
    table = score.score()
    return {(r.set, r.extractor, r.field): (r.f1 if r.field == "found" else r.accuracy)
            for r in table.itertuples()}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_score_holds_its_floor(scores, key):
    assert scores[key] >= FLOORS[key], f"{key}: {scores[key]:.3f} fell below {FLOORS[key]:.3f}"


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_seed_targets_are_met(scores, key):
    assert scores[key] >= TARGETS[key]


def test_every_gold_text_is_in_its_file():
    for _set, doc_id, raw, gold, _view in score.gold_sets():
        for table in ("quotes", "numbers", "timex"):
            for g in gold.get(table, []):
                s, e = score._span(raw, g["text"], g.get("occurrence", 1))
                assert raw[s:e] == g["text"], (doc_id, g)
