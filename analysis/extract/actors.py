"""Actors: the codebook (``data/actors.csv``) and where documents mention them.

Codebook columns (``load_codebook``):
    actor_id   stable id used by every extractor and the gold annotations
    name       canonical name
    aliases    ";"-separated spellings and descriptive phrases. An alias with any
               capital letter matches case-sensitively (except that a leading
               lowercase function word such as "the" may be capitalised); an
               all-lowercase alias matches in any case. Straight and curly
               apostrophes are interchangeable.
    side       a side of data/sides.csv: Ukraine, Russia, United States, United Kingdom, NATO/EU, media, other
    role       head of state, minister, military, official, journalist, news agency, ...
    kind       person, institution, publication, group
    gender     m, f or blank (used to resolve "he"/"she")

``mentions(view)`` rows, sorted by clean_start:
    doc_id, sent_id, clean_start, clean_end  where (offsets into ``view.text``)
    actor_id, side, kind                     from the codebook
    text                                     surface form, ``view.text[clean_start:clean_end]``
    unit                                     military unit for soldiers named by the
                                             named-source rule ("93rd Mechanized Brigade"), else None
    rule                                     alias, title+name (adjacent aliases of one actor
                                             merged: "Ukrainian President Volodymyr Zelensky"),
                                             emphasis (short emphasised form of a publication
                                             named in full elsewhere: *Independent*), named_source
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import pandas as pd

from analysis.corpus import rulefiles
from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import DATA, display
from analysis.corpus.rulefiles import load_csv, load_toml
from analysis.kit import text as text_kit

KINDS = rulefiles.ACTOR_KINDS
_FUNCTION_WORDS = ("the", "a", "an", "one", "another", "his", "her", "their")


def sides() -> tuple[str, ...]:
    """The sides an actor may take: the rows of data/sides.csv, in file order."""
    return tuple(rulefiles.side_names())


@lru_cache(maxsize=1)
def not_names() -> frozenset:
    """Capitalised words never read as a first name: quote_cues.toml's ``not_names`` and the
    belligerents' names and capitals (sides.csv), so a new party's capital is one row too."""
    places = [w for s in rulefiles.sides() if s["belligerent"] for w in (s["side"], *s["capitals"])]
    return frozenset(cue_rules()["named_source"]["not_names"]) | frozenset(places)


def __getattr__(name):
    if name == "SIDES":                      # read when asked, so that a new row of sides.csv counts
        return sides()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def load_codebook() -> pd.DataFrame:
    """The actors codebook as a DataFrame (columns in the module doc), indexed 0..n-1; a bad
    row (unknown side or kind, duplicate actor_id, ...) stops with one line naming it."""
    return load_csv("actors.csv", ["actor_id", "name", "aliases", "side", "role", "kind", "gender"],
                    dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _by_id() -> dict:
    return {r["actor_id"]: r for r in load_codebook().to_dict("records")}


def actor(actor_id: str) -> dict | None:
    """The codebook row of ``actor_id`` as a dict, or None."""
    return _by_id().get(actor_id)


def side_of(actor_id: str | None) -> str | None:
    """The side of ``actor_id`` (Ukraine, Russia, ..., media, other) or None if unknown."""
    row = _by_id().get(actor_id) if actor_id else None
    return row["side"] if row else None


def kind_of(actor_id: str | None) -> str | None:
    row = _by_id().get(actor_id) if actor_id else None
    return row["kind"] if row else None


@lru_cache(maxsize=1)
def cue_rules() -> dict:
    """``data/quote_cues.toml`` (shared with quotes.py)."""
    return load_toml("quote_cues.toml")


def _alias_pattern(alias: str) -> str:
    body = re.sub("['’]", "['’]", re.escape(alias))
    if alias == alias.lower():
        return f"(?i:{body})"
    first = alias.split(" ", 1)[0]
    if first in _FUNCTION_WORDS:
        body = f"[{first[0]}{first[0].upper()}]" + body[1:]
    return body


@lru_cache(maxsize=1)
def _alias_pairs() -> tuple:
    """(alias, actor_id) of the codebook, longest alias first (codebook order among equals)."""
    pairs = []
    for r in load_codebook().itertuples(index=False):
        for a in r.aliases.split(";"):
            if a.strip():
                pairs.append((a.strip(), r.actor_id))
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _matcher():
    """One regex of all aliases, longest first; group name -> actor id via a lookup list."""
    pairs = _alias_pairs()
    ids = [aid for _, aid in pairs]
    alts = "|".join(f"(?P<a{i}>{_alias_pattern(a)})" for i, (a, _) in enumerate(pairs))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), ids


@lru_cache(maxsize=1)
def soldiers() -> dict:
    """Adjective -> the actor an unnamed soldier of that side is ("Ukrainian" -> ukrainian_soldier):
    for each side of sides.csv with an adjective, its group actor of role soldier in actors.csv."""
    book = load_codebook()
    out = {}
    for s in rulefiles.sides():
        hit = book[(book["side"] == s["side"]) & (book["role"] == "soldier") & (book["kind"] == "group")]
        if s["adjective"] and len(hit):
            out[s["adjective"]] = hit["actor_id"].iloc[0]
    return out


def default_soldier() -> str:
    """The actor of a soldier whose side the text does not give: the soldier of
    quote_cues.toml [named_source] default_side."""
    side = cue_rules()["named_source"]["default_side"]
    adjective = next((s["adjective"] for s in rulefiles.sides() if s["side"] == side), None)
    if adjective not in soldiers():
        raise CorpusError(f"{display(DATA / 'quote_cues.toml')}: [named_source] default_side {side!r} is not a side "
                          "of sides.csv with a soldier in actors.csv")
    return soldiers()[adjective]


@lru_cache(maxsize=1)
def _named_source_re():
    ns = cue_rules()["named_source"]
    nouns = text_kit.alternation(ns["nouns"])
    units = "|".join(re.escape(u) for u in ns["unit_words"])
    sides = "|".join(re.escape(s) for s in soldiers())
    unit = rf"\d+(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){{0,5}}(?:{units})"
    deeds = text_kit.alternation(ns["deeds"])
    return re.compile(
        rf"(?<![\w’'.-])(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)?)"   # one line
        rf"(?:,\s+(?:an?|another|one)\s+(?:(?P<side>{sides})\s+)?(?:[a-z\d-]+\s+){{0,2}}?(?:{nouns})"
        rf"(?:\s+(?:from|with|of|in)\s+the\s+(?P<unit1>{unit}))?"
        rf"|\s+(?:from|of|with)\s+the\s+(?P<unit2>{unit})"
        rf"|,\s+who\s+(?:(?:has|had|is|was|also|first)\s+)?(?:{deeds})(?![\w-])"
        # "Oleksandr, 45, told AFP that he left his position": a first name and an age, and a
        # soldier's noun or deed later in the sentence
        rf"|,\s+\d{{2}},\s+(?=[^.!?\n]{{0,200}}?(?<![\w-])(?:{nouns}|{deeds})(?![\w-])))")


@lru_cache(maxsize=256)
def outlet_id(outlet: str) -> str | None:
    """The codebook publication a catalog outlet name is ("Ukrinform", "The Kyiv Independent"),
    or None: what the document's own outlet says is not relayed by it."""
    rx, ids = _matcher()
    m = rx.fullmatch((outlet or "").strip()) or rx.fullmatch(re.sub(r"^(?i:the)\s+", "", (outlet or "").strip()))
    if m is None:
        return None
    aid = ids[int(m.lastgroup[1:])]
    return aid if kind_of(aid) == "publication" else None


