"""Cleaning: label what is not article body, drop markup, rejoin broken paragraphs.

``clean_document`` is a pure function of one document's raw text. Nothing is
dropped silently: every change is logged with its raw span, and non-body text
(header, standfirst, key-points summary, captions, editor's notes, footer, furniture) is kept and
labelled. Rules live in ``data/sections.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.corpus.rulefiles import load_toml
from analysis.corpus.textmap import Mapped, delete, join
from analysis.kit.matching import LiteralGate

SECTION_KINDS = ("header", "standfirst", "summary", "caption", "editor_note", "body", "footer", "furniture")
_TERMINAL = re.compile(r"[.!?:;…\"”’)\]]\s*$")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|\*|__|_)(?=\S)([^*_\n]+?)(?<=\S)\1")
# Unicode line ends other than CR/LF: a line separator (and NEL) ends a line, a
# paragraph separator ends a paragraph.
_SEPARATORS = {"\u2028": "\n", "\x85": "\n", "\u2029": "\n\n"}
_SEPARATOR_RE = re.compile("[" + "".join(_SEPARATORS) + "]")
# Invisible characters that split a word for every rule ("Zelen\u200bsky"): zero-width
# space, non-joiner, joiner, word joiner, a BOM inside the text, soft hyphen, and the
# bidirectional marks and embeddings (which can also make text read differently from
# how it is stored).
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


@lru_cache(maxsize=1)
def rules() -> dict:
    r = load_toml("sections.toml")
    flags = re.IGNORECASE
    lists = {"caption": r["caption"]["patterns"], "editor_note": r["editor_note"]["patterns"],
             "footer": r["footer"]["patterns"], "furniture": r["furniture"]["patterns"],
             "standfirst_next": r["standfirst"]["next"]}
    # one gate for all the lists, whose literals a line is searched for once (a block's first
    # line meets the caption, editor's note and furniture rules in turn)
    gate = LiteralGate([re.compile(p, flags) for ps in lists.values() for p in ps])
    ranges, lo = {}, 0
    for k, ps in lists.items():
        ranges[k], lo = (gate, lo, lo + len(ps)), lo + len(ps)
    return {
        **ranges,
        "bullet": re.compile(r["summary"]["bullet"]),
        "max_words": int(r["header"]["max_words"]),
        "date": re.compile(r["header"]["date"]),
        "byline": re.compile(r["header"]["byline"]),
        "marker": re.compile(r["furniture"]["markers"], flags),
        "teaser_max_words": int(r["furniture"]["teaser_max_words"]),
        "rejoin_min_words": int(r["rejoin"]["min_words"]),
    }


@dataclass
class Paragraph:
    kind: str                 # one of SECTION_KINDS
    role: str                 # finer label: title, byline, dateline, bullet, text
    text: Mapped


@dataclass
class CleanDoc:
    """One cleaned document.

    ``text`` is the clean text (paragraphs joined by a blank line) mapped to raw
    offsets; ``paragraphs`` hold (kind, role, clean start, clean end); ``log``
    lists every change as dicts with action, start, end (raw offsets) and detail.
    """

    doc_id: str
    raw: str
    text: Mapped
    paragraphs: list = field(default_factory=list)
    log: list = field(default_factory=list)


def _lines(m: Mapped) -> list[Mapped]:
    out, pos, text = [], 0, m.text
    i = text.find("\n")
    while i >= 0:
        out.append(m.slice(pos, i))
        pos = i + 1
        i = text.find("\n", pos)
    out.append(m.slice(pos, len(text)))
    return out


def _normalise_newlines(m: Mapped, log: list) -> Mapped:
    if "\r" not in m.text:
        return m
    crs = [(i, i + 1) for i, ch in enumerate(m.text) if ch == "\r"]
    crlf = [(s, e) for s, e in crs if m.text[e:e + 1] == "\n"]
    log.append({"action": "newlines_normalised", "start": m.index[crs[0][0]],
                "end": m.index[crs[-1][0]] + 1, "detail": f"{len(crlf)} CRLF, {len(crs) - len(crlf)} CR"})
    lone = {s for s, e in crs if m.text[e:e + 1] != "\n"}
    text = "".join("\n" if i in lone else ch for i, ch in enumerate(m.text))
    return delete(Mapped(text, m.index), crlf)


def _normalise_separators(m: Mapped, log: list) -> Mapped:
    """Unicode line/paragraph separators become newlines, invisible characters go;
    each replaced or removed character keeps pointing at its raw offset."""
    hits = [hit.start() for hit in _SEPARATOR_RE.finditer(m.text)]
    if hits:
        text, index = [], []
        for ch, i in zip(m.text, m.index):
            rep = _SEPARATORS.get(ch, ch)
            text.append(rep)
            index.extend([i] * len(rep))
        counts = {f"U+{ord(c):04X}": sum(m.text[i] == c for i in hits) for c in sorted({m.text[i] for i in hits})}
        log.append({"action": "separators_normalised", **_span(m, hits[0], hits[-1] + 1),
                    "detail": ", ".join(f"{n} {c}" for c, n in counts.items())})
        m = Mapped("".join(text), tuple(index))
    cuts = [hit.span() for hit in INVISIBLE.finditer(m.text)]
    if cuts:
        n = sum(e - s for s, e in cuts)
        log.append({"action": "invisible_removed", **_span(m, cuts[0][0], cuts[-1][1]),
                    "detail": f"{n} zero-width, soft hyphen or direction mark(s)"})
        m = delete(m, cuts)
    return m


def _running_text(line: str, r: dict) -> bool:
    """A line no header is made of: longer than a header line, or ending a sentence."""
    return len(line.split()) > r["max_words"] or bool(re.search(r"[.!?]\s*$", line)) and not r["date"].match(line)


def _blocks(lines: list[Mapped]) -> list[list[Mapped]]:
    """Blank-line separated blocks; in files with no blank lines between paragraphs, one
    block per line. Blank lines only before the first line of running text (after the
    headline or byline) do not make a file blank-line separated: its paragraphs are
    still its lines."""
    stripped = [ln.strip() for ln in lines]
    nonempty = [i for i, ln in enumerate(stripped) if ln.text]
    r = rules()
    first = next((i for i in nonempty if _running_text(stripped[i].text, r)), nonempty[0]) if nonempty else 0
    blank_mode = any(not stripped[i].text for i in range(first, nonempty[-1])) if nonempty else False
    blocks, cur = [], []
    for ln in stripped:
        if not ln.text:
            if cur:
                blocks.append(cur)
            cur = []
        elif blank_mode:
            cur.append(ln)
        else:
            blocks.append([ln])
    if cur:
        blocks.append(cur)
    return blocks


def _matches(rule: tuple, text: str) -> bool:
    # each block's first line meets dozens of rules: those whose literals it lacks are not run
    gate, lo, hi = rule
    return gate.search_any(text, lo, hi)


def _title_like(block: list[Mapped], r: dict) -> bool:
    """Short and without a sentence end: a teaser title after a "Read also" marker."""
    text = " ".join(ln.text for ln in block)
    return len(text.split()) <= r["teaser_max_words"] and not (_TERMINAL.search(text) and not text.rstrip().endswith("?"))


def _label(blocks: list[list[Mapped]], log: list) -> list[Paragraph]:
    r = rules()
    kinds, teasers = [], False
    for block in blocks:
        first = block[0].text
        teasers = teasers and _title_like(block, r)
        if all(r["bullet"].match(ln.text) for ln in block):
            kinds.append("summary")
        elif _matches(r["caption"], first):
            kinds.append("caption")
        elif _matches(r["editor_note"], first):
            kinds.append("editor_note")
        elif _matches(r["furniture"], first) or teasers:
            kinds.append("furniture")
            teasers = teasers or bool(r["marker"].match(first))
        else:
            kinds.append("body")
    i = len(blocks) - 1
    while i > 0 and kinds[i] == "body" and _matches(r["footer"], blocks[i][0].text):
        kinds[i] = "footer"
        i -= 1
    for i, block in enumerate(blocks):
        if kinds[i] == "furniture":
            continue
        if kinds[i] != "body":
            break
        if any(_running_text(ln.text, r) for ln in block):
            break
        kinds[i] = "header"
    standfirst = _standfirst(blocks, kinds, r)

    paragraphs = []
    for i, (block, kind) in enumerate(zip(blocks, kinds)):
        if i == standfirst:
            paragraphs.append(Paragraph("standfirst", "text", join(block, " ")))
        elif kind == "header":
            for ln in block:
                role = ("dateline" if r["date"].match(ln.text) else
                        "title" if not any(p.kind == "header" for p in paragraphs) else
                        "byline" if r["byline"].match(ln.text) else "header")
                paragraphs.append(Paragraph(kind, role, ln))
        elif kind == "summary":
            for ln in block:
                mark = r["bullet"].match(ln.text)
                log.append({"action": "bullet_marker_removed", "start": ln.index[0],
                            "end": ln.index[mark.end() - 1] + 1, "detail": mark.group(0).strip()})
                paragraphs.append(Paragraph(kind, "bullet", ln.slice(mark.end(), len(ln))))
        else:
            if len(block) > 1:
                log.append({"action": "lines_joined", "start": block[0].index[0],
                            "end": block[-1].index[-1] + 1, "detail": f"{len(block)} lines"})
            paragraphs.append(Paragraph(kind, "text", join(block, " ")))
    for p in paragraphs:
        if p.kind != "body":
            s, e = p.text.raw_span()
            log.append({"action": f"labelled_{p.kind}", "start": s, "end": e, "detail": p.role})
    return paragraphs


def _header_goes_on(block: list[Mapped], kind: str, r: dict) -> bool:
    """A block that continues a page header: furniture, a caption, or a short line with no
    sentence end (not even a closing bracket) that is a byline, a date or a publication-time line."""
    if kind in ("furniture", "caption", "header"):
        return True
    text = " ".join(ln.text for ln in block)
    if any(_running_text(ln.text, r) for ln in block) or _TERMINAL.search(text):
        return False
    return bool(r["date"].match(text) or r["byline"].match(text) or _matches(r["standfirst_next"], text))


def _standfirst(blocks: list[list[Mapped]], kinds: list[str], r: dict) -> int | None:
    """Index of the standfirst: the first running-text block, right after the headline
    (header or furniture blocks only before it), when the header goes on after it. The
    header lines after it become header too, up to the first running text."""
    i = next((k for k, kind in enumerate(kinds) if kind not in ("header", "furniture")), None)
    if i is None or "header" not in kinds[:i] or kinds[i] != "body" or i + 1 >= len(blocks):
        return None
    if not _header_goes_on(blocks[i + 1], kinds[i + 1], r):
        return None
    for k in range(i + 1, len(blocks)):
        if kinds[k] == "body" and _header_goes_on(blocks[k], kinds[k], r):
            kinds[k] = "header"
        elif kinds[k] == "body":
            break
    return i


def _span(m: Mapped, start: int, end: int) -> dict:
    """The log fields of a change to clean characters ``start:end``: its raw span."""
    s, e = m.raw_span(start, end)
    return {"start": s, "end": e}


def _strip_markup(m: Mapped, log: list) -> Mapped:
    for pattern, action in ((_LINK, "markdown_link"), (_EMPHASIS, "markdown_emphasis")):
        cuts = []
        for hit in pattern.finditer(m.text):
            inner_s, inner_e = hit.span(2) if action == "markdown_emphasis" else hit.span(1)
            cuts += [(hit.start(), inner_s), (inner_e, hit.end())]
            detail = hit.group(2) if action == "markdown_emphasis" else f"{hit.group(1)} -> {hit.group(2)}"
            log.append({"action": action, **_span(m, *hit.span()),
                        "detail": detail})
        m = delete(m, cuts)
    return m


def _rejoin(paragraphs: list[Paragraph], log: list) -> list[Paragraph]:
    out = []
    for p in paragraphs:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "body" and p.kind == "body"
                and not _TERMINAL.search(prev.text.text)
                and (p.text.text[:1].islower() or len(prev.text.text.split()) >= rules()["rejoin_min_words"])):
            s = prev.text.index[-1] + 1
            log.append({"action": "paragraph_rejoined", "start": s, "end": p.text.index[0],
                        "detail": f"{prev.text.text[-30:]!r} + {p.text.text[:30]!r}"})
            prev.text = join([prev.text, p.text], " ")
        else:
            out.append(p)
    return out


def clean_document(doc_id: str, raw: str) -> CleanDoc:
    """Clean one document's raw text (already decoded). Pure: same input, same output."""
    log: list = []
    m = _normalise_newlines(_normalise_separators(Mapped.identity(raw), log), log)
    paragraphs = _label(_blocks(_lines(m)), log)
    for p in paragraphs:
        p.text = _strip_markup(p.text, log)
    paragraphs = [p for p in _rejoin(paragraphs, log) if p.text.text]
    text = join([p.text for p in paragraphs], "\n\n")
    spans, pos = [], 0
    for p in paragraphs:
        spans.append((p.kind, p.role, pos, pos + len(p.text)))
        pos += len(p.text) + 2
    log.sort(key=lambda d: (d["start"], d["action"]))
    return CleanDoc(doc_id=doc_id, raw=raw, text=text, paragraphs=spans, log=log)
