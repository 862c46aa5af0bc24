"""Notebook 05 (the battle for a place): another town's facts, the seeds, no evidence, bad dates."""
import pandas as pd
import pytest
from conftest import IRRELEVANT, copy_seeds, make_corpus, run_notebook
from conftest import add_article as _add_article

from analysis import evidence
from analysis.corpus import tables as corpus_mod
from analysis.corpus.paths import NOTEBOOKS
from analysis.extract import places
from analysis.questions import bakhmut as battle
from analysis.questions import protocol
from analysis.questions.protocol import ParameterError

BATTLE = NOTEBOOKS / "05_bakhmut.ipynb"
AVDIIVKA = ("AVDIIVKA, Ukraine (AP) — The battle for Avdiivka has lasted four months, officials said on Tuesday. "
            "Russian forces hold about 40% of the town, according to the Institute for the Study of War.\n")


def seed_facts(corpus_dir, place, date_from=None, date_to=None):
    return battle.tables(evidence.load(corpus_dir), corpus_mod.load(corpus_dir), place=place,
                         date_from=date_from, date_to=date_to)["facts"]

def add_article(folder, name, text, published="2023-10-10", outlet="Test Wire"):
    _add_article(folder, name, text, published, outlet)


def run(tmp_path, corpus, **params):
    return run_notebook(BATTLE, tmp_path, corpus, **params)


def read_facts(folder):
    return pd.read_csv(folder / "facts.csv", dtype={"doc_id": str}, keep_default_na=False)


def test_another_town_gives_its_duration_implied_start_and_share(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "020_avdiivka.txt", AVDIIVKA)
    folder = run(tmp_path, corpus, place="Avdiivka")
    facts = read_facts(folder)
    assert set(facts["doc_id"]) == {"020"}                      # nothing about Bakhmut leaks in
    duration = facts[facts["lane"] == "duration"].iloc[0]
    assert duration["what"] == "four months" and duration["date"] == "2023-10-10"
    # "has lasted four months" on 2023-10-10: at least 4 and under 5 whole months
    assert (duration["implied_start_earliest"], duration["implied_start_latest"]) == ("2023-05-10", "2023-06-10")
    share = facts[facts["lane"] == "share"].iloc[0]
    assert share["what"] == "about 40%" and share["hedge"] == "about" and share["reading"] == "held"
    # the "(AP) —" dateline makes the agency the relay of what the story's sources say
    assert share["claimant"] == "Institute for the Study of War, via Associated Press" and share["outlet"] == "Test Wire"
    raw = (corpus / "020_avdiivka.txt").read_text(encoding="utf-8")
    assert raw[share["start"]:share["end"]] == "about 40%"
    assert not (facts["lane"] == "statement").any()             # the share sentence is not drawn twice
    answer = (folder / "answer.md").read_text()
    assert answer.startswith("Avdiivka:")
    assert "“four months”" in answer and "implying a start between 10 May 2023 and 10 Jun 2023" in answer
    assert "about 40% held (side: Russia) as of 10 Oct 2023" in answer
    assert (folder / "battle_timeline.png").exists() and (folder / "battle_timeline.svg").exists()


def test_bakhmut_on_the_seeds():
    facts = seed_facts("seeds", "Bakhmut")
    d = facts[facts["lane"] == "duration"].set_index("what")
    assert list(d.index) == ["nearly nine months", "seven months", "Since August", "for months"]
    assert str(d.at["nearly nine months", "implied_start_earliest"].date()) == "2022-06-07"
    assert pd.isna(d.at["nearly nine months", "implied_start_latest"])          # "nearly": open end, not guessed
    assert str(d.at["Since August", "implied_start_latest"].date()) == "2022-08-31"
    assert bool(d.at["seven months", "date_inferred"]) is True
    c = battle.consensus(facts)
    assert (str(c["earliest"].date()), str(c["latest"].date())) == ("2022-08-01", "2022-08-29")
    shares = facts[facts["lane"] == "share"].set_index("what")
    assert shares.at["approximately 65%", "claimant"] == "Institute for the Study of War"
    assert shares.at["five percent", "reading"] == "taken over the period"
    assert facts.loc[facts["lane"] == "population", "what"].tolist() == ["pre-war population: roughly 70,000"]
    st = facts[facts["lane"] == "statement"]
    who = dict(zip(st["cue"], st["claimant"]))
    assert who["retreat; strengthen"] == "Ukraine's top generals, via Volodymyr Zelensky"
    assert who["retreat"] == "Lloyd Austin"
    assert who["abandoned"] == "Volodymyr Zelensky"
    assert "Defense" not in " ".join(st["cue"])                           # titles are not cues
    austin = st[st["claimant"] == "Lloyd Austin"].iloc[0]
    assert austin["date_source"] == "stated: Monday" and str(austin["date"].date()) == "2023-03-06"
    assert (st["sentence"].str.contains("falls")).sum() >= 2
    assert not facts["sentence"].str.contains("20 percent").any()          # Ukraine's territory, not the city's


