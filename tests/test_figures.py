"""Figures that do not mislead: house style, words for dates and numbers, bounds, titles."""
import re
import xml.etree.ElementTree as ET

import matplotlib
import matplotlib.lines
import matplotlib.pyplot
import pandas as pd
import pytest

from analysis.corpus.paths import REPORTS
from analysis.kit import figures, wording
from analysis.questions import casualty_claims as casualties
from analysis.questions import desertion_prosecutions as desertion
from analysis.questions import stated_position as positions

SVG = "{http://www.w3.org/2000/svg}"


def hatch_patterns(svg_path):
    """(background fill, hatch stroke) of every hatch pattern in an SVG."""
    root = ET.parse(svg_path).getroot()
    out = []
    for pattern in root.iter(f"{SVG}pattern"):
        rect = pattern.find(f"{SVG}rect")
        path = pattern.find(f"{SVG}path")
        stroke = re.search(r"stroke:\s*(#[0-9a-fA-F]{6})", path.get("style", "")).group(1)
        out.append((rect.get("fill").lower(), stroke.lower()))
    return out


@pytest.mark.parametrize("svg", ["02_desertion_prosecutions/desertion_prosecutions.svg",
                                 "04_casualty_claims/loss_ratios.svg"])
def test_hatching_survives_in_the_published_svg(svg):
    patterns = hatch_patterns(REPORTS / svg)
    assert patterns, f"{svg} has no hatched mark"
    for fill, stroke in patterns:
        assert fill != stroke, f"{svg}: hatch drawn in its own fill colour {fill}: invisible"


def test_hatched_helper_gives_a_visible_hatch(tmp_path):
    fig, ax = figures.new_figure()
    ax.bar([0], [1], **figures.hatched(figures.PALETTE[0]))
    fig.savefig(tmp_path / "h.svg", format="svg")
    assert hatch_patterns(tmp_path / "h.svg") == [(figures.tint(figures.PALETTE[0]), figures.PALETTE[0])]


def test_house_style_draws_the_grid_behind_the_data():
    figures.use_house_style()
    assert matplotlib.rcParams["axes.axisbelow"] is True


def test_one_date_style_and_no_false_precision():
    assert wording.day("2023-03-06") == "6 Mar 2023"
    assert wording.period("2024-01-01", "2024-09-30") == "Jan–Sep 2024"
    assert wording.period("2022-01-01", "2022-12-31") == "2022"
    assert wording.period("2023-03-06", "2023-03-09") == "6–9 Mar 2023"
    assert wording.period(None, "2023-03-09") == "period not stated"
    assert figures.about(66666.666) == "about 67,000"
    assert figures.about(1060) == "about 1,100"
    assert figures.count(float("nan")) == "" and figures.count(1060.0) == "1,060"
    # the question modules use the same formatter
    row = {"period_start": pd.Timestamp("2024-01-01"), "period_end": pd.Timestamp("2024-09-30")}
    assert desertion.period_label(row) == "Jan–Sep 2024"
    assert wording.period("2023-02-24", "2023-03-07") == "24 Feb–7 Mar 2023"


def series_frame():
    rows = [("2022-01-01", "2022-12-31", 12, 9000.0), ("2023-01-01", "2023-12-31", 12, 24000.0),
            ("2024-01-01", "2024-09-30", 9, 50000.0)]
    return pd.DataFrame([{"measure": "desertion_prosecutions", "period_start": pd.Timestamp(a),
                          "period_end": pd.Timestamp(b), "months": m, "partial": m < 12, "value": v,
                          "annual_pace": v * 12 / m} for a, b, m, v in rows])


def test_desertion_title_and_answer_follow_annualise():
    s = series_frame()
    est = pd.DataFrame(columns=["measure", "low", "high", "texts", "claimant", "vague"])
    with_pace = desertion.title(s, annualise=True)
    assert with_pace.startswith("AWOL and desertion cases (together) rose 2.7-fold from 2022 to 2023")
    assert "2.8x 2023 (projection)" in with_pace
    without = desertion.title(s, annualise=False)
    assert "pace" not in without and "projection" not in without and "50,000 in Jan–Sep 2024 alone" in without
    s["claimant"] = "x"
    assert "about 67,000" in desertion.answer_words(s, est, annualise=True)
    assert "projection" not in desertion.answer_words(s, est, annualise=False)


