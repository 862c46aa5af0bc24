"""The attribution layer on small texts of our own: each cue family and each carried rule."""
import datetime as dt

import pytest

from analysis.corpus import docview
from analysis.extract import attribution as A
from analysis.extract import numbers as N
from analysis.extract import quotes as Q


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
    ("The toll rose to 40, according to the Kharkiv Regional Prosecutor's Office.", "according to",
     "the Kharkiv Regional Prosecutor's Office", None, "body"),
    ("Figures from the Office of the Prosecutor General show that cases doubled.", "show",
     "the Office of the Prosecutor General", "prosecutor_generals_office", "body"),
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


# ---------------------------------------------------------------- session 3: more cue families

def number(raw, text, **kw):
    return next(x for x in N.numbers(view(raw, **kw) if kw else view(raw)) if x["text"] == text)


def quote(raw, start):
    return next(r for r in Q.quotes(view(raw)) if r["text"].startswith(start))


def test_subject_across_a_relative_clause():
    f = frame_of("David Arakhamia, who heads the Ukrainian team, told reporters the talks went well.", "told")
    assert (f["source_text"], f["rule"]) == ("David Arakhamia", "verb_subject")


def test_a_verb_of_the_relative_clause_governs_only_what_follows_it():
    raw = "The US proposal for a 30-day ceasefire was backed by Zelensky, who insists that 40 villages stay Ukrainian."
    assert number(raw, "30-day")["claimant"] == "author"
    assert number(raw, "40")["claimant"] == "zelensky"


def test_a_publication_spoken_to_in_a_relative_clause_is_the_relay_not_the_source():
    f = frame_of("Two military units that spoke to Reuters said they took back deserters.", "said")
    assert (f["source_text"], f["relay"]) == ("Two military units", "reuters")


def test_apposition_opened_by_a_role_word():
    f = frame_of("Olena Marchenko, deputy director of the Eurasia programme at a think tank in London, told "
                 "AP the summit mattered.", "told")
    assert f["source_text"].startswith("Olena Marchenko, deputy director of the Eurasia programme")
    assert f["relay"] == "associated_press"


def test_a_coordinated_cue_verb_takes_the_subject_of_its_sentence():
    raw = ("Trump, who has promised to end the war, did not say where his numbers came from and said too "
           "many lives were being “needlessly wasted”.")
    r = quote(raw, "needlessly")
    assert (r["kind"], r["speaker"]) == ("quote", "donald_trump")
    assert frame_of(raw, "said")["rule"] == "coordinated"


def test_a_pronoun_skips_the_object_of_a_preposition_in_the_sentence_before():
    raw = ("At a joint news conference with Biden, Zelenskiy rejected the idea.\n\n"
           "“We will not give up our land,” he said.")
    assert quote(raw, "We will not")["speaker"] == "zelensky"


def test_passive_stated_by_with_apposition_and_according_to_her():
    raw = ("This was stated by Maria Ivanova, communications adviser to the Director of the State Bureau of "
           "Investigation, during a telethon.\n\nAccording to her, 300 soldiers returned within 72 hours.")
    f = frame_of(raw, "stated by")
    assert f["source_text"] == ("Maria Ivanova, communications adviser to the Director of the State Bureau of "
                                "Investigation")
    assert number(raw, "300")["claimant_text"] == f["source_text"]


def test_a_correspondent_of_a_publication_relays_and_the_outlets_own_is_the_article():
    raw = "This was stated by Maria Ivanova, an adviser to the bureau, an Interfax correspondent reports."
    fs = A.frames(view(raw))
    assert [(f["source_text"], f["relay"]) for f in fs] == [("Maria Ivanova, an adviser to the bureau", "interfax")]
    own = A.frames(docview.from_text(raw, outlet="Interfax"))
    assert [(f["source_text"], f["relay"]) for f in own] == [("Maria Ivanova, an adviser to the bureau", "")]


def test_plural_and_kind_role_anaphors():
    raw = ("Russia's military casualties are approaching 300,000, U.S. officials said.\n\n"
           "The Ukrainian figures, which the officials put at close to 70,000, are lower.")
    assert number(raw, "close to 70,000")["claimant_text"] == "U.S. officials"
    raw = ("The Financial Times reported the figure on Sunday.\n\n"
           "The 60,000 figure is nearly double the number for 2023, the newspaper noted.")
    assert number(raw, "60,000")["claimant"] == "financial_times"


def test_the_expert_takes_the_last_person_named_in_full():
    raw = ("Lawyer Taras Borovskyi believes the figure misleads.\n\n"
           "According to the expert, many of the 290,000 cases concern the same soldiers.")
    assert number(raw, "290,000")["claimant_text"] == "Lawyer Taras Borovskyi"


def test_a_number_in_a_quotation_takes_the_quotations_own_cue():
    raw = "“We counted 500 cases last year. The offices are overwhelmed,” Peskov said."
    assert number(raw, "500")["claimant"] == "dmitry_peskov"


def test_per_is_a_rate_not_a_source():
    assert number("Investigators carry 3,000 cases per investigator.", "3,000")["claimant"] == "author"


def test_a_source_line_governs_only_its_labelled_block():
    raw = ("Cases rose this year.\n\nSource: the Office of the Prosecutor General\n\n"
           "Details: In 2023, 17 658 such proceedings were registered.\n\n"
           "The number of desertion cases has also grown: 4 691 were opened in 2023.")
    assert number(raw, "17 658")["claimant_text"] == "the Office of the Prosecutor General"
    assert number(raw, "4 691")["claimant"] == "author"


def test_possessive_counts_and_figures_name_their_owner():
    assert number("By Mediazona's count, 536 cases were filed.", "536")["claimant_text"] == "Mediazona"
    raw = ("According to the press centre of the judiciary, courts handed down 1 505 sentences in 2022. "
           "The judiciary's figures for desertion are 179 sentences in 2022.")
    r = number(raw, "179")
    assert (r["claimant_text"], r["claimant_kind"]) == ("the press centre of the judiciary", "body")


def test_a_codebook_title_before_another_persons_name_is_that_person():
    raw = "US Secretary of State Marco Rubio told reporters the ball was in Russia's court."
    f = frame_of(raw, "told")
    assert (f["source_text"], f["actor_id"]) == ("US Secretary of State Marco Rubio", "marco_rubio")
    assert "antony_blinken" not in [m["actor_id"] for m in actors_mentions(raw)]


def actors_mentions(raw):
    from analysis.extract import actors
    return actors.mentions(view(raw))


def test_a_continued_quotation_follows_its_reattributed_start():
    raw = ("Russia agreed to exchange 1,000 prisoners in talks with Rustem Umerov, Vladimir Medinsky said.\n\n"
           "“We are satisfied with the result,” he told reporters. “We have taken note of the request.”")
    rows = Q.quotes(view(raw))
    assert [r["speaker_name"] for r in rows] == ["Vladimir Medinsky", "Vladimir Medinsky"]


def test_a_noun_after_a_determiner_is_not_a_cue_verb():
    assert not [f for f in A.frames(view("The leaders of the states met in Istanbul.")) if "states" in f["cue"]]


def test_a_participle_attributes_a_partial_quotation_to_the_sentence_subject():
    raw = "President Volodymyr Zelenskiy signed a decree on Tuesday formally declaring talks with Putin \"impossible\"."
    r = quote(raw, "impossible")
    assert (r["kind"], r["speaker"]) == ("quote", "zelensky")


