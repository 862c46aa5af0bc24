"""How fast are desertion prosecutions rising? Series, estimates and the answer in words.

Everything comes from the ``numbers`` evidence table (``evidence.numbers``): no
figure is typed here. Periods come from the text ("in 2022", "during the first
nine months of 2024"); a period shorter than a year is kept as partial and its
annualised pace is computed separately, never silently compared as a full year.
"""
from __future__ import annotations

import pandas as pd

from . import copies as copies_mod
from . import figures
from .actors import chain_names as claimant_chain
from .figures import PALETTE, new_figure

SERIES_MEASURES = ("awol_cases", "desertion_cases", "desertion_prosecutions", "people_prosecuted")
ESTIMATE_MEASURES = ("deserters",)


def _names(rows):
    """The claimants as the text names them (for sources the codebook lacks)."""
    return rows["claimant_text"] if "claimant_text" in rows else [None] * len(rows)


def _months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def series(numbers: pd.DataFrame, measures=SERIES_MEASURES) -> pd.DataFrame:
    """One row per (measure, period) with a stated value.

    Columns: measure, period_start, period_end, months (length of the period),
    partial (shorter than 12 months), value (the stated count: the low bound, or
    the high bound of an "up to" claim), hedge, annual_pace (value scaled to 12
    months; equal to value for full years), claimant (chain in words), doc_id,
    outlet, published, start, end (raw span), sentence, copy_group, copies (other copies
    of the story carrying the value, counted once: ``copies.merge``); sorted by measure, period.
    """
    rows = numbers[numbers["measure"].isin(measures) & numbers["period_start"].notna()].copy()
    cols = ["measure", "period_start", "period_end", "months", "partial", "value", "hedge", "annual_pace",
            "claimant", "doc_id", "outlet", "published", "start", "end", "sentence", "copy_group", "copies"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = copies_mod.merge(rows, copies_mod.NUMBER_KEY)
    rows["period_start"] = pd.to_datetime(rows["period_start"])
    rows["period_end"] = pd.to_datetime(rows["period_end"])
    rows["months"] = [_months(s, e) for s, e in zip(rows["period_start"], rows["period_end"])]
    rows["partial"] = rows["months"] < 12
    rows["value"] = rows["low"].where(rows["low"].notna(), rows["high"])
    rows["annual_pace"] = rows["value"] * 12 / rows["months"]
    rows["claimant"] = [claimant_chain(c, v, n) for c, v, n in zip(rows["claimant"], rows["via"], _names(rows))]
    rows = rows.drop_duplicates(["measure", "period_start", "period_end", "value"])
    return rows.sort_values(["measure", "period_start", "period_end", "value", "doc_id", "start"])[cols] \
        .reset_index(drop=True)


def growth(s: pd.DataFrame) -> pd.DataFrame:
    """Multiples between consecutive periods of each measure, on annual pace.

    Columns: measure, from_period, to_period, multiple, to_partial. Where a period has
    several values (different sources), the first cited one stands for it.
    """
    out = []
    for measure, g in s.groupby("measure", sort=False):
        # one value per period (the first cited) so that a period is never compared with itself
        g = g.drop_duplicates(["period_start", "period_end"]).reset_index(drop=True)
        for a, b in zip(g.index[:-1], g.index[1:]):
            out.append({"measure": measure, "from_period": period_label(g.loc[a]), "to_period": period_label(g.loc[b]),
                        "multiple": g.at[b, "annual_pace"] / g.at[a, "annual_pace"], "to_partial": bool(g.at[b, "partial"])})
    return pd.DataFrame(out, columns=["measure", "from_period", "to_period", "multiple", "to_partial"])


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
    """'2022', 'Jan–Sep 2024': the house date style (``figures.period``)."""
    return figures.period(row["period_start"], row["period_end"])


def change(multiple: float) -> str:
    """'rose 2.7-fold' or 'fell to 0.33 times the level of': the verb follows the data."""
    return f"rose {multiple:.1f}-fold" if multiple >= 1 else f"fell to {multiple:.2f} times the level of"


def fmt(value: float) -> str:
    return f"{value:,.0f}"


def answer(s: pd.DataFrame, est: pd.DataFrame, annualise: bool = True) -> str:
    """The finding in words, from the computed tables; the annualised projection of a
    partial period only when ``annualise`` (the notebook's parameter) asks for it."""
    if s.empty:
        return "No evidence for this question in the corpus: no numeric claim about desertion prosecutions with a stated period."
    parts = []
    for measure, g in s.groupby("measure", sort=False):
        g = g.reset_index(drop=True)
        last = g.iloc[-1]
        full = g[~g["partial"]]
        text = f"{measure.replace('_', ' ').capitalize()}: " + ", ".join(
            f"{fmt(r.value)} in {period_label(r._asdict())}" for r in g.itertuples(index=False)) + "."
        if len(full) >= 2:
            a, b = full.iloc[0], full.iloc[-1]
            verb = change(b.value / a.value)
            text += (f" They {verb} from {period_label(a)} to {period_label(b)}." if b.value >= a.value else
                     f" In {period_label(b)} they {verb} {period_label(a)}.")
        if last["partial"] and len(g) >= 2 and annualise:
            prev = g.iloc[-2]
            text += (f" The {period_label(last)} figure covers only {last['months']} months; at that pace the full year would reach "
                     f"{figures.about(last['annual_pace'])}, {last['annual_pace'] / prev['annual_pace']:.1f} times "
                     f"{period_label(prev)} (a projection, not a reported figure).")
        elif last["partial"]:
            text += (f" The {period_label(last)} figure covers only {last['months']} months, so it is not "
                     f"compared with full years.")
        claimants = "; ".join(dict.fromkeys(g["claimant"]))
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
    full periods; a partial period's pace only as a projection, and only if ``annualise``."""
    g = growth(s)
    partial = set(s.loc[s["partial"].astype(bool)].apply(period_label, axis=1)) if len(s) else set()
    full = g[~g["to_partial"] & ~g["from_period"].isin(partial)]
    if full.empty and g.empty:
        return "Desertion prosecutions by period"
    if len(full):
        best = full.iloc[0]
        text = (f"Desertion prosecutions {change(best['multiple'])} from {best['from_period']} "
                f"to {best['to_period']}" if best["multiple"] >= 1 else
                f"Desertion prosecutions in {best['to_period']} {change(best['multiple'])} {best['from_period']}")
    else:
        text = "Desertion prosecutions by period"
    last = g.iloc[-1] if len(g) else None
    if last is not None and last["to_partial"]:
        row = s[s.apply(period_label, axis=1) == last["to_period"]].iloc[0]
        if annualise:
            text += (f"; at the {last['to_period']} pace the year would be {last['multiple']:.1f}x "
                     f"{last['from_period']} (projection)")
        else:
            text += f"; {fmt(row['value'])} in {last['to_period']} alone ({row['months']} months)"
    return text


def figure(s: pd.DataFrame, est: pd.DataFrame, annualise: bool = True):
    """Bars per period (partial periods hatched, annualised pace as an outlined bar) and
    the total-desertion estimates in a separate panel, drawn as bounds: an upper bound
    ("as many as") is a line with an arrow down, a lower bound ("at least") one with an
    arrow up; vague words ("tens of thousands") are written, not drawn at a value."""
    fig, axes = new_figure(width=10, height=5.2, ncols=2, gridspec_kw={"width_ratios": [3, 1.2]})
    ax, ax2 = axes
    labels = [period_label(r) + (f"\n({r['months']} months reported)" if r["partial"] else "")
              for r in s.to_dict("records")]
    x = range(len(s))
    measures = list(dict.fromkeys(s["measure"]))
    colour = {m: PALETTE[(0, 2, 4, 5, 6)[i % 5]] for i, m in enumerate(measures)}
    names = measure_labels()
    labelled = set()
    for i, r in enumerate(s.to_dict("records")):
        label = None
        if len(measures) > 1 and r["measure"] not in labelled:
            label = names.get(r["measure"], r["measure"])
            labelled.add(r["measure"])
        style = figures.hatched(colour[r["measure"]]) if r["partial"] else {"color": colour[r["measure"]]}
        ax.bar(i, r["value"], label=label, **style)
        ax.annotate(fmt(r["value"]), (i, r["value"]),
                    xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
        if annualise and r["partial"]:
            ax.bar(i, r["annual_pace"], fill=False, edgecolor=PALETTE[1], linestyle="--", linewidth=1.5)
            ax.annotate(f"annualised pace {figures.about(r['annual_pace'])}\n(projection)", (i, r["annual_pace"]),
                        xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8, color=PALETTE[1])
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("people prosecuted (count)" if measures == ["desertion_prosecutions"] else "count, as claimed")
    if len(measures) > 1:
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_xlabel("period stated in the text (hatched: partial period)")
    top = max([*s["value"], *(s["annual_pace"] if annualise else [])], default=1)
    ax.set_ylim(0, top * 1.25)
    figures.headline(fig, title(s, annualise))
    import matplotlib.ticker as mticker
    for a in axes:
        a.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    ax2.set_title("Total-desertion estimates\n(not prosecutions)", fontsize=10)
    import textwrap
    drawn = [r for r in est.to_dict("records") if not r.get("vague")]
    top2 = max([1, *[(r["high"] if pd.isna(r["low"]) else r["low"]) for r in drawn]]) * 1.35
    for i, r in enumerate(est.to_dict("records")):
        wording = r["texts"].split("; ")[0]
        if r.get("vague"):
            ax2.text(i, top2 * 0.5, "\n".join(textwrap.wrap(f"“{wording}”", 14)) + "\n(vague words:\nno number\nto draw)",
                     ha="center", va="center", fontsize=8, color="#444444", fontstyle="italic")
            continue
        upper = pd.isna(r["low"])
        val = r["high"] if upper else r["low"]
        ax2.plot([i - 0.3, i + 0.3], [val, val], color=PALETTE[1], linewidth=2.5, solid_capstyle="butt")
        ax2.annotate("", xy=(i, val * (0.72 if upper else 1.28)), xytext=(i, val),
                     arrowprops={"arrowstyle": "-|>", "color": PALETTE[1], "linewidth": 1.6})
        label = ("at most " if upper else "at least ") + fmt(val) + f"\n“{wording}”"
        ax2.annotate(label, (i, val), xytext=(0, 6 if upper else -6), textcoords="offset points", ha="center",
                     va="bottom" if upper else "top", fontsize=8)
    ax2.set_xticks(range(len(est)), ["\n".join(textwrap.wrap(c.split(";")[0], 18)) for c in est["claimant"]],
                   fontsize=7)
    ax2.set_xlim(-0.6, max(len(est), 1) - 0.4)
    ax2.set_ylabel("claimed desertions (count)")
    ax2.set_ylim(0, top2)
    return fig


def measure_labels() -> dict:
    from .paths import DATA

    m = pd.read_csv(DATA / "measures.csv")
    return dict(zip(m["measure_id"], m["label"]))


def measure_ids() -> list[str]:
    from .paths import DATA

    return pd.read_csv(DATA / "measures.csv")["measure_id"].tolist()


def evidence_table(numbers: pd.DataFrame, measures=SERIES_MEASURES, estimate_measures=ESTIMATE_MEASURES) -> pd.DataFrame:
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
