"""``quotes.quote_groups`` over a Dask cluster: the cross-document grouping as shuffles.

1. rows shuffled on (kind, normalised words): one class per wording (its first row stands for it);
2. the classes' words shuffled on the word: each word's posting list of classes, and its length;
3. those shuffled on the class: each class's rarest words, the ones the serial index probes;
4. shuffled on the word again: a bucket's candidates (a probed word against its posting list,
   at most ``quotes.CANDIDATES``), on the probing class (its first CANDIDATES, rarest word first),
   then on the pair, where the serial tests (kind, nesting, shared words, ``same_quotation``)
   run against both classes.
The pairs proposed and the tests made are the serial ones, so the groups are the same; only the
classes' joined pairs and each row's class come back to the client, which numbers the groups.
"""
from __future__ import annotations

import math

import pandas as pd

from analysis.corpus import distributed as dist
from analysis.extract import quotes as quotes_mod

_ROW = {"row": "int64", "doc_id": object, "kind": object, "text": object, "clean_start": "int64",
        "clean_end": "int64"}
_NORMED = {**_ROW, "norm": object}
_CLASS = {"cls": "int64", "kind": object, "norm": object, "rep": object, "only_doc": object, "spans": object}
_MEMBER = {"row": "int64", "cls": "int64", "doc_id": object}
_WORD = {"cls": "int64", "w": object, "ntok": "int64"}
_DF = {"cls": "int64", "w": object, "df": "int64"}
_PROBE = {"cls": "int64", "w": object, "probe": bool, "rank": "int64"}
_PROBED = {"p": "int64", "q": "int64", "rank": "int64"}
_PAIR = {"i": "int64", "j": "int64", "fwd": bool}


def _empty(columns):
    return dist._empty(columns)


def _normed(part: pd.DataFrame) -> pd.DataFrame:
    return part.assign(norm=[quotes_mod._norm(t) for t in part["text"]]).astype({"norm": object})


def _classes(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on kind and wording) one row per class: its first row, the kind, the words,
    the first row's text, its one document (None when several) and its rows' spans there."""
    out = []
    for (kind, norm), rows in part.sort_values("row").groupby(["kind", "norm"], sort=False, dropna=False):
        docs = set(rows["doc_id"])
        only = rows["doc_id"].iloc[0] if len(docs) == 1 else None
        spans = tuple(zip(rows["clean_start"], rows["clean_end"])) if only is not None else ()
        out.append((int(rows["row"].iloc[0]), kind, norm, rows["text"].iloc[0], only, spans))
    return pd.DataFrame(out, columns=list(_CLASS)).astype(_CLASS) if out else _empty(_CLASS)


def _members(part: pd.DataFrame) -> pd.DataFrame:
    extra = {c: object for c in part.columns if c not in _NORMED}
    if part.empty:
        return _empty({**_MEMBER, **extra})
    first = part.groupby(["kind", "norm"], sort=False, dropna=False)["row"].transform("min")
    return pd.DataFrame({"row": part["row"], "cls": first, "doc_id": part["doc_id"], **{c: part[c] for c in extra}}).astype(
        {**_MEMBER, **extra})


def _words(part: pd.DataFrame) -> pd.DataFrame:
    out = [(c, w, 0) for c, norm in zip(part["cls"], part["norm"]) for w in set(norm.split())]
    return pd.DataFrame(out, columns=list(_WORD)).astype(_WORD) if out else _empty(_WORD)


def _df(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the word) how many classes hold each word."""
    if part.empty:
        return _empty(_DF)
    return pd.DataFrame({"cls": part["cls"], "w": part["w"],
                         "df": part.groupby("w")["cls"].transform("size")}).astype(_DF)


def _probes(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the class) which words a class probes: its len - ceil(0.6 len) + 1 rarest,
    and each one's place in that order (the serial loop visits their buckets in it)."""
    out = []
    for c, rows in part.groupby("cls", sort=False):
        rare = sorted(zip(rows["df"], rows["w"]))
        keep = len(rare) - math.ceil(0.6 * len(rare)) + 1
        probed = {w: k for k, (_, w) in enumerate(rare[:keep])}
        out += [(c, w, w in probed, probed.get(w, -1)) for w in rows["w"]]
    return pd.DataFrame(out, columns=list(_PROBE)).astype(_PROBE) if out else _empty(_PROBE)


def _probed(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the word) a bucket's candidates: each class p probing the word with the
    first CANDIDATES other classes q holding it (ascending, as the serial index lists them)."""
    holders: dict = {}
    for c, w, probe, rank in zip(part["cls"].tolist(), part["w"].tolist(), part["probe"].tolist(),
                                 part["rank"].tolist()):
        holders.setdefault(w, []).append((c, probe, rank))
    out = []
    for rows in holders.values():
        rows.sort()
        for p, probe, rank in rows:
            if probe:
                qs = [q for q, _, _ in rows[:quotes_mod.CANDIDATES + 1] if q != p][:quotes_mod.CANDIDATES]
                out += [(p, q, rank) for q in qs]
    return pd.DataFrame(out, columns=list(_PROBED)).astype(_PROBED) if out else _empty(_PROBED)


def _pairs(part: pd.DataFrame) -> pd.DataFrame:
    """(shuffled on the probing class) its candidates as the serial loop takes them, rarest
    word's bucket first, at most CANDIDATES; as (i, j) with i < j and ``fwd`` True when i is the
    one that probes."""
    out = []
    for p, rows in part.groupby("p", sort=False):
        found: dict = {}
        for _, q in sorted(zip(rows["rank"].tolist(), rows["q"].tolist())):
            found.setdefault(q, None)
            if len(found) >= quotes_mod.CANDIDATES:
                break
        out += [(min(p, q), max(p, q), p < q) for q in found]
    return pd.DataFrame(out, columns=list(_PAIR)).astype(_PAIR) if out else _empty(_PAIR)


def _link(kind_i, kind_j, only_i, only_j, spans_i, spans_j, norm_i, norm_j) -> bool:
    """Whether the serial loop would compare two classes' wordings at all."""
    return quotes_mod.comparable(kind_i, kind_j, set(norm_i.split()), set(norm_j.split()),
                                 only_i, only_j, spans_i, spans_j)