def test_a_name_colon_quotation_line_names_its_speaker():
    raw = "Talks ended in Jeddah on Tuesday.\n\nZelenskyy: 'silence will work'\n\nThe truce starts on Friday."
    r = quote(raw, "silence")
    assert (r["kind"], r["speaker"]) == ("quote", "zelensky")
    assert not [f for f in A.frames(view("Details: “The toll rose,” officials said.")) if f["source_text"] == "Details"]


def test_a_heading_quotation_takes_the_speaker_of_the_quotation_it_echoes():
    raw = ("'A beacon on the Black Sea' as grain deal is signed\n\n"
           "“Today, there is a beacon on the Black Sea,” Guterres said before the signing.")
    r = quote(raw, "A beacon")
    assert (r["kind"], r["speaker"]) == ("quote", "antonio_guterres")
    raw = "A 'beacon' of hope for Odesa is not enough, critics say.\n\n“It is a beacon,” Guterres said."
    assert quote(raw, "beacon")["speaker_name"] == "critics"    # a sentence of the body keeps its own frame


def test_a_dateline_is_never_the_subject():
    raw = 'KYIV, Oct 4 (Reuters) - President Volodymyr Zelenskiy signed a decree formally declaring talks "impossible".'
    assert quote(raw, "impossible")["speaker"] == "zelensky"


def test_a_capital_standing_for_its_government_is_not_he():
    raw = "Moscow said the talks had failed.\n\n“We are disappointed,” he said."
    assert not [f for f in A.frames(view(raw)) if f["cue"] == "he said" and f["source_text"] == "Moscow"]
    assert frame_of("Moscow said the talks had failed.", "said")["source_kind"] == "body"


def test_a_nearer_cue_with_a_source_outside_the_codebook_wins():
    raw = ("The Institute for the Study of War said on Sunday that fighting went on.\n\n"
           "While Russian military bloggers claimed the troops had left, the think tank said it had "
           "\"not observed confirmation\" of a withdrawal.")
    assert quote(raw, "not observed")["speaker"] == "isw"


def test_a_surname_takes_the_full_name_without_the_title_before_it():
    f = frame_of("Vice President Tom Harlan spoke first. Mr. Trump and Mr. Harlan left.\n\n"
                 "Mr. Harlan said the talks were over.", "Harlan said")
    assert (f["source_text"], f["carried"]) == ("Tom Harlan", True)


def test_a_cleft_sentence_names_the_subject_before_who():
    raw = ("It was Putin who proposed, in a late-night appearance on Sunday, that talks resume "
           "in Istanbul \"without preconditions.\"")
    f = frame_of(raw, "proposed")
    assert (f["source_text"], f["rule"]) == ("Putin", "cleft")
    assert quote(raw, "without preconditions")["speaker"] == "putin"
    assert not [f for f in A.frames(view("It was clear that the talks had \"failed.\"")) if f["rule"] == "cleft"]


def test_an_anaphor_no_source_answers_takes_the_name_before_it_that_ends_in_its_noun():
    raw = ("The elite 47th Brigade is among the units trying to refill its ranks.\n\n"
           "More than a hundred applications arrived in two days, the brigade said.")
    f = frame_of(raw, "the brigade said")
    assert (f["source_text"], f["carried"]) == ("47th Brigade", True)
    f = frame_of("Applications arrived in two days, the brigade said.", "the brigade said")
    assert (f["source_text"], f["carried"]) == ("the brigade", False)


def test_the_ministry_after_a_minister_is_his_ministry_when_the_codebook_names_it():
    f = frame_of("Russian Defense Minister Sergey Shoigu visited a command centre, the ministry said.",
                 "the ministry said")
    assert (f["actor_id"], f["source_kind"]) == ("russian_defence_ministry", "body")
    f = frame_of("Finance Minister Olena Kovalenko visited a bank, the ministry said.", "the ministry said")
    assert f["actor_id"] is None


def test_bare_officials_take_the_officials_named_before():
    raw = ("Hundreds of troops were killed every day, according to U.S. officials.\n\n"
           "In the first weeks, thousands of troops were killed, officials said.")
    f = frame_of(raw, "officials said")
    assert (f["actor_id"], f["carried"]) == ("us_officials", True)
    f = frame_of("In the first weeks, thousands of troops were killed, officials said.", "officials said")
    assert (f["actor_id"], f["carried"]) == (None, False)


def test_a_relay_between_commas_leaves_the_subject_the_claimant():
    raw = ("US officials, cited by The New York Times in August, estimated that close to 70,000 soldiers "
           "had been killed.")
    f = frame_of(raw, "estimated")
    assert (f["source_text"], f["actor_id"], f["relay"]) == ("US officials", "us_officials", "new_york_times")
    other = A.frames(view("US officials, cited by analysts, estimated that 70,000 soldiers had been killed."))
    assert not [f for f in other if f["relay"]]


def test_a_place_labelling_a_heading_quotation_gives_way_to_the_speaker_it_echoes():
    raw = ("Grain deal extended\n\nUkraine: 'We are not afraid'\n\nIn Kyiv, Ukrainian President Volodymyr "
           "Zelenskyy said the corridor should keep operating. \"We are not afraid of Moscow and we will go on,\" he said.")
    assert quote(raw, "We are not afraid")["speaker"] == "zelensky"
    raw = "Grain deal extended\n\nUkraine: 'We are not afraid'\n\nShips left Odesa on Monday."
    assert quote(raw, "We are not afraid")["speaker_name"] == "Ukraine"


def test_a_cue_in_a_condition_does_not_speak():
    raw = ("Ukraine is ready to hold talks once Moscow confirms a \"full, lasting and reliable\" ceasefire, "
           "the Ukrainian president said.")
    assert not [f for f in A.frames(view(raw)) if f["source_text"] == "Moscow"]
    assert quote(raw, "full, lasting")["speaker"] == "zelensky"
    assert frame_of("Moscow confirmed a ceasefire on Monday.", "confirmed")["source_text"] == "Moscow"


def test_a_which_or_where_clause_after_the_cue_is_the_articles_background():
    raw = ('Zelensky said of the plan, which has five points, that it was final. Shoigu said his forces took '
           'two villages in Donetsk, where Russian troops have been advancing for months. Kuleba said 40 drones fell.')
    assert number(raw, "five")["claimant"] == "author"
    assert number(raw, "two")["claimant"] == "sergei_shoigu"
    assert number(raw, "for months")["claimant"] == "author"
    assert number(raw, "40")["claimant"] == "dmytro_kuleba"


def test_a_wire_credit_line_makes_the_agency_the_relay_of_named_sources_only():
    raw = ('Zelensky rules out ceding land\n\n"We will not give up," Zelensky said on Wednesday. '
           'Shoigu said 40 drones were downed. The war has lasted for 30 months.\n\n(FRANCE 24 with AFP)\n')
    assert quote(raw, "We will not")["via"] == "afp"
    assert number(raw, "40")["via"] == "afp"
    assert (number(raw, "30 months")["claimant"], number(raw, "30 months")["via"]) == ("author", "")
    assert quote(raw.replace("(FRANCE 24 with AFP)", "Read more"), "We will not")["via"] == ""


