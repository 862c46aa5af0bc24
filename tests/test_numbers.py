"""Quantities (analysis/extract/numbers.py): real seeds and short passages in other outlets' styles."""
import datetime as dt

import pytest

from analysis.corpus import docview
from analysis.extract import numbers as N


@pytest.fixture(scope="module")
def seeds(seeds_corpus):
    views = docview.from_corpus(seeds_corpus)
    return {v.doc_id: (v, N.numbers(v)) for v in views}


def view(raw, published=dt.date(2024, 5, 1), doc_id="t"):
    return docview.from_text(raw, doc_id=doc_id, published=published)


def rows_of(raw, **kw):
    v = view(raw, **kw)
    rows = N.numbers(v)
    for r in rows:
        assert v.text[r["clean_start"]:r["clean_end"]] == r["text"]
    return rows


def one(rows, text):
    hits = [r for r in rows if r["text"] == text]
    assert len(hits) == 1, (text, [r["text"] for r in rows])
    return hits[0]


def texts(rows):
    return [r["text"] for r in rows]


# ---------------------------------------------------------------- invariants on the seeds

def test_every_row_is_its_span_sorted_and_complete(seeds):
    for v, rows in seeds.values():
        assert rows == sorted(rows, key=lambda r: r["clean_start"])
        measures = {m["measure_id"] for m in N.measures()}
        for r in rows:
            assert list(r) == N.COLUMNS
            assert v.text[r["clean_start"]:r["clean_end"]] == r["text"]
            assert r["value_text"] in r["text"]
            assert r["kind"] in ("count", "percent", "ratio", "duration", "vague", "money")
            assert r["measure"] in measures
            assert r["claimant"]
            assert isinstance(r["via"], str)
            assert r["low"] is not None or r["high"] is not None
            if r["low"] is not None and r["high"] is not None:
                assert r["low"] <= r["high"]
            if r["claimant_start"] is not None:
                assert v.text[r["claimant_start"]:r["claimant_end"]] == r["claimant_text"]
            assert v.sentence_at(r["clean_start"]).sent_id == r["sent_id"]


def test_required_measures_exist_in_codebook():
    ids = [m["measure_id"] for m in N.measures()]
    for need in ("desertion_prosecutions", "deserters", "killed", "casualties", "loss_ratio", "casualty_change",
                 "survivors", "deployed", "unit_size", "territory_share", "population", "refugees",
                 "occupied_population", "war_duration", "battle_duration", "time_span", "military_aid", "other"):
        assert need in ids
    assert {m["counts_as"] for m in N.measures()} <= {"casualty", "not_casualty", "other"}


# ---------------------------------------------------------------- 004: desertions (editor's note)

def test_004_prosecutions_by_year(seeds):
    _, rows = seeds["004"]
    r = one(rows, "only 9,000")
    assert (r["low"], r["high"], r["measure"], r["hedge"]) == (9000, 9000, "desertion_prosecutions", "only")
    assert (r["period_start"], r["period_end"]) == ("2022-01-01", "2022-12-31")
    assert r["claimant"] == "kyle_anzalone" and r["subject_side"] == "Ukraine"
    assert r["measure_text"] == "Ukrainians prosecuted for desertion"
    r = one(rows, "24,000")                       # "That number increased to 24,000 in 2023."
    assert (r["low"], r["measure"], r["period_text"]) == (24000, "desertion_prosecutions", "2023")
    assert (r["period_start"], r["period_end"]) == ("2023-01-01", "2023-12-31")
    r = one(rows, "50,000")
    assert r["measure"] == "desertion_prosecutions"
    assert r["period_text"] == "the first nine months of 2024"
    assert (r["period_start"], r["period_end"]) == ("2024-01-01", "2024-09-30")
    assert (r["claimant"], r["via"]) == ("ukrainian_government", "kyle_anzalone")
    assert "nine months" not in texts(rows) and "nine" not in texts(rows)


def test_004_deserters(seeds):
    _, rows = seeds["004"]
    r = one(rows, "as many as 200,000")
    assert (r["low"], r["high"], r["hedge"], r["measure"]) == (None, 200000, "as many as", "deserters")
    assert (r["claimant"], r["via"]) == ("ukrainian_lawmaker", "kyle_anzalone")
    r = one(rows, "could be as high as 200,000")  # "the number" = deserters, not prosecutions
    assert (r["low"], r["high"], r["hedge"], r["measure"]) == (None, 200000, "could be as high as", "deserters")
    assert (r["claimant"], r["via"]) == ("ukrainian_lawmaker", "associated_press;kyle_anzalone")
    r = one(rows, "tens of thousands")
    assert (r["kind"], r["low"], r["high"], r["measure"]) == ("vague", 20000, None, "deserters")
    assert r["via"] == "associated_press;kyle_anzalone"


def test_004_speaker_idioms_and_dates_are_not_quantities(seeds):
    _, rows = seeds["004"]
    t = texts(rows)
    assert not any(x.lower().startswith("one") for x in t)   # One Ukrainian lawmaker, one military officer
    assert "2022" not in t and "2024" not in t              # March and April of 2022, since February 2022


# ---------------------------------------------------------------- 003: translated wire report

def test_003_shoigu_via_interfax(seeds):
    _, rows = seeds["003"]
    r = one(rows, "40 percent")
    assert (r["kind"], r["low"], r["measure"], r["unit"]) == ("percent", 40, "casualty_change", "percent")
    assert (r["claimant"], r["via"], r["claimant_text"]) == ("sergei_shoigu", "interfax", "Russia’s Defense Minister Sergei Shoigu")
    r = one(rows, "11,000")
    assert (r["measure"], r["claimant"], r["via"], r["subject_side"]) == ("casualties", "sergei_shoigu", "interfax", "Ukraine")
    assert (r["period_text"], r["period_start"], r["period_end"]) == ("February", "2023-02-01", "2023-02-28")


def test_003_general_staff_with_verification(seeds):
    _, rows = seeds["003"]
    r = one(rows, "1,060")
    assert (r["measure"], r["claimant"], r["subject_side"], r["unit"]) == ("killed", "ukraine_general_staff", "Russia", "soldiers")
    assert r["verification"] == "The claims could not be independently verified"
    assert (r["period_text"], r["period_start"], r["period_end"]) == ("since February 24", "2023-02-24", "2023-03-07")
    assert one(rows, "40 percent")["verification"] is None   # the note is about the previous sentence only


def test_003_ratio_durations_shares(seeds):
    _, rows = seeds["003"]
    r = one(rows, "one to seven")
    assert (r["kind"], r["low"], r["high"], r["measure"], r["claimant"]) == ("ratio", 7, 7, "loss_ratio", "oleksiy_danilov")
    assert "seven" not in texts(rows)
    r = one(rows, "nearly nine months")
    assert (r["kind"], r["unit"], r["low"], r["high"], r["hedge"], r["measure"]) == \
        ("duration", "months", None, 9, "nearly", "battle_duration")
    assert r["period_text"] is None                      # "in February 2022" is another clause
    r = one(rows, "only 20 percent")
    assert (r["measure"], r["low"], r["claimant"]) == ("territory_share", 20, "author")
    t = texts(rows)
    for not_q in ("30", "one", "One", "2022", "24"):        # 30th Mechanized Brigade, "one of", dates
        assert not_q not in t


# ---------------------------------------------------------------- 000: WSWS

