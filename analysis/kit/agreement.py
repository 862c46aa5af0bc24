"""Agreement of two codings of the same texts on an ordinal scale: a human coding and the
rules' coding of statements (notebook 03's answer and ``analysis.quality.score`` both use it).

Here, in the bottom layer, because both a question module and the quality layer need it and
neither may import the other's layer upwards; it is pure arithmetic over two tables of
coded raw spans (doc_id, start, end, level), with no corpus or rule of its own.
``ordinal_alpha`` is Krippendorff's alpha (ordinal) from the ``krippendorff`` package.
"""
from __future__ import annotations

import pandas as pd

STATUSES = ("agree", "disagree", "human only", "auto only")


def ordinal_alpha(first, second) -> float:
    """Krippendorff's alpha (ordinal) of two coders' levels of the same units (paired
    lists); NaN when fewer than two units or only one level occurs."""
    import krippendorff

    first, second = [float(v) for v in first], [float(v) for v in second]
    if len(first) < 2 or len(set(first) | set(second)) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=[first, second], level_of_measurement="ordinal"))


def alpha(table: pd.DataFrame) -> float:
    """``ordinal_alpha`` over the statements both sides coded in a ``compare`` table."""
    both = table[table["status"].isin(["agree", "disagree"])]
    return ordinal_alpha(both["human_level"].tolist(), both["auto_level"].tolist())


def compare(st: pd.DataFrame, human: pd.DataFrame) -> pd.DataFrame:
    """Human and automatic codes matched one to one by raw-span overlap (largest first).
    ``st``: the automatic codes (doc_id, start, end, level, date, dated_by, level_cue, text);
    ``human``: the human ones (doc_id, start, end, level, date, statement, note).

    Columns: status (agree, disagree, human only, auto only), doc_id, human_level,
    auto_level, human_date, auto_date, auto_dated_by, level_cue, human_start, human_end,
    auto_start, auto_end, text (the human statement, else the automatic one), note.
    Sorted by doc_id, position.
    """
    pairs = []
    for i, h in human.iterrows():
        for j, a in st.iterrows():
            if h["doc_id"] == a["doc_id"]:
                ov = min(h["end"], a["end"]) - max(h["start"], a["start"])
                if ov > 0:
                    pairs.append((-ov, i, j))
    used_h, used_a, rows = set(), set(), []
    for _, i, j in sorted(pairs):
        if i in used_h or j in used_a:
            continue
        used_h.add(i), used_a.add(j)
        rows.append(_row(human.loc[i], st.loc[j]))
    rows += [_row(human.loc[i], None) for i in human.index if i not in used_h]
    rows += [_row(None, st.loc[j]) for j in st.index if j not in used_a]
    cols = ["status", "doc_id", "human_level", "auto_level", "human_date", "auto_date", "auto_dated_by", "level_cue",
            "human_start", "human_end", "auto_start", "auto_end", "text", "note"]
    out = pd.DataFrame(rows, columns=cols)
    for col in ("human_level", "auto_level", "human_start", "human_end", "auto_start", "auto_end"):
        out[col] = out[col].astype("Int64")
    pos = out["human_start"].fillna(out["auto_start"])
    return out.assign(_pos=pos).sort_values(["doc_id", "_pos", "status"]).drop(columns="_pos").reset_index(drop=True)


def _row(h, a) -> dict:
    status = "auto only" if h is None else "human only" if a is None else \
        "agree" if int(h["level"]) == int(a["level"]) else "disagree"
    return {"status": status, "doc_id": (h if h is not None else a)["doc_id"],
            "human_level": None if h is None else int(h["level"]), "auto_level": None if a is None else int(a["level"]),
            "human_date": None if h is None else h["date"], "auto_date": None if a is None else a["date"],
            "auto_dated_by": None if a is None else a["dated_by"], "level_cue": None if a is None else a["level_cue"],
            "human_start": None if h is None else int(h["start"]), "human_end": None if h is None else int(h["end"]),
            "auto_start": None if a is None else int(a["start"]), "auto_end": None if a is None else int(a["end"]),
            "text": " ".join(str(h["statement"] if h is not None else a["text"]).split()),
            "note": "" if h is None else h["note"]}
