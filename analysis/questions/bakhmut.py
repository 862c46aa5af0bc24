"""What did the coverage say about the battle for a place, and when? Dated facts and the answer.

Works for any place (the notebook parameter ``place``): nothing here names one. The
facts come from the evidence tables (``analysis.evidence``) and the rules in
``data/battle_rules.toml``; a fact counts only where its sentence, or the text
around it as the rules allow, names the place (``place_basis`` says which).

Four kinds of fact (``lane``):

duration    how long the battle had lasted as an article described it ("has lasted
            seven months", "nearly nine months", "Since August", "for months"), placed
            at the article's publication date, with the start it implies (publication
            date minus the duration) as a range; a hedge or a vague amount leaves one
            end open rather than guessed
share       the share of the place held (a level, as of the publication date) or taken
            over a stated period (a change, drawn over that period)
population  the population figures given for the place
statement   sentences about holding, defending, leaving or losing the place, with who
            said them (the quotation's speaker and relay chain, else the article) and
            when (the time expression next to the speech cue, else the publication date)
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus import textmap
from analysis.corpus.rulefiles import load_toml
from analysis.extract import places
from analysis.extract.actors import actor, chain_names
from analysis.extract.places import LEVELS, place_basis, place_regex, word_regex  # noqa: F401 (the module's API)
from analysis.kit import figures as draw
from analysis.kit import rows as rows_kit
from analysis.kit import wording
from analysis.kit.figures import PALETTE, new_figure
from analysis.questions import protocol
from analysis.questions.protocol import Figure, Param, ParameterError, Table, columns

LANES = ("duration", "share", "population", "statement")
LANE_TITLES = {
    "duration": "How long it had lasted (point: article date; bar: implied start)",
    "share": "Share of the place held or taken",
    "population": "Population as given",
    "statement": "Statements about holding or leaving it",
}
# A fact carried by several copies of one story is one fact, its copies listed (``copies.merge``).
COPY_KEY = ("lane", "what", "reading", "value_low", "value_high", "unit", "claimant")
NO_EVIDENCE = "No evidence for this question in the corpus"
# What the per-sentence lookups keep of the quotation and time expression rows.
_QUOTE_COLUMNS = ("kind", "speaker", "speaker_name", "via", "clean_start", "clean_end")
_TIMEX_COLUMNS = ("kind", "clean_start", "clean_end", "date_start", "date_end", "text", "anchor_inferred")


# ---------------------------------------------------------------- rules and parameters

@lru_cache(maxsize=1)
def rules() -> dict:
    """``data/battle_rules.toml``, checked: context levels must be known."""
    r = load_toml("battle_rules.toml")
    for key in ("duration", "share", "population", "statement"):
        if r["context"][key] not in LEVELS:
            raise ValueError(f"battle_rules.toml: [context] {key} = {r['context'][key]!r}, not one of {LEVELS}")
    return r


def check_place(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"parameter place: expected a place name (text), got {value!r}")
    return value.strip()


def check_date(name: str, value):
    """An ISO date or None, kept as given (the answer names it as written)."""
    protocol.check_date(name, value)
    return value


def check_together(params: dict) -> None:
    """date_to may not be before date_from."""
    protocol.check_period(params["date_from"], params["date_to"])


NAME = "05_bakhmut"
PARAMS = (
    Param("place", "Bakhmut", lambda n, v: check_place(v),
          "the place whose battle is traced (matched as a whole word, any case)"),
    Param("date_from", None, check_date,
          'ISO date "YYYY-MM-DD": keep facts dated on or after it (None: no limit)'),
    Param("date_to", None, check_date,
          'ISO date "YYYY-MM-DD": keep facts dated on or before it (None: no limit)'),
)
_DOC = (("doc_id", "str", "the document"), ("outlet", "str", "its outlet"),
        ("published", "date", "its publication date"),
        ("date_basis", "str", "how the publication date is known: byline, or inferred from the text"),
        ("place_basis", "str", "where the place is named: sentence, paragraph (sentence says the city/town), "
                               "paragraph, previous paragraph"),
        ("start", "int", "raw-file character offset where the expression starts (statements: the first cue word)"),
        ("end", "int", "raw-file character offset where it ends"))
_COPIES = (("copies", "str", "other copies of the story carrying the same fact, '; '-separated"),
           ("copy_spans", "str", "its spans in those copies"))
TABLES = (
    Table("facts", "Every dated fact about the battle for the place, one row each (a story's copies once), "
          "sorted by lane, date, document and span; rows are kept when their date range overlaps "
          "[date_from, date_to].", columns(
              ("lane", "str", "kind of fact: duration, share, population, statement"),
              ("date", "date", "first day of the date (range) the fact is drawn at"),
              ("date_end", "date", "last day of that range"),
              ("date_source", "str", "'publication date' (as of the article), 'stated: <time expression>' or "
                                     "'period: <period text>'"),
              ("date_inferred", "bool", "the date rests on an inferred publication date"),
              ("what", "str", "the expression as written ('nearly nine months', 'approximately 65%'; "
                              "statements: a few words either side of the first cue)"),
              ("reading", "str", "how the fact is read: durations 'whole units', 'approximate', 'range', "
                                 "'upper bound only', 'lower bound only', 'since'; shares 'held' or 'taken over "
                                 "the period'; statements the cue groups found, '; '-separated"),
              ("cue", "str", "statements: the cue words as written, '; '-separated"),
              ("value_low", "float", "numeric facts: the lower bound as extracted (empty: not stated)"),
              ("value_high", "float", "numeric facts: the upper bound (empty: not stated)"),
              ("unit", "str", "numeric facts: the unit"),
              ("hedge", "str", "numeric facts: the hedge on the value ('nearly', 'about', ...)"),
              ("side", "str", "shares: whose forces hold it"),
              ("implied_start_earliest", "date", "durations: the earliest start they imply (empty: open end)"),
              ("implied_start_latest", "date", "durations: the latest start they imply (empty: open end)"),
              ("claimant", "str", "who states it, relay chain in words ('the article' for its own voice)"),
              ("mentioned", "str", "statements: people and institutions the sentence names, '; '-separated"),
              *_DOC,
              ("sentence", "str", "the sentence carrying it"),
              ("sentence_start", "int", "raw-file offset where the sentence starts"),
              ("sentence_end", "int", "raw-file offset where it ends"),
              ("copy_group", "str", "the story the document belongs to (copies of one story share it)"),
              *_COPIES),
          show=("lane", "date", "date_end", "date_source", "date_inferred", "what", "reading",
                "implied_start_earliest", "implied_start_latest", "claimant", "doc_id", "place_basis", "copies")),
    Table("evidence", "Each fact's source, one row per fact in the order of facts.csv: its span and sentence.",
          columns(("lane", "str", "kind of fact: duration, share, population, statement"),
                  ("what", "str", "the expression as written"),
                  ("claimant", "str", "who states it, relay chain in words"),
                  *_DOC, ("sentence", "str", "the sentence carrying it"), *_COPIES)),
)
COLUMNS = TABLES[0].names


def tables(evidence, corpus, place: str = "Bakhmut", date_from=None, date_to=None) -> dict[str, pd.DataFrame]:
    f = facts(evidence, corpus, place, date_from, date_to)
    return {"facts": f, "evidence": evidence_rows(f)}


def evidence_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The facts' sources (the ``evidence`` spec's columns)."""
    return table[[c.name for c in TABLES[1].columns]].reset_index(drop=True)


