"""Notebook 04 (whose casualty figures are these?): new claims appear with claimant and
verification, an irrelevant corpus ends with the no-evidence answer, its tables follow
their spec (the check of ``about`` is tested in test_protocol.py)."""
import pandas as pd
import pytest
from conftest import IRRELEVANT, add_article, copy_seeds, make_corpus
from conftest import run_notebook as run

from analysis import evidence
from analysis.corpus.paths import NOTEBOOKS
from analysis.extract import numbers as numbers_mod
from analysis.questions import casualty_claims as casualties
from analysis.questions import protocol

CASUALTIES = NOTEBOOKS / "04_casualty_claims.ipynb"
NEW_CLAIM = ("Front update\n\nRussia's Defence Ministry said 1,500 Ukrainian soldiers were killed in the past "
             "week, a claim that could not be verified.\n")


@pytest.fixture(scope="module")
def seed_claims():
    return casualties.claims(evidence.numbers("seeds"))


def test_seed_claims_have_claimant_side_relation_and_verification(seed_claims):
    totals = seed_claims[seed_claims["role"] == "total"].set_index("text")
    politico = totals.loc["more than 100,000"]
    assert (politico["claimant"], politico["subject_side"], politico["relation"]) == ("Politico", "Ukraine", "third party")
    assert politico["low"] == 100000 and pd.isna(politico["high"]) and politico["hedge"] == "more than"
    shoigu = totals.loc["11,000"]
    assert shoigu["claimant"] == "Sergei Shoigu, via Interfax" and shoigu["claimant_side"] == "Russia"
    assert shoigu["relation"] == "belligerent on the enemy" and shoigu["change"] == "rose by 40 percent"
    assert shoigu["period"] == "Feb 2023"
    staff = totals.loc["1,060"]
    assert staff["subject_side"] == "Russia" and staff["relation"] == "belligerent on the enemy"
    assert "could not be independently verified" in staff["verification"]


def test_seed_ratios_anecdotes_and_no_desertions(seed_claims):
    ratios = seed_claims[seed_claims["role"] == "ratio"].set_index("claimant")
    assert ratios.loc["NATO", "verification"] == "there is no way to verify this claim"
    assert (ratios.loc["Oleksiy Danilov", ["heavier_side", "lighter_side", "relation"]].tolist()
            == ["Russia", "Ukraine", "belligerent on the enemy"])
    accounts = seed_claims[seed_claims["role"] == "anecdote"]
    assert sorted(accounts["measure"]) == ["deployed", "survivors"]
    assert not seed_claims["measure"].isin(["deserters", "desertion_prosecutions"]).any()
    aside = seed_claims[seed_claims["role"] == "set aside"]
    assert aside["reason"].tolist() == ["counts interviews, not people"]


def test_about_keeps_one_sides_losses_and_every_ratio(seed_claims):
    russia = casualties.claims(evidence.numbers("seeds"), "Russia")
    assert set(russia.loc[russia["role"] != "ratio", "subject_side"]) == {"Russia"}
    assert (russia["role"] == "ratio").sum() == (seed_claims["role"] == "ratio").sum()


def test_new_articles_claim_appears_with_claimant_and_verification(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt", NEW_CLAIM)
    folder = run(CASUALTIES, tmp_path, corpus)
    totals = pd.read_csv(folder / "loss_totals.csv", dtype={"doc_id": str}, keep_default_na=False)
    new = totals[totals["doc_id"] == "013"]
    assert len(new) == 1
    new = new.iloc[0]
    assert new["text"] == "1,500" and new["low"] == 1500 and new["outlet"] == "Test Wire"
    assert new["claimant"] == "Ministry of Defence of the Russian Federation" and new["claimant_side"] == "Russia"
    assert new["subject_side"] == "Ukraine" and new["relation"] == "belligerent on the enemy"
    assert new["verification"] == "a claim that could not be verified"
    assert new["period"] == "26 May–1 Jun 2025" and new["start"] == 45 and new["end"] == 50
    answer = (folder / "answer.md").read_text()
    assert "1,500 killed (26 May–1 Jun 2025; Ministry of Defence of the Russian Federation" in answer
    assert "“a claim that could not be verified”" in answer
    assert (folder / "loss_totals.png").exists() and (folder / "loss_ratios.png").exists()


def test_on_an_irrelevant_corpus_says_so(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    folder = run(CASUALTIES, tmp_path, corpus)
    assert (folder / "answer.md").read_text().startswith("No evidence for this question in the corpus")
    assert not (folder / "loss_totals.png").exists() and not (folder / "loss_ratios.png").exists()
    assert pd.read_csv(folder / "evidence.csv").empty


def test_tables_follow_their_spec_and_the_answer_is_the_claims_answer(seed_claims):
    from analysis.corpus import tables as corpus

    tables = casualties.tables(evidence.load("seeds"), corpus.load("seeds"))
    assert sorted(tables) == sorted(t.name for t in casualties.TABLES)
    for spec in casualties.TABLES:
        protocol.conform(tables[spec.name], spec)
    assert tables["claims"].equals(seed_claims)
    skipped = numbers_mod.skipped_words(tables["skipped_numbers"])        # the kinds set aside, one sentence after
    assert casualties.answer(tables) == casualties.answer_words(seed_claims) + (f"\n\n{skipped}" if skipped else "")
    assert tables["evidence"].equals(casualties.evidence_table(tables))
