"""The dask build on the seeds plus synthetic articles: corpus and evidence tables, copy groups and
quotation groups found by shuffles on a LocalCluster of 2 workers equal the serial build's, and the
partitioned Parquet it writes reads back as the serial tables (the writer itself: test_partitioned.py)."""
import random
import shutil

import pandas as pd
import pytest
from conftest import seeds_and_synthetic

from analysis import __main__ as cli
from analysis import evidence
from analysis.corpus import copies, distributed, mapping
from analysis.corpus import tables as corpus
from analysis.corpus.paths import SEEDS
from analysis.extract import quotes, quotes_dask

SYNTHETIC = 120


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The seeds and SYNTHETIC articles of the bench's generator (seed paragraphs shuffled:
    many share passages, some are copies of others)."""
    base = tmp_path_factory.mktemp("dask_shuffles")
    return seeds_and_synthetic(base, SYNTHETIC)


@pytest.fixture(scope="module")
def serial(corpus_dir):
    c = corpus.build(corpus_dir)
    return c, evidence.build(c)


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 workers (threads of this process: quick to start, and a patched
    constant holds on the workers too), partitions of 50 documents."""
    mp = pytest.MonkeyPatch()
    mp.setattr(mapping, "LOCAL_PROCESSES", False)
    mp.setattr(mapping, "PARTITION", 50)
    mapping.use_scheduler("dask")
    try:
        client = mapping._client(2)
        assert len(client.scheduler_info()["workers"]) == 2
        yield client
    finally:
        mapping.use_scheduler("processes")
        mp.undo()


