"""The same per-document build over a Dask LocalCluster of 2 workers gives the serial tables."""
import shutil

import pandas as pd
import pytest

from analysis import evidence
from analysis.corpus import mapping
from analysis.corpus import tables as corpus
from analysis.corpus.paths import ROOT, SEEDS


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The seeds and the development part of tests/gold/corpus (never its test part): 63
    documents, so that with a partition of 20 the work spans several partitions."""
    gold = ROOT / "tests" / "gold" / "corpus"
    dev = set(pd.read_csv(gold / "split.csv", dtype=str).query("split == 'dev'")["doc_id"])
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    folder.mkdir()
    catalog = pd.concat([pd.read_csv(SEEDS / "catalog.csv", dtype=str, keep_default_na=False),
                         pd.read_csv(gold / "catalog.csv", dtype=str, keep_default_na=False).query("doc_id in @dev")])
    for row in catalog.itertuples():
        shutil.copyfile((gold if row.doc_id in dev else SEEDS) / row.file, folder / row.file)
    catalog.to_csv(folder / "catalog.csv", index=False)
    return folder


def test_dask_build_gives_the_serial_tables(corpus_dir, monkeypatch):
    serial_corpus = corpus.build(corpus_dir)
    serial = evidence.build(serial_corpus)
    monkeypatch.setattr(mapping, "PARTITION", 20)
    mapping.use_scheduler("dask")
    try:
        dask_corpus = corpus.build(corpus_dir, jobs=2)
        assert len(mapping._SCHEDULER["client"].scheduler_info()["workers"]) == 2
        dask_ev = evidence.build(dask_corpus, jobs=2)
    finally:
        mapping.use_scheduler("processes")
    assert mapping._SCHEDULER["client"] is None
    for t in corpus.TABLES:
        pd.testing.assert_frame_equal(getattr(dask_corpus, t), getattr(serial_corpus, t), obj=t)
    for t in evidence.TABLES:
        pd.testing.assert_frame_equal(getattr(dask_ev, t), getattr(serial, t), obj=t)
    assert len(serial.numbers) and len(serial.quotes)


def test_an_unknown_scheduler_is_refused():
    with pytest.raises(ValueError, match="unknown scheduler 'spark'"):
        mapping.use_scheduler("spark")
