"""A claim or quotation carried by several copies of one story counts once, with the copies listed.

The corpus: the seeds plus, for every seed article, a syndicated copy in another outlet with
a new headline (same day). Every count of the question notebooks must equal the seeds' own,
and the copies must be named."""
import pandas as pd
import pytest
from conftest import add_article, copy_seeds

from analysis import evidence
from analysis.corpus import copies
from analysis.corpus import tables as corpus
from analysis.corpus.catalog import read_catalog
from analysis.corpus.paths import ROOT
from analysis.extract import statements
from analysis.questions import casualty_claims as casualties
from analysis.questions import desertion_prosecutions as desertion
from analysis.questions import negotiations_timeline as negotiations
from analysis.questions import outlet_framing as framing
from analysis.questions import stated_position as positions

COPY = {"000": "100", "001": "101", "003": "103", "004": "104"}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("copies")
    seeds = copy_seeds(base / "seeds")
    syndicated = copy_seeds(base / "syndicated")
    cat = read_catalog(syndicated).set_index("doc_id")
    for doc, twin in COPY.items():
        text = (syndicated / cat.at[doc, "file"]).read_text(encoding="utf-8")
        sep = "\n\n" if "\n\n" in text.strip() else "\n"    # the copy keeps the original's paragraph breaks
        add_article(syndicated, f"{twin}_copy.txt", f"Wire copy: the story as we ran it{sep}{text}",
                    published=str(pd.Timestamp(cat.at[doc, "published"]).date()), outlet="Copy Desk")
    return seeds, syndicated


def test_the_test_corpus_is_four_stories_in_two_copies_each(corpora):
    docs = corpus.load(corpora[1]).documents.set_index("doc_id")
    assert {twin: docs.at[twin, "copy_of"] for twin in COPY.values()} == {t: d for d, t in COPY.items()}
    assert all(docs.at[d, "copy_of"] == "" for d in COPY)


def test_merge_keeps_the_original_row_and_lists_the_copies():
    rows = pd.DataFrame({"doc_id": ["104", "004", "004", "104", "003"], "copy_group": ["004", "004", "004", "004", "003"],
                         "measure": ["m", "m", "m", "m", "m"], "low": [5.0, 5.0, 5.0, 5.0, 5.0],
                         "start": [10, 1, 50, 60, 7], "end": [12, 3, 52, 62, 9]})
    out = copies.merge(rows, ("measure", "low"))
    # 004 says it twice, so its copy's two mentions fold into those two; 003 is another story
    assert out[["doc_id", "start", "copies", "copy_spans"]].values.tolist() == [
        ["004", 1, "104", "104:10-12"], ["004", 50, "104", "104:60-62"], ["003", 7, "", ""]]
    assert copies.merged_words(out) == "2 claims appeared in 2 copies of one story (004, 104) and count once."
    assert copies.merged_words(copies.merge(rows.iloc[[4]], ("measure",))) == ""


def test_nb02_desertion_values_count_once(corpora):
    seeds, syn = corpora
    a, b = evidence.numbers(seeds), evidence.numbers(syn)
    sa, sb = desertion.series(a), desertion.series(b)
    # values, not dtypes: a column of one document's group reads as another dtype than a mixed one
    diff = [c for c in sa.columns if c != "copies" and sb[c].tolist() != sa[c].tolist()]
    assert len(sa) and not diff, (diff, sa[diff].to_dict("records"), sb[diff].to_dict("records"))
    assert set(sb["copies"]) == {"104"}
    ea, eb = desertion.estimates(a), desertion.estimates(b)
    assert eb["sources"].tolist() == ea["sources"].tolist() and set(eb["copies"]) == {"104"}
    ta, tb = desertion.evidence_rows(a), desertion.evidence_rows(b)
    assert len(tb) == len(ta) and set(tb["copies"]) == {"104"}
    answer = desertion.answer_words(sb, eb)
    assert f"{len(sb)} values appeared in 2 copies of one story (004, 104) and count once." in answer
    assert "also carried by the copies 104" in answer
    assert "copies" not in desertion.answer_words(sa, ea)


