"""The codebooks of analysis/data: each read by one validated loader in analysis/corpus/rulefiles.py.

A bad row stops with one CorpusError line naming file and line; a new side or a measure's wording
is a data edit, not a code edit. Every test works on a copy of analysis/data."""
import datetime as dt
import shutil

import pandas as pd
import pytest

from analysis.corpus import docview, rulefiles, segment
from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import DATA
from analysis.extract import actors
from analysis.extract import numbers as N
from analysis.questions import casualty_claims, desertion_prosecutions, outlet_framing

CACHED = (rulefiles, actors, N, casualty_claims, desertion_prosecutions, outlet_framing, segment)


def _clear_caches():
    for module in CACHED:
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of analysis/data that the loaders read instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(rulefiles, "DATA", copy)
    _clear_caches()
    yield copy
    _clear_caches()


def append(path, line):
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")
    return len(path.read_text(encoding="utf-8").splitlines())


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error_of(load) -> str:
    with pytest.raises(CorpusError) as e:
        load()
    message = str(e.value)
    assert "\n" not in message
    return message


def view(raw):
    return docview.from_text(raw, doc_id="t", published=dt.date(2024, 5, 1))


# ---------------------------------------------------------------- sides.csv

@pytest.mark.parametrize("row, problem", [
    (",Belarusian,Belarusians,,Minsk,true,#444444", "empty side"),
    ("Russia,Russian,Russians,,,true,#444444", "duplicate side 'Russia' (first on line 3)"),
    ("Belarus,Belarusian,,,,true,blue", "colour must be #rrggbb, not 'blue'"),
    ("Belarus,Belarusian,,,,yes,#444444", "belligerent must be true or false, not 'yes'"),
    ("Belarus,Belarusian,,,,true", "6 fields, the header has 7"),
])
def test_a_bad_side_row_is_one_line_naming_file_and_line(data, row, problem):
    line = append(data / "sides.csv", row)
    assert error_of(rulefiles.sides) == f"{data / 'sides.csv'} line {line}: {problem}"


def test_an_unknown_side_column_is_named(data):
    replace(data / "sides.csv", "side,adjective,", "side,flag,adjective,")
    assert error_of(rulefiles.sides).startswith(f"{data / 'sides.csv'} line 1: unknown column(s) flag (columns: side,")


def test_the_side_words_are_the_ones_the_extractors_used():
    words = {s["side"]: s["words"] for s in rulefiles.sides() if s["belligerent"]}
    assert words == {
        "Ukraine": ["ukrainian", "ukrainians", "ukraine's", "ukraine’s", "kyiv's", "kyiv’s", "kiev's", "kiev’s"],
        "Russia": ["russian", "russians", "russia's", "russia’s", "moscow's", "moscow’s"]}
    assert casualty_claims.sides() == ["Ukraine", "Russia"] and casualty_claims.enemy("Russia") == "Ukraine"
    assert actors.soldiers() == {"Ukrainian": "ukrainian_soldier", "Russian": "russian_soldier"}


BELARUS = "Belarus,Belarusian,Belarusians,Belarus's,Minsk,true,#444444"
SOLDIER = "belarusian_soldier,a Belarusian soldier,a Belarusian soldier,Belarus,soldier,group,"
SENTENCES = ("Officials said 300 Belarusian soldiers were killed last year.", "Belarusian troops lost 300 tanks in May.",
             "Minsk's forces lost 40 tanks in May.")


def _belarus_seen() -> dict:
    sides = [r["subject_side"] for raw in SENTENCES for r in N.numbers(view(raw))]
    named = [(m["text"], m["actor_id"]) for m in actors.mentions(view("Ales, a Belarusian soldier, said the war was long."))
             if m["rule"] == "named_source"]
    return {"number sides": sides, "named soldier": named, "belligerents": casualty_claims.sides(),
            "adjective": casualty_claims.adjective("Belarus"), "colour": casualty_claims.side_colour("Belarus"),
            "actor sides": "Belarus" in actors.SIDES, "capital not a name": "Minsk" in actors.not_names()}


