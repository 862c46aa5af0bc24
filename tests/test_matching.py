"""The phrase scanner (analysis/kit/matching.py) finds exactly what its regex finds."""
import random
import re

import pytest

from analysis.corpus import docview
from analysis.corpus.paths import SEEDS
from analysis.corpus.textmap import read_raw
from analysis.extract import attribution, quotes
from analysis.kit.matching import PhraseScanner

WORDS = ["said", "say*", "told", "warned", "according to", "it's", "Kyiv region", "Kyiv", "-ly", "al-Assad"]


def spans(matches):
    return [m.span() for m in matches]


def seed_texts():
    texts = []
    for f in sorted(SEEDS.glob("*.txt")):
        view = docview.from_text(read_raw(f))
        texts += [view.text, attribution._masked(view.text)]
    return texts


TEXTS = seed_texts()
EXTRA = [
    "He SAID it's over; they Say so. \"Told\" – warned,according to, Kyiv Region's al-Assad",
    "saidsaid said-said -said _said x-ly -ly",
    "Iı İstanbul said ſaid ſay Σ said",          # re pairs ı/i and ſ/s; lower() lengthens İ
    "", "said", "s",
]


@pytest.mark.parametrize("wildcard,apostrophes", [(False, False), (True, False), (True, True)])
def test_same_matches_as_the_regex_at_every_window(wildcard, apostrophes):
    sc = PhraseScanner(WORDS, wildcard=wildcard, apostrophes=apostrophes)
    rng = random.Random(1)
    for text in TEXTS + EXTRA:
        assert spans(sc.finditer(text)) == spans(sc.regex.finditer(text)), text[:60]
        for _ in range(30):
            lo = rng.randint(0, len(text))
            hi = rng.randint(lo, len(text) + 5)
            assert spans(sc.finditer(text, lo, hi)) == spans(sc.regex.finditer(text, lo, hi)), (text[:60], lo, hi)


def test_the_codebook_scanners_match_their_regexes():
    for sc, rx in [(quotes._cue_scanner(), quotes._cue_re())]:
        assert sc.pattern == rx.pattern and sc.flags == rx.flags and sc.automaton is not None
        for text in TEXTS + EXTRA:
            assert spans(sc.finditer(text)) == spans(rx.finditer(text))
    res, c = attribution._cue_res(), attribution.rules()["raw"]["cues"]
    edge = r"(?<![\w’'-])(?:{})(?![\w-])"
    assert res["verb"].pattern == edge.format(attribution._phrase_alt(c["verbs"] + c["acts"] + c.get("after_quote", [])))
    assert res["preposition"].pattern == edge.format(attribution._phrase_alt(c["prepositions"]))
    for key in ("verb", "preposition"):
        assert isinstance(res[key], PhraseScanner) and res[key].automaton is not None
        for text in TEXTS:
            view = docview.from_text(text)
            for s in view.sentences:
                assert spans(res[key].finditer(text, s.start, s.end)) == spans(res[key].regex.finditer(text, s.start, s.end))


def test_case_variants_fall_back_to_the_regex():
    sc = PhraseScanner(["said"])
    assert sc._starts("He said") == [3]
    assert sc._starts("He ſaid") is None and spans(sc.finditer("He ſaid")) == [(3, 7)]
    assert sc._starts("İ said") is None and spans(sc.finditer("İ said")) == [(2, 6)]
    assert PhraseScanner(["*x"], wildcard=True).automaton is None


def test_case_is_kept_without_ignorecase():
    sc = PhraseScanner(["Said"], flags=0)
    assert spans(sc.finditer("said Said SAID")) == [(5, 9)] == spans(re.finditer(r"(?<![\w-])(?:Said)(?![\w-])", "said Said SAID"))


def test_measure_cue_spans_skip_only_cues_absent_from_the_sentence():
    from analysis.extract import numbers

    cues = {p for m in numbers.measures() for cue in m["cues"] for p in cue.replace("!", "+").split("+")}
    sentences = [v.text[s.start:s.end] for v in map(docview.from_text, TEXTS[::2]) for s in v.sentences]
    sentences += ["Desertion and AWOL cases; ſzch", "criminal cases AWOL", "İ criminal case"]
    skipped = 0
    for t in sentences:
        for c in cues:
            fast = numbers._cue_spans(c, t)
            assert fast == tuple(m.span() for m in numbers._cue_rx(c).finditer(t)), (c, t[:60])
            skipped += numbers._cue_literal(c) is not None and numbers._folded(t) is not None \
                and numbers._cue_literal(c) not in numbers._folded(t)
    assert skipped > len(sentences)


def test_the_participle_scan_is_skipped_only_in_sentences_without_a_participle():
    rx = attribution._cue_res()["participle"]
    assert rx.scanner.automaton is not None
    skipped = 0
    for text in TEXTS + EXTRA:
        view = docview.from_text(text)
        for s in view.sentences:
            assert spans(rx.finditer(text, s.start, s.end)) == spans(rx.regex.finditer(text, s.start, s.end))
            skipped += not rx.scanner.any_start(text, s.start, s.end)
    assert skipped > 0
    sc = PhraseScanner(["said"])
    assert sc.any_start("he said", 0, 4) and not sc.any_start("he said", 0, 3) and not sc.any_start("he said", 4)


# ---------------------------------------------------------------- literal gates
from analysis.kit.matching import DIGIT, LiteralGate, required_literals  # noqa: E402