def figures(tables, place: str = "Bakhmut", date_from=None, date_to=None) -> list[Figure]:
    f = tables["facts"]
    empty = f"No evidence for this question in the corpus: nothing to draw for {place}."
    if f.empty:
        return [Figure("battle_timeline", None, empty=empty)]
    return [Figure("battle_timeline", figure(f, place), set(f["doc_id"]),
                   "Durations, shares and statements as claimed in the text; "
                   "implied starts are computed from them (publication date minus the duration).")]


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables, place: str = "Bakhmut", date_from=None, date_to=None) -> str:
    return answer_words(tables["facts"], place, date_from, date_to)


# ---------------------------------------------------------------- where the place is named

def context(corpus, place: str) -> pd.DataFrame:
    """Where ``place`` is named near each sentence (``places.context``), by the [context] rules."""
    r = rules()["context"]
    return places.context(corpus, place, r["place_nouns"], r["skip_sections"], r["previous_paragraphs"])


# ---------------------------------------------------------------- helpers

def _offset(value: float, unit) -> pd.DateOffset | None:
    """A duration as a calendar offset: months and years in whole months, weeks and days in days."""
    unit = str(unit or "").lower().rstrip("s")
    if unit in ("month", "year"):
        months = value * (12 if unit == "year" else 1)
        return pd.DateOffset(months=int(months)) if float(months).is_integer() else pd.DateOffset(days=round(months * 30.4375))
    if unit in ("week", "day"):
        return pd.DateOffset(days=round(value * (7 if unit == "week" else 1)))
    return None