def test_nb04_casualty_claims_count_once(corpora):
    seeds, syn = corpora
    ca, cb = casualties.claims(evidence.numbers(seeds)), casualties.claims(evidence.numbers(syn))
    assert len(ca) and len(cb) == len(ca)
    assert {d: c for d, c in zip(cb["doc_id"], cb["copies"])} == {d: COPY[d] for d in set(ca["doc_id"])}
    for role in ("total", "ratio", "anecdote"):
        da, db = casualties.distinct(ca, role), casualties.distinct(cb, role)
        assert db["sources"].tolist() == da["sources"].tolist()
        assert db["doc_ids"].tolist() == da["doc_ids"].tolist()
    answer = casualties.answer_words(cb)
    assert answer.startswith(casualties.answer_words(ca).split(".")[0] + ".")
    assert f"{len(cb)} claims appeared in " in answer and "and count once." in answer


def test_nb07_negotiation_moments_count_copies_once(corpora):
    seeds, syn = corpora
    ea, ca, ua = negotiations.build(corpus.load(seeds), evidence.timex(seeds), evidence.mentions(seeds))
    eb, cb, ub = negotiations.build(corpus.load(syn), evidence.timex(syn), evidence.mentions(syn))
    assert len(ea) and eb["documents"].tolist() == ea["documents"].tolist()
    assert len(cb) == len(ca) and len(ub) == len(ua)
    assert all(c == "; ".join(sorted(COPY[d] for d in ids.split("; "))) for c, ids in zip(eb["copies"], eb["doc_ids"]))
    # min_sources counts stories, not copies
    one_story = ea[ea["documents"] == 1]
    e2, _, _ = negotiations.build(corpus.load(syn), evidence.timex(syn), evidence.mentions(syn), min_sources=2)
    assert len(e2) == len(ea) - len(one_story)
    tables = negotiations.tables(evidence.load(syn), corpus.load(syn))
    assert tables["events"].to_csv() == eb.to_csv() and tables["evidence"].to_csv() == cb.to_csv()
    carried = tables["documents"].set_index("doc_id")
    assert carried.at["100", "carried"] and carried.at["100", "citations"] == 0 and not carried.at["003", "carried"]
    answer = negotiations.answer(tables)
    silent = answer.split("No dated moment in")[1].split(".")[0]
    # a copy is silent only where its original is: 003 dates no moment, 000's copy 100 is carried
    assert "(doc 003)" in silent and "(doc 103)" in silent and "(doc 100)" not in silent
    assert "and its copies 10" in answer and "citations appeared in" in answer


def test_quotations_and_statements_count_once(corpora):
    seeds, syn = corpora
    ca, cb = corpus.load(seeds), corpus.load(syn)
    va, vb = framing.voiced_quotes(ca, evidence.quotes(seeds)), framing.voiced_quotes(cb, evidence.quotes(syn))
    assert len(va) and len(vb) == 2 * len(va)
    before = framing.shared_quotes(va, framing.groups(ca.documents, "document"))
    shared = framing.shared_quotes(vb, framing.groups(cb.documents, "document"))
    per = shared.groupby("quotation").first()
    # every quotation now sits in two documents, but in as many stories as before
    assert len(per) >= len(va.drop_duplicates("text")) // 2
    assert sorted(before.groupby("quotation")["carriers"].first()) == sorted(per.loc[per["sources"] >= 2, "sources"])
    kept = shared[shared["copies"] != ""]
    assert len(kept) and all(COPY[d] == c for d, c in zip(kept["doc_id"], kept["copies"]))
    answer = _framing_answer(cb, vb, syn, shared)
    assert f"{(per['sources'] < 2).sum()} of them appear only in copies of one story" in answer
    sa = statements.statements(corpus.load(seeds), evidence.load(seeds), "zelensky")
    sb = statements.statements(corpus.load(syn), evidence.load(syn), "zelensky")
    assert len(sa) and len(sb) == len(sa)
    assert set(sb["copies"]) == {COPY[d] for d in sa["doc_id"]}
    pa, pb = positions.points(sa), positions.points(sb)
    assert pb["statements"].tolist() == pa["statements"].tolist()
    assert pb["copies"].str.len().gt(0).all()
    tables = positions.tables(evidence.load(syn), corpus.load(syn))
    assert tables["points"].to_csv() == pb.to_csv()
    assert f"{sb['level'].notna().sum()} statements appeared in" in positions.answer(tables)


