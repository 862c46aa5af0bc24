"""``python -m analysis build --scheduler dask``: the corpus and evidence build with each
document's rows kept on the Dask workers.

The client reads only the catalog and sends each partition of ``mapping.PARTITION`` documents
(doc_id order, as the serial build takes them) its catalog rows and file paths; each worker reads
its partition's files itself (the corpus folder at the same path on every worker: a shared file
system, as the Parquet folder already is). The client reads the files only to name the cache
folder (``tables.cache_dir`` hashes them): when it writes the cache, or ``parquet`` is not given. On the workers, each partition becomes its
corpus frames (``tables.process_document``) and, once the copy columns are known, its evidence
frames (``evidence.extract``); both stay there (persisted) until each worker writes its own
partition as ``DIR/<table>/part-NNNNN.parquet`` (pyarrow, one schema per table: the partitions'
schemas unified on the client). What moves between client and cluster is only what the
cross-document steps need:

- copy detection: the workers' bodies go into the shuffles of ``distributed.pairs_of``; the
  client gets the confirmed pairs and the (doc_id, published) columns, names the groups
  (``copies.groups_from_pairs``) and sends each partition its slice of the copy columns;
- quotation grouping: the workers' (row, doc_id, kind, text, span, story) columns go into the
  shuffles of ``quotes_dask.links_of``; the client gets the class ids and the joined pairs of
  classes, numbers the groups (in the order of their first row, as ``quotes.quote_groups``) and
  the cluster counts each group's documents and stories and sends each row its group, aligned
  with the row's partition (a row is numbered partition << 32 + its place there).

The client also writes the cache the notebooks read (``tables.load``/``evidence.load`` find it
as if the serial build had made it) when the corpus fits: when the frames' in-memory size, as the
workers measure it, is at most ``cache_limit`` bytes (default: a quarter of this machine's
memory). Then, and only then, the frames come back to the client. Every table equals the serial
build's (tests/test_dask_resident.py).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import evidence
from analysis.corpus import copies as copies_mod
from analysis.corpus import distributed, docview, mapping
from analysis.corpus import tables as corpus_mod
from analysis.corpus.catalog import read_catalog
from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import display, resolve
from analysis.extract import quotes as quotes_mod
from analysis.extract import quotes_dask

SHIFT = 32
GROUP_COLUMNS = ("group", "group_docs", "group_stories")
_QROW = {**quotes_dask._ROW, "story": object}
_BODY = {"doc_id": object, "body": object}


def default_cache_limit() -> int:
    import psutil

    return psutil.virtual_memory().total // 4


# ------------------------------------------------------------------ on the workers

def _read(path: str, where: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise CorpusError(f"{where}: cannot be read on a Dask worker ({e.strerror}); the workers need "
                          f"the corpus folder at the same path (a shared file system)") from None


def _corpus_part(work: list) -> dict:
    """A partition's corpus frames, as ``tables.build`` makes them (copy columns still to come),
    from its (catalog row, file path, path as displayed) items: the files are read here."""
    frames = corpus_mod._frames(corpus_mod.process_document(row, _read(path, where), where)
                                for row, path, where in work)
    docs = frames["documents"]
    docs["published"] = corpus_mod.published(docs["published"])
    for col in ("author", "title", "url", "notes"):
        docs[col] = docs[col].fillna("")
    for t, cols in corpus_mod.ORDER.items():
        frames[t] = frames[t].reindex(columns=cols)
    return frames


def _bodies(part: dict) -> pd.DataFrame:
    s = part["sections"]
    body = s[s["kind"].isin(corpus_mod.BODY_KINDS)].groupby("doc_id")["text"].agg("\n".join)
    ids = part["documents"]["doc_id"].astype(object)
    return pd.DataFrame({"doc_id": ids, "body": [body.get(d, "") for d in ids]}).astype(_BODY)


def _dated(part: dict) -> pd.DataFrame:
    return part["documents"][["doc_id", "published"]]


def _evidence_part(k: int, part: dict, copy: pd.DataFrame) -> dict:
    """The partition's corpus frames with their copy columns, its evidence frames (quotes
    without their groups, but with the row numbers and stories grouping needs) and each
    table's keys in the order they first appear (the serial frames' column order)."""
    docs = part["documents"].copy()     # the persisted partition stays as it was
    part = {**part, "documents": docs}
    docs["copy_of"], docs["copy_group"] = copy["copy_of"].to_numpy(), copy["copy_group"].to_numpy()
    c = corpus_mod.Corpus(**part, corpus_dir=None)
    tables = {t: [] if t == "quotes" else evidence.Columns() for t in evidence.TABLES}
    for view in docview.from_corpus(c):
        result = evidence.extract(view)
        for t in evidence.TABLES:
            tables[t].extend(result[t])
    groups = docs.set_index("doc_id")["copy_group"]
    stories = groups.to_dict()
    rows = tables["quotes"]
    keys = {"quotes": list(dict.fromkeys(key for r in rows for key in r)),
            "first_quote": list(rows[0]) if rows else None}
    frames = {}
    for t in evidence.TABLES:
        if t == "quotes":
            f = pd.DataFrame(rows)
            if rows:
                f["_row"] = [(k << SHIFT) + i for i in range(len(rows))]
                f["_story"] = [quotes_mod._story(r, stories) for r in rows]
        else:
            f = tables[t].frame()
            keys[t] = list(f.columns)
        if len(f):
            f = f.sort_values(["doc_id", "start", "end"], kind="stable").reset_index(drop=True)
        frames[t] = f
    return {"corpus": part, "evidence": frames, "keys": keys, "groups": groups}


def _quote_rows(ev: dict) -> pd.DataFrame:
    f = ev["evidence"]["quotes"]
    if f.empty:
        return distributed._empty(_QROW)
    out = f[["_row", "doc_id", "kind", "text", "clean_start", "clean_end", "_story"]]
    return out.rename(columns={"_row": "row", "_story": "story"}).astype(_QROW)


def _keys(ev: dict) -> dict:
    return ev["keys"]


def _finish(ev: dict, info: pd.DataFrame | None, columns: dict) -> dict:
    """The partition's tables in their final columns: quotes with their groups."""
    out = dict(ev["corpus"])
    for t in evidence.TABLES:
        f = ev["evidence"][t]
        if f.empty:
            f = pd.DataFrame(columns=columns[t])
        else:
            if t == "quotes":
                got = info.reindex(f["_row"].to_numpy())
                f["group"] = [f"q{g + 1:04d}" for g in got["group"].to_numpy()]
                f["group_docs"] = got["group_docs"].to_numpy()
                f["group_stories"] = got["group_stories"].to_numpy()
            f = f.reindex(columns=columns[t])
        f["copy_group"] = f["doc_id"].map(ev["groups"]).astype("str")
        out[f"evidence_{t}"] = f
    return out


