"""Property-based test of the per-document pipeline (decode, clean, segment, extract).

Texts are built from seed sentences mixed with random Unicode, quotation marks, digits,
Markdown, blank lines, CR/LF and Unicode separators. For every text: no exception (a
refused text is one CorpusError line), every span inside the raw text, the raw text at
each span equal to the clean text it maps from (modulo markup and white space), and
sentences in order without overlap. ``make test`` runs a few hundred examples;
``make fuzz`` sets FUZZ_EXAMPLES=10000 and prints the count.
"""
import datetime as dt
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import evidence
from analysis.corpus import docview
from analysis.corpus import tables as corpus
from analysis.corpus.cleaning import INVISIBLE
from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import SEEDS
from analysis.corpus.segment import split_sentences

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
META = {"doc_id": "f", "file": "f_fuzz.txt", "outlet": "Fuzz Wire", "author": "", "title": "",
        "published": dt.date(2024, 5, 1), "date_basis": "byline", "url": "", "notes": ""}


def _seed_sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = " ".join(para.split())
            out += [para[s:e] for s, e in split_sentences(para)]
    return [s for s in out if s]


SENTENCES = _seed_sentences()
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„"]
BREAKS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n\n\n", "\u2028", "\u2029", "\x85", "\t", " "]
MARKDOWN = ["*", "**", "_", "__", "# ", "## ", "- ", "* ", "> ", "1. ", "[", "]", "(", ")",
            "[Kyiv Independent](https://kyivindependent.com/x)", "*Kyiv Independent*", "**said**", "---"]
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e"]
NUMBER = st.one_of(
    st.integers(0, 10**7).map(str),
    st.integers(1, 999).map(lambda n: f"{n},{n % 1000:03d}"),
    st.integers(1, 99).map(lambda n: f"{n} 000"),
    st.integers(1, 99).map(lambda n: f"{n}.5%"),
    st.sampled_from(["2022", "2023", "March 28", "9,000", "50,000", "200,000", "100 000", "1 min read"]),
)
# Any character but surrogates and the C0 controls the loader refuses (those are tested below).
UNICODE = st.text(st.characters(blacklist_categories=("Cs",),
                                blacklist_characters="".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32)]))),
                  max_size=12)
