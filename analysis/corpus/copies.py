"""Near-duplicate documents: the same (wire) story in several outlets.

Each document's body (body and editor's-note sections of the clean text) becomes a set
of word 5-shingles, and the verdict is on those exact sets:

    two documents are copies when the shorter body has at least MIN_SHINGLES shingles
    and at least CONTAINMENT of them occur in the other body

Containment rather than Jaccard because a trimmed copy, or one with a paragraph
added, shares nearly all of the shorter text but much less of the union. Copies join
into groups (through any chain of pairs); a group's earliest document (publication
date, then doc_id; undated last) is the original: ``copy_of`` of every other member
names it, and ``copy_group`` of every document is its group's original (its own doc_id
when it has no copies).

Candidates come from an inverted index of shingles, never from all pairs (prefix
filtering): if CONTAINMENT of the shorter body A is in B, then B holds one of any
len(A) - ceil(CONTAINMENT * len(A)) + 1 shingles of A, so A is compared only with the
documents (at least as long) holding A's rarest shingles of that many, rarest first, and
with at most CANDIDATES of them. Exact while those are no more than CANDIDATES documents;
beyond that (a story syndicated to hundreds of outlets) A is compared with the first
CANDIDATES of them, which still joins the copies of a syndicated story through its first
ones, and keeps the cost per document bounded: linear in the corpus. (A MinHash LSH at the low Jaccard
that containment needs proposed 17% of all pairs on the synthetic benchmark corpus.)
"""
from __future__ import annotations

import math
import re

import pandas as pd

SHINGLE = 5
MIN_SHINGLES = 20
CONTAINMENT = 0.8
CANDIDATES = 40
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def containment(a: set, b: set) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def _probes(n: int) -> int:
    """How many of a body's n shingles one of which any body holding CONTAINMENT of it has."""
    need = math.ceil(CONTAINMENT * n)
    while need > 0 and (need - 1) / n >= CONTAINMENT:    # float-safe: the verdict's own test
        need -= 1
    while need / n < CONTAINMENT:
        need += 1
    return n - need + 1


def candidate_pairs(sets: dict[str, set]):
    """(a, b) pairs, a < b, to verify: each long-enough document against at most CANDIDATES
    documents at least as long that hold one of its rarest shingles (see the module doc).
    A pair may come twice."""
    ids = [d for d in sorted(sets) if len(sets[d]) >= MIN_SHINGLES]
    index: dict = {}
    for d in ids:
        for sh in sets[d]:
            index.setdefault(sh, []).append(d)
    # shingles of one paragraph share one posting list: visit each list once per document
    lists: dict = {}
    first = {sh: lists.setdefault(tuple(docs), len(lists)) for sh, docs in index.items()}
    # numbered in an order of their own, not the sets' (string hashes differ between runs)
    postings = sorted(lists)
    rank = {lists[p]: r for r, p in enumerate(postings)}
    key_of = {sh: rank[k] for sh, k in first.items()}
    size = {d: len(sets[d]) for d in ids}
    # any _probes(n) of A's shingles would do: the rarest, a paragraph's together; every
    # shingle's place in that order found once, not again for each document holding it
    place = {sh: i for i, sh in enumerate(sorted(index, key=lambda sh: (len(index[sh]), key_of[sh], sh)))}
    for a in ids:
        n = size[a]
        rare = sorted(sets[a], key=place.__getitem__)[:_probes(n)]
        seen = {a}
        for k in dict.fromkeys(key_of[sh] for sh in rare):
            for b in postings[k]:
                if b not in seen and size[b] >= n:
                    seen.add(b)
                    yield (a, b) if a < b else (b, a)
                    if len(seen) > CANDIDATES:
                        break
            if len(seen) > CANDIDATES:
                break


def copy_pairs(sets: dict[str, set]) -> list[tuple[str, str, float]]:
    """Confirmed (doc_a, doc_b, containment) pairs, doc_a < doc_b, sorted."""
    out = []
    for a, b in sorted(set(candidate_pairs(sets))):
        c = containment(sets[a], sets[b])
        if c >= CONTAINMENT:
            out.append((a, b, round(c, 3)))
    return out


