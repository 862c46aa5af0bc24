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

WIDTH, HEIGHT = 9.0, 5.0
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
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "svg.hashsalt": "ukraine-war-coverage",
    "svg.fonttype": "path",
    "path.simplify": False,
}


def use_house_style() -> None:
    matplotlib.rcParams.update(STYLE)


def new_figure(width: float = WIDTH, height: float = HEIGHT, **kwargs):
    """``plt.subplots`` in the house style, at an explicit size."""
    use_house_style()
    return plt.subplots(figsize=(width, height), **kwargs)


def source_note(documents: pd.DataFrame) -> str:
    """'Source: 000 World Socialist Web Site, 2023-03-30; 001 ... (date inferred)'."""
    parts = []
    for d in documents.sort_values("doc_id").itertuples(index=False):
        date = "undated" if pd.isna(d.published) else pd.Timestamp(d.published).strftime("%Y-%m-%d")
        flag = " (date inferred)" if d.date_basis == "inferred" else ""
        parts.append(f"{d.doc_id} {d.outlet}, {date}{flag}")
    return "Source: " + "; ".join(parts) if parts else "Source: no documents"


def save_figure(fig, out_dir, name: str, documents: pd.DataFrame, note: str = "") -> list[Path]:
    """Save ``fig`` as ``out_dir/name.png`` and ``.svg`` with a source note; close it.

    ``documents`` is the slice of the documents table the figure draws on.
    Returns the two paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    text = source_note(documents) + (f". {note}" if note else "")
    width_chars = int(fig.get_figwidth() * 15)
    wrapped = "\n".join(textwrap.wrap(text, width_chars))
    lines = wrapped.count("\n") + 1
    fig.text(0.01, 0.01, wrapped, ha="left", va="bottom", fontsize=7.5, color="#555555")
    fig.tight_layout(rect=(0, 0.03 + 0.028 * lines, 1, 1))
    paths = [out_dir / f"{name}.png", out_dir / f"{name}.svg"]
    fig.savefig(paths[0], format="png", metadata={"Software": None})
    fig.savefig(paths[1], format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return paths


def show(paths) -> None:
    """Display a saved figure's PNG in the notebook (the file, not a re-render)."""
    from IPython.display import Image, display

    png = [p for p in paths if str(p).endswith(".png")][0]
    display(Image(filename=str(png)))
