"""Extraction quality against the hand-annotated gold data in tests/gold/.

``score()`` runs the extractors on the seeds (as the corpus pipeline cleans them)
and on the test passages, matches each gold entry to the predicted row whose raw
span overlaps it most (one to one), and returns a table with one row per
extractor, field and set (seeds, passages): n (gold entries or matched pairs the
figure is computed over), precision, recall, f1 for detection, accuracy for fields.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from . import corpus as corpus_mod, docview, evidence
from .paths import ROOT, SEEDS
from .textmap import read_raw

GOLD = ROOT / "tests" / "gold"

FIELDS = {
    "quotes": ["kind", "speaker", "via"],
    "numbers": ["low", "high", "measure", "period", "hedge", "claimant", "via"],
    "timex": ["resolved"],
}


def _span(raw: str, text: str, occurrence: int) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = raw.find(text, pos + 1)
        if pos < 0:
            raise ValueError(f"gold text {text!r} (occurrence {occurrence}) not in the raw file")
    return pos, pos + len(text)


def gold_sets() -> list[tuple[str, str, str, dict, docview.DocView]]:
    """(set, doc_id, raw, gold, view) for every annotated document."""
    out = []
    c = corpus_mod.load(SEEDS)
    views = {v.doc_id: v for v in docview.from_corpus(c)}
    files = c.documents.set_index("doc_id")["file"]
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["doc_id"] in views:
            out.append(("seeds", gold["doc_id"], read_raw(SEEDS / files[gold["doc_id"]]), gold, views[gold["doc_id"]]))
    for path in sorted((GOLD / "passages").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        raw = read_raw(path.with_suffix(".txt"))
        view = docview.from_text(raw, doc_id=gold["doc_id"], published=dt.date.fromisoformat(gold["published"]))
        out.append(("passages", gold["doc_id"], raw, gold, view))
    return out


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.lower().split()) or None
    if isinstance(value, float) and value != value:
        return None
    return value


def _actor(value):
    """Gold writes actors missing from the codebook as 'other:<id>'; the id is what counts."""
    return value.removeprefix("other:") if isinstance(value, str) else value


def _field(name: str, g: dict, p: dict):
    """(gold value, predicted value) for one field, normalised for comparison."""
    if name == "via":
        pv = p.get("via") or ""
        pv = [x for x in pv.split(";") if x] if isinstance(pv, str) else list(pv)
        return tuple(_actor(v) for v in g.get("via") or []), tuple(pv)
    if name in ("speaker", "claimant"):
        return _actor(_norm(g.get(name))), _norm(p.get(name))
    if name == "period":
        gp = g.get("period") or {}
        return (gp.get("start"), gp.get("end")), (_norm(p.get("period_start")), _norm(p.get("period_end")))
    if name == "resolved":
        return (g["start"], g["end"]), (p.get("date_start"), p.get("date_end"))
    if name in ("low", "high"):
        gv, pv = g.get(name), p.get(name)
        return (None if gv is None else float(gv)), (None if _norm(pv) is None else float(pv))
    return _norm(g.get(name)), _norm(p.get(name))


def _match(gold_spans: list[tuple[int, int]], pred_spans: list[tuple[int, int]]) -> dict[int, int]:
    pairs = []
    for gi, (gs, ge) in enumerate(gold_spans):
        for pi, (ps, pe) in enumerate(pred_spans):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    used_g, used_p, match = set(), set(), {}
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            match[gi] = pi
            used_g.add(gi)
            used_p.add(pi)
    return match


def compare(docs=None) -> pd.DataFrame:
    """One row per (set, extractor, gold entry): the gold entry, its match and field verdicts."""
    rows = []
    for set_name, doc_id, raw, gold, view in docs or gold_sets():
        ev = evidence.extract(view)
        for table in FIELDS:
            gold_entries = gold.get(table, [])
            gspans = [_span(raw, g["text"], g.get("occurrence", 1)) for g in gold_entries]
            pspans = [(p["start"], p["end"]) for p in ev[table]]
            match = _match(gspans, pspans)
            for gi, g in enumerate(gold_entries):
                pi = match.get(gi)
                row = {"set": set_name, "extractor": table, "doc_id": doc_id, "text": g["text"],
                       "matched": pi is not None}
                if pi is not None:
                    p = ev[table][pi]
                    row["predicted_text"] = raw[p["start"]:p["end"]]
                    for f in FIELDS[table]:
                        if table == "quotes" and f in ("speaker", "via") and g.get("kind") != "quote":
                            continue
                        gv, pv = _field(f, g, p)
                        row[f] = gv == pv
                        row[f"{f}_gold"], row[f"{f}_pred"] = repr(gv), repr(pv)
                rows.append(row)
            for pi in set(range(len(pspans))) - set(match.values()):
                p = ev[table][pi]
                rows.append({"set": set_name, "extractor": table, "doc_id": doc_id, "text": None,
                             "matched": False, "predicted_text": raw[p["start"]:p["end"]], "spurious": True})
    return pd.DataFrame(rows)


def score(docs=None) -> pd.DataFrame:
    """Detection P/R/F1 and field accuracy per extractor and set (see module doc)."""
    cmp = compare(docs)
    if "spurious" not in cmp:
        cmp["spurious"] = False
    cmp["spurious"] = cmp["spurious"].fillna(False).astype(bool)
    out = []
    for (set_name, table), g in cmp.groupby(["set", "extractor"], sort=False):
        gold_n = int((~g["spurious"]).sum())
        tp = int(g["matched"].sum())
        fp = int(g["spurious"].sum())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / gold_n if gold_n else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out.append({"set": set_name, "extractor": table, "field": "found", "n": gold_n,
                    "precision": p, "recall": r, "f1": f1, "accuracy": None})
        for f in FIELDS[table]:
            if f not in g:
                continue
            judged = g[f].dropna()
            if table == "timex":
                # resolution counts over all gold expressions: a missed one is not resolved
                acc = float(judged.sum()) / gold_n if gold_n else 1.0
                n = gold_n
            else:
                acc = float(judged.mean()) if len(judged) else None
                n = len(judged)
            out.append({"set": set_name, "extractor": table, "field": f, "n": n,
                        "precision": None, "recall": None, "f1": None, "accuracy": acc})
    return pd.DataFrame(out)


def report(table: pd.DataFrame) -> str:
    lines = [f"{'set':9} {'extractor':9} {'field':10} {'n':>4} {'prec':>6} {'recall':>6} {'f1':>6} {'acc':>6}"]
    fmt = lambda v: f"{v:6.3f}" if v is not None and v == v else "     -"  # noqa: E731
    for r in table.itertuples(index=False):
        lines.append(f"{r.set:9} {r.extractor:9} {r.field:10} {r.n:4d} {fmt(r.precision)} {fmt(r.recall)} "
                     f"{fmt(r.f1)} {fmt(r.accuracy)}")
    return "\n".join(lines)
