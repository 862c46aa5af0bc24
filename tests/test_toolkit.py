"""The shared toolkit: phrase regexes, span arithmetic, clean-to-raw offsets (unit tier)."""
import re

import pytest

from analysis.corpus import docview, textmap
from analysis.kit import text


def test_alternation_is_longest_first_escaped_and_spaces_stretch():
    alt = text.alternation(["Kyiv", "Kyiv region", "a.b", "no"])
    assert alt.split("|")[0] == r"Kyiv\s+region"
    # longest first: "Kyiv region" is not cut to "Kyiv"; the dot is literal
    assert re.match(f"(?:{alt})", "Kyiv   region").group() == "Kyiv   region"
    assert re.fullmatch(f"(?:{alt})", "a.b") and not re.fullmatch(f"(?:{alt})", "axb")


def test_alternation_keeps_the_order_of_equal_lengths():
    assert text.alternation(["bb", "aa", "c"]) == "bb|aa|c"


def test_wildcard_and_apostrophes_only_when_asked():
    assert re.fullmatch(text.alternation(["negotiat*"], wildcard=True), "negotiations")
    assert not re.fullmatch(text.alternation(["negotiat*"]), "negotiations")
    assert re.fullmatch(text.alternation(["negotiat*"]), "negotiat*")
    assert re.fullmatch(text.alternation(["Kyiv's"], apostrophes=True), "Kyiv’s")
    assert not re.fullmatch(text.alternation(["Kyiv's"]), "Kyiv’s")


def test_phrase_regex_matches_whole_words_case_ignored():
    rx = text.phrase_regex(["peace talks", "talks"])
    assert [m.group() for m in rx.finditer("Peace  Talks began; small-talks and talkshow did not")] \
        == ["Peace  Talks"]
    # the boundaries are parameters: a hyphen after the word is allowed when asked
    loose = text.phrase_regex(["talk"], after=r"(?!\w)")
    assert loose.search("talk-show") and not text.phrase_regex(["talk"]).search("talk-show")
    assert text.phrase_regex(["talk"], flags=0).search("Talk") is None


def test_overlap_overlaps_and_gap():
    assert text.overlap((0, 10), (5, 20)) == 5
    assert text.overlap((0, 5), (5, 9)) == 0 and text.overlap((0, 5), (7, 9)) == 0
    assert text.overlaps((0, 10), (9, 12)) and not text.overlaps((0, 10), (10, 12))
    assert text.overlaps((3, 3), (0, 10))           # an empty span inside another
    assert text.gap((0, 5), (8, 9)) == 3 == text.gap((8, 9), (0, 5))
    assert text.gap((0, 5), (5, 9)) == 0 and text.gap((0, 5), (2, 3)) == 0
    assert text.inside((2, 5), (0, 5)) and text.inside((0, 5), (0, 5)) and not text.inside((0, 6), (0, 5))


def test_match_spans_pairs_one_to_one_by_largest_overlap():
    gold = [(0, 10), (20, 30), (50, 60)]
    pred = [(5, 25), (22, 29), (0, 4), (70, 80)]
    # (20,30) takes (22,29) (overlap 7) before (5,25) could; (0,10) then gets (5,25)
    assert text.match_spans(gold, pred) == {1: 1, 0: 0}
    assert text.match_spans([], pred) == {} and text.match_spans(gold, []) == {}
    # touching spans share no character: no match
    assert text.match_spans([(0, 5)], [(5, 9)]) == {}
    # a tie goes to the earlier prediction
    assert text.match_spans([(0, 10)], [(5, 10), (0, 5)]) == {0: 0}


@pytest.mark.parametrize("start, end, raw", [
    (0, 3, (10, 13)),      # 'abc' sits at raw 10..12
    (2, 5, (12, 22)),      # across a gap in the raw offsets
    (1, 1, (11, 11)),      # empty: at its position
    (6, 6, (23, 23)),      # empty at the end: just past the last character
])
def test_to_raw_covers_the_clean_characters(start, end, raw):
    index = (10, 11, 12, 20, 21, 22)
    assert textmap.to_raw(index, start, end) == raw
    assert textmap.Mapped("abcdef", index).raw_span(start, end) == raw


def test_to_raw_of_an_empty_text_and_of_numpy_offsets():
    import numpy as np

    assert textmap.to_raw((), 0, 0) == (0, 0)
    got = textmap.to_raw(np.array([4, 5, 9]), 1, 3)
    assert got == (5, 10) and all(type(v) is int for v in got)


def test_a_document_view_maps_spans_back_to_the_raw_file():
    raw = "Title\n\n*Kyiv*  said\u200b it   would  talk.\n"
    view = docview.from_text(raw)
    s = view.text.index("said")
    a, b = view.to_raw(s, s + len("said"))
    assert raw[a:b] == "said"
    k = view.text.index("Kyiv")
    assert raw[slice(*view.to_raw(k, k + 4))] == "Kyiv"
    assert view.to_raw(s, s) == (a, a)
