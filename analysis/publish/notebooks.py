"""Executing notebooks with papermill, reproducibly, without touching what is published.

``run`` refuses unknown parameters, executes into a temporary file, strips
volatile metadata (timings, papermill bookkeeping) and only then renames the
result into place. A failing cell becomes one ``NotebookFailed`` line that names
the notebook and the cell.

A notebook's own ``reports_dir`` default is a scratch folder under ``build/``:
running it in JupyterLab, with plain papermill or with ``run`` cannot write into
``reports/``. Only ``make reports`` passes ``reports_dir=reports`` and writes the
executed notebook over the committed one; there the injected parameters cell is
dropped again, so the committed notebook keeps its scratch defaults.
"""
from __future__ import annotations

import json
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from analysis.corpus.paths import NOTEBOOKS, ROOT, RUNS, display

KERNEL = "python3"


class NotebookFailed(RuntimeError):
    """One line: notebook, cell, and the error it raised."""


# Optional modules that papermill and nbconvert import when installed and this package never
# uses: rfc3987_syntax, jsonschema's checker of the 'iri' formats (nbformat validates notebooks
# with jsonschema), builds about 38 Earley grammars when imported (jsonschema issue 1428), and
# pyarrow.fs, papermill's HDFS handler, brings in pyarrow and numpy: together about 2 CPU
# seconds in every process that runs or renders a notebook.
_UNUSED = ("rfc3987_syntax", "pyarrow.fs")


@contextmanager
def lean_imports():
    """Import papermill or nbconvert inside this: the ``_UNUSED`` modules not yet imported
    read as missing, so they skip them (as when they are not installed), and are importable
    again afterwards."""
    held = [m for m in _UNUSED if m not in sys.modules]
    for m in held:
        sys.modules[m] = None
    try:
        yield
    finally:
        for m in held:
            if m in sys.modules and sys.modules[m] is None:
                del sys.modules[m]


def _papermill():
    with lean_imports():
        import papermill
        import papermill.exceptions
    return papermill


def parameters(notebook) -> dict:
    """The names and defaults of a notebook's ``parameters`` cell."""
    papermill = _papermill()
    return {name: info["default"] for name, info in papermill.inspect_notebook(str(notebook)).items()}


