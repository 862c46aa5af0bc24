"""Statements of an actor about negotiations and territory, found in a corpus and its
evidence tables, coded on the scale of ``data/position_scale.toml`` and dated.

Pure functions of the loaded corpus and its evidence (``analysis.evidence.load``): the
scale, the cue phrases, the topic words, the statement verbs and the dating rules are data
(``data/position_scale.toml``, plus the speech verbs of ``data/quote_cues.toml``). Nothing
about any actor, date or outlet is written here.

A statement is either a quotation whose speaker is the actor, or a sentence where the
actor is the grammatical subject of a speech or decision verb ("Zelensky signed a
decree that ..."); it counts when its sentence names a topic cue. Each is coded by
the first level (in ``[scale].order``) one of whose cues matches, and dated by when it
was made (see ``[dating]``), falling back to the article date, flagged. The same
quotation elsewhere is the evidence quotes table's ``group`` (``quotes.quote_groups``).

``human_codes`` places a human coding (a CSV of statements as written, with their level)
in the corpus documents, for the agreement of the two codings (``kit.agreement``).
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus import docview
from analysis.corpus.paths import ROOT
from analysis.corpus.rulefiles import load_toml
from analysis.corpus.textmap import read_raw
from analysis.extract import actors, attribution
from analysis.kit import rows as rows_kit
from analysis.kit import text as text_kit

CODINGS = ROOT / "analysis" / "data" / "codings" / "positions_human.csv"
TEXT_DATED = ("sentence", "previous sentence", "carried", "same quotation")

STATEMENT_COLUMNS = [
    "doc_id", "sent_id", "source", "actor", "claimant", "outlet", "published", "date_basis", "file", "start", "end",
    "text", "verb", "occasion", "level", "label", "level_cue", "polarity", "condition", "uncoded_reason",
    "date", "date_end", "granularity", "dated_by",
    "date_text", "date_start_raw", "date_end_raw", "group", "sentence", "sentence_start", "sentence_end",
    "copy_group", "copies", "copy_spans",
]
# The same statement (actor, quote or reported, words) in several copies of one story is one
# statement, its copies listed (``copies.merge``).
COPY_KEY = ("actor", "source", "text")


# ----------------------------------------------------------------------------- rules

@lru_cache(maxsize=1)
def rules() -> dict:
    """``data/position_scale.toml`` as a dict."""
    return load_toml("position_scale.toml")


def _rx(pattern: str) -> str:
    return pattern.replace("'", "['’]")


def _words_rx(words) -> re.Pattern:
    return text_kit.phrase_regex(words, apostrophes=True)


@lru_cache(maxsize=1)
def _level_rx() -> list[tuple[int, str, list[tuple[str, re.Pattern]]]]:
    levels = {lv["level"]: lv for lv in rules()["level"]}
    return [(n, levels[n]["label"], [(c, re.compile(_rx(c), re.I)) for c in levels[n]["cues"]])
            for n in rules()["scale"]["order"]]


@lru_cache(maxsize=1)
def _topic_rx() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(_rx(c) for c in rules()["topic"]["cues"]) + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _verb_rx() -> re.Pattern:
    return _words_rx(list(actors.cue_rules()["cues"]["verbs"]) + list(rules()["statement"]["verbs"]))


@lru_cache(maxsize=1)
def _possessive_rx() -> re.Pattern:
    nouns = "|".join(_rx(re.escape(w)) for w in rules()["statement"]["own_nouns"])
    return re.compile(rf"['’]s?\s+(?:[\w-]+\s+){{0,3}}?({nouns})(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _own_pronoun_rx() -> re.Pattern:
    """A sentence opening on the speaker's own act by pronoun: "His 10-point peace formula covers ..."."""
    nouns = "|".join(_rx(re.escape(w)) for w in rules()["statement"]["own_nouns"])
    return re.compile(rf"(?:his|her)\s+(?:[\w“”\"-]+\s+){{0,3}}?[“\"]?(?:{nouns})(?![\w-])", re.I)



@lru_cache(maxsize=1)
def _coding() -> dict:
    c = rules()["coding"]
    rx = lambda words: re.compile(r"(?<![\w-])(?:" + "|".join(_rx(w) for w in words) + r")(?![\w-])", re.I)  # noqa: E731
    return {"objects": [(o, rx(c[o])) for o in c["objects"]], "levels": c["levels"],
            "negators": rx(c["polarity"]["negators"]), "conditions": rx(c["polarity"]["conditions"]),
            "after": rx(c["polarity"]["after_object"]),
            "double": rx(c["polarity"]["double_negation"]),
            "reinforcing": re.compile("|".join(_rx(w) for w in c["polarity"]["reinforcing"]), re.I),
            "asked": re.compile("|".join(_rx(w) for w in c["polarity"]["asked"]), re.I),
            "capability": rx(c.get("capability", [])) if c.get("capability") else re.compile(r"(?!)"),
            "leader": re.compile("|".join(_rx(w) for w in c["polarity"].get("leader_conditions", [])) or r"(?!)", re.I),
            "demand": re.compile("|".join(_rx(w) for w in c["polarity"].get("others_demand", [])) or r"(?!)", re.I)}


# A sentence end, or a relative clause or "but" clause that has a verb of its own, bounds the
# clause a cue's polarity is read in ("... but would send a team to discuss a ceasefire").
_SENT_END = r"[.?!][\"”’]?\s+(?=[\"“‘]?[A-Z])|,\s+(?:which|who)\s|\s+but\s+(?:would|will|could|can|is|are|was)\s"


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    a = max([0] + [m.end() for m in re.finditer(r"[;:]|\s[—–]\s|,\s+(?:but|while|and)\s|" + _SENT_END, text[:pos])])
    m = re.search(r"[;]|\s[—–]\s|,\s+(?:but|while|whereas)\s|" + _SENT_END, text[pos:])
    return a, pos + m.start() if m else len(text)


def read(text: str) -> dict:
    """How a statement reads: level (1-5 or None), label, cue (the words that decided it),
    polarity (affirmed / negated), condition (the condition as worded, or ""), and
    uncoded_reason when no rule codes it. A level cue of the scale decides first unless the
    clause negates it ("will never recognise Crimea as Russian" is a refusal, level 1); then
    the object of the statement (talks, truce, territory ceded or held) and its polarity."""
    c = _coding()
    levels = {lv["level"]: lv["label"] for lv in rules()["level"]}
    # a question put to the speaker ("Asked whether he would cede Donbas, Zelensky said ...") is not
    # his statement: blanked, so offsets stay
    text = c["asked"].sub(lambda m: " " * len(m.group(0)), text)
    cond = c["conditions"].search(text)
    condition = text[cond.start():_clause_of(text, cond.start())[1]].strip(" ,.") if cond else ""
    for level, label, cues in _level_rx():
        for _, rx in cues:
            m = rx.search(text)
            if not m:
                continue
            a, _ = _clause_of(text, m.start())
            neg = c["negators"].search(text, a, m.start())
            if neg and level == 1 and c["reinforcing"].fullmatch(neg.group(0)):
                neg = None          # "dismissed as an ultimatum": a refusal of what the cue already refuses
            if neg is None and level >= 4:      # "recognition of Crimea as Russian is a red line": refused after
                after = c["after"].search(text, m.end(), min(_clause_of(text, m.start())[1], m.end() + 80))
                neg = after if after and len(text[m.end():after.start()].split()) <= 8 else None
            if neg is None and level >= 4 and c["demand"].search(text, a, m.start()):
                # "Moscow demands that Ukraine recognise Crimea as Russian": the other side's terms as reported
                return {"level": None, "label": "", "cue": m.group(0), "polarity": "affirmed", "condition": condition,
                        "uncoded_reason": "a concession the other side demands, not one the speaker accepts"}
            if neg and level >= 4:
                return {"level": 1, "label": levels[1], "cue": f"{neg.group(0)} … {m.group(0)}",
                        "polarity": "negated", "condition": condition, "uncoded_reason": ""}
            if not neg:
                refusal = c["negators"].search(text, a, m.end())
                talks = any(o in ("talks", "truce") and orx.search(text) for o, orx in c["objects"])
                if level == 1 and refusal and condition and talks and not c["leader"].search(condition):
                    level, label = 3, levels[3]        # "no talks until they withdraw": talks, on a condition
                return {"level": level, "label": label, "cue": m.group(0),
                        "polarity": "negated" if refusal else "affirmed", "condition": condition, "uncoded_reason": ""}
    uncoded = None
    for obj, rx in c["objects"]:
        m = rx.search(text)
        if not m:
            continue
        a, _ = _clause_of(text, m.start())
        # a negator may open the object's own words ("no compromises as to the sovereignty")
        neg = c["negators"].search(text, a, m.start()) or c["negators"].match(text, m.start())
        if neg and c["double"].search(text, a, m.start()):
            neg = None          # "did not rule out talks": a refusal refused
        elif neg is None and obj != "hold":        # "talks with Putin “impossible”": a refusal after its object
            after = c["after"].search(text, m.end(), min(_clause_of(text, m.start())[1], m.end() + 80))
            neg = after if after and len(text[m.end():after.start()].split()) <= 8 else None
        # "no talks as long as Putin is president": a refusal of talks with the leader, not a condition of talks
        conditional = condition and not c["leader"].search(condition)
        reading = "conditional" if neg and conditional else "negated" if neg else "affirmed"
        if obj == "hold" and neg and c["capability"].search(text, a, _clause_of(text, m.start())[1]):
            # "does not need to retake all its territories by force": what force can do, not what is given up
            uncoded = uncoded or {"level": None, "label": "", "cue": f"{neg.group(0)} … {m.group(0)}", "polarity": "negated",
                                  "condition": condition,
                                  "uncoded_reason": "an assessment of what force can retake, not a position on terms"}
            continue
        level = c["levels"][obj].get(reading)
        if level is None:
            # an object the scale cannot code affirmed ("would turn into a frozen conflict") leaves
            # the statement to the next object it names ("negotiations before the withdrawal")
            uncoded = uncoded or {"level": None, "label": "", "cue": m.group(0), "polarity": "affirmed",
                                  "condition": condition,
                                  "uncoded_reason": f"{obj} affirmed without the terms the scale needs"}
            continue
        return {"level": level, "label": levels[level], "cue": (f"{neg.group(0)} … " if neg else "") + m.group(0),
                "polarity": "negated" if neg else "affirmed", "condition": condition, "uncoded_reason": ""}
    return uncoded or {"level": None, "label": "", "cue": "", "polarity": "affirmed", "condition": condition,
                       "uncoded_reason": "on topic, but no rule of the scale codes it"}


