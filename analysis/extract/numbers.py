"""Quantities in a document: counts, percents, ratios, durations, money, vague amounts.

``numbers(view) -> list[dict]`` is a pure, rule-based extractor (no trained
models). Word lists live in ``data/number_words.toml`` (number words, hedges,
vague quantities and their conservative lower bounds, units,
verification phrases) and the measure codebook in ``data/measures.csv``.

Row schema (one row per quantity expression, sorted by ``clean_start``):

doc_id, sent_id
clean_start, clean_end  offsets into ``view.text`` of the whole expression,
                        hedge included: ``view.text[clean_start:clean_end] == text``
text                    the expression ("as many as 200,000")
value_text              the number part as written ("200,000", "one to seven")
kind                    count, percent, ratio, duration, vague, money
low, high               float bounds or None. Exact: low == high; "more than"/"over"/
                        "at least": low only; "as many as"/"up to"/"less than"/"nearly":
                        high only; "approximately"/"roughly"/"about": low == high (hedge
                        kept); ranges keep both ends (never averaged); vague amounts get
                        the lower bound from number_words.toml and high None; ratios
                        hold the multiplier ("one to seven" -> 7); fractions and
                        percents are in percent ("a third" -> 33.3)
of                      denominator of "eight out of 25" / "a few of the original 27"
unit                    people, soldiers, percent, months, days, years, USD, ... or the
                        counted noun as written; None when not stated
measure                 a measure_id of data/measures.csv; measure_text the noun phrase
                        counted when found; counts_as from the codebook
period_text, period_start, period_end
                        the period the quantity refers to when its sentence states it: the
                        nearest time expression of analysis.extract.timex in its clause, else its
                        sentence, that does not date the statement ("said on Tuesday")
period_basis            how the period is known: "stated" (the text names its dates: "in 2023",
                        "from March to August 2024"), "inferred" (a relative expression resolved
                        from the article's date: "last year", "since the invasion", "in the past
                        week"), or "absent" (no period)
hedge                   hedge words as written ("as many as", "only") or None
claimant                actor_id of who states the number (analysis.attribution);
                        "author" for the article's own voice; None for a source the
                        codebook does not know (claimant_text names it)
claimant_text, claimant_start, claimant_end
                        the source as the text names it (a pronoun's antecedent)
claimant_kind           person, body, publication, anonymous or author
via                     relaying chain, nearest first, ";"-separated ("" if none)
verification            the verification note of the sentence or the next one, or None
subject_side            Ukraine / Russia / None: whose soldiers, casualties, forces
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.corpus import rulefiles
from analysis.corpus.rulefiles import load_toml
from analysis.extract import attribution
from analysis.extract import timex as timex_mod
from analysis.kit import matching
from analysis.kit import text as text_kit

if TYPE_CHECKING:
    import pandas as pd

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
_MONTH_RE = "|".join(MONTHS) + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
QUOTE_CHARS = "“”\"‘’'"
COLUMNS = ["doc_id", "sent_id", "clean_start", "clean_end", "text", "value_text", "kind", "low", "high",
           "of", "unit", "measure", "measure_text", "counts_as", "period_text", "period_start",
           "period_end", "period_basis", "hedge", "claimant", "claimant_text", "claimant_start", "claimant_end", "claimant_kind", "via",
           "verification", "subject_side"]


# ---------------------------------------------------------------- data files

@lru_cache(maxsize=1)
def words() -> dict:
    return load_toml("number_words.toml")


def measures() -> list[dict]:
    """The measure codebook (``rulefiles.measures``: one validated, cached read of measures.csv)."""
    return rulefiles.measures()


@lru_cache(maxsize=1)
def _side_words() -> dict:
    """Lower-case word -> belligerent it marks ("ukrainian" -> Ukraine), from sides.csv."""
    return {w: s["side"] for s in rulefiles.sides() if s["belligerent"] for w in s["words"]}


def _alt(phrases) -> str:
    return text_kit.alternation(phrases)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    w = words()
    nw = w["number_words"]
    word = _alt(list(nw["units"]) + ["hundred", "thousand", "million", "billion", "trillion"])
    wordnum = rf"(?:{word})(?:(?:-|\s+|\s+and\s+)(?:{word}))*"
    # thousands grouped by commas, or by a space, no-break or thin space ("12 480", Ukrainian style)
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.,]\d)|\d+(?:\.\d+)?"
    scale = r"(?:\s+(?:hundred|thousand|million|billion|trillion))+|(?:bn|mn|m|k)(?![\w])"
    cur = _alt(w["currency"])
    num = rf"(?:(?:{cur})\s?)?(?:(?:{digits})(?:{scale})?|{wordnum})"
    pct = r"(?:\s*%|\s+per\s?cent\b|\s+percentage\s+points?\b)"
    return {
        "num": num,
        "atom": re.compile(rf"(?:(?<![\w.,:$€£-])|(?<=\d-))(?P<n>{num})(?P<pct>{pct})?(?P<sfx>km2|km|mi)?(?![\w])", re.I),
        "vague": re.compile(rf"(?<![\w-])(?:(?P<mod>{_alt(w['vague']['modifiers'])})\s+)?"
                            rf"(?P<v>{_alt(k for k in w['vague'] if isinstance(w['vague'][k], (int, float)))})(?![\w])",
                            re.I),
        "hedge": re.compile(rf"(?:^|(?<=[\s“\"(]))(?P<h>{_alt(w['hedges'])})\s+[“\"]?$", re.I),
        "fraction": re.compile(rf"(?<![\w-])(?P<n>(?:a|one|two|three|four)[\s-](?:{_alt(nw['fractions'])})s?|half)"
                               rf"(?=\s+of\b)", re.I),
        "vague_duration": re.compile(rf"(?<![\w-])(?:{_alt(w['durations']['vague'])})(?![\w])", re.I),
        "verification": [re.compile(p, re.I) for p in w["verification"]["patterns"]],
        "change": re.compile(rf"(?<![\w-])(?:{_alt(w['change']['verbs'])})(?![\w-])", re.I),
        "times": re.compile(rf"(?<![\w-])(?P<n>{num})(?:\s+or\s+(?:even\s+)?(?P<n2>{num}))?\s+times\s+"
                            rf"(?:(?P<more>{_alt(w['change']['times_more'])})|(?P<less>{_alt(w['change']['times_less'])})"
                            rf"|(?P<as>{_alt(w['change']['times_as'])}))(?![\w-])", re.I),
        "a_unit": re.compile(r"(?<![\w-])(?:an?|one)\s+(?P<single>single\s+)?(?P<u>minute|hour|day|week|fortnight|month|year|decade)"
                             r"(?P<half>\s+and\s+a\s+half)?(?:\s+and\s+(?P<plus>\d+)\s+minutes)?(?P<or2>\s+or\s+two)?(?![\w-])", re.I),
        "multiple": re.compile(rf"(?<![\w-])(?P<w>{_alt(w['change']['multiples'])})(?![\w-])", re.I),
        "pct_before": re.compile(rf"(?<![\w-])(?P<w>{_alt(w['change']['percent_before'])})\s+(?:(?:by|on|some)\s+)?"
                                 rf"(?:(?:{_alt(w['hedges'])})\s+)?\Z", re.I),
        "pct_after": re.compile(rf"\s+(?P<w>{_alt(w['change']['percent_after'])})(?![\w-])", re.I),
        "pct_fall": re.compile(rf"^(?:{_alt(w['change']['percent_falls'])})", re.I),
    }


# ---------------------------------------------------------------- numbers as written

def parse_number(s: str) -> float | None:
    """Value of a number as written: "24,000", "1.5 million", "twenty-five", "$61 billion"."""
    nw = words()["number_words"]
    s = re.sub(r"^(?:US\$|\$|€|£)\s?", "", s.strip())
    s = re.sub(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}(?!\d))", "", s)
    total, current, seen = 0.0, 0.0, False
    for tok in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", s.lower()):
        if tok[0].isdigit():
            current += float(tok.replace(",", ""))
        elif tok in nw["units"]:
            current += nw["units"][tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in nw["scales"]:
            total += (current or 1) * nw["scales"][tok]
            current = 0.0
        elif tok == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _currency(s: str) -> str | None:
    for sym, code in sorted(words()["currency"].items(), key=lambda kv: -len(kv[0])):
        if s.startswith(sym):
            return code
    return None


# ---------------------------------------------------------------- finding quantities

@lru_cache(maxsize=1)
def _not_quantity_rx() -> list[tuple[str, re.Pattern]]:
    return [(kind, re.compile(p)) for kind, ps in words()["not_quantities"].items() for p in ps]


def not_quantities(t: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the spans of ``t`` that hold numbers but are no quantity:
    numeric dates, clock times, reading times, footnote marks, ages, page counters, names
    of groups and units (data/number_words.toml [not_quantities])."""
    out = []
    rxs = _not_quantity_rx()
    for i in _sentence_gate().allowed(t):     # only the regexes whose literals are in t
        if i >= len(rxs):
            break
        kind, rx = rxs[i]
        out += [(m.start(), m.end(), kind) for m in rx.finditer(t)]
    return sorted(out)


@lru_cache(maxsize=1)
def _sentence_gate() -> matching.LiteralGate:
    """One gate for the regexes ``not_quantities`` and ``find_quantities`` scan a sentence with
    (the latter asks the former about the same sentence: one automaton pass for both)."""
    return matching.LiteralGate([rx for _, rx in _not_quantity_rx()] + [_patterns()[k] for k in _GATED])

def _is_date_or_label(t: str, s: int, e: int, value_text: str) -> bool:
    before, after = t[:s], t[e:]
    if re.match(r"(?:st|nd|rd|th)\b|:\d|\s*[ap]\.?m\b", after, re.I):
        return True                                     # ordinal, clock time
    if re.search(rf"\b(?:{_MONTH_RE})\s*$", before, re.I) and re.fullmatch(r"\d{1,4}", value_text):
        return True                                     # "February 24", "April 2022"
    if re.match(rf"\s+(?:{_MONTH_RE})(?!\w)", after, re.I) and re.fullmatch(r"\d{1,2}", value_text):
        return True                                     # "30 March"
    if re.search(rf"\b(?:{_MONTH_RE})\s+\d{{1,2}}\s*(?:and|to|-|–|,)\s*$", before, re.I) and re.fullmatch(r"\d{1,2}", value_text):
        return True                                     # "April 11 and 12"
    if re.search(r"\barticles?\s+(?:number|no\.?)\s*$", before, re.I):
        return True                                     # "article number five"
    if re.search(r"\b(?:articles?|art\.|part|paragraph|clause|section|no\.|resolution|decree|brigade|unit)\s*$", before, re.I):
        return True                                     # "Article 407 of the Criminal Code", "Decree No. 679"
    if re.search(r"\barticles\s+\d{1,4}(?:\s*(?:,|and|or|&)\s*\d{1,4})*\s*(?:,|and|or|&)\s*$", before, re.I):
        return True                                     # "Articles 407 and 408"
    if re.fullmatch(r"(?:1[89]|20)\d\d", value_text):
        nxt = re.match(r"\s+([\w’']+)", after)
        if not (nxt and nxt.group(1).lower() in words()["units"] and nxt.group(1).lower() not in
                ("percent", "days", "months", "years", "weeks", "year")):
            return True                                 # a year used as a date
    return False


