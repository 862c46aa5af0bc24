"""Notebook 01 on the question protocol: its tables follow their spec, with the same columns
whatever the corpus needed, and its answer is computed from them."""
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.corpus.cleaning import SECTION_KINDS
from analysis.corpus.paths import ROOT
from analysis.questions import corpus_overview as overview
from analysis.questions import protocol


@pytest.fixture(scope="module")
def tables(seeds_corpus):
    return overview.tables(None, seeds_corpus)


def test_every_table_is_exactly_its_spec(tables):
    assert sorted(tables) == sorted(t.name for t in overview.TABLES)
    for spec in overview.TABLES:
        protocol.conform(tables[spec.name], spec)


def test_columns_do_not_depend_on_what_the_corpus_needed(tables):
    words, summary = tables["words_by_section"], tables["cleaning_summary"]
    assert list(words.columns) == ["doc_id", *SECTION_KINDS] and (words["furniture"] == 0).all()
    assert "labelled_furniture" in summary and (summary["labelled_furniture"] == 0).all()
    counted = summary.set_index("doc_id").sum()
    assert counted[counted > 0].to_dict() == tables["cleaning_changes"]["action"].value_counts().to_dict()


def test_a_cleaning_action_the_summary_lacks_is_refused(seeds_corpus):
    odd = seeds_corpus._replace(cleaning=pd.concat([seeds_corpus.cleaning, seeds_corpus.cleaning.head(1)
                                                    .assign(action="tabs_expanded")]))
    with pytest.raises(ValueError, match="cleaning logged action.s. tabs_expanded that CLEANING_ACTIONS lacks"):
        overview.cleaning_summary(odd)


def test_answer_and_evidence_come_from_the_tables(tables):
    committed = (ROOT / "reports" / "01_corpus_overview" / "answer.md").read_text(encoding="utf-8")
    assert overview.answer(tables) + "\n" == committed
    assert overview.evidence_table(tables).equals(tables["cleaning_changes"])
    names = [f.name for f in overview.figures(tables)]
    plt.close("all")
    assert names == ["documents_by_outlet_and_date", "words_by_section"]