def test_000_killed_ratio_survivors_deployed(seeds):
    _, rows = seeds["000"]
    r = one(rows, "more than 100,000")
    assert (r["low"], r["high"], r["measure"], r["claimant"], r["subject_side"]) == (100000, None, "killed", "politico", "Ukraine")
    r = one(rows, "at least five Russian soldiers were killed for every Ukrainian")
    assert (r["kind"], r["low"], r["hedge"], r["measure"], r["value_text"]) == ("ratio", 5, "at least", "loss_ratio", "five")
    assert r["verification"] == "there is no way to verify this claim"
    assert r["claimant"] == "nato" and r["subject_side"] == "Russia"
    r = one(rows, "only a few")
    assert (r["kind"], r["low"], r["high"], r["of"], r["measure"]) == ("vague", 2, None, 27, "survivors")
    assert r["via"] == "kyiv_independent"
    r = one(rows, "27")
    assert (r["measure"], r["measure_text"]) == ("unit_size", "members of his platoon")
    r = one(rows, "only eight out of 25")
    assert (r["low"], r["high"], r["of"], r["measure"], r["hedge"]) == (8, 8, 25, "deployed", "only")
    assert r["via"] == "kyiv_independent"


def test_000_population_and_vague(seeds):
    _, rows = seeds["000"]
    r = one(rows, "less than 40 million")
    assert (r["low"], r["high"], r["measure"], r["claimant"]) == (None, 40e6, "population", "author")
    assert one(rows, "over 8 million")["measure"] == "refugees"
    assert one(rows, "over 8 million")["low"] == 8e6
    r = one(rows, "several million")
    assert (r["kind"], r["low"], r["high"], r["measure"]) == ("vague", 2e6, None, "occupied_population")
    r = one(rows, "13-months-long")
    assert (r["kind"], r["unit"], r["low"], r["measure"]) == ("duration", "months", 13, "war_duration")
    r = one(rows, "for months")
    assert (r["kind"], r["unit"], r["high"]) == ("duration", "months", None)
    assert r["period_text"] is None                      # "Earlier in March" dates the interview
    r = one(rows, "billions")
    assert (r["kind"], r["measure"]) == ("money", "military_aid")
    assert one(rows, "tens of thousands")["low"] == 20000
    t = texts(rows)
    for not_q in ("93", "58", "30", "2024", "one", "first", "second"):
        assert not_q not in t


# ---------------------------------------------------------------- 001: Business Insider

def test_001_isw_and_population(seeds):
    _, rows = seeds["001"]
    r = one(rows, "approximately 65%")
    assert (r["kind"], r["low"], r["high"], r["hedge"], r["measure"], r["claimant"]) == \
        ("percent", 65, 65, "approximately", "territory_share", "isw")
    assert r["period_text"] is None
    r = one(rows, "five percent")
    assert (r["measure"], r["claimant"], r["period_text"]) == ("territory_share", "isw", "the last week")
    assert (r["period_start"], r["period_end"]) == ("2023-03-23", "2023-03-29")
    r = one(rows, "roughly 70,000")
    assert (r["measure"], r["hedge"], r["low"], r["high"]) == ("population", "roughly", 70000, 70000)
    r = one(rows, "seven months")
    assert (r["kind"], r["measure"], r["low"]) == ("duration", "battle_duration", 7)
    assert "first" not in texts(rows)


# ---------------------------------------------------------------- passages in other styles

def test_wire_range_with_next_sentence_verification():
    rows = rows_of("KYIV (Reuters) - Between 300 and 400 Russian soldiers were killed near Avdiivka in the last "
                   "week, Ukraine's General Staff said on Sunday. The figures could not be independently verified.")
    assert texts(rows) == ["Between 300 and 400"]
    r = rows[0]
    # "between" is the range's hedge, as the gold annotations write it
    assert (r["low"], r["high"], r["hedge"], r["measure"], r["subject_side"]) == (300, 400, "Between", "killed", "Russia")
    assert r["claimant"] == "ukraine_general_staff"
    assert (r["period_start"], r["period_end"]) == ("2024-04-25", "2024-05-01")
    assert r["verification"] == "The figures could not be independently verified"


def test_press_release_money_and_some():
    rows = rows_of("WASHINGTON — The U.S. House on Saturday approved $61 billion in military aid for Ukraine. "
                   "Some 1,200 people attended the rally in Lviv, organisers said.")
    r = one(rows, "$61 billion")
    assert (r["kind"], r["unit"], r["low"], r["high"], r["measure"]) == ("money", "USD", 61e9, 61e9, "military_aid")
    r = one(rows, "Some 1,200")
    assert (r["hedge"], r["low"], r["unit"], r["claimant"], r["claimant_text"], r["claimant_kind"]) == \
        ("Some", 1200, "people", None, "organisers", "anonymous")


def test_translated_text_nearly_and_fraction():
    rows = rows_of("According to the regional administration, nearly 2 million residents left the city. Was. "
                   "A third of the city is without electricity.")
    r = one(rows, "nearly 2 million")
    assert (r["low"], r["high"], r["hedge"], r["unit"]) == (None, 2e6, "nearly", "people")
    r = one(rows, "A third")
    assert (r["kind"], r["unit"], r["low"], r["high"]) == ("percent", "percent", 33.3, 33.3)


def test_dozens_vague_lower_bound():
    rows = rows_of("Dozens of civilians were wounded in the strike on Kharkiv on Tuesday, officials said.")
    r = one(rows, "Dozens")
    assert (r["kind"], r["low"], r["high"], r["measure"], r["unit"]) == ("vague", 24, None, "wounded", "people")


def test_thousands_with_spaces_and_code_articles():
    rows = rows_of("Since the beginning of 2022, 59\u00a0606 AWOL proceedings (Article 407) were registered, "
                   "of which 2 592 were closed. In January-September 2024, 18 196 desertion cases were opened.",
                   published=dt.date(2024, 10, 16))
    assert [r["text"] for r in rows] == ["59\u00a0606", "2 592", "18 196"]
    assert [(r["low"], r["measure"], r["period_start"], r["period_end"]) for r in rows] == [
        (59606, "awol_cases", "2022-01-01", "2024-10-16"), (2592, "awol_cases", "2022-01-01", "2024-10-16"),
        (18196, "desertion_cases", "2024-01-01", "2024-09-30")]


@pytest.mark.parametrize("text, measure", [
    ("Russia lost 2,000 soldiers and 14 tanks in the past day.", "casualties"),
    ("Russia lost 14 tanks in the past day.", "equipment"),
    ("Troops advanced 5 km near the town.", "distance"),
    ("About 40,000 were killed and wounded.", "casualties"),
    ("About 370,000 were wounded.", "wounded"),
    ("Some 1,200 soldiers were sentenced for desertion.", "people_prosecuted"),
])
def test_measures_are_read_from_the_counted_noun(text, measure):
    assert rows_of(text)[0]["measure"] == measure


def test_out_of_with_denominator_and_relay():
    rows = rows_of("Only three out of 10 soldiers in the company returned from the front, one military officer "
                   "told Reuters.")
    r = one(rows, "Only three out of 10")
    assert (r["low"], r["high"], r["of"], r["measure"]) == (3, 3, 10, "survivors")
    assert (r["claimant"], r["via"]) == ("military_officer", "reuters")


def test_ratio_and_change_not_range():
    rows = rows_of("Casualties increased by 25% in 2023, Oleksiy Danilov claimed, and the ratio of losses was "
                   "one to five.")
    r = one(rows, "25%")
    assert (r["kind"], r["measure"], r["period_start"], r["claimant"]) == ("percent", "casualty_change", "2023-01-01", "oleksiy_danilov")
    r = one(rows, "one to five")
    assert (r["kind"], r["low"], r["measure"]) == ("ratio", 5, "loss_ratio")
    assert "2023" not in texts(rows)


def test_durations_upper_bound_and_since():
    rows = rows_of("The war has lasted two years. Up to 15,000 people have fled since February 2022.")
    r = one(rows, "two years")
    assert (r["kind"], r["unit"], r["measure"]) == ("duration", "years", "war_duration")
    r = one(rows, "Up to 15,000")
    assert (r["low"], r["high"], r["hedge"], r["measure"]) == (None, 15000, "Up to", "refugees")
    assert (r["period_text"], r["period_start"], r["period_end"]) == ("since February 2022", "2022-02-01", "2024-05-01")


