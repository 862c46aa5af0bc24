"""Extraction quality against the hand-annotated gold data in tests/gold/.

``score()`` runs the extractors on every annotated document, matches each gold entry to the
predicted row whose raw span overlaps it most (one to one), and returns a table with one row
per set, extractor and field: n (gold entries, or matched pairs a field is judged over),
precision, recall, f1 for detection (field ``found``), accuracy for fields.

The sets (``analysis.gold``): ``seeds`` (tests/gold/NNN.json on seeds/), ``passages`` (the
12 in-house passages), and the development corpus tests/gold/corpus/ split into ``dev``
(rules are written from it) and ``test`` (never read while writing rules: the package's
measured quality on unseen text).

How a field is judged:

* speaker / claimant: right when it is the same actor id, or, where the gold source is not in
  the codebook (``other:<name>``), when the predicted source names it: every word of the gold
  short name is in the predicted name (case, apostrophes and a final plural s ignored);
* period: right when both are empty, or the predicted range overlaps the gold one by at least
  half of their union (in days);
* via: the relay chain, nearest first, as actor ids;
* timex ``resolved`` counts over all gold expressions (a missed one is not resolved).

Positions (extractor ``positions``) are Zelensky's statements: found (P/R/F1 by span overlap),
``level`` exact, ``within_one`` level, ``date`` (the predicted date lies within the gold's
range), ``opposite`` (share of matched statements coded in the other half of the scale: 1-2
against 4-5; lower is better) and ``alpha`` (Krippendorff's alpha, ordinal, over the matched
statements, in the accuracy column). For the seeds they are scored against
the human coding analysis/data/codings/positions_human.csv (notebook 03's, moved out of tests/gold/). Furniture (extractor ``furniture``): gold non-body blocks found
by cleaning's section labels (anything not ``body``).

Summary rows (extractor ``all``): ``numbers_all_right`` is the share of gold numbers found with
measure, period and claimant all right; ``speaker_right`` the share of gold quotations (kind
quote) found with the right speaker. Both count a missed entry as wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd

from analysis import evidence
from analysis.corpus import docview
from analysis.corpus import tables as corpus_mod
from analysis.corpus.paths import BUILD, SEEDS
from analysis.corpus.textmap import read_raw
from analysis.kit import text as text_kit
from analysis.quality import gold as gold_mod

GOLD = gold_mod.GOLD
SCORE_DIR = BUILD / "score"
SETS = ("seeds", "passages", "dev", "test")

FIELDS = {
    "quotes": ["kind", "speaker", "via"],
    "numbers": ["low", "high", "measure", "period", "hedge", "claimant", "via"],
    "timex": ["resolved"],
}

def _views(corpus_dir) -> tuple[dict, pd.Series]:
    c = corpus_mod.load(corpus_dir)
    return {v.doc_id: v for v in docview.from_corpus(c)}, c.documents.set_index("doc_id")["file"]


def gold_sets(sets=SETS, corpus=None) -> list[tuple[str, str, str, dict, docview.DocView]]:
    """(set, doc_id, raw, gold, view) for every annotated document of ``sets``; ``corpus`` is
    the development corpus folder (default tests/gold/corpus, gold in its ``gold/``)."""
    corpus = Path(corpus) if corpus else gold_mod.CORPUS
    out = []
    if "seeds" in sets:
        views, files = _views(SEEDS)
        for path in sorted(GOLD.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if gold["doc_id"] in views:
                out.append(("seeds", gold["doc_id"], read_raw(SEEDS / files[gold["doc_id"]]), gold,
                            views[gold["doc_id"]]))
    if "passages" in sets:
        for path in sorted((GOLD / "passages").glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            raw = read_raw(path.with_suffix(".txt"))
            view = docview.from_text(raw, doc_id=gold["doc_id"], published=dt.date.fromisoformat(gold["published"]))
            out.append(("passages", gold["doc_id"], raw, gold, view))
    wanted = [s for s in ("dev", "test") if s in sets]
    docs = gold_mod.corpus_docs(corpus)
    if wanted and docs:
        views, files = _views(corpus)
        for doc_id, path in docs:
            s = gold_mod.split(doc_id)
            if s in wanted and doc_id in views:
                gold = json.loads(path.read_text(encoding="utf-8"))
                out.append((s, doc_id, read_raw(corpus / files[doc_id]), gold, views[doc_id]))
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


def _words(text) -> set[str]:
    """Lower-case words without apostrophes, initialisms' dots or a plural/possessive s ("General's" =
    "general")."""
    if not isinstance(text, str):
        return set()
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group().replace(".", ""), text.lower())  # "U.S." = "us"
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", text.replace("_", " ")))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}


def same_source(gold_id, gold_name, pred_id, pred_name) -> bool:
    """Does the predicted source name the gold one (see the module doc)?"""
    g, p = _norm(gold_id), _norm(pred_id)
    if g is None:
        return p is None
    if not g.startswith("other:"):
        return g == p
    if p is not None and p == g.removeprefix("other:"):
        return True
    want = _words(g.removeprefix("other:"))
    got = _words(pred_name) | _words(p)
    return bool(want) and want <= got


def _days(start, end) -> tuple[int, int] | None:
    try:
        return dt.date.fromisoformat(str(start)).toordinal(), dt.date.fromisoformat(str(end)).toordinal() + 1
    except ValueError:
        return None


def period_overlaps(gold_period, pred_start, pred_end) -> bool:
    g = gold_period or {}
    p_empty = _norm(pred_start) is None
    if not g.get("start"):
        return p_empty
    if p_empty:
        return False
    a, b = _days(g["start"], g["end"]), _days(pred_start, pred_end if _norm(pred_end) else pred_start)
    if a is None or b is None:
        return False
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter > 0 and inter >= union / 2


def _via(g, p) -> tuple[tuple, tuple]:
    pv = p.get("via") or ""
    pv = [x for x in pv.split(";") if x] if isinstance(pv, str) else list(pv)
    return tuple(_actor(v) for v in g.get("via") or []), tuple(pv)


def _judge(name: str, g: dict, p: dict) -> tuple[bool, object, object]:
    """(right, gold value, predicted value) for one field."""
    if name == "via":
        gv, pv = _via(g, p)
        return gv == pv, gv, pv
    if name in ("speaker", "claimant"):
        gid, pid = g.get(name), p.get(name)
        gname = g.get(f"{name}_name")
        pname = p.get("speaker_name") if name == "speaker" else p.get("claimant_text")
        return same_source(gid, gname, pid, pname), gid, (pid, pname)
    if name == "period":
        gp = g.get("period")
        pv = (_norm(p.get("period_start")), _norm(p.get("period_end")))
        return period_overlaps(gp, *pv), (gp or {}).get("start"), pv
    if name == "resolved":
        gv, pv = (g["start"], g["end"]), (p.get("date_start"), p.get("date_end"))
        return gv == pv, gv, pv
    if name in ("low", "high"):
        gv, pv = g.get(name), p.get(name)
        gv, pv = (None if gv is None else float(gv)), (None if _norm(pv) is None else float(pv))
        return gv == pv, gv, pv
    gv, pv = _norm(g.get(name)), _norm(p.get(name))
    return gv == pv, gv, pv


def _match(gold_spans: list[tuple[int, int]], pred_spans: list[tuple[int, int]]) -> dict[int, int]:
    return text_kit.match_spans(gold_spans, pred_spans)


def _furniture_blocks(view: docview.DocView) -> list[tuple[int, int]]:
    """Raw spans of the paragraphs cleaning labelled as anything but body."""
    blocks: dict[str, list[int]] = {}
    for s in view.sentences:
        if s.kind != "body":
            a, b = view.to_raw(s.start, s.end)
            span = blocks.setdefault(s.para_id, [a, b])
            span[0], span[1] = min(span[0], a), max(span[1], b)
    return [tuple(v) for v in blocks.values()]


def _compare_table(rows, set_name, doc_id, raw, table, gold_entries, preds, fields):
    gspans = [gold_mod.span(raw, g["text"], g.get("occurrence", 1)) for g in gold_entries]
    match = _match(gspans, [(p["start"], p["end"]) for p in preds])
    for gi, g in enumerate(gold_entries):
        pi = match.get(gi)
        row = {"set": set_name, "extractor": table, "doc_id": doc_id, "text": g["text"],
               "gold_start": gspans[gi][0], "matched": pi is not None}
        if pi is not None:
            p = preds[pi]
            row["predicted_text"] = raw[p["start"]:p["end"]]
            for f in fields:
                if table == "quotes" and f in ("speaker", "via") and g.get("kind") != "quote":
                    continue
                ok, gv, pv = _judge(f, g, p)
                row[f] = ok
                row[f"{f}_gold"], row[f"{f}_pred"] = repr(gv), repr(pv)
        elif table == "quotes" and g.get("kind") == "quote":
            row["speaker_gold"] = repr(g.get("speaker"))
        rows.append(row)
    for pi in sorted(set(range(len(preds))) - set(match.values())):
        p = preds[pi]
        rows.append({"set": set_name, "extractor": table, "doc_id": doc_id, "text": None, "matched": False,
                     "predicted_text": raw[p["start"]:p["end"]], "spurious": True})


def compare(docs=None) -> pd.DataFrame:
    """One row per (set, extractor, gold entry): the gold entry, its match and field verdicts;
    one row per predicted entry no gold entry matched (``spurious``)."""
    rows = []
    for set_name, doc_id, raw, gold, view in gold_sets() if docs is None else docs:
        ev = evidence.extract(view)
        for table, fields in FIELDS.items():
            _compare_table(rows, set_name, doc_id, raw, table, gold.get(table, []), ev[table], fields)
        if "furniture" in gold:
            preds = [{"start": s, "end": e} for s, e in _furniture_blocks(view)]
            _compare_table(rows, set_name, doc_id, raw, "furniture", gold["furniture"], preds, [])
    return pd.DataFrame(rows)


def _level_verdicts(gold_level: int, pred_level: int | None) -> dict:
    """level (exact), within_one, opposite (the other half of the scale); an uncoded
    prediction is a wrong code."""
    gl, pl = gold_level, pred_level
    return {"level": gl == pl, "within_one": pl is not None and abs(gl - pl) <= 1,
            "opposite": pl is not None and ((gl <= 2 and pl >= 4) or (gl >= 4 and pl <= 2))}


def _position_rows(set_name: str, docs, corpus) -> list[dict]:
    """Zelensky's statements in the corpus documents of ``set_name`` against the gold positions."""
    from analysis.extract import statements

    docs = [d for d in docs if d[0] == set_name]
    if not docs:
        return []
    st = statements.statements(corpus_mod.load(corpus), evidence.load(corpus), "zelensky")
    st = st[st["doc_id"].isin({d[1] for d in docs})]
    rows = []
    for _, doc_id, raw, gold, _view in docs:
        gold_entries = [g for g in gold.get("positions", []) if g.get("actor") == "zelensky"]
        preds = st[st["doc_id"] == doc_id].to_dict("records")
        gspans = [gold_mod.span(raw, g["text"], g.get("occurrence", 1)) for g in gold_entries]
        match = _match(gspans, [(int(p["start"]), int(p["end"])) for p in preds])
        for gi, g in enumerate(gold_entries):
            pi = match.get(gi)
            row = {"set": set_name, "extractor": "positions", "doc_id": doc_id, "text": g["text"],
                   "gold_start": gspans[gi][0], "matched": pi is not None, "level_gold": g.get("level")}
            if pi is not None:
                p = preds[pi]
                row["predicted_text"] = p["text"]
                pl = None if pd.isna(p["level"]) else int(p["level"])
                row["level_pred"] = pl
                if g.get("level") is not None:
                    row.update(_level_verdicts(int(g["level"]), pl))
                d = g.get("date") or {}
                row["date"] = bool(d) and d["start"] <= str(p["date"]) and str(p["date_end"] or p["date"]) <= d["end"]
                row["date_gold"], row["date_pred"] = repr((d.get("start"), d.get("end"))), repr((p["date"], p["date_end"]))
            rows.append(row)
        for pi in sorted(set(range(len(preds))) - set(match.values())):
            rows.append({"set": set_name, "extractor": "positions", "doc_id": doc_id, "text": None,
                         "matched": False, "predicted_text": preds[pi]["text"], "spurious": True})
    return rows