def _size(part: dict) -> int:
    return int(sum(f.memory_usage(deep=True).sum() for f in part.values()))


def _schemas(part: dict) -> dict:
    import pyarrow as pa

    out = {}
    for t, f in part.items():
        schema = pa.Schema.from_pandas(f, preserve_index=False)
        # a column with no value here has no type of its own: the other partitions give it one
        missing = {c for c in f.columns if len(f) and f[c].isna().all()}
        out[t] = (schema, missing, len(f))
    return out


def _table(frame: pd.DataFrame, schema):
    """``frame`` as an Arrow table of ``schema`` (a column this partition has no value in
    takes the type the others gave it)."""
    import pyarrow as pa

    arrays = []
    for field in schema:
        col = frame[field.name]
        if not len(col) or col.isna().all():
            arrays.append(pa.nulls(len(col), field.type))
            continue
        arr = pa.Array.from_pandas(col)
        arrays.append(arr if arr.type == field.type else arr.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _write(k: int, part: dict, schemas: dict, folder: str) -> int:
    import pyarrow.parquet as pq

    for t, f in part.items():
        target = Path(folder) / t.removeprefix("evidence_")
        target.mkdir(parents=True, exist_ok=True)
        pq.write_table(_table(f.reset_index(drop=True), schemas[t]), target / distributed.PART.format(k))
    return k


# ------------------------------------------------------------------ on the client

def _unified(parts: list[dict]) -> dict:
    """Each table's schema: the partitions' unified (a partition's empty or all-missing column
    takes the others' type), the pandas metadata of the first partition with rows."""
    import pyarrow as pa

    out = {}
    for t in parts[0]:
        full = [p[t] for p in parts if p[t][2]] or [parts[0][t]]
        first = full[0][0]
        fields = []
        for name in first.names:
            types = [s.field(name).type for s, missing, _ in full
                     if name not in missing and not pa.types.is_null(s.field(name).type)]
            kind = types[0] if types else first.field(name).type
            for other in types[1:]:
                if other != kind:
                    kind = pa.unify_schemas([pa.schema([(name, kind)]), pa.schema([(name, other)])],
                                            promote_options="permissive").field(name).type
            fields.append(pa.field(name, kind))
        out[t] = pa.schema(fields, metadata=first.metadata)
    return out


def _columns(keys: list[dict]) -> dict:
    """Each evidence table's columns as the serial frame of all partitions' rows has them."""
    lead = ["doc_id", "sent_id", "start", "end"]
    out = {}
    for t in evidence.TABLES:
        if t == "quotes":
            first = next((k["first_quote"] for k in keys if k["first_quote"]), None)
            if first is None:
                out[t] = evidence._columns(t)
                continue
            order = list(dict.fromkeys([*first, *GROUP_COLUMNS, *(c for k in keys for c in k["quotes"])]))
        else:
            order = list(dict.fromkeys(c for k in keys for c in k[t]))
            if not order:
                out[t] = evidence._columns(t)
                continue
        out[t] = lead + [c for c in order if c not in lead]
    return out


def _group_info(evs: list, n_parts: int, threshold: float = 0.9):
    """Per partition, a frame indexed by row number: group (0, 1, ... in the order of the
    groups' first rows), group_docs, group_stories. None per partition when no quotations."""
    import dask
    import dask.dataframe as dd

    with distributed.settings():
        rows = dd.from_delayed([dask.delayed(_quote_rows)(e) for e in evs], meta=distributed._empty(_QROW),
                               verify_meta=False)
        members, classes, joined = quotes_dask.links_of(rows, threshold)
        cls, links = dask.compute(classes["cls"], joined)
        if not len(cls):
            return [None] * n_parts
        cls = sorted(cls.tolist())
        index = {c: i for i, c in enumerate(cls)}
        sets = quotes_mod.DisjointSets(len(cls))
        for i, j in zip(links["i"], links["j"]):
            sets.union(index[i], index[j])
        # a group's first row is its smallest class id; groups are numbered in that order
        first: dict = {}
        for c in cls:
            first.setdefault(sets.find(index[c]), c)
        number = {r: n for n, r in enumerate(sorted(first, key=first.get))}
        named = pd.DataFrame({"cls": cls, "group": [number[sets.find(index[c])] for c in cls]}).astype(
            {"cls": "int64", "group": "int64"})
        m = members.merge(dd.from_pandas(named, npartitions=max(1, len(evs) // 4)), on="cls",
                          shuffle_method="tasks")
        docs = m.groupby("group")["doc_id"].nunique().to_frame("group_docs")
        told = m.groupby("group")["story"].nunique().to_frame("group_stories")
        stats = docs.merge(told, left_index=True, right_index=True, shuffle_method="tasks")
        info = m[["row", "group"]].merge(stats, left_on="group", right_index=True, shuffle_method="tasks")
        divisions = [k << SHIFT for k in range(n_parts)] + [(n_parts << SHIFT) - 1]
        info = info.set_index("row", divisions=divisions, shuffle_method="tasks")
        return info.to_delayed()


def build(corpus_dir, parquet=None, jobs: int = 1, cache_limit: int | None = None,
          threshold: float = 0.9) -> dict:
    """Build ``corpus_dir`` on the cluster ``mapping.use_scheduler("dask", ...)`` chose: every
    corpus and evidence table as partitioned Parquet in ``parquet`` (default: in the cache),
    and the cache itself when the corpus fits (see the module doc). Returns what was done."""
    import dask

    corpus_dir = resolve(corpus_dir)
    folder = Path(parquet) if parquet else distributed.parts_dir(corpus_dir)
    cache_limit = default_cache_limit() if cache_limit is None else cache_limit
    client = mapping._client(jobs)
    catalog = read_catalog(corpus_dir)
    records = catalog.to_dict("records")
    size = mapping.PARTITION
    chunks = [records[i:i + size] for i in range(0, len(records), size)]
    if not chunks:
        raise ValueError(f"{display(corpus_dir)}: no documents")

    def work(chunk):
        return [(row, str(corpus_dir / row["file"]), display(corpus_dir / row["file"])) for row in chunk]

    parts = client.persist([dask.delayed(_corpus_part)(work(c)) for c in chunks])
    # copy detection: the bodies stay on the cluster, the pairs and the dates come back
    import dask.dataframe as dd

    with distributed.settings():
        bodies = dd.from_delayed([dask.delayed(_bodies)(p) for p in parts], meta=distributed._empty(_BODY),
                                 verify_meta=False)
        pairs = distributed.pairs_of(bodies)
    dated = pd.concat(dask.compute(*[dask.delayed(_dated)(p) for p in parts]), ignore_index=True)
    copy = copies_mod.groups_from_pairs(dated, pairs)
    slices = [copy.iloc[i:i + size].reset_index(drop=True) for i in range(0, len(copy), size)]
    evs = client.persist([dask.delayed(_evidence_part)(k, p, s) for k, (p, s) in enumerate(zip(parts, slices))])
    del parts
    infos = _group_info(evs, len(evs), threshold)
    columns = _columns(dask.compute(*[dask.delayed(_keys)(e) for e in evs]))
    done = client.persist([dask.delayed(_finish)(e, i, columns) for e, i in zip(evs, infos)])
    del evs
    schemas = _unified(dask.compute(*[dask.delayed(_schemas)(p) for p in done]))
    with distributed.staged(folder) as tmp:
        dask.compute(*[dask.delayed(_write)(k, p, schemas, str(tmp)) for k, p in enumerate(done)])
    total = sum(dask.compute(*[dask.delayed(_size)(p) for p in done]))
    cached = total <= cache_limit
    if cached:
        target = corpus_mod.cache_dir(corpus_dir)    # its name hashes every file, read here
        _write_cache(dask.compute(*done), target)
    return {"documents": len(records), "partitions": len(done), "parquet": folder, "bytes": total,
            "cache": target if cached else None}


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0]
    return pd.concat(full, ignore_index=True) if len(full) > 1 else full[0].reset_index(drop=True)


def _write_cache(parts: tuple, target: Path) -> None:
    """The cache ``tables.load`` and ``evidence.load`` read, from the partitions' frames."""
    tables = {t: _concat([p[t] for p in parts]) for t in parts[0]}
    c = corpus_mod.Corpus(**{t: tables[t] for t in corpus_mod.TABLES}, corpus_dir=None)
    corpus_mod.save(c, target)
    for t in evidence.TABLES:
        evidence.write_atomic(target / f"evidence_{t}.parquet",
                              lambda tmp, t=t: tables[f"evidence_{t}"].to_parquet(tmp, index=False))

