"""Executing notebooks with papermill, reproducibly.

``run`` refuses unknown parameters, executes into a temporary file, strips
volatile metadata (timings, papermill bookkeeping) and only then renames the
result into place. A failing cell becomes one ``NotebookFailed`` line that names
the notebook and the cell.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .paths import BUILD, ROOT, display

KERNEL = "python3"


class NotebookFailed(RuntimeError):
    """One line: notebook, cell, and the error it raised."""


def parameters(notebook) -> dict:
    """The names and defaults of a notebook's ``parameters`` cell."""
    import papermill

    return {name: info["default"] for name, info in papermill.inspect_notebook(str(notebook)).items()}


def normalise(nb: dict) -> dict:
    """Drop what changes from run to run or machine to machine: timings, papermill's
    bookkeeping, the interpreter's version."""
    nb.get("metadata", {}).pop("papermill", None)
    nb.get("metadata", {}).pop("widgets", None)
    nb.get("metadata", {}).get("language_info", {}).pop("version", None)
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {})
        meta.pop("papermill", None)
        meta.pop("execution", None)
        if "tags" in meta and not meta["tags"]:
            del meta["tags"]
    return nb


def write_notebook(nb: dict, path: Path) -> None:
    text = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    tmp = path.with_name(f".{path.stem}.tmp.ipynb")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def run(notebook, params: dict | None = None, output=None) -> Path:
    """Execute ``notebook`` with ``params``; write it (in place by default, or to ``output``).

    With parameters and no ``output``, the result goes to ``build/runs/`` so the
    committed notebook keeps its default run.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(notebook).resolve()
    params = dict(params or {})
    known = parameters(notebook)
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise NotebookFailed(f"{display(notebook)}: unknown parameter(s) {', '.join(unknown)} "
                             f"(known: {', '.join(known) or 'none'})")
    if output is None:
        output = notebook if not params else BUILD / "runs" / notebook.name
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.stem}.tmp.ipynb")
    try:
        papermill.execute_notebook(str(notebook), str(tmp), parameters=params or None,
                                   kernel_name=KERNEL, cwd=str(ROOT), progress_bar=False,
                                   log_output=False)
    except PapermillExecutionError as e:
        tmp.unlink(missing_ok=True)
        first = next((ln for ln in (e.source or "").splitlines() if ln.strip()), "")
        cell = f"{_own_cell_number(notebook, e.cell_index, bool(params))} ({first.strip()[:60]!r})"
        message = str(e.evalue).strip().splitlines()[0] if str(e.evalue).strip() else ""
        raise NotebookFailed(f"{display(notebook)}: cell {cell} failed: {e.ename}: {message}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    nb = json.loads(tmp.read_text(encoding="utf-8"))
    tmp.unlink()
    write_notebook(normalise(nb), output)
    return output


def _own_cell_number(notebook: Path, executed_index: int, injected: bool) -> int:
    """1-based position of a cell in the notebook as saved: papermill's injected
    parameters cell (placed after the ``parameters`` cell) is not counted."""
    if injected:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        tagged = [i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
        if tagged and executed_index > tagged[0]:
            executed_index -= 1
    return executed_index + 1
