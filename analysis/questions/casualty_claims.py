"""Whose casualty figures are these, and how far apart are they?

Every claim of military losses in the ``numbers`` evidence table (``evidence.numbers``),
with who claims it, about whom, what is counted, the period, the hedge and the
verification note. Nothing is typed here: which rows are losses comes from
``data/measures.csv`` (``counts_as``), how they are shown from
``data/casualty_rules.toml``, sides from the actors codebook.

Each claim gets a relation, derived from the claimant's side (``actors.side_of``)
and the side whose losses are counted (``subject_side``):

belligerent on the enemy          a belligerent counts the other belligerent's losses
belligerent on itself             a belligerent counts its own losses
belligerent, side not stated      a belligerent's claim whose counted side the text leaves open
third party                       media, other states, think tanks, international bodies
the article's own voice           the article states the figure itself

Roles: ``total`` (counts of killed or casualties), ``change`` (a stated rise or fall),
``ratio`` (losses of one side per loss of the other), ``anecdote`` (unit-level accounts,
kept apart from totals) and ``set aside`` (a casualty measure that does not count
people, with the reason).
"""
from __future__ import annotations

import re
import textwrap
from functools import lru_cache

import matplotlib.ticker as mticker
import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus import rulefiles
from analysis.corpus.rulefiles import load_toml
from analysis.extract import actors
from analysis.extract import numbers as numbers_mod
from analysis.extract import skipped as skipped_mod
from analysis.extract.numbers import words as number_words
from analysis.kit import figures as draw
from analysis.kit import wording
from analysis.kit.figures import PALETTE, headline, new_figure
from analysis.questions import protocol
from analysis.questions.protocol import Figure, Param, Table, columns

RELATIONS = ("belligerent on the enemy", "belligerent on itself", "belligerent, side not stated",
             "third party", "the article's own voice")
NOT_STATED = "not stated"
CLAIM_COLUMNS = ["role", "relation", "doc_id", "outlet", "published", "date_basis", "text", "measure",
                 "kind", "low", "high", "of", "unit", "hedge", "period", "period_start", "period_end",
                 "claimant", "claimant_id", "claimant_side", "subject_side", "verification", "change",
                 "heavier_side", "lighter_side", "reason", "file", "sent_id", "start", "end", "sentence_start",
                 "sentence_end", "sentence", "copy_group", "copies", "copy_spans"]
EVIDENCE_COLUMNS = ["role", "relation", "doc_id", "outlet", "published", "date_basis", "sentence", "start",
                    "end", "text", "claimant", "claimant_side", "subject_side", "measure", "low", "high", "of",
                    "hedge", "period", "period_start", "period_end", "verification", "change", "heavier_side",
                    "lighter_side", "reason", "copies", "copy_spans"]
DISTINCT_COLUMNS = ["role", "relation", "claimant", "claimant_side", "subject_side", "measure", "kind",
                    "text", "low", "high", "of", "hedge", "bound", "value", "period", "verification",
                    "change", "heavier_side", "lighter_side", "sources", "doc_ids", "spans", "copies"]

