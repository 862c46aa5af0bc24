import shutil
from pathlib import Path

import pytest

from analysis.catalog import COLUMNS
from analysis.paths import ROOT

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_corpus():
    from analysis import corpus

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