def test_percent_range_and_according_to():
    rows = rows_of("Prices rose 20 to 30 percent. About 500,000 Russian troops are deployed in Ukraine, "
                   "according to the Institute for the Study of War.")
    r = one(rows, "20 to 30 percent")
    assert (r["kind"], r["low"], r["high"]) == ("percent", 20, 30)
    r = one(rows, "About 500,000")
    assert (r["hedge"], r["low"], r["high"], r["measure"], r["claimant"], r["subject_side"]) == \
        ("About", 500000, 500000, "deployed", "isw", "Russia")


def test_pronoun_inherits_claimant_and_relay():
    rows = rows_of("According to Interfax, Sergei Shoigu said 6,000 soldiers were killed. "
                   "He estimated that over 300 tanks were lost.")
    for text in ("6,000", "over 300"):
        r = one(rows, text)
        assert (r["claimant"], r["via"]) == ("sergei_shoigu", "interfax")
    assert one(rows, "over 300")["claimant_text"] == "Sergei Shoigu"    # the pronoun's antecedent


def test_exclusions_dates_ordinals_idioms():
    rows = rows_of("One of the soldiers from the 47th Brigade said that on 12 March 2024 one Western official "
                   "visited. The first convoy left on March 3, and the second on 5 April. He is one of many. "
                   "In 2023, 2,000 people were evacuated at 10:30.")
    assert texts(rows) == ["2,000"]
    assert rows[0]["period_start"] == "2023-01-01"


def test_in_editor_note_unattributed_is_the_note_author():
    raw = ("Officials met on Monday, and 12 people attended.\n\nNOTE: Kyle Anzalone reports: “Desertion is rising. "
           "In 2023, only 9,000 Ukrainians were prosecuted for desertion. One Ukrainian lawmaker said there were "
           "as many as 100,000 desertions.”")
    v = view(raw, published=dt.date(2024, 11, 30))
    rows = N.numbers(v)
    kinds = {s.sent_id: s.kind for s in v.sentences}
    r = one(rows, "only 9,000")
    assert kinds[r["sent_id"]] == "editor_note"
    assert (r["claimant"], r["via"], r["claimant_text"]) == ("kyle_anzalone", "", "Kyle Anzalone")
    r = one(rows, "as many as 100,000")
    assert (r["claimant"], r["via"], r["measure"]) == ("ukrainian_lawmaker", "kyle_anzalone", "deserters")
    assert one(rows, "12")["claimant"] == "author"


def test_parse_number():
    assert N.parse_number("24,000") == 24000
    assert N.parse_number("1.5 million") == 1.5e6
    assert N.parse_number("twenty-five") == 25
    assert N.parse_number("$61 billion") == 61e9
    assert N.parse_number("two hundred thousand") == 200000
    assert N.parse_number("banana") is None


# ---------------------------------------------------------------- session 3: values and not-quantities

def test_not_quantities_are_skipped_by_kind():
    raw = ("Updated: 04-12-2024 12:23 IST. May 16, 2025 4:00 am CET 5 Min Read. Listen (2 min). "
           "A 38-year-old who serves in the 123 Brigade said men aged 18 to 25 are not drafted.[3] "
           "Putin, who turns 70 this week, met the G20. In 2023, 2,000 soldiers deserted.")
    rows = rows_of("Deserters return\n\n" + raw.replace(". ", ".\n\n"))
    assert texts(rows) == ["2,000"]
    kinds = {k for _, _, k in N.not_quantities(raw)}
    assert {"numeric_date", "clock_time", "reading_time", "age", "footnote", "unit_name", "group_name"} <= kinds


def test_digit_ranges_share_the_scale_and_one_before_a_noun_counts():
    rows = rows_of("It can be 2-3 cases per person, 3-5 thousand cases in all. "
                   "The enemy lost up to 620 troops, one tank and one weapons depot.")
    r = one(rows, "2-3")
    assert (r["low"], r["high"]) == (2, 3)
    r = one(rows, "3-5 thousand")
    assert (r["low"], r["high"]) == (3000, 5000)
    assert texts(rows).count("one") == 2


def test_months_of_after_a_number_is_one_duration():
    rows = rows_of("In 15 months of full-scale war Russia lost more soldiers than in ten years of fighting.")
    assert "months of" not in texts(rows) and "years of" not in texts(rows)


def _period(rows, text):
    r = one(rows, text)
    return r["period_start"], r["period_end"]


def test_period_of_an_opening_clause_a_list_an_aside_and_as_of():
    rows = rows_of("Source: the ministry. Details: In January-September 2023, 11 625 such proceedings were registered.\n\n"
                   "The enemy lost up to 80 servicemen, one tank and three depots in that area over the past day.\n\n"
                   "The last exchange, on March 6, returned 205 soldiers to each side.\n\n"
                   "By our count, the 536 cases, filed as of March 21, were brought against 548 servicemen.\n\n"
                   "In a landmark case in October, hundreds of soldiers abandoned their positions.")
    assert _period(rows, "11 625") == ("2023-01-01", "2023-09-30")
    assert _period(rows, "up to 80") == _period(rows, "three") == ("2024-04-30", "2024-05-01")
    assert _period(rows, "205") == ("2024-03-06", "2024-03-06")
    assert _period(rows, "536") == _period(rows, "548") == ("2024-03-21", "2024-03-21")
    assert _period(rows, "hundreds") == ("2023-10-01", "2023-10-31")


def test_period_not_taken_from_a_statement_date_or_another_clause():
    rows = rows_of("His previous update came in February, when he said 31,000 troops had died.\n\n"
                   "Of the city's nearly 70,000 residents, only 500 were still there by the end of March.\n\n"
                   "In an interview Tuesday with a news agency, he spoke of sacrificing untold thousands of soldiers.")
    assert _period(rows, "31,000") == (None, None)
    assert _period(rows, "nearly 70,000") == (None, None)
    assert _period(rows, "untold thousands") == (None, None)


def test_same_period_takes_the_period_before_it():
    rows = rows_of("In 2023, 100 cases were opened.\n\nOver the same period, 29 521 desertion proceedings were opened.")
    assert _period(rows, "29 521") == ("2023-01-01", "2023-12-31")


# ---------------------------------------------------------------- session 3: measures

def test_changes_are_change_rows_in_percent():
    rows = rows_of("Officers registered 35 307 criminal proceedings for AWOL in January-September 2024 – three times "
                   "more than in the same period last year.\n\nThe real number is three or even four times less.\n\n"
                   "The maximum sentence was doubled. Cases reached almost double the figure for 2022. "
                   "He doubled down on it. At least 10 times as many fled.")
    r = one(rows, "three times more")
    assert (r["measure"], r["low"], r["high"], r["kind"]) == ("change", 200, 200, "percent")
    assert (r["period_start"], r["period_end"]) == ("2024-01-01", "2024-09-30")    # the figure it qualifies
    r = one(rows, "three or even four times less")
    assert (r["low"], r["high"]) == (-75, -66.67)
    assert one(rows, "doubled")["low"] == 100
    r = one(rows, "almost double")
    assert (r["low"], r["high"], r["hedge"]) == (None, 100, "almost")
    assert one(rows, "At least 10 times as many")["low"] == 1000
    assert texts(rows).count("doubled") == 1