def _who(quote_rows, cue_spans=()) -> str:
    """Who states a sentence: the speaker chain of its attributed quotation (one holding a
    cue first), else 'the article'. ``quote_rows``: the sentence's quotation rows (records,
    or a frame)."""
    if isinstance(quote_rows, pd.DataFrame):
        quote_rows = quote_rows.to_dict("records")
    q = [r for r in quote_rows if r["kind"] == "quote"
         and (pd.notna(r["speaker"]) or (isinstance(r["speaker_name"], str) and r["speaker_name"] != ""))]
    if not q:
        return "the article"
    holding = [r for r in q if any(r["clean_start"] <= c < r["clean_end"] for c, _ in cue_spans)]
    row = (holding or q)[0]
    return chain_names(row["speaker"], row["via"], row.get("speaker_name"))


_MENTIONED_KINDS = ("person", "institution", "group")


def _mentioned(mentions, sent_id: str) -> str:
    """Names of the people and institutions a sentence mentions, in order, once each
    (``mentions``: the sentence's mention records)."""
    names = [actor(m["actor_id"])["name"] if actor(m["actor_id"]) else m["actor_id"] for m in mentions
             if m["sent_id"] == sent_id and m["kind"] in _MENTIONED_KINDS]
    return "; ".join(dict.fromkeys(names))


def _published(row) -> dict:
    return {"date": pd.Timestamp(row["published"]), "date_end": pd.Timestamp(row["published"]),
            "date_source": "publication date", "date_inferred": row["date_basis"] == "inferred"}


def _base(row, lane: str, basis: str) -> dict:
    return {"lane": lane, "doc_id": row["doc_id"], "outlet": row["outlet"], "published": pd.Timestamp(row["published"]),
            "date_basis": row["date_basis"], "place_basis": basis, "start": int(row["start"]), "end": int(row["end"]),
            "sentence": row["sentence"], "sentence_start": int(row["sentence_start"]),
            "sentence_end": int(row["sentence_end"])}


def _in_context(table: pd.DataFrame, ctx: pd.DataFrame, level: str, quoted_sents=frozenset()) -> pd.DataFrame:
    """Rows of an evidence table whose sentence counts for the place; adds ``place_basis``."""
    if table.empty or ctx.empty:
        return table.iloc[0:0].assign(place_basis=pd.Series(dtype=object))
    near = ctx[ctx["sent_id"].isin(table["sent_id"])]
    by_sent = dict(zip(near["sent_id"], near.to_dict("records")))
    basis = [place_basis(by_sent[s], level, s in quoted_sents) if s in by_sent else None for s in table["sent_id"]]
    out = table.assign(place_basis=basis)
    return out[out["place_basis"].notna()]


# ---------------------------------------------------------------- the facts

def implied_start(published, low, high, unit, hedge) -> tuple:
    """(earliest, latest) start of something that, on ``published``, had lasted between
    ``low`` and ``high`` units (either may be None), read by the [duration] rules."""
    d = rules()["duration"]
    pub = pd.Timestamp(published)
    low = None if pd.isna(low) else float(low)
    high = None if pd.isna(high) else float(high)
    if low is not None and high is not None and low == high:
        approx = str(hedge or "").lower() in d["approximate_hedges"]
        low = max(0.0, low - (d["approximate_below"] if approx else d["exact_below"]))
        high = high + (d["approximate_above"] if approx else d["exact_above"])
    longest = _offset(high, unit) if high is not None else None
    shortest = _offset(low, unit) if low is not None else None
    return (pub - longest if longest is not None else None,
            pub - shortest if shortest is not None else None)


def duration_reading(low, high, hedge) -> str:
    """How ``implied_start`` reads a duration's bounds (the ``reading`` column)."""
    if pd.notna(low) and pd.notna(high) and low == high:
        return "approximate" if str(hedge or "").lower() in rules()["duration"]["approximate_hedges"] else "whole units"
    if pd.notna(low) and pd.notna(high):
        return "range"
    return "upper bound only" if pd.notna(high) else "lower bound only" if pd.notna(low) else "no bounds"