def _seed_position_rows() -> list[dict]:
    from analysis.extract import statements
    from analysis.kit import agreement

    c = corpus_mod.load(SEEDS)
    st = statements.statements(c, evidence.load(SEEDS), "zelensky")
    table = agreement.compare(st[st["level"].notna()], statements.human_codes(c, "zelensky"))
    rows = []
    for r in table.to_dict("records"):
        if r["status"] == "auto only":
            rows.append({"set": "seeds", "extractor": "positions", "doc_id": r["doc_id"], "text": None,
                         "matched": False, "predicted_text": r["text"], "spurious": True})
            continue
        row = {"set": "seeds", "extractor": "positions", "doc_id": r["doc_id"], "text": r["text"],
               "matched": r["status"] != "human only", "level_gold": r["human_level"]}
        if row["matched"]:
            row["level_pred"] = int(r["auto_level"])
            row.update(_level_verdicts(int(r["human_level"]), row["level_pred"]))
        rows.append(row)
    return rows


def _alpha(g: pd.DataFrame) -> float | None:
    from analysis.kit import agreement

    both = g[g["matched"] & g["level_gold"].notna() & g["level_pred"].notna()]
    value = agreement.ordinal_alpha(both["level_gold"].tolist(), both["level_pred"].tolist())
    return None if pd.isna(value) else value