@pytest.mark.parametrize("text, number, measure", [
    ("Ukraine has lost 43,000 soldiers killed in action.", "43,000", "killed"),
    ("Shoigu said Ukraine had lost 383,000 troops killed and wounded.", "383,000", "casualties"),
    ("The enemy lost up to 80 servicemen.", "up to 80", "casualties"),
    ("The Prosecutor General said 410 civilians were found.", "410", "other"),
    ("The cases were brought against 548 servicemen.", "548", "people_prosecuted"),
    ("More than 290,000 criminal proceedings were opened under the articles on unauthorised abandonment of a "
     "unit (SZCh) and desertion.", "More than 290,000", "desertion_prosecutions"),
    ("At least 7,000 people were evacuated from the city.", "At least 7,000", "refugees"),
    ("The meeting, which lasted around nine hours, ended.", "around nine hours", "time_span"),
    ("A war that has now lasted more than 600 days.", "more than 600 days", "war_duration"),
])
def test_measure_from_the_counted_noun_and_its_verb(text, number, measure):
    assert one(rows_of("Title\n\n" + text), number)["measure"] == measure


def test_elided_nouns_and_anaphors_carry_the_measure():
    rows = rows_of("Title\n\nCourts handed down 1 505 sentences for AWOL in 2022, 2 165 in 2023 and 766 in 2024.\n\n"
                   "Officers registered 35 307 criminal proceedings for AWOL. In 2023, 11 625 such proceedings were "
                   "registered. For the whole of 2023 the figure reached 17 658.\n\n"
                   "“31,000 Ukrainian troops have been killed in this war. Not 300,000, not 150,000.”")
    assert {one(rows, x)["measure"] for x in ("1 505", "2 165", "766")} == {"people_prosecuted"}
    assert one(rows, "2 165")["period_start"] == "2023-01-01"
    assert {one(rows, x)["measure"] for x in ("11 625", "17 658")} == {"awol_cases"}
    assert {one(rows, x)["measure"] for x in ("300,000", "150,000")} == {"killed"}


def test_hedges_close_to_nearing_just_and_between():
    rows = rows_of("Title\n\nClose to 70,000 were wounded, nearing 500,000 in all. Only about 7% of cases ended, just 14 "
                   "of desertion. The true number lies between 40,000 and 55,000.")
    assert [(r["text"], r["low"], r["high"], r["hedge"]) for r in rows] == [
        ("Close to 70,000", None, 70000, "Close to"), ("nearing 500,000", None, 500000, "nearing"),
        ("Only about 7%", 7, 7, "Only about"), ("just 14", 14, 14, "just"),
        ("between 40,000 and 55,000", 40000, 55000, "between")]


def test_units_of_time_and_length_in_words_and_suffixes():
    rows = rows_of("Title\n\nHe spent a month and a half in Dnipro. Less than an hour after the post, he came. The talks "
                   "lasted about an hour and 40 minutes. Within hours, leaders rallied. Bucha, about 25km north-west of "
                   "Kyiv, was freed; the front stretches for more than 600 miles. Only one road is open and a few are "
                   "in detention.")
    assert one(rows, "a month and a half")["low"] == 1.5
    r = one(rows, "Less than an hour")
    assert (r["kind"], r["low"], r["high"]) == ("duration", None, 1)
    assert one(rows, "about an hour and 40 minutes")["low"] == 100
    assert one(rows, "Within hours")["kind"] == "duration"
    assert one(rows, "about 25km")["measure"] == one(rows, "more than 600")["measure"] == "distance"
    assert one(rows, "Only one")["low"] == 1
    assert one(rows, "a few")["low"] == 2


def test_durations_naming_a_period_and_day_lists_are_not_quantities():
    rows = rows_of("Title\n\nMore soldiers deserted this year than in the previous two years of the war. The government "
                   "plans to draft 160,000 troops over the next three months. Fighting went on on April 11 and 12 and "
                   "on Jan. 16.")
    assert texts(rows) == ["160,000"]


@pytest.mark.parametrize("text, number, measure", [
    ("Around 6,000 absconding soldiers have returned to service in the past month.", "Around 6,000", "returned_to_service"),
    ("He is one of roughly 21,000 soldiers classified as deserters who voluntarily returned to military service.",
     "roughly 21,000", "returned_to_service"),
    ("Russian attacks killed one civilian and wounded seven others.", "one", "killed"),
    ("Some put Russia's dead at nearly 200,000 and its wounded at about 400,000.", "nearly 200,000", "killed"),
    ("Tens of thousands of lives lost.", "Tens of thousands", "killed"),
    ("Participants will discuss three points of the Peace Formula: the release of all prisoners.", "three", "other"),
    ("Russian forces lost troops at a ratio of at least five to one.", "at least five to one", "loss_ratio"),
    ("About half of those killed were Wagner fighters.", "About half", "killed"),
])
def test_measure_from_the_verb_of_the_counted_people(text, number, measure):
    assert one(rows_of("Title\n\n" + text), number)["measure"] == measure


def test_skipped_spans_are_counted_by_kind():
    v = view("Deserters return\n\nBy a reporter\n\nThe army is short of men.\n\nA 38-year-old soldier said at "
             "10:30 that 2,000 men left.[2]\n\nThe count was made on 04-12-2024 by the ministry.")
    assert texts(N.numbers(v)) == ["2,000"]
    assert N.skipped(v) == {"age": 1, "clock_time": 1, "footnote": 1, "numeric_date": 1}
    w = view("Losses\n\nBy a reporter\n\nAt 09:15 the 93rd Brigade said 40 men died.")
    t = N.skipped_table([v, w])
    assert dict(zip(t["kind"], t["spans"])) == {"age": 1, "clock_time": 2, "footnote": 1, "numeric_date": 1,
                                                "unit_name": 1}


def test_the_skipped_kinds_are_one_sentence_of_the_answers_of_notebooks_02_and_04(tmp_path):
    import pandas as pd

    from analysis.questions import casualty_claims, desertion_prosecutions

    v = view("Deserters return\n\nBy a reporter\n\nThe army is short of men.\n\nA 38-year-old soldier said at "
             "10:30 that 2,000 men left. At 09:15 the 93rd Brigade said 40 men died.")
    t = N.skipped_table([v])
    line = "4 numbers were skipped as not quantities: 1 age, 2 times of day, 1 unit name (93rd Brigade)."
    assert N.skipped_words(t) == line
    assert N.skipped_words(t.iloc[:0]) == ""
    empty = pd.DataFrame(columns=["kind", "spans"])
    series = desertion_prosecutions.series(pd.DataFrame(columns=N.COLUMNS))
    tables = {"series": series, "estimates": desertion_prosecutions.estimates(pd.DataFrame(columns=N.COLUMNS))}
    assert desertion_prosecutions.answer({**tables, "skipped_numbers": t}).endswith("\n\n" + line)
    assert line not in desertion_prosecutions.answer({**tables, "skipped_numbers": empty})
    claims = casualty_claims.claims(pd.DataFrame(columns=N.COLUMNS + ["outlet", "published", "date_basis", "sentence"]))
    assert casualty_claims.answer({"claims": claims, "skipped_numbers": t}).endswith("\n\n" + line)
    assert "skipped_numbers" in [x.name for x in desertion_prosecutions.TABLES + casualty_claims.TABLES]


def test_change_takes_the_period_of_its_figure_not_its_base_and_nouns_of_their_own():
    rows = rows_of("Title\n\nProsecutors opened 60,000 desertion cases from January to October this year, almost "
                   "double the figure recorded for 2022.\n\nMore than a hundred applications arrived, the brigade said.",
                   published=dt.date(2024, 12, 2))
    assert one(rows, "almost double")["period_start"] == one(rows, "60,000")["period_start"] == "2024-01-01"
    assert one(rows, "More than a hundred")["measure"] == "other"


def test_a_month_before_the_speaker_dates_the_statement():
    rows = rows_of("Title\n\nThe army is short of men.\n\nIn December, Russian Defense Minister Sergei Shoigu said "
                   "Ukraine had lost 383,000 troops killed and wounded.", published=dt.date(2024, 2, 26))
    assert _period(rows, "383,000") == (None, None)


def test_a_day_dates_an_event_not_a_count_of_no_measure():
    rows = rows_of("Title\n\nThe army is short of men.\n\nThe deal signed on July 22 resumed exports from three ports. "
                   "The last exchange, on March 6, returned 205 soldiers to each side.")
    assert _period(rows, "three") == (None, None)
    assert _period(rows, "205") == ("2024-03-06", "2024-03-06")