def test_required_literals_reads_the_parse_tree():
    assert required_literals(r"(?i)\b\d+-year-olds?\b") == [frozenset({DIGIT}), frozenset({"-year-old"})]
    assert required_literals(r"(?:ab|Cd)e+") == [frozenset({"ab", "cd"}), frozenset({"e"})]
    assert required_literals(r"x?|y") == []                 # one branch needs nothing
    assert required_literals(r"(?=.*foo)") == [frozenset({"foo"})]   # in the string, if not in the match
    assert required_literals(r"(?!foo)x") == [frozenset({"x"})]
    assert required_literals(r"[^a]bc") == [frozenset({"bc"})]
    assert required_literals(r"[-/.]") == [frozenset({"-", "/", "."})]
    assert required_literals(r"(?<=foo)z") == [frozenset({"foo"}), frozenset({"z"})]


def _rule_patterns():
    from analysis.extract import numbers, timex

    pats = [rule["regex"] for rule in timex.rules()["rules"]]
    pats += [rx for _, rx in numbers._not_quantity_rx()]
    pats += [re.compile(p, f) for p, f in [(r"(?i)(?:the\s+)?(?:first|last)\s+\d+\s+months", 0),
                                           (r"\bG\s?\d{1,2}\b", 0), (r"ſaid|KELVIN", re.I), (r"\d\d:\d\d", 0)]]
    return pats


def _fragments(pats, rng, n):
    """Texts made of the patterns' own literals, digits, case changes and odd characters."""
    lits = sorted({x for p in pats for s in required_literals(p.pattern, p.flags) for x in s if x != DIGIT})
    extra = [" ", " ", "\n", "1", "24", "2023", "-", ".", ":", "İ", "ı", "ſ", "K", "٣", "the ", "of ", "s"]
    out = []
    for _ in range(n):
        parts = [rng.choice(lits + extra) for _ in range(rng.randint(1, 12))]
        parts = [p.upper() if rng.random() < 0.2 else p.title() if rng.random() < 0.2 else p for p in parts]
        out.append(rng.choice(["", " "]).join(parts))
    return out


def test_literal_gate_lets_through_every_pattern_that_matches():
    pats = _rule_patterns()
    gate = LiteralGate(pats)
    rng = random.Random(7)
    texts = TEXTS + EXTRA + _fragments(pats, rng, 3000)
    texts += [s for t in TEXTS for s in t.split(". ")]
    ruled_out = 0
    for t in texts:
        allowed = set(gate.allowed(t))
        for i, p in enumerate(pats):
            if i not in allowed:
                ruled_out += 1
                assert p.search(t) is None, (p.pattern, t)
    assert ruled_out > len(texts)       # the gate does rule patterns out


def test_literal_gate_trusts_no_odd_case_folding():
    gate = LiteralGate([re.compile("said", re.I)])
    assert gate.allowed("ſaid") == [0] and re.search("said", "ſaid", re.I)
    assert gate.allowed("nothing here") == []


# ---------------------------------------------------------------- literal starts
from analysis.kit.matching import StartScanner, literal_starts  # noqa: E402


def test_literal_starts_read_the_parse_tree():
    assert literal_starts(r"(?:ab)?cd") == {"ab", "cd"}
    assert literal_starts(r"a*b") == {"a", "b"}               # not "ab": "aab" starts "aa"
    assert literal_starts(r"(?:ab)+c") == {"ab"}
    assert literal_starts(r"(?<![\d.])\b(?:19|20)\d\d") == {"19", "20"}
    assert literal_starts(r"(?i:The\s+)?[Mm]ay") == {"the", "m"}
    assert literal_starts(r"(?i:the\s+)?\d+") is None          # a digit: any of many characters
    assert literal_starts(r"(?:a?)+b") is None
    assert literal_starts(r"x?") is None
    assert literal_starts(r"ſaid", re.I) is None               # re pairs the long s with s


def test_start_scanner_finds_what_finditer_finds():
    pats = _rule_patterns() + [re.compile(p) for p in (r"a*b", r"(?:ab)?cd", r"(?i:last|this)\s+week", r"(?:19|20)\d\d")]
    rng = random.Random(11)
    texts = TEXTS + EXTRA + _fragments(pats, rng, 1500) + ["aab aaab cd abcd ab", "2020 1919 20200"]
    tried = 0
    for dense in (16, 10 ** 9):                       # the regex's own scan where starts are many, and never
        scanner = StartScanner(pats, dense=dense)
        for t in texts:
            for i, p in enumerate(pats):
                assert [m.span() for m in scanner.finditer(i, t)] == [m.span() for m in p.finditer(t)], (p.pattern, t)
        tried += sum(s is not None for s in scanner.starts)
    assert tried > len(pats)        # most patterns have literal starts


def test_start_scanner_starts_at_digits_and_lookaheads():
    assert literal_starts(r"(?i:the\s+)?\d+", digits=True) == {"the", DIGIT}
    assert literal_starts(r"(?=\d\s+months)(?:\d|a)\s+months", digits=True) == {DIGIT}
    pats = [re.compile(p) for p in (r"(?i:the\s+)?\d+", r"(?=(?:\d|two)\s+months)(?:\d{1,2}|two|a)\s+months",
                                    r"(?<![\d.])\d{1,2}(?:st|nd)?", r"(?a:\d)+x")]
    texts = ["the 3 months, a months, two months of 2023", "٣ months and 12 months; the ٣٣x 4x", "No digit here",
             "1st, 22nd, 3.5, the  7, 12x and ١٢x"]
    scanner = StartScanner(pats, dense=10 ** 9)       # never the regex's own scan
    assert all(s is not None for s in scanner.starts)
    for t in texts:
        for i, p in enumerate(pats):
            assert [m.span() for m in scanner.finditer(i, t)] == [m.span() for m in p.finditer(t)], (p.pattern, t)
