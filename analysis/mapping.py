"""Mapping a pure per-document function over a corpus, in processes when asked."""
from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor


def map_documents(fn, items: list, jobs: int = 1, progress: str | None = None) -> list:
    """``[fn(item) for item in items]``, in ``jobs`` processes when jobs > 1; with a
    ``progress`` label, a line on stderr every tenth of the way for corpora of 50+."""
    n = len(items)
    if jobs > 1 and n > 1:
        pool = ProcessPoolExecutor(jobs)
        results_iter = pool.map(fn, items, chunksize=max(1, n // (jobs * 8)))
    else:
        pool, results_iter = None, map(fn, items)
    results = []
    try:
        for i, r in enumerate(results_iter, 1):
            results.append(r)
            if progress and n >= 50 and (i == n or i % max(1, n // 10) == 0):
                print(f"{progress}: {i}/{n} documents", file=sys.stderr, flush=True)
    finally:
        if pool is not None:
            pool.shutdown()
    return results