def test_a_count_takes_the_window_of_n_months_of_fighting_and_the_duration_stays_a_number():
    rows = rows_of("Title\n\nThe army is short of men.\n\nMore than 9,000 troops were killed and another 30,000 "
                   "wounded in four months of fighting near the town, an official said.", published=dt.date(2024, 5, 1))
    assert _period(rows, "More than 9,000") == _period(rows, "30,000") == ("2024-01-02", "2024-05-01")
    assert one(rows, "four months")["kind"] == "duration"


@pytest.mark.parametrize("text", [
    "In 2022 year were registered 4 100 proceedings, in 2023 year – 9 300, in 2024-th – 12 480 proceedings.",
    "Proceedings registered: in 2022 – 4 100, in 2023: 9 300, in 2024 — 12 480.",
])
def test_list_form_gives_each_value_its_own_year(text):
    rows = rows_of("Title\n\nThe army is short of men.\n\n" + text, published=dt.date(2025, 3, 1))
    assert _period(rows, "9 300") == ("2023-01-01", "2023-12-31")
    assert _period(rows, "12 480") == ("2024-01-01", "2024-12-31")


def test_a_day_dates_a_tally_as_of_it_even_of_no_measure():
    rows = rows_of("Title\n\nThe army is short of men.\n\nAs of July 7, that list contained 27,423 names. "
                   "The deal signed on July 22 resumed exports from three ports.", published=dt.date(2024, 8, 1))
    assert _period(rows, "27,423") == ("2024-07-07", "2024-07-07")
    assert _period(rows, "three") == (None, None)


def test_cases_of_another_offence_are_other_and_cases_for_an_offence_take_it():
    rows = rows_of("Title\n\nThe army is short of men.\n\nCourts heard 471 cases of unauthorised abandonment of a unit, "
                   "followed by 25 cases of failing to carry out an order, and just 14 of desertion. "
                   "Prosecutors opened 9,000 cases of desertion and 20,000 cases for unauthorised leaving of a unit.")
    assert one(rows, "471")["measure"] == "awol_cases"
    assert one(rows, "25")["measure"] == "other"
    assert one(rows, "9,000")["measure"] == "desertion_cases"
    assert one(rows, "20,000")["measure"] == "awol_cases"


def test_how_often_is_not_a_measure_but_times_more_is_a_change():
    rows = rows_of("Title\n\nThe army is short of men.\n\nThe front line stretches for more than 600 miles, and sirens "
                   "sound in Kyiv several times a day. Losses were three times higher than in 2023.")
    assert one(rows, "several")["measure"] == "other"
    assert one(rows, "more than 600")["measure"] == "distance"
    assert one(rows, "three times higher")["measure"] == "change"


def test_period_basis_says_stated_inferred_or_absent():
    rows = rows_of("Title\n\nThe army is short of men.\n\nIn 2023, 400 troops were killed, and last year 500 were "
                   "wounded; 30 went missing.", published=dt.date(2024, 8, 18))
    assert one(rows, "400")["period_basis"] == "stated"
    assert one(rows, "500")["period_basis"] == "inferred"
    assert one(rows, "30")["period_basis"] == "absent"


@pytest.mark.parametrize("text,number,period", [
    # a list of years: each value its own year, never "2022 and 24" as a range of years
    ("Prosecutors opened 9,000 desertion cases in 2022 and 24,000 in 2023.", "9,000", ("2022-01-01", "2022-12-31")),
    ("Prosecutors opened 9,000 desertion cases in 2022 and 24,000 in 2023.", "24,000", ("2023-01-01", "2023-12-31")),
    ("The number of AWOL cases has reached 100,000 since the start of the war.", "100,000", ("2022-02-24", "2024-10-15")),
    # the figures of the sentence before: "That number", "Of those"
    ("In 2023, prosecutors opened 17,658 AWOL cases. Of those, 12,000 were in the east.", "12,000",
     ("2023-01-01", "2023-12-31")),
    ("In 2023, prosecutors opened 17,658 AWOL cases. That figure includes 1,200 desertion cases.", "1,200",
     ("2023-01-01", "2023-12-31")),
    # "The figure" is not carried: it names the figure, not its period (tests/gold convention)
    ("In 2023, prosecutors opened 17,658 AWOL cases. The figure includes 1,200 desertion cases.", "1,200", (None, None)),
    # a period of its own wins over the one before
    ("In 2023, prosecutors opened 17,658 AWOL cases. That number rose to 20,000 in 2024.", "20,000",
     ("2024-01-01", "2024-12-31")),
])
def test_period_from_the_governing_time_expression(text, number, period):
    v = docview.from_text("Title\n\n" + text, doc_id="t", published=dt.date(2024, 10, 15))
    r = one(N.numbers(v), number)
    assert (r["period_start"], r["period_end"]) == period


@pytest.mark.parametrize("text,number,measure", [
    ("Russian attacks killed one civilian and wounded seven others over the past day.", "seven", "wounded"),
    ("Russian forces captured 40 Ukrainian soldiers near Avdiivka.", "40", "captured"),
    # the villages are counted, not the troops who took them
    ("Moscow's troops captured two more villages in the Donetsk region.", "two", "area"),
])
def test_measure_of_others_and_of_captured_soldiers(text, number, measure):
    assert one(rows_of("Title\n\n" + text), number)["measure"] == measure


@pytest.mark.parametrize("text,number,measure", [
    ("Moscow has lost more than 3,000 tanks and 500,000 troops.", "500,000", "casualties"),
    ("Russia lost 20 tanks and 300 soldiers in the past day.", "300", "casualties"),
    ("Russia lost 20 tanks and 300 soldiers in the past day.", "20", "equipment"),
])
def test_people_are_never_equipment(text, number, measure):
    assert one(rows_of("Title\n\n" + text), number)["measure"] == measure


# ---------------------------------------------------------------- session 5: shapes of real coverage

@pytest.mark.parametrize("text, number, period", [
    # the period right after a figure is that figure's; the next figure takes its own
    ("Ukraine registered 80,000 AWOL cases in the first half of 2025 against 60,000 in all of 2024.", "60,000",
     ("2024-01-01", "2024-12-31")),
    ("Ukraine registered 80,000 AWOL cases in the first half of 2025 against 60,000 in all of 2024.", "80,000",
     ("2025-01-01", "2025-06-30")),
    ("In January-September, 162,000 proceedings for AWOL were registered.", "162,000", ("2025-01-01", "2025-09-30")),
    ("For the day, the enemy lost up to 490 servicemen, two tanks and 11 cars.", "up to 490",
     ("2025-10-14", "2025-10-15")),
])
def test_period_shapes_of_real_coverage(text, number, period):
    rows = rows_of("Title\n\nThe army is short of men.\n\n" + text, published=dt.date(2025, 10, 15))
    assert _period(rows, number) == period


@pytest.mark.parametrize("text, number, measure", [
    ("Zelensky said that 31,000 Ukrainian service members had been killed.", "31,000", "killed"),
    ("The brigade's 120 members were sent to the front.", "120", "unit_size"),
    ("Since the start of the full-scale invasion, 3,210 Ukrainians have returned from captivity.", "3,210",
     "prisoners_exchanged"),
    ("Of the 25 men, 20 returned from the assault.", "20", "survivors"),
    ("More than 3,000 Ukrainians have already been released as part of prisoner swaps.", "More than 3,000",
     "prisoners_exchanged"),
])
def test_measures_of_service_members_and_of_captivity(text, number, measure):
    assert one(rows_of("Title\n\nThe army is short of men.\n\n" + text), number)["measure"] == measure


