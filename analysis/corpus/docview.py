"""What an extractor sees of one document: clean text, sentences, and its date.

Extractors are pure functions ``DocView -> list[dict]`` whose rows carry
``clean_start``/``clean_end`` (offsets into ``view.text``) and ``sent_id``;
``to_raw`` turns those into raw-file offsets for the evidence tables.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from analysis.corpus import textmap
from analysis.corpus.cleaning import clean_document
from analysis.corpus.segment import split_sentences


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    start: int          # clean offsets
    end: int
    kind: str           # section kind: body, editor_note, summary, header, caption, footer
    para_id: str


@dataclass(frozen=True)
class DocView:
    doc_id: str
    text: str                        # clean text
    raw_index: tuple                 # raw offset of each clean character
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


def _emphasis(log: list, raw_index) -> tuple:
    out = []
    for e in log:
        if e["action"] != "markdown_emphasis":
            continue
        first, stop = bisect.bisect_left(raw_index, e["start"]), bisect.bisect_left(raw_index, e["end"])
        if stop > first:        # raw_index rises with the clean text, so the inside is one run
            out.append((first, stop))
    return tuple(out)


def from_corpus(corpus) -> list[DocView]:
    """One view per dated document of a ``corpus.Corpus``, in doc_id order.

    An undated document (``date_basis`` unknown) has no view: every extractor places its
    evidence in time from the article's date, so it yields no evidence rows."""
    views = []
    sents = corpus.sentences.groupby("doc_id", sort=False)
    logs = corpus.cleaning.groupby("doc_id", sort=False)
    texts = corpus.texts.set_index("doc_id")
    for doc in corpus.documents.dropna(subset=["published"]).itertuples(index=False):
        s = sents.get_group(doc.doc_id) if doc.doc_id in sents.groups else corpus.sentences.iloc[0:0]
        raw_index = tuple(int(i) for i in texts.at[doc.doc_id, "raw_index"])
        log = logs.get_group(doc.doc_id).to_dict("records") if doc.doc_id in logs.groups else []
        views.append(DocView(
            doc_id=doc.doc_id,
            text=texts.at[doc.doc_id, "clean_text"],
            raw_index=raw_index,
            sentences=tuple(Sentence(r.sent_id, int(r.clean_start), int(r.clean_end), r.kind, r.para_id)
                            for r in s.itertuples(index=False)),
            published=doc.published.date(),
            date_basis=doc.date_basis,
            outlet=doc.outlet,
            author=doc.author,
            emphasis=_emphasis(log, raw_index),
        ))
    return views


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
