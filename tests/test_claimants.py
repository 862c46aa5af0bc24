"""Who claims a number (numbers.claimant): one test per shape of news writing, on texts written
for these tests after the shapes of wire, broadsheet and Ukrainian-outlet coverage."""
import datetime as dt

import pytest

from analysis.corpus import docview
from analysis.extract import numbers


def _claims(text: str) -> dict[str, tuple]:
    view = docview.from_text(text, doc_id="t", published=dt.date(2024, 8, 12))
    return {r["text"]: (r["claimant"], r["claimant_text"], r["via"]) for r in numbers.numbers(view)}


@pytest.mark.parametrize("text, figure", [
    # a scene set before the cue's subject, the cue saying something of its own after it
    ("Hours earlier, Yevgeny Prigozhin had announced a complete takeover of the city.", "Hours earlier"),
    ("Speaking after the meeting, which lasted about two hours, the head of the delegation said Moscow was pleased.",
     "about two hours"),
    ("Then, less than an hour after Trump posted his message, he raised the stakes.", "less than an hour"),
    # a framing clause after the cue
    ("\u201cWe are ready to go for it,\u201d he said, speaking during the 90-minute video call.", "90-minute"),
    ("\u201cThe hills create a shooting range,\u201d wrote the blogger, who has 500,000 followers.", "500,000"),
    ("Zelensky said on Sunday that 31,000 soldiers had been killed, the first official death toll Kyiv has "
     "released in months.", "in months"),
    ("Zelensky said on Sunday that 31,000 soldiers had been killed, giving the first official figure for more "
     "than a year.", "more than a year"),
])
def test_the_scene_around_a_cue_is_the_articles(text, figure):
    assert _claims(text)[figure][0] == "author"


@pytest.mark.parametrize("text, figure", [
    ("More than 20,000 Russian troops have been killed and another 80,000 wounded, a White House official "
     "said Monday.", "More than 20,000"),
    ("More than 20,000 Russian troops have been killed, a White House official said Monday at a briefing.",
     "More than 20,000"),
    ("Zelensky said on Sunday that 31,000 soldiers had been killed, the first official toll released in months.",
     "31,000"),
])
def test_what_the_cue_reports_stays_the_sources(text, figure):
    assert _claims(text)[figure][0] != "author"


def test_who_counted_claims_the_count():
    got = _claims("In a new report, journalists at Mediazona counted 536 felony cases filed in garrison courts.\n\n"
                  "The outlet has documented 10,025 prosecutions of soldiers.\n\n"
                  "At the start of the year, Ukraine had registered about 123,000 investigations.")
    assert got["536"][0] == "mediazona"
    assert got["10,025"][0] == "mediazona"          # "the outlet": the publication named before
    assert got["about 123,000"][0] == "author"      # a state's registering is an act, told by the author


def test_a_count_verb_of_the_numbers_own_clause_wins_over_an_earlier_cue():
    got = _claims("Mediazona tracks the courts. Counting from the autumn of 2022, when the Kremlin announced "
                  "mobilisation, the outlet had documented 10,025 prosecutions.")
    assert got["10,025"][0] == "mediazona"


def test_a_sentence_pointing_back_names_the_source_of_the_sentences_before_it():
    got = _claims("During three years of war 200 thousand cases were opened for desertion. More than 15 thousand "
                  "servicemen were informed about suspicion. This is stated in the answer of the Office of the "
                  "Prosecutor General to a request of Ukrainska Pravda.\n\nPrices rose by 10 percent.")
    for figure in ("200 thousand", "More than 15 thousand"):
        assert got[figure][0] == "prosecutor_generals_office", figure
        assert got[figure][2] == "ukrainska_pravda"    # the publication that asked relays it
    assert got["10 percent"][0] == "author"         # another paragraph, no pointer back


def test_a_passive_was_informed_is_no_cue_of_its_subject():
    got = _claims("More than 15 thousand servicemen, who left their units, were informed about suspicion.")
    assert got["More than 15 thousand"][0] == "author"


def test_list_items_take_the_lead_ins_source():
    got = _claims("The General Staff of the Armed Forces of Ukraine reported this on Facebook.\n\n"
                  "The total combat losses of the enemy are approximately:\n\n"
                  "personnel \u2013 about 592,280 (+1,210) persons;\n\n"
                  "tanks \u2013 8,431 (+9);\n\n"
                  "Prices rose: bread 40 hryvnias.\n\n"
                  "Ukraine's General Staff lists: tanks 9,000; armoured vehicles 18,000.")
    for figure in ("about 592,280", "1,210", "8,431", "9,000", "18,000"):
        assert got[figure][0] == "ukraine_general_staff", figure
    assert got["40 hryvnias"][0] == "author"        # a label's colon, no source before it


def test_a_pronoun_inside_a_quotation_is_the_speakers():
    got = _claims("Ukrainian soldiers were sent to hold the town.\n\n"
                  "\u201cWe arrived with just rifles. They said there would be 150 tanks, there were 20,\u201d "
                  "said Serhiy Kovalenko, a platoon commander.")
    assert "Kovalenko" in got["150"][1]             # not "Ukrainian soldiers", whom "they" is not


