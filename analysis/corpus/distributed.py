"""Beyond one machine: tables as partitioned Parquet, and cross-document steps as shuffles.

``write_partitioned(frame, folder)`` writes a table as one folder of ``part-NNNNN.parquet``
files of ``mapping.PARTITION`` documents each (pyarrow, one schema for all parts);
``read_partitioned(folder)`` gives the table back (``read_dask`` as a dask DataFrame, for a
table that does not fit in memory).

``copy_columns(documents, bodies)`` is ``copies.copy_columns`` over the Dask cluster
``mapping.use_scheduler`` chose: the shingle index is a shuffle of (document, shingle) rows on the
shingle (dask.dataframe, task shuffle), each document's rarest shingles are chosen in a shuffle on
the document, and the candidate pairs it proposes are verified after a shuffle on the pair. It
proposes exactly the candidates of the serial index (the same rarity order: posting-list length,
then the posting list itself, then the shingle; the same CANDIDATES cap in the same order), so the
columns are the serial ones. Only the confirmed pairs (one per copy) come back to the client,
which joins them into groups.
"""
from __future__ import annotations

import contextlib
import math
import os
import shutil
from pathlib import Path

import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus import mapping

PART = "part-{:05d}.parquet"
# joins a posting list's doc ids: below every character of an id, so the joined strings sort
# as the tuples of ids do
_SEP = "\x00"


# ------------------------------------------------------------------ partitioned Parquet

