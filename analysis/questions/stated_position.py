"""How has an actor's stated position on negotiations and territory changed?

The statements are found, coded and dated by ``analysis.extract.statements`` from the
corpus and its evidence tables (the rules are data: ``data/position_scale.toml``); here
they become points, the figure and the answer, and are compared with a human coding (the
``codings`` parameter, default ``analysis/data/codings/positions_human.csv``) by
``analysis.kit.agreement``. Statements that are the same quotation, or share the actor,
date and level, or report one occasion, are one point. Nothing about any actor, date or
outlet is written here.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.corpus.paths import display
from analysis.extract import actors
from analysis.extract import quotes as quotes_mod
from analysis.extract import statements as statements_mod
from analysis.extract.statements import STATEMENT_COLUMNS, TEXT_DATED, _occasion_rx, rules
from analysis.kit import agreement as agreement_mod
from analysis.kit import figures as draw
from analysis.kit import wording
from analysis.kit.figures import PALETTE, new_figure
from analysis.questions import protocol
from analysis.questions.protocol import Figure, Param, ParameterError, Table, columns

POINT_COLUMNS = ["point", "actor", "date", "date_end", "granularity", "text_dated", "dated_by", "level",
                 "label", "level_range", "quote", "sources", "doc_ids", "statements", "spans", "level_cues", "copies"]


NAME = "03_stated_position"
CODINGS = display(statements_mod.CODINGS)


def check_codings(name: str, value):
    """A human coding file (CSV: doc_id, statement, date, level, note, actor)."""
    path = protocol.check_path(name, value, kind="file")
    if not path.is_file():
        raise ParameterError(f"parameter {name}: {display(path)} is not a file")
    return path


PARAMS = (
    Param("actor", "zelensky", lambda n, v: check_actor(v), "actor_id from analysis/data/actors.csv"),
    Param("codings", CODINGS, check_codings, "the human coding the rules' codes are compared with (CSV)"),
)
_STATEMENT = {
    "point": ("str", "the point it is drawn in (p01, ...; empty: no rule codes it)"),
    "doc_id": ("str", "document"), "sent_id": ("str", "its sentence"),
    "source": ("str", "quote (the actor's quoted words) or reported (reported speech or act)"),
    "actor": ("str", "actor_id"), "claimant": ("str", "the actor and relay chain in words"),
    "outlet": ("str", "the document's outlet"), "published": ("date", "its publication date"),
    "date_basis": ("str", "how that date is known: byline, or inferred from the text"),
    "file": ("str", "the raw file"), "start": ("int", "raw-file offset where the statement starts"),
    "end": ("int", "raw-file offset where it ends"), "text": ("str", "the statement's words"),
    "verb": ("str", "its speech or decision cue"),
    "occasion": ("str", "the occasion the sentence names ('interview with CNN', 'decree'; empty: none)"),
    "level": ("int", "scale level 1-5 (empty: on the topic, but no rule codes it)"),
    "label": ("str", "the level in words"), "level_cue": ("str", "the words that decided the level"),
    "polarity": ("str", "affirmed, or negated ('will never recognise' refuses)"),
    "condition": ("str", "the condition as worded ('until they withdraw'; empty: none)"),
    "uncoded_reason": ("str", "why no rule codes it (empty when coded)"),
    "date": ("date", "first day of when it was said"), "date_end": ("date", "last day of that range"),
    "granularity": ("str", "precision of that date"),
    "dated_by": ("str", "sentence, previous sentence, carried, same quotation, or article date"),
    "date_text": ("str", "the time expression dating it"),
    "date_start_raw": ("int", "raw-file offset where that expression starts"),
    "date_end_raw": ("int", "raw-file offset where it ends"),
    "group": ("str", "the quotation group of the evidence quotes table (the same quotation elsewhere)"),
    "sentence": ("str", "the sentence"), "sentence_start": ("int", "raw-file offset where the sentence starts"),
    "sentence_end": ("int", "raw-file offset where it ends"),
    "copy_group": ("str", "the story the document belongs to (copies of one story share it)"),
    "copies": ("str", "other copies of the story carrying the statement, '; '-separated"),
    "copy_spans": ("str", "its spans in those copies"),
}
TABLES = (
    Table("scale", "The ordinal scale statements are coded on (data/position_scale.toml).", columns(
        ("level", "int", "the level, 1 to 5 (its words in label)"), ("label", "str", "the level in words"),
        ("description", "str", "what a statement at this level says"),
        ("cues", "str", "the cue phrases (regular expressions) that code it, '; '-separated"),
        ("examples", "str", "example wordings, separated by a vertical bar")),
        show=("level", "label", "description")),
    Table("points", "One row per distinct statement drawn: the same quotation, the same date and level, or one "
          "occasion reported by several outlets is one point.", columns(
              ("point", "str", "p01, ... in date order"), ("actor", "str", "actor_id"),
              ("date", "date", "first day of when it was said"), ("date_end", "date", "last day of that range"),
              ("granularity", "str", "precision of that date"),
              ("text_dated", "bool", "the date is in the text (False: the article date, drawn hollow)"),
              ("dated_by", "str", "how it is dated"), ("level", "int", "scale level (the most common of its statements)"),
              ("label", "str", "the level in words"),
              ("level_range", "str", "lowest–highest level of its statements when they differ"),
              ("quote", "str", "the first words of the statement"),
              ("sources", "str", "outlets, '; '-separated"), ("doc_ids", "str", "documents, '; '-separated"),
              ("statements", "int", "statements merged into the point"),
              ("spans", "str", "their citation ids, 'doc:start-end; ...'"),
              ("level_cues", "str", "the words that decided their levels"),
              ("copies", "str", "other copies of the stories (not counted)")),
          show=("point", "date", "date_end", "granularity", "text_dated", "dated_by", "level", "label", "level_range",
                "quote", "sources", "doc_ids", "statements", "copies")),
    Table("agreement", "The rules' codes beside the human coding (parameter codings), matched one to one by "
          "raw-span overlap.", columns(
              ("status", "str", "agree, disagree, human only, auto only"), ("doc_id", "str", "document"),
              ("human_level", "int", "the human's level"), ("auto_level", "int", "the rules' level"),
              ("human_date", "date", "the human's date"), ("auto_date", "date", "the rules' date"),
              ("auto_dated_by", "str", "how the rules dated it"), ("level_cue", "str", "the words that decided the rules' level"),
              ("human_start", "int", "raw-file offset where the human's statement starts"),
              ("human_end", "int", "raw-file offset where it ends"),
              ("auto_start", "int", "raw-file offset where the rules' statement starts"),
              ("auto_end", "int", "raw-file offset where it ends"),
              ("text", "str", "the human's statement, else the rules'"), ("note", "str", "the human's note")),
          show=("status", "doc_id", "human_level", "auto_level", "human_date", "auto_date", "text")),
    Table("evidence", "Every statement of the actor on the topic, one row each (a story's copies once), with "
          "its point.", columns(*((c, *_STATEMENT[c]) for c in ["point"] + STATEMENT_COLUMNS))),
)


def tables(evidence, corpus, actor: str = "zelensky", codings=CODINGS) -> dict[str, pd.DataFrame]:
    st = statements_mod.statements(corpus, evidence, actor)
    pts = points(st)
    return {"scale": scale(), "points": pts, "agreement": agreement(st, corpus, actor, codings),
            "evidence": evidence_rows(st, pts)}


def figures(tables, actor: str = "zelensky", codings=CODINGS) -> list[Figure]:
    pts = tables["points"]
    if pts.empty:
        return [Figure("stated_position", None)]
    return [Figure("stated_position", figure(pts, actor), set(tables["evidence"]["doc_id"]),
                   "Levels coded by the cue phrases of analysis/data/position_scale.toml; "
                   "hollow: date not in the text, drawn at the article date.")]


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables, actor: str = "zelensky", codings=CODINGS) -> str:
    st = tables["evidence"].drop(columns="point")
    table = tables["agreement"]
    return (answer_words(st, tables["points"], actor) + "\n\n"
            + agreement_text(agreement_mod.alpha(table), table, codings))


def scale() -> pd.DataFrame:
    """The scale codebook. Columns: level, label, description, cues ("; "-joined), examples."""
    rows = [{"level": lv["level"], "label": lv["label"], "description": " ".join(lv["description"].split()),
             "cues": "; ".join(lv["cues"]), "examples": " | ".join(lv.get("examples", []))}
            for lv in rules()["level"]]
    return pd.DataFrame(rows).sort_values("level").reset_index(drop=True)


def actor_ids() -> list[str]:
    return actors.load_codebook()["actor_id"].tolist()


def check_actor(actor) -> str:
    """``actor`` if it is an actor_id of ``data/actors.csv``, else a one-line ParameterError."""
    if not isinstance(actor, str) or actors.actor(actor) is None:
        raise ParameterError(f"parameter actor: {actor!r} is unknown (not an actor_id of analysis/data/actors.csv; "
                             f"e.g. {', '.join(actor_ids()[:3])})")
    return actor


def name(actor: str) -> str:
    return actors.actor(actor)["name"]


# ----------------------------------------------------------------------------- points

def points(st: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct statement: rows that are the same quotation (``group``) or
    share actor, date and level are one point with several sources.

    Columns: point (p01, ...), actor, date, date_end, granularity, text_dated (False
    when only the article date is known: drawn hollow), dated_by, level, label, quote
    (the first words of the statement), sources (outlets, "; "), doc_ids, statements
    (rows merged), spans ("doc:start-end; ..."), level_cues, copies (other copies of the
    stories, not counted). Sorted by date, level.
    """
    st = st[st["level"].notna()] if not st.empty else st     # uncoded statements are listed, not drawn
    if st.empty:
        return pd.DataFrame(columns=POINT_COLUMNS)
    n = len(st)
    sets = quotes_mod.DisjointSets(n)
    recs = st.to_dict("records")
    for bucket in _same_point_buckets(recs):
        for j in bucket[1:]:
            sets.union(bucket[0], j)
    members = {}
    for i in range(n):
        members.setdefault(sets.find(i), []).append(recs[i])
    out = [_point(g) for g in members.values()]
    frame = pd.DataFrame(out).sort_values(["date", "level", "doc_ids"]).reset_index(drop=True)
    frame["point"] = [f"p{i + 1:02d}" for i in range(len(frame))]
    return frame[POINT_COLUMNS]


