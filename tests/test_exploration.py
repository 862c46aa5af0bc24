"""Exploring cannot overwrite the published reports: only `make reports` writes into reports/."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import add_article, copy_seeds
from nbclient import NotebookClient

from analysis.corpus.paths import NOTEBOOKS, REPORTS, ROOT, RUNS, SCRATCH
from analysis.publish import notebooks

OVERVIEW = NOTEBOOKS / "01_corpus_overview.ipynb"
HAS_GIT = (ROOT / ".git").exists() and shutil.which("git") is not None
HAS_MAKE = HAS_GIT and shutil.which("make") is not None


def tree_digest(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def git_status(cwd=ROOT) -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=cwd,
                          capture_output=True, text=True, check=True).stdout


def run_like_lab(notebook: Path, edit=None):
    """What JupyterLab's 'Run all' does: nbclient on the file, from its folder, unsaved."""
    nb = nbformat.read(notebook, as_version=4)
    if edit:
        cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        cell.source = edit(cell.source)
    NotebookClient(nb, kernel_name="python3", timeout=600,
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


def printed(nb) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if o.get("output_type") == "stream")


@pytest.mark.skipif(not HAS_GIT, reason="needs a git checkout")
def test_running_a_notebook_like_lab_leaves_git_and_reports_untouched(tmp_path):
    status, reports, committed = git_status(), tree_digest(REPORTS), OVERVIEW.read_bytes()
    nb = run_like_lab(OVERVIEW)
    assert "outputs written to build/scratch/01_corpus_overview/ (not the published reports/)" in printed(nb)
    assert (SCRATCH / "01_corpus_overview" / "answer.md").exists()

    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "012_odesa.txt", "Drones hit Odesa\n\nODESA (AP) - Drones struck the port, officials said.\n")
    nb = run_like_lab(OVERVIEW, edit=lambda src: src.replace('corpus_dir = "seeds"', f'corpus_dir = "{corpus}"'))
    assert "5 documents" in (SCRATCH / "01_corpus_overview" / "answer.md").read_text()
    assert git_status() == status
    assert tree_digest(REPORTS) == reports
    assert OVERVIEW.read_bytes() == committed


def test_the_notebooks_default_to_a_scratch_folder_not_the_published_one():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        assert notebooks.parameters(path)["reports_dir"] == '"build/scratch"', path.name


def test_run_without_output_writes_under_build_runs_and_keeps_the_committed_notebook(tmp_path):
    committed = OVERVIEW.read_bytes()
    out = notebooks.run(OVERVIEW, {"reports_dir": str(tmp_path / "r")})
    assert out == RUNS / "01_corpus_overview.ipynb"
    assert OVERVIEW.read_bytes() == committed
    assert (tmp_path / "r" / "01_corpus_overview" / "answer.md").exists()


def test_run_in_place_drops_the_injected_parameters(tmp_path):
    copy = tmp_path / "01_corpus_overview.ipynb"
    shutil.copyfile(OVERVIEW, copy)
    notebooks.run(copy, {"reports_dir": str(tmp_path / "published")}, output=copy)
    nb = json.loads(copy.read_text())
    assert not [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert notebooks.parameters(copy)["reports_dir"] == '"build/scratch"'
    assert "outputs written to " + str(tmp_path / "published" / "01_corpus_overview") in copy.read_text()


def test_open_writes_a_parameterised_copy_and_prints_its_lab_url():
    notebook = NOTEBOOKS / "03_stated_position.ipynb"
    committed = notebook.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "analysis", "open", str(notebook), "-p", "actor", "putin",
                           "--no-browser"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    copy = RUNS / "03_stated_position-actor=putin.ipynb"
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("wrote build/runs/03_stated_position-actor=putin.ipynb")
    assert lines[1] == "http://localhost:8888/lab/tree/build/runs/03_stated_position-actor%3Dputin.ipynb"
    nb = json.loads(copy.read_text())
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and 'actor = "putin"' in "".join(injected[0]["source"])
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), "opened unexecuted"
    assert notebook.read_bytes() == committed
    assert notebooks.lab_command(copy)[1:3] == ["lab", f"--ServerApp.root_dir={ROOT}"]


