"""Mapping a pure per-document function over a corpus: in this process, in ``jobs``
processes, or over a Dask cluster (``use_scheduler("dask")``). Every way gives the same
list in the same order, since the function depends only on its document."""
from __future__ import annotations

import atexit
import itertools
import sys
from concurrent.futures import ProcessPoolExecutor

# Documents per Dask partition: a few hundred, so a task is worth shipping.
PARTITION = 200
# A LocalCluster of worker processes (False: threads of this process, quicker to start; tests)
LOCAL_PROCESSES = True
_SCHEDULER = {"name": "processes", "address": None, "client": None}


def use_scheduler(name: str, address: str | None = None) -> None:
    """``"processes"`` (the default) or ``"dask"``: a LocalCluster of ``jobs`` workers, or the
    cluster at ``address`` (tcp://host:8786) whose workers have this package installed."""
    if name not in ("processes", "dask"):
        raise ValueError(f"unknown scheduler {name!r}: processes or dask")
    _close()
    _SCHEDULER.update(name=name, address=address, client=None)


def scheduler() -> str:
    """The scheduler ``use_scheduler`` chose: ``"processes"`` or ``"dask"``."""
    return _SCHEDULER["name"]


def _client(jobs: int):
    if _SCHEDULER["client"] is None:
        from distributed import Client, LocalCluster

        if _SCHEDULER["address"]:
            client = Client(_SCHEDULER["address"])
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=LOCAL_PROCESSES,
                                   dashboard_address=None, silence_logs=50)
            client = Client(cluster)
        _SCHEDULER["client"] = client
        atexit.register(_close)
    return _SCHEDULER["client"]


def _close() -> None:
    client = _SCHEDULER.get("client")
    if client is not None:
        cluster = client.cluster
        client.close()
        if cluster is not None and not _SCHEDULER["address"]:
            cluster.close()
        _SCHEDULER["client"] = None


def _map_dask(fn, items: list, jobs: int, progress: str | None) -> list:
    """``fn`` over partitions of PARTITION documents (dask.bag), results in item order."""
    import dask.bag as db
    from distributed import as_completed

    client = _client(jobs)
    parts = db.from_sequence(items, partition_size=PARTITION).map(fn).to_delayed()
    futures = client.compute(parts)
    with Progress(progress, len(items)) as shown:
        for future in as_completed(futures):
            shown.update(len(future.result()))
    return [r for f in futures for r in f.result()]


def map_documents(fn, items: list, jobs: int = 1, progress: str | None = None) -> list:
    """``[fn(item) for item in items]``, in ``jobs`` processes when jobs > 1 (or over the Dask
    cluster ``use_scheduler`` chose); with a ``progress`` label, a tqdm bar on a terminal or a
    line on stderr every tenth of the way, for corpora of 50+."""
    return list(imap_documents(fn, items, jobs, progress))


def imap_documents(fn, items: list, jobs: int = 1, progress: str | None = None):
    """``map_documents`` one result at a time, in item order, so that a caller that folds
    the results into tables as they come never holds all of them."""
    n = len(items)
    if _SCHEDULER["name"] == "dask" and n > 1:
        yield from _map_dask(fn, items, jobs, progress)
        return
    first = ()
    if jobs > 1 and n > 1:
        # the first item here, before the workers fork: they start with what it built (the
        # compiled rules, the automata) instead of each building it again
        first = (fn(items[0]),)
        pool = ProcessPoolExecutor(jobs)
        results_iter = pool.map(fn, items[1:], chunksize=max(1, (n - 1) // (jobs * 8)))
    else:
        pool, results_iter = None, map(fn, items)
    try:
        with Progress(progress, n) as shown:
            for r in itertools.chain(first, results_iter):
                shown.update(1)
                yield r
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


class Progress:
    """How far a map over ``n`` documents has got: a tqdm bar on a terminal, else (in a log)
    a line on stderr each time another tenth is done; nothing without a label or under 50."""

    def __init__(self, label: str | None, n: int):
        self.label, self.n, self.done, self.bar = label, n, 0, None
        self.shown = bool(label) and n >= 50
        if self.shown and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=n, desc=label, unit="doc", file=sys.stderr, leave=False)

    def update(self, k: int) -> None:
        before, self.done = self.done, self.done + k
        if self.bar is not None:
            self.bar.update(k)
        elif self.shown and (self.done == self.n or self.done // max(1, self.n // 10) > before // max(1, self.n // 10)):
            print(f"{self.label}: {self.done}/{self.n} documents", file=sys.stderr, flush=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
