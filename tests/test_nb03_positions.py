"""Notebook 03 (stated position): a new actor's statement, the seed points, no evidence, bad actor, agreement."""
import math

import pandas as pd
import pytest
from conftest import IRRELEVANT, copy_seeds, make_corpus, run_notebook
from conftest import add_article as _add_article

from analysis import notebooks, positions
from analysis.paths import NOTEBOOKS

NB = NOTEBOOKS / "03_stated_position.ipynb"
PUTIN = ("MOSCOW (Reuters) - Russian President Vladimir Putin said on Wednesday that Moscow was ready for talks "
         "if Kyiv gave up its claims to four regions.\n")





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


def test_an_unknown_actor_is_a_parameter_error(tmp_path):
    with pytest.raises(notebooks.NotebookFailed) as e:
        run(tmp_path, "seeds", actor="nobody")
    assert "ParameterError: parameter actor: 'nobody' is unknown" in str(e.value)


def test_agreement_is_a_number_over_matched_statements():
    alpha, table = positions.agreement("seeds", "zelensky")
    assert isinstance(alpha, float) and not math.isnan(alpha) and -1 <= alpha <= 1
    assert set(table["status"]) <= {"agree", "disagree", "human only", "auto only"}
    # floors at what the rules reach on the seeds (in-sample: the rules were written after reading them)
    counts = table["status"].value_counts()
    assert alpha >= 0.999
    assert counts.get("agree", 0) >= 15 and counts.get("disagree", 0) == 0 and counts.get("auto only", 0) == 0


def test_human_statements_are_exact_substrings_of_the_seeds():
    gold = pd.read_csv(positions.GOLD, dtype=str, keep_default_na=False)
    assert len(positions.human_codes("seeds", "zelensky")) == len(gold[gold["actor"] == "zelensky"])
