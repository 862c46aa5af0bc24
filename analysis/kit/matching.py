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


def _automaton(keys, value=len):
    """An Aho-Corasick automaton over ``keys``, each found with ``value(key)`` (its length)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for k in keys:
        automaton.add_word(k, value(k))
    automaton.make_automaton()
    return automaton


def _matches_at(regex: re.Pattern, text: str, starts: list[int], pos: int = 0,
                endpos: int | None = None) -> list[re.Match]:
    """``regex.finditer(text, pos, endpos)`` as a list, trying the regex only at ``starts``
    (sorted; every match starts at one of them): each match, then the next start after it."""
    endpos = len(text) if endpos is None else endpos
    out, free, match = [], pos, regex.match
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
            self.automaton = _automaton({k.lower() if self.fold else k for k in keys})
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
        return _matches_at(self.regex, text, starts, pos, endpos)

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


# ---------------------------------------------------------------- literal gates
DIGIT = "\\d"                   # stands for "a character ``\d`` matches" in a requirement
_DIGIT_RX = re.compile(r"\d")


def _chars(items) -> set[str] | None:
    """The lower-cased characters a character class can match, when it is a few literals."""
    if len(items) == 1 and items[0] == (re._constants.CATEGORY, re._constants.CATEGORY_DIGIT):
        return {DIGIT}
    out = set()
    for op, av in items:
        if op is re._constants.LITERAL:
            out.add(chr(av).lower())
        elif op is re._constants.RANGE and av[1] - av[0] < 12:
            out.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return out


def _best(cands: list[set[str]]) -> set[str] | None:
    """Of several requirements, the likeliest to rule a text out: longest shortest literal, then fewest."""
    return max(cands, key=lambda s: (min(len(x) for x in s), -len(s))) if cands else None


def _requirements(items) -> list[set[str]]:
    """Sets of lower-cased strings such that a text holding a match of the sequence ``items``
    holds (lower-cased) at least one string of every set."""
    c = re._constants
    cands, run = [], []

    def flush():
        if run:
            cands.append({"".join(run).lower()})
            run.clear()

    def plain(r):       # re pairs a dotless i, a long s ... with other letters: no requirement
        return r if r and not any(_VARIANTS.search(x) for x in r) else None

    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        r = None
        if op is c.SUBPATTERN:
            r = _best(_requirements(av[3]))
        elif op is c.ATOMIC_GROUP:
            r = _best(_requirements(av))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                r = _best(_requirements(av[2]))
        elif op is c.BRANCH:
            parts = [_best(_requirements(b)) for b in av[1]]
            if all(parts):
                r = set().union(*parts)
        elif op is c.IN:
            r = _chars(av)
        elif op is c.ASSERT:        # a positive lookaround: its text is in the string too
            r = _best(_requirements(av[1]))
        if r:
            cands.append(r)
    flush()
    return [r for r in cands if plain(r)]


def required_literals(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """What a string must hold for ``re.compile(pattern, flags)`` to match anywhere in it: a list
    of sets of lower-cased literals (``DIGIT``: a character ``\\d`` matches), the string
    lower-cased holding one literal of each set (empty: nothing is known). Read from the
    pattern's parse tree: a literal run, or every branch of an alternation, or a group
    repeated at least once, or a lookaround, that the pattern cannot match without."""
    try:
        from re import _parser
    except ImportError:     # another Python's internals: nothing known, every regex runs
        return []
    return [frozenset(s) for s in _requirements(_parser.parse(pattern, flags))]


class LiteralGate:
    """Which of several compiled patterns can match in a text at all, from their required
    literals (``required_literals``) found by one Aho-Corasick pass over the lower-cased text:
    a pattern left out has no match there, so ``finditer`` over it would be empty. A text whose
    lower-casing ``fold`` does not vouch for lets every pattern through."""

    def __init__(self, patterns):
        self.patterns = list(patterns)
        self.requirements = [required_literals(p.pattern, p.flags) for p in self.patterns]
        literals = {x for req in self.requirements for s in req for x in s if x != DIGIT}
        self.digits = any(DIGIT in s for req in self.requirements for s in req)
        # single characters by a substring test: common ones ("a", "-") would make most of the
        # automaton's output
        self.chars = tuple(sorted(x for x in literals if len(x) == 1))
        self.automaton = None
        if len(literals) > len(self.chars):
            self.automaton = _automaton([x for x in literals if len(x) > 1], value=str)
        # each requirement of each pattern one bit; a literal sets the bits of the requirements
        # it meets, and a pattern may match when all of its bits are set
        self.needs, self.bits, bit = [], {}, 0
        for req in self.requirements:
            need = 0
            for s in req:
                for x in s:
                    self.bits[x] = self.bits.get(x, 0) | 1 << bit
                need |= 1 << bit
                bit += 1
            self.needs.append(need)
        self._by_met: dict = {}     # the allowed patterns of each set of met requirements seen
        self._slot = threading.local()

    def present(self, text: str) -> set[str] | None:
        """The required literals ``text`` holds (None: any may be there)."""
        low = fold(text)
        if low is None:
            return None
        found = {x for _, x in self.automaton.iter(low)} if self.automaton is not None else set()
        found.update([c for c in self.chars if c in low])
        if self.digits and _DIGIT_RX.search(text):
            found.add(DIGIT)
        return found

    def allowed(self, text: str) -> list[int]:
        """Indices of the patterns that may match in ``text``, in order (the last text's kept:
        several rules ask about one sentence)."""
        last = self._slot.__dict__.get("last")
        if last is not None and (last[0] is text or last[0] == text):
            return last[1]
        out = self._allowed(text)
        self._slot.last = (text, out)
        return out

    def search_any(self, text: str, lo: int = 0, hi: int | None = None) -> bool:
        """``any(p.search(text) for p in patterns[lo:hi])``, searching only with the allowed ones."""
        patterns, hi = self.patterns, len(self.patterns) if hi is None else hi
        return any(patterns[i].search(text) for i in self.allowed(text) if lo <= i < hi)

    def _allowed(self, text: str) -> list[int]:
        found = self.present(text)
        if found is None:
            return list(range(len(self.patterns)))
        met, bits = 0, self.bits
        for x in found:
            met |= bits[x]
        out = self._by_met.get(met)
        if out is None:
            if len(self._by_met) > 4096:
                self._by_met.clear()
            out = self._by_met[met] = [i for i, need in enumerate(self.needs) if met & need == need]
        return out


# ---------------------------------------------------------------- literal starts
_MAX_STARTS = 200
_ROUND_END = (None, None)


def _starts_of(items: list, rest: list, digits: bool = False) -> set[str] | None:
    """Lower-cased strings one of which every match of ``items`` followed by ``rest`` starts
    with (with ``digits``, ``DIGIT`` for a character ``\\d`` matches); None when a match may
    start with anything (or be empty)."""
    c = re._constants
    items = list(items) + list(rest)
    for i, (op, av) in enumerate(items):
        after = items[i + 1:]
        if op is None:          # the end of a repeated part: another round or what follows may come
            return None
        if op is c.LITERAL:
            run = []
            for op2, av2 in items[i:]:
                if op2 is not c.LITERAL:
                    break
                run.append(chr(av2))
            return {"".join(run).lower()}
        if op is c.ASSERT and av[0] == 1 and digits:    # a lookahead: the match starts as its text does
            ahead = _starts_of(av[1].data, [], digits)
            if ahead is not None:
                return ahead
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):       # zero-width: the match starts at what follows
            continue
        if op is c.SUBPATTERN:
            return _starts_of(av[3].data, after, digits)
        if op is c.ATOMIC_GROUP:
            return _starts_of(av.data, after, digits)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            first = _starts_of(av[2].data, [_ROUND_END], digits)
            if av[0] >= 1 or first is None:
                return first
            skipped = _starts_of([], after, digits)            # an optional part: what follows may start it
            return None if skipped is None or len(first | skipped) > _MAX_STARTS else first | skipped
        if op is c.BRANCH:
            out: set = set()
            for b in av[1]:
                s = _starts_of(b.data, after, digits)
                if s is None or len(out | s) > _MAX_STARTS:
                    return None
                out |= s
            return out
        if op is c.IN:
            chars = _chars(av)
            return chars if chars and (digits or DIGIT not in chars) else None
        return None
    return None


def literal_starts(pattern: str, flags: int = 0, digits: bool = False) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of the pattern starts with (None: unknown);
    with ``digits``, ``DIGIT`` among them stands for any character ``\\d`` matches."""
    try:
        from re import _parser
    except ImportError:     # another Python's internals: the regex scans as before
        return None
    starts = _starts_of(_parser.parse(pattern, flags).data, [], digits)
    if not starts or "" in starts or any(_VARIANTS.search(x) for x in starts):
        return None
    return frozenset(starts)


