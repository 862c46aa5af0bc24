"""What is in the corpus: the tables, figures and sentences of notebook 01."""
from __future__ import annotations

import pandas as pd

from analysis.corpus.cleaning import SECTION_KINDS
from analysis.kit import figures, wording
from analysis.kit.figures import PALETTE, new_figure

KIND_LABELS = {"header": "header (title, byline, date)", "summary": "key-points summary",
               "caption": "photo caption", "editor_note": "editor's note", "body": "article body",
               "footer": "site footer", "furniture": "page furniture (links, share lines, teasers)"}


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
    """Per document: how many changes of each action (columns) cleaning made."""
    table = corpus.cleaning.pivot_table(index="doc_id", columns="action", values="start",
                                        aggfunc="count", fill_value=0)
    return table.reindex(corpus.documents["doc_id"]).fillna(0).astype(int).reset_index()


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


def findings(corpus) -> str:
    """The notebook's answer in words, computed from the tables."""
    docs = corpus.documents
    n, outlets = len(docs), docs["outlet"].nunique()
    inferred = int((docs["date_basis"] == "inferred").sum())
    words = words_by_section(corpus)
    total = int(words.to_numpy().sum())
    body = int(sum(words[k].sum() for k in ("body", "editor_note") if k in words))
    actions = corpus.cleaning["action"].value_counts()
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


def timeline_figure(corpus):
    """Documents by outlet and publication date; hollow markers for inferred dates (undated
    documents, added with ``date_basis`` unknown, cannot be placed and are left out). At
    most ``figures.MAX_HEIGHT`` tall: beyond that the outlets with fewest documents are
    left out and counted under the axis."""
    docs = corpus.documents.dropna(subset=["published"]).sort_values("published")
    outlets = list(dict.fromkeys(docs["outlet"]))
    shown, height = figures.cap_rows(len(outlets), 0.5, 1.6)
    if shown < len(outlets):
        counts = docs["outlet"].value_counts()
        keep = set(sorted(outlets, key=lambda o: (-counts[o], outlets.index(o)))[:shown])
        outlets = [o for o in outlets if o in keep]
    hidden = docs["outlet"].nunique() - len(outlets)
    fig, ax = new_figure(height=height + (0.3 if hidden else 0))
    for d in docs[docs["outlet"].isin(outlets)].itertuples(index=False):
        y = outlets.index(d.outlet)
        inferred = d.date_basis == "inferred"
        ax.scatter([d.published], [y], s=70, color=PALETTE[0],
                   facecolors="white" if inferred else PALETTE[0], linewidths=1.5, zorder=3)
        ax.annotate(d.doc_id, (d.published, y), xytext=(0, 9), textcoords="offset points",
                    ha="center", fontsize=8)
    ax.set_yticks(range(len(outlets)), outlets)
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.set_xlabel("publication date (hollow marker: date inferred from the text)"
                  + (f"\n+{hidden} more outlets with fewer documents (all in documents.csv)" if hidden else ""))
    figures.date_axis(ax.xaxis)
    first, last = docs["published"].min(), docs["published"].max()
    ax.set_title(f"{len(docs)} documents from {docs['outlet'].nunique()} outlets, {first:%b %Y} to {last:%b %Y}")
    return fig


def sections_figure(corpus):
    """Words per document, stacked by section kind; beyond ``figures.MAX_HEIGHT`` the
    longest documents are drawn and the rest counted under the axis."""
    every = words_by_section(corpus)
    shown, height = figures.cap_rows(len(every), 0.45, 1.6)
    words = every.loc[sorted(every.sum(axis=1).nlargest(shown).index)] if shown < len(every) else every
    hidden = len(every) - len(words)
    fig, ax = new_figure(height=height + (0.3 if hidden else 0))
    left = pd.Series(0, index=words.index)
    colors = dict(zip(SECTION_KINDS, ["#7f7f7f", PALETTE[2], PALETTE[3], PALETTE[1], PALETTE[0], "#bfbfbf", "#dddddd"]))
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
