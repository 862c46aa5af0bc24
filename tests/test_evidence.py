"""Evidence tables: spans cut from the raw files, lookups by speaker and measure, citations."""
import re

import pytest

from analysis import evidence
from analysis.corpus import docview
from analysis.corpus.paths import SEEDS
from analysis.corpus.textmap import read_raw


@pytest.fixture(scope="module")
def ev(seeds_corpus):
    return evidence.build(seeds_corpus)


def plain(text: str) -> str:
    return " ".join(re.sub(r"[*]", "", text).split())


@pytest.mark.parametrize("table", evidence.TABLES)
def test_every_span_cut_from_the_raw_file_is_the_rows_text(ev, seeds_corpus, table):
    files = seeds_corpus.documents.set_index("doc_id")["file"]
    raws = {d: read_raw(SEEDS / f) for d, f in files.items()}
    rows = getattr(ev, table)
    assert len(rows) > 0
    for r in rows.itertuples():
        assert plain(raws[r.doc_id][r.start:r.end]) == plain(r.text), (table, r.doc_id, r.text)


def test_speaker_spans_point_at_the_speaker(ev, seeds_corpus):
    files = seeds_corpus.documents.set_index("doc_id")["file"]
    q = ev.quotes.dropna(subset=["speaker_raw_start"])
    assert len(q) >= 20
    for r in q.itertuples():
        raw = read_raw(SEEDS / files[r.doc_id])
        assert plain(raw[int(r.speaker_raw_start):int(r.speaker_raw_end)]) == plain(r.speaker_name)


def test_quotes_by_speaker_and_numbers_by_measure():
    z = evidence.quotes("seeds", speaker="zelensky")
    assert set(z["doc_id"]) == {"000", "001", "003", "004"}
    assert any(t.startswith("Our society will push me") for t in z["text"])
    p = evidence.numbers("seeds", measure="desertion_prosecutions")
    assert p[["text", "low", "period_start", "period_end"]].values.tolist() == [
        ["only 9,000", 9000.0, "2022-01-01", "2022-12-31"],
        ["24,000", 24000.0, "2023-01-01", "2023-12-31"],
        ["50,000", 50000.0, "2024-01-01", "2024-09-30"],
    ]
    assert p["claimant"].tolist() == ["kyle_anzalone", "kyle_anzalone", "ukrainian_government"]
    assert set(p["outlet"]) == {"Popular Resistance"}


def test_dated_statements_carry_resolution_and_inferred_anchor():
    t = evidence.timex("seeds")
    friday = t[(t["doc_id"] == "004") & (t["text"] == "Friday")].iloc[0]
    assert (friday["date_start"], friday["date_end"], bool(friday["anchor_inferred"])) == ("2024-11-29", "2024-11-29", True)
    tuesday = t[(t["doc_id"] == "000") & (t["text"] == "Tuesday")].iloc[0]
    assert (tuesday["date_start"], bool(tuesday["anchor_inferred"])) == ("2023-03-28", False)


def test_citation_marks_the_span_in_its_raw_sentence():
    p = evidence.numbers("seeds", measure="desertion_prosecutions")
    row = p[p["text"] == "24,000"].iloc[0]
    assert evidence.cite(row) == (f"Popular Resistance, 30 Nov 2024 (date inferred), 004:"
                                  f"{row['start']}-{row['end']}: “That number increased to [24,000] in 2023.”")


def test_sentence_of_gives_the_sentence_holding_each_span_in_the_tables_order(ev, seeds_corpus):
    rows = ev.numbers.sample(frac=1, random_state=3)    # not in span order: the order must come back as given
    located = evidence.sentence_of(rows[["doc_id", "start"]], seeds_corpus)
    assert located.index.tolist() == rows.index.tolist()
    sents = seeds_corpus.sentences
    for (doc_id, start), s0, s1 in zip(rows[["doc_id", "start"]].itertuples(index=False),
                                       located["sentence_start"], located["sentence_end"]):
        holding = sents[(sents["doc_id"] == doc_id) & (sents["start"] <= start) & (sents["end"] > start)]
        assert (int(s0), int(s1)) == (holding["start"].iloc[0], holding["end"].iloc[0])
    alone = evidence.sentence_of(rows[["doc_id", "start"]].head(1).assign(doc_id="no such document"), seeds_corpus)
    assert alone["sentence_start"].isna().all()