def _same_point_buckets(recs: list[dict]) -> list[list[int]]:
    """Lists of row numbers that are one point (all pairs of a list are joined), found by
    key instead of comparing every pair: the same quotation (``group``), the same actor,
    date and level, or one occasion (two outlets' reports of one act: the same decree,
    interview, address): text-dated rows of one actor and date, from at least two
    documents, whose sentences name the same occasion word."""
    buckets: dict[tuple, list[int]] = {}
    rx = _occasion_rx()
    for i, r in enumerate(recs):
        if r["group"] and r["group"] == r["group"]:      # a NaN group is no group (NaN != NaN)
            buckets.setdefault(("group", r["group"]), []).append(i)
        if _comparable(r["actor"], r["date"], r["level"]):
            buckets.setdefault(("claim", r["actor"], r["date"], r["level"]), []).append(i)
        if r["dated_by"] in TEXT_DATED and _comparable(r["actor"], r["date"]):
            for word in {m.lower() for m in rx.findall(r["sentence"])}:
                buckets.setdefault(("occasion", r["actor"], r["date"], word), []).append(i)
    return [rows for key, rows in buckets.items() if len(rows) > 1
            and (key[0] != "occasion" or len({recs[i]["doc_id"] for i in rows}) > 1)]


def _comparable(*values) -> bool:
    """Values a key may hold: equal to themselves (a float NaN equals nothing, so rows with
    one are joined by no key)."""
    return all(v == v for v in values)


