"""Where a place is named: per sentence, whether it, its paragraph or the paragraphs
before name the place, or the sentence refers to it by a noun ("the city").

Pure functions of the corpus tables (``corpus.tables.load``) and the caller's rules
(the question notebooks read them from their own rule file); nothing here names a place.
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.kit import text as text_kit

# How far from the sentence the place may be named for the sentence to count (``place_basis``).
LEVELS = ("sentence", "anaphor", "paragraph", "quoted")


def word_regex(words) -> re.Pattern:
    """Whole-word, case-insensitive alternation; ``*`` = any ending, a space = any spaces."""
    return text_kit.phrase_regex(words, wildcard=True, after=r"(?!\w)")


def place_regex(place: str) -> re.Pattern:
    """The place name as a whole word, any case ("AVDIIVKA, Ukraine" is a dateline)."""
    body = r"\s+".join(re.escape(w) for w in place.split())
    return re.compile(rf"(?<![\w-]){body}(?!\w)", re.IGNORECASE)


def _names(texts: pd.Series, rx: re.Pattern) -> pd.Series:
    return texts.fillna("").str.contains(rx).astype(bool)


def context(corpus, place: str, place_nouns, skip_sections=(), previous_paragraphs: int = 1) -> pd.DataFrame:
    """One row per sentence outside the ``skip_sections`` paragraph kinds: where the place
    is named nearby.

    Columns: doc_id, sent_id, para_id, kind, text, clean_start, named (the sentence
    names the place), anaphor (it refers to a place by one of ``place_nouns``: "the
    city"), para_named (its paragraph names it), prev_named (one of the previous
    ``previous_paragraphs`` paragraphs of the document names it).
    """
    rx = place_regex(place)
    nouns = "|".join(re.escape(n) for n in place_nouns)
    anaphor = re.compile(rf"\b(?:the|its|this|that)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{nouns})\b", re.IGNORECASE)
    paras = corpus.paragraphs[~corpus.paragraphs["kind"].isin(list(skip_sections))].copy()
    paras["named"] = _names(paras["text"], rx)
    k = int(previous_paragraphs)
    # any of the k paragraphs before, within the document: k shifts of one grouping, not a
    # Python function per document
    named = paras.groupby("doc_id", sort=False)["named"]
    prev = pd.Series(False, index=paras.index)
    for back in range(1, max(k, 0) + 1):
        prev |= named.shift(back).fillna(False).astype(bool)
    paras["prev_named"] = prev
    para = paras.set_index("para_id")
    sents = corpus.sentences[corpus.sentences["para_id"].isin(para.index)].copy()
    sents["named"] = _names(sents["text"], rx)
    sents["anaphor"] = _names(sents["text"], anaphor)
    sents["para_named"] = sents["para_id"].map(para["named"]).astype(bool)
    sents["prev_named"] = sents["para_id"].map(para["prev_named"]).astype(bool)
    cols = ["doc_id", "sent_id", "para_id", "kind", "text", "clean_start", "named", "anaphor", "para_named",
            "prev_named"]
    return sents[cols].reset_index(drop=True)


def place_basis(row, level: str, quoted: bool = False) -> str | None:
    """Why a sentence (a ``context`` row) counts for the place at context ``level``
    (one of ``LEVELS``), or None."""
    i = LEVELS.index(level)
    if row["named"]:
        return "sentence"
    if i >= 1 and row["anaphor"] and row["para_named"]:
        return "paragraph (sentence says the city/town)"
    if i >= 2 and row["para_named"]:
        return "paragraph"
    if i >= 3 and (quoted or row["anaphor"]) and row["prev_named"]:
        return "previous paragraph"
    return None