def test_a_new_side_is_one_row_of_sides_csv(data):
    before = _belarus_seen()
    assert before == {"number sides": [None, None, None], "named soldier": [], "belligerents": ["Ukraine", "Russia"],
                      "adjective": "Belarus", "colour": casualty_claims.side_colour(None), "actor sides": False,
                      "capital not a name": False}
    append(data / "sides.csv", BELARUS)
    append(data / "actors.csv", SOLDIER)
    _clear_caches()
    assert _belarus_seen() == {"number sides": ["Belarus", "Belarus", "Belarus"], "named soldier": [("Ales", "belarusian_soldier")],
                               "belligerents": ["Ukraine", "Russia", "Belarus"], "adjective": "Belarusian",
                               "colour": "#444444", "actor sides": True, "capital not a name": True}
    assert casualty_claims.about_choices() == ["all", "Ukraine", "Russia", "Belarus"]
    assert casualty_claims.enemy("Russia") is None          # three belligerents: no single enemy


def test_an_actor_of_a_side_not_in_sides_csv_is_a_bad_row(data):
    line = append(data / "actors.csv", SOLDIER)
    assert error_of(actors.load_codebook).startswith(f"{data / 'actors.csv'} line {line}: unknown side 'Belarus'")


def test_an_unnamed_soldier_takes_the_default_side_of_the_data(data):
    text = "Volodymyr, an infantryman from the 93rd Mechanized Brigade, said the war was long."
    assert [m["actor_id"] for m in actors.mentions(view(text))] == ["ukrainian_soldier"]
    replace(data / "quote_cues.toml", 'default_side = "Ukraine"', 'default_side = "Russia"')
    _clear_caches()
    assert [m["actor_id"] for m in actors.mentions(view(text))] == ["russian_soldier"]
    replace(data / "quote_cues.toml", 'default_side = "Russia"', 'default_side = "media"')
    _clear_caches()
    assert "default_side 'media' is not a side of sides.csv with a soldier" in error_of(lambda: actors.mentions(view(text)))


# ---------------------------------------------------------------- measures.csv

@pytest.mark.parametrize("row, problem", [
    (",x,count,,,other,,,", "empty measure_id"),
    ("killed,x,count,,,other,,,", "duplicate measure_id 'killed' (first on line 19)"),
    ("sieges,x,count;tally,,,other,,,", "unknown kind tally (kinds: count, vague, percent, ratio, duration, money)"),
    ("sieges,x,count,,,loss,,,", "counts_as must be one of casualty, not_casualty, other, not 'loss'"),
    ("sieges,x,count,,forty,other,,,", "max_chars must be a whole number, not 'forty'"),
])
def test_a_bad_measure_row_is_one_line_naming_file_and_line(data, row, problem):
    line = append(data / "measures.csv", row)
    assert error_of(rulefiles.measures) == f"{data / 'measures.csv'} line {line}: {problem}"


def test_measures_csv_is_read_one_way(data):
    replace(data / "measures.csv", "measure_id,label,", "measure_id,title,label,")
    message = error_of(rulefiles.measures)
    assert message.startswith(f"{data / 'measures.csv'} line 1: unknown column(s) title")
    for read in (N.measures, desertion_prosecutions.measure_ids, desertion_prosecutions.measure_labels,
                 lambda: desertion_prosecutions.measure_words("killed"), lambda: casualty_claims.measure_label("killed")):
        assert error_of(read) == message


def test_the_words_column_names_a_measure_in_titles(data):
    assert desertion_prosecutions.measure_words("awol_cases", capital=True) == "AWOL cases"
    replace(data / "measures.csv", ",not_casualty,AWOL cases,", ",not_casualty,unauthorised absence cases,")
    _clear_caches()
    assert desertion_prosecutions.measure_words("awol_cases", capital=True) == "Unauthorised absence cases"
    assert desertion_prosecutions.measure_words("equipment") == "equipment"        # no words: the id


def test_the_default_unit_column_gives_a_vague_count_its_unit(data):
    raw = "Tens of thousands live under occupation, officials said."
    assert [(r["measure"], r["unit"]) for r in N.numbers(view(raw))] == [("occupied_population", "people")]
    replace(data / "measures.csv", ",other,,people,\n", ",other,,,\n")        # occupied_population, the first
    _clear_caches()
    assert [(r["measure"], r["unit"]) for r in N.numbers(view(raw))] == [("occupied_population", None)]


