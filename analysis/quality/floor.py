"""What a cold ``make -j2 reports`` costs against its floor (issue 16).

The floor: seven bare papermill runs of a one-figure notebook (a kernel, matplotlib, one
figure saved), two at a time on the two cores; ``reports`` is a cold ``make -j2 reports``
on the seeds into a folder of its own (its stamps and the seeds' corpus cache removed
first, so the corpus is built too; the published reports/ are not touched). Both are
measured as wall seconds and the CPU seconds of all their processes.

    .venv/bin/python -m analysis.quality.floor [--runs 7] [--jobs 2] [--reports]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from analysis.corpus.paths import ROOT

CELL = ("import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(6, 3))\nax.plot([1, 2, 3], [3, 1, 2])\nfig.savefig('figure.svg')\n")


def one_figure_notebook(path: Path) -> Path:
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "one", "metadata": {},
                     "outputs": [], "source": CELL}],
          "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _timed(run) -> dict:
    cpu, wall = _children_cpu(), time.perf_counter()
    run()
    return {"wall": time.perf_counter() - wall, "cpu": _children_cpu() - cpu}


# The lean floor imports papermill as the package's own runs do (publish.notebooks.lean_imports),
# so that the ratio against it is not helped by what the bare papermill command imports and ours skip.
LEAN = ("import sys\nfrom analysis.publish.notebooks import lean_imports\nwith lean_imports():\n"
        "    import papermill\npapermill.execute_notebook(sys.argv[1], sys.argv[2], kernel_name='python3', "
        "cwd=sys.argv[3], progress_bar=False)\n")


def floor(runs: int = 7, jobs: int = 2, lean: bool = False) -> dict:
    """``runs`` bare papermill runs of a one-figure notebook, ``jobs`` at a time (``lean``: papermill
    imported without the modules the package's runs skip)."""
    papermill = str(Path(sys.executable).with_name("papermill"))
    with tempfile.TemporaryDirectory() as tmp:
        nb = one_figure_notebook(Path(tmp) / "one.ipynb")

        def one(i: int) -> None:
            out = str(Path(tmp) / f"out{i}.ipynb")
            cmd = ([sys.executable, "-c", LEAN, str(nb), out, tmp] if lean else
                   [papermill, "--no-progress-bar", "-k", "python3", "--cwd", tmp, str(nb), out])
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)

        def all_runs():
            with ThreadPoolExecutor(jobs) as pool:
                list(pool.map(one, range(runs)))

        return _timed(all_runs)


def cold_reports(jobs: int = 2, reports_dir: str = "build/reports-floor") -> dict:
    """A cold ``make -jJOBS reports`` on the seeds into ``reports_dir``."""
    from analysis.corpus import tables as corpus_mod

    shutil.rmtree(ROOT / "build" / "stamps", ignore_errors=True)
    shutil.rmtree(corpus_mod.cache_dir("seeds"), ignore_errors=True)
    shutil.rmtree(ROOT / reports_dir, ignore_errors=True)
    def make():
        done = subprocess.run(["make", f"-j{jobs}", "reports", f"REPORTS_DIR={reports_dir}"], cwd=ROOT,
                              capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"error: make -j{jobs} reports failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")

    return _timed(make)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reports", action="store_true", help="also a cold make -j2 reports on the seeds")
    args = parser.parse_args(argv)
    f = floor(args.runs, args.jobs)
    print(f"floor: {args.runs} papermill runs of a one-figure notebook, {args.jobs} at a time: "
          f"{f['wall']:.1f} s wall, {f['cpu']:.1f} s CPU ({f['cpu'] / args.jobs:.1f} s CPU per core)", flush=True)
    lean = floor(args.runs, args.jobs, lean=True)
    print(f"lean floor: the same runs with papermill imported as the package's runs import it: "
          f"{lean['wall']:.1f} s wall, {lean['cpu']:.1f} s CPU", flush=True)
    if args.reports:
        r = cold_reports(args.jobs)
        print(f"reports: cold make -j{args.jobs} reports on the seeds: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU; "
              f"{r['wall'] / f['wall']:.2f}x the floor's wall, {r['cpu'] / f['cpu']:.2f}x its CPU, "
              f"{r['cpu'] / lean['cpu']:.2f}x the lean floor's CPU")


if __name__ == "__main__":
    main()