def totals(rows):
    cols = {"relation": "third party", "claimant": "c", "measure": "killed", "bound": "exact", "text": "",
            "change": "", "verification": "", "sources": 1, "low": None, "high": None}
    return pd.DataFrame([{**cols, **r} for r in rows])


def test_casualty_title_compares_only_like_with_like():
    unlike = totals([{"subject_side": "Russia", "value": 1060.0, "text": "1,060", "period": "24 Feb–7 Mar 2023"},
                     {"subject_side": "Ukraine", "value": 100000.0, "text": "more than 100,000",
                      "period": "period not stated", "claimant": "d"}])
    title = casualties.totals_title(unlike)
    assert "fold" not in title and "count different sides, things or periods" in title
    like = totals([{"subject_side": "Russia", "value": 1000.0, "text": "1,000", "period": "2023"},
                   {"subject_side": "Russia", "value": 5000.0, "text": "5,000", "period": "2023", "claimant": "d"}])
    assert "5-fold apart" in casualties.totals_title(like)
    unknown = totals([{"subject_side": "Ukraine", "value": 1.0, "text": "1", "period": "period not stated"},
                      {"subject_side": "Ukraine", "value": 120000.0, "text": "120,000", "period": "period not stated",
                       "claimant": "d"}])
    assert "fold" not in casualties.totals_title(unknown)     # two unstated periods are not one period


def test_published_casualty_headline_does_not_compare_unlike_totals():
    answer = (REPORTS / "04_casualty_claims" / "answer.md").read_text()
    assert "94-fold" not in answer
    svg = (REPORTS / "04_casualty_claims" / "loss_totals.svg").read_text()
    assert "vague words, at their conservative lower bound" not in svg


def test_position_line_is_broken_across_empty_months():
    x = pd.Series(pd.to_datetime(["2022-10-01", "2022-12-01", "2024-11-29"]))
    xs, ys = positions._broken_at_gaps(x, pd.Series([1, 1, 4]))
    assert len(xs) == 4 and pd.isna(ys[2]) and ys[:2] == [1, 1] and ys[3] == 4


def test_position_headline_includes_the_latest_statement():
    answer = (REPORTS / "03_stated_position" / "answer.md").read_text()
    # "previously maintained" is dated before the article's 29 Nov statement, which is the latest
    assert "latest statement (29 Nov 2024): level 4" in answer


def test_a_chart_with_many_rows_stops_at_the_maximum_height():
    from analysis.questions import bakhmut as battle

    lanes = ["duration"] * 10 + ["share"] * 40 + ["statement"] * 20
    table = pd.DataFrame({"lane": lanes, "n": range(len(lanes))})
    kept = battle._capped(table, ["duration", "share", "statement"])
    assert len(kept) < len(table)
    assert set(kept["lane"]) == {"duration", "share", "statement"}
    assert 1.9 + 0.32 * (len(kept) + 3) <= figures.MAX_HEIGHT + 0.01


@pytest.fixture(scope="module")
def corpus60(tmp_path_factory):
    """60 articles: the development part of tests/gold/corpus's first 84 (never its test part)
    and seed 000."""
    import shutil

    from analysis.corpus.paths import ROOT, SEEDS

    gold = ROOT / "tests" / "gold" / "corpus"
    dev = set(pd.read_csv(gold / "split.csv", dtype=str).query("split == 'dev' and doc_id <= 'd084'")["doc_id"])
    folder = tmp_path_factory.mktemp("corpus60") / "corpus"
    folder.mkdir()
    catalog = pd.concat([pd.read_csv(gold / "catalog.csv", dtype=str, keep_default_na=False).query("doc_id in @dev"),
                         pd.read_csv(SEEDS / "catalog.csv", dtype=str, keep_default_na=False).query("doc_id == '000'")])
    for row in catalog.itertuples():
        shutil.copyfile((gold if row.doc_id in dev else SEEDS) / row.file, folder / row.file)
    catalog.to_csv(folder / "catalog.csv", index=False)
    assert len(catalog) == 60
    return folder


