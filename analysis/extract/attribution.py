"""Attribution frames: who says a sentence's words, as the text names them.

``frames(view)`` is a pure per-document function; rules live in ``data/attribution.toml``.
It returns one row per attribution cue, sorted by position:

    doc_id, sent_id, para_id     where the cue is
    cue, cue_start, cue_end      the cue words with their subject and context ("he said at a
                                 briefing", "according to", "Source:"), clean offsets
    cue_kind                     speech, or act for a position stated by an act ("ruled out")
    source_text                  the source as the text names it, title or role included
                                 ("Olena Marchenko, a spokeswoman for the regional administration");
                                 for a pronoun or a role anaphor ("he", "the minister") the
                                 antecedent's source
    source_start, source_end     clean offsets of source_text (the antecedent's, when carried)
    actor_id                     codebook id when a codebook mention lies in the source, else None
    source_kind                  person, body, publication, anonymous
    side                         the codebook side when known, else None
    relay                        ";"-joined actor ids the words were told to or relayed by
                                 ("told AP", "quoted by The New York Times"), nearest first
    rule                         verb_subject, verb_inverted, preposition, participle, source_line
    carried                      True when the source is a pronoun or anaphor resolved to an
                                 earlier source; carried_from is that source's sent_id

``governing(view, rows, start, end)`` picks the frame that governs a clean span: the nearest
frame of the same clause, else of the same sentence, else None. ``carried_frame`` is the
frame a quotation with no cue takes: the last one of its paragraph or the paragraph before.
"""
from __future__ import annotations

import bisect
import copy
import dataclasses
import re
from functools import lru_cache

from analysis.corpus.rulefiles import load_toml
from analysis.extract import actors
from analysis.kit import matching
from analysis.kit import text as text_kit

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Prof|Sen|Rep|Gov|St)\.|[^\W_][\w’'.-]*(?<![.])")


@lru_cache(maxsize=1)
def rules() -> dict:
    r = load_toml("attribution.toml")
    low = lambda xs: {x.lower() for x in xs}  # noqa: E731
    src = r["source"]
    return {
        "raw": r,
        "skip": low(r["cues"]["skip"]),
        "verbs": low(r["cues"]["verbs"]),
        "acts": low(r["cues"]["acts"]),
        "after_quote": low(r["cues"].get("after_quote", [])),
        "weak": low(r["cues"]["weak_subjects"]),
        "opinion": low(r["cues"]["opinion"]),
        "data_heads": low(src["data_heads"]),
        "roles": low(src["roles"]) | {x.lower() + "s" for x in src["roles"]},
        "bodies": low(src["bodies"]),
        "publications": low(src["publications"]),
        "anonymous": low(src["anonymous"]),
        "connectors": low(src["connectors"]),
        "modifiers": low(src["modifiers"]),
        "not_sources": set(src["not_sources"]),
        "pronouns": {k.lower(): v for k, v in src["pronouns"].items()},
        "reporters": low(src["reporters"]),
        "anaphora": {k.lower(): [w.lower() for w in v] for k, v in src["anaphora"].items()},
        "age": re.compile(src["age_noun"], re.IGNORECASE),
    }


def _phrase_alt(words) -> str:
    return text_kit.alternation(words)


@lru_cache(maxsize=1)
def _cue_res():
    c = rules()["raw"]["cues"]
    edge = r"(?<![\w’'-])(?:{})(?![\w-])"
    return {
        # each sentence's cue scan: an automaton finds where the phrases start (kit.matching)
        "verb": matching.PhraseScanner(c["verbs"] + c["acts"] + c.get("after_quote", []), before=r"(?<![\w’'-])", after=r"(?![\w-])"),
        "preposition": matching.PhraseScanner(c["prepositions"], before=r"(?<![\w’'-])", after=r"(?![\w-])"),
        "participle": matching.GatedPattern(     # scanned only in sentences with a participle
            re.compile(r"(?:,\s*(?:[a-z]+ly\s+)?|\s+[a-z]+ly\s+)" + edge.format(_phrase_alt(c["participles"])), re.IGNORECASE),
            matching.PhraseScanner(c["participles"], before=r"(?<![\w’'-])", after=r"(?![\w-])")),
        "source_line": re.compile("|".join(c["source_line"]), re.IGNORECASE),
        "speaker_line": re.compile(r"\s*((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)\s*:\s*"),
        "possessive": re.compile(r"['’]s?\s+(?:(?:own|latest|daily|official|regional|updated|new)\s+)?(?:"
                                 + _phrase_alt(rules()["raw"]["source"]["data_heads"]) + r")(?![\w-])", re.IGNORECASE),
        "context": re.compile(r"\s+(?:in|on|at|during|via)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w-]+\s+){0,2}?(?:"
                              + _phrase_alt(actors.cue_rules()["cues"]["context_nouns"]) + r")(?![\w-])"),
        "audience": re.compile(r"\s+(?:" + _phrase_alt(actors.cue_rules()["cues"]["audiences"]) + r")(?![\w-])", re.IGNORECASE),
        "interview": re.compile(r"(?<![\w-])(?:interview|conversation|speaking|spoke|talking|talked|comments|remarks)\s+(?:with|to)\s+",
                                re.IGNORECASE),
        "relay_before": re.compile(r"(?:quoted|cited|reported)\s+by\s*$|(?:according\s+to|citing)\s*$", re.IGNORECASE),
        "time": re.compile(r"(?:(?:on|in|last|this|late|early|earlier|on\s+the)\s+)?(?:January|February|March|April|May|"
                           r"June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|"
                           r"Thursday|Friday|Saturday|Sunday|week|month|year|\d{4})(?:\s+\d{1,2}(?:,\s*\d{4})?)?\s*$"),
    }


# ----------------------------------------------------------------------------- noun phrases

_OPEN = {"“": "d", "‘": "s", "«": "g", "‹": "h"}
_CLOSE = {"”": "d", "’": "s", "»": "g", "›": "h"}
SENT_PUNCT = ",.!?…"
_MARKS = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE) + "'\"") + "]")


def pair_marks(text: str, ps: int, pe: int) -> list[dict]:
    """Quotation marks of one paragraph, text[ps:pe], paired on a stack (curly marks may nest;
    a straight mark opens after a space or bracket and closes otherwise; a single mark between
    letters is an apostrophe). One dict per quotation: ``open``/``close`` (mark positions, None
    when the mark is missing), ``stop`` (where an unclosed one ends), ``fam`` and ``note``.
    The one pairer both the quotation extractor and the attribution layer use."""
    found, stack = [], []
    deepest = actors.cue_rules()["speaker"]["max_nesting"]

    def push(i, fam):
        if len(stack) >= deepest:               # marks nested deeper than any text does: the innermost never closed
            pos, f = stack.pop()
            if f not in "sS":
                found.append({"open": pos, "close": None, "stop": i, "fam": f, "note": "opening mark never closes"})
        stack.append((i, fam))

    def close(fam, i):
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == fam:
                pos = stack[k][0]
                for inner_pos, f in stack[k + 1:]:          # badly nested: end them here too
                    found.append({"open": inner_pos, "close": None, "stop": i, "fam": f,
                                  "note": "opening mark never closes"})
                del stack[k:]
                found.append({"open": pos, "close": i, "stop": i, "fam": fam, "note": ""})
                return True
        return False

    for mark in _MARKS.finditer(text, ps, pe):           # every other character is passed over
        i = mark.start()
        c = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if c in _OPEN:
            if c == "‘" and prev.isalnum():
                continue
            push(i, _OPEN[c])
        elif c in "”»›":
            if not close(_CLOSE[c], i):
                found.append({"open": None, "close": i, "stop": i, "fam": _CLOSE[c], "note": "closing mark without opening"})
        elif c in "’'":
            fam = "s" if c == "’" else "S"
            if prev.isalnum() and nxt.isalnum():
                continue                                      # apostrophe: don’t, Zelensky’s
            if c == "'" and (prev.isspace() or prev in "([—–") and nxt.isalnum():
                push(i, "S")
                continue
            if close(fam, i):
                continue
            if prev in SENT_PUNCT and (nxt.isspace() or nxt in SENT_PUNCT + ")"):
                found.append({"open": None, "close": i, "stop": i, "fam": fam, "note": "closing mark without opening"})
        elif c == '"':
            if stack and stack[-1][1] == "D":
                close("D", i)
            elif prev.isspace() or prev in "([—–-/" or i == ps:
                push(i, "D")
            elif not close("D", i):
                found.append({"open": None, "close": i, "stop": i, "fam": "D", "note": "closing mark without opening"})
    end = ps + len(text[ps:pe].rstrip())
    for pos, fam in stack:
        if fam in "sS":
            continue                                          # a stray single mark is an apostrophe
        found.append({"open": pos, "close": None, "stop": end, "fam": fam, "note": "opening mark never closes"})
    return found


_PARA = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


@lru_cache(maxsize=8)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans (marks included) of the quotations whose marks pair within a paragraph
    (:func:`pair_marks`); an opening mark that never closes (a paragraph quoted from another
    report) leaves its words unmasked."""
    return tuple((q["open"], q["close"] + 1) for para in _PARA.finditer(text)
                 for q in pair_marks(text, para.start(), para.end())
                 if q["open"] is not None and q["close"] is not None)


def _masked(text: str) -> str:
    """The text with quoted words blanked, so cues and names inside quotations are not frames."""
    pieces, pos = [], 0
    for s, e in sorted(quoted_spans(text)):    # nested spans fall inside a blank already made
        s = max(s + 1, pos)
        if e - 1 > s:
            pieces += [text[pos:s], " " * (e - 1 - s)]
            pos = e - 1
    pieces.append(text[pos:])
    return "".join(pieces)


@lru_cache(maxsize=65536)    # a pure function of the word, asked of the same words again and again
def _kind_of_token(tok: str) -> str:
    r = rules()
    low = tok.lower().replace("’", "'")
    base = re.sub(r"'s?$", "", low)
    if low in r["anonymous"] or low in ("the", "a", "an"):
        return "det"
    if low in r["connectors"]:
        return "conn"
    if base in r["roles"] or base in r["bodies"] or r["age"].fullmatch(low):
        return "role"
    if tok[0].isupper() or tok[0].isdigit() and len(tok) > 1 and tok[-2:] in ("th", "st", "nd", "rd"):
        return "stop" if tok in r["not_sources"] else "name"
    if low in r["modifiers"] or base in r["modifiers"]:
        return "mod"
    return "other"


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, lo, hi)]


def _valid(kinds: list[str]) -> bool:
    return any(k in ("name", "role") for k in kinds)


def np_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end`` (a subject before its verb), within text[lo:end]."""
    toks = _tokens(text, lo, end)
    picked = []
    toks = list(reversed(toks))
    for n, (s, e, tok) in enumerate(toks):
        gap = text[e:picked[0][0]] if picked else text[e:end]
        if gap.strip(" \t") not in ("", "-"):
            break
        k = _kind_of_token(tok)
        if tok in ("He", "She", "They", "It", "We", "I") or tok.lower() in rules()["pronouns"]:
            if not picked:
                return (s, e)
            break
        if k == "det":
            picked.insert(0, (s, e, k))
            before = toks[n + 1:n + 3]
            if (tok.lower() == "the" and len(before) == 2 and _kind_of_token(before[0][2]) == "conn"
                    and _kind_of_token(before[1][2]) in ("name", "role")
                    and text[before[0][1]:s].strip(" ") == "" and text[before[1][1]:before[0][0]].strip(" ") == ""):
                continue                         # "A source in the Verkhovna Rada Committee"
            break
        if k == "other" and picked and picked[-1][2] == "role" and tok.islower() and _name_behind(text, toks, n, picked[0][0]):
            picked.insert(0, (s, e, k))          # "the UN human rights monitoring mission": a name leads it
            continue
        if k in ("stop", "other") or k == "conn" and not picked:
            break
        if k == "mod" and not picked:
            break
        picked.insert(0, (s, e, k))
        if len(picked) > 12:
            break
    while picked and picked[0][2] == "conn":
        picked.pop(0)
    if not picked or not _valid([p[2] for p in picked]):
        return None
    return picked[0][0], picked[-1][1]


def _name_behind(text: str, toks: list, n: int, until: int) -> bool:
    """Do at most three lower-case words from reversed token ``n`` on follow, unbroken, a name
    (a capitalised word) that a determiner or the text's start comes before?"""
    nxt = until
    for s, e, tok in toks[n:n + 4]:
        if text[e:nxt].strip(" \t") != "":
            return False
        k = _kind_of_token(tok)
        if k in ("name", "role") and tok[0].isupper():
            return True
        if not (tok.islower() and k in ("other", "mod")):
            return False
        nxt = s
    return False