def w_units() -> list:
    return list(words()["number_words"]["units"])


def _is_idiom_one(t: str, s: int, e: int) -> bool:
    w = words()["speaker_idioms"]
    if t[s:e].lower() != "one":
        return False
    nxt = re.match(r"\s+([\w’'-]+)", t[e:])
    if re.search(rf"\b(?:\d+|{_alt(w_units())})\s+to\s+$", t[max(0, s - 20):s], re.I):
        return False                                    # "a ratio of five to one"
    if re.search(r"\b(?:a|an)\s+(?:[a-z-]+\s+)?[a-z-]+(?<!\bof)\s+$", t[max(0, s - 30):s], re.I):
        return True                                     # "not a dictated peace but a just one": the pronoun
    if re.search(r"\b(?:only|at\s+least|just|more\s+than|at\s+most)\s+$", t[max(0, s - 12):s], re.I) and \
            not re.match(r"\s+(?:of|another)\b", t[e:], re.I):
        return False                                    # "only one road", "at least one point"
    if not nxt or nxt.group(1).lower() in w["not_after_one"]:
        return True
    if re.search(r"\b(?:no|the|any|every|each|this|that)\s+$", t[:s], re.I):
        return True
    # "one Ukrainian lawmaker", "one Western official", "one military officer"
    phrase = re.match(r"(?:\s+[\w’'-]+){1,3}", t[e:])
    toks = [x.lower() for x in phrase.group(0).split()] if phrase else []
    if any(tok in w["nouns"] or tok.rstrip("s") in w["nouns"] for tok in toks):
        return True
    # a bare "one" counts only before a unit noun ("one civilian", "one tank")
    return not any(tok in words()["units"] or tok + "s" in words()["units"] or tok in _equipment_nouns() or tok + "s" in _equipment_nouns()
                   for tok in toks[:2])


@lru_cache(maxsize=1)
def _equipment_nouns() -> frozenset:
    cues = next(m["cues"] for m in measures() if m["measure_id"] == "equipment")
    return frozenset(c.rstrip("*").lower() for c in cues if " " not in c and "+" not in c)


def _following_noun(t: str, e: int) -> tuple[str | None, str | None, int]:
    """(unit, side, end of the noun phrase) of the words after a number."""
    w = words()
    skip = set(w["adjectives"]["skip"])
    marks = _side_words()
    stop = {"were", "was", "have", "has", "had", "are", "is", "be", "been", "in", "to", "for", "and", "on",
            "at", "from", "who", "that", "which", "with", "during", "since", "by", "as", "after", "before",
            "than", "or", "but", "out", "per", "a", "an"}
    toks = []
    for m in re.finditer(r"[\s“”\"‘]*([\w’'-]+)", t[e:]):
        tok = m.group(1)
        low = tok.lower()
        if low in stop or not re.match(r"[A-Za-z]", tok):
            break
        toks.append((low, e + m.end()))
        if len(toks) >= 4 or re.match(r"[^\w\s]", t[e + m.end():e + m.end() + 1] or " ") and t[e + m.end()] not in "”’\"":
            break
        if t[e + m.end():e + m.end() + 1] in ",.;:":
            break
    side = next((marks[x] for x, _ in toks if x in marks), None)
    unit, end = None, e
    for x, pos in toks:
        if x in w["units"]:
            return w["units"][x], side, pos
    content = [(x, pos) for x, pos in toks if x not in skip and x not in marks]
    if content and content[-1][0].endswith("s") and not content[-1][0].endswith("ss"):
        unit, end = content[-1]
    return unit, side, end


def _hedge(t: str, s: int) -> tuple[str | None, str | None, int]:
    """(hedge as written, bound type, new start) for the words right before ``s``."""
    m = _patterns()["hedge"].search(t[max(0, s - 30):s])
    if not m:
        return None, None, s
    h = m.group("h")
    key = re.sub(r"\s+", " ", h.lower())
    return h, words()["hedges"][key], s - (len(t[max(0, s - 30):s]) - m.start("h"))


def _bounds(v: float, bound: str | None) -> tuple[float | None, float | None]:
    if bound == "lower":
        return v, None
    if bound == "upper":
        return None, v
    return v, v


def _atoms(t: str, blocked: list) -> list[dict]:
    """Numbers in sentence text ``t`` that are quantities (dates, ordinals, idioms left out)."""
    out = []
    for m in _patterns()["atom"].finditer(t):
        s, e = m.span("n")
        vt = m.group("n")
        if any(a <= s < b for a, b in blocked):
            continue
        pair = re.match(rf"\s+(?:to|out\s+of|in)\s+(?:{_patterns()['num']})\b|\s*:\s*\d", t[e:], re.I)
        if _is_date_or_label(t, s, e, vt) or (_is_idiom_one(t, s, e) and not pair):
            continue
        v = parse_number(vt)
        if v is None:
            continue
        if re.match(r"(?:hundred|thousand|million|billion|dozen)\b", vt, re.I) and re.search(r"(?<![\w-])an?\s+$", t[max(0, s - 3):s], re.I):
            a = re.search(r"an?\s+$", t[max(0, s - 3):s], re.I)
            s -= len(a.group(0))                        # "more than a hundred"
            vt = t[s:m.end("n")]
        out.append({"s": s, "e": m.end(), "value_text": vt, "v": v, "pct": bool(m.group("pct")),
                    "cur": _currency(vt), "sfx": (m.group("sfx") or "").lower() or None})
    return out


def _duration_after(t: str, e: int):
    return re.match(r"(?P<half>\s+and\s+a\s+half)?(?:\s+|-)(minute|hour|day|week|month|year|decade)s?(?:-long|-old)?\b", t[e:], re.I)


_GATED = ("times", "multiple", "vague", "vague_duration", "a_unit", "fraction")


class _NoMatch:
    @staticmethod
    def finditer(t):
        return iter(())


def _sentence_patterns(t: str) -> dict:
    """``_patterns()``, those of ``_GATED`` that cannot match in ``t`` (its literals say) replaced
    by one that matches nothing: a sentence is scanned only by the regexes that can match in it."""
    allowed, first = set(_sentence_gate().allowed(t)), len(_not_quantity_rx())
    return {**_patterns(), **{k: _NoMatch for i, k in enumerate(_GATED) if first + i not in allowed}}