def test_every_figure_on_60_articles_stays_within_bounds(corpus60, tmp_path):
    from matplotlib.image import imread

    from analysis.corpus.paths import NOTEBOOKS
    from analysis.publish import notebooks

    out = tmp_path / "reports"
    for nb in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        notebooks.run(nb, {"corpus_dir": str(corpus60), "reports_dir": str(out)}, output=tmp_path / nb.name)
    pngs = sorted(out.glob("*/*.png"))
    assert len(pngs) >= 10
    for png in pngs:
        height, width = imread(png).shape[:2]
        assert width <= figures.COLUMN_WIDTH * figures.DPI, f"{png.name}: {width} px wide"
        assert height <= (figures.MAX_HEIGHT + 1.2) * figures.DPI, f"{png.name}: {height} px tall"


def test_no_text_overlaps_a_headline_on_60_articles(corpus60):
    from analysis import evidence
    from analysis.corpus import tables as corpus
    from analysis.questions import corpus_overview as overview

    c = corpus.load(corpus60)
    numbers = evidence.numbers(corpus60)
    s, est = desertion.series(numbers), desertion.estimates(numbers)
    claims = casualties.claims(numbers)
    built = {"timeline": overview.timeline_figure(c.documents),
             "sections": overview.sections_figure(overview.words_by_section(c)),
             "desertion": desertion.figure(s, est), "totals": casualties.totals_figure(casualties.distinct(claims, "total")),
             "ratios": casualties.ratios_figure(casualties.distinct(claims, "ratio"),
                                                casualties.distinct(claims, "anecdote"))}
    for name, fig in built.items():
        figures.finish(fig, c.documents)
        assert figures.title_overlaps(fig) == [], name
        assert fig.get_figheight() <= figures.MAX_HEIGHT + 1.2, name
        assert label_collisions(fig) == [], name
        matplotlib.pyplot.close(fig)


def label_collisions(fig):
    """Overlaps that involve a legend, an axis label or the source note (marks' own
    labels may touch on a crowded chart; these three must stay clear)."""
    labels = {ax.get_xlabel()[:40] for ax in fig.axes} | {ax.get_ylabel()[:40] for ax in fig.axes}
    labels |= {t.get_text()[:40] for t in fig.texts if t.get_text().startswith("Source:")}
    labels.discard("")
    return [p for p in figures.text_overlaps(fig) if "legend" in p or labels & set(p)]


def test_label_collision_check_sees_a_legend_over_an_axis_label():
    fig, ax = figures.new_figure()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.set_xlabel("what the axis counts")
    figures.layout(fig, "Source: none")
    assert label_collisions(fig) == []
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.02))
    assert ("legend", "what the axis counts") in label_collisions(fig) or \
        ("what the axis counts", "legend") in label_collisions(fig)
    matplotlib.pyplot.close(fig)


def test_title_overlap_check_sees_text_over_the_headline():
    fig, ax = figures.new_figure()
    figures.headline(fig, "A headline that states the finding")
    figures.layout(fig, "Source: none")
    assert figures.title_overlaps(fig) == []
    fig.text(0.05, 0.97, "a label drawn over it", va="top")
    assert figures.title_overlaps(fig) == ["a label drawn over it"]
    matplotlib.pyplot.close(fig)


def site_column_pt() -> float:
    """The width of the site's column in pt, from site.css (body max-width in rem, 16 px each)."""
    from analysis.corpus.paths import ROOT

    css = (ROOT / "analysis" / "publish" / "templates" / "site.css").read_text()
    body = re.search(r"^body\s*\{([^}]*)\}", css, re.M).group(1)
    rem = float(re.search(r"max-width:\s*([\d.]+)rem", body).group(1))
    return rem * 16 * 0.75        # CSS px are 0.75 pt


