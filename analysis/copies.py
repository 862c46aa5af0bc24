"""Near-duplicate documents: the same (wire) story in several outlets.

Each document's body (body and editor's-note sections of the clean text) becomes a set
of word 5-shingles. datasketch's MinHash LSH proposes candidate pairs without comparing
every pair (a corpus of thousands of articles stays fast); each candidate is then
confirmed on the exact shingle sets, so the verdict never depends on the sketch:

    two documents are copies when the shorter body has at least MIN_SHINGLES shingles
    and at least CONTAINMENT of them occur in the other body

Containment rather than Jaccard because a trimmed copy, or one with a paragraph
added, shares nearly all of the shorter text but much less of the union. Copies join
into groups (through any chain of pairs); a group's earliest document (publication
date, then doc_id; undated last) is the original: ``copy_of`` of every other member
names it, and ``copy_group`` of every document is its group's original (its own doc_id
when it has no copies).
"""
from __future__ import annotations

import re

import pandas as pd

SHINGLE = 5
MIN_SHINGLES = 20
CONTAINMENT = 0.8
LSH_THRESHOLD = 0.2
NUM_PERM = 128
SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def containment(a: set, b: set) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def copy_pairs(sets: dict[str, set]) -> list[tuple[str, str, float]]:
    """Confirmed (doc_a, doc_b, containment) pairs, doc_a < doc_b, sorted."""
    ids = [d for d in sorted(sets) if len(sets[d]) >= MIN_SHINGLES]
    if len(ids) < 2:
        return []
    from datasketch import MinHash, MinHashLSH

    sketches = MinHash.bulk([[s.encode("utf-8") for s in sets[d]] for d in ids], num_perm=NUM_PERM, seed=SEED)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for d, m in zip(ids, sketches):
        lsh.insert(d, m)
    pairs = set()
    for d, m in zip(ids, sketches):
        for other in lsh.query(m):
            if other > d:
                pairs.add((d, other))
    out = []
    for a, b in sorted(pairs):
        c = containment(sets[a], sets[b])
        if c >= CONTAINMENT:
            out.append((a, b, round(c, 3)))
    return out


def copy_columns(documents: pd.DataFrame, bodies: dict[str, str]) -> pd.DataFrame:
    """doc_id, copy_of, copy_group for ``documents`` (doc_id, published), from the body texts."""
    sets = {d: shingles(bodies.get(d, "")) for d in documents["doc_id"]}
    parent = {d: d for d in documents["doc_id"]}

    def root(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for a, b, _ in copy_pairs(sets):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    order = documents.assign(_undated=documents["published"].isna()).sort_values(
        ["_undated", "published", "doc_id"], kind="stable")["doc_id"].tolist()
    original = {}
    for d in order:
        original.setdefault(root(d), d)
    group = {d: original[root(d)] for d in documents["doc_id"]}
    return pd.DataFrame({"doc_id": documents["doc_id"],
                         "copy_of": [("" if group[d] == d else group[d]) for d in documents["doc_id"]],
                         "copy_group": [group[d] for d in documents["doc_id"]]})
