"""Standfirsts, photo credits and site furniture, one shape a test, in sentences written after
the page layouts of wire services, broadsheets, broadcasters' sites and state media."""
import pytest

from analysis.corpus.cleaning import clean_document

TITLE = "Army courts struggle with a rise in absence cases"
DEK = ("Prosecutors opened more than 10,000 cases in the first half of the year, "
       "and lawyers say the courts cannot keep up.")
BODY = ("The number of soldiers leaving their units without permission rose again this spring, "
        "officials said on Monday.")
BODY2 = "Lawyers said most of those charged had never been absent before."


def _paragraphs(raw):
    c = clean_document("x", raw)
    return [(k, r, c.text.text[s:e]) for k, r, s, e in c.paragraphs]


def _kind_of(raw, text):
    return next(k for k, _, t in _paragraphs(raw) if t == text)


@pytest.mark.parametrize("after", [
    "By Jane Roe",                                   # byline
    "Updated: 12 March 2024, 10:41",                 # publication-time line
    "Published On 15 Nov 2022",
    "This content was published on June 16, 2024 - 16:39",
    "Newsroom Desk | Updated: 04-12-2024 12:23 IST",
    "4 min read",                                    # reading time
    "Soldiers at a training ground near the front. Ivan Petrenko/AFP/Getty Images",  # caption
])
def test_the_block_under_the_headline_is_a_standfirst_when_the_header_goes_on_after_it(after):
    raw = "\n\n".join([TITLE, DEK, after, BODY, BODY2]) + "\n"
    paras = _paragraphs(raw)
    assert ("standfirst", "text", DEK) in paras
    assert paras[0] == ("header", "title", TITLE)
    assert _kind_of(raw, BODY) == "body" and _kind_of(raw, BODY2) == "body"


def test_byline_lines_after_the_standfirst_are_header_up_to_the_running_text():
    raw = "\n\n".join([TITLE, DEK, "Jane Roe", "12 March 2024", BODY, BODY2]) + "\n"
    paras = _paragraphs(raw)
    assert [k for k, _, t in paras if t in ("Jane Roe", "12 March 2024")] == ["header", "header"]
    assert _kind_of(raw, DEK) == "standfirst"


@pytest.mark.parametrize("after", [BODY, "Courts under pressure", "What the lawyers say",
                                   "A 38-year-old said at 10:30 that 2,000 men left.[2]"])
def test_a_lead_paragraph_followed_by_body_or_a_subheading_stays_body(after):
    raw = "\n\n".join([TITLE, DEK, after, BODY2]) + "\n"
    assert _kind_of(raw, DEK) == "body"


def test_a_standfirst_needs_a_headline_before_it():
    raw = "\n\n".join([DEK, "By Jane Roe", BODY, BODY2]) + "\n"
    assert _kind_of(raw, DEK) == "body"


@pytest.mark.parametrize("caption", [
    "A soldier walks past a destroyed building in the east. Ivan Petrenko/AFP/Getty",
    "A recruitment van parked on a street on July 6, 2023. [Anna Ivanova/AFP]",
    "Servicemen fire a howitzer towards enemy positions. Reuters",
    "Troops patrol a street in the Donetsk region. (AFP)",
    "The president at a press conference. (Jane Roe / The Daily Paper via Getty Images)",
    "A sergeant stands on a destroyed building on Tuesday. (John Doe for The Daily Paper)",
    "Ukrainian servicemen (illustrative photo: General Staff)",
    "The president at a press conference on Sunday Image: Presidential Press Service/REUTERS",
    "Credit: Getty Images",
    "[1/3] The president addresses a joint meeting of parliament in the capital",
    "UN Photo/John Doe",
    "Zuma / TASS",
])
def test_photo_credits_make_a_caption(caption):
    raw = "\n\n".join([TITLE, BODY, caption, BODY2]) + "\n"
    assert _kind_of(raw, caption) == "caption"


@pytest.mark.parametrize("text", [
    "He said the deal was good for the country (and for Europe).",
    "About 3/4 of the cases were closed, the prosecutor said.",
    "The agency, Reuters reported, had seen the documents.",
    "Source: officials said more than 5,000 soldiers had returned.",
    "Source: the Office of the Prosecutor General",
])
def test_body_sentences_like_credits_stay_body(text):
    raw = "\n\n".join([TITLE, BODY, text, BODY2]) + "\n"
    assert _kind_of(raw, text) == "body"


@pytest.mark.parametrize("line", [
    "Reporting by Jane Roe; Writing by John Doe; Editing by Ann Smith",
    "Our Standards: The Trust Principles.",
    "Source: Al Jazeera and news agencies",
    "The Associated Press contributed to this report.",
    "--IANS",
    "(Edited by John Doe)",
    "Share this article",
    "Facebook X WhatsApp",
    "Facebook | Twitter | Email",
    "Advertisement · Scroll to continue",
    "185 total views today",
    "Read in app",
    "Send us your feedback",
    "Please support us. Independent journalism costs money.",
    "Support us for as little as $1, and it only takes a minute.",
    "Become our patron and keep the newsroom going!",
])
def test_site_and_credit_lines_are_furniture(line):
    raw = "\n\n".join([TITLE, BODY, line, BODY2]) + "\n"
    assert _kind_of(raw, line) == "furniture"


def test_numbers_in_a_standfirst_and_a_caption_are_not_claims():
    from analysis.corpus import docview
    from analysis.extract import numbers

    caption = "Soldiers at a training ground where 300 recruits train. Ivan Petrenko/AFP/Getty Images"
    body = "Prosecutors said 7,000 of the cases concerned desertion."
    raw = "\n\n".join([TITLE, DEK, "By Jane Roe", BODY, caption, body]) + "\n"
    found = [r["value_text"] for r in numbers.numbers(docview.from_text(raw))]
    assert "7,000" in found and "300" not in found and "10,000" not in found