def _sorted(frame):
    return frame.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def test_the_dask_build_gives_the_serial_tables_groups_and_copies(corpus_dir, serial, cluster, tmp_path):
    s_corpus, s_ev = serial
    d_corpus = corpus.build(corpus_dir, jobs=2)
    d_ev = evidence.build(d_corpus, jobs=2)
    for t in corpus.TABLES:
        pd.testing.assert_frame_equal(getattr(d_corpus, t), getattr(s_corpus, t), obj=t)
    for t in evidence.TABLES:
        pd.testing.assert_frame_equal(getattr(d_ev, t), getattr(s_ev, t), obj=t)
    # the cross-document steps had something to find
    assert (s_corpus.documents["copy_of"] != "").sum() >= 5
    assert (s_ev.quotes["group_docs"] > 1).sum() >= 20
    # and the partitioned tables read back as the serial ones do from the serial cache
    written = distributed.write_tables(d_ev._asdict(), tmp_path / "parts")
    assert len(distributed.parts(written / "quotes")) == -(-len(s_corpus.documents) // 50)
    back = distributed.read_tables(written, evidence.TABLES)
    for t in evidence.TABLES:
        getattr(s_ev, t).to_parquet(tmp_path / f"serial_{t}.parquet", index=False)
        cached = pd.read_parquet(tmp_path / f"serial_{t}.parquet")
        pd.testing.assert_frame_equal(_sorted(back[t]), _sorted(cached), obj=t)


def test_copy_candidates_capped_as_the_serial_index_caps_them(serial, cluster, monkeypatch):
    """With a cap of 3 candidates per document (so that it binds), the shuffle still proposes
    exactly the serial candidates, so it confirms the same copy pairs."""
    c, _ = serial
    body = c.sections[c.sections["kind"].isin(corpus.BODY_KINDS)]
    bodies = body.groupby("doc_id")["text"].agg("\n".join).to_dict()
    docs = c.documents[["doc_id", "published"]]
    monkeypatch.setattr(copies, "CANDIDATES", 3)
    sets = {d: copies.shingles(bodies.get(d, "")) for d in docs["doc_id"]}
    capped = copies.copy_pairs(sets)
    assert distributed.copy_pairs(docs, bodies, 2) == [(a, b) for a, b, _ in capped]
    monkeypatch.undo()
    assert len(copies.copy_pairs(sets)) > len(capped)     # the cap did bind


def test_fuzzy_and_nested_quotations_group_as_serially(serial, cluster):
    """Quotations reworded a little (a word dropped or changed, in other documents) and
    nested in one document: the shuffle joins and keeps apart the same rows as the serial loop."""
    _, ev = serial
    rng = random.Random(7)
    base = ev.quotes[ev.quotes["text"].str.split().str.len() >= 6].drop_duplicates("text").head(60)
    rows = []
    for n, r in enumerate(base.to_dict("records")):
        row = {k: r[k] for k in ("doc_id", "kind", "text", "clean_start", "clean_end")}
        words = row["text"].split()
        rows.append(row)
        k = rng.randrange(len(words))
        rows.append({**row, "doc_id": f"x{n:03d}", "text": " ".join(words[:k] + words[k + 1:])})
        changed = list(words)
        changed[rng.randrange(len(words))] = "différent"
        rows.append({**row, "doc_id": f"y{n:03d}", "text": " ".join(changed)})
        inner = " ".join(words[1:-1])
        rows.append({**row, "text": inner, "clean_start": row["clean_start"] + 1, "clean_end": row["clean_end"] - 1})
    stories = {f"y{n:03d}": f"x{n:03d}" for n in range(len(base))}
    serial_groups = quotes.quote_groups(rows, stories=stories)
    assert quotes_dask.quote_groups(rows, stories=stories, jobs=2) == serial_groups
    reworded = pd.DataFrame(serial_groups).groupby("group")["text"].nunique()
    assert (reworded >= 3).sum() >= 10 and len(reworded) >= 15


def test_build_with_the_dask_scheduler_writes_partitioned_tables(cluster, tmp_path, monkeypatch, capsys):
    """``python -m analysis build --scheduler dask --parquet DIR`` on the seeds: the cache the
    notebooks read as before, and the evidence tables partitioned in DIR, both as the serial build's."""
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.setattr(corpus, "BUILD", tmp_path / "build")
    monkeypatch.setattr(mapping, "PARTITION", 2)
    monkeypatch.setattr(mapping, "use_scheduler", lambda name, address=None: None)    # the fixture's cluster
    assert cli.main(["build", str(seeds), "--scheduler", "dask", "--jobs", "2",
                     "--parquet", str(tmp_path / "parts")]) == 0
    assert "partitioned Parquet" in capsys.readouterr().out
    back = distributed.read_tables(tmp_path / "parts", evidence.TABLES)
    cached = evidence.load(seeds)
    s_ev = evidence.build(corpus.build(seeds))
    for t in evidence.TABLES:
        pd.testing.assert_frame_equal(back[t], getattr(cached, t), obj=t)
        pd.testing.assert_frame_equal(_sorted(back[t]).astype(object), _sorted(getattr(s_ev, t)).astype(object), obj=t)
    assert len(distributed.parts(tmp_path / "parts" / "numbers")) == -(-back["numbers"]["doc_id"].nunique() // 2) > 1


def _variants(n):
    """n quotations of one short wording, each with two of its five words changed: similar enough
    to be candidates of each other (they share three words), too different to be one quotation."""
    rng = random.Random(3)
    letters = "bcdfghjklmnpqrstvwxz"

    def word():
        return "".join(rng.choice(letters) for _ in range(12))

    return [{"doc_id": f"d{k:04d}", "kind": "quote", "text": f"alpha beta gamma {word()} {word()}",
             "clean_start": 0, "clean_end": 30} for k in range(n)]


def test_a_wording_with_many_variants_is_compared_with_at_most_candidates_others(monkeypatch):
    """Quotation grouping stays linear: a class is compared with at most quotes.CANDIDATES
    others (all pairs of 120 variants, both ways, would be 14,280 comparisons)."""
    calls = []
    same = quotes.same_quotation
    monkeypatch.setattr(quotes, "same_quotation", lambda a, b, t=0.9: calls.append(1) or same(a, b, t))
    monkeypatch.setattr(quotes, "CANDIDATES", 10)
    groups = quotes.quote_groups(_variants(120))
    assert len(calls) == 120 * 10 and len({g["group"] for g in groups}) == 120
    monkeypatch.setattr(quotes, "CANDIDATES", 10 ** 6)
    calls.clear()
    quotes.quote_groups(_variants(120))
    assert len(calls) == 120 * 119


def test_quotation_candidates_capped_as_the_serial_loop_caps_them(serial, cluster, monkeypatch):
    """With a cap of 3 candidates per class (so that it binds), the shuffle proposes and joins
    exactly what the serial loop does."""
    _, ev = serial
    rows = [{k: r[k] for k in ("doc_id", "kind", "text", "clean_start", "clean_end")}
            for r in ev.quotes.to_dict("records")]
    full = quotes.quote_groups(rows)
    monkeypatch.setattr(quotes, "CANDIDATES", 3)
    capped = quotes.quote_groups(rows)
    assert quotes_dask.quote_groups(rows, jobs=2) == capped
    assert [r["group"] for r in capped] != [r["group"] for r in full]     # the cap did bind
