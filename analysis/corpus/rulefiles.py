"""Reading the rule files and codebooks in analysis/data/ that analysts edit.

A mistake in one (bad TOML, a missing column) stops with one line naming the file,
as bad corpus input does, instead of a traceback from deep inside an extractor.
"""
from __future__ import annotations

import csv
import re
import tomllib
from functools import lru_cache

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
    if name in ROW_CHECKS:
        required, optional, check = ROW_CHECKS[name]
        check(name, read_rows(name, required, optional))
    return frame


# ---------------------------------------------------------------- validated CSV codebooks

def read_rows(name: str, required=(), optional=()) -> list[tuple[int, dict]]:
    """(line number, row) for every data row of CSV ``name``; its header must have every column
    of ``required`` and nothing outside ``required`` + ``optional`` (an absent optional column
    reads as ""). Any problem is one CorpusError naming file and line."""
    path = DATA / name
    where = display(path)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                raise CorpusError(f"{where}: empty file")
            header = [h.strip() for h in header]
            unknown = [h for h in header if h not in (*required, *optional)]
            if unknown:
                raise CorpusError(f"{where} line 1: unknown column(s) {', '.join(unknown)} "
                                  f"(columns: {', '.join((*required, *optional))})")
            missing = [c for c in required if c not in header]
            if missing:
                raise CorpusError(f"{where} line 1: missing column(s) {', '.join(missing)}")
            rows = []
            for fields in reader:
                line = reader.line_num
                if not any(x.strip() for x in fields):
                    continue
                if len(fields) != len(header):
                    raise CorpusError(f"{where} line {line}: {len(fields)} fields, the header has {len(header)}")
                row = dict.fromkeys((*required, *optional), "") | dict(zip(header, fields))
                rows.append((line, row))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise CorpusError(f"{where}: {str(e).splitlines()[0]}") from None
    return rows


def _fail(name: str, line: int, problem: str):
    raise CorpusError(f"{display(DATA / name)} line {line}: {problem}")


def _unique_key(name: str, rows, key: str) -> None:
    seen = {}
    for line, r in rows:
        if not r[key].strip():
            _fail(name, line, f"empty {key}")
        if r[key] in seen:
            _fail(name, line, f"duplicate {key} {r[key]!r} (first on line {seen[r[key]]})")
        seen[r[key]] = line


def _split(value: str) -> list[str]:
    return [x.strip() for x in value.split(";") if x.strip()]


SIDE_COLUMNS = ("side", "adjective", "demonym", "possessive", "capitals", "belligerent", "colour")


@lru_cache(maxsize=1)
def sides() -> list[dict]:
    """``data/sides.csv``, one dict per side in file order: side, adjective ("Ukrainian"), demonym
    ("Ukrainians"), possessive ("Ukraine's"), capitals (list), belligerent (bool), colour
    ("#1f4e79"), and words: the lower-case words that mark the side in text (adjective, demonym,
    possessive and the capitals' possessives, with straight and curly apostrophes)."""
    name = "sides.csv"
    rows = read_rows(name, SIDE_COLUMNS[:1], SIDE_COLUMNS[1:])
    _unique_key(name, rows, "side")
    out = []
    for line, r in rows:
        r = {k: v.strip() for k, v in r.items()}
        if r["belligerent"].lower() not in ("true", "false"):
            _fail(name, line, f"belligerent must be true or false, not {r['belligerent']!r}")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", r["colour"]):
            _fail(name, line, f"colour must be #rrggbb, not {r['colour']!r}")
        r["belligerent"] = r["belligerent"].lower() == "true"
        r["capitals"] = _split(r["capitals"])
        possessives = [r["possessive"]] * bool(r["possessive"]) + [f"{c}'s" for c in r["capitals"]]
        words = [r["adjective"], r["demonym"]] + [v for p in possessives for v in (p, p.replace("'", "’"))]
        r["words"] = list(dict.fromkeys(w.lower() for w in words if w))
        out.append(r)
    return out


def side_names() -> list[str]:
    return [s["side"] for s in sides()]


def belligerents() -> list[str]:
    """The parties to the war, in the order of sides.csv."""
    return [s["side"] for s in sides() if s["belligerent"]]


MEASURE_COLUMNS = ("measure_id", "label", "kinds", "cues", "max_chars", "counts_as", "words", "default_unit",
                   "groups")
MEASURE_KINDS = ("count", "vague", "percent", "ratio", "duration", "money")
COUNTS_AS = ("casualty", "not_casualty", "other")