def on_topic(text: str) -> bool:
    """Talks, a ceasefire, compromise or territory: a topic cue, an object the coding reads, or a cue of a
    level ("some could be returned through diplomatic pressure")."""
    return bool(_topic_rx().search(text)) or any(rx.search(text) for _, rx in _coding()["objects"]) or \
        any(rx.search(text) for _, _, cues in _level_rx() for _, rx in cues)



# ----------------------------------------------------------------------------- finding statements

class _Rows:
    """A table's rows as dicts, looked up like the frame (``.at[key, column]``, ``.iloc[i]``) at
    the cost of a dict lookup: the rules below read a few cells of one sentence at a time, and a
    pandas cell lookup per read was most of their time."""

    def __init__(self, rows: list[dict], key: str | None = None):
        self.rows = rows
        self.pos = {r[key]: i for i, r in enumerate(self.rows)} if key else None
        self.at, self.iloc = self, self._Pos(self.rows)

    def __getitem__(self, kc):
        k, col = kc
        return self.rows[self.pos[k] if self.pos is not None else k][col]

    def __len__(self):
        return len(self.rows)

    class _Pos:
        def __init__(self, rows):
            self.rows = rows

        def __getitem__(self, i):
            return self.rows[i]



def _subject(text: str, s: int, e: int) -> bool:
    """The mention at clean ``s:e`` can be a grammatical subject: not possessive, not after a preposition."""
    if re.match(r"['’]s?(?!\w)", text[e:e + 2]):
        return False
    before = re.search(r"(\w+)\W*$", text[max(0, s - 25):s])
    return not (before and before.group(1).lower() in actors.cue_rules()["speaker"]["prepositions"])


# A parenthetical after the name: a relative clause or a participle phrase between commas.
_PAREN = re.compile(r",\s+(?:who|whose|speaking|fresh|[a-z]+ing|(?:a|an)\s+(?:former|[a-z]+-year-old)|"
                    r"(?:in|at|during|on|after|before|while|when)\s+(?:an?|the|his|her)"
                    r")\b[^,;:.]{0,200},\s+")


def _verb_after(text: str, m: dict, sent_end: int, others: list[tuple[int, int]]) -> re.Match | None:
    """A statement verb governed by the mention ``m`` (subject ... verb, or verb right before it)."""
    gap = rules()["statement"]["max_gap_words"]
    starts = [m["clean_end"]]
    paren = _PAREN.match(text, m["clean_end"], sent_end)
    if paren:      # "Zelensky, who met Trump and Macron in Paris on Saturday, said ..."
        starts.append(paren.end())
    not_his = re.compile("|".join(rules()["statement"]["not_his"]), re.I)
    for s in starts:
        for v in _verb_rx().finditer(text, s, sent_end):
            between = text[s:v.start()]
            if len(re.findall(r"\w+", between)) > gap or any(s <= a < v.start() for a, _ in others):
                break
            if re.search(r",\s+(?!(?:he|she|however|though|too|also|meanwhile|then|in\s+turn|for\s+his\s+part|for\s+her\s+part)\b)"
                         r"[a-z][\w-]*(?:\s+[\w-]+){0,2}\s*$", between):
                break       # "Zelensky may be forced to cede territory, analysts said": the verb has its own subject
            if not_his.search(between):
                return None
            if v.group(0).split()[0].lower() in rules()["statement"].get("state_verbs", []) and (
                    len(re.findall(r"\w+", between)) > 1 or re.search(r"[,;:]", between) or _reported_by_other(text, m)):
                # "... can come back when he is ready", "the spokesman said Zelensky was open to": not
                # the actor's own statement of his state
                continue
            return v
    # "said Zelensky" closes an attribution; "said Zelensky was open to ..." reports him
    if not _CLOSES.match(text, m["clean_end"]):
        return None
    for v in _verb_rx().finditer(text, max(0, m["clean_start"] - 40), m["clean_start"]):
        if re.fullmatch(r"[\s,]*", text[v.end():m["clean_start"]]):
            return v
    return None


@lru_cache(maxsize=1)
def _not_his_rx() -> tuple[re.Pattern, re.Pattern]:
    st = rules()["statement"]
    return (re.compile(rf"(?<![\w-])(?:{text_kit.alternation(st.get('object_verbs', []))})\s+$", re.I),
            re.compile(rf"(?:^|[,;:]\s*|(?<![\w-]))(?:{text_kit.alternation(st.get('hypothetical', []))})\s+$", re.I))


def _not_his_clause(text: str, s0: int, m: dict) -> bool:
    """The mention ``m`` is another's object ("Trump wants Zelensky to accept ...") or a condition's
    subject ("If Zelensky agrees to a ceasefire, ..."), or opens a clause another speaker's verb reports
    ("Putin said Zelensky could not sign a peace deal")."""
    obj, hyp = _not_his_rx()
    before = text[max(s0, m["clean_start"] - 40):m["clean_start"]]
    if obj.search(before) and re.match(r"\s+to\s", text[m["clean_end"]:m["clean_end"] + 5]):
        return True
    return bool(hyp.search(before)) or _reported_by_other(text, m)


def _reported_by_other(text: str, m: dict) -> bool:
    """The mention opens the clause another speaker's verb reports ("X said Zelensky was open to ...")."""
    before = text[max(0, m["clean_start"] - 60):m["clean_start"]]
    return any(re.fullmatch(r"(?:\s+\w+){0,2}?\s*(?:that\s+)?", before[v.end():])
               for v in _verb_rx().finditer(before))


_CLOSES = re.compile(r"\s*(?:[,.;:!?\"”’)\]]|$|(?:in|on|at|during|from|after|before|while|as|when|last|this|earlier|"
                     r"late|early|told|adding|speaking|via|who)\b)", re.I)


