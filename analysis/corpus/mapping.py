"""Mapping a pure per-document function over a corpus: in this process, in ``jobs``
processes, or over a Dask cluster (``use_scheduler("dask")``). Every way gives the same
list in the same order, since the function depends only on its document."""
from __future__ import annotations

import atexit
import sys
from concurrent.futures import ProcessPoolExecutor

# Documents per Dask partition: a few hundred, so a task is worth shipping.
PARTITION = 200
_SCHEDULER = {"name": "processes", "address": None, "client": None}


def use_scheduler(name: str, address: str | None = None) -> None:
    """``"processes"`` (the default) or ``"dask"``: a LocalCluster of ``jobs`` workers, or the
    cluster at ``address`` (tcp://host:8786) whose workers have this package installed."""
    if name not in ("processes", "dask"):
        raise ValueError(f"unknown scheduler {name!r}: processes or dask")
    _close()
    _SCHEDULER.update(name=name, address=address, client=None)


def _client(jobs: int):
    if _SCHEDULER["client"] is None:
        from distributed import Client, LocalCluster

        if _SCHEDULER["address"]:
            client = Client(_SCHEDULER["address"])
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
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
    bar, done = _bar(progress, len(items)), 0
    try:
        for future in as_completed(futures):
            size = len(future.result())
            done += size
            if bar is not None:
                bar.update(size)
            elif progress and len(items) >= 50:
                print(f"{progress}: {done}/{len(items)} documents", file=sys.stderr, flush=True)
    finally:
        if bar is not None:
            bar.close()
    return [r for f in futures for r in f.result()]


def map_documents(fn, items: list, jobs: int = 1, progress: str | None = None) -> list:
    """``[fn(item) for item in items]``, in ``jobs`` processes when jobs > 1 (or over the Dask
    cluster ``use_scheduler`` chose); with a ``progress`` label, a tqdm bar on a terminal or a
    line on stderr every tenth of the way, for corpora of 50+."""
    n = len(items)
    if _SCHEDULER["name"] == "dask" and n > 1:
        return _map_dask(fn, items, jobs, progress)
    if jobs > 1 and n > 1:
        pool = ProcessPoolExecutor(jobs)
        results_iter = pool.map(fn, items, chunksize=max(1, n // (jobs * 8)))
    else:
        pool, results_iter = None, map(fn, items)
    results = []
    bar = _bar(progress, n)
    try:
        for i, r in enumerate(results_iter, 1):
            results.append(r)
            if bar is not None:
                bar.update()
            elif progress and n >= 50 and (i == n or i % max(1, n // 10) == 0):
                print(f"{progress}: {i}/{n} documents", file=sys.stderr, flush=True)
    finally:
        if bar is not None:
            bar.close()
        if pool is not None:
            pool.shutdown()
    return results


def _bar(progress: str | None, n: int):
    """A tqdm bar on a terminal; None in a log (which gets a line every tenth instead)."""
    if not progress or n < 50 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=n, desc=progress, unit="doc", file=sys.stderr, leave=False)
