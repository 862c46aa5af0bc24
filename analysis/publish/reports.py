"""Writing a notebook's outputs: files staged then published, tables as a notebook shows them.

A notebook writes into ``stage(reports_dir, name)`` and calls ``publish`` as its
last step, so a run that fails half-way leaves the previous ``reports/<name>/``
untouched and nothing half-written in its place.

Notebooks default to ``reports_dir = "build/scratch"``; only ``make reports``
passes ``reports/``. ``publish`` prints where the outputs went, so an exploratory
run says it did not touch the published reports.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pandas as pd

from analysis.corpus import runfiles
from analysis.corpus.paths import REPORTS, display, resolve
from analysis.evidence import also_in, cite_id

# Each run's staging folder, by (reports folder, notebook name): names are unique per run
# (see ``runfiles``) so a kernel that outlived a killed make never shares one with a rerun.
_STAGED: dict[tuple[Path, str], Path] = {}


def stage(reports_dir, name: str) -> Path:
    """An empty staging folder for notebook ``name``'s outputs, of this run only."""
    root = resolve(reports_dir)
    staging = root / ".staging" / f"{name}-{runfiles.tag()}"
    staging.mkdir(parents=True)
    previous = _STAGED.pop((root, name), None)
    if previous is not None:     # the notebook was run again in the same kernel
        shutil.rmtree(previous, ignore_errors=True)
    _STAGED[(root, name)] = staging
    return staging


def publish(reports_dir, name: str) -> Path:
    """Replace ``reports_dir/name`` by its staged outputs; returns the final folder.
    Staging and old folders that dead runs left are removed on the way."""
    root = resolve(reports_dir)
    staging = _STAGED.get((root, name))
    if staging is None or not staging.is_dir():
        raise FileNotFoundError(f"{display(root / '.staging')}: nothing staged to publish for {name} "
                                f"in this kernel (run the notebook from the top)")
    final, old = root / name, root / f".old-{name}-{runfiles.tag()}"
    if final.exists():
        os.rename(final, old)
    os.rename(staging, final)
    del _STAGED[(root, name)]
    shutil.rmtree(old, ignore_errors=True)
    runfiles.remove_stale([*(root / ".staging").glob("*"), *root.glob(".old-*")])
    try:
        (root / ".staging").rmdir()
    except OSError:
        pass
    where = "the published reports" if root == REPORTS else "not the published reports/"
    print(f"outputs written to {display(final)}/ ({where})")
    return final


def write_csv(frame: pd.DataFrame, path) -> Path:
    """CSV with fixed formatting (LF line ends, ISO dates, no index) so reruns match byte
    for byte. A table of spans (doc_id, start, end) gets their citation id as ``cite``."""
    path = Path(path)
    if {"doc_id", "start", "end"} <= set(frame.columns) and "cite" not in frame.columns:
        frame = frame.assign(cite=[cite_id(d, s, e) for d, s, e in zip(frame["doc_id"], frame["start"], frame["end"])])
    frame.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return path


# ---------------------------------------------------------------- tables as a notebook shows them
# ---------------------------------------------------------------- tables as a notebook shows them
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]00:00:00)?")


def _decimals(values) -> int:
    """Decimals for a column of non-whole numbers: three below 1, two below 100, else none."""
    top = max((abs(v) for v in values), default=0)
    return 3 if top < 1 else 2 if top < 100 else 0


def _cell(value, decimals: int) -> object:
    from analysis.kit import figures, wording

    if isinstance(value, (bool, str)) and not (isinstance(value, str) and _ISO.fullmatch(value)):
        return value
    if value is None or (not isinstance(value, (list, tuple, dict, set)) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date, str)):
        return wording.day(value)
    if isinstance(value, float):
        return figures.count(value) if value.is_integer() else f"{value:,.{decimals}f}"
    return value


def _column(s: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s):
        return s
    floats = [v for v in s if isinstance(v, float) and pd.notna(v) and not v.is_integer()]
    decimals = _decimals(floats)
    return s.astype(object).map(lambda v: _cell(v, decimals))


def display_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for a notebook to show: dates as ``wording.day`` ('6 Mar 2023'),
    no false precision (whole numbers as counts, '1,060'; others to three decimals below 1,
    two below 100, none above: '66,667', not '66,666.7'), blank cells for missing values (never NaN or NaT). CSV files keep ISO dates
    and full values: this is for the eye only. A ``copies`` column (one row per story, the
    other copies that carry it) reads 'also in 104, 117' (``also_in``).

    A plain DataFrame of strings rather than a pandas Styler: a Styler's HTML carries a
    random id and its text form an object address, so reruns would not write the same bytes."""
    out = frame.copy()
    for col in out.columns:
        out[col] = out[col].map(also_in).astype(object) if col == "copies" else _column(out[col])
    if not isinstance(out.index, pd.RangeIndex):
        out.index = pd.Index(_column(out.index.to_series()), name=out.index.name)
    return out