def durations(numbers: pd.DataFrame, timex: pd.DataFrame, quotes: pd.DataFrame, ctx: pd.DataFrame) -> list[dict]:
    """Duration facts from numeric claims (measures of [duration]) and "since X" expressions."""
    d = rules()["duration"]
    level = rules()["context"]["duration"]
    rows = []
    n = _in_context(numbers[numbers["measure"].isin(d["measures"]) & (numbers["kind"] == "duration")], ctx, level)
    for r in n.to_dict("records"):
        earliest, latest = implied_start(r["published"], r["low"], r["high"], r["unit"], r["hedge"])
        rows.append({**_base(r, "duration", r["place_basis"]), **_published(r), "what": r["text"],
                     "reading": duration_reading(r["low"], r["high"], r["hedge"]), "value_low": r["low"], "value_high": r["high"], "unit": r["unit"], "hedge": r["hedge"],
                     "implied_start_earliest": earliest, "implied_start_latest": latest,
                     "claimant": chain_names(r["claimant"], r["via"], r.get("claimant_text"))})
    cue = word_regex(d["battle_cues"])
    t = timex[(timex["kind"] == "anchored_range") & timex["sentence"].fillna("").map(lambda s: bool(cue.search(s)))]
    t = _in_context(t, ctx, level)
    quotes_of = rows_kit.rows_of(quotes, "sent_id", _QUOTE_COLUMNS, set(t["sent_id"]))
    for r in t.to_dict("records"):
        rows.append({**_base(r, "duration", r["place_basis"]), **_published(r), "what": r["text"],
                     "reading": "since", "implied_start_earliest": pd.Timestamp(r["date_start"]),
                     "implied_start_latest": pd.Timestamp(r["anchor_end"]) if isinstance(r["anchor_end"], str) else None,
                     "claimant": _who(quotes_of(r["sent_id"]))})
    return rows


def shares(numbers: pd.DataFrame, ctx: pd.DataFrame) -> list[dict]:
    """Share facts: a level as of the publication date, or a change over its stated period."""
    s = rules()["share"]
    change = re.compile(rf"{word_regex(s['change_cues']).pattern}\s+$", re.IGNORECASE)
    sent_clean = dict(zip(ctx["sent_id"], ctx["clean_start"]))
    rows = []
    n = _in_context(numbers[numbers["measure"].isin(s["measures"])], ctx, rules()["context"]["share"])
    for r in n.to_dict("records"):
        before = r["sentence"][:int(r["clean_start"]) - int(sent_clean[r["sent_id"]])]
        is_change = bool(change.search(before))
        when = _published(r)
        if is_change and isinstance(r["period_start"], str):
            when = {"date": pd.Timestamp(r["period_start"]), "date_end": pd.Timestamp(r["period_end"]),
                    "date_source": f"period: {r['period_text']}", "date_inferred": r["date_basis"] == "inferred"}
        rows.append({**_base(r, "share", r["place_basis"]), **when,
                     "what": r["text"], "reading": "taken over the period" if is_change else "held",
                     "value_low": r["low"], "value_high": r["high"], "unit": r["unit"], "hedge": r["hedge"],
                     "side": r["subject_side"], "claimant": chain_names(r["claimant"], r["via"], r.get("claimant_text"))})
    return rows


def populations(numbers: pd.DataFrame, ctx: pd.DataFrame) -> list[dict]:
    """Population figures given for the place, as of the publication date."""
    p = rules()["population"]
    n = _in_context(numbers[numbers["measure"].isin(p["measures"])], ctx, rules()["context"]["population"])
    return [{**_base(r, "population", r["place_basis"]), **_published(r),
             "what": f"{r['measure_text']}: {r['text']}" if isinstance(r["measure_text"], str) else r["text"],
             "value_low": r["low"], "value_high": r["high"], "unit": r["unit"], "hedge": r["hedge"],
             "claimant": chain_names(r["claimant"], r["via"], r.get("claimant_text"))} for r in n.to_dict("records")]


def _statement_date(sentence: str, sent_timex: list, sent_clean_start: int) -> dict | None:
    """The time expression next to a speech cue of the sentence, as a date dict, or None
    (``sent_timex``: the sentence's time expression records, none of them an anchored range)."""
    w = rules()["statement"]["when"]
    cues = [(m.start(), m.end()) for m in word_regex(w["speech_cues"]).finditer(sentence)]
    best = None
    for t in sent_timex:
        ts, te = int(t["clean_start"]) - sent_clean_start, int(t["clean_end"]) - sent_clean_start
        for cs, ce in cues:
            gap = sentence[ce:ts] if ts >= ce else sentence[te:cs] if cs >= te else None
            if gap is not None and len(gap) <= w["max_gap_chars"] and not re.search(r"[,;.:“”\"]", gap):
                if best is None or len(gap) < best[0]:
                    best = (len(gap), t)
    if best is None:
        return None
    t = best[1]
    return {"date": pd.Timestamp(t["date_start"]), "date_end": pd.Timestamp(t["date_end"]),
            "date_source": f"stated: {t['text']}", "date_inferred": bool(t["anchor_inferred"])}


def _snippet(sentence: str, s: int, e: int, words: int = 5) -> str:
    """A few words either side of ``sentence[s:e]``, with … where cut."""
    left = re.findall(r"\S+", sentence[:s])
    right = re.findall(r"\S+", sentence[e:])
    text = " ".join(left[-words:]) + (" " if left and sentence[s - 1:s].isspace() else "") + sentence[s:e]
    text += (" " if right and sentence[e:e + 1].isspace() else "") + " ".join(right[:words])
    return ("…" if len(left) > words else "") + text.strip() + ("…" if len(right) > words else "")