def find_quantities(t: str, blocked: list) -> list[dict]:
    """Quantity expressions in one sentence's text: dicts with s, e (sentence offsets) and fields."""
    w = words()
    P = _sentence_patterns(t)
    found, used = [], []
    blocked = list(blocked) + [(a, b) for a, b, _ in not_quantities(t)]

    def free(s, e):
        return not any(text_kit.overlaps((a, b), (s, e)) for a, b in used + blocked)

    def add(q):
        used.append((q["s"], q["e"]))
        found.append(q)

    # changes against an earlier figure: "three times more", "three or even four times less", "doubled"
    for m in P["times"].finditer(t):
        n1, n2 = parse_number(m.group("n")), parse_number(m.group("n2")) if m.group("n2") else None
        if not n1 or not free(m.start(), m.end()):
            continue
        ns = [n1] + ([n2] if n2 else [])
        if m.group("more"):
            vals = [(n - 1) * 100 for n in ns]
        elif m.group("less"):
            vals = [(1 / n - 1) * 100 for n in ns]
        else:
            vals = [n * 100 for n in ns]
        add(_change(t, m.start(), m.end(), m.group(0), vals))
    for m in P["multiple"].finditer(t):
        key = m.group("w").lower()
        h, _, _ = _hedge(t, m.start())
        if key in ("twice", "double") and not h and not re.match(
                rf"\s+(?:{_alt(w['change']['multiple_before'])})\b", t[m.end():], re.I):
            continue
        if re.match(rf"\s+(?:{_alt(w['change']['multiple_not_before'])})\b", t[m.end():], re.I):
            continue
        if free(m.start(), m.end()):
            add(_change(t, m.start(), m.end(), m.group(0), [(w["change"]["multiples"][key] - 1) * 100]))

    # vague amounts: "tens of thousands", "several million", "only a few" (partitive)
    for m in P["vague"].finditer(t):
        key = re.sub(r"\s+", " ", m.group("v").lower())
        s, e = m.start(), m.end()
        if not free(s, e):
            continue
        if key in w["vague"]["partitive_only"] and not re.match(r"[”\"’]?\s+of\s+(?:the|his|her|their|its|these|those)\b", t[e:], re.I) \
                and not re.match(r"\s+(?:are|were|have|had|remain|remained)\b", t[e:], re.I):
            continue                                    # "a few of the 27", "a few are in detention"
        q = {"s": s, "e": e, "value_text": m.group("v"), "kind": "vague", "low": float(w["vague"][key]),
             "high": None, "hedge": m.group("mod"), "vague": True}
        if not q["hedge"]:
            h, _, hs = _hedge(t, s)
            if h:
                q["hedge"], q["s"] = h, hs
        rest = t[e:]
        money = re.match(rf"\s+(?:in|of|worth\s+of)\s+(?:[\w’'-]+\s+){{0,4}}?(?:{_alt(w['money_nouns']['nouns'])})\b", rest, re.I)
        if money:
            q.update(kind="money", unit="unspecified_currency")
        else:
            of = re.match(r"[”\"’]?\s+of\s+(?:the|his|her|their|its)((?:\s+[\w’',-]+){1,3})", rest, re.I)
            if of and key in w["vague"]["partitive_only"]:
                vals = [parse_number(x.rstrip(",")) for x in of.group(1).split()]
                q["of"] = next((x for x in vals if x is not None), None)
            nxt = re.match(r"\s+of\s+", rest)
            unit, side, _ = _following_noun(t, e + (nxt.end() if nxt else 0))
            q.update(unit=unit, side=side)
        add(q)

    for m in P["vague_duration"].finditer(t):
        # "15 months of war", "the first weeks of": the number or the period phrase is the quantity
        if re.search(rf"(?:\d|\b(?:{_alt(w['number_words']['units'])}|first|last|same|past|next|previous|few|several|half))\s+$",
                     t[max(0, m.start() - 30):m.start()], re.I):
            continue
        if free(m.start(), m.end()):
            u = re.search(r"minute|hour|day|week|month|year", m.group(0), re.I).group(0).lower()
            add({"s": m.start(), "e": m.end(), "value_text": re.search(r"(?:minute|hour|day|week|month|year)s\b", m.group(0), re.I).group(0),
                 "kind": "duration", "low": float(w["durations"]["vague_low"][u + "s"]), "high": None,
                 "unit": u + "s", "vague": True})

    # one unit of time: "more than a year", "a month and a half", "a fortnight", "for a single day"
    for m in P["a_unit"].finditer(t):
        if not free(m.start(), m.end()):
            continue
        u = m.group("u").lower()
        v, unit = (2.0, "weeks") if u == "fortnight" else (1.0, u + "s")
        if m.group("half"):
            v += 0.5
        if m.group("plus") and u == "hour":             # "an hour and 40 minutes"
            v, unit = 60 + float(m.group("plus")), "minutes"
        h, bound, hs = _hedge(t, m.start())
        if m.group("or2"):                              # "a day or two", "a week or two": a range of one to two
            add({"s": m.start(), "e": m.end(), "value_text": m.group(0), "kind": "duration", "unit": unit,
                 "hedge": None, "low": v, "high": 2 * v})
            continue
        if not (h or m.group("half") or m.group("single") or u == "fortnight" or
                re.search(r"\b(?:for|spent|within|in)\s+$", t[max(0, m.start() - 8):m.start()], re.I)):
            continue
        q = {"s": hs if h else m.start(), "e": m.end(), "value_text": m.group(0), "kind": "duration", "unit": unit,
             "hedge": h}
        q["low"], q["high"] = _bounds(v, bound if h else None)
        add(q)

    atoms = [a for a in _atoms(t, blocked) if free(a["s"], a["e"])]
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = t[a["e"]:b["s"]] if b else None
        q = None
        before = t[max(0, a["s"] - 40):a["s"]]
        if b and re.fullmatch(r"\s+to\s+|\s*:\s*", gap) and (a["v"] == 1 or b["v"] == 1) and not a["pct"] \
                and not re.search(r"\b(?:from|by)\s+$", before, re.I) and not P["change"].search(before[-25:]):
            q = {"s": a["s"], "e": b["e"], "value_text": t[a["s"]:b["e"]], "kind": "ratio",
                 "v": max(a["v"], b["v"]) / min(a["v"], b["v"]), "unit": "ratio"}
            i += 1
        elif b and (re.fullmatch(r"\s+out\s+of\s+", gap) or re.fullmatch(r"\s+in\s+", gap) and a["v"] < b["v"]):
            q = {"s": a["s"], "e": b["e"], "value_text": t[a["s"]:a["e"]], "kind": "count", "v": a["v"],
                 "of": b["v"]}
            i += 1
        elif b and (re.fullmatch(r"\s+and\s+", gap) and re.search(r"\bbetween\s+$", before, re.I)
                    or re.fullmatch(r"\s*[-–]\s*", gap) and a["value_text"][0].isdigit() and b["value_text"][0].isdigit()
                    or re.fullmatch(r"\s+or\s+", gap) and a["v"] < b["v"] <= 10 * a["v"] and a["pct"] == b["pct"]
                    and not re.match(r"\s+times\b", t[b["e"]:], re.I)
                    or re.fullmatch(r"\s+to\s+", gap) and not re.search(r"\bby\s+$", before)
                    and not (P["change"].search(before[-30:]) and re.search(r"\bfrom\s+$", before)) and a["v"] < b["v"] and (a["pct"] == b["pct"] or b["pct"])):
            s = a["s"]
            btw = re.search(r"\b(?:between|from)\s+$", before, re.I)
            if btw:
                s = a["s"] - (len(before) - btw.start())
            low = a["v"]
            scale = re.search(r"(?:\s+|\d)(thousand|million|billion|bn|mn|m|k)$", b["value_text"], re.I)
            if scale and not re.search(r"[a-z]$", a["value_text"], re.I):
                mult = words()["number_words"]["scales"][scale.group(1).lower()]
                if low * mult <= b["v"]:                # "3-5 thousand", "between 30 and 40 million"
                    low *= mult
            q = {"s": s, "e": b["e"], "value_text": t[a["s"]:b["e"]], "kind": "count", "low": low,
                 "high": b["v"], "pct": b["pct"], "cur": a["cur"] or b["cur"]}
            if btw and btw.group(0).lower().startswith("between"):
                q["hedge"] = t[s:s + len("between")]
            i += 1
        else:
            q = dict(a, kind="count")
            every = re.match(r"\s+((?:[\w’'-]+\s+){0,5}?)for\s+every\s+(?:(\w+)\s+)?([\w’'-]+)", t[a["e"]:])
            if every:
                per = parse_number(every.group(2)) if every.group(2) else None
                q.update(kind="ratio", v=a["v"] / (per or 1), e=a["e"] + every.end(), unit="ratio")
        i += 1
        fin = _finish(t, q)
        if fin and fin["kind"] == "duration" and "-" not in t[fin["s"]:fin["e"]] and _PERIOD_PHRASE.search(t, 0, fin["s"]):
            continue                                    # "the previous two years of the war", "over the next three months"
        if fin:
            add(fin)


    for m in P["fraction"].finditer(t):
        if free(m.start(), m.end()):
            n = m.group("n").lower()
            parts = re.split(r"[\s-]", n)
            frac = next(v for k, v in w["number_words"]["fractions"].items() if parts[-1].rstrip("s") == k)
            mult = 1 if parts[0] in ("a", "half") else parse_number(parts[0])
            pc = round(100 * frac * mult, 1)
            q = {"s": m.start(), "e": m.end(), "value_text": m.group("n"), "kind": "percent", "low": pc,
                 "high": pc, "unit": "percent"}
            h, bound, hs = _hedge(t, m.start())
            if h:
                q["hedge"], q["s"] = h, hs
                q["low"], q["high"] = _bounds(pc, bound)
            add(q)
    return sorted(found, key=lambda q: q["s"])


def _change(t: str, s: int, e: int, value_text: str, vals: list) -> dict:
    lo, hi = round(min(vals), 2), round(max(vals), 2)
    q = {"s": s, "e": e, "value_text": value_text, "kind": "percent", "unit": "percent", "change": True,
         "low": lo, "high": hi}
    h, bound, hs = _hedge(t, s)
    if h:
        q["hedge"], q["s"] = h, hs
        if bound == "lower":
            q["high"] = None
        elif bound == "upper":
            q["low"] = None
    return q


def percent_change(t: str, q: dict) -> int | None:
    """+1 or -1 when the percent ``q`` is a rise or a fall ("rose by 40 percent", "a 30% drop"),
    None when it is a share or a level (number_words.toml [change] percent_before / percent_after)."""
    if q["kind"] != "percent" or q.get("change"):
        return None
    P = _patterns()
    m = P["pct_before"].search(t, max(0, q["s"] - 40), q["s"]) or P["pct_after"].match(t, q["e"])
    if not m:
        return None
    if m.group("w").lower() in ("up", "down"):
        verb = re.search(r"([a-z]+)\s+\Z", t[max(0, m.start() - 20):m.start()], re.I)
        if verb and verb.group(1).lower() in words()["change"]["percent_particle_verbs"]:
            return None
    return -1 if P["pct_fall"].match(m.group("w")) else 1


def _finish(t: str, q: dict) -> dict | None:
    """Kind, unit, bounds and hedge of a numeric expression."""
    w = words()
    e = q["e"]
    if q.get("pct"):
        q.update(kind="percent" if q["kind"] != "ratio" else "ratio", unit="percent")
    elif q.get("cur"):
        q.update(kind="money", unit=q["cur"])
    elif q["kind"] != "ratio":
        d = _duration_after(t, e)
        cur_noun = re.match(rf"\s+({_alt(k for k, v in w['units'].items() if v in ('USD', 'EUR', 'GBP', 'UAH', 'RUB'))})\b", t[e:], re.I)
        pct_word = re.match(r"\s+(?:percent|per cent)\b", t[e:], re.I)
        if d:
            q.update(kind="duration", unit=d.group(2).lower() + "s", e=e + d.end())
            if d.group("half") and "v" in q:
                q["v"] += 0.5                           # "two and a half years"
        elif cur_noun:
            q.update(kind="money", unit=w["units"][cur_noun.group(1).lower()], e=e + cur_noun.end())
        elif pct_word:
            q.update(kind="percent", unit="percent", e=e + pct_word.end())
        else:
            unit, side, _ = _following_noun(t, e)
            if unit in ("percent",):
                q["kind"] = "percent"
            q.update(unit=unit, side=side)
    if q["kind"] == "ratio":
        _, side, _ = _following_noun(t, q["s"] + len(q["value_text"]))
        q["side"] = side
    h, bound, hs = _hedge(t, q["s"])
    if h and not re.search(r"\b(?:between|from)\s", t[q["s"]:q["e"]][:8]):
        q["hedge"], q["s"] = h, hs
    if "low" not in q:
        q["low"], q["high"] = _bounds(q["v"], bound if h else None)
    return q


# ---------------------------------------------------------------- measures

@lru_cache(maxsize=1024)
def _cue_syntax(cue: str) -> tuple[tuple[str, ...], bool, bool]:
    """The one reading of a cue's own syntax (measures.csv): (its literal parts, "a~b" giving two;
    does a final "*" make it a stem; may it start inside a word, as "-long war" does)."""
    # "a~b": b follows a within a few words of the same phrase ("unauthori*~and desert*")
    parts = tuple(part.replace("*", "") for part in cue.rstrip("*").split("~"))
    return parts, cue.endswith("*"), cue.startswith("-")


@lru_cache(maxsize=1024)
def _cue_rx(cue: str) -> re.Pattern:
    parts, stem, inside = _cue_syntax(cue)
    body = r"\w*[^.;:,]{0,40}?".join(re.escape(part).replace(r"\ ", r"[“”\"‘]?\s+[“”\"‘]?") for part in parts)    # put “out of action”
    lead = "" if inside else r"(?<![\w-])"      # "think-tank" is no tank
    # a possessive names whose people are counted, never what ("his brigade's soldiers")
    return re.compile(lead + body + (r"\w*" if stem else r"(?![\w])") + r"(?![’']s\b)", re.I)


