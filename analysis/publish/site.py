"""The static site in reports/: index.html, one page per article, rendered notebooks.

Built with Jinja2 (it ships with nbconvert), autoescaping on, no JavaScript and
no network, so it opens from file:// and can be published as is. Every span an
index citation points to has an anchor ``#s<start>-<end>`` (raw offsets) in its
article page, where quotations, numbers and dates are highlighted and labelled.
"""
from __future__ import annotations

import bisect
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from analysis import evidence
from analysis.corpus import tables as corpus_mod
from analysis.corpus.paths import NOTEBOOKS, resolve
from analysis.corpus.textmap import read_raw
from analysis.evidence import also_in, cite_id
from analysis.extract.actors import chain_names
from analysis.kit import figures, wording
from analysis.questions.corpus_overview import KIND_LABELS

TEMPLATES = Path(__file__).resolve().parent / "templates"
CITATIONS_PER_SECTION = 8


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=False, keep_trailing_newline=True)


def _date(ts) -> str:
    return "undated" if pd.isna(ts) else wording.day(ts)


_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "gen", "lt", "col", "sgt", "vs", "e.g", "i.e", "u.s", "u.k"}


def _sentences(paragraph: str) -> list[str]:
    """An answer paragraph cut at sentence ends (not after 'U.S.', 'Dr.' or an initial)."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[”’)]?\s+(?=[A-Z“\"*(\d])", paragraph):
        before = paragraph[start:m.start()].rstrip(".!?").split()
        last = before[-1].lower().strip("(“") if before else ""
        if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last):
            continue
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    out.append(paragraph[start:].strip())
    return [x for x in out if x]


def answer_items(answer: str) -> list[Markup]:
    """An answer.md as short bullets, each with its Markdown rendered (raw HTML in the
    text stays escaped: markdown-it with html off)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    items = []
    for para in re.split(r"\n\s*\n", answer.strip()):
        para = " ".join(para.split())
        if para:
            items.extend(Markup(md.renderInline(x)) for x in _sentences(para))
    return items


def figure_entry(folder: Path, name: str, svg: Path) -> dict:
    caption, note = figures.svg_caption(svg)
    return {"src": f"{name}/{svg.name}", "caption": caption or svg.stem.replace("_", " "), "note": note}


