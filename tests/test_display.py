"""Tables as the notebooks show them: one date style, no NaN, no raw floats (CSV files keep
ISO dates and full values)."""
import json
import re

import numpy as np
import pandas as pd
import pytest

from analysis.corpus.paths import NOTEBOOKS, REPORTS
from analysis.publish import reports

# what a displayed table must not show: missing values, timestamps, ISO dates, more than 3 decimals
UNFORMATTED = re.compile(r"\bNaN\b|\bNaT\b|\bnan\b|\b\d{4}-\d{2}-\d{2}\b|\d\.\d{4,}")


def displayed_tables():
    """(notebook, cell number as JupyterLab counts, text) of every table a committed notebook shows."""
    out = []
    for nb in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text())["cells"], 1):
            for o in cell.get("outputs", []):
                html = "".join(o.get("data", {}).get("text/html", ""))
                if "<table" in html:
                    out.append((nb.name, i, html + "\n" + "".join(o["data"].get("text/plain", ""))))
    return out


def test_no_displayed_table_shows_nan_timestamps_or_raw_floats():
    tables = displayed_tables()
    assert len(tables) >= 12, "fewer displayed tables than the notebooks show"
    bad = {(nb, i): sorted(set(UNFORMATTED.findall(text)))[:5] for nb, i, text in tables if UNFORMATTED.search(text)}
    assert bad == {}


def test_the_check_sees_an_unformatted_table():
    frame = pd.DataFrame({"published": pd.to_datetime(["2023-03-07", None]), "share": [2 / 3, np.nan]})
    assert UNFORMATTED.search(frame.to_html()) and UNFORMATTED.search(repr(frame))
    shown = reports.display_table(frame)
    assert not UNFORMATTED.search(shown.to_html()) and not UNFORMATTED.search(repr(shown))


def test_display_table_formats_dates_numbers_and_blanks():
    frame = pd.DataFrame({"when": pd.to_datetime(["2023-03-06", None]), "iso": ["2023-03-07 00:00:00", "x"],
                          "low": [1060.0, np.nan], "rate": [0.66666666, 0.0047], "multiple": [2.6666667, 12.0],
                          "pace": [66666.666, 9000.0], "n": [1, 2], "partial": [True, False],
                          "mixed": [pd.Timestamp("2024-01-01"), None]}, index=pd.Index(["a", "b"], name="doc_id"))
    shown = reports.display_table(frame)
    assert shown.to_dict("list") == {
        "when": ["6 Mar 2023", ""], "iso": ["7 Mar 2023", "x"], "low": ["1,060", ""], "rate": ["0.667", "0.005"],
        "multiple": ["2.67", "12"], "pace": ["66,667", "9,000"], "n": [1, 2], "partial": [True, False],
        "mixed": ["1 Jan 2024", ""]}
    assert shown.index.name == "doc_id" and list(shown.index) == ["a", "b"]
    assert frame["low"].isna().sum() == 1, "the frame itself is left as it was"


@pytest.mark.parametrize("csv", ["02_desertion_prosecutions/series.csv", "01_corpus_overview/documents.csv"])
def test_csv_files_keep_iso_dates(csv):
    assert re.search(r"\b\d{4}-\d{2}-\d{2}\b", (REPORTS / csv).read_text())


def test_notebook_01_answer_uses_the_house_date_style():
    answer = (REPORTS / "01_corpus_overview" / "answer.md").read_text()
    assert "between 7 Mar 2023 and 30 Nov 2024" in answer
    assert not re.search(r"\d (January|February|March|April|May|June|July|August|September|October|November"
                         r"|December) \d{4}", answer)
