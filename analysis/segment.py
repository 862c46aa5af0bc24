"""Sentence splitting with offsets.

A boundary is a run of ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or
brackets) followed by white space and a capital, digit or opening quote; not after
an abbreviation from ``data/abbreviations.txt`` or a single-letter initial. Decimal
numbers never split (no space after the point). Quotes that end a sentence keep
their closing mark.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .paths import DATA

_BOUNDARY = re.compile(r"([.!?…]+)([\"”’')\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset:
    lines = (DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; white space between is left out."""
    abbr = abbreviations()
    spans, start = [], 0
    for hit in _BOUNDARY.finditer(text):
        if hit.group(1) == ".":
            before = _WORD_BEFORE.search(text, 0, hit.start())
            word = before.group(1) if before else ""
            if word.rstrip(".") in abbr or re.fullmatch(r"[A-Z]", word):
                continue
        end = hit.end(2)
        if text[start:end].strip():
            spans.append((start, end))
        start = hit.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
