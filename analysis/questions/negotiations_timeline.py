"""Which moments of the negotiation story does the coverage cite, and who cites which?

Everything comes from the corpus sentences, the ``timex`` and ``mentions`` evidence
tables and the editable cue file ``data/negotiation_events.toml``: no event, date or
name is typed here.

Rules (the toml comments say the same for the cue file):

1. A **cue** is a match of one event type's regular expression in a sentence. A
   cue right after a hypothetical phrase ("the prospect of negotiations") is
   dropped. A context type (``core = false``: visit, call, decree, interview)
   counts only in a sentence that also holds a core cue. A type's ``absorbs``
   drops, in a sentence where that type has a cue, the cues of the absorbed types
   (the territory named in someone's conditions is those conditions).
2. A cue is **dated** by the time expression of its sentence nearest to it
   (character distance between the spans; ties: the earlier expression). The
   date range and granularity are the timex table's: a month stays a month. A
   "since X" expression (kind ``anchored_range``) refers to X, so the cue is
   dated by X's own range (see ``anchor_range``). A recency word just before the
   cue ("a recent conversation") dates it by the article instead: the range is
   the publication day, granularity ``before publication``, ``dated_by`` =
   ``article``; the event happened on or before that day and no other date is
   invented. A cue with neither stays an undated mention (``undated``).
3. Several cues of one type in one sentence dated by the same expression are one
   **citation**.
4. Citations are grouped into **events** (complete linkage, in date order): a
   citation joins the first event of the same type whose every citation (a) has
   a date range overlapping its own and (b) shares an actor with it, or one of
   the two names no actor. Actors are the codebook actors mentioned in the
   sentence (``mentions``), leaving out the media (side ``media``: they report,
   they are not parties). The event's range is the intersection of its
   citations' ranges (the most precise date consistent with all of them).
"""
from __future__ import annotations

import re
import textwrap
from functools import lru_cache

import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus import textmap
from analysis.corpus.rulefiles import load_toml
from analysis.extract import timex as timex_mod
from analysis.extract.actors import actor
from analysis.kit import figures as draw
from analysis.kit import matching, wording
from analysis.kit import rows as rows_kit
from analysis.kit.figures import PALETTE, new_figure
from analysis.questions import protocol
from analysis.questions.protocol import Figure, Param, Table, columns

NO_EVIDENCE = "No evidence for this question in the corpus"
ARTICLE = "article"
BEFORE_PUBLICATION = "before publication"

CITATION_COLUMNS = [
    "event_id", "type", "doc_id", "outlet", "published", "date_basis", "sent_id", "cue", "cue_start", "cue_end",
    "timex", "timex_start", "timex_end", "date_start", "date_end", "granularity", "dated_by", "anchor_inferred",
    "actors", "actor_names", "start", "end", "sentence_start", "sentence_end", "file", "sentence", "copy_group",
    "copies", "copy_spans"]
# A citation carried by several copies of one story (same type, sentence, cue and time
# expression) is one citation; its copies are listed (``copies.merge``).
COPY_KEY = ("type", "sentence", "cue", "timex")
EVENT_COLUMNS = [
    "event_id", "type", "label", "date_start", "date_end", "granularity", "when", "cited_start", "cited_end",
    "dated_by", "anchor_inferred", "documents", "doc_ids", "outlets", "citations", "actors", "actor_names", "cues", "timexes", "copies"]
UNDATED_COLUMNS = ["type", "status", "doc_id", "outlet", "published", "sent_id", "cue", "start", "end", "actors",
                   "actor_names", "sentence", "copy_group"]
UNDATED = "undated"
CONDITIONAL = "proposed / conditional"


def check_together(params: dict) -> None:
    """date_to may not be before date_from."""
    protocol.check_period(params["date_from"], params["date_to"])

NAME = "07_negotiations_timeline"
PARAMS = (
    Param("date_from", None, protocol.check_date,
          'ISO date "YYYY-MM-DD": keep moments ending on or after it (None: no limit)'),
    Param("date_to", None, protocol.check_date,
          'ISO date "YYYY-MM-DD": keep moments starting on or before it (None: no limit)'),
    Param("min_sources", 1, lambda n, v: protocol.check_int(n, v, minimum=1),
          "keep moments cited by at least this many documents (a whole number, at least 1)"),
)
_WHO = (("actors", "str", "codebook actors named in the sentence(s), '; '-separated (the media left out)"),
        ("actor_names", "str", "those actors' names"))
_DOC = (("doc_id", "str", "the citing document"), ("outlet", "str", "its outlet"),
        ("published", "date", "its publication date"))
