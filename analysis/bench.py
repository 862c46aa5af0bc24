"""Speed of the whole corpus build, against a plain spaCy baseline in the same run.

``python -m analysis bench [--docs N]`` writes a synthetic corpus of N articles
(default 1,000) assembled from the seeds' paragraphs with a fixed random seed,
then times, each in a fresh process so peak memory is its own:

pipeline  catalog + decoding + cleaning + segmentation + every evidence extractor
baseline  spaCy's blank English tokenizer + sentencizer over the same raw texts

and prints documents/s, MB/s, peak resident memory and the pipeline/baseline
time ratio.
"""
from __future__ import annotations

import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .paths import ROOT, SEEDS


def synthetic_corpus(folder: Path, n_docs: int, seed: int = 20230330) -> int:
    """Write ``n_docs`` articles of 4-12 seed paragraphs each, plus a catalog; return total bytes."""
    paragraphs = []
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        blocks = [b.strip() for b in text.replace("\n\n", "\n").split("\n") if len(b.split()) > 8]
        paragraphs.extend(blocks)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    with (folder / "catalog.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "file", "outlet", "author", "title", "published", "date_basis", "url", "notes"])
        for i in range(n_docs):
            body = "\n\n".join(rng.sample(paragraphs, rng.randint(4, min(12, len(paragraphs)))))
            name = f"{i:05d}_synthetic.txt"
            data = (body + "\n").encode("utf-8")
            (folder / name).write_bytes(data)
            total += len(data)
            year, month = 2023 + i % 2, 1 + i % 12
            w.writerow([f"{i:05d}", name, f"Outlet {i % 7}", "", "", f"{year}-{month:02d}-15", "byline", "", "synthetic"])
    return total


def _phase(name: str, folder: Path) -> dict:
    start = time.perf_counter()
    if name == "pipeline":
        from . import corpus, evidence

        c = corpus.build(folder)
        ev = evidence.build(c)
        rows = sum(len(getattr(ev, t)) for t in evidence.TABLES)
        docs = len(c.documents)
    else:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        rows = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=64))
        docs = len(texts)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"phase": name, "seconds": seconds, "docs": docs, "rows": rows, "peak_mb": peak_mb}


def run(n_docs: int = 1000) -> str:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folder = Path(tmp) / "corpus"
        size = synthetic_corpus(folder, n_docs)
        results = {}
        for name in ("baseline", "pipeline"):
            print(f"bench: {name} over {n_docs} documents ...", file=sys.stderr, flush=True)
            proc = subprocess.run([sys.executable, "-m", "analysis.bench", "--phase", name, str(folder)],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    mb = size / 1e6
    lines = [f"synthetic corpus: {n_docs} documents, {mb:.2f} MB, from the seeds' paragraphs",
             f"{'phase':9} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'peak MB':>8}  output"]
    for name, r in results.items():
        what = "sentences" if name == "baseline" else "evidence rows"
        lines.append(f"{name:9} {r['seconds']:8.2f} {r['docs'] / r['seconds']:8.1f} {mb / r['seconds']:7.3f} "
                     f"{r['peak_mb']:8.0f}  {r['rows']} {what}")
    ratio = results["pipeline"]["seconds"] / results["baseline"]["seconds"]
    lines.append(f"ratio pipeline/baseline: {ratio:.2f}x the time of spaCy tokenizer + sentencizer alone")
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=["pipeline", "baseline"])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("folder", nargs="?")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(_phase(args.phase, Path(args.folder))))
    else:
        print(run(args.docs))