def test_a_source_line_interview_relays_the_sources_quotations_in_the_story():
    raw = ('Zelenskyy rules out a frozen conflict\n\nSource: Zelenskyy in an interview with the BBC\n\n'
           'Quote: "We will never sit at the table with Russia while they are on our land."\n\n'
           'Details: He said Russia had made "their bloody mistake" by starting the war.\n\n'
           'Quote: "Some people believe this is a movie and expect results now."\n\n'
           'Background: Peskov said Moscow sees "no prerequisites for any talks at all" now.\n')
    assert quote(raw, "We will never")["via"] == "bbc"
    assert quote(raw, "Some people")["via"] == "bbc"
    assert quote(raw, "no prerequisites")["via"] == ""
    other = raw.replace("in an interview with the BBC", "in response to a request from the BBC")
    assert quote(other, "Some people")["via"] == ""


def test_we_inside_a_quotation_is_its_speaker_not_an_earlier_source():
    raw = ('More than 20,000 Russian troops have been killed, a White House official said. '
           '"We estimate that Russia has suffered more than 100,000 casualties in this war," John Kirby told reporters.')
    r = number(raw, "more than 100,000")
    assert (r["claimant"], r["via"]) == ("john_kirby", "")


def test_an_anonymity_aside_between_subject_and_verb_is_skipped():
    raw = 'A source in the Ukrainian delegation, speaking on condition of anonymity, said 40 drones fell.'
    assert number(raw, "40")["claimant_text"] == "A source in the Ukrainian delegation"


# ---- shapes of general news writing (session 5): sentences modelled on wire, broadsheet and
# Ukrainian coverage, not on any annotated document

@pytest.mark.parametrize("raw, source", [
    ("Ihor Petrenko, a nurse at the city hospital, said the wards were full.", "Ihor Petrenko, a nurse at the city hospital"),
    ("Olena Marchenko, the owner of a bakery in Kharkiv, said she had no flour left.",
     "Olena Marchenko, the owner of a bakery in Kharkiv"),
])
def test_a_full_name_with_a_described_apposition_is_the_source(raw, source):
    assert frame_of("Title\n\n" + raw, "said")["source_text"] == source


def test_an_apposition_with_a_verb_is_a_clause_not_a_description():
    v = view("Title\n\nIn Kharkiv, the city Russia shelled, officials said the toll rose.")
    assert [f["source_text"] for f in A.frames(v)] == ["officials"]


def test_an_air_force_is_a_body_that_claims_its_numbers():
    v = view("Title\n\nUkraine's air force said it shot down 40 of 45 drones overnight.")
    rows = N.numbers(v)
    assert {r["claimant"] for r in rows} == {"ukrainian_air_force"}
    assert A.frames(v)[0]["source_kind"] == "body"


@pytest.mark.parametrize("raw, actor", [
    ("Medinsky said the talks had been constructive.", "vladimir_medinsky"),
    ("Turkish Foreign Minister Hakan Fidan said the next round would be in Istanbul.", "hakan_fidan"),
    ("Nearly 95,000 cases have been opened, the Prosecutor General's Office said.", "prosecutor_generals_office"),
    ("More than 6 million people have fled abroad, according to the UN refugee agency.", "unhcr"),
])
def test_frequent_voices_of_the_war_are_in_the_codebook(raw, actor):
    assert A.frames(view("Title\n\n" + raw))[0]["actor_id"] == actor


def test_words_told_to_the_articles_own_outlet_have_no_relay():
    raw = "Title\n\n“We lost 300 men,” the commander told The Moscow Times. “Then we left.”"
    own = docview.from_text(raw, outlet="The Moscow Times")
    other = docview.from_text(raw, outlet="Meduza")
    assert [q["via"] for q in Q.quotes(own)] == ["", ""]
    assert [q["via"] for q in Q.quotes(other)][0] == "the_moscow_times"
    raw = "Title\n\nRussia lost 1,200 troops in a week, a Ukrainian commander told The Moscow Times."
    assert [n["via"] for n in N.numbers(docview.from_text(raw, outlet="The Moscow Times"))][:1] == [""]
    assert [n["via"] for n in N.numbers(docview.from_text(raw, outlet="Meduza"))][:1] == ["the_moscow_times"]


def test_a_described_anaphor_takes_the_source_its_words_describe():
    raw = ("Title\n\nSource: Yurii Ihnat, Spokesperson of the Air Forces Command of the Armed Forces of Ukraine\n\n"
           "Details: The Air Force spokesperson noted that the threat of 3 missiles arises every day.")
    f = frame_of(raw, "noted")
    assert (f["source_text"], f["carried"]) == ("Yurii Ihnat", True)


def test_a_described_anaphor_no_earlier_source_fits_stays_itself():
    f = frame_of("Title\n\nDmytro Kuleba said Kyiv was ready. Later the Russian foreign minister said the talks were over.",
                 "minister said")
    assert (f["source_text"], f["carried"]) == ("the Russian foreign minister", False)


@pytest.mark.parametrize("raw, source, actor", [
    ("‘We will not cede territory’ – Zelensky\n\nBody.", "Zelensky", "zelensky"),
    ("Number of AWOL cases has tripled this year – Prosecutor General's Office\n\nBody.",
     "Prosecutor General's Office", "prosecutor_generals_office"),
])
def test_a_headline_ending_in_a_dash_and_a_name_names_its_speaker(raw, source, actor):
    f = frame_of(raw, "–")
    assert (f["source_text"], f["actor_id"], f["rule"]) == (source, actor, "dash_line")


def test_a_dash_inside_a_sentence_is_no_speaker_line():
    assert [f for f in A.frames(view("Title\n\nHe came back – and then left.")) if f["rule"] == "dash_line"] == []


def test_a_headline_term_before_a_dash_speaker_is_that_speakers_quotation():
    q = Q.quotes(view("Russia is running out of 'cannon fodder' – ISW\n\nBody."))[0]
    assert (q["kind"], q["speaker"]) == ("quote", "isw")


def test_in_his_words_sets_off_the_words_of_the_named_subject_before():
    q = Q.quotes(view("Title\n\nIgor, who fled his unit this autumn, blames his commander. "
                      "Being sent back was, in his words, “the last straw”."))[0]
    assert (q["kind"], q["speaker_name"]) == ("quote", "Igor")


def test_she_said_takes_the_named_subject_of_the_paragraph_before_when_no_source_came_first():
    q = Q.quotes(view("Title\n\nOlena Marchenko runs a bakery in Kharkiv.\n\n“Every night the sirens start again,” she said."))[0]
    assert q["speaker_name"] == "Olena Marchenko"


def test_a_pronoun_with_no_named_person_before_stays_unresolved():
    q = Q.quotes(view("Title\n\nThe bakery on the corner is closed.\n\n“Every night the sirens start again,” she said."))[0]
    assert q["speaker_name"] is None


@pytest.mark.parametrize("raw, actor", [
    ("Kyiv said Russia had lost 4,140 troops.", "ukrainian_government"),
    ("Moscow says the proposal is unacceptable.", "russian_government"),
])
def test_a_capital_alone_as_a_source_is_its_government(raw, actor):
    f = A.frames(view("Title\n\n" + raw))[0]
    assert (f["source_text"], f["actor_id"], f["source_kind"]) == (raw.split()[0], actor, "body")


def test_a_country_heading_a_subheading_is_a_topic_not_its_government():
    fs = [f for f in A.frames(view("Title\n\nUkraine: 'We are not afraid'\n\nBody.")) if f["rule"] == "speaker_line"]
    assert all(f["actor_id"] is None for f in fs)


