"""Corpus tables, built from the catalog and raw files and cached per corpus state.

``load(corpus_dir)`` returns a ``Corpus`` of DataFrames. Offsets ``start``/``end``
are raw-file character offsets (see ``textmap``): ``read_raw(path)[start:end]`` is
the source of a row. ``clean_start``/``clean_end`` index the clean text of
``texts``. Every table is sorted by doc_id and position.

documents   doc_id, file, outlet, author, title, published (Timestamp), date_basis,
            url, notes (catalog) + sha256 (of the raw bytes), raw_chars,
            clean_chars, words (all sections), body_words (body and editor's
            notes), paragraphs, sentences, copy_of (the earliest document this
            one is a near-duplicate of, else empty), copy_group (that earliest
            doc_id; a document's own when it has no copies): see ``copies``
sections    doc_id, section_id, kind (header, summary, caption, editor_note, body,
            footer), start, end, clean_start, clean_end, words, text
paragraphs  doc_id, para_id, section_id, kind, role (title, byline, dateline,
            bullet, text), start, end, clean_start, clean_end, words, text
sentences   doc_id, sent_id, para_id, kind, start, end, clean_start, clean_end,
            words, text
cleaning    doc_id, action (separators_normalised, invisible_removed,
            newlines_normalised, labelled_<kind>,
            bullet_marker_removed, lines_joined, markdown_link,
            markdown_emphasis, paragraph_rejoined), start, end, detail, raw
            (the raw text of the span, newlines shown as ⏎)
texts       doc_id, clean_text, raw_index (raw offset of each clean character)
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.corpus import runfiles
from analysis.corpus.catalog import read_catalog
from analysis.corpus.cleaning import clean_document
from analysis.corpus.copies import copy_columns
from analysis.corpus.mapping import imap_documents, scheduler
from analysis.corpus.paths import BUILD, DATA, PACKAGE, display, resolve
from analysis.corpus.segment import split_sentences
from analysis.corpus.textmap import decode

# The layers the corpus tables and the evidence cache are made by.
BELOW_QUESTIONS = ("kit", "corpus", "extract")
TABLES = ("documents", "sections", "paragraphs", "sentences", "cleaning", "texts")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
BODY_KINDS = ("body", "editor_note")
# Documents whose rows are held as dicts at once: each batch becomes frames (joined at the
# end), so the build never holds every row of a large corpus as Python dicts.
BATCH = 500


class Corpus(NamedTuple):
    """The corpus tables (see the module doc for their columns) and where they came from."""

    documents: pd.DataFrame
    sections: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    cleaning: pd.DataFrame
    texts: pd.DataFrame
    corpus_dir: Path


# the corpus tables' columns, in order (the Dask build writes the same)
ORDER = {
    "sections": ["doc_id", "section_id", "kind", "start", "end", "clean_start", "clean_end", "words", "text"],
    "paragraphs": ["doc_id", "para_id", "section_id", "kind", "role", "start", "end",
                   "clean_start", "clean_end", "words", "text"],
    "sentences": ["doc_id", "sent_id", "para_id", "kind", "start", "end", "clean_start",
                  "clean_end", "words", "text"],
    "cleaning": ["doc_id", "action", "start", "end", "detail", "raw"],
}


def words(text: str) -> int:
    return len(_WORD.findall(text))


def process_document(meta: dict, data: bytes, where: str) -> dict:
    """All table rows for one document. Pure: depends only on its arguments."""
    doc_id = meta["doc_id"]
    raw = decode(data, where)
    doc = clean_document(doc_id, raw)
    clean = doc.text
    rows = {t: [] for t in TABLES}
    section_id, last_kind, n_sec = None, None, 0
    n_sent = 0
    for n_par, (kind, role, cs, ce) in enumerate(doc.paragraphs, 1):
        if kind != last_kind:
            n_sec += 1
            section_id = f"{doc_id}:sec{n_sec:02d}"
            rows["sections"].append({"doc_id": doc_id, "section_id": section_id, "kind": kind,
                                     "clean_start": cs, "clean_end": ce})
            last_kind = kind
        rows["sections"][-1]["clean_end"] = ce
        para_id = f"{doc_id}:p{n_par:03d}"
        rows["paragraphs"].append({"doc_id": doc_id, "para_id": para_id, "section_id": section_id,
                                   "kind": kind, "role": role, "clean_start": cs, "clean_end": ce})
        for ss, se in split_sentences(clean.text[cs:ce]):
            n_sent += 1
            rows["sentences"].append({"doc_id": doc_id, "sent_id": f"{doc_id}:{n_sent:04d}",
                                      "para_id": para_id, "kind": kind,
                                      "clean_start": cs + ss, "clean_end": cs + se})
    for table in ("sections", "paragraphs", "sentences"):
        for r in rows[table]:
            r["start"], r["end"] = clean.raw_span(r["clean_start"], r["clean_end"])
            r["text"] = clean.text[r["clean_start"]:r["clean_end"]]
            r["words"] = words(r["text"])
    for entry in doc.log:
        rows["cleaning"].append({"doc_id": doc_id, **entry,
                                 "raw": raw[entry["start"]:entry["end"]].replace("\n", "⏎")})
    # An array, not a list of Python ints: ~9x smaller, and quick to send from a worker.
    rows["texts"].append({"doc_id": doc_id, "clean_text": clean.text,
                          "raw_index": np.asarray(clean.index, dtype=np.int32 if len(raw) < 2 ** 31 else np.int64)})
    rows["documents"].append({
        **{k: meta[k] for k in ("doc_id", "file", "outlet", "author", "title", "published",
                                "date_basis", "url", "notes")},
        "sha256": hashlib.sha256(data).hexdigest(),
        "raw_chars": len(raw),
        "clean_chars": len(clean.text),
        "words": sum(p["words"] for p in rows["paragraphs"]),
        "body_words": sum(p["words"] for p in rows["paragraphs"] if p["kind"] in BODY_KINDS),
        "paragraphs": len(rows["paragraphs"]),
        "sentences": n_sent,
    })
    return rows


def _process(args):
    return process_document(*args)


def published(dates: pd.Series) -> pd.Series:
    """Catalog dates as one dtype wherever the table comes from: Parquet has no seconds unit, so
    ``datetime64[s]`` came back from the cache as ``[ms]`` and a fresh build and a cached one differed."""
    return pd.to_datetime(dates).astype("datetime64[ns]")


def build(corpus_dir, jobs: int = 1, progress: bool = False) -> Corpus:
    """Read, clean and segment every catalogued document (in ``jobs`` processes)."""
    corpus_dir = resolve(corpus_dir)
    catalog = read_catalog(corpus_dir)
    work = [(row, (corpus_dir / row["file"]).read_bytes(), display(corpus_dir / row["file"]))
            for row in catalog.to_dict("records")]
    frames = _frames(imap_documents(_process, work, jobs, "corpus" if progress else None))
    del work
    docs = frames["documents"]
    docs["published"] = published(docs["published"])
    for col in ("author", "title", "url", "notes"):
        docs[col] = docs[col].fillna("")
    body = frames["sections"][frames["sections"]["kind"].isin(BODY_KINDS)]
    bodies = body.groupby("doc_id")["text"].agg("\n".join).to_dict()
    release_memory()
    if scheduler() == "dask":    # the same columns, found by shuffles on the cluster
        from analysis.corpus import distributed

        copies = distributed.copy_columns(docs, bodies, jobs)
    else:
        copies = copy_columns(docs, bodies)
    del bodies
    docs["copy_of"], docs["copy_group"] = copies["copy_of"].to_numpy(), copies["copy_group"].to_numpy()
    for t, cols in ORDER.items():
        frames[t] = frames[t].reindex(columns=cols)
    return Corpus(**frames, corpus_dir=corpus_dir)


def release_memory() -> None:
    """Give the memory Arrow's allocator keeps for reuse (pandas' strings are Arrow arrays) back
    to the system, so that the next step's Python objects can have it: between batches, and
    before a cross-document step, it was a fifth of the build's peak."""
    pa.default_memory_pool().release_unused()


