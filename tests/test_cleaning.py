"""Each cleaning case on the real seeds, and sentence splitting."""
import re

from analysis.corpus.paths import SEEDS
from analysis.corpus.segment import split_sentences
from analysis.corpus.textmap import read_raw


def kinds(c, doc_id):
    return c.paragraphs.query("doc_id == @doc_id")[["kind", "role", "text"]].values.tolist()


def test_header_of_000_is_labelled_title_byline_date(seeds_corpus):
    paras = kinds(seeds_corpus, "000")
    assert paras[:3] == [
        ["header", "title", "Amid mounting losses, Zelensky rules out negotiations with Russia"],
        ["header", "byline", "Jason Melanovski"],
        ["header", "dateline", "30 March 2023"],
    ]
    assert paras[3][0] == "body"


def test_footer_and_contact_link_of_000_are_labelled_and_link_markup_dropped(seeds_corpus):
    paras = kinds(seeds_corpus, "000")
    assert paras[-2:] == [["footer", "text", "To contact the WSW and the Socialist Equality Party visit:"],
                          ["footer", "text", "wsws.org/contact"]]
    link = seeds_corpus.cleaning.query("doc_id == '000' and action == 'markdown_link'")
    assert link["detail"].tolist() == ["wsws.org/contact -> https://www.wsws.org/contact"]


def test_key_points_summary_of_001(seeds_corpus):
    paras = kinds(seeds_corpus, "001")
    assert [p[:2] for p in paras[:3]] == [["summary", "bullet"], ["summary", "bullet"], ["body", "text"]]
    assert paras[1][2].startswith('"Our society will push me')   # bullet marker removed, words kept


def test_caption_and_editor_note_of_004(seeds_corpus):
    paras = kinds(seeds_corpus, "004")
    assert paras[0] == ["caption", "text", "Above photo: Zelensky and Trump meeting."]
    note = [p for p in paras if p[0] == "editor_note"]
    assert len(note) == 1 and note[0][2].startswith("NOTE: Kyle Anzalone reports:")
    assert sum(p[0] == "body" for p in paras) == 8


def test_markdown_emphasis_keeps_words_and_records_publication_names(seeds_corpus):
    marks = seeds_corpus.cleaning.query("doc_id == '000' and action == 'markdown_emphasis'")
    assert marks["detail"].tolist() == ["Ukrainska Pravda", "Kyiv Independent", "Kyiv Independent",
                                        "Independent", "Independent", "Politico"]
    text = seeds_corpus.texts.set_index("doc_id").at["000", "clean_text"]
    assert "*" not in text and "pro-government Kyiv Independent he felt" in text


def test_three_broken_paragraphs_of_000_are_rejoined(seeds_corpus):
    rejoined = seeds_corpus.cleaning.query("doc_id == '000' and action == 'paragraph_rejoined'")
    assert len(rejoined) == 3
    text = seeds_corpus.texts.set_index("doc_id").at["000", "clean_text"]
    for joined in ("British Prime Minister Boris Johnson flew", "kill a lot of Russians",
                   "Politico reported that more than 100,000"):
        assert joined in text
    assert seeds_corpus.cleaning.query("action == 'paragraph_rejoined' and doc_id != '000'").empty


def test_every_span_cuts_its_text_from_the_raw_file(seeds_corpus):
    files = seeds_corpus.documents.set_index("doc_id")["file"]
    raws = {d: read_raw(SEEDS / f) for d, f in files.items()}
    for table in ("sections", "paragraphs", "sentences"):
        for r in getattr(seeds_corpus, table).itertuples():
            cut = raws[r.doc_id][r.start:r.end]
            cut = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", cut).replace("*", "")
            cut = re.sub(r"(?m)^- |\[(?=[^\]]*$)", "", cut)   # a span may end inside a link's markup
            assert " ".join(cut.split()) == " ".join(r.text.split()), (table, r)


def test_sentence_counts_and_stray_sentences(seeds_corpus):
    s = seeds_corpus.sentences
    assert s.groupby("doc_id").size().to_dict() == {"000": 42, "001": 17, "003": 32, "004": 26}
    texts = s.query("doc_id == '003'")["text"].tolist()
    assert "One of the toughest hurdles." in texts and "Was." in texts


def split(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentence_splitting_survives_abbreviations_decimals_and_quotes():
    assert split("The U.S. Gen. Mark Milley said 2.5 percent fell. It was over.") == [
        "The U.S. Gen. Mark Milley said 2.5 percent fell.", "It was over."]
    assert split("Zelensky said, “There is no part of Ukraine that can be abandoned.” Then he left.") == [
        "Zelensky said, “There is no part of Ukraine that can be abandoned.”", "Then he left."]
    assert split("“Our society will feel tired,” Zelensky said. “Our society will push me.”") == [
        "“Our society will feel tired,” Zelensky said.", "“Our society will push me.”"]
    assert split("He met J. Smith in Kyiv. Was.") == ["He met J. Smith in Kyiv.", "Was."]


def _paragraphs(raw):
    from analysis.corpus.cleaning import clean_document

    c = clean_document("x", raw)
    return [(k, r, c.text.text[s:e]) for k, r, s, e in c.paragraphs]


LINES = ["Officials said the talks would resume in Istanbul next week.",
         "The delegations met for three hours on Monday, according to a statement.",
         "No date for a ceasefire was agreed."]


def test_one_blank_line_after_the_headline_keeps_the_lines_as_paragraphs():
    # a file without blank lines between paragraphs, but one after the headline (and byline)
    for head in ("Talks to resume next week\n\n", "Talks to resume next week\nBy A. Writer\n\n",
                 "Talks to resume next week\n\nBy A. Writer\n\n"):
        paras = _paragraphs(head + "\n".join(LINES) + "\n")
        assert [p for p in paras if p[0] == "body"] == [("body", "text", ln) for ln in LINES], head
        assert paras[0] == ("header", "title", "Talks to resume next week")


def test_blank_lines_between_paragraphs_still_join_wrapped_lines():
    wrapped = ("Talks to resume next week\n\nOfficials said the talks would resume\nin Istanbul next week.\n\n"
               "No date for a ceasefire\nwas agreed.\n")
    assert [p[2] for p in _paragraphs(wrapped) if p[0] == "body"] == [
        "Officials said the talks would resume in Istanbul next week.", "No date for a ceasefire was agreed."]


def test_a_footnote_mark_after_the_full_stop_ends_the_sentence():
    from analysis.corpus.segment import split_sentences

    text = "Russian forces advanced near the town.[5] The General Staff said 20 attacks were repelled."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Russian forces advanced near the town.[5]", "The General Staff said 20 attacks were repelled."]