def test_it_said_is_the_body_that_last_spoke_not_one_the_words_name():
    got = _claims("Ukraine's General Staff said Russia had lost 600,000 troops since February 2022. Russian forces "
                  "lost 1,200 soldiers over the past day, it said.\n\n"
                  "According to the ministry, as many as 395 Ukrainian troops were killed. The eastern grouping "
                  "killed up to 135 Ukrainian soldiers, it said.")
    assert got["1,200"][0] == "ukraine_general_staff"
    assert got["up to 135"][1] == "the ministry"


def test_a_named_first_conjunct_speaks_for_the_other_officials():
    got = _claims("Two men were killed and at least 40 people were injured after missiles struck Pavlohrad, "
                  "Ukrainian President Volodymyr Zelenskyy and other officials said.")
    assert got["Two"][0] == got["at least 40"][0] == "zelensky"


@pytest.mark.parametrize("text, figure, who", [
    ("As reported the Russian Ministry of Defense, for the day the forces of Ukraine lost more than 180 soldiers.",
     "more than 180", "russian_defence_ministry"),
    ("By the data of the Kremlin, the trade between the countries fell on 90% since the year 2021.", "90%", "kremlin"),
    ("According to estimation of the analysts of DeepState, the enemy controls near 90 percent of the city.",
     "near 90 percent", None),
])
def test_machine_translated_cues_name_their_source(text, figure, who):
    got = _claims(text)[figure]
    assert got[0] == who and got[1]


def test_a_comma_as_clause_is_no_cue():
    assert _claims("As expected, 40 people came to the square.")["40"][0] == "author"


def test_western_intelligence_is_western_officials():
    got = _claims("Western intelligence estimates of Russian losses vary, with some putting Russia's dead at "
                  "nearly 200,000.\n\nWestern estimates put Russian losses at 300,000 killed or wounded.")
    assert got["nearly 200,000"][0] == got["300,000"][0] == "western_official"


def test_bare_officials_are_a_group_not_the_adviser_named_before():
    got = _claims("\u201cWe will not sign anything with them,\u201d presidential adviser Mykhailo Podolyak wrote on "
                  "social media.\n\nThe first convoys could leave within 10 days, officials said.")
    assert got["10 days"][0] != "mykhailo_podolyak" and got["10 days"][1] == "officials"


def test_a_carried_officials_keeps_its_own_source():
    got = _claims("Eight people were hurt in the strike, Ukrainian President Volodymyr Zelenskyy and other officials "
                  "said.\n\nThree children were among the wounded, officials said.")
    assert got["Eight"][0] == "zelensky"
    assert got["Three"][0] != "zelensky"


def test_summed_is_not_said():
    got = _claims("If soldiers who never returned to duty are added, the losses come to at least 90,000 men.")
    assert got["at least 90,000"][0] == "author"


def test_spoken_of_and_reckon_are_cues():
    got = _claims("The CIA has spoken of 200,000 casualties.\n\nOfficials in Paris reckon that about 70,000 "
                  "soldiers had been killed by May.")
    assert got["200,000"][0] == "cia"
    assert got["about 70,000"][1] == "Officials in Paris"


def test_a_relative_clause_inside_a_reported_clause_is_reported():
    got = _claims("Yevgeny Prigozhin said that his force, which has lost about 3,000 men, would leave the town.\n\n"
                  "The general spoke to reporters, who had waited for 2 hours.")
    assert got["about 3,000"][0] != "author"
    assert got["2 hours"][0] == "author"


def test_figures_with_no_owner_are_the_last_data_source():
    got = _claims("About 60,000 cases have been opened, according to data from the prosecutor general's office. "
                  "The tally has grown fourfold in a year, the figures show.")
    assert got["fourfold"][1] == "the prosecutor general's office"


def test_an_estimate_after_a_determiner_is_a_noun():
    got = _claims("A leaked Ukrainian estimate from the spring put the losses at 50,000 killed.")
    assert got["50,000"][1] == "A leaked Ukrainian estimate"


def test_a_partial_quotation_in_an_acts_clause_is_its_subjects():
    got = _claims("\u201cWe know the date,\u201d Umerov told reporters.\n\nSerhiy Kyslytsya, the deputy foreign "
                  "minister, called the swap \u201ca good day\u201d and \u201cgood news for 500 families.\u201d")
    assert got["500"][1].startswith("Serhiy Kyslytsya")


def test_a_count_verb_reaches_its_subject_across_a_relative_clause():
    got = _claims("Mediazona, which reads obituaries and local news every week, has confirmed the names of "
                  "40,000 soldiers.")
    assert got["40,000"][0] == "mediazona"


def test_a_nouns_complement_is_no_subject():
    got = _claims("The annexation of Crimea in 2014 added an estimated 2.4 million people to the population.")
    assert got["an estimated 2.4 million"][0] == "author"


def test_a_call_sign_aside_does_not_hide_the_subject():
    got = _claims("A pro-war blogger, Ivan Petrov, known by the call sign \u201cGrom,\u201d had earlier claimed that some "
                  "9,000 soldiers were killed in the battle.")
    assert got["some 9,000"][1] == "Ivan Petrov"
