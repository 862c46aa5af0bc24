"""How fast are desertion prosecutions rising? Series, estimates and the answer in words.

Everything comes from the ``numbers`` evidence table (``evidence.numbers``): no
figure is typed here. Periods come from the text ("in 2022", "during the first
nine months of 2024"); a period shorter than a year is kept as partial and its
annualised pace is computed separately, never silently compared as a full year.
"""
from __future__ import annotations

import pandas as pd

from analysis.corpus import copies as copies_mod
from analysis.extract import numbers as numbers_mod
from analysis.extract import skipped as skipped_mod
from analysis.extract.actors import chain_names as claimant_chain
from analysis.kit import figures as draw
from analysis.kit import wording
from analysis.kit.figures import PALETTE, new_figure
from analysis.questions import protocol
from analysis.questions.protocol import Figure, Param, Table, columns

SERIES_MEASURES = ("awol_cases", "desertion_cases", "desertion_prosecutions", "people_prosecuted")
ESTIMATE_MEASURES = ("deserters",)

NAME = "02_desertion_prosecutions"
PARAMS = (
    Param("measures", list(SERIES_MEASURES), lambda n, v: protocol.check_list(n, v, measure_ids()),
          "measure ids (analysis/data/measures.csv), one series each"),
    Param("annualise", True, protocol.check_bool, "draw the annualised pace of partial periods"),
)
_SPAN = (("doc_id", "str", "the document of the first source cited"),
         ("outlet", "str", "its outlet"), ("published", "date", "its publication date"),
         ("start", "int", "raw-file character offset where the value starts"),
         ("end", "int", "raw-file character offset where it ends"))
TABLES = (
    Table("series", "One row per measure, stated period and value; a period shorter than a year is partial, "
          "one longer than a year a running total kept out of the per-year comparison.", columns(
              ("measure", "str", "measure id (analysis/data/measures.csv)"),
              ("period_start", "date", "first day of the period the text gives"),
              ("period_end", "date", "last day of that period"),
              ("months", "int", "length of the period in months"),
              ("partial", "bool", "the period is shorter than 12 months"),
              ("cumulative", "bool", "the period is longer than 12 months (a running total)"),
              ("value", "float", "the stated count (the low bound, or the high bound of an 'up to' claim)"),
              ("hedge", "str", "the hedge the text puts on the value ('only', 'about', ...)"),
              ("annual_pace", "float", "value scaled to 12 months (equal to value for a full year)"),
              ("claimant", "str", "who claims it, as claimant chains in words, every source"),
              ("sources", "int", "documents reporting this value (copies of one story once)"),
              ("doc_ids", "str", "those documents, '; '-separated"),
              ("disagreement", "bool", "another value is claimed for the same measure and period (both kept)"),
              *_SPAN,
              ("copy_group", "str", "the story the first source belongs to (copies of one story share it)"),
              ("copies", "str", "other copies of the story carrying the value, '; '-separated")),
          show=("measure", "period_start", "period_end", "months", "partial", "cumulative", "value", "hedge",
                "annual_pace", "claimant", "sources", "doc_ids", "disagreement", "doc_id", "outlet", "published",
                "copy_group", "copies")),
    Table("growth", "Multiples between consecutive periods of each measure, on annual pace; running totals "
          "and overlapping periods are never compared.", columns(
              ("measure", "str", "measure id"), ("from_period", "str", "the earlier period, in words"),
              ("to_period", "str", "the later period, in words"),
              ("multiple", "float", "annual pace of the later period over that of the earlier"),
              ("to_partial", "bool", "the later period is shorter than a year (its pace is a projection)"),
              ("disputed", "bool", "either period has two different values; the first cited stands for it")),
          show=("measure", "from_period", "to_period", "multiple", "to_partial", "disputed")),
    Table("estimates", "Estimates of the total number of deserters, a different measure kept apart; one row "
          "per distinct claim.", columns(
              ("measure", "str", "measure id"), ("low", "float", "lower bound (empty: none stated)"),
              ("high", "float", "upper bound (empty: none stated)"),
              ("texts", "str", "every wording as written, '; '-separated"),
              ("hedges", "str", "their hedges ('(none)' for none)"),
              ("claimant", "str", "claimant chains in words"),
              ("vague", "bool", "the bound is the reading of words such as 'tens of thousands'"),
              ("sources", "int", "rows behind the claim, copies of one story once"),
              ("doc_ids", "str", "documents, '; '-separated"),
              ("spans", "str", "their citation ids, 'doc:start-end; ...'"),
              ("sentence", "str", "the first sentence carrying it"),
              ("copies", "str", "other copies of the story carrying it"))),
    Table("skipped_numbers", "Numbers the numbers table set aside as not quantities (dates, times of day, "
          "reading times, ages, unit names ...), counted by kind, never silently dropped.", columns(
              ("kind", "str", "the kind of non-quantity (number_words.toml [not_quantities])"),
              ("spans", "int", "how many were skipped in the corpus"))),
    Table("evidence", "Every numeric claim behind the figure, one row each (a story's copies once).", columns(
        ("role", "str", "series or estimate"), ("measure", "str", "measure id"),
        ("doc_id", "str", "document"), ("outlet", "str", "its outlet"), ("published", "date", "its date"),
        ("date_basis", "str", "how the date is known: byline, or inferred from the text"),
        ("text", "str", "the number as written"), ("low", "float", "lower bound"), ("high", "float", "upper bound"),
        ("hedge", "str", "hedge on the number"), ("period_start", "date", "first day of its period"),
        ("period_end", "date", "last day of its period"), ("claimant", "str", "claimant chain in words"),
        ("verification", "str", "what the article says about verifying it"),
        ("start", "int", "raw-file offset where the number starts"), ("end", "int", "raw-file offset where it ends"),
        ("sentence", "str", "the sentence carrying it"), ("copies", "str", "other copies of the story carrying it"),
        ("copy_spans", "str", "its spans in those copies"))),
)