@lru_cache(maxsize=1024)
def _cue_literal(cue: str) -> str | None:
    """What a match of ``_cue_rx(cue)`` starts with, lower-cased (its first word); None when that
    is empty or re's case folding might pair it otherwise."""
    lit = _cue_syntax(cue)[0][0].split(" ", 1)[0].lower()
    return lit if lit and matching.fold(lit) == lit else None


@lru_cache(maxsize=8)
def _folded(t: str) -> str | None:
    return matching.fold(t)


@lru_cache(maxsize=8192)
def _cue_spans(cue: str, t: str) -> tuple[tuple[int, int], ...]:
    # every quantity of a sentence asks for the same cues in the same sentence text; most cues
    # are not in it at all, which a substring test tells faster than the regex's scan
    lit, low = _cue_literal(cue), _folded(t)
    if lit is not None and low is not None and lit not in low:
        return ()
    return tuple(m.span() for m in _cue_rx(cue).finditer(t))


_PARSED: list = [None, ()]


def _measure_cues() -> tuple:
    """Per measure (rank, measure, its cues as (first, rest, absent)), parsed once."""
    ms = measures()
    if _PARSED[0] is not ms:
        parsed = []
        for rank, m in enumerate(ms):
            cues = []
            for cue in m["cues"]:
                if cue.startswith("^"):
                    continue                        # "^gone absent": only as the verb of the people counted
                # "a+b": b must be in the sentence too; "a!b": b must not ("criminal case*!awol")
                cue, *absent = cue.split("!")
                first, *rest = cue.split("+")
                cues.append((first, tuple(rest), tuple(absent)))
            parsed.append((rank, m, tuple(cues)))
        _PARSED[:] = [ms, tuple(parsed)]
        _sentence_cues.cache_clear()                # found with the codebook read before
    return _PARSED[1]


@lru_cache(maxsize=64)
def _sentence_cues(t: str) -> tuple:
    """(rank, measure, spans of its cue's first part, rest) for each cue of each measure whose
    conditions in ``t`` hold, in codebook order: the same for every quantity of a sentence."""
    out = []
    parsed = _measure_cues()
    low = _folded(t)
    if low is None:
        for rank, m, cues in parsed:
            for first, rest, absent in cues:
                if any(not _cue_spans(r, t) for r in rest) or any(_cue_spans(a, t) for a in absent):
                    continue
                spans = _cue_spans(first, t)
                if spans:
                    out.append((rank, m, spans, rest))
        return tuple(out)
    # a cue whose literal start is not in the sentence has no spans (``_cue_spans``): the
    # literals of all cues are found in one automaton pass, and only the others are matched
    automaton, literals = _cue_automaton(parsed)
    present = {lit for _, lit in automaton.iter(low)} if automaton is not None else set()
    for (rank, m, cues), lits in zip(parsed, literals):
        for (first, rest, absent), (first_lit, rest_lits, absent_lits) in zip(cues, lits):
            if first_lit is not None and first_lit not in present:
                continue
            if any((lit is not None and lit not in present) or not _cue_spans(r, t) for r, lit in zip(rest, rest_lits)):
                continue
            if any((lit is None or lit in present) and _cue_spans(a, t) for a, lit in zip(absent, absent_lits)):
                continue
            spans = _cue_spans(first, t)
            if spans:
                out.append((rank, m, spans, rest))
    return tuple(out)


_AUTOMATON: list = [None, None]


def _cue_automaton(parsed: tuple) -> tuple:
    """An Aho-Corasick automaton of the cues' literal starts (``_cue_literal``), and per measure
    and cue the literals of its first part, its conditions and its exclusions."""
    if _AUTOMATON[0] is not parsed:
        literals = tuple(tuple((_cue_literal(first), tuple(map(_cue_literal, rest)), tuple(map(_cue_literal, absent)))
                               for first, rest, absent in cues) for _, _, cues in parsed)
        keys = {lit for per in literals for f, r, a in per for lit in (f, *r, *a) if lit is not None}
        automaton = None
        if keys:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for k in keys:
                automaton.add_word(k, k)
            automaton.make_automaton()
        _AUTOMATON[:] = [parsed, (automaton, literals)]
    return _AUTOMATON[1]


def _nearest_measure(t: str, q: dict, lo: int, hi: int, skip: tuple | None) -> tuple[str, int, int] | None:
    best = None
    _measure_cues()                                 # a changed codebook empties _sentence_cues
    for rank, m, spans, rest in _sentence_cues(t):
        if m["kinds"] and q["kind"] not in m["kinds"]:
            continue
        if q.get("of") is not None and m["measure_id"] == "unit_size":
            continue                                    # a part of a group is not the group's size
        for cs, ce in spans:
            if cs < lo or ce > hi or (skip and skip[0] <= cs < skip[1]):
                continue
            if q["s"] <= cs < q["e"] and not (q["kind"] == "ratio"):
                continue
            dist = max(0, cs - q["e"], q["s"] - ce)
            if skip and cs >= skip[1]:
                dist = cs - skip[1]
            if ";" in t[min(ce, q["s"]):max(cs, q["e"])]:
                dist += len(t)                          # a cue in another clause only when its own has none
            if m.get("max_chars") and dist > int(m["max_chars"]):
                continue
            key = (dist, rank)
            if rest:                                # "rose by+casualt*": name the casualties
                cs, ce = min(_cue_spans(rest[0], t), key=lambda sp: abs(sp[0] - q["s"]))
            if best is None or key < best[0]:
                best = (key, m["measure_id"], cs, ce)
    return best[1:] if best else None


_PERIOD_PHRASE = re.compile(r"\bthe\s+(?:(?:first|previous|past|last|next|coming|following|same|whole|entire)\s+)?\Z", re.I)
# the figures of the sentence before: "That number ...", "Of those, ...", "Among them ..."
_PERIOD_ANAPHOR = re.compile(r"^[\W]*(?:(?:that|this)\s+(?:number|figure|total|tally|count)\b|(?:\w+\s+)?(?:of|among)\s+(?:them|those|these)\b)", re.I)
_SAME_PERIOD = re.compile(r"\b(?:over|in|during|for)\s+the\s+same\s+(?:period|time\s+span|timeframe)\b", re.I)
_FIGURE_NOUN = re.compile(r"\s+(?:figure|number|total|tally|toll)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:(?:the|that|this)\s+(?:[a-z]+\s+)?(?:number|figure|total|toll|tally|count)|such\s+(?:cases|proceedings))\b", re.I)
# the verb of the counted people decides what they are, past an aside ("40 people, including children, were injured"):
# "43,000 soldiers killed in action", "80,000 wounded",
# "6,000 absconding soldiers have returned to service", "21,000 soldiers classified as deserters who returned"
_PEOPLE_VERB = re.compile(r"(?:,\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|some\s+of\s+them)\b[^,;.()]{1,40},)?"
                          r"(?:\s+(?:[\w’'-]+\s+){0,3}?who)?\s+(?:(?:have|has|had|were|was|are|is)\s+(?:\w+ly\s+)?(?:been\s+)?)?"
                          r"(?:\w+ly\s+)?(?P<v>[a-z]+)", re.I)
_CASES_OF = re.compile(r"\s+(?:(?:criminal|felony)\s+)?(?:cases?|proceedings?|charges?)\s+(?:of|for)\s+(?P<offence>[^,;.()]{1,60})",
                       re.I)
_FREQUENCY = re.compile(r"\s+times\b(?!\s+(?:more|less|fewer|as|higher|lower|greater|larger|bigger|smaller|over|the|that|than))",
                        re.I)
# what may follow a number whose counted noun is left out ("Not 300,000, not 150,000 ...", "2 165 in 2023")
_BARE_END = re.compile(r"\s+(?:in|for|during|over|by|on|since)\b|\s*[,.;)”\"…]|\s+(?:and|or)\b|\s*$", re.I)


def _measure(t: str, q: dict, lo: int, hi: int, prev_rows: list, doc_rows: list) -> tuple[str, str | None, str | None]:
    """(measure_id, measure_text, side carried from an antecedent) for one quantity."""
    if q["kind"] in ("count", "vague") and not q.get("change") and _FREQUENCY.match(t, q["e"]):
        return "other", None, None                      # "several times a day", "met three times": how often
    skip = None
    if q.get("of") is not None and q["kind"] == "vague":           # "a few of the original 27 members of X"
        m = re.match(r"[”\"’]?\s+of\s+(?:[\w’'-]+\s+){1,6}?of\s+(?:his|her|their|its|the)\s+\w+", t[q["e"]:])
        if m:
            skip = (q["e"], q["e"] + m.end())
    ana = None
    for m in _ANAPHOR.finditer(t, lo, q["s"]):
        ana = m
    after = _ANAPHOR.match(t, q["e"] + 1) if t[q["e"]:q["e"] + 1].isspace() else None
    after = after or _FIGURE_NOUN.match(t, q["e"])      # "The 60,000 figure is nearly double ..."
    if after:                                           # "11 625 such proceedings were registered"
        ana = after
    if ana:
        found = _nearest_measure(t, q, ana.end(), hi, skip)
        if not found or found[2] < q["s"]:
            same = [r for r in doc_rows if r["measure"] != "other" and (r["high"] or r["low"]) == (q["high"] or q["low"])]
            kin = [r for r in prev_rows if r["kind"] == q["kind"] and r["measure"] not in ("other", "change")]
            ante = same[-1] if same else (kin[-1] if kin else (prev_rows[-1] if prev_rows else None))
            if ante:
                return ante["measure"], ante["measure_text"], ante["subject_side"]
    found = _nearest_measure(t, q, lo, hi, skip) or _nearest_measure(t, q, 0, len(t), skip)
    if found and found[0] in rulefiles.measure_group("not_people") and q.get("unit") in ("soldiers", "people"):
        found = _nearest_measure(t, q, 0, len(t), (found[1], found[2]))    # "3,000 tanks and 500,000 troops"
        if found and found[0] in rulefiles.measure_group("not_people"):
            found = _nearest_measure(t, q, 0, q["s"], None)     # "losses amounted to 480 servicemen, a tank and three trucks"
        if found and found[0] in rulefiles.measure_group("not_people"):
            found = None
    own = _verb_measure(t, q)
    if own and (found is None or (found[0] in rulefiles.measure_group("decided_by_verb") or     # a unit named before
                                  found[0] in rulefiles.measure_group("yields_to_verb") and found[2] <= q["s"]) and
                not (found[1] <= own[1] < found[2] and found[2] - found[1] >= own[2] - own[1])):
        found = own                                     # unless a cue as long already spans the verb ("lives lost")
    if found and not own and not (found[0] in rulefiles.measure_group("decided_by_verb") and found[2] <= q["s"] and
                                  not t[found[2]:q["s"]].strip()) and _foreign_noun(t, q):
        return "other", None, None                      # "three points of the Peace Formula", "27 Russian attacks"
    if found is None and q.get("unit") is None and q["kind"] in ("count", "vague") and _BARE_END.match(t, q["e"]):
        ante = next((r for r in reversed(doc_rows) if r["kind"] == q["kind"] and r["measure"] not in ("other", "change")), None)
        if ante and prev_rows and ante in prev_rows + doc_rows[-3:]:
            return ante["measure"], ante["measure_text"], ante["subject_side"]     # "Not 300,000, not 150,000"
    if found and found[0] in rulefiles.measure_group("case"):
        m = _CASES_OF.match(t, q["e"])
        if m and not re.search(words()["measures"]["offence_words"], m.group("offence"), re.I):
            return "other", None, None
        own_case = _nearest_measure(t, q, q["e"], q["e"] + m.end(), skip) if m else None
        if own_case and own_case[0] in rulefiles.measure_group("case"):
            found = own_case                            # "cases for unauthorised leaving": its own offence
    if found:
        return found[0], _measure_text(t, q, found), None
    fallback = next((m["measure_id"] for m in measures() if m["kinds"] == [q["kind"]] and not m["cues"]), "other")
    return fallback, None, None