TABLES = (
    Table("events", "One row per negotiation moment the coverage cites: citations of the same type with "
          "overlapping dates and a shared actor are one event (rules in the module's doc).", columns(
              ("event_id", "str", "E01, ... in date order"), ("type", "str", "event type (data/negotiation_events.toml)"),
              ("label", "str", "the type in words"),
              ("date_start", "date", "first day of the range all citations agree on"),
              ("date_end", "date", "last day of that range"),
              ("granularity", "str", "precision of that range (day, month, ..., range, before publication)"),
              ("when", "str", "the range in words, at its own precision"),
              ("cited_start", "date", "first day any citation gives"), ("cited_end", "date", "last day any citation gives"),
              ("dated_by", "str", "text (a time expression) or article (only the publication date: on or before it)"),
              ("anchor_inferred", "bool", "a date rests on an inferred publication date"),
              ("documents", "int", "citing documents, copies of one story once"),
              ("doc_ids", "str", "those documents, '; '-separated"), ("outlets", "str", "their outlets, '; '-separated"),
              ("citations", "int", "citations grouped into the event"), *_WHO,
              ("cues", "str", "the cue words as written, '; '-separated"),
              ("timexes", "str", "the time expressions as written, '; '-separated"),
              ("copies", "str", "other copies of the citing stories (not counted), '; '-separated")),
          show=("event_id", "label", "when", "documents", "outlets", "actor_names", "timexes", "copies")),
    Table("undated", "Mentions of a negotiation event with no date in their sentence, or proposed / "
          "conditional ones: listed, never placed on the timeline.", columns(
              ("type", "str", "event type"), ("status", "str", "undated, or proposed / conditional"), *_DOC,
              ("sent_id", "str", "the sentence"), ("cue", "str", "the cue words as written, '; '-separated"),
              ("start", "int", "raw-file offset where the cue starts"), ("end", "int", "raw-file offset where it ends"),
              *_WHO, ("sentence", "str", "the sentence"),
              ("copy_group", "str", "the story the document belongs to (copies of one story share it)"),
              ("copies", "str", "other copies of the story carrying the mention, '; '-separated"),
              ("copy_spans", "str", "its spans in those copies"))),
    Table("documents", "One row per corpus document: which timeline moments it cites (a document whose "
          "citations are carried by a copy of its story is not silent).", columns(
              ("doc_id", "str", "document"), ("outlet", "str", "its outlet"), ("published", "date", "its date"),
              ("citations", "int", "its citations on the timeline"),
              ("events", "str", "the events it cites, '; '-separated"),
              ("carried", "bool", "its citations are listed under another copy of its story"))),
    Table("evidence", "Every citation on the timeline, one row each (a story's copies once).", columns(
        ("event_id", "str", "the event it belongs to"), ("type", "str", "event type"), *_DOC,
        ("date_basis", "str", "how the date is known: byline, or inferred from the text"),
        ("sent_id", "str", "the sentence"), ("cue", "str", "the cue words as written, '; '-separated"),
        ("cue_start", "int", "raw-file offset where the first cue starts"), ("cue_end", "int", "raw-file offset where it ends"),
        ("timex", "str", "the time expression dating it (empty: dated by the article)"),
        ("timex_start", "int", "raw-file offset where the time expression starts"),
        ("timex_end", "int", "raw-file offset where it ends"),
        ("date_start", "date", "first day of the date range it gives"), ("date_end", "date", "last day of that range"),
        ("granularity", "str", "precision of that range"), ("dated_by", "str", "text or article"),
        ("anchor_inferred", "bool", "the date rests on an inferred publication date"), *_WHO,
        ("start", "int", "raw-file offset where the cited span (cue and time expression) starts"),
        ("end", "int", "raw-file offset where it ends"),
        ("sentence_start", "int", "raw-file offset where the sentence starts"),
        ("sentence_end", "int", "raw-file offset where it ends"), ("file", "str", "the raw file"),
        ("sentence", "str", "the sentence"), ("copy_group", "str", "the story the document belongs to"),
        ("copies", "str", "other copies of the story carrying the citation, '; '-separated"),
        ("copy_spans", "str", "its spans in those copies"))),
)


def tables(evidence, corpus, date_from=None, date_to=None, min_sources: int = 1) -> dict[str, pd.DataFrame]:
    date_from, date_to = protocol.check_period(date_from, date_to)
    ev, cit, und = build(corpus, evidence.timex, evidence.mentions, date_from, date_to, min_sources)
    return {"events": ev, "undated": und, "documents": documents(corpus.documents, cit), "evidence": cit}


def documents(docs: pd.DataFrame, cit: pd.DataFrame) -> pd.DataFrame:
    """Per document: its citations on the timeline and the events they belong to; ``carried``
    when another copy of its story stands for them (``copies``)."""
    per = cit.groupby("doc_id", sort=False).agg(citations=("event_id", "size"),
                                                 events=("event_id", lambda x: "; ".join(sorted(set(x)))))
    out = docs[["doc_id", "outlet", "published"]].join(per, on="doc_id")
    out["citations"] = out["citations"].fillna(0).astype(int)
    out["events"] = out["events"].fillna("")
    carried = set(copies_mod.joined(cit["copies"]).split("; ")) if "copies" in cit else set()
    out["carried"] = out["doc_id"].isin(carried - {""})
    return out.reset_index(drop=True)


def figures(tables, date_from=None, date_to=None, min_sources: int = 1) -> list[Figure]:
    ev = tables["events"]
    if ev.empty:
        return [Figure("negotiations_timeline", None)]
    return [Figure("negotiations_timeline", figure(ev), set(tables["evidence"]["doc_id"]),
                   "Dates as resolved from each sentence's time expression; hollow markers: dated only by the article.")]


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables, date_from=None, date_to=None, min_sources: int = 1) -> str:
    date_from, date_to = protocol.check_period(date_from, date_to)
    return answer_words(tables["events"], tables["evidence"], tables["undated"], tables["documents"],
                        date_from, date_to, min_sources)


