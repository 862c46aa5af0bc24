"""Question notebooks run on other corpora: new figures appear, irrelevant corpora end cleanly."""
import pandas as pd
import pytest

from analysis import notebooks
from analysis.paths import NOTEBOOKS
from conftest import IRRELEVANT, add_article, copy_seeds, make_corpus, run_notebook as run

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
    assert new["text"] == "3,100" and new["outlet"] == "Test Wire" and new["start"] >= 0
    answer = (folder / "answer.md").read_text()
    assert answer.startswith("Desertion prosecutions: 3,100 in 2021, 9,000 in 2022")
    assert "rose 7.7-fold from 2021 to 2023" in answer
    assert (folder / "desertion_prosecutions.png").exists()


def test_desertion_on_an_irrelevant_corpus_says_so(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", {"020_harvest.txt": IRRELEVANT.encode()})
    folder = run(DESERTION, tmp_path, corpus)
    assert (folder / "answer.md").read_text().startswith("No evidence for this question in the corpus")
    assert not (folder / "desertion_prosecutions.png").exists()


def test_desertion_rejects_an_unknown_measure(tmp_path):
    with pytest.raises(notebooks.NotebookFailed) as e:
        run(DESERTION, tmp_path, "seeds", measures=["prosecutions"])
    assert "ParameterError: parameter measures: unknown value(s) 'prosecutions'" in str(e.value)
