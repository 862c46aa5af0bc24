"""One house style and one save function for every figure.

``save_figure`` writes PNG and SVG that are byte-identical across runs (Agg
backend, fixed SVG hash salt, no date or software metadata, explicit size) and
stamps a source note naming the documents behind the figure.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.kit.wording import day  # noqa: E402

# The site's column (site.css: body max-width 60rem = 960 CSS px = 10 in): a figure this
# wide is shown at its own size, so a label of MIN_FONT pt reads MIN_FONT pt on the site.
# A wider one would be scaled down (13 in to 0.77: 7 pt labels read 5.4 pt).
COLUMN_WIDTH = 10.0
WIDTH, HEIGHT = COLUMN_WIDTH, 5.0
MIN_FONT = 8.0
DPI = 120
PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2f5597", "#a50021", "#5a5a5a"]
STYLE = {
    "figure.figsize": (WIDTH, HEIGHT),
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "svg.hashsalt": "ukraine-war-coverage",
    "svg.fonttype": "path",
    "path.simplify": False,
    "hatch.linewidth": 0.9,
}
# The tallest a figure may be; a chart with more rows shows the first ones and "+N more".
MAX_HEIGHT = 9.0
MAX_WIDTH = COLUMN_WIDTH


def use_house_style() -> None:
    matplotlib.rcParams.update(STYLE)


def new_figure(width: float = WIDTH, height: float = HEIGHT, **kwargs):
    """``plt.subplots`` in the house style, at an explicit size: never wider than the
    site's column (a wider ``width`` is taken as the column)."""
    use_house_style()
    return plt.subplots(figsize=(min(width, COLUMN_WIDTH), height), **kwargs)


def legible(fig, minimum: float = MIN_FONT) -> None:
    """Raise every text of ``fig`` (labels, ticks, legends, notes) to at least ``minimum`` pt."""
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        if t.get_fontsize() < minimum:
            t.set_fontsize(minimum)
    for legend in fig.findobj(Legend):   # its handles were laid out for the old size
        legend.prop.set_size(max(legend.prop.get_size_in_points(), minimum))


# ---------------------------------------------------------------- date axes
def _tick(x, _pos=None) -> str:
    import matplotlib.dates as mdates

    t = pd.Timestamp(mdates.num2date(x)).tz_localize(None)
    return f"{t:%b %Y}" if t.day == 1 else day(t)


# The room one date tick label takes on an x axis ('29 Nov 2024' at 10 pt, and a gap).
TICK_INCHES = 1.1


def _fitting_locator(maxticks: int):
    """An AutoDateLocator that, each time it is drawn, asks for no more ticks than fit
    along its axis as laid out: a figure drawn at the column width keeps its labels apart."""
    import matplotlib.dates as mdates

    class FittingDateLocator(mdates.AutoDateLocator):
        def __call__(self):
            import warnings

            fit = maxticks
            if self.axis is not None and self.axis.axes is not None and self.axis.axis_name == "x":
                ax = self.axis.axes
                fit = max(3, min(maxticks, int(ax.get_position().width * ax.figure.get_figwidth() / TICK_INCHES)))
            # fewest ticks that fit and that matplotlib has an interval for (else it warns)
            for n in range(fit, max(fit, maxticks) + 1):
                self.maxticks = dict.fromkeys(self.maxticks, n)
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    ticks = super().__call__()
                if not caught:
                    return ticks
            return ticks

    return FittingDateLocator(minticks=3, maxticks=maxticks)


def date_axis(axis, maxticks: int = 8) -> None:
    """Date ticks in the house style ('Mar 2023', '6 Mar 2023') on a matplotlib x or y axis,
    at most ``maxticks`` and no more than fit along an x axis."""
    import matplotlib.ticker as mticker

    axis.set_major_locator(_fitting_locator(maxticks))
    axis.set_major_formatter(mticker.FuncFormatter(_tick))


def about(value) -> str:
    """A projection or estimate to two significant figures: 'about 67,000', never '≈66,667'."""
    import math

    v = float(value)
    if v == 0 or not math.isfinite(v):
        return f"about {v:,.0f}"
    rounded = round(v, 1 - int(math.floor(math.log10(abs(v)))))
    return f"about {rounded:,.0f}"


