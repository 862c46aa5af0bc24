"""Command line: ``python -m analysis <command>``.

build [CORPUS_DIR]            check the corpus, clean and segment it, cache its tables and evidence
run NOTEBOOK [-p NAME VALUE]  execute a notebook with papermill into build/runs/ (see analysis.notebooks)
open NOTEBOOK [-p NAME VALUE] [--no-browser]  a parameterised copy under build/runs/, opened in JupyterLab
site [CORPUS_DIR] [REPORTS_DIR] [--notebooks DIR]  build the static site: index.html, articles/, notebooks/
score                         precision, recall, F1 against tests/gold/: seeds, passages, dev, test
bench [--sizes N,..] [--large] time the corpus build at 1k/3k/10k docs against spaCy
add [--corpus DIR] SOURCE...  add saved pages, CSV/JSONL exports, folders of .txt (see analysis.ingest)

Bad input ends with one line on stderr, ``error: <file>: <problem>``, and exit 1.
"""
from __future__ import annotations

import argparse
import sys

from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import display
from analysis.publish.notebooks import NotebookFailed
from analysis.questions.protocol import ParameterError


def _value(text: str):
    """Parameter values as YAML-ish literals: 3, 2.5, true, null, [a, b]; else the string."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def _check_paths(args) -> None:
    """Folders named on the command line obey the notebook parameters' rule (``check_path``):
    a relative one is taken from the project root and must stay inside the project."""
    from analysis.questions.protocol import check_path

    for option, name in (("corpus_dir", "CORPUS_DIR"), ("reports_dir", "REPORTS_DIR"),
                         ("notebooks", "--notebooks"), ("corpus", "--corpus"), ("parquet", "--parquet")):
        value = getattr(args, option, None)
        if value is not None:
            check_path(name, value, what="argument")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="clean, segment and cache the corpus tables")
    b.add_argument("corpus_dir", nargs="?", default="seeds")
    b.add_argument("--jobs", type=int, default=1)
    b.add_argument("--scheduler", choices=("processes", "dask"), default="processes",
                   help="dask: map the documents over a Dask cluster (a LocalCluster of --jobs workers)")
    b.add_argument("--address", default=None, help="with --scheduler dask: the scheduler, e.g. tcp://host:8786")
    b.add_argument("--parquet", default=None, metavar="DIR",
                   help="with --scheduler dask: where the workers write the partitioned tables (default: in the cache)")
    b.add_argument("--cache-limit", type=float, default=None, metavar="MB",
                   help="with --scheduler dask: write the notebooks' cache only when the tables take at most "
                        "this much memory (default: a quarter of this machine's)")
    r = sub.add_parser("run", help="execute a notebook")
    r.add_argument("notebook")
    r.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    r.add_argument("-o", "--output", help="where to write the executed notebook (default build/runs/)")
    r.add_argument("--params-file", help="YAML file of parameters; names other notebooks declare are skipped")
    r.add_argument("--progress", action="store_true", help="a line per cell on stderr")
    o = sub.add_parser("open", help="open a parameterised copy of a notebook in JupyterLab")
    o.add_argument("notebook")
    o.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    o.add_argument("--no-browser", action="store_true", help="write the copy and print its URL; do not start Lab")
    o.add_argument("--port", type=int, default=8888)
    i = sub.add_parser("site", help="build the static site in reports/")
    i.add_argument("corpus_dir", nargs="?", default="seeds")
    i.add_argument("reports_dir", nargs="?", default="reports")
    i.add_argument("--notebooks", default=None, help="the executed notebooks to render (default notebooks/)")
    sub.add_parser("score", help="score the extractors against the gold annotations")
    be = sub.add_parser("bench", help="benchmark the corpus build")
    be.add_argument("--docs", type=int, default=None, help="one size only (same as --sizes N)")
    be.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 1000,3000,10000)")
    be.add_argument("--large", action="store_true", help="add a 30,000-article corpus")
    be.add_argument("--jobs", type=int, default=2, help="processes for the pipeline (default 2)")
    a = sub.add_parser("add", help="add saved web pages, exports or folders of text to a corpus")
    a.add_argument("sources", nargs="+", metavar="SOURCE")
    a.add_argument("--corpus", default="seeds", help="corpus folder (default: seeds)")
    a.add_argument("--map", action="append", metavar="FIELD=COLUMN,...", help="export columns, e.g. text=story_text")
    a.add_argument("--allow-undated", action="store_true", help="add articles with no date (date_basis unknown)")
    a.add_argument("--skip-bad", action="store_true", help="add the good items, report the bad ones")
    args = parser.parse_args(argv)
    try:
        _check_paths(args)
        if args.command == "build":
            from analysis import evidence
            from analysis.corpus import catalog
            from analysis.corpus import tables as corpus
            from analysis.corpus.paths import resolve

            for warning in catalog.read_catalog(resolve(args.corpus_dir)).attrs["warnings"]:
                print(f"warning: {warning}", file=sys.stderr)
            if args.scheduler == "dask":
                from analysis import evidence_dask
                from analysis.corpus import mapping

                mapping.use_scheduler("dask", args.address)
                limit = None if args.cache_limit is None else int(args.cache_limit * 2 ** 20)
                done = evidence_dask.build(args.corpus_dir, args.parquet, jobs=args.jobs, cache_limit=limit)
                print(f"partitioned Parquet: {done['documents']} documents in {done['partitions']} partitions, "
                      f"{', '.join(corpus.TABLES + evidence.TABLES)} -> {display(done['parquet'])}")
                if done["cache"] is None:
                    print(f"cache not written: the tables take {done['bytes'] / 2 ** 20:.0f} MB in memory, "
                          f"over the limit (--cache-limit)")
                    return 0
            c = corpus.load(args.corpus_dir, jobs=args.jobs, progress=True)
            # Built here, once, so notebooks run in parallel only ever read the cache.
            ev = evidence.load(args.corpus_dir, jobs=args.jobs, progress=True)
            print(f"corpus: {len(c.documents)} documents, {len(c.sentences)} sentences, "
                  f"{sum(len(t) for t in ev)} evidence rows "
                  f"-> {corpus.cache_dir(args.corpus_dir).relative_to(corpus.BUILD.parent)}")
        elif args.command == "run":
            from analysis.publish import notebooks

            print(f"running {args.notebook}", file=sys.stderr, flush=True)
            params = {}
            if args.params_file:
                params = notebooks.params_for(args.notebook, notebooks.read_params_file(args.params_file),
                                              args.params_file)
            params.update({name: _value(value) for name, value in args.parameter})
            out = notebooks.run(args.notebook, params, args.output, progress=args.progress)
            print(f"wrote {notebooks.display(out)}", file=sys.stderr)
        elif args.command == "open":
            import subprocess

            from analysis.publish import notebooks

            params = {name: _value(value) for name, value in args.parameter}
            out = notebooks.prepare(args.notebook, params)
            print(f"wrote {notebooks.display(out)} (parameters injected; the committed notebook is untouched)")
            print(notebooks.lab_url(out, args.port))
            if not args.no_browser:
                return subprocess.call(notebooks.lab_command(out, port=args.port))
        elif args.command == "site":
            from analysis.publish import site

            extra = {"notebooks_dir": args.notebooks} if args.notebooks else {}
            print(f"wrote {site.build(args.corpus_dir, args.reports_dir, **extra)}", file=sys.stderr)
        elif args.command == "score":
            from analysis.quality import score

            cmp = score.compare_all()
            table = score.score(cmp=cmp)
            print(score.report(table))
            print(f"\nwrote {display(score.write(table, cmp))} and entries.csv", file=sys.stderr)
        elif args.command == "bench":
            from analysis.quality import bench

            try:
                sizes = bench.sizes_of(args.sizes, args.large, args.docs)
            except ValueError as e:
                raise SystemExit(f"error: bench: {e}") from None
            print(bench.run(sizes, args.jobs))
        elif args.command == "add":
            from analysis.corpus import ingest

            return ingest.main(args)
    except (CorpusError, NotebookFailed, ParameterError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