def read_params_file(path) -> dict:
    """A YAML mapping of parameter names to values (``params/putin.yml``)."""
    import yaml

    from analysis.corpus.paths import resolve

    path = resolve(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise NotebookFailed(f"{display(path)}: cannot read the parameter file ({e.strerror})") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise NotebookFailed(f"{display(path)}:{where} not valid YAML") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise NotebookFailed(f"{display(path)}: expected a mapping of parameter names to values")
    return data


def params_for(notebook, file_params: dict, params_file, notebooks_dir=NOTEBOOKS) -> dict:
    """The part of a parameter file that ``notebook`` declares. A file holds parameters
    for the whole set, so a name only another notebook declares is skipped; a name no
    notebook declares is a typo and refused."""
    known = parameters(notebook)
    everywhere = set()
    for nb in sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb")):
        everywhere |= set(parameters(nb))
    unknown = sorted(set(file_params) - everywhere - set(known))
    if unknown:
        raise NotebookFailed(f"{display(params_file)}: no notebook declares parameter(s) {', '.join(unknown)}")
    return {k: v for k, v in file_params.items() if k in known}


def run_name(notebook, params: dict) -> str:
    """``03_stated_position-actor=putin``: where an exploratory run goes under build/runs/."""
    stem = Path(notebook).stem
    if not params:
        return stem
    bits = [f"{k}={v}" for k, v in sorted(params.items()) if k != "reports_dir"]
    slug = re.sub(r"[^A-Za-z0-9=.,_-]+", "_", "-".join(bits))[:80].strip("_")
    return f"{stem}-{slug}" if slug else stem


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


def _drop_injected(nb: dict) -> dict:
    nb["cells"] = [c for c in nb["cells"] if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    return nb


def _progress(notebook: Path, injected: bool):
    """A line per cell on stderr, counted as JupyterLab shows them (papermill's own
    progress bar redraws one line with carriage returns, unreadable in a make log)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    total = len(cells)

    def hook(cell, cell_index):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            return
        if cell.get("cell_type") != "code":
            return
        first = next((ln.strip() for ln in cell.get("source", "").splitlines() if ln.strip()), "")
        n = _own_cell_number(notebook, cell_index, injected)
        print(f"  {display(notebook)}: cell {n}/{total} {first[:60]}", file=sys.stderr, flush=True)

    return hook


def _kernel_manager():
    """The kernel manager nbclient uses, made quiet: IPC sockets (files in Jupyter's
    runtime folder, local only), so the kernel does not warn about plain-text TCP; and
    no interrupt on the way out (jupyter_client interrupts before every shutdown, and
    the idle kernel then logs a spurious "KeyboardInterrupt caught in kernel")."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class QuietKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self):
            return "ipc"

        @default("ip")
        def _default_ip(self):
            # jupyter_client's default before a connection file is named is "kernel-ipc" in the
            # working folder: two notebooks started at once (make -j2) took the same socket
            # files and read each other's messages ("Invalid Signature")
            import tempfile
            import uuid

            return os.path.join(tempfile.gettempdir(), f"kernel-{uuid.uuid4().hex[:12]}-ipc")

        async def _async_interrupt_kernel(self):
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return QuietKernelManager


def run(notebook, params: dict | None = None, output=None, progress: bool = False) -> Path:
    """Execute ``notebook`` with ``params``; write the result to ``output``.

    Without ``output`` the result goes to ``build/runs/`` so the committed notebook
    keeps its published run. Written over the notebook itself (what ``make
    reports`` does), the injected parameters cell is dropped: the notebook keeps
    its own defaults, which never point at ``reports/``.
    """
    papermill = _papermill()
    PapermillExecutionError = papermill.exceptions.PapermillExecutionError

    notebook, params = _checked(notebook, params)
    if output is None:
        output = RUNS / f"{run_name(notebook, params)}.ipynb"
    output = Path(output).resolve()
    in_place = output == notebook
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.stem}.tmp.ipynb")
    try:
        papermill.execute_notebook(str(notebook), str(tmp), parameters=params or None,
                                   kernel_name=KERNEL, cwd=str(ROOT), progress_bar=False,
                                   log_output=False, kernel_manager_class=_kernel_manager(),
                                   **({"on_cell_execute": _progress(notebook, bool(params))} if progress else {}))
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
    nb = normalise(nb)
    if in_place:
        nb = _drop_injected(nb)
    write_notebook(nb, output)
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


def _checked(notebook, params: dict | None) -> tuple[Path, dict]:
    """The notebook's resolved path and the parameters, refused if it does not declare one."""
    notebook = Path(notebook).resolve()
    params = dict(params or {})
    known = parameters(notebook)
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise NotebookFailed(f"{display(notebook)}: unknown parameter(s) {', '.join(unknown)} "
                             f"(known: {', '.join(known) or 'none'})")
    return notebook, params


def prepare(notebook, params: dict | None = None) -> Path:
    """A copy of ``notebook`` under ``build/runs/`` with ``params`` injected and nothing
    executed (papermill's prepare-only mode): the analyst explores the copy in
    JupyterLab, the committed notebook stays as it is."""
    papermill = _papermill()
    notebook, params = _checked(notebook, params)
    output = RUNS / f"{run_name(notebook, params)}.ipynb"
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.stem}.tmp.ipynb")
    papermill.execute_notebook(str(notebook), str(tmp), parameters=params or None, kernel_name=KERNEL,
                               prepare_only=True, progress_bar=False, log_output=False)
    nb = json.loads(tmp.read_text(encoding="utf-8"))
    tmp.unlink()
    for cell in nb["cells"]:     # the committed outputs belong to the default run, not to these parameters
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    write_notebook(normalise(nb), output)
    return output


def lab_url(path: Path, port: int = 8888) -> str:
    """Where JupyterLab, started at the project root, shows ``path``."""
    from urllib.parse import quote

    return f"http://localhost:{port}/lab/tree/{quote(Path(path).resolve().relative_to(ROOT).as_posix())}"


def lab_command(path: Path, venv_bin: Path | None = None, port: int = 8888) -> list[str]:
    """JupyterLab at the project root, opened on ``path``, with the project kernel."""
    jupyter = str((venv_bin or Path(sys.executable).parent) / "jupyter")
    cmd = [jupyter, "lab", f"--ServerApp.root_dir={ROOT}", f"--ServerApp.port={port}",
           Path(path).resolve().relative_to(ROOT).as_posix()]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    return cmd
