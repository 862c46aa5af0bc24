"""Notebook 06 (outlet framing): a new article's terms, voice and spelling appear; outlets aggregate;
a custom lexicon is used; bad parameters and an irrelevant corpus end clearly."""
import re

import pandas as pd
import pytest
from conftest import IRRELEVANT, copy_seeds, make_corpus, run_notebook
from conftest import add_article as _add_article

from analysis import evidence
from analysis.corpus import tables as corpus_mod
from analysis.corpus.paths import NOTEBOOKS
from analysis.questions import outlet_framing as framing
from analysis.questions import protocol
from analysis.questions.protocol import ParameterError

FRAMING = NOTEBOOKS / "06_outlet_framing.ipynb"
NEW_ARTICLE = ("Fighting near Kupiansk\n\n"
               "The Kyiv regime has turned Kupiansk into a bloodbath, Russian officials said on Monday. "
               "Ukrainian President Volodymyr Zelenskiy rejected the claim. "
               "\"We will not give up a single metre of our land,\" Zelenskiy said in his video address.\n")
CSV = {"doc_id": str, "group": str}





def add_article(folder, name, text, published="2025-06-01", outlet="Test Wire"):
    _add_article(folder, name, text, published, outlet)


def run(tmp_path, corpus, **params):
    return run_notebook(FRAMING, tmp_path, corpus, **params)


def read(folder, name):
    return pd.read_csv(folder / name, dtype=CSV, keep_default_na=False)


# ----------------------------------------------------------------------------- matching rules

@pytest.mark.parametrize("term,text,hit", [
    ("regime", "The Kyiv regime's war", "regime's"),
    ("regime", "two regimes", "regimes"),
    ("meat grinder", "the meat-grinder of Bakhmut", "meat-grinder"),
    ("meat grinder", "the Meat\nGrinder", "Meat\nGrinder"),
    ("Nazi", "neo-Nazi", "Nazi"),
    ("Kiev", "Kievan", None),
    ("Zelensky", "Zelenskyy said", None),
    ("Zelensky", "Zelensky’s aide", "Zelensky’s"),
])
def test_term_pattern_whole_words_with_endings(term, text, hit):
    m = re.search(framing.term_pattern(term), text, re.IGNORECASE)
    assert (m.group(0) if m else None) == hit


# ----------------------------------------------------------------------------- notebook runs