def tables(evidence, corpus, measures=SERIES_MEASURES, annualise: bool = True) -> dict[str, pd.DataFrame]:
    from analysis.evidence import with_context

    numbers = with_context(evidence.numbers, corpus)
    s = series(numbers, measures)
    return {"series": s.drop(columns=["sentence"]), "growth": growth(s), "estimates": estimates(numbers),
            "evidence": evidence_rows(numbers, measures), "skipped_numbers": skipped_mod.counts(evidence.skipped)}


def figures(tables, measures=SERIES_MEASURES, annualise: bool = True) -> list[Figure]:
    s, est = tables["series"], tables["estimates"]
    if s.empty and est.empty:
        return [Figure("desertion_prosecutions", None)]
    used = set(s["doc_id"]) | set(est["doc_ids"].str.split("; ").explode())
    note = "Values as claimed in the text" + ("; the annualised pace is a projection." if annualise else ".")
    return [Figure("desertion_prosecutions", figure(s, est, annualise=annualise), used, note)]


def evidence_table(tables) -> pd.DataFrame:
    return tables["evidence"]


def answer(tables, measures=SERIES_MEASURES, annualise: bool = True) -> str:
    skipped = numbers_mod.skipped_words(tables.get("skipped_numbers"))
    return answer_words(tables["series"], tables["estimates"], annualise) + (f"\n\n{skipped}" if skipped else "")


def _names(rows):
    """The claimants as the text names them (for sources the codebook lacks)."""
    return rows["claimant_text"] if "claimant_text" in rows else [None] * len(rows)


