"""Evidence tables: who said what, which numbers, which dates, each with its raw span.

``extract(view)`` is a pure per-document function that runs every extractor;
``load(corpus_dir)`` builds (or reads from the corpus cache) four tables:

mentions  actors named in the text (see ``actors.mentions``)
quotes    quotations and quoted terms with speaker, cue and relay chain (``quotes.quotes``),
          plus ``group`` / ``group_docs`` / ``group_stories``: the same quotation across
          documents, and in how many documents and how many stories (copies of one
          story, ``copy_group``, count once) it appears (``quotes.quote_groups``)
numbers   quantities with bounds, measure, period, hedge, claimant (``numbers.numbers``)
timex     time expressions resolved to date ranges (``timex.timex``)
skipped   numbers set aside as no quantity (dates, clock times, ages, ...: ``skipped.skipped``)
attributions  the attribution frames (``attribution.frames``: cue, source as the text names it,
          actor, relay, rule, carried), one row per cue, ``frame`` its order in the document;
          its raw span is the cue's. Statements (notebook 03) read these instead of finding
          the frames of every document again.

Every table has the extractor's columns plus ``copy_group`` (the document's group of
near-duplicate copies, ``corpus`` documents table: count a claim carried by several
copies of one story once by it) and ``start``/``end``: raw-file character
offsets of the row's span, so ``textmap.read_raw(file)[start:end]`` is its source
(markup such as ``*...*`` included); ``sent_id`` joins to the corpus sentences, and
columns ending in ``_start``/``_end`` that were clean offsets get raw twins
(e.g. ``speaker_start`` -> ``speaker_raw_start``). In ``timex`` the resolved
range is ``date_start``/``date_end`` (ISO dates).
"""
from __future__ import annotations

import functools
import operator
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.corpus import docview
from analysis.corpus import tables as corpus_mod
from analysis.corpus.mapping import imap_documents, scheduler
from analysis.extract import actors, attribution
from analysis.extract import numbers as numbers_mod
from analysis.extract import quotes as quotes_mod
from analysis.extract import skipped as skipped_mod
from analysis.extract import timex as timex_mod

TABLES = ("mentions", "quotes", "numbers", "timex", "skipped", "attributions")


def attributions(view) -> list[dict]:
    """The attribution frames of ``view`` as rows: the frame's keys, ``frame`` (its order) and
    the cue's span as the row's span."""
    # keys a frame sets only sometimes are None where it does not, in memory as on disk
    return [{**dict.fromkeys(attribution.OPTIONAL_KEYS), **f, "frame": i, "clean_start": f["cue_start"],
             "clean_end": f["cue_end"], "text": view.text[f["cue_start"]:f["cue_end"]]}
            for i, f in enumerate(attribution.frames(view))]


EXTRACTORS = {
    "mentions": actors.mentions,
    "quotes": quotes_mod.quotes,
    "numbers": numbers_mod.numbers,
    "timex": timex_mod.timex,
    "skipped": skipped_mod.skipped,
    "attributions": attributions,
}


class Evidence(NamedTuple):
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    numbers: pd.DataFrame
    timex: pd.DataFrame
    skipped: pd.DataFrame | None = None
    attributions: pd.DataFrame | None = None


@functools.lru_cache(maxsize=256)
def _span_keys(keys: tuple) -> tuple:
    """(start key, end key, raw start key, raw end key) of each clean span a row with ``keys`` may have."""
    return tuple((k, f"{k[:-6]}_end", f"{k[:-6]}_raw_start", f"{k[:-6]}_raw_end")
                 for k in keys if k.endswith("_start") and k != "clean_start")


def _with_raw_spans(view: docview.DocView, rows: list[dict]) -> list[dict]:
    out = []
    n = len(view.text)
    for r in rows:
        r = dict(r)
        if "start" in r:    # timex: the resolved date range, renamed so start/end stay raw offsets
            r["date_start"], r["date_end"] = r.pop("start"), r.pop("end")
        r["start"], r["end"] = view.to_raw(r["clean_start"], r["clean_end"])
        for key, end, raw_start, raw_end in _span_keys(tuple(r)):
            s, e = r.get(key), r.get(end)
            if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= n:
                r[raw_start], r[raw_end] = view.to_raw(s, e)
        out.append(r)
    return out


