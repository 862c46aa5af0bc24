"""Bad input stops with one line naming the file; CRLF and BOM give the same clean text."""
import pytest
from conftest import copy_seeds, make_corpus, write_catalog

from analysis.corpus import tables as corpus
from analysis.corpus.errors import CorpusError

ARTICLE = "Title line\n\nKYIV (Reuters) - Officials said 1,200 people fled.\n\nThe U.S. Gen. Smith said so.\n"


def error_of(folder) -> str:
    with pytest.raises(CorpusError) as e:
        corpus.build(folder)
    message = str(e.value)
    assert "\n" not in message
    return message


def test_empty_file(tmp_path):
    folder = make_corpus(tmp_path / "c", {"010_empty.txt": b""})
    assert error_of(folder).endswith("010_empty.txt: empty file")


def test_whitespace_only_file(tmp_path):
    folder = make_corpus(tmp_path / "c", {"010_blank.txt": b"  \r\n\n  "})
    assert "010_blank.txt: empty file" in error_of(folder)


def test_undecodable_bytes_name_file_and_offset(tmp_path):
    folder = make_corpus(tmp_path / "c", {"010_latin1.txt": "Kyiv caf\u00e9 said".encode("latin-1")})
    message = error_of(folder)
    assert "010_latin1.txt: not valid UTF-8 at byte 8" in message


def test_catalog_row_without_file(tmp_path):
    folder = make_corpus(tmp_path / "c", {"010_a.txt": ARTICLE.encode()})
    (folder / "010_a.txt").unlink()
    assert "catalog.csv line 2: file '010_a.txt' not found" in error_of(folder)


def test_file_without_catalog_row(tmp_path):
    folder = make_corpus(tmp_path / "c", {"010_a.txt": ARTICLE.encode()})
    (folder / "011_new.txt").write_text(ARTICLE, encoding="utf-8")
    assert error_of(folder).endswith("011_new.txt: no catalog row (add one to " + str(folder / "catalog.csv") + ")")


def test_duplicate_doc_id(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "010_a.txt").write_text(ARTICLE)
    (folder / "010_b.txt").write_text(ARTICLE)
    write_catalog(folder, [
        {"doc_id": "010", "file": "010_a.txt", "outlet": "X", "published": "2024-01-01", "date_basis": "byline"},
        {"doc_id": "010", "file": "010_b.txt", "outlet": "X", "published": "2024-01-01", "date_basis": "byline"},
    ])
    assert "catalog.csv line 3: duplicate doc_id '010' (first on line 2)" in error_of(folder)


def test_unparseable_date(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "010_a.txt").write_text(ARTICLE)
    write_catalog(folder, [{"doc_id": "010", "file": "010_a.txt", "outlet": "X",
                            "published": "30/03/2023", "date_basis": "byline"}])
    assert "catalog.csv line 2: published '30/03/2023' is not a date (YYYY-MM-DD)" in error_of(folder)


def test_missing_catalog_and_missing_column(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "010_a.txt").write_text(ARTICLE)
    assert "catalog.csv: catalog not found" in error_of(folder)
    (folder / "catalog.csv").write_text("doc_id,file\n010,010_a.txt\n")
    assert "missing column(s) outlet" in error_of(folder)


def test_empty_required_field(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "010_a.txt").write_text(ARTICLE)
    write_catalog(folder, [{"doc_id": "010", "file": "010_a.txt", "published": "2024-01-01", "date_basis": "byline"}])
    assert "catalog.csv line 2: empty outlet" in error_of(folder)


def clean_texts(folder):
    c = corpus.build(folder)
    return c.texts.set_index("doc_id")["clean_text"].to_dict(), c


@pytest.mark.parametrize("variant", ["crlf", "bom", "bom+crlf"])
def test_crlf_and_bom_give_the_same_clean_text(tmp_path, variant):
    from analysis.corpus.paths import SEEDS

    originals = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    changed = {}
    for name, data in originals.items():
        if "crlf" in variant:
            data = data.replace(b"\n", b"\r\n")
        if "bom" in variant:
            data = b"\xef\xbb\xbf" + data
        changed[name] = data
    lf, _ = clean_texts(make_corpus(tmp_path / "lf", originals))
    other, c = clean_texts(make_corpus(tmp_path / variant, changed))
    assert other == lf
    # every clean character still points at the same character of the (CRLF/BOM) raw file
    from analysis.corpus.textmap import read_raw

    files = c.documents.set_index("doc_id")["file"]
    for t in c.texts.itertuples():
        raw = read_raw(tmp_path / variant / files[t.doc_id])
        pairs = [(ch, raw[i]) for ch, i in zip(t.clean_text, t.raw_index) if not ch.isspace()]
        assert pairs and all(a == b for a, b in pairs)


