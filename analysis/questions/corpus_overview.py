"""What is in the corpus: the tables, figures and sentences of notebook 01 (on the question
protocol, ``analysis/questions/protocol.py``)."""
from __future__ import annotations

import pandas as pd

from analysis.corpus.cleaning import SECTION_KINDS
from analysis.kit import figures as draw
from analysis.kit import wording
from analysis.kit.figures import PALETTE, new_figure
from analysis.questions.protocol import Figure, Table, columns

KIND_LABELS = {"header": "header (title, byline, date)", "standfirst": "standfirst (summary under the headline)", "summary": "key-points summary",
               "caption": "photo caption", "editor_note": "editor's note", "body": "article body",
               "footer": "site footer", "furniture": "page furniture (links, share lines, teasers)"}
# Every action cleaning logs (analysis/corpus/cleaning.py), in the summary's column order.
CLEANING_ACTIONS = tuple(sorted(("separators_normalised", "invisible_removed", "newlines_normalised",
                                 "bullet_marker_removed", "lines_joined", "markdown_link", "markdown_emphasis",
                                 "paragraph_rejoined", *(f"labelled_{k}" for k in SECTION_KINDS if k != "body"))))
_ACTION_WORDS = {"separators_normalised": "unusual separators made plain", "invisible_removed":
                 "invisible characters removed", "newlines_normalised": "line ends made LF",
                 "bullet_marker_removed": "bullet markers removed", "lines_joined": "lines joined into a paragraph",
                 "markdown_link": "Markdown links reduced to their words",
                 "markdown_emphasis": "Markdown emphasis removed (words kept)",
                 "paragraph_rejoined": "paragraphs broken mid-sentence rejoined",
                 **{f"labelled_{k}": f"paragraphs labelled {v}" for k, v in KIND_LABELS.items() if k != "body"}}

NAME = "01_corpus_overview"
# The most documents the timeline marks one by one, each with its id; beyond, one marker per
# outlet and day sized by its documents.
LABELLED_DOCUMENTS = 60
PARAMS = ()
_CHANGES = columns(
    ("doc_id", "str", "the document"),
    ("action", "str", "what cleaning did (one of the columns of cleaning_summary.csv)"),
    ("start", "int", "raw-file character offset where the span it concerns starts"),
    ("end", "int", "raw-file character offset where it ends"),
    ("detail", "str", "what was found: a paragraph's role, a link's target, the words kept, ..."),
    ("raw", "str", "the raw text of the span, line breaks shown as ⏎"))
TABLES = (
    Table("documents", "One row per document of the corpus, from the catalog and the cleaned text.", columns(
        ("doc_id", "str", "document id (catalog.csv)"), ("file", "str", "the raw file in corpus_dir"),
        ("outlet", "str", "the outlet that published it"), ("author", "str", "its author(s), as the catalog gives"),
        ("title", "str", "its title"), ("published", "date", "publication date"),
        ("date_basis", "str", "how the date is known: byline, or inferred from the text"),
        ("words", "int", "words in all sections"), ("body_words", "int", "words of article body and editor's notes"),
        ("sentences", "int", "sentences of the cleaned text"),
        ("copy_of", "str", "the earliest document this one is a near-duplicate of (empty: none)"),
        ("copy_group", "str", "that earliest document's id; a document's own when it has no copies"),
        ("sha256", "str", "SHA-256 of the raw file's bytes")),
        show=("doc_id", "outlet", "author", "title", "published", "date_basis", "words", "body_words",
              "sentences", "copy_of", "copy_group")),
    Table("words_by_section", "Words per document and section kind; cleaning labels text that is not article "
          "body instead of dropping it, and the editor's note is kept with the body because it carries "
          "reported evidence.", columns(
              ("doc_id", "str", "the document"),
              *((k, "int", f"words in {KIND_LABELS[k]} sections") for k in SECTION_KINDS)),
          show=("doc_id", *SECTION_KINDS)),
    Table("cleaning_changes", "What cleaning found and changed: one row per change, with the raw-file span it "
          "concerns.", _CHANGES),
    Table("cleaning_summary", "Per document, how many changes of each action cleaning made.", columns(
        ("doc_id", "str", "the document"),
        *((a, "int", f"changes of this action: {_ACTION_WORDS[a]}") for a in CLEANING_ACTIONS)),
        show=("doc_id", *CLEANING_ACTIONS)),
    Table("evidence", "The evidence behind the answer: every change cleaning made, with its raw-file span "
          "(the rows of cleaning_changes.csv, under the name every question's evidence has).", _CHANGES),
)