def extract(view: docview.DocView) -> dict[str, list[dict]]:
    """All evidence rows of one document. Pure: depends only on the view."""
    return {name: _with_raw_spans(view, fn(view)) for name, fn in EXTRACTORS.items()}


def _columns(name: str) -> list[str]:
    """The columns of an evidence table, so that an empty one still has them."""
    base = {
        "mentions": ["doc_id", "sent_id", "clean_start", "clean_end", "actor_id", "text", "side", "kind",
                     "unit", "rule"],
        "quotes": ["doc_id", "sent_id", "clean_start", "clean_end", "text", "kind", "partial", "depth",
                   "speaker", "speaker_name", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
                   "via", "resolved", "note", "group", "group_docs",
                   "group_stories"],
        "numbers": list(numbers_mod.COLUMNS),
        "timex": [{"start": "date_start", "end": "date_end"}.get(c, c) for c in timex_mod.COLUMNS],
        "skipped": list(skipped_mod.COLUMNS),
        "attributions": ["doc_id", "sent_id", "para_id", "cue", "cue_start", "cue_end", "source_text", "source_start",
                         "source_end", "actor_id", "source_kind", "cue_kind", "side", "relay", "rule", "carried",
                         "carried_from", "relative", "relative_subject", "quoted_start", "quoted_end", "frame",
                         "clean_start", "clean_end", "text"],
    }[name]
    twins = [f"{c[:-6]}_raw_{e}" for c in base if c.endswith("_start") and c not in ("clean_start", "date_start")
             for e in ("start", "end")]
    return ["doc_id", "sent_id", "start", "end"] + [c for c in base if c not in ("doc_id", "sent_id")] + twins


class Columns:
    """Rows kept as one list per key: what ``pd.DataFrame(rows)`` makes of a list of dicts
    (keys in the order they first appear, a row without a key holding NaN), without a dict
    per row. A large corpus's evidence as dicts was most of the build's memory."""

    def __init__(self):
        self.columns: dict[str, list] = {}
        self.n = 0

    def extend(self, rows: list[dict]) -> None:
        columns = self.columns
        keys = columns.keys()
        if len(columns) > 1 and all(row.keys() == keys for row in rows):
            # rows with just the columns' keys (most): one tuple per row, then column by column
            for column, values in zip(columns.values(), zip(*map(operator.itemgetter(*keys), rows))):
                column.extend(values)
            self.n += len(rows)
            return
        for row in rows:
            for key in row:
                if key not in columns:
                    columns[key] = [np.nan] * self.n
            for key, column in columns.items():
                column.append(row.get(key, np.nan))
            self.n += 1

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns)


def _frame(rows, name: str) -> pd.DataFrame:
    """The table ``name`` of ``rows`` (a list of dicts, or ``Columns``)."""
    frame = rows.frame() if isinstance(rows, Columns) else pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=_columns(name))
    lead = ["doc_id", "sent_id", "start", "end"]
    cols = lead + [c for c in frame.columns if c not in lead]
    return frame[cols].sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)


def build(corpus, jobs: int = 1, progress: bool = False) -> Evidence:
    # Each document's rows go into columns as its result comes; the quotations stay rows,
    # for the one step that looks across documents.
    tables = {t: [] if t == "quotes" else Columns() for t in TABLES}
    for result in imap_documents(extract, docview.from_corpus(corpus), jobs, "evidence" if progress else None):
        for t in TABLES:
            tables[t].extend(result[t])
    # The same quotation carried by several documents.
    groups = corpus.documents.set_index("doc_id")["copy_group"]
    if scheduler() == "dask":    # the same groups, found by shuffles on the cluster
        from analysis.extract import quotes_dask

        tables["quotes"] = quotes_dask.quote_groups(tables["quotes"], stories=groups.to_dict(), jobs=jobs)
    else:
        tables["quotes"] = quotes_mod.quote_groups(tables["quotes"], stories=groups.to_dict())
    frames = {}
    for t in TABLES:
        frames[t] = _frame(tables.pop(t), t)
        frames[t]["copy_group"] = frames[t]["doc_id"].map(groups).astype("str")
    return Evidence(**frames)


