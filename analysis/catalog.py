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

from .errors import CorpusError
from .paths import display

CATALOG_NAME = "catalog.csv"
COLUMNS = ["doc_id", "file", "outlet", "author", "title", "published",
           "date_basis", "url", "notes"]
REQUIRED = ["doc_id", "file", "outlet", "published", "date_basis"]
DATE_BASES = ("byline", "metadata", "inferred", "unknown")
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\Z")


def read_catalog(corpus_dir: Path) -> pd.DataFrame:
    """Read and check the catalog; one row per document, columns as in the module doc.

    ``published`` becomes a ``datetime.date``; ``line`` (the CSV line number) is
    added so later messages can point at the row. Raises CorpusError on the first
    problem: missing catalog or column, empty required field, duplicate doc_id,
    unparseable date, unknown date_basis, a row whose file is missing, or a .txt
    file in the folder that has no row.
    """
    corpus_dir = Path(corpus_dir)
    path = corpus_dir / CATALOG_NAME
    where = display(path)
    if not path.is_file():
        raise CorpusError(f"{where}: catalog not found (one row per article is required)")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{where}: not valid UTF-8 at byte {e.start}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CorpusError(f"{where}: missing column(s) {', '.join(missing)}")

    rows, first_line = [], {}
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
            raise CorpusError(f"{where} line {line}: doc_id {doc_id!r} must be letters, digits or '-'")
        if doc_id in first_line:
            raise CorpusError(f"{where} line {line}: duplicate doc_id {doc_id!r} (first on line {first_line[doc_id]})")
        first_line[doc_id] = line
        if not row["file"].startswith(doc_id):
            raise CorpusError(f"{where} line {line}: file {row['file']!r} does not start with doc_id {doc_id!r}")
        try:
            row["published"] = dt.date.fromisoformat(row["published"]) if row["published"] else None
        except ValueError:
            raise CorpusError(f"{where} line {line}: published {row['published']!r} is not a date (YYYY-MM-DD)") from None
        if row["date_basis"] not in DATE_BASES:
            raise CorpusError(f"{where} line {line}: date_basis {row['date_basis']!r} is not one of {', '.join(DATE_BASES)}")
        if not (corpus_dir / row["file"]).is_file():
            raise CorpusError(f"{where} line {line}: file {row['file']!r} not found in {display(corpus_dir)}")
        row["line"] = line
        rows.append(row)

    listed = {r["file"] for r in rows}
    for f in sorted(corpus_dir.glob("*.txt")):
        if f.name not in listed:
            raise CorpusError(f"{display(f)}: no catalog row (add one to {where})")
    if not rows:
        raise CorpusError(f"{where}: no documents listed")
    frame = pd.DataFrame(rows, columns=COLUMNS + ["line"])
    return frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