def smallest_label_on_site(svg_path, column_pt: float) -> float:
    """The smallest text of a figure as the site shows it, in pt: its font size in the SVG
    (glyphs drawn as paths, scaled by size/100) times the scale the column imposes on an
    SVG wider than it (``max-width: 100%``)."""
    svg = svg_path.read_text()
    width = float(re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg).group(1))
    sizes = [100 * float(a) for a, b in re.findall(r"scale\(([\d.]+) -([\d.]+)\)", svg) if a == b]
    assert sizes, f"{svg_path.name}: no text found"
    return min(sizes) * min(1.0, column_pt / width)


def test_labels_are_at_least_8pt_on_the_site():
    column = site_column_pt()
    assert column == figures.COLUMN_WIDTH * 72, "figures.COLUMN_WIDTH is not the site's column"
    svgs = sorted(REPORTS.glob("*/*.svg"))
    assert len(svgs) >= 10
    small = {svg.name: round(smallest_label_on_site(svg, column), 2) for svg in svgs}
    assert {k: v for k, v in small.items() if v < 8} == {}


def test_the_font_check_sees_a_figure_too_wide_for_the_column(tmp_path):
    fig = matplotlib.pyplot.figure(figsize=(13, 4))       # not through new_figure: the old width
    fig.text(0.1, 0.5, "a label at 8 pt", fontsize=8)
    fig.savefig(tmp_path / "wide.svg", format="svg")
    matplotlib.pyplot.close(fig)
    assert smallest_label_on_site(tmp_path / "wide.svg", site_column_pt()) == pytest.approx(8 * 10 / 13)


def test_house_style_keeps_figures_in_the_column_and_labels_legible(tmp_path):
    fig, ax = figures.new_figure(width=13, height=3)
    assert fig.get_figwidth() == figures.COLUMN_WIDTH
    ax.text(0.5, 0.5, "tiny", fontsize=6)
    ax.legend(handles=[matplotlib.lines.Line2D([], [], label="tiny legend")], fontsize=6)
    ax.set_xticks([0, 1], ["a", "b"], fontsize=5)
    figures.save_figure(fig, tmp_path, "f", pd.DataFrame(columns=["doc_id"]))
    assert smallest_label_on_site(tmp_path / "f.svg", site_column_pt()) >= figures.MIN_FONT


def test_top_keeps_the_heaviest_rows_in_their_order_and_counts_the_rest():
    frame = pd.DataFrame({"label": list("abcdef"), "n": [3, 9, 1, 9, 5, 2]})
    kept, hidden = figures.top(frame, 3, "n")
    assert kept["label"].tolist() == ["b", "d", "e"] and hidden == 3
    kept, hidden = figures.top(frame, 2, frame["n"] * -1)     # a weight given as a Series
    assert kept["label"].tolist() == ["c", "f"] and hidden == 4
    kept, hidden = figures.top(frame, 6, "n")
    assert kept is frame and hidden == 0


def test_timeline_of_many_documents_draws_no_document_ids(tmp_path):
    from analysis.questions import corpus_overview

    n = corpus_overview.LABELLED_DOCUMENTS + 1
    docs = pd.DataFrame({"doc_id": [f"{i:04d}" for i in range(n)], "outlet": [f"Outlet {i % 3}" for i in range(n)],
                         "published": pd.to_datetime(["2023-03-15", "2023-04-15"] * (n // 2) + ["2023-05-15"] * (n % 2)),
                         "date_basis": ["byline"] * (n - 1) + ["inferred"]})
    fig = corpus_overview.timeline_figure(docs)
    texts = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    assert not texts & set(docs["doc_id"])
    assert "marker area: documents that day" in fig.axes[0].get_xlabel()
    few = corpus_overview.timeline_figure(docs.head(5))
    assert set(docs["doc_id"].head(5)) <= {t.get_text() for t in few.findobj(matplotlib.text.Text)}
    matplotlib.pyplot.close("all")