def _sent_id(view, pos: int) -> str | None:
    s = view.sentence_at(pos)
    return s.sent_id if s else None


def _row(view, start, end, actor_id, rule, unit=None) -> dict:
    a = _by_id()[actor_id]
    return {"doc_id": view.doc_id, "sent_id": _sent_id(view, start), "clean_start": start,
            "clean_end": end, "actor_id": actor_id, "text": view.text[start:end],
            "side": a["side"], "kind": a["kind"], "unit": unit, "rule": rule}


class _Spans:
    """Non-overlapping (start, end) spans, kept sorted: an overlap test is one bisect."""

    def __init__(self, rows=()):
        self.spans = sorted((r["clean_start"], r["clean_end"]) for r in rows)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.spans, (e,)) - 1     # the last span starting before e
        return i >= 0 and self.spans[i][1] > s

    def add(self, s: int, e: int) -> None:
        bisect.insort(self.spans, (s, e))


def _named_sources(view, taken: _Spans) -> list[dict]:
    stop = not_names()
    prep = set(cue_rules()["speaker"]["prepositions"])
    found = {}
    for m in _named_source_re().finditer(view.text):
        name, start = m.group("name"), m.start("name")
        first = name.split()[0]
        if first in stop and " " in name:    # "In March Volodymyr, a soldier": drop "March"
            name, start = name.split(None, 1)[1], start + len(first) + 1
        before = re.search(r"(\w+)\W*$", view.text[max(0, start - 20):start])
        if name in stop or (before and before.group(1).lower() in prep) or taken.overlaps(start, m.end("name")):
            continue
        aid = soldiers().get(m.group("side") or "") or default_soldier()
        found.setdefault(name, (aid, m.group("unit1") or m.group("unit2")))
        if " " in name:                      # "Timofey Shadura": later "Shadura" too
            found.setdefault(name.split()[-1], found[name])
    rows = []
    for name, (aid, unit) in sorted(found.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.text):
            if not taken.overlaps(m.start(), m.end()):
                rows.append(_row(view, m.start(), m.end(), aid, "named_source", unit))
                taken.add(m.start(), m.end())
    return rows