_TOTAL = re.compile(r"\b(?:in\s+total|a\s+total\s+of|altogether|combined|overall|in\s+all|together)\s*,?\s*(?:\w+\s+){0,2}\Z", re.I)
_CASE_ITEM = re.compile(r"\s+(?:(?:were|was)\s+)?(?:over|on|for|under)\s+(?P<offence>[^,;.()]{1,60}?)(?=\s*(?:[,;.()]|\band\b|$))", re.I)


def _case_item(t: str, q: dict, prev_rows: list, doc_rows: list) -> str | None:
    """The measure of a count of cases whose noun is left out and whose offence follows it, after a
    figure of cases in the sentence or the one before (number_words.toml [measures] offence_measures)."""
    if q["kind"] != "count" or q.get("unit") is not None:
        return None
    m = _CASE_ITEM.match(t, q["e"])
    if not m:
        return None
    cases = set(rulefiles.measure_group("case")) | {"people_prosecuted"}
    near = [r for r in (doc_rows[-3:] + prev_rows[-3:]) if r["measure"] in cases]
    if not near:
        return None
    hits = [mid for mid, rx in words()["measures"]["offence_measures"].items() if re.search(rx, m.group("offence"), re.I)]
    return "desertion_prosecutions" if len(hits) > 1 else (hits[0] if hits else "other")


_NP_STOP = {"the", "a", "an", "of", "that", "and", "by", "to", "in", "for", "on", "at", "with", "showed", "show",
            "said", "says", "had", "has", "have", "was", "were", "is", "are", "which", "who", "rose", "increased"}


def _measure_text(t: str, q: dict, found) -> str | None:
    """The noun phrase counted: the noun after the number (plus its participle), or the phrase of the cue."""
    _, cs, ce = found
    after = t[q["e"]:]
    np_ = re.match(r"[\s“”\"]*(?:of\s+)?((?:[A-Za-z][\w’'-]*\s+){0,3}?[A-Za-z][\w’'-]*s)"
                   r"((?:\s+of\s+(?:his|her|their|its|the)\s+[a-z]+)?)\b", after)
    if np_ and q["kind"] in ("count", "vague") and np_.group(1).split()[0].lower() not in _NP_STOP:
        phrase = np_.group(1) + np_.group(2)
        vp = re.match(r"\s+(?:were|was|have\s+been|had\s+been|have|has|had)\s+(\w+ed|died|fled|lost)"
                      r"((?:\s+(?:for|by)\s+(?!the\b|a\b)\w+)?)", after[np_.end():])
        return (phrase + (" " + vp.group(1) + vp.group(2) if vp else "")).strip()
    if cs >= q["e"]:
        return t[cs:ce]
    toks = re.findall(r"[\w’'-]+", t[:cs])
    head = []
    for tok in reversed(toks[-3:]):
        if tok.lower() in _NP_STOP or tok[0].isdigit() or not (tok[0].isupper() or "-" in tok):
            break
        head.insert(0, tok)
    phrase = " ".join(head + [t[cs:ce]])
    return phrase


# ---------------------------------------------------------------- attribution

@lru_cache(maxsize=1)
def _background():
    return re.compile("(?:" + text_kit.alternation(attribution.rules()["raw"]["cues"]["background"]) + r")\b", re.I)


@lru_cache(maxsize=1)
def _first_person():
    return re.compile(r"(?:" + text_kit.alternation(attribution.rules()["raw"]["source"]["first_person"]) + r")\b", re.I)


@lru_cache(maxsize=1)
def _claim_rules() -> dict:
    return attribution.rules()["raw"].get("numbers", {})