NAME = "04_casualty_claims"
PARAMS = (
    Param("about", "all", lambda n, v: protocol.check_choice(n, v, about_choices()),
          'whose losses: "all" or one belligerent ("Ukraine", "Russia")'),
)
# Every column of the tables below: its type and meaning (the tables share them).
_MEANING = {
    "role": ("str", "total, change (a stated rise or fall), ratio, anecdote (a unit-level account) or set aside"),
    "relation": ("str", "the claimant's relation to the side counted: belligerent on the enemy, belligerent on "
                        "itself, belligerent, side not stated, third party, the article's own voice"),
    "doc_id": ("str", "the document"), "outlet": ("str", "its outlet"), "published": ("date", "its publication date"),
    "date_basis": ("str", "how the date is known: byline, or inferred from the text"),
    "text": ("str", "the number as written"), "measure": ("str", "measure id (analysis/data/measures.csv)"),
    "kind": ("str", "what the number is: count, range, ratio, vague words, ..."),
    "low": ("float", "lower bound (empty: none stated)"), "high": ("float", "upper bound (empty: none stated)"),
    "of": ("float", "the whole a part is counted of ('eight out of 25': 25)"),
    "unit": ("str", "the unit the text counts in (soldiers, interviews, ...; empty: none stated)"),
    "hedge": ("str", "the hedge the text puts on the number ('more than', 'about', ...)"),
    "period": ("str", "the period counted, in words ('period not stated' when the text gives none)"),
    "period_start": ("date", "first day of that period"), "period_end": ("date", "last day of that period"),
    "claimant": ("str", "who claims it, the chain that relays it in words ('Sergei Shoigu, via Interfax')"),
    "claimant_id": ("str", "the claimant's actor id (actors codebook; 'author' for the article's own voice)"),
    "claimant_side": ("str", "the claimant's side in the actors codebook (empty: none)"),
    "subject_side": ("str", "whose losses are counted ('not stated' when the text leaves it open)"),
    "verification": ("str", "what the article says about verifying it (empty: nothing)"),
    "change": ("str", "for a total: the rise or fall its sentence states ('rose by 40 percent')"),
    "heavier_side": ("str", "for a ratio: the side with more losses"),
    "lighter_side": ("str", "for a ratio: the side with fewer losses"),
    "reason": ("str", "why a claim is set aside"),
    "file": ("str", "the raw file"), "sent_id": ("str", "the sentence id, 'doc:nnnn'"),
    "start": ("int", "raw-file character offset where the number starts"),
    "end": ("int", "raw-file character offset where it ends"),
    "sentence_start": ("int", "raw-file offset where its sentence starts"),
    "sentence_end": ("int", "raw-file offset where its sentence ends"),
    "sentence": ("str", "the sentence carrying it"),
    "copy_group": ("str", "the story the document belongs to (copies of one story share it)"),
    "copies": ("str", "other copies of the story carrying the claim, '; '-separated"),
    "copy_spans": ("str", "its spans in those copies, 'doc:start-end; ...'"),
    "bound": ("str", "how the value is drawn: exact, at least, at most, range or vague"),
    "value": ("float", "the number drawn: the lower bound, else the upper"),
    "sources": ("int", "rows behind the claim (copies of one story once)"),
    "doc_ids": ("str", "the documents carrying it, '; '-separated"),
    "spans": ("str", "their citation ids, 'doc:start-end; ...'"),
}
_DISTINCT = {"text": ("str", "the wordings as written, '; '-separated"),
             "hedge": ("str", "their hedges, '; '-separated"),
             "verification": ("str", "their verification notes, '; '-separated (empty: none)"),
             "change": ("str", "the changes stated with them, '; '-separated")}


def _spec(names, override=None) -> tuple:
    return columns(*((c, *{**_MEANING, **(override or {})}[c]) for c in names))


TABLES = (
    Table("claims", "Every loss-related row of the numbers evidence, one row each (a story's copies once), "
          "with every field the tables below are made from; sorted by role, relation, side counted, document.",
          _spec(CLAIM_COLUMNS)),
    Table("distinct_totals", "Totals of losses, one row per distinct claim (the same claimant, side counted, "
          "measure, bounds and period once).", _spec(DISTINCT_COLUMNS, _DISTINCT),
          show=("relation", "claimant", "subject_side", "measure", "text", "low", "high", "period", "verification",
                "change", "copies")),
    Table("distinct_ratios", "Loss ratios, one row per distinct claim.", _spec(DISTINCT_COLUMNS, _DISTINCT),
          show=("relation", "claimant", "text", "heavier_side", "lighter_side", "value", "bound", "verification",
                "copies")),
    Table("loss_totals", "The claims behind the totals figure: totals and stated changes, one row each.",
          _spec(EVIDENCE_COLUMNS)),
    Table("loss_ratios", "The claims behind the ratios figure: ratios and unit-level accounts, one row each.",
          _spec(EVIDENCE_COLUMNS)),
    Table("skipped_numbers", "Numbers the numbers table set aside as not quantities (dates, times of day, "
          "reading times, ages, unit names ...), counted by kind, never silently dropped.", columns(
              ("kind", "str", "the kind of non-quantity (number_words.toml [not_quantities])"),
              ("spans", "int", "how many were skipped in the corpus"))),
    Table("evidence", "Every claim of losses, its sentence, claimant and verification note, one row each.",
          _spec(EVIDENCE_COLUMNS)),
)


def tables(evidence, corpus, about: str = "all") -> dict[str, pd.DataFrame]:
    from analysis.evidence import with_context

    c = claims(with_context(evidence.numbers, corpus), about)
    return {"claims": c, "distinct_totals": distinct(c, "total"), "distinct_ratios": distinct(c, "ratio"),
            "loss_totals": evidence_rows(c, ["total", "change"]), "loss_ratios": evidence_rows(c, ["ratio", "anecdote"]),
            "evidence": evidence_rows(c), "skipped_numbers": skipped_mod.counts(evidence.skipped)}


def _doc_ids(*tables: pd.DataFrame) -> set:
    return {d for t in tables for ds in t["doc_ids"] for d in str(ds).split("; ")}