def notebook_intro(path: Path) -> tuple[str, str]:
    """(question, intro) from a notebook's first markdown cell: '# 02 · Question?' + text."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = next((c for c in nb["cells"] if c["cell_type"] == "markdown"), None)
    if first is None:
        return path.stem, ""
    lines = "".join(first["source"]).strip().splitlines()
    question = re.sub(r"^#+\s*(\d+\s*·\s*)?", "", lines[0]).strip()
    intro = " ".join(" ".join(lines[1:]).split()).replace("`", "")
    return question, intro


def citations(table: pd.DataFrame, c: corpus_mod.Corpus, raws: dict) -> list[dict]:
    """Citations for the first rows of an evidence CSV (needs doc_id, start, end) whose
    span shows at least two characters, each in the corpus sentence holding its start
    (``evidence.sentence_of``; the span alone when no sentence holds it)."""
    docs = c.documents.set_index("doc_id")
    picked = []
    for r in table.to_dict("records"):
        if len(picked) == CITATIONS_PER_SECTION:
            break
        doc_id, start, end = str(r["doc_id"]), int(r["start"]), int(r["end"])
        if doc_id not in docs.index:
            continue
        if len("".join(raws[doc_id][start:end].split())) < 2:
            continue    # a rejoined line break or one character: nothing a reader can see as evidence
        picked.append({**r, "doc_id": doc_id, "start": start, "end": end})
    if not picked:
        return []
    located = evidence.sentence_of(pd.DataFrame(picked), c)
    out = []
    for r, s0, s_end in zip(picked, located["sentence_start"], located["sentence_end"]):
        doc_id, start, end = r["doc_id"], r["start"], r["end"]
        holds = pd.notna(s0) and int(s_end) > start
        s0, s1 = (int(s0), max(int(s_end), end)) if holds else (start, end)
        raw = raws[doc_id]
        squash = lambda t: " ".join(t.split())  # noqa: E731
        claimant = r.get("claimant") if isinstance(r.get("claimant"), str) else r.get("speaker_name")
        out.append({"doc_id": doc_id, "start": start, "end": end, "cite": cite_id(doc_id, start, end),
                    "before": squash(raw[s0:start]) + (" " if raw[s0:start][-1:].isspace() else ""),
                    "span": squash(raw[start:end]),
                    "after": (" " if raw[end:s1][:1].isspace() else "") + squash(raw[end:s1]),
                    "claimant": claimant if isinstance(claimant, str) else "",
                    "outlet": docs.at[doc_id, "outlet"], "published": _date(docs.at[doc_id, "published"]),
                    "inferred": docs.at[doc_id, "date_basis"] == "inferred",
                    "also": also_in(r.get("copies"))})
    return out


def evidence_table(folder: Path) -> pd.DataFrame | None:
    """A notebook's evidence: its evidence.csv, else its first CSV whose rows cite spans
    (columns doc_id, start, end), e.g. 05's facts.csv or 01's cleaning_changes.csv."""
    paths = [folder / "evidence.csv"] + sorted(p for p in folder.glob("*.csv") if p.name != "evidence.csv")
    for path in paths:
        if path.exists():
            table = pd.read_csv(path, dtype={"doc_id": str, "copies": str})
            if {"doc_id", "start", "end"} <= set(table.columns):
                table = table.dropna(subset=["doc_id", "start", "end"])
                # a copy's row that its original's row stands for (and lists in ``copies``)
                return table[table["copy_row"] != True] if "copy_row" in table else table  # noqa: E712
    return None


def _label(kind: str, r: dict) -> str:
    via = r.get("via") if isinstance(r.get("via"), str) else ""
    if kind == "quote":
        who = r.get("speaker_name") or r.get("speaker") or "speaker not resolved"
        relay = chain_names("x", via)[len("x"):] if via else ""
        return f"quote: {who}{relay}"
    if kind == "term":
        return "quoted term"
    if kind == "number":
        bits = [str(r.get("measure") or "quantity")]
        if isinstance(r.get("claimant"), str):
            bits.append(f"claimed by {chain_names(r['claimant'], via)}")
        if isinstance(r.get("hedge"), str):
            bits.append(f"hedge '{r['hedge']}'")
        return "; ".join(bits)
    if kind == "timex":
        rng = r["date_start"] if r["date_start"] == r["date_end"] else f"{r['date_start']} to {r['date_end']}"
        return f"{rng} ({r['granularity']}{', from an inferred publication date' if r.get('anchor_inferred') else ''})"
    return "cited in the reports"


def render_spans(text: str, spans: list[tuple]) -> Markup:
    """``text`` escaped, with (start, end, css_class, anchor_id, label) spans as nested <mark>s.
    A span crossing its enclosing one is clipped to it; the anchor stays at its start."""
    spans = sorted(spans, key=lambda x: (x[0], -x[1], x[2]))
    out, stack, pos = [], [], 0

    def close(limit):
        nonlocal pos
        while stack and stack[-1][1] <= limit:
            s, e, cls, aid, label = stack.pop()
            out.append(str(escape(text[pos:e])))
            pos = e
            out.append(f'</mark><span class="tag">{escape(label)}</span>')

    for s, e, cls, aid, label in spans:
        close(s)
        if stack:
            e = min(e, stack[-1][1])
        if e <= s:
            continue
        out.append(str(escape(text[pos:s])))
        pos = s
        id_attr = f' id="{escape(aid)}"' if aid else ""
        out.append(f'<mark class="{cls}"{id_attr} title="{escape(label)}">')
        stack.append((s, e, cls, aid, label))
    close(len(text) + 1)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def article_pages(c: corpus_mod.Corpus, ev: evidence.Evidence, cited: set,
                  cited_by: dict | None = None) -> dict[str, dict]:
    """Per document: its metadata and paragraphs rendered with every evidence span."""
    texts = c.texts.set_index("doc_id")
    pages = {}
    for doc in c.documents.to_dict("records"):
        doc_id = doc["doc_id"]
        text = texts.at[doc_id, "clean_text"]
        raw_index = [int(i) for i in texts.at[doc_id, "raw_index"]]
        spans, used = [], set()

        def add(cs, ce, cls, rs, re_, label):
            aid = f"s{rs}-{re_}"
            spans.append((cs, ce, cls, None if aid in used else aid, label))
            used.add(aid)

        for kind, table in (("quote", ev.quotes), ("number", ev.numbers), ("timex", ev.timex)):
            if table.empty:
                continue
            for r in table[table["doc_id"] == doc_id].to_dict("records"):
                cls = "term" if kind == "quote" and r.get("kind") == "term" else kind
                add(int(r["clean_start"]), int(r["clean_end"]), cls, int(r["start"]), int(r["end"]), _label(cls, r))
        for d, rs, re_ in sorted(cited):
            if d == doc_id and f"s{rs}-{re_}" not in used:
                cs0 = cs = bisect.bisect_left(raw_index, rs)
                ce = bisect.bisect_left(raw_index, re_)
                while cs < ce and text[cs].isspace():    # separators map to the next raw character
                    cs += 1
                if cs >= ce:    # a span cleaning removed (a paragraph break it rejoined): mark the join
                    cs, ce = cs0, max(ce, cs0 + 1)
                if ce <= len(text):
                    add(cs, ce, "cited", rs, re_, "cited in the reports")
        paragraphs = []
        for p in c.paragraphs[c.paragraphs["doc_id"] == doc_id].to_dict("records"):
            ps, pe = int(p["clean_start"]), int(p["clean_end"])
            local = [(max(s, ps) - ps, min(e, pe) - ps, cls, aid, label)
                     for s, e, cls, aid, label in spans if s < pe and e > ps and s >= ps]
            paragraphs.append({"kind": p["kind"], "kind_label": KIND_LABELS.get(p["kind"], p["kind"]),
                               "html": render_spans(text[ps:pe], local)})
        pages[doc_id] = {"doc": {**doc, "published": _date(doc["published"]),
                                 "inferred": doc["date_basis"] == "inferred"}, "paragraphs": paragraphs,
                         "cited_by": (cited_by or {}).get(doc_id, [])}
    return pages


def render_notebook(path: Path) -> str:
    """The executed notebook as an HTML fragment (nbconvert's basic template: no scripts)."""
    body, _ = _exporter().from_filename(str(path))
    return body


@lru_cache(maxsize=1)
def _exporter():
    """One exporter for every notebook: it loads and compiles its templates once."""
    from analysis.publish.notebooks import lean_imports

    with lean_imports():
        from nbconvert import HTMLExporter
    return HTMLExporter(template_name="basic")


def build(corpus_dir="seeds", reports_dir="reports", notebooks_dir=NOTEBOOKS) -> Path:
    """Write reports_dir/index.html, site.css, articles/*.html and notebooks/*.html.

    ``notebooks_dir`` holds the executed notebooks of this run: notebooks/ for the
    published one, build/runs/<key>/ for a run with another corpus or parameter file."""
    from analysis.questions.protocol import check_folders

    corpus_dir, reports_dir = check_folders(corpus_dir, reports_dir)
    notebooks_dir = resolve(notebooks_dir)
    c = corpus_mod.load(corpus_dir)
    ev = evidence.load(corpus_dir)
    files = c.documents.set_index("doc_id")["file"]
    raws = {d: read_raw(corpus_dir / f) for d, f in files.items()}
    env = _env()
    common = {"corpus_name": corpus_dir.name}

    sections, cited, cited_by = [], set(), {}
    for nb in sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb")):
        folder = reports_dir / nb.stem
        if not folder.is_dir():
            continue
        question, intro = notebook_intro(nb)
        answer = (folder / "answer.md").read_text(encoding="utf-8").strip() if (folder / "answer.md").exists() else ""
        cites = []
        table = evidence_table(folder)
        if table is not None:
            spans = {(str(d), int(s), int(e)) for d, s, e in zip(table["doc_id"], table["start"], table["end"])}
            cited |= spans
            for doc_id in sorted({d for d, _, _ in spans}):
                cited_by.setdefault(doc_id, []).append(
                    {"name": nb.stem, "question": question, "spans": sum(1 for d, _, _ in spans if d == doc_id)})
            cites = citations(table, c, raws)
        sections.append({"name": nb.stem, "question": question, "intro": intro,
                         # 01's answer is the corpus summary at the top of the page: shown once
                         "answer": [] if nb.stem == "01_corpus_overview" else answer_items(answer),
                         "figures": [figure_entry(folder, nb.stem, p) for p in sorted(folder.glob("*.svg"))],
                         "files": [f"{nb.stem}/{p.name}" for p in sorted(folder.glob("*.csv"))]
                         + [f"{nb.stem}/codebook.md"] * (folder / "codebook.md").is_file(),
                         "citations": cites, "notebook_html": f"notebooks/{nb.stem}.html"})

    for sub in ("articles", "notebooks"):
        shutil.rmtree(reports_dir / sub, ignore_errors=True)
        (reports_dir / sub).mkdir(parents=True)
    shutil.copyfile(TEMPLATES / "site.css", reports_dir / "site.css")
    for doc_id, page in article_pages(c, ev, cited, cited_by).items():
        html = env.get_template("article.html").render(title=page["doc"]["title"] or f"Document {doc_id}",
                                                       root="../", **page, **common)
        (reports_dir / "articles" / f"{doc_id}.html").write_text(html, encoding="utf-8")
    for s in sections:
        body = Markup(render_notebook(Path(notebooks_dir) / f"{s['name']}.ipynb"))
        html = env.get_template("notebook.html").render(title=s["question"], root="../", name=s["name"],
                                                        body=body, **common)
        (reports_dir / "notebooks" / f"{s['name']}.html").write_text(html, encoding="utf-8")
    overview_md = reports_dir / "01_corpus_overview" / "answer.md"
    from analysis.questions import corpus_overview

    documents = [{"doc_id": d["doc_id"], "outlet": d["outlet"], "author": d["author"], "title": d["title"],
                  "published": _date(d["published"]), "inferred": d["date_basis"] == "inferred",
                  "words": d["words"]} for d in c.documents.to_dict("records")]
    index = env.get_template("index.html").render(
        title="What the coverage of the Russia-Ukraine war says", root="", documents=documents,
        overview=answer_items(overview_md.read_text(encoding="utf-8") if overview_md.exists()
                             else corpus_overview.answer(corpus_overview.tables(ev, c))),
        sections=sections, **common)
    path = reports_dir / "index.html"
    # Last and atomic: make takes a present index.html as a finished site.
    evidence.write_atomic(path, lambda tmp: Path(tmp).write_text(index, encoding="utf-8"))
    return path
