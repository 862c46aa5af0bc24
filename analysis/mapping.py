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