def _name_part(text: str, pos: int) -> bool:
    """A capitalised word inside a sentence is part of a name or title ("Defense Secretary")."""
    before = text[:pos].rstrip()
    return text[pos].isupper() and bool(before) and before[-1] not in "“\"‘('"


def statements(corpus, quotes: pd.DataFrame, timex: pd.DataFrame, mentions: pd.DataFrame, ctx: pd.DataFrame,
               skip_sents=frozenset()) -> list[dict]:
    """Sentences about holding or leaving the place (cue groups of [statement.cues])."""
    groups = {k: word_regex(v) for k, v in rules()["statement"]["cues"].items()}
    level = rules()["context"]["statement"]
    quoted = set(quotes.loc[(quotes["kind"] == "quote") & quotes["speaker"].notna(), "sent_id"])
    rows = []
    cued = ctx["text"].fillna("").str.contains("|".join(f"(?:{rx.pattern})" for rx in groups.values()), case=False) \
        if groups else pd.Series(False, index=ctx.index)
    candidates = ctx[cued & ~ctx["sent_id"].isin(skip_sents)]
    if candidates.empty:
        return rows
    # each candidate sentence's rows, documents and spans looked up in dicts made in one pass
    keys = set(candidates["sent_id"])
    tx_of = rows_kit.rows_of(timex[timex["kind"] != "anchored_range"], "sent_id", _TIMEX_COLUMNS, keys)
    quotes_of = rows_kit.rows_of(quotes, "sent_id", _QUOTE_COLUMNS, keys)
    mentions_of = rows_kit.rows_of(mentions, "sent_id", ("sent_id", "kind", "actor_id"), keys)
    in_docs = corpus.documents[corpus.documents["doc_id"].isin(set(candidates["doc_id"]))]
    docs = dict(zip(in_docs["doc_id"], in_docs[["outlet", "published", "date_basis"]].to_dict("records")))
    in_texts = corpus.texts[corpus.texts["doc_id"].isin(docs)]
    texts = dict(zip(in_texts["doc_id"], in_texts["raw_index"]))
    in_sents = corpus.sentences[corpus.sentences["sent_id"].isin(keys)]
    sents = dict(zip(in_sents["sent_id"], zip(in_sents["start"], in_sents["end"])))
    for c in candidates.to_dict("records"):
        text = c["text"]
        hits = sorted((m.start(), m.end(), kind) for kind, rx in groups.items() for m in rx.finditer(text)
                      if not _name_part(text, m.start()))
        basis = place_basis(c, level, c["sent_id"] in quoted) if hits else None
        if basis is None:
            continue
        s0 = int(c["clean_start"])
        first = hits[0]
        start, end = textmap.to_raw(texts[c["doc_id"]], s0 + first[0], s0 + first[1])
        doc = docs[c["doc_id"]]
        sent_start, sent_end = sents[c["sent_id"]]
        meta = {"doc_id": c["doc_id"], "outlet": doc["outlet"], "published": doc["published"],
                "date_basis": doc["date_basis"], "start": start, "end": end, "sentence": text,
                "sentence_start": int(sent_start), "sentence_end": int(sent_end)}
        when = _statement_date(text, tx_of(c["sent_id"]), s0) or _published(meta)
        rows.append({**_base(meta, "statement", basis), **when,
                     "what": _snippet(text, first[0], first[1]),
                     "reading": "; ".join(dict.fromkeys(k for _, _, k in hits)),
                     "cue": "; ".join(dict.fromkeys(text[a:b] for a, b, _ in hits)),
                     "claimant": _who(quotes_of(c["sent_id"]),
                                      [(s0 + a, s0 + b) for a, b, _ in hits]),
                     "mentioned": _mentioned(mentions_of(c["sent_id"]), c["sent_id"])})
    return rows