def test_citations_read_each_raw_file_once(ev, seeds_corpus, monkeypatch):
    from analysis.corpus import textmap

    reads = []
    real = textmap.read_raw
    monkeypatch.setattr(textmap, "read_raw", lambda path: reads.append(path) or real(path))
    table = ev.numbers.merge(seeds_corpus.documents[["doc_id", "outlet", "published", "date_basis", "file"]],
                             on="doc_id")
    lines = evidence.citations(table, seeds_corpus)
    assert len(lines) == len(table) > len(set(table["doc_id"]))
    assert sorted(reads) == sorted({seeds_corpus.corpus_dir / f for f in table["file"]})


def test_extraction_is_a_pure_function_of_the_document(seeds_corpus):
    # the per-document caches (mentions, frames) must not carry anything from one document
    # or one call to the next: each document alone with cold caches gives the same rows as
    # after all the others with the caches warm, read again from a fresh view of the corpus
    from analysis.extract import actors, attribution

    def cold(view):
        attribution._frames.cache_clear()
        actors._mentions.cache_clear()
        return evidence.extract(view)

    views = docview.from_corpus(seeds_corpus)
    alone = [cold(v) for v in views]
    warm = [evidence.extract(v) for v in reversed(docview.from_corpus(seeds_corpus))][::-1]
    assert len(alone) >= 4 and all(len(a["numbers"]) for a in alone[3:4])
    for view, a, w in zip(views, alone, warm):
        assert w == a, view.doc_id
        assert {r["doc_id"] for rows in a.values() for r in rows} <= {view.doc_id}


def test_the_same_quotation_across_documents_is_grouped(ev):
    from analysis.extract.quotes import quote_groups

    rows = quote_groups(ev.quotes.to_dict("records"))
    push = [r for r in rows if r["text"].startswith("Our society will push me")]
    assert {r["doc_id"] for r in push} == {"000", "001"}
    assert len({r["group"] for r in push}) == 1


def test_quote_groups_are_in_the_evidence_table():
    q = evidence.quotes("seeds")
    push = q[q["text"].str.startswith("Our society will push me")]
    assert push["group"].nunique() == 1 and set(push["group_docs"]) == {2}
    assert (q[q["group_docs"] == 1]["group"].value_counts() == 1).all()


def test_empty_tables_keep_their_columns(tmp_path):
    from conftest import make_corpus

    folder = make_corpus(tmp_path / "c", {"020_harvest.txt": b"Farmers began the wheat harvest early.\n"})
    ev = evidence.load(folder)
    assert ev.quotes.empty and {"speaker", "kind", "group", "start", "end"} <= set(ev.quotes.columns)
    q = evidence.quotes(folder, speaker="zelensky")
    assert q.empty and {"outlet", "sentence", "speaker"} <= set(q.columns)
    assert {"measure", "claimant", "period_start"} <= set(evidence.numbers(folder).columns)


def test_mapping_documents_over_processes_gives_the_serial_tables(tmp_path):
    from analysis.corpus import tables as corpus
    from analysis.quality import bench

    bench.synthetic_corpus(tmp_path / "c", 12)
    serial, parallel = corpus.build(tmp_path / "c"), corpus.build(tmp_path / "c", jobs=2)
    assert serial.sentences.equals(parallel.sentences)
    a, b = evidence.build(serial), evidence.build(parallel, jobs=2)
    for table in evidence.TABLES:
        assert getattr(a, table).equals(getattr(b, table)), table