def _joined(part: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """(a pair per row and direction, both classes beside it) the pairs the serial loop would
    join: compared in the direction a class's probe found the other, the reverse tried only
    when that fails (all rows of a pair are in one partition: the last shuffle was on j), and
    not at all when the part's pairs joined so far already connect them."""
    cols = ["i", "j", "fwd", "kind_i", "kind_j", "only_doc_i", "only_doc_j", "spans_i", "spans_j",
            "norm_i", "norm_j", "rep_i", "rep_j"]
    pairs: dict = {}
    for i, j, fwd, *rest in zip(*(part[c].tolist() for c in cols)):
        pairs.setdefault((i, j), [set(), rest])[0].add(fwd)
    out, joined = [], {}

    def find(c):
        while joined.get(c, c) != c:
            c = joined[c]
        return c

    for (i, j), (dirs, (ki, kj, oi, oj, si, sj, ni, nj, ri, rj)) in sorted(pairs.items()):
        # a pair already joined through others here changes no group (as in the serial loop)
        if find(i) == find(j) or not _link(ki, kj, oi, oj, si, sj, ni, nj):
            continue
        if (True in dirs and quotes_mod.same_quotation(ri, rj, threshold)) or \
                (False in dirs and quotes_mod.same_quotation(rj, ri, threshold)):
            out.append((i, j, True))
            joined[find(j)] = find(i)
    return pd.DataFrame(out, columns=list(_PAIR)).astype(_PAIR) if out else _empty(_PAIR)


def links_of(table, threshold: float = 0.9):
    """(each row's class, the classes, the joined pairs of classes) as dask DataFrames, from a
    dask DataFrame of rows (``_ROW`` columns, ``row`` numbering them in the serial order; any
    further columns, e.g. a story, are carried into the first)."""
    extra = {c: object for c in table.columns if c not in _ROW}
    normed = table.map_partitions(_normed, meta=_empty({**_ROW, **extra, "norm": object}))
    members = dist.by_key(normed, ["kind", "norm"], _members, _empty({**_MEMBER, **extra}))
    classes = dist.by_key(normed, ["kind", "norm"], _classes, _empty(_CLASS))
    words = classes.map_partitions(_words, meta=_empty(_WORD))
    df = dist.by_key(words, "w", _df, _empty(_DF))
    probes = dist.by_key(df, "cls", _probes, _empty(_PROBE))
    probed = dist.by_key(probes, "w", _probed, _empty(_PROBED))
    pairs = dist.by_key(probed, "p", _pairs, _empty(_PAIR)).drop_duplicates(shuffle_method="tasks")
    side = classes[["cls", "kind", "norm", "rep", "only_doc", "spans"]]
    both = pairs.merge(side.rename(columns={c: f"{c}_i" for c in _CLASS if c != "cls"} | {"cls": "i"}),
                       on="i", shuffle_method="tasks")
    both = both.merge(side.rename(columns={c: f"{c}_j" for c in _CLASS if c != "cls"} | {"cls": "j"}),
                      on="j", shuffle_method="tasks")
    return members, classes, both.map_partitions(_joined, threshold, meta=_empty(_PAIR))


def class_links(rows: list[dict], threshold: float = 0.9, jobs: int = 1):
    """(each row's class, the joined pairs of classes), computed on the cluster."""
    dist.cluster(jobs)
    table = pd.DataFrame({"row": range(len(rows)),
                          **{c: [r[c] for r in rows] for c in ("doc_id", "kind", "text", "clean_start", "clean_end")}})
    table = table.astype(_ROW)
    with dist.settings():
        members, _, joined = links_of(dist.frame(table), threshold)
        import dask

        of, links = dask.compute(members, joined)
    cls = of.set_index("row")["cls"].reindex(range(len(rows))).tolist()
    return cls, sorted(zip(links["i"], links["j"]))


def quote_groups(rows: list[dict], threshold: float = 0.9, stories: dict | None = None,
                 jobs: int = 1) -> list[dict]:
    """``quotes.quote_groups(rows, threshold, stories)``, its pairs found and tested on the cluster."""
    if not rows:
        return []
    cls, links = class_links(rows, threshold, jobs)
    sets = quotes_mod.DisjointSets(len(rows))
    for i, c in enumerate(cls):
        sets.union(c, i)
    for i, j in links:
        sets.union(i, j)
    find = sets.find
    ids, docs, told = {}, {}, {}
    for i, r in enumerate(rows):
        ids.setdefault(find(i), f"q{len(ids) + 1:04d}")
        docs.setdefault(find(i), set()).add(r["doc_id"])
        told.setdefault(find(i), set()).add(quotes_mod._story(r, stories))
    return [{**r, "group": ids[find(i)], "group_docs": len(docs[find(i)]),
             "group_stories": len(told[find(i)])} for i, r in enumerate(rows)]
