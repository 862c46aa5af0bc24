"""Quotations: quoted words, who said them, through whom, and quoted terms.

``quotes(view)`` returns one row per pair of quotation marks (straight or curly),
sorted by clean_start:

    doc_id, sent_id        document; sentence holding the first quoted character
    clean_start, clean_end the quoted words without the marks (offsets into ``view.text``)
    text                   ``view.text[clean_start:clean_end]``
    kind                   "quote" (speech) or "term" (scare quote / coined label: at
                           most a few words and no attribution cue next to it)
    partial                True when the quotation is woven into the sentence
                           ("allow his troops to “continue the offensive”")
    depth                  0 for a top-level quotation, 1 inside another one, ...
    speaker                actor_id of who said it, or None (always None for terms)
    speaker_name           surface text of the speaker mention ("one Western official",
                           "Volodymyr"); for pronouns, the antecedent's surface text
    speaker_start/_end     clean offsets of that mention, or None
    cue                    attribution words ("said", "told AP", "according to",
                           "said in his video address"); a pronoun subject is
                           included ("he told AP")
    cue_start, cue_end     clean offsets of the cue, or None
    via                    ";"-joined relaying actor ids, nearest first: the medium the
                           words were told to ("told the Associated Press"), a medium
                           named in the attribution, the speaker of an enclosing
                           quotation (and its own via). "" if none.
    resolved               False when the marks could not be paired or a quotation
                           has no speaker
    note                   why not resolved, or how a quotation was recovered ("" if nothing)

``quote_groups(rows, stories)`` adds ``group``, ``group_docs`` and ``group_stories`` to rows
from many documents so that the same quotation reported by several documents shares a group
id, and copies of one story count once in ``group_stories``.

Rules (cue verbs, pronouns, term limits) live in ``data/quote_cues.toml``.
"""
from __future__ import annotations

import bisect
import difflib
import itertools
import math
import re
from functools import lru_cache

from analysis.extract import actors, attribution
from analysis.kit import matching
from analysis.kit import text as text_kit

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
_SENT_PUNCT = attribution.SENT_PUNCT


# ----------------------------------------------------------------------------- rules

def _rules() -> dict:
    return actors.cue_rules()


def _alt(words) -> str:
    return text_kit.alternation(words)