def _framing_answer(c, voiced, corpus_dir, shared):
    lex = framing.load_lexicon(str(ROOT / "analysis" / "data" / "lexicon.csv"))
    grouping = framing.groups(c.documents, "document")
    quotes = evidence.quotes(corpus_dir)
    hits = framing.term_hits(c, quotes, lex)
    rates = framing.rates(hits, grouping, lex)
    voices = framing.voices(voiced, grouping)
    share = framing.quotation_share(voiced, grouping)
    spelling = framing.spelling(framing.spelling_hits(c, quotes, evidence.mentions(corpus_dir)), grouping)
    summary = framing.summary(grouping, rates, voices, share, spelling)
    return framing.answer_words(summary, rates, voices, shared, spelling, hits, "document")


def test_nb05_battle_facts_count_once(corpora):
    from analysis.questions import bakhmut as battle

    seeds, syn = corpora
    fa, fb = (battle.facts(evidence.load(d), corpus.load(d), "Bakhmut") for d in (seeds, syn))
    assert len(fa) and len(fb) == len(fa)
    assert fb["doc_id"].tolist() == fa["doc_id"].tolist()
    assert [c for c in fb["copies"]] == [COPY[d] for d in fa["doc_id"]]
    assert f"{len(fb)} facts appeared in " in battle.answer_words(fb, "Bakhmut")


def test_quotation_groups_count_stories_not_copies(corpora):
    seeds, syn = corpora
    qa, qb = evidence.quotes(seeds), evidence.quotes(syn)
    before = qa.set_index(["doc_id", "start"])["group_docs"]
    originals = qb[qb["doc_id"].isin(COPY)].set_index(["doc_id", "start"])
    assert len(before) and originals.index.equals(before.index)
    # every seed has its copy, so each quotation sits in twice the documents, but in as many stories
    assert originals["group_docs"].tolist() == (2 * before).tolist()
    assert originals["group_stories"].tolist() == before.tolist()
    assert (qa["group_stories"] == qa["group_docs"]).all()
    per = qb.groupby("group")["group_stories"].agg(["min", "max"])
    assert (per["min"] == per["max"]).all()


@pytest.fixture(scope="module")
def one_copy(corpora, tmp_path_factory):
    """The seeds plus a copy of 004 only: copying every seed would leave each voice's share alone."""
    folder = copy_seeds(tmp_path_factory.mktemp("one-copy") / "seeds")
    syndicated = corpora[1]
    cat = read_catalog(syndicated).set_index("doc_id")
    add_article(folder, cat.at["104", "file"], (syndicated / cat.at["104", "file"]).read_text(encoding="utf-8"),
                published=str(pd.Timestamp(cat.at["104", "published"]).date()), outlet="Copy Desk")
    return folder


def test_nb06_corpus_wide_voices_count_each_story_once(corpora, one_copy):
    seeds = corpora[0]
    ca, cb = corpus.load(seeds), corpus.load(one_copy)
    va, vb = framing.voiced_quotes(ca, evidence.quotes(seeds)), framing.voiced_quotes(cb, evidence.quotes(one_copy))
    assert len(vb) > len(va)
    voices_a = framing.voices(va, framing.groups(ca.documents, "document"))
    voices_b = framing.voices(vb, framing.groups(cb.documents, "document"))
    assert framing.corpus_voices(voices_b).to_dict() == framing.corpus_voices(voices_a).to_dict()
    # the copy's own rows still show what it quotes; only the corpus-wide count leaves it out
    copy = voices_b[voices_b["group"] == "104"]
    assert copy["quoted_words"].sum() > 0 and copy["story_quoted_words"].sum() == 0

    def sentence(c, voiced, corpus_dir):
        text = _framing_answer(c, voiced, corpus_dir, framing.shared_quotes(voiced, framing.groups(c.documents)))
        return text.split("Across the corpus ")[1].split(")")[0]

    assert sentence(cb, vb, one_copy) == sentence(ca, va, seeds)