def _point(g: list[dict]) -> dict:
    dated = [r for r in g if r["dated_by"] in TEXT_DATED] or g
    # the most common date (a NaN date equals none, so counts nothing), the earliest on a tie
    count = Counter(r["date"] for r in dated if r["date"] == r["date"])
    best = min(dated, key=lambda r: (-count[r["date"]] if r["date"] == r["date"] else 0, r["date"]))
    levels = [r["level"] for r in g]
    level = sorted(set(levels), key=lambda v: (-levels.count(v), v))[0]
    lead = sorted(g, key=lambda r: (r["source"] != "quote", r["doc_id"], r["start"]))[0]
    return {"actor": lead["actor"], "date": best["date"], "date_end": best["date_end"],
            "granularity": best["granularity"], "text_dated": best["dated_by"] in TEXT_DATED,
            "dated_by": best["dated_by"], "level": level, "label": next(r["label"] for r in g if r["level"] == level),
            # the outlets' wordings of one occasion code differently: the range, not two points
            "level_range": f"{min(levels)}–{max(levels)}" if len(set(levels)) > 1 else "",
            "quote": first_words(lead["text"]),
            "sources": "; ".join(sorted({r["outlet"] for r in g})),
            "doc_ids": "; ".join(sorted({r["doc_id"] for r in g})), "statements": len(g),
            "spans": "; ".join(f"{r['doc_id']}:{r['start']}-{r['end']}" for r in sorted(g, key=lambda r: (r["doc_id"], r["start"]))),
            "level_cues": "; ".join(dict.fromkeys(r["level_cue"] for r in g)),
            "copies": copies_mod.joined(r.get("copies") for r in g)}


