"""Statements read the attribution frames the evidence build stored, and read only the documents
that can hold the actor's statements: the same rows as finding every document's frames again."""
import pandas as pd
import pytest

from analysis import evidence
from analysis.corpus import docview
from analysis.corpus import tables as corpus_tables
from analysis.corpus.paths import ROOT
from analysis.extract import attribution, statements

DEV = ROOT / "tests" / "gold" / "corpus"


@pytest.fixture(scope="module")
def dev():
    return corpus_tables.load(DEV), evidence.load(DEV)


def test_the_attributions_table_gives_back_every_documents_frames(dev):
    corpus, ev = dev
    assert len(ev.attributions) > 500
    again = statements.frames_from(ev.attributions)
    for view in docview.from_corpus(corpus):
        assert again(view) == attribution.frames(view), view.doc_id


@pytest.mark.parametrize("actor", ["zelensky", "putin", "donald_trump"])
def test_statements_from_the_stored_frames_equal_those_from_the_text(dev, actor):
    corpus, ev = dev
    fresh = ev._replace(attributions=None)     # no stored frames
    a = statements.statements(corpus, ev, actor)
    b = statements.statements(corpus, fresh, actor)
    assert len(a) > 0
    pd.testing.assert_frame_equal(a, b)


def test_a_document_that_never_names_the_actor_is_not_read(dev, monkeypatch):
    corpus, ev = dev
    read = []
    frames = statements.frames_from(ev.attributions)
    monkeypatch.setattr(statements, "frames_from", lambda table: lambda view: read.append(view.doc_id) or frames(view))
    statements.statements(corpus, ev, "zelensky")
    named = set(ev.mentions.loc[ev.mentions["actor_id"] == "zelensky", "doc_id"])
    quoted = set(ev.quotes.loc[ev.quotes["speaker"] == "zelensky", "doc_id"])
    assert read and set(read) <= named | quoted
    assert len(set(read)) < len(corpus.documents)
