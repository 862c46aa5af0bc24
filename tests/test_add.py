"""`python -m analysis add`: saved pages, exports, folders; batch checks; near-duplicates.

Every case runs on a copy of the seeds (or an empty corpus) under tmp_path, never on seeds/."""
import csv
import json
from pathlib import Path

import pytest
from conftest import copy_seeds

from analysis.__main__ import main
from analysis.corpus import copies, ingest
from analysis.corpus import tables as corpus
from analysis.corpus.catalog import read_catalog
from analysis.questions import corpus_overview as overview

WIRE = [
    "KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelensky said on Tuesday that his country "
    "would not give up any territory in exchange for a ceasefire, rejecting calls from some "
    "Western politicians to open talks with Moscow.",
    "Speaking to reporters in the capital after meeting the Polish prime minister, Zelensky said "
    "that freezing the front line would only give Russian forces time to regroup and attack again.",
    "Officials in the eastern Donetsk region reported heavy shelling overnight near Bakhmut, where "
    "fighting has continued for months, and said two civilians had been wounded in the town of Kostiantynivka.",
    "The Ukrainian military's general staff said its air defences had shot down eleven of fourteen "
    "drones launched at the southern Odesa region, damaging a grain warehouse near the port.",
    "Zelensky is expected to travel to Brussels next week for a summit of European Union leaders, "
    "where additional military aid and the reconstruction of damaged energy facilities will be discussed.",
]
OTHER = [
    "Farmers near Poltava began the wheat harvest on Monday, two weeks earlier than usual, after an "
    "unusually warm and dry spring, the regional agriculture office said in a statement.",
    "Yields are expected to be lower than last year in the south of the region, where rainfall was "
    "less than half of the long-term average, but higher in the wetter northern districts.",
    "Grain traders said export prices had risen slightly since the start of the month as buyers in "
    "North Africa and the Middle East sought to secure supplies before the new season.",
    "The agriculture office said that storage capacity in the region was sufficient for the expected "
    "crop, although several elevators still needed repairs to their drying equipment.",
]

NAV = ('<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>'
       '<li><a href="/sport">Sport results</a></li><li><a href="/login">Sign in to your account</a></li></ul></nav></header>')
AD = '<div class="advert">ADVERTISEMENT Subscribe today for only $1 a week</div>'
RELATED = ('<aside class="related-articles"><h3>Related articles</h3><ul>'
           '<li><a href="/r1">Celebrity chef opens restaurant on the moon</a></li>'
           '<li><a href="/r2">Ten gadgets you must buy this winter</a></li></ul></aside>')
FOOTER = "<footer><p>Copyright 2024 Example Daily. All rights reserved. Privacy policy.</p></footer>"


def page(paragraphs, title="Zelensky rules out a ceasefire for territory", head="", extra_body=""):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body>{NAV}{AD}<main><article><h1>{title}</h1>{body}{extra_body}</article>{RELATED}</main>"
            f"{FOOTER}</body></html>")


JSON_LD = ('<link rel="canonical" href="https://daily.example.com/world/2024/03/05/zelensky-ceasefire">'
           '<meta property="og:site_name" content="Example Daily">'
           '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"headline": "Zelensky rules out a ceasefire for territory", "datePublished": "2024-03-05T09:30:00Z", '
           '"author": {"@type": "Person", "name": "Olena Petrenko"}, '
           '"publisher": {"@type": "Organization", "name": "Example Daily"}}</script>')


@pytest.fixture
def seeds(tmp_path):
    return copy_seeds(tmp_path / "corpus")