def facts(evidence, corpus, place: str, date_from=None, date_to=None) -> pd.DataFrame:
    """Every dated fact about the battle for ``place``, from the loaded ``evidence``
    (``evidence.load``) and ``corpus`` (``tables.load``): the ``facts`` table, columns as
    its spec in ``TABLES`` says, one row per fact, sorted by lane (LANES order), date,
    doc_id, start; rows are kept when their date range overlaps [date_from, date_to]."""
    from analysis.evidence import with_context

    c = corpus
    ctx = context(c, place)
    numbers, timex = with_context(evidence.numbers, c), with_context(evidence.timex, c)
    quotes, mentions = with_context(evidence.quotes, c), with_context(evidence.mentions, c)
    rows = durations(numbers, timex, quotes, ctx)
    share_rows = shares(numbers, ctx)
    # A sentence that states a share held is drawn as a share, not again as a statement.
    share_sents = set(_in_context(numbers[numbers["measure"].isin(rules()["share"]["measures"])], ctx,
                                  rules()["context"]["share"])["sent_id"])
    rows += share_rows + populations(numbers, ctx) + statements(c, quotes, timex, mentions, ctx, share_sents)
    table = pd.DataFrame(rows).reindex(columns=COLUMNS)
    if table.empty:
        return table
    table["copy_group"] = table["doc_id"].map(c.documents.set_index("doc_id")["copy_group"])
    table = copies_mod.merge(table.drop(columns=["copies", "copy_spans"]), COPY_KEY).reindex(columns=COLUMNS)
    start, end = protocol.check_period(date_from, date_to)
    if start is not None:
        table = table[table["date_end"] >= start]
    if end is not None:
        table = table[table["date"] <= end]
    table["lane_order"] = table["lane"].map(LANES.index)
    table = table.sort_values(["lane_order", "date", "doc_id", "start"], kind="stable")
    return table.drop(columns="lane_order").reset_index(drop=True)


# ---------------------------------------------------------------- findings

def consensus(table: pd.DataFrame) -> dict | None:
    """The start of the battle all duration facts allow together.

    dict(earliest, latest, n, consistent): earliest = latest of the earliest bounds,
    latest = earliest of the latest bounds (None where no fact bounds that side);
    consistent False when they exclude each other. None without duration facts.
    """
    d = table[table["lane"] == "duration"]
    if d.empty:
        return None
    lo = d["implied_start_earliest"].dropna()
    hi = d["implied_start_latest"].dropna()
    earliest, latest = (lo.max() if len(lo) else None), (hi.min() if len(hi) else None)
    return {"earliest": earliest, "latest": latest, "n": len(d),
            "consistent": earliest is None or latest is None or earliest <= latest}


def _capped(table: pd.DataFrame, lanes: list) -> pd.DataFrame:
    """At most as many rows as fit ``draw.MAX_HEIGHT``, shared out between the lanes
    (each keeps its first rows); the figure says how many more are in facts.csv."""
    fits = int((draw.MAX_HEIGHT - 1.9) / 0.32) - len(lanes)
    if len(table) <= fits:
        return table
    counts = {lane: int((table["lane"] == lane).sum()) for lane in lanes}
    quota = {lane: 0 for lane in lanes}
    while sum(quota.values()) < fits:
        open_ = [lane for lane in lanes if quota[lane] < counts[lane]]
        if not open_:
            break
        for lane in open_:
            if sum(quota.values()) < fits:
                quota[lane] += 1
    keep = pd.concat([table[table["lane"] == lane].head(quota[lane]) for lane in lanes])
    return table.loc[table.index.isin(keep.index)]


def _dated(r) -> str:
    when = wording.day(r["date"]) if r["date"] == r["date_end"] else f"{wording.day(r['date'])} to {wording.day(r['date_end'])}"
    return when + (", date inferred" if r["date_inferred"] else "")


def _source(r) -> str:
    """'Business Insider, 2023-03-29, date inferred' (an unknown outlet named by its document)."""
    outlet = r["outlet"] if r["outlet"] != "unknown" else f"document {r['doc_id']} (outlet unknown)"
    return f"{outlet}, {wording.day(r['published'])}" + (", date inferred" if r["date_basis"] == "inferred" else "")


def start_range(earliest, latest) -> str:
    """'between 2022-07-29 and 2022-08-29', 'no earlier than ...', 'no later than ...'."""
    if earliest is not None and not pd.isna(earliest) and latest is not None and not pd.isna(latest):
        return f"between {wording.day(earliest)} and {wording.day(latest)}"
    if earliest is not None and not pd.isna(earliest):
        return f"no earlier than {wording.day(earliest)}"
    if latest is not None and not pd.isna(latest):
        return f"no later than {wording.day(latest)}"
    return "that cannot be dated (no unit)"


def _held(r) -> str:
    side = f" (side: {r['side']})" if isinstance(r["side"], str) else ""
    return f"{r['what']} held{side}"