def count(value) -> str:
    """A count as a table shows it: '1,060'; '' for a missing value (never 'nan' or '1060.0')."""
    if value is None or pd.isna(value):
        return ""
    v = float(value)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.1f}"


# ---------------------------------------------------------------- marks

def tint(colour: str, amount: float = 0.62) -> str:
    """``colour`` mixed with white: the fill of a hatched bar, so the hatch (drawn in
    the full colour) stays visible in PNG and SVG alike."""
    from matplotlib.colors import to_hex, to_rgb

    r, g, b = to_rgb(colour)
    return to_hex((r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount))


def hatched(colour: str, hatch: str = "//") -> dict:
    """Bar keywords for a hatched mark: light fill, hatch and edge in the colour itself.
    (A hatch takes the edge colour; with fill and edge alike it vanishes in SVG.)"""
    return {"facecolor": tint(colour), "edgecolor": colour, "hatch": hatch, "linewidth": 1.0}


def cap_rows(n_rows: int, per_row: float, base: float, max_height: float = MAX_HEIGHT) -> tuple[int, float]:
    """(rows to draw, figure height): at most ``max_height`` inches; the rest is '+N more'."""
    fits = max(1, int((max_height - base) / per_row))
    shown = min(n_rows, fits)
    return shown, base + per_row * max(shown, 1)


def top(frame, shown: int, weight) -> tuple:
    """(the ``shown`` rows of ``frame`` with the largest ``weight``, ties to the first, kept
    in the order of their index labels; how many rows are left out): the rows a capped
    figure draws (``cap_rows``), the rest said as '+N more' under it."""
    if shown >= len(frame):
        return frame, 0
    weight = frame[weight] if isinstance(weight, str) else weight
    kept = frame.loc[sorted(weight.nlargest(shown, keep="first").index)]
    return kept, len(frame) - len(kept)


def more_note(ax, hidden: int, what: str = "rows") -> None:
    """'+12 more rows (all in the CSV)' under the last row drawn."""
    if hidden > 0:
        ax.text(0, -0.02, f"+{hidden} more {what} (all in the CSV)", transform=ax.transAxes, ha="left",
                va="top", fontsize=8.5, color="#555555", fontstyle="italic")


def headline(fig, text: str, fontsize: float = 12) -> None:
    """The figure's finding as its title, wrapped to the figure's width (never cut off)."""
    chars = max(30, int(fig.get_figwidth() * 72 / (fontsize * 0.62)))
    fig.suptitle("\n".join(textwrap.wrap(text, chars)) or text, x=0.01, ha="left", fontweight="bold",
                 fontsize=fontsize)


# The most documents a figure's own source note names; the SVG's description (the site's
# caption) names them all.
NOTE_DOCUMENTS = 12


def source_note(documents: pd.DataFrame, limit: int | None = None) -> str:
    """'Source: 000 World Socialist Web Site, 30 Mar 2023; 001 ... (date inferred)'; with
    ``limit``, the first ``limit`` documents and '; and 53 more documents'."""
    parts = []
    for d in documents.sort_values("doc_id").itertuples(index=False):
        date = "undated" if pd.isna(d.published) else day(d.published)
        flag = " (date inferred)" if d.date_basis == "inferred" else ""
        parts.append(f"{d.doc_id} {d.outlet}, {date}{flag}")
    if limit is not None and len(parts) > limit + 1:
        parts = parts[:limit] + [f"and {len(parts) - limit} more documents"]
    return "Source: " + "; ".join(parts) if parts else "Source: no documents"


def layout(fig, text: str) -> None:
    """The source note under the figure, then a tight layout around it (the room for the
    note is reserved in inches, so a short figure's axes do not run into it)."""
    width_chars = int(fig.get_figwidth() * 72 / (MIN_FONT * 0.6))
    wrapped = "\n".join(textwrap.wrap(text, width_chars))
    lines = wrapped.count("\n") + 1
    fig.text(0.01, 0.01, wrapped, ha="left", va="bottom", fontsize=MIN_FONT, color="#555555")
    note_inches = 0.15 + lines * MIN_FONT * 1.25 / 72
    fig.tight_layout(rect=(0, min(0.5, note_inches / fig.get_figheight()), 1, 1))