@pytest.mark.parametrize("raw, source, actor", [
    ("The data, published by the UN human rights monitoring mission, show that 12,000 civilians have been killed.",
     "the UN human rights monitoring mission", "ohchr"),
    ("The figures, released on Monday by the Prosecutor General's Office, show 95,000 cases.",
     "the Prosecutor General's Office", "prosecutor_generals_office"),
])
def test_data_published_by_a_source_are_its_claim(raw, source, actor):
    n = N.numbers(view("Title\n\n" + raw))[0]
    assert (n["claimant_text"], n["claimant"]) == (source, actor)


def test_lower_case_words_before_a_role_noun_stay_in_the_source():
    t = "the UN human rights monitoring mission, show"
    s, e = A.np_after(t, 0, len(t))
    assert t[s:e] == "the UN human rights monitoring mission"
    t = "Zelensky visited wounded soldiers in hospital"
    s, e = A.np_after(t, 0, len(t))
    assert t[s:e] == "Zelensky"
    t = "Putin urges western officials"
    s, e = A.np_after(t, 0, len(t))
    assert t[s:e] == "Putin"


@pytest.mark.parametrize("raw, actor", [
    ("A senior Ukrainian defence official said the line held.", "ukrainian_officials"),
    ("Two Russian servicemen told reporters they had deserted.", "russian_soldier"),
    ("A Ukrainian commander of the 93rd Brigade said 12 men died.", "military_officer"),
    ("A senior European diplomat said the summit had failed.", None),
    ("Ukrainian soldier Serhii Hnezdilov said he had left his unit.", None),
])
def test_an_unnamed_source_with_a_side_and_a_head_noun_is_its_group(raw, actor):
    assert A.frames(view("Title\n\n" + raw))[0]["actor_id"] == actor


def test_the_prime_minister_added_takes_the_head_of_government_named_before():
    qs = Q.quotes(view("Title\n\nSpeaking to reporters, Keir Starmer criticised the refusal.\n\n"
                       "“Putin is not serious,” he said.\n\nThe prime minister added: “He's dragging his heels.”"))
    assert [q["speaker"] for q in qs] == ["keir_starmer", "keir_starmer"]


def test_a_described_anaphor_picks_the_source_of_its_side():
    qs = Q.quotes(view("Title\n\nDmytro Kuleba met Sergei Lavrov in Antalya. Kuleba said the talks were hard.\n\n"
                       "“We made no progress,” the Ukrainian foreign minister said.\n\n"
                       "“Ukraine wants to surrender,” the Russian foreign minister said."))
    assert [q["speaker"] for q in qs] == ["dmytro_kuleba", "sergei_lavrov"]


def test_an_anaphor_prefers_the_speaker_of_the_sentence_before_over_other_names_in_it():
    raw = ("Kiev regime confessed, in own words — Russian diplomat\n\n"
           "Ukrainian Foreign Minister Dmytro Kuleba made a confession, Russian Foreign Ministry Spokeswoman "
           "Maria Zakharova wrote on her Telegram channel.\n\n"
           "The diplomat posted a fragment and dubbed it \"a frank confession of Kuleba.\"\n\n"
           "In the excerpt, the Ukrainian top diplomat noted that Crimea \"is not an immediate target.\"")
    assert [q["speaker"] for q in Q.quotes(view(raw))] == ["maria_zakharova", "dmytro_kuleba"]


@pytest.mark.parametrize("raw, source", [
    ("The enemy shelled 14 settlements, informs the press service of the Donetsk regional military administration.",
     "the press service of the Donetsk regional military administration"),
    ("According to the words of the spokesman, 40 drones were shot down.", "the spokesman"),
])
def test_machine_translated_cues_name_their_source(raw, source):
    assert N.numbers(view("Title\n\n" + raw))[0]["claimant_text"] == source


def test_outlined_is_no_cue_an_article_describes_motives_with():
    raw = "Title\n\nZelensky outlined his motivations for sacrificing likely untold thousands of soldiers."
    assert N.numbers(view(raw))[0]["claimant"] == "author"


def test_a_call_sign_speaker_belongs_to_the_group_that_introduced_him():
    v = view("Title\n\nA Ukrainian junior sergeant with the call sign Bandit stands on a building.\n\n"
             "“A lot of people are dying here,” Bandit said.")
    assert Q.quotes(v)[0]["speaker"] == "ukrainian_soldier"


def test_a_first_name_with_no_call_sign_stays_a_person_of_his_own():
    v = view("Title\n\nIgor met a Ukrainian sergeant on the road.\n\n“We are tired,” Igor said.")
    assert Q.quotes(v)[0]["speaker"] is None


def test_an_offer_he_repeated_is_his_words_not_his_negotiators():
    v = view("Title\n\nZelensky spoke on Sunday. He also repeated an offer his negotiators had floated in Istanbul: "
             "Ukraine could accept \"non-bloc\" status.")
    assert Q.quotes(v)[0]["speaker"] == "zelensky"


def test_comments_to_a_publication_and_its_service_relay_the_words():
    n = N.numbers(view("Title\n\nIn comments to the Financial Times, a senior EU official said the bloc would send "
                       "2 billion euros."))[0]
    assert (n["claimant"], n["via"]) == ("western_official", "financial_times")
    q = Q.quotes(view("Title\n\n“We have lost 5,000 men,” a Russian officer told the BBC Russian service."))[0]
    assert q["via"] == "bbc"


def test_the_press_service_of_a_body_speaks_for_it():
    f = frame_of("Title\n\n“The president has no such plans,” the press service of the Kremlin said.", "said")
    assert (f["source_text"], f["actor_id"]) == ("the press service of the Kremlin", "kremlin")
    f = frame_of("Title\n\nThe head of the regional council of Kharkiv said the line held.", "said")
    assert f["actor_id"] is None


@pytest.mark.parametrize("aside", ["for its part", "meanwhile", "in turn", "in response"])
def test_a_wire_aside_between_subject_and_verb_keeps_the_subject(aside):
    raw = f"The Ukrainian General Staff, {aside}, claimed that Russian forces had lost 1,310 soldiers in a day."
    r = next(x for x in N.numbers(view(raw)) if x["text"] == "1,310")
    assert (r["claimant"], r["claimant_text"]) == ("ukraine_general_staff", "The Ukrainian General Staff")


def test_he_after_an_unnamed_person_is_that_person_not_an_older_named_one():
    raw = ("Kremlin spokesman Dmitry Peskov said the talks were over.\n\n"
           "A battalion commander in the 155th brigade said the line was thinning. "
           "“We have no one left to send,” he said.\n")
    r = quote(raw, "We have no one")
    assert r["speaker_name"] == "A battalion commander in the 155th brigade"


def test_he_never_goes_to_a_plural_unnamed_source():
    raw = ("Kremlin spokesman Dmitry Peskov said the talks were over.\n\n"
           "Western officials said the offensive had stalled. “It is over,” he said.\n")
    assert quote(raw, "It is over")["speaker"] == "dmitry_peskov"


def test_a_whole_quoted_sentence_after_an_attributed_one_continues_it():
    raw = ("Title\n\nZelensky spoke on Sunday.\n\n“We will not give up our land,” the president said in his "
           "nightly video address. “Not Donbas, not Zaporizhzhia.”\n")
    r = quote(raw, "Not Donbas")
    assert (r["kind"], r["speaker"]) == ("quote", "zelensky")


