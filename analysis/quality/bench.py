"""Speed of the whole corpus build, how it grows with the corpus, against a plain spaCy
baseline measured in the same run.

``python -m analysis bench [--sizes 1000,3000,10000] [--large] [--jobs 2]`` writes, for each
size, a synthetic corpus of that many articles assembled from the seeds' paragraphs with a
fixed random seed (the first n articles are the same at every size), then times, each in a
fresh process so peak memory is its own:

pipeline  catalog + decoding + cleaning + segmentation + every evidence extractor +
          the cross-document steps (copy detection, quotation grouping), in ``jobs`` processes
baseline  spaCy's blank English tokenizer + sentencizer over the same raw texts (one process)

and prints a growth table (seconds, ms per document, CPU seconds and CPU ms per document, the
cross-document steps' share, peak resident memory of the largest process), then exactly one
summary line:

    bench: speed vs spaCy 0.62x; 10000 docs 48.1 s with 2 jobs; growth 1k->10k +8%; peak 730 MB

speed is baseline seconds / pipeline seconds at the largest size, growth the change of the
pipeline's CPU ms per document (its own processes: on a shared machine wall time swings with
the other jobs, CPU time does not) from the smallest size to the largest, peak the largest
process's peak resident memory over all pipeline runs. ``--large`` adds 30,000 articles.

A further phase, ``add``, wraps the articles of the smallest size in saved web pages
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

SIZES = (1000, 3000, 10000)
LARGE = 30000
JOBS = 2


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


def _timed(module, name: str, spent: dict) -> None:
    """Wrap ``module.name`` so the seconds spent in it add up in ``spent[name]``."""
    fn = getattr(module, name)

    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0

    setattr(module, name, wrapper)


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _phase(name: str, folder: Path, jobs: int = 1) -> dict:
    # Imports and set-up before the clock: a fixed cost that would flatter the growth figure.
    spent: dict = {}
    if name == "add":
        from analysis.corpus import ingest
    elif name == "pipeline":
        from analysis import evidence
        from analysis.corpus import copies
        from analysis.corpus import tables as corpus
        from analysis.extract import quotes

        # the cross-document steps, wherever the build looks them up
        for module in (copies, corpus, quotes, evidence):
            for fn in ("copy_columns", "quote_groups"):
                if hasattr(module, fn) and getattr(module, fn).__module__ != __name__:
                    _timed(module, fn, spent)
    else:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    cpu0, start = _cpu(), time.perf_counter()
    if name == "add":
        target = folder.parent / "added"
        target.mkdir()
        pages = sorted((folder.parent / "pages").glob("*.html"))
        result = ingest.add(pages, target, progress=False)
        if result.rejected:
            raise SystemExit(f"bench: {len(result.rejected)} pages refused, first: {result.rejected[0]}")
        rows, docs = len(result.added), len(pages)
    elif name == "pipeline":
        c = corpus.build(folder, jobs=jobs)
        ev = evidence.build(c, jobs=jobs)
        rows = sum(len(getattr(ev, t)) for t in evidence.TABLES)
        docs = len(c.documents)
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        rows = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=64))
        docs = len(texts)
    seconds = time.perf_counter() - start
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"phase": name, "seconds": seconds, "cpu": _cpu() - cpu0, "docs": docs, "rows": rows,
            "peak_mb": peak_kb / 1024, "cross_doc": sum(spent.values()), "jobs": jobs if name == "pipeline" else 1}


def _run_phase(name: str, folder: Path, jobs: int) -> dict:
    print(f"bench: {name} over {folder.name} ...", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, "-m", "analysis.quality.bench", "--phase", name, "--jobs", str(jobs), str(folder)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise SystemExit(f"error: bench {name} phase over {folder}: {last}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def short(n: int) -> str:
    """1000 -> '1k', 30000 -> '30k', 60 -> '60'."""
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def run(sizes=SIZES, jobs: int = JOBS, add: bool = True) -> str:
    sizes = sorted(set(sizes))
    results: dict[int, dict] = {}
    lines = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"corpus-{n}"
            mb = synthetic_corpus(folder, n) / 1e6
            results[n] = {"mb": mb, "baseline": _run_phase("baseline", folder, 1),
                          "pipeline": _run_phase("pipeline", folder, jobs)}
        if add:
            folder = Path(tmp) / "add" / "corpus"
            synthetic_corpus(folder, sizes[0])
            page_bytes = synthetic_pages(folder, folder.parent / "pages")
            added = _run_phase("add", folder, 1)
    lines.append(f"synthetic corpora from the seeds' paragraphs; pipeline with {jobs} jobs, spaCy baseline in one process")
    lines.append(f"{'docs':>6} {'MB':>6} | {'pipeline s':>10} {'ms/doc':>7} {'cpu s':>7} {'cpu ms/doc':>10} "
                 f"{'cross-doc s':>11} {'peak MB':>7} | {'spaCy s':>7} {'ms/doc':>7} | {'speed':>6}")
    for n in sizes:
        p, b = results[n]["pipeline"], results[n]["baseline"]
        lines.append(f"{n:6d} {results[n]['mb']:6.2f} | {p['seconds']:10.2f} {p['seconds'] / n * 1000:7.2f} "
                     f"{p['cpu']:7.1f} {p['cpu'] / n * 1000:10.2f} {p['cross_doc']:11.2f} {p['peak_mb']:7.0f} | "
                     f"{b['seconds']:7.2f} "
                     f"{b['seconds'] / n * 1000:7.2f} | {b['seconds'] / p['seconds']:5.2f}x")
    if add:
        lines += ["", f"add: {sizes[0]} articles as saved web pages ({page_bytes / 1e6:.2f} MB) into an empty corpus: "
                  f"{added['seconds']:.2f} s, {added['seconds'] / sizes[0] * 1000:.1f} s per 1,000 pages (goal: under 60), "
                  f"peak {added['peak_mb']:.0f} MB"]
    lo, hi = sizes[0], sizes[-1]
    cpu = {n: results[n]["pipeline"]["cpu"] / n * 1000 for n in (lo, hi)}
    wall = {n: results[n]["pipeline"]["seconds"] / n * 1000 for n in (lo, hi)}
    lines.append(f"CPU per document {cpu[lo]:.1f} ms at {short(lo)}, {cpu[hi]:.1f} ms at {short(hi)}: "
                 f"growth {(cpu[hi] / cpu[lo] - 1) * 100:+.0f}% (wall time per document "
                 f"{(wall[hi] / wall[lo] - 1) * 100:+.0f}%: it swings with other jobs on the machine)")
    lines += ["", summary(results, jobs)]
    return "\n".join(lines)


def summary(results: dict, jobs: int) -> str:
    """The one line tracked from run to run (see the module's docstring)."""
    lo, hi = min(results), max(results)
    p_lo, p_hi = results[lo]["pipeline"], results[hi]["pipeline"]
    speed = results[hi]["baseline"]["seconds"] / p_hi["seconds"]
    growth = (p_hi["cpu"] / hi) / (p_lo["cpu"] / lo) - 1
    peak = max(r["pipeline"]["peak_mb"] for r in results.values())
    return (f"bench: speed vs spaCy {speed:.2f}x; {hi} docs {p_hi['seconds']:.1f} s with {jobs} jobs; "
            f"growth {short(lo)}->{short(hi)} {growth * 100:+.0f}%; peak {peak:.0f} MB")


def sizes_arg(text: str) -> list[int]:
    """'1000,3000' -> [1000, 3000]; refuses anything but positive whole numbers."""
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise ValueError(f"--sizes {text!r}: comma-separated numbers of documents, e.g. 1000,3000") from None
    if not sizes or min(sizes) < 1:
        raise ValueError(f"--sizes {text!r}: comma-separated numbers of documents, e.g. 1000,3000")
    return sizes


def sizes_of(sizes: str | None, large: bool = False, docs: int | None = None) -> list[int]:
    chosen = sizes_arg(sizes) if sizes else ([docs] if docs else list(SIZES))
    return chosen + ([LARGE] if large and LARGE not in chosen else [])


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=["pipeline", "baseline", "add"])
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--large", action="store_true")
    parser.add_argument("--docs", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=JOBS)
    parser.add_argument("folder", nargs="?")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(_phase(args.phase, Path(args.folder), args.jobs)))
    else:
        print(run(sizes_of(args.sizes, args.large, args.docs), args.jobs))