# ------------------------------------------------------------------ rules
_NAMED_RELATIVE = re.compile(r"[A-Z][\w'’-]*(,\s+(?:which|who)\s[^,;]*)")


@lru_cache(maxsize=1)
def rules() -> dict:
    """The parsed and compiled ``data/negotiation_events.toml``."""
    r = load_toml("negotiation_events.toml")
    s = r["settings"]
    types = []
    for t in r["type"]:
        types.append({"id": t["id"], "label": t["label"], "core": bool(t["core"]),
                      "absorbs": tuple(t.get("absorbs", [])),
                      "cues": [re.compile(c, re.IGNORECASE) for c in t["cues"]]})
    ids = [t["id"] for t in types]
    unknown = sorted({a for t in types for a in t["absorbs"]} - set(ids))
    if unknown or len(set(ids)) != len(ids):
        raise ValueError(f"negotiation_events.toml: unknown absorbed type(s) {unknown} or duplicate type id")
    # every cue as (type id, pattern) in the file's order, the core ones apart, each list with the
    # gate that tells which of its patterns a sentence's words allow (kit.matching.LiteralGate)
    cues = [(t["id"], rx) for t in types for rx in t["cues"]]
    core = [rx for t in types if t["core"] for rx in t["cues"]]
    return {
        "types": types,
        "cue_gate": (cues, matching.LiteralGate([rx for _, rx in cues])),
        "core_gate": matching.LiteralGate(core),
        "order": {t["id"]: i for i, t in enumerate(types)},
        "labels": {t["id"]: t["label"] for t in types},
        "recency": re.compile(rf"\b(?:{'|'.join(s['recency'])})\W+(?:\w+\W+){{0,{int(s['recency_words']) - 1}}}$",
                              re.IGNORECASE),
        "hypothetical": re.compile(
            rf"\b(?:{'|'.join(s['hypothetical'])})\W+(?:\w+\W+){{0,{int(s['hypothetical_words']) - 1}}}$|"
            rf"\b(?:{'|'.join(s['hypothetical'])})\s+$", re.IGNORECASE),
        "conditional": re.compile(
            rf"\b(?:{'|'.join(s['conditional'])})\W+(?:[^\W\d]+\W+){{0,{int(s['conditional_words']) - 1}}}$"
            rf"|\b(?:{'|'.join(s['conditional'])})\W+$", re.IGNORECASE),
        "condition_after": re.compile(
            rf"^\W*(?:[^\W\d]+\W+){{0,{int(s.get('condition_after_words', 0))}}}?(?:{'|'.join(s.get('condition_after', []) or ['(?!)'])})\b",
            re.IGNORECASE),
        "relative_types": set(s["relative_clause_types"]),
        "relative": re.compile(rf"(?:{'|'.join(s['relative_clause'])})\W+(?:\w+\W+){{0,3}}$", re.IGNORECASE),
    }


def type_ids() -> list[str]:
    return [t["id"] for t in rules()["types"]]


# ------------------------------------------------------------------ parameters
# ------------------------------------------------------------------ dates
def when_label(start, end, granularity: str, dated_by: str = "text") -> str:
    """A date range in the house style (``wording.period``): '29 Nov 2024', 'Apr 2022', '2024',
    'Mar–Apr 2022', '1 Jan–29 Nov 2024'; 'on or before 30 Nov 2024, article date' when only the
    article's date bounds it."""
    if dated_by == ARTICLE:
        return f"on or before {wording.day(end)}, article date"
    return wording.period(start, end)