def test_framing_picks_up_a_new_articles_terms_voice_and_spelling(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_kupiansk.txt", NEW_ARTICLE)
    folder = run(tmp_path, corpus)
    raw = (corpus / "013_kupiansk.txt").read_text(encoding="utf-8")

    ev = read(folder, "evidence.csv")
    new = ev[ev["doc_id"] == "013"].set_index("term")
    assert {"regime", "bloodbath"} <= set(new.index)
    assert new.at["regime", "category"] == "delegitimising_label"
    assert new.at["bloodbath", "category"] == "violence_metaphor"
    for term in ("regime", "bloodbath"):
        r = new.loc[term]
        assert raw[int(r["start"]):int(r["end"])] == term and r["outlet"] == "Test Wire"
        assert "Kupiansk into a bloodbath" in r["sentence"] and r["quoted"] == ""

    rates = read(folder, "rates.csv")
    r = rates[rates["group"] == "013"].set_index("category")
    assert r.at["violence_metaphor", "hits"] == 1
    assert r.at["violence_metaphor", "rate_per_1000"] == round(1000 / r.at["violence_metaphor", "body_words"], 2)
    assert r.at["war_framing", "rate_per_1000"] == 0

    spell = read(folder, "spelling.csv")
    s = spell[spell["group"] == "013"].set_index("variant")
    assert s.at["Zelenskiy", "count"] == 2 and s.at["Zelenskiy", "name"] == "Zelensky"
    assert s.at["Kupiansk", "count"] == 1
    # a publication's own name is not the outlet's spelling: "Kyiv Independent" in 000 is not counted
    se = read(folder, "spelling_evidence.csv")
    assert (se[(se["doc_id"] == "000") & (se["variant"] == "Kyiv")]["in_title"] == "Kyiv Independent").all()
    assert spell[(spell["group"] == "000") & (spell["name"] == "Kyiv")]["variant"].tolist() == ["Kiev"]

    quotes = read(folder, "quotes.csv")
    q = quotes[quotes["doc_id"] == "013"].iloc[0]
    assert q["speaker"] == "Volodymyr Zelensky" and q["speaker_name"] == "Zelenskiy"
    assert q["voice"] == "Ukrainian officials" and q["quoted_words"] == 11
    assert raw[int(q["start"]):int(q["end"])] == q["text"]
    voices = read(folder, "voices.csv")
    assert voices[voices["group"] == "013"][["voice", "quoted_words"]].values.tolist() == [["Ukrainian officials", 11]]

    shared = read(folder, "shared_quotes.csv")
    push = shared[shared["text"].str.startswith("Our society will push me")]
    assert push["doc_id"].tolist() == ["000", "001"]
    assert push["speaker_name"].tolist() == ["Zelensky", "Zelenskyy"]

    answer = (folder / "answer.md").read_text()
    assert "013 Test Wire writes Zelenskiy, Kyiv, Kupiansk" in answer
    assert "013 Test Wire (bloodbath)" in answer
    assert (folder / "loaded_terms_heatmap.png").exists() and (folder / "quoted_voices.svg").exists()


def test_framing_by_outlet_aggregates_documents(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_kupiansk.txt", NEW_ARTICLE, outlet="Business Insider")
    folder = run(tmp_path, corpus, group_by="outlet")
    docs = corpus_mod.load(corpus).documents
    summary = read(folder, "summary.csv").set_index("group")
    assert sorted(summary.index) == sorted(set(docs["outlet"]))
    bi = summary.loc["Business Insider"]
    assert bi["documents"] == 2 and bi["label"] == "Business Insider (2 docs)"
    assert bi["body_words"] == docs.loc[docs["outlet"] == "Business Insider", "body_words"].sum()
    ev = read(folder, "evidence.csv")
    assert bi["loaded_terms"] == ev["doc_id"].isin(["001", "013"]).sum()
    rates = read(folder, "rates.csv")
    assert rates.groupby("group")["hits"].sum()["Business Insider"] == bi["loaded_terms"]
    spell = read(folder, "spelling.csv")
    assert set(spell[spell["group"] == "Business Insider"]["variant"]) >= {"Zelenskyy", "Zelenskiy"}


def test_framing_uses_a_custom_lexicon(tmp_path):
    lex = tmp_path / "my_lexicon.csv"
    lex.write_text("term,category,note\nBakhmut,battle_place,the contested city\ntrain,travel,\n", encoding="utf-8")
    folder = run(tmp_path, "seeds", lexicon=str(lex))
    rates = read(folder, "rates.csv")
    assert list(dict.fromkeys(rates["category"])) == ["battle_place", "travel"]
    ev = read(folder, "evidence.csv")
    assert set(ev["term"]) == {"Bakhmut", "train"} and (ev[ev["term"] == "Bakhmut"]["category"] == "battle_place").all()
    assert rates.loc[rates["category"] == "battle_place", "hits"].sum() == (ev["term"] == "Bakhmut").sum() > 10


def test_framing_on_an_irrelevant_corpus_says_so(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    folder = run(tmp_path, corpus)
    answer = (folder / "answer.md").read_text()
    assert answer.startswith("No evidence for this question in the corpus: no loaded terms or quotations were found")
    rates = read(folder, "rates.csv")
    assert len(rates) == len(framing.categories(framing.load_lexicon())) and (rates["rate_per_1000"] == 0).all()
    assert read(folder, "evidence.csv").empty and read(folder, "quotes.csv").empty
    assert not (folder / "loaded_terms_heatmap.png").exists()
    assert not (folder / "quoted_voices.png").exists()


@pytest.mark.parametrize("params,message", [
    ({"group_by": "country"}, "parameter group_by: 'country' is not one of document, outlet"),
    ({"lexicon": "analysis/data/no_such_lexicon.csv"},
     "parameter lexicon: analysis/data/no_such_lexicon.csv is not a file"),
    ({"lexicon": 3}, "parameter lexicon: expected a path to a CSV file, got 3"),
])
def test_framing_rejects_bad_parameters(params, message):
    with pytest.raises(ParameterError, match="^" + re.escape(message)):
        protocol.check_params(framing, **params)


def test_framing_rejects_a_lexicon_without_its_columns(tmp_path):
    lex = tmp_path / "bad.csv"
    lex.write_text("word,kind\nregime,label\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="^parameter lexicon: .* lacks column\\(s\\) term, category"):
        protocol.check_params(framing, lexicon=str(lex))
    assert protocol.check_params(framing)["lexicon"] == framing.LEXICON      # kept as given, loaded by tables()


def test_shared_quotations_are_the_evidence_quotation_groups():
    c = corpus_mod.load("seeds")
    quotes = evidence.quotes("seeds")
    voiced = framing.voiced_quotes(c, quotes)
    shared = framing.shared_quotes(voiced, framing.groups(c.documents))
    assert len(shared)
    by_span = quotes.set_index(["doc_id", "start"])["group"]
    # every shared quotation is exactly one evidence group, and every group carried twice is shared
    groups = shared.groupby("quotation").apply(lambda g: set(by_span[list(zip(g["doc_id"], g["start"]))]))
    assert all(len(g) == 1 for g in groups)
    v = voiced.groupby("quotation_group")["doc_id"].nunique()
    assert {next(iter(g)) for g in groups} == set(v[v >= 2].index)