def write(path: Path, text: str, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def rows(folder: Path) -> list[dict]:
    with (folder / "catalog.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def run(capsys, *argv):
    code = main(["add", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


# ------------------------------------------------------------------ saved pages

def test_page_with_json_ld_navigation_ads_and_related_block(seeds, tmp_path, capsys):
    src = write(tmp_path / "in" / "zelensky.html", page(WIRE, head=JSON_LD))
    code, out, err = run(capsys, "--corpus", seeds, src)
    assert code == 0, err
    row = rows(seeds)[-1]
    assert row["doc_id"] == "005"          # after 004; 002, missing from the seeds, is not reused
    assert row["file"] == "005_zelensky-rules-out-a-ceasefire-for.txt"
    assert (row["title"], row["author"], row["outlet"]) == (
        "Zelensky rules out a ceasefire for territory", "Olena Petrenko", "Example Daily")
    assert (row["published"], row["date_basis"]) == ("2024-03-05", "metadata")
    assert row["url"] == "https://daily.example.com/world/2024/03/05/zelensky-ceasefire"
    assert "html/005_zelensky-rules-out-a-ceasefire-for.html" in row["notes"]
    body = (seeds / row["file"]).read_text(encoding="utf-8")
    for p in WIRE:
        assert p in body
    for furniture in ("Sign in", "ADVERTISEMENT", "Related articles", "moon", "Copyright"):
        assert furniture not in body
    saved = seeds / "html" / "005_zelensky-rules-out-a-ceasefire-for.html"
    assert saved.read_bytes() == src.read_bytes()
    assert "added 005" in out
    docs = corpus.build(seeds).documents
    assert docs["doc_id"].tolist() == ["000", "001", "003", "004", "005"]


def test_page_without_metadata_gets_an_inferred_date(seeds, tmp_path):
    src = write(tmp_path / "bare.html", page(WIRE + ["This report was published on 12 March 2024."],
                                             title="Untitled"))
    result = ingest.add([src], seeds, progress=False)
    assert result.rejected == []
    row = rows(seeds)[-1]
    assert (row["published"], row["date_basis"]) == ("2024-03-12", "inferred")
    assert row["outlet"] == "unknown" and row["url"] == ""
    assert "inferred by htmldate" in row["notes"]


def test_page_with_no_date_is_refused_unless_allowed(seeds, tmp_path, capsys):
    src = write(tmp_path / "undated.html", page(WIRE, title="Front line report"))
    before = snapshot(seeds)
    code, out, err = run(capsys, "--corpus", seeds, src)
    assert code == 1
    assert f"error: {src}: no date (give one, or add with --allow-undated)" in err.splitlines()
    assert snapshot(seeds) == before
    code, out, err = run(capsys, "--corpus", seeds, "--allow-undated", src)
    assert code == 0, err
    row = rows(seeds)[-1]
    assert (row["published"], row["date_basis"]) == ("", "unknown")
    catalog = read_catalog(seeds)
    assert catalog.iloc[-1]["published"] is None
    docs = corpus.build(seeds).documents
    assert docs.iloc[-1]["date_basis"] == "unknown" and docs["published"].isna().sum() == 1


# ------------------------------------------------------------------ exports and folders

def test_csv_export_with_the_default_mapping(seeds, tmp_path):
    src = tmp_path / "export.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Title", "URL", "publish_date", "media_name", "Byline", "Body", "stories_id"])
        w.writerow(["Wire story", "https://wire.example.org/1", "2024-03-05T10:00:00Z", "Wire", "A. Reporter",
                    "\n".join(WIRE), "17"])
        w.writerow(["Harvest", "https://farm.example.org/2", "6 March 2024", "Farm News", "", "\n".join(OTHER), "18"])
    result = ingest.add([src], seeds, progress=False)
    assert result.rejected == [] and [a[0] for a in result.added] == ["005", "006"]
    new = rows(seeds)[-2:]
    assert [(r["title"], r["url"], r["published"], r["outlet"], r["author"], r["date_basis"]) for r in new] == [
        ("Wire story", "https://wire.example.org/1", "2024-03-05", "Wire", "A. Reporter", "metadata"),
        ("Harvest", "https://farm.example.org/2", "2024-03-06", "Farm News", "", "metadata")]
    assert (seeds / new[0]["file"]).read_text(encoding="utf-8") == "\n".join(WIRE)
    assert "export.csv line 2" in new[0]["notes"]
    corpus.build(seeds)


def test_csv_export_with_a_column_map(seeds, tmp_path, capsys):
    src = tmp_path / "other.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["headline", "story_text", "pubdate", "paper"])
        w.writerow(["Wire story", "\n".join(WIRE), "2024-03-05", "The Paper"])
    code, out, err = run(capsys, "--corpus", seeds, src)
    assert code == 1 and "no text column" in err and err.count("\n") == 1
    code, out, err = run(capsys, "--corpus", seeds, "--map", "text=story_text,published=pubdate",
                         "--map", "title=headline,outlet=paper", src)
    assert code == 0, err
    row = rows(seeds)[-1]
    assert (row["title"], row["published"], row["outlet"]) == ("Wire story", "2024-03-05", "The Paper")
    code, out, err = run(capsys, "--corpus", seeds, "--map", "colour=paper", src)
    assert code == 1 and "unknown field 'colour'" in err


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", ("2024-03-05", None)), ("2024-03-05T23:10:00Z", ("2024-03-05", None)),
    ("5 March 2024", ("2024-03-05", None)), ("March 5th, 2024", ("2024-03-05", None)),
    ("", (None, None)), ("03/05/2024", (None, "date '03/05/2024' is ambiguous (write it YYYY-MM-DD)")),
    ("March 2024", (None, "date 'March 2024' has no day")), ("soon", (None, "date 'soon' has no day")),
    ("31 February 2024", (None, "date '31 February 2024' is not a date")),
])
def test_export_dates(value, expected):
    date, problem = ingest.parse_date(value)
    assert (date.isoformat() if date else None, problem) == expected