@contextlib.contextmanager
def staged(folder: Path):
    """A temporary folder beside ``folder``, renamed into its place when the block ends without
    an error (an older ``folder`` is removed then); on an error nothing of it is left."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        yield tmp
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        if folder.exists():
            os.rename(folder, old)
        os.rename(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_partitioned(frame: pd.DataFrame, folder, docs: int | None = None, doc: str = "doc_id") -> Path:
    """``frame`` as ``folder/part-00000.parquet``, ... each holding the rows of ``docs``
    (default ``mapping.PARTITION``) consecutive documents (sorted doc ids), rows in their
    order. Written to a temporary folder beside it and renamed into place."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    docs = docs or mapping.PARTITION
    with staged(folder) as tmp:
        frame = frame.reset_index(drop=True)
        schema = pa.Schema.from_pandas(frame, preserve_index=False)
        if frame.empty:
            pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), tmp / PART.format(0))
        else:
            ids = sorted(frame[doc].astype(str).unique())
            part_of = {d: i // docs for i, d in enumerate(ids)}
            number = frame[doc].astype(str).map(part_of)
            for k, rows in frame.groupby(number, sort=True):
                table = pa.Table.from_pandas(rows.reset_index(drop=True), schema=schema, preserve_index=False)
                pq.write_table(table, tmp / PART.format(int(k)))
    return folder


def parts(folder) -> list[Path]:
    return sorted(Path(folder).glob("part-*.parquet"))


def read_partitioned(folder) -> pd.DataFrame:
    """The table ``write_partitioned`` wrote, rows in the order it had."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = parts(folder)
    if not files:
        raise FileNotFoundError(f"{folder}: no part-*.parquet files")
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pandas()


def read_dask(folder):
    """The same table as a dask DataFrame, one partition per part file."""
    import dask.dataframe as dd

    return dd.read_parquet([str(f) for f in parts(folder)])


def write_tables(tables: dict, folder) -> Path:
    """Each named table as ``folder/<name>/`` (``write_partitioned``)."""
    folder = Path(folder)
    for name, frame in tables.items():
        write_partitioned(frame, folder / name)
    return folder


def read_tables(folder, names) -> dict:
    return {name: read_partitioned(Path(folder) / name) for name in names}


def parts_dir(corpus_dir) -> Path:
    """Where ``build --scheduler dask`` puts the partitioned evidence tables: in the cache."""
    from analysis.corpus import tables

    return tables.cache_dir(corpus_dir) / "partitioned"


# ------------------------------------------------------------------ shuffles on blocking keys

def cluster(jobs: int = 1):
    """The Dask client ``mapping.use_scheduler`` chose (started on first use)."""
    return mapping._client(jobs)


def frame(rows: pd.DataFrame, doc: str = "doc_id"):
    """``rows`` as a dask DataFrame of a partition per ``mapping.PARTITION`` documents."""
    import dask.dataframe as dd

    n = max(1, math.ceil(rows[doc].nunique() / mapping.PARTITION)) if len(rows) else 1
    return dd.from_pandas(rows.reset_index(drop=True), npartitions=n, sort=False)


def by_key(ddf, on, fn, meta):
    """``fn`` over the partitions of ``ddf`` shuffled on ``on``: every row of a key in one
    partition (a task shuffle: object columns of tuples travel as they are)."""
    return ddf.shuffle(on=on, shuffle_method="tasks").map_partitions(fn, meta=meta)


def settings():
    """Dask settings for these shuffles: object columns (tuples, sets) stay objects."""
    import dask

    return dask.config.set({"dataframe.convert-string": False})


def _empty(columns: dict) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


# the shingles of each document long enough to have copies
_SH = {"doc_id": object, "sh": object, "n": "int64"}
# each holder's row with its shingle's posting list (doc ids and their sizes, ascending doc id)
_POST = {"doc_id": object, "sh": object, "n": "int64", "L": "int64"}
_PROBE = {"doc_id": object, "sh": object, "n": "int64", "L": "int64"}
_WITH = {"doc_id": object, "sh": object, "n": "int64", "L": "int64", "posting": object, "sizes": object}
_PAIR = {"a": object, "b": object}
_SETS = {"doc_id": object, "shingles": object}


def _shingle_rows(part: pd.DataFrame) -> pd.DataFrame:
    out = []
    for d, body in zip(part["doc_id"], part["body"]):
        s = copies_mod.shingles(body)
        if len(s) >= copies_mod.MIN_SHINGLES:
            out += [(d, sh, len(s)) for sh in s]
    return pd.DataFrame(out, columns=list(_SH)).astype(_SH) if out else _empty(_SH)


def _sets(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": part["doc_id"].astype(object),
                         "shingles": [frozenset(copies_mod.shingles(b)) for b in part["body"]]}).astype(_SETS)


def _lengths(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the shingle) each row with its posting list's length."""
    if part.empty:
        return _empty(_POST)
    return part.assign(L=part.groupby("sh")["doc_id"].transform("size").astype("int64"))[list(_POST)]


def _postings(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the shingle) one row per shingle: its posting list, ascending doc id, as
    one string (_SEP-joined: compared as the serial index compares its tuples) and the sizes."""
    held: dict = {}
    for sh, d, n in zip(part["sh"].tolist(), part["doc_id"].tolist(), part["n"].tolist()):
        held.setdefault(sh, []).append((d, n))
    out = []
    for sh, docs in held.items():
        docs.sort()
        out.append((sh, _SEP.join(d for d, _ in docs), tuple(n for _, n in docs)))
    cols = {"sh": object, "posting": object, "sizes": object}
    return pd.DataFrame(out, columns=list(cols)).astype(cols) if out else _empty(cols)


def _by(part: pd.DataFrame, key: str, cols) -> dict:
    """The rows of ``part`` as tuples of ``cols``, listed under their ``key`` (in row order)."""
    out: dict = {}
    for k, *rest in zip(part[key].tolist(), *(part[c].tolist() for c in cols)):
        out.setdefault(k, []).append(tuple(rest))
    return out


def _near_probes(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the document) a document's shingles that may be among its _probes(n)
    rarest: those of posting length up to the n-th rarest's (ties are settled later)."""
    out = []
    for d, rows in _by(part, "doc_id", ("sh", "n", "L")).items():
        n = rows[0][1]
        cut = sorted(L for _, _, L in rows)[copies_mod._probes(n) - 1]
        out += [(d, sh, n, L) for sh, n, L in rows if L <= cut]
    return pd.DataFrame(out, columns=list(_PROBE)).astype(_PROBE) if out else _empty(_PROBE)


def _candidates(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the document) ``copies.candidate_pairs`` for each document of the part."""
    out = []
    for a, rows in _by(part, "doc_id", ("L", "posting", "sh", "sizes", "n")).items():
        n = rows[0][4]
        rare = sorted(rows)[:copies_mod._probes(n)]
        lists: dict = {}
        for _, posting, _, sizes, _ in rare:
            lists.setdefault(posting, sizes)
        seen = {a}
        for posting, sizes in lists.items():
            for b, size in zip(posting.split(_SEP), sizes):
                if b not in seen and size >= n:
                    seen.add(b)
                    out.append((a, b) if a < b else (b, a))
                    if len(seen) > copies_mod.CANDIDATES:
                        break
            if len(seen) > copies_mod.CANDIDATES:
                break
    return pd.DataFrame(out, columns=list(_PAIR)).astype(_PAIR) if out else _empty(_PAIR)


def _confirmed(part: pd.DataFrame) -> pd.DataFrame:
    keep = [copies_mod.containment(x, y) >= copies_mod.CONTAINMENT
            for x, y in zip(part["shingles_a"], part["shingles_b"])]
    return part.loc[keep, ["a", "b"]].astype(_PAIR) if len(part) else _empty(_PAIR)


def copy_pairs(documents: pd.DataFrame, bodies: dict[str, str], jobs: int = 1) -> list[tuple[str, str]]:
    """The candidate pairs of ``copies.candidate_pairs`` that are copies, found on the cluster."""
    cluster(jobs)
    ids = [str(d) for d in documents["doc_id"]]
    if any(_SEP in d for d in ids):
        raise ValueError("a doc_id holds a NUL character")
    texts = pd.DataFrame({"doc_id": pd.Series(ids, dtype=object),
                          "body": pd.Series([bodies.get(d, "") for d in ids], dtype=object)})
    with settings():
        return pairs_of(frame(texts))


def pairs_of(docs) -> list[tuple[str, str]]:
    """``copy_pairs`` of a dask DataFrame of (doc_id, body) rows, wherever its partitions are
    (e.g. made on the workers from their own documents: nothing but the pairs comes back)."""
    with settings():
        rows = docs.map_partitions(_shingle_rows, meta=_empty(_SH))
        held = by_key(rows, "sh", _lengths, _empty(_POST))
        lists = by_key(rows, "sh", _postings, _empty({"sh": object, "posting": object, "sizes": object}))
        near = by_key(held, "doc_id", _near_probes, _empty(_PROBE))
        probes = near.merge(lists, on="sh", how="inner", shuffle_method="tasks")
        pairs = by_key(probes, "doc_id", _candidates, _empty(_PAIR)).drop_duplicates(shuffle_method="tasks")
        sets = docs.map_partitions(_sets, meta=_empty(_SETS))
        both = pairs.merge(sets.rename(columns={"doc_id": "a", "shingles": "shingles_a"}), on="a",
                           shuffle_method="tasks")
        both = both.merge(sets.rename(columns={"doc_id": "b", "shingles": "shingles_b"}), on="b",
                          shuffle_method="tasks")
        found = both.map_partitions(_confirmed, meta=_empty(_PAIR)).compute()
    return sorted(zip(found["a"], found["b"]))


def copy_columns(documents: pd.DataFrame, bodies: dict[str, str], jobs: int = 1) -> pd.DataFrame:
    """``copies.copy_columns(documents, bodies)``, its index and verification on the cluster."""
    return copies_mod.groups_from_pairs(documents, copy_pairs(documents, bodies, jobs))
