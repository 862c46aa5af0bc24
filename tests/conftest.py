import shutil
from pathlib import Path

import pytest

from analysis.corpus.catalog import COLUMNS
from analysis.corpus.paths import ROOT

SEEDS = ROOT / "seeds"

# `make test-fast` runs only unit tests: no kernel, no make, no browser, no process pool, no
# whole-corpus builds. These files (and the tests marked slow below) are left to `make test`.
SLOW_FILES = {
    "test_add.py", "test_bad_input.py", "test_copies_counted.py", "test_dask.py", "test_dask_shuffles.py", "test_exploration.py", "test_figures.py",
    "test_interrupted.py", "test_nb03_positions.py", "test_nb04_casualties.py", "test_nb05_battle.py",
    "test_nb06_framing.py", "test_nb07_negotiations.py", "test_notebook_params.py", "test_notebooks.py", "test_pathological.py",
    "test_question_notebooks.py", "test_quotes.py", "test_reproducible.py", "test_runfiles.py", "test_scores.py",
    "test_setup.py", "test_site.py",
}
SLOW_TESTS = {"test_fuzzed_texts_keep_every_span_valid", "test_mapping_documents_over_processes_gives_the_serial_tables"}


def pytest_ignore_collect(collection_path, config):
    # under -m "not slow" the slow files are not even imported: collecting them is half the time
    if config.getoption("markexpr") == "not slow" and collection_path.name in SLOW_FILES:
        return True
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES or item.path.suffix == ".ipynb" or item.originalname in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def seeds_corpus():
    from analysis.corpus import tables as corpus

    return corpus.build(SEEDS)


def write_catalog(folder: Path, rows: list[dict]) -> Path:
    """A catalog.csv in ``folder`` from dicts (missing columns left empty)."""
    import csv

    path = folder / "catalog.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})
    return path


def make_corpus(folder: Path, docs: dict[str, bytes], published="2024-05-01", **meta) -> Path:
    """A corpus folder: ``docs`` maps file name -> raw bytes; one catalog row each."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, data in docs.items():
        (folder / name).write_bytes(data)
        rows.append({"doc_id": name.split("_")[0], "file": name, "outlet": meta.get("outlet", "Test Wire"),
                     "published": published, "date_basis": "byline"})
    write_catalog(folder, rows)
    return folder


def copy_seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


def seeds_and_synthetic(base: Path, n: int) -> Path:
    """``base/corpus``: the seeds and ``n`` articles of the bench's generator (seed paragraphs
    shuffled: many share passages, some are copies of others), one catalog for all."""
    import pandas as pd

    from analysis.quality import bench

    bench.synthetic_corpus(base / "synthetic", n)
    folder = base / "corpus"
    shutil.copytree(base / "synthetic", folder)
    for f in SEEDS.glob("*.txt"):
        shutil.copyfile(f, folder / f.name)
    catalog = pd.concat([pd.read_csv(SEEDS / "catalog.csv", dtype=str, keep_default_na=False),
                         pd.read_csv(folder / "catalog.csv", dtype=str, keep_default_na=False)])
    catalog.to_csv(folder / "catalog.csv", index=False)
    return folder


IRRELEVANT = ("Harvest begins early\n\nFarmers near Poltava began the wheat harvest on Monday, "
              "two weeks earlier than usual, the regional agriculture office said.\n")


def add_article(folder: Path, name: str, text: str, published="2025-06-01", outlet="Test Wire") -> None:
    """Drop an article into a corpus folder and append its catalog row, as an analyst would."""
    (folder / name).write_text(text, encoding="utf-8")
    with (folder / "catalog.csv").open("a", encoding="utf-8") as f:
        f.write(f"{name.split('_')[0]},{name},{outlet},,,{published},byline,,\n")


def run_notebook(notebook: Path, tmp_path: Path, corpus, **params) -> Path:
    """Execute a notebook with papermill on ``corpus``; return its report folder under tmp_path."""
    from analysis.publish import notebooks

    out = tmp_path / "reports"
    notebooks.run(notebook, {"corpus_dir": str(corpus), "reports_dir": str(out), **params},
                  output=tmp_path / "run.ipynb")
    return out / notebook.stem
