import datetime as dt

import pytest

from analysis.corpus import docview
from analysis.extract import actors

REQUIRED = """zelensky putin boris_johnson lloyd_austin sergei_shoigu oleksiy_danilov valery_zaluzhny
olaf_scholz donald_trump joe_biden kyle_anzalone jason_melanovski associated_press isw
uk_defence_ministry ukraine_general_staff ukrainian_government ukrainian_officials interfax
politico kyiv_independent ukrainska_pravda financial_times sky_news nato azov_battalion
western_official ukrainian_lawmaker military_officer ukrainian_soldier ukrainian_generals
army_spokesman zelensky_associate dmitry_peskov sergei_lavrov andriy_yermak oleksandr_syrskyi
rustem_umerov kremlin reuters bbc cnn new_york_times washington_post tass ria_novosti pentagon
white_house european_union united_nations""".split()


@pytest.fixture(scope="module")
def views(seeds_corpus):
    return {v.doc_id: v for v in docview.from_corpus(seeds_corpus)}


def view(text, published=dt.date(2024, 5, 1)):
    return docview.from_text(text, doc_id="t", published=published)


def found(v):
    return [(m["text"], m["actor_id"]) for m in actors.mentions(v)]


def test_codebook_has_required_ids_and_valid_values():
    book = actors.load_codebook()
    assert set(REQUIRED) <= set(book["actor_id"])
    assert book["actor_id"].is_unique
    assert set(book["side"]) <= set(actors.SIDES)
    assert set(book["kind"]) <= set(actors.KINDS)
    assert set(book["gender"]) <= {"m", "f", ""}
    persons = book[book["kind"] == "person"]
    assert (persons["gender"] != "").all()
    assert actors.side_of("zelensky") == "Ukraine"
    assert actors.side_of("associated_press") == "media"
    assert actors.side_of("no_such_actor") is None


def test_seed_mentions_span_equals_text_and_sorted(views):
    for v in views.values():
        rows = actors.mentions(v)
        assert rows, v.doc_id
        assert [r["clean_start"] for r in rows] == sorted(r["clean_start"] for r in rows)
        for r in rows:
            assert v.text[r["clean_start"]:r["clean_end"]] == r["text"]
            assert r["doc_id"] == v.doc_id and r["side"] == actors.side_of(r["actor_id"])


def test_title_and_name_is_one_mention(views):
    rows = found(views["000"])
    assert ("Ukrainian President Volodymyr Zelensky", "zelensky") in rows
    assert ("Russian President Vladimir Putin", "putin") in rows
    assert not any(t == "Volodymyr Zelensky" for t, _ in rows)
    assert ("Ukrainian President Volodymyr Zelenskyy", "zelensky") in found(views["001"])
    assert ("US Defense Secretary Lloyd Austin", "lloyd_austin") in found(views["003"])


def test_seed_specific_mentions(views):
    r000, r003, r004 = found(views["000"]), found(views["003"]), found(views["004"])
    assert ("The Associated Press", "associated_press") in r000
    assert ("Azov Battalion", "azov_battalion") in r000
    assert ("one Western official", "western_official") in r000
    assert ("Ukrainian government officials", "ukrainian_officials") in r000
    assert r000.count(("Independent", "kyiv_independent")) == 2      # *Independent*, emphasised
    assert ("Valery Zaluzny", "valery_zaluzhny") in r003
    assert ("UK Defense Ministry", "uk_defence_ministry") in r003
    assert ("The General Staff", "ukraine_general_staff") in r003
    assert ("his top generals", "ukrainian_generals") in r003
    assert ("An army spokesman", "army_spokesman") in r003
    assert ("the AP", "associated_press") in r004 and ("AP", "associated_press") in r004
    assert ("one military officer", "military_officer") in r004
    assert ("Ukrainian government data", "ukrainian_government") in r004
    assert ("Sky News", "sky_news") in r004


def test_possessive_still_matches(views):
    v = views["000"]
    poss = [m for m in actors.mentions(v) if v.text[m["clean_end"]:m["clean_end"] + 2] == "’s"]
    assert any(m["actor_id"] == "zelensky" for m in poss)
    assert found(view("Zelenskyy's office and Putin's aides disagreed.")) == [
        ("Zelenskyy", "zelensky"), ("Putin", "putin")]