def first_words(text: str, n: int = 8) -> str:
    words = " ".join(str(text).split()).split(" ")
    return " ".join(words[:n]).rstrip(",.;:") + ("…" if len(words) > n else "")


def date_label(date, granularity: str) -> str:
    d = pd.Timestamp(date)
    return f"{d:%b %Y}" if granularity in ("month", "season", "part", "year") else wording.day(d)


def _levels(rows: pd.DataFrame) -> str:
    """'level 3', or 'levels 1 and 3' when points of one date disagree."""
    lv = sorted({int(v) for v in rows["level"]})
    return f"level {lv[0]}" if len(lv) == 1 else "levels " + wording.join(lv)


def title(pts: pd.DataFrame, actor: str) -> str:
    """The finding in one line, from the text-dated points (all points if none are),
    ending with the latest statement whatever its level or how it is dated. Points of the
    first or last date that disagree are all named: picking one would invent a movement."""
    who = name(actor)
    if pts.empty:
        return f"No stated position of {who} on negotiations or territory in the corpus"
    p = pts[pts["text_dated"]] if pts["text_dated"].any() else pts
    dates = pd.to_datetime(p["date"])
    first, last = p[dates == dates.min()], p[dates == dates.max()]
    da, db = date_label(first["date"].iloc[0], "month"), date_label(last["date"].iloc[0], "month")
    if len(p) == 1:
        a = p.iloc[0]
        text = f"{who}'s stated position: level {a['level']} ({a['label']}), {da}"
    else:
        la, lb = _levels(first), _levels(last)
        move = f"stayed at {la}" if la == lb else f"moved from {la} to {lb}"
        text = f"{who}'s stated position {move} between {da} and {db}"
    all_dates = pd.to_datetime(pts["date"])
    latest_rows = pts[all_dates == all_dates.max()]
    latest = latest_rows.iloc[0]
    when = (date_label(latest["date"], latest["granularity"]) if latest["text_dated"] else
            f"on or before {wording.day(latest['date'])}")
    if latest_rows["level"].nunique() == 1:
        return text + f"; latest statement ({when}): level {latest['level']}, {latest['label']}"
    return text + f"; latest statements ({when}): {_levels(latest_rows)}"


GAP = pd.Timedelta(days=92)


def _broken_at_gaps(x: pd.Series, y: pd.Series) -> tuple[list, list]:
    """The line through the points, broken where more than three months pass without a
    statement: a straight line across empty months would draw positions no one stated."""
    xs, ys = [], []
    for i, (xi, yi) in enumerate(zip(x, y)):
        if i and xi - x.iloc[i - 1] > GAP:
            xs.append(x.iloc[i - 1] + (xi - x.iloc[i - 1]) / 2)
            ys.append(float("nan"))
        xs.append(xi)
        ys.append(yi)
    return xs, ys


# ----------------------------------------------------------------------------- figure and answer