@lru_cache(maxsize=1)
def measures() -> list[dict]:
    """``data/measures.csv``, one dict per measure in file order (rank = row order): the columns
    as text, except kinds, cues and groups (lists; ``;``-separated in the file)."""
    name = "measures.csv"
    rows = read_rows(name, MEASURE_COLUMNS[:6], MEASURE_COLUMNS[6:])
    _unique_key(name, rows, "measure_id")
    out = []
    for line, r in rows:
        r["kinds"] = [k for k in r["kinds"].split(";") if k]
        r["cues"] = _split(r["cues"])
        r["groups"] = _split(r["groups"])
        bad = [k for k in r["kinds"] if k not in MEASURE_KINDS]
        if bad:
            _fail(name, line, f"unknown kind {', '.join(bad)} (kinds: {', '.join(MEASURE_KINDS)})")
        if r["counts_as"] not in COUNTS_AS:
            _fail(name, line, f"counts_as must be one of {', '.join(COUNTS_AS)}, not {r['counts_as']!r}")
        if r["max_chars"] and not r["max_chars"].isdigit():
            _fail(name, line, f"max_chars must be a whole number, not {r['max_chars']!r}")
        out.append(r)
    return out


@lru_cache(maxsize=None)
def measure_column(column: str) -> dict:
    """measure_id -> the value of ``column`` of measures.csv."""
    return {m["measure_id"]: m[column] for m in measures()}


@lru_cache(maxsize=None)
def measure_group(group: str) -> tuple[str, ...]:
    """The measure_ids whose ``groups`` list ``group`` (file order)."""
    return tuple(m["measure_id"] for m in measures() if group in m["groups"])


def clear_caches() -> None:
    """Forget the loaded codebooks (tests that edit a copy of the data)."""
    sides.cache_clear()
    measures.cache_clear()
    measure_column.cache_clear()
    measure_group.cache_clear()
    voice_colours.cache_clear()


# ---------------------------------------------------------------- row checks of the other CSV codebooks

def _check_actors(name: str, rows) -> None:
    _unique_key(name, rows, "actor_id")
    known = side_names()
    for line, r in rows:
        for column in ("name", "aliases", "side", "role", "kind"):
            if not r[column].strip():
                _fail(name, line, f"empty {column}")
        if r["side"] not in known:
            _fail(name, line, f"unknown side {r['side']!r} (sides.csv: {', '.join(known)})")
        if r["kind"] not in ACTOR_KINDS:
            _fail(name, line, f"unknown kind {r['kind']!r} (kinds: {', '.join(ACTOR_KINDS)})")
        if r["gender"] not in ("", "m", "f"):
            _fail(name, line, f"gender must be m, f or empty, not {r['gender']!r}")


def _check_voices(name: str, rows) -> None:
    known, seen, colours = side_names(), {}, {}
    for line, r in rows:
        for column in ("side", "role", "voice"):
            if not r[column].strip():
                _fail(name, line, f"empty {column}")
        if r["side"] not in known:
            _fail(name, line, f"unknown side {r['side']!r} (sides.csv: {', '.join(known)})")
        if (r["side"], r["role"]) in seen:
            _fail(name, line, f"duplicate side and role {r['side']}, {r['role']} (first on line {seen[r['side'], r['role']]})")
        seen[r["side"], r["role"]] = line
        if r["colour"] and not re.fullmatch(r"#[0-9a-fA-F]{6}", r["colour"]):
            _fail(name, line, f"colour must be #rrggbb or empty, not {r['colour']!r}")
        if r["colour"] and colours.setdefault(r["voice"], r["colour"]) != r["colour"]:
            _fail(name, line, f"voice {r['voice']!r} has colour {colours[r['voice']]} on an earlier line")


def _check_spellings(name: str, rows) -> None:
    seen = {}
    for line, r in rows:
        for column in ("group", "variant", "convention"):
            if not r[column].strip():
                _fail(name, line, f"empty {column}")
        if (r["group"], r["variant"]) in seen:
            _fail(name, line, f"duplicate variant {r['variant']!r} of {r['group']!r} (first on line {seen[r['group'], r['variant']]})")
        seen[r["group"], r["variant"]] = line


ACTOR_KINDS = ("person", "institution", "publication", "group")
# file -> (required columns, optional columns, check of the rows): load_csv runs the check
ROW_CHECKS = {
    "actors.csv": (("actor_id", "name", "aliases", "side", "role", "kind", "gender"), (), _check_actors),
    "voices.csv": (("side", "role", "voice"), ("note", "colour"), _check_voices),
    "spelling_variants.csv": (("group", "variant", "convention"), ("note",), _check_spellings),
}


@lru_cache(maxsize=1)
def voice_colours() -> dict:
    """voice -> its colour in voices.csv (voices without one are left out)."""
    return {r["voice"]: r["colour"] for _, r in read_rows("voices.csv", *ROW_CHECKS["voices.csv"][:2]) if r["colour"]}


def load_lines(name: str) -> list[str]:
    """The entries of a one-per-line list (``#`` starts a comment line), blank lines left out."""
    path = DATA / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{display(path)}: {str(e).splitlines()[0]}") from None
    out = []
    for i, ln in enumerate(lines, 1):
        if not ln.strip() or ln.startswith("#"):
            continue
        if len(ln.split()) != 1:
            raise CorpusError(f"{display(path)} line {i}: one entry per line, got {ln.strip()!r}")
        out.append(ln.strip())
    return out
