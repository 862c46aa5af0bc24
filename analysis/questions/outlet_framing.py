"""How do outlets frame the same events? Loaded terms, quoted voices, house spelling, shared quotations.

Everything is computed from the corpus tables (``corpus.load``) and the quotations
evidence (``evidence.quotes``); the word lists are data files an analyst can edit:

``data/lexicon.csv``            term, category, note: loaded terms by category
``data/spelling_variants.csv``  group, variant, convention, note: spellings of one name or word
``data/voices.csv``             side, role, voice, note: which voice a quoted speaker speaks for
                                (side and role from the actors codebook; role ``*`` = any role;
                                the first matching row wins)

Only text of kind ``body`` and ``editor_note`` is read (headlines, summaries,
captions and footers are not the article's running text), so counts and rates
share one denominator: the document's ``body_words``.

Matching (lexicon and spellings): whole words, case-insensitive; a space or hyphen in
a term matches any run of spaces or one hyphen; the last word may also take a plural
or possessive ending (-s, -es, 's, ’s); longer terms win over shorter ones at the
same place and hits never overlap. Other inflections are listed as their own rows
("slaughter", "slaughtered").

Quoted words are counted per innermost quotation: the words of a quotation nested
inside another (an AP quote inside a reporter's quoted report) belong to the inner
speaker only, so no word is counted twice. Only quotations of kind ``quote`` count;
scare quotes (kind ``term``) do not.
"""
from __future__ import annotations

import re
import textwrap
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus import rulefiles
from analysis.corpus.paths import display
from analysis.corpus.rulefiles import load_csv
from analysis.corpus.tables import BODY_KINDS, words
from analysis.evidence import also_in
from analysis.extract import actors
from analysis.kit import figures as draw
from analysis.kit import rows as rows_kit
from analysis.kit.figures import PALETTE, new_figure
from analysis.kit.matching import PatternScanner
from analysis.questions import protocol
from analysis.questions.protocol import Figure, Param, ParameterError, Table, check_path, columns

GROUP_BY = ("document", "outlet")
LEXICON_COLUMNS = ("term", "category", "note")
UNATTRIBUTED = "unattributed"
UNLISTED = "not in the codebook"
# the colours of the voices of voices.csv are its colour column; these two are not in the file
VOICE_COLOURS = {UNLISTED: "#d9b44a", UNATTRIBUTED: "#bfbfbf"}


LEXICON = "analysis/data/lexicon.csv"


def check_lexicon(name: str, value):
    """A lexicon file ``load_lexicon`` reads, kept as the path given."""
    load_lexicon(value, name=name)
    return value


NAME = "06_outlet_framing"
PARAMS = (
    Param("lexicon", LEXICON, check_lexicon, "CSV with columns term, category, note"),
    Param("group_by", "document", lambda n, v: protocol.check_choice(n, v, GROUP_BY), '"document" or "outlet"'),
)
_DOC = (("doc_id", "str", "the document"), ("outlet", "str", "its outlet"),
        ("published", "date", "its publication date"))
_SPAN = (("start", "int", "raw-file character offset where the text starts"),
         ("end", "int", "raw-file character offset where it ends"))
_GROUP = (("group", "str", "the group: a doc_id, or an outlet (parameter group_by)"),
          ("label", "str", "the group in words ('000 World Socialist Web Site', 'Business Insider (2 docs)')"))
_SIZE = (("documents", "int", "documents in the group"),
         ("body_words", "int", "words of the group's body and editor's-note text (the denominator of every rate)"))
_QUOTED = ("quoted", "str", "'' in the outlet's own words, 'quotation' inside a quoted speaker's words, "
                            "'scare quotes' inside quotation marks around a term")
_SPEAKER = (("speaker", "str", "the speaker's canonical name (codebook; else as written)"),
            ("speaker_name", "str", "the speaker as written"),
            ("cue", "str", "how the text introduces the quotation ('said', ...)"),
            ("via", "str", "speaker and relay chain in words"))
