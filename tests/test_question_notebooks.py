"""Question notebooks run on other corpora: new figures appear, irrelevant corpora end cleanly."""
import pandas as pd
from conftest import IRRELEVANT, add_article, copy_seeds, make_corpus
from conftest import run_notebook as run

from analysis.corpus.paths import NOTEBOOKS

DESERTION = NOTEBOOKS / "02_desertion_prosecutions.ipynb"
NEW_FIGURES = ("KYIV (Reuters) - Ukrainian prosecutors opened 3,100 criminal cases for desertion in 2021, "
               "the Prosecutor General's Office said.\n")


def test_desertion_picks_up_a_new_articles_figures(tmp_path):
    corpus = copy_seeds(tmp_path / "corpus")
    add_article(corpus, "013_reuters.txt", NEW_FIGURES)
    folder = run(DESERTION, tmp_path, corpus)
    series = pd.read_csv(folder / "series.csv", dtype={"doc_id": str})
    assert series["value"].tolist() == [3100.0, 9000.0, 24000.0, 50000.0]
    assert series["doc_id"].tolist() == ["013", "004", "004", "004"]
    evidence = pd.read_csv(folder / "evidence.csv", dtype={"doc_id": str})
    new = evidence[evidence["doc_id"] == "013"].iloc[0]
    assert new["text"] == "3,100" and new["outlet"] == "Test Wire"
    assert NEW_FIGURES[new["start"]:new["end"]] == "3,100"
    answer = (folder / "answer.md").read_text()
    # the new figure counts desertion cases, the seeds' count both offences together: two series, never one
    assert "Desertion cases: 3,100 in 2021." in answer
    assert "AWOL and desertion cases (together): 9,000 in 2022, 24,000 in 2023" in answer
    assert "fold from 2021" not in answer
    assert (folder / "desertion_prosecutions.png").exists()


def test_desertion_on_an_irrelevant_corpus_says_so(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    folder = run(DESERTION, tmp_path, corpus)
    assert (folder / "answer.md").read_text().startswith("No evidence for this question in the corpus")
    assert not (folder / "desertion_prosecutions.png").exists()


def claims(rows):
    base = dict(measure="desertion_prosecutions", via="", claimant="author", outlet="Test Wire",
                published="2025-01-01", sentence="s", kind="count", hedge=None)
    return pd.DataFrame([{**base, "doc_id": d, "start": s, "end": s + 5, "text": f"{v:,}", "low": v, "high": v,
                          "period_start": f"{y}-01-01", "period_end": f"{y}-12-31"} for d, s, y, v in rows])


def test_a_falling_series_is_worded_as_a_fall():
    from analysis.questions import desertion_prosecutions as desertion

    s = desertion.series(claims([("a", 0, 2022, 9000), ("a", 10, 2023, 3000), ("a", 20, 2024, 1000)]))
    answer = desertion.answer_words(s, desertion.estimates(claims([("a", 0, 2022, 9000)])))
    assert "In 2024 they fell to 0.11 times the level of 2022." in answer and " rose " not in answer


def test_two_values_for_one_period_are_both_listed_but_never_compared_with_each_other():
    from analysis.questions import desertion_prosecutions as desertion

    s = desertion.series(claims([("a", 0, 2022, 9000), ("b", 0, 2022, 12000), ("a", 10, 2023, 24000)]))
    assert s["value"].tolist() == [9000, 12000, 24000]
    g = desertion.growth(s)
    assert g[["from_period", "to_period"]].values.tolist() == [["2022", "2023"]]
    assert g["multiple"].round(3).tolist() == [2.667]
