"""Text helpers every layer shares: phrase regexes from word lists, and span arithmetic.

A span is ``(start, end)``, end exclusive, in whatever offsets the caller uses (clean or
raw). Imports nothing of the package.
"""
from __future__ import annotations

import functools
import re
import threading
from functools import lru_cache


def alternation(words, *, wildcard: bool = False, apostrophes: bool = False) -> str:
    """``a|b|c`` for a word list: longest first (so "Kyiv region" wins over "Kyiv"; equal
    lengths keep their order), each escaped, a space matching any run of white space.

    ``wildcard``: a ``*`` in a word matches any word ending ("negotiat*").
    ``apostrophes``: a straight apostrophe matches a curly one too.
    """
    return _alternation(tuple(words), wildcard, apostrophes)


@lru_cache(maxsize=1024)
def _alternation(words: tuple, wildcard: bool, apostrophes: bool) -> str:
    # Rules build patterns inline from codebook lists at every candidate: escaping a long
    # list each time cost about 3% of the extraction (cProfile, 300 documents).
    alts = []
    for w in sorted(words, key=len, reverse=True):
        body = re.escape(w)
        if wildcard:
            body = body.replace(r"\*", r"\w*")
        if apostrophes:
            body = body.replace("'", "['’]")
        alts.append(body.replace(r"\ ", r"\s+"))
    return "|".join(alts)


def phrase_regex(words, *, wildcard: bool = False, apostrophes: bool = False,
                 before: str = r"(?<![\w-])", after: str = r"(?![\w-])", flags=re.IGNORECASE) -> re.Pattern:
    """Any of ``words`` as whole words (see ``alternation``), case ignored by default:
    ``before`` and ``after`` are the boundaries (default: no word character or hyphen)."""
    return re.compile(rf"{before}(?:{alternation(words, wildcard=wildcard, apostrophes=apostrophes)}){after}",
                      flags)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share (0 when they only touch or are apart)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether each span starts before the other ends (an empty span inside another counts)."""
    return a[0] < b[1] and b[0] < a[1]


def inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether ``inner`` lies within ``outer`` (ends included: a span is inside itself)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one matching of ``gold`` to ``pred`` spans by largest overlap first (ties: the
    earlier gold, then the earlier prediction); spans that share no character stay unmatched.
    Returns {gold index: pred index}."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            shared = overlap(g, p)
            if shared > 0:
                pairs.append((-shared, gi, pi))
    used_g, used_p, match = set(), set(), {}
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            match[gi] = pi
            used_g.add(gi)
            used_p.add(pi)
    return match


def per_text(fn):
    """Decorate ``fn(text) -> list`` so that asking again for the text it was last given
    returns a copy of the list it made (several extractors derive the same structure from a
    document's clean text). One slot per thread: nothing of an earlier document is kept."""
    slot = threading.local()

    @functools.wraps(fn)
    def wrapper(text):
        last = slot.__dict__.get("last")
        if last is None or not (last[0] is text or last[0] == text):
            last = slot.last = (text, fn(text))
        return list(last[1])

    return wrapper