class StartScanner:
    """``finditer`` of several compiled patterns over one text, each match tried only where
    one of the literals its pattern's every match starts with occurs (``literal_starts``,
    found for all patterns by one Aho-Corasick pass over the lower-cased text): the matches
    ``pattern.finditer(text)`` gives, as ``PhraseScanner`` finds them. A pattern without such
    literals, a text ``fold`` does not vouch for, or one with the literals at more than
    ``1/dense`` of its characters, is scanned by the regex itself."""

    def __init__(self, patterns, dense: int = 16):
        self.patterns = list(patterns)
        self.starts = [literal_starts(p.pattern, p.flags, digits=True) for p in self.patterns]
        self.dense = dense
        keys = {x for s in self.starts if s for x in s if x != DIGIT}
        # a start at any digit: the positions of _DIGIT_RX's matches, all that ``\d`` matches
        self.digits = any(s and DIGIT in s for s in self.starts)
        self.automaton = None
        if keys:
            # each start found with its own text, so that a hit is not sliced out of the text again
            self.automaton = _automaton(keys, value=lambda k: (k, len(k) - 1))
        self._slot = threading.local()

    def _positions(self, text: str) -> dict | None:
        """Start positions of each literal in ``text`` (None: the regexes scan it)."""
        last = self._slot.__dict__.get("last")
        if last is not None and (last[0] is text or last[0] == text):
            return last[1]
        found = None
        low = fold(text) if self.automaton is not None or self.digits else None
        if low is not None:
            found = {}
            if self.automaton is not None:
                for end, (k, n) in self.automaton.iter(low):
                    found.setdefault(k, []).append(end - n)
            if self.digits:
                found[DIGIT] = [m.start() for m in _DIGIT_RX.finditer(text)]
        self._slot.last = (text, found)
        return found

    def finditer(self, i: int, text: str) -> list[re.Match]:
        """The matches ``self.patterns[i].finditer(text)`` gives, as a list."""
        regex, starts = self.patterns[i], self.starts[i]
        found = self._positions(text) if starts is not None else None
        if found is None:
            return list(regex.finditer(text))
        candidates = [p for k in starts.intersection(found) for p in found[k]]
        if len(candidates) * self.dense > len(text):
            return list(regex.finditer(text))
        return _matches_at(regex, text, sorted(set(candidates)))


class PatternScanner:
    """``finditer`` of one compiled pattern, tried only where one of the literals every match of
    it starts with occurs (``literal_starts``, one Aho-Corasick pass over the lower-cased text):
    ``StartScanner`` for a single pattern, without its per-literal bookkeeping. A pattern without
    such literals or a text ``fold`` does not vouch for is scanned by the regex itself."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        starts = literal_starts(pattern.pattern, pattern.flags)
        self.automaton = None
        if starts:
            self.automaton = _automaton(starts)

    def finditer(self, text: str) -> list[re.Match]:
        """The matches ``self.pattern.finditer(text)`` gives, as a list."""
        low = fold(text) if self.automaton is not None else None
        if low is None:
            return list(self.pattern.finditer(text))
        return _matches_at(self.pattern, text, sorted({end - n + 1 for end, n in self.automaton.iter(low)}))
