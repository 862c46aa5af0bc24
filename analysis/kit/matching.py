"""Phrase lists matched with one Aho-Corasick pass (pyahocorasick) instead of a regex search.

Python's ``re`` cannot skip ahead in an alternation of hundreds of phrases: a search tries the
whole alternation at every character. ``PhraseScanner`` keeps the regex a rule would compile
(``before(?:a|b|c)after``, the phrases as ``text.alternation`` writes them) but runs it only
where a phrase's first literal piece occurs, found by an automaton in one pass over the text:
the matches are exactly those of ``regex.finditer`` (``tests/test_matching.py`` compares them
at every position), as long as ``before`` matches no character (a lookbehind or nothing).

Where the automaton could miss a match the regex would find, the scanner falls back to the
regex itself: a text whose lower-casing changes its length, or holding a character that
``re``'s case-insensitive matching pairs with another (dotless i, long s, Greek and Cyrillic
variants: ``re._casefix``), or a phrase with no literal start.
"""
from __future__ import annotations

import bisect
import re
import threading

from analysis.kit.text import alternation


def _case_variants() -> re.Pattern:
    try:
        from re._casefix import _EXTRA_CASES
        chars = {chr(c) for k, v in _EXTRA_CASES.items() for c in (k, *v) if c > 127}
    except ImportError:     # another CPython's internals: treat every non-ASCII letter as one
        return re.compile(r"[^\x00-\x7f]")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars | {"Σ", "İ"})) + "]")


_VARIANTS = _case_variants()


def fold(text: str) -> str | None:
    """``text`` lower-cased, when a case-insensitive regex can match a literal in ``text`` only
    where the lower-cased literal occurs in it; None for a text where that may fail."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and _VARIANTS.search(text)):
        return None
    return low


def _literal_start(word: str, wildcard: bool, apostrophes: bool) -> str:
    """The part of ``word`` its regex matches literally from its first character."""
    stops = " " + ("*" if wildcard else "") + ("'" if apostrophes else "")
    for i, c in enumerate(word):
        if c in stops:
            return word[:i]
    return word


class PhraseScanner:
    """``re.compile(rf"{before}(?:{alternation(words, ...)}){after}", flags)``, matched fast:
    ``finditer`` scans with the automaton; ``match``, ``search``, ``fullmatch`` and ``pattern``
    are the regex's own, so a scanner stands in for the compiled pattern."""

    def __init__(self, words, *, before: str = r"(?<![\w-])", after: str = r"(?![\w-])",
                 flags=re.IGNORECASE, wildcard: bool = False, apostrophes: bool = False):
        words = list(words)
        self.regex = re.compile(rf"{before}(?:{alternation(words, wildcard=wildcard, apostrophes=apostrophes)}){after}",
                                flags)
        self.fold = bool(flags & re.IGNORECASE)
        keys = {_literal_start(w, wildcard, apostrophes) for w in words}
        self.automaton = None
        if words and "" not in keys and not any(_VARIANTS.search(k) for k in keys):
            import ahocorasick

            self.automaton = ahocorasick.Automaton()
            for k in keys:
                k = k.lower() if self.fold else k
                self.automaton.add_word(k, len(k))
            self.automaton.make_automaton()
        self._slot = threading.local()
        self.pattern, self.flags = self.regex.pattern, self.regex.flags
        self.match, self.search, self.fullmatch = self.regex.match, self.regex.search, self.regex.fullmatch

    def _starts(self, text: str) -> list[int] | None:
        """Sorted positions where some phrase's literal start occurs; None: use the regex."""
        last = self._slot.__dict__.get("last")
        if last is not None and (last[0] is text or last[0] == text):
            return last[1]
        starts = None
        if self.automaton is not None:
            hay = fold(text) if self.fold else text
            if hay is not None:
                starts = sorted({end - n + 1 for end, n in self.automaton.iter(hay)})
        self._slot.last = (text, starts)
        return starts

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match]:
        """The matches ``self.regex.finditer(text, pos, endpos)`` gives, as a list."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        starts = self._starts(text)
        if starts is None:
            return list(self.regex.finditer(text, pos, endpos))
        out, free, match = [], pos, self.regex.match
        for i in range(bisect.bisect_left(starts, pos), len(starts)):
            s = starts[i]
            if s >= endpos:
                break
            if s < free:
                continue
            m = match(text, s, endpos)
            if m is not None:
                out.append(m)
                free = m.end()
        return out

    def any_start(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether a phrase may start in ``text[pos:endpos]`` (True where the automaton cannot tell)."""
        starts = self._starts(text)
        if starts is None:
            return True
        endpos = len(text) if endpos is None else endpos
        i = bisect.bisect_left(starts, pos)
        return i < len(starts) and starts[i] < endpos


class GatedPattern:
    """A compiled regex every match of which holds a phrase of ``scanner`` (the pattern embeds
    the scanner's alternation): ``finditer`` over a stretch without a phrase start is empty at
    once, anything else is the regex's own."""

    def __init__(self, regex: re.Pattern, scanner: PhraseScanner):
        self.regex, self.scanner = regex, scanner
        self.pattern, self.flags = regex.pattern, regex.flags
        self.match, self.search, self.fullmatch = regex.match, regex.search, regex.fullmatch

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        if not self.scanner.any_start(text, pos, endpos):
            return iter(())
        return self.regex.finditer(text, pos, endpos)
