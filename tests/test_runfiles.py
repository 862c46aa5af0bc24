"""Run-unique names for staging and temporary folders, and the clean-up of a dead run's:
a kernel that outlived a SIGKILLed make keeps its own staging folder (a rerun never
shares or removes it), and what dead runs left in reports/ and build/cache is removed
the next time those are written."""
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from analysis import evidence
from analysis.corpus import runfiles
from analysis.corpus import tables as corpus_mod
from analysis.publish import reports


@pytest.fixture
def pids():
    """A pid whose process has ended and one whose process is alive."""
    done = subprocess.Popen(["true"])
    done.wait()
    live = subprocess.Popen(["sleep", "60"])
    yield done.pid, live.pid
    live.kill()
    live.wait()


def test_staging_folders_are_unique_per_run(tmp_path):
    first = reports.stage(tmp_path, "nb")
    (first / "a.csv").write_text("x\n")
    second = reports.stage(tmp_path, "nb")       # the notebook run again in the same kernel
    assert first != second and str(os.getpid()) in second.name
    assert not first.exists()                    # this run's earlier staging folder, not another's
    (second / "b.csv").write_text("y\n")
    final = reports.publish(tmp_path, "nb")
    assert sorted(p.name for p in final.iterdir()) == ["b.csv"]
    assert not (tmp_path / ".staging").exists() and not list(tmp_path.glob(".old-*"))


def test_publish_removes_what_dead_runs_left_and_keeps_a_live_runs(tmp_path, pids):
    dead, live = pids
    staging = tmp_path / ".staging"
    for name in (f"nb-{dead}-deadbeef", f"other-{dead}-0badf00d", f"nb-{live}-cafebabe"):
        (staging / name).mkdir(parents=True)
        (staging / name / "left.csv").write_text("stale\n")
    (tmp_path / f".old-nb-{dead}-00000000").mkdir()
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "old.csv").write_text("published before\n")
    out = reports.stage(tmp_path, "nb")
    (out / "new.csv").write_text("this run\n")
    final = reports.publish(tmp_path, "nb")
    assert [p.name for p in final.iterdir()] == ["new.csv"]
    assert [p.name for p in staging.iterdir()] == [f"nb-{live}-cafebabe"]
    assert (staging / f"nb-{live}-cafebabe" / "left.csv").read_text() == "stale\n"
    assert not list(tmp_path.glob(".old-*"))


def test_publish_without_stage_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing staged to publish for nb"):
        reports.publish(tmp_path, "nb")


def test_writing_the_corpus_cache_removes_dead_runs_temporary_folders(tmp_path, pids):
    dead, live = pids
    cache = tmp_path / "cache"
    stale, alive = cache / f".tmp-{dead}-abcd_123", cache / f".tmp-{live}-efgh_456"
    for d in (stale, alive):
        d.mkdir(parents=True)
        (d / "documents.parquet").write_bytes(b"half")
    unowned = cache / ".tmp-q1w2e3r4"           # named before names carried a pid
    unowned.mkdir()
    os.utime(unowned, (0, 0))
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype=object)})
    c = corpus_mod.Corpus(*[empty] * len(corpus_mod.TABLES), corpus_dir=tmp_path)
    corpus_mod.save(c, cache / "corpus-0123")
    assert sorted(p.name for p in cache.iterdir()) == sorted(["corpus-0123", alive.name])
    assert {p.name for p in (cache / "corpus-0123").iterdir()} == {f"{t}.parquet" for t in corpus_mod.TABLES}


def test_an_atomic_write_removes_a_dead_runs_temporary_file(tmp_path, pids):
    dead, live = pids
    stale, alive = tmp_path / f".index.html.tmp-{dead}-abc", tmp_path / f".index.html.tmp-{live}-def"
    other = tmp_path / f".page.html.tmp-{dead}-abc"      # another file's: left to its own writer
    for p in (stale, alive, other):
        p.write_text("half")
    evidence.write_atomic(tmp_path / "index.html", lambda tmp: Path(tmp).write_text("done"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["index.html", alive.name, other.name])
    assert (tmp_path / "index.html").read_text() == "done"


def test_stale_needs_a_dead_pid_or_an_old_unowned_name(tmp_path, pids):
    dead, live = pids
    assert runfiles.stale(tmp_path / f"x-{dead}-ab")
    assert not runfiles.stale(tmp_path / f"x-{live}-ab")
    assert not runfiles.stale(tmp_path / f"x-{os.getpid()}-ab")
    fresh = tmp_path / ".tmp-unowned"
    fresh.mkdir()
    assert not runfiles.stale(fresh)
    os.utime(fresh, (0, 0))
    assert runfiles.stale(fresh)


def test_a_killed_run_not_yet_reaped_is_gone(tmp_path):
    """A SIGKILLed build whose parent died too is a zombie until init reaps it: its
    temporary cache folder is stale (test_interrupted's rerun found one left behind)."""
    import time

    child = subprocess.Popen(["sleep", "30"])
    child.kill()
    try:
        deadline = time.monotonic() + 5
        stat = Path(f"/proc/{child.pid}/stat")
        while not stat.read_text().rsplit(")", 1)[1].startswith(" Z") and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not runfiles.alive(child.pid)
        leftover = tmp_path / f".tmp-{child.pid}-abcdef"
        leftover.mkdir()
        assert runfiles.remove_stale([leftover]) == [leftover] and not leftover.exists()
    finally:
        child.wait()
    live = subprocess.Popen(["sleep", "30"])
    try:
        assert runfiles.alive(live.pid)
    finally:
        live.kill()
        live.wait()
