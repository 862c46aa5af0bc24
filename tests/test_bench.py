"""`python -m analysis bench` at tiny sizes: the growth table and the one summary line."""
import re
import subprocess
import sys

import pytest

from analysis.corpus.paths import ROOT
from analysis.quality import bench

SUMMARY = re.compile(r"^bench: speed vs spaCy (\d+\.\d\d)x; (\d+) docs (\d+\.\d) s with (\d+) jobs; "
                     r"growth (\S+)->(\S+) ([+-]\d+)%; peak (\d+) MB$")


@pytest.mark.slow
def test_bench_prints_a_growth_table_and_one_summary_line():
    proc = subprocess.run([sys.executable, "-m", "analysis", "bench", "--sizes", "20,60", "--jobs", "2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    summaries = [line for line in lines if line.startswith("bench:")]
    assert summaries == [lines[-1]], proc.stdout
    m = SUMMARY.match(lines[-1])
    assert m, lines[-1]
    speed, docs, seconds, jobs, lo, hi, growth, peak = m.groups()
    assert (docs, jobs, lo, hi) == ("60", "2", "20", "60")
    assert float(speed) > 0 and float(seconds) > 0 and 50 < int(peak) < 4000
    rows = {int(r.split()[0]): r for r in lines if re.match(r"^\s*\d+\s+\d", r)}
    assert sorted(rows) == [20, 60], proc.stdout
    # the growth figure is the table's CPU ms/doc at the largest size against the smallest
    ms = {n: float(r.split("|")[1].split()[3]) for n, r in rows.items()}
    assert int(growth) == pytest.approx((ms[60] / ms[20] - 1) * 100, abs=1.5)
    assert any(line.startswith("add: 20 articles") for line in lines)


def test_summary_line_reads_the_largest_and_smallest_sizes():
    def res(seconds, cpu, base, peak):
        return {"pipeline": {"seconds": seconds, "cpu": cpu, "peak_mb": peak}, "baseline": {"seconds": base}}

    # growth is CPU per document (wall time here grows 3x: a loaded machine)
    results = {1000: res(10.0, 20.0, 1.0, 300), 10000: res(300.0, 216.0, 9.0, 730.4), 3000: res(31.0, 62.0, 2.8, 500)}
    assert bench.summary(results, 2) == \
        "bench: speed vs spaCy 0.03x; 10000 docs 300.0 s with 2 jobs; growth 1k->10k +8%; peak 730 MB"


def test_sizes():
    assert bench.sizes_of(None) == [1000, 3000, 10000]
    assert bench.sizes_of(None, large=True) == [1000, 3000, 10000, 30000]
    assert bench.sizes_of("20,60") == [20, 60]
    assert bench.sizes_of(None, docs=500) == [500]
    assert bench.short(1000) == "1k" and bench.short(60) == "60" and bench.short(1500) == "1500"
    for bad in ("", "a,b", "0,10", "-5"):
        with pytest.raises(ValueError):
            bench.sizes_of(bad or ",")


def test_bad_sizes_stop_with_one_line():
    proc = subprocess.run([sys.executable, "-m", "analysis", "bench", "--sizes", "1k"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: bench: --sizes '1k': comma-separated numbers of documents, e.g. 1000,3000"]