def test_bakhmut_dates_filter_and_place_is_a_parameter():
    early = seed_facts("seeds", "Bakhmut", date_to="2023-03-10")
    assert set(early["doc_id"]) == {"003"}
    assert seed_facts("seeds", "Soledar").empty


@pytest.mark.parametrize("place", ["Bakhmut", "Odesa"])
def test_irrelevant_corpus_or_absent_place_says_no_evidence(tmp_path, place):
    corpus = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    folder = run(tmp_path, corpus if place == "Bakhmut" else "seeds", place=place)
    assert (folder / "answer.md").read_text().startswith("No evidence for this question in the corpus")
    assert not (folder / "battle_timeline.png").exists()


def test_parameter_checks():
    with pytest.raises(ParameterError, match="parameter date_to"):
        protocol.check_period("2023-03-10", "2023-02-30")
    with pytest.raises(ParameterError, match="parameter date_to: '2023-01-01' is before date_from"):
        protocol.check_period("2023-03-10", "2023-01-01")
    with pytest.raises(ParameterError, match="parameter place"):
        battle.check_place("  ")
    with pytest.raises(ParameterError, match="^parameter date_from: expected an ISO date 'YYYY-MM-DD' or None, "
                                             "got 'yesterday'"):
        protocol.check_params(battle, date_from="yesterday")
    with pytest.raises(ParameterError, match="^parameter place: expected a place name"):
        protocol.check_params(battle, place=7)
    checked = protocol.check_params(battle, place=" Avdiivka ", date_to="2023-03-10")
    assert (checked["place"], checked["date_from"], checked["date_to"]) == ("Avdiivka", None, "2023-03-10")


def test_the_evidence_table_is_each_facts_source():
    t = battle.tables(evidence.load("seeds"), corpus_mod.load("seeds"), place="Bakhmut")
    f, ev = t["facts"], t["evidence"]
    assert len(ev) == len(f) and ev["doc_id"].tolist() == f["doc_id"].tolist()
    assert ev[["start", "end", "sentence"]].equals(f[["start", "end", "sentence"]])
    assert list(ev.columns) == battle.TABLES[1].names and list(f.columns) == battle.TABLES[0].names


def test_place_context_names_the_place_nearby():
    c = corpus_mod.load("seeds")
    ctx = places.context(c, "Bakhmut", ["city"], previous_paragraphs=1)
    named = ctx[ctx["named"]]
    assert len(named) and named["text"].str.contains("Bakhmut", case=False).all()
    assert not ctx.loc[~ctx["named"], "text"].str.contains(r"\bBakhmut\b", case=False).any()
    anaphor = ctx[ctx["anaphor"] & ~ctx["named"]]
    assert len(anaphor) and anaphor["text"].str.contains("the city", case=False).any()
    # with no previous paragraphs looked at, none counts as naming the place before
    none = places.context(c, "Bakhmut", ["city"], previous_paragraphs=0)
    assert ctx["prev_named"].any() and not none["prev_named"].any()
    assert places.place_basis({"named": False, "anaphor": False, "para_named": False, "prev_named": True},
                              "quoted", quoted=True) == "previous paragraph"
    assert places.place_basis({"named": False, "anaphor": False, "para_named": True, "prev_named": False},
                              "anaphor") is None
