"""The evidence table ``skipped``: numbers set aside as no quantity, one row per span, built
with the other evidence tables, so that notebooks 02 and 04 count them without rebuilding
every document's view."""
import pandas as pd

from analysis import evidence
from analysis.corpus import docview
from analysis.corpus.textmap import read_raw
from analysis.extract import numbers
from analysis.extract import skipped as skipped_mod


def test_the_build_counts_what_numbers_skipped_counts_over_the_views(seeds_corpus):
    ev = evidence.load("seeds")
    got = skipped_mod.counts(ev.skipped)
    want = numbers.skipped_table(docview.from_corpus(seeds_corpus))
    assert len(want) and int(want["spans"].sum()) > 0
    pd.testing.assert_frame_equal(got, want)


def test_each_skipped_row_is_its_raw_span(seeds_corpus):
    ev = evidence.load("seeds")
    files = dict(zip(seeds_corpus.documents["doc_id"], seeds_corpus.documents["file"]))
    rows = ev.skipped
    assert list(rows.columns[:4]) == ["doc_id", "sent_id", "start", "end"] and len(rows)
    for r in rows.to_dict("records"):
        raw = read_raw(seeds_corpus.corpus_dir / files[r["doc_id"]])
        assert any(ch.isdigit() for ch in raw[r["start"]:r["end"]]), r
        assert " ".join(raw[r["start"]:r["end"]].split()).replace("*", "") == " ".join(r["text"].split()), r


def test_no_skipped_number_gives_the_empty_counts():
    t = skipped_mod.counts(pd.DataFrame(columns=list(skipped_mod.COLUMNS)))
    assert list(t.columns) == ["kind", "spans"] and t.empty
    assert numbers.skipped_words(t) == ""