@lru_cache(maxsize=1)
def _framing_after():
    return re.compile("(?:" + text_kit.alternation([w.rstrip() for w in _claim_rules().get("framing_after", [])] or ["(?!x)x"])
                      + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _count_verb():
    r = _claim_rules()
    objs = text_kit.alternation(r.get("count_objects", []) or ["(?!x)x"])
    return re.compile(r"(?<![\w’'-])(?:" + text_kit.alternation(r.get("count_verbs", []) or ["(?!x)x"])
                      + r")(?:\s+(?:" + objs + r"))*\s+$", re.I)


_AFTER_CUE = re.compile(r"(?>\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)"
                        r"|(?:earlier|later|last|this)\s+(?:week|month|year|day)|earlier|again|also)?)\s*"
                        r"(?P<w>[\w’'“\"]+)")
_NOT_CLAUSE = {"in", "on", "at", "during", "via", "to", "from", "after", "before", "while", "when", "as", "by",
               "with", "for", "adding", "saying", "citing", "and", "but"}


# "More than 15 thousand servicemen were informed about suspicion": told, not telling; "if the
# wounded are added": summed, not said
_PASSIVE_CUE = re.compile(r"(?<![\w-])(?:was|were|been|being|is|are|be)\s+(?:informed|told|notified|added)(?![\w-])", re.I)


_THAT_CLAUSE = re.compile(r"\s*(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?that\s", re.I)
_RESUMED = re.compile(r",\s+(?:would|will|could|can|had|has|have|was|were|is|are|did|does|should|might|must|may)(?![\w-])", re.I)


def _reported_relative(view, f: dict, end: int) -> bool:
    """"He said that his force, which has suffered up to 20,000 dead, would pull out": a relative
    clause inside the reported clause (the clause goes on after it) is reported too."""
    sent = view.sentence_at(f["cue_end"])
    return bool(sent) and bool(_THAT_CLAUSE.match(view.text, f["cue_end"])) and \
        bool(_RESUMED.search(view.text, end, sent.end))


def _complement(view, f: dict) -> bool:
    """"the annexation of Crimea in 2014 added 2.4 million people": a source that is the complement
    of a noun before it ("of Crimea") is not the verb's subject."""
    return f["rule"] == "verb_subject" and not f["carried"] and f["quoted_start"] is None and \
        bool(re.search(r"(?<![\w-])(?:[a-z]+)\s+of\s+\Z", view.text[max(0, f["source_start"] - 40):f["source_start"]]))


def _passive(view, f: dict) -> bool:
    return bool(_PASSIVE_CUE.search(view.text, max(0, f["cue_start"] - 12), f["cue_end"]))


def _sets_scene_before(view, f: dict, start: int, end: int, quoted: list) -> bool:
    """Does the number open the sentence before a cue's subject, in the article's own scene-setting
    ("Hours earlier, Prigozhin had announced ..."; "Speaking after the meeting, which lasted about two
    hours, Medinsky said Moscow was pleased")? Only when the cue has its own reported clause after it:
    in "More than 20,000 troops were killed, an official said Monday" the number is what is said."""
    if f["rule"] != "verb_subject" or f["quoted_start"] is not None or end > f["source_start"] or end > f["cue_start"] \
            or any(a < start < b for a, b in quoted):
        return False
    if not re.search(r",|(?<![\w-])(?:after|before|since|when|while|as|until|once)(?![\w-])", view.text[end:f["source_start"]]):
        return False
    sent = view.sentence_at(f["cue_start"])
    m = _AFTER_CUE.match(view.text, f["cue_end"], sent.end if sent else len(view.text))
    return bool(m) and m.group("w").lower() not in _NOT_CLAUSE


_RELATIVE_BEFORE = re.compile(r",\s+(?:which|who)\s[^;:“”\"]{3,160}?,\s*(?:(?:has|have|had)\s+)?\Z", re.I)


def _count_frame(view, frames: list[dict], start: int) -> dict | None:
    """"Journalists at Mediazona counted 536 cases": who counts claims the count (a body or a
    publication, never a person's act of registering)."""
    sent = view.sentence_at(start)
    if sent is None:
        return None
    lo = max([sent.start] + [sent.start + m.end() for m in re.finditer(r";|\s[—–]\s", view.text[sent.start:start])])
    m = _count_verb().search(view.text, lo, start)
    if m is None or re.search(r"(?<![\w-])(?:was|were|been|being|be|is|are)\s+$", view.text[lo:m.start()], re.I):
        return None                            # "cases were registered": no one named counts them
    verb_end = m.start() + len(re.match(r"[\w’'-]+", view.text[m.start():]).group(0))
    # "Mediazona and the BBC's Russian service, which identify the dead one by one, have confirmed"
    rel = _RELATIVE_BEFORE.search(view.text, lo, m.start())
    f = attribution.subject_frame(view, frames, rel.start() if rel else m.start(), verb_end)
    if f is None or f["source_kind"] not in ("body", "publication") and not f["actor_id"]:
        return None
    return f


@lru_cache(maxsize=1)
def _back_reference():
    r = _claim_rules()
    alt = text_kit.alternation
    return re.compile(r"[\W]*(?:" + alt(r.get("back_openers", []) or ["(?!x)x"]) + r")(?![\w-])[^.!?;:]{0,40}?(?<![\w’'-])(?:"
                      + alt(r.get("back_cues", []) or ["(?!x)x"]) + r")(?![\w-])\s*"
                      r"(?:by\s+|in\s+(?:the|a|an|its|his|her)\s+(?:[\w-]+\s+){1,2}?(?:of|from|by)\s+|(?:the\s+)?(?:words|data)\s+of\s+)?",
                      re.I)


def _in_body(view, start: int):
    """The body sentences of ``view`` and the index of the one holding clean ``start`` (None when
    that sentence is furniture, a caption or a header)."""
    sent = view.sentence_at(start)
    body = [s for s in view.sentences if s.kind not in ("furniture", "footer", "caption", "header")]
    return (body, body.index(sent)) if sent is not None and sent in body else None


def _back_frame(view, frames: list[dict], start: int) -> dict | None:
    """"Over 200 thousand cases were opened. ... About this it goes in the answer of the Office of
    the Prosecutor General": a later sentence of the paragraph (or the next paragraph's first, for
    a paragraph's last sentence) that points back names the source of the uncued sentences before it."""
    at = _in_body(view, start)
    if at is None:
        return None
    body, i = at
    sent = body[i]
    for k in range(i + 1, min(len(body), i + 4)):
        s = body[k]
        if s.para_id != sent.para_id and (k != i + 1 or body[k - 1].para_id != sent.para_id):
            break
        m = _back_reference().match(view.text, s.start, s.end)
        own = [f for f in frames if f["sent_id"] == s.sent_id and f["quoted_start"] is None
               and not _passive(view, f)]
        if m is None:
            if own or s.para_id != sent.para_id:
                break                           # another source's sentence, or another paragraph
            continue
        if own:
            return min(own, key=lambda f: abs(f["cue_start"] - m.end()))
        src = attribution.np_after(view.text, m.end(), s.end)
        if src is None:
            return None
        f = attribution.span_frame(view, s.start, m.end(), src, "back_reference")
        pubs = [x["actor_id"] for x in attribution.actors.mentions(view) if src[1] <= x["clean_start"] < s.end
                and attribution.actors.kind_of(x["actor_id"]) == "publication" and x["actor_id"] != f["actor_id"]]
        return dict(f, relay=";".join(dict.fromkeys(pubs)))   # "... to the request of Ukrainska Pravda"
    return None


@lru_cache(maxsize=1)
def _list_item():
    return re.compile(_claim_rules().get("list_item", "(?!x)x").removeprefix("^"))    # matched at each sentence start


def _lead_frame(view, frames: list[dict], lead, carried: bool = True) -> dict | None:
    """The source of a list's lead-in sentence: its own frame, "X lists:" (the noun phrase before
    the verb the colon ends), or (``carried``) the frame just before it in its paragraph or the one
    before."""
    own = [f for f in frames if f["sent_id"] == lead.sent_id and f["quoted_start"] is None and not _passive(view, f)]
    if own:
        return own[-1]
    m = re.search(r"(?<![\w’'-])([a-z]+)\s*:\s*$", view.text[lead.start:lead.end])
    if m and lead.start + m.start(1) > lead.start:
        f = attribution.subject_frame(view, frames, lead.start + m.start(1), lead.start + m.end(1))
        if f is not None and (f["actor_id"] or f["source_kind"] in ("body", "publication")):
            return f
    f = attribution.carried_frame(view, frames, lead.start) if carried else None
    return f if f is not None and not _passive(view, f) else None


def _list_frame(view, frames: list[dict], start: int) -> dict | None:
    """The lead-in's source for a number in a list item (see attribution.toml numbers.list_item)."""
    at = _in_body(view, start)
    if at is None:
        return None
    body, i = at
    sent = body[i]
    colon = view.text.rfind(":", sent.start, start)
    if colon >= 0 and not re.search(r"\d", view.text[sent.start:colon]):
        # "X lists: tanks 9,000; ...", not a label's colon ("Why it matters: the 28-point plan")
        return _lead_frame(view, frames, dataclasses.replace(sent, end=colon + 1), carried=False)
    limit = int(_claim_rules().get("list_item_words", 16))
    k = i
    while k > 0:
        item = body[k]
        if len(view.text[item.start:item.end].split()) > limit or not _list_item().match(view.text, item.start, item.end):
            return None
        prev = body[k - 1]
        if view.text[prev.start:prev.end].rstrip().endswith(":"):
            return _lead_frame(view, frames, prev)
        k -= 1
    return None


def _pronoun_at(view, pos: int) -> str | None:
    word = re.match(r"[\w’']+", view.text[pos:pos + 12])
    low = word.group(0).lower() if word else ""
    return low if low in attribution.rules()["pronouns"] else None


def _spoken_antecedent(view, frames: list[dict], f: dict) -> dict:
    """"Russian forces lost 1,200 soldiers over the past day, it said": "it" is the body that last
    spoke before the sentence ("Ukraine's General Staff said ..."), not a body the reported words
    name. A pronoun already resolved to an earlier speaker keeps it."""
    if not f["carried"] or f["quoted_start"] is not None or _pronoun_at(view, f["cue_start"]) not in ("it", "they"):
        return f
    kinds = ("body", "publication") + (("anonymous",) if _pronoun_at(view, f["cue_start"]) == "they" else ())
    sent = view.sentence_at(f["cue_start"])
    earlier = [g for g in frames if sent is not None and g["cue_start"] < sent.start and g["quoted_start"] is None
               and g["source_kind"] in kinds and not (g["carried"] and _pronoun_at(view, g["cue_start"]))
               and not _passive(view, g)]
    if not earlier or any(g["source_start"] == f["source_start"] for g in earlier):
        return f
    g = earlier[-1]
    return dict(f, **{k: g[k] for k in ("source_text", "source_start", "source_end", "actor_id", "side", "source_kind")},
                carried_from=g["sent_id"], relay=f["relay"] or g["relay"])


def _data_owner(view, frames: list[dict], f: dict) -> dict:
    """"... according to data from the prosecutor general's office. The tally has grown sixfold, the
    figures show": figures with no owner named are the data of the body or publication that last
    gave data in the paragraph or the one before."""
    words = (f["source_text"] or "").lower().split()
    if f["actor_id"] or f["quoted_start"] is not None or len(words) != 2 or words[0] not in ("the", "these", "those") \
            or words[1] not in attribution.rules()["data_heads"]:
        return f
    sent = view.sentence_at(f["cue_start"])
    earlier = [g for g in frames if sent is not None and g["cue_start"] < sent.start and g["quoted_start"] is None
               and g["source_kind"] in ("body", "publication") and not _passive(view, g)
               and (g["source_text"] or "").lower().split()[-1:] != words[-1:]
               and (g["source_text"] or "").lower().split()[-1] not in attribution.rules()["data_heads"]
               and attribution.near_paragraph(view, g["cue_start"], f["cue_start"])]
    if not earlier:
        return f
    g = earlier[-1]
    return dict(f, **{k: g[k] for k in ("source_text", "source_start", "source_end", "actor_id", "side", "source_kind")},
                carried=True, carried_from=g["sent_id"], relay=f["relay"] or g["relay"])


_DETERMINER = re.compile(r"(?:^|(?<=[\s,;:(]))((?:a|an|the|one|another)\s+(?:(?!(?:that|which|who)\s)[a-z][\w-]*\s+){0,3})$", re.I)


def _noun_cue(view, f: dict) -> dict:
    """"A confidential Ukrainian estimate from earlier this year put the losses at 80,000": a cue word
    that is also a data noun (estimate, report), after a determiner, is the noun the source is."""
    cue = (view.text[f["cue_start"]:f["cue_end"]].lower().split() or [""])[-1]
    sent = view.sentence_at(f["cue_start"])
    if f["rule"] != "verb_subject" or f["actor_id"] or f["carried"] or sent is None \
            or cue not in attribution.rules()["data_heads"] or not sent.start <= f["source_start"] < f["source_end"] <= f["cue_end"]:
        return f
    m = _DETERMINER.search(view.text, sent.start, f["source_start"])
    if m is None:
        return f
    g = attribution.span_frame(view, f["cue_start"], f["cue_end"], (m.start(1), f["cue_end"]), f["rule"])
    return dict(f, **{k: g[k] for k in ("source_text", "source_start", "source_end", "actor_id", "side", "source_kind")})


def _first_conjunct(view, f: dict) -> dict:
    """"Ukrainian President Volodymyr Zelenskyy and other officials said": the named first
    conjunct speaks for the others."""
    if f["quoted_start"] is not None or f["carried"] or not re.match(r"(?:other|others)(?![\w-])", f["source_text"] or "", re.I):
        return f
    m = re.search(r"\s+and\s+$", view.text[max(0, f["source_start"] - 6):f["source_start"]])
    sent = view.sentence_at(f["source_start"])
    if m is None or sent is None:
        return f
    end = f["source_start"] - (len(view.text[max(0, f["source_start"] - 6):f["source_start"]]) - m.start())
    src = attribution.np_before(view.text, sent.start, end)
    if src is None:
        return f
    g = attribution.span_frame(view, f["cue_start"], f["cue_end"], src, f["rule"])
    return dict(f, **{k: g[k] for k in ("source_text", "source_start", "source_end", "actor_id", "side", "source_kind")}) \
        if g["actor_id"] else f


@lru_cache(maxsize=1)
def _mt_cue():
    return re.compile("|".join(f"(?:{c})" for c in _claim_rules().get("mt_cues", [])) or "(?!x)x", re.I)


def _mt_frame(view, start: int) -> dict | None:
    """"By the data of the Kremlin, trade fell by 90%": the source after a machine-translated cue
    of the number's sentence (attribution.toml numbers.mt_cues), nearest the number first."""
    sent = view.sentence_at(start)
    if sent is None:
        return None
    found = []
    for m in _mt_cue().finditer(view.text[sent.start:sent.end]):
        a, b = sent.start + m.start(), sent.start + m.end()
        src = attribution.np_after(view.text, b, sent.end)
        if src is not None and not (src[0] <= start < src[1]):
            found.append((abs(start - a), a, b, src))
    if not found:
        return None
    _, a, b, src = min(found)
    return attribution.span_frame(view, a, b, src, "preposition")


def _act_frame(view, qstart: int) -> dict | None:
    """"Kyslytsya called the deal “... excellent news for 1,000 Ukrainian families”": a partial
    quotation woven into an act's clause (attribution.toml cues.acts) is the act's subject's."""
    sent = view.sentence_at(qstart)
    if sent is None:
        return None
    acts = [g for g in attribution.frames(view) if g["cue_kind"] == "act" and g["quoted_start"] is None
            and g["sent_id"] == sent.sent_id and g["cue_end"] <= qstart
            and not re.search(r"[.;!?:]|\s[—–]\s", view.text[g["cue_end"]:qstart])]
    return acts[-1] if acts else None


def _quoted_pronoun(view, f: dict) -> bool:
    """A frame inside a quotation whose subject is a pronoun taken from outside it ("“They said there
    would be 150 tanks,” said an officer"): the pronoun is the speaker's, who is the claimant."""
    if f["quoted_start"] is None or not f["carried"]:
        return False
    word = re.match(r"[\w’']+", view.text[f["cue_start"]:f["cue_start"] + 12])
    return bool(word) and word.group(0).lower() in attribution.rules()["pronouns"] and \
        not (f["quoted_start"] <= f["source_start"] < f["quoted_end"])


def claimant(view, frames: list[dict], start: int, end: int, quoted: list) -> dict:
    """Who states the quantity at clean ``start:end`` (see analysis.attribution):
    the frame of its clause or sentence; inside a quotation with no cue of its own, the
    frame carried from its paragraph or the one before; in a block a colon frame opens
    ("Source: X", "NOTE: X reports:"), that frame; else the article's own voice."""
    block = attribution.block_frame(view, frames, start)
    f = attribution.governing(view, frames, start, end)
    if f is None and any(a < start < b for a, b in quoted):
        a, b = max(((a, b) for a, b in quoted if a < start < b), key=lambda q: q[0])
        # the quotation's own cue ("“... 3-5 thousand cases ... folders,” the lawyer said"), else carried
        f = attribution.quote_frame(view, frames, a + 1, b - 1) or _act_frame(view, a) or \
            attribution.carried_frame(view, frames, start)
    if f is not None and f["quoted_start"] is not None and f["carried"] and (
            _first_person().match(view.text, f["cue_start"]) or _quoted_pronoun(view, f)):
        f = attribution.quote_frame(view, frames, f["quoted_start"] + 1, f["quoted_end"] - 1) or \
            attribution.carried_frame(view, frames, f["quoted_start"]) or block
    if f is not None and f["quoted_start"] is None and f["cue_end"] <= start and \
            not any(a < start < b for a, b in quoted) and not _reported_relative(view, f, end) \
            and (_background().search(view.text[f["cue_end"]:start]) or _framing_after().search(view.text[f["cue_end"]:start])):
        f = None
    if f is not None and (_sets_scene_before(view, f, start, end, quoted) or _passive(view, f) or _complement(view, f)):
        f = None
    if f is not None:
        f = _data_owner(view, frames, _noun_cue(view, _first_conjunct(view, _spoken_antecedent(view, frames, f))))
    if block is None:
        counted = _count_frame(view, frames, start)
        if counted is not None and (f is None or f["cue_end"] <= counted["cue_start"]):
            f = counted                         # the count verb of the number's own clause
        if f is None:
            f = _mt_frame(view, start)
        if f is None and not any(a < start < b for a, b in quoted):
            f = _list_frame(view, frames, start) or _back_frame(view, frames, start)
    f = f or block
    if f is None:
        return {"claimant": "author", "claimant_text": None, "claimant_start": None, "claimant_end": None,
                "via": [], "claimant_kind": "author"}
    via = [v for v in f["relay"].split(";") if v and v != f["actor_id"]]
    if f["quoted_start"] is not None:       # reported inside a quotation: its speaker relays it
        outer = attribution.quote_frame(view, frames, f["quoted_start"] + 1, f["quoted_end"] - 1) or \
            attribution.carried_frame(view, frames, f["quoted_start"]) or block
        if outer is not None and outer["actor_id"] and outer["actor_id"] not in via + [f["actor_id"]]:
            via += [outer["actor_id"]] + [v for v in outer["relay"].split(";") if v and v not in via]
    elif block is not None and block is not f and block["actor_id"] and block["actor_id"] not in via:
        via.append(block["actor_id"])       # the note's author relays what the note quotes
    via += [c for c in attribution.credit_relays(view) if c not in via and c != f["actor_id"]]
    own = attribution.actors.outlet_id(getattr(view, "outlet", "") or "")
    via = [v for v in via if v != own]          # told to the article's own outlet: no relay
    return {"claimant": f["actor_id"], "claimant_text": f["source_text"], "claimant_start": f["source_start"],
            "claimant_end": f["source_end"], "via": via, "claimant_kind": f["source_kind"]}


# ---------------------------------------------------------------- verification

def verification_note(t: str) -> str | None:
    """The clause of ``t`` that says a claim could not be verified, or None."""
    patterns = _patterns()["verification"]
    for i in _verification_gate().allowed(t):    # the others cannot match in t
        m = patterns[i].search(t)
        if m:
            start = max(t.rfind(",", 0, m.start()), t.rfind(";", 0, m.start()))
            note = t[start + 1:] if start >= 0 else t
            return note.strip().rstrip(".!").strip()
    return None


@lru_cache(maxsize=1)
def _verification_gate() -> matching.LiteralGate:
    return matching.LiteralGate(_patterns()["verification"])


# ---------------------------------------------------------------- subject side

def _side_before(t: str, s: int) -> str | None:
    w = words()["adjectives"]
    clause = re.split(r"[,;:]", t[:s])[-1]
    sides = "|".join(re.escape(x) for x in _side_words())
    nouns = "|".join(re.escape(x) for x in w["side_nouns"])
    hits = list(re.finditer(rf"\b({sides})\s+({nouns})\b", clause, re.I))
    if not hits:
        return None
    return _side_words()[hits[-1].group(1).lower()]


# ---------------------------------------------------------------- the extractor

def numbers(view) -> list[dict]:
    """Quantity rows of one DocView (see the module docstring), sorted by clean_start."""
    frames = [f for f in attribution.frames(view) if f["cue_kind"] == "speech"]
    quoted = attribution.quoted_spans(view.text)
    tx_of, frames_of, relative = {}, {}, set()
    for t in timex_mod.timex(view):
        tx_of.setdefault(t["sent_id"], []).append(t)
        if t["anchor"] == "published":
            relative.add((t["text"], t["start"], t["end"]))
    for f in frames:
        frames_of.setdefault(f["sent_id"], []).append(f)
    rows: list[dict] = []
    prev_rows = []
    sents = list(view.sentences)
    skip = set(words()["sections"]["skip"])
    for k, sent in enumerate(sents):
        if sent.kind in skip:
            continue
        t = view.text[sent.start:sent.end]
        pers = timex_mod.period_candidates(view.text, sent.start, tx_of.get(sent.sent_id, []), frames_of.get(sent.sent_id, []))
        spans = {(x["clean_start"] - sent.start, x["clean_end"] - sent.start) for x in tx_of.get(sent.sent_id, [])
                 if x["note"].startswith("span:")}
        qs = find_quantities(t, [(a, b) for a, b, _, _ in pers if (a, b) not in spans])
        ver = verification_note(t)
        if ver is None and k + 1 < len(sents):
            nt = view.text[sents[k + 1].start:sents[k + 1].end]
            nv = verification_note(nt)
            if nv and not find_quantities(nt, []):
                ver = nv
        here = []
        for j, q in enumerate(qs):
            lo = qs[j - 1]["e"] if j else 0
            nxt = [x for x in qs[j + 1:] if not (q.get("of") is not None and parse_number(x["value_text"]) == q["of"])]
            hi = nxt[0]["s"] if nxt else len(t)
            measure, mtext, carried_side = _measure(t, q, lo, hi, prev_rows, rows + here)
            sign = percent_change(t, q)
            if sign is not None:                        # "rose by 40 percent": a change, of losses or of anything else
                if sign < 0:
                    q["low"], q["high"] = [None if v is None else -v for v in (q["high"], q["low"])]
                if next(m["counts_as"] for m in measures() if m["measure_id"] == measure) != "casualty":
                    measure, mtext = "change", None
                elif measure != "loss_ratio":
                    measure = "casualty_change"
            elif q.get("change"):
                measure = "change"
            elif _unit_measure(t, q):
                measure, mtext = _unit_measure(t, q), None
            elif {"awol_cases", "desertion_cases"} <= {r["measure"] for r in here} and _TOTAL.search(t, max(0, q["s"] - 30), q["s"]):
                measure, mtext = "desertion_prosecutions", None       # "... on SZCh and 54 000 on desertion, in total 290 000"
            elif _case_item(t, q, prev_rows, rows + here):
                measure, mtext = _case_item(t, q, prev_rows, rows + here), None     # "2 276 over desertion"
            elif here and _elided(t, q, qs[j - 1], here[-1]):
                measure, mtext = here[-1]["measure"], here[-1]["measure_text"]   # "1 505 sentences in 2022, 2 165 in 2023"
            elif here and _compared(t, q, qs[j - 1], here[-1]):
                measure, mtext = here[-1]["measure"], here[-1]["measure_text"]   # "89,447 cases ..., up from 66,000 in 2024"
            att = claimant(view, frames, sent.start + q["s"], sent.start + q["e"], quoted)
            # a duration is itself a span of time: the time expression beside it dates something else
            per = timex_mod.governing(t, q["s"], q["e"], pers, [(x["s"], x["e"]) for x in qs], bool(q.get("change"))) \
                if q["kind"] != "duration" else (None, None, None)
            if measure == "distance" and per[1] is not None and t[:q["s"]].rstrip().endswith("(") and \
                    re.match(words()["locator"]["pattern"], t[q["e"]:], re.I):
                per = (None, None, None)                # "(2km west of Bakhmut)": a place, not a figure of a period
            if measure == "other" and per[1] is not None and per[1] == per[2] and not _snapshot(t, q, per[0]):
                per = (None, None, None)                # a day dates an event, not a count of no measure
            if per[1] is None and here and re.match(r"[^.;]{0,90}?,\s*(?:of\s+which|of\s+them|including|among\s+them)\b",
                                                    t[qs[j - 1]["e"]:q["s"]], re.I):
                prev = here[-1]                         # "59 606 cases ..., of which 2 592 were closed"
                per = (prev["period_text"], prev["period_start"], prev["period_end"])
            if per[1] is None and here and re.fullmatch(r"[^.;:()]{0,40}?,\s*or\s+", t[qs[j - 1]["e"]:q["s"]], re.I):
                prev = here[-1]                         # "202 997, or near 203 thousand": the same figure restated
                per = (prev["period_text"], prev["period_start"], prev["period_end"])
            if per[1] is None and q["kind"] != "duration" and _SAME_PERIOD.search(t):
                prev = next((r for r in reversed(rows) if r["period_start"]), None)
                if prev:                                # "Over the same period, 29 521 ..."
                    per = (prev["period_text"], prev["period_start"], prev["period_end"])
            if per[1] is None and q["kind"] != "duration" and not here and prev_rows and k and \
                    prev_rows[-1]["sent_id"] == sents[k - 1].sent_id and _PERIOD_ANAPHOR.search(t[:q["s"]]):
                prev = next((r for r in reversed(prev_rows) if r["period_start"]), None)
                if prev:                                # "In 2023, 17 658 cases were opened. Of those, 12 000 ..."
                    per = (prev["period_text"], prev["period_start"], prev["period_end"])
            if per[1] is None and q.get("change") and here and here[-1]["period_start"]:
                prev = here[-1]                         # a change has the period of the figure it qualifies
                per = (prev["period_text"], prev["period_start"], prev["period_end"])
            if per[1] and per[2] and per[2] < view.published.isoformat() and _SINCE_CLAUSE.search(t[:max(0, t.find(per[0]))]):
                per = (per[0], per[1], view.published.isoformat())    # "since the deal was struck in July": to publication
            if per[0] and timex_mod.YEAR_BEFORE.fullmatch(per[0]):
                ante = next((r for r in reversed(rows + here) if r["period_start"] and r["sent_id"] in
                             (sent.sent_id, sents[k - 1].sent_id if k else None)
                             and not timex_mod.YEAR_BEFORE.fullmatch(r["period_text"])), None)
                if ante:                                # "In 2024, 89,000 cases were opened. A year earlier, 24,000"
                    per = (per[0], *timex_mod.year_before(ante["period_start"], ante["period_end"]))
            side = q.get("side") or carried_side or _side_before(t, q["s"])
            row = {
                "doc_id": view.doc_id, "sent_id": sent.sent_id,
                "clean_start": sent.start + q["s"], "clean_end": sent.start + q["e"],
                "text": t[q["s"]:q["e"]], "value_text": q["value_text"], "kind": q["kind"],
                "low": q["low"], "high": q["high"], "of": q.get("of"), "unit": q.get("unit"),
                "measure": measure, "measure_text": mtext,
                "counts_as": next(m["counts_as"] for m in measures() if m["measure_id"] == measure),
                "period_text": per[0], "period_start": per[1], "period_end": per[2],
                "period_basis": "absent" if per[1] is None else ("inferred" if per in relative else "stated"),
                "hedge": q.get("hedge"),
                "claimant": att["claimant"], "claimant_text": att["claimant_text"],
                "claimant_start": att["claimant_start"], "claimant_end": att["claimant_end"],
                "claimant_kind": att["claimant_kind"],
                "via": ";".join(att["via"]), "verification": ver, "subject_side": side,
            }
            if q["kind"] == "vague" and row["unit"] is None and rulefiles.measure_column("default_unit")[measure]:
                row["unit"] = rulefiles.measure_column("default_unit")[measure]
            here.append(row)
        rows += here
        if here:
            prev_rows = here
    return sorted(rows, key=lambda r: r["clean_start"])


@lru_cache(maxsize=1)
def _cue_words() -> tuple:
    return tuple(sorted({w for m in measures() for c in m["cues"] for w in re.findall(r"[a-z]+(?:-[a-z]+)*", c.lower())
                         if len(w) > 2}))


def _foreign_noun(t: str, q: dict) -> bool:
    """Does the quantity count a noun of its own that no measure names ("three points", "27 attacks")?"""
    noun = q.get("unit")
    if noun is None and q["kind"] == "count":
        m = re.match(r"\s+(?:[A-Za-z-]+\s+)?([a-z]+s)\b", t[q["e"]:])
        noun = m.group(1) if m and not m.group(1).endswith("ss") else None
    if q["kind"] != "count" or not noun or noun in set(words()["units"].values()) or \
            noun.lower() in words()["units"]:
        return False
    n = noun.lower()
    return not any(n.startswith(w) or w.startswith(n.rstrip("s")) for w in _cue_words())


def _verb_measure(t: str, q: dict) -> tuple | None:
    """(measure_id, start, end) named by the verb of the people a count counts, when a cue of a
    measure of group decided_by_verb (measures.csv) starts at that verb."""
    if q["kind"] not in ("count", "vague"):
        return None
    unit, _, head = _following_noun(t, q["e"])
    if unit is not None and unit not in ("soldiers", "people"):
        return None
    m = _PEOPLE_VERB.match(t, head)
    if not m:
        return None
    v = m.start("v")
    best = None
    for rank, meas in enumerate(measures()):
        if meas["measure_id"] not in rulefiles.measure_group("decided_by_verb"):
            continue
        for cue in meas["cues"]:
            if "+" in cue or "!" in cue:
                continue
            for cs, ce in _cue_spans(cue.lstrip("^"), t):
                if cs == v and (best is None or (cs - ce, rank) < best[0]):
                    best = ((cs - ce, rank), meas["measure_id"], cs, ce)      # the longest cue: "lost their lives"
    return best[1:] if best else None


def _unit_measure(t: str, q: dict) -> str | None:
    """The measure of a unit written right after the number ("25km", "600 miles"), from
    number_words.toml [unit_measures]: a length or an area is never a loss."""
    um = words()["unit_measures"]
    if q.get("sfx"):
        return um.get(q["sfx"])
    if q["kind"] not in ("count", "vague"):
        return None
    m = re.match(rf"\s+(?:of\s+)?({_alt(um)})(?![\w])", t[q["e"]:], re.I)
    return um[re.sub(r"\s+", " ", m.group(1).lower())] if m else None


def _elided(t: str, q: dict, p: dict, prev: dict) -> bool:
    """Is ``q`` a list item whose counted noun is left out, so that it counts what the quantity
    ``p`` before it (row ``prev``) counts: "1 505 sentences for AWOL in 2022, 2 165 in 2023 and 766 in ..."?"""
    if q["kind"] != "count" or prev["kind"] != "count" or prev["measure"] in ("other", "change"):
        return False
    if re.fullmatch(r"\)\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:[A-Z][\w’'.-]*\s*){1,3}\(", t[p["e"]:q["s"]]) \
            and t[q["e"]:q["e"] + 1] == ")":
        return True                                 # "in the Zaporozhye (6,144), Kharkov (5,771) and Donetsk (5,318) regions"
    if q.get("unit") is not None:
        return False
    if not re.fullmatch(r"[^.;:()]{0,60}?(?:,|\band\b|\bor\b|–|—)\s*(?:(?:in|for|during|over|by)\s+[^,;]{1,30}?\s+[-–—]\s*)?", t[p["e"]:q["s"]], re.I):
        return False
    return _BARE_END.match(t, q["e"]) is not None


# an event clause opened by "since" and dated by the time expression after it: "since Russia invaded in
# February 2022", "since the deal was struck in July" (the expression dates the start; the period runs on)
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?![^,;:.()]*\bsince\b)[^,;:.()]{3,60}?\s+(?:in|on)\s+\Z", re.I)


