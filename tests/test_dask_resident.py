"""The Dask build that keeps each document's rows on the workers (analysis/evidence_dask.py):
on a LocalCluster of 2 workers, the Parquet partitions the workers write and the cache the client
writes when the corpus fits are the serial build's tables; over the limit no cache is written and
the frames never come back to the client."""
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
from conftest import seeds_and_synthetic

from analysis import evidence, evidence_dask
from analysis.corpus import distributed, mapping
from analysis.corpus import tables as corpus
from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import SEEDS, display

pytestmark = pytest.mark.slow     # a LocalCluster and whole-corpus builds: left to make test

SYNTHETIC = 120
PARTITION = 50


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The seeds and SYNTHETIC articles of the bench's generator (copies and shared quotations)."""
    base = tmp_path_factory.mktemp("dask_resident")
    return seeds_and_synthetic(base, SYNTHETIC)


@pytest.fixture(scope="module")
def serial(corpus_dir, tmp_path_factory):
    """The serial build's tables as its cache holds them (written and read back as Parquet)."""
    c = corpus.build(corpus_dir)
    ev = evidence.build(c)
    where = tmp_path_factory.mktemp("serial")
    out = {}
    for t, frame in [*((t, getattr(c, t)) for t in corpus.TABLES), *((t, getattr(ev, t)) for t in evidence.TABLES)]:
        frame.to_parquet(where / f"{t}.parquet", index=False)
        out[t] = pd.read_parquet(where / f"{t}.parquet")
    return out


@pytest.fixture(scope="module")
def cluster():
    mp = pytest.MonkeyPatch()
    mp.setattr(mapping, "LOCAL_PROCESSES", False)
    mp.setattr(mapping, "PARTITION", PARTITION)
    mapping.use_scheduler("dask")
    try:
        client = mapping._client(2)
        assert len(client.scheduler_info()["workers"]) == 2
        yield client
    finally:
        mapping.use_scheduler("processes")
        mp.undo()


def test_the_workers_write_the_serial_tables_and_the_client_the_cache(corpus_dir, serial, cluster, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(corpus, "BUILD", tmp_path / "build")
    done = evidence_dask.build(corpus_dir, tmp_path / "parts", jobs=2)
    n = -(-(SYNTHETIC + 4) // PARTITION)
    assert done["documents"] == SYNTHETIC + 4 and done["partitions"] == n
    assert done["cache"] == corpus.cache_dir(corpus_dir) and 0 < done["bytes"]
    # the cross-document steps had something to find
    assert (serial["documents"]["copy_of"] != "").sum() >= 5
    assert (serial["quotes"]["group_docs"] > 1).sum() >= 20
    back = distributed.read_tables(tmp_path / "parts", corpus.TABLES + evidence.TABLES)
    for t in corpus.TABLES + evidence.TABLES:
        assert len(distributed.parts(tmp_path / "parts" / t)) == n
        pd.testing.assert_frame_equal(back[t], serial[t], obj=f"partitioned {t}")
    # the cache the notebooks read: tables.load and evidence.load find it and build nothing
    monkeypatch.setattr(corpus, "build", lambda *a, **k: pytest.fail("the cache was not used"))
    monkeypatch.setattr(evidence, "build", lambda *a, **k: pytest.fail("the cache was not used"))
    cached_corpus, cached_ev = corpus.load(corpus_dir), evidence.load(corpus_dir)
    for t in corpus.TABLES:
        pd.testing.assert_frame_equal(getattr(cached_corpus, t), serial[t], obj=f"cached {t}")
    for t in evidence.TABLES:
        pd.testing.assert_frame_equal(getattr(cached_ev, t), serial[t], obj=f"cached {t}")


def test_over_the_limit_the_frames_stay_on_the_workers(cluster, tmp_path, monkeypatch):
    """With a cache limit of 0 bytes nothing per document comes back to the client: no cache,
    but the Parquet partitions are written all the same (here the seeds, 2 documents a partition)."""
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.setattr(corpus, "BUILD", tmp_path / "build")
    monkeypatch.setattr(mapping, "PARTITION", 2)
    monkeypatch.setattr(evidence_dask, "_write_cache", lambda *a: pytest.fail("the frames came to the client"))
    read_bytes, on_client = Path.read_bytes, []

    def recorded(path):
        if (path.parent == seeds and path.name != "catalog.csv"
                and threading.current_thread() is threading.main_thread()):
            on_client.append(path.name)
        return read_bytes(path)

    with monkeypatch.context() as m:
        m.setattr(Path, "read_bytes", recorded)
        done = evidence_dask.build(seeds, tmp_path / "parts", jobs=2, cache_limit=0)
    assert not on_client, "the client read the articles: the workers read their own"
    assert done["cache"] is None and done["partitions"] == 2
    assert not corpus.cache_dir(seeds).exists()
    back = distributed.read_tables(tmp_path / "parts", ("documents", "quotes"))
    s_corpus = corpus.build(seeds)
    evidence.build(s_corpus).quotes.to_parquet(tmp_path / "serial.parquet", index=False)
    assert back["documents"]["doc_id"].tolist() == s_corpus.documents["doc_id"].tolist()
    pd.testing.assert_frame_equal(back["quotes"], pd.read_parquet(tmp_path / "serial.parquet"), obj="quotes")


@pytest.mark.parametrize("problem", ["unreadable on the worker", "control character"])
def test_a_bad_file_read_on_a_worker_stops_with_one_line_naming_it(problem, cluster, tmp_path, monkeypatch):
    seeds = shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.setattr(corpus, "BUILD", tmp_path / "build")
    monkeypatch.setattr(mapping, "PARTITION", 2)
    bad = sorted(seeds.glob("*.txt"))[-1]
    if problem == "control character":
        bad.write_bytes(b"Kyiv said\x00 more.\n")
        expected = f"{display(bad)}: control character NUL at byte 9"
    else:   # the catalog, read on the client, lists it; the worker does not find it
        read_catalog = evidence_dask.read_catalog

        def then_gone(folder):
            out = read_catalog(folder)
            bad.unlink()
            return out

        monkeypatch.setattr(evidence_dask, "read_catalog", then_gone)
        expected = f"{display(bad)}: cannot be read on a Dask worker (No such file or directory)"
    with pytest.raises(CorpusError) as e:
        evidence_dask.build(seeds, tmp_path / "parts", jobs=2, cache_limit=0)
    assert str(e.value).startswith(expected) and "\n" not in str(e.value)
    assert not (tmp_path / "parts").exists()
