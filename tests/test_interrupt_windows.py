"""An interrupt that lands right after a cache write made its temporary folder or file (before
any line that could remove it ran) leaves nothing behind: the temporary is named before it is
made, inside the block whose ``finally`` removes it. (tests/test_interrupted.py hit this window
once with a real SIGINT on a loaded machine.)"""
import os
import pathlib

import pandas as pd
import pytest

from analysis import evidence
from analysis.corpus import tables as corpus_tables


def test_an_interrupt_right_after_the_cache_folder_is_made_leaves_no_folder(tmp_path, seeds_corpus, monkeypatch):
    real = pathlib.Path.mkdir

    def mkdir_then_interrupt(self, *args, **kwargs):
        real(self, *args, **kwargs)
        if self.name.startswith(".tmp-"):
            raise KeyboardInterrupt
    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        corpus_tables.save(seeds_corpus, tmp_path / "cache" / "corpus-x")
    assert [p.name for p in (tmp_path / "cache").iterdir()] == []


def test_an_interrupt_right_after_the_temporary_file_is_made_leaves_no_file(tmp_path, monkeypatch):
    real = os.open

    def open_then_interrupt(path, *args, **kwargs):
        os.close(real(path, *args, **kwargs))
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        evidence.write_atomic(tmp_path / "evidence_x.parquet", lambda tmp: pd.DataFrame({"a": [1]}).to_parquet(tmp))
    assert list(tmp_path.iterdir()) == []


def test_the_writes_still_write(tmp_path, seeds_corpus):
    corpus_tables.save(seeds_corpus, tmp_path / "corpus-y")
    assert {p.name for p in (tmp_path / "corpus-y").iterdir()} >= {"documents.parquet", "texts.parquet"}
    evidence.write_atomic(tmp_path / "t.parquet", lambda tmp: pd.DataFrame({"a": [1]}).to_parquet(tmp))
    assert pd.read_parquet(tmp_path / "t.parquet")["a"].tolist() == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus-y", "t.parquet"]
