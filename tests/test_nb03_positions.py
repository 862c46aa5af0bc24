"""Notebook 03 (stated position): a new actor's statement, the seed points, no evidence, bad actor, agreement."""
import math
import re

import pandas as pd
import pytest
from conftest import IRRELEVANT, copy_seeds, make_corpus, run_notebook
from conftest import add_article as _add_article

from analysis import evidence
from analysis.corpus import tables as corpus_tables
from analysis.corpus.paths import NOTEBOOKS, PACKAGE
from analysis.extract import statements
from analysis.kit import agreement
from analysis.questions import protocol
from analysis.questions import stated_position as positions
from analysis.questions.protocol import ParameterError

NB = NOTEBOOKS / "03_stated_position.ipynb"
PUTIN = ("MOSCOW (Reuters) - Russian President Vladimir Putin said on Wednesday that Moscow was ready for talks "
         "if Kyiv gave up its claims to four regions.\n")





def find(folder, actor="zelensky"):
    return statements.statements(corpus_tables.load(folder), evidence.load(folder), actor)


def add_article(folder, name, text, published="2025-06-06", outlet="Test Wire"):
    _add_article(folder, name, text, published, outlet)


def run(tmp_path, corpus, **params):
    return run_notebook(NB, tmp_path, corpus, **params)


