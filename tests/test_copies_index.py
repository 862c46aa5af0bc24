"""Copy detection compares each document with a bounded set of candidates from a shingle
index (prefix filtering), never all pairs, and finds every copy pair that all pairs would."""
import itertools
import random
from collections import Counter

import pandas as pd

from analysis.corpus import copies
from analysis.quality import bench


def _bodies(tmp_path, n):
    folder = tmp_path / "c"
    bench.synthetic_corpus(folder, n)
    return {f.name[:5]: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt"))}


def _all_pairs(sets):
    ids = [d for d in sorted(sets) if len(sets[d]) >= copies.MIN_SHINGLES]
    out = []
    for a, b in itertools.combinations(ids, 2):
        c = copies.containment(sets[a], sets[b])
        if c >= copies.CONTAINMENT:
            out.append((a, b, round(c, 3)))
    return out


def test_the_index_finds_every_pair_all_pairs_finds(tmp_path, monkeypatch):
    sets = {d: copies.shingles(t) for d, t in _bodies(tmp_path, 120).items()}
    # and trimmed copies: documents without their last paragraph or two
    rng = random.Random(7)
    texts = _bodies(tmp_path / "more", 120)
    for d in list(texts)[:40]:
        paras = texts[d].split("\n\n")
        sets[f"t{d}"] = copies.shingles("\n\n".join(paras[: max(1, len(paras) - rng.randint(0, 2))]))
    expected = _all_pairs(sets)
    assert len(expected) > 40
    monkeypatch.setattr(copies, "CANDIDATES", 10 ** 9)
    assert copies.copy_pairs(sets) == expected


def test_candidates_per_document_are_bounded(tmp_path, monkeypatch):
    sets = {d: copies.shingles(t) for d, t in _bodies(tmp_path, 300).items()}
    monkeypatch.setattr(copies, "CANDIDATES", 10)
    per_doc = Counter()
    pairs = list(copies.candidate_pairs(sets))
    for a, b in pairs:
        per_doc[a] += 1
        per_doc[b] += 1
    # a document proposes at most CANDIDATES pairs, and others propose it as theirs
    assert len(pairs) <= 10 * len(sets)
    assert len(pairs) < len(sets) * (len(sets) - 1) / 2 / 10


def test_a_story_in_many_outlets_is_one_group(monkeypatch):
    monkeypatch.setattr(copies, "CANDIDATES", 5)
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(3000)]
    story = " ".join(rng.choice(vocab) for _ in range(300))
    bodies = {f"{i:03d}": f"Outlet {i} says. " + story for i in range(60)}
    bodies.update({f"{i:03d}": " ".join(rng.choice(vocab) for _ in range(200)) for i in range(60, 70)})
    docs = pd.DataFrame({"doc_id": sorted(bodies), "published": pd.Timestamp("2024-01-01")})
    out = copies.copy_columns(docs, bodies).set_index("doc_id")
    assert set(out.loc[[f"{i:03d}" for i in range(60)], "copy_group"]) == {"000"}
    assert (out.loc[[f"{i:03d}" for i in range(60, 70)], "copy_of"] == "").all()


def test_groups_do_not_depend_on_the_string_hash_seed(tmp_path):
    """With the cap binding, which candidates a document meets must not follow set order."""
    import os
    import subprocess
    import sys

    from analysis.corpus.paths import ROOT

    folder = tmp_path / "c"
    bench.synthetic_corpus(folder, 300)
    code = ("import sys, pandas as pd; from pathlib import Path; from analysis.corpus import copies; copies.CANDIDATES = 3; "
            "b = {f.name[:5]: f.read_text() for f in sorted(Path(sys.argv[1]).glob('*.txt'))}; "
            "d = pd.DataFrame({'doc_id': sorted(b), 'published': pd.Timestamp('2024-01-01')}); "
            "print(copies.copy_columns(d, b).to_csv())")
    outs = [subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout for seed in ("1", "2")]
    rows = [line.split(",") for line in outs[0].strip().splitlines()[1:]]
    assert len(rows) == 300 and any(r[2] for r in rows)      # some copies, with the cap binding
    assert outs[0] == outs[1]
