"""Numbers set aside as no quantity, one row per span: the evidence table ``skipped``.

The numbers table leaves out numeric dates, clock times, reading times, footnote marks,
ages, page counters and names of groups and units (``numbers.not_quantities``,
data/number_words.toml [not_quantities]); this table keeps them, so that a notebook can
say what was left out from the cached evidence instead of rebuilding every document's
view (``numbers.skipped`` counts the same spans of one view).
"""
from __future__ import annotations

from analysis.extract import numbers

COLUMNS = ("doc_id", "sent_id", "clean_start", "clean_end", "kind", "text")


def skipped(view) -> list[dict]:
    """The number-bearing spans of ``view`` that are no quantity, in the sentences the numbers
    table reads (not the sections it skips): doc_id, sent_id, clean_start, clean_end, kind, text."""
    skip = set(numbers.words()["sections"]["skip"])
    rows = []
    for sent in view.sentences:
        if sent.kind in skip:
            continue
        t = view.text[sent.start:sent.end]
        rows += [{"doc_id": view.doc_id, "sent_id": sent.sent_id, "clean_start": sent.start + s,
                  "clean_end": sent.start + e, "kind": kind, "text": t[s:e]} for s, e, kind in numbers.not_quantities(t)]
    return rows


def counts(table):
    """The skipped spans of an evidence ``skipped`` table summed by kind: columns kind, spans,
    sorted by kind (what ``numbers.skipped_table`` gives for the same documents' views)."""
    import pandas as pd

    total: dict[str, int] = {}
    for kind in table["kind"]:
        total[kind] = total.get(kind, 0) + 1
    return pd.DataFrame(sorted(total.items()), columns=["kind", "spans"])
