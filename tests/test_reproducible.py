"""A forced full re-execution of `make reports` on a clean clone changes no byte in git,
and a second `make reports` has nothing to do."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.corpus.paths import ROOT


def run(cmd, cwd, env=None):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.mark.skipif(not (ROOT / ".git").exists() or shutil.which("make") is None,
                    reason="needs a git checkout and make")
def test_full_rerun_on_a_clean_clone_leaves_git_status_clean(tmp_path):
    clone = tmp_path / "clone"
    assert run(["git", "clone", "-q", str(ROOT), str(clone)], tmp_path).returncode == 0
    venv = Path(sys.prefix)
    env = {**os.environ, "PYTHONPATH": str(clone)}
    # SETUP= : use this test's venv as it is; never reinstall it from the clone
    first = run(["make", "reports", f"VENV={venv}", "SETUP="], clone, env)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    assert "analysis run notebooks/01_corpus_overview.ipynb" in first.stdout
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], clone)
    assert status.stdout == "", "rerun changed tracked files:\n" + status.stdout
    again = run(["make", "--question", "reports", f"VENV={venv}", "SETUP="], clone, env)
    assert again.returncode == 0, "a second make reports would rerun something"
