"""The build's compact structures give the tables the plain construction gives (issue 16:
peak memory): corpus rows turned into frames batch by batch, evidence rows kept as columns,
document views reading the tables' columns, the raw index as one array."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis import evidence
from analysis.corpus import docview, mapping
from analysis.corpus import tables as corpus
from analysis.corpus.catalog import read_catalog
from analysis.corpus.paths import SEEDS, display
from analysis.corpus.textmap import read_raw


@pytest.fixture(scope="module")
def seed_results():
    catalog = read_catalog(SEEDS)
    return [corpus.process_document(row, (SEEDS / row["file"]).read_bytes(), display(SEEDS / row["file"]))
            for row in catalog.to_dict("records")]


def _same(x: pd.DataFrame, y: pd.DataFrame):
    if "raw_index" in x.columns:
        assert all(np.array_equal(a, b) for a, b in zip(x["raw_index"], y["raw_index"]))
        x, y = x.drop(columns="raw_index"), y.drop(columns="raw_index")
    pd.testing.assert_frame_equal(x, y, check_dtype=True)


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_corpus_rows_in_batches_give_the_frames_of_all_rows_at_once(seed_results, batch):
    got = corpus._frames(iter(seed_results), batch)
    assert len(seed_results) > 2
    for t in corpus.TABLES:
        _same(pd.DataFrame([row for r in seed_results for row in r[t]]), got[t])


def test_raw_index_is_one_compact_array(seed_results):
    for r in seed_results:
        index = r["texts"][0]["raw_index"]
        assert isinstance(index, np.ndarray) and index.dtype == np.int32
        assert len(index) == len(r["texts"][0]["clean_text"]) and (np.diff(index) >= 0).all()


def test_columns_give_the_frame_of_a_list_of_dicts():
    rows = [{"a": 1, "b": "x", "c": None, "d": True},
            {"a": 2, "b": None, "e": 3.5},                 # keys missing, and a new one
            {"b": "y", "a": 3, "c": None, "d": None, "f": "late"},
            {"a": 10 ** 12, "e": 1, "d": False}]
    cols = evidence.Columns()
    cols.extend(rows[:1])
    cols.extend(rows[1:])
    assert cols.n == 4
    pd.testing.assert_frame_equal(cols.frame(), pd.DataFrame(rows), check_dtype=True)
    assert evidence.Columns().frame().empty


def test_evidence_as_columns_gives_the_frames_of_the_rows(seeds_corpus):
    results = [evidence.extract(v) for v in docview.from_corpus(seeds_corpus)]
    for t in ("mentions", "numbers", "timex", "quotes"):
        rows = [row for r in results for row in r[t]]
        cols = evidence.Columns()
        for r in results:
            cols.extend(r[t])
        assert len(rows) > 0
        _same(evidence._frame(rows, t), evidence._frame(cols, t))


def test_views_from_the_tables_are_the_views_of_the_raw_files(seeds_corpus):
    views = docview.from_corpus(seeds_corpus)
    files = seeds_corpus.documents.set_index("doc_id")["file"]
    assert len(views) == seeds_corpus.documents["published"].notna().sum() > 2
    assert any(v.emphasis for v in views)
    for v in views:
        ref = docview.from_text(read_raw(SEEDS / files[v.doc_id]), doc_id=v.doc_id, published=v.published)
        assert v.text == ref.text and v.sentences == ref.sentences and v.emphasis == ref.emphasis
        assert isinstance(v.raw_index, np.ndarray) and v.raw_index.tolist() == list(ref.raw_index)
        assert isinstance(v.published, dt.date)
        hash(v)     # extractors cache on the view
        assert v.to_raw(0, 5) == ref.to_raw(0, 5)


def test_imap_documents_yields_in_order_in_processes():
    assert list(mapping.imap_documents(str, list(range(40)), jobs=2)) == [str(i) for i in range(40)]
    assert mapping.map_documents(str, list(range(5))) == ["0", "1", "2", "3", "4"]
