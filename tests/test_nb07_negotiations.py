"""Notebook 07 (negotiation timeline) on other corpora, and its rules on small texts."""
import re

import pandas as pd
import pytest
from conftest import IRRELEVANT, copy_seeds, make_corpus, run_notebook
from conftest import add_article as _add_article

from analysis import evidence
from analysis.corpus import tables as corpus
from analysis.corpus.paths import NOTEBOOKS
from analysis.questions import negotiations_timeline as negotiations
from analysis.questions import protocol
from analysis.questions.protocol import ParameterError

NB = NOTEBOOKS / "07_negotiations_timeline.ipynb"
ISTANBUL = ("ISTANBUL (Reuters) - Russian and Ukrainian delegations met for talks in Istanbul on 16 May 2025, "
            "the first direct negotiations since March 2022.\n")





def add_article(folder, name, text, published="2025-05-17", outlet="Test Wire"):
    _add_article(folder, name, text, published, outlet)


def run(tmp_path, corpus, **params):
    return run_notebook(NB, tmp_path, corpus, **params)


def read(folder, name):
    return pd.read_csv(folder / name, dtype={"doc_id": str, "doc_ids": str}, keep_default_na=False)


@pytest.fixture(scope="module")
def istanbul(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nb07")
    folder = copy_seeds(tmp / "corpus")
    add_article(folder, "013_reuters.txt", ISTANBUL)
    return tmp, folder


def test_seed_moments_keep_their_dates_and_precision():
    c = corpus.load("seeds")
    ev, cit, und = negotiations.build(c, evidence.timex("seeds"), evidence.mentions("seeds"))
    got = {(r.type, r.date_start, r.date_end, r.granularity, r.doc_ids) for r in ev.itertuples()}
    assert ("talks", "2022-03-01", "2022-04-30", "range", "004") in got            # "March and April of 2022"
    assert ("visit", "2022-04-01", "2022-04-30", "month", "000") in got            # "since April 2022": the month
    assert ("annexation", "2022-09-01", "2022-09-30", "month", "001") in got
    assert ("decree", "2022-10-01", "2022-10-31", "month", "000") in got
    assert ("conditions", "2024-01-01", "2024-11-29", "range", "004") in got       # "earlier this year"
    assert ("territorial_concession", "2024-11-29", "2024-11-29", "day", "004") in got  # "On Friday"
    call = ev[ev["type"] == "call"].iloc[0]                                        # "a recent conversation"
    assert call["dated_by"] == "article" and call["date_end"] == "2024-11-30" and "Olaf Scholz" in call["actor_names"]
    # no annexation dated by Putin's speech: the annexed territory is part of his conditions
    assert not ((ev["type"] == "annexation") & (ev["date_start"] == "2024-01-01")).any()
    # every citation is traceable to its raw span
    from analysis.corpus.textmap import read_raw
    for r in cit.itertuples():
        raw = read_raw(c.corpus_dir / r.file)
        assert r.cue.split("; ")[0].lower() in raw[r.start:r.end].lower()
    assert len(und) and und["start"].ge(0).all()


def test_a_new_article_adds_its_talks_and_joins_the_march_2022_talks(istanbul):
    tmp, folder = istanbul
    out = run(tmp / "a", folder)
    ev = read(out, "events.csv")
    may = ev[(ev["type"] == "talks") & (ev["date_start"] == "2025-05-16")]
    assert len(may) == 1 and may.iloc[0]["outlets"] == "Test Wire" and may.iloc[0]["granularity"] == "day"
    march = ev[(ev["type"] == "talks") & (ev["doc_ids"] == "004; 013")].iloc[0]
    assert march["documents"] == 2 and march["when"] == "Mar 2022" and march["cited_end"] == "2022-04-30"
    cit = read(out, "evidence.csv")
    new = cit[cit["doc_id"] == "013"]
    assert set(new["outlet"]) == {"Test Wire"} and new["start"].ge(0).all()
    answer = (out / "answer.md").read_text()
    assert "most cited: talks / negotiations, Mar 2022 (2 documents)" in answer
    assert "Test Wire (doc 013) cites" in answer
    assert (out / "negotiations_timeline.png").exists() and (out / "negotiations_timeline.svg").exists()


def test_min_sources_keeps_only_events_cited_by_several_documents(istanbul):
    tmp, folder = istanbul
    out = run(tmp / "b", folder, min_sources=2)
    ev = read(out, "events.csv")
    assert len(ev) == 1 and ev["documents"].tolist() == [2] and ev["doc_ids"].tolist() == ["004; 013"]
    assert set(read(out, "evidence.csv")["doc_id"]) == {"004", "013"}


def test_date_window_keeps_overlapping_moments(tmp_path):
    out = run(tmp_path, "seeds", date_from="2024-01-01", date_to="2024-12-31")
    ev = read(out, "events.csv")
    assert set(ev["type"]) == {"conditions", "territorial_concession", "call"}


def test_irrelevant_corpus_ends_with_no_evidence(tmp_path):
    folder = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    out = run(tmp_path, folder)
    assert (out / "answer.md").read_text().startswith("No evidence for this question in the corpus")
    assert not (out / "negotiations_timeline.png").exists()
    assert read(out, "events.csv").empty


@pytest.mark.parametrize("params, message", [
    ({"min_sources": 0}, "parameter min_sources: must be at least 1, got 0"),
    ({"min_sources": "two"}, "parameter min_sources: expected a whole number >= 1, got 'two'"),
    ({"date_from": "March 2022"}, "parameter date_from: expected an ISO date 'YYYY-MM-DD' or None"),
])
def test_bad_parameters_name_the_parameter(params, message):
    with pytest.raises(ParameterError, match=f"^{re.escape(message)}"):
        protocol.check_params(negotiations, **params)


def test_a_window_that_ends_before_it_starts_is_refused_before_any_table():
    with pytest.raises(ParameterError, match=r"^parameter date_to: '2023-01-01' is before date_from '2024-01-01'"):
        negotiations.tables(None, None, date_from="2024-01-01", date_to="2023-01-01")
    assert protocol.check_params(negotiations, date_from="2024-01-01")["date_from"] == pd.Timestamp("2024-01-01")


# Texts written for these tests.

def test_a_conditional_or_proposed_event_is_kept_apart_not_on_the_timeline(tmp_path):
    cues = negotiations.sentence_cues("Kyiv would take part if a truce were agreed next week.")
    assert [(c["type"], c["conditional"]) for c in cues] == [("ceasefire", True)]
    assert not negotiations.sentence_cues("Russia and Ukraine agreed a truce on Friday.")[0]["conditional"]
    # the condition of one clause does not reach the next
    cues = negotiations.sentence_cues("If it rains the match is off; the ceasefire began on Monday.")
    assert [c["conditional"] for c in cues] == [False]
    folder = make_corpus(tmp_path / "corpus", {
        "020_wire.txt": "KYIV (Test Wire) - Zelensky said Ukraine would join if a truce were agreed next week. "
                        "Delegations held talks in Istanbul on 16 May 2025.\n".encode()})
    c = corpus.load(folder)
    ev, cit, und = negotiations.build(c, evidence.timex(folder), evidence.mentions(folder))
    assert ev["type"].tolist() == ["talks"]
    assert und[["type", "status"]].values.tolist() == [["ceasefire", "proposed / conditional"]]
    docs = c.documents
    assert "1 proposed or conditional mention (the first: “KYIV (Test Wire)" in negotiations.answer_words(ev, cit, und, docs)


def test_a_relative_clause_about_an_annexation_is_not_an_annexation_event():
    cues = negotiations.sentence_cues("Russia, which annexed Crimea in 2014, held talks with Kyiv on Monday.")
    assert [c["type"] for c in cues] == ["talks"]
    cues = negotiations.sentence_cues("Russia annexed four regions in September 2022 after talks failed.")
    assert "annexation" in [c["type"] for c in cues]


@pytest.mark.parametrize("text, day", [
    ("Delegates arrived ahead of talks on Friday.", "2025-05-16"),           # a coming event: forward
    ("A ceasefire starting on Monday was proposed.", "2025-05-19"),
    ("The meeting on Friday ended without a deal.", "2025-05-09"),          # no coming event: back
    ("The talks that began on Monday ended.", "2025-05-12"),                # a past verb between: back
])
def test_a_weekday_after_a_coming_event_resolves_forward(text, day):
    import datetime

    from analysis.corpus import docview
    from analysis.extract import timex
    view = docview.from_text(text, doc_id="x", published=datetime.date(2025, 5, 14))     # a Wednesday
    assert str(timex.timex(view)[0]["start"]) == day


@pytest.mark.parametrize("quote, day", [
    ("Talks with Russia will start in Istanbul on Friday", "2025-05-09"),    # forward from the saying, not publication
    ("Talks with Russia began in Istanbul on Monday", "2025-05-05"),          # back from the saying
])
def test_a_weekday_in_a_quotation_counts_from_the_day_it_was_said(tmp_path, quote, day):
    folder = make_corpus(tmp_path / "corpus", {
        "020_wire.txt": (f"KYIV (Test Wire) - Nothing new today.\n\n“{quote},” Zelensky said on 7 May 2025.\n").encode()},
        published="2025-05-14")
    c = corpus.load(folder)
    ev, cit, und = negotiations.build(c, evidence.timex(folder), evidence.mentions(folder))
    talks = cit[cit["type"] == "talks"]
    assert talks["date_start"].tolist() == [day] and talks["timex"].str.contains("day").all()


def test_a_condition_after_the_cue_makes_the_event_conditional():
    cues = negotiations.sentence_cues(
        "Russia can start negotiations with us tomorrow without waiting for anything if it withdraws from our land.")
    assert cues and all(c["conditional"] for c in cues)
    held = negotiations.sentence_cues("Russia and Ukraine held talks in Istanbul on Friday.")
    assert held and not any(c["conditional"] for c in held)


def test_a_date_in_a_relative_clause_about_an_actor_does_not_date_the_event(tmp_path):
    text = ("Ceasefire hopes fade\n\nKYIV (Test Wire) - Ukrainian forces pressed on in areas annexed by Moscow, "
            "which invaded Ukraine in February 2022, officials said on Monday.\n\n"
            "The talks in Istanbul began on Friday, officials said.\n")
    folder = make_corpus(tmp_path / "c", {"001_wire.txt": text.encode()}, published="2025-06-04")
    ev = evidence.load(folder)
    cit, und = negotiations.mentions(corpus.load(folder), ev.timex, ev.mentions)
    annex = cit[cit["type"] == "annexation"]
    assert not annex["date_start"].astype(str).str.startswith("2022-02").any()
    assert (cit[cit["type"] == "talks"]["date_start"].astype(str) == "2025-05-30").any()