def test_open_refuses_an_unknown_parameter():
    proc = subprocess.run([sys.executable, "-m", "analysis", "open", str(OVERVIEW), "-p", "colour", "red",
                           "--no-browser"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("error: notebooks/01_corpus_overview.ipynb: unknown parameter(s) colour "
                                   "(known: corpus_dir, reports_dir)")


def test_parameter_file_gives_each_notebook_what_it_declares_and_refuses_typos(tmp_path):
    f = tmp_path / "p.yml"
    f.write_text("actor: putin\nabout: Russia\n")
    assert notebooks.params_for(NOTEBOOKS / "03_stated_position.ipynb", notebooks.read_params_file(f), f) \
        == {"actor": "putin"}
    assert notebooks.params_for(OVERVIEW, notebooks.read_params_file(f), f) == {}
    f.write_text("actr: putin\n")
    with pytest.raises(notebooks.NotebookFailed, match="no notebook declares parameter"):
        notebooks.params_for(OVERVIEW, notebooks.read_params_file(f), f)


def make_dry(*args) -> str:
    proc = subprocess.run(["make", "-n", "reports", "SETUP=", *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.skipif(not HAS_MAKE, reason="needs make")
def test_another_corpus_gets_a_reports_folder_and_stamps_of_its_own(tmp_path):
    corpus = copy_seeds(tmp_path / "mycorpus")
    plan = make_dry(f"CORPUS_DIR={corpus}")
    runs = [ln for ln in plan.splitlines() if " -m analysis run " in ln]
    assert len(runs) == len(list(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
    for ln in runs:
        assert f"-p corpus_dir {corpus} -p reports_dir build/reports-mycorpus" in ln
        assert " -o build/runs/" in ln and " -o notebooks/" not in ln
    assert f"analysis site {corpus} build/reports-mycorpus --notebooks build/runs/" in plan
    bad = subprocess.run(["make", "-n", "reports", "SETUP=", f"CORPUS_DIR={corpus}", "REPORTS_DIR=reports"],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode != 0 and "only the default `make reports` publishes into reports/" in bad.stderr


@pytest.mark.skipif(not HAS_MAKE, reason="needs a git checkout and make")
def test_parameter_file_run_builds_its_own_site_and_leaves_git_clean(tmp_path):
    clone = tmp_path / "clone"
    assert subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)]).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(clone)}
    args = [f"VENV={Path(sys.prefix)}", "SETUP=", "PARAMS=params/putin.yml", "REPORTS_DIR=build/reports-putin"]
    proc = subprocess.run(["make", "reports", *args], cwd=clone, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "notebooks/03_stated_position.ipynb: cell 3/" in proc.stderr, "no progress per cell"
    assert "over TCP without encryption" not in proc.stdout + proc.stderr
    assert "KeyboardInterrupt" not in proc.stdout + proc.stderr
    site = clone / "build" / "reports-putin"
    assert "Putin" in (site / "03_stated_position" / "answer.md").read_text()
    rendered = (site / "notebooks" / "03_stated_position.html").read_text()
    assert "injected-parameters" in rendered or "actor = &#34;putin&#34;" in rendered or "putin" in rendered
    index = (site / "index.html").read_text()
    assert "Putin" in index
    assert git_status(clone) == "", "a parameter-file run changed tracked files"
    again = subprocess.run(["make", "--question", "reports", *args], cwd=clone, env=env)
    assert again.returncode == 0, "the same run is up to date"
    other = subprocess.run(["make", "--question", "reports", f"VENV={Path(sys.prefix)}", "SETUP=",
                            "PARAMS=params/putin.yml", "REPORTS_DIR=build/reports-other"], cwd=clone, env=env)
    assert other.returncode != 0, "a run into another folder is not taken as up to date"
