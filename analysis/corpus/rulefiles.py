"""Reading the rule files and codebooks in analysis/data/ that analysts edit.

A mistake in one (bad TOML, a missing column) stops with one line naming the file,
as bad corpus input does, instead of a traceback from deep inside an extractor.
"""
from __future__ import annotations

import tomllib

import pandas as pd

from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import DATA, display


def load_toml(name: str) -> dict:
    path = DATA / name
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise CorpusError(f"{display(path)}: {e}") from None


def load_csv(name: str, columns=(), **read_csv_args) -> pd.DataFrame:
    """The CSV as a DataFrame; CorpusError naming the file if it cannot be read or lacks ``columns``."""
    path = DATA / name
    try:
        frame = pd.read_csv(path, **read_csv_args)
    except (OSError, ValueError, pd.errors.ParserError) as e:
        raise CorpusError(f"{display(path)}: {str(e).splitlines()[0]}") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CorpusError(f"{display(path)}: missing column(s) {', '.join(missing)}")
    return frame