def tables(evidence, corpus) -> dict[str, pd.DataFrame]:
    """The notebook's tables from the loaded corpus (the extracted evidence is not needed)."""
    changes = cleaning_table(corpus)
    return {"documents": documents_table(corpus),
            "words_by_section": words_by_section(corpus).reindex(columns=list(SECTION_KINDS), fill_value=0)
            .rename_axis(columns=None).reset_index(),
            "cleaning_changes": changes, "cleaning_summary": cleaning_summary(corpus), "evidence": changes}


def figures(tables) -> list[Figure]:
    docs = tables["documents"]
    used = set(docs["doc_id"])
    return [Figure("documents_by_outlet_and_date", timeline_figure(docs), used),
            Figure("words_by_section", sections_figure(_words(tables["words_by_section"])), used)]


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables) -> str:
    """The notebook's answer in words, computed from the tables."""
    docs = tables["documents"]
    words = _words(tables["words_by_section"])
    n, outlets = len(docs), docs["outlet"].nunique()
    inferred = int((docs["date_basis"] == "inferred").sum())
    total = int(words.to_numpy().sum())
    body = int(sum(words[k].sum() for k in ("body", "editor_note") if k in words))
    actions = tables["cleaning_changes"]["action"].value_counts()
    labelled = {k: int(actions.get(f"labelled_{k}", 0)) for k in SECTION_KINDS if k != "body"}
    labelled_text = ", ".join(f"{v} {KIND_LABELS[k]} paragraph{'s' if v != 1 else ''}"
                              for k, v in labelled.items() if v)
    markup = int(actions.get("markdown_emphasis", 0) + actions.get("markdown_link", 0)
                 + actions.get("bullet_marker_removed", 0))
    return (
        f"The corpus holds {n} document{'s' if n != 1 else ''} from {outlets} outlet"
        f"{'s' if outlets != 1 else ''} ({', '.join(docs['outlet'].drop_duplicates())}), published "
        f"between {wording.day(docs['published'].min())} and {wording.day(docs['published'].max())}; "
        f"{inferred} of the {n} publication dates are inferred from the text rather than printed in it. "
        f"They hold {total:,} words, of which {body:,} ({body / total:.0%}) are article body or editor's notes. "
        f"Cleaning labelled {labelled_text or 'no non-body text'}, removed markup from {markup} span"
        f"{'s' if markup != 1 else ''} (keeping the words) and rejoined "
        f"{int(actions.get('paragraph_rejoined', 0))} paragraph(s) broken mid-sentence. "
        + copies_sentence(docs)
    )


def findings(corpus) -> str:
    """The answer straight from a loaded corpus (``answer(tables(None, corpus))``)."""
    return answer(tables(None, corpus))


def _words(table: pd.DataFrame) -> pd.DataFrame:
    """The words_by_section table indexed by doc_id, with only the section kinds that hold words."""
    words = table.set_index("doc_id")
    return words[[k for k in words.columns if words[k].any()]]


def documents_table(corpus) -> pd.DataFrame:
    """One row per document: doc_id, file, outlet, author, title, published, date_basis,
    words (all sections), body_words (body + editor's notes), sentences, copy_of, copy_group
    (near-duplicates, see analysis.copies), sha256."""
    cols = ["doc_id", "file", "outlet", "author", "title", "published", "date_basis",
            "words", "body_words", "sentences", "copy_of", "copy_group", "sha256"]
    return corpus.documents[cols].copy()


def words_by_section(corpus) -> pd.DataFrame:
    """Words per document (rows, doc_id) and section kind (columns, in SECTION_KINDS order)."""
    table = corpus.sections.pivot_table(index="doc_id", columns="kind", values="words",
                                        aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[k for k in SECTION_KINDS if k in table.columns])
    return table.reindex(corpus.documents["doc_id"]).fillna(0).astype(int)


def cleaning_table(corpus) -> pd.DataFrame:
    """What cleaning found and changed: one row per change, with doc_id, action, raw start/end,
    detail and the raw text of the span (newlines as ⏎)."""
    return corpus.cleaning.copy()


def cleaning_summary(corpus) -> pd.DataFrame:
    """Per document: how many changes of each action (columns: every one of ``CLEANING_ACTIONS``,
    whether or not this corpus needed it) cleaning made."""
    unknown = sorted(set(corpus.cleaning["action"]) - set(CLEANING_ACTIONS))
    if unknown:
        raise ValueError(f"cleaning logged action(s) {', '.join(unknown)} that CLEANING_ACTIONS lacks")
    table = corpus.cleaning.pivot_table(index="doc_id", columns="action", values="start",
                                        aggfunc="count", fill_value=0)
    table = table.reindex(index=corpus.documents["doc_id"], columns=list(CLEANING_ACTIONS))
    return table.fillna(0).astype(int).rename_axis(columns=None).reset_index()