def test_jsonl_export(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    src = tmp_path / "export.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"title": "Wire story", "url": "https://wire.example.org/1", "date": "2024-03-05",
         "source": "Wire", "author": "A. Reporter", "content": "\n".join(WIRE)},
        {"title": "Harvest", "published": "March 6, 2024", "site_name": "Farm News", "text": "\n".join(OTHER)},
    ]) + "\n", encoding="utf-8")
    result = ingest.add([src], empty, progress=False)
    assert result.rejected == []
    new = rows(empty)
    assert [(r["doc_id"], r["outlet"], r["published"]) for r in new] == [
        ("000", "Wire", "2024-03-05"), ("001", "Farm News", "2024-03-06")]
    assert corpus.build(empty).documents["doc_id"].tolist() == ["000", "001"]


def test_folder_of_text_files_with_a_sidecar(seeds, tmp_path):
    folder = tmp_path / "batch"
    write(folder / "wire.txt", "\n".join(WIRE) + "\n")
    write(folder / "harvest.txt", "\n".join(OTHER) + "\n")
    write(folder / "metadata.csv", "file,title,date,outlet\nwire.txt,Wire story,2024-03-05,Wire\n"
                                   "harvest.txt,Harvest,2024-03-06,Farm News\n")
    result = ingest.add([folder], seeds, progress=False)
    assert result.rejected == []
    new = rows(seeds)[-2:]
    assert [(r["doc_id"], r["file"], r["outlet"]) for r in new] == [
        ("005", "005_harvest.txt", "Farm News"), ("006", "006_wire-story.txt", "Wire")]
    assert (seeds / "006_wire-story.txt").read_bytes() == (folder / "wire.txt").read_bytes()
    assert "metadata from metadata.csv line 2" in new[1]["notes"]


# ------------------------------------------------------------------ bad input: the whole batch or nothing

def bad_batch(tmp_path):
    """One good article and one of each problem; returns (sources, expected problem lines)."""
    d = tmp_path / "in"
    good = write(d / "good.html", page(WIRE, head=JSON_LD))
    nobody = write(d / "nobody.html", f'<html><head><title>x</title>{JSON_LD.replace("zelensky", "n")}</head>'
                                      f"<body>{NAV}{AD}{RELATED}{FOOTER}</body></html>")
    latin = write(d / "latin.html", page(OTHER, title="Récolte précoce", head=JSON_LD.replace("zelensky", "r")),
                  encoding="latin-1")
    export = d / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["title", "url", "date", "text"])
        w.writerow(["Same page again", "https://daily.example.com/world/2024/03/05/zelensky-ceasefire/",
                    "2024-03-05", "A different text about the same page, long enough to have words."])
        w.writerow(["Undated", "", "", "\n".join(OTHER)])
        w.writerow(["Ambiguous", "", "03/05/2024", "Text with an ambiguous date, written by an exporter."])
        w.writerow(["Empty", "", "2024-03-05", "   "])
    seed_text = (Path(__file__).resolve().parents[1] / "seeds" / "003_f0b843f8d6edaac9.txt").read_text(encoding="utf-8")
    folder = d / "folder"
    write(folder / "copy_of_003.txt", "  " + seed_text.replace("\n", "\n\n") + "\n")
    write(folder / "cp1251.txt", "Зеленський заявив", encoding="cp1251")
    write(folder / "metadata.csv", "file,date\ncopy_of_003.txt,2023-03-07\ncp1251.txt,2023-03-08\n")
    expected = {
        f"{nobody}: no extractable body",
        f"{latin}: not UTF-8 (byte ",
        f"{export} line 2: duplicate URL https://daily.example.com/world/2024/03/05/zelensky-ceasefire/ (already {good})",
        f"{export} line 3: no date (give one, or add with --allow-undated)",
        f"{export} line 7: date '03/05/2024' is ambiguous (write it YYYY-MM-DD)",
        f"{export} line 8: no extractable body",
        f"{folder / 'copy_of_003.txt'}: exact duplicate of 003",
        f"{folder / 'cp1251.txt'}: not UTF-8 (byte 0)",
    }
    return [good, nobody, latin, export, folder], expected