# ------------------------------------------------------------------ cues
def _span_distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _with_core_cue(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences where a cue of a core type matches: ``sentence_cues`` finds nothing in the
    others (rule 1), so it need not be run on them. A sentence is searched only with the cues
    whose required words it holds."""
    gate = rules()["core_gate"]
    keep = [gate.search_any(text) for text in sentences["text"].fillna("").tolist()]
    return sentences[pd.Series(keep, index=sentences.index, dtype=bool)]


def sentence_cues(text: str) -> list[dict]:
    """The event cues of one sentence after rule 1 (module doc): dicts with type,
    clean_start/clean_end (offsets into ``text``), cue (the words) and recent (bool)."""
    r = rules()
    found = []
    cues, gate = r["cue_gate"]
    for i in gate.allowed(text):     # the cues that can match here, in the types' order
        type_id, rx = cues[i]
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append({"type": type_id, "clean_start": m.start(), "clean_end": m.end(), "cue": m.group(0)})
    # one cue per stretch of text: longest first, then the type listed first
    found.sort(key=lambda c: (c["clean_start"] - c["clean_end"], r["order"][c["type"]], c["clean_start"]))
    cues = []
    for c in found:
        if all(c["clean_end"] <= o["clean_start"] or c["clean_start"] >= o["clean_end"] for o in cues):
            cues.append(c)
    cues = [c for c in cues if not r["hypothetical"].search(text[:c["clean_start"]])]
    core = {t["id"] for t in r["types"] if t["core"]}
    present = {c["type"] for c in cues}
    if not present & core:
        return []
    absorbed = {a for t in r["types"] if t["id"] in present for a in t["absorbs"]}
    cues = [c for c in cues if c["type"] not in absorbed]
    for c in cues:
        c["recent"] = bool(r["recency"].search(text[:c["clean_start"]]))
        # "if a truce were agreed next week": a possible event, not one that happened; read in the
        # cue's own clause
        clause = re.split(r"[;:]|,\s+(?:but|and|while)\s|[.!?]\s+", text[:c["clean_start"]])[-1]
        # "can start negotiations tomorrow if it withdraws": the condition may follow the cue
        after = re.split(r"[;:]|,\s+(?:but|and|while)\s|[.!?]\s+", text[c["clean_end"]:])[0]
        c["conditional"] = bool(r["conditional"].search(clause) or r["condition_after"].search(after))
    # "Russia, which invaded in February": the relative clause about the invasion is not an event
    cues = [c for c in cues if not (c["type"] in r["relative_types"] and r["relative"].search(text[:c["clean_start"]]))]
    return sorted(cues, key=lambda c: c["clean_start"])


# ------------------------------------------------------------------ citations
def _actors(ments) -> list[str]:
    """The codebook actors of a sentence's mention records, the media left out."""
    return sorted({m["actor_id"] for m in ments if m["side"] != "media"})


def _names(ids) -> str:
    return "; ".join((actor(a) or {"name": a})["name"] for a in ids)


_QUOTED = re.compile(r"[“\"][^”\"]+[”\"]")


def _quotation_day(t: dict, tx: list[dict], s, published) -> str | None:
    """A weekday inside a quotation ("“We will meet on Friday,” he said on Tuesday") counts from
    the day the quotation was said (a day-dated expression of the sentence outside the quotation),
    not from publication: the same weekday, in the same direction as resolved from publication.
    None when the weekday is not quoted or the saying has no day of its own."""
    if t["kind"] != "relative" or not _weekday_rx().search(t["text"]):
        return None
    quoted = [(int(s.clean_start) + m.start(), int(s.clean_start) + m.end()) for m in _QUOTED.finditer(s.text)]
    inside = lambda x: any(a <= int(x["clean_start"]) < b for a, b in quoted)  # noqa: E731
    if not inside(t):
        return None
    outside = [x for x in tx if not inside(x) and x["granularity"] == "day" and x is not t]
    if not outside:
        return None
    pub = pd.Timestamp(published).normalize()
    day, said = pd.Timestamp(t["date_start"]), pd.Timestamp(outside[0]["date_start"])
    if said == pub:
        return None
    step = pd.Timedelta(days=1)
    forward, strict = day > pub or (day == pub and "next" in t["text"].lower()), day != pub
    d = said + step if strict and forward else said - step if strict else said
    while d.weekday() != day.weekday():
        d += step if forward else -step
    return d.strftime("%Y-%m-%d")


@lru_cache(maxsize=1)
def _weekday_rx() -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(timex_mod.rules()['weekday_num'])})\b")