def _split_clause(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut where a second statement is joined on: ", and", ", but", ", rejecting"
    (a participle), or " or " before a verb of the scale's objects."""
    cuts = [start]
    participles = text_kit.alternation(rules()["statement"]["joining_participles"])
    # ", but only if ..." conditions the clause before it: not a second statement.
    joins = rf",\s+(?:and|but)\s+(?!(?:only\s+)?(?:if|when|after|unless|until|once|as\s+long\s+as)\b)(?:also\s+)?|,\s+(?:while\s+|even\s+as\s+)?(?=(?:{participles})\b)" \
            r"|\s+but\s+(?=\w+ing\b)|\s+(?:but|and)\s+(?=that\s)" \
            r"|\s+or\s+(?=(?:to\s+)?(?:negotiat|talk|agree|accept|cede|recogni|sit|hold)\w*)"
    for m in re.finditer(joins, text[start:end], re.I):
        if start + m.start() - cuts[-1] > 12:
            cuts.append(start + m.end())
    bounds = cuts + [end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _pronoun_sourced(actor, view, sents, kinds, found, fs=None) -> list[dict]:
    """Sentences opening on the speaker's own act by pronoun ("His 10-point peace formula covers
    ..."), their source the last speaker of the text (an attribution frame, or a statement of
    ``actor`` found) within ``pronoun_window`` sentences before. (Sourcing "according to him" /
    "in his view" the same way found two dev statements but added a spurious one on test: left out.)"""
    window = rules()["statement"]["pronoun_window"]
    order = {s.sent_id: i for i, s in enumerate(view.sentences)}
    speakers = sorted([(order[f["sent_id"]], f["actor_id"]) for f in (attribution.frames(view) if fs is None else fs)
                       if f["actor_id"]]
                      + [(order[r["sent_id"]], actor) for r in found if r["doc_id"] == view.doc_id])
    taken = {r["sent_id"] for r in found}
    out = []
    for i, sent in enumerate(view.sentences):
        sid = sent.sent_id
        if sid in taken or sents.at[sid, "kind"] not in kinds:
            continue
        m = _own_pronoun_rx().match(view.text, sent.start, sent.end) or _pronoun_verb(view.text, sent.start, sent.end)
        if not m or not on_topic(view.text[sent.start:sent.end]):
            continue
        before = [who for j, who in speakers if i - window <= j < i]
        if not before or before[-1] != actor:
            continue
        start, end = view.to_raw(sent.start, sent.end)
        out.append({"doc_id": view.doc_id, "sent_id": sid, "source": "reported", "start": start, "end": end,
                    "text": view.text[sent.start:sent.end], "verb": m.group(0), "verb_span": m.span(),
                    "via": "", **_coded(view.text[sent.start:sent.end]),
                    "clean_start": sent.start, "clean_end": sent.end})
    return out


def _anaphor_sourced(actor, view, sents, kinds, ment, found, fs=None) -> list[dict]:
    """A sentence told in the outlet's words and sourced by the next ("Ukraine will not compromise on its
    sovereignty. This was stated by President Volodymyr Zelensky in an interview ...", "Zelensky said this
    in his evening address"): the sentence before is the actor's statement, dated by the sourcing one."""
    rx = re.compile("|".join(_rx(w) for w in rules()["statement"].get("anaphors", [])) or r"(?!)", re.I)
    people = [r for r in ment if r["doc_id"] == view.doc_id]
    framed = {f["sent_id"] for f in (attribution.frames(view) if fs is None else fs)
              if f["actor_id"] and f["actor_id"] != actor}
    taken = {r["sent_id"] for r in found if r["doc_id"] == view.doc_id}
    out = []
    for prev, sent in zip(view.sentences, view.sentences[1:]):
        m = rx.search(view.text, sent.start, sent.end)
        if not m or prev.sent_id in taken or prev.sent_id in framed or sents.at[prev.sent_id, "kind"] not in kinds:
            continue
        here = sorted((r for r in people if r["sent_id"] == sent.sent_id), key=lambda r: r["clean_start"])
        if not here or here[0]["actor_id"] != actor:
            continue        # the sourcing sentence names the actor, before any other person
        text = view.text[prev.start:prev.end]
        if not on_topic(text) or len(re.findall(r"\w+", text)) < rules()["statement"].get("min_words", 0):
            continue
        start, end = view.to_raw(prev.start, prev.end)
        out.append({"doc_id": view.doc_id, "sent_id": prev.sent_id, "source": "reported", "start": start, "end": end,
                    "text": text, "verb": m.group(0), "verb_span": None, "via": "", **_coded(text),
                    "clean_start": prev.start, "clean_end": prev.end, "date_sent": sent.sent_id})
    return out


def _pronoun_verb(text: str, s: int, e: int) -> re.Match | None:
    """A sentence whose subject is "he" / "she" and whose verb is a statement verb of the scale
    ("He also repeated an offer ...", "But she rejected calls to cede ..."): speech verbs with a
    pronoun are attribution frames already; these decision verbs are not."""
    openers = "|".join(rules()["statement"].get("pronoun_openers", [])) or r"(?!)"
    m = re.match(rf"(?:(?:{openers}),?\s+)?(?:(?:But|And|Yet)\s+)?(?:he|she)\s+(?:(?:also|again|then|later|has|had|have|once|"
                 r"repeatedly|firmly|flatly|publicly)\s+){0,2}", text[s:e], re.I)
    if not m:
        return None
    v = _statement_verb_rx().match(text, s + m.end(), e)
    return v


@lru_cache(maxsize=1)
def _statement_verb_rx() -> re.Pattern:
    return _words_rx(list(rules()["statement"]["verbs"]))


@lru_cache(maxsize=1)
def _voice_rx() -> tuple[re.Pattern, re.Pattern]:
    words = text_kit.alternation(rules()["statement"]["voices"], apostrophes=True)
    return (re.compile(rf"['’]s?\s+(?:[\w-]+\s+){{0,2}}?(?:{words})(?![\w-])", re.I),
            re.compile(rf"(?<![\w-])(?:{words})\s+(?:for|of|to)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I))


def _voice(text: str, s0: int, m: dict) -> int | None:
    """Where the actor's own voice ends when the mention ``m`` names it ("Zelensky's office",
    "a spokesman for Zelensky"); None when it does not, or the voice is itself owned by
    another ("the head of Zelensky's office" speaks for himself)."""
    after_rx, before_rx = _voice_rx()
    before = text[s0:m["clean_start"]]
    a = after_rx.match(text, m["clean_end"])
    if a and not re.search(r"(?<![\w-])of\s+(?:the\s+)?$", before):
        return a.end()
    b = before_rx.search(before)
    if b and not re.search(r"(?<![\w-])of\s+(?:the\s+)?$", before[:b.start()]):
        return m["clean_end"]
    return None


def _role_sourced(view, fs: list[dict], ment: pd.DataFrame, actor) -> set[int]:
    """Frames (their index in ``fs``) whose unresolved source is a bare role noun ("the
    46-year-old leader ruled out ...") standing for ``actor``: the last person named in the
    ``pronoun_window`` sentences before, or earlier in the same sentence, is the actor."""
    st = rules()["statement"]
    role = re.compile(rf"(?<![\w-])(?:the|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?:{text_kit.alternation(st.get('role_nouns', []))})$", re.I)
    qualifiers = st.get("role_sides", {})
    if not ment or not st.get("role_nouns"):
        return set()
    order = {x.sent_id: i for i, x in enumerate(view.sentences)}
    people = [r for r in ment if r["doc_id"] == view.doc_id and r.get("kind", "person") == "person"]
    named = sorted((order[r["sent_id"]], int(r["clean_start"]), r["actor_id"]) for r in people
                   if r["sent_id"] in order)
    out = set()
    for k, f in enumerate(fs):
        if f["actor_id"] or f["source_start"] is None or f["sent_id"] not in order:
            continue
        a0 = max(0, f["source_start"] - 40)
        rm = role.search(view.text[a0:f["source_end"]].rstrip())
        # the role is the whole source: not "press secretary of the Belarusian president"
        if not rm or a0 + rm.start() > f["source_start"]:
            continue
        i = order[f["sent_id"]]
        # "Ukraine's leader", "the Ukrainian head of state": the last person named of that side
        side = next((v for k, v in qualifiers.items() if re.search(rf"(?<![\w-]){k}", rm.group(0), re.I)), None)
        if side is None and re.search(r"\s[A-Z]", rm.group(0)[3:] if rm.group(0)[:3].lower() == "the" else ""):
            continue        # "the French president", "the US leader": another country's, named by it
        before = [who for j, pos, who in named
                  if (i - st["pronoun_window"] <= j < i or (j == i and pos < f["source_start"]))
                  and (side is None or actors.side_of(who) == side)]
        if before and before[-1] == actor:
            out.add(k)
    return out


def _asked_role_sourced(view, fs: list[dict], ment: list[dict], actor) -> tuple[set[int], set[int]]:
    """Frames (their index in ``fs``) of a bare role answering a journalist's question ("Asked whether he
    would meet Putin, the president said ...") that the attribution carried to a person the question
    names: the one asked is the last person named before the question (of the role's side, when it
    names one), not the one asked about. Returns the frames that are ``actor``'s, and those carried to
    ``actor`` that are another's."""
    st = rules()["statement"]
    if not ment or not st.get("role_nouns"):
        return set(), set()
    role = re.compile(rf"(?:the|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?:{text_kit.alternation(st['role_nouns'])})(?![\w-])", re.I)
    order = {x.sent_id: i for i, x in enumerate(view.sentences)}
    people = sorted((order[r["sent_id"]], int(r["clean_start"]), r["actor_id"]) for r in ment
                    if r["doc_id"] == view.doc_id and r.get("kind", "person") == "person" and r["sent_id"] in order)
    out, not_his = set(), set()
    for k, f in enumerate(fs):
        if f["actor_id"] is None or not f.get("carried") or f["sent_id"] not in order:
            continue
        rm = role.match(view.text, f["cue_start"])
        i = order[f["sent_id"]]
        q = _coding()["asked"].search(view.text, view.sentences[i].start, f["cue_start"]) if rm else None
        if not q or not any(j == i and q.start() <= pos < q.end() and who == f["actor_id"] for j, pos, who in people):
            continue
        side = next((v for w, v in st.get("role_sides", {}).items() if re.search(rf"(?<![\w-]){w}", rm.group(0), re.I)), None)
        before = [who for j, pos, who in people
                  if (i - st["pronoun_window"] <= j < i or (j == i and pos < q.start()))
                  and (side is None or actors.side_of(who) == side)]
        if f["actor_id"] != actor and before and before[-1] == actor:
            out.add(k)
        elif f["actor_id"] == actor and before and before[-1] != actor:
            not_his.add(k)
    return out, not_his


@lru_cache(maxsize=1)
def _trailer_rx() -> re.Pattern:
    """What follows a closing attribution that is not what was said ("..., Zelensky warned on
    Saturday, hours after ...", "..., he told reporters in Kyiv")."""
    words = text_kit.alternation(rules()["statement"]["trailers"])
    return re.compile(rf"\s*(?:[,.;]|(?:{words}|{_CALENDAR[3:-3]})(?![\w-]))", re.I)


def _no_statement_after(text: str, s0: int, head: int, cue_end: int, stop: int) -> bool:
    """'"...," Zelensky said on Sunday at the summit': the quotation is the statement (the quotes
    path), the words after the verb its circumstance; "what Zelensky had said on Friday" refers
    to a statement without reporting it."""
    before = text[s0:head]
    # a quotation closed on a comma continues into its attribution even where the sentence was cut after it
    after_quote = (re.search(r"[,.!?][\"”’]\s*$", before) or re.search(r",[\"”’]\s*$", text[max(0, head - 4):head])) and (
        len(re.findall(r"\w+", text[cue_end:stop])) <= 4 or _trailer_rx().match(text, cue_end, stop))
    return bool(after_quote or re.search(r"(?<![\w-])what\s*$", before, re.I))


@lru_cache(maxsize=2)
def _others_role_rx(anchored: bool = True) -> re.Pattern:
    """A source named by its tie to another ("an economic adviser to Zelensky"): at the end of a source, or
    anywhere in a quotation's cue (``anchored=False``)."""
    roles = text_kit.alternation(rules()["statement"]["others_roles"])
    end = r"\s*$" if anchored else r"(?![\w-])"
    return re.compile(rf"(?<![\w-])(?:{roles})\s+(?:to|of|for|with)\s+(?:the\s+)?(?:[\w’'.-]+\s+){{0,3}}?[\w’'.-]+{end}", re.I)


def _answered(question: str, answer: str) -> dict | None:
    """A short reply coded by the question it answers ('Asked whether Ukraine would give up the Donbas, he
    said: "No. Never."'; "... replied that it would not"): the question's object, refused when the reply
    is a refusal ([coding.polarity].replies), affirmed when it is a yes; None when there is no question,
    or the reply is no bare yes or no."""
    c, pol = _coding(), rules()["coding"]["polarity"]
    q = c["asked"].search(question)
    words = re.findall(r"[\w']+", answer)
    if not q or len(words) > pol.get("reply_max_words", 6):
        return None
    no = re.search(pol["replies"]["no"], answer, re.I)
    yes = re.search(pol["replies"]["yes"], answer, re.I)
    if bool(no) == bool(yes):
        return None
    for obj, rx in c["objects"]:
        m = rx.search(q.group(0))
        if not m:
            continue
        level = c["levels"][obj].get("negated" if no else "affirmed")
        if level is None:
            return None
        levels = {lv["level"]: lv["label"] for lv in rules()["level"]}
        reply = (no or yes).group(0).strip(" :\"“”.,")
        return {"level": level, "label": levels[level], "level_cue": f"{reply} … {m.group(0)}",
                "polarity": "negated" if no else "affirmed", "condition": "", "uncoded_reason": ""}
    return None


def _coded(text: str) -> dict:
    r = read(text)
    return {"level": r["level"], "label": r["label"], "level_cue": r["cue"], "polarity": r["polarity"],
            "condition": r["condition"], "uncoded_reason": r["uncoded_reason"]}


def _frame_start(g: dict, after: int) -> int:
    """Where frame ``g`` begins in its sentence: its source when that stands after ``after``."""
    return min(g["cue_start"], g["source_start"]) if g["source_start"] > after else g["cue_start"]


def _fragment(r: dict) -> bool:
    return len(re.findall(r"\w+", r["text"])) < rules()["statement"].get("min_words", 0)


def _statement_like(r: dict, out: list[dict]) -> bool:
    """Not a fragment of too few words (a short quotation only where its sentence has a statement
    of its own), nor an uncoded description of a plan or act shown."""
    st = rules()["statement"]
    if _fragment(r) and (r["source"] != "quote" or any(
            o is not r and o["sent_id"] == r["sent_id"] and not _fragment(o) for o in out)):
        return False
    verb = (r["verb"] or "").split()
    return not (r["level"] is None and verb and verb[-1].lower() in st.get("description_verbs", []))


def _quote_statement(r: dict, coded: dict) -> dict:
    """The statement a quotation row of the evidence ``quotes`` table is, coded ``coded``."""
    cue_span = (int(r["cue_start"]), int(r["cue_end"])) if pd.notna(r["cue_start"]) else None
    return {"doc_id": r["doc_id"], "sent_id": r["sent_id"], "source": "quote", "start": int(r["start"]),
            "end": int(r["end"]), "text": r["text"], "verb": r["cue"] if isinstance(r["cue"], str) else "",
            "verb_span": cue_span, "via": r["via"] or "", **coded,
            "clean_start": int(r["clean_start"]), "clean_end": int(r["clean_end"])}


def _candidates(actor, sentence_rows, views, ment, quo, frames_of) -> list[dict]:
    """Raw statements of ``actor`` (not yet dated): quotations, then reported speech. Only
    documents that name the actor or quote it can hold one (a frame's actor is a mention in its
    source or its antecedent's), so only those are read."""
    kinds = set(rules()["statement"]["section_kinds"])
    sents = _Rows(sentence_rows, "sent_id")
    out, quoted_sents, off_topic = [], set(), []
    q = quo[(quo["speaker"] == actor) & (quo["kind"] == "quote")] if not quo.empty else quo
    q_rows = rows_kit.records(q)
    q_of = rows_kit.grouped(q_rows, "doc_id")
    named = set(ment.loc[ment["actor_id"] == actor, "doc_id"]) if not ment.empty else set()
    views = {d: v for d, v in views.items() if d in named or d in q_of}
    near = rows_kit.records(ment[ment["doc_id"].isin(views)]) if not ment.empty else []
    ment_of, ment_in = rows_kit.grouped(near, "doc_id"), rows_kit.grouped(near, "sent_id")
    fs_of = {}
    for r in q_rows:
        if sents.at[r["sent_id"], "kind"] not in kinds:
            continue
        if isinstance(r["cue"], str) and _others_role_rx(anchored=False).search(r["cue"]) and not any(
                m["actor_id"] == actor and _subject(views[r["doc_id"]].text, m["clean_start"], m["clean_end"])
                and not _others_role_rx().search(views[r["doc_id"]].text[max(0, m["clean_start"] - 80):m["clean_start"]])
                for m in ment_in.get(r["sent_id"], [])):
            continue    # '"strategically pull back," Aleksandr Rodnyansky, an economic adviser to Zelensky, told CNN'
        sentence = sents.at[r["sent_id"], "text"]
        if not on_topic(r["text"] + " " + sentence):
            off_topic.append(r)
            continue
        # a partial quotation ("no “Minsk-3”") is read in its sentence; a full one by itself first
        coded = _coded(r["text"]) if len(r["text"].split()) >= 6 else {"level": None}
        if coded["level"] is None:
            coded = _coded(sentence)
        if coded["level"] is None:      # 'Asked whether he would give up the Donbas, he said: "No. Never."'
            coded = _answered(sentence, r["text"]) or coded
        out.append(_quote_statement(r, coded))
        quoted_sents.add(r["sent_id"])
    # reported speech: each attribution frame whose source is the actor (analysis.attribution),
    # its clause running to the next frame of the sentence (another speaker's, or the actor's own
    # coordinated verb: "warned that ... and said ..."); a clause joined by ", and", ", but"
    # or "or" to another statement is a statement of its own
    reported_sents, absorbed = set(), set()
    for doc_id, view in views.items():
        fs = fs_of[doc_id] = frames_of(view)
        qrecs = q_of.get(doc_id, [])
        quoted = [(int(r["clean_start"]), int(r["clean_end"])) for r in qrecs if len(r["text"].split()) >= 6]
        partial = [(int(r["clean_start"]), int(r["clean_end"])) for r in qrecs if len(r["text"].split()) < 6]
        asked_of, asked_not = _asked_role_sourced(view, fs, ment_of.get(doc_id, []), actor)
        role_of = _role_sourced(view, fs, ment_of.get(doc_id, []), actor) | asked_of
        for k, f in enumerate(fs):
            sid = f["sent_id"]
            if k in role_of:
                f = {**f, "actor_id": actor}
            elif k in asked_not:
                continue
            if f["actor_id"] != actor or f["quoted_start"] is not None or sents.at[sid, "kind"] not in kinds:
                continue
            s0, s1 = int(sents.at[sid, "clean_start"]), int(sents.at[sid, "clean_end"])
            if f["source_start"] is not None and _others_role_rx().search(view.text[f["source_start"]:f["source_end"]]):
                continue    # "Aleksandr Rodnyansky, an economic adviser to Zelensky, told CNN": the adviser speaks
            rel = _PAREN.match(view.text, f["source_end"]) if f["source_end"] is not None else None
            if rel and re.match(r",\s+who\s", rel.group(0)) and f["cue_end"] <= rel.end() and any(
                    g["sent_id"] == sid and g["actor_id"] == actor and g["cue_start"] >= rel.end() for g in fs):
                continue    # "Zelensky, who has long refused to cede land, said ...": background, the said is his
            nxt = [g["cue_start"] for g in fs[k + 1:] if g["sent_id"] == sid and g["cue_start"] > f["cue_end"]
                   and (g["actor_id"] != actor or g["rule"] == "coordinated")
                   # a frame right after the verb is what was said ("denied that Western officials had urged")
                   and len(re.findall(r"\w+", view.text[f["cue_end"]:_frame_start(g, f["cue_end"])])) > 1]
            stop = min([s1] + nxt)
            # the subject is an earlier clause's; so is a participle's ("ruled out X, saying ...") when
            # that clause is a frame of the actor's already
            own_verb = f["carried"] or f["rule"] == "coordinated" or (f["rule"] == "participle" and any(
                g["sent_id"] == sid and g["actor_id"] == actor and g["cue_start"] < f["cue_start"] for g in fs[:k]))
            begin = f["cue_start"] if own_verb else min(f["source_start"], f["cue_start"])
            pieces = _split_clause(view.text, f["cue_end"], stop)
            head = min(begin, f["source_start"])
            # "In an interview with CNN, Zelensky said in English that ...": an occasion opens the
            # sentence, the statement follows the verb
            occasion_first = re.match(r"\W*(?:in|on|at|during|after|before|speaking|asked|while|when|as|later|earlier)\b",
                                      view.text[s0:head], re.I)
            short = len(re.findall(r"\w+", view.text[f["cue_end"]:stop])) <= 4
            trailing = short or (not occasion_first and _trailer_rx().match(view.text, f["cue_end"], stop))
            # '"...," Zelensky said on Sunday at the summit': the quotation is the statement (quotes
            # above), the words after the verb its circumstance; "what Zelensky had said on Friday"
            # refers to a statement without reporting it
            if _no_statement_after(view.text, s0, f["cue_start"] if head < s0 else head, f["cue_end"], stop):  # (a carried source is before s0)
                continue
            # a question put to him ("When asked if ..., Zelensky replied") is not what he said
            if trailing and not _coding()["asked"].search(view.text[s0:head]) and \
                    len(re.findall(r"\w+", view.text[s0:head])) >= 3 and \
                    re.search(r",\s*$", view.text[s0:head]) and not own_verb:
                # the clause comes first, the attribution closes the sentence ("..., the president said")
                pieces, begin = [(s0, head)], s0
                verb_first = False
            else:
                verb_first = True
            # a clause is on topic when the frame's words are ("insisted that X, and that no referendum ...")
            topical = on_topic(view.text[min(begin, pieces[0][0]):pieces[-1][1]]) if pieces else False
            # a reply on the topic the question put ("Asked whether ... give up the Donbas, he replied that it
            # would not")
            # (a source carried from an earlier sentence stands before this one: the question ends at the verb)
            question = _coding()["asked"].search(view.text, s0, head if head >= s0 else f["cue_start"])
            topical = topical or bool(question and on_topic(question.group(0)))
            for n, (ps, pe) in enumerate(pieces):
                if any(a < pe and ps < b for a, b in quoted) or not topical:
                    continue
                # a joined clause is a statement of its own only when it is itself on topic
                # ("..., saying the Russian leader could not be trusted")
                if n and not on_topic(view.text[ps:pe]):
                    continue
                # a partial quotation inside the clause ("the city would be an “open road”") is part
                # of this statement, not one of its own
                absorbed |= {(doc_id, a) for a, b in partial if ps <= a and b <= pe}
                b0 = begin if n == 0 else ps
                start, end = view.to_raw(b0, pe)
                # the first clause is read with its verb: "ruled out ceding", "rejected any concessions"
                # a relative clause between the name and the verb ("Zelenskyy, who met ... but did not
                # take part in the talks, said") is not read with what was said
                paren = _PAREN.match(view.text, f["source_end"], f["cue_start"] + 1) if n == 0 else None
                read_from = f["cue_start"] if paren and paren.end() >= f["cue_start"] else begin
                coded = _coded(view.text[read_from if n == 0 and verb_first else ps:pe])
                if coded["level"] is None and question:
                    coded = _answered(question.group(0), view.text[ps:pe]) or coded
                out.append({"doc_id": doc_id, "sent_id": sid, "source": "reported", "start": start, "end": end,
                            "text": view.text[b0:pe], "verb": f["cue"], "verb_span": (f["cue_start"], f["cue_end"]),
                            "via": f["relay"], **coded, "clean_start": b0, "clean_end": pe})
                reported_sents.add(sid)
    out = [r for r in out if r["source"] != "quote" or (r["doc_id"], r["clean_start"]) not in absorbed]
    out = [r for r in out if _statement_like(r, out)]
    quoted_sents = {r["sent_id"] for r in out}
    if ment.empty:
        return out
    for m in rows_kit.records(ment[ment["actor_id"] == actor]):
        sid = m["sent_id"]
        if sents.at[sid, "kind"] not in kinds:
            continue
        view = views[m["doc_id"]]
        s1 = int(sents.at[sid, "clean_end"])
        s0 = int(sents.at[sid, "clean_start"])
        passive = re.search(r"(?<![\w-])(\w+)\s+by\s+$", view.text[s0:m["clean_start"]])
        # the act done by the actor comes before the name, so a frame after it ("backed by Zelensky,
        # who insists ...") leaves it a statement of its own
        if passive and _verb_rx().fullmatch(passive.group(1)) and on_topic(view.text[s0:m["clean_end"]]) \
                and not any(r["sent_id"] == sid and r["clean_start"] < m["clean_start"] for r in out):
            # "The US proposal for a ceasefire has been backed by Zelensky": the act is his
            start, end = view.to_raw(s0, m["clean_end"])
            vs, ve = s0 + passive.start(1), s0 + passive.end(1)
            out.append({"doc_id": m["doc_id"], "sent_id": sid, "source": "reported", "start": start, "end": end,
                        "text": view.text[s0:m["clean_end"]], "verb": passive.group(1), "verb_span": (vs, ve),
                        "via": "", **_coded(view.text[s0:m["clean_end"]]), "clean_start": s0,
                        "clean_end": m["clean_end"]})
        voice = _voice(view.text, s0, m)
        if voice:       # "Zelensky's office said ...", "a spokesman for Zelensky said ...": his words
            m = {**m, "clean_end": max(m["clean_end"], voice)}
        if sid in quoted_sents:
            continue
        label = re.match(r"\s*:\s+", view.text[m["clean_end"]:s1]) if not view.text[s0:m["clean_start"]].strip() else None
        if label:
            # the speaker's label of an interview transcript ("Zelensky: Not while his troops are on our land."):
            # the words after it, to the paragraph's end, are his
            para = [x for x in view.sentences if x.para_id == sents.at[sid, "para_id"] and x.start >= s0]
            a, b = m["clean_end"] + label.end(), max(x.end for x in para)
            if on_topic(view.text[a:b]) and len(re.findall(r"\w+", view.text[a:b])) >= rules()["statement"].get("min_words", 0):
                start, end = view.to_raw(a, b)
                out.append({"doc_id": m["doc_id"], "sent_id": sid, "source": "reported", "start": start, "end": end,
                            "text": view.text[a:b], "verb": ":", "verb_span": (m["clean_end"], a), "via": "",
                            **_coded(view.text[a:b]), "clean_start": a, "clean_end": b})
                quoted_sents.add(sid)
            continue
        lead = view.text[s0:m["clean_start"]]
        # "A poll found most Ukrainians back Zelensky's refusal": the possessive is another clause's object
        own = None if voice or (len(re.findall(r"\w+", lead)) > 3 and not lead.rstrip().endswith(",")) \
            else _possessive_rx().match(view.text, m["clean_end"], s1)
        if own and on_topic(view.text[m["clean_start"]:s1]):
            # "Zelenskyy's first reaction was to insist on a truce", "Zelensky's decree declares ..."
            a, vs, ve = m["clean_start"], own.start(1), own.end(1)
            start, end = view.to_raw(a, s1)
            out.append({"doc_id": m["doc_id"], "sent_id": sid, "source": "reported", "start": start, "end": end,
                        "text": view.text[a:s1], "verb": own.group(1), "verb_span": (vs, ve), "via": "",
                        **_coded(view.text[a:s1]), "clean_start": a, "clean_end": s1})
            quoted_sents.add(sid)
            continue
        if any(q.start() <= m["clean_start"] < q.end() for q in _coding()["asked"].finditer(view.text, s0, s1)):
            continue    # "Asked whether he would meet Zelensky, the president said": named in the question put
        relative = re.match(r",\s+who\s", view.text[m["clean_end"]:m["clean_end"] + 8])
        if not (voice or _subject(view.text, m["clean_start"], m["clean_end"]) or relative):
            continue
        if _not_his_clause(view.text, s0, m):
            continue    # "Trump wants Zelensky to accept ...", "If Zelensky agrees to a ceasefire, ..."
        others = [(int(o["clean_start"]), int(o["clean_end"])) for o in ment_in.get(sid, [])
                  if o["actor_id"] != actor]
        v = _verb_after(view.text, m, s1, others)
        if v is None:
            continue
        b0 = min(m["clean_start"], v.start())
        if not on_topic(view.text[b0:s1]) or _no_statement_after(view.text, s0, b0, v.end(), s1):
            continue
        # a parenthetical between the name and the verb is not part of what was said
        paren = _PAREN.match(view.text, m["clean_end"], v.start())
        read_from = v.start() if paren else b0
        # "signed a decree declaring talks with Putin impossible, but leaving the door open to
        # talks with Russia": each joined clause is a statement of its own
        for n, (ps, pe) in enumerate(_split_clause(view.text, v.end(), s1)):
            a = b0 if n == 0 else ps
            if n and not on_topic(view.text[ps:pe]):
                continue
            start, end = view.to_raw(a, pe)
            out.append({"doc_id": m["doc_id"], "sent_id": sid, "source": "reported", "start": start, "end": end,
                        "text": view.text[a:pe], "verb": v.group(0), "verb_span": (v.start(), v.end()), "via": "",
                        **_coded(view.text[read_from if n == 0 else a:pe]), "clean_start": a, "clean_end": pe,
                        # "Zelensky, who met Trump on Saturday, said": the aside dates another event; "Zelensky,
                        # speaking at a news conference on Wednesday, said" dates the saying
                        "aside": paren.span() if paren and re.match(r",\s+(?:who|whose|fresh|an?)\s", paren.group(0))
                        else None})
        quoted_sents.add(sid)    # one reported statement (with its joined clauses) per sentence
    found = rows_kit.grouped(out, "doc_id")
    for doc_id, view in views.items():
        mine = found.get(doc_id, [])
        new = _pronoun_sourced(actor, view, sents, kinds, mine, fs_of[doc_id])
        new += _anaphor_sourced(actor, view, sents, kinds, ment_of.get(doc_id, []), mine + new, fs_of[doc_id])
        out += new
    out += _continued_quotes(off_topic, out, views)
    return [r for r in out if _statement_like(r, out)]


def _continued_quotes(off_topic: list[dict], found: list[dict], views) -> list[dict]:
    """A quotation that goes on with the actor's statement of the sentence right before, in the same
    paragraph ('In April he ruled out recognising the occupation of Crimea. "There is nothing to talk
    about here," he said.'): off topic by its own words, on topic by the statement it continues, and
    coded by that statement when its own words code nothing."""
    out, taken = [], {r["sent_id"] for r in found}
    by_sent = rows_kit.grouped(found, "sent_id")
    for r in off_topic:
        view = views.get(r["doc_id"])
        if view is None or r["sent_id"] in taken:
            continue
        sentences = view.sentences
        i = next((k for k, x in enumerate(sentences) if x.sent_id == r["sent_id"]), None)
        if not i or sentences[i - 1].para_id != sentences[i].para_id:
            continue
        prev = [p for p in by_sent.get(sentences[i - 1].sent_id, []) if p["doc_id"] == r["doc_id"] and p["source"] == "reported"]
        if not prev:
            continue
        coded = _coded(r["text"])
        if coded["level"] is None:
            coded = {k: prev[-1][k] for k in ("level", "label", "level_cue", "polarity", "condition", "uncoded_reason")}
        out.append(_quote_statement(r, coded))
        taken.add(r["sent_id"])
    return out


# ----------------------------------------------------------------------------- dating

def _eligible(tx: list[dict], quote_spans) -> list[dict]:
    skip = set(rules()["dating"]["skip_kinds"])
    return [t for t in tx if t["kind"] not in skip and not any(a <= t["clean_start"] < b for a, b in quote_spans)]


@lru_cache(maxsize=1)
def _that_clause_rx() -> re.Pattern:
    """A speech or statement verb opening a "that" clause within a few words ("admitted that", "said in his
    nightly address on Tuesday that")."""
    return re.compile(rf"(?:{_verb_rx().pattern})(?:[\s,]+[\w’'.-]+){{0,12}}?[\s,]+that(?![\w-])", re.I)


def _not_said(tx: list[dict], sentence: dict, found: list[dict], text: str) -> list[dict]:
    """The time expressions of ``sentence`` that are not in what it says: after a statement's verb
    (``found``, its statements), or in the "that" clause of a speech verb ("admitted that the
    counteroffensive, launched in early June, was slower"; the sentence may be off the topic)."""
    spans = [sp for o in found for sp in [_said_span(o, text)] if sp]
    that = _that_clause_rx().search(text, int(sentence["clean_start"]), int(sentence["clean_end"]))
    if that:
        spans.append((that.end(), int(sentence["clean_end"])))
    return [x for x in tx if not any(a <= x["clean_start"] < b for a, b in spans)]


def _said_span(st: dict, text: str) -> tuple[int, int] | None:
    """What a reported statement says: from `after_verb_words` words after its verb to its end (a date
    there is in what was said, "ready to meet Putin in Turkey on Thursday", not when it was said)."""
    if st["source"] != "reported" or not st["verb_span"]:
        return None
    n = rules()["dating"]["after_verb_words"]
    m = re.match(rf"(?:\W*\w+){{0,{n}}}", text[st["verb_span"][1]:st["clean_end"]])
    return st["verb_span"][1] + m.end(), st["clean_end"]


def _own_timex(st: dict, tx: list[dict], text: str, quote_spans, said=()) -> dict | None:
    tx = _eligible(tx, quote_spans)
    if not tx:
        return None
    if st["verb_span"] is None:
        return tx[0]
    vs, ve = st["verb_span"]
    n = rules()["dating"]["after_verb_words"]
    if st["source"] == "reported" and st["clean_start"] > ve:
        # a joined clause dated at its head ("..., and in 2022 signed a decree ...")
        head = [t for t in tx if st["clean_start"] <= t["clean_start"]
                and len(re.findall(r"\w+", text[st["clean_start"]:t["clean_start"]])) <= n]
        if head:
            return head[0]
    lo, hi = st.get("aside") or (0, 0)
    best = None
    for t in tx:
        if lo <= t["clean_start"] < hi:       # "Zelensky, who met Trump on Saturday, said": not when he said it
            continue
        if t["clean_start"] < vs and any(a <= t["clean_start"] < b and t is not own for a, b, own in said):
            continue        # in what an earlier clause of the sentence says ("ready to meet ... on Thursday, but insisted")
        between = text[ve:t["clean_start"]]
        after = t["clean_start"] >= ve and (len(re.findall(r"\w+", between)) <= n or _addressee(st["verb"], between) or (
            # a quotation's attribution is all circumstance of the saying ('"...," he said at a joint press
            # conference with the Finnish president in Helsinki on Wednesday'), up to another event's clause
            # (so is the attribution closing a reported clause: "..., Zelensky said in an interview with Bild
            # published on Wednesday")
            (st["source"] == "quote" or st["clean_end"] <= vs) and not _circumstance_break_rx().search(between)
            and not any(ve <= a < t["clean_start"] for a, _ in quote_spans)))
        if t["clean_start"] < vs or after:
            # "said on Sunday" right after the verb dates the saying before any date in what was said
            d = (0 if after else 1, abs(t["clean_start"] - vs))
            if best is None or d < best[0]:
                best = (d, t)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _addressee_rx() -> re.Pattern:
    """Who was told, named and nothing else: "the U.N. Security Council on", "reporters in Kyiv on"."""
    audiences = text_kit.alternation(actors.cue_rules()["cues"]["audiences"])
    return re.compile(rf"\s*(?:(?:(?i:the|a|an|his|her|its|their|of|and|in|at|{audiences})|[A-Z][\w.’'&-]*)\s+){{1,8}}"
                      r"(?i:on|in|at|during|late|early|last|this)?\s*")


def _addressee(verb: str, between: str) -> bool:
    """The words between a verb that takes an addressee ("told", "assured") and a date are the addressee:
    "told the U.N. Security Council on Tuesday" dates the telling."""
    words = (verb or "").lower().split()
    return bool(words) and words[-1] in rules()["dating"].get("addressee_verbs", []) and \
        bool(_addressee_rx().fullmatch(between))


@lru_cache(maxsize=1)
def _circumstance_break_rx() -> re.Pattern:
    return _words_rx(rules()["dating"]["circumstance_breaks"])


def _date_fields(t: dict, how: str) -> dict:
    return {"date": t["date_start"], "date_end": t["date_end"], "granularity": t["granularity"], "dated_by": how,
            "date_text": t["text"], "date_start_raw": int(t["start"]), "date_end_raw": int(t["end"])}


def _resolve_dates(rows: list[dict], actor, sentence_rows, views, ment, quo, tx) -> None:
    """Set the date fields of every statement in ``rows`` (see ``[dating]``)."""
    sents = _Rows(sentence_rows)
    order = {r["sent_id"]: i for i, r in enumerate(sents.rows)}
    past = _words_rx(rules()["dating"]["past_markers"])
    not_past = _words_rx(rules()["dating"]["not_past"])
    # a sentence telling an earlier event ("On Tuesday Zelensky had made an unannounced visit to ...") dates
    # that event, not the occasion later statements come from
    background = re.compile("|".join(rules()["dating"]["background"]), re.I)
    qspans = {}
    for r in (rows_kit.records(quo[["sent_id", "clean_start", "clean_end"]]) if not quo.empty else []):
        qspans.setdefault(r["sent_id"], []).append((int(r["clean_start"]), int(r["clean_end"])))
    # "Zelensky, who met Trump in Paris on Saturday, said ...": the relative clause dates the meeting,
    # not the saying, here and when the date is carried to later statements
    asides = []
    named = rows_kit.records(ment[ment["actor_id"] == actor]) if not ment.empty else []
    for m in named:
        rel = _PAREN.match(views[m["doc_id"]].text, int(m["clean_end"]))
        if rel and re.match(r",\s+(?:who|whose|fresh|an?)\s", rel.group(0)):
            asides.append((m["doc_id"], rel.start(), rel.end()))
    if asides and not tx.empty:
        aside_of = rows_kit.grouped([{"doc_id": d, "span": (a, b)} for d, a, b in asides], "doc_id")
        inside = [any(a <= t["clean_start"] < b for a, b in (x["span"] for x in aside_of.get(t["doc_id"], [])))
                  for t in rows_kit.records(tx)]
        tx = tx[[not x for x in inside]]
    by_sent = rows_kit.grouped(rows_kit.records(tx), "sent_id") if not tx.empty else {}
    subj_sents = set()
    stext = {r["sent_id"]: r["text"] for r in sents.rows}
    for m in named:
        # the occasion may name the actor as an object: "sat down with Zelenskyy for an interview that aired Tuesday"
        if _subject(views[m["doc_id"]].text, m["clean_start"], m["clean_end"]) or \
                _occasion_rx().search(stext[m["sent_id"]]):
            subj_sents.add(m["sent_id"])
    empty = []
    said_of = rows_kit.grouped(rows, "sent_id")
    # the date a statement of a sentence was made on (its own timex): carried to later sentences before
    # the last date the sentence names, which may be in what was said
    saying = {}
    for st in sorted(rows, key=lambda r: order[r["sent_id"]]):
        view = views[st["doc_id"]]
        i = order[st["sent_id"]]
        own = st.get("date_sent", st["sent_id"])        # a statement sourced by the next sentence: its date
        if st["source"] == "quote" and st["verb_span"] and not (
                sents.at[i, "clean_start"] <= st["verb_span"][0] < sents.at[i, "clean_end"]):
            # a quotation of several sentences: its attribution ("... go for it," he said on Wednesday) is
            # in the sentence that holds the verb
            j = i
            while j + 1 < len(sents) and sents.at[j + 1, "doc_id"] == st["doc_id"] and \
                    sents.at[j, "clean_end"] <= st["verb_span"][0]:
                j += 1
            own = sents.at[j, "sent_id"]
        # the marker is read up to the verb: "had proposed" in what was said ("a truce, which Kyiv had
        # proposed to start on May 12") does not make the saying past
        upto = st["verb_span"][1] if st["verb_span"] else st["clean_end"]
        a0 = int(sents.at[i, "clean_start"])
        head = list(view.text[a0:max(upto, st["clean_start"])])
        for d, a, b in asides:      # "Zelensky, fresh from talks earlier this week, said": not a past position
            if d == st["doc_id"] and not (st["verb_span"] and a <= st["verb_span"][0] < b):
                head[max(0, a - a0):max(0, b - a0)] = " " * len(head[max(0, a - a0):max(0, b - a0)])
        # not "once again"; a past statement dated by its own words ("has previously said ..., and in 2022
        # signed a decree") is no occasion of the article either (see ``statements``)
        st["past_head"] = bool(past.search(not_past.sub(lambda x: " " * len(x.group(0)), "".join(head))))
        t = _own_timex(st, by_sent.get(own, empty), view.text, qspans.get(own, []),
                       [(*sp, _own_timex(o, by_sent.get(own, empty), view.text, qspans.get(own, [])))
                        for o in said_of.get(own, empty) if o is not st for sp in [_said_span(o, view.text)] if sp])
        if t:
            st.update(_date_fields(t, "sentence"))
            saying.setdefault(own, t)
            continue
        if st["past_head"]:
            st["past"] = True       # dated before the article (see ``statements``), not by earlier sentences
            continue
        prev = sents.iloc[i - 1] if i > 0 else None
        if prev is not None and prev["doc_id"] == st["doc_id"] and prev["para_id"] == sents.at[i, "para_id"]:
            pt = _eligible(by_sent.get(prev["sent_id"], empty), qspans.get(prev["sent_id"], []))
            if prev["sent_id"] not in saying:   # "Putin proposed on Sunday that talks resume on Thursday": Sunday
                pt = _not_said(pt, prev, said_of.get(prev["sent_id"], empty), view.text)
            if len(pt):
                st.update(_date_fields(pt[-1], "previous sentence"))
                continue
        for j in range(i - 1, -1, -1):
            earlier = sents.iloc[j]
            if earlier["doc_id"] != st["doc_id"]:
                break
            lead = re.split(r"(?<![\w-])(?:that|said|says|told|saying)(?![\w-])", earlier["text"], maxsplit=1)[0]
            # a sentence telling a past position ("has previously said") dates no later occasion
            if earlier["sent_id"] in subj_sents and not background.search(lead) and \
                    not past.search(not_past.sub(lambda x: " " * len(x.group(0)), earlier["text"][:len(lead) + 20])):
                et = _eligible(by_sent.get(earlier["sent_id"], empty), qspans.get(earlier["sent_id"], []))
                if len(et):     # "on his first trip abroad since Russia invaded on Feb. 24": a starting point
                    et = [x for x in et if not re.search(r"(?<![\w-])since(?![\w-])(?:\W+\w+){0,5}\W*$",
                                                         view.text[max(0, int(x["clean_start"]) - 60):int(x["clean_start"])],
                                                         re.I)]
                if len(et) and earlier["sent_id"] not in saying:
                    # a date in what the earlier statement says ("admitted that the counteroffensive, launched in
                    # early June, was slower") is not when it was said
                    et = _not_said(et, earlier, said_of.get(earlier["sent_id"], empty), view.text)
                if len(et):
                    st.update(_date_fields(saying.get(earlier["sent_id"], et[-1]), "carried"))
                    break
        if st.get("dated_by") is None and ((st["verb"] or "").lower().split() or [""])[-1] in \
                rules()["dating"].get("headline_verbs", []):
            # a lead in the present ("Zelenskyy says his government is prepared to ...") tells the story's
            # occasion, which the text dates a little further on ("Speaking ... on Sunday, Zelenskyy said")
            for j in range(i + 1, min(len(sents), i + 1 + rules()["statement"]["pronoun_window"])):
                later = sents.iloc[j]
                if later["doc_id"] != st["doc_id"]:
                    break
                if later["sent_id"] in subj_sents:
                    lt = _eligible(by_sent.get(later["sent_id"], empty), qspans.get(later["sent_id"], []))
                    if len(lt):
                        st.update(_date_fields(lt[0], "carried"))
                        break


def _group_quotes(rows: list[dict], quo: pd.DataFrame) -> None:
    """Quote group ids (the evidence quotes table's ``group``), and dates for undated
    quotations from the same quotation elsewhere."""
    if quo.empty:
        return
    q = quo[quo["kind"] == "quote"]
    grouped = dict(zip(zip(q["doc_id"], q["clean_start"].astype(int)), q["group"]))
    for st in rows:
        st["group"] = grouped.get((st["doc_id"], st["clean_start"])) if st["source"] == "quote" else None
    dated = {}
    for st in rows:
        if st["group"] and st.get("dated_by") in TEXT_DATED:
            dated.setdefault(st["group"], st)
    for st in rows:
        src = dated.get(st["group"])
        if st.get("dated_by") is None and src is not None:
            st.update({k: src[k] for k in ("date", "date_end", "granularity", "date_text")})
            st.update({"dated_by": "same quotation", "date_start_raw": None, "date_end_raw": None,
                       "date_text": f"{src['date_text']} (doc {src['doc_id']})"})


_NOT_FRAME = {"start", "end", "clean_start", "clean_end", "frame", "copy_group", "text"}


def frames_from(table: pd.DataFrame):
    """``attribution.frames`` of each document, read back from the evidence build's
    ``attributions`` table (a frame's own keys; NaN back to None, offsets back to int)."""
    keys = [k for k in table.columns if k not in _NOT_FRAME and "_raw_" not in k]
    by_doc = {}
    for r in rows_kit.records(table.sort_values(["doc_id", "frame"], kind="stable")[keys]):
        f = {}
        for k, v in r.items():
            if v is None or (isinstance(v, float) and v != v):
                if k in attribution.OPTIONAL_KEYS:
                    continue        # absent from a frame that does not set it
                v = None
            elif k.endswith(("_start", "_end")) and isinstance(v, float):
                v = int(v)
            f[k] = v
        by_doc.setdefault(f["doc_id"], []).append(f)
    return lambda view: [dict(f) for f in by_doc.get(view.doc_id, [])]


def statements(corpus, evidence, actor: str) -> pd.DataFrame:
    """Every coded statement of ``actor`` about negotiations or territory, one row each, from
    the loaded corpus (``corpus.tables.load``) and its evidence (``analysis.evidence.load``).

    Columns: doc_id, sent_id, source (quote / reported), actor, claimant (the actor and
    relay chain in words), outlet, published, date_basis (of the article), file, start, end
    (raw span of the statement: the quoted words, or the reported clause from the
    subject), text, verb (speech or decision cue), occasion (as the sentence names it:
    "interview with CNN", "nightly address", "decree"; empty if none), level (1-5; empty when no rule codes
    it: such statements are kept, never dropped), label, level_cue (the words that decided
    it), polarity (affirmed / negated: "will never recognise" refuses), condition (as
    worded: "until they withdraw"), uncoded_reason, date, date_end (ISO, when the statement
    was made), granularity, dated_by (sentence, previous sentence, carried, same
    quotation, article date), date_text (the time expression), date_start_raw,
    date_end_raw (its raw span), group (quotation group), sentence, sentence_start,
    sentence_end, copy_group, copies, copy_spans (the same statement in other copies of the
    story is this one row). Sorted by date, doc_id, start.
    """
    if actors.actor(actor) is None:
        raise ValueError(f"{actor!r} is not an actor_id of analysis/data/actors.csv")
    c = corpus
    views = {v.doc_id: v for v in docview.from_corpus(c)}
    ment, quo, tx = evidence.mentions, evidence.quotes, evidence.timex
    table = getattr(evidence, "attributions", None)
    sentence_rows = rows_kit.records(c.sentences)     # read once, for every step below
    rows = _candidates(actor, sentence_rows, views, ment, quo,
                       attribution.frames if table is None else frames_from(table))
    if not rows:
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    for st in rows:
        st.update({"dated_by": None, "group": None})
    if len(tx):
        # a statement reported in an article was made by its publication: a date after it ("will
        # be waiting for Putin on May 15") is what was said, not when
        pub = pd.to_datetime(c.documents.set_index("doc_id")["published"]).dt.strftime("%Y-%m-%d")
        tx = tx[~(tx["date_start"].astype(str) > tx["doc_id"].map(pub).fillna("9999"))]
    _resolve_dates(rows, actor, sentence_rows, views, ment, quo, tx)
    _group_quotes(rows, quo)
    docs = {d["doc_id"]: d for d in rows_kit.records(c.documents)}
    sents = _Rows(sentence_rows, "sent_id")
    first_dated = {}
    for st in rows:
        if st["dated_by"] in TEXT_DATED and not st.get("past_head"):
            first_dated[st["doc_id"]] = min(first_dated.get(st["doc_id"], st["date"]), st["date"])
    for st in rows:
        d = docs[st["doc_id"]]
        if st["dated_by"] is None:
            # a position the text reports as past ("has repeatedly said", "had insisted") was stated
            # before the article and before the occasions it dates: the day before the earliest, flagged
            # like the article date
            past = st.pop("past", False)
            day = pd.Timestamp(d["published"])
            if past:
                day = min(day, pd.Timestamp(first_dated.get(st["doc_id"], day))) - pd.Timedelta(days=1)
            day = day.strftime("%Y-%m-%d")
            st.update({"date": day, "date_end": day, "granularity": "day",
                       "dated_by": "before article date" if past else "article date",
                       "date_text": "", "date_start_raw": None, "date_end_raw": None})
        st.pop("past", None)
        st.pop("past_head", None)
        sentence = sents.at[st["sent_id"], "text"]
        occ = _occasion_named_rx().search(sentence)
        st["occasion"] = " ".join(occ.group(0).split()) if occ else ""
        st.update({"actor": actor, "claimant": actors.chain_names(actor, st.pop("via")), "outlet": d["outlet"],
                   "published": d["published"], "date_basis": d["date_basis"], "file": d["file"],
                   "copy_group": d.get("copy_group", st["doc_id"]),
                   "sentence": sents.at[st["sent_id"], "text"], "sentence_start": int(sents.at[st["sent_id"], "start"]),
                   "sentence_end": int(sents.at[st["sent_id"], "end"])})
    # two rules may find the same words (a quotation and the reported clause around it): one statement
    # (a frame of a label, "Details: Zelensky stressed that ...", and of the verb end on the same words)
    out = pd.DataFrame(rows).drop_duplicates(["doc_id", "start", "end"])
    out = out.sort_values(["doc_id", "start"], kind="stable").drop_duplicates(["doc_id", "sent_id", "source", "end"])
    out["level"] = out["level"].astype("Int64")     # empty: on topic, but no rule codes it (uncoded_reason)
    out = copies_mod.merge(out.sort_values(["date", "doc_id", "start"]), COPY_KEY)
    return out.reindex(columns=STATEMENT_COLUMNS).sort_values(["date", "doc_id", "start"]).reset_index(drop=True)



_CALENDAR = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June"
             r"|July|August|September|October|November|December)\b")


@lru_cache(maxsize=1)
def _occasion_named_rx() -> re.Pattern:
    """The occasion as the text names it: "interview with CNN", "nightly address", "decree"."""
    words = text_kit.alternation(rules()["points"]["occasions"], apostrophes=True)
    return re.compile(rf"(?:(?:nightly|video|televised|evening|weekly|joint)\s+)?(?<![\w-])(?:{words})(?![\w-])"
                      rf"(?:\s+(?:with|to|at|in)\s+(?:the\s+)?(?:(?!{_CALENDAR})[A-Z][\w’'.-]*\s*){{1,4}})?")


@lru_cache(maxsize=1)
def _occasion_rx() -> re.Pattern:
    return _words_rx(rules()["points"]["occasions"])




def human_codes(corpus, actor: str, path=CODINGS) -> pd.DataFrame:
    """A human coding (``path``: a CSV with doc_id, statement as written, date, level, note,
    actor; default ``data/codings/positions_human.csv``) of ``actor``, for the documents of
    the loaded ``corpus`` whose raw text holds the statement. Columns: those of the file,
    level as a number, plus start, end (raw span of the statement)."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold = gold[gold["actor"] == actor]
    docs = corpus.documents.set_index("doc_id")
    rows = []
    for r in gold.to_dict("records"):
        if r["doc_id"] not in docs.index:
            continue
        raw = read_raw(corpus.corpus_dir / docs.at[r["doc_id"], "file"])
        at = raw.find(r["statement"])
        if at >= 0:
            rows.append({**r, "level": int(r["level"]), "start": at, "end": at + len(r["statement"])})
    return pd.DataFrame(rows, columns=list(gold.columns) + ["start", "end"])
