"""One kernel run per notebook: its first code cell checks the parameters (the checks
themselves are tested without a kernel in test_protocol.py)."""
import json

import pytest

from analysis.corpus.paths import NOTEBOOKS
from analysis.publish import notebooks

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def first_code_cell_after_parameters(path) -> int:
    cells = json.loads(path.read_text())["cells"]
    params = next(i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", []))
    return next(i for i, c in enumerate(cells) if i > params and c["cell_type"] == "code") + 1


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.stem)
def test_a_bad_parameter_stops_the_first_cell_naming_it(path, tmp_path):
    with pytest.raises(notebooks.NotebookFailed) as e:
        notebooks.run(path, {"corpus_dir": str(tmp_path / "nowhere"), "reports_dir": str(tmp_path / "out")},
                      output=tmp_path / "run.ipynb")
    message = str(e.value)
    assert f"cell {first_code_cell_after_parameters(path)} " in message
    assert "ParameterError: parameter corpus_dir:" in message and "is not a folder" in message
    assert not (tmp_path / "out").exists()