def mentions(view) -> list[dict]:
    """Actor mentions in ``view`` (row schema in the module doc); longest match wins.

    Quotes and numbers both ask for the mentions of the same view: computed once.
    """
    return [dict(r) for r in _mentions(view)]


@lru_cache(maxsize=1)
def _first_words() -> tuple:
    """Lower-cased first words of all aliases, split by length (1-3) and 4-letter prefixes."""
    by_len = {1: set(), 2: set(), 3: set(), 4: set()}
    for r in load_codebook().itertuples(index=False):
        for a in r.aliases.split(";"):
            if a.strip():
                first = a.strip().split(" ", 1)[0].lower().replace("’", "'")
                by_len[min(len(first), 4)].add(first[:4])
    return by_len[1], by_len[2], by_len[3], by_len[4]


_WORD_START = re.compile(r"(?<![\w-])\w")


def _fold(text: str) -> str:
    """Lower case, one apostrophe, and the same length as ``text`` (offsets carry over)."""
    low = text.lower()
    if len(low) != len(text):        # a letter such as "İ" lower-cases to two characters
        low = "".join(c.lower()[0] for c in text)
    return low.replace("’", "'")


@lru_cache(maxsize=1)
def _automaton():
    """Every alias, folded, in one Aho-Corasick automaton: folded key -> (length, alias indices)
    in ``_alias_pairs`` order. One pass over a text finds every place an alias may match."""
    import ahocorasick

    keys: dict = {}
    for i, (a, _) in enumerate(_alias_pairs()):
        keys.setdefault(_fold(a), []).append(i)
    auto = ahocorasick.Automaton()
    for key, idx in keys.items():
        auto.add_word(key, (len(key), tuple(idx)))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _alias_checks() -> tuple:
    """Per alias: None when it matches in any case (all lower case), else its exact spelling
    (apostrophes aside) and whether its first letter may be capitalised ("the" -> "The")."""
    out = []
    for a, _ in _alias_pairs():
        if a == a.lower():
            out.append(None)
        else:
            out.append((a.replace("’", "'"), a.split(" ", 1)[0] in _FUNCTION_WORDS))
    return tuple(out)


_WORDISH = re.compile(r"[\w-]")


def _alias_matches(text: str) -> dict:
    """start -> (start, end, alias index): at each start the alias the one big alias regex
    (``_matcher``) would match there, i.e. the first in ``_alias_pairs`` order whose case rule
    holds with no word character or hyphen on either side; found with the automaton in
    one pass instead of trying the regex at every word."""
    checks, best = _alias_checks(), {}
    wordish = _WORDISH.match
    for end, (n, idx) in _automaton().iter(_fold(text)):
        s, e = end - n + 1, end + 1
        if (s > 0 and wordish(text, s - 1)) or (e < len(text) and wordish(text, e)):
            continue
        for i in idx:
            if s in best and best[s][2] < i:
                break
            check = checks[i]
            if check is not None:
                exact = text[s:e].replace("’", "'")
                spelling, capital = check
                if exact != spelling and not (capital and exact[0] == spelling[0].upper()
                                              and exact[1:] == spelling[1:]):
                    continue
            best[s] = (s, e, i)
            break
    return best


