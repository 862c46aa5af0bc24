"""The development corpus and its gold: the split is the rule's, every annotation is sound,
and the corpus has the size, outlets and coverage it promises (tests/gold/README.md)."""
import csv
import json
import re

import pytest

from analysis.corpus.catalog import read_catalog
from analysis.quality import gold


@pytest.fixture(scope="module")
def catalog():
    return read_catalog(gold.CORPUS)


@pytest.fixture(scope="module")
def golds():
    return {doc_id: json.loads(p.read_text(encoding="utf-8")) for doc_id, p in gold.corpus_docs()}


def test_split_is_the_hash_rule_and_not_a_choice():
    # the rule itself, written out again, so a changed rule cannot pass unnoticed
    import hashlib

    for doc_id in ["d001", "d002", "d084", "x"]:
        want = "test" if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"
        assert gold.split(doc_id) == want
    assert [gold.split(f"d{i:03d}") for i in (2, 6, 8, 1, 3)] == ["test"] * 3 + ["dev"] * 2


def test_recorded_split_is_the_rules(catalog):
    with open(gold.CORPUS / "split.csv", encoding="utf-8", newline="") as f:
        recorded = {r["doc_id"]: r["split"] for r in csv.DictReader(f)}
    assert set(recorded) == set(catalog["doc_id"])
    for doc_id, s in recorded.items():
        assert s == gold.split(doc_id), doc_id
    shares = list(recorded.values()).count("test") / len(recorded)
    assert 0.25 <= shares <= 0.42


def test_every_document_is_annotated_and_every_annotation_is_sound(catalog, golds):
    assert set(golds) == set(catalog["doc_id"])
    problems = [line for _, p in gold.corpus_docs() for line in gold.check(p)]
    assert not problems, "\n".join(problems[:20])
    published = catalog.set_index("doc_id")["published"].astype(str)
    for doc_id, g in golds.items():
        assert g["doc_id"] == doc_id and g["published"] == published[doc_id]


def test_size_and_outlets(catalog):
    assert len(catalog) >= 80
    assert catalog["outlet"].nunique() >= 25
    assert catalog["notes"].str.lower().str.startswith("modelled on").all()
    years = catalog["published"].map(lambda d: d.year)
    assert years.between(2022, 2025).all()


def _topics(g: dict, raw: str) -> set[str]:
    measures = {n["measure"] for n in g["numbers"]}
    out = set()
    if measures & {"awol_cases", "desertion_cases", "desertion_prosecutions", "people_prosecuted",
                   "deserters", "returned_to_service"}:
        out.add("desertion")
    if any(p["actor"] == "zelensky" for p in g["positions"]):
        out.add("positions")
    if measures & {"killed", "wounded", "casualties", "missing", "loss_ratio", "casualty_change"}:
        out.add("casualties")
    if re.search(r"Bakhmut|Artemovsk|Artyomovsk", raw):
        out.add("bakhmut")
    if re.search(r"Istanbul|grain (?:deal|corridor|initiative)|peace summit|Jeddah|Riyadh|Alaska|Anchorage|"
                 r"B[üu]rgenstock", raw):
        out.add("negotiations")
    return out


def test_each_question_has_at_least_15_articles(catalog, golds):
    files = catalog.set_index("doc_id")["file"]
    counts = dict.fromkeys(["desertion", "positions", "casualties", "bakhmut", "negotiations"], 0)
    for doc_id, g in golds.items():
        raw = (gold.CORPUS / files[doc_id]).read_text(encoding="utf-8")
        for t in _topics(g, raw):
            counts[t] += 1
    assert min(counts.values()) >= 15, counts