def _frames(results, batch: int | None = None) -> dict[str, pd.DataFrame]:
    """The tables of the per-document ``results``, as one ``pd.DataFrame(rows)`` of all of them
    would be. The catalog's documents table is made at once (its empty catalog cells would
    type a batch's column by themselves); the others have the same keys and types in every row."""
    batch = batch or BATCH
    parts: dict = {t: [] for t in TABLES}
    documents, pending = [], []

    def flush():
        for t in TABLES:
            rows = [row for r in pending for row in r[t]]
            if t == "documents":
                documents.extend(rows)
            elif rows:
                parts[t].append(pd.DataFrame(rows))
        pending.clear()
        release_memory()

    for r in results:
        pending.append(r)
        if len(pending) >= batch:
            flush()
    flush()
    frames = {t: (pd.concat(p, ignore_index=True) if len(p) > 1 else p[0]) if p else pd.DataFrame([])
              for t, p in parts.items() if t != "documents"}
    return {"documents": pd.DataFrame(documents), **frames}


def state_key(corpus_dir) -> str:
    """Hash of everything the tables and the evidence depend on: catalog, raw files, the code of
    the layers below the questions, and the data."""
    corpus_dir = resolve(corpus_dir)
    h = hashlib.sha256()
    code = [f for layer in BELOW_QUESTIONS for f in sorted((PACKAGE / layer).rglob("*.py"))]
    files = sorted(corpus_dir.glob("*")) + code + [PACKAGE / "evidence.py"] + sorted(DATA.glob("*"))
    for f in files:
        if f.is_file():
            name = str(f.relative_to(PACKAGE)) if f.is_relative_to(PACKAGE) else f.name
            h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def cache_dir(corpus_dir) -> Path:
    return BUILD / "cache" / f"corpus-{state_key(corpus_dir)}"


def load(corpus_dir="seeds", jobs: int = 1, progress: bool = False) -> Corpus:
    """The corpus tables, from the cache when the corpus and code are unchanged."""
    corpus_dir = resolve(corpus_dir)
    target = cache_dir(corpus_dir)
    if all((target / f"{t}.parquet").is_file() for t in TABLES):
        frames = {t: pd.read_parquet(target / f"{t}.parquet") for t in TABLES}
        return Corpus(**frames, corpus_dir=corpus_dir)
    corpus = build(corpus_dir, jobs=jobs, progress=progress)
    save(corpus, target)
    return corpus


def save(corpus: Corpus, target: Path) -> None:
    """Write the tables to ``target`` atomically: a crash leaves no half-written cache.
    Temporary folders a killed run left beside it are removed (not a live run's)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    runfiles.remove_stale(target.parent.glob(".tmp-*"))
    # named before it exists, so an interrupt right after the folder is made still removes it
    tmp = target.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    try:
        tmp.mkdir()
        for t in TABLES:
            getattr(corpus, t).to_parquet(tmp / f"{t}.parquet", index=False)
        try:
            os.rename(tmp, target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