@lru_cache(maxsize=1)
def _cue_re():
    return re.compile(rf"(?<![\w’'-])(?:{_alt(_rules()['cues']['verbs'])})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_scanner():
    """``_cue_re``'s matches, found with an automaton (one pass per masked text)."""
    return matching.PhraseScanner(_rules()["cues"]["verbs"], before=r"(?<![\w’'-])", after=r"(?![\w-])")


@lru_cache(maxsize=1)
def _context_re():
    nouns = _alt(_rules()["cues"]["context_nouns"])
    return re.compile(rf"\s+(?:in|on|at|during|via)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
                      rf"(?:[\w-]+\s+){{0,2}}?(?:{nouns})(?![\w-])")


@lru_cache(maxsize=1)
def _pronoun_re():
    return re.compile(rf"(?<![\w’'-])(?:{_alt(_rules()['pronouns'])})(?![\w’'-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _anaphora_re():
    return re.compile(rf"(?<![\w-])(?:{_alt(_rules()['anaphora'])})(?![\w-])", re.IGNORECASE)


def _words(s: str) -> int:
    return len(_WORD.findall(s))


# ----------------------------------------------------------------------------- marks

def _paragraphs(view) -> list[tuple[int, int]]:
    spans = {}
    for s in view.sentences:
        a, b = spans.get(s.para_id, (s.start, s.end))
        spans[s.para_id] = (min(a, s.start), max(b, s.end))
    if spans:
        return sorted(spans.values())
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", view.text)]


def _pair(text: str, ps: int, pe: int) -> list[dict]:
    """Quotations of one paragraph from its marks: the attribution layer's pairer."""
    return attribution.pair_marks(text, ps, pe)


def _spans(view) -> list[dict]:
    text, out = view.text, []
    paras = _paragraphs(view)
    for n, (ps, pe) in enumerate(paras):
        closed_here = 0
        for q in _pair(text, ps, pe):
            q["para"] = (ps, pe)
            q["prev_para"] = paras[n - 1] if n else None
            if q["open"] is None:                             # orphan closing mark
                earlier = closed_here
                after_punct = q["close"] > ps and text[q["close"] - 1] in _SENT_PUNCT
                if earlier or not after_punct:
                    sent = view.sentence_at(q["close"])
                    q["start"] = sent.start if sent else ps
                else:
                    q["start"] = ps
                    q["note"] = "no opening mark; quotation taken from the start of its paragraph"
                    q["recovered"] = True
            else:
                q["start"] = q["open"] + 1
                if q["close"] is None:
                    nxt = paras[n + 1] if n + 1 < len(paras) else None
                    if nxt and text[nxt[0]] == text[q["open"]] and text[q["open"]] in "“\"":
                        q["note"] = "continues in the next paragraph"
                    else:
                        q["note"] = "opening mark never closes; stopped at the end of its paragraph"
            q["end"] = q["stop"]
            s, e = q["start"], q["end"]
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            q["start"], q["end"] = s, e
            q["outer"] = (q["open"] if q["open"] is not None else s,
                          q["close"] + 1 if q["close"] is not None else e)
            if e > s:
                out.append(q)
                closed_here += q["close"] is not None
    out.sort(key=lambda q: (q["outer"][0], -q["outer"][1]))
    # Only spans still open at a quotation's start can contain it, so the scan is linear
    # in the text for anything but deep nesting.
    live: list[dict] = []
    for i, q in enumerate(out):
        q["id"] = i
        live = [p for p in live if p["outer"][1] >= q["outer"][0]]
        parents = [p for p in live if p["outer"][0] <= q["outer"][0] and q["outer"][1] <= p["outer"][1]]
        q["ancestors"] = sorted(parents, key=lambda p: p["outer"][0], reverse=True)   # nearest first
        q["depth"] = len(parents)
        if q["open"] is not None:                  # a span without its opening mark contains nothing
            live.append(q)
    return out


# ----------------------------------------------------------------------------- attribution

class _Doc:
    """Per-document lookups shared by every quotation (mentions, sentences)."""

    def __init__(self, view, spans):
        self.view, self.text, self.spans = view, view.text, spans
        self.mentions = actors.mentions(view)
        self._masked: dict[tuple, str] = {}
        self._cue_scan: dict[int, tuple] = {}
        self.by_start = sorted(self.mentions, key=lambda m: m["clean_start"])
        self._mstarts = [m["clean_start"] for m in self.by_start]
        self._ends = sorted(o["outer"][1] for o in spans)
        self._starts = [o["outer"][0] for o in spans]

    def cues_in(self, masked, lo, hi) -> list:
        """Cue-verb matches lying in masked[lo:hi]; one scan per distinct masked text."""
        hit = self._cue_scan.get(id(masked))
        if hit is None or hit[0] is not masked:
            ms = _cue_scanner().finditer(masked)
            hit = self._cue_scan[id(masked)] = (masked, ms, [m.start() for m in ms])
        _, ms, starts = hit
        return [m for m in ms[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)] if m.end() <= hi]

    def quotation_starts_in(self, lo, hi) -> bool:
        return bisect.bisect_left(self._starts, lo) < bisect.bisect_left(self._starts, hi)

    def mentions_in(self, lo, hi) -> list[dict]:
        """Mentions starting in [lo, hi), in text order."""
        return self.by_start[bisect.bisect_left(self._mstarts, lo):bisect.bisect_left(self._mstarts, hi)]

    def after_quotation(self, pos) -> bool:
        """A quotation closes at ``pos`` or just before it, with only , . and dashes between."""
        p = pos
        while p > 0 and self.text[p - 1] in " ,.—–":
            p -= 1
        i = bisect.bisect_left(self._ends, p)
        return i < len(self._ends) and self._ends[i] <= pos

    def masked(self, q) -> str:
        """The text with every quotation blanked but ``q``'s ancestors; siblings share one."""
        keep = tuple(sorted(a["id"] for a in q["ancestors"]))
        if keep not in self._masked:
            kept, pieces, pos = set(keep), [], 0
            for o in self.spans:                      # sorted by start; inner spans fall in a blank
                s, e = o["outer"]
                if o["id"] in kept or e <= pos:
                    continue
                s = max(s, pos)
                pieces += [self.text[pos:s], " " * (e - s)]
                pos = e
            pieces.append(self.text[pos:])
            self._masked[keep] = "".join(pieces)
        return self._masked[keep]

    def sent_bounds(self, pos, para) -> tuple[int, int]:
        s = self.view.sentence_at(pos)
        return (s.start, s.end) if s else para


def _key(m) -> tuple:
    return (m["actor_id"], m["text"] if m.get("rule") == "named_source" else "")


def _candidates(doc, masked, lo, hi) -> list[dict]:
    """Speaker candidates in masked[lo:hi]: actor mentions, pronouns, anaphoric descriptions."""
    out = [dict(m, how="mention") for m in doc.mentions_in(lo, hi)
           if m["clean_end"] <= hi and masked[m["clean_start"]:m["clean_end"]] == m["text"]]
    for rx, how in ((_pronoun_re(), "pronoun"), (_anaphora_re(), "anaphora")):
        for m in rx.finditer(masked, lo, hi):
            if not any(c["clean_start"] <= m.start() < c["clean_end"] for c in out):
                out.append({"clean_start": m.start(), "clean_end": m.end(), "text": m.group(0), "how": how})
    return sorted(out, key=lambda c: c["clean_start"])


def _antecedent(doc, masked, cand) -> dict | None:
    """The actor a pronoun or description points back to: most recent compatible mention."""
    word = cand["text"].lower()
    want = (_rules()["pronouns"].get(word) if cand["how"] == "pronoun"
            else _rules()["anaphora"].get(re.sub(r"\s+", " ", word))) or ""
    for m in reversed(doc.mentions):
        if m["clean_end"] > cand["clean_start"] or masked[m["clean_start"]:m["clean_end"]] != m["text"]:
            continue
        a = actors.actor(m["actor_id"])
        if want in ("m", "f"):
            if a["kind"] == "person" and a["gender"] == want or m.get("rule") == "named_source":
                return m
        elif a["kind"] in want.split():
            return m
    return None


def _prev_word(masked, pos) -> str:
    m = re.search(r"(\w+)\W*$", masked[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


_NOUN_BEFORE = re.compile(r"(?<![\w’'-])(?:the|a|an|its|their|his|her|these|those|our|whose)\s+$", re.IGNORECASE)


def _cues(doc, q, masked, lo, hi) -> list[dict]:
    """Every attribution cue in masked[lo:hi] with its speaker (if any)."""
    r = _rules()
    preps = set(r["speaker"]["prepositions"])
    rel = "|".join(r["cues"]["relative"])
    office = _alt(r["cues"]["office_words"])
    weak = {w.lower() for w in r["cues"]["weak"]}
    out = []
    for m in doc.cues_in(masked, lo, hi):
        verb = re.sub(r"\s+", " ", m.group(0).lower())
        cs, ce = m.start(), m.end()
        if _NOUN_BEFORE.search(masked, max(lo, cs - 8), cs):
            continue                             # "said the claims were", "its reports": a noun, no cue
        c = {"verb": verb, "cue_start": cs, "cue_end": ce, "speaker": None, "relay": [],
             "weak": verb in weak}
        after = _candidates(doc, masked, ce, hi)
        nxt = after[0] if after else None
        gap_after = masked[ce:nxt["clean_start"]] if nxt else None
        if verb == "according to":
            if nxt and re.fullmatch(r"\s+(?:the\s+)?", gap_after or "", re.IGNORECASE):
                c["speaker"] = nxt
            out.append(c)
            continue
        # extend the cue: adverb, "told AP", "said in his video address"
        if verb in ("told", "tells", "telling") and nxt and nxt["how"] == "mention" and re.fullmatch(r"\s+", gap_after):
            c["cue_end"] = nxt["clean_end"]
            if actors.side_of(nxt["actor_id"]) == "media":
                c["relay"].append(nxt["actor_id"])
            after = after[1:]
            nxt = after[0] if after else None
        aud = re.match(rf"\s+(?:{_alt(r['cues']['audiences'])})(?![\w-])", masked[c["cue_end"]:hi], re.IGNORECASE)
        if verb in ("told", "tells", "telling") and aud:
            c["cue_end"] += aud.end()
        ext = re.match(r"\s+\w+ly(?![\w-])", masked[c["cue_end"]:hi])
        if ext and _words(ext.group(0)) == 1 and ext.group(0).strip().lower() not in ("only", "early", "likely"):
            c["cue_end"] += ext.end()
        ext = _context_re().match(masked, c["cue_end"], hi)
        if ext:
            c["cue_end"] = ext.end()
            c["venue"] = ext.group(0)
        # inverted: ",” said one military officer"
        after_quote = doc.after_quotation(cs)
        if nxt and after_quote and re.fullmatch(r"\s+", masked[c["cue_end"]:nxt["clean_start"]]):
            c["speaker"] = nxt
            if nxt["how"] == "mention" and attribution.indefinite_role(masked, nxt):
                c["speaker"] = None
            out.append(c)
            continue
        # "X's office said"
        off = re.search(rf"['’]s\s+(?:{office})\s*$", masked[lo:cs])
        if off:
            ps = lo + off.start()
            prior = [x for x in _candidates(doc, masked, lo, ps) if x["clean_end"] == ps]
            if prior:
                c["speaker"], c["cue_start"] = prior[-1], ps
                body = attribution.office_of(prior[-1].get("actor_id"))
                if body and attribution._office_re().fullmatch(masked, prior[-1]["clean_start"], cs - 1):
                    # "Zelensky's office said": the office speaks (attribution.toml [source.office_of])
                    c["speaker"] = dict(prior[-1], actor_id=body, side=actors.side_of(body), kind="institution",
                                        text=masked[prior[-1]["clean_start"]:cs].rstrip(), clean_end=cs - 1)
                out.append(c)
                continue
        # subject before the verb
        for cand in reversed(_candidates(doc, masked, lo, cs)):
            gap = masked[cand["clean_end"]:cs]
            if ";" in gap or _words(gap) > r["speaker"]["max_gap_words"]:
                break
            if re.match(r"['’]s\b", gap):                      # possessive: "Zelensky’s aide"
                continue
            relative = re.fullmatch(rf"\s*,?\s*(?:{rel})\s*", gap, re.IGNORECASE)
            if _prev_word(masked, cand["clean_start"]) in preps and not relative:
                continue
            # apposition "Valeriy, another Ukrainian infantryman, told": take the name
            earlier = [x for x in _candidates(doc, masked, lo, cand["clean_start"])
                       if x.get("actor_id") == cand.get("actor_id") and x["how"] == "mention"
                       and re.fullmatch(r"\s*,\s*", masked[x["clean_end"]:cand["clean_start"]])]
            described = bool(re.search(r"(?<![\w’'])[a-z]", cand["text"]))   # "another Ukrainian infantryman"
            c["speaker"] = earlier[-1] if earlier and described else cand
            if cand["how"] == "mention" and attribution.indefinite_role(masked, cand):
                c["speaker"] = None              # "a Kremlin spokesman said": the frames name the source
            break
        out.append(c)
    for c in out:
        sp = c["speaker"]
        if sp and sp["how"] in ("pronoun", "anaphora"):
            c["pronoun"] = sp
            if sp["clean_end"] <= c["cue_start"] and _words(masked[sp["clean_end"]:c["cue_start"]]) <= 1:
                c["cue_start"] = sp["clean_start"]              # "he said", "The report adds"
            c["speaker"] = _antecedent(doc, masked, sp)
    return out


def _gap(masked, q, c) -> int:
    sp = c["speaker"] if c["speaker"] and "pronoun" not in c else None
    s = min(c["cue_start"], sp["clean_start"]) if sp else c["cue_start"]
    e = max(c["cue_end"], sp["clean_end"]) if sp else c["cue_end"]
    if e <= q["outer"][0]:
        return _words(masked[e:q["outer"][0]])
    if s >= q["outer"][1]:
        return _words(masked[q["outer"][1]:s])
    # speaker before, verb after ("his top generals, who “unanimously” advised"): count to the verb
    if c["cue_start"] >= q["outer"][1]:
        return _words(masked[q["outer"][1]:c["cue_start"]])
    return _words(masked[c["cue_end"]:q["outer"][0]]) if c["cue_end"] <= q["outer"][0] else 0


def _relay_contexts(doc) -> list[tuple[int, tuple, str]]:
    """(position, speaker key, medium) for sentences like "Zelenskyy told the Associated Press"
    or "In an interview with The Associated Press, ... Zelensky": later quotations by that
    speaker with plain speech verbs are relayed by that medium."""
    r = _rules()["relay"]
    words = re.compile(rf"(?<![\w-])(?:{_alt(r['interview_words'])})(?![\w-])", re.IGNORECASE)
    allmask = doc.masked({"ancestors": [], "id": -1})
    out = []
    for s in doc.view.sentences:
        if not words.search(allmask, s.start, s.end):
            continue
        ms = [m for m in doc.mentions if s.start <= m["clean_start"] < s.end
              and allmask[m["clean_start"]:m["clean_end"]] == m["text"]]
        for med in (m for m in ms if m["side"] == "media"):
            people = [m for m in ms if m["side"] != "media"]
            before = [m for m in people if m["clean_end"] <= med["clean_start"]]
            who = before[-1] if before else (people[0] if people else None)
            if who:
                out.append((s.start, _key(who), med["actor_id"]))
    return out


def _is_partial(text, q, lo) -> bool:
    body = text[q["start"]:q["end"]]
    if body[:1].islower():
        return True
    before = text[lo:q["outer"][0]].rstrip()
    return bool(before) and before[-1] not in ",:;—–.!?(\"“‘"


def quotes(view) -> list[dict]:
    """Quotations and quoted terms of ``view`` (row schema in the module doc)."""
    spans = _spans(view)
    doc = _Doc(view, spans)
    r = _rules()
    tr = r["terms"]
    naming = re.compile(rf"(?:{_alt(tr['naming'])})\s*(?:\w+\s+){{0,2}}$", re.IGNORECASE)
    plain = set(r["relay"]["plain_verbs"])
    reports = set(r["relay"].get("report_verbs", []))
    contexts = _relay_contexts(doc)
    text, rows, done = view.text, [], {}
    last_spoken: dict[tuple, dict] = {}       # (paragraph, depth) -> its latest quotation with a speaker
    for q in spans:
        masked = doc.masked(q)
        ps, pe = q["para"]
        lo = doc.sent_bounds(q["outer"][0], q["para"])[0] if not q.get("recovered") else ps
        hi = doc.sent_bounds(max(q["outer"][1] - 1, q["outer"][0]), q["para"])[1]
        lo, hi = max(lo, ps), min(hi, pe)
        for a in q["ancestors"]:                              # stay inside the enclosing quotation
            lo, hi = max(lo, a["start"]), min(hi, a["end"])
        # a text without sentence punctuation is one sentence: look no further than a cue can be
        lo, hi = max(lo, q["outer"][0] - r["speaker"]["window_chars"]), min(hi, q["outer"][1] + r["speaker"]["window_chars"])
        cues = _cues(doc, q, masked, lo, hi)
        body = text[q["start"]:q["end"]]
        # only compared with the term thresholds: stop counting past them
        nwords = sum(1 for _ in itertools.islice(_WORD.finditer(body, 0, 4000), tr["max_words"] + tr["min_quote_words"] + 1))
        scored = sorted(((c["speaker"] is None, _gap(masked, q, c) + 2 * c["weak"], c) for c in cues
                         if not (c["weak"] and _gap(masked, q, c) > tr["adjacent_words"])),
                        key=lambda t: (t[0], t[1]))
        cue = scored[0][2] if scored else None
        gap = scored[0][1] if scored else None
        if cue is not None and cue["speaker"] is not None and cue["speaker"].get("side") == "media" \
                and cue["verb"] in reports:
            people = [t for t in scored if t[2]["speaker"] is not None and t[2]["speaker"].get("side") != "media"
                      and not t[2]["weak"]]
            if people:
                gap, cue = people[0][1], people[0][2]
        note, partial = q["note"], _is_partial(text, q, lo)
        inherited = None
        if cue is None or cue["speaker"] is None:
            # continued quotation: ("...," Zelensky said. "...") or a block after "X said:"
            prev = last_spoken.get((q["para"], q["depth"]))
            starts_sentence = masked[lo:q["outer"][0]].strip() == ""
            if prev and starts_sentence:
                inherited = prev
            elif q["prev_para"] and q["start"] <= ps + 1 and text[q["prev_para"][0]:q["prev_para"][1]].rstrip().endswith(":"):
                pp = q["prev_para"]
                intro = doc.sent_bounds(pp[1] - 1, pp)
                intro_cues = [c for c in _cues(doc, q, masked, *intro) if c["speaker"]]
                if intro_cues:
                    cue, gap = intro_cues[-1], 0
        if nwords <= tr["max_words"] and not inherited:
            named = naming.search(masked[lo:q["outer"][0]])
            speech = cue is not None and not named and (
                gap - 2 * cue["weak"] <= tr["adjacent_words"] or (nwords >= tr["min_quote_words"] and cue["speaker"] is not None
                                                and cue["cue_end"] <= q["outer"][0] and not cue["weak"]))
            kind = "quote" if speech else "term"
        else:
            kind = "quote"
        row = {"doc_id": view.doc_id, "sent_id": (view.sentence_at(q["start"]) or _NoSent).sent_id,
               "clean_start": q["start"], "clean_end": q["end"], "text": body, "kind": kind,
               "partial": partial, "depth": q["depth"], "speaker": None, "speaker_name": None,
               "speaker_start": None, "speaker_end": None, "cue": None, "cue_start": None, "cue_end": None,
               "via": "", "resolved": (q["open"] is not None and q["close"] is not None
                                       or note.startswith("continues") or bool(q.get("recovered"))),
               "note": note}
        if kind == "term":
            row["partial"] = True
            row["resolved"] = q["open"] is not None and q["close"] is not None
            rows.append(row)
            done[q["id"]] = row
            continue
        via = []
        if inherited:
            for k in ("speaker", "speaker_name", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end"):
                row[k] = inherited[k]
            via = [v for v in inherited["via"].split(";") if v]
            note = note or "continues the previous quotation"
        elif cue is not None and cue["speaker"] is not None:
            sp = cue["speaker"]
            row.update(speaker=sp["actor_id"], speaker_name=sp["text"], speaker_start=sp["clean_start"],
                       speaker_end=sp["clean_end"], cue=text[cue["cue_start"]:cue["cue_end"]],
                       cue_start=cue["cue_start"], cue_end=cue["cue_end"])
            via += cue["relay"]
            sent_media = [m["actor_id"] for m in doc.mentions_in(lo, hi)
                          if m["side"] == "media" and masked[m["clean_start"]:m["clean_end"]] == m["text"]]
            via += sent_media
            # reported speech: "Zelensky said he had met his top generals, who ... advised"
            for c in cues:
                if (c is not cue and c["speaker"] is not None and c["cue_end"] <= sp["clean_start"]
                        and not doc.quotation_starts_in(c["cue_end"], sp["clean_start"])):
                    via.append(c["speaker"]["actor_id"])
            if q.get("recovered") or (q["prev_para"] and q["start"] <= ps + 1):
                pp = q["prev_para"]
                if pp and text[pp[0]:pp[1]].rstrip().endswith(":"):
                    intro = doc.sent_bounds(pp[1] - 1, pp)
                    via += [m["actor_id"] for m in doc.mentions if intro[0] <= m["clean_start"] < intro[1]
                            and m["side"] == "media"]
            own_venue = cue.get("venue") and not re.search(r"interview", cue["venue"], re.IGNORECASE)
            if not via and cue["verb"] in plain and not own_venue:   # "said in a Telegram post": not the interview
                ctx = [c for c in contexts if c[0] < q["start"] and c[1] == _key(sp)]
                if ctx:
                    via.append(ctx[-1][2])
        else:
            row["resolved"] = False
            note = "; ".join(x for x in (note, "no speaker found") if x)
            if cue is not None:
                row.update(cue=text[cue["cue_start"]:cue["cue_end"]], cue_start=cue["cue_start"], cue_end=cue["cue_end"])
        for a in q["ancestors"]:
            pa = done.get(a["id"])
            if pa and pa["speaker"]:
                via += [pa["speaker"]] + [v for v in pa["via"].split(";") if v]
        seen = []
        for v in via:
            if v and v != row["speaker"] and v not in seen:
                seen.append(v)
        row["via"] = ";".join(seen)
        if q["close"] is None and not note.startswith("continues"):
            row["resolved"] = False
        row["note"] = note
        rows.append(row)
        done[q["id"]] = row
        if row["speaker"]:
            last_spoken[(q["para"], q["depth"])] = row
    rows.sort(key=lambda r: (r["clean_start"], -r["clean_end"]))
    _from_frames(view, rows, naming)
    _continued_sentences(view, rows)
    _echoes(view, rows)
    # "Source: X in an interview with Y" heads the story: Y relays what X says in it
    lines = [f for f in attribution.frames(view) if f["rule"] == "source_line" and f["relay"] and f["actor_id"]]
    for row in rows:
        line = [f for f in lines if f["cue_start"] < row["clean_start"] and f["actor_id"] == row["speaker"]]
        if line and not row["via"]:
            row["via"] = ";".join(v for v in line[-1]["relay"].split(";") if v != row["speaker"])
    credits = attribution.credit_relays(view)
    own = actors.outlet_id(getattr(view, "outlet", "") or "")
    for row in rows:
        if credits and (row["speaker"] or row["speaker_name"]):
            via = [v for v in row["via"].split(";") if v]
            row["via"] = ";".join(via + [c for c in credits if c not in via and c != row["speaker"]])
        if own and own in row["via"].split(";"):     # "wrote to The Moscow Times" in The Moscow Times: no relay
            row["via"] = ";".join(v for v in row["via"].split(";") if v != own)
    return rows


def _echoes(view, rows: list[dict]) -> None:
    """A headline or subheading quoting words with no speaker ("'A beacon on the Black Sea' as
    grain deal is signed") takes the speaker of the attributed quotation that holds those words."""
    said = [r for r in rows if r["kind"] == "quote" and r["speaker_name"]]
    places = attribution._places()
    for row in rows:
        if row["speaker_name"] and not (row["speaker"] is None and row["speaker_name"] in places) or row["depth"]:
            continue                             # "Ukraine: 'We are not afraid'": a place labels, it does not speak
        sent = view.sentence_at(row["clean_start"])
        if sent is None or len(view.text[sent.start:sent.end].split()) > 16 or \
                view.text[sent.start:sent.end].rstrip().endswith(".") or \
                sum(1 for x in view.sentences if x.para_id == sent.para_id) > 1:
            continue                             # a heading line of its own, not a sentence of the body
        words = _norm(row["text"]).split()
        if len(words) < 2:
            continue
        key = " " + " ".join(words) + " "
        for r in said:
            if r is not row and key in " " + _norm(r["text"]) + " " and len(_norm(r["text"]).split()) > len(words):
                row.update({k: r[k] for k in ("speaker", "speaker_name", "speaker_start", "speaker_end",
                                              "cue", "cue_start", "cue_end", "via")}, kind="quote")
                row["note"] = "; ".join(x for x in (row["note"].replace("no speaker found", "").strip("; "),
                                                    "speaker of the quotation it echoes") if x)
                row["resolved"] = row["resolved"] or not row["note"].startswith("opening")
                break


def _continued_sentences(view, rows: list[dict]) -> None:
    """A whole quoted sentence right after an attributed quotation of its paragraph, with only
    that quotation's cue between them ('“...,” the president said. “Not Donbas, not
    Zaporizhzhia.”'), continues it: the frames resolve an anaphor cue only after the loop above."""
    text = view.text
    for prev, row in zip(rows, rows[1:]):
        if (row["kind"] != "term" or row["depth"] or prev["depth"] or prev["kind"] != "quote" or not prev["speaker_name"]
                or prev["cue_end"] is None or prev["cue_end"] > row["clean_start"]):
            continue
        body = row["text"].strip()
        if not (body[:1].isupper() and body[-1:] in ".!?" and len(body.split()) >= 2):
            continue
        between = text[max(prev["clean_end"], prev["cue_end"]):row["clean_start"]].rstrip("“\"‘'")
        sent = view.sentence_at(row["clean_start"])
        if "\n" in between or "“" in between or '"' in between or len(between) > 80 or sent is None \
                or text[sent.start:row["clean_start"]].strip() not in ("", "“", '"'):
            continue
        row.update({k: prev[k] for k in ("speaker", "speaker_name", "speaker_start", "speaker_end", "cue",
                                         "cue_start", "cue_end", "via")},
                   kind="quote", partial=False, note="continues the previous quotation")


def _from_frames(view, rows: list[dict], naming) -> None:
    """Speakers the codebook-bound rules above could not name, from the attribution frames
    (analysis.attribution): the frame of the quotation's own sentences, else the speaker of
    the previous quotation in its paragraph or the one before, else the last frame there.
    A short quotation woven into a clause that has a speech frame is that speaker's words."""
    frames = attribution.frames(view)
    if not frames:
        return
    starts = [g["cue_start"] for g in frames]    # frames come sorted by cue_start
    done = []
    for row in rows:
        s, e = row["clean_start"], row["clean_end"]
        if row["depth"]:
            done.append(row)
            continue
        prev = done[-1] if done else None
        if (prev is not None and "continues the previous quotation" in row["note"] and prev["cue_start"] == row["cue_start"]
                and prev["speaker_name"] and prev["speaker_name"] != row["speaker_name"]):
            for k in ("speaker", "speaker_name", "speaker_start", "speaker_end", "via"):
                row[k] = prev[k]                 # the quotation it continues was attributed again below
            done.append(row)
            continue
        f = attribution.quote_frame(view, frames, s, e)
        # a pronoun cue ("he said") is resolved by the frames, which prefer the previous subject
        pronoun_cue = bool(row["cue"]) and bool(_pronoun_re().match(row["cue"]) or _anaphora_re().match(row["cue"]))
        # the codebook rules took a modifier of the source ("Wagner" in "Wagner chief Yevgeny
        # Prigozhin said"): the frame names the head
        own = next((g for g in frames if row["cue_start"] is not None and g["quoted_start"] is None
                    and text_kit.overlaps((g["cue_start"], g["cue_end"]), (row["cue_start"], row["cue_end"]))), None)
        g = own or f
        inside = (g is not None and g["actor_id"] and g["actor_id"] != row["speaker"]
                  and row["speaker_start"] is not None and g["source_start"] <= row["speaker_start"] < g["source_end"]
                  and (actors.kind_of(g["actor_id"]) == "person") and actors.kind_of(row["speaker"]) != "person")
        # the frame of the very cue the rules above used names another source: its subject
        # was parsed as a noun phrase (across appositions, relative clauses, "and said")
        disagree = (own is not None and own["source_text"] and row["speaker_start"] is not None
                    and not (own["source_start"] <= row["speaker_start"] < own["source_end"])
                    and (own["actor_id"] or own["rule"] in ("coordinated",) or own.get("relative_subject")))
        # a nearer cue of the same sentence has a source the codebook does not know ("While Russian
        # bloggers claimed ..., the think tank said it had “...”"): that frame is the quotation's
        nearer = (f is not None and not disagree and not inside and row["cue_start"] is not None and f["source_text"]
                  and f["sent_id"] == row["sent_id"] and f["actor_id"] is None and f["cue_kind"] == "speech"
                  and f["rule"] in ("verb_subject", "verb_inverted", "coordinated")
                  and _span_gap(f["cue_start"], f["cue_end"], s, e) < _span_gap(row["cue_start"], row["cue_end"], s, e)
                  and not (f["source_start"] <= (row["speaker_start"] or -1) < f["source_end"]))
        # "Ukraine's Foreign Ministry spokesman Heorhii Tykhyi said": the codebook body only
        # describes the person the frame names, who is not in the codebook
        modifier = (own is not None and own["actor_id"] is None and own["source_kind"] == "person"
                    and row["speaker"] is not None and actors.kind_of(row["speaker"]) != "person"
                    and row["speaker_start"] is not None and row["speaker_end"] is not None
                    and own["source_start"] <= row["speaker_start"] and row["speaker_end"] < own["source_end"]
                    and re.search(r"[A-Z][\w’'-]+\s+[A-Z][\w’'-]+$", own["source_text"]) is not None)
        if inside or disagree or modifier:
            f = g
            disagree = disagree or modifier
        final = _final_frame(view, frames, row)
        if final is not None and not inside and not modifier:
            f, disagree = final, True
        if row["speaker"] is not None and not inside and not disagree and not nearer and not (pronoun_cue and f is not None and f["carried"]):
            done.append(row)
            continue
        carried = None
        if f is None and row["kind"] == "quote" and row["speaker_name"] is None and \
                (row["cue"] or "").lower() in {w.lower() for w in _rules()["cues"]["weak"]}:
            done.append(row)                     # "... a soldier ... after chanting “...”": a cue of its own, no carry
            continue
        if f is None and row["kind"] == "quote":
            prev = [r for r in done if r["kind"] == "quote" and (r["speaker"] or r["speaker_name"])
                    and attribution.near_paragraph(view, r["clean_start"], s)]
            carried = prev[-1] if prev else None
            if carried is None:
                f = attribution.carried_frame(view, frames, s)
            else:
                # "Her neighbour, Mykola, said he had spent the night there. “We are used to it.”": a speaker
                # reported in the quotation's own paragraph after the previous quotation says it
                para = (view.sentence_at(s) or _NoSent).para_id
                between = [g for g in frames[bisect.bisect_right(starts, carried["clean_end"]):bisect.bisect_left(starts, s)]
                           if g["quoted_start"] is None and g["para_id"] == para and g["cue_kind"] == "speech"
                           and g["source_text"] and g["rule"] in ("verb_subject", "verb_inverted")]
                if between:
                    carried, f = None, between[-1]
        if row["kind"] == "term":
            sent = view.sentence_at(s)
            lo = sent.start if sent else 0
            if f is None or f["rule"] == "source_line" or naming.search(view.text[lo:max(lo, s - 1)]) \
                    or not (attribution.same_clause(view, f, s) or f["rule"] == "dash_line"):
                done.append(row)
                continue
            row["kind"], row["partial"] = "quote", True
        if carried is not None:
            for k in ("speaker", "speaker_name", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "via"):
                row[k] = carried[k]
            row["note"] = "; ".join(x for x in (row["note"], "speaker carried from the previous quotation") if x)
        elif f is not None:
            row.update(speaker=f["actor_id"], speaker_name=f["source_text"], speaker_start=f["source_start"],
                       speaker_end=f["source_end"], cue=f["cue"], cue_start=f["cue_start"], cue_end=f["cue_end"],
                       via=";".join(v for v in f["relay"].split(";") if v and v != f["actor_id"]))
            if f["carried"] or f["sent_id"] != (view.sentence_at(s) or _NoSent).sent_id:
                row["note"] = "; ".join(x for x in (row["note"], "speaker carried from an earlier sentence") if x)
        row["note"] = row["note"].replace("no speaker found", "").strip("; ") if row["speaker_name"] else row["note"]
        if row["speaker_name"] and row["note"] == "":
            row["resolved"] = True
        done.append(row)


def _final_frame(view, frames: list[dict], row: dict) -> dict | None:
    """"The White House asked him to help “kickstart negotiations”, a U.S. official said.": a
    sentence that ends in its attribution is all that source's account, so a quotation whose own
    cue is no speech verb of the frames ("asked", "urged") takes the final frame's source."""
    verb = (row["cue"] or "").split()[-1:] if row["cue"] else []
    if not verb or row["speaker"] is None or verb[0].lower() in attribution.rules()["verbs"] \
            or verb[0].lower() in attribution.rules()["acts"]:
        return None
    sent = view.sentence_at(row["clean_start"])
    if sent is None:
        return None
    for f in frames:
        if (f["sent_id"] == sent.sent_id and f["quoted_start"] is None and f["cue_kind"] == "speech"
                and f["cue_start"] > row["clean_end"] and f["source_text"]
                and re.fullmatch(r"[\s.!?”\"’]*", view.text[f["cue_end"]:sent.end])
                and re.search(r",\s*(?:[a-z]+\s+){0,3}$", view.text[sent.start:min(f["cue_start"], f["source_start"])])):
            return f
    return None


def _span_gap(a: int, b: int, s: int, e: int) -> int:
    """Characters between span a:b and a quotation s:e (0 when they touch or overlap)."""
    return text_kit.gap((a, b), (s, e))


class _NoSent:
    sent_id = None
    para_id = None


# ----------------------------------------------------------------------------- groups

def _norm(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^\w\s']", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def same_quotation(a: str, b: str, threshold: float = 0.9, min_words: int = 5) -> bool:
    """True when two quoted passages are the same words allowing small differences:
    normalised (case, marks, punctuation, [insertions]) they match with a difflib ratio
    >= ``threshold``, or the shorter (of at least ``min_words`` words) is contained in
    the longer with that ratio."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
    if sm.ratio() >= threshold:
        return True
    short = min(x, y, key=len)
    if len(short.split()) < min_words:
        return False
    matched = sum(b.size for b in sm.get_matching_blocks())
    return matched / len(short) >= threshold


def comparable(kind_a, kind_b, words_a: set, words_b: set, doc_a, doc_b, spans_a, spans_b) -> bool:
    """Whether two classes of quotations (one wording each) are worth a ``same_quotation``
    test: the same kind, sharing at least 60% of the smaller one's words, and not every
    quotation of one nested in one of the other inside one document (``doc_a``/``doc_b``:
    the class's one document, None when it spans several; ``spans_*``: its quotations'
    clean spans there). Used by ``quote_groups`` and its Dask twin (``quotes_dask``)."""
    if kind_a != kind_b:
        return False
    if doc_a is not None and doc_a == doc_b and all(
            text_kit.inside(sb, sa) or text_kit.inside(sa, sb) for sa in spans_a for sb in spans_b):
        return False
    small = min(len(words_a), len(words_b))
    return bool(small) and len(words_a & words_b) / small >= 0.6


def _story(row: dict, stories: dict | None):
    story = (stories or {}).get(row["doc_id"]) or row.get("copy_group")
    return story if isinstance(story, str) and story else row["doc_id"]


class DisjointSets:
    """Union-find over 0..n-1: which items have been joined into one group."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, keep: int, join: int) -> None:
        self.parent[self.find(join)] = self.find(keep)


# Classes of quotations a class is compared with, at most (none of the development corpus's
# 367 classes has more than 79 candidates: exact there).
CANDIDATES = 100


def quote_groups(rows: list[dict], threshold: float = 0.9, stories: dict | None = None) -> list[dict]:
    """Copies of ``rows`` (from ``quotes`` over many documents) with three more columns:
    group          "q0001", ... shared by rows that are the same quotation (``same_quotation``);
                   rows of different kinds (quote/term) are never grouped together
    group_docs     how many distinct documents the group appears in
    group_stories  how many distinct stories: near-duplicate copies of one story (the
                   documents' ``copy_group``) count once. A document's story is
                   ``stories[doc_id]``, else the row's own ``copy_group``, else the document
    Groups are numbered in the order of their first row."""
    sets = DisjointSets(len(rows))
    find = sets.find

    # Quotations with the same normalised words are one group at once; the fuzzy
    # comparison below then runs once per distinct wording, not once per row.
    classes: dict = {}
    normed: dict = {}       # a corpus repeats its quotations: normalise each wording once
    for i, r in enumerate(rows):
        text = r["text"]
        if text not in normed:
            normed[text] = _norm(text)
        classes.setdefault((r["kind"], normed[text]), []).append(i)
    members = list(classes.values())
    for m in members:
        for j in m[1:]:
            sets.union(m[0], j)
    reps = [rows[m[0]] for m in members]
    toks = [set(key[1].split()) for key in classes]
    # the one document of a class, or None when it spans several: nesting is within one document
    only_doc, spans = [], []
    for m in members:
        first = rows[m[0]]["doc_id"]
        one = all(rows[k]["doc_id"] == first for k in m)
        only_doc.append(first if one else None)
        spans.append([(rows[k]["clean_start"], rows[k]["clean_end"]) for k in m] if one else [])

    # Candidate pairs only: two quotations sharing >= 60% of the smaller one's words share
    # one of its (len - ceil(0.6 len) + 1) rarest words, so an index on those finds them all.
    index: dict = {}
    for i, t in enumerate(toks):
        for w in t:
            index.setdefault(w, []).append(i)
    for i in range(len(members)):
        rare = sorted(toks[i], key=lambda w: (len(index[w]), w))
        keep = len(rare) - math.ceil(0.6 * len(rare)) + 1
        # at most CANDIDATES other classes, from the rarest word's bucket first: a wording
        # repeated with a thousand variants would otherwise compare all pairs of them
        found: dict = {}
        for w in rare[:keep]:
            for j in index[w]:
                if j != i:
                    found.setdefault(j, None)
                    if len(found) >= CANDIDATES:
                        break
            if len(found) >= CANDIDATES:
                break
        candidates = sorted(found)
        for j in candidates:
            a, b = members[i][0], members[j][0]
            if find(a) == find(b) or not comparable(reps[i]["kind"], reps[j]["kind"], toks[i], toks[j],
                                                    only_doc[i], only_doc[j], spans[i], spans[j]):
                continue
            if same_quotation(reps[i]["text"], reps[j]["text"], threshold):
                sets.union(a, b)
    ids, out = {}, []
    for i, r in enumerate(rows):
        ids.setdefault(find(i), f"q{len(ids) + 1:04d}")
    docs, told = {}, {}
    for i, r in enumerate(rows):
        docs.setdefault(find(i), set()).add(r["doc_id"])
        told.setdefault(find(i), set()).add(_story(r, stories))
    for i, r in enumerate(rows):
        out.append({**r, "group": ids[find(i)], "group_docs": len(docs[find(i)]),
                    "group_stories": len(told[find(i)])})
    return out
