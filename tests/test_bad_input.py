"""Every bad input the README's table lists: `analysis build` stops with one line
`error: <file or catalog line>: <problem>`, exit 1, and build/ and reports/ stay as
they were. Names make cannot carry are also tried through make itself."""
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, NamedTuple

import pytest
from conftest import write_catalog

from analysis.__main__ import main
from analysis.corpus.paths import ROOT

ARTICLE = "Title line\n\nKYIV (Reuters) - Officials said 1,200 people fled.\n\nThe U.S. Gen. Smith said so.\n"
ROW = {"doc_id": "010", "file": "010_a.txt", "outlet": "Test Wire", "published": "2024-05-01", "date_basis": "byline"}


class Case(NamedTuple):
    id: str
    setup: Callable[[Path], None]
    expected: str            # in the error line; {c} is the corpus folder


def corpus(files: dict | None = None, rows: list | None = None, extra: Callable | None = None):
    """A setup: ``files`` (name -> bytes) and catalog ``rows`` (default: one good article)."""
    def setup(folder: Path):
        folder.mkdir(parents=True)
        for name, data in (files if files is not None else {"010_a.txt": ARTICLE.encode()}).items():
            (folder / name).write_bytes(data)
        write_catalog(folder, rows if rows is not None else [ROW])
        if extra:
            extra(folder)
    return setup


def article(data: bytes):
    return corpus({"010_a.txt": data})


def row(**changes):
    return corpus(rows=[{**ROW, **changes}])


def named(name: str, listed: bool = True):
    """An article file called ``name``, listed in the catalog or not."""
    return corpus({name: ARTICLE.encode()}, [{**ROW, "file": name}] if listed else [],
                  extra=None if listed else lambda f: write_catalog(f, [ROW]) or (f / "010_a.txt").write_text(ARTICLE))


def link_outside(folder: Path):
    (folder / "010_a.txt").unlink()
    secret = folder.parent / "secret.txt"
    secret.write_text("The password is swordfish.\n")
    (folder / "010_a.txt").symlink_to(secret)


def catalog_outside(folder: Path):
    (folder / "catalog.csv").rename(folder.parent / "cat.csv")
    (folder / "catalog.csv").symlink_to(folder.parent / "cat.csv")


def catalog_text(text: str):
    def setup(folder: Path):
        corpus()(folder)
        (folder / "catalog.csv").write_text(text, encoding="utf-8")
    return setup


def subfolder(name: str, files: dict):
    def extra(folder: Path):
        (folder / name).mkdir()
        for f, data in files.items():
            (folder / name / f).write_bytes(data)
    return corpus(extra=extra)


def unlisted(name: str):
    return corpus(extra=lambda f: (f / name).write_text(ARTICLE))