def title(table: pd.DataFrame, place: str) -> str:
    """The figure title: the finding in one or two lines."""
    parts = []
    c = consensus(table)
    if c and c["consistent"] and (c["earliest"] is not None or c["latest"] is not None):
        lead = "read together, {} accounts of its length put".format(c["n"]) if c["n"] > 1 else "one account puts"
        parts.append(f"{lead} the battle's start {start_range(c['earliest'], c['latest'])}")
    elif c:
        parts.append(f"{c['n']} accounts of how long the battle had lasted disagree on its start")
    levels = table[(table["lane"] == "share") & (table["reading"] == "held")]
    if len(levels):
        last = levels.iloc[-1]
        parts.append(f"{_held(last)} as of {wording.day(last['date'])} ({last['claimant']})")
    n = int((table["lane"] == "statement").sum())
    if n:
        parts.append(f"{n} statement(s) on holding or leaving it")
    return f"{place}: " + "; ".join(parts) if parts else f"{place}: dated facts in the coverage"


def answer_words(table: pd.DataFrame, place: str, date_from=None, date_to=None) -> str:
    """The finding in words, from the facts table."""
    window = ""
    if date_from or date_to:
        window = f" dated between {date_from or 'the beginning'} and {date_to or 'the end'}"
    if table.empty:
        return (f"{NO_EVIDENCE}: no sentence naming {place}{window} states how long the battle had lasted, "
                f"how much of it was held, its population, or anything about holding or leaving it.")
    parts = [f"{place}: {len(table)} dated fact(s) from {table['doc_id'].nunique()} document(s){window}."]
    merged = copies_mod.merged_words(table, "fact") if "copies" in table else ""
    if merged:
        parts[0] += " " + merged
    d = table[table["lane"] == "duration"]
    if len(d):
        items = [f"{_what(r)} ({r['claimant']}; {_source(r)}), implying a start "
                 f"{start_range(r['implied_start_earliest'], r['implied_start_latest'])}" for _, r in d.iterrows()]
        parts.append("How long the battle had lasted, as each article described it: " + "; ".join(items) + ".")
        c = consensus(table)
        if c["n"] > 1 and c["consistent"]:
            parts.append(f"Read together, these accounts allow only a start "
                         f"{start_range(c['earliest'], c['latest'])}.")
        elif c["n"] > 1:
            parts.append("These accounts exclude each other: no single start date fits them all.")
    s = table[table["lane"] == "share"]
    if len(s):
        items = [(_held(r) + f" as of {_dated(r)}" if r["reading"] == "held"
                  else f"{r['what']} taken over the period {_dated(r)} (“{r['date_source'].split(': ', 1)[-1]}”)")
                 + f" ({r['claimant']}; {_source(r)})" for _, r in s.iterrows()]
        parts.append("Share of the place: " + "; ".join(items) + ".")
    p = table[table["lane"] == "population"]
    if len(p):
        parts.append("Population: " + "; ".join(f"{r['what']} ({r['claimant']}; {_source(r)})"
                                                for _, r in p.iterrows()) + ".")
    st = table[table["lane"] == "statement"]
    if len(st):
        quoted = st[st["claimant"] != "the article"]
        kinds = st["reading"].str.split("; ").explode().value_counts().sort_index()
        parts.append(f"Statements about holding or leaving it: {len(st)}, dated {wording.day(st['date'].min())} to "
                     f"{wording.day(st['date_end'].max())} (cues: " + ", ".join(f"{k} {n}" for k, n in kinds.items()) + ").")
        if len(quoted):
            parts.append("Attributed: " + "; ".join(
                f"{r['claimant']}, {_dated(r)}" + (f" (“{r['date_source'][8:]}”)" if r["date_source"].startswith("stated")
                                                   else " (publication date)") + f": {_what(r)}"
                for _, r in quoted.iterrows()) + ".")
        if len(st) > len(quoted):
            parts.append(f"The other {len(st) - len(quoted)} are in the articles' own voice.")
    return " ".join(parts)


# ---------------------------------------------------------------- figure

def _what(r) -> str:
    """The expression in quotation marks; a statement's snippet as it is (it holds its own marks)."""
    return r["what"] if r["lane"] == "statement" else f"“{r['what']}”"