def figures(tables, about: str = "all") -> list[Figure]:
    totals, ratios = tables["distinct_totals"], tables["distinct_ratios"]
    accounts = distinct(tables["claims"], "anecdote")
    out = [Figure("loss_totals", None, empty="No evidence for this question in the corpus: no total of losses to draw.")
           if totals.empty else
           Figure("loss_totals", totals_figure(totals), _doc_ids(totals),
                  "Each point is a claim as stated in the text, not an estimate of the true toll.")]
    out.append(Figure("loss_ratios", None, empty="No evidence for this question in the corpus: no loss ratio or "
                                                 "unit-level account to draw.")
               if ratios.empty and accounts.empty else
               Figure("loss_ratios", ratios_figure(ratios, accounts), _doc_ids(ratios, accounts),
                      "Ratios as claimed; unit-level accounts are drawn on their own axis."))
    return out


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables, about: str = "all") -> str:
    skipped = numbers_mod.skipped_words(tables.get("skipped_numbers"))
    return answer_words(tables["claims"], about) + (f"\n\n{skipped}" if skipped else "")


# ---------------------------------------------------------------- rules

@lru_cache(maxsize=1)
def rules() -> dict:
    """``data/casualty_rules.toml``."""
    return load_toml("casualty_rules.toml")


def sides() -> list[str]:
    """The belligerents (sides.csv ``belligerent``), in file order."""
    return rulefiles.belligerents()


def about_choices() -> list[str]:
    """Values of the notebook parameter ``about``: "all" or one belligerent."""
    return ["all", *sides()]


def adjective(side) -> str:
    """'Ukrainian' for Ukraine (sides.csv); 'side not stated' for a missing side."""
    if not isinstance(side, str) or not side or side == NOT_STATED:
        return "side not stated"
    return next((s["adjective"] for s in rulefiles.sides() if s["side"] == side and s["adjective"]), side)


def enemy(side) -> str | None:
    """The other belligerent, when there are exactly two and ``side`` is one of them."""
    others = [s for s in sides() if s != side]
    return others[0] if side in sides() and len(others) == 1 else None


@lru_cache(maxsize=1)
def _measure_labels() -> dict:
    return {**rulefiles.measure_column("label"), **rules().get("labels", {})}


def measure_label(measure: str) -> str:
    return _measure_labels().get(measure, str(measure).replace("_", " "))


# ---------------------------------------------------------------- one claim

def relation(claimant, claimant_side, subject_side) -> str:
    """The claimant's relation to the side whose losses are counted (see the module doc)."""
    if claimant == "author":
        return "the article's own voice"
    if claimant_side in sides():
        if subject_side not in sides():
            return "belligerent, side not stated"
        return "belligerent on itself" if subject_side == claimant_side else "belligerent on the enemy"
    return "third party"


def _date(value) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) or value == "" else pd.Timestamp(value)


def _claimant(claimant_id, via, outlet, name=None) -> str:
    """The claimant chain in words; the article's own voice names its outlet; a source the
    codebook lacks is named as the text names it."""
    chain = actors.chain_names(claimant_id, via, name) or "unattributed"
    return chain.replace("the article", f"the article ({outlet})", 1) if claimant_id == "author" else chain


def _change_wording(row) -> str:
    """The change as written, from its verb to the end of the number: 'rose by 40 percent'."""
    sentence = str(row["sentence"])
    s0 = int(row["sentence_start"])
    before = sentence[:max(0, int(row["start"]) - s0)]
    verbs = "|".join(re.escape(v) for v in sorted(number_words()["change"]["verbs"], key=len, reverse=True))
    hits = list(re.finditer(rf"(?<![\w-])(?:{verbs})(?![\w-])", before, re.I))
    if hits and len(before) - hits[-1].start() <= 30:
        return " ".join((before[hits[-1].start():] + str(row["text"])).split())
    return f"changed by {row['text']}"


def _ratio_sides(row) -> tuple[str, str]:
    """(side with more losses, side with fewer) of a ratio claim, or 'not stated' for both.

    The counted side (subject_side) is the one with more losses ("five Russian soldiers
    killed for every Ukrainian"); with no counted side, a cue of the rules file such as
    "on our side" makes the claimant's side the "one" and its enemy the larger number."""
    if row["subject_side"] in sides() and enemy(row["subject_side"]):
        return row["subject_side"], enemy(row["subject_side"])
    sentence = str(row["sentence"]).lower()
    own = row["claimant_side"]
    if own in sides() and enemy(own) and any(c.lower() in sentence for c in rules()["ratios"]["own_side_cues"]):
        return enemy(own), own
    return NOT_STATED, NOT_STATED


def _role(row) -> tuple[str | None, str]:
    """(role, reason) of a numbers row, or (None, '') when it is not about losses."""
    r = rules()["roles"]
    if row["measure"] in r["anecdote_measures"]:
        return "anecdote", ""
    if row["counts_as"] != "casualty":
        return None, ""
    if row["measure"] in r["change_measures"]:
        return "change", ""
    if row["kind"] in r["ratio_kinds"]:
        return "ratio", ""
    if row["kind"] in r["total_kinds"]:
        unit = row["unit"]
        if isinstance(unit, str) and unit and unit not in rules()["totals"]["people_units"]:
            return "set aside", f"counts {unit}, not people"
        return "total", ""
    return "set aside", f"a {row['kind']} of {measure_label(row['measure'])}, neither a count nor a ratio"