def test_a_dateline_dates_the_report_and_an_opening_period_dates_the_whole_list():
    rows = rows_of("KYIV, Nov 1 (Reuters) - Ukraine opened more than 7,000 criminal cases against soldiers who went "
                   "absent without leave in September, up from about 4,500 in July.\n\n"
                   "Over the past week, the enemy lost up to 3,200 servicemen, 14 tanks and 37 armoured vehicles.",
                   published=dt.date(2023, 11, 1))
    assert _period(rows, "more than 7,000") == ("2023-09-01", "2023-09-30")
    assert _period(rows, "about 4,500") == ("2023-07-01", "2023-07-31")
    assert _period(rows, "14") == _period(rows, "37") == ("2023-10-26", "2023-11-01")


def test_the_base_of_a_comparison_dates_only_the_base():
    rows = rows_of("Title\n\nThe army is short of men.\n\nThe number of AWOL cases more than tripled in 2024 compared "
                   "to the previous year, reaching 89,000.", published=dt.date(2025, 3, 1))
    assert _period(rows, "89,000") == (None, None)          # not the past twelve months of "the previous year"


def test_cases_for_abandoning_positions_and_the_january_october_period():
    rows = rows_of("Title\n\nThe army is short of men.\n\nProsecutors opened 60,000 cases between January and October "
                   "this year against soldiers for abandoning their positions. In a standout case in late October, "
                   "hundreds of infantrymen abandoned their positions. Prosecutors have charged about 9,000 soldiers in "
                   "the January-October period this year.", published=dt.date(2024, 12, 2))
    assert one(rows, "60,000")["measure"] == "desertion_prosecutions"
    assert one(rows, "hundreds")["measure"] == "deserters"
    assert _period(rows, "about 9,000") == ("2024-01-01", "2024-10-31")


def test_a_dash_between_months_is_a_range_and_surrendered_soldiers_are_captured():
    rows = rows_of("Title\n\nThe army is short of men.\n\nThe ministry said Ukraine had lost more than 43,000 servicemen "
                   "during the June-July counteroffensive. A total of 54 Ukrainian soldiers surrendered during the week.",
                   published=dt.date(2023, 8, 28))
    assert _period(rows, "more than 43,000") == ("2023-06-01", "2023-07-31")
    assert one(rows, "54")["measure"] == "captured"


@pytest.mark.parametrize("text, number, period", [
    ("At the start of the year, Ukraine had registered about 123,000 investigations into AWOL.", "about 123,000",
     ("2025-01-01", "2025-04-30")),
    ("The government plans to draft 160,000 additional troops over the next three months.", "160,000",
     ("2025-10-15", "2026-01-14")),
    ("In total since the beginning of the full-scale invasion, cases opened for SZCh make up 202 997, or near 203 "
     "thousand.", "near 203 thousand", ("2022-02-24", "2025-10-15")),
    ("Kyiv aims to mobilise 30,000 men in the coming months.", "30,000", (None, None)),
])
def test_the_start_of_the_year_the_next_months_and_a_figure_restated(text, number, period):
    rows = rows_of("Title\n\nThe army is short of men.\n\n" + text, published=dt.date(2025, 10, 15))
    assert _period(rows, number) == period


@pytest.mark.parametrize("text, number, measure", [
    ("Kyiv said 12,000 Ukrainian soldiers remain in Russian captivity.", "12,000", "captured"),
    ("Nearly 12,000 AWOL soldiers came back to their units.", "Nearly 12,000", "returned_to_service"),
    ("Of the 30 men, 12 came back unharmed.", "12", "survivors"),
])
def test_captivity_and_coming_back_to_the_unit(text, number, measure):
    assert one(rows_of("Title\n\nThe army is short of men.\n\n" + text), number)["measure"] == measure


@pytest.mark.parametrize("text, number, period", [
    ("In 2024, prosecutors opened 89,000 AWOL cases. A year earlier, the figure was 24,000 cases.", "24,000",
     ("2023-01-01", "2023-12-31")),
    ("In January-September 2025, 160,000 AWOL cases were opened, against 50,000 in the same months a year earlier.",
     "50,000", ("2024-01-01", "2024-09-30")),
    ("Russia lost 430,000 troops in 2024, compared with 250,000 the previous year.", "250,000",
     ("2023-01-01", "2023-12-31")),
    ("Ukraine opened 5,000 desertion cases the previous year.", "5,000", ("2024-01-01", "2024-12-31")),
])
def test_a_year_earlier_is_the_year_before_its_antecedent(text, number, period):
    rows = rows_of("Title\n\nThe army is short of men.\n\n" + text, published=dt.date(2025, 10, 15))
    assert _period(rows, number) == period


@pytest.mark.parametrize("text, number, measure, period", [
    ("Russia's Defense Ministry says close to 1,400 Ukrainian soldiers lost their lives in the past 24 hours.",
     "close to 1,400", "killed", ("2025-10-14", "2025-10-15")),
    ("Ritter predicted that Ukraine will lose as many as 2,000 soldiers a day.", "as many as 2,000", "casualties",
     (None, None)),
    ("Roughly 15,000 Russian troops have been killed in Ukraine in almost five months of fighting, the CIA said.",
     "Roughly 15,000", "killed", ("2025-05-16", "2025-10-15")),
])
def test_lives_lost_lose_and_a_hedged_window_of_fighting(text, number, measure, period):
    r = one(rows_of("Title\n\nThe army is short of men.\n\n" + text, published=dt.date(2025, 10, 15)), number)
    assert (r["measure"], (r["period_start"], r["period_end"])) == (measure, period)


def test_a_period_before_a_list_of_losses_dates_every_item_even_with_an_including_aside():
    rows = rows_of("Title\n\nThe army is short of men.\n\nUkraine's losses over the past day \"amounted to up to 540 "
                   "military personnel, two tanks, including a German-made Leopard-2A1, two armored fighting vehicles, "
                   "[and] 11 vehicles,\" the statement said.", published=dt.date(2024, 5, 13))
    assert {_period(rows, x) for x in ("up to 540", "11")} == {("2024-05-12", "2024-05-13")}


@pytest.mark.parametrize("text, number, measure", [
    ("Russian officials said the attack set fire to the depot and injured two workers.", "two", "wounded"),
    ("The strike killed five rescuers and wounded 12 medics.", "12", "wounded"),
    ("The grouping beat back 13 counterattacks, killing up to 80 Ukrainian soldiers, the ministry said.", "13", "other"),
    ("Participants will discuss three points of the Peace Formula.", "three", "other"),
])
def test_a_verb_right_before_the_number_decides_whatever_the_noun(text, number, measure):
    assert one(rows_of("Title\n\nThe army is short of men.\n\n" + text), number)["measure"] == measure


def test_cars_and_trucks_in_a_loss_list_are_equipment():
    rows = rows_of("Title\n\nThe army is short of men.\n\nKiev's forces had also lost two tanks and 17 cars, and 51 "
                   "automobiles were destroyed.")
    assert one(rows, "17")["measure"] == one(rows, "51")["measure"] == "equipment"


@pytest.mark.parametrize("raw, text, measure", [
    ("Prosecutors opened 53,000 cases of soldiers leaving their units without permission in 2025.", "53,000",
     "awol_cases"),
    ("Since 2022, 95,000 cases were opened against soldiers who left without permission or deserted.", "95,000",
     "desertion_prosecutions"),
])
def test_awol_described_in_words_not_the_term(raw, text, measure):
    assert one(rows_of(raw), text)["measure"] == measure


# ---------------------------------------------------------------- session 6: shapes of real coverage

@pytest.mark.parametrize("raw, text, low, high, unit", [
    ('"We can hold them for a day or two, or we retreat," said a sergeant.', "a day or two", 1, 2, "days"),
    ("Nobody knows what will happen in a week or two.", "a week or two", 1, 2, "weeks"),
    ("He said he would hold off on new sanctions for two or three weeks.", "two or three weeks", 2, 3, "weeks"),
    ("Two or three soldiers deserted from the company every day.", "Two or three", 2, 3, "soldiers"),
])
def test_ranges_joined_by_or_are_one_row_with_both_bounds(raw, text, low, high, unit):
    r = one(rows_of(raw), text)
    assert (r["low"], r["high"], r["unit"]) == (low, high, unit)