def test_citations_are_printed_once_per_story_with_the_copies(corpora):
    from analysis.publish import reports

    seeds, syn = corpora
    a = evidence.numbers(seeds)
    b = evidence.numbers(syn)
    measures = ["desertion_prosecutions"]
    # notebook 02 cites every value of its measures: once per story, the copy named
    ra, rb = evidence.once(a[a["measure"].isin(measures)]), evidence.once(b[b["measure"].isin(measures)])
    assert len(ra) and rb["doc_id"].tolist() == ra["doc_id"].tolist() and set(rb["copies"]) == {"104"}
    lines = [evidence.cite(r, syn) for _, r in rb.iterrows()]
    assert all(line.endswith("(also in 104)") for line in lines)
    assert [line.rsplit(" (also in", 1)[0] for line in lines] == [evidence.cite(r, seeds) for _, r in ra.iterrows()]
    assert evidence.also_in("104; 117") == "also in 104, 117" and evidence.also_in("") == evidence.also_in(None) == ""
    shown = reports.display_table(desertion.series(b))
    assert set(shown["copies"]) == {"also in 104"}


def test_shared_quotations_print_one_line_per_story(corpora):
    seeds, syn = corpora
    c = corpus.load(syn)
    voiced = framing.voiced_quotes(c, evidence.quotes(syn))
    shared = framing.shared_quotes(voiced, framing.groups(c.documents, "document"))
    rows = [ln for ln in framing.shared_lines(shared) if ln.startswith("  ") and not ln.startswith("      ")]
    # every copy's original carries the same quotation, so no copy has a line of its own
    assert rows and not [ln for ln in rows if ln.split()[0] in COPY.values()]
    assert all(f"(also in {COPY[ln.split()[0]]})" in ln for ln in rows)
    assert len(rows) == len(framing.story_rows(shared))
    listed = _framing_answer(c, voiced, syn, shared).split("carried by more than one document: ")[1]
    assert "(also in 104)" in listed and "104 Copy Desk:" not in listed and "004 Popular Resistance:" in listed


def test_the_sites_key_evidence_names_the_copies(corpora, tmp_path):
    from analysis.corpus.textmap import read_raw
    from analysis.publish import reports, site

    syn = corpora[1]
    c = corpus.load(syn)
    raws = {d: read_raw(syn / f) for d, f in zip(c.documents["doc_id"], c.documents["file"])}
    reports.write_csv(desertion.evidence_rows(evidence.numbers(syn)), tmp_path / "evidence.csv")
    cites = site.citations(site.evidence_table(tmp_path), c, raws)   # as the site reads it: "104" is no number
    assert cites and {x["doc_id"] for x in cites} == {"004"} and {x["also"] for x in cites} == {"also in 104"}


def test_nb06_hits_are_marked_once_per_story_and_still_rated_per_document(corpora, tmp_path):
    from analysis.publish import reports, site

    seeds, syn = corpora
    lex = framing.load_lexicon(str(ROOT / "analysis" / "data" / "lexicon.csv"))
    ca, cb = corpus.load(seeds), corpus.load(syn)
    ha, hb = framing.term_hits(ca, evidence.quotes(seeds), lex), framing.term_hits(cb, evidence.quotes(syn), lex)
    assert len(ha) and len(hb) == 2 * len(ha) and not ha["copy_row"].any() and set(ha["copies"]) == {""}
    originals, twins = hb[hb["doc_id"].isin(COPY)], hb[~hb["doc_id"].isin(COPY)]
    assert twins["copy_row"].all() and not originals["copy_row"].any()
    assert originals["copies"].tolist() == [COPY[d] for d in originals["doc_id"]]
    rates = framing.rates(hb, framing.groups(cb.documents), lex).set_index("group")
    assert (rates.loc["104", "hits"].to_numpy() == rates.loc["004", "hits"].to_numpy()).all()
    reports.write_csv(hb.sort_values(["start", "doc_id"]), tmp_path / "evidence.csv")   # copies' rows first
    assert set(site.evidence_table(tmp_path)["doc_id"]) == set(COPY)