def _label(r, width: int) -> str:
    outlet = r["outlet"] if r["outlet"] != "unknown" else f"doc {r['doc_id']}"
    text = f"{r['claimant']} ({outlet}): {_what(r)}"
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def figure(table: pd.DataFrame, place: str):
    """Timeline: one lane per kind of fact, one row per fact (its label on the left).

    Filled markers: a date from a byline or stated in the text; hollow: the date is
    inferred. Durations: the article date (point) and the start it implies (bar; a
    dashed line where one end is open). Share changes: a bar over their period.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    width = rules()["figure"]["label_chars"]
    lanes = [lane for lane in LANES if (table["lane"] == lane).any()]
    full = table
    table = _capped(table, lanes)
    hidden = len(full) - len(table)
    n_rows = len(table) + len(lanes)
    fig, ax = new_figure(width=13, height=1.6 + 0.32 * n_rows + (0.3 if hidden else 0))
    dates = pd.concat([table["date"], table["date_end"], table["implied_start_earliest"].dropna(),
                       table["implied_start_latest"].dropna()])
    lo, hi = dates.min(), dates.max()
    pad = max(pd.Timedelta(days=10), (hi - lo) * 0.06)
    x0, x1 = lo - pad, hi + max(pd.Timedelta(days=60), (hi - lo) * 0.45)
    kinds = list(rules()["statement"]["cues"])
    colours = {"duration": PALETTE[0], "share": PALETTE[2], "population": PALETTE[7]}
    statement_palette = [PALETTE[4], PALETTE[6], PALETTE[3], PALETTE[5]]
    kind_colour = {k: statement_palette[i % len(statement_palette)] for i, k in enumerate(kinds)}
    ticks, labels, y = [], [], 0
    for lane in lanes:
        ax.axhspan(y - 0.5, y + 0.5, color="#eeeeee", zorder=0)
        ax.text(x0, y, " " + LANE_TITLES[lane], va="center", ha="left", fontsize=9, fontweight="bold")
        y += 1
        for _, r in table[table["lane"] == lane].iterrows():
            colour = colours.get(lane) or kind_colour[r["reading"].split("; ")[0]]
            face = "white" if r["date_inferred"] else colour
            if lane == "duration":
                e, l_ = r["implied_start_earliest"], r["implied_start_latest"]
                if pd.notna(e) and pd.notna(l_):
                    ax.barh(y, l_ - e, left=e, height=0.5, color=PALETTE[1], alpha=0.5, zorder=2)
                    ax.plot([l_, r["date"]], [y, y], ls=":", color=colour, zorder=1)
                elif pd.notna(e):
                    ax.plot([e, r["date"]], [y, y], ls="--", color=PALETTE[1], lw=2, zorder=1)
                    ax.plot([e], [y], marker="|", ms=12, color=PALETTE[1])
                elif pd.notna(l_):
                    ax.plot([x0, l_], [y, y], ls="--", color=PALETTE[1], lw=2, zorder=1)
                    ax.plot([l_], [y], marker="|", ms=12, color=PALETTE[1])
                    ax.plot([l_, r["date"]], [y, y], ls=":", color=colour, zorder=1)
                mid_from = e if pd.notna(e) else x0
                ax.annotate("implied start " + start_range(e, l_), (mid_from + (r["date"] - mid_from) / 2, y),
                            xytext=(0, 3), textcoords="offset points", ha="center", va="bottom", fontsize=7,
                            color="#333333")
                note = wording.day(r["date"])
            elif r["date"] != r["date_end"]:
                ax.barh(y, r["date_end"] - r["date"], left=r["date"], height=0.5, color=colour, alpha=0.5, zorder=2)
                note = f"{wording.day(r['date'])} – {wording.day(r['date_end'])}"
            else:
                note = wording.day(r["date"])
            ax.plot([r["date_end"]], [y], marker="o", ms=7, color=colour, mfc=face, zorder=3)
            ax.annotate(note + (" (inferred)" if r["date_inferred"] else ""), (r["date_end"], y),
                        xytext=(6, 0), textcoords="offset points", va="center", fontsize=7.5, color="#333333")
            ticks.append(y)
            labels.append(_label(r, width))
            y += 1
    ax.set_yticks(ticks, labels, fontsize=8)
    ax.set_ylim(y - 0.5, -0.5)
    ax.set_xlim(x0, x1)
    draw.date_axis(ax.xaxis, maxticks=10)
    ax.set_xlabel("date (point: publication date, or the date the text states; bar: range)"
                  + (f"\n+{hidden} more facts not drawn (all in facts.csv)" if hidden else ""))
    ax.grid(axis="y", visible=False)
    draw.headline(fig, title(full, place), fontsize=11)
    handles = [Line2D([], [], marker="o", ls="", color="#555555", label="date stated in the text, or a catalogued publication date"),
               Line2D([], [], marker="o", ls="", color="#555555", mfc="white", label="resting on an inferred publication date")]
    if (table["lane"] == "duration").any():
        handles += [Patch(color=PALETTE[1], alpha=0.5, label="implied start (range)"),
                    Line2D([], [], ls="--", color=PALETTE[1], lw=2, label="implied start, one end open")]
    if (table["lane"] == "statement").any():
        handles += [Line2D([], [], marker="o", ls="", color=kind_colour[k], label=f"statement: {k}") for k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.9 / fig.get_figheight()),
              ncol=2, fontsize=8, frameon=False)
    return fig
