"""What an extractor sees of one document: clean text, sentences, and its date.

Extractors are pure functions ``DocView -> list[dict]`` whose rows carry
``clean_start``/``clean_end`` (offsets into ``view.text``) and ``sent_id``;
``to_raw`` turns those into raw-file offsets for the evidence tables.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import threading
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from analysis.corpus import textmap
from analysis.corpus.cleaning import clean_document
from analysis.corpus.segment import split_sentences


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    start: int          # clean offsets
    end: int
    kind: str           # section kind: body, editor_note, summary, standfirst, header, caption, footer, furniture
    para_id: str


@dataclass(frozen=True)
class DocView:
    doc_id: str
    text: str                        # clean text
    # Raw offset of each clean character (a tuple or a 1-d integer array). Left out of == and
    # hash (an array has neither; extractors cache on the view and read only the clean text).
    raw_index: tuple = field(compare=False)
    sentences: tuple                 # Sentence, in order
    published: dt.date
    date_basis: str = "byline"       # byline, metadata or inferred (see catalog)
    outlet: str = ""
    author: str = ""
    emphasis: tuple = ()             # (clean_start, clean_end) of text marked *like this*

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw-file (start, end) for clean ``start:end``."""
        return textmap.to_raw(self.raw_index, start, end)


# The derived structures of the document being extracted: one slot (per thread: a Dask worker
# may run several documents at once), so a build holds those of one document at a time,
# however many views it keeps.
_CURRENT = threading.local()


def derived(view: DocView) -> dict:
    """A dict for what extractors derive from ``view`` and more than one of them uses; emptied
    when another view is asked for."""
    slot = _CURRENT.__dict__
    if slot.get("view") is not view:
        slot["view"], slot["memo"] = view, {}
    return slot["memo"]


def per_view(fn):
    """Decorate an extractor ``fn(view) -> list[dict]`` so that its rows are computed once per
    view (another extractor asking for them gets them again, each row a fresh dict, as a
    fresh call would give). Anything but a DocView is passed through uncached."""
    key = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(view):
        if not isinstance(view, DocView):
            return fn(view)
        memo = derived(view)
        if key not in memo:
            memo[key] = tuple(fn(view))
        return [dict(r) for r in memo[key]]

    return wrapper


def _emphasis(log: list, raw_index) -> tuple:
    out = []
    for e in log:
        if e["action"] != "markdown_emphasis":
            continue
        first, stop = _bisect_left(raw_index, e["start"]), _bisect_left(raw_index, e["end"])
        if stop > first:        # raw_index rises with the clean text, so the inside is one run
            out.append((first, stop))
    return tuple(out)


def _bisect_left(index, value: int) -> int:
    if isinstance(index, np.ndarray):
        return int(np.searchsorted(index, value, side="left"))
    return bisect.bisect_left(index, value)


def _rows_of(table) -> dict:
    """{doc_id: positions of its rows in ``table``}, in table order."""
    return table.groupby("doc_id", sort=False).indices if len(table) else {}


def from_corpus(corpus) -> list[DocView]:
    """One view per dated document of a ``corpus.Corpus``, in doc_id order.

    An undated document (``date_basis`` unknown) has no view: every extractor places its
    evidence in time from the article's date, so it yields no evidence rows.

    The view holds the tables' own objects (the clean text, the raw index array) and reads
    each table column once, so it costs little next to the cleaning that made them."""
    docs = corpus.documents.dropna(subset=["published"])
    sents = corpus.sentences
    s_cols = [sents[c].tolist() for c in ("sent_id", "clean_start", "clean_end", "kind", "para_id")]
    s_rows = _rows_of(sents)
    emph = corpus.cleaning[corpus.cleaning["action"] == "markdown_emphasis"]
    e_rows = _rows_of(emph)
    e_start, e_end = emph["start"].tolist(), emph["end"].tolist()
    texts = corpus.texts
    where = dict(zip(texts["doc_id"].tolist(), range(len(texts))))
    clean_text, raw_indexes = texts["clean_text"].tolist(), texts["raw_index"].tolist()
    views = []
    for doc_id, published, date_basis, outlet, author in zip(
            docs["doc_id"].tolist(), docs["published"].tolist(), docs["date_basis"].tolist(),
            docs["outlet"].tolist(), docs["author"].tolist()):
        raw_index = _array(raw_indexes[where[doc_id]])
        sentences = tuple(Sentence(s_cols[0][i], int(s_cols[1][i]), int(s_cols[2][i]), s_cols[3][i], s_cols[4][i])
                          for i in s_rows.get(doc_id, ()))
        log = [{"action": "markdown_emphasis", "start": e_start[i], "end": e_end[i]} for i in e_rows.get(doc_id, ())]
        views.append(DocView(
            doc_id=doc_id,
            text=clean_text[where[doc_id]],
            raw_index=raw_index,
            sentences=sentences,
            published=published.date(),
            date_basis=date_basis,
            outlet=outlet,
            author=author,
            emphasis=_emphasis(log, raw_index),
        ))
    return views


def _array(index) -> np.ndarray:
    return index if isinstance(index, np.ndarray) else np.asarray(index, dtype=np.int64)


def from_text(raw: str, doc_id: str = "t", published: dt.date = dt.date(2023, 3, 30),
              date_basis: str = "byline", outlet: str = "", author: str = "") -> DocView:
    """A view of a string, cleaned and split as a corpus file would be (for tests)."""
    doc = clean_document(doc_id, raw)
    sentences, n = [], 0
    for p, (kind, _role, cs, ce) in enumerate(doc.paragraphs, 1):
        for ss, se in split_sentences(doc.text.text[cs:ce]):
            n += 1
            sentences.append(Sentence(f"{doc_id}:{n:04d}", cs + ss, cs + se, kind, f"{doc_id}:p{p:03d}"))
    return DocView(doc_id=doc_id, text=doc.text.text, raw_index=doc.text.index,
                   sentences=tuple(sentences), published=published, date_basis=date_basis,
                   outlet=outlet, author=author, emphasis=_emphasis(doc.log, doc.text.index))