def load(corpus_dir="seeds", jobs: int = 1, progress: bool = False) -> Evidence:
    """The evidence tables, cached beside the corpus tables for this corpus state (the corpus
    tables are read only when the evidence must be built: a notebook has read them already)."""
    target = corpus_mod.cache_dir(corpus_dir)
    paths = {t: target / f"evidence_{t}.parquet" for t in TABLES}
    if all(p.is_file() for p in paths.values()):
        return Evidence(**{t: pd.read_parquet(p) for t, p in paths.items()})
    c = corpus_mod.load(corpus_dir, jobs=jobs, progress=progress)
    ev = build(c, jobs=jobs, progress=progress)
    target.mkdir(parents=True, exist_ok=True)
    for t, p in paths.items():
        write_atomic(p, lambda tmp, t=t: getattr(ev, t).to_parquet(tmp, index=False))
    return ev


def write_atomic(path, write) -> None:
    """``write(tmp)`` to a temporary file of its own beside ``path``, then rename it into
    place: two writers never share a temporary file, and a crash leaves no half file
    (the temporary files of ``path`` a killed run left are removed)."""
    import os
    import secrets
    from pathlib import Path

    from analysis.corpus import runfiles

    path = Path(path)
    runfiles.remove_stale(path.parent.glob(f".{path.name}.tmp-*"))
    runfiles.remove_stale(path.parent.glob(f".{path.name}.*.tmp"))   # named before they carried a pid
    # named before it exists, so an interrupt right after the file is made still removes it
    tmp = str(path.parent / f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(6)}")
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)    # mkstemp's 0600 would hide a published page
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def quotes(corpus_dir="seeds", speaker: str | None = None) -> pd.DataFrame:
    """Quotations (optionally of one speaker id), with the sentence, outlet and date."""
    q = with_context(load(corpus_dir).quotes, corpus_dir)
    return q if speaker is None else q[q["speaker"] == speaker].reset_index(drop=True)


def numbers(corpus_dir="seeds", measure: str | None = None) -> pd.DataFrame:
    """Numeric claims (optionally of one measure id), with the sentence, outlet and date."""
    n = with_context(load(corpus_dir).numbers, corpus_dir)
    return n if measure is None else n[n["measure"] == measure].reset_index(drop=True)


def timex(corpus_dir="seeds") -> pd.DataFrame:
    """Time expressions with their resolved ranges, the sentence, outlet and date."""
    return with_context(load(corpus_dir).timex, corpus_dir)


def mentions(corpus_dir="seeds") -> pd.DataFrame:
    return with_context(load(corpus_dir).mentions, corpus_dir)


def with_context(table: pd.DataFrame, corpus="seeds") -> pd.DataFrame:
    """Add outlet, published, date_basis and the sentence text (``sentence``) to evidence rows;
    ``corpus`` is a loaded corpus (``tables.load``) or its folder."""
    c = corpus if hasattr(corpus, "sentences") else corpus_mod.load(corpus)
    docs = c.documents[["doc_id", "outlet", "published", "date_basis", "file"]]
    sents = c.sentences[["sent_id", "text", "start", "end"]].rename(
        columns={"text": "sentence", "start": "sentence_start", "end": "sentence_end"})
    return table.merge(docs, on="doc_id", how="left").merge(sents, on="sent_id", how="left")


def once(rows: pd.DataFrame, key=None) -> pd.DataFrame:
    """Evidence rows to cite one by one, a claim carried by several copies of one story
    once: ``copies.merge(rows, key)`` (default key: a number's measure, kind, bounds and
    period), so the original's row stays with the other copies in ``copies``."""
    from analysis.corpus import copies as copies_mod

    return copies_mod.merge(rows, copies_mod.NUMBER_KEY if key is None else key)


def cite(row, corpus_dir="seeds", marker: tuple[str, str] = ("[", "]"), raw: str | None = None) -> str:
    """A row of ``with_context`` as a citation: outlet, date, doc, span and the raw
    sentence with the span marked, e.g.
    'Popular Resistance, 30 Nov 2024 (date inferred), 004:1013-1019: “... [24,000] in 2023.”'
    A row standing for several copies of one story (``copies``, see ``once``) ends with
    them: '... (also in 104, 117)'. ``raw``: the document's raw text, when the caller has
    read it already (else it is read from ``corpus_dir``).
    """
    from analysis.kit.wording import day

    if raw is None:
        from analysis.corpus.paths import resolve
        from analysis.corpus.textmap import read_raw

        raw = read_raw(resolve(corpus_dir) / row["file"])
    s0, s1 = int(row["sentence_start"]), int(row["sentence_end"])
    start, end = max(int(row["start"]), s0), min(int(row["end"]), s1)
    marked = raw[s0:start] + marker[0] + raw[start:end] + marker[1] + raw[end:s1]
    inferred = " (date inferred)" if row["date_basis"] == "inferred" else ""
    also = also_in(row.get("copies"))
    return (f"{row['outlet']}, {day(row['published'])}{inferred}, {cite_id(row['doc_id'], row['start'], row['end'])}: "
            f"“{' '.join(marked.split())}”" + (f" ({also})" if also else ""))