# ---------------------------------------------------------------- tables

def claims(numbers: pd.DataFrame, about: str = "all") -> pd.DataFrame:
    """Every loss-related row of the numbers table, one row each.

    Columns (``CLAIM_COLUMNS``): role (total, change, ratio, anecdote, set aside),
    relation (see the module doc), doc_id, outlet, published, date_basis, text (as
    written), measure, kind, low, high, of (denominator: "eight out of 25"), unit,
    hedge, period (in words), period_start, period_end (ISO), claimant (chain in
    words: "Sergei Shoigu, via Interfax"), claimant_id, claimant_side (codebook side,
    "" for the article's own voice), subject_side (whose losses; "not stated"),
    verification (the note in the text, "" if none), change (for a total: the rise or
    fall stated in its sentence, "rose by 40 percent"), heavier_side / lighter_side
    (ratios: the side with more / fewer losses), reason (why set aside), file, sent_id,
    start, end (raw span), sentence_start, sentence_end, sentence, copy_group, copies,
    copy_spans (the same claim in other copies of one story is this one row: ``copies.merge``).

    ``about`` keeps the claims about one side's losses; ratios compare both sides and
    are kept for every value. Sorted by role, relation, subject side, document, span.
    """
    if numbers.empty or "measure" not in numbers:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    rows = numbers.copy()
    roles = [_role(r) for r in rows.to_dict("records")]
    rows["role"], rows["reason"] = [r for r, _ in roles], [why for _, why in roles]
    rows = rows[rows["role"].notna()].copy()
    if rows.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    rows["claimant_id"] = rows["claimant"].fillna("")
    rows = copies_mod.merge(rows, ("role", "claimant_id", "subject_side", *copies_mod.NUMBER_KEY))
    names = rows["claimant_text"] if "claimant_text" in rows else pd.Series("", index=rows.index)
    rows["claimant"] = [_claimant(c, v, o, n) for c, v, o, n in
                        zip(rows["claimant_id"], rows["via"], rows["outlet"], names)]
    rows["claimant_side"] = [actors.side_of(c) or "" for c in rows["claimant_id"]]
    rows["subject_side"] = rows["subject_side"].where(rows["subject_side"].isin(sides()), NOT_STATED)
    rows["verification"] = rows["verification"].fillna("")
    rows["period"] = [wording.period(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    rows["change"] = ""
    changes = rows[rows["role"] == "change"]
    for i in rows.index[rows["role"] == "total"]:
        same = changes[changes["sent_id"] == rows.at[i, "sent_id"]]
        rows.at[i, "change"] = "; ".join(_change_wording(c) for c in same.to_dict("records"))
    ratio_sides = [_ratio_sides(r) if r["role"] == "ratio" else ("", "") for r in rows.to_dict("records")]
    rows["heavier_side"], rows["lighter_side"] = [h for h, _ in ratio_sides], [lt for _, lt in ratio_sides]
    # a ratio is about the side it says lost more
    counted = rows["subject_side"].where(rows["role"] != "ratio", rows["heavier_side"])
    rows["relation"] = [relation(c, cs, ss) for c, cs, ss in zip(rows["claimant_id"], rows["claimant_side"], counted)]
    if about != "all":
        rows = rows[(rows["subject_side"] == about) | (rows["role"] == "ratio")]
    rows["_role"] = rows["role"].map({r: i for i, r in enumerate(("total", "change", "ratio", "anecdote", "set aside"))})
    rows["_rel"] = rows["relation"].map({r: i for i, r in enumerate(RELATIONS)})
    rows = rows.sort_values(["_role", "_rel", "subject_side", "doc_id", "start", "end"], kind="stable")
    return rows.reindex(columns=CLAIM_COLUMNS).reset_index(drop=True)


def evidence_rows(c: pd.DataFrame, roles=None) -> pd.DataFrame:
    """The claims of ``roles`` (all when None) with the columns of ``EVIDENCE_COLUMNS``:
    role, relation, doc_id, outlet, published, date_basis, sentence, start, end (raw
    span), text, claimant (chain), claimant_side, subject_side, measure, low, high, of,
    hedge, period, period_start, period_end, verification, change, heavier_side,
    lighter_side, reason, copies, copy_spans."""
    rows = c if roles is None else c[c["role"].isin(roles)]
    return rows.reindex(columns=EVIDENCE_COLUMNS).reset_index(drop=True)


def bound(low, high, kind) -> str:
    """How the value is drawn: exact, at least (low only), at most (high only), range, vague."""
    if kind == "vague":
        return "vague"
    if pd.notna(low) and pd.notna(high):
        return "exact" if low == high else "range"
    return "at least" if pd.notna(low) else "at most"


def distinct(c: pd.DataFrame, role: str) -> pd.DataFrame:
    """The claims of one role, a claim repeated (same claimant, counted side, measure,
    bounds, period) counted once. Columns (``DISTINCT_COLUMNS``): role, relation,
    claimant, claimant_side, subject_side, measure, kind, text (wordings as written,
    "; "-joined), low, high, of, hedge, bound (see ``bound``), value (the number drawn:
    low, else high), period, verification and change ("; "-joined, "" if none),
    heavier_side, lighter_side, sources (rows; copies of one story count once), doc_ids,
    spans ("doc:start-end; ..."), copies (the other copies that carry it).
    Sorted by relation, subject side, value (largest first)."""
    rows = c[c["role"] == role]
    if rows.empty:
        return pd.DataFrame(columns=DISTINCT_COLUMNS)
    keys = ["relation", "claimant", "claimant_side", "subject_side", "measure", "kind", "low", "high", "of",
            "period", "heavier_side", "lighter_side"]
    out = []
    for key, g in rows.fillna({"low": -1.0, "high": -1.0, "of": -1.0}).groupby(keys, sort=False, dropna=False):
        d = dict(zip(keys, key))
        for col in ("low", "high", "of"):
            d[col] = None if d[col] == -1.0 else d[col]
        d.update(role=role, text="; ".join(dict.fromkeys(g["text"])),
                 hedge="; ".join(dict.fromkeys(g["hedge"].dropna())),
                 bound=bound(d["low"], d["high"], d["kind"]),
                 value=d["low"] if d["low"] is not None else d["high"],
                 verification="; ".join(dict.fromkeys(v for v in g["verification"] if v)),
                 change="; ".join(dict.fromkeys(v for v in g["change"] if v)),
                 sources=len(g), doc_ids="; ".join(dict.fromkeys(g["doc_id"])),
                 spans="; ".join(f"{d_}:{s}-{e}" for d_, s, e in zip(g["doc_id"], g["start"], g["end"])),
                 copies=copies_mod.joined(g["copies"]) if "copies" in g else "")
        out.append(d)
    frame = pd.DataFrame(out, columns=DISTINCT_COLUMNS)
    frame["_rel"] = frame["relation"].map({r: i for i, r in enumerate(RELATIONS)})
    frame["_side"] = frame["subject_side"].map({s: i for i, s in enumerate(sides())}).fillna(len(sides()))
    frame = frame.sort_values(["_rel", "_side", "value", "spans"], ascending=[True, True, False, True], kind="stable")
    return frame.drop(columns=["_rel", "_side"]).reset_index(drop=True)


# ---------------------------------------------------------------- words

def fmt(value) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def claim_words(r) -> str:
    """'more than 100,000 Ukrainian killed (period not stated)'."""
    return (f"{r['text'].split('; ')[0]} {adjective(r['subject_side']) if r['subject_side'] != NOT_STATED else ''}"
            f" {measure_label(r['measure'])} ({r['period']})").replace("  ", " ")


def ratio_words(r) -> str:
    """'at least 5 Russian per Ukrainian' (or 'one to seven, sides not stated')."""
    prefix = {"at least": "at least ", "at most": "at most "}.get(r["bound"], "")
    if r["heavier_side"] == NOT_STATED:
        return f"“{r['text']}” (sides not stated)"
    return f"{prefix}{fmt(r['value'])} {adjective(r['heavier_side'])} per {adjective(r['lighter_side'])}"


def _note(x) -> str:
    """The verification note in quotes, or 'no verification note'."""
    return f"“{x['verification']}”" if x["verification"] else "no verification note"


def _whole(x) -> str:
    """' of 27' for an account of part of a unit, unless the wording already says it."""
    if x["of"] is None or pd.isna(x["of"]) or fmt(x["of"]) in str(x["text"]):
        return ""
    return f" of {fmt(x['of'])}"


def _stated(t: pd.DataFrame) -> pd.DataFrame:
    """Totals stated as numbers (not vague words) with a positive value: fold comparisons
    and the log axis need one (a claim of zero stays in the tables and the answer)."""
    return t[(t["bound"] != "vague") & t["value"].notna() & (t["value"] > 0)]


def like_for_like(hi, lo) -> bool:
    """Two totals may be compared as a gap only when they count the same side, the
    same thing and the same period (the answer and the figure's title share this test)."""
    return (hi["subject_side"] == lo["subject_side"] and hi["measure"] == lo["measure"]
            and hi["period"] == lo["period"])


def widest_like_gap(s: pd.DataFrame):
    """(highest, lowest) of the like-for-like group of stated totals that lies furthest
    apart, or None when no two stated totals count the same thing. Totals whose period
    or side is not stated are never like anything: nothing says they count the same."""
    best = None
    for (side, _, period), g in s.groupby(["subject_side", "measure", "period"], sort=False, dropna=False):
        if len(g) < 2 or period == wording.period(None, None) or side == NOT_STATED or pd.isna(side):
            continue
        hi, lo = g.loc[g["value"].idxmax()], g.loc[g["value"].idxmin()]
        if hi["value"] > lo["value"] and (best is None or hi["value"] / lo["value"] > best[0]["value"] / best[1]["value"]):
            best = (hi, lo)
    return best


def totals_title(t: pd.DataFrame) -> str:
    """The finding of the totals figure: how many claims, and how far apart like-for-like
    stated totals are; totals of different sides, things or periods are not compared."""
    n, k = len(t), t["claimant"].nunique()
    head = f"{n} loss claim{'s' * (n != 1)} by {k} claimant{'s' * (k != 1)}"
    s = _stated(t)
    if s.empty:
        return head + ", all in vague words"
    if len(s) == 1:
        hi = s.iloc[0]
        return f"{head}; one stated total: {claim_words(hi)}, {hi['claimant']}"
    gap = widest_like_gap(s)
    if gap is None:
        return (f"{head}: the stated totals count different sides, things or periods, "
                f"so none is set against another")
    hi, lo = gap
    return (f"{head}: two counts of the same thing lie {hi['value'] / lo['value']:,.0f}-fold apart, from "
            f"{lo['text'].split('; ')[0]} ({lo['claimant']}) to {hi['text'].split('; ')[0]} ({hi['claimant']}), "
            f"{adjective(hi['subject_side'])} {measure_label(hi['measure'])}, {hi['period']}").replace("side not stated ", "")


def ratios_title(r: pd.DataFrame, a: pd.DataFrame) -> str:
    """The finding of the ratios figure: which ratios are claimed by whom."""
    if r.empty:
        head = "No loss ratio claimed"
    else:
        head = "Loss ratios claimed: " + "; ".join(f"{ratio_words(x)} ({x['claimant']})" for x in r.to_dict("records"))
    if len(a):
        head += f"; {len(a)} unit-level account{'s' * (len(a) != 1)} kept apart"
    return head


def answer_words(c: pd.DataFrame, about: str = "all") -> str:
    """The finding in words, from the claims table."""
    whose = "" if about == "all" else f" about {adjective(about)} losses"
    t, r, a = distinct(c, "total"), distinct(c, "ratio"), distinct(c, "anecdote")
    if t.empty and r.empty and a.empty:
        return f"No evidence for this question in the corpus: no numeric claim of military losses{whose}."
    used = c[c["role"].isin(["total", "ratio", "anecdote"])]
    parts = [f"{len(t) + len(r)} distinct loss claim{'s' * (len(t) + len(r) != 1)}{whose} "
             f"({len(t)} total{'s' * (len(t) != 1)}, {len(r)} ratio{'s' * (len(r) != 1)}) in "
             f"{used['doc_id'].nunique()} document{'s' * (used['doc_id'].nunique() != 1)}."]
    for side in [*sides(), NOT_STATED]:
        g = t[t["subject_side"] == side]
        if g.empty:
            continue
        who = f"{adjective(side)} losses" if side != NOT_STATED else "Losses of a side the text does not state"
        items = []
        for x in g.sort_values("value", ascending=False, kind="stable").to_dict("records"):
            item = f"{x['text'].split('; ')[0]} {measure_label(x['measure'])}"
            if x["change"]:
                item += f", “{x['change']}”"
            item += f" ({x['period']}; {x['claimant']}, {x['relation']}; {_note(x)})"
            items.append(item)
        text = f"{who[0].upper()}{who[1:]}: " + "; ".join(items) + "."
        s = _stated(g)
        if len(s) >= 2:
            hi, lo = s.loc[s["value"].idxmax()], s.loc[s["value"].idxmin()]
            alike = like_for_like(hi, lo)
            text += (f" The stated figures lie {hi['value'] / lo['value']:,.0f}-fold apart, counting the same "
                     f"thing over the same period." if alike else
                     f" They count different things or periods ({measure_label(hi['measure'])}, {hi['period']} vs "
                     f"{measure_label(lo['measure'])}, {lo['period']}), so they are not set against each other.")
        parts.append(text)
    own = t[t["relation"] == "belligerent on itself"]
    if len(t) and own.empty:
        parts.append("No belligerent states a number for its own losses here.")
    if len(r):
        parts.append("Loss ratios: " + "; ".join(
            f"{ratio_words(x)} ({x['claimant']}, {x['relation']}; {_note(x)})" for x in r.to_dict("records")) + ".")
    if len(a):
        parts.append("Kept apart from the totals, unit-level accounts: " + "; ".join(
            f"{x['text']}{_whole(x)}"
            + f" {measure_label(x['measure'])} ({x['claimant']})" for x in a.to_dict("records")) + ".")
    aside = c[c["role"] == "set aside"]
    if len(aside):
        parts.append("Set aside: " + "; ".join(f"“{x['text']}” ({x['reason']})" for x in aside.to_dict("records")) + ".")
    merged = copies_mod.merged_words(c)
    if merged:
        parts.append(merged)
    return " ".join(parts)


# ---------------------------------------------------------------- figures

def side_colour(side) -> str:
    """The side's colour in sides.csv; grey for a side not stated (or not a belligerent)."""
    return next((s["colour"] for s in rulefiles.sides() if s["side"] == side), PALETTE[7]) if side in sides() else PALETTE[7]


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def totals_figure(t: pd.DataFrame):
    """Totals on a log scale, one slot per distinct claim, grouped by relation and coloured
    by the side counted. Dots are stated numbers; a bound is a short bar with an arrow
    (up: "more than", down: "as many as"); a vertical bar is a range; vague words are
    written in their slot, not drawn at a value."""
    full = t
    fits = int((draw.MAX_WIDTH - 2.5) / 1.25)
    if len(t) > fits:   # the stated numbers with most mentions, in the table's order
        rank = t.assign(_n=(t["bound"] != "vague").astype(int) * 1000 + t["sources"])
        t = t.loc[sorted(rank.sort_values("_n", ascending=False, kind="stable").index[:fits])].reset_index(drop=True)
    hidden = len(full) - len(t)
    width = max(9.0, 1.25 * len(t) + 2.5)
    fig, ax = new_figure(width=width, height=6.8)
    vals = t["value"].astype(float)
    vals = vals[vals > 0]          # a claim of zero cannot sit on a log axis; it stays in the CSV
    lo, hi = (vals.min(), vals.max()) if len(vals) else (1.0, 10.0)
    ax.set_yscale("log")
    ax.set_ylim(lo / 12, hi * 30)
    groups = list(dict.fromkeys(t["relation"]))
    for gi, rel in enumerate(groups):
        idx = [i for i, r in enumerate(t["relation"]) if r == rel]
        if gi % 2 == 0:
            ax.axvspan(min(idx) - 0.5, max(idx) + 0.5, color="#f3f3f3", zorder=0)
        ax.text((min(idx) + max(idx)) / 2, hi * 22, _wrap(rel, 20), ha="center", va="top", fontsize=8.5,
                fontweight="bold", color="#333333")
    for i, r in enumerate(t.to_dict("records")):
        colour, v = side_colour(r["subject_side"]), float(r["value"])
        label = f"{r['text'].split('; ')[0]}\n{_wrap(measure_label(r['measure']), 18)}\n{r['period']}"
        if r["bound"] == "vague":      # words, not a number: written in its slot, never drawn at a value
            ax.text(i, lo / 6, "\n".join(textwrap.wrap(f"“{r['text'].split('; ')[0]}”", 16))
                    + "\n(vague words,\nnot drawn)", ha="center", va="bottom", fontsize=7, color=colour,
                    fontstyle="italic")
            continue
        if r["bound"] == "range":
            ax.plot([i, i], [r["low"], r["high"]], color=colour, linewidth=2.5, solid_capstyle="butt")
        up = r["bound"] == "at least"
        if r["bound"] in ("at least", "at most"):
            # a bound is a bar with an arrow (up: more than; down: as many as), not a dot
            ax.plot([i - 0.22, i + 0.22], [v, v], color=colour, linewidth=2.5, solid_capstyle="butt", zorder=3)
            ax.annotate("", xy=(i, v * (3.0 if up else 1 / 3.0)), xytext=(i, v),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.6})
        else:
            ax.plot([i], [v], marker="o", markersize=9, color=colour, markeredgewidth=2, zorder=3, linestyle="none")
        if r["change"]:
            label += f"\n({_wrap(r['change'], 18)})"
        label += "\n" + (_wrap(f"“{r['verification']}”", 18) if r["verification"] else "no verification note")
        if r["sources"] > 1:
            label += f"\n({r['sources']} mentions)"
        below = up
        ax.annotate(label, (i, v), xytext=(0, -12 if below else 12), textcoords="offset points", ha="center",
                    va="top" if below else "bottom", fontsize=7, color="#222222")
    ax.set_xticks(range(len(t)), [_wrap(c, 16) for c in t["claimant"]], fontsize=7.5)
    ax.set_xlim(-0.6, len(t) - 0.4)
    ax.set_ylabel("losses claimed (people, log scale)")
    ax.set_xlabel("who claims it (claimant, via whom), grouped by relation to the side counted"
                  + (f"\n+{hidden} more claims not drawn (all in loss_totals.csv)" if hidden else ""))
    ax.yaxis.set_major_formatter(mticker.FuncFormatter(lambda y, _: f"{y:,.0f}" if y >= 1 else f"{y:g}"))
    ax.grid(axis="x", visible=False)
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker="o", color=side_colour(s), linestyle="none",
                      label=f"{adjective(s)} losses" if s in sides() else "losses of a side not stated")
               for s in [*sides(), NOT_STATED] if s in set(t["subject_side"])]
    handles += [Line2D([], [], marker="o", color="#555555", linestyle="none", label="a stated number"),
                Line2D([], [], marker=r"$\uparrow$", color="#555555", linestyle="none",
                       label="a bound: more than (↑) / as many as (↓)")]
    # above the axes: below them it collides with the wrapped claimant ticks and a two-line label
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=7.5, frameon=False)
    headline(fig, totals_title(full), fontsize=11.5)
    return fig


