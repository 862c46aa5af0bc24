"""Speed of the whole corpus build, against a plain spaCy baseline in the same run.

``python -m analysis bench [--docs N]`` writes a synthetic corpus of N articles
(default 1,000) assembled from the seeds' paragraphs with a fixed random seed,
then times, each in a fresh process so peak memory is its own:

pipeline  catalog + decoding + cleaning + segmentation + every evidence extractor
baseline  spaCy's blank English tokenizer + sentencizer over the same raw texts

and prints documents/s, MB/s, peak resident memory and the pipeline/baseline
time ratio. A third phase, ``add``, wraps the same articles in saved web pages
(navigation, an advert, related links, JSON-LD metadata, a canonical link) and times
``analysis add`` bringing all of them into an empty corpus folder: reading, extraction,
the batch checks and the writing.
"""
from __future__ import annotations

import csv
import html
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.corpus.paths import ROOT, SEEDS


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


_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Outlet {outlet}</title>
<link rel="canonical" href="https://outlet{outlet}.example.com/news/{n}">
<meta property="og:site_name" content="Outlet {outlet}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{date}T08:00:00Z", "author": {{"@type": "Person", "name": "Reporter {outlet}"}}}}</script>
</head><body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="advert">Advertisement</div><main><article><h1>{title}</h1>
{paragraphs}
</article><aside class="related"><h3>Related</h3><ul><li><a href="/r/{n}">More from Outlet {outlet}</a></li></ul></aside></main>
<footer>Copyright Outlet {outlet}. All rights reserved.</footer></body></html>
"""


def synthetic_pages(corpus: Path, folder: Path) -> int:
    """One saved web page per article of a synthetic corpus; return total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    with (corpus / "catalog.csv").open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f)):
            text = (corpus / row["file"]).read_text(encoding="utf-8")
            paragraphs = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text.split("\n") if p.strip())
            page = _PAGE.format(title=f"Report {n}", outlet=n % 7, n=n, date=row["published"],
                                paragraphs=paragraphs)
            data = page.encode("utf-8")
            (folder / f"page{n:05d}.html").write_bytes(data)
            total += len(data)
    return total


def _phase(name: str, folder: Path) -> dict:
    start = time.perf_counter()
    if name == "add":
        from analysis.corpus import ingest

        target = folder.parent / "added"
        target.mkdir()
        pages = sorted((folder.parent / "pages").glob("*.html"))
        result = ingest.add(pages, target, progress=False)
        if result.rejected:
            raise SystemExit(f"bench: {len(result.rejected)} pages refused, first: {result.rejected[0]}")
        rows, docs = len(result.added), len(pages)
    elif name == "pipeline":
        from analysis import evidence
        from analysis.corpus import tables as corpus

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
        page_bytes = synthetic_pages(folder, Path(tmp) / "pages")
        results = {}
        for name in ("baseline", "pipeline", "add"):
            print(f"bench: {name} over {n_docs} documents ...", file=sys.stderr, flush=True)
            proc = subprocess.run([sys.executable, "-m", "analysis.quality.bench", "--phase", name, str(folder)],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    mb = size / 1e6
    lines = [f"synthetic corpus: {n_docs} documents, {mb:.2f} MB, from the seeds' paragraphs",
             f"{'phase':9} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'peak MB':>8}  output"]

    def line(name, what, size_mb):
        r = results[name]
        return (f"{name:9} {r['seconds']:8.2f} {r['docs'] / r['seconds']:8.1f} {size_mb / r['seconds']:7.3f} "
                f"{r['peak_mb']:8.0f}  {r['rows']} {what}")

    lines += [line("baseline", "sentences", mb), line("pipeline", "evidence rows", mb)]
    ratio = results["pipeline"]["seconds"] / results["baseline"]["seconds"]
    lines.append(f"ratio pipeline/baseline: {ratio:.2f}x the time of spaCy tokenizer + sentencizer alone")
    lines += ["", f"add: the same {n_docs} articles as saved web pages ({page_bytes / 1e6:.2f} MB) into an empty corpus",
              line("add", "documents added", page_bytes / 1e6),
              f"add: {results['add']['seconds'] / n_docs * 1000:.1f} s per 1,000 pages (goal: under 60)"]
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=["pipeline", "baseline", "add"])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("folder", nargs="?")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(_phase(args.phase, Path(args.folder))))
    else:
        print(run(args.docs))