def test_a_quoted_label_after_an_attributed_quotation_stays_a_term():
    raw = ("Title\n\n“We will hold,” Zelensky said. The town they call “Fortress Bakhmut” is surrounded.\n")
    assert quote(raw, "Fortress Bakhmut")["kind"] == "term"


def test_according_to_figures_released_by_a_body_is_the_bodys_claim():
    r = number("Title\n\nAccording to figures released by the State Bureau of Investigation, 17,000 soldiers "
               "left their units last year.\n", "17,000")
    assert (r["claimant"], r["claimant_text"]) == ("state_bureau_of_investigation", "the State Bureau of Investigation")
    assert number("Title\n\nAccording to figures, 17,000 soldiers left.\n", "17,000")["claimant_text"] == "figures"


def test_a_spaced_hyphen_before_an_inverted_cue_is_a_dash():
    raw = ("Title\n\nSource: Ukrainska Pravda\n\nQuote: \"We see that the number of returns is also growing,\" "
           "- said the Ombudsman Dmytro Lubinets.\n")
    assert quote(raw, "We see")["speaker"] == "dmytro_lubinets"


def test_an_anonymity_aside_that_runs_on_still_sits_between_subject_and_verb():
    r = number("Title\n\nA battalion commander in the 155th brigade, speaking on condition of anonymity because he "
               "was not authorised to talk to the media, estimated that up to 1,700 soldiers had gone absent.\n",
               "up to 1,700")
    assert r["claimant_text"] == "A battalion commander in the 155th brigade"


# ---------------------------------------------------------------- session 6: probe shapes

@pytest.mark.parametrize("aside", ["who asked to be identified only by his call sign, Kupol",
                                   "who asked that his surname not be published", "who gave only his first name, Ivan"])
def test_an_identity_aside_between_subject_and_verb_keeps_the_subject(aside):
    raw = (f"Title\n\n“We hold,” said Taras, a 30-year-old gunner.\n\nAnother sapper, {aside}, said the mines were "
           "everywhere. “We have no one left to send,” he said.\n")
    assert quote(raw, "We have no one")["speaker_name"] == "Another sapper"


def test_a_name_in_apposition_after_a_plain_aside_is_not_swallowed():
    f = frame_of("The ministry, however, Peskov said, had no plan.", "said")
    assert f["source_text"] == "Peskov"


@pytest.mark.parametrize("anaphor", ["the 52-year-old", "the 19-year-old"])
def test_an_age_as_a_noun_stands_for_the_person_named_just_before(anaphor):
    raw = (f"Title\n\nMykola had served in Bakhmut for a year before he left.\n\n“I could not sleep,” said {anaphor}, "
           "who asked that his surname not be used.\n")
    assert quote(raw, "I could not")["speaker_name"] == "Mykola"


def test_an_age_noun_with_no_person_before_names_nobody():
    r = quote("Title\n\n“I could not sleep,” said the 52-year-old.\n", "I could not")
    assert r["speaker_name"] is None


def test_an_interview_relay_does_not_reach_a_quotation_given_in_another_venue():
    raw = ("Title\n\n“We need it,” Zelensky told CNN’s Fareed Zakaria in Kyiv.\n\n“A ceasefire comes first,” "
           "Zelensky said.\n\nZelensky said in a Telegram post that the refusal “complicates the situation” for all.\n")
    assert quote(raw, "A ceasefire")["via"] == "cnn"
    assert quote(raw, "complicates")["via"] == ""


@pytest.mark.parametrize("anaphor, actor", [("the department", "russian_defence_ministry"),
                                            ("the ministry", "russian_defence_ministry")])
def test_the_department_said_carries_the_ministry_named_before(anaphor, actor):
    raw = (f"Title\n\nThe Russian Defense Ministry said its forces took a village. Another 27 tanks were destroyed, "
           f"{anaphor} said.\n")
    assert number(raw, "27")["claimant"] == actor


def test_a_lower_case_ministry_name_is_the_codebook_body():
    r = number("Title\n\nRussia's defence ministry, meanwhile, claimed its forces had killed up to 400 soldiers.\n",
               "up to 400")
    assert r["claimant"] == "russian_defence_ministry"


@pytest.mark.parametrize("sentence, speaker", [
    ("Russian officials accused Ukraine of trying “to put on a show.”", "russian_officials"),
    ("The Kremlin slammed the proposal as “a provocation.”", "kremlin"),
    ("Zelensky mocked the ban as “tragic.”", "zelensky"),
    ("Peskov condemned the strikes as “terrorism.”", "dmitry_peskov"),
])
def test_a_partial_quotation_woven_into_a_verdict_is_its_subjects(sentence, speaker):
    r = quote(f"Title\n\nThe talks resumed on Monday.\n\n{sentence}\n", sentence.split("“")[1][:6])
    assert (r["kind"], r["speaker"]) == ("quote", speaker)


def test_a_when_clause_after_a_cue_is_the_articles_background():
    raw = ("Title\n\nMost trials began after the Kremlin announced “partial mobilization” in September, when the "
           "maximum sentence was doubled from five to 10 years.\n")
    assert number(raw, "10 years")["claimant"] == "author"


def test_a_headline_person_before_a_colon_says_the_quotation_later_in_the_line():
    raw = "Peskov: talks 'impossible' without new realities\n\nThe Kremlin spoke on Monday.\n"
    assert quote(raw, "impossible")["speaker"] == "dmitry_peskov"


def test_a_headline_place_before_a_colon_says_nothing():
    raw = "Ukraine: talks 'impossible' without new realities\n\nThe Kremlin spoke on Monday.\n"
    assert quote(raw, "impossible")["speaker"] is None


@pytest.mark.parametrize("subject", ["Ukraine's Foreign Ministry spokesman Heorhii Tykhyi",
                                     "Ukraine's General Staff spokesman Andriy Kovalyov"])
def test_a_body_before_a_role_and_a_name_only_describes_the_person(subject):
    r = quote(f"Title\n\n{subject} said the claims were “absurd.”\n", "absurd")
    assert (r["speaker"], r["speaker_name"]) == (None, subject)


def test_a_cue_word_after_a_determiner_is_a_noun():
    r = quote("Title\n\nUkraine's Foreign Ministry said the claims were “absurd.”\n", "absurd")
    assert (r["speaker"], r["cue"]) == ("ukrainian_foreign_ministry", "said")


@pytest.mark.parametrize("raw, source", [
    ("“We have no choice,” Olha, 67, told AFP.", "Olha, 67"),
    ("“We have no choice,” one resident, Olha, 67, told AFP.", "one resident, Olha, 67"),
    ("Olha Petrenko, 67, a retired teacher, said she had no choice.", "Olha Petrenko, 67, a retired teacher"),
])
def test_an_age_after_a_name_is_part_of_the_subject(raw, source):
    f = frame_of(raw, "said" if "said" in raw else "told")
    assert f["source_text"] == source


