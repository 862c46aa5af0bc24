"""Writing a notebook's outputs: parameters checked up front, files staged then published.

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

from . import runfiles
from .paths import REPORTS, ROOT, display, resolve

CATALOG = "catalog.csv"


class ParameterError(ValueError):
    """A notebook parameter with a wrong type or value; the message is one line."""


# Folders of the project that outputs must never land in (or replace).
_SOURCES = ("analysis", "notebooks", "tests", "seeds", ".git", ".venv")


def check_path(name: str, value, kind: str = "folder", what: str = "parameter") -> Path:
    """A path parameter as an absolute path. A relative one is taken from the project root
    and must stay inside it once links are followed (``../x`` or a link out is refused);
    an absolute one is the user's own choice. ``what`` names it in the message: a notebook
    "parameter", or a command-line "argument"."""
    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ParameterError(f"{what} {name}: expected a {kind} path, got {value!r}")
    path = resolve(value)
    if not Path(value).expanduser().is_absolute() and not path.resolve().is_relative_to(ROOT.resolve()):
        raise ParameterError(f"{what} {name}: {str(value)!r} resolves to {path.resolve()}, outside the project "
                             f"(give an absolute path for a {kind} elsewhere)")
    return path


def check_dir(name: str, value, must_exist: bool = True, output: bool | None = None,
              corpus_dir=None) -> Path:
    """A folder parameter as an absolute path (relative ones from the project root, and
    inside it: see ``check_path``).

    An ``output`` folder (default: one that need not exist, i.e. ``reports_dir``) is never
    the project root or a folder above it, never in the project's sources (analysis/,
    notebooks/, tests/, seeds/), and never a corpus folder (one with a catalog.csv), inside
    one, or holding ``corpus_dir``: outputs there would be read as articles or overwrite them.
    """
    path = check_path(name, value)
    if must_exist and not path.is_dir():
        raise ParameterError(f"parameter {name}: {display(path)} is not a folder")
    if output if output is not None else not must_exist:
        real, root = path.resolve(), ROOT.resolve()
        if root.is_relative_to(real):
            raise ParameterError(f"parameter {name}: {display(path)} is the project folder or above it "
                                 f"(outputs would overwrite its files)")
        corpus = next((a for a in (real, *real.parents) if (a / CATALOG).is_file()), None)
        if corpus is not None:
            raise ParameterError(f"parameter {name}: {display(path)} is {'a' if corpus == real else 'inside a'} "
                                 f"corpus folder ({display(corpus / CATALOG)}): outputs would be read as articles")
        if any(real.is_relative_to(root / s) for s in _SOURCES):
            raise ParameterError(f"parameter {name}: {display(path)} is inside the project's sources")
        if corpus_dir is not None and resolve(corpus_dir).resolve().is_relative_to(real):
            raise ParameterError(f"parameter {name}: {display(path)} holds the corpus folder {display(corpus_dir)}")
    return path


def check_choice(name: str, value, choices) -> str:
    if value not in choices:
        raise ParameterError(f"parameter {name}: {value!r} is not one of {', '.join(map(str, choices))}")
    return value


def check_bool(name: str, value) -> bool:
    if not isinstance(value, bool):
        raise ParameterError(f"parameter {name}: expected True or False, got {value!r}")
    return value


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


def cite_id(doc_id, start, end) -> str:
    """The stable citation id of a span, '004:888-898' (document, raw start-end), written
    the same way in notebooks, CSV files and the site; '' when the row has no span."""
    if any(v is None or (not isinstance(v, str) and pd.isna(v)) for v in (doc_id, start, end)):
        return ""
    return f"{doc_id}:{int(start)}-{int(end)}"


def write_csv(frame: pd.DataFrame, path) -> Path:
    """CSV with fixed formatting (LF line ends, ISO dates, no index) so reruns match byte
    for byte. A table of spans (doc_id, start, end) gets their citation id as ``cite``."""
    path = Path(path)
    if {"doc_id", "start", "end"} <= set(frame.columns) and "cite" not in frame.columns:
        frame = frame.assign(cite=[cite_id(d, s, e) for d, s, e in zip(frame["doc_id"], frame["start"], frame["end"])])
    frame.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return path


def check_list(name: str, value, choices) -> list:
    """A non-empty list whose every item is one of ``choices``."""
    if not isinstance(value, (list, tuple)) or not value:
        raise ParameterError(f"parameter {name}: expected a non-empty list, got {value!r}")
    unknown = [v for v in value if v not in choices]
    if unknown:
        raise ParameterError(f"parameter {name}: unknown value(s) {', '.join(map(repr, unknown))} "
                             f"(choose from {', '.join(map(str, choices))})")
    return list(value)


def check_int(name: str, value, minimum: int = 1) -> int:
    """A whole number of at least ``minimum`` (True/False are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(f"parameter {name}: expected a whole number >= {minimum}, got {value!r}")
    if value < minimum:
        raise ParameterError(f"parameter {name}: must be at least {minimum}, got {value!r}")
    return value


def check_date(name: str, value):
    """None (no limit) or an ISO date 'YYYY-MM-DD' (a ``datetime.date`` too: YAML reads
    ``-p date_from 2024-01-01`` as one) as a Timestamp."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return pd.Timestamp(dt.date.fromisoformat(value.strip()))
        except ValueError:
            pass
    raise ParameterError(f"parameter {name}: expected an ISO date 'YYYY-MM-DD' or None, got {value!r}")


def check_period(date_from, date_to) -> tuple:
    """The parameters date_from and date_to as (Timestamp or None, Timestamp or None)."""
    start, end = check_date("date_from", date_from), check_date("date_to", date_to)
    if start is not None and end is not None and end < start:
        raise ParameterError(f"parameter date_to: {date_to!r} is before date_from {date_from!r}")
    return start, end


# ---------------------------------------------------------------- tables as a notebook shows them
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]00:00:00)?")


def _decimals(values) -> int:
    """Decimals for a column of non-whole numbers: three below 1, two below 100, else none."""
    top = max((abs(v) for v in values), default=0)
    return 3 if top < 1 else 2 if top < 100 else 0


def _cell(value, decimals: int) -> object:
    from . import figures

    if isinstance(value, (bool, str)) and not (isinstance(value, str) and _ISO.fullmatch(value)):
        return value
    if value is None or (not isinstance(value, (list, tuple, dict, set)) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.date, str)):
        return figures.day(value)
    if isinstance(value, float):
        return figures.count(value) if value.is_integer() else f"{value:,.{decimals}f}"
    return value


def _column(s: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s):
        return s
    floats = [v for v in s if isinstance(v, float) and pd.notna(v) and not v.is_integer()]
    decimals = _decimals(floats)
    return s.astype(object).map(lambda v: _cell(v, decimals))


def also_in(copies) -> str:
    """The ``copies`` of a row (other documents of its story carrying the same claim,
    "104; 117", see ``copies.merge``) as a reader sees them: 'also in 104, 117'; '' for none."""
    if not isinstance(copies, str):
        return ""
    docs = [d.strip() for d in copies.split(";") if d.strip()]
    return f"also in {', '.join(docs)}" if docs else ""


def display_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for a notebook to show: dates as ``figures.day`` ('6 Mar 2023'),
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