def test_the_groups_column_says_which_measures_a_verb_decides(data):
    assert "refugees" in rulefiles.measure_group("decided_by_verb")
    assert rulefiles.measure_group("case") == ("desertion_prosecutions", "awol_cases", "desertion_cases")
    replace(data / "measures.csv", ",people,decided_by_verb\n", ",people,\n")                # refugees
    _clear_caches()
    assert "refugees" not in rulefiles.measure_group("decided_by_verb")


# ---------------------------------------------------------------- the other codebooks

@pytest.mark.parametrize("name, row, problem", [
    ("actors.csv", "putin,Putin,Putin,Russia,head of state,person,m", "duplicate actor_id 'putin' (first on line 3)"),
    ("actors.csv", "x_y,X Y,,Russia,official,person,m", "empty aliases"),
    ("actors.csv", "x_y,X Y,X Y,Russia,official,robot,m", "unknown kind 'robot' (kinds: person, institution, publication, group)"),
    ("actors.csv", "x_y,X Y,X Y,Russia,official,person,x", "gender must be m, f or empty, not 'x'"),
    ("voices.csv", "Russia,*,Russian officials,,#a50021", "duplicate side and role Russia, * (first on line 8)"),
    ("voices.csv", "Atlantis,*,Atlanteans,,", "unknown side 'Atlantis'"),
    ("voices.csv", "Russia,diplomat,Russian officials,,#000000", "voice 'Russian officials' has colour #a50021 on an earlier line"),
    ("voices.csv", "Russia,diplomat,,,", "empty voice"),
    ("spelling_variants.csv", "Zelensky,Zelenskyy,again,", "duplicate variant 'Zelenskyy' of 'Zelensky' (first on line 3)"),
    ("spelling_variants.csv", "Zelensky,Zelenskii,,", "empty convention"),
])
def test_a_bad_row_of_another_codebook_is_one_line_naming_file_and_line(data, name, row, problem):
    line = append(data / name, row)
    loaders = {"actors.csv": actors.load_codebook, "voices.csv": outlet_framing.load_voices,
               "spelling_variants.csv": outlet_framing.load_spellings}
    assert error_of(loaders[name]).startswith(f"{data / name} line {line}: {problem}")


def test_a_bad_abbreviation_line_is_named(data):
    line = append(data / "abbreviations.txt", "e.g i.e")
    assert error_of(segment.abbreviations) == f"{data / 'abbreviations.txt'} line {line}: one entry per line, got 'e.g i.e'"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.toml")))
def test_a_broken_toml_codebook_is_one_line_naming_file_and_line(data, name):
    append(data / name, "[broken")
    message = error_of(lambda: rulefiles.load_toml(name))
    assert message.startswith(f"{data / name}: ") and "line" in message


def test_every_codebook_has_a_validated_loader():
    """A new file in analysis/data needs a loader here (and a bad-row test above)."""
    csvs = {"sides.csv", "measures.csv", *rulefiles.ROW_CHECKS, "lexicon.csv"}     # lexicon: a notebook parameter
    known = csvs | {"abbreviations.txt"} | {p.name for p in DATA.glob("*.toml")}
    # codings/ holds human codings, named by a notebook parameter and checked by it
    assert {p.name for p in DATA.iterdir() if p.name != "codings"} == known
    assert rulefiles.sides() and rulefiles.measures() and rulefiles.load_lines("abbreviations.txt")
    for name, (required, optional, _) in rulefiles.ROW_CHECKS.items():
        assert rulefiles.load_csv(name, required, dtype=str, keep_default_na=False).shape[0] > 0


def test_the_desertion_title_names_the_measures_shown_whatever_they_are():
    rows = [{"measure": m, "period_start": pd.Timestamp("2023-01-01"), "period_end": pd.Timestamp("2023-12-31"),
             "months": 12, "partial": False, "cumulative": False, "value": 100.0, "hedge": None, "annual_pace": 100.0,
             "claimant": "x", "sources": 1, "doc_ids": "t", "disagreement": False} for m in ("killed", "wounded")]
    assert desertion_prosecutions.title(pd.DataFrame(rows[:1])) == "Killed by period"
    assert desertion_prosecutions.title(pd.DataFrame(rows)) == "Killed and wounded by measure and period, as claimed"