HEADER = "doc_id,file,outlet,author,title,published,date_basis,url,notes\n"
UTF16 = "Kyiv said 1,200 people fled on Monday.\n"
CASES = [
    # the raw file
    Case("empty file", article(b""), "{c}/010_a.txt: empty file"),
    Case("white space only", article(b"  \r\n\n\t "), "{c}/010_a.txt: empty file (only white space)"),
    Case("no words", article(b"---\n***\n"), "{c}/010_a.txt: no words"),
    Case("latin-1", article("Kyiv caf\u00e9 said".encode("latin-1")), "{c}/010_a.txt: not valid UTF-8 at byte 8"),
    Case("cp1251", article("Киев сообщил".encode("cp1251")), "{c}/010_a.txt: not valid UTF-8 at byte 0"),
    Case("UTF-16 with BOM", article(UTF16.encode("utf-16")), "{c}/010_a.txt: UTF-16LE text (byte-order mark"),
    Case("UTF-16BE with BOM", article(b"\xfe\xff" + UTF16.encode("utf-16-be")), "{c}/010_a.txt: UTF-16BE text"),
    Case("UTF-16LE without BOM", article(UTF16.encode("utf-16-le")),
         "{c}/010_a.txt: looks like UTF-16LE without a byte-order mark (a NUL every other byte, first at byte 1)"),
    Case("UTF-16BE without BOM", article(UTF16.encode("utf-16-be")), "{c}/010_a.txt: looks like UTF-16BE"),
    Case("NUL byte", article(b"Kyiv said\x00 1,200 fled.\n"), "{c}/010_a.txt: control character NUL at byte 9"),
    Case("NUL after a BOM and UTF-8", article("\ufeffKyiv café\x00.".encode()),
         "{c}/010_a.txt: control character NUL at byte 13"),
    Case("ESC control character", article(b"Kyiv \x1b[31msaid\n"), "{c}/010_a.txt: control character U+001B at byte 5"),
    Case("form feed", article(b"Kyiv said.\x0cMore text.\n"), "{c}/010_a.txt: control character U+000C at byte 10"),
    # the catalog
    Case("no catalog", lambda f: f.mkdir() or (f / "010_a.txt").write_text(ARTICLE), "{c}/catalog.csv: catalog not found"),
    Case("catalog not UTF-8", corpus(extra=lambda f: (f / "catalog.csv").write_bytes(
        HEADER.encode() + b"010,010_a.txt,Caf\xe9,,,2024-05-01,byline,,\n")), "{c}/catalog.csv: not valid UTF-8 at byte 80"),
    Case("missing column", catalog_text("doc_id,file\n010,010_a.txt\n"), "{c}/catalog.csv: missing column(s) outlet"),
    Case("no rows", catalog_text(HEADER), "{c}/catalog.csv: no documents listed"),
    Case("wrong number of fields", catalog_text(HEADER + "010,010_a.txt,Test Wire,2024-05-01\n"),
         "{c}/catalog.csv line 2: wrong number of fields"),
    Case("empty required field", row(outlet=""), "{c}/catalog.csv line 2: empty outlet"),
    Case("bad date", row(published="30/03/2023"), "{c}/catalog.csv line 2: published '30/03/2023' is not a date"),
    Case("impossible date", row(published="2023-02-30"), "{c}/catalog.csv line 2: published '2023-02-30' is not a date"),
    Case("bad date_basis", row(date_basis="guessed"), "{c}/catalog.csv line 2: date_basis 'guessed' is not one of"),
    Case("duplicate doc_id", corpus({"010_a.txt": ARTICLE.encode(), "010_b.txt": ARTICLE.encode()},
                                    [ROW, {**ROW, "file": "010_b.txt"}]),
         "{c}/catalog.csv line 3: duplicate doc_id '010' (first on line 2)"),
    Case("same file twice", corpus(rows=[ROW, {**ROW, "doc_id": "010-b"}]),
         "{c}/catalog.csv line 3: file '010_a.txt' is already listed on line 2"),
    Case("same file twice, other case", corpus(rows=[ROW, {**ROW, "doc_id": "010-b", "file": "010_A.txt"}]),
         "{c}/catalog.csv line 3: file '010_A.txt' is already listed on line 2"),
    Case("doc_id with a space", corpus({"0 1_a.txt": ARTICLE.encode()}, [{**ROW, "doc_id": "0 1", "file": "0 1_a.txt"}]),
         "{c}/catalog.csv line 2: doc_id '0 1' must be letters, digits or '-'"),
    Case("doc_id with a slash", row(doc_id="01/0"), "{c}/catalog.csv line 2: doc_id '01/0' must be"),
    Case("file not starting with doc_id", row(doc_id="011"), "{c}/catalog.csv line 2: file '010_a.txt' does not start"),
    Case("file with a space", named("010 a.txt"), "{c}/catalog.csv line 2: file '010 a.txt' must be a plain file name"),
    Case("file with a colon", named("010:a.txt"), "{c}/catalog.csv line 2: file '010:a.txt' must be a plain file name"),
    Case("file with a dollar", named("010$a.txt"), "(not '$': make and URLs cannot carry them)"),
    Case("file with a hash", named("010#a.txt"), "{c}/catalog.csv line 2: file '010#a.txt' must be a plain file name"),
    Case("file with a percent", named("010%a.txt"), "(not '%': make and URLs cannot carry them)"),
    Case("path traversal", row(file="010/../../secret.txt"), "{c}/catalog.csv line 2: file '010/../../secret.txt' must be"),
    Case("absolute path", row(file="/etc/passwd"), "{c}/catalog.csv line 2: file '/etc/passwd' must be a plain file name"),
    Case("file missing", corpus({}, [ROW]), "{c}/catalog.csv line 2: file '010_a.txt' not found"),
    Case("link to a file outside", corpus(extra=link_outside),
         "{c}/catalog.csv line 2: file '010_a.txt' is a link to {c.parent}/secret.txt, outside the corpus folder {c} "),
    Case("catalog a link outside", corpus(extra=catalog_outside), "{c}/catalog.csv: a link to {c.parent}/cat.csv, outside"),
    Case("file is a folder", corpus({}, [ROW], extra=lambda f: (f / "010_a.txt").mkdir()),
         "{c}/catalog.csv line 2: file '010_a.txt' is not a regular file"),
    Case("javascript url", row(url="javascript:alert(document.cookie)"),
         "{c}/catalog.csv line 2: url 'javascript:alert(document.cookie)' is not an http:// or https:// address"),
    Case("data url", row(url="data:text/html,<script>alert(1)</script>"), "{c}/catalog.csv line 2: url 'data:text/html"),
    Case("ftp url", row(url="ftp://example.org/a.txt"), "{c}/catalog.csv line 2: url 'ftp://example.org/a.txt' is not"),
    Case("url without host", row(url="https:///path"), "{c}/catalog.csv line 2: url 'https:///path' is not"),
    Case("url with a space", row(url="https://example.org/a b"), "url 'https://example.org/a b' contains white space"),
    # the corpus folder
    Case("file without a row", unlisted("011_new.txt"), "{c}/011_new.txt: no catalog row (add one to {c}/catalog.csv)"),
    Case(".TXT file without a row", unlisted("011_new.TXT"), "{c}/011_new.TXT: no catalog row"),
    Case("unlisted name with a space", unlisted("my notes.md"), "{c}/my notes.md: name has ' ', which make"),
    Case("subfolder of .txt files", subfolder("more", {"020_x.txt": ARTICLE.encode()}),
         "{c}/more: subfolder with 1 .txt file(s), e.g. {c}/more/020_x.txt; articles must sit in {c} itself"),
    Case("nested .TXT in a subfolder", subfolder("more", {"deeper.TXT": ARTICLE.encode()}), "{c}/more: subfolder with 1"),
]