def test_or_between_a_number_and_a_multiple_is_still_a_change():
    assert one(rows_of("Russia fired three or even four times more shells."), "three or even four times more")[
        "measure"] == "change"


@pytest.mark.parametrize("raw, text, measure", [
    # the base of a comparison counts what the figure it is compared with counts
    ("Ukraine's prosecutors opened 89,447 criminal cases for desertion and going AWOL in the first ten months "
     "of 2025, up from 66,000 in the whole of 2024.", "66,000", "desertion_prosecutions"),
    ("Since the beginning of 2024, 5,204 AWOL cases have been filed, compared to just 5,096 such cases in all "
     "of 2023, when courts were sentencing fewer men.", "just 5,096", "awol_cases"),
    ("Prosecutors opened 20,000 desertion cases this year, down from 24,000 last year.", "24,000", "desertion_cases"),
    # a base with a noun of its own keeps it
    ("Russia lost 1,200 troops in the past day, compared with 30 tanks a day earlier.", "30", "equipment"),
])
def test_the_base_of_a_comparison_counts_what_it_is_compared_with(raw, text, measure):
    assert one(rows_of(raw), text)["measure"] == measure


@pytest.mark.parametrize("raw, text, measure", [
    # a possessive says whose soldiers, not what is counted; "gone absent" is an AWOL estimate
    ("A battalion commander estimated that up to 1,700 of his brigade's soldiers had gone absent in the past year.",
     "up to 1,700", "deserters"),
    ("About 300 soldiers went absent from the unit last month.", "About 300", "deserters"),
])
def test_a_possessive_unit_is_whose_soldiers_and_going_absent_is_desertion(raw, text, measure):
    assert one(rows_of(raw), text)["measure"] == measure


@pytest.mark.parametrize("raw, text, period", [
    ("As of October 1, prosecutors had registered 250,000 AWOL cases.", "250,000", ("2025-10-01", "2025-10-01")),
    ("So far this year, prosecutors have opened 110,000 AWOL cases.", "110,000", ("2025-01-01", "2025-10-15")),
    ("Prosecutors have opened 110,000 AWOL cases this year so far.", "110,000", ("2025-01-01", "2025-10-15")),
    # an event clause after "since" is dated by the expression in it; the period runs to publication
    ("Since Russia invaded Ukraine in February 2022, 290,000 AWOL cases have been opened.", "290,000",
     ("2022-02-01", "2025-10-15")),
    ("Some 10 million tonnes of grain have been shipped since the deal was struck in July.", "Some 10 million",
     ("2025-07-01", "2025-10-15")),
    ("Russia has lost 700,000 troops since Moscow launched its full-scale invasion on February 24, 2022.", "700,000",
     ("2022-02-24", "2025-10-15")),
    # published on a Wednesday: the weekend before
    ("Ukraine says Russia lost 4,000 troops over the weekend.", "4,000", ("2025-10-11", "2025-10-12")),
    # MT: "in 11 months of 2024" are its first eleven months
    ("In 11 months of 2024, 89,000 AWOL cases were registered.", "89,000", ("2024-01-01", "2024-11-30")),
])
def test_period_of_snapshots_so_far_invasion_clauses_weekends_and_months_of_a_year(raw, text, period):
    rows = rows_of("Title\n\nThe army is short of men.\n\n" + raw, published=dt.date(2025, 10, 15))
    assert _period(rows, text) == period


@pytest.mark.parametrize("raw, text, period", [
    # MT "from 2022 year to July 2025 year" is one range
    ("The edition specified that from 2022 year to July 2025 year were opened more than 200 thousand cases for "
     "the unauthorized leaving of unit.", "more than 200 thousand", ("2022-01-01", "2025-07-31")),
    # the day of a running count is its snapshot, not the date of a statement
    ("Moscow crossed the 250,000 mark in Kyiv's count on August 7, when the tally reached 250,240.", "250,240",
     ("2025-08-07", "2025-08-07")),
])
def test_mt_year_ranges_and_the_day_of_a_running_count(raw, text, period):
    rows = rows_of("Title\n\nThe army is short of men.\n\n" + raw, published=dt.date(2025, 10, 15))
    assert _period(rows, text) == period


def test_people_before_a_list_of_equipment_are_the_losses_named_before_them():
    rows = rows_of('Title\n\nThe army is short of men.\n\n"Over the past day, the enemy\'s losses in the area of '
                   'responsibility of the Battlegroup Center amounted to up to 480 servicemen, a tank and three pickup '
                   'trucks," the ministry said.')
    assert one(rows, "up to 480")["measure"] == "casualties"
    assert one(rows, "three")["measure"] == "equipment"


@pytest.mark.parametrize("raw, kept", [
    # a number inside a period phrase is the period's, not a quantity
    ("Three times more soldiers left their units than in the first two and a half years of the war.",
     ["Three times more"]),
    ("More than two and a half years on, he is one of many soldiers who have stopped.", ["More than two and a half years"]),
    # phone numbers, a group's name and "one such" speaker identifiers are no quantities
    ("Call the hotline at 0 800 500 225 or +380 44 123 45 67 for help.", []),
    ("Zelensky told leaders at the Group of 20 summit that 12 480 cases were open.", ["12 480"]),
    ("ERR spoke to one such soldier, whom it is calling Ivan.", []),
])
def test_period_phrases_phones_group_names_and_one_such_are_not_quantities(raw, kept):
    assert texts(rows_of("Title\n\nThe army is short of men.\n\n" + raw)) == kept


def test_two_and_a_half_years_is_one_duration_of_two_and_a_half():
    r = one(rows_of("Title\n\nThe war has lasted two and a half years."), "two and a half years")
    assert (r["kind"], r["low"], r["high"], r["unit"]) == ("duration", 2.5, 2.5, "years")


def test_mt_hundreds_thousands_and_n_previous_years():
    rows = rows_of("Title\n\nThe army is short of men.\n\nWere opened hundreds thousands cases for the unauthorized "
                   "leaving of unit. In 2025 registered 110 511 proceedings, that is more, than for three previous "
                   "years together.", published=dt.date(2025, 8, 26))
    assert (one(rows, "hundreds thousands")["low"], one(rows, "hundreds thousands")["kind"]) == (200000, "vague")
    assert texts(rows) == ["hundreds thousands", "110 511"]


def test_articles_of_the_code_are_no_quantities_and_the_first_quarter_is_of_this_year():
    rows = rows_of("Title\n\nThe army is short of men.\n\nProsecutors registered 176,000 cases under Articles 407 and "
                   "408 of the Criminal Code. They recorded 21,000 AWOL cases in the first quarter.",
                   published=dt.date(2025, 10, 15))
    assert texts(rows) == ["176,000", "21,000"]
    assert _period(rows, "21,000") == ("2025-01-01", "2025-03-31")


def test_one_reading_of_the_cue_syntax():
    # the substring prefilter and the regex read a cue the same way: every match starts with the literal
    assert N._cue_syntax("unauthori*~and desert*") == (("unauthori", "and desert"), True, False)
    assert N._cue_syntax("-long war") == (("-long war",), False, True)
    assert N._cue_literal("criminal case*") == "criminal"
    for cue, t in [("unauthori*~and desert*", "unauthorised leaving and desertion"),
                   ("-long war", "a three-year-long war"), ("criminal case*", "Criminal cases were opened")]:
        ms = list(N._cue_rx(cue).finditer(t))
        assert ms and all(t[m.start():].lower().startswith(N._cue_literal(cue)) for m in ms), cue
    assert not N._cue_rx("war").search("warfare") and N._cue_rx("desert*").search("deserters")


