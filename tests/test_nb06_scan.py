"""Notebook 06's term matching: the scanner (the terms' regex tried where a term's first literal
occurs) finds exactly the matches of the regex's own ``finditer``, on sentences made from the
lexicon's and the spelling file's terms, their plural, possessive, hyphen and case variants, and
on texts the automaton cannot vouch for (dotless i, long s, Kelvin sign)."""
import random

import pytest

from analysis.questions import outlet_framing as framing

FILLER = ["the", "on", "so", "no", "one", "son", "cannon", "said", "upon", "-", ",", "'", "’", "\"", "(", "."]
ODD = ["ſ", "ı", "İ", "K", "é", "ß"]


def _variants(term: str) -> list[str]:
    out = [term, term.upper(), term.title(), term + "s", term + "es", term + "'s", term + "’", term + "x",
           "x" + term, term.replace(" ", "  "), term.replace(" ", "-"), term.replace(" ", " - "),
           term.replace("-", " "), term.replace("'", "’"), term[:-1]]
    return [v for v in out if v]


def _texts(terms: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = [v for t in terms for v in _variants(t)] + FILLER
    texts = []
    for i in range(n):
        words = rng.choices(pool, k=rng.randint(1, 30))
        if i % 7 == 0:
            words.insert(rng.randrange(len(words) + 1), rng.choice(ODD))
        sep = rng.choice([" ", "", "-"])
        texts.append(sep.join(words))
    return texts


def _spans(ms) -> list[tuple]:
    return [(m.start(), m.end(), m.lastgroup, m.group(0)) for m in ms]


@pytest.mark.parametrize("terms", [framing.load_lexicon(framing.LEXICON)["term"].tolist(),
                                   framing.load_spellings()["variant"].tolist()], ids=["lexicon", "spellings"])
def test_scanner_finds_the_regex_matches(terms):
    rx, ordered = framing._matcher(terms)
    scanner, ordered2 = framing._scanner(tuple(terms))
    assert ordered2 == ordered
    texts = _texts(terms, 1500, seed=len(terms))
    found = 0
    for t in texts:
        want = _spans(rx.finditer(t))
        assert _spans(scanner.finditer(t)) == want, t
        found += len(want)
    assert found > 1000     # the texts do hold terms: the comparison is not between two empty lists


def test_scanner_is_used_for_hits_and_finds_no_more():
    """A sentence with no term's first literal gives no hit; one with a term gives it once."""
    scanner, ordered = framing._scanner(("regime", "Kyiv regime", "so-called"))
    assert scanner.finditer("The government said nothing.") == []
    ms = scanner.finditer("The Kyiv  regime's so - called plan")
    assert [(ordered[int(m.lastgroup[1:])], m.group(0)) for m in ms] == [("Kyiv regime", "Kyiv  regime's"),
                                                                          ("so-called", "so - called")]