def test_a_bad_item_stops_the_whole_batch_with_one_line_each(seeds, tmp_path, capsys):
    sources, expected = bad_batch(tmp_path)
    before = snapshot(seeds)
    code, out, err = run(capsys, "--corpus", seeds, *sources)
    assert code == 1
    lines = err.strip().splitlines()
    problems = [line for line in lines[:-1]]
    assert all(line.startswith("error: ") for line in lines)
    for want in expected:
        assert sum(line[len("error: "):].startswith(want) for line in problems) == 1, (want, problems)
    assert len(problems) == len(expected)
    assert "nothing written" in lines[-1]
    assert snapshot(seeds) == before


def test_skip_bad_writes_the_good_items_and_reports_the_bad(seeds, tmp_path, capsys):
    sources, expected = bad_batch(tmp_path)
    report = tmp_path / "rejected.csv"
    result = ingest.add(sources, seeds, skip_bad=True, report=report, progress=False)
    assert [a[2] for a in result.added] == [str(sources[0])]
    assert rows(seeds)[-1]["doc_id"] == "005" and len(rows(seeds)) == 5
    with report.open(encoding="utf-8") as f:
        reported = list(csv.DictReader(f))
    assert len(reported) == len(expected)
    assert {r["item"] for r in reported} >= {str(sources[1]), str(sources[2])}
    corpus.build(seeds)


def test_skip_bad_on_the_command_line_writes_build_add_rejected_csv(seeds, tmp_path, capsys, monkeypatch):
    from analysis.corpus import paths

    monkeypatch.setattr(paths, "BUILD", tmp_path / "build")
    sources, expected = bad_batch(tmp_path)
    code, out, err = run(capsys, "--corpus", seeds, "--skip-bad", *sources)
    assert code == 0, err
    report = tmp_path / "build" / "add" / "rejected.csv"
    with report.open(encoding="utf-8", newline="") as f:
        reported = list(csv.DictReader(f))
    assert [list(r) for r in reported[:1]] == [["item", "problem"]]
    lines_csv = [f"{r['item']}: {r['problem']}" for r in reported]
    for want in expected:
        assert sum(line.startswith(want) for line in lines_csv) == 1, (want, lines_csv)
    assert len(reported) == len(expected)
    lines = err.strip().splitlines()
    assert sum(line.startswith("skipped: ") for line in lines) == len(expected)
    assert lines[-1] == f"{len(expected)} problem(s) listed in {paths.display(report)}"
    assert out.strip().splitlines()[-1].startswith("1 document(s) added to ")
    assert [r["doc_id"] for r in rows(seeds)] == ["000", "001", "003", "004", "005"]
    corpus.build(seeds)


def test_duplicate_inside_one_batch_names_the_first(tmp_path):
    empty = tmp_path / "c"
    empty.mkdir()
    a = write(tmp_path / "a.txt", "\n".join(WIRE))
    b = write(tmp_path / "b.txt", "\n".join(WIRE) + "\n")
    result = ingest.add([a, b], empty, allow_undated=True, progress=False)
    assert result.rejected == [(str(b), f"exact duplicate of {a}")]
    assert not (empty / "catalog.csv").exists()


def test_doc_ids_are_never_reused(seeds, tmp_path):
    one = write(tmp_path / "one.txt", "\n".join(WIRE))
    ingest.add([one], seeds, allow_undated=True, progress=False)
    assert rows(seeds)[-1]["doc_id"] == "005"
    # the analyst removes 005 again, file and row
    (seeds / rows(seeds)[-1]["file"]).unlink()
    text = (seeds / "catalog.csv").read_text(encoding="utf-8")
    (seeds / "catalog.csv").write_text(text[:text.rstrip("\n").rindex("\n") + 1], encoding="utf-8")
    two = write(tmp_path / "two.txt", "\n".join(OTHER))
    ingest.add([two], seeds, allow_undated=True, progress=False)
    assert [r["doc_id"] for r in rows(seeds)] == ["000", "001", "003", "004", "006"]
    read_catalog(seeds)


def test_a_failed_write_leaves_nothing_behind(seeds, tmp_path, monkeypatch):
    one = write(tmp_path / "one.html", page(WIRE, head=JSON_LD))
    before = snapshot(seeds)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(ingest.os, "replace", boom)
    with pytest.raises(OSError):
        ingest.add([one], seeds, progress=False)
    after = snapshot(seeds)
    after.pop(Path(ingest.LEDGER), None)
    assert after == before