def copies_sentence(docs) -> str:
    """How many documents are near-duplicates of an earlier one, and of which."""
    n = len(docs)
    copied = docs[docs["copy_of"] != ""]
    if copied.empty:
        return f"None of the {n} documents is a copy of another (near-duplicate body)."
    groups = "; ".join(f"{', '.join(g['doc_id'])} of {original}"
                       for original, g in copied.groupby("copy_of", sort=True))
    return (f"{len(copied)} of the {n} documents are copies of others ({groups}): "
            f"{n - len(copied)} distinct stories.")


def timeline_figure(documents: pd.DataFrame):
    """Documents by outlet and publication date; hollow markers for inferred dates (undated
    documents, added with ``date_basis`` unknown, cannot be placed and are left out). At
    most ``draw.MAX_HEIGHT`` tall: beyond that the outlets with fewest documents are
    left out and counted under the axis."""
    docs = documents.dropna(subset=["published"]).sort_values("published")
    outlets = list(dict.fromkeys(docs["outlet"]))
    shown, height = draw.cap_rows(len(outlets), 0.5, 1.6)
    if shown < len(outlets):
        counts = docs["outlet"].value_counts()
        keep = set(sorted(outlets, key=lambda o: (-counts[o], outlets.index(o)))[:shown])
        outlets = [o for o in outlets if o in keep]
    hidden = docs["outlet"].nunique() - len(outlets)
    fig, ax = new_figure(height=height + (0.3 if hidden else 0))
    drawn = docs[docs["outlet"].isin(outlets)]
    labelled = len(drawn) <= LABELLED_DOCUMENTS
    if labelled:
        for d in drawn.itertuples(index=False):
            y = outlets.index(d.outlet)
            inferred = d.date_basis == "inferred"
            ax.scatter([d.published], [y], s=70, color=PALETTE[0],
                       facecolors="white" if inferred else PALETTE[0], linewidths=1.5, zorder=3)
            ax.annotate(d.doc_id, (d.published, y), xytext=(0, 9), textcoords="offset points",
                        ha="center", fontsize=8)
    else:
        # one marker per outlet, day and date basis, its area the number of documents: ids of
        # hundreds of documents would print over each other
        marks = (drawn.assign(y=drawn["outlet"].map({o: i for i, o in enumerate(outlets)}),
                              inferred=drawn["date_basis"] == "inferred", day=drawn["published"].dt.normalize())
                 .groupby(["y", "day", "inferred"]).size().rename("n").reset_index())
        scale = 200 / max(1, int(marks["n"].max()))
        for inferred, m in marks.groupby("inferred"):
            ax.scatter(m["day"], m["y"], s=20 + scale * m["n"], color=PALETTE[0], alpha=0.8,
                       facecolors="white" if inferred else PALETTE[0], linewidths=1.2, zorder=3)
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.set_xlabel("publication date (hollow marker: date inferred from the text"
                  + ("" if labelled else f"; marker area: documents that day, at most {int(marks['n'].max())}")
                  + ")" + (f"\n+{hidden} more outlets with fewer documents (all in documents.csv)" if hidden else ""))
    draw.date_axis(ax.xaxis)
    first, last = docs["published"].min(), docs["published"].max()
    ax.set_title(f"{len(docs)} documents from {docs['outlet'].nunique()} outlets, {first:%b %Y} to {last:%b %Y}")
    return fig


def sections_figure(every: pd.DataFrame):
    """Words per document, stacked by section kind; beyond ``draw.MAX_HEIGHT`` the
    longest documents are drawn and the rest counted under the axis. ``every``: words per
    document (index doc_id) and section kind (columns), as ``words_by_section``."""
    shown, height = draw.cap_rows(len(every), 0.45, 1.6)
    words, hidden = draw.top(every, shown, every.sum(axis=1))     # the longest documents
    fig, ax = new_figure(height=height + (0.3 if hidden else 0))
    left = pd.Series(0, index=words.index)
    colors = dict(zip(SECTION_KINDS, ["#7f7f7f", "#a6a6a6", PALETTE[2], PALETTE[3], PALETTE[1], PALETTE[0], "#bfbfbf", "#dddddd"]))
    for kind in words.columns:
        ax.barh(words.index, words[kind], left=left, color=colors[kind], label=KIND_LABELS[kind])
        left = left + words[kind]
    ax.invert_yaxis()
    ax.set_xlabel("length (words)" + (f"\n+{hidden} shorter documents not drawn (all in words_by_section.csv)"
                                      if hidden else ""))
    ax.set_ylabel("document")
    ax.grid(axis="y", visible=False)
    total = int(every.to_numpy().sum())
    body = int(sum(every[k].sum() for k in ("body", "editor_note") if k in every))
    ax.set_title(f"Article body and editor's notes are {body / total:.0%} of the {total:,} words")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return fig