TABLES = (
    Table("evidence", "Every lexicon hit in body and editor's-note text, one row each, sorted by document and "
          "span.", columns(
              *_DOC, ("category", "str", "the lexicon category"), ("term", "str", "the lexicon entry"),
              ("text", "str", "the hit as written"), *_SPAN, _QUOTED,
              ("quote_speaker", "str", "speaker and relay chain of the quotation around it, in words"),
              ("sent_id", "str", "the sentence (corpus sentence id)"), ("sentence", "str", "its clean text"),
              ("copies", "str", "on the original's row: other copies of the story with the same hit, '; '-separated"),
              ("copy_row", "bool", "a copy's hit that the original's row stands for (rates still count it)"))),
    Table("rates", "Loaded terms per 1,000 words, one row per group and lexicon category (zeros included).",
          columns(*_GROUP, *_SIZE, ("category", "str", "the lexicon category"), ("hits", "int", "lexicon hits"),
                  ("own_words", "int", "hits outside quotation marks"),
                  ("in_quotations", "int", "hits inside a quoted speaker's words"),
                  ("in_scare_quotes", "int", "hits inside scare quotes"),
                  ("rate_per_1000", "float", "hits per 1,000 body words (0 without body words)"),
                  ("terms", "str", "the lexicon entries hit, with counts ('regime ×2; fascist')"))),
    Table("quotes", "Quotations (not scare quotes) in body and editor's-note text, with the voice of the speaker, "
          "sorted by document and span.", columns(
              *_DOC, ("voice", "str", "the voice the speaker speaks for (analysis/data/voices.csv; 'unattributed' "
                                      "without a speaker, 'not in the codebook' for a speaker the codebook lacks)"),
              ("side", "str", "the speaker's side (codebook; 'not stated' when the codebook lacks the speaker)"),
              ("role", "str", "the speaker's role (codebook)"), *_SPEAKER,
              ("quoted_words", "int", "words of this quotation not inside a quotation nested in it"),
              ("depth", "int", "nesting depth (0: outermost)"), ("text", "str", "the quotation as quoted"), *_SPAN,
              ("sent_id", "str", "the sentence (corpus sentence id)"), ("sentence", "str", "its clean text"),
              ("copy_group", "str", "the document's story (copies of one story share it)"))),
    Table("voices", "Whose words each group quotes, one row per group and voice with at least one quotation.",
          columns(*_GROUP, ("voice", "str", "the voice (analysis/data/voices.csv)"),
                  ("side", "str", "the sides of its speakers, '; '-separated"),
                  ("quotes", "int", "quotations"), ("quoted_words", "int", "their quoted words"),
                  ("share_of_quoted_words", "float", "share of the group's quoted words"),
                  ("share_of_body_words", "float", "share of the group's body words"),
                  ("speakers", "str", "the speakers, with counts"),
                  ("story_quoted_words", "int", "quoted words of quotations no earlier copy of the story carries "
                                                "(a story's quotation counts once)")),
          show=("label", "voice", "side", "quotes", "quoted_words", "share_of_quoted_words", "speakers")),
    Table("quotation_share", "How much of each group's text is quotation, one row per group (zeros included).",
          columns(*_GROUP, *_SIZE, ("quotes", "int", "quotations"), ("quoted_words", "int", "quoted words, each once"),
                  ("quotation_share", "float", "quoted words over body words (0 without body words)"))),
    Table("spelling_evidence", "Every spelling listed in analysis/data/spelling_variants.csv, one row each, "
          "sorted by document and span.", columns(
              *_DOC, ("name", "str", "the variant group, e.g. Kyiv"), ("variant", "str", "the listed spelling, e.g. Kiev"),
              ("convention", "str", "the convention the spelling follows"), ("text", "str", "as written"), *_SPAN,
              _QUOTED, ("in_title", "str", "the publication whose own name holds the spelling (not counted); '' "
                                           "otherwise"),
              ("sent_id", "str", "the sentence (corpus sentence id)"), ("sentence", "str", "its clean text"))),
    Table("spelling", "Spelling counts, one row per group, name and variant used (outside publication titles).",
          columns(*_GROUP, ("name", "str", "the variant group"), ("variant", "str", "the spelling"),
                  ("convention", "str", "its convention"), ("count", "int", "times used"),
                  ("share", "float", "share of the name's spellings in the group"))),
    Table("shared_quotes", "The same quotation carried by more than one group, one row per copy.", columns(
        ("quotation", "int", "the quotation: 1, 2, ... in order of first appearance"),
        ("carriers", "int", "distinct groups carrying it"),
        ("sources", "int", "distinct stories carrying it (copies of one story count once)"),
        *_DOC, ("group", "str", "the group carrying this copy"), *_SPEAKER,
        ("text", "str", "the quotation as quoted there"), *_SPAN, ("sentence", "str", "the sentence, clean text"),
        ("copies", "str", "on a story's first row: the other copies of that story carrying it"),
        ("copy_row", "bool", "a copy's row that its original's row stands for")),
          show=("quotation", "carriers", "sources", "doc_id", "outlet", "speaker_name", "cue", "text")),
    Table("summary", "One row per group: the four signals side by side.", columns(
        *_GROUP, *_SIZE, ("loaded_terms", "int", "lexicon hits"),
        ("rate_per_1000", "float", "lexicon hits per 1,000 body words"),
        ("top_category", "str", "the category with the most hits ('' if none)"),
        ("quotes", "int", "quotations"), ("quoted_words", "int", "quoted words"),
        ("quotation_share", "float", "quoted words over body words"),
        ("top_voice", "str", "the voice with the most quoted words ('' if none)"),
        ("top_voice_share", "float", "its share of the quoted words"),
        ("spellings", "str", "the most used spelling of each listed name, ', '-separated")),
          show=("label", "documents", "body_words", "loaded_terms", "rate_per_1000", "top_category", "quotes",
                "quotation_share", "top_voice", "top_voice_share", "spellings")),
    Table("groups", "Which group each document is counted in (parameter group_by).", columns(
        ("doc_id", "str", "the document"), *_GROUP, _SIZE[1], _SIZE[0])),
)


def tables(evidence, corpus, lexicon=LEXICON, group_by: str = "document") -> dict[str, pd.DataFrame]:
    from analysis.evidence import with_context

    lex = load_lexicon(lexicon, name="lexicon")
    quotes, mentions = with_context(evidence.quotes, corpus), with_context(evidence.mentions, corpus)
    grouping = groups(corpus.documents, group_by)
    hits = term_hits(corpus, quotes, lex)
    rate = rates(hits, grouping, lex)
    voiced = voiced_quotes(corpus, quotes)
    voice, share = voices(voiced, grouping), quotation_share(voiced, grouping)
    spell_hits = spelling_hits(corpus, quotes, mentions)
    spell = spelling(spell_hits, grouping)
    return {"evidence": hits, "rates": rate,
            "quotes": voiced.drop(columns=["clean_start", "clean_end", "quotation_group"]),
            "voices": voice, "quotation_share": share, "spelling_evidence": spell_hits, "spelling": spell,
            "shared_quotes": shared_quotes(voiced, grouping),
            "summary": summary(grouping, rate, voice, share, spell), "groups": grouping}


def figures(tables, lexicon=LEXICON, group_by: str = "document") -> list[Figure]:
    out = []
    if tables["evidence"].empty:
        out.append(Figure("loaded_terms_heatmap", None,
                          empty="No loaded terms from the lexicon in the corpus: nothing to draw."))
    else:
        out.append(Figure("loaded_terms_heatmap", heatmap(tables["rates"], group_by), set(tables["groups"]["doc_id"]),
                          "Lexicon hits in body and editor's-note text, quoted or not; every hit is in evidence.csv."))
    if tables["quotes"].empty:
        out.append(Figure("quoted_voices", None, empty="No quotations in the corpus: nothing to draw."))
    else:
        out.append(Figure("quoted_voices", voices_figure(tables["voices"], tables["quotation_share"], group_by),
                          set(tables["quotes"]["doc_id"]),
                          "Words inside quotation marks (not scare quotes), each counted once, for the innermost "
                          "speaker; every quotation is in quotes.csv."))
    return out


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables, lexicon=LEXICON, group_by: str = "document") -> str:
    return answer_words(tables["summary"], tables["rates"], tables["voices"], tables["shared_quotes"],
                        tables["spelling"], tables["evidence"], group_by)


# ----------------------------------------------------------------------------- data files

def load_lexicon(path=LEXICON, name: str = "lexicon") -> pd.DataFrame:
    """The lexicon at ``path`` (relative to the project root) as a DataFrame
    (term, category, note), in file order, duplicates of a term dropped.

    A missing or unreadable file, a missing column, or an empty term or category
    raises a one-line ``ParameterError`` naming parameter ``name``."""
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise ParameterError(f"parameter {name}: expected a path to a CSV file, got {path!r}")
    p = check_path(name, path, "file")
    if not p.is_file():
        raise ParameterError(f"parameter {name}: {display(p)} is not a file")
    try:
        lex = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise ParameterError(f"parameter {name}: {display(p)} is not a readable CSV file ({type(e).__name__})") from None
    lex.columns = [str(c).strip() for c in lex.columns]
    missing = [c for c in LEXICON_COLUMNS[:2] if c not in lex.columns]
    if missing:
        raise ParameterError(f"parameter {name}: {display(p)} lacks column(s) {', '.join(missing)} "
                             f"(needs {', '.join(LEXICON_COLUMNS)})")
    if "note" not in lex.columns:
        lex["note"] = ""
    lex = lex[list(LEXICON_COLUMNS)].apply(lambda s: s.str.strip())
    empty = lex.index[(lex["term"] == "") | (lex["category"] == "")]
    if len(empty):
        raise ParameterError(f"parameter {name}: {display(p)} line {empty[0] + 2}: empty term or category")
    if lex.empty:
        raise ParameterError(f"parameter {name}: {display(p)} has no terms")
    lex = lex.drop_duplicates("term", keep="first").reset_index(drop=True)
    return lex