# ------------------------------------------------------------------ near-duplicates

def wire_variants(folder: Path) -> Path:
    """A wire story, a trimmed copy with a new headline, a copy with a paragraph added, an unrelated story."""
    from conftest import make_corpus

    trimmed = "Zelensky: no land for peace\n" + "\n".join(WIRE[:4]) + "\n"
    added = "\n".join(WIRE) + "\nThe Kremlin did not immediately respond to a request for comment.\n"
    make_corpus(folder, {"010_wire.txt": ("\n".join(WIRE) + "\n").encode(),
                         "011_trimmed.txt": trimmed.encode(),
                         "012_longer.txt": added.encode(),
                         "013_harvest.txt": ("\n".join(OTHER) + "\n").encode()})
    text = (folder / "catalog.csv").read_text(encoding="utf-8")
    # 012 is the earliest: the group's original
    text = text.replace("012,012_longer.txt,Test Wire,,,2024-05-01", "012,012_longer.txt,Test Wire,,,2024-04-30")
    (folder / "catalog.csv").write_text(text, encoding="utf-8")
    return folder


def test_near_duplicates_are_grouped_and_an_unrelated_story_is_not(tmp_path):
    docs = corpus.build(wire_variants(tmp_path / "c")).documents.set_index("doc_id")
    assert docs.loc["010", "copy_of"] == "012" and docs.loc["011", "copy_of"] == "012"
    assert docs.loc["012", "copy_of"] == "" and docs.loc["013", "copy_of"] == ""
    assert docs["copy_group"].to_dict() == {"010": "012", "011": "012", "012": "012", "013": "013"}


def test_containment_threshold_separates_copies_from_shared_quotes():
    story = " ".join(WIRE)
    assert copies.containment(copies.shingles(story), copies.shingles(" ".join(WIRE[:3]))) == 1.0
    quoted = " ".join(OTHER) + " " + WIRE[0]
    assert copies.copy_pairs({"a": copies.shingles(story), "b": copies.shingles(quoted)}) == []
    assert copies.copy_pairs({"a": copies.shingles(story), "b": copies.shingles(" ".join(WIRE[1:]))}) == [("a", "b", 1.0)]


def test_notebook_01_says_how_many_documents_are_copies(tmp_path):
    c = corpus.build(wire_variants(tmp_path / "c"))
    assert "2 of the 4 documents are copies of others (010, 011 of 012)" in overview.findings(c)
    table = overview.documents_table(c)
    assert table.set_index("doc_id").loc["011", "copy_of"] == "012"


def test_notebook_01_runs_on_a_corpus_grown_with_add(seeds, tmp_path, capsys):
    from conftest import run_notebook

    from analysis.corpus.paths import NOTEBOOKS

    pages = [write(tmp_path / "in" / "wire.html", page(WIRE, head=JSON_LD)),
             write(tmp_path / "in" / "copy.html",
                   page(WIRE[:4], title="No land for peace, says Zelensky",
                        head=JSON_LD.replace("zelensky-ceasefire", "copy").replace("2024-03-05", "2024-03-06"))),
             write(tmp_path / "in" / "undated.html", page(OTHER + OTHER[:1][::-1], title="Harvest begins"))]
    code, out, err = run(capsys, "--corpus", seeds, "--allow-undated", *pages)
    assert code == 0, err
    assert [r["date_basis"] for r in rows(seeds)[-3:]] == ["metadata", "metadata", "unknown"]
    report = run_notebook(NOTEBOOKS / "01_corpus_overview.ipynb", tmp_path, seeds)
    answer = (report / "answer.md").read_text(encoding="utf-8")
    assert "1 of the 7 documents are copies of others (006 of 005)" in answer
    with (report / "documents.csv").open(encoding="utf-8") as f:
        docs = {r["doc_id"]: r for r in csv.DictReader(f)}
    assert (docs["006"]["copy_of"], docs["006"]["copy_group"], docs["005"]["copy_group"]) == ("005", "005", "005")
    # the undated article yields no evidence (every extractor dates by the article), and the
    # question notebooks run on the grown corpus
    from analysis import evidence

    ev = evidence.build(corpus.build(seeds))
    assert "007" not in set(ev.quotes["doc_id"]) | set(ev.timex["doc_id"]) | set(ev.mentions["doc_id"])
    assert set(ev.mentions.loc[ev.mentions["doc_id"].isin(["005", "006"]), "copy_group"]) == {"005"}
    run_notebook(NOTEBOOKS / "03_stated_position.ipynb", tmp_path / "nb03", seeds)