def _months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def series(numbers: pd.DataFrame, measures=SERIES_MEASURES) -> pd.DataFrame:
    """One row per (measure, period, value) with a stated period.

    Columns: measure, period_start, period_end, months (length of the period),
    partial (shorter than 12 months), cumulative (longer than 12 months: a running total
    such as "since 2022", kept apart from the per-year series), value (the stated count:
    the low bound, or the high bound of an "up to" claim), hedge, annual_pace (value
    scaled to 12 months; equal to value for full years), claimant (chains in words, all
    sources of the value), sources (stories that report this value, copies of one story
    counted once), doc_ids, disagreement (another value is claimed for the same measure
    and period: both are kept, never averaged), doc_id, outlet, published, start, end
    (raw span of the first cited), sentence, copy_group, copies (other copies of the story
    carrying the value: ``copies.merge``); sorted by measure, period, value.
    """
    rows = numbers[numbers["measure"].isin(measures) & numbers["period_start"].notna()].copy()
    cols = ["measure", "period_start", "period_end", "months", "partial", "cumulative", "value", "hedge",
            "annual_pace", "claimant", "sources", "doc_ids", "disagreement", "doc_id", "outlet", "published",
            "start", "end", "sentence", "copy_group", "copies"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = copies_mod.merge(rows, copies_mod.NUMBER_KEY)
    rows["period_start"] = pd.to_datetime(rows["period_start"])
    rows["period_end"] = pd.to_datetime(rows["period_end"])
    rows["months"] = [_months(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    rows["partial"] = rows["months"] < 12
    rows["cumulative"] = rows["months"] > 12
    rows["value"] = rows["low"].where(rows["low"].notna(), rows["high"])
    rows["annual_pace"] = rows["value"] * 12 / rows["months"]
    rows["claimant"] = [claimant_chain(c, v, n) for c, v, n in zip(rows["claimant"], rows["via"], _names(rows))]
    rows = rows.sort_values(["measure", "period_start", "period_end", "value", "doc_id", "start"])
    key = ["measure", "period_start", "period_end", "value"]
    same = rows.groupby(key, sort=False)
    first = same.head(1).copy()
    # one value reported by several stories is one value with several sources
    first["claimant"] = same["claimant"].transform(lambda c: "; ".join(dict.fromkeys(c))).loc[first.index]
    first["doc_ids"] = same["doc_id"].transform(lambda d: "; ".join(dict.fromkeys(d))).loc[first.index]
    first["sources"] = same["doc_id"].transform("nunique").loc[first.index].astype(int)
    first["disagreement"] = first.groupby(["measure", "period_start", "period_end"])["value"].transform("nunique") > 1
    return first[cols].reset_index(drop=True)


def per_period(s: pd.DataFrame) -> pd.DataFrame:
    """The per-year (and shorter) rows of a series: cumulative totals left out."""
    return s[~s["cumulative"].astype(bool)] if "cumulative" in s else s


def growth(s: pd.DataFrame) -> pd.DataFrame:
    """Multiples between consecutive periods of each measure, on annual pace; cumulative
    totals are never compared with single periods.

    Columns: measure, from_period, to_period, multiple, to_partial, disputed (either
    period has two different values: the first cited stands for it, and the answer
    says so). A period that overlaps the one before it is not compared with it.
    """
    out = []
    for measure, g in per_period(s).groupby("measure", sort=False):
        disputed = set(g.loc[g.get("disagreement", pd.Series(False, index=g.index)).astype(bool)]
                       .apply(period_label, axis=1)) if len(g) else set()
        g = g.drop_duplicates(["period_start", "period_end"]).reset_index(drop=True)
        for a, b in zip(g.index[:-1], g.index[1:]):
            if g.at[b, "period_start"] <= g.at[a, "period_end"]:
                continue
            frm, to = period_label(g.loc[a]), period_label(g.loc[b])
            out.append({"measure": measure, "from_period": frm, "to_period": to,
                        "multiple": g.at[b, "annual_pace"] / g.at[a, "annual_pace"], "to_partial": bool(g.at[b, "partial"]),
                        "disputed": frm in disputed or to in disputed})
    return pd.DataFrame(out, columns=["measure", "from_period", "to_period", "multiple", "to_partial", "disputed"])


def estimates(numbers: pd.DataFrame, measures=ESTIMATE_MEASURES) -> pd.DataFrame:
    """Estimates of the total, one row per distinct claim (same claimant and bounds
    counted once). Columns: measure, low, high, texts (all wordings as written),
    hedges, claimant (chains in words), vague (the bound is the reading of words such
    as "tens of thousands", not a stated number),
    sources (number of rows, copies of one story counted once), doc_ids, spans
    ("doc:start-end; ..."), sentence (first), copies (the other copies carrying it)."""
    rows = numbers[numbers["measure"].isin(measures) & numbers["kind"].isin(["count", "vague"])
                   & (numbers["low"].notna() | numbers["high"].notna())].copy()
    cols = ["measure", "low", "high", "texts", "hedges", "claimant", "vague", "sources", "doc_ids", "spans",
            "sentence", "copies"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = copies_mod.merge(rows, copies_mod.NUMBER_KEY)
    rows["claimant_chain"] = [claimant_chain(c, v, n) for c, v, n in zip(rows["claimant"], rows["via"], _names(rows))]
    out = []
    for (measure, low, high, claimant), g in rows.groupby(
            ["measure", rows["low"].fillna(-1), rows["high"].fillna(-1), "claimant"], sort=False):
        out.append({"measure": measure, "low": None if low == -1 else low, "high": None if high == -1 else high,
                    "texts": "; ".join(dict.fromkeys(g["text"])),
                    "hedges": "; ".join(dict.fromkeys(g["hedge"].fillna("(none)"))),
                    "claimant": "; ".join(dict.fromkeys(g["claimant_chain"])),
                    "vague": bool((g["kind"] == "vague").all()), "sources": len(g),
                    "doc_ids": "; ".join(dict.fromkeys(g["doc_id"])),
                    "spans": "; ".join(f"{d}:{s}-{e}" for d, s, e in zip(g["doc_id"], g["start"], g["end"])),
                    "sentence": g["sentence"].iloc[0], "copies": copies_mod.joined(g["copies"])})
    return pd.DataFrame(out, columns=cols)


def period_label(row) -> str:
    """'2022', 'Jan–Sep 2024': the house date style (``wording.period``)."""
    return wording.period(row["period_start"], row["period_end"])


def change(multiple: float) -> str:
    """'rose 2.7-fold' or 'fell to 0.33 times the level of': the verb follows the data."""
    return f"rose {multiple:.1f}-fold" if multiple >= 1 else f"fell to {multiple:.2f} times the level of"


def fmt(value: float) -> str:
    return f"{value:,.0f}"


def _values(g: pd.DataFrame) -> str:
    """'9,000 in 2022 (2 sources), 12,000 in 2022 (values differ)': every value of a measure."""
    out = []
    for r in g.to_dict("records"):
        notes = [f"{r['sources']} sources"] if r.get("sources", 1) > 1 else []
        if r.get("disagreement"):
            notes.append("values differ")
        out.append(f"{fmt(r['value'])} in {period_label(r)}" + (f" ({'; '.join(notes)})" if notes else ""))
    return ", ".join(out)


def answer_words(s: pd.DataFrame, est: pd.DataFrame, annualise: bool = True) -> str:
    """The finding in words, from the computed tables; the annualised projection of a
    partial period only when ``annualise`` (the notebook's parameter) asks for it."""
    if s.empty:
        return "No evidence for this question in the corpus: no numeric claim about desertion prosecutions with a stated period."
    parts = []
    for measure, whole in s.groupby("measure", sort=False):
        g = per_period(whole).reset_index(drop=True)
        cum = whole[whole["cumulative"].astype(bool)] if "cumulative" in whole else whole.iloc[:0]
        text = f"{measure_words(measure, capital=True)}: "
        if len(g):
            last = g.iloc[-1]
            full = g[~g["partial"]]
            text += _values(g) + "."
            if len(full) >= 2:
                a, b = full.iloc[0], full.iloc[-1]
                verb = change(b.value / a.value)
                text += (f" They {verb} from {period_label(a)} to {period_label(b)}." if b.value >= a.value else
                         f" In {period_label(b)} they {verb} {period_label(a)}.")
                if bool(a.get("disagreement")) or bool(b.get("disagreement")):
                    text += " (Sources disagree on one of those periods; the first cited value is used.)"
            if last["partial"] and len(g) >= 2 and annualise and last["months"] >= MIN_PACE_MONTHS:
                prev = g.iloc[-2]
                text += (f" The {period_label(last)} figure covers only {last['months']} months; at that pace the full year would reach "
                         f"{draw.about(last['annual_pace'])}, {last['annual_pace'] / prev['annual_pace']:.1f} times "
                         f"{period_label(prev)} (a projection, not a reported figure).")
            elif last["partial"]:
                text += (f" The {period_label(last)} figure covers only {last['months']} months, so it is not "
                         f"compared with full years.")
        if len(cum):
            text += (" Running totals over more than a year, kept apart from the yearly figures: "
                     + _values(cum) + ".")
        claimants = "; ".join(dict.fromkeys("; ".join(whole["claimant"]).split("; ")))
        text += f" Claimed by: {claimants}."
        parts.append(text)
    for r in est.itertuples(index=False):
        bound = (f"as many as {fmt(r.high)}" if pd.isna(r.low) else
                 f"at least {fmt(r.low)}" + (" (our reading of vague words)" if getattr(r, "vague", False) else ""))
        parts.append(f"Kept apart from the series: an estimate of total desertions of {bound} "
                     f"({r.claimant}; worded “{'”, “'.join(r.texts.split('; '))}”; {r.sources} mention(s), counted once"
                     + (f"; also carried by the copies {r.copies}, not counted again" if getattr(r, "copies", "") else "")
                     + ").")
    merged = copies_mod.merged_words(s, "value")
    if merged:
        parts.append(merged)
    return " ".join(parts)


def title(s: pd.DataFrame, annualise: bool = True) -> str:
    """The figure's headline, from the same comparisons as the answer: full periods with
    full periods of one measure; a partial period's pace only as a projection, and only
    if ``annualise``; cumulative totals never."""
    g = growth(s)
    shown = list(dict.fromkeys(per_period(s)["measure"])) if len(s) else []
    plain = (f"{measure_words(shown[0], capital=True)} by period" if len(shown) == 1 else
             f"{wording.join(measure_words(m) for m in shown).capitalize()} by measure and period, as claimed"
             if shown else "No figures by period for the measures asked for")
    if g.empty:
        return plain
    partial = set(s.loc[s["partial"].astype(bool)].apply(period_label, axis=1)) if len(s) else set()
    full = g[~g["to_partial"] & ~g["from_period"].isin(partial)]
    measure = full.iloc[0]["measure"] if len(full) else g.iloc[0]["measure"]
    words = measure_words(measure, capital=True)
    if len(full):
        best = full.iloc[0]
        text = (f"{words} {change(best['multiple'])} from {best['from_period']} to {best['to_period']}"
                if best["multiple"] >= 1 else
                f"{words} in {best['to_period']} {change(best['multiple'])} {best['from_period']}")
    else:
        text = f"{words} by period"
    mine = g[g["measure"] == measure]
    last = mine.iloc[-1] if len(mine) else None
    if last is not None and last["to_partial"]:
        row = s[(s["measure"] == measure) & (s.apply(period_label, axis=1) == last["to_period"])].iloc[0]
        if annualise and row["months"] >= MIN_PACE_MONTHS:
            text += (f"; at the {last['to_period']} pace the year would be {last['multiple']:.1f}x "
                     f"{last['from_period']} (projection)")
        else:
            text += f"; {fmt(row['value'])} in {last['to_period']} alone ({row['months']} months)"
    return text


# Most estimates the side panel draws; the rest are '+N more' (all in estimates.csv).
ESTIMATES_DRAWN = 6
# Most running totals drawn.
TOTALS_DRAWN = 6
# A pace is projected to a year only from this many months: one month says little of a year.
MIN_PACE_MONTHS = 3


def figure(s: pd.DataFrame, est: pd.DataFrame, annualise: bool = True):
    """One panel per measure on a time axis (a bar spans its period; partial periods
    hatched, their annualised pace an outlined bar; two values claimed for one period
    drawn side by side and marked, never averaged), and beside them, kept apart: running
    totals over more than a year, and the total-desertion estimates drawn as bounds (an
    upper bound is a line with an arrow down, a lower bound one with an arrow up; vague
    words are written, not drawn at a value)."""
    import textwrap

    import matplotlib.dates as mdates
    import matplotlib.ticker as mticker

    per = per_period(s)
    measures = list(dict.fromkeys(per["measure"])) or ["none"]
    colour = {m: PALETTE[(0, 2, 4, 5, 6)[i % 5]] for i, m in enumerate(dict.fromkeys(s["measure"]))}
    n = len(measures)
    height = min(draw.MAX_HEIGHT - 0.6, 3.0 + 1.6 * n)
    fig, _ = new_figure(width=10, height=height)
    fig.delaxes(fig.axes[0])
    rows = max(n, 2)
    gs = fig.add_gridspec(rows * 2, 2, width_ratios=[2.5, 1.3])  # no hspace: tight_layout refuses it
    step = rows * 2 // n
    left = []
    for i, m in enumerate(measures):
        ax = fig.add_subplot(gs[i * step:(i + 1) * step, 0], sharex=left[0] if left else None)
        left.append(ax)
        g = per[per["measure"] == m]
        drawn = []      # periods already labelled in this panel: a label over an overlapping one is raised
        for (ps, pe), slot in g.groupby(["period_start", "period_end"], sort=False):
            k = len(slot)
            x0, width = mdates.date2num(ps), mdates.date2num(pe + pd.Timedelta(days=1)) - mdates.date2num(ps)
            for j, r in enumerate(slot.to_dict("records")):
                xs = x0 + width * j / k
                style = draw.hatched(colour[m]) if r["partial"] else {"color": colour[m]}
                ax.bar(xs, r["value"], width=width / k * 0.92, align="edge", **style)
                pace = annualise and r["partial"] and r["months"] >= MIN_PACE_MONTHS
                if pace:
                    ax.bar(xs, r["annual_pace"], width=width / k * 0.92, align="edge", fill=False,
                           edgecolor=PALETTE[1], linestyle="--", linewidth=1.2)
                label = fmt(r["value"]) + (f" ({r['sources']} sources)" if r["sources"] > 1 else "")
                if r["disagreement"]:
                    label += " ≠"
                level = sum(1 for a, b in drawn if a <= pe and ps <= b)
                drawn.append((ps, pe))
                ax.annotate(label, (x0 + width / 2, max(r["value"], r["annual_pace"] if pace else 0)),
                            xytext=(0, 2 + 11 * level), textcoords="offset points", ha="center", va="bottom",
                            fontsize=8)
        paced = g["partial"] & (g["months"] >= MIN_PACE_MONTHS)
        top = max([1, *g["value"], *(g.loc[paced, "annual_pace"] if annualise else [])])
        stacked = max([1, *g.groupby(["period_start", "period_end"]).size()]) + 1
        ax.set_ylim(0, top * (1.25 + 0.2 * stacked))
        ax.set_title(measure_words(m, capital=True) if m != "none" else "no per-year figures", loc="left",
                     fontsize=9.5, color=colour.get(m, "#333333"))
        ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
        draw.date_axis(ax.xaxis, maxticks=8)
        if i < n - 1:
            ax.tick_params(labelbottom=False)
    left[-1].set_xlabel("bars span the period stated; hatched: part of a year\n"
                        + ("dashed: annualised pace (projection); " if annualise else "") + "≠: sources disagree")
    # running totals, kept apart
    half = rows
    ax_c = fig.add_subplot(gs[:half, 1])
    cum = s[s["cumulative"].astype(bool)] if len(s) else s
    shown = cum.head(TOTALS_DRAWN)
    for i, r in enumerate(shown.to_dict("records")):
        ax_c.barh(i, r["value"], color=colour[r["measure"]], height=0.6)
        ax_c.annotate(f"{fmt(r['value'])}, {period_label(r)}", (r["value"], i), xytext=(3, 0),
                      textcoords="offset points", va="center", fontsize=8)
    ax_c.set_yticks(range(len(shown)), [textwrap.shorten(measure_words(m), 22) for m in shown["measure"]], fontsize=8)
    ax_c.invert_yaxis()
    ax_c.set_xlim(0, max([1, *shown["value"]]) * 2.2)
    ax_c.xaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    _side_panel(ax_c, "Running totals over more than a year\n(not compared with years", len(cum), len(shown))
    # estimates of deserters: another measure
    ax2 = fig.add_subplot(gs[half:, 1])
    drawn_est = est.head(ESTIMATES_DRAWN)
    values = [(r["high"] if pd.isna(r["low"]) else r["low"]) for r in drawn_est.to_dict("records") if not r.get("vague")]
    top2 = max([1, *values]) * 1.6
    for i, r in enumerate(drawn_est.to_dict("records")):
        if r.get("vague"):
            continue
        upper = pd.isna(r["low"])
        val = r["high"] if upper else r["low"]
        ax2.plot([i - 0.3, i + 0.3], [val, val], color=PALETTE[1], linewidth=2.5, solid_capstyle="butt")
        ax2.annotate("", xy=(i, val * (0.72 if upper else 1.28)), xytext=(i, val),
                     arrowprops={"arrowstyle": "-|>", "color": PALETTE[1], "linewidth": 1.6})
    ax2.set_xticks(range(len(drawn_est)),
                   [f"{'≤' if pd.isna(r['low']) else '≥'}{draw.count(r['high'] if pd.isna(r['low']) else r['low'])}"
                    if not r.get("vague") else "\n".join(textwrap.wrap(textwrap.shorten(f"“{r['texts'].split('; ')[0]}” (words)", 30), 16))
                    for r in drawn_est.to_dict("records")], fontsize=8, rotation=45, ha="right")
    ax2.set_xlim(-0.6, max(len(drawn_est), 1) - 0.4)
    ax2.set_ylim(0, top2)
    ax2.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    _side_panel(ax2, "Estimates of deserters\n(not prosecutions", len(est), len(drawn_est))
    draw.headline(fig, title(s, annualise))
    return fig


def _side_panel(ax, title_text: str, total: int, drawn: int) -> None:
    """A side panel's title with '+N more' when it draws only some rows, and 'none claimed' when empty."""
    ax.set_title(title_text + (f"; +{total - drawn} more)" if total > drawn else ")"), fontsize=9.5, loc="left")
    if not total:
        ax.text(0.5, 0.5, "none claimed", ha="center", va="center", transform=ax.transAxes, fontsize=8,
                color="#555555")
        ax.set_xticks([])


def measure_words(measure: str, capital: bool = False) -> str:
    """How titles and answers name a measure: the ``words`` column of measures.csv."""
    words = _measure_column("words").get(measure) or measure.replace("_", " ")
    return words[0].upper() + words[1:] if capital else words


def _measure_column(column: str) -> dict:
    from analysis.corpus import rulefiles

    return rulefiles.measure_column(column) if column in rulefiles.MEASURE_COLUMNS else {}


def measure_labels() -> dict:
    return _measure_column("label")


def measure_ids() -> list[str]:
    return list(_measure_column("measure_id"))


def evidence_rows(numbers: pd.DataFrame, measures=SERIES_MEASURES, estimate_measures=ESTIMATE_MEASURES) -> pd.DataFrame:
    """Every numeric claim behind the figure, one row each.

    Columns: role (series / estimate), measure, doc_id, outlet, published, date_basis,
    text (as written), low, high, hedge, period_start, period_end, claimant (chain in
    words), verification, start, end (raw-file span), sentence, copies, copy_spans (the
    same claim in other copies of the story: one row, see ``copies.merge``).
    """
    series_rows = numbers["measure"].isin(measures) & numbers["period_start"].notna()
    est_rows = numbers["measure"].isin(estimate_measures) & numbers["kind"].isin(["count", "vague"])
    rows = numbers[series_rows | est_rows].copy()
    rows["role"] = ["series" if s else "estimate" for s in series_rows[series_rows | est_rows]]
    rows = copies_mod.merge(rows, ("role", *copies_mod.NUMBER_KEY))
    rows["claimant"] = [claimant_chain(c, v, n) for c, v, n in zip(rows["claimant"], rows["via"], _names(rows))]
    cols = ["role", "measure", "doc_id", "outlet", "published", "date_basis", "text", "low", "high", "hedge",
            "period_start", "period_end", "claimant", "verification", "start", "end", "sentence", "copies",
            "copy_spans"]
    return rows.reindex(columns=cols).sort_values(["role", "measure", "period_start", "doc_id", "start"],
                                                  ascending=[False, True, True, True, True]).reset_index(drop=True)
