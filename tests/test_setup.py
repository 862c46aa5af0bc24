"""Set-up on the Pythons analysts have: one lock for CPython 3.11-3.13, a clear refusal of
anything else, notebooks that record nothing of the machine, and .py twins in step."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from analysis.corpus.paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
has_make = shutil.which("make") is not None
has_git = (ROOT / ".git").exists()


def run(cmd, cwd, env=None, timeout=None):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def version_of(python):
    try:
        out = run([python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], ROOT, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return tuple(int(p) for p in out.stdout.split(".")) if out.returncode == 0 else None


def interpreters():
    """Every CPython this machine has, by path: on the PATH, pyenv's, Debian's."""
    found = {}
    candidates = [shutil.which(f"python3.{m}") for m in range(6, 15)]
    candidates += glob.glob(os.path.expanduser("~/.pyenv/versions/*/bin/python3.*[0-9]"))
    candidates += glob.glob("/usr/bin/python3.*[0-9]")
    for path in filter(None, candidates):
        v = version_of(path)
        if v and path not in found:
            found[path] = v
    return found


def test_lock_pins_every_package_with_hashes_for_all_supported_pythons():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2])
    pinned = {re.match(r"([A-Za-z0-9_.\-]+)==", e).group(1).lower().replace("_", "-")
              for e in entries if "==" in e}
    wanted = project["dependencies"] + [d for ds in project["optional-dependencies"].values() for d in ds]
    missing = [d for d in wanted if d.lower().replace("_", "-") not in pinned]
    assert not missing, f"in pyproject.toml but not in requirements.lock (run make lock): {missing}"
    unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
    assert not unhashed
    assert "--universal" in lock.splitlines()[1]


@pytest.mark.skipif(not has_make, reason="needs make")
def test_an_unsupported_or_missing_python_is_refused_in_one_line(tmp_path):
    old = sorted((p for p, v in interpreters().items() if v[:2] < (3, 11)), key=lambda p: interpreters()[p])
    cases = [("/nonexistent/python3", "'/nonexistent/python3' is not a Python on the PATH")]
    if old:
        v = interpreters()[old[-1]]
        cases.append((old[-1], f"found CPython {'.'.join(map(str, v))} at "))
    for python, says in cases:
        venv = tmp_path / "venv"
        # as typed at a prompt: not inside the make that runs the tests (no "Entering directory")
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
        out = run(["make", "setup", f"PYTHON={python}", f"VENV={venv}"], ROOT, env)
        lines = (out.stdout + out.stderr).strip().splitlines()
        assert out.returncode != 0
        assert len(lines) == 1 and "error: need CPython 3.11-3.13; " in lines[0] and says in lines[0], lines
        assert not venv.exists()


def test_committed_notebooks_carry_no_interpreter_version_or_machine_paths():
    for nb_path in NOTEBOOKS:
        text = nb_path.read_text(encoding="utf-8")
        nb = json.loads(text)
        assert "version" not in nb["metadata"].get("language_info", {}), nb_path.name
        assert "papermill" not in nb["metadata"], nb_path.name
        for machine_path in {sys.prefix, sys.base_prefix, str(ROOT)}:
            assert machine_path not in text, f"{nb_path.name} names {machine_path}"


@pytest.mark.skipif(shutil.which("jupytext", path=str(Path(sys.executable).parent)) is None,
                    reason="needs jupytext in the venv")
def test_each_notebook_has_a_py_percent_twin_in_sync(tmp_path):
    jupytext = str(Path(sys.executable).parent / "jupytext")
    assert NOTEBOOKS
    for nb_path in NOTEBOOKS:
        twin = nb_path.with_suffix(".py")
        assert twin.exists(), f"{twin.name} missing (run make sync)"
        # written beside a copy of pyproject.toml, so jupytext reads the project's configuration
        (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
        fresh = tmp_path / twin.name
        out = run([jupytext, "--quiet", "--to", "py:percent", "-o", str(fresh), str(nb_path)], ROOT)
        assert out.returncode == 0, out.stderr
        assert fresh.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8"), \
            f"{twin.name} is out of step (run make sync)"
        assert not twin.read_text(encoding="utf-8").startswith("# ---"), "twin carries notebook metadata"
        assert twin.read_text(encoding="utf-8").count("# %%") == len(json.loads(nb_path.read_text())["cells"])


def second_python():
    """A supported interpreter other than the one running the tests, another minor version first."""
    here = tuple(sys.version_info[:3])
    others = [(p, v) for p, v in interpreters().items() if (3, 11) <= v[:2] <= (3, 13) and v != here]
    others.sort(key=lambda pv: (pv[1][:2] == here[:2], pv[0]))
    return others[0] if others else (None, None)


@pytest.mark.skipif(not (has_make and has_git), reason="needs make and a git checkout")
def test_make_reports_under_a_second_python_leaves_git_status_clean(tmp_path):
    python, version = second_python()
    if python is None:
        pytest.skip(f"no supported CPython other than {sys.version.split()[0]} on this machine "
                    "(install python3.12 or python3.13, or Debian's python3.11)")
    clone = tmp_path / "clone"
    assert run(["git", "clone", "-q", str(ROOT), str(clone)], tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    venv = tmp_path / "venv"
    started = time.monotonic()
    setup = run(["make", "setup", f"PYTHON={python}", f"VENV={venv}"], clone, env)
    assert setup.returncode == 0, setup.stdout[-2000:] + setup.stderr[-2000:]
    print(f"set-up with {python} ({'.'.join(map(str, version))}): {time.monotonic() - started:.0f} s")
    ran = run(["make", "-B", "reports", f"PYTHON={python}", f"VENV={venv}"], clone, env)
    assert ran.returncode == 0, ran.stdout[-2000:] + ran.stderr[-2000:]
    assert "analysis run notebooks/07_negotiations_timeline.ipynb" in ran.stdout
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], clone)
    assert status.stdout == "", f"make -B reports under {python} changed tracked files:\n" + status.stdout