@pytest.mark.parametrize("raw, text, claimant, via", [
    ("Shoigu said 5,000 troops had been killed, Interfax reported.", "5,000", "sergei_shoigu", "interfax"),
    ("More than 300,000 reservists have been called up, Putin said on Wednesday, TASS reported.",
     "More than 300,000", "putin", "tass"),
    ("Interfax reported that 5,000 troops had been killed.", "5,000", "interfax", ""),
])
def test_an_agency_reporting_after_a_speakers_cue_relays_it(raw, text, claimant, via):
    r = number(f"Title\n\n{raw}\n", text)
    assert (r["claimant"], r["via"]) == (claimant, via)


def test_british_intelligence_is_the_uk_defence_ministry():
    r = number("Title\n\nBritish intelligence said on Sunday that Russia had likely lost 50,000 troops.\n", "50,000")
    assert r["claimant"] == "uk_defence_ministry"


def test_lower_case_words_between_a_name_and_a_body_noun_stay_in_the_subject():
    f = frame_of("The toll rose to 40, the UN human rights monitoring mission said.", "said")
    assert f["source_text"] == "the UN human rights monitoring mission"


def test_an_anaphor_matches_whole_words_of_its_antecedent_not_inside_them():
    v = view("The toll rose to 40, the EU foreign policy chief said. Heavy shelling continued, the mission said.")
    f = [f for f in A.frames(v) if f["cue"] == "the mission said"][0]
    assert f["source_text"] == "the mission"


@pytest.mark.parametrize("outlet, via", [("The Guardian", "associated_press"), ("", "")])
def test_a_wire_dateline_makes_the_agency_the_relay_in_a_republishing_outlet(outlet, via):
    raw = "Title\n\nKYIV, Ukraine (AP) — Zelensky said 300 drones had been shot down.\n"
    v = docview.from_text(raw, doc_id="t", published=dt.date(2024, 5, 1), outlet=outlet)
    r = next(x for x in N.numbers(v) if x["text"] == "300")
    assert (r["claimant"], r["via"]) == ("zelensky", via)


def test_a_tass_dateline_relays_the_speakers_figure():
    raw = "Title\n\nMOSCOW, November 12. /TASS/. Shoigu said 300 tanks were built.\n"
    v = docview.from_text(raw, doc_id="t", published=dt.date(2024, 5, 1), outlet="The Moscow Times")
    r = next(x for x in N.numbers(v) if x["text"] == "300")
    assert (r["claimant"], r["via"]) == ("sergei_shoigu", "tass")


@pytest.mark.parametrize("anaphor, speaker", [("Russia's top diplomat", "sergei_lavrov"),
                                              ("Ukraine's top diplomat", "dmytro_kuleba")])
def test_a_countrys_role_anaphor_takes_the_named_source_of_that_side(anaphor, speaker):
    raw = (f"Title\n\nSergei Lavrov met Dmytro Kuleba in Antalya.\n\n“The talks were hard,” {anaphor} said.\n")
    assert quote(raw, "The talks")["speaker"] == speaker


@pytest.mark.parametrize("raw", ["The figure, provided by the State Bureau of Investigation, was 17,000.",
                                 "Data from the State Bureau of Investigation put the number at 17,000.",
                                 "Figures compiled by the State Bureau of Investigation show 17,000 cases."])
def test_figures_provided_or_compiled_by_a_body_are_its_claim(raw):
    assert number(f"Title\n\n{raw}\n", "17,000")["claimant"] == "state_bureau_of_investigation"


# ---------------------------------------------------------------- session 7: families of unseen outlets

@pytest.mark.parametrize("raw, start, name", [
    ("Title\n\nOlena Kovalenko, a deputy minister, called the decision “a forced and legitimate step”.\n",
     "a forced", "Olena Kovalenko, a deputy minister"),
    ("Title\n\nThe ministry described the strike as “a cynical act of terror” on Tuesday.\n", "a cynical", "The ministry"),
])
def test_a_verdict_verb_gives_its_partial_quotation_a_speaker(raw, start, name):
    r = quote(raw, start)
    assert (r["kind"], r["speaker_name"]) == ("quote", name)


def test_a_heads_office_speaks_as_the_office_not_the_person():
    raw = ("Title\n\nZelensky met Trump. Zelensky’s office said in a statement that the president “outlined the "
           "principles that matter,” and talks would go on. Later his office said he expects to discuss it "
           "“in the coming days.”\n")
    assert quote(raw, "outlined")["speaker"] == "ukraine_presidential_office"
    assert quote(raw, "in the coming")["speaker"] == "ukraine_presidential_office"
    f = frame_of(raw, "office said in")
    assert (f["actor_id"], f["source_kind"]) == ("ukraine_presidential_office", "body")


@pytest.mark.parametrize("name, gender", [("Svitlana Morenets in The Spectator", "f"), ("Oleksandr, 45", "m"),
                                          ("a 24-year-old serviceman, Sergiy Gnezdilov", "m"),
                                          ("Maria Zakharova", "f"), ("Orysia Lutsevych", "f"),
                                          ("Lutsevych", ""), ("the spokesperson", "")])
def test_a_person_outside_the_codebook_has_the_gender_of_a_first_name_or_surname_ending(name, gender):
    assert A.gender_of(name) == gender


def test_her_takes_the_woman_named_before_not_the_nearer_man():
    raw = ("Title\n\nThe crisis is growing, said Svitlana Morenets in The Spectator. Oleksandr, 45, told AFP that he "
           "left his position. Jailing deserters would be “a mistake”, said Morenets. Parliament passed a law. "
           "In her view the amnesty has been “calamitous” for discipline.\n")
    assert quote(raw, "calamitous")["speaker_name"] == "Svitlana Morenets"


def test_he_takes_the_titled_person_the_sentence_before_is_about_over_an_older_source():
    raw = ("Title\n\nIhor Lutsenko, an MP, said the law was wrong. Constitutional lawyer and volunteer medic "
           "Hennadiy Druzenko criticised the decision. “They bury their heads in the sand,” he said.\n")
    assert quote(raw, "They bury")["speaker_name"].endswith("Hennadiy Druzenko")
    raw = "Title\n\nTrump called the talks “productive”. Days later “There is no deal yet,” he said.\n"
    assert quote(raw, "There is")["speaker"] == "donald_trump"


@pytest.mark.parametrize("text, day, actor", [
    ("the Finnish president", dt.date(2024, 6, 1), "alexander_stubb"),
    ("Poland's foreign minister", dt.date(2024, 6, 1), "radoslaw_sikorski"),
    ("the prime minister of Italy", dt.date(2024, 6, 1), "giorgia_meloni"),
    ("Russia's top diplomat", dt.date(2024, 6, 1), "sergei_lavrov"),
    ("the US secretary of state", dt.date(2024, 6, 1), "antony_blinken"),
    ("the US secretary of state", dt.date(2025, 6, 1), "marco_rubio"),
    ("the Estonian prime minister", dt.date(2024, 6, 1), None),        # no holder in the codebook
    ("the former Ukrainian defence minister", dt.date(2024, 6, 1), None),
])
def test_a_country_and_role_names_who_held_the_office_that_day(text, day, actor):
    assert A.role_holder(text, day) == actor


def test_the_finnish_president_said_is_the_president_of_finland():
    raw = "Title\n\nStubb stressed that Kyiv may defend itself. “Ukraine is European,” the Finnish president said.\n"
    assert quote(raw, "Ukraine is")["speaker"] == "alexander_stubb"