def compare_all(sets=SETS, corpus=None) -> pd.DataFrame:
    """``compare`` over every set, with the position statements added."""
    corpus = Path(corpus) if corpus else gold_mod.CORPUS
    docs = gold_sets(sets, corpus)
    rows = compare(docs).to_dict("records")
    if "seeds" in sets:
        rows += _seed_position_rows()
    for s in ("dev", "test"):
        if s in sets:
            rows += _position_rows(s, docs, corpus)
    return pd.DataFrame(rows)


def _detection(set_name, table, g) -> dict:
    gold_n = int((~g["spurious"]).sum())
    tp = int(g["matched"].sum())
    fp = int(g["spurious"].sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / gold_n if gold_n else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"set": set_name, "extractor": table, "field": "found", "n": gold_n,
            "precision": p, "recall": r, "f1": f1, "accuracy": None}


def _acc(set_name, table, field, value, n) -> dict:
    return {"set": set_name, "extractor": table, "field": field, "n": n,
            "precision": None, "recall": None, "f1": None, "accuracy": value}


def score(sets=SETS, cmp: pd.DataFrame | None = None, corpus=None) -> pd.DataFrame:
    """Detection P/R/F1 and field accuracy per set and extractor (see module doc)."""
    cmp = compare_all(sets, corpus) if cmp is None else cmp
    cmp = cmp.copy()
    cmp["spurious"] = (cmp["spurious"] if "spurious" in cmp else pd.Series(False, index=cmp.index))
    cmp["spurious"] = cmp["spurious"].fillna(False).astype(bool)
    out = []
    order = {s: i for i, s in enumerate(SETS)}
    for (set_name, table), g in sorted(cmp.groupby(["set", "extractor"], sort=False),
                                        key=lambda kv: order.get(kv[0][0], 9)):
        out.append(_detection(set_name, table, g))
        gold_n = int((~g["spurious"]).sum())
        fields = FIELDS.get(table, ["level", "within_one", "date", "opposite"] if table == "positions" else [])
        for f in fields:
            if f not in g:
                continue
            judged = g[f].dropna().astype(bool)
            if table == "timex":
                # resolution counts over all gold expressions: a missed one is not resolved
                acc, n = (float(judged.sum()) / gold_n if gold_n else 1.0), gold_n
            else:
                acc, n = (float(judged.mean()) if len(judged) else None), len(judged)
            out.append(_acc(set_name, table, f, acc, n))
        if table == "positions":
            both = g[g["matched"] & g["level_gold"].notna()]
            out.append(_acc(set_name, table, "alpha", _alpha(g), len(both)))
        if table == "numbers":
            gold = g[~g["spurious"]]
            fields3 = gold.reindex(columns=["measure", "period", "claimant"]).fillna(False).astype(bool)
            right = gold["matched"] & fields3.all(axis=1)
            out.append(_acc(set_name, "all", "numbers_all_right", float(right.mean()) if len(gold) else None, len(gold)))
        if table == "quotes":
            gold = g[~g["spurious"] & g["speaker_gold"].notna()] if "speaker_gold" in g else g.iloc[:0]
            right = gold["speaker"].fillna(False).astype(bool) if "speaker" in gold else pd.Series([], dtype=bool)
            out.append(_acc(set_name, "all", "speaker_right", float(right.mean()) if len(gold) else None, len(gold)))
    return pd.DataFrame(out)


def write(table: pd.DataFrame, cmp: pd.DataFrame, folder: Path = SCORE_DIR) -> Path:
    """The score table and the entry-by-entry comparison as CSV (build/score/)."""
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(folder / "scores.csv", index=False, float_format="%.6f")
    cmp.to_csv(folder / "entries.csv", index=False)
    return folder / "scores.csv"


def report(table: pd.DataFrame) -> str:
    """The table as text: one block per set."""
    fmt = lambda v: f"{v:6.3f}" if v is not None and v == v else "     -"  # noqa: E731
    lines = []
    for set_name, g in table.groupby("set", sort=False):
        lines.append(f"\n== {set_name} " + "=" * 50)
        lines.append(f"{'extractor':10} {'field':18} {'n':>5} {'prec':>6} {'recall':>6} {'f1':>6} {'acc':>6}")
        for r in g.itertuples(index=False):
            lines.append(f"{r.extractor:10} {r.field:18} {r.n:5d} {fmt(r.precision)} {fmt(r.recall)} "
                         f"{fmt(r.f1)} {fmt(r.accuracy)}")
    return "\n".join(lines).lstrip("\n")