def categories(lexicon: pd.DataFrame) -> list[str]:
    """Lexicon categories in the order they first appear in the file."""
    return list(dict.fromkeys(lexicon["category"]))


@lru_cache(maxsize=1)
def load_spellings() -> pd.DataFrame:
    """``data/spelling_variants.csv``: group, variant, convention, note (file order)."""
    return load_csv("spelling_variants.csv", ["group", "variant", "convention"], dtype=str,
                    keep_default_na=False).drop_duplicates(["group", "variant"]).reset_index(drop=True)


@lru_cache(maxsize=1)
def load_voices() -> pd.DataFrame:
    """``data/voices.csv``: side, role (``*`` = any), voice, note (first matching row wins)."""
    return load_csv("voices.csv", ["side", "role", "voice"], dtype=str, keep_default_na=False)


def voice_order() -> list[str]:
    return list(dict.fromkeys([*load_voices()["voice"], UNLISTED, UNATTRIBUTED]))


def voice_of(actor_id, name=None) -> str:
    """The voice an actor speaks for (``voices.csv``); "not in the codebook" for a speaker
    the text names but the codebook lacks; "unattributed" when there is no speaker."""
    row = actors.actor(actor_id) if isinstance(actor_id, str) and actor_id else None
    if row is None:
        return UNLISTED if isinstance(name, str) and name.strip() else UNATTRIBUTED
    for r in load_voices().itertuples(index=False):
        if r.side == row["side"] and r.role in ("*", row["role"]):
            return r.voice
    return "other"


# ----------------------------------------------------------------------------- matching

def term_pattern(term: str) -> str:
    """Regex for one term: whole words, spaces/hyphens interchangeable, plural/possessive ending."""
    parts = re.split(r"[\s-]+", term.strip())
    seps = re.findall(r"[\s-]+", term.strip())
    body = ""
    for i, part in enumerate(parts):
        body += re.sub("['’]", "['’]", re.escape(part))
        if i < len(seps):
            body += r"(?:\s+|\s*[-‐‑–]\s*)"
    return rf"(?<!\w){body}(?:e?s)?(?:['’]s?)?(?!\w)"


def _matcher(terms) -> tuple[re.Pattern, list[str]]:
    ordered = sorted(dict.fromkeys(terms), key=lambda t: (-len(t), t))
    rx = re.compile("|".join(f"(?P<t{i}>{term_pattern(t)})" for i, t in enumerate(ordered)), re.IGNORECASE)
    return rx, ordered


@lru_cache(maxsize=8)
def _scanner(terms: tuple) -> tuple[PatternScanner, list[str]]:
    """The terms' regex, tried only where a term's first literal occurs (one Aho-Corasick pass
    per sentence): a regex search tries the whole alternation at every character (40 of the
    notebook's 60 profiled seconds at 1,000 articles)."""
    rx, ordered = _matcher(terms)
    return PatternScanner(rx), ordered


def _enclosing(doc_quotes: list[dict], s: int, e: int) -> dict | None:
    """The innermost quotation (quote or term) around clean s:e, or None."""
    inside = [q for q in doc_quotes if q["clean_start"] <= s and e <= q["clean_end"]]
    return min(inside, key=lambda q: q["clean_end"] - q["clean_start"]) if inside else None


def _match(corpus, quotes: pd.DataFrame, terms: list[str]) -> list[dict]:
    """Every hit of ``terms`` in body and editor's-note sentences, with raw span and quotation context."""
    if not terms:
        return []
    scanner, ordered = _scanner(tuple(terms))
    sents = corpus.sentences[corpus.sentences["kind"].isin(BODY_KINDS)]
    raw_index = dict(zip(corpus.texts["doc_id"], corpus.texts["raw_index"]))
    found = [scanner.finditer(t) for t in sents["text"].tolist()]
    keep = [i for i, ms in enumerate(found) if ms]
    sents, found = sents.iloc[keep], [found[i] for i in keep]
    # the columns ``_enclosing`` and the hit read, as records once (not a frame per document)
    recs = quotes[["doc_id", "clean_start", "clean_end", "kind", "speaker", "via"]].to_dict("records")
    by_doc: dict = {}
    for r in recs:
        by_doc.setdefault(r["doc_id"], []).append(r)
    out = []
    for s, matches in zip(sents.itertuples(index=False), found):
        for m in matches:
            term = ordered[int(m.lastgroup[1:])]
            cs, ce = int(s.clean_start) + m.start(), int(s.clean_start) + m.end()
            idx = raw_index[s.doc_id]
            q = _enclosing(by_doc.get(s.doc_id, []), cs, ce)
            quoted = "" if q is None else ("quotation" if q["kind"] == "quote" else "scare quotes")
            out.append({"doc_id": s.doc_id, "sent_id": s.sent_id, "key": term, "text": m.group(0),
                        "start": int(idx[cs]), "end": int(idx[ce - 1]) + 1, "clean_start": cs, "clean_end": ce,
                        "quoted": quoted,
                        "quote_speaker": (actors.chain_names(q["speaker"], q["via"])
                                          if q is not None and isinstance(q["speaker"], str) and q["speaker"] else ""),
                        "sentence": s.text})
    return out


# ----------------------------------------------------------------------------- groups

def groups(documents: pd.DataFrame, group_by: str = "document") -> pd.DataFrame:
    """One row per document (``group_by="document"``) or outlet (``"outlet"``).

    Columns: doc_id (every document, joined to its group), group (doc_id or outlet),
    label (e.g. "000 World Socialist Web Site", or "Business Insider (2 docs)"),
    body_words (of the group: body and editor's-note words), documents (in the group).
    Sorted by group (doc_id, or outlet name).
    """
    d = documents[["doc_id", "outlet", "body_words"]].copy()
    if group_by == "document":
        d["group"] = d["doc_id"]
        d["label"] = d["doc_id"] + " " + d["outlet"]
        d["documents"] = 1
    else:
        d["group"] = d["outlet"]
        n = d.groupby("outlet")["doc_id"].transform("count")
        d["label"] = d["outlet"] + " (" + n.astype(str) + (n.map(lambda k: " doc)" if k == 1 else " docs)"))
        d["documents"] = n
        d["body_words"] = d.groupby("outlet")["body_words"].transform("sum")
    return d[["doc_id", "group", "label", "body_words", "documents"]].sort_values(
        ["group", "doc_id"]).reset_index(drop=True)


def _parts(frame: pd.DataFrame, by):
    """``part(key)``: the rows of ``frame`` whose ``by`` column(s) equal ``key``, in their
    order (as ``frame[frame[by] == key]``), from one grouping instead of a scan per key."""
    rows = frame.groupby(by, sort=False).indices if len(frame) else {}
    empty = frame.iloc[0:0]
    return lambda key: frame.iloc[rows[key]] if key in rows else empty