@lru_cache(maxsize=4)
def _mentions(view) -> tuple:
    ids = [aid for _, aid in _alias_pairs()]
    rows, text, pos = [], view.text, 0
    found = _alias_matches(text)
    p1, p2, p3, p4 = _first_words()
    for start in sorted(found):
        # Only word starts whose first letters begin some alias, as the regex scan tried.
        key = text[start:start + 4].lower().replace("’", "'")
        if start < pos or not (_WORD_START.match(text, start) and
                               (key in p4 or key[:3] in p3 or key[:2] in p2 or key[:1] in p1)):
            continue
        m = found[start]
        # Leftmost match, unless a longer one starts inside it: "the Azov" < "Azov Battalion".
        for w in re.finditer(r"(?<=\s)\S", text[m[0]:m[1]]):
            m2 = found.get(m[0] + w.start())
            if m2 and m2[1] > m[1] and m2[1] - m2[0] > m[1] - m[0]:
                m = m2
        rows.append(_row(view, m[0], m[1], ids[m[2]], "alias"))
        pos = m[1]
    # Merge adjacent mentions of one actor: "Ukrainian President" + "Volodymyr Zelensky".
    merged = []
    for r in rows:
        p = merged[-1] if merged else None
        gap = view.text[p["clean_end"]:r["clean_start"]] if p else None
        if p and p["actor_id"] == r["actor_id"] and gap is not None and re.fullmatch(r"[ \t]+", gap):
            merged[-1] = _row(view, p["clean_start"], r["clean_end"], r["actor_id"], "title+name")
        else:
            merged.append(r)
    rows = _drop_titles_of_others(view, merged)

    taken = _Spans(rows)

    # Emphasised short forms of publications named in full in the document: *Independent*.
    pubs = {r["actor_id"] for r in rows if r["kind"] == "publication"}
    for s, e in view.emphasis:
        if taken.overlaps(s, e):
            continue
        surface = view.text[s:e]
        for aid in sorted(pubs):
            aliases = _by_id()[aid]["aliases"].split(";")
            if any(a.endswith(" " + surface) for a in aliases):
                rows.append(_row(view, s, e, aid, "emphasis"))
                taken.add(s, e)
                break
    rows += _named_sources(view, taken)
    rows.sort(key=lambda r: (r["clean_start"], -r["clean_end"]))
    return tuple(rows)


_NAME_AFTER = re.compile(r"[ \t]+((?:[A-Z][\w’'.-]+[ \t]+){0,2}[A-Z][\w’'-]+)")


def _drop_titles_of_others(view, rows: list[dict]) -> list[dict]:
    """"US Secretary of State Marco Rubio": a title the codebook gives one holder ("US Secretary of
    State" for Blinken) followed by another person's name is that other person, not the holder."""
    out = []
    for i, r in enumerate(rows):
        a = _by_id().get(r["actor_id"], {})
        if r["rule"] == "alias" and a.get("kind") == "person":
            name_words = {w.lower() for w in re.findall(r"\w+", a["name"])}
            m = _NAME_AFTER.match(view.text, r["clean_end"])
            own = i + 1 < len(rows) and rows[i + 1]["actor_id"] == r["actor_id"] and m is not None \
                and rows[i + 1]["clean_start"] < r["clean_end"] + m.end() - m.start()
            if m and len(m.group(1).split()) >= 2 and not own and \
                    not name_words & {w.lower() for w in re.findall(r"\w+", r["text"])}:
                continue
        out.append(r)
    return out


def actor_in(view, start: int, end: int, rows: list[dict] | None = None) -> dict | None:
    """The mention best covering clean ``start:end``: the longest mention inside the span,
    else the one overlapping it most; None if no mention touches the span.
    Pass ``rows`` (from ``mentions(view)``) to avoid recomputing them."""
    rows = mentions(view) if rows is None else rows
    inside = [r for r in rows if start <= r["clean_start"] and r["clean_end"] <= end]
    if inside:
        return max(inside, key=lambda r: (r["clean_end"] - r["clean_start"], -r["clean_start"]))
    touching = [r for r in rows if text_kit.overlaps((r["clean_start"], r["clean_end"]), (start, end))]
    if touching:
        return max(touching, key=lambda r: text_kit.overlap((start, end), (r["clean_start"], r["clean_end"])))
    return None


def chain_names(claimant, via="", name=None) -> str:
    """A claimant and its relay chain in words: 'a Ukrainian lawmaker, via Associated
    Press, via Kyle Anzalone' from ('ukrainian_lawmaker', 'associated_press;kyle_anzalone').
    'author' reads 'the article'; ids not in the codebook are kept as they are; a source the
    codebook does not know (no id) is named as the text names it (``name``)."""
    names = {aid: row["name"] for aid, row in _by_id().items()}
    if not (isinstance(claimant, str) and claimant) and isinstance(name, str) and name.strip():
        claimant = " ".join(name.split())
    chain = [claimant] + [v for v in (via if isinstance(via, str) else "").split(";") if v]
    return ", via ".join(names.get(a, "the article" if a == "author" else str(a))
                         for a in chain if isinstance(a, str) and a)
