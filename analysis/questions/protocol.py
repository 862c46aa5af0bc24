"""The question protocol: what every module in ``analysis/questions/`` provides, and the
parameter checks.

A question module (one per notebook, named like it without the number) has

NAME                 the notebook's name, "02_desertion_prosecutions"
PARAMS               its own parameters (``Param``), after the two every question has
                     (``COMMON``: corpus_dir, reports_dir)
TABLES               the tables it writes (``Table``: name, meaning, column spec, what a
                     notebook shows); ``evidence`` is one of them
tables(evidence, corpus, **params)   -> {table name: DataFrame} for every TABLES name,
                     columns exactly as specified (``evidence`` is the loaded evidence tables,
                     ``corpus`` the loaded corpus: a question never loads either itself)
figures(tables, **params)            -> [Figure]
evidence_table(tables)               -> the evidence rows behind the answer, one per value or
                     statement (a story's copies once), each with doc_id and raw start/end
answer(tables, **params)             -> the answer as Markdown
check_together(params)               (optional) checks between parameters, e.g. a period whose
                     end is before its start; raises ParameterError

``analysis.publish.run.Run`` drives a module through these steps for a notebook, so a
notebook is the same few cells for every question. Every check raises ``ParameterError``
with one line naming the parameter.
"""
from __future__ import annotations

import datetime as dt
import inspect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from analysis.corpus.paths import ROOT, display, resolve

if TYPE_CHECKING:        # pandas is imported where it is used: `analysis run` only drives a kernel
    import pandas as pd

TYPES = ("str", "int", "float", "date", "bool")


@dataclass(frozen=True)
class Param:
    """A notebook parameter: its default, its check ``check(name, value) -> value`` and a
    one-line help shown in the notebook's parameters cell."""
    name: str
    default: Any
    check: Callable[[str, Any], Any]
    help: str


@dataclass(frozen=True)
class Column:
    name: str
    type: str        # one of TYPES; a missing value is an empty cell
    meaning: str


@dataclass(frozen=True)
class Table:
    """An output table, written as ``<name>.csv`` and described in ``codebook.md``.
    ``show``: the columns a notebook displays (none: not displayed)."""
    name: str
    meaning: str
    columns: tuple[Column, ...]
    show: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass
class Figure:
    """A figure a question draws, with the documents it uses; ``fig`` is None when there is
    nothing to draw, and ``empty`` then says why."""
    name: str
    fig: Any
    doc_ids: set = field(default_factory=set)
    note: str = ""
    empty: str = "No evidence for this question in the corpus: nothing to draw."


def columns(*rows: tuple[str, str, str]) -> tuple[Column, ...]:
    """A column spec from (name, type, meaning) rows."""
    return tuple(Column(*r) for r in rows)


def conform(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """``frame`` if its columns are exactly ``table``'s, in order; else one line naming them."""
    got, want = list(frame.columns), table.names
    if got != want:
        extra = [c for c in got if c not in want]
        missing = [c for c in want if c not in got]
        raise ValueError(f"table {table.name}: columns differ from its spec"
                         + (f"; not in the spec: {', '.join(map(str, extra))}" if extra else "")
                         + (f"; missing: {', '.join(missing)}" if missing else "")
                         + ("; order differs" if not extra and not missing else ""))
    return frame


class ParameterError(ValueError):
    """A notebook parameter with a wrong type or value; the message is one line."""


def check_params(question, **given) -> dict:
    """Every parameter of ``question`` (``COMMON`` then its ``PARAMS``) checked, defaults
    filled in; an unknown name is refused."""
    params = COMMON + tuple(question.PARAMS)
    known = {p.name for p in params}
    unknown = sorted(set(given) - known)
    if unknown:
        raise ParameterError(f"parameter {unknown[0]}: not a parameter of {question.NAME} "
                             f"(its parameters: {', '.join(p.name for p in params)})")
    out = dict(zip(("corpus_dir", "reports_dir"), check_folders(
        *(given.get(p.name, p.default) for p in COMMON))))
    for p in question.PARAMS:
        out[p.name] = p.check(p.name, given.get(p.name, p.default))
    together = getattr(question, "check_together", None)
    if together is not None:
        together(out)
    return out


REQUIRED = {"tables": ["evidence", "corpus"], "figures": ["tables"], "evidence_table": ["tables"],
            "answer": ["tables"]}


def problems(question) -> list[str]:
    """What in ``question`` does not follow the protocol ([] when it does)."""
    out = []
    for attr, kind in (("NAME", str), ("PARAMS", tuple), ("TABLES", tuple)):
        if not isinstance(getattr(question, attr, None), kind):
            out.append(f"{attr} is not a {kind.__name__}")
    for fn, first in REQUIRED.items():
        f = getattr(question, fn, None)
        if not callable(f):
            out.append(f"no function {fn}")
            continue
        names = [p.name for p in inspect.signature(f).parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if names[:len(first)] != first:
            out.append(f"{fn}({', '.join(names)}): expected ({', '.join(first)}, ...)")
    tables = getattr(question, "TABLES", ())
    if "evidence" not in [t.name for t in tables if isinstance(t, Table)]:
        out.append("no evidence table in TABLES")
    for t in tables:
        if not isinstance(t, Table):
            out.append(f"TABLES holds {t!r}, not a Table")
            continue
        bad = [c.name for c in t.columns if c.type not in TYPES or not c.meaning.strip()]
        if bad:
            out.append(f"table {t.name}: columns without a known type or a meaning: {', '.join(bad)}")
        if not set(t.show) <= set(t.names):
            out.append(f"table {t.name}: shows columns it does not have")
    for p in getattr(question, "PARAMS", ()):
        try:
            p.check(p.name, p.default)
        except ParameterError as e:
            out.append(f"parameter {p.name}: its default fails its own check ({e})")
    return out

CATALOG = "catalog.csv"



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


def check_folders(corpus_dir, reports_dir) -> tuple[Path, Path]:
    """The two folders of every run, checked together: the corpus, and the reports folder
    (an output folder that must not hold the corpus); the notebooks' parameters and the
    site both check them here."""
    corpus = check_dir("corpus_dir", corpus_dir)
    return corpus, check_dir("reports_dir", reports_dir, must_exist=False, corpus_dir=corpus)


def check_choice(name: str, value, choices) -> str:
    if value not in choices:
        raise ParameterError(f"parameter {name}: {value!r} is not one of {', '.join(map(str, choices))}")
    return value


def check_bool(name: str, value) -> bool:
    if not isinstance(value, bool):
        raise ParameterError(f"parameter {name}: expected True or False, got {value!r}")
    return value


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
    import pandas as pd

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
        def shown(v):
            return v.strftime("%Y-%m-%d") if isinstance(v, dt.date) else v
        raise ParameterError(f"parameter date_to: {shown(date_to)!r} is before date_from {shown(date_from)!r}")
    return start, end



COMMON = (
    Param("corpus_dir", "seeds", lambda n, v: check_dir(n, v), "folder with the raw .txt files and catalog.csv"),
    Param("reports_dir", "build/scratch", lambda n, v: check_dir(n, v, must_exist=False),
          "exploration writes here; only `make reports` passes reports/"),
)
