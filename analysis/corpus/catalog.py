"""The corpus catalog: one row of metadata per article file.

``seeds/catalog.csv`` (UTF-8, comma separated, header row) has the columns

==========  ================================================================
doc_id      short unique id; the file name starts with it (``000`` for
            ``000_9e88d0ce7a2ded2b.txt``)
file        file name inside the corpus folder
outlet      publication that carried the text (``unknown`` when not known)
author      byline, empty when the text has none
title       headline, empty when the text has none
published   publication date, ``YYYY-MM-DD``
date_basis  how the date was established: ``byline`` (printed in the
            article), ``metadata`` (from the outlet's page) or ``inferred``
            (reasoned from the text; ``notes`` says how) or ``unknown``
            (no date found; ``published`` is then empty)
url         address of the original, empty if not known
notes       free text: provenance, caveats
==========  ================================================================
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import display

CATALOG_NAME = "catalog.csv"
COLUMNS = ["doc_id", "file", "outlet", "author", "title", "published",
           "date_basis", "url", "notes"]
REQUIRED = ["doc_id", "file", "outlet", "published", "date_basis"]
DATE_BASES = ("byline", "metadata", "inferred", "unknown")
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\Z")
ARTICLE_SUFFIX = ".txt"
# What make (no spaces, ':', '$', '#', '%'), a shell and a URL path all carry as is.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def safe_name(name: str) -> bool:
    return bool(_NAME.match(name))


def _bad_chars(name: str) -> str:
    """The characters of ``name`` that make, a shell or a URL cannot carry, e.g. "' ', ':'"."""
    bad = dict.fromkeys(ch for ch in name if not re.fullmatch(r"[A-Za-z0-9._-]", ch))
    return ", ".join(repr(ch) for ch in bad) or repr(name[:1])


def check_url(url: str) -> str | None:
    """None for an empty or absolute http(s) URL, else what is wrong with it."""
    if not url:
        return None
    from urllib.parse import urlsplit

    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "contains white space or control characters"
    try:
        parts = urlsplit(url)
    except ValueError as e:
        return str(e)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "is not an http:// or https:// address"
    return None


def read_catalog(corpus_dir: Path) -> pd.DataFrame:
    """Read and check the catalog; one row per document, columns as in the module doc.

    ``published`` becomes a ``datetime.date``; ``line`` (the CSV line number) is
    added so later messages can point at the row. Raises CorpusError on the first
    problem: missing catalog or column, empty required field, duplicate doc_id,
    unparseable date, unknown date_basis, a file name make or a URL cannot carry,
    a file listed twice, a ``url`` that is not http(s), a row whose file is missing
    or resolves (through a link) outside the corpus folder, or a .txt file in the
    folder that has no row (see ``check_folder``). Warnings about ignored files are
    in ``frame.attrs["warnings"]``.
    """
    corpus_dir = Path(corpus_dir)
    path = corpus_dir / CATALOG_NAME
    where = display(path)
    if not path.is_file():
        raise CorpusError(f"{where}: catalog not found (one row per article is required)")
    if not path.resolve().is_relative_to(corpus_dir.resolve()):
        raise CorpusError(f"{where}: a link to {path.resolve()}, outside the corpus folder (only files inside it are read)")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{where}: not valid UTF-8 at byte {e.start}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CorpusError(f"{where}: missing column(s) {', '.join(missing)}")

    rows, first_line, file_line = [], {}, {}
    root = corpus_dir.resolve()
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise CorpusError(f"{where} line {line}: wrong number of fields")
        row = {c: (row[c] or "").strip() for c in COLUMNS}
        if not any(row.values()):
            continue
        for c in REQUIRED:
            if not row[c] and not (c == "published" and row["date_basis"] == "unknown"):
                raise CorpusError(f"{where} line {line}: empty {c}")
        doc_id = row["doc_id"]
        if not _DOC_ID.match(doc_id):
            raise CorpusError(f"{where} line {line}: doc_id {doc_id!r} must be letters, digits or '-' "
                              f"(it names files and pages: make and URLs cannot carry the rest)")
        if doc_id in first_line:
            raise CorpusError(f"{where} line {line}: duplicate doc_id {doc_id!r} (first on line {first_line[doc_id]})")
        first_line[doc_id] = line
        name = row["file"]
        if not safe_name(name):
            raise CorpusError(f"{where} line {line}: file {name!r} must be a plain file name of letters, digits, "
                              f"'.', '_' and '-' (not {_bad_chars(name)}: make and URLs cannot carry them)")
        if name.casefold() in file_line:
            raise CorpusError(f"{where} line {line}: file {name!r} is already listed on line "
                              f"{file_line[name.casefold()]} (each file is one document)")
        file_line[name.casefold()] = line
        if not name.startswith(doc_id):
            raise CorpusError(f"{where} line {line}: file {name!r} does not start with doc_id {doc_id!r}")
        problem = check_url(row["url"])
        if problem:
            raise CorpusError(f"{where} line {line}: url {row['url']!r} {problem}")
        try:
            row["published"] = dt.date.fromisoformat(row["published"]) if row["published"] else None
        except ValueError:
            raise CorpusError(f"{where} line {line}: published {row['published']!r} is not a date (YYYY-MM-DD)") from None
        if row["date_basis"] not in DATE_BASES:
            raise CorpusError(f"{where} line {line}: date_basis {row['date_basis']!r} is not one of {', '.join(DATE_BASES)}")
        article = corpus_dir / name
        if article.is_symlink() or article.exists():
            target = article.resolve()
            if not target.is_relative_to(root):
                raise CorpusError(f"{where} line {line}: file {name!r} is a link to {target}, outside the corpus "
                                  f"folder {display(corpus_dir)} (only files inside it are read)")
            if not target.is_file():
                raise CorpusError(f"{where} line {line}: file {name!r} is not a regular file")
        else:
            raise CorpusError(f"{where} line {line}: file {name!r} not found in {display(corpus_dir)}")
        row["line"] = line
        rows.append(row)

    if not rows:
        raise CorpusError(f"{where}: no documents listed")
    warnings = check_folder(corpus_dir, {r["file"] for r in rows})
    frame = pd.DataFrame(rows, columns=COLUMNS + ["line"])
    frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
    frame.attrs["warnings"] = warnings
    return frame


def check_folder(corpus_dir: Path, listed: set) -> list[str]:
    """What else is in the corpus folder: an error for an article the catalog misses, a
    warning line (returned) for what is ignored.

    Errors: a ``.txt`` file (any case: ``.TXT`` too) with no catalog row; a subfolder
    holding ``.txt`` files (articles must sit in the folder itself); any name make
    cannot carry. Ignored with a warning: other files (``.md`` notes, ...), subfolders
    without ``.txt`` files. Ignored silently: hidden files (``.DS_Store``, editor swap files).
    """
    where = display(corpus_dir / CATALOG_NAME)
    warnings = []
    for f in sorted(corpus_dir.iterdir()):
        if f.name.startswith(".") or f.name == CATALOG_NAME or f.name in listed:
            continue
        if not safe_name(f.name):
            raise CorpusError(f"{display(f)}: name has {_bad_chars(f.name)}, which make and URLs cannot carry "
                              f"(rename it to letters, digits, '.', '_' and '-')")
        if f.is_dir():
            inside = sorted(p for p in f.rglob("*") if p.suffix.lower() == ARTICLE_SUFFIX)
            if inside:
                raise CorpusError(f"{display(f)}: subfolder with {len(inside)} .txt file(s), e.g. "
                                  f"{display(inside[0])}; articles must sit in {display(corpus_dir)} itself, "
                                  f"each with a row in {where}")
            warnings.append(f"{display(f)}: subfolder ignored (no .txt files in it)")
        elif f.suffix.lower() == ARTICLE_SUFFIX:
            raise CorpusError(f"{display(f)}: no catalog row (add one to {where})")
        else:
            warnings.append(f"{display(f)}: not a .txt article and not in {where}: ignored")
    return warnings