def cite_id(doc_id, start, end) -> str:
    """The stable citation id of a span, '004:888-898' (document, raw start-end), written
    the same way in notebooks, CSV files and the site; '' when the row has no span."""
    if any(v is None or (not isinstance(v, str) and pd.isna(v)) for v in (doc_id, start, end)):
        return ""
    return f"{doc_id}:{int(start)}-{int(end)}"


def also_in(copies) -> str:
    """The ``copies`` of a row (other documents of its story carrying the same claim,
    "104; 117", see ``copies.merge``) as a reader sees them: 'also in 104, 117'; '' for none."""
    if not isinstance(copies, str):
        return ""
    docs = [d.strip() for d in copies.split(";") if d.strip()]
    return f"also in {', '.join(docs)}" if docs else ""


def sentence_of(spans: pd.DataFrame, corpus) -> pd.DataFrame:
    """The corpus sentence of each span: ``spans`` (columns doc_id and raw start) with
    ``sentence_start``/``sentence_end`` added, in its own order and index: the sentence of
    the same document with the greatest start at or before the span's start (missing when
    the document has none). One ``merge_asof`` over the whole table; the notebooks' and
    the site's citations both find their sentences here."""
    sents = corpus.sentences[["doc_id", "start", "end"]].rename(
        columns={"start": "sentence_start", "end": "sentence_end"})
    sents = sents.astype({"doc_id": str, "sentence_start": "int64", "sentence_end": "int64"})
    keys = pd.DataFrame({"doc_id": spans["doc_id"].astype(str).to_numpy(),
                         "start": spans["start"].astype("int64").to_numpy(), "_order": range(len(spans))})
    located = pd.merge_asof(keys.sort_values("start", kind="stable"), sents.sort_values("sentence_start", kind="stable"),
                            left_on="start", right_on="sentence_start", by="doc_id").sort_values("_order")
    return spans.assign(sentence_start=located["sentence_start"].to_numpy(),
                        sentence_end=located["sentence_end"].to_numpy())


def raw_texts(corpus, doc_ids) -> dict[str, str]:
    """The raw text of each of ``doc_ids`` (read once per document)."""
    from analysis.corpus.textmap import read_raw

    files = corpus.documents.assign(doc_id=corpus.documents["doc_id"].astype(str)).set_index("doc_id")["file"]
    return {d: read_raw(corpus.corpus_dir / files[d]) for d in dict.fromkeys(doc_ids) if d in files.index}


def citations(table: pd.DataFrame, corpus="seeds") -> list[str]:
    """One ``cite`` line per row of any table with doc_id and raw start/end: the row's
    sentence is the corpus sentence holding its start (``sentence_of``). Rows without a
    span are skipped; each document's raw file is read once.
    ``corpus`` is a loaded corpus (``tables.load``) or its folder."""
    rows = table[table["doc_id"].notna() & table["start"].notna() & table["end"].notna()]
    if rows.empty:
        return []
    c = corpus if hasattr(corpus, "sentences") else corpus_mod.load(corpus)
    docs = c.documents[["doc_id", "outlet", "published", "date_basis", "file"]]
    keep = [k for k in ("copies",) if k in rows.columns]
    spans = rows[["doc_id", "start", "end", *keep]].astype({"start": "int64", "end": "int64"})
    spans = sentence_of(spans.assign(doc_id=spans["doc_id"].astype(str)), c)
    located = spans[spans["sentence_start"].notna()].merge(docs, on="doc_id", how="left")
    raws = raw_texts(c, located["doc_id"])
    return [cite(r, c.corpus_dir, raw=raws.get(r["doc_id"])) for r in located.to_dict("records")]
