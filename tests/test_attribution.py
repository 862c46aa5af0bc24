"""The attribution layer on small texts of our own: each cue family and each carried rule."""
import datetime as dt

import pytest

from analysis import attribution as A
from analysis import docview
from analysis import numbers as N
from analysis import quotes as Q


def view(raw, published=dt.date(2024, 5, 1)):
    return docview.from_text(raw, doc_id="t", published=published)


def frame_of(raw, cue):
    v = view(raw)
    fs = [f for f in A.frames(v) if cue in f["cue"]]
    assert fs, [f["cue"] for f in A.frames(v)]
    return fs[0]


@pytest.mark.parametrize("raw, cue, source, actor, kind", [
    ("Kremlin spokesman Dmitry Peskov said the talks were over.", "said", "Kremlin spokesman Dmitry Peskov",
     "dmitry_peskov", "person"),
    ("Olena Marchenko, a spokeswoman for the regional administration, said 12 people died.", "said",
     "Olena Marchenko, a spokeswoman for the regional administration", None, "person"),
    ("“We will hold,” said one military officer.", "said", "one military officer", "military_officer", "anonymous"),
    ("The toll rose to 40, according to the Prosecutor General's Office.", "according to",
     "the Prosecutor General's Office", None, "body"),
    ("Figures from the Office of the Prosecutor General show that cases doubled.", "show",
     "the Office of the Prosecutor General", None, "body"),
    ("Some 1,200 people attended the rally, organisers said.", "said", "organisers", None, "anonymous"),
    ("A source in the Verkhovna Rada Committee on Law Enforcement told reporters the office is overwhelmed.",
     "told", "A source in the Verkhovna Rada Committee on Law Enforcement", None, "anonymous"),
])
def test_cue_families_name_their_source(raw, cue, source, actor, kind):
    f = frame_of(raw, cue)
    assert (f["source_text"], f["actor_id"], f["source_kind"]) == (source, actor, kind)


def test_an_unknown_source_never_gets_a_guessed_actor():
    f = frame_of("Serhii Hnezdilov, a soldier of the 56th Brigade, announced that he had left his unit.", "announced")
    assert f["actor_id"] is None and f["source_text"].startswith("Serhii Hnezdilov")


def test_relays_told_interview_and_quoted_by():
    assert frame_of("One Ukrainian lawmaker told AP the number was higher.", "told")["relay"] == "associated_press"
    f = frame_of("U.S. officials quoted by The New York Times estimated the toll at 70,000.", "estimated")
    assert (f["source_text"], f["relay"]) == ("U.S. officials", "new_york_times")
    f = frame_of("In an interview with Sky News, Zelensky said a ceasefire needed guarantees.", "said")
    assert (f["actor_id"], f["relay"]) == ("zelensky", "sky_news")


def test_according_to_a_publication_beside_a_speaker_is_the_relay():
    v = view("Shoigu said 40 percent of the troops were lost, according to Interfax.")
    fs = A.frames(v)
    assert [(f["actor_id"], f["relay"]) for f in fs] == [("sergei_shoigu", "interfax")]


def test_pronoun_takes_the_subject_of_the_nearest_sentence_not_its_object():
    raw = ("Zelenskiy spoke to Congress hours after talks with President Joe Biden.\n\n"
           "“We will win,” he said.")
    f = frame_of(raw, "he said")
    assert (f["actor_id"], f["carried"]) == ("zelensky", True)


def test_surname_and_role_anaphor_take_the_earlier_full_name():
    raw = ("Tetiana Sapian, an adviser to the bureau, spoke on Monday. Sapian said 21,100 soldiers had "
           "returned. The adviser added that more would follow.")
    f = frame_of(raw, "Sapian said")
    assert (f["source_text"], f["carried"]) == ("Tetiana Sapian", True)


def test_quotation_without_a_cue_continues_the_previous_speaker():
    raw = ("“We are ready to talk,” Peskov told reporters.\n\n“But not on these terms.”")
    rows = Q.quotes(view(raw))
    assert [r["speaker"] for r in rows] == ["dmitry_peskov", "dmitry_peskov"]


def test_partial_quotation_woven_into_a_speech_clause_is_a_quote_a_label_stays_a_term():
    rows = Q.quotes(view("Trump said the money had been “needlessly wasted” in the so-called “peace process”."))
    kinds = {r["text"]: (r["kind"], r["speaker"]) for r in rows}
    assert kinds["needlessly wasted"] == ("quote", "donald_trump")
    assert kinds["peace process"] == ("term", None)


def test_editor_note_naming_someone_else_credits_that_person():
    raw = ("Officials met on Monday.\n\nNOTE: Maria Ivanova reports: “Desertion is rising. In 2023, only 9,000 "
           "soldiers were prosecuted.”")
    r = next(x for x in N.numbers(view(raw)) if x["text"] == "only 9,000")
    assert (r["claimant"], r["claimant_text"]) == (None, "Maria Ivanova")


def test_editor_note_naming_nobody_is_the_articles_own_voice():
    raw = "Officials met on Monday.\n\nNOTE: This article was updated. In 2023, only 9,000 soldiers were prosecuted."
    r = next(x for x in N.numbers(view(raw)) if x["text"] == "only 9,000")
    assert (r["claimant"], r["via"]) == ("author", "")


def test_source_line_governs_the_details_block_under_it():
    raw = ("Cases rose sharply this year.\n\nSource: the Office of the Prosecutor General\n\n"
           "Details: In 2023, 17 658 such proceedings were registered.")
    r = next(x for x in N.numbers(view(raw)) if "658" in x["text"])
    assert r["claimant_text"] == "the Office of the Prosecutor General"


def test_a_number_inside_its_own_source_is_not_that_sources_claim():
    r = next(x for x in N.numbers(view("Several officials said the deal was close.")) if x["text"] == "Several")
    assert r["claimant"] == "author"


def test_words_inside_a_quotation_are_not_frames():
    assert A.frames(view("The banner read “Peskov said nothing”.")) == []