# the base of a comparison with the figure before it: "89,447 cases in 2025, up from 66,000 in 2024",
# "5,204 cases this year, compared to just 5,096 such cases in all of 2023"
_COMPARED = re.compile(r"[^.;:()]{0,100}?(?:,\s*|\s+)(?:(?:up|down)\s+from|compared\s+(?:to|with)|as\s+against|against|versus|vs\.?)"
                       r"\s+(?:the\s+)?\Z", re.I)


def _compared(t: str, q: dict, p: dict, prev: dict) -> bool:
    """Is ``q`` the base a comparison sets against the figure ``p`` before it (row ``prev``), so that
    it counts what that figure counts, unless it names a different noun of its own?"""
    if q["kind"] != prev["kind"] or prev["measure"] in ("other", "change") or not _COMPARED.fullmatch(t, p["e"], q["s"]):
        return False
    unit = q.get("unit")
    return unit is None or unit == prev["unit"] or re.match(r"\s+such\b", t[q["e"]:], re.I) is not None


def skipped(view) -> dict[str, int]:
    """How many number-bearing spans of ``view`` were left out as no quantity, by kind (numeric_date,
    clock_time, reading_time, footnote, age, page_counter, group_name, unit_name: number_words.toml
    [not_quantities]), so that what the numbers table leaves out is counted, not silently dropped."""
    skip = set(words()["sections"]["skip"])
    out: dict[str, int] = {}
    for sent in view.sentences:
        if sent.kind in skip:
            continue
        for _, _, kind in not_quantities(view.text[sent.start:sent.end]):
            out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items()))