def test_a_role_holder_row_naming_no_codebook_actor_is_one_line_naming_the_file(monkeypatch):
    from analysis.corpus.errors import CorpusError
    raw = {**A.rules()["raw"]}
    raw["source"] = {**raw["source"], "role_holders": {"rows": [["Finland", "president", "nobody", "", ""]]}}
    real = A.rules()
    monkeypatch.setattr(A, "rules", lambda: {**real, "raw": raw})
    A._role_holders.cache_clear()
    try:
        with pytest.raises(CorpusError, match=r"attribution.toml: \[source.role_holders\] row 1"):
            A._role_holders()
    finally:
        A._role_holders.cache_clear()


@pytest.mark.parametrize("raw, start", [
    ("Title\n\nA Ukrainian junior sergeant with the call sign Kit stands on a roof.\n\n“We hold,” Kit said.\n", "We hold"),
    ("Title\n\n“We retreat,” said a 35-year-old Ukrainian sergeant who asked to be identified only by his call sign, "
     "Kit. “We hold,” Kit said.\n", "We hold"),
    ("Title\n\nOleksandr, 27, told AFP that he left his position after six months. “We wanted to live,” he said.\n",
     "We wanted"),
])
def test_a_soldier_named_by_call_sign_or_first_name_and_age_is_his_sides_soldier(raw, start):
    assert quote(raw, start)["speaker"] == "ukrainian_soldier"


def test_an_unnamed_spokesperson_speaks_for_the_body_named_or_meant():
    raw = ("Title\n\nThe State Department announced that a US citizen had died. “We are in touch with the family,” "
           "a spokesperson for the agency said in a statement. “We regret it,” a spokesman for the Kremlin said.\n")
    assert quote(raw, "We are in")["speaker"] == "us_state_department"
    assert quote(raw, "We regret")["speaker"] == "kremlin"


@pytest.mark.parametrize("raw, start, name", [
    ("A source close to the Ukrainian government told Axios that the plan was “very vague on what Kyiv gets.”",
     "very vague", "A source close to the Ukrainian government"),
    ("“It is over,” said a source close to the Kremlin.", "It is over", "a source close to the Kremlin"),
    ("People familiar with the talks said the deal was “dead in the water.”", "dead in", "People familiar with the talks"),
])
def test_an_anonymous_source_close_to_a_body_is_the_source_not_the_body(raw, start, name):
    r = quote(f"Title\n\n{raw}\n", start)
    assert (r["speaker"], r["speaker_name"]) == (None, name)


def test_the_update_said_is_the_body_whose_update_it_is():
    raw = ("Title\n\nIn an intelligence update posted on Monday, the UK's Ministry of Defence said Russia had lost "
           "troops.\n\n“There is likely a low level of understanding about casualty figures,” the update said.\n")
    assert quote(raw, "There is likely")["speaker"] == "uk_defence_ministry"


def test_a_sentence_ending_in_its_attribution_is_that_sources_account():
    raw = "Title\n\nThe White House asked him to help “kickstart negotiations” with Kyiv, a second U.S. official said.\n"
    assert quote(raw, "kickstart")["speaker"] == "us_officials"
    raw = "Title\n\nPeskov urged Kyiv to “stop the shelling” and said talks were “over”, Interfax reported.\n"
    assert quote(raw, "stop the")["speaker"] != "interfax"        # a publication's report relays, it does not speak


def test_an_abbreviation_the_text_defined_names_the_full_body():
    raw = "Title\n\nThe State Emergency Service (SES) worked all night. “We pulled out 12 people,” the SES said.\n"
    assert quote(raw, "We pulled")["speaker_name"] == "State Emergency Service"


@pytest.mark.parametrize("line, via", [
    ("Moscow, Feb 20 (IANS) Shoigu said 300 tanks were built.", "ians"),
    ("New Delhi, 3 March (PTI) Shoigu said 300 tanks were built.", "pti"),
    ("Beijing, Feb. 20 (Xinhua) -- Shoigu said 300 tanks were built.", "xinhua"),
    ("KYIV, 3 March (Reuters) - Shoigu said 300 tanks were built.", "reuters"),
])
def test_a_title_case_wire_dateline_with_a_date_makes_the_agency_the_relay(line, via):
    raw = f"Title\n\n{line}\n"
    v = docview.from_text(raw, doc_id="t", published=dt.date(2024, 5, 1), outlet="The Guardian")
    r = next(x for x in N.numbers(v) if x["text"] == "300")
    assert r["via"] == via
    assert A.credit_relays(v) == [via]


@pytest.mark.parametrize("line", ["Moscow, Kyiv (Reuters) and Minsk said 300 tanks were built.",
                                  "Moscow, which denies it (Reuters), said 300 tanks were built."])
def test_a_title_case_place_and_a_comma_without_a_date_is_no_dateline(line):
    v = docview.from_text(f"Title\n\n{line}\n", doc_id="t", published=dt.date(2024, 5, 1), outlet="The Guardian")
    assert A.credit_relays(v) == []


@pytest.mark.parametrize("tail, speaker, via", [
    ("Xinhua news agency reported", "yevgeny_prigozhin", "xinhua"),
    ("Reuters reported", "yevgeny_prigozhin", "reuters"),
])
def test_an_agency_reporting_a_named_speakers_words_relays_them(tail, speaker, via):
    raw = ("Title\n\nYevgeny Prigozhin said in a video message that Wagner would pull out, and that his "
           f"fighters would build “the necessary lines of defence,” {tail}.\n")
    r = quote(raw, "the necessary")
    assert (r["speaker"], r["via"]) == (speaker, via)
    # with no other speaker in the sentence the agency stays the speaker
    alone = quote(f"Title\n\nWagner would build “the necessary lines of defence,” {tail}.\n", "the necessary")
    assert alone["speaker"] == via


@pytest.mark.parametrize("tail, source, relay", [
    ("said Svitlana Morenets in The Spectator", "Svitlana Morenets", "the_spectator"),
    ("wrote Gideon Rachman in the Financial Times", "Gideon Rachman", "financial_times"),
    # a place is no publication: no relay
    ("said Olena Marchenko in Kharkiv", None, ""),
])
def test_a_round_ups_said_x_in_a_publication_makes_the_publication_the_relay(tail, source, relay):
    f = frame_of(f"The number of deserters has become “unmanageable”, {tail}.", tail.split()[0])
    assert f["relay"] == relay
    if source:
        assert f["source_text"] == source


def test_a_carried_source_keeps_the_relay_its_first_naming_gave_it():
    raw = ("Title\n\nThe number of deserters has become “unmanageable”, said Svitlana Morenets in The Spectator.\n\n"
           "Locking them up would be “a mistake”, said Morenets. In her view the amnesty was “calamitous”.\n\n"
           "Olena Marchenko said the front held. “We will hold,” said Marchenko.\n")
    assert quote(raw, "a mistake")["via"] == "the_spectator"
    assert quote(raw, "calamitous")["via"] == "the_spectator"
    assert quote(raw, "We will hold")["via"] == ""


@pytest.mark.parametrize("line, via", [
    ("The Associated Press contributed to this report.", "associated_press"),
    ("Reuters contributed reporting to this story.", "reuters"),
    ("Additional reporting by AFP", "afp"),
    ("With reporting from Reuters and AFP.", "reuters;afp"),
    ("Anna Smith contributed to this report.", ""),          # a reporter is no relay
    ("Reuters reporting showed 40 drones were downed.", ""),  # no contributor line
])
def test_a_contributor_line_makes_the_agency_the_relay_of_named_sources(line, via):
    raw = f'Title\n\n"We will not give up," Zelensky said on Wednesday.\n\n{line}\n'
    v = docview.from_text(raw, doc_id="t", published=dt.date(2024, 5, 1), outlet="Fox News")
    assert ";".join(A.credit_relays(v)) == via
    assert next(r for r in Q.quotes(v) if r["text"].startswith("We will"))["via"] == via