def test_a_new_putin_statement_appears_with_level_and_date(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_reuters.txt", PUTIN)          # published Friday 6 June 2025
    folder = run(tmp_path, corpus, actor="putin")
    pts = pd.read_csv(folder / "points.csv", dtype={"doc_ids": str})
    new = pts[pts["doc_ids"] == "013"].iloc[0]
    assert new["level"] == 3 and new["date"] == "2025-06-04" and new["text_dated"]
    assert new["sources"] == "Test Wire" and new["quote"].startswith("Russian President Vladimir Putin said on Wednesday")
    ev = pd.read_csv(folder / "evidence.csv", dtype={"doc_id": str})
    row = ev[ev["doc_id"] == "013"].iloc[0]
    raw = (corpus / "013_reuters.txt").read_text(encoding="utf-8")
    assert raw[row["start"]:row["end"]].startswith("Russian President Vladimir Putin said")
    assert row["level_cue"] == "ready for talks" and row["date_text"] == "Wednesday"
    assert "Vladimir Putin's stated position: level 3" in (folder / "answer.md").read_text()
    assert (folder / "stated_position.png").exists()


def test_zelensky_on_the_seeds_gives_the_five_dated_points_in_order(tmp_path):
    folder = run(tmp_path, "seeds")
    pts = pd.read_csv(folder / "points.csv", dtype={"doc_ids": str})
    dated = pts[pts["text_dated"]]
    assert dated["date"].str[:7].tolist() == ["2022-10", "2022-12", "2023-03", "2023-03", "2024-11"]
    assert dated["date"].tolist()[2:] == ["2023-03-06", "2023-03-28", "2024-11-29"]
    assert dated["level"].tolist() == [1, 1, 1, 2, 4]
    assert dated["doc_ids"].tolist() == ["000", "000", "003", "000; 001", "004"]
    assert not pts[~pts["text_dated"]]["date"].isin(dated["date"]).any()   # undated ones kept apart, hollow
    answer = (folder / "answer.md").read_text()
    assert answer.startswith("Volodymyr Zelensky's stated position moved from level 1 to level 4 "
                             "between Oct 2022 and Nov 2024")


def test_an_irrelevant_corpus_ends_with_no_evidence(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    folder = run(tmp_path, corpus)
    assert (folder / "answer.md").read_text().startswith("No evidence for this question in the corpus")
    assert not (folder / "stated_position.png").exists()


def test_an_unknown_actor_or_a_missing_coding_is_a_parameter_error(tmp_path):
    with pytest.raises(ParameterError, match="^parameter actor: 'nobody' is unknown"):
        protocol.check_params(positions, actor="nobody")
    with pytest.raises(ParameterError, match="^parameter codings: .*nowhere.csv is not a file"):
        protocol.check_params(positions, codings=str(tmp_path / "nowhere.csv"))
    with pytest.raises(ParameterError, match="^parameter codings: '../x.csv' resolves to .*, outside the project"):
        protocol.check_params(positions, codings="../x.csv")
    assert protocol.check_params(positions)["codings"] == statements.CODINGS


def test_agreement_is_a_number_over_matched_statements():
    tables = positions.tables(evidence.load("seeds"), corpus_tables.load("seeds"))
    table = tables["agreement"]
    alpha = agreement.alpha(table)
    assert isinstance(alpha, float) and not math.isnan(alpha) and -1 <= alpha <= 1
    assert set(table["status"]) <= {"agree", "disagree", "human only", "auto only"}
    # floors at what the rules reach on the seeds (in-sample: the rules were written after reading them)
    counts = table["status"].value_counts()
    assert alpha >= 0.999
    assert counts.get("agree", 0) >= 15 and counts.get("disagree", 0) == 0 and counts.get("auto only", 0) == 0
    assert "Agreement with the human coding (analysis/data/codings/positions_human.csv): Krippendorff's alpha " \
           "(ordinal) 1.00" in positions.answer(tables)


def test_a_coding_named_by_the_parameter_is_the_one_compared(tmp_path):
    gold = pd.read_csv(statements.CODINGS, dtype=str, keep_default_na=False)
    mine = tmp_path / "mine.csv"
    gold[gold["actor"] == "zelensky"].iloc[:2].assign(level="5").to_csv(mine, index=False)
    st = find("seeds")
    table = positions.agreement(st, corpus_tables.load("seeds"), "zelensky", mine)
    assert (table["status"] == "disagree").sum() == 2 and (table["status"] == "auto only").sum() > 2
    assert "(" + str(mine) + ")" in positions.agreement_text(agreement.alpha(table), table, mine)


def test_ordinal_alpha_needs_two_units_and_two_levels():
    assert math.isnan(agreement.ordinal_alpha([1], [1])) and math.isnan(agreement.ordinal_alpha([2, 2], [2, 2]))
    assert agreement.ordinal_alpha([1, 2, 3], [1, 2, 3]) == 1.0 and agreement.ordinal_alpha([1, 3], [3, 1]) < 0


def test_human_statements_are_exact_substrings_of_the_seeds():
    gold = pd.read_csv(statements.CODINGS, dtype=str, keep_default_na=False)
    assert len(statements.human_codes(corpus_tables.load("seeds"), "zelensky")) == len(gold[gold["actor"] == "zelensky"])


def test_runtime_code_never_reads_tests():
    # the quality layer scores against tests/gold/ by design; nothing else may name it
    path = re.compile(r"""["']tests/|["']tests["']\s*/|/\s*["']tests["']""")
    named = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if p.parent.name != "quality" and path.search(p.read_text(encoding="utf-8"))]
    assert named == [] and path.search('ROOT / "tests" / "gold"') and path.search('"tests/gold/x.csv"')


# ----------------------------------------------------------------------------- reading a statement
# Texts written for these tests; each rule family has a case that fails without it.

def test_a_negated_concession_is_a_refusal_not_a_concession():
    r = statements.read("Zelensky said Ukraine will never recognise Crimea as part of Russia.")
    assert (r["level"], r["polarity"]) == (1, "negated") and r["cue"].startswith("never")
    r = statements.read("He ruled out ceding any territory to Russia.")
    assert (r["level"], r["polarity"]) == (1, "negated")
    # the negation of another clause does not reach the cue
    r = statements.read("There is no point in waiting. We expect Russia to confirm a ceasefire starting tomorrow.")
    assert (r["level"], r["polarity"]) == (3, "affirmed")
    r = statements.read("He said he would not go himself but would send a team with a mandate to discuss a ceasefire.")
    assert r["level"] == 3


def test_a_condition_is_recorded_and_makes_a_refusal_conditional_talks():
    r = statements.read("There will be no negotiations with them until they withdraw.")
    assert (r["level"], r["polarity"], r["condition"]) == (3, "negated", "until they withdraw")
    r = statements.read("Guarantor countries would not sign anything while Russian forces remained in Ukraine.")
    assert r["level"] == 3 and r["condition"].startswith("while Russian forces remained")


def test_a_question_put_by_a_journalist_is_not_the_speakers_words():
    text = "Asked whether he would recognise Crimea as part of Russia, Zelensky said he wanted a ceasefire."
    r = statements.read(text)
    assert (r["level"], r["cue"]) == (3, "ceasefire")
    assert statements.read("Is it possible to talk to a man who kills his opponents?")["level"] == 1


def test_territory_regained_by_diplomacy_is_level_four_even_after_a_refusal():
    r = statements.read("Kyiv could not send its people to their deaths to win back the peninsula, "
                       "which could instead be returned through diplomatic means.")
    assert r["level"] == 4


def test_an_uncodable_on_topic_statement_is_kept_with_a_reason():
    text = "Zelensky spoke at length about the occupied territory."
    assert statements.on_topic(text)
    r = statements.read(text)
    assert r["level"] is None and r["uncoded_reason"]
    # an object the scale cannot code affirmed yields to the next one it names
    r = statements.read("Negotiations begun before the full withdrawal of Russian troops would turn into a frozen conflict.")
    assert r["level"] == 3 and r["condition"].startswith("before the full withdrawal")


def test_uncoded_statements_are_counted_in_the_answer():
    st = pd.DataFrame({"level": pd.array([1, None, None], dtype="Int64"), "doc_id": ["a", "a", "b"]})
    assert positions._uncoded_words(st).startswith("2 statements could not be coded")
    assert positions._uncoded_words(st.iloc[:1]).startswith("0 statements could not be coded")


def test_reported_statements_of_new_shapes_are_found(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt",
                "KYIV (Test Wire) - Ukrainian President Volodymyr Zelensky, who met European leaders in Paris on "
                "Monday, said on Tuesday that Ukraine would never give up the Donbas.\n\n"
                "The US proposal for a 30-day ceasefire has been backed by Zelensky, who insists that no part of "
                "Ukraine will be ceded.\n\n"
                "Zelensky's first reaction was to insist on a truce.\n\n"
                "His peace plan calls for the withdrawal of Russian troops.\n")
    st = find(corpus)
    new = st[st["doc_id"] == "013"]
    raw = (corpus / "013_wire.txt").read_text(encoding="utf-8")
    said = new[new["text"].str.contains("never give up")].iloc[0]
    assert said["level"] == 1 and said["date_text"] == "Tuesday"        # the parenthetical's Monday does not date it
    assert (new["text"].str.contains("backed by Zelensky")).any() and (new["text"].str.contains("who insists")).any()
    assert new[new["text"].str.startswith("Zelensky's first reaction")]["level"].tolist() == [3]
    assert new[new["text"].str.startswith("His peace plan")]["level"].tolist() == [3]
    assert all(raw[s:e] for s, e in zip(new["start"], new["end"]))


def test_a_refusal_verb_before_a_refusal_cue_keeps_the_refusal():
    r = statements.read("Zelensky has dismissed as an ultimatum the conditions set out on Friday.")
    assert (r["level"], r["cue"]) == (1, "ultimatum")
    # a plain negation of a level-1 cue is not read as that refusal
    assert statements.read("He did not rule out talks with Russia.")["level"] != 1


def test_one_decree_reported_by_two_outlets_is_one_point_with_its_range(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt", "KYIV (Test Wire) - Ukrainian President Volodymyr Zelensky signed a decree "
                "on Tuesday that ruled out any talks with Vladimir Putin.\n", published="2022-10-05")
    add_article(corpus, "014_post.txt", "KYIV (Other Post) - Ukrainian President Volodymyr Zelensky signed a decree "
                "on Tuesday saying Ukraine was ready for talks with another Russian president.\n",
                published="2022-10-05", outlet="Other Post")
    st = find(corpus)
    new = st[st["doc_id"].isin(["013", "014"])]
    assert sorted(new["level"].tolist()) == [1, 3] and set(new["date"]) == {"2022-10-04"}
    assert set(new["occasion"]) == {"decree"}          # the occasion as the text names it
    pts = positions.points(new)
    assert len(pts) == 1 and pts.iloc[0]["level_range"] == "1–3" and pts.iloc[0]["statements"] == 2
    assert "levels 1–3" in positions.answer_words(new, pts, "zelensky")


def test_a_statement_is_dated_by_the_occasion_named_earlier(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt", "A correspondent sat down with Zelensky for an interview that aired on "
                "Tuesday.\n\nHe argued that diplomacy was the only way to finish the war.\n", published="2024-11-20")
    st = find(corpus)
    row = st[st["doc_id"] == "013"].iloc[0]
    assert (row["date"], row["dated_by"], row["date_text"]) == ("2024-11-19", "carried", "Tuesday")


def test_a_date_after_publication_does_not_date_the_statement(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt", "Talks are planned in Istanbul on 15 May. Ukrainian President Volodymyr "
                "Zelensky said he would attend the talks.\n", published="2025-05-11")
    st = find(corpus)
    row = st[st["doc_id"] == "013"].iloc[0]
    assert (row["date"], row["dated_by"]) == ("2025-05-11", "article date")


def test_fragments_and_plan_descriptions_are_not_statements_but_joined_verbs_are(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt",
                "KYIV (Test Wire) - Zelensky called the demands an \"ultimatum\" and said Putin could not be "
                "trusted with any talks.\n\n"
                "Ukrainian President Volodymyr Zelensky on Wednesday unveiled his plan for the occupied regions.\n\n"
                "Zelensky also told reporters that he could not imagine meeting Putin, saying the Russian leader "
                "was a liar.\n\n"
                "Days before the summit, Zelensky warned that any decisions taken without Ukraine would be "
                "\"dead decisions\" and said Ukrainians \"will not gift their land to the occupier.\"\n")
    st = find(corpus)
    new = st[st["doc_id"] == "013"]
    assert not (new["text"] == "ultimatum").any()                    # a one-word quotation in a statement's sentence
    assert not new["text"].str.contains("unveiled").any()            # describes the plan, codes nothing
    assert not new["text"].str.startswith("saying").any()            # a joined clause off the topic
    assert new["text"].str.contains("imagine meeting Putin").any()
    warned = new[new["text"].str.contains("dead decisions")]         # the first of two coordinated verbs
    assert len(warned) == 1 and "gift" not in warned.iloc[0]["text"]
    assert (new["text"].str.contains("gift their land")).any()


def test_a_short_quotation_alone_in_its_sentence_is_kept():
    rows = [{"text": "dead decisions", "source": "quote", "sent_id": "a", "level": None, "verb": "said"}]
    assert statements._statement_like(rows[0], rows)
    rows.append({"text": "Zelensky said talks with Putin were impossible", "source": "reported",
                 "sent_id": "a", "level": 1, "verb": "said"})
    assert not statements._statement_like(rows[0], rows)


def test_a_negator_opening_the_object_refuses_it():
    r = statements.read("For me, a just peace means no compromises as to the sovereignty of my country.")
    assert (r["level"], r["polarity"]) == (1, "negated")


def test_no_referendum_with_foreign_troops_is_talks_on_a_condition():
    r = statements.read("He said that no referendum could be held with foreign troops on Ukrainian soil.")
    assert r["level"] == 3 and r["condition"].startswith("with foreign troops")
    assert statements.read("He said that a referendum could be held next year.")["level"] == 3


def test_a_relative_clause_before_the_verb_is_not_read_with_the_statement(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt", "KYIV (Test Wire) - Ukrainian President Volodymyr Zelensky, who met the "
                "envoys on Monday but did not take part in the talks, said Kyiv had come with a proposal for "
                "silence in the sky and at sea.\n")
    st = find(corpus)
    row = st[st["doc_id"] == "013"].iloc[0]
    assert (row["level"], row["polarity"]) == (3, "affirmed")


def test_the_actors_office_or_spokesman_speaks_for_him_but_the_head_of_his_office_does_not(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt",
                "KYIV (Test Wire) - Zelensky's office said on Tuesday that Ukraine would not take part in talks "
                "without its allies.\n\n"
                "A spokesman for Zelensky, Serhiy Nykyforov, said Kyiv rejected any ceasefire that froze the front line.\n\n"
                "Andriy Yermak, the head of Zelensky's office, said the talks would not be easy.\n")
    new = find(corpus)
    new = new[new["doc_id"] == "013"]
    office = new[new["text"].str.startswith("Zelensky's office said")]
    assert office["level"].tolist() == [1] and office["date_text"].tolist() == ["Tuesday"]
    assert new["text"].str.contains("rejected any ceasefire").any()
    assert not new["text"].str.contains("not be easy").any()


def test_a_vow_not_to_withdraw_and_a_refusal_to_talk_while_troops_remain_are_coded():
    assert statements.read("Zelensky said Kyiv would not withdraw its troops from the region.")["level"] == 1
    r = statements.read("Zelensky said he would not talk while Russian troops remain on Ukrainian land.")
    assert r["level"] == 3 and r["condition"].startswith("while Russian troops remain")
    assert statements.read("Zelensky said he was prepared to negotiate.")["level"] == 3
    assert statements.read("Ukraine withdrew troops from the city.")["level"] is None    # a withdrawal reported, no vow


@pytest.mark.parametrize("text, level", [
    ("Ukraine will not give Russia a single centimetre of our land.", 1),
    ("Ukraine will never accept the occupation of its territory.", 1),
    ("We do not trade our territory.", 1),
    ("We cannot give Donbas to Russia.", 1),
    ("Russia must leave our land.", 1),
    ("The war must end with the restoration of our borders.", 1),
    ("Bakhmut is not occupied by Russia.", 1),
    ("This applies to all the territories that Russia has occupied since 2014.", 1),
    ("Ukraine is ready for a 30-day pause.", 3),
])
def test_refusals_to_give_land_and_short_truces_are_coded(text, level):
    assert statements.read(text)["level"] == level


def test_statements_with_a_parenthetical_occasion_or_made_clear_are_found(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt",
                "KYIV (Test Wire) - Zelensky, in an interview with the BBC, ruled out talks with Putin.\n\n"
                "Zelensky has made clear that Ukraine will not give up Crimea.\n\n"
                "Zelensky again refused to withdraw troops from Donbas.\n")
    new = find(corpus)
    new = new[new["doc_id"] == "013"]
    for words in ("ruled out talks", "will not give up Crimea", "refused to withdraw"):
        assert new[new["text"].str.contains(words)]["level"].tolist() == [1], words


def test_a_speaker_named_by_role_is_the_last_person_named(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_wire.txt",
                "KYIV (Test Wire) - Volodymyr Zelensky addressed parliament on Tuesday.\n\n"
                "In his address, the 46-year-old leader ruled out ceding territory to secure peace.\n\n"
                "Vladimir Putin spoke in Moscow the same day.\n\n"
                "The 72-year-old leader ruled out any talks with Kyiv.\n")
    new = find(corpus)
    new = new[new["doc_id"] == "013"]
    assert new[new["text"].str.contains("ruled out ceding")]["level"].tolist() == [1]
    assert not new["text"].str.contains("talks with Kyiv").any()      # the last person named is Putin


def test_a_relative_clause_about_the_speaker_does_not_code_what_he_said(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"013_wire.txt": (
        b"KYIV (Test Wire) - Zelensky spoke on Monday.\n\n"
        b"Zelensky, who has long refused to cede land, said he was open to a ceasefire.\n")})
    new = find(corpus)
    assert new["level"].tolist() == [3] and new["level_cue"].tolist() == ["ceasefire"]