def skipped_table(views) -> pd.DataFrame:
    """The numbers set aside as no quantity, summed over ``views`` by kind (columns kind, spans), so
    a summary of the numbers table can state what it leaves out."""
    import pandas as pd

    total: dict[str, int] = {}
    for v in views:
        for kind, n in skipped(v).items():
            total[kind] = total.get(kind, 0) + n
    return pd.DataFrame(sorted(total.items()), columns=["kind", "spans"])

def skipped_of_corpus(corpus) -> pd.DataFrame:
    """``skipped_table`` of every document of ``corpus`` (a loaded corpus or its folder)."""
    from analysis.corpus import docview
    from analysis.corpus import tables as corpus_tables

    c = corpus if hasattr(corpus, "sentences") else corpus_tables.load(corpus)
    return skipped_table(docview.from_corpus(c))


def skipped_words(table: pd.DataFrame) -> str:
    """One sentence for an answer that says what the numbers table left out, by kind ("5 numbers were
    skipped as not quantities: 3 reading times, 1 age."), or "" when nothing was skipped."""
    if table is None or table.empty or int(table["spans"].sum()) == 0:
        return ""
    labels = words()["not_quantity_labels"]
    parts = [f"{int(n)} {labels.get(k, [k.replace('_', ' ')] * 2)[int(n) != 1]}" for k, n in zip(table["kind"], table["spans"]) if n]
    total = int(table["spans"].sum())
    return f"{total} number{'s were' if total != 1 else ' was'} skipped as not quantities: {', '.join(parts)}."


# a tally on a day: "As of July 7, the list contained 27,423", "when the tally reached 250,240"
_TALLY_VERB = re.compile(r"\b(?:reached|stood\s+at|stands\s+at|totall?ed|amounted\s+to|contained|crossed|passed|exceeded|topped)"
                         r"(?:\s+(?:the|a|an))?\s*$", re.I)


def _snapshot(t: str, q: dict, period_text: str) -> bool:
    """Is the day that dates ``q`` the day of a running tally rather than of an event?"""
    at = t.find(period_text)
    return (at >= 0 and re.search(r"\bas\s+of\s*$", t[max(0, at - 8):at], re.I) is not None) or \
        _TALLY_VERB.search(t[max(0, q["s"] - 30):q["s"]]) is not None