def speakers(raw):
    return [(q["text"], q["speaker"], q["speaker_name"]) for q in Q.quotes(view(raw)) if q["kind"] == "quote"]


@pytest.mark.parametrize("raw, cue, source", [
    # a role noun with its complement opens the clause: the whole of it is the source
    ("The shelling went on all night; a nurse at the city hospital told AFP that \"we have no more beds.\"",
     "told", "a nurse at the city hospital"),
    ("Officials were silent. An official at the Ukrainian embassy in Warsaw said the papers were checked.",
     "said", "An official at the Ukrainian embassy in Warsaw"),
    # a description with "known as" names the person with it
    ("A popular Russian military blogger known as Rybar wrote that the front was collapsing.", "wrote",
     "A popular Russian military blogger known as Rybar"),
    # a descriptor and its name in apposition, subject of a coordinated cue
    ("Russia's media regulator, Roskomnadzor, blocked the site and warned that more would follow.", "warned",
     "Russia's media regulator, Roskomnadzor"),
])
def test_a_described_source_keeps_its_description(raw, cue, source):
    assert frame_of(raw, cue)["source_text"] == source


def test_the_head_of_a_clause_with_a_verb_in_its_complement_is_not_widened():
    fs = A.frames(view("Officials were silent. The head of the team handling the talks said nothing new."))
    assert not [f for f in fs if f["source_text"].startswith("The head of the team handling")]


def test_a_described_anaphor_with_an_age_takes_the_person_named_before():
    raw = ("Ukrainian President Volodymyr Zelensky spoke in Kyiv.\n\n"
           "The 46-year-old leader said Ukraine would not cede land. The end, he said, could not mean \"trading\" land.")
    assert speakers(raw) == [("trading", "zelensky", "Ukrainian President Volodymyr Zelensky")]


def test_asked_is_a_cue_only_right_after_the_quoted_words():
    raw = ("Zelenskyy argued that diplomacy was the only way.\n\n"
           "\"Isn't Putin the one who can end this war?\" Trey Yingst asked.\n\n"
           "\"It depends on Putin,\" Zelenskyy answered.")
    assert [s[2] for s in speakers(raw)] == ["Trey Yingst", "Zelenskyy"]
    assert not [f for f in A.frames(view("Kyiv asked its allies for more air defence systems.")) if f["cue"].endswith("asked")]


def test_he_said_skips_a_person_the_sentence_before_only_mentions():
    raw = ("\"We will not give up an inch,\" President Volodymyr Zelensky said. He spoke after meeting Defense Minister "
           "Rustem Umerov.\n\n\"Our soldiers are holding the line,\" he said.")
    assert [s[1] for s in speakers(raw)] == ["zelensky", "zelensky"]


def test_it_takes_the_body_the_sentence_before_is_about():
    raw = ("The prosecutor's office said cases were rising.\n\n"
           "The elite 47th Brigade is among the units trying to refill its ranks. Last month it put out an appeal, "
           "telling them: \"Our aim is to give every soldier a chance.\"")
    assert speakers(raw)[-1][2] == "The elite 47th Brigade"


def test_a_portrayal_verdict_gives_its_partial_quotation_a_speaker():
    f = frame_of("The government presents the measure as a “second chance,” but it has not worked.", "presents")
    assert f["source_text"] == "The government" and f["cue_kind"] == "act"


def test_the_ministry_said_takes_the_frames_antecedent_not_a_body_mentioned_in_between():
    raw = ("The ministry of defence said that Russian forces had lost 1,200 troops. \"The enemy suffered heavy "
           "losses,\" the ministry said in a statement.")
    assert speakers(raw) == [("The enemy suffered heavy losses,", None, "The ministry of defence")]


def test_a_headline_colon_after_a_body_is_its_words():
    raw = "Kremlin: 'no talks' until Kyiv accepts realities\n\nThe Kremlin said there would be no talks.\n"
    assert speakers(raw) == [("no talks", "kremlin", "Kremlin")]
    assert speakers("Kyiv: 'no talks' with Moscow\n\nOfficials said so.\n") == []


@pytest.mark.parametrize("raw", ['"The visit is not planned," a Kremlin spokesman said.',
                                 '"The visit is not planned," said a Kremlin spokesman.'])
def test_a_role_alias_after_an_indefinite_article_is_not_the_person(raw):
    assert speakers(raw) == [("The visit is not planned,", None, "a Kremlin spokesman")]
    assert speakers('"No," said Kremlin spokesman Dmitry Peskov.')[0][1] == "dmitry_peskov"


@pytest.mark.parametrize("raw, name", [
    ('"The situation is difficult," said the commander of the Khortytsia group, Serhii Nayev.',
     "the commander of the Khortytsia group, Serhii Nayev"),
    ('"We hold," said the commander of the brigade, Colonel Ivan Petrenko, on Monday.',
     "the commander of the brigade, Colonel Ivan Petrenko"),
])
def test_an_inverted_role_takes_the_name_in_apposition_after_it(raw, name):
    assert speakers(raw)[0][2] == name


def test_a_machine_translated_as_stated_names_its_source_after_it():
    raw = 'As stated the head of the Ministry of Defense of Ukraine Rustem Umerov, "the army needs more drones".'
    assert speakers(raw) == [("the army needs more drones", "rustem_umerov",
                              "the head of the Ministry of Defense of Ukraine Rustem Umerov")]
    assert not [f for f in A.frames(view('As stated in the report, the army needs "more drones" now.'))
                if f["rule"] == "preposition"]


def test_the_presidents_office_is_the_office_of_the_president_named_before():
    raw = 'Zelensky met Trump in Washington. "The meeting was productive," the president\'s office said.'
    assert speakers(raw)[0][1] == "ukraine_presidential_office"


def test_a_person_named_as_the_owner_is_not_the_source():
    raw = '"Talks are possible," Zelensky\'s spokesman Serhii Nykyforov said.'
    assert speakers(raw) == [("Talks are possible,", None, "Zelensky's spokesman Serhii Nykyforov")]
    assert frame_of("Zelensky's office said the talks were over.", "said")["actor_id"] == "ukraine_presidential_office"


def test_a_name_in_an_opening_asked_clause_is_not_the_subjects_antecedent():
    raw = ('Zelensky said on Sunday: "We need peace, but not at any price."\n\n'
           'Asked whether he would meet Putin, the president said: "Only when Russia is ready."')
    assert [s[1] for s in speakers(raw)] == ["zelensky", "zelensky"]


def test_a_quotation_after_a_speaker_reported_in_its_own_paragraph_is_that_speakers():
    raw = ('Residents described a night of terror. "The windows shattered," said Olena, 54.\n\n'
           'Her neighbour, Mykola Petrenko, said he had spent the night in the basement. "We are used to it by now."')
    assert [s[2] for s in speakers(raw)] == ["Olena", "neighbour, Mykola Petrenko"]
    assert frame_of(raw, "Petrenko")["source_kind"] == "person"
