"""The statements the evidence build finds once per document (the evidence table
``statements``) are the statements found over the whole corpus at question time."""
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import evidence
from analysis.corpus import tables as corpus_tables
from analysis.extract import statements


@pytest.mark.parametrize("actor", ["zelensky", "putin", "donald_trump", "army_spokesman", "financial_times"])
def test_statements_from_the_build_equal_those_found_over_the_corpus(actor):
    c, ev = corpus_tables.load("seeds"), evidence.load("seeds")
    assert ev.statements["actor"].notna().all()
    without = SimpleNamespace(mentions=ev.mentions, quotes=ev.quotes, timex=ev.timex)
    built, found = statements.statements(c, ev, actor), statements.statements(c, without, actor)
    pd.testing.assert_frame_equal(built, found)


def test_the_build_has_statements_of_the_seeds_speakers():
    ev = evidence.load("seeds")
    assert {"zelensky", "donald_trump"} <= set(ev.statements["actor"])
    assert list(ev.statements.columns[:4]) == ["doc_id", "sent_id", "start", "end"]
    assert len(ev.statements[ev.statements["actor"] == "zelensky"]) >= 5


def test_a_document_without_mentions_still_has_its_quoted_speakers_statements():
    from analysis.corpus import docview

    view = docview.from_text("Zelensky said: “We will never give up Crimea, and there will be no talks with Putin "
                             "until Russian troops leave our land.”\n", doc_id="x")
    rows = evidence.extract(view)
    only_quotes = statements.document_statements(view, [], rows["quotes"], rows["timex"])
    assert [r["actor"] for r in only_quotes] == [r["speaker"] for r in rows["quotes"] if r["speaker"]]