def figure(pts: pd.DataFrame, actor: str):
    """Level over time: filled points dated from the text, hollow ones at the article date;
    each numbered, with its first words, date and sources in the key beside the plot."""
    import textwrap


    fig, (ax, key) = new_figure(width=13, height=6.4, ncols=2, gridspec_kw={"width_ratios": [2.1, 1]})
    sc = scale()
    x = pd.to_datetime(pts["date"])
    dated = pts["text_dated"].astype(bool)
    ax.plot(*_broken_at_gaps(x[dated].reset_index(drop=True), pts["level"][dated].reset_index(drop=True)),
            color=PALETTE[0], linewidth=1, alpha=0.5, zorder=1)
    ax.scatter(x[dated], pts["level"][dated], s=90, color=PALETTE[0], zorder=3,
               label="dated from the text")
    for xi, rng in zip(x, pts["level_range"]):
        if rng:
            lo, hi = (int(v) for v in rng.split("–"))
            ax.vlines(xi, lo, hi, color=PALETTE[2], linewidth=3, alpha=0.6, zorder=2)
    if (~dated).any():
        ax.scatter(x[~dated], pts["level"][~dated], s=90, facecolors="white", edgecolors=PALETTE[1], linewidths=1.5,
                   zorder=3, label="date not in the text: article date (said on or before)")
    lines = []
    for i, r in enumerate(pts.to_dict("records"), 1):
        ax.annotate(str(i), (pd.Timestamp(r["date"]), r["level"]), xytext=(0, 9 + 9 * (_near_before(x, i - 1) % 3)),
                    textcoords="offset points", ha="center", fontsize=8, fontweight="bold")
        when = date_label(r["date"], r["granularity"]) + ("" if r["text_dated"] else " (article date)")
        lines.append("\n".join(textwrap.wrap(f"{i}  {when}, level {r['level']}: “{r['quote']}” ({r['sources']})",
                                             58, subsequent_indent="    ")))
    key.axis("off")
    key.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=7.5, transform=key.transAxes, linespacing=1.35)
    ax.set_yticks(sc["level"].tolist(), ["\n".join(textwrap.wrap(f"{lv} {lab}", 26))
                                         for lv, lab in zip(sc["level"], sc["label"])], fontsize=8)
    ax.set_ylim(sc["level"].min() - 0.5, sc["level"].max() + 0.5)
    span = (x.max() - x.min()) if len(x) > 1 else pd.Timedelta(days=60)
    pad = max(span * 0.06, pd.Timedelta(days=20))
    ax.set_xlim(x.min() - pad, x.max() + pad)
    draw.date_axis(ax.xaxis, maxticks=8)
    ax.set_xlabel("date the statement was made (line broken where no statement for over three months)")
    ax.set_ylabel("stated position (scale level)")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    draw.headline(fig, title(pts, actor))
    return fig


def _near_before(x: pd.Series, i: int) -> int:
    """How many earlier points lie within 4% of the time span of point ``i`` (to stack numbers)."""
    span = max(x.max() - x.min(), pd.Timedelta(days=1))
    return sum(abs(x.iloc[j] - x.iloc[i]) < span * 0.04 for j in range(i))


def answer_words(st: pd.DataFrame, pts: pd.DataFrame, actor: str) -> str:
    """The finding in words, from the computed tables."""
    who = name(actor)
    if pts.empty and st.empty:
        return (f"No evidence for this question in the corpus: no statement by {who} about negotiations, "
                f"a ceasefire, compromise or territory.")
    if pts.empty:
        return f"No statement by {who} on the topic could be coded. " + _uncoded_words(st)
    sc = scale()
    ends = f"1 = {sc.iloc[0]['label']}, {len(sc)} = {sc.iloc[-1]['label']}"
    parts = [f"{title(pts, actor)} (scale: {ends})."]
    items = []
    for r in pts.to_dict("records"):
        when = date_label(r["date"], r["granularity"]) if r["text_dated"] else \
            f"on or before {wording.day(r['date'])} (date not in the text)"
        items.append(f"{when}: level {r['level']} ({r['label']}), “{r['quote']}” ({r['sources']})")
    parts.append("Points: " + "; ".join(items) + ".")
    coded = st[st["level"].notna()]
    parts.append(f"{len(coded)} coded statements in {coded['doc_id'].nunique()} documents, counted as {len(pts)} "
                 f"points (the same quotation, the same date and level, or one occasion reported by several "
                 f"outlets is one point).")
    split = pts[pts["level_range"] != ""]
    if len(split):
        parts.append("Outlets' wordings of one occasion code differently at " + "; ".join(
            f"{date_label(r['date'], r['granularity'])} (levels {r['level_range']}, {r['sources']})"
            for r in split.to_dict("records")) + ": each is one point at its most common level, its range shown.")
    merged = copies_mod.merged_words(coded, "statement") if "copies" in coded else ""
    if merged:
        parts.append(merged)
    if _polarity_words(coded):
        parts.append(_polarity_words(coded))
    parts.append(_uncoded_words(st))
    return " ".join(parts)