def test_named_soldiers_in_000(views):
    rows = [m for m in actors.mentions(views["000"]) if m["rule"] == "named_source"]
    names = {(m["text"], m["unit"]) for m in rows}
    assert ("Volodymyr", "93rd Mechanized Brigade") in names
    assert ("Valeriy", None) in names
    assert ("Vladyslav", "58th Independent Motorized Infantry Brigade") in names
    assert all(m["actor_id"] == "ukrainian_soldier" for m in rows)
    # the later bare "Volodymyr stated" is the soldier, never the president
    v = views["000"]
    at = v.text.index("Volodymyr stated")
    assert actors.actor_in(v, at, at + 9)["actor_id"] == "ukrainian_soldier"


def test_independent_only_when_kyiv_independent_named():
    v = view("The *Independent* reported that the talks failed.")
    assert found(v) == []
    v = view("The *Kyiv Independent* spoke to troops. The *Independent* reported heavy losses.")
    assert found(v) == [("The Kyiv Independent", "kyiv_independent"), ("Independent", "kyiv_independent")]


def test_case_rules():
    # capitalised aliases are case-sensitive; a leading "the" may be capitalised
    assert found(view("The Kremlin said nothing; the kremlin wall stood.")) == [("The Kremlin", "kremlin")]
    assert found(view("An army spokesman declined. AN ARMY SPOKESMAN shouted.")) == [
        ("An army spokesman", "army_spokesman"), ("AN ARMY SPOKESMAN", "army_spokesman")]
    # whole words only: no match inside longer words
    assert found(view("The Putinist press and Zelenskyyism.")) == []


def test_wire_copy_new_names():
    v = view("KYIV (Reuters) - Kremlin spokesman Dmitry Peskov said on Tuesday that talks with "
             "Andriy Yermak were impossible, while Ukraine's Defence Minister Rustem Umerov flew to Brussels.")
    rows = found(v)
    assert ("Reuters", "reuters") in rows
    assert ("Kremlin spokesman Dmitry Peskov", "dmitry_peskov") in rows
    assert ("Andriy Yermak", "andriy_yermak") in rows
    assert ("Ukraine's Defence Minister Rustem Umerov", "rustem_umerov") in rows


def test_named_source_rule_other_styles():
    v = view("Oksana, a combat medic with the 47th Mechanized Brigade, said it was hard. "
             "In March Ihor, another Ukrainian soldier, left. Later Oksana returned.")
    rows = [(m["text"], m["actor_id"], m["unit"]) for m in actors.mentions(v)]
    assert rows.count(("Oksana", "ukrainian_soldier", "47th Mechanized Brigade")) == 2
    assert ("Ihor", "ukrainian_soldier", None) in rows
    assert not any(t.startswith("March") for t, _, _ in rows)
    v = view("Dmitry, a Russian soldier from the 155th Marine Brigade, surrendered.")
    assert [(m["text"], m["actor_id"], m["unit"]) for m in actors.mentions(v)] == [
        ("Dmitry", "russian_soldier", "155th Marine Brigade"), ("a Russian soldier", "russian_soldier", None)]


def test_named_source_by_what_the_soldier_did():
    v = view("“I had problems,” said Kosjantyn, who deserted his post in March. "
             "Igor, who fled his unit this autumn, agreed. Kosjantyn went back. Maria, who writes, left.")
    rows = [(m["text"], m["actor_id"]) for m in actors.mentions(v)]
    assert rows.count(("Kosjantyn", "ukrainian_soldier")) == 2
    assert ("Igor", "ukrainian_soldier") in rows
    assert not any(t == "Maria" for t, _ in rows)


def test_longest_match_wins_over_leftmost_short():
    assert found(view("Fighters of the Azov Battalion and Ukrainian government officials met.")) == [
        ("Azov Battalion", "azov_battalion"), ("Ukrainian government officials", "ukrainian_officials")]


def test_actor_in():
    v = view("Yesterday, Russian Foreign Minister Sergei Lavrov met the UN chief.")
    at = v.text.index("Russian")
    best = actors.actor_in(v, at, v.text.index(" met"))
    assert best["actor_id"] == "sergei_lavrov"
    assert best["text"] == "Russian Foreign Minister Sergei Lavrov"
    assert actors.actor_in(v, 0, 9) is None