def ratios_figure(r: pd.DataFrame, a: pd.DataFrame):
    """Loss ratios as horizontal bars (hatched with an arrow when only a lower bound is
    claimed) and, in a separate panel, unit-level accounts as part of their unit."""
    fig, (ax, ax2) = new_figure(width=11, height=max(4.2, 1.1 * max(len(r), len(a), 1) + 2.6), ncols=2,
                                gridspec_kw={"width_ratios": [1.5, 1]})
    top = max([1.0, *r["value"].astype(float)]) if len(r) else 1.0
    for i, x in enumerate(r.to_dict("records")):
        v = float(x["value"])
        open_ = x["bound"] in ("at least", "vague")
        ax.barh(i, v, **(draw.hatched(side_colour(x["heavier_side"])) if open_ else
                         {"color": side_colour(x["heavier_side"])}))
        if open_:
            ax.annotate("", xy=(v + top * 0.18, i), xytext=(v, i),
                        arrowprops={"arrowstyle": "-|>", "color": side_colour(x["heavier_side"]), "linewidth": 1.6})
        note = f"“{x['verification']}”" if x["verification"] else "no verification note"
        quote = _wrap(f"“{x['text']}”", 34)
        ax.annotate(f"{ratio_words(x)}\n{quote}\n{_wrap(note, 34)}", (v + (top * 0.2 if open_ else 0), i),
                    xytext=(5, 0), textcoords="offset points", va="center", fontsize=7.5)
    ax.set_yticks(range(len(r)), [_wrap(f"{x['claimant']} ({x['relation']})", 22) for x in r.to_dict("records")],
                  fontsize=7.5)
    ax.set_xlim(0, top * 2.3)
    ax.set_ylim(-0.7, max(len(r), 1) - 0.3)
    ax.invert_yaxis()
    ax.set_xlabel("losses of the harder-hit side per one loss of the other (claimed ratio)")
    ax.set_title("Loss ratios as claimed\n(hatched with arrow: a lower bound only)", fontsize=10)
    if r.empty:
        ax.text(0.5, 0.5, "no loss ratio claimed", transform=ax.transAxes, ha="center", color="#555555")
    ax.grid(axis="y", visible=False)
    for i, x in enumerate(a.to_dict("records")):
        v = float(x["value"])
        if x["of"] is not None:
            ax2.barh(i, x["of"], color="#e4e4e4", edgecolor="#999999")
        vague = x["bound"] in ("vague", "at least")
        ax2.barh(i, v, **(draw.hatched(PALETTE[2]) if vague else {"color": PALETTE[2]}))
        ax2.annotate(_wrap(f"“{x['text']}”{_whole(x)}: {measure_label(x['measure'])}", 26), (max(v, x["of"] or 0), i), xytext=(4, 0),
                     textcoords="offset points", va="center", fontsize=7.5)
    ax2.set_yticks(range(len(a)), [_wrap(x["claimant"], 20) for x in a.to_dict("records")], fontsize=7.5)
    width2 = max([1.0, *[max(float(x["value"]), x["of"] or 0) for x in a.to_dict("records")]])
    ax2.set_xlim(0, width2 * 2.4)
    ax2.set_ylim(-0.7, max(len(a), 1) - 0.3)
    ax2.invert_yaxis()
    ax2.set_xlabel("soldiers (count; grey: the whole unit)")
    ax2.set_title("Unit-level accounts\n(kept apart from totals; hatched: vague)", fontsize=10)
    if a.empty:
        ax2.text(0.5, 0.5, "no unit-level account", transform=ax2.transAxes, ha="center", color="#555555")
    ax2.grid(axis="y", visible=False)
    headline(fig, ratios_title(r, a), fontsize=11.5)
    return fig


def documents_used(documents: pd.DataFrame, *tables: pd.DataFrame) -> pd.DataFrame:
    """The documents behind distinct-claim tables (their ``doc_ids``)."""
    ids = {d for t in tables for ds in t["doc_ids"] for d in str(ds).split("; ")}
    return documents[documents["doc_id"].isin(ids)]