def np_after(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase that starts at ``start`` (after a preposition or an inverted verb)."""
    toks = _tokens(text, start, hi)
    picked, pending = [], []
    for i, (s, e, tok) in enumerate(toks):
        prev_end = (pending or picked)[-1][1] if (pending or picked) else start
        if text[prev_end:s].strip(" \t") not in ("", "-"):
            break
        k = _kind_of_token(tok)
        if not picked and not pending and (tok in ("He", "She", "They", "It") or tok.lower() in ("he", "she", "they", "it")):
            return s, e
        if not picked and not pending and tok.lower() in ("him", "her", "them") and re.match(r"\s*(?:[,.;:]|$)", text[e:e + 3]):
            return s, e                          # "according to her, ..." (not "her office")
        if k in ("stop",) and (picked or pending):
            break
        if k == "det" and (picked or pending) and tok.lower() not in ("the",):
            break
        if k in ("name", "role"):
            picked += pending + [(s, e, k)]
            pending = []
        elif k in ("det", "conn", "mod") or (k == "other" and not picked and len(pending) < 3
                                              and pending and pending[0][2] == "det"):
            pending.append((s, e, k))
        elif k == "other" and picked and picked[-1][2] in ("name", "role") and _role_ahead(text, toks, i):
            pending.append((s, e, k))            # "the UN human rights monitoring mission"
        else:
            break
        if len(picked) > 14:
            break
    if not picked or not _valid([p[2] for p in picked]):
        return None
    return picked[0][0], picked[-1][1]


def _role_ahead(text: str, toks: list, i: int) -> bool:
    """Do at most three lower-case words from token ``i`` on lead, unbroken, to a role noun?"""
    prev = toks[i - 1][1] if i else toks[i][0]
    for s, e, tok in toks[i:i + 4]:
        if text[prev:s].strip(" \t") != "":
            return False
        k = _kind_of_token(tok)
        if k == "role":
            return True
        if k not in ("other", "mod") or not tok.islower():
            return False
        if k == "other" and (re.search(r"(?:ed|s)$", tok) or tok in rules()["verbs"] or tok in rules()["acts"]):
            return False                         # "Zelensky visited wounded soldiers": a verb, not a modifier
        prev = e
    return False


def _apposition_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """"Olena Marchenko, a spokeswoman for the regional administration, said": the name and
    the apposition, when ``end`` closes the apposition's comma."""
    stripped = text[lo:end].rstrip()
    if not stripped.endswith(","):
        return None
    comma2 = lo + len(stripped) - 1
    comma1 = text.rfind(",", lo, comma2)
    if comma1 < 0:
        return None
    appos = text[comma1 + 1:comma2].strip()
    if re.match(r"(?:who|which|that|whose|whom)\b", appos, re.IGNORECASE):
        return None                              # a relative clause, not an apposition
    if re.fullmatch(r"\d{1,3}", appos):          # "Olha Petrenko, 67, told AFP": an age after the name
        name = _apposition_before(text, lo, comma1 + 1) or np_before(text, lo, comma1)
        if name and any(_kind_of_token(t) in ("name", "role") for _, _, t in _tokens(text, *name)):
            return name[0], comma2
        return None
    kinds = [_kind_of_token(t) for _, _, t in _tokens(appos, 0, len(appos))]
    if kinds and all(k == "name" for k in kinds) and len(kinds) <= 4:
        role = np_before(text, lo, comma1)      # "Zelensky's national security chief, Oleksiy Danilov, said"
        if role and any(_kind_of_token(t) == "role" for _, _, t in _tokens(text, *role)):
            return role[0], comma2
    lead = [_kind_of_token(t) for _, _, t in _tokens(appos, 0, len(appos))[:3]]
    if not appos or len(appos.split()) > 20 or not (re.match(r"(?:a|an|the|one|his|her|its|[A-Z])", appos)
                                                    or "role" in lead):
        return None                              # "deputy director of the programme", "head of Wagner"
    name = np_before(text, lo, comma1)
    age = re.search(r",\s*\d{1,3}\s*$", text[lo:comma1]) if name is None else None
    if age:                                      # "Olha Petrenko, 67, a retired teacher, said"
        name = np_before(text, lo, lo + age.start())
    if not name or not any(_kind_of_token(t) == "name" for _, _, t in _tokens(text, *name)):
        return None
    if not any(_kind_of_token(t) == "role" for _, _, t in _tokens(appos, 0, len(appos))) and \
            not _described_person(text, name, appos):
        return None
    return name[0], comma2


def _described_person(text: str, name: tuple[int, int], appos: str) -> bool:
    """"Ihor Petrenko, a nurse at the city hospital, said": a full name (two or more capitalised
    words) with an apposition that opens with an article describes a person, whatever the noun;
    an apposition with a verb in it is a clause, not a description."""
    toks = [t for _, _, t in _tokens(text, *name)]
    if len(toks) < 2 or not all(_kind_of_token(t) == "name" for t in toks):
        return False
    if not re.match(r"(?:a|an|the)\s", appos) or len(appos.split()) > 14:
        return False
    words = [w.lower() for w in re.findall(r"[a-z][\w’'-]*", appos)]
    return not any(w in rules()["verbs"] or w in rules()["acts"] or w in _CLAUSE_WORDS for w in words)


_CLAUSE_WORDS = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "said", "says", "did", "does"}


@lru_cache(maxsize=1)
def _relative_re():
    rel = _phrase_alt(rules()["raw"]["cues"]["relative"])
    return re.compile(rf"(,\s*|\s+)(?:{rel})\s+[^,;:“”\"()]{{1,160}}?,?$|,\s*(?:{rel})(?:\s+[a-z]+ly|\s+nevertheless|\s+also)?$")


def _cleft_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """"It was Putin who proposed": the noun phrase the cleft puts before the relative pronoun."""
    cl = _phrase_alt(rules()["raw"]["cues"].get("cleft", []))
    rel = _phrase_alt(rules()["raw"]["cues"]["relative"])
    m = re.search(rf"\b(?:{cl})\s+(.{{1,80}}?)\s+(?:{rel})$", text[lo:end], re.I)
    if not m:
        return None
    src = np_before(text, lo + m.start(1), lo + m.end(1))
    return src if src and src[0] == lo + m.start(1) else None


def _relative_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """"David Arakhamia, who heads the team, told" / "Zelensky, who nevertheless insists" /
    "Two units that spoke to Reuters said": the noun phrase before the relative clause (its
    apposition included) is the subject of the verb."""
    seg = text[lo:end]
    m = _relative_re().search(seg)
    if not m:
        return None
    direct = np_before(text, lo, end)
    pron = re.match(r"[,\s]*(\w+)", seg[m.start():])
    if direct and pron and text[lo + m.start() + pron.end():direct[0]].strip() == "":
        return None                              # "figures, which the officials put": the clause has its own subject
    cut = lo + m.start()
    bare = m.group(1) is not None and "," not in m.group(1)
    if bare and m.group(0).lstrip().split()[0].lower() != "that":
        return None                              # "who"/"which" without a comma is a question, not a clause
    src = (_apposition_before(text, lo, cut + 1) if text[cut:cut + 1] == "," else None) or np_before(text, lo, cut)
    if src and bare and text[lo:src[0]].strip() not in ("",) and not text[lo:src[0]].rstrip().endswith(","):
        return None                              # "told the BBC that Zelensky said": a complement, not a clause
    return src


def _verb_in_relative(text: str, end: int) -> bool:
    """Is the verb at ``end`` the relative clause's own ("Zelensky, who insists that")?"""
    return not text[:end].rstrip().endswith(",")


@lru_cache(maxsize=1)
def _role_complement_re():
    roles = _phrase_alt(sorted(rules()["raw"]["source"]["roles"], key=len, reverse=True))
    word = r"(?!(?:who|which|that|and|but|or|as)\s)[^\s,;:“”\"()]+"
    return re.compile(rf"(?:^|(?<=[,;:—–]\s)|(?<=\sand\s)|(?<=\sbut\s)|(?<=\sthat\s))((?:a|an|the|one|another)\s+"
                      rf"(?:[\w’'.-]+\s+){{0,3}}?(?:{roles})s?\s+(?:at|of|for|from|in|with)\s+(?:{word}\s+){{0,7}}?{word})$", re.I)


def _role_complement_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """"a nurse at the city hospital", "an official at the embassy in Warsaw": a role noun with
    its complement, opening a clause, that ends at ``end`` (no verb in it)."""
    lo = max(lo, end - 160)                      # the phrase is at most a dozen words
    seg = text[lo:end]
    if not re.search(r"\s(?:at|of|for|from|in|with)\s", seg):
        return None
    m = _role_complement_re().search(seg)
    if not m:
        return None
    r = rules()
    words = re.findall(r"[a-z][\w’'-]*", m.group(1))
    if any(w.endswith("ing") or w in r["verbs"] or w in r["acts"] or w in _CLAUSE_WORDS for w in words):
        return None                              # "the head of the team handling the talks": a clause
    return lo + m.start(1), end


_KNOWN_AS_END = re.compile(r"(?:known\s+as|called|nicknamed|goes\s+by|the\s+name)\s+$")