CHUNK = st.one_of(
    st.sampled_from(SENTENCES), st.sampled_from(SENTENCES), st.sampled_from(SENTENCES),
    UNICODE, st.sampled_from(MARKS), NUMBER, st.sampled_from(MARKDOWN), st.sampled_from(BREAKS),
    st.sampled_from(INVISIBLES),
    st.sampled_from(SENTENCES).map(lambda s: f"“{s}” he said."),
    st.sampled_from(SENTENCES).map(lambda s: s[: len(s) // 2]),
)
TEXT = st.lists(st.tuples(CHUNK, st.sampled_from(["", " ", "\n", "\n\n"])), min_size=1, max_size=25).map(
    lambda parts: "".join(c + sep for c, sep in parts))

_LINK_TARGET = re.compile(r"\]\(https?://[^)\s]+\)")


def norm(text: str) -> str:
    """Text as compared across raw and clean: markup characters, link targets and invisible
    characters dropped, every run of white space (CR, separators) one space."""
    text = INVISIBLE.sub("", _LINK_TARGET.sub("", text))
    text = re.sub(r"[*_\[\]]", "", text)
    return " ".join(text.split())


def check_document(raw: str) -> int:
    """Run one text through the pipeline and check its spans; returns the number of spans checked."""
    data = raw.encode("utf-8")
    try:
        rows = corpus.process_document(META, data, "f_fuzz.txt")
    except CorpusError as e:
        message = str(e)
        assert "\n" not in message and message.startswith("f_fuzz.txt: ")
        assert any(k in message for k in ("empty file", "no words", "control character")), message
        return 0
    raw = data.decode("utf-8-sig")     # what spans index: the file decoded, a leading BOM dropped
    n = len(raw)
    text = rows["texts"][0]["clean_text"]
    index = rows["texts"][0]["raw_index"]
    assert len(index) == len(text) and all(0 <= i < n for i in index)
    checked = 0
    for table in ("sections", "paragraphs", "sentences"):
        last_end = 0
        for r in rows[table]:
            assert 0 <= r["start"] <= r["end"] <= n, (table, r)
            assert r["clean_start"] >= last_end, f"{table} overlap: {r}"
            last_end = r["clean_end"]
            # A section spans paragraphs, and the bullet markers between them are removed markup:
            # its text is held paragraph by paragraph.
            if table != "sections":
                assert norm(raw[r["start"]:r["end"]]) == norm(r["text"]), (table, r, raw[r["start"]:r["end"]])
            checked += 1
    raw_ends = [(r["start"], r["end"]) for r in rows["sentences"]]
    assert all(s1 >= e0 for (_, e0), (s1, _) in zip(raw_ends, raw_ends[1:])), raw_ends
    for r in rows["cleaning"]:
        assert 0 <= r["start"] <= r["end"] <= n, r
    view = docview.DocView(
        doc_id="f", text=text, raw_index=tuple(index),
        sentences=tuple(docview.Sentence(r["sent_id"], r["clean_start"], r["clean_end"], r["kind"], r["para_id"])
                        for r in rows["sentences"]),
        published=META["published"], outlet=META["outlet"],
        emphasis=docview._emphasis(rows["cleaning"], tuple(index)))
    for name, table in evidence.extract(view).items():
        for r in table:
            assert 0 <= r["clean_start"] <= r["clean_end"] <= len(text), (name, r)
            assert 0 <= r["start"] <= r["end"] <= n, (name, r)
            assert norm(raw[r["start"]:r["end"]]) == norm(text[r["clean_start"]:r["clean_end"]]), (name, r)
            for key in [k for k in r if k.endswith("_raw_start")]:
                assert 0 <= r[key] <= r[key.replace("_raw_start", "_raw_end")] <= n, (name, key, r)
            checked += 1
    return checked


COUNT = {"texts": 0, "spans": 0}


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 1000,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(TEXT)
def fuzz_pipeline(raw):
    COUNT["texts"] += 1
    COUNT["spans"] += check_document(raw)


def test_fuzzed_texts_keep_every_span_valid():
    COUNT.update(texts=0, spans=0)
    fuzz_pipeline()
    print(f"\nfuzz: {COUNT['texts']} texts, {COUNT['spans']} spans checked, 0 failures")
    assert COUNT["texts"] >= EXAMPLES * 0.9
    assert COUNT["spans"] > COUNT["texts"]


def test_the_checks_catch_a_wrong_span(monkeypatch):
    """The property is not vacuous: a raw index shifted by one character is caught."""
    real = corpus.process_document

    def shifted(meta, data, where):
        rows = real(meta, data, where)
        for r in rows["sentences"]:
            r["start"] += 1
        return rows

    monkeypatch.setattr(corpus, "process_document", shifted)
    raw = "Kyiv said on Monday that 9,000 cases were opened.\n\nThe ministry said “we will not stop.”\n"
    try:
        check_document(raw)
    except AssertionError:
        return
    raise AssertionError("a shifted span passed the checks")


def test_separators_and_invisible_characters_are_cleaned_and_mapped():
    raw = ("Zelen\u200bsky said talks\u2028were over.\u2029"
           "The ministry\u00ad reported 9,000 cases in\u200e 2022.\x85Kyiv agreed.\n")
    rows = corpus.process_document(META, raw.encode(), "f_fuzz.txt")
    text = rows["texts"][0]["clean_text"]
    assert "Zelensky said talks were over." in text
    assert not INVISIBLE.search(text) and "\u2028" not in text and "\u2029" not in text
    assert len(rows["paragraphs"]) == 2     # U+2029 ends a paragraph; U+2028 and NEL end a line
    actions = {r["action"]: r["detail"] for r in rows["cleaning"]}
    assert actions["separators_normalised"] == "1 U+0085, 1 U+2028, 1 U+2029"
    assert actions["invisible_removed"].startswith("3 ")
    index = rows["texts"][0]["raw_index"]
    assert all(raw[i] == ch for ch, i in zip(text, index) if not ch.isspace())
    numbers = evidence.extract(docview.from_text(raw))["numbers"]
    assert [raw[r["start"]:r["end"]] for r in numbers][:1] == ["9,000"]
    assert check_document(raw) > 0
