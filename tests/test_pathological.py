"""Texts built to find super-linear steps in the per-document pipeline: before the fixes
each of these ran past a minute (the nested one at 5,000 characters) and a 1 MB article
past ten; now each runs in seconds, and the limit here is generous so only a return of
quadratic work fails it."""
import signal

import pytest

from analysis import evidence
from analysis.corpus import docview

LIMIT_S = 60


def texts():
    yield "no sentence punctuation", ("the troops said that kyiv forces advanced near bakhmut and 12 480 people " * 600)[:40_000]
    yield "10000 nested quotation marks", "He said " + "“" * 5_000 + "x" + "”" * 5_000 + "."
    yield "unclosed quotation marks", "Zelensky said “we will win. " * 1_500
    yield "one very long paragraph", ("Ukraine's General Staff said 1,200 Russian soldiers were killed on Monday, "
                                      "and Peskov said talks had stalled; ") * 360
    yield "emphasis everywhere", "Peskov said *talks* had *stalled* since March. " * 800


@pytest.mark.parametrize("name,raw", list(texts()), ids=[n for n, _ in texts()])
def test_pathological_text_runs_in_seconds(name, raw):
    def too_slow(*_):
        raise TimeoutError(f"{name}: over {LIMIT_S} s")
    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(LIMIT_S)
    try:
        view = docview.from_text(raw)
        out = evidence.extract(view)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert max(s.end - s.start for s in view.sentences) <= 2_000
    for rows in out.values():
        assert all(0 <= r["clean_start"] <= r["clean_end"] <= len(view.text) for r in rows)