# The four seed articles as received (shared/seeds); the loader must never change them.
SEED_SHA256 = {
    "000_9e88d0ce7a2ded2b.txt": "cb46776f0d8ca4fc0dfed00c6826ffd47aa995ed2e359c3c7542d41c7dbe6a04",
    "001_0204e78a7ee980a7.txt": "6034794f61bed14c48399d951271ff4b315e05d22cb2b41f09c9b95fcc0ac950",
    "003_f0b843f8d6edaac9.txt": "86d3b286c8066fa81ddf97ad6b8398c37fe53ecbc6e6e4594b10d4aa16b3c468",
    "004_6255d4d5d61e0a95.txt": "001d9691164ad983910659a68fbc9e62be9d8571bbe5e35975cf36c730552e32",
}


def test_seeds_are_kept_byte_for_byte():
    import hashlib

    from analysis.corpus.paths import ROOT

    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256((ROOT / "seeds" / name).read_bytes()).hexdigest() == digest, name
    c = corpus.build(ROOT / "seeds")
    recorded = c.documents.set_index("file")["sha256"]
    assert all(recorded[name] == digest for name, digest in SEED_SHA256.items())
    shared = ROOT.parent / "shared" / "seeds"
    for original in sorted(shared.glob("*.txt")) if shared.is_dir() else []:
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()


def test_analyst_added_article_is_picked_up(tmp_path):
    folder = copy_seeds(tmp_path / "c")
    (folder / "010_wire.txt").write_text(ARTICLE, encoding="utf-8")
    with (folder / "catalog.csv").open("a", encoding="utf-8") as f:
        f.write("010,010_wire.txt,Test Wire,,,2024-05-01,byline,,\n")
    c = corpus.build(folder)
    assert len(c.documents) == 5
    assert "010" in set(c.sentences["doc_id"])
    assert c.sections.query("doc_id == '010'")["kind"].tolist() == ["header", "body"]


def test_file_without_words(tmp_path):
    folder = make_corpus(tmp_path / "c", {"010_rule.txt": b"---\n***\n"})
    assert error_of(folder).endswith("010_rule.txt: no words (only punctuation or symbols)")


def test_a_broken_rule_file_is_named_in_one_line(tmp_path, monkeypatch):
    from analysis.corpus import rulefiles

    (tmp_path / "timex.toml").write_text("[months\njanuary = 1\n", encoding="utf-8")
    (tmp_path / "voices.csv").write_text("side,voice\nUkraine,officials\n", encoding="utf-8")
    monkeypatch.setattr(rulefiles, "DATA", tmp_path)
    with pytest.raises(CorpusError) as e:
        rulefiles.load_toml("timex.toml")
    assert str(e.value).startswith(f"{tmp_path}/timex.toml: ") and "line 1" in str(e.value)
    with pytest.raises(CorpusError) as e:
        rulefiles.load_csv("voices.csv", ["side", "role", "voice"])
    assert str(e.value) == f"{tmp_path}/voices.csv: missing column(s) role"


def test_a_cached_corpus_equals_a_fresh_build(tmp_path):
    """The tables a notebook reads from the cache are the build's, dtypes included (the catalog
    date came back from Parquet as datetime64[ms] after a build made datetime64[s])."""
    import pandas as pd

    fresh = corpus.build("seeds")
    corpus.save(fresh, tmp_path / "cache")
    for t in corpus.TABLES:
        back = pd.read_parquet(tmp_path / "cache" / f"{t}.parquet")
        pd.testing.assert_frame_equal(back, getattr(fresh, t), check_dtype=True)


def test_cached_evidence_equals_a_fresh_build(tmp_path):
    """A notebook reads the same evidence tables on its first run (built) as on its second
    (cached): copy_group was object when built and str when read back, so notebook 04's
    claims differed between the two and test_nb04 failed on a fresh cache only."""
    import pandas as pd

    from analysis import evidence

    fresh = evidence.build(corpus.build("seeds"))
    for t in evidence.TABLES:
        getattr(fresh, t).to_parquet(tmp_path / f"{t}.parquet", index=False)
        back = pd.read_parquet(tmp_path / f"{t}.parquet")
        pd.testing.assert_frame_equal(back, getattr(fresh, t), check_dtype=True)