@pytest.mark.parametrize("raw, text, low, measure", [
    ("The number of AWOL cases rose by 40 percent in 2024, prosecutors said.", "40 percent", 40, "change"),
    ("Prosecutors reported a 30% increase in desertion cases in 2024.", "30%", 30, "change"),
    ("Desertions were up 25% on the previous year, the ministry said.", "25%", 25, "change"),
    ("AWOL cases jumped 70% year on year.", "70%", 70, "change"),
    ("Recruitment fell by 20 percent in March.", "20 percent", -20, "change"),
    ("A 12% drop in recruitment was recorded in 2023.", "12%", -12, "change"),
    ("Ukraine's losses fell on 90% in the last week, the ministry said.", "90%", -90, "casualty_change"),
    ("The tally has grown sixfold over the past two years.", "sixfold", 500, "change"),
    ("Desertion cases saw a fivefold increase since 2022.", "fivefold", 400, "change"),
])
def test_percent_rises_and_falls_are_change_rows(raw, text, low, measure):
    r = one(rows_of(raw), text)
    assert (r["kind"], r["low"], r["measure"]) == ("percent", low, measure)


def test_a_share_or_a_level_is_no_change():
    rows = rows_of("Russia controls about 18 percent of Ukraine, up from 7 percent in 2022. The four regions "
                   "make up around 15% of its territory. The share rose to 40 percent in 2024.")
    assert [(r["text"], r["low"], r["measure"] == "change") for r in rows if r["kind"] == "percent"] == [
        ("about 18 percent", 18, False), ("7 percent", 7, False), ("around 15%", 15, False), ("40 percent", 40, False)]


@pytest.mark.parametrize("raw, text, measure", [
    ("Roughly 15,000 Russian troops have been killed in almost five months of fighting, Burns said.",
     "almost five months", "war_duration"),
    ("Russia lost more soldiers than the Soviet Union did in ten years of fighting in Afghanistan.", "ten years",
     "war_duration"),
    ("After ten months of fighting for Bakhmut, Wagner claimed the city.", "ten months", "battle_duration"),
    ("Kyiv conceded the loss of a city that has been fought over for more than a year.", "more than a year",
     "battle_duration"),
])
def test_duration_of_the_war_or_of_a_battle(raw, text, measure):
    assert one(rows_of(raw), text)["measure"] == measure


@pytest.mark.parametrize("raw, kind", [
    ("Oleksandr, 45, told AFP that he left his position.", "age"),
    ("He has refused to lower the mobilisation age from 25, insisting the army needs weapons.", "age"),
    ("One Ukrainian commander told France 24 that the problem could only grow.", "group_name"),
    ("The anchor of Rossiya 24 repeated the claim.", "group_name"),
    ("They are simply blowing up nine-story buildings, he said.", "building_size"),
])
def test_ages_broadcasters_and_building_heights_are_skipped_and_counted(raw, kind):
    v = view(raw)
    assert [r["text"] for r in N.numbers(v)] == [] and N.skipped(v) == {kind: 1}


def test_a_count_after_a_comma_is_no_age():
    assert texts(rows_of("Of the 300 soldiers, 45, the ministry said, had deserted.")) == ["300", "45"]


def test_cases_with_the_noun_left_out_take_the_offence_that_follows():
    rows = rows_of("In October alone, 18 909 criminal proceedings were opened over SZCh and 2 276 over desertion. "
                   "From January 2022 to September 2025, about 235 000 proceedings on SZCh and about 54 000 on "
                   "desertion were opened, in total almost 290 000. The outlet had documented 10,025 prosecutions "
                   "of soldiers by mid-June. Of those, 9,059 were for abandoning a unit, 627 for failing to follow "
                   "an order and 339 for desertion proper. Police detained 40 people over the protest.",
                   published=dt.date(2025, 11, 10))
    assert [(r["text"], r["measure"]) for r in rows if r["text"] != "10,025"] == [
        ("18 909", "awol_cases"), ("2 276", "desertion_cases"), ("about 235 000", "awol_cases"),
        ("about 54 000", "desertion_cases"), ("almost 290 000", "desertion_prosecutions"),
        ("9,059", "awol_cases"), ("627", "other"), ("339", "desertion_cases"), ("40", "other")]


def test_a_breakdown_in_parentheses_counts_what_its_first_item_counts():
    rows = rows_of("Prosecutors opened the most desertion cases in the Zaporizhzhia (6,144), Kharkiv (5,771) and "
                   "Donetsk (5,318) regions.")
    assert [(r["text"], r["measure"]) for r in rows] == [
        ("6,144", "desertion_cases"), ("5,771", "desertion_cases"), ("5,318", "desertion_cases")]


def test_one_after_an_article_and_adjective_is_the_pronoun():
    assert texts(rows_of("Scholz said what was needed was not a dictated peace but a just one that respects "
                         "Ukraine's integrity.")) == []
    assert texts(rows_of("Only one tank survived, and the ratio was five to one.")) == ["Only one", "five to one"]


def test_the_verb_of_the_counted_people_past_an_aside():
    rows = rows_of("Two men were killed and at least 40 people, including children, were injured after missiles "
                   "struck Pavlohrad.")
    assert [(r["text"], r["measure"]) for r in rows] == [("Two", "killed"), ("at least 40", "wounded")]


@pytest.mark.parametrize("raw, text, period", [
    # the date an estimate was made is not its period (tests/gold/README.md)
    ("Documents that leaked online in April put Russian casualties at 189,500 to 223,000.", "189,500 to 223,000", None),
    ("Early this year the ministry estimated around 70,000 dead.", "around 70,000", None),
    # ... but a span the estimate covers is
    ("Over the past week, officials estimated, Russia lost 3,000 troops.", "3,000", "the past week"),
    ("In 2023 an estimated 20,000 soldiers deserted.", "an estimated 20,000", "2023"),
    # an event clause dated on a day runs from that day to publication
    ("Around 45,000 soldiers had been wounded since the full-scale invasion began on Feb. 24.", "Around 45,000", "Feb. 24"),
])
def test_period_of_an_estimate(raw, text, period):
    r = one(rows_of(raw), text)
    assert r["period_text"] == period
    if text == "Around 45,000":
        assert (r["period_start"], r["period_end"]) == ("2022-02-24", "2024-05-01")


def test_a_cue_in_the_figures_own_clause_wins_over_one_across_a_semicolon():
    rows = rows_of("One serviceman was convicted of desertion in Murmansk; two others received suspended "
                   "sentences for abandoning their units.")
    assert one(rows, "two")["measure"] == "people_prosecuted"
    rows = rows_of("French officials estimate that 500,000 Russians have been killed or seriously injured.")
    assert one(rows, "500,000")["measure"] == "casualties"
    rows = rows_of("The Center, a think-tank in Washington, put the figure at 200,000-250,000 casualties.")
    assert one(rows, "200,000-250,000")["measure"] == "casualties"


def test_a_distance_in_a_locating_aside_has_no_period():
    rows = rows_of("Footage published on April 9 shows Russian forces near Khromove (2km west of Bakhmut).",
                   published=dt.date(2023, 4, 12))
    assert one(rows, "2km")["period_text"] is None


def test_a_cue_phrase_with_scare_quotes_inside():
    rows = rows_of("Between 462,000 and 728,000 Russian soldiers had been put “out of action” by mid-June.")
    assert rows[0]["measure"] == "casualties"


def test_the_n_figure_counts_what_the_same_figure_before_counted():
    rows = rows_of("Prosecutors have charged about 60,000 soldiers this year. The 60,000 figure is nearly double "
                   "the number for 2022 and 2023 combined.")
    assert [r["measure"] for r in rows if r["low"] == 60000] == ["people_prosecuted", "people_prosecuted"]
