"""Interrupted and concurrent `make reports` in a clone of HEAD (reusing this venv, as
test_reproducible does): SIGKILL or SIGINT during the corpus build, a notebook or the
site build, then `make reports` again, ends with no byte changed in git (the committed
reports are an uninterrupted run) and leaves no temporary or staging file behind; two
`make reports` at once in one checkout: one waits for the other with one line saying so,
and nothing is corrupted.

The tests share one clone and run in file order; each makes sure the clone is built first.
"""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.corpus.paths import ROOT

pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or not shutil.which("make") or not shutil.which("flock"),
    reason="needs a git checkout, make and flock")

VENV = Path(sys.prefix)
WAIT_LINE = "another make reports is running in this checkout"


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    path = tmp_path_factory.mktemp("interrupted") / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(path)], check=True)
    yield path
    _wait_for_orphans(path)


def _env(clone: Path) -> dict:
    # UWC_CLONE marks every process started for this clone, so strays can be found by pid.
    return {**os.environ, "PYTHONPATH": str(clone), "UWC_CLONE": str(clone)}


def _make(clone: Path, *args) -> list[str]:
    return ["make", "--no-print-directory", *args, f"VENV={VENV}", "SETUP="]


def run_make(clone: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(_make(clone, "reports", *args), cwd=clone, env=_env(clone),
                          capture_output=True, text=True)


def _ours(clone: Path) -> list[int]:
    mark = f"UWC_CLONE={clone}".encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                if mark in (proc / "environ").read_bytes().split(b"\0"):
                    pids.append(int(proc.name))
            except OSError:
                pass
    return pids


def _wait_for_orphans(clone: Path, timeout: float = 30) -> None:
    """A kernel runs in a session of its own, so a signal to make's group misses it; it
    exits once its parent is gone. Wait for that, and end any straggler by its pid."""
    end = time.monotonic() + timeout
    while _ours(clone) and time.monotonic() < end:
        time.sleep(0.2)
    for pid in _ours(clone):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def interrupt(clone: Path, sig: int, when) -> str:
    """Start `make reports`, send ``sig`` to its whole process group as soon as ``when()``
    is true, and return what make printed."""
    p = subprocess.Popen(_make(clone, "reports"), cwd=clone, env=_env(clone), start_new_session=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    end = time.monotonic() + 240
    while not when() and p.poll() is None and time.monotonic() < end:
        time.sleep(0.005)
    assert p.poll() is None, "make finished before it could be interrupted:\n" + p.stdout.read()[-2000:]
    os.killpg(p.pid, sig)
    out, _ = p.communicate(timeout=120)
    assert p.returncode != 0
    _wait_for_orphans(clone)
    return out


def running(clone: Path, command: str):
    """True once a process of this clone runs ``command`` (e.g. 'analysis site')."""
    def check():
        for pid in _ours(clone):
            try:
                if command in (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode():
                    return True
            except OSError:
                pass
        return False
    return check


def assert_as_committed(clone: Path) -> None:
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=clone,
                            capture_output=True, text=True)
    assert status.stdout == "", "tracked files differ from an uninterrupted run:\n" + status.stdout
    leftovers = [p.name for p in (clone / "reports").iterdir() if p.name.startswith((".staging", ".old-"))]
    assert not leftovers
    question = subprocess.run(_make(clone, "--question", "reports"), cwd=clone, env=_env(clone))
    assert question.returncode == 0, "make reports still has work to do"


def rerun(clone: Path) -> None:
    again = run_make(clone)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert_as_committed(clone)


def built(clone: Path) -> None:
    result = run_make(clone)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_sigint_then_sigkill_while_the_corpus_cache_is_written(clone):
    """Both signals on the first build (so neither needs a full rerun of its own): SIGINT
    cleans up on the way out; SIGKILL leaves temporary files that the next write removes."""
    cache = clone / "build" / "cache"

    def temporary():
        return [p for p in cache.rglob("*") if p.name.startswith(".")] if cache.is_dir() else []

    out = interrupt(clone, signal.SIGINT, lambda: bool(temporary()))
    assert "analysis build" in out
    assert not (clone / "build" / "stamps" / "corpus.done").exists()
    assert temporary() == []

    out = interrupt(clone, signal.SIGKILL, lambda: bool(temporary()))
    assert "analysis build" in out
    assert not (clone / "build" / "stamps" / "corpus.done").exists()
    rerun(clone)
    assert temporary() == []
    complete = [d for d in cache.iterdir() if not d.name.startswith(".")]
    assert len(complete) == 1
    assert {p.name for p in complete[0].iterdir()} >= {"documents.parquet", "texts.parquet",
                                                      "evidence_quotes.parquet", "evidence_timex.parquet"}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_notebook(clone, sig):
    built(clone)
    stamp = next((clone / "build" / "stamps").rglob("03_*.done"))
    stamp.unlink()
    start = time.monotonic()
    interrupt(clone, sig, lambda: running(clone, "analysis run notebooks/03")() and time.monotonic() - start > 4)
    assert not stamp.exists()
    rerun(clone)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_site_build(clone, sig):
    built(clone)
    os.utime(next((clone / "build" / "stamps").rglob("07_*.done")))
    seen = {}

    def in_site():
        if running(clone, "analysis site")():
            seen.setdefault("t", time.monotonic())
        return "t" in seen and time.monotonic() - seen["t"] > 2
    interrupt(clone, sig, in_site)
    question = subprocess.run(_make(clone, "--question", "reports"), cwd=clone, env=_env(clone))
    assert question.returncode != 0, "an interrupted site build was taken as finished"
    rerun(clone)


def test_two_make_reports_at_once(clone):
    built(clone)
    os.utime(next((clone / "build" / "stamps").rglob("07_*.done")))
    runs = [subprocess.Popen(_make(clone, "reports"), cwd=clone, env=_env(clone), text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)]
    outs = [p.communicate(timeout=600)[0] for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outs
    assert sum(WAIT_LINE in out for out in outs) == 1, outs
    assert sum("analysis site" in out for out in outs) == 1, outs
    waiting = next(out for out in outs if WAIT_LINE in out)
    assert [ln for ln in waiting.splitlines() if WAIT_LINE in ln] == [
        "make reports: another make reports is running in this checkout (lock build/.reports.lock); "
        "waiting for it to finish"]
    assert_as_committed(clone)
