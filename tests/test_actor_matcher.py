"""The alias automaton (actors._alias_matches) finds, at every position, what the one big
alias regex (actors._matcher) matches there: the same alias, case rules and word edges."""
import random

from analysis.extract import actors


def _regex_matches(text):
    rx, _ = actors._matcher()
    out = {}
    for s in range(len(text)):
        m = rx.match(text, s)
        if m:
            out[s] = (m.start(), m.end(), int(m.lastgroup[1:]))
    return out


def _variants(alias):
    yield alias
    yield alias.upper()
    yield alias.lower()
    yield alias[:1].upper() + alias[1:]
    yield alias.replace("'", "’")
    yield alias.replace("’", "'")


def test_automaton_gives_the_regex_matches_at_every_position():
    pairs = actors._alias_pairs()
    rng = random.Random(16)
    glue = [" ", ", ", "-", "", " the ", "s ", "\n", "İ ", " (", "’s "]
    for chunk in range(0, len(pairs), 40):
        parts = []
        for alias, _ in pairs[chunk:chunk + 40]:
            for v in _variants(alias):
                parts += [v, rng.choice(glue)]
        text = "".join(parts)
        assert actors._alias_matches(text) == _regex_matches(text), pairs[chunk][0]


def test_case_rules_and_edges():
    text = "the Kremlin said; The Kremlin; THE KREMLIN; Kremlin-backed; anti-Kremlin; Kremlins"
    found = actors._alias_matches(text)
    assert found == _regex_matches(text)
    words = {text[s:e] for s, e, _ in found.values()}
    assert "Kremlin-backed" not in words and "Kremlins" not in words