def snapshot() -> dict:
    """Every file under build/ and reports/ with its size and modification time."""
    out = {}
    for top in (ROOT / "build", ROOT / "reports"):
        for p in sorted(top.rglob("*")) if top.is_dir() else []:
            if p.is_file():
                st = p.stat()
                out[str(p.relative_to(ROOT))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_stops_with_one_line_and_writes_nothing(case, tmp_path, capsys):
    folder = tmp_path / "corpus"
    case.setup(folder)
    before = snapshot()
    assert main(["build", str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: "), err
    assert case.expected.format(c=folder) in err[0]
    assert snapshot() == before


def test_the_case_list_covers_the_readme_table():
    """README's table of bad inputs lists each case by its id."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c.id for c in CASES if f"`{c.id}`" not in readme]
    assert not missing


def test_ignored_entries_give_a_warning_line(tmp_path, capsys):
    from analysis.corpus.catalog import read_catalog

    folder = tmp_path / "corpus"
    corpus()(folder)
    (folder / "README.md").write_text("notes\n")
    (folder / "images").mkdir()
    (folder / "images" / "a.png").write_bytes(b"\x89PNG")
    (folder / ".DS_Store").write_bytes(b"\0\0")
    (folder / ".010_a.txt.swp").write_bytes(b"\0")
    assert read_catalog(folder).attrs["warnings"] == [
        f"{folder}/README.md: not a .txt article and not in {folder}/catalog.csv: ignored",
        f"{folder}/images: subfolder ignored (no .txt files in it)"]
    assert main(["build", str(folder)]) == 0
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning: ")]
    assert err == [f"warning: {folder}/README.md: not a .txt article and not in {folder}/catalog.csv: ignored",
                   f"warning: {folder}/images: subfolder ignored (no .txt files in it)"]


def test_a_link_inside_the_corpus_folder_is_read(tmp_path):
    from analysis.corpus import tables as corpus_mod

    def store_elsewhere_inside(folder: Path):
        (folder / "store").mkdir()
        (folder / "010_a.txt").rename(folder / "store" / "a.dat")
        (folder / "010_a.txt").symlink_to(Path("store") / "a.dat")

    folder = tmp_path / "corpus"
    corpus(extra=store_elsewhere_inside)(folder)
    c = corpus_mod.build(folder)
    assert c.documents["file"].tolist() == ["010_a.txt"] and c.documents["words"].iloc[0] > 5


PARAMETERS = [
    ("corpus_dir", "../outside", {}, "parameter corpus_dir: '../outside' resolves to"),
    ("reports_dir", "../outside", {"must_exist": False}, "outside the project (give an absolute path"),
    ("reports_dir", "seeds", {"must_exist": False}, "parameter reports_dir: seeds is a corpus folder (seeds/catalog.csv)"),
    ("reports_dir", "seeds/out", {"must_exist": False}, "parameter reports_dir: seeds/out is inside a corpus folder"),
    ("reports_dir", ".", {"must_exist": False}, "is the project folder or above it"),
    ("reports_dir", "/", {"must_exist": False}, "parameter reports_dir: / is the project folder or above it"),
    ("reports_dir", "analysis/out", {"must_exist": False}, "parameter reports_dir: analysis/out is inside the project's sources"),
    ("reports_dir", "notebooks", {"must_exist": False}, "is inside the project's sources"),
    ("reports_dir", "", {"must_exist": False}, "parameter reports_dir: expected a folder path, got ''"),
]


@pytest.mark.parametrize("name,value,kwargs,expected", PARAMETERS, ids=[f"{p[0]}={p[1]!r}" for p in PARAMETERS])
def test_path_parameters_stay_inside_their_boundary(name, value, kwargs, expected):
    from analysis.questions.protocol import ParameterError, check_dir

    with pytest.raises(ParameterError) as e:
        check_dir(name, value, **kwargs)
    assert expected in str(e.value) and "\n" not in str(e.value)


def test_reports_dir_may_not_hold_or_be_a_given_corpus(tmp_path):
    from analysis.questions.protocol import ParameterError, check_dir

    folder = tmp_path / "c"
    corpus()(folder)
    with pytest.raises(ParameterError, match="holds the corpus folder"):
        check_dir("reports_dir", tmp_path, must_exist=False, corpus_dir=folder)
    with pytest.raises(ParameterError, match="is a corpus folder"):
        check_dir("reports_dir", folder, must_exist=False)
    assert check_dir("reports_dir", tmp_path / "out", must_exist=False) == tmp_path / "out"
    assert check_dir("reports_dir", "reports", must_exist=False) == ROOT / "reports"


def test_a_relative_link_out_of_the_project_is_refused(tmp_path):
    from analysis.questions.protocol import ParameterError, check_path

    link = ROOT / "build" / f".test-link-{os.getpid()}"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(tmp_path)
    try:
        with pytest.raises(ParameterError, match="outside the project"):
            check_path("reports_dir", str(link.relative_to(ROOT)))
        assert check_path("reports_dir", str(link)) == link   # an absolute path is the user's choice
    finally:
        link.unlink()


def test_lexicon_outside_the_project_is_refused():
    from analysis.questions.outlet_framing import load_lexicon
    from analysis.questions.protocol import ParameterError

    with pytest.raises(ParameterError, match="parameter lexicon: '../../etc/passwd' resolves to .* outside the project"):
        load_lexicon("../../etc/passwd")


def test_site_refuses_the_corpus_folder_as_reports_dir(capsys):
    before = snapshot()
    assert main(["site", "seeds", "seeds"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["error: parameter reports_dir: seeds is a corpus folder (seeds/catalog.csv): "
                   "outputs would be read as articles"]
    assert snapshot() == before


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("name", ["010 a.txt", "010:a.txt", "010$a.txt", "010#a.txt"])
def test_make_reports_names_the_catalog_line_for_a_name_make_cannot_carry(tmp_path, name):
    folder = tmp_path / "corpus"
    named(name)(folder)
    build = tmp_path / "build"
    result = subprocess.run(
        ["make", "--no-print-directory", f"BUILD={build}", f"CORPUS_DIR={folder}", f"VENV={sys.prefix}", "SETUP=",
         f"{build}/stamps/corpus.done"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode != 0
    assert "No rule to make target" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert errors == [f"error: {folder}/catalog.csv line 2: file {name!r} must be a plain file name of letters, "
                      f"digits, '.', '_' and '-' (not {name[3]!r}: make and URLs cannot carry them)"]
    assert not build.exists() or not any(build.rglob("*.done"))


def test_a_javascript_url_is_never_a_link():
    """Defence behind the catalog check: even a url that got past it is not emitted as a link."""
    from analysis import evidence
    from analysis.corpus import tables as corpus_mod
    from analysis.publish import site

    c = corpus_mod.load("seeds")
    c = c._replace(documents=c.documents.assign(url="javascript:alert(document.cookie)"))
    env = site._env()
    for page in site.article_pages(c, evidence.load("seeds"), set()).values():
        html = env.get_template("article.html").render(title="t", root="../", corpus_name="seeds", **page)
        assert "javascript:" not in html
    published = [p for p in (ROOT / "reports").rglob("*.html") if "javascript:" in p.read_text(encoding="utf-8")]
    assert not published


def _outside(tmp_path) -> tuple[str, Path]:
    """A good corpus outside the project, and a relative path to it from the project root."""
    folder = tmp_path / "corpus"
    corpus()(folder)
    return os.path.relpath(folder, ROOT), folder


@pytest.mark.parametrize("argv,name", [
    (["build", "{rel}"], "CORPUS_DIR"),
    (["site", "{rel}", "build/scratch/site"], "CORPUS_DIR"),
    (["site", "seeds", "{rel}/../out"], "REPORTS_DIR"),
    (["site", "seeds", "build/scratch/site", "--notebooks", "{rel}"], "--notebooks"),
    (["add", "--corpus", "{rel}", "{abs}/010_a.txt"], "--corpus"),
], ids=["build", "site corpus", "site reports", "site notebooks", "add corpus"])
def test_a_relative_folder_on_the_command_line_stays_inside_the_project(tmp_path, capsys, argv, name):
    rel, folder = _outside(tmp_path)
    argv = [a.format(rel=rel, abs=folder) for a in argv]
    value = next(a for a in argv if a.startswith(rel))
    before = snapshot()
    assert main(argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: argument {name}: {value!r} resolves to {(ROOT / value).resolve()}, outside the project "
        f"(give an absolute path for a folder elsewhere)"]
    assert snapshot() == before
    assert sorted(p.name for p in folder.iterdir()) == ["010_a.txt", "catalog.csv"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_a_failing_make_reports_shows_the_error_and_one_make_line(tmp_path):
    folder = tmp_path / "corpus"
    article(b"ok\x00then a NUL\n")(folder)
    build = tmp_path / "build"
    result = subprocess.run(
        ["make", "--no-print-directory", f"BUILD={build}", f"CORPUS_DIR={folder}", f"VENV={sys.prefix}", "SETUP=",
         "reports"], cwd=ROOT, capture_output=True, text=True,
        # Not a sub-make of `make test`, which would print make[1] and share its flags.
        env={**{k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")},
             "PYTHONPATH": str(ROOT)})
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert [ln for ln in lines if ln.startswith("error: ")] == [
        f"error: {folder}/010_a.txt: control character NUL at byte 2 (a text article has none but tab, LF "
        f"and CR: is it a binary file?)"]
    assert [ln for ln in lines if ln.startswith("make")] == [
        f"make: *** [Makefile:{_corpus_rule_line()}: {build}/stamps/corpus.done] Error 1"]
    assert not any(build.rglob("*.done"))


def _corpus_rule_line() -> int:
    text = (ROOT / "Makefile").read_text().splitlines()
    return next(n for n, ln in enumerate(text, 1) if ln.startswith("\t$(PY) -m analysis build"))