def _uncoded_words(st: pd.DataFrame) -> str:
    n = int(st["level"].isna().sum()) if not st.empty else 0
    if not n:
        return "0 statements could not be coded: every statement on the topic was."
    return (f"{n} statement{'s' * (n != 1)} could not be coded (on the topic, but no rule of the scale reads "
            f"{'them' if n != 1 else 'it'}); {'they are' if n != 1 else 'it is'} listed in the evidence table with "
            f"the reason, not drawn.")


def _polarity_words(coded: pd.DataFrame) -> str:
    neg = int((coded["polarity"] == "negated").sum())
    cond = int((coded["condition"].fillna("") != "").sum())
    if not (neg or cond):
        return ""
    # The examples are the corpus's own words (the first of each kind), never a made-up phrase.
    negs = coded.loc[coded["polarity"] == "negated", "level_cue"].dropna()
    conds = coded["condition"].dropna()
    conds = conds[conds != ""]
    neg_eg = f" (first: \u201c{negs.iloc[0]}\u201d, read as a refusal, not a concession)" if len(negs) else ""
    cond_eg = f" (first: \u201c{conds.iloc[0]}\u201d)" if len(conds) else ""
    return (f"Of the coded statements, {neg} refuse what their cue names{neg_eg} and "
            f"{cond} set a condition{cond_eg}.")


def evidence_rows(st: pd.DataFrame, pts: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements behind the figure with their point id (columns of ``statements``,
    without the clean offsets, plus ``point``: empty for a statement no rule could code);
    ``pts`` is ``points(st)`` when the caller has it."""
    if st.empty:
        return pd.DataFrame(columns=["point"] + STATEMENT_COLUMNS)
    pts = points(st) if pts is None else pts
    key = {}
    for p in pts.to_dict("records"):
        for span in p["spans"].split("; "):
            key[span] = p["point"]
    out = st.copy()
    out.insert(0, "point", [key.get(f"{d}:{s}-{e}", "") for d, s, e in zip(st["doc_id"], st["start"], st["end"])])
    return out


# ----------------------------------------------------------------------------- agreement

def agreement_text(a: float, table: pd.DataFrame, codings=statements_mod.CODINGS) -> str:
    """Agreement with the human coding (the file ``codings``) in one paragraph."""
    counts = table["status"].value_counts()
    both = int(counts.get("agree", 0) + counts.get("disagree", 0))
    if table.empty:
        return "No human coding of this actor's statements in this corpus: agreement not computed."
    value = "not defined (fewer than two statements or one level only)" if pd.isna(a) else f"{a:.2f}"
    return (f"Agreement with the human coding ({display(codings)}): Krippendorff's alpha (ordinal) "
            f"{value} over {both} statements both coded; {int(counts.get('disagree', 0))} disagreements, "
            f"{int(counts.get('human only', 0))} statements coded only by the human, "
            f"{int(counts.get('auto only', 0))} only by the rules.")


def agreement(st: pd.DataFrame, corpus, actor: str, codings=statements_mod.CODINGS) -> pd.DataFrame:
    """Automatic vs human codes of ``actor``'s statements ``st`` (``kit.agreement.compare``)."""
    return agreement_mod.compare(st[st["level"].notna()], statements_mod.human_codes(corpus, actor, codings))
