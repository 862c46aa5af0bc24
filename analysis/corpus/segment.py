"""Sentence splitting with offsets.

A boundary is a run of ``.``, ``!``, ``?`` or ``…`` (plus any closing quotes or
brackets) followed by white space and a capital, digit or opening quote; not after
an abbreviation from ``data/abbreviations.txt`` or a single-letter initial. Decimal
numbers never split (no space after the point). Quotes that end a sentence keep
their closing mark. A run of more than ``MAX_CHARS`` without a boundary (a text without
punctuation) is cut at white space into pieces of at most that length, so that no later
step works on one endless sentence; the longest sentence in the development corpus has
722 characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.corpus import rulefiles

_BOUNDARY = re.compile(r"([.!?…]+)((?:[\"”’')\]]|\[\d{1,3}\])*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
MAX_CHARS = 2000


@lru_cache(maxsize=1)
def abbreviations() -> frozenset:
    return frozenset(rulefiles.load_lines("abbreviations.txt"))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; white space between is left out."""
    abbr = abbreviations()
    spans, start = [], 0
    for hit in _BOUNDARY.finditer(text):
        if hit.group(1) == ".":
            before = _WORD_BEFORE.search(text, max(0, hit.start() - 64), hit.start())
            word = before.group(1) if before else ""
            if word.rstrip(".") in abbr or re.fullmatch(r"[A-Z]", word):
                continue
        end = hit.end(2)
        if text[start:end].strip():
            spans += _capped(text, start, end)
        start = hit.end()
    if text[start:].strip():
        spans += _capped(text, start, len(text.rstrip()))
    return spans


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_CHARS)
        cut = cut if cut > start else start + MAX_CHARS
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out