def _first_max(rows: list, key: str):
    """The first of ``rows`` with the greatest ``key`` (a stable descending sort's first), or None."""
    best = None
    for r in rows:
        if best is None or r[key] > best[key]:
            best = r
    return best


def _group_rows(g: pd.DataFrame) -> pd.DataFrame:
    return g.drop_duplicates("group")[["group", "label", "documents", "body_words"]].reset_index(drop=True)


def _with_doc(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    return rows.merge(documents[["doc_id", "outlet", "published"]], on="doc_id", how="left")


# ----------------------------------------------------------------------------- loaded terms

HIT_COLUMNS = ["doc_id", "outlet", "published", "category", "term", "text", "start", "end", "quoted",
               "quote_speaker", "sent_id", "sentence", "copies", "copy_row"]
# The same hit in several copies of one story (``copies.mark``): rates still count it per document.
HIT_COPY_KEY = ("term", "text", "quoted")


def term_hits(corpus, quotes: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Every lexicon hit in body and editor's-note text, one row each.

    Columns: doc_id, outlet, published, category, term (the lexicon entry), text (as
    written), start, end (raw-file span), quoted ("" in the outlet's own words,
    "quotation" inside a quoted speaker's words, "scare quotes" inside quotation marks
    around a term), quote_speaker (speaker and relay chain of that quotation, in words),
    sent_id, sentence (clean text), copies (on the original's row: the other copies of
    the story with the same hit), copy_row (True on a copy's hit that the original's row
    stands for; ``rates`` still counts it, an outlet that ran a copy chose its words).
    Sorted by doc_id, start.
    """
    rows = pd.DataFrame(_match(corpus, quotes, lexicon["term"].tolist()))
    if rows.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    cat = dict(zip(lexicon["term"], lexicon["category"]))
    rows["term"] = rows["key"]
    rows["category"] = rows["term"].map(cat)
    rows = _with_doc(rows, corpus.documents).sort_values(["doc_id", "start"]).reset_index(drop=True)
    groups = corpus.documents.set_index("doc_id")["copy_group"]
    rows["copy_group"] = rows["doc_id"].map(groups)
    return copies_mod.mark(rows, HIT_COPY_KEY)[HIT_COLUMNS]


def _counted(values) -> str:
    """'regime ×2; fascist' from a list of values, most frequent first, then alphabetical."""
    c: dict = {}
    for v in values:
        if not (isinstance(v, float) and v != v):      # value_counts leaves out NaN
            c[v] = c.get(v, 0) + 1
    items = sorted(c.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0]))
    return "; ".join(f"{k} ×{v}" if v > 1 else k for k, v in items)


def rates(hits: pd.DataFrame, grouping: pd.DataFrame, lexicon: pd.DataFrame) -> pd.DataFrame:
    """Loaded terms per 1,000 words, one row per (group, category), zeros included.

    Columns: group, label, documents, body_words, category, hits, own_words (hits outside
    quotation marks), in_quotations (inside a quoted speaker's words), in_scare_quotes,
    rate_per_1000 (hits per 1,000 body words; 0 when the group has no body words),
    terms (lexicon entries hit, "regime ×2; fascist"). Sorted by group, then category in
    lexicon order.
    """
    cats = categories(lexicon)
    h = hits.merge(grouping[["doc_id", "group"]], on="doc_id", how="left")
    cols = ["group", "label", "documents", "body_words", "category", "hits", "own_words",
            "in_quotations", "in_scare_quotes", "rate_per_1000", "terms"]
    rows = _group_rows(grouping)
    if rows.empty or not cats:
        return pd.DataFrame(columns=cols)
    # every (group, category), zeros included, counted in one pass over the hits
    h = h[h["category"].isin(cats)].assign(
        own_words=lambda x: x["quoted"] == "", in_quotations=lambda x: x["quoted"] == "quotation",
        in_scare_quotes=lambda x: x["quoted"] == "scare quotes")
    by = h.groupby(["group", "category"], sort=False)
    counts = by[["own_words", "in_quotations", "in_scare_quotes"]].sum().assign(hits=by.size())
    counts["terms"] = by["term"].agg(_counted)
    out = rows.loc[rows.index.repeat(len(cats))].reset_index(drop=True)
    out["category"] = list(cats) * len(rows)
    out = out.merge(counts.reset_index(), on=["group", "category"], how="left")
    for c in ("hits", "own_words", "in_quotations", "in_scare_quotes"):
        out[c] = out[c].fillna(0).astype(int)
    out["terms"] = out["terms"].fillna("")
    out["rate_per_1000"] = [round(1000 * k / w, 2) if w else 0.0
                            for k, w in zip(out["hits"].tolist(), out["body_words"].tolist())]
    return out[cols]


def category_words(category: str) -> str:
    return category.replace("_", " ")


# ----------------------------------------------------------------------------- voices

# One quotation of one story, however many of its copies carry it (``copies.merge``).
STORY_QUOTE_KEY = ("voice", "speaker", "text")
VOICED_COLUMNS = ["doc_id", "outlet", "published", "voice", "side", "role", "speaker", "speaker_name", "cue", "via",
                  "quoted_words", "depth", "text", "start", "end", "clean_start", "clean_end", "sent_id", "sentence",
                  "copy_group", "quotation_group"]


def voiced_quotes(corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotations of kind "quote" in body and editor's-note text, with the voice of the speaker.

    Columns: doc_id, outlet, published, voice (``voices.csv``; "unattributed" without a
    speaker), side, role (codebook; "" without a speaker), speaker (canonical name),
    speaker_name (as written), cue, via (speaker and relay chain in words), quoted_words
    (words of this quotation not inside a nested quotation), depth, text, start, end
    (raw span), clean_start, clean_end, sent_id, sentence, copy_group (the document's
    story: copies of one story share it), quotation_group (the evidence's ``group``: the
    same quotation across documents, ``quotes.quote_groups``). Sorted by doc_id, start.
    """
    q = quotes.rename(columns={"group": "quotation_group"})
    body = set(corpus.sentences.loc[corpus.sentences["kind"].isin(BODY_KINDS), "sent_id"])
    q = q[(q["kind"] == "quote") & q["sent_id"].isin(body)].copy()
    if "copy_group" not in q:
        q["copy_group"] = q["doc_id"]
    if q.empty:
        return pd.DataFrame(columns=VOICED_COLUMNS)
    texts = dict(zip(corpus.texts["doc_id"], corpus.texts["clean_text"]))
    # one pass over plain lists: a frame per document and iterating its (Arrow) columns cost
    # 16 of 28 profiled s at 3,000 articles
    spans: dict = {}
    for d, depth, s, e in zip(q["doc_id"].tolist(), q["depth"].tolist(), q["clean_start"].astype(int).tolist(),
                              q["clean_end"].astype(int).tolist()):
        spans.setdefault(d, []).append((depth, s, e))
    own = []
    for doc, s0, e0, d0 in zip(q["doc_id"].tolist(), q["clean_start"].astype(int).tolist(),
                               q["clean_end"].astype(int).tolist(), q["depth"].tolist()):
        chars = list(texts[doc][s0:e0])
        for depth, s, e in spans[doc]:
            if depth > d0 and s >= s0 and e <= e0:         # a nested quotation: its speaker's words
                chars[s - s0:e - s0] = " " * (e - s)
        own.append(words("".join(chars)))
    q["quoted_words"] = own
    sp = [a if isinstance(a, str) and a else "" for a in q["speaker"].tolist()]
    q["speaker_name"] = q["speaker_name"].fillna("")
    names = q["speaker_name"].tolist()
    voice_memo: dict = {}      # one codebook lookup per (speaker, name), not per quotation
    q["voice"] = [voice_memo[(a, n)] if (a, n) in voice_memo else voice_memo.setdefault((a, n), voice_of(a, n))
                  for a, n in zip(sp, names)]
    q["side"] = [actors.side_of(a) or ("not stated" if n else "") for a, n in zip(sp, names)]
    q["role"] = [(actors.actor(a) or {}).get("role", "") for a in sp]
    q["via"] = [actors.chain_names(a, v, n) if a or n else "" for a, v, n in zip(sp, q["via"].fillna("").tolist(), names)]
    q["speaker"] = [(actors.actor(a) or {}).get("name", a) or " ".join(n.split()) for a, n in zip(sp, names)]
    q["cue"] = q["cue"].fillna("")
    q = q.drop(columns=["outlet", "published"], errors="ignore")
    return _with_doc(q, corpus.documents)[VOICED_COLUMNS].sort_values(["doc_id", "start"]).reset_index(drop=True)


def voices(voiced: pd.DataFrame, grouping: pd.DataFrame) -> pd.DataFrame:
    """Whose words each group quotes, one row per (group, voice) with at least one quotation.

    Columns: group, label, voice, side, quotes, quoted_words, share_of_quoted_words (of
    the group's quoted words), share_of_body_words, speakers (canonical names with
    counts), story_quoted_words (the quoted words of this group's quotations that no
    other copy of the same story carries before it: a quotation in several copies of one
    story counts once, in the story's original, see ``copies.merge``; summed over groups
    it is the corpus-wide count, ``corpus_voices``). Sorted by group, then voice in
    ``voices.csv`` order.
    """
    cols = ["group", "label", "voice", "side", "quotes", "quoted_words", "share_of_quoted_words",
            "share_of_body_words", "speakers", "story_quoted_words"]
    v = voiced.merge(grouping[["doc_id", "group"]], on="doc_id", how="left")
    v["_row"] = range(len(v))
    once = set(copies_mod.merge(v, STORY_QUOTE_KEY)["_row"]) if len(v) else set()
    v["_story_words"] = [w if i in once else 0 for i, w in zip(v["_row"], v["quoted_words"])]
    order = voice_order()
    out = []
    part = rows_kit.rows_of(v, "group", ("voice", "side", "quoted_words", "speaker", "_story_words"))
    for g in _group_rows(grouping).itertuples(index=False):
        x = part(g.group)
        total = np.int64(sum(r["quoted_words"] for r in x))
        of_voice: dict = {}
        for r in x:
            of_voice.setdefault(r["voice"], []).append(r)
        for voice in sorted(of_voice, key=lambda s: (order.index(s) if s in order else len(order), s)):
            y = of_voice[voice]
            words_of = np.int64(sum(r["quoted_words"] for r in y))     # numpy's rounding, as the frames' sums had
            out.append({"group": g.group, "label": g.label, "voice": voice,
                        "side": "; ".join(sorted({r["side"] for r in y} - {""})),
                        "quotes": len(y), "quoted_words": int(words_of),
                        "share_of_quoted_words": round(words_of / total, 4) if total else 0.0,
                        "share_of_body_words": round(words_of / g.body_words, 4) if g.body_words else 0.0,
                        "speakers": _counted([r["speaker"] or "(no speaker found)" for r in y]),
                        "story_quoted_words": int(sum(r["_story_words"] for r in y))})
    return pd.DataFrame(out, columns=cols)


def corpus_voices(voice: pd.DataFrame) -> pd.Series:
    """Quoted words per voice across the corpus (most first), from the ``voices`` table:
    each story's quotation once (``story_quoted_words``), however many copies carry it."""
    col = "story_quoted_words" if "story_quoted_words" in voice else "quoted_words"
    return voice.groupby("voice")[col].sum().sort_values(ascending=False, kind="stable")


def quotation_share(voiced: pd.DataFrame, grouping: pd.DataFrame) -> pd.DataFrame:
    """How much of each group's text is quotation, one row per group (zeros included).

    Columns: group, label, documents, body_words, quotes (kind "quote"), quoted_words
    (each word once, see ``voiced_quotes``), quotation_share (quoted_words / body_words;
    0 without body words). Sorted by group.
    """
    v = voiced.merge(grouping[["doc_id", "group"]], on="doc_id", how="left")
    out = []
    part = rows_kit.rows_of(v, "group", ("quoted_words",))
    for g in _group_rows(grouping).itertuples(index=False):
        x = part(g.group)
        words_of = np.int64(sum(r["quoted_words"] for r in x))
        out.append({"group": g.group, "label": g.label, "documents": g.documents, "body_words": g.body_words,
                    "quotes": len(x), "quoted_words": int(words_of),
                    "quotation_share": round(words_of / g.body_words, 4) if g.body_words else 0.0})
    return pd.DataFrame(out, columns=["group", "label", "documents", "body_words", "quotes", "quoted_words",
                                      "quotation_share"])


# ----------------------------------------------------------------------------- spelling

SPELLING_COLUMNS = ["doc_id", "outlet", "published", "name", "variant", "convention", "text", "start", "end",
                    "quoted", "in_title", "sent_id", "sentence"]


def spelling_hits(corpus, quotes: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every spelling of a name or word listed in ``spelling_variants.csv``, one row each.

    Columns: doc_id, outlet, published, name (the variant group, e.g. Kyiv), variant
    (the listed spelling, e.g. Kiev), convention, text (as written), start, end (raw
    span), quoted, in_title (the publication whose own name holds the spelling, e.g.
    "Kyiv Independent", from the actor ``mentions``; such hits are not the outlet's
    choice and are not counted by ``spelling``; "" otherwise), sent_id, sentence.
    Sorted by doc_id, start.
    """
    sp = load_spellings()
    rows = pd.DataFrame(_match(corpus, quotes, sp["variant"].tolist()))
    if rows.empty:
        return pd.DataFrame(columns=SPELLING_COLUMNS)
    info = sp.drop_duplicates("variant").set_index("variant")
    rows["variant"] = rows["key"]
    rows["name"] = rows["variant"].map(info["group"])
    rows["convention"] = rows["variant"].map(info["convention"])
    pubs = {}
    if mentions is not None and not mentions.empty:
        for m in mentions[mentions["kind"] == "publication"].itertuples(index=False):
            pubs.setdefault(m.doc_id, []).append((int(m.clean_start), int(m.clean_end), actors.actor(m.actor_id)["name"]))
    rows["in_title"] = [next((n for a, b, n in pubs.get(d, []) if a <= s and e <= b), "")
                        for d, s, e in zip(rows["doc_id"], rows["clean_start"], rows["clean_end"])]
    return _with_doc(rows, corpus.documents)[SPELLING_COLUMNS].sort_values(["doc_id", "start"]).reset_index(drop=True)


def spelling(hits: pd.DataFrame, grouping: pd.DataFrame) -> pd.DataFrame:
    """Spelling counts, one row per (group, name, variant) used (outside publication titles).

    Columns: group, label, name, variant, convention, count, share (of the name's
    spellings in the group). Sorted by group, name (file order), count descending, variant.
    """
    cols = ["group", "label", "name", "variant", "convention", "count", "share"]
    hits = hits[hits["in_title"] == ""]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    names = list(dict.fromkeys(load_spellings()["group"]))
    h = hits.merge(grouping[["doc_id", "group", "label"]], on="doc_id", how="left")
    c = h.groupby(["group", "label", "name", "variant", "convention"]).size().rename("count").reset_index()
    c["share"] = (c["count"] / c.groupby(["group", "name"])["count"].transform("sum")).round(4)
    c["_n"] = c["name"].map(names.index)
    return c.sort_values(["group", "_n", "count", "variant"], ascending=[True, True, False, True])[cols] \
        .reset_index(drop=True)


def house_style(spell: pd.DataFrame, grouping: pd.DataFrame) -> pd.DataFrame:
    """One row per group, one column per name: the spellings used with counts
    ("Kiev ×3"; "Kyiv ×2; Kiev" when mixed; "" when the name does not occur)."""
    names = [n for n in dict.fromkeys(load_spellings()["group"]) if n in set(spell["name"])]
    out = []
    at: dict = {}      # (group, name) -> [(variant, count)] in table order, from one pass
    for key, v, k in zip(zip(spell["group"], spell["name"]), spell["variant"], spell["count"]):
        at.setdefault(key, []).append((v, k))
    for g in _group_rows(grouping).itertuples(index=False):
        row = {"group": g.group, "label": g.label}
        for n in names:
            row[n] = "; ".join(f"{v} ×{k}" if k > 1 else v for v, k in at.get((g.group, n), []))
        out.append(row)
    return pd.DataFrame(out, columns=["group", "label", *names])


# ----------------------------------------------------------------------------- shared quotations

SHARED_COLUMNS = ["quotation", "carriers", "sources", "doc_id", "outlet", "published", "group", "speaker",
                  "speaker_name", "cue", "via", "text", "start", "end", "sentence", "copies", "copy_row"]


def shared_quotes(voiced: pd.DataFrame, grouping: pd.DataFrame) -> pd.DataFrame:
    """The same quotation carried by more than one group (the evidence's quotation groups,
    ``voiced_quotes``' quotation_group), one row per copy.

    Columns: quotation (1, 2, ... in order of first appearance), carriers (distinct
    groups carrying it), doc_id, outlet, published, group, speaker (canonical),
    speaker_name (as written), cue (how the copy introduces it), via (speaker and relay
    chain in words), text (as quoted there), start, end (raw span), sentence, sources
    (distinct stories carrying it: copies of one story count once, ``copies.merge``),
    copies (on a story's first row: the other copies of that story carrying it), copy_row
    (True on a copy's row that its original's row stands for: shown and counted there).
    Sorted by quotation, doc_id, start.
    """
    if voiced.empty:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    g = voiced.rename(columns={"quotation_group": "group"}).merge(
        grouping[["doc_id", "group"]].rename(columns={"group": "carrier"}), on="doc_id", how="left")
    g["carriers"] = g.groupby("group")["carrier"].transform("nunique")
    g = g[g["carriers"] >= 2].copy()
    if g.empty:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    if "copy_group" not in g:
        g["copy_group"] = g["doc_id"]
    once = copies_mod.merge(g, ("group",))
    g["sources"] = g["group"].map(once.groupby("group")["copy_group"].nunique())
    listed = {(q, d, s): c for q, d, s, c in zip(once["group"], once["doc_id"], once["start"], once["copies"])}
    g["copies"] = [listed.get((q, d, s), "") for q, d, s in zip(g["group"], g["doc_id"], g["start"])]
    g["copy_row"] = [(q, d, s) not in listed for q, d, s in zip(g["group"], g["doc_id"], g["start"])]
    first = g.groupby("group", sort=False)[["doc_id", "start"]].first()
    order = {k: i + 1 for i, k in enumerate(first.sort_values(["doc_id", "start"]).index)}
    g["quotation"] = g["group"].map(order)
    g["group"] = g["carrier"]
    return g.sort_values(["quotation", "doc_id", "start"])[SHARED_COLUMNS].reset_index(drop=True)


# ----------------------------------------------------------------------------- summary and answer

def summary(grouping: pd.DataFrame, rate: pd.DataFrame, voice: pd.DataFrame, share: pd.DataFrame,
            spell: pd.DataFrame) -> pd.DataFrame:
    """One row per group.

    Columns: group, label, documents, body_words, loaded_terms (lexicon hits),
    rate_per_1000, top_category (most hits; "" if none), quotes, quoted_words,
    quotation_share (quoted words / body words), top_voice (most quoted words; ""
    if none), top_voice_share (of quoted words), spellings (the most used spelling
    of each listed name, e.g. "Zelensky, Kiev, Lugansk").
    """
    names = list(dict.fromkeys(load_spellings()["group"]))
    out = []
    # each group's rows as records from one pass per table, not a frame (and its sorts) per group
    rate_of = rows_kit.rows_of(rate, "group", ("category", "hits"))
    share_of = rows_kit.rows_of(share, "group", ("quotes", "quoted_words", "quotation_share"))
    voice_of_ = rows_kit.rows_of(voice, "group", ("voice", "quoted_words", "share_of_quoted_words"))
    spell_of = rows_kit.rows_of(spell, "group", ("name", "variant", "count"))
    for g in _group_rows(grouping).itertuples(index=False):
        r = rate_of(g.group)
        n = int(sum(x["hits"] for x in r))
        top = _first_max(r, "hits") if n else None
        x = share_of(g.group)[0]
        vo = _first_max(voice_of_(g.group), "quoted_words")
        dominant: dict = {}        # per listed name (in their order), its most used spelling
        for row in sorted(spell_of(g.group), key=lambda row: names.index(row["name"])):
            if row["name"] not in dominant or row["count"] > dominant[row["name"]]["count"]:
                dominant[row["name"]] = row
        out.append({"group": g.group, "label": g.label, "documents": g.documents, "body_words": g.body_words,
                    "loaded_terms": n,
                    "rate_per_1000": round(1000 * n / g.body_words, 2) if g.body_words else 0.0,
                    "top_category": top["category"] if top is not None else "",
                    "quotes": int(x["quotes"]), "quoted_words": int(x["quoted_words"]),
                    "quotation_share": x["quotation_share"],
                    "top_voice": vo["voice"] if vo is not None else "",
                    "top_voice_share": vo["share_of_quoted_words"] if vo is not None else 0.0,
                    "spellings": ", ".join(d["variant"] for d in dominant.values())})
    return pd.DataFrame(out, columns=["group", "label", "documents", "body_words", "loaded_terms", "rate_per_1000",
                                      "top_category", "quotes", "quoted_words", "quotation_share", "top_voice",
                                      "top_voice_share", "spellings"])


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _first_term_list(terms: str, k: int = 4) -> str:
    items = terms.split("; ")
    return ", ".join(items[:k]) + (", …" if len(items) > k else "")


def answer_words(summ: pd.DataFrame, rate: pd.DataFrame, voice: pd.DataFrame, shared: pd.DataFrame,
                 spell: pd.DataFrame, hits: pd.DataFrame, group_by: str = "document") -> str:
    """The finding in words, from the computed tables."""
    n_groups, words_all = len(summ), int(summ["body_words"].sum())
    unit = group_by
    if summ["loaded_terms"].sum() == 0 and summ["quotes"].sum() == 0:
        return (f"No evidence for this question in the corpus: no loaded terms or quotations were found in "
                f"{n_groups} {unit}{'s' if n_groups != 1 else ''} ({words_all:,} words of body text); "
                f"every rate is 0 per 1,000 words.")
    parts = []
    if summ["loaded_terms"].sum():
        ranked = summ.sort_values(["rate_per_1000", "group"], ascending=[False, True])
        hi, lo = ranked.iloc[0], ranked.iloc[-1]
        top = rate[(rate["group"] == hi["group"]) & (rate["hits"] > 0)].sort_values("hits", ascending=False, kind="stable")
        text = (f"Loaded terms are densest in {hi['label']}: {hi['rate_per_1000']:.1f} per 1,000 words "
                f"({hi['loaded_terms']} hits; " + "; ".join(
                    f"{category_words(r.category)} {r.rate_per_1000:.1f} ({_first_term_list(r.terms)})"
                    for r in top.head(3).itertuples(index=False)) + ")")
        if len(summ) > 1:
            text += f", and sparsest in {lo['label']}: {lo['rate_per_1000']:.1f} per 1,000 words"
        text += "."
        own = int((hits["quoted"] == "").sum())
        text += (f" {own} of the {len(hits)} hits are in the outlets' own words, "
                 f"{int((hits['quoted'] == 'quotation').sum())} inside quoted speech and "
                 f"{int((hits['quoted'] == 'scare quotes').sum())} in scare quotes.")
        for cat in categories_in(rate):
            r = rate[(rate["category"] == cat) & (rate["hits"] > 0)].sort_values(
                ["rate_per_1000", "group"], ascending=[False, True])
            if 0 < len(r) < len(summ) and len(r) <= 2:
                text += (f" Terms of category {category_words(cat)} appear only in "
                         + " and ".join(f"{x.label} ({_first_term_list(x.terms)})" for x in r.itertuples(index=False))
                         + ".")
        parts.append(text)
    else:
        parts.append(f"No loaded terms from the lexicon were found ({words_all:,} words of body text).")
    if summ["quotes"].sum():
        q = summ[summ["quotes"] > 0].sort_values(["quotation_share", "group"], ascending=[False, True])
        if len(q) > 1:
            text = (f"Quotation makes up between {_pct(q.iloc[-1]['quotation_share'])} ({q.iloc[-1]['label']}) and "
                    f"{_pct(q.iloc[0]['quotation_share'])} ({q.iloc[0]['label']}) of the body text.")
        else:
            text = f"Quotation makes up {_pct(q.iloc[0]['quotation_share'])} of the body text of {q.iloc[0]['label']}."
        tot = corpus_voices(voice)
        text += (f" Across the corpus {tot.index[0]} supply the most quoted words "
                 f"({_pct(tot.iloc[0] / tot.sum())}).")
        per = []
        # each group's voices from one pass over the table (not a scan of it per group); a
        # group names each voice once, so (words, voice) orders them fully
        voices_of = rows_kit.rows_of(voice, "group", ("voice", "quoted_words", "share_of_quoted_words"))
        for g in summ.itertuples(index=False):
            vo = sorted(voices_of(g.group), key=lambda r: (-r["quoted_words"], r["voice"]))
            if not vo:
                per.append(f"{g.label} quotes no one")
            elif len(vo) == 1:
                per.append(f"{g.label} quotes only {vo[0]['voice']}")
            else:
                per.append(f"{g.label}: " + ", ".join(f"{r['voice']} {_pct(r['share_of_quoted_words'])}"
                                                      for r in vo[:3]))
        text += " Voices by share of quoted words: " + "; ".join(per) + "."
        parts.append(text)
    else:
        parts.append("No quotations were found.")
    if len(spell):
        styles = [f"{r.label} writes {r.spellings}" for r in summ[summ["spellings"] != ""].itertuples(index=False)]
        parts.append("Spelling: " + "; ".join(styles) + ".")
    if len(shared):
        texts = []
        for n, g in shared.groupby("quotation", sort=True):
            copies = "; ".join(f"{r.doc_id} {r.outlet}: "
                               f"{r.speaker_name or '(no speaker)'} {r.cue}".rstrip()
                               + (f" (via {r.via.split(', via ', 1)[1]})" if ", via " in r.via else "")
                               + (f" ({also_in(r.copies)})" if also_in(getattr(r, "copies", "")) else "")
                               for r in story_rows(g).itertuples(index=False))
            texts.append(f"“{g.iloc[0]['text'].rstrip(' ,.')}” ({copies})")
        text = (f"{len(texts)} quotation{'s are' if len(texts) != 1 else ' is'} carried by more than one "
                f"{unit}: " + "; ".join(texts) + ".")
        if "sources" in shared:
            once = shared.groupby("quotation").first()
            alone = once[once["sources"] < 2]
            if len(alone):
                docs = copies_mod.joined(["; ".join(g["doc_id"]) for _, g in shared[shared["quotation"].isin(alone.index)]
                                          .groupby("quotation")]).split("; ")
                text += (f" {len(alone)} of them appear{'s' * (len(alone) == 1)} only in copies of one story "
                         f"({', '.join(docs)}) and count{'s' * (len(alone) == 1)} as one source.")
        parts.append(text)
    return " ".join(parts)


def categories_in(rate: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(rate["category"]))


# ----------------------------------------------------------------------------- figures

def heatmap(rate: pd.DataFrame, group_by: str = "document"):
    """Groups (rows) by lexicon categories (columns), coloured and annotated with the rate per
    1,000 words (hit count below). The title names the densest group and category."""
    cats = categories_in(rate)
    every = list(dict.fromkeys(rate["label"]))
    shown, height = draw.cap_rows(len(every), 0.55, 2.6)
    labels, hidden = every[:shown], len(every) - shown
    m = rate.pivot(index="label", columns="category", values="rate_per_1000").reindex(index=labels, columns=cats)
    n = rate.pivot(index="label", columns="category", values="hits").reindex(index=labels, columns=cats)
    fig, ax = new_figure(width=max(8.0, 1.15 * len(cats) + 3.5), height=height + (0.3 if hidden else 0))
    vmax = max(float(m.values.max()), 1e-9)
    im = ax.imshow(m.values, cmap="Oranges", vmin=0, vmax=vmax, aspect="auto")
    ax.grid(False)
    for i in range(len(labels)):
        for j in range(len(cats)):
            v, k = m.values[i, j], int(n.values[i, j])
            ax.text(j, i, f"{v:.1f}\n({k})" if k else "0", ha="center", va="center", fontsize=8.5,
                    color="white" if v > 0.6 * vmax else "#333333")
    ax.set_xticks(range(len(cats)), ["\n".join(textwrap.wrap(category_words(c), 14, break_long_words=False))
                                     for c in cats], fontsize=8.5)
    ax.set_yticks(range(len(labels)), ["\n".join(textwrap.wrap(lb, 30)) for lb in labels], fontsize=8.5)
    ax.set_xlabel("lexicon category (cell: hits per 1,000 body words, hit count in brackets)"
                  + (f"\n+{hidden} more {group_by}s (all in rates.csv)" if hidden else ""))
    ax.set_ylabel(group_by)
    fig.colorbar(im, ax=ax, label="loaded terms per 1,000 words", shrink=0.8)
    tot = rate.groupby("label", sort=False)["hits"].sum()
    words_ = rate.groupby("label", sort=False)["body_words"].first()
    dens = (1000 * tot / words_.where(words_ > 0)).fillna(0)
    best = dens.sort_values(ascending=False, kind="stable").index[0]
    top = rate[rate["label"] == best].sort_values("hits", ascending=False, kind="stable").iloc[0]
    title = (f"{best} uses the most loaded terms: {dens[best]:.1f} per 1,000 words, "
             f"led by {category_words(top['category'])} ({top['rate_per_1000']:.1f})")
    draw.headline(fig, title)
    return fig


def voices_figure(voice: pd.DataFrame, summ: pd.DataFrame, group_by: str = "document"):
    """Stacked horizontal bars: quoted words per voice in each group, annotated with the
    share of the body text that is quotation (``summ``: the ``quotation_share`` table).
    The title names the most-quoted voice."""
    every = summ
    shown, height = draw.cap_rows(len(summ), 0.5, 2.8)
    summ, hidden = summ.head(shown), len(summ) - shown
    labels = [lb for lb in summ["label"]]
    order = [v for v in voice_order() if v in set(voice["voice"])] + sorted(set(voice["voice"]) - set(voice_order()))
    fig, ax = new_figure(width=10, height=height + (0.3 if hidden else 0))
    left = pd.Series(0.0, index=labels)
    extra = iter(PALETTE)
    for v in order:
        x = voice[voice["voice"] == v].set_index("label")["quoted_words"].reindex(labels).fillna(0)
        colour = (rulefiles.voice_colours() | VOICE_COLOURS).get(v) or next(extra, "#999999")
        ax.barh(range(len(labels)), x.values, left=left.values, color=colour, label=v, edgecolor="white")
        left += x
    for i, r in enumerate(summ.itertuples(index=False)):
        ax.annotate(f"{r.quoted_words:,} words = {_pct(r.quotation_share)} of the text", (left.iloc[i], i),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(labels)), ["\n".join(textwrap.wrap(lb, 30)) for lb in labels], fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1.0, float(left.max())) * 1.35)
    ax.set_xlabel("quoted words (count; words inside quotation marks, by the speaker's side and role)"
                  + (f"\n+{hidden} more {group_by}s (all in quotation_share.csv)" if hidden else ""))
    ax.set_ylabel(group_by)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False, title="voice",
              title_fontsize=8)
    ax.grid(axis="y", visible=False)
    tot = corpus_voices(voice)
    q = every[every["quotes"] > 0]
    title = f"{tot.index[0]} supply {_pct(tot.iloc[0] / tot.sum())} of all quoted words"
    if len(q) > 1:
        title += (f"; quotation is {_pct(q['quotation_share'].min())}–{_pct(q['quotation_share'].max())} "
                  f"of the text")
    draw.headline(fig, title)
    return fig


# ----------------------------------------------------------------------------- notebook helpers

def rate_table(rate: pd.DataFrame) -> pd.DataFrame:
    """Wide view of ``rates``: one row per group label, one column per category
    (rate per 1,000 words), plus ``all categories``."""
    cats = categories_in(rate)
    labels = list(dict.fromkeys(rate["label"]))
    wide = rate.pivot(index="label", columns="category", values="rate_per_1000").reindex(index=labels, columns=cats)
    tot = rate.groupby("label", sort=False).agg(hits=("hits", "sum"), words=("body_words", "first"))
    wide["all categories"] = (1000 * tot["hits"] / tot["words"].where(tot["words"] > 0)).fillna(0).round(2)
    wide.columns.name = "per 1,000 words"
    return wide


def story_rows(g: pd.DataFrame) -> pd.DataFrame:
    """The rows of one shared quotation (``shared_quotes``) one per story: a copy's row
    that its original's row stands for (``copy_row``; the original lists it in ``copies``)
    is left out."""
    return g[~g["copy_row"].astype(bool)] if "copy_row" in g else g


def shared_lines(shared: pd.DataFrame) -> list[str]:
    """Each shared quotation and how every story introduces it, as printable lines
    (copies of one story on their original's line: 'also in 104')."""
    out = []
    for n, g in shared.groupby("quotation", sort=True):
        sources = f", {g.iloc[0]['sources']} {'story' if g.iloc[0]['sources'] == 1 else 'stories'}" \
            if "sources" in g else ""
        out.append(f"Quotation {n}: “{g.iloc[0]['text']}” ({g.iloc[0]['carriers']} carriers{sources})")
        for r in story_rows(g).itertuples(index=False):
            date = pd.Timestamp(r.published).strftime("%Y-%m-%d")
            also = also_in(getattr(r, "copies", ""))
            out.append(f"  {r.doc_id} {r.outlet}, {date}, chars {r.start}-{r.end}: speaker as written "
                       f"“{r.speaker_name or '(none)'}”, cue “{r.cue or '(none)'}”, chain: {r.via or '(none)'}"
                       + (f" ({also})" if also else ""))
            out.append(f"      “{' '.join(r.sentence.split())}”")
    return out