@lru_cache(maxsize=1)
def _known_as_re():
    roles = _phrase_alt(sorted(rules()["raw"]["source"]["roles"], key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=\s))((?:a|an|the|one)\s+(?:[\w’'.-]+\s+){{0,4}}?(?:{roles}))\s+"
                      r"(?:known\s+as|called|nicknamed|who\s+goes\s+by|under\s+the\s+name)\s+$", re.I)


def _apposition_after(text: str, start: int, hi: int) -> int | None:
    """End of ", the Kremlin spokesman" after an inverted name ("said Dmitry Peskov, the ...")."""
    m = re.match(r",\s*((?:a|an|the|one|his|her|its)\s+[^,.;:“”\"]{2,80}?)(?=[,.;]|$)", text[start:hi])
    lead = 99
    if m is None:                                # ", communications adviser to the Director of the bureau"
        m = re.match(r",\s*([a-z][\w-]*(?:\s+[a-z][\w-]*)?\s+(?:of|to|for|at)\s[^,.;:“”\"]{2,100}?)(?=[,.;]|$)",
                     text[start:hi])
        lead = 3
    if not m or not any(_kind_of_token(t) == "role" for _, _, t in _tokens(m.group(1), 0, len(m.group(1)))[:lead]):
        return None
    return start + m.end(1)


# ----------------------------------------------------------------------------- sources

def _source_kind(text: str, actor_row: dict | None) -> str:
    """person, body, publication or anonymous, read from the source's head ("Olena Marchenko,
    a spokeswoman for the regional administration" is a person; "A source in the Rada
    Committee" is anonymous)."""
    r = rules()
    if actor_row is not None:
        return {"person": "person", "institution": "body", "publication": "publication",
                "group": "anonymous" if actor_row.get("kind") == "group" else "body"}[actor_row["kind"]]
    appos = re.fullmatch(r"[^,]+,\s*((?:[A-Z][\w’'.-]*\s*){2,4})", text)
    if appos and all(_kind_of_token(t) == "name" for t in appos.group(1).split()):
        return "person"                         # "Her neighbour, Mykola Petrenko"
    head = text[:_head_end(text, 0, len(text))]
    toks = [t for _, _, t in _tokens(head, 0, len(head))]
    if not toks:
        return "anonymous"
    lows = [re.sub(r"['’]s?$", "", t.lower()) for t in toks]
    joined = " ".join(lows)
    if len(toks) == 1 and toks[0] in _places():
        return "body"                           # "Moscow said": the capital stands for its government
    names = [t for t in toks[1:] if _kind_of_token(t) == "name" and t.lower() not in r["modifiers"]]
    if lows[0] in r["anonymous"] - {"the"} and not names:
        return "anonymous"
    if lows[-1] in r["bodies"] or any(joined.endswith(" " + b) or joined == b for b in r["bodies"] if " " in b):
        return "body"
    if lows[-1] in r["publications"]:
        return "publication"
    if lows[0] in ("sources", "officials", "people"):
        return "anonymous"
    if not any(_kind_of_token(t) == "name" for t in toks):
        return "anonymous"                      # "organisers", "a senior diplomat"
    return "person"


@lru_cache(maxsize=1)
def _places() -> set:
    return set(rules()["raw"]["source"]["places"]) | {
        w for w in actors.not_names() if w[:1].isupper() and w not in rules()["not_sources"]}


def _head_end(text: str, s: int, e: int) -> int:
    """End of a source's head: before its first "of/for/from/at/in/on" complement."""
    m = re.search(r",|\s(?:of|for|from|at|in|on|with)\s", text[s:e])
    return s + m.start() if m else e


def _data_source(text: str, s: int, e: int) -> tuple[int, int]:
    """"Figures from the Prosecutor General's Office": the office, not the figures."""
    m = re.match(r"(?:the\s+|its\s+|their\s+)?(?:\w+\s+){0,2}?(\w+)\s+(?:from|of|by|released by|published by)\s+", text[s:e], re.I)
    if m and m.group(1).lower() in rules()["data_heads"] and s + m.end() < e:
        return s + m.end(), e
    m = re.fullmatch(r"(.+?)(?:['’]s?)\s+(?:\w+\s+)?(\w+)", text[s:e])    # "the prosecutors' data"
    if m and m.group(2).lower() in rules()["data_heads"]:
        return s, s + m.end(1)
    return s, e


class _Doc:
    def __init__(self, view):
        self.view = view
        self.text = view.text
        self.masked = _masked(view.text)
        self.mentions = actors.mentions(view)
        self._starts = [m["clean_start"] for m in self.mentions]     # mentions come sorted by start

    def actor_in(self, s: int, e: int) -> dict | None:
        """The codebook actor a source names: the mention covering the last word of its head
        ("Ukraine's General Staff" is the staff, not Ukraine; "the Institute for the Study of
        War" is the institute), or a person named anywhere in it."""
        inside = [m for m in self.mentions[bisect.bisect_left(self._starts, s):bisect.bisect_left(self._starts, e)]
                  if m["clean_end"] <= e]
        if not inside:
            return None
        head = _head_end(self.text, s, e)
        cuts = [s] + [s + x.end() for x in re.finditer(r"\s(?:and|&)\s", self.text[s:head])] + [head]
        for a, b in zip(cuts, cuts[1:]):         # "Ukrainian officials and soldiers": each conjunct
            b = a + len(re.sub(r"\s(?:and|&)\s$", "", self.text[a:b]))
            toks = _tokens(self.text, a, b)
            if len(toks) > 1 and toks[-1][2].lower() in rules()["data_heads"]:
                toks = toks[:-1]                 # "the latest U.S. intelligence estimates": whose estimates
            if toks:
                ts, te = toks[-1][0], toks[-1][1]
                heads = [m for m in inside if m["clean_start"] <= ts and te <= m["clean_end"] + 2]
                if heads:
                    return max(heads, key=lambda m: m["clean_end"] - m["clean_start"])
        if re.search(r"(?:press\s+service|press\s+office|press\s+cent(?:re|er)|office)\s*$", self.text[s:head], re.I):
            after = [m for m in inside if m["clean_start"] >= head]   # "the press service of the Kremlin"
            if after:
                return after[0]
        # (not a person named as the owner: "Zelensky's spokesman Serhii Nykyforov" is the spokesman)
        office = _office_re().fullmatch(self.text, s, e) is not None     # "Zelensky's office": his, for office_of
        people = [m for m in inside if m["kind"] == "person"
                  and (office or not re.match(r"['’]s?\s", self.text[m["clean_end"]:m["clean_end"] + 3]))]
        return people[-1] if people else None


@lru_cache(maxsize=1)
def _role_holders() -> tuple:
    """attribution.toml [source.role_holders] as (country, role, actor_id, start, end) rows, ISO dates."""
    from analysis.corpus.errors import CorpusError
    from analysis.corpus.paths import DATA, display
    out = []
    for n, row in enumerate(rules()["raw"]["source"].get("role_holders", {}).get("rows", []), 1):
        if len(row) != 5 or actors.actor(row[2]) is None:
            raise CorpusError(f"{display(DATA / 'attribution.toml')}: [source.role_holders] row {n} {row!r}: "
                              "want [country, role, actor_id of actors.csv, start, end]")
        out.append((row[0], row[1].lower(), row[2], row[3], row[4]))
    return tuple(out)


@lru_cache(maxsize=1)
def _role_re():
    src = rules()["raw"]["source"]
    words = {w.lower(): c for c, ws in src.get("countries", {}).items() for w in ws}
    roles = {r for _, r, _, _, _ in _role_holders()} | {k.lower() for k in src.get("role_synonyms", {})}
    c, r = _phrase_alt(sorted(words, key=len, reverse=True)), _phrase_alt(sorted(roles, key=len, reverse=True))
    rx = re.compile(rf"(?:the\s+)?(?P<c>{c})\s+(?:(?:top|current|sitting|incumbent|new)\s+)?(?P<r>{r})"
                    rf"|(?:the\s+)?(?P<r2>{r})\s+of\s+(?P<c2>{c})", re.I)
    return rx, words, {k.lower(): v.lower() for k, v in src.get("role_synonyms", {}).items()}


def role_holder(text: str, date=None) -> str | None:
    """The codebook person a country-and-role description names on ``date`` ("the Finnish
    president", "Poland's foreign minister", "the prime minister of Italy"): attribution.toml [source.role_holders]."""
    rx, words, syn = _role_re()
    m = rx.fullmatch(re.sub(r"\s+", " ", text.strip()))
    if not m:
        return None
    country = words[(m.group("c") or m.group("c2")).lower()]
    role = (m.group("r") or m.group("r2")).lower()
    role = syn.get(role, role)
    day = date.isoformat() if date else None
    hits = {aid for c, r, aid, a, b in _role_holders() if c == country and r == role
            and (day is None or (not a or a <= day) and (not b or day < b))}
    return hits.pop() if len(hits) == 1 else None


def office_of(actor_id: str | None) -> str | None:
    """The actor of a person's office ([source.office_of]: "Zelensky's office" is the presidential office)."""
    aid = rules()["raw"]["source"].get("office_of", {}).get(actor_id or "")
    return aid if aid and actors.actor(aid) else None


@lru_cache(maxsize=1)
def _office_re():
    words = _phrase_alt(rules()["raw"]["source"].get("office_words", ["office"]))
    return re.compile(rf"(?:(?P<own>.+?)['’]s?\s+|(?P<pron>his|her)\s+)?(?:own\s+)?(?:{words})", re.I)


# an unnamed spokesperson speaks for the body ("a spokesperson for the State Department said")
_SPOKES = re.compile(r"(?:an?|the|one)\s+(?:[a-z-]+\s+)?(?:spokesman|spokeswoman|spokesperson|representative|press\s+secretary|"
                     r"press\s+officer)\s+(?:for|of|at)\s+(?P<body>(?:the\s+)?[^,;]{2,80})")


# an anonymous source placed by whom it is near: "a source close to the Kremlin", "people familiar
# with the talks" (the Kremlin does not speak; the source does)
_NEAR = r"(?:close\s+to|familiar\s+with|briefed\s+on|with\s+knowledge\s+of|with\s+direct\s+knowledge\s+of)"
_NEAR_BEFORE = re.compile(r"(?<![\w’'-])(?:(?:an?|one|two|three|four|several|some|the|other)[ ]+)?(?:[\w.-]+[ ]+){0,2}?"
                          r"(?:sources?|persons?|people|officials?|insiders?|diplomats?)[ ]+" + _NEAR + r"[ ]+$", re.I)
_NEAR_WHOLE = re.compile(r"(?<![\w’'-])(?:(?:an?|one|two|three|four|several|some|the|other)[ ]+)?(?:[\w.-]+[ ]+){0,2}?"
                         r"(?:sources?|persons?|people|officials?|insiders?|diplomats?)[ ]+" + _NEAR
                         + r"[ ]+(?:(?!that\b|who\b|which\b)[\w’'.-]+[ ]*){1,6}$", re.I)
_NEAR_AFTER = re.compile(r"\s+" + _NEAR + r"\s+", re.I)
_NEAR_HEAD = re.compile(r"(?:sources?|persons?|people|officials?|insiders?|diplomats?)$", re.I)


def _near_source(doc, s: int, e: int) -> tuple[int, int, bool]:
    """The source span grown over "close to"/"familiar with", and whether it is such a source."""
    if _NEAR_WHOLE.fullmatch(doc.masked, s, e):
        return s, e, True
    m = _NEAR_BEFORE.search(doc.masked, max(0, s - 80), s)
    if m and m.end() == s:
        return m.start(), e, True
    a = _NEAR_AFTER.match(doc.masked, e)
    if a and _NEAR_HEAD.search(doc.masked, s, e):
        sent = doc.view.sentence_at(e)
        tail = np_after(doc.masked, a.end(), sent.end if sent else len(doc.masked))
        if tail:
            return s, tail[1], True
    return s, e, False


_IN_PUB = re.compile(r"\s+in\s+$", re.I)


def _in_publication(doc, s: int, e: int) -> tuple[int, str] | None:
    """(end of the speaker, publication) when a source span ends "in <codebook publication>"."""
    if " in " not in doc.text[s:e]:
        return None
    for m in actors.mentions(doc.view):
        if s < m["clean_start"] and m["clean_end"] == e and actors.kind_of(m["actor_id"]) == "publication":
            pre = _IN_PUB.search(doc.text, s, m["clean_start"])
            if pre and pre.start() > s:
                return pre.start(), m["actor_id"]
    return None


def _frame(doc, sent, rule, cue_s, cue_e, src, relay=(), cue_kind="speech") -> dict:
    s, e = _data_source(doc.text, *src)
    s, e, near = _near_source(doc, s, e)
    if re.fullmatch(r"(?:his|her)\s", doc.text[max(0, s - 4):s]) and _office_re().fullmatch(doc.text, s, e):
        s -= 4                                   # "his office said": the pronoun's office (resolved later)
    m = doc.actor_in(s, e)
    if m and indefinite_role(doc.text, m):
        m = None                                 # "a Kremlin spokesman said": one of them, not the spokesman
    om = _office_re().fullmatch(doc.text, s, e)
    if m and om and om.group("own") and office_of(m["actor_id"]):
        aid = office_of(m["actor_id"])           # "Zelensky's office said": the office, not the man
        m = {"actor_id": aid, "side": actors.side_of(aid)}
    if m and m.get("rule") == "named_source" and len(doc.text[s:e].split()) >= 2 and \
            re.match(r"[A-Z]\w+\s+[A-Z]\w+", doc.text[s:e]):
        m = None                                 # "Serhii Hnezdilov, a soldier": a person of his own
    book = actors.actor(m["actor_id"]) if m else None
    text = doc.text[s:e]
    place = rules()["raw"]["source"].get("place_actors", {}).get(re.sub(r"^the\s+", "", text.strip()))
    if near:
        m = book = None
    spokes = _SPOKES.fullmatch(text) if m is None else None
    if spokes:                                   # "a spokesman for the Kremlin": the Kremlin speaks
        inner = doc.actor_in(s + spokes.start("body"), e)
        if inner and actors.kind_of(inner["actor_id"]) == "institution":
            m, book = inner, actors.actor(inner["actor_id"])
    group = _group_of(text) if m is None else None
    if group:                                    # "a senior Ukrainian defence official": Ukrainian officials
        m = {"actor_id": group, "side": actors.side_of(group)}
        book = actors.actor(group)
    if m is None and place and actors.actor(place) and rule not in ("speaker_line", "dash_line"):
        # "Kyiv said": the government of Ukraine (a "Ukraine: '...'" subheading is a topic, not a voice)
        m = {"actor_id": place, "side": actors.side_of(place)}
        book = actors.actor(place)
    return {"doc_id": doc.view.doc_id, "sent_id": sent.sent_id, "para_id": sent.para_id,
            "cue": doc.text[cue_s:cue_e], "cue_start": cue_s, "cue_end": cue_e,
            "source_text": text, "source_start": s, "source_end": e,
            "actor_id": m["actor_id"] if m else None, "source_kind": _source_kind(text, book),
            "cue_kind": cue_kind,
            "side": (m or {}).get("side"), "relay": ";".join(relay), "rule": rule,
            "carried": False, "carried_from": None}


def indefinite_role(text: str, m: dict) -> bool:
    """Is mention ``m`` a person's role alias ("Kremlin spokesman", none of the name's words)
    after an indefinite article ("a Kremlin spokesman"), so someone in that role, not that person?"""
    if "clean_start" not in m or not re.search(r"(?<![\w’'-])(?:a|an|one|another)\s+$", text[max(0, m["clean_start"] - 9):m["clean_start"]], re.I):
        return False
    book = actors.actor(m["actor_id"]) or {}
    if book.get("kind") != "person" or re.match(r"(?:a|an|the)\s", book.get("name", ""), re.I):
        return False
    names = {w.lower() for w in re.findall(r"[\w’'-]+", book.get("name", ""))}
    return not any(w.lower() in names for w in re.findall(r"[\w’'-]+", m["text"]))


def _group_of(text: str) -> str | None:
    """The codebook group (attribution.toml [source.groups]) of an unnamed source: its head noun
    before any complement, and a side's adjective among the words before it; a source with a name
    in it is a person of its own."""
    groups = rules()["raw"]["source"].get("groups", {})
    head = text[:_head_end(text, 0, len(text))]
    toks = [t for _, _, t in _tokens(head, 0, len(head))]
    if len(toks) < 2:
        return None
    noun = toks[-1]
    noun = noun[:-1] if noun not in groups and noun.endswith("s") else noun
    noun = {"servicemen": "serviceman", "infantrymen": "infantryman"}.get(toks[-1], noun)
    by_side = groups.get(noun)
    if not by_side or toks[0].lower() not in rules()["anonymous"] | {"the"} and toks[0] not in by_side:
        return None
    words = [re.sub(r"['’]s$", "'s", t) for t in toks[:-1]]
    if any(_kind_of_token(t) == "name" and t not in by_side for t in words):
        return None
    hits = {by_side[w] for w in words if w in by_side}
    aid = hits.pop() if len(hits) == 1 else None
    return aid if aid and actors.actor(aid) else None


def _relay_after_told(doc, sent, ce) -> tuple[list[str], int]:
    """"told AP", "told the Kyiv Independent": the medium the words were told to."""
    span = np_after(doc.masked, ce + 1 if doc.masked[ce:ce + 1] == " " else ce, sent.end)
    if not span:
        return [], ce
    m = doc.actor_in(*span)
    if m is None:                                # "told the BBC Russian service": the publication in it
        m = next((x for x in doc.mentions if span[0] <= x["clean_start"] and x["clean_end"] <= span[1]
                  and x["kind"] == "publication"), None)
    if m and m["kind"] == "publication":
        return [m["actor_id"]], span[1]
    return [], ce


@lru_cache(maxsize=1)
def _aside_re():
    # an aside may run on ("speaking on condition of anonymity because he was not authorised to
    # talk to the media,"); it ends at the verb (``$`` is the search's end)
    return re.compile(rf",\s*(?:{_phrase_alt(rules()['raw']['cues']['asides'])})(?:\s(?:[^,;“”\"]|[“\"][^“”\"]{{1,30}}[”\"]){{0,80}})?"
                      r"(?:,\s*(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,2}(?=\s*,\s*$))?\s*,?\s*$", re.I)


def _skip_back(doc, lo: int, end: int) -> int:
    """Move ``end`` back over adverbs, auxiliaries and time phrases between subject and verb."""
    r = rules()
    t = doc.masked
    while True:
        m = _cue_res()["time"].search(t, lo, end)
        if m and m.end() == end and m.start() > lo and t[m.start() - 1] in " ,":
            end = m.start()
            while end > lo and t[end - 1] in " ,":
                if t[end - 1] == ",":
                    break
                end -= 1
            continue
        m = _aside_re().search(t, lo, end)
        if m and m.end() == end and m.start() > lo:
            end = m.start()
            continue
        m = re.search(r"\s*\([^()]{1,40}\)\s*$", t[lo:end])       # "the mission (HRMMU) said"
        if m and m.start() > 0:
            end = lo + m.start()
            continue
        m = re.search(r"([\w’'-]+)\s*$", t[lo:end])
        if m and m.group(1).lower() in r["skip"] and not m.group(1)[0].isupper():
            end = lo + m.start()
            while end > lo and t[end - 1] == " ":
                end -= 1
            continue
        return end


_LEAD = re.compile(r"\s*(?:[A-Z][A-Z .'’-]{2,},?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?(?:\([^()]{1,30}\)\s*)?[-—–]+\s*)?"
                   r"(?:(?:While|As|When|After|Although|Though|Since|If|But|And|Then|Meanwhile|However|Later|Earlier)\b,?\s*)?")
# (a dateline "KYIV, Oct 4 (Reuters) -" is never the subject)


def _coordinated(doc, sent, cs: int, prior: list[dict]) -> dict | None:
    """"Trump did not say where the numbers came from and said": a cue verb after "and"/"but"
    shares the subject of its sentence: the source of the sentence's frame before it, else the
    noun phrase that opens the sentence."""
    t = doc.masked
    end = _skip_back(doc, sent.start, cs)
    if not re.search(r"(?:^|[\s,])(?:and|but)\s*$", t[sent.start:end]):
        return None
    before = [f for f in prior if f["cue_end"] <= cs]
    if before:
        return dict(before[-1])
    lead = _LEAD.match(t, sent.start, cs)
    src = np_after(t, lead.end(), cs)
    if src is None:
        return None
    rest = t[src[1]:cs]
    app = _apposition_after(t, src[1], cs) if rest.startswith(",") else None
    named = re.match(r",\s*((?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3})\s*,", rest)
    if named and any(_kind_of_token(tok) == "role" for _, _, tok in _tokens(t, *src)):
        src = (src[0], src[1] + named.end(1))    # "Russia's media regulator, Roskomnadzor, blocked ... and warned"
    elif app:
        src = (src[0], app)
    elif rest[:1] not in (" ", ","):
        return None
    return {"src": src}


@lru_cache(maxsize=1)
def _published_by_re():
    heads = _phrase_alt(rules()["raw"]["source"]["data_heads"])
    return re.compile(rf"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){{0,2}}?(?:{heads})\s*,\s*(?:published|released|compiled|"
                      rf"collected|gathered|provided|presented|made\s+public)\s+(?:\w+\s+){{0,3}}?by\s+(?P<src>[^,;:“”\"]{{2,120}}),",
                      re.I)


def _verb_frame(doc, sent, m, prior=()) -> dict | None:
    cs, ce = m.start(), m.end()
    w = rules()["raw"]["source"]["window_chars"]
    t, lo, hi = doc.masked, max(sent.start, cs - w), min(sent.end, ce + w)
    verb = m.group(0).lower()
    if verb in rules()["after_quote"] and not re.search(r"(?:[”\"»]|(?<=[,.?!…])[’'])[ ,]*(?:[\w’'.-]+ +){0,4}$",
                                                          doc.text[max(0, cs - 80):cs]):
        return None                              # "asked" is speech only right after the words asked
    relay, cue_end = [], ce
    if verb in ("told", "tells"):
        relay, cue_end = _relay_after_told(doc, sent, ce)
        aud = _cue_res()["audience"].match(t, cue_end, hi)
        if aud:
            cue_end = aud.end()
    else:
        to = re.match(r"\s+to\s+", t[ce:hi])         # "admitted to the Kyiv Independent"
        if to:
            relay, _ = _relay_after_told(doc, sent, ce + to.end() - 1)
    ctx = _cue_res()["context"].match(t, cue_end, hi)   # "said in a statement", "at a briefing"
    if ctx:
        cue_end = ctx.end()
    end = _skip_back(doc, lo, cs)
    while end > lo and t[end - 1] == " ":
        end -= 1
    src = _apposition_before(t, lo, end + (1 if t[end:end + 1] == "," else 0)) if t[end - 1:end] == "," else None
    rule = "verb_subject"
    relative = across = False
    if src is None and t[end - 1:end] == "," and rules()["raw"]["cues"].get("parenthetical_relays"):
        par = re.search(rf",\s*(?:{_phrase_alt(rules()['raw']['cues']['parenthetical_relays'])})\s+[^,;:“”\"()]{{1,100}},$",
                        t[lo:end], re.I)
        if par:
            inner = np_before(t, lo, lo + par.start())
            pubs = [x for x in doc.mentions if lo + par.start() <= x["clean_start"] and x["clean_end"] <= end
                    and t[x["clean_start"]:x["clean_end"]] == x["text"]]
            if inner and pubs:
                src, relay = inner, [pubs[0]["actor_id"]] + relay
    if src is None and t[end - 1:end] == ",":
        pub = _published_by_re().search(t, lo, end)       # "The data, published by the UN mission, show"
        if pub and pub.end() == end and (pub.start() == lo or _LEAD.fullmatch(t, lo, pub.start())):
            src = np_after(t, pub.start("src"), pub.end("src"))
    if src is None and rules()["raw"]["cues"].get("cleft"):
        src = _cleft_before(t, lo, end)
        rule = "cleft" if src else rule
    if src is None:
        src = _relative_before(t, lo, end)
        across = src is not None
        relative = across and _verb_in_relative(t, end)
        if across and not relay:                 # "Two units that spoke to Reuters said": Reuters relays
            pubs = [x for x in doc.mentions if src[1] <= x["clean_start"] and x["clean_end"] <= end
                    and x["kind"] == "publication" and t[x["clean_start"]:x["clean_end"]] == x["text"]]
            if pubs:
                relay = [pubs[-1]["actor_id"]]
    if src is None:
        nm = _NEAR_WHOLE.search(t, lo, end)      # "People familiar with the talks said"
        if nm and nm.end() == end and (nm.start() == lo or _LEAD.fullmatch(t, lo, nm.start())
                                       or t[lo:nm.start()].rstrip().endswith((",", "”", "\""))):
            src = (nm.start(), end)
    if src is None and t[end - 1:end] not in (",", "“", "”", "\"", ":", "—", "–"):
        src = np_before(t, lo, end)
        comp = re.search(r"\s+(?:in|of|for|at|on)\s+(?:the\s+|its\s+|their\s+)?[a-z][\w-]*$", t[lo:end])
        if src is None and comp:                 # "the UN monitoring mission in the country said"
            head = np_before(t, lo, lo + comp.start())
            src = (head[0], end) if head else None
        wide = _role_complement_before(t, lo, end)
        if wide and (src is None or wide[0] < src[0]):
            src = wide                           # "a clerk at one garrison court in St. Petersburg told"
        if src and _cue_res()["relay_before"].search(t, lo, src[0]):
            rb = _cue_res()["relay_before"].search(t, lo, src[0])
            med = doc.actor_in(*src)
            inner = np_before(t, lo, _skip_back(doc, lo, rb.start()) if rb.start() > lo else lo)
            if inner:
                relay = ([med["actor_id"]] if med else []) + relay
                src = inner
    before = t[lo:cs].rstrip()
    # a spaced hyphen stands for a dash in machine-translated copy ('“…,” - said the ombudsman')
    if src is None and (not before or before[-1] in ",”\"’'—–:" or before.endswith(" -")
                        or doc.text[lo:cs].rstrip()[-1:] in "”\"’'"):
        # inverted: "…,” said Dmitry Peskov" / "said the ministry in a statement"
        start = ce
        while start < hi and t[start] == " ":
            start += 1
        src = np_after(t, start, hi)
        if src and _NEAR_AFTER.match(t, src[1]):   # "said a source close to the Kremlin"
            src = _near_source(doc, *src)[:2]
        if src and not re.match(r"\s*(?:[,.;:!?”\"’)—–]|$|(?:in|on|at|during|via|according|told|added|who)\b)", t[src[1]:hi]):
            src = None                           # "suggested Zelensky should surrender": a clause, not a speaker
        if src:
            rule = "verb_inverted"
            pub = _in_publication(doc, *src)
            if pub:                              # "said Svitlana Morenets in The Spectator": the magazine relays
                src, relay = (src[0], pub[0]), relay + [pub[1]]
            if doc.actor_in(*src) is None or _kind_of_token(doc.text[src[0]:src[1]].split()[0]) == "name":
                app = _apposition_after(t, src[1], hi)
                if app:
                    src = (src[0], app)
            named = re.match(r",\s*((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){1,3})\s*(?:[.;,!?]|$)", t[src[1]:hi])
            lead = _tokens(t, *src)[:2]
            kinds = [_kind_of_token(x) for x in named.group(1).split()] if named else []
            if named and lead and _kind_of_token(lead[0][2]) == "det" and any(_kind_of_token(x[2]) == "role" for x in lead[1:]) \
                    and set(kinds) <= {"name", "role"} and kinds.count("name") >= 2:
                # "said the commander of the group, Serhii Nayev."
                src = (src[0], src[1] + named.start(1) + len(named.group(1).rstrip(".")))
    if src is None:
        # ", organisers said." / "…,” local residents told": a plain noun phrase right after a comma
        bare = re.search(r"(?:^|[,;:”\"]\s*)((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\s*$", t[lo:end])
        if bare and not any(_kind_of_token(w) in ("det", "conn") for w in bare.group(1).split()):
            src = (lo + bare.start(1), lo + bare.end(1))
            rule = "verb_subject"
    if src is None:
        co = _coordinated(doc, sent, cs, list(prior))
        if co is not None and "src" not in co:
            co.update(cue=doc.text[cs:cue_end], cue_start=cs, cue_end=cue_end, sent_id=sent.sent_id,
                      para_id=sent.para_id, rule="coordinated", relative=False, relative_subject=False, cue_kind="act" if re.sub(
                          r"\s+", " ", verb) in rules()["acts"] else "speech")
            if relay:
                co["relay"] = ";".join(relay)
            return co
        if co is not None:
            src, rule = co["src"], "coordinated"
    if src is None:
        return None
    known = _known_as_re().search(t[max(lo, src[0] - 120):src[0]]) \
        if src[1] <= cs and _KNOWN_AS_END.search(t, max(lo, src[0] - 30), src[0]) else None
    if known:                                    # "a Russian military blogger known as Rybar wrote"
        src = (max(lo, src[0] - 120) + known.start(1), src[1])
    cond = rules()["raw"]["cues"].get("conditional")
    if cond and rule == "verb_subject" and src[1] <= cs and \
            re.search(rf"(?<![\w’'-])(?:{_phrase_alt(cond)})\s+$", t[max(lo, src[0] - 20):src[0]], re.I):
        return None
    if verb in rules()["weak"] and doc.actor_in(*src) is None and \
            doc.text[src[0]:src[1]].lower() not in rules()["pronouns"] and (doc.text[src[0]:src[1]] in _places() or
            _source_kind(doc.text[src[0]:src[1]], None) not in ("body", "publication") + (
                ("person",) if verb in rules()["opinion"] else ())):
        return None                              # "officers registered 35 307 cases" is an act, not a claim
    if rule == "verb_subject" and src[1] <= cs and len(t[src[1]:cs].split()) <= 1:
        cs = src[0]                              # the cue keeps its subject: "he said", "The report adds"
    kind = "act" if re.sub(r"\s+", " ", verb) in rules()["acts"] else "speech"
    f = _frame(doc, sent, rule, cs, cue_end, src, relay, kind)
    f["relative"], f["relative_subject"] = relative, across
    return f


def _possessive_frame(doc, sent, m) -> dict | None:
    """"By Mediazona's count, ..." / "The judiciary's figures for desertion are 179": the owner of
    the count or figures is the source, after "by/in/according to" or as the sentence's subject."""
    t = doc.masked
    src = np_before(t, sent.start, m.start())
    if src is None:
        return None
    before = t[sent.start:src[0]]
    prep = re.search(r"(?:^|\s)(?:by|in|according\s+to)\s+(?:the\s+)?$", before, re.IGNORECASE)
    if not prep and _LEAD.fullmatch(before) is None:
        return None
    if not prep:
        rest = t[m.end():sent.end]             # the subject of "are/is/show ...": not "the figures rose"
        if not re.match(r"(?:\s+(?:for|on|of|from)\s+[^,.;:]{1,60}?)?\s+(?:are|is|was|were|show|shows|showed|put|puts|stand|stood)\b", rest):
            return None
    cs = sent.start + prep.start() + (1 if before[prep.start():prep.start() + 1].isspace() else 0) if prep else src[0]
    return _frame(doc, sent, "possessive", cs, m.end(), src)


def _preposition_frame(doc, sent, m) -> dict | None:
    start = m.end()
    while start < sent.end and doc.masked[start] == " ":
        start += 1
    src = np_after(doc.masked, start, sent.end)
    if src and m.group(0).lower().strip() == "per" and not re.search(r"[A-Z]", doc.masked[src[0]:src[1]]):
        return None                              # "cases per investigator": a rate, not a source
    if src and re.match(r"(?:in|on|at|of|for|from|by|with|to)\s", doc.masked[src[0]:src[1]], re.I):
        return None                              # "as stated in the report": a place in a text, no source
    if src and doc.masked[src[1]:src[1] + 1] == "," and doc.masked[src[1] - 1:src[1]].isalpha() and \
            _kind_of_token(_tokens(doc.masked, *src)[-1][2]) == "name":   # "stated by Tetiana Sapian, an adviser to ..."
        app = _apposition_after(doc.masked, src[1], sent.end)
        words = [w.lower() for w in re.findall(r"[a-z][\w-]*", doc.masked[src[1]:app or src[1]])]
        if app and not any(w.endswith("ed") and w not in rules()["modifiers"] or w in rules()["verbs"] for w in words):
            src = (src[0], app)                  # not "According to Medinsky, the Ukrainian side asked ..."
    if src and doc.masked[src[0]:src[1]].lower().split()[-1:] and \
            doc.masked[src[0]:src[1]].lower().split()[-1] in rules()["data_heads"]:
        # "according to figures released by the office": whose figures they are
        by = re.match(r"\s+(?:(?:released|published|compiled|provided|gathered|collected)\s+by|from)\s+",
                      doc.masked[src[1]:sent.end])
        owner = np_after(doc.masked, src[1] + by.end(), sent.end) if by else None
        if owner:
            src = owner
    return _frame(doc, sent, "preposition", m.start(), m.end(), src) if src else None


def _full_name(doc, f: dict) -> dict:
    """"Sapian said" / "Ms. Bell added": a surname the document gave in full before ("Tetiana
    Sapian, an adviser ...") names that person; the frame takes the full mention."""
    if f["actor_id"] is not None or f["source_kind"] != "person":
        return f
    m = re.fullmatch(r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Col|Prof)\.?\s+)?([A-Z][a-zà-ÿ’'-]+)", f["source_text"].strip())
    if not m:
        return f
    surname = m.group(1)
    r = rules()
    # (the nearest description, within one line: a caption above the story names him too)
    sign = re.search(rf"(?<![\w’'-])((?:a|an|one|the)\s+[^,.;:“”\"()\n]{{2,80}}?)\s+(?:with|under|using|who\s+goes\s+by)\s+"
                     rf"(?:the|a|his|her)\s+(?:call\s*sign|callsign|nom\s+de\s+guerre|nickname)\s+[“\"'‘]?{re.escape(surname)}"
                     rf"(?![\w’'-])", doc.masked[:f["source_start"]], re.I)
    if sign is None:                             # "..., said a Ukrainian junior sergeant ... his call sign, Bandit"
        sign = re.search(rf"(?<![\w’'-])((?:a|an|one|the)\s+(?:\d{{1,3}}-year-old\s+)?[^,.;:“”\"()\n]{{2,60}}?)\s+(?:who|,)[^.\n]{{0,200}}?"
                         rf"(?:call\s*sign|callsign|nom\s+de\s+guerre|nickname|first\s+name)[,:]?\s+[“\"'‘]?{re.escape(surname)}"
                         rf"(?![\w’'-])", doc.masked[:f["source_start"]], re.I)
    if sign and _group_of(re.sub(r"\d{1,3}-year-old\s+", "", sign.group(1))):        # "a Ukrainian junior sergeant with the call sign Bandit"
        aid = _group_of(re.sub(r"\d{1,3}-year-old\s+", "", sign.group(1)))
        return dict(f, actor_id=aid, side=actors.side_of(aid))
    for n in reversed(list(re.finditer(rf"((?:(?:[A-Z][\w’'.-]*|[A-Z]{{2,3}})[ ]+){{1,5}}){re.escape(surname)}(?![\w’'-])",
                                       doc.masked[:f["source_start"]]))):
        toks = n.group(1).split()
        while toks and (toks[0] in r["not_sources"] or _kind_of_token(toks[0]) in ("role", "mod", "det")
                        or re.fullmatch(r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Prof)\.?", toks[0])
                        or toks[0].lower() in r["modifiers"] or not all(_kind_of_token(t) == "name" for t in toks)):
            toks.pop(0)                          # "Vice President JD Vance": the name is JD Vance
        if toks and all(_kind_of_token(t) == "name" for t in toks):
            start = n.start(1) + n.group(1).index(toks[0])
            return dict(f, source_text=doc.text[start:n.end()], source_start=start, source_end=n.end(),
                        carried=True, carried_from=getattr(doc.view.sentence_at(start), "sent_id", None))
    return f


def _resolve(doc, f: dict, earlier: list[dict]) -> dict:
    """A pronoun or anaphor source ("he", "the minister") takes its antecedent's source."""
    r = rules()
    low = re.sub(r"\s+", " ", f["source_text"].lower())
    words = low.split()
    want = None
    sp = _SPOKES.fullmatch(f["source_text"]) if f["actor_id"] is None else None
    if sp:                                       # "a spokesperson for the agency": the body the anaphor is
        s0 = f["source_start"] + sp.start("body")
        body = _resolve(doc, dict(f, source_text=sp.group("body"), source_start=s0), earlier)
        if body and body["actor_id"] and actors.kind_of(body["actor_id"]) == "institution":
            return dict(f, actor_id=body["actor_id"], side=body["side"], source_kind="body",
                        carried=body["carried"], carried_from=body["carried_from"])
    ab = re.fullmatch(r"(?:the\s+)?([A-Z][A-Z0-9]{1,6})", f["source_text"].strip()) if f["actor_id"] is None else None
    if ab:                                       # "the SES said" after "the State Emergency Service (SES)"
        full = None
        for dm in re.finditer(rf"((?:[A-Z][\w’'-]*|of|for|the|and|on|in)(?:[ ]+(?:[A-Z][\w’'-]*|of|for|the|and|on|in)){{0,9}})"
                              rf"[ ]*\([ ]*{re.escape(ab.group(1))}[ ]*\)", doc.text[:f["source_start"]]):
            full = dm
        if full is not None:
            words = full.group(1).split()
            while words and (words[0].lower() in ("of", "for", "the", "and", "on", "in") or words[0] in r["not_sources"]):
                words.pop(0)
            if len(words) >= 2:
                a = full.start(1) + full.group(1).index(words[0])
                m = doc.actor_in(a, full.end(1))
                return dict(f, source_text=doc.text[a:full.end(1)], source_start=a, source_end=full.end(1),
                            actor_id=m["actor_id"] if m else None, side=m["side"] if m else None,
                            source_kind=_source_kind(doc.text[a:full.end(1)], actors.actor(m["actor_id"]) if m else None),
                            carried=True, carried_from=getattr(doc.view.sentence_at(a), "sent_id", None))
    if f["actor_id"] is None and f["source_kind"] != "publication":
        holder = role_holder(f["source_text"], getattr(doc.view, "published", None))
        if holder:                               # "the Finnish president said": who held the office then
            return dict(f, actor_id=holder, side=actors.side_of(holder), source_kind="person")
    office = _office_re().fullmatch(low)
    own = office.group("own") if office and f["actor_id"] is None else None
    if own and own.split()[0] == "the" and " ".join(own.split()[1:]) in r["anaphora"]:
        # "the president's office said": the office of the president the text named before
        sub = _resolve(doc, dict(f, source_text=f["source_text"][:len(own)], source_end=f["source_start"] + len(own)), earlier)
        aid = office_of(sub["actor_id"]) if sub else None
        if aid:
            return dict(f, actor_id=aid, side=actors.side_of(aid), source_kind="body", carried=True,
                        carried_from=sub["carried_from"])
    office = office.group("pron") if office and f["actor_id"] is None else None
    if low in r["pronouns"]:
        want = ("pronoun", r["pronouns"][low])
    elif office:
        want = ("pronoun", r["pronouns"][office])    # "his office said": the office of his antecedent
    elif len(words) == 2 and words[0] == "the" and r["age"].fullmatch(words[1]):
        want = ("pronoun", "person")             # "said the 34-year-old": one person, either gender
    elif len(words) >= 2 and words[0] == "the" and " ".join(words[1:]) in r["anaphora"]:
        want = ("anaphor", r["anaphora"][" ".join(words[1:])])
    elif len(words) == 1 and low.endswith("s") and low in r["anaphora"] and f["actor_id"] is None:
        want = ("bare", r["anaphora"][low])      # "officials said" after "according to U.S. officials"
    mods: list[str] = []
    if want is None and len(words) >= 3 and words[0] == "the" and f["actor_id"] is None:
        # "the Air Force spokesperson noted" after "Yurii Ihnat, Spokesperson of the Air Forces
        # Command": a described anaphor; the antecedent must carry each describing word
        for k in (2, 1):
            key = " ".join(words[-k:])
            # (an age describes the person, not the role: "the 46-year-old leader" is the leader)
            if len(words) - 1 > k and key in r["anaphora"] and all(w.isalpha() or r["age"].fullmatch(w) for w in words[1:-k]):
                vague = set(r["raw"]["source"].get("anaphor_vague", []))
                want, mods = ("anaphor", r["anaphora"][key]), [w[:5] for w in words[1:-k]
                                                               if w not in vague and not r["age"].fullmatch(w)]
                break
    if (want is None and len(words) >= 2 and f["actor_id"] is None and re.fullmatch(r"[a-z]+['’]s", words[0])
            and " ".join(words[1:]) in r["anaphora"] and words[0][:-2].rstrip("'’") in _country_stems()):
        # "Russia's top diplomat said" after "Sergei Lavrov": the anaphor, of that country's side
        want, mods = ("anaphor", r["anaphora"][" ".join(words[1:])]), [_country_stems()[words[0][:-2].rstrip("'’")]]
    if want is None:
        return _full_name(doc, f)
    # Nearest sentence first; in a sentence its first candidate (the subject) first.
    limit = min(f["source_start"], f["cue_start"])
    # a carried source stands where its cue is ("..., said Morenets" names her there again)
    items = [(e["cue_start"] if e["carried"] and e["cue_start"] < limit else e["source_start"], 0, e)
             for e in earlier                            # a headline's speaker is no antecedent
             if e["source_text"].lower() not in r["pronouns"] and e["source_end"] <= limit and e["rule"] != "dash_line"]
    own = doc.view.sentence_at(limit)
    # "Asked whether he would meet Putin, the president said": a name in an opening clause set off
    # before the subject is not what the subject stands for
    opening = _opening_re().match(doc.masked[own.start:f["source_start"]]) \
        if own is not None and f["source_start"] <= limit else None
    cut = (own.start, own.start + opening.end()) if opening else (0, 0)
    items += [(m["clean_start"], 1, {"mention": m}) for m in doc.mentions if m["clean_end"] <= limit
              and doc.masked[m["clean_start"]:m["clean_end"]] == m["text"]       # not inside a quotation
              and not cut[0] <= m["clean_start"] < cut[1]]
    order = {}
    for pos, _, _ in items:
        sent = doc.view.sentence_at(pos)
        order[pos] = sent.start if sent else pos
    preps = {w.lower() for w in actors.cue_rules()["speaker"]["prepositions"]}

    def governed(pos):                           # "talks with Biden": an object, not the subject
        m = re.search(r"([\w’']+)\s+(?:(?:the|a|an|[A-Z][\w’'.-]*)\s+){0,3}$", doc.masked[max(0, pos - 60):pos])
        return bool(m) and m.group(1).lower() in preps
    def ranked():       # a sentence's speaker before its other names; governed() asked only of the sentences reached
        by_sentence: dict = {}
        for t in items:
            by_sentence.setdefault(order[t[0]], []).append(t)
        here = doc.view.sentence_at(limit)
        for key in sorted(by_sentence, reverse=True):
            group = by_sentence[key]
            if here is not None and key < here.start and _pronoun_subject(doc, key, want[1]):
                # "He spoke after meeting Defence Minister Umerov. “...,” he said": a sentence whose
                # subject is the same pronoun is still about its antecedent; the others it names are not
                group = [t for t in group if "mention" not in t[2] and t[2]["carried"]]
            yield from sorted(group, key=lambda t: (governed(t[0]), t[1], t[0]))
    pick = pick_pos = None
    for pos, _, e in ranked():
        if "mention" in e:
            m = e["mention"]
            book = actors.actor(m["actor_id"]) or {}
            text, kind, role = m["text"], _source_kind(m["text"], book), book.get("role", "")
        else:
            book = actors.actor(e["actor_id"]) if e["actor_id"] else {}
            text, kind, role = e["source_text"], e["source_kind"], (book or {}).get("role", "")
            if want[0] == "anaphor" and not e["actor_id"] and text.lower().split()[-1:] and \
                    text.lower().split()[-1] in r["data_heads"]:
                continue                         # "the update said": whose update, not "an intelligence update"
        if want[0] == "pronoun":
            g = want[1]
            if g in ("m", "f", "person"):
                # an unnamed person ("another soldier, who asked ...") is as good an antecedent as a
                # named one; a plural ("officials") is not
                one = (kind == "anonymous" and "\n" not in text
                       and not re.search(r"s\b[^\w]*$", text.split(",")[0]))
                if not (kind == "person" or one) or (book and g != "person" and book.get("gender") not in ("", g)):
                    continue
                if not book and g != "person" and gender_of(text) not in ("", g):
                    continue                     # "in her view": not the "Oleksandr, 45" named before
            elif g == "body" and kind not in ("body", "publication"):
                continue
        else:
            if want[0] == "bare" and kind == "person":
                continue                         # "officials said": a group, never one named person
            hay = (text + " " + role).lower()
            if mods and "mention" not in e:      # the apposition after the source describes it too
                app = re.match(r",\s*[^,;.“”\"]{2,100}", doc.text[e["source_end"]:e["source_end"] + 110])
                hay += " " + (app.group(0).lower() if app else "")
            if book:                             # "the Ukrainian foreign minister", "the bureau": the codebook's words
                hay += " " + " ".join([book.get("aliases", ""), _side_adjective(book.get("side", ""))]).lower()
            named = kind == "person" and re.search(r"[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+", text) is not None
            if not any(_has_word(hay, w) or w == "@" + kind or w == "@named" and named for w in want[1]):
                continue                         # ("mission" is not in "European Commission")
            if not all(w in hay for w in mods):
                continue
        pick, pick_pos = e, pos
        break
    if want[0] == "pronoun" and want[1] in ("m", "f", "person"):
        # "Lawyer Hennadiy Druzenko criticised the decision. “...,” he said": the person the
        # sentence before is about, though an earlier source has a frame and he has none
        near = _subject_before(doc, limit)
        if pick is None:
            pick = near
        elif near is not None and order[pick_pos] < doc.view.sentence_at(near["source_start"]).start and \
                re.search(r"[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+$", near["source_text"]) and \
                gender_of(near["source_text"]) in ({"m", "f"} if want[1] == "person" else {want[1]}):
            pick = near                          # a full name whose first name gives the gender only
    if want[0] == "pronoun" and want[1] == "body":
        # "The elite 47th Brigade is among the units ... Last month it put out an appeal": the body
        # the sentence before in its paragraph is about, nearer than an earlier body's frame
        near = _body_subject_before(doc, limit)
        if near is not None and (pick is None or order[pick_pos] < doc.view.sentence_at(near["source_start"]).start):
            pick = near
    if pick is None:
        if office:
            return f
        if want[0] == "pronoun":
            return None
        if mods:
            return _full_name(doc, f)
        return f if want[0] == "bare" else _named_before(doc, f, " ".join(words[1:]), limit) or f
    out = dict(f)
    if office:
        aid = office_of(pick["mention"]["actor_id"] if "mention" in pick else pick["actor_id"])
        if aid is None:
            return f
        out.update(actor_id=aid, side=actors.side_of(aid), source_kind="body", carried=True,
                   carried_from=pick["mention"]["sent_id"] if "mention" in pick else pick["sent_id"])
        return out
    if "mention" in pick:
        m = pick["mention"]
        out.update(source_text=m["text"], source_start=m["clean_start"], source_end=m["clean_end"],
                   actor_id=m["actor_id"], side=m["side"], source_kind=_source_kind(m["text"], actors.actor(m["actor_id"])),
                   carried=True, carried_from=m["sent_id"])
    else:
        out.update({k: pick[k] for k in ("source_text", "source_start", "source_end", "actor_id", "side", "source_kind")},
                   carried=True, carried_from=pick["sent_id"])
        if not out["relay"]:
            out["relay"] = pick["relay"]
    return out


@lru_cache(maxsize=1)
def _first_names() -> tuple[dict, list, list]:
    fn = rules()["raw"]["source"].get("first_names", {})
    names = {n: "m" for n in fn.get("male", [])} | {n: "f" for n in fn.get("female", [])}
    return names, fn.get("female_endings", []), fn.get("male_endings", [])


def gender_of(text: str) -> str:
    """"m", "f" or "" for a person the codebook does not know, from a first name before any
    complement ("Svitlana Morenets in The Spectator"), else a surname's ending ([source.first_names])."""
    names, fem, masc = _first_names()
    for _, _, t in _tokens(text, 0, len(text)):  # "a 24-year-old serviceman, Sergiy Gnezdilov"
        if t in names:
            return names[t]
    head = text[:_head_end(text, 0, len(text))]
    toks = [t for _, _, t in _tokens(head, 0, len(head)) if t[:1].isupper()]
    last = toks[-1].lower() if len(toks) >= 2 else ""
    for ends, g in ((fem, "f"), (masc, "m")):   # the female endings are the longer ("-ova" before "-ov")
        if last and any(last.endswith(x) for x in ends):
            return g
    return ""


def _has_word(hay: str, w: str) -> bool:
    """Does a word of ``hay`` start with ``w`` ("ministry" in "ministry's", not "mission" in "commission")?"""
    return re.search(rf"(?<![\w’'-]){re.escape(w)}", hay) is not None


@lru_cache(maxsize=1)
def _country_stems() -> dict:
    """Lower-case country name -> the first five letters of its side's adjective ("russia" -> "russi")."""
    from analysis.corpus import rulefiles
    return {x["side"].lower(): (x["adjective"] or "").lower()[:5] for x in rulefiles.sides() if x.get("adjective")}


def _side_adjective(side: str) -> str:
    from analysis.corpus import rulefiles
    return next((x["adjective"] or "" for x in rulefiles.sides() if x["side"] == side), "")


@lru_cache(maxsize=1)
def _opening_re():
    words = _phrase_alt(rules()["raw"]["cues"].get("opening_clauses", []) or ["(?!x)x"])
    return re.compile(rf"\s*(?:{words})\b[^,;:“”\"]{{2,160}},\s*$")


def _subject_before(doc, limit: int) -> dict | None:
    """"Igor, who fled his unit, blames his commander. ... in his words": a "he"/"she" no earlier
    source or codebook person answers takes the named person (not in the codebook) who is the
    subject of one of the three sentences before it in its paragraph or the one before."""
    sent = doc.view.sentence_at(max(0, limit - 1))
    if sent is None:
        return None
    sents = [x for x in doc.view.sentences if x.end <= limit or x is sent]
    paras = []
    for x in reversed(sents):
        if x.para_id not in paras:
            paras.append(x.para_id)
    near = [x for x in reversed(sents) if x.para_id in paras[:2] and x.kind == "body"][:4]
    for x in near:
        lead = _LEAD.match(doc.masked, x.start, min(x.end, limit))
        src = np_after(doc.masked, lead.end(), min(x.end, limit))
        if src is None or src[0] != lead.end() or src[1] >= limit:
            continue
        text = doc.text[src[0]:src[1]]
        toks = [t for _, _, t in _tokens(text, 0, len(text))]
        kinds = [_kind_of_token(t) for t in toks]
        titled = len(kinds) > 2 and kinds[-2:] == ["name", "name"] and kinds[0] in ("name", "role") and \
            all(k in ("role", "mod", "conn", "other") for k in kinds[1:-2])   # "Lawyer and medic Hennadiy Druzenko"
        if not toks or toks[0] in _places() or _source_kind(text, None) != "person" or \
                not (titled or all(k == "name" for k in kinds)) or doc.actor_in(*src) is not None or \
                re.search(r"(?:ing|ed|ly)$", toks[0]):   # "Being sent back was": a capitalised verb, no name
            continue
        return {"source_text": text, "source_start": src[0], "source_end": src[1], "actor_id": None,
                "side": None, "source_kind": "person", "sent_id": x.sent_id, "relay": ""}
    return None


def _pronoun_subject(doc, start: int, want: str) -> bool:
    """Does the sentence at ``start`` open with a pronoun of gender ``want`` as its subject?"""
    lead = _LEAD.match(doc.masked, start)
    m = re.match(r"(?:[A-Z]?[a-z]+ly,?\s+)?(He|She)\s+(?:[a-z]+ly\s+)?[a-z]", doc.masked[lead.end():lead.end() + 40])
    return m is not None and want in ("person", rules()["pronouns"][m.group(1).lower()])


def _body_subject_before(doc, limit: int) -> dict | None:
    """The body (a source whose head is a body noun) that opens the sentence before ``limit``'s
    in its paragraph, as its subject."""
    sent = doc.view.sentence_at(max(0, limit - 1))
    if sent is None:
        return None
    before = [x for x in doc.view.sentences if x.end <= sent.start and x.para_id == sent.para_id and x.kind == "body"]
    if not before:
        return None
    x = before[-1]
    lead = _LEAD.match(doc.masked, x.start, x.end)
    src = np_after(doc.masked, lead.end(), x.end)
    if src is None or src[0] != lead.end() or not re.match(r"\s+[a-z]", doc.masked[src[1]:src[1] + 3]):
        return None                              # the subject and its verb, not a heading or a list
    text = doc.text[src[0]:src[1]]
    m = doc.actor_in(*src)
    book = actors.actor(m["actor_id"]) if m else None
    if _source_kind(text, book) != "body" or text.split()[0] in _places() or \
            re.sub(r"^(?:the|its|their)\s+", "", text.lower()) in rules()["anaphora"]:
        return None                              # "The ministry broke the total down": an anaphor itself
    return {"source_text": text, "source_start": src[0], "source_end": src[1], "actor_id": m["actor_id"] if m else None,
            "side": m["side"] if m else None, "source_kind": "body", "sent_id": x.sent_id, "relay": ""}


def _named_before(doc, f: dict, anaphor: str, limit: int) -> dict | None:
    """"the brigade said" when no earlier source answers: the nearest name before it that ends in
    the anaphor's noun ("The elite 47th Brigade"), or the body of a person's title ("Russian Defense
    Minister Sergey Shoigu" for "the ministry", see [source.own_body])."""
    head = anaphor.split()[-1]
    if not head.isalpha():
        return None
    r = rules()
    name = r"(?:[A-Z0-9][\w’'.-]*|of|the|for|and)"
    found = None
    for m in re.finditer(rf"(?<![\w’'-])((?:[A-Z0-9][\w’'.-]*\s+)(?:{name}\s+){{0,4}}){re.escape(head.capitalize())}"
                         rf"(?![\w’'-])(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s*){{1,4}})?", doc.masked[:limit]):
        toks = m.group(0).split()
        while toks and (toks[0] in r["not_sources"] or _kind_of_token(toks[0]) in ("det", "conn") or toks[0] in ("of", "the")):
            toks.pop(0)
        if len(toks) >= 2:
            s = m.start() + m.group(0).index(toks[0])
            found = (s, m.start() + len(m.group(0).rstrip()))
    title = r["raw"]["source"].get("own_body", {}).get(anaphor)
    if title:
        for m in re.finditer(rf"((?:[A-Z][\w’'.-]*\s+){{1,3}}){re.escape(title)}(?![\w’'-])", doc.masked[:limit]):
            body = re.sub(r"\s+", " ", m.group(1)) + head.capitalize()
            aid = _alias_actor(body)
            if aid and (found is None or m.start() > found[0]):
                out = dict(f, source_text=body, actor_id=aid, side=actors.side_of(aid), source_kind="body",
                           carried=True, carried_from=getattr(doc.view.sentence_at(m.start()), "sent_id", None))
                return out
    if found is None:
        return None
    s, e = found
    m = doc.actor_in(s, e)
    return dict(f, source_text=doc.text[s:e], source_start=s, source_end=e,
                actor_id=m["actor_id"] if m else None, side=m["side"] if m else None,
                source_kind=_source_kind(doc.text[s:e], actors.actor(m["actor_id"]) if m else None),
                carried=True, carried_from=getattr(doc.view.sentence_at(s), "sent_id", None))


@lru_cache(maxsize=256)
def _alias_actor(name: str) -> str | None:
    """The codebook actor one of whose aliases is exactly this name (case ignored)."""
    low = name.lower()
    for row in actors.load_codebook().itertuples(index=False):
        if any(a.strip().lower() == low for a in row.aliases.split(";")):
            return row.actor_id
    return None


def _reporter_of(doc, f: dict) -> str | None:
    """"an Ukrinform correspondent reports": the publication whose reporter the source is."""
    words = f["source_text"].lower().split()
    if not words or re.sub(r"s$", "", words[-1]) not in rules()["reporters"]:
        return None
    pubs = [m for m in doc.mentions if text_kit.inside((m["clean_start"], m["clean_end"]),
                                                       (f["source_start"], f["source_end"]))
            and m["kind"] == "publication"]
    return pubs[-1]["actor_id"] if pubs else None


def _merge_relays(doc, here: list[dict]) -> list[dict]:
    """"Shoigu said, according to Interfax": a publication named by a preposition cue beside
    another frame of the sentence relays that frame's words instead of being a source; so does
    a publication's reporter ("This was stated by X, an Ukrinform correspondent reports")."""
    for f in here:
        pub = _reporter_of(doc, f) if f["rule"] in ("verb_subject", "verb_inverted") else None
        if pub and pub == actors.outlet_id(getattr(doc.view, "outlet", "")):
            f["drop"] = True                     # the outlet's own correspondent: the article itself
        elif pub:
            f.update(actor_id=pub, source_kind="publication", reporter=True)
    here = [f for f in here if not f.get("drop")]
    speakers = [f for f in here if f["rule"] != "preposition" and f["source_kind"] != "publication"
                or f["rule"] == "preposition" and f["source_kind"] != "publication" and not f["actor_id"]]
    if not speakers:
        return here
    out = []
    for f in here:
        if (f["rule"] in ("verb_subject", "verb_inverted") and f["source_kind"] == "publication" and f["actor_id"]
                and not f["relay"] and any(g["cue_end"] <= f["source_start"] for g in speakers)):
            # "Shoigu said 5,000 troops had been killed, Interfax reported": the agency relays
            target = max((g for g in speakers if g["cue_end"] <= f["source_start"]), key=lambda g: g["cue_end"])
            relay = [r for r in target["relay"].split(";") if r]
            target["relay"] = ";".join(relay + [f["actor_id"]] if f["actor_id"] not in relay else relay)
            continue
        if f.get("reporter"):
            target = min(speakers, key=lambda g: abs(g["cue_start"] - f["cue_start"]))
            relay = [r for r in target["relay"].split(";") if r]
            target["relay"] = ";".join(relay + [f["actor_id"]] if f["actor_id"] not in relay else relay)
            continue
        if f["rule"] == "preposition" and f["source_kind"] == "publication" and f["actor_id"]:
            target = min(speakers, key=lambda g: abs(g["cue_start"] - f["cue_start"]))
            relay = [r for r in target["relay"].split(";") if r]
            target["relay"] = ";".join(relay + [f["actor_id"]] if f["actor_id"] not in relay else relay)
            continue
        out.append(f)
    return out


@lru_cache(maxsize=1)
def _own_words_re():
    alts = []
    for phrase in rules()["raw"]["cues"].get("own_words", []):
        words = phrase.split()
        pron = next(i for i, w in enumerate(words) if w.lower() in rules()["pronouns"])
        alts.append(r"\s+".join([re.escape(w) for w in words[:pron]] + [f"(?P<p{len(alts)}>{re.escape(words[pron])})"]
                                + [re.escape(w) for w in words[pron + 1:]]))
    return _OwnWords(re.compile(r"(?<![\w’'-])(?:" + "|".join(alts or ["(?!x)x"]) + r")(?![\w’'-])", re.I))


class _OwnWords:
    """finditer over the own-words phrases, each match knowing its pronoun's span as group "p"."""

    def __init__(self, rx):
        self.rx = rx

    def finditer(self, text, lo, hi):
        for m in self.rx.finditer(text, lo, hi):
            g = next(k for k, v in m.groupdict().items() if v is not None)
            yield _Span(m.start(), m.end(), m.start(g), m.end(g))


@dataclasses.dataclass
class _Span:
    s: int
    e: int
    ps: int
    pe: int

    def start(self, g=None):
        return self.ps if g == "p" else self.s

    def end(self, g=None):
        return self.pe if g == "p" else self.e


# a line (a headline, a subheading) that ends in its speaker after a dash, with no full stop
_DASH_LINE = re.compile(r"\s[–—-]\s+((?:[A-Z][\w’'.-]*|of|the|for|and|in|on)(?:\s+(?:[\w’'.-]+)){0,7}?)\s*$")


def _sentence_frames(doc, sent) -> list[dict]:
    """Frames of one sentence (or of the part of it a quotation holds) on ``doc.masked``."""
    res = _cue_res()
    here = []
    hm = res["speaker_line"].match(doc.masked, sent.start, sent.end)
    # "Zelenskyy: 'silence will work'": the line is the quotation alone, nothing after it
    alone = hm and doc.text[hm.end():hm.end() + 1] in "‘'“\"«" and \
        re.fullmatch(r"\s*[‘'“\"«][^‘'“\"«]*[’'”\"»][.!?]?\s*", doc.text[hm.end():sent.end])
    if alone:
        src = (hm.start(1), hm.end(1))
        if _valid([_kind_of_token(t) for _, _, t in _tokens(doc.text, *src)]):
            here.append(_frame(doc, sent, "speaker_line", hm.start(1), hm.end(), src))
    elif hm and sent.kind == "header" and "\n" not in doc.text[sent.start:sent.end]:
        # a headline "Peskov: talks 'impossible' without new realities": the person before the
        # colon says the line (a place or a topic before it does not: "Ukraine: ...")
        src = (hm.start(1), hm.end(1))
        who = doc.actor_in(*src)
        if who and (actors.kind_of(who["actor_id"]) == "person" or actors.kind_of(who["actor_id"]) == "institution"
                    and doc.text[src[0]:src[1]] not in _places()) and re.search(r"[‘'“\"«]", doc.text[hm.end():sent.end]):
            here.append(_frame(doc, sent, "speaker_line", hm.start(1), hm.end(), src))
    for m in _own_words_re().finditer(doc.masked, sent.start, sent.end):
        here.append(_frame(doc, sent, "own_words", m.start(), m.end(), (m.start("p"), m.end("p"))))
    dm = _DASH_LINE.search(doc.masked, sent.start, sent.end)
    if dm and "\n" not in doc.text[sent.start:sent.end] and dm.start() > sent.start:
        src = np_after(doc.masked, dm.start(1), dm.end(1))
        if src and src[1] >= dm.end(1) - 1:      # "‘We will not cede territory’ – Zelensky": a headline's speaker
            here.append(_frame(doc, sent, "dash_line", dm.start(), dm.end(), src))
    sm = res["source_line"].match(doc.text[sent.start:sent.end])
    if sm:
        src = np_after(doc.masked, sent.start + sm.end(), sent.end)
        if src:                                  # "Source: Zelenskyy in an interview with the BBC"
            before = re.compile(rf"(?:{_phrase_alt(actors.cue_rules()['relay']['before_media'])})\s+(?:the\s+)?$", re.I)
            own = actors.outlet_id(doc.view.outlet or "")
            relay = [m["actor_id"] for m in doc.mentions if src[1] <= m["clean_start"] < sent.end
                     and actors.kind_of(m["actor_id"]) == "publication" and m["actor_id"] != own
                     and before.search(doc.text[max(src[1], m["clean_start"] - 40):m["clean_start"]])]
            here.append(_frame(doc, sent, "source_line", sent.start, sent.start + sm.end(), src, relay))
    for m in res["preposition"].finditer(doc.masked, sent.start, sent.end):
        f = _preposition_frame(doc, sent, m)
        if f:
            here.append(f)
    for m in res["possessive"].finditer(doc.masked, sent.start, sent.end):
        f = _possessive_frame(doc, sent, m)
        if f:
            here.append(f)
    taken = [(f["cue_start"], f["cue_end"]) for f in here]
    for m in res["verb"].finditer(doc.masked, sent.start, sent.end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m.group(0)[0].isupper() and doc.text[sent.start:m.start()].strip(" “\"'‘"):
            continue                         # "the United States", not "states"
        if re.search(r"(?<![\w’'-])(?:the|a|an|its|their|his|her|these|those|our|of|whose)\s+$",
                     doc.masked[max(sent.start, m.start() - 8):m.start()], re.IGNORECASE):
            continue                         # "the leaders of the states", "its estimates": nouns
        f = _verb_frame(doc, sent, m, here)
        if f:
            here.append(f)
    for m in res["participle"].finditer(doc.masked, sent.start, sent.end):
        prior = [f for f in here if f["cue_end"] <= m.start()]
        if prior:
            f = dict(prior[-1], cue=m.group(0).lstrip(", "), cue_start=m.end() - len(m.group(0).lstrip(", ")),
                     cue_end=m.end(), rule="participle")
        else:
            lead = _LEAD.match(doc.masked, sent.start, m.start())
            src = np_after(doc.masked, lead.end(), m.start())
            if not src:
                continue
            f = _frame(doc, sent, "participle", m.start() + 1, m.end(), src)
        here.append(f)
    here = _merge_relays(doc, here)
    # "In an interview with Sky News, Zelensky said": the medium relays the sentence's words
    for m in res["interview"].finditer(doc.masked, sent.start, sent.end):
        span = np_after(doc.masked, m.end(), sent.end)
        med = doc.actor_in(*span) if span else None
        if med and med["kind"] == "publication":
            for f in here:
                if not f["relay"] and f["actor_id"] != med["actor_id"]:
                    f["relay"] = med["actor_id"]
    return here


def credit_relays(view) -> list[str]:
    """The agencies a credit line of the story names ("(FRANCE 24 with AFP)" -> afp): relays of
    every attributed quotation and claim in it (attribution.toml cues.credit_line)."""
    return list(_credit_relays(view))


@lru_cache(maxsize=4)
def _credit_relays(view) -> tuple:
    rx = re.compile(rules()["raw"]["cues"]["credit_line"], re.I | re.M)
    own = actors.outlet_id(getattr(view, "outlet", "") or "")
    out = []
    spans = [m.span(1) if rx.groups else m.span() for m in rx.finditer(view.text)]
    contrib = rules()["raw"]["cues"].get("contributor_line")
    if contrib:                                  # "The Associated Press contributed to this report."
        spans += [m.span(m.lastindex) for m in re.finditer(contrib, view.text, re.I | re.M) if m.lastindex]
    if getattr(view, "outlet", ""):              # a text of no known outlet may be the agency's own
        spans += [m.span(1) for m in re.finditer(rules()["raw"]["cues"]["dateline"], view.text, re.M)]
    for lo, hi in spans:
        for a in actors.mentions(view):
            if lo <= a["clean_start"] < hi and actors.kind_of(a["actor_id"]) == "publication" \
                    and a["actor_id"] != own and a["actor_id"] not in out:
                out.append(a["actor_id"])
    return tuple(out)


# Keys only some frames set (a relative clause's subject); the rest lack them.
OPTIONAL_KEYS = ("relative", "relative_subject")


def frames(view) -> list[dict]:
    """Attribution frames of ``view`` (row schema in the module doc). Frames inside a
    quotation of at least six words (a speaker reporting what someone else said) are found
    too, with ``quoted_start``/``quoted_end`` set to that quotation's span.

    Quotes, numbers and statements all ask for the frames of the same view: computed once."""
    return [dict(f) for f in _frames(view)]


@lru_cache(maxsize=4)
def _frames(view) -> tuple:
    doc = _Doc(view)
    spans = quoted_spans(doc.text)
    found = []
    for sent in view.sentences:
        if sent.kind in ("footer", "furniture"):
            continue
        found += [dict(f, quoted_start=None, quoted_end=None) for f in _sentence_frames(doc, sent)]
    for qs, qe in spans:
        if len(doc.text[qs:qe].split()) < 6:
            continue
        inner = copy.copy(doc)
        nested = [(s, e) for s, e in spans if qs < s and e < qe]
        if nested:
            chars = list(doc.text)
            for s, e in nested:
                chars[s + 1:e - 1] = " " * (e - s - 2)
            inner.masked = "".join(chars)
        else:       # the text itself: the phrase scanners' pass over it serves every such quotation
            inner.masked = doc.text
        for sent in view.sentences:
            if sent.end <= qs or sent.start >= qe or sent.kind in ("footer", "furniture"):
                continue
            part = dataclasses.replace(sent, start=max(sent.start, qs + 1), end=min(sent.end, qe - 1))
            found += [dict(f, quoted_start=qs, quoted_end=qe) for f in _sentence_frames(inner, part)]
    out: list[dict] = []
    for f in sorted(found, key=lambda f: f["cue_start"]):
        f = _resolve(doc, f, out)
        if f is not None and f["carried"] and not f["relay"]:
            # "said Morenets" after "said Svitlana Morenets in The Spectator": the source's relay too
            ante = [g for g in out if g["relay"] and (g["source_start"], g["source_end"]) == (f["source_start"], f["source_end"])]
            if ante:
                f = dict(f, relay=ante[-1]["relay"])
        if f is not None:
            out.append(f)
    return tuple(out)


def _clause(text: str, lo: int, hi: int, pos: int) -> tuple[int, int]:
    """The clause of text[lo:hi] around ``pos``: bounded by ; — – and sentence ends."""
    a = max([lo] + [m.end() for m in re.finditer(r";|\s[—–]\s", text[lo:pos])])
    if a != lo:
        a = lo + a
    rest = re.search(r";|\s[—–]\s", text[pos:hi])
    b = pos + rest.start() if rest else hi
    return a, b


def governing(view, rows: list[dict], start: int, end: int) -> dict | None:
    """The frame that governs clean ``start:end``: same clause first, then same sentence."""
    sent = view.sentence_at(start)
    if sent is None:
        return None
    here = [f for f in rows if f["sent_id"] == sent.sent_id and
            (f["quoted_start"] is None or f["quoted_start"] < start and end <= f["quoted_end"])
            and not (f["source_start"] <= start < f["source_end"])        # "Several officials said": not theirs
            and not (f.get("relative") and start < f["cue_start"])]       # "X, who insists that": its clause only
    inner = [f for f in here if f["quoted_start"] is not None]
    here = inner or here
    if not here:
        return None
    a, b = _clause(view.text, sent.start, sent.end, start)
    same = [f for f in here if a <= f["cue_start"] < b]
    pool = same or here

    def dist(f):
        return start - f["cue_end"] if f["cue_end"] <= start else f["cue_start"] - end + 0.5
    return min(pool, key=lambda f: (abs(dist(f)), f["cue_start"]))


def carried_frame(view, rows: list[dict], start: int) -> dict | None:
    """The last frame before ``start`` in its paragraph or the directly preceding one."""
    sent = view.sentence_at(start)
    if sent is None:
        return None
    paras, skip = [], {s.para_id for s in view.sentences if s.kind in ("furniture", "footer", "caption")}
    for s in view.sentences:
        if s.para_id not in skip and (not paras or paras[-1] != s.para_id):
            paras.append(s.para_id)
    if sent.para_id not in paras:
        return None
    i = paras.index(sent.para_id)
    allowed = set(paras[max(0, i - 1):i + 1])
    prior = [f for f in rows if f["cue_start"] < start and f["para_id"] in allowed and f["quoted_start"] is None]
    return prior[-1] if prior else None


def _opens_block(view, f: dict) -> bool:
    return f["rule"] == "source_line" or view.text[f["cue_end"]:f["cue_end"] + 2].lstrip(" ").startswith(":")


def block_frame(view, rows: list[dict], start: int) -> dict | None:
    """The frame of a block a colon opens: "NOTE: X reports:" or "X said:" governs the rest of
    its paragraph; a "Source: X" line governs what follows it until the next frame."""
    sent = view.sentence_at(start)
    if sent is None:
        return None
    prior = [f for f in rows if f["cue_start"] < start and f["quoted_start"] is None]
    for f in reversed(prior):
        if f["para_id"] != sent.para_id:
            break
        if f["sent_id"] != sent.sent_id and _opens_block(view, f):
            return f
    if prior and prior[-1]["rule"] == "source_line" and _in_labelled_block(view, prior[-1], sent):
        return prior[-1]
    return None


_LABEL = re.compile(r"\s*(?:[“\"«]|[A-ZА-ЯІЇЄҐ][\w’' ]{0,20}:\s)")


def _in_labelled_block(view, f: dict, sent) -> bool:
    """A "Source: X" line governs its paragraph and the labelled ones after it ("Details: ...",
    "Quote: “...”"); a plain paragraph after them is the article's own text again."""
    paras, seen = [], set()
    for s in view.sentences:
        if s.para_id not in seen and s.kind not in ("furniture", "footer", "caption"):
            seen.add(s.para_id)
            paras.append(s)
    ids = [s.para_id for s in paras]
    if f["para_id"] not in ids or sent.para_id not in ids:
        return True
    i, j = ids.index(f["para_id"]), ids.index(sent.para_id)
    return all(_LABEL.match(view.text, paras[k].start) for k in range(i + 1, j + 1))


@lru_cache(maxsize=4)
def _para_order(view) -> dict:
    """Paragraph rank counting article text only: a "Read also" line between two paragraphs
    does not keep them apart."""
    order = {}
    for s in view.sentences:
        if s.kind in ("furniture", "footer", "caption"):
            order.setdefault(s.para_id, len(order) - 0.5 if order else 0)
            continue
        order.setdefault(s.para_id, len([v for v in order.values() if float(v).is_integer()]))
    return order


def near_paragraph(view, earlier: int, later: int) -> bool:
    """Is clean ``earlier`` in the paragraph of ``later`` or the one directly before it?"""
    a, b = view.sentence_at(earlier), view.sentence_at(later)
    if a is None or b is None:
        return False
    order = _para_order(view)
    return 0 <= order[b.para_id] - order[a.para_id] <= 1


def same_clause(view, f: dict, pos: int) -> bool:
    sent = view.sentence_at(pos)
    if sent is None or f["sent_id"] != sent.sent_id:
        return False
    a, b = _clause(view.text, sent.start, sent.end, pos)
    return a <= f["cue_start"] < b


def quote_frame(view, rows: list[dict], start: int, end: int) -> dict | None:
    """The frame of a quotation: in the sentences it spans, or the sentence its closing mark
    ends (",” Peskov said."), nearest to the marks first."""
    first, last = view.sentence_at(start), view.sentence_at(max(start, end - 1))
    if first is None:
        return None
    last = last or first
    after = view.sentence_at(min(len(view.text) - 1, end + 2))
    ids = {first.sent_id, last.sent_id}
    if after is not None and after.para_id == last.para_id and view.text[end:end + 3].strip(" ”\"’") in ("", ",", ".") \
            and re.match(r"[”\"’]?\s*[,.]?\s*[a-z]", view.text[end:end + 6]):
        ids.add(after.sent_id)
    elif after is not None and after.para_id == last.para_id and after.sent_id not in ids:
        # '“... war?” Yingst asked.': a question or exclamation closes the sentence before its cue
        ids |= {f["sent_id"] for f in rows if f["sent_id"] == after.sent_id and f["quoted_start"] is None
                and view.text[end - 1:end] in "?!" and re.fullmatch(r"[”\"’»]\s+(?:[A-Z][\w’'.-]*\s+){0,4}",
                                                                    view.text[end:f["cue_start"]])}
    here = [f for f in rows if f["sent_id"] in ids and not (start <= f["cue_start"] < end) and f["quoted_start"] is None]
    if not here:
        return None
    return min(here, key=lambda f: min(abs(f["cue_start"] - end), abs(start - f["cue_end"])))


def subject_frame(view, rows: list[dict], cue_start: int, cue_end: int, rule: str = "count") -> dict | None:
    """A frame for the verb at clean ``cue_start:cue_end`` whose source is the noun phrase
    before it ("journalists at Mediazona counted", "the outlet had documented"), resolved as a
    cue's subject is (a pronoun or anaphor takes its antecedent among ``rows`` and the mentions
    before it). A source the codebook does not name at its head takes the body or publication
    named inside it ("journalists at Mediazona": Mediazona). None when no noun phrase ends there."""
    sent = view.sentence_at(cue_start)
    if sent is None:
        return None
    doc = _Doc(view)
    end = _skip_back(doc, sent.start, cue_start)
    while end > sent.start and doc.masked[end - 1] == " ":
        end -= 1
    src = np_before(doc.masked, sent.start, end)
    if src is None:
        return None
    f = dict(_frame(doc, sent, rule, src[0], cue_end, src), quoted_start=None, quoted_end=None)
    if f["actor_id"] is None:
        named = [m for m in doc.mentions if src[0] <= m["clean_start"] and m["clean_end"] <= src[1]
                 and actors.kind_of(m["actor_id"]) in ("publication", "institution")]
        if named:
            f.update(actor_id=named[-1]["actor_id"], side=named[-1]["side"],
                     source_kind=_source_kind(named[-1]["text"], actors.actor(named[-1]["actor_id"])))
    out = _resolve(doc, f, [r for r in rows if r["cue_start"] < src[0] and r["quoted_start"] is None])
    return None if out is None else dict(out, quoted_start=None, quoted_end=None)


def span_frame(view, cue_start: int, cue_end: int, src: tuple[int, int], rule: str) -> dict:
    """A frame whose source is the clean span ``src`` as the text names it (its codebook actor,
    kind and side as a cue's source gets them), for rules that find the source themselves."""
    doc = _Doc(view)
    sent = view.sentence_at(cue_start)
    return dict(_frame(doc, sent, rule, cue_start, cue_end, src), quoted_start=None, quoted_end=None)