def mentions(corpus, timex: pd.DataFrame, actor_mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every dated event mention (citations, without event_id yet) and every undated one.

    ``corpus`` is ``corpus.load(...)``; ``timex`` and ``actor_mentions`` are
    ``evidence.timex`` / ``evidence.mentions`` (empty tables allowed).
    Returns (citations with CITATION_COLUMNS minus event_id, undated with UNDATED_COLUMNS).
    """
    sentences = _with_core_cue(corpus.sentences)
    keys = set(sentences["sent_id"])
    doc_cols = ["outlet", "published", "date_basis", "file"] + (["copy_group"] if "copy_group" in corpus.documents else [])
    docs = dict(zip(corpus.documents["doc_id"], rows_kit.records(corpus.documents, doc_cols)))
    raw_index = dict(zip(corpus.texts["doc_id"], corpus.texts["raw_index"]))
    tx_of = rows_kit.rows_of(timex, "sent_id", keys=keys) if len(timex) else lambda key: []
    am_of = rows_kit.rows_of(actor_mentions, "sent_id", ("side", "actor_id"), keys) if len(actor_mentions) \
        else lambda key: []
    cited, undated = [], []
    for s in sentences.itertuples(index=False):
        cues = sentence_cues(s.text)
        if not cues:
            continue
        doc = docs[s.doc_id]
        ids = _actors(am_of(s.sent_id))
        base = {"doc_id": s.doc_id, "outlet": doc["outlet"], "published": doc["published"],
                "date_basis": doc["date_basis"], "sent_id": s.sent_id, "actors": "; ".join(ids),
                "actor_names": _names(ids), "sentence_start": int(s.start), "sentence_end": int(s.end),
                "file": doc["file"], "sentence": s.text, "copy_group": doc.get("copy_group", s.doc_id)}
        tx = tx_of(s.sent_id)
        off = int(s.clean_start)
        rix = raw_index[s.doc_id]
        for c in cues:
            cs, ce = int(s.clean_start) + c["clean_start"], int(s.clean_start) + c["clean_end"]
            cue_raw = textmap.to_raw(rix, cs, ce)
            row = {**base, "type": c["type"], "cue": c["cue"], "cue_start": cue_raw[0], "cue_end": cue_raw[1]}
            if c["recent"]:
                pub = pd.Timestamp(doc["published"]).strftime("%Y-%m-%d")
                cited.append({**row, "timex": "", "timex_start": None, "timex_end": None, "date_start": pub,
                              "date_end": pub, "granularity": BEFORE_PUBLICATION, "dated_by": ARTICLE,
                              "anchor_inferred": doc["date_basis"] == "inferred",
                              "start": cue_raw[0], "end": cue_raw[1]})
                continue
            if not tx or c["conditional"]:
                # no date, or a proposed / conditional event: listed apart, never on the timeline
                undated.append({k: row[k] for k in UNDATED_COLUMNS if k in row}
                               | {"start": cue_raw[0], "end": cue_raw[1],
                                  "status": CONDITIONAL if c["conditional"] else UNDATED})
                continue
            # "areas annexed by Moscow, which invaded Ukraine in February": a relative clause about a
            # name after the cue dates that name's act, not this event
            spans = [(off + m.start(1), off + m.end()) for m in _NAMED_RELATIVE.finditer(s.text, c["clean_end"])]
            own_tx = [t for t in tx if not any(a <= int(t["clean_start"]) < b for a, b in spans)]
            if not own_tx:
                undated.append({k: row[k] for k in UNDATED_COLUMNS if k in row}
                               | {"start": cue_raw[0], "end": cue_raw[1], "status": UNDATED})
                continue
            t = min(own_tx, key=lambda t: (_span_distance((cs, ce), (int(t["clean_start"]), int(t["clean_end"]))),
                                           int(t["clean_start"])))
            d0, d1, gran = t["date_start"], t["date_end"], t["granularity"]
            said = _quotation_day(t, tx, s, doc["published"])
            if said is not None:
                d0 = d1 = said
            if t["kind"] == "anchored_range":
                # "since X" dates the moment X itself, at X's own precision, not X-to-publication
                own = isinstance(t.get("anchor_start"), str)
                d0, d1, gran = (t["anchor_start"], t["anchor_end"], t["anchor_granularity"]) if own else (d0, d0, "day")
            cited.append({**row, "timex": t["text"], "timex_start": int(t["start"]), "timex_end": int(t["end"]),
                          "date_start": d0, "date_end": d1, "granularity": gran, "dated_by": "text",
                          "anchor_inferred": bool(t["anchor_inferred"]),
                          "start": min(cue_raw[0], int(t["start"])), "end": max(cue_raw[1], int(t["end"]))})
    cit = pd.DataFrame(cited, columns=[c for c in CITATION_COLUMNS if c not in ("event_id", "copies", "copy_spans")])
    if len(cit):
        # rule 3: one citation per (sentence, type, dating expression)
        key = ["sent_id", "type", "date_start", "date_end", "dated_by", "timex_start"]
        cit = (cit.groupby(key, sort=False, dropna=False)
               .agg({**{c: "first" for c in cit.columns if c not in key + ["cue", "start", "end"]},
                     "cue": lambda x: "; ".join(dict.fromkeys(x)), "start": "min", "end": "max"})
               .reset_index()[list(cit.columns)])
        for col in ("timex_start", "timex_end"):
            cit[col] = cit[col].astype("Int64")
    und = pd.DataFrame(undated, columns=UNDATED_COLUMNS)
    if len(und):
        und = (und.groupby(["sent_id", "type", "status"], sort=False)
               .agg({**{c: "first" for c in UNDATED_COLUMNS
                        if c not in ("sent_id", "type", "status", "cue", "start", "end")},
                     "cue": lambda x: "; ".join(dict.fromkeys(x)), "start": "min", "end": "max"})
               .reset_index()[UNDATED_COLUMNS])
        und = und.sort_values(["doc_id", "start", "type"], kind="stable").reset_index(drop=True)
    return cit, und


# ------------------------------------------------------------------ events
def _compatible(a: dict, b: dict) -> bool:
    overlap = a["date_start"] <= b["date_end"] and b["date_start"] <= a["date_end"]
    aa, bb = set(filter(None, a["actors"].split("; "))), set(filter(None, b["actors"].split("; ")))
    return overlap and (not aa or not bb or bool(aa & bb))


class _Group:
    """An event being grouped: its members, and what ``_compatible`` with every member needs
    of a new citation (its range within the members' latest start and earliest end, its
    actors meeting each member's)."""

    def __init__(self, r: dict, actors: frozenset):
        self.members, self.latest_start, self.earliest_end, self.actor_sets = [r], r["date_start"], r["date_end"], set()
        self.add(r, actors, first=True)

    def add(self, r: dict, actors: frozenset, first: bool = False) -> None:
        if not first:
            self.members.append(r)
            self.latest_start, self.earliest_end = max(self.latest_start, r["date_start"]), min(self.earliest_end, r["date_end"])
        if actors:
            self.actor_sets.add(actors)

    def takes(self, r: dict, actors: frozenset) -> bool:
        return (r["date_start"] <= self.earliest_end and self.latest_start <= r["date_end"]
                and (not actors or all(a & actors for a in self.actor_sets)))


def _first_fit(rows: list[dict]) -> list[list[dict]]:
    """Each citation (in date order) joins the first event so far of its type that it is
    ``_compatible`` with in every member, else starts one. Only the events of its type
    whose members all end on or after its start can take it (the blocking keys: type and
    date), and as the citations come in order of their start, an event passed by once is
    passed for good: it leaves the index, so no citation is compared with every event."""
    groups: list[_Group] = []
    open_by_type: dict[str, list[_Group]] = {}
    for r in rows:
        actors = frozenset(filter(None, r["actors"].split("; ")))
        candidates = open_by_type.setdefault(r["type"], [])
        candidates[:] = [g for g in candidates if g.earliest_end >= r["date_start"]]
        for g in candidates:
            if g.takes(r, actors):
                g.add(r, actors)
                break
        else:
            groups.append(_Group(r, actors))
            candidates.append(groups[-1])
    return [g.members for g in groups]


def events(citations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group citations into events (rule 4 of the module doc).

    Returns (events, citations with ``event_id``). Events have EVENT_COLUMNS:
    event_id (E01, ... in date order), type, label, date_start, date_end (ISO; the
    intersection of the citations' ranges), granularity (of the citation whose range
    that is, else ``range``), when (the range in words), cited_start, cited_end (the
    union of the citations' ranges: everything the sources say), dated_by (``text`` if any
    citation is dated by a time expression, else ``article``), anchor_inferred (a
    citation's date rests on an inferred publication date), documents (distinct
    citing documents, copies of one story counted once), doc_ids, outlets ("; "-joined,
    in doc order), citations (rows), actors / actor_names (all actors of the citing
    sentences), cues, timexes (distinct words as written), copies (the other copies of
    the citing stories, not counted). Citations are sorted by event_id, doc_id, start.
    """
    if citations.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS), pd.DataFrame(columns=CITATION_COLUMNS)
    citations = copies_mod.merge(citations, COPY_KEY)
    order = rules()["order"]
    rows = citations.assign(_o=citations["type"].map(order)).sort_values(
        ["date_start", "date_end", "_o", "doc_id", "cue_start"], kind="stable").drop(columns="_o")
    groups = _first_fit(rows.to_dict("records"))
    out, members = [], []
    for g in groups:
        d0, d1 = max(m["date_start"] for m in g), min(m["date_end"] for m in g)
        exact = [m for m in g if m["date_start"] == d0 and m["date_end"] == d1]
        text_dated = [m for m in g if m["dated_by"] == "text"]
        dated_by = "text" if text_dated else ARTICLE
        gran = exact[0]["granularity"] if exact else "range"
        if dated_by == "text" and gran == BEFORE_PUBLICATION:
            gran = "day"
        docs = sorted(dict.fromkeys(m["doc_id"] for m in g))
        outlets = list(dict.fromkeys(m["outlet"] for m in sorted(g, key=lambda m: m["doc_id"])))
        ids = sorted({a for m in g for a in m["actors"].split("; ") if a})
        out.append({"type": g[0]["type"], "label": rules()["labels"][g[0]["type"]], "date_start": d0,
                    "date_end": d1, "granularity": gran, "when": when_label(d0, d1, gran, dated_by),
                    "cited_start": min(m["date_start"] for m in g), "cited_end": max(m["date_end"] for m in g),
                    "dated_by": dated_by, "anchor_inferred": any(m["anchor_inferred"] for m in g),
                    "documents": len(docs), "doc_ids": "; ".join(docs), "outlets": "; ".join(outlets),
                    "citations": len(g), "actors": "; ".join(ids), "actor_names": _names(ids),
                    "cues": "; ".join(dict.fromkeys(c for m in g for c in m["cue"].split("; "))),
                    "timexes": "; ".join(dict.fromkeys(m["timex"] for m in g if m["timex"])),
                    "copies": copies_mod.joined(m["copies"] for m in g)})
        members.append(g)
    ev = pd.DataFrame(out)
    ev["_o"] = ev["type"].map(order)
    idx = ev.sort_values(["date_start", "date_end", "_o", "doc_ids"], kind="stable").index
    width = max(2, len(str(len(ev))))
    ids_by_pos = {pos: f"E{n:0{width}d}" for n, pos in enumerate(idx, 1)}
    ev["event_id"] = [ids_by_pos[i] for i in ev.index]
    cit = pd.DataFrame([{**m, "event_id": ids_by_pos[i]} for i, g in enumerate(members) for m in g])
    ev = ev.loc[idx, EVENT_COLUMNS].reset_index(drop=True)
    cit = cit.reindex(columns=CITATION_COLUMNS).sort_values(["event_id", "doc_id", "start"], kind="stable").reset_index(drop=True)
    for col in ("timex_start", "timex_end"):
        cit[col] = cit[col].astype("Int64")
    return ev, cit


def select(ev: pd.DataFrame, cit: pd.DataFrame, date_from=None, date_to=None, min_sources: int = 1):
    """Events overlapping [date_from, date_to] (either may be None) cited by at least
    ``min_sources`` documents, and their citations."""
    keep = ev["documents"] >= min_sources
    if date_from is not None:
        keep &= pd.to_datetime(ev["date_end"]) >= pd.Timestamp(date_from)
    if date_to is not None:
        keep &= pd.to_datetime(ev["date_start"]) <= pd.Timestamp(date_to)
    ev = ev[keep].reset_index(drop=True)
    return ev, cit[cit["event_id"].isin(set(ev["event_id"]))].reset_index(drop=True)


def build(corpus, timex: pd.DataFrame, actor_mentions: pd.DataFrame, date_from=None, date_to=None,
          min_sources: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(events, citations, undated) for the notebook: ``mentions`` -> ``events`` -> ``select``.
    Undated mentions are not filtered (they have no date, and no event to count sources)."""
    cit, und = mentions(corpus, timex, actor_mentions)
    und = copies_mod.merge(und, ("type", "sentence", "cue"))
    ev, cit = events(cit)
    ev, cit = select(ev, cit, date_from, date_to, min_sources)
    return ev, cit, und


# ------------------------------------------------------------------ words
def _window(date_from, date_to) -> str:
    if date_from is None and date_to is None:
        return ""
    lo = f"from {pd.Timestamp(date_from):%Y-%m-%d}" if date_from is not None else ""
    hi = f"to {pd.Timestamp(date_to):%Y-%m-%d}" if date_to is not None else ""
    return " (" + " ".join(p for p in (lo, hi) if p) + ")"


def _documents(n: int) -> str:
    return f"{n} document" + ("" if n == 1 else "s")


def _and(names: str) -> str:
    """'a; b; c' -> 'a, b and c'."""
    items = [n for n in names.split("; ") if n]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def title(ev: pd.DataFrame) -> str:
    """The figure's title: how many moments, over what span, and the most cited one."""
    n = len(ev)
    first, last = pd.Timestamp(ev["date_start"].min()), pd.Timestamp(ev["date_end"].max())
    span = f"{first:%b %Y}" if f"{first:%b %Y}" == f"{last:%b %Y}" else f"{first:%b %Y} to {last:%b %Y}"
    head = f"The coverage cites {n} negotiation moment{'s' if n != 1 else ''}, {span}"
    top = ev.sort_values(["documents", "date_start"], ascending=[False, True], kind="stable").iloc[0]
    if top["documents"] < 2:
        return head + "; each is cited by one document"
    return head + f"; most cited: {top['label']}, {top['when']} ({_documents(top['documents'])})"


def answer_words(ev: pd.DataFrame, cit: pd.DataFrame, und: pd.DataFrame, documents: pd.DataFrame,
                 date_from=None, date_to=None, min_sources: int = 1) -> str:
    """The finding in words, from the computed tables."""
    scope = _window(date_from, date_to)
    if ev.empty:
        why = ("no sentence pairs a negotiation cue (data/negotiation_events.toml) with a date"
               if min_sources == 1 and not scope else
               f"no dated negotiation moment{scope} cited by at least {_documents(min_sources)}")
        extra = f" {len(und)} undated or proposed / conditional mention(s) are listed in undated.csv." if len(und) else ""
        return f"{NO_EVIDENCE}: {why}.{extra}"
    parts = [title(ev) + scope + (f", counting only moments cited by at least {_documents(min_sources)}"
                                  if min_sources > 1 else "") + "."]
    multi = ev[ev["documents"] >= 2]
    if len(multi):
        parts.append("Cited by more than one document: " + "; ".join(
            f"{r.label}, {r.when} ({r.event_id}: {_and(r.outlets)})" for r in multi.itertuples(index=False)) + ".")
    elif min_sources == 1:
        parts.append("No moment is cited by more than one document under the matching rules "
                     "(same type, overlapping dates, a shared actor).")
    who = []
    docs = documents.set_index("doc_id")
    labels = rules()["labels"]
    for doc_id, g in cit.groupby("doc_id", sort=True):
        items = []
        for event_id, h in g.groupby("event_id", sort=True):   # as this document dates it and names its actors
            r = h.iloc[0]
            when = when_label(r["date_start"], r["date_end"], r["granularity"], r["dated_by"])
            names = _and("; ".join(dict.fromkeys(n for x in h["actor_names"] for n in x.split("; ") if n)))
            items.append(f"{labels[r['type']]} ({when}{', naming ' + names if names else ''}; {event_id})")
        also = copies_mod.joined(g["copies"]) if "copies" in g else ""
        who.append(f"{docs.at[doc_id, 'outlet']} (doc {doc_id}{', and its copies ' + also if also else ''}) cites "
                   + ", ".join(items))
    parts.append("Who cites which: " + "; ".join(who) + ".")
    carried = set(copies_mod.joined(cit["copies"]).split("; ")) if "copies" in cit else set()
    silent = sorted(set(documents["doc_id"]) - set(cit["doc_id"]) - carried)
    if silent:
        parts.append("No dated moment in: " + ", ".join(
            f"{docs.at[d, 'outlet']} (doc {d})" for d in silent) + ".")
    flagged = ev[ev["dated_by"] == ARTICLE]
    if len(flagged):
        parts.append(f"{len(flagged)} moment(s) have no date in the text and are dated only by the article "
                     "(“recent”: on or before publication).")
    inferred = ev["anchor_inferred"].sum()
    if inferred:
        parts.append(f"{int(inferred)} date(s) rest on an inferred publication date.")
    cond = int((und["status"] == CONDITIONAL).sum()) if len(und) else 0
    if cond:
        first = und.loc[und["status"] == CONDITIONAL, "sentence"].iloc[0]
        words = " ".join(str(first).split()[:12])
        parts.append(f"{wording.plural(cond, 'proposed or conditional mention')} (the first: “{words}…”) "
                     f"{'is' if cond == 1 else 'are'} listed apart, not placed on the timeline "
                     "(undated.csv, status “proposed / conditional”).")
    if len(und) - cond:
        parts.append(f"{len(und) - cond} further mention(s) of negotiation events have no date in their sentence "
                     "and are not placed on the timeline (undated.csv).")
    merged = copies_mod.merged_words(cit, "citation")
    if merged:
        parts.append(merged)
    return " ".join(parts)


# ------------------------------------------------------------------ figure
# Markers grow with the citing documents up to this many, and are coloured by it.
_MOST = 4
# A lane's right-hand label names at most this many outlets and documents, then '+N more'.
_NAMED = 3


def _count_colour(n: int) -> str:
    return PALETTE[min(n, _MOST) - 1] if n >= 1 else PALETTE[-1]


def _marker_size(n: int) -> float:
    return 40 + 60 * (min(n, _MOST) - 1)


def _listed(joined: str, most: int = _NAMED) -> str:
    """'a; b; c; d; e' -> 'a; b; c; +2 more' (at most ``most`` items named)."""
    items = joined.split("; ")
    return joined if len(items) <= most else "; ".join(items[:most]) + f"; +{len(items) - most} more"


def _outlets_label(outlets: str, doc_ids: str) -> str:
    """A lane's citing outlets and documents, wrapped; a long list names its first ``_NAMED``
    and how many more, the documents on a line of their own."""
    short_outlets, short_docs = _listed(outlets), _listed(doc_ids)
    if (short_outlets, short_docs) == (outlets, doc_ids):
        return "\n".join(textwrap.wrap(f"{outlets} [doc {doc_ids}]", 48))
    return "\n".join([*textwrap.wrap(short_outlets, 48), *textwrap.wrap(f"[doc {short_docs}]", 48)])


def figure(ev: pd.DataFrame):
    """One lane per event, in date order (earliest at the top): intervals drawn as bars,
    single days as points; marker size and colour by the number of citing documents (up to
    ``_MOST``); hollow markers for moments dated only by the article; labels name the citing
    outlets and documents (the first ``_NAMED``, then how many more)."""
    from matplotlib.lines import Line2D

    full = ev
    shown, height = draw.cap_rows(len(ev), 0.42, 1.9)
    ev, hidden = draw.top(ev, shown, "documents")    # the most-cited moments, in date order
    n = len(ev)
    fig, ax = new_figure(width=11, height=height + (0.3 if hidden else 0))
    starts = pd.to_datetime(ev["date_start"])
    ends = pd.to_datetime(ev["date_end"]) + pd.Timedelta(days=1)
    lo = pd.to_datetime(ev["cited_start"]).min()
    hi = pd.to_datetime(ev["cited_end"]).max() + pd.Timedelta(days=1)
    pad = max(pd.Timedelta(days=20), (hi - lo) * 0.04)
    for i, r in enumerate(ev.to_dict("records")):
        y = n - 1 - i
        s, e = starts.iloc[i], ends.iloc[i]
        colour = _count_colour(r["documents"])
        size = _marker_size(r["documents"])
        cs, ce = pd.Timestamp(r["cited_start"]), pd.Timestamp(r["cited_end"]) + pd.Timedelta(days=1)
        if (cs, ce) != (s, e):   # what the sources say together, around the range they agree on
            ax.barh(y, ce - cs, left=cs, height=0.14, color=colour, alpha=0.25)
        if e - s > pd.Timedelta(days=1):
            ax.barh(y, e - s, left=s, height=0.36, color=colour, alpha=0.35, edgecolor=colour)
        mid = s + (e - s) / 2
        article = r["dated_by"] == ARTICLE
        ax.scatter([mid], [y], s=size, color="white" if article else colour, edgecolors=colour,
                   linewidths=1.6, zorder=3, marker="<" if article else "o")
    labels = [f"{r['label']} · {r['when']}" for r in ev.iloc[::-1].to_dict("records")]
    ax.set_yticks(range(n), labels, fontsize=8.5)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(lo - pad, hi + pad)
    draw.date_axis(ax.xaxis, maxticks=10)
    ax.set_xlabel("date the moment refers to, as resolved from the text\n"
                  "(thick bars: the range the citing sentences agree on; thin bars: all they say)")
    ax.grid(axis="y", visible=False)
    right = ax.twinx()             # the citing outlets, one label per lane
    right.set_ylim(ax.get_ylim())
    outlets = [_outlets_label(r["outlets"], r["doc_ids"]) for r in ev.iloc[::-1].to_dict("records")]
    right.set_yticks(range(n), outlets, fontsize=8, color="#333333")
    right.tick_params(axis="y", length=0)
    right.grid(False)
    right.spines["right"].set_visible(False)
    counts = sorted({min(c, _MOST) for c in ev["documents"]})
    beyond = bool((ev["documents"] > _MOST).any())
    handles = [Line2D([], [], marker="o", linestyle="", color=_count_colour(c), markersize=_marker_size(c) ** 0.5,
                      label=f"cited by {c} or more documents" if c == _MOST and beyond else f"cited by {_documents(c)}")
               for c in counts]
    if (ev["dated_by"] == ARTICLE).any():
        handles.append(Line2D([], [], marker="<", linestyle="", markerfacecolor="white", color=PALETTE[0],
                              markersize=7, label="no date in the text: on or before the article's date"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles), fontsize=8,
              frameon=False, borderaxespad=0.2)
    if hidden:
        ax.text(0, -0.12 - 0.35 / fig.get_figheight(), f"+{hidden} more moments, cited by fewer documents "
                f"(all in events.csv)", transform=ax.transAxes, fontsize=8.5, color="#555555", va="top",
                fontstyle="italic")
    draw.headline(fig, title(full))
    return fig
