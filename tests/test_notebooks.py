"""Notebooks run on other corpora, refuse bad parameters, and fail without damage."""
import json
import subprocess
import sys

import pandas as pd
import pytest
from conftest import copy_seeds

from analysis.corpus.paths import NOTEBOOKS, ROOT
from analysis.publish import notebooks

OVERVIEW = NOTEBOOKS / "01_corpus_overview.ipynb"
EXTRA = ("Drone strikes hit Odesa port\n\nBy Olena Petrenko\n\n"
         "ODESA, Ukraine (AP) — Russian drones struck the port overnight, officials said on Wednesday.\n")


@pytest.fixture
def extended_corpus(tmp_path):
    folder = copy_seeds(tmp_path / "corpus")
    (folder / "012_odesa.txt").write_text(EXTRA, encoding="utf-8")
    with (folder / "catalog.csv").open("a", encoding="utf-8") as f:
        f.write("012,012_odesa.txt,Test Wire,Olena Petrenko,Drone strikes hit Odesa port,2025-01-10,byline,,\n")
    return folder


def test_overview_runs_on_another_corpus(extended_corpus, tmp_path):
    out = tmp_path / "reports"
    notebooks.run(OVERVIEW, {"corpus_dir": str(extended_corpus), "reports_dir": str(out)},
                  output=tmp_path / "run.ipynb")
    folder = out / "01_corpus_overview"
    docs = pd.read_csv(folder / "documents.csv", dtype={"doc_id": str})
    assert docs["doc_id"].tolist() == ["000", "001", "003", "004", "012"]
    assert "Test Wire" in set(docs["outlet"])
    answer = (folder / "answer.md").read_text()
    assert answer.startswith("The corpus holds 5 documents from 5 outlets")
    assert "and 10 Jan 2025" in answer
    for name in ("documents_by_outlet_and_date", "words_by_section"):
        assert (folder / f"{name}.png").read_bytes().startswith(b"\x89PNG")
        assert (folder / f"{name}.svg").read_text().lstrip().startswith("<?xml")
    header = pd.read_csv(folder / "cleaning_changes.csv", dtype={"doc_id": str}).query("doc_id == '012'")
    assert "labelled_header" in set(header["action"])


def test_unknown_parameter_is_refused_before_running(tmp_path):
    with pytest.raises(notebooks.NotebookFailed) as e:
        notebooks.run(OVERVIEW, {"corpus_folder": "seeds"}, output=tmp_path / "x.ipynb")
    assert str(e.value) == ("notebooks/01_corpus_overview.ipynb: unknown parameter(s) corpus_folder "
                            "(known: corpus_dir, reports_dir)")
    assert not (tmp_path / "x.ipynb").exists()


def test_bad_corpus_fails_with_one_line_and_keeps_earlier_reports(extended_corpus, tmp_path):
    out = tmp_path / "reports"
    params = {"corpus_dir": str(extended_corpus), "reports_dir": str(out)}
    notebooks.run(OVERVIEW, params, output=tmp_path / "run.ipynb")
    before = {p.name: p.read_bytes() for p in (out / "01_corpus_overview").iterdir()}
    (extended_corpus / "012_odesa.txt").write_bytes(b"")
    with pytest.raises(notebooks.NotebookFailed) as e:
        notebooks.run(OVERVIEW, params, output=tmp_path / "run.ipynb")
    assert "CorpusError" in str(e.value) and "012_odesa.txt: empty file" in str(e.value)
    after = {p.name: p.read_bytes() for p in (out / "01_corpus_overview").iterdir()}
    assert after == before
    assert not (out / ".staging").exists()


def test_cli_build_reports_bad_input_in_one_line(extended_corpus):
    (extended_corpus / "012_odesa.txt").write_bytes(b"caf\xe9 bad")    # latin-1
    proc = subprocess.run([sys.executable, "-m", "analysis", "build", str(extended_corpus)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"error: {extended_corpus}/012_odesa.txt: not valid UTF-8 at byte 3 (invalid continuation byte)"]


def test_cli_run_refuses_unknown_parameter():
    proc = subprocess.run([sys.executable, "-m", "analysis", "run", str(OVERVIEW), "-p", "colour", "red"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == (
        "error: notebooks/01_corpus_overview.ipynb: unknown parameter(s) colour (known: corpus_dir, reports_dir)")


def test_source_note_names_every_document_and_flags_inferred_dates(seeds_corpus):
    from analysis.kit.figures import source_note

    note = source_note(seeds_corpus.documents)
    assert note == ("Source: 000 World Socialist Web Site, 30 Mar 2023; 001 Business Insider, 29 Mar 2023 "
                    "(date inferred); 003 unknown, 7 Mar 2023 (date inferred); 004 Popular Resistance, "
                    "30 Nov 2024 (date inferred)")


def test_figures_are_byte_identical_across_saves(seeds_corpus, tmp_path):
    from analysis.kit import figures
    from analysis.questions import corpus_overview as overview

    for run in ("a", "b"):
        figures.save_figure(overview.sections_figure(overview.words_by_section(seeds_corpus)), tmp_path / run, "w", seeds_corpus.documents)
    for ext in ("png", "svg"):
        assert (tmp_path / "a" / f"w.{ext}").read_bytes() == (tmp_path / "b" / f"w.{ext}").read_bytes()
    assert b"<dc:date>" not in (tmp_path / "a" / "w.svg").read_bytes()


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem)
def test_committed_notebooks_hold_no_machine_specific_output(notebook):
    text = notebook.read_text(encoding="utf-8")
    assert str(ROOT) not in text, "an output shows this checkout's absolute path; it would differ in any other clone"
    nb = json.loads(text)
    assert "papermill" not in nb["metadata"]
    assert all("execution" not in c.get("metadata", {}) for c in nb["cells"])