def groups_from_pairs(documents: pd.DataFrame, pairs, confirm=None) -> pd.DataFrame:
    """doc_id, copy_of, copy_group for ``documents`` (doc_id, published), the copies joined
    through any chain of ``pairs`` (doc ids) and each group named by its earliest document
    (publication date, then doc_id; undated last). With ``confirm(a, b)``, ``pairs`` are
    candidates and a pair joins only when confirmed; a pair already joined through others is
    not asked about (the groups are the same either way)."""
    ids = documents["doc_id"].tolist()
    parent = {d: d for d in ids}

    def root(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb and (confirm is None or confirm(a, b)):
            parent[max(ra, rb)] = min(ra, rb)
    order = documents.assign(_undated=documents["published"].isna()).sort_values(
        ["_undated", "published", "doc_id"], kind="stable")["doc_id"].tolist()
    original = {}
    for d in order:
        original.setdefault(root(d), d)
    group = [original[root(d)] for d in ids]
    return pd.DataFrame({"doc_id": documents["doc_id"],
                         "copy_of": [("" if g == d else g) for d, g in zip(ids, group)],
                         "copy_group": group})


def copy_columns(documents: pd.DataFrame, bodies: dict[str, str]) -> pd.DataFrame:
    """doc_id, copy_of, copy_group for ``documents`` (doc_id, published), from the body texts."""
    # one string object for each shingle: the sets then intersect by identity, not by comparing texts
    same: dict = {}
    sets = {d: {same.setdefault(sh, sh) for sh in shingles(bodies.get(d, ""))} for d in documents["doc_id"]}
    return groups_from_pairs(documents, candidate_pairs(sets),
                             lambda a, b: containment(sets[a], sets[b]) >= CONTAINMENT)


# ---------------------------------------------------------------- counting a claim once

NUMBER_KEY = ("measure", "kind", "low", "high", "of", "period_start", "period_end")


def _plain(value):
    """A key value compared across copies: missing values alike, whitespace and case folded."""
    if value is None or (not isinstance(value, (list, tuple, dict, set)) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    return value


def merge(rows: pd.DataFrame, key, doc: str = "doc_id") -> pd.DataFrame:
    """``rows`` with a claim carried by several copies of one story kept once.

    Rows of documents of the same ``copy_group`` (the documents table; a row without one is
    its own document's; the result always has the column) with equal ``key`` columns
    (a column the table lacks is missing alike in every row) are one claim. The row of the group's
    original (else the first doc_id) stays, in its place; ``copies`` lists the other
    documents ("; ", "" when none) and ``copy_spans`` their spans ("doc:start-end; ...").
    A document's own repeats stay apart: the n-th row of a claim in one copy joins the
    n-th in another, so merging never counts fewer mentions than one copy makes."""
    out = rows.reset_index(drop=True).copy()
    if "copy_group" not in out:
        out["copy_group"] = out[doc] if doc in out else pd.Series(dtype=object)
    if out.empty:
        return out.assign(copies=pd.Series(dtype=object), copy_spans=pd.Series(dtype=object))
    docs = out[doc].astype(str).tolist()
    out["copy_group"] = out["copy_group"].where(out["copy_group"].notna() & (out["copy_group"] != ""), out[doc])
    groups = out["copy_group"].astype(str).tolist()
    # plain lists: Series.map would turn the None of a missing value back into NaN, and NaN != NaN
    # (a key column the table lacks counts as missing everywhere)
    keys = list(zip(*([_plain(v) for v in out[c].tolist()] if c in out else [None] * len(out) for c in key))) \
        if key else [()] * len(out)
    seen: dict = {}
    clusters: dict = {}
    for i, (g, k, d) in enumerate(zip(groups, keys, docs)):
        n = seen.get((g, k, d), 0)
        seen[(g, k, d)] = n + 1
        clusters.setdefault((g, k, n), []).append(i)
    spans = ("start" in out and "end" in out)
    keep, copies, copy_spans = [], {}, {}
    for (g, _, _), members in clusters.items():
        lead = min(members, key=lambda i: (docs[i] != g, docs[i], i))
        others = [i for i in members if i != lead]
        keep.append(lead)
        copies[lead] = "; ".join(dict.fromkeys(sorted(docs[i] for i in others)))
        copy_spans[lead] = "; ".join(f"{docs[i]}:{out.at[i, 'start']}-{out.at[i, 'end']}"
                                     for i in sorted(others, key=lambda i: (docs[i], i))) if spans else ""
    keep.sort()
    out = out.loc[keep].reset_index(drop=True)
    out["copies"] = [copies[i] for i in keep]
    out["copy_spans"] = [copy_spans[i] for i in keep]
    return out


def mark(rows: pd.DataFrame, key, doc: str = "doc_id") -> pd.DataFrame:
    """``rows`` kept whole (a table counted per document), in their order, with what ``merge``
    would do marked: ``copies`` on the row that stands for a claim's copies ("; "-joined doc
    ids, "" else) and ``copy_row`` True on a copy's row that such a row stands for, so a
    reader shown one row per story can leave it out."""
    out = rows.reset_index(drop=True).copy()
    if out.empty:
        return out.assign(copies=pd.Series(dtype=object), copy_row=pd.Series(dtype=bool))
    once = merge(out.drop(columns=["copies", "copy_row"], errors="ignore").assign(_row=range(len(out))), key, doc)
    listed = dict(zip(once["_row"], once["copies"]))
    out["copies"] = [listed.get(i, "") for i in range(len(out))]
    out["copy_row"] = [i not in listed for i in range(len(out))]
    return out


def joined(values) -> str:
    """The ``copies`` of several merged rows as one "; "-joined list of doc ids."""
    return "; ".join(sorted({d for v in values if isinstance(v, str) for d in v.split("; ") if d}))


def merged_words(rows: pd.DataFrame, what: str = "claim", doc: str = "doc_id") -> str:
    """'3 claims appeared in 2 copies of one story (004, 104) and count once.' for the rows of
    ``merge`` that had copies ("" when none had)."""
    if rows is None or rows.empty or "copies" not in rows:
        return ""
    hit = rows[rows["copies"].fillna("") != ""]
    if hit.empty:
        return ""
    docs = sorted({*hit[doc].astype(str), *joined(hit["copies"]).split("; ")})
    groups = hit["copy_group"] if "copy_group" in hit else hit[doc]
    k = groups.nunique()
    n = len(hit)
    stories = "one story" if k == 1 else f"{k} stories"
    return (f"{n} {what}{'s' * (n != 1)} appeared in {len(docs)} copies of {stories} ({', '.join(docs)}) "
            f"and count{'s' * (n == 1)} once.")