def finish(fig, documents: pd.DataFrame, note: str = "") -> str:
    """Labels raised to MIN_FONT, the source note (at most NOTE_DOCUMENTS documents named)
    under the figure and the layout; returns the full note, for the file's description."""
    suffix = f". {note}" if note else ""
    legible(fig)
    layout(fig, source_note(documents, limit=NOTE_DOCUMENTS) + suffix)
    return source_note(documents) + suffix


def title_overlaps(fig) -> list[str]:
    """The texts drawn over the figure's headline (its suptitle, else the first axes
    title): a check for tests, matplotlib's extents in display pixels."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    title = fig._suptitle if fig._suptitle is not None and fig._suptitle.get_text() else None
    if title is None:
        title = next((ax.title if ax.title.get_text() else ax._left_title for ax in fig.axes
                      if ax.title.get_text() or ax._left_title.get_text()), None)
    if title is None:
        return []
    box = title.get_window_extent(renderer)
    undrawn = _undrawn_ticks(fig)
    out = []
    for t in fig.findobj(Text):
        if t is title or id(t) in undrawn or not t.get_visible() or not t.get_text().strip():
            continue
        if t.get_window_extent(renderer).overlaps(box):
            out.append(t.get_text()[:60])
    return out


def text_overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of drawn texts (legend entries count as one box) whose extents overlap: a
    check for tests, matplotlib's extents in display pixels after the layout."""
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    fig.canvas.draw()       # labels take their laid-out places only when drawn
    renderer = fig.canvas.get_renderer()
    boxes, inside, undrawn = [], set(), _undrawn_ticks(fig)
    for legend in fig.findobj(Legend):
        inside |= {id(t) for t in legend.findobj(Text)}
        boxes.append(("legend", legend.get_window_extent(renderer)))
    for t in fig.findobj(Text):
        if id(t) in inside or not t.get_visible() or not t.get_text().strip() or id(t) in undrawn:
            continue
        boxes.append((t.get_text()[:40], t.get_window_extent(renderer)))
    out = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if box_a.overlaps(box_b) and box_a.width and box_b.width:
                out.append((a, b))
    return out


def _undrawn_ticks(fig) -> set:
    """Tick labels outside the view limits: they exist but are never drawn."""
    undrawn = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo <= tick.get_loc() <= hi:
                    undrawn |= {id(tick.label1), id(tick.label2)}
    return undrawn


def save_figure(fig, out_dir, name: str, documents: pd.DataFrame, note: str = "") -> list[Path]:
    """Save ``fig`` as ``out_dir/name.png`` and ``.svg`` with a source note; close it.

    ``documents`` is the slice of the documents table the figure draws on.
    Returns the two paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    text = finish(fig, documents, note)
    paths = [out_dir / f"{name}.png", out_dir / f"{name}.svg"]
    title = caption(fig)
    # the headline and the source note travel in the files: the site's captions read them from the SVG
    fig.savefig(paths[0], format="png", metadata={"Software": None, "Title": title, "Description": text})
    fig.savefig(paths[1], format="svg", metadata={"Date": None, "Creator": None, "Title": title,
                                                  "Description": text})
    plt.close(fig)
    return paths


def caption(fig) -> str:
    """The figure's headline on one line (its suptitle, else the first axes title)."""
    titles = [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center") if ax.get_title(loc)]
    text = fig.get_suptitle() or next(iter(titles), "")
    return " ".join(text.split())


def svg_caption(path) -> tuple[str, str]:
    """(headline, source note) stored in an SVG written by ``save_figure``."""
    import xml.etree.ElementTree as ET

    dc = "{http://purl.org/dc/elements/1.1/}"
    root = ET.parse(path).getroot()
    title = next((e.text or "" for e in root.iter(f"{dc}title")), "")
    note = next((e.text or "" for e in root.iter(f"{dc}description")), "")
    return " ".join(title.split()), " ".join(note.split())


def show(paths) -> None:
    """Display a saved figure's PNG in the notebook (the file, not a re-render)."""
    from IPython.display import Image, display

    png = [p for p in paths if str(p).endswith(".png")][0]
    display(Image(filename=str(png)))
