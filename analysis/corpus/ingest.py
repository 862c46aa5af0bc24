"""``python -m analysis add``: bring articles into a corpus folder as analysts have them.

Sources, any mix, one command:

saved web page (``.html``/``.htm``)  body, title, author and site name by trafilatura; the
    date by htmldate, first from the page's own markup only (meta tags, JSON-LD, ``<time>``:
    ``date_basis`` ``metadata``), then by its extensive search of the page text
    (``inferred``); ``url`` from the canonical link. The page is kept byte for byte as
    ``<corpus>/html/<doc_id>_<slug>.html``.
export (``.csv``, ``.jsonl``/``.ndjson``)  one article per row; columns found by
    ``DEFAULT_MAP`` (case-insensitive) or named with ``--map field=column,...``.
folder  every ``.txt`` in it; metadata from an optional sidecar CSV in the folder (a
    ``file`` column naming the text file, other columns as in an export).

Every item is checked before anything is written: a body with words, a date (or
``--allow-undated``: ``date_basis`` ``unknown``), UTF-8, a URL and a body not already in
the corpus or earlier in the batch. With any problem nothing is written, unless
``skip_bad``, which writes the good items and reports the bad ones. Doc ids continue
after the highest numeric id the folder has ever had (``.doc_ids`` records each id
``add`` assigned), so an id is never reused; files are created, never replaced, and
the catalog is replaced in one rename after the rows are appended.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analysis.corpus.catalog import CATALOG_NAME, COLUMNS
from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import display, resolve

FIELDS = ("text", "title", "url", "published", "outlet", "author")
DEFAULT_MAP = {
    "text": ("text", "body", "content"),
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "publish_date", "date"),
    "outlet": ("outlet", "media_name", "source", "site_name"),
    "author": ("author", "byline"),
}
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
LEDGER = ".doc_ids"
# Fewer words than this from a page is trafilatura's fallback on a page without an article
# (its menu, an advert), not a body.
MIN_PAGE_WORDS = 25
HTML_DIR = "html"
_NUMERIC_ID = re.compile(r"(\d+)(?:_|\Z)")
_ALL_DIGITS_DATE = re.compile(r"[\d\s./-]+\Z")


@dataclass
class Item:
    """One article to add; ``where`` names it in messages (file, or file and line)."""

    where: str
    text: str = ""
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    date_basis: str = ""
    outlet: str = ""
    author: str = ""
    notes: str = ""
    html: bytes | None = None
    name_hint: str = ""
    problems: list = field(default_factory=list)


@dataclass
class Result:
    added: list           # (doc_id, file, where)
    rejected: list        # (where, problem)
    report: Path | None = None


# ---------------------------------------------------------------- reading sources

def parse_map(specs: list[str] | None) -> dict:
    """``["text=story_text,published=pubdate"]`` -> {"text": "story_text", ...}."""
    mapping = {}
    for spec in specs or []:
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, sep, column = part.partition("=")
            key, column = key.strip(), column.strip()
            if not sep or not column:
                raise CorpusError(f"--map {part!r}: expected field=column")
            if key not in FIELDS:
                raise CorpusError(f"--map {part!r}: unknown field {key!r} (known: {', '.join(FIELDS)})")
            mapping[key] = column
    return mapping


def _columns(header: list[str], mapping: dict, where: str, need_text: bool = True) -> dict:
    """Field -> column name in ``header``: ``mapping`` first, then DEFAULT_MAP."""
    lower = {h.strip().lower(): h for h in header if h}
    found = {}
    for f in FIELDS:
        if f in mapping:
            col = mapping[f]
            if col not in header and col.lower() not in lower:
                raise CorpusError(f"{where}: no column {col!r} (for --map {f}={col}; columns: {', '.join(header)})")
            found[f] = col if col in header else lower[col.lower()]
            continue
        for name in DEFAULT_MAP[f]:
            if name in lower:
                found[f] = lower[name]
                break
    if need_text and "text" not in found:
        raise CorpusError(f"{where}: no text column (looked for {', '.join(DEFAULT_MAP['text'])}; "
                          f"name yours with --map text=COLUMN)")
    return found


def _read_text(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, problem)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        return None, f"not UTF-8 (byte {e.start})"


def parse_date(value) -> tuple[dt.date | None, str | None]:
    """(date, None), (None, None) when empty, or (None, problem). ISO dates and datetimes,
    and dates with a month name; all-digit forms other than ISO are ambiguous and refused."""
    value = ("" if value is None else str(value)).strip()
    if not value:
        return None, None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date(), None
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(value[:10]), None
    except ValueError:
        pass
    if _ALL_DIGITS_DATE.match(value):
        return None, f"date {value!r} is ambiguous (write it YYYY-MM-DD)"
    if not re.search(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)", value):
        return None, f"date {value!r} has no day"
    from dateutil import parser as dparser

    try:
        return dparser.parse(value, default=dt.datetime(1, 1, 1)).date(), None
    except (ValueError, OverflowError):
        return None, f"date {value!r} is not a date"


def _from_record(rec: dict, cols: dict, where: str, basis_note: str) -> Item:
    def get(f):
        return ("" if cols.get(f) is None or rec.get(cols[f]) is None else str(rec[cols[f]]))
    item = Item(where=where, text=get("text"), title=get("title").strip(), url=get("url").strip(),
                outlet=get("outlet").strip(), author=get("author").strip(), notes=f"Added from {basis_note}.")
    item.published, problem = parse_date(get("published"))
    if problem:
        item.problems.append(problem)
    item.date_basis = "metadata" if item.published else ""
    return item


def read_csv_export(path: Path, mapping: dict) -> list[Item]:
    where = display(path)
    text, problem = _read_text(path.read_bytes())
    if problem:
        return [Item(where=where, problems=[problem])]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    cols = _columns(reader.fieldnames or [], mapping, where)
    items, end = [], 1
    for rec in reader:
        line, end = end + 1, reader.line_num  # a record's first line: fields may span lines
        if not any((v or "").strip() for v in rec.values() if isinstance(v, str)):
            continue
        items.append(_from_record(rec, cols, f"{where} line {line}", f"{path.name} line {line}"))
    return items


def read_jsonl_export(path: Path, mapping: dict) -> list[Item]:
    where = display(path)
    text, problem = _read_text(path.read_bytes())
    if problem:
        return [Item(where=where, problems=[problem])]
    items = []
    for line, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        here = f"{where} line {line}"
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            items.append(Item(where=here, problems=[f"not JSON ({e.msg}, column {e.colno})"]))
            continue
        if not isinstance(rec, dict):
            items.append(Item(where=here, problems=["not a JSON object"]))
            continue
        items.append(_from_record(rec, _columns(list(rec), mapping, here, need_text=False), here, f"{path.name} line {line}"))
    return items


def _sidecar(folder: Path) -> Path | None:
    csvs = sorted(folder.glob("*.csv"))
    if not csvs:
        return None
    named = [p for p in csvs if p.name in ("metadata.csv", "catalog.csv")]
    if named:
        return named[0]
    if len(csvs) > 1:
        raise CorpusError(f"{display(folder)}: {len(csvs)} CSV files; name the sidecar metadata.csv")
    return csvs[0]


def read_folder(folder: Path, mapping: dict) -> list[Item]:
    """Every ``.txt`` of ``folder`` (sorted by name), with sidecar metadata when there is one."""
    meta, cols = {}, {}
    side = _sidecar(folder)
    if side is not None:
        text, problem = _read_text(side.read_bytes())
        if problem:
            return [Item(where=display(side), problems=[problem])]
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        lower = {h.strip().lower(): h for h in header}
        if "file" not in lower:
            raise CorpusError(f"{display(side)}: sidecar needs a 'file' column naming the .txt files")
        cols = _columns(header, mapping, display(side), need_text=False)
        for rec in reader:
            meta[(rec.get(lower["file"]) or "").strip()] = (rec, reader.line_num)
    items = []
    for path in sorted(folder.glob("*.txt")):
        where = display(path)
        text, problem = _read_text(path.read_bytes())
        rec, line = meta.get(path.name, ({}, None))
        source = f"{folder.name}/{path.name}" + (f", metadata from {side.name} line {line}" if line else "")
        item = _from_record(rec, {k: v for k, v in cols.items() if k != "text"}, where, source)
        item.text, item.name_hint = text or "", path.stem
        if problem:
            item.problems.insert(0, problem)
        items.append(item)
    return items


def read_plain_text(path: Path) -> list[Item]:
    text, problem = _read_text(path.read_bytes())
    item = Item(where=display(path), text=text or "", name_hint=path.stem, notes=f"Added from {path.name}.")
    if problem:
        item.problems.append(problem)
    return [item]


def read_html(path: Path) -> Item:
    """One saved page: body and metadata by trafilatura, date by htmldate (see module doc)."""
    import htmldate
    import trafilatura
    from lxml import html as lxml_html

    data = path.read_bytes()
    item = Item(where=display(path), html=data, name_hint=path.stem)
    page, problem = _read_text(data)
    if problem:
        item.problems.append(problem)
        return item
    if not page.strip():
        item.problems.append("empty page")
        return item
    try:
        tree = lxml_html.fromstring(page)
    except Exception as e:  # lxml raises several types on unparsable input
        item.problems.append(f"not an HTML page ({type(e).__name__})")
        return item
    found = htmldate.find_date(tree, extensive_search=False, original_date=True)
    basis = "metadata"
    if not found:
        found = htmldate.find_date(tree, extensive_search=True, original_date=True)
        basis = "inferred"
        if found and found.endswith("-01") and not _day_stated(page, found):
            found = None  # htmldate's month or copyright-year fallback: not a publication day
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=False, deduplicate=False)
    if doc is not None:
        item.text = doc.text or ""
        item.title = (doc.title or "").strip()
        item.author = (doc.author or "").strip()
        item.outlet = (doc.sitename or doc.hostname or "").strip()
        item.url = (doc.url or "").strip()
        if len(re.findall(r"\w+", item.text)) < MIN_PAGE_WORDS:
            item.text = ""
    if found:
        item.published, _ = parse_date(found)
        item.date_basis = basis if item.published else ""
    how = ("date from the page's metadata" if item.date_basis == "metadata" else
           "date inferred by htmldate from the page text" if item.date_basis == "inferred" else "no date found")
    item.notes = (f"Saved page {path.name}, kept as {{html}}; body and metadata extracted by "
                  f"trafilatura {trafilatura.__version__}, {how} (htmldate {htmldate.__version__}).")
    return item


def _day_stated(page: str, iso: str) -> bool:
    """Whether the page names the first of the month of ``iso`` as a day, in a usual form."""
    d = dt.date.fromisoformat(iso)
    month = f"(?:{d:%B}|{d:%b}\\.?)"
    forms = [rf"{d:%Y}-{d:%m}-01", rf"{d:%Y}/{d:%m}/01", rf"\b0?1[./]{d:%m}[./]{d:%Y}", rf"\b{d:%m}[./]0?1[./]{d:%Y}",
             rf"\b0?1(?:st)?\s+{month}\s+{d:%Y}", rf"{month}\s+0?1(?:st)?,?\s+{d:%Y}"]
    return any(re.search(f, page, re.IGNORECASE) for f in forms)


def read_sources(sources: list, mapping: dict, progress: bool = True) -> list[Item]:
    """Every item of every source, in the order given (folders and exports in file order)."""
    paths, items = [], []
    for s in sources:
        p = Path(s).expanduser()
        if not p.exists():
            raise CorpusError(f"{s}: not found")
        paths.append(p.resolve())
    pages = [p for p in paths if p.is_file() and p.suffix.lower() in HTML_SUFFIXES]
    bar = _progress(len(pages), "reading pages", progress)
    for p in paths:
        suffix = p.suffix.lower()
        if p.is_dir():
            items.extend(read_folder(p, mapping))
        elif suffix in HTML_SUFFIXES:
            items.append(read_html(p))
            bar.update()
        elif suffix == ".csv":
            items.extend(read_csv_export(p, mapping))
        elif suffix in JSONL_SUFFIXES:
            items.extend(read_jsonl_export(p, mapping))
        elif suffix == ".txt":
            items.extend(read_plain_text(p))
        else:
            raise CorpusError(f"{display(p)}: not a page (.html), export (.csv, .jsonl), .txt or folder")
    bar.close()
    return items


# ---------------------------------------------------------------- checking

def body_key(text: str) -> str:
    """What two bodies must share to be the same: Unicode-normalised, case-folded words."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def url_key(url: str) -> str:
    if not url:
        return ""
    try:
        from courlan import normalize_url

        url = normalize_url(url.strip())
    except Exception:  # courlan refuses some odd addresses; compare those as written
        pass
    return url.strip().rstrip("/").lower()


def check(items: list[Item], corpus_dir: Path, allow_undated: bool) -> None:
    """Append each item's problems to ``item.problems`` (one line each)."""
    catalog = _catalog_rows(corpus_dir)
    urls = {url_key(r.get("url", "")): r.get("doc_id", "") for r in catalog if (r.get("url") or "").strip()}
    bodies = {}
    for r in catalog:
        f = corpus_dir / (r.get("file") or "")
        if r.get("file") and f.is_file():
            try:
                bodies.setdefault(body_key(f.read_bytes().decode("utf-8-sig")), r.get("doc_id", ""))
            except UnicodeDecodeError:
                pass  # the build names that file; it is no duplicate of anything added here
    for item in items:
        if item.problems and item.problems[0].startswith("not UTF-8"):
            continue
        if not any(ch.isalnum() for ch in item.text):
            item.problems.append("no extractable body")
            continue
        if item.published is None and not any(p.startswith("date ") for p in item.problems):
            if allow_undated:
                item.date_basis = "unknown"
            else:
                item.problems.append("no date (give one, or add with --allow-undated)")
        if item.url:
            k = url_key(item.url)
            if k in urls:
                item.problems.append(f"duplicate URL {item.url} (already {urls[k]})")
            elif not item.problems:
                urls[k] = item.where
        if any(ch.isalnum() for ch in item.text):
            k = body_key(item.text)
            if k in bodies:
                item.problems.append(f"exact duplicate of {bodies[k]}")
            elif not item.problems:
                bodies[k] = item.where


def _catalog_rows(corpus_dir: Path) -> list[dict]:
    path = corpus_dir / CATALOG_NAME
    if not path.is_file():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{display(path)}: not valid UTF-8 at byte {e.start}") from None
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ---------------------------------------------------------------- writing

def slug(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for w in words:
        if len(out) + len(w) + (1 if out else 0) > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "article"


def _next_id(corpus_dir: Path, catalog: list[dict]) -> tuple[int, int]:
    """(next number, width): after every numeric id the catalog, the files and the ledger know."""
    seen = [r.get("doc_id", "") for r in catalog]
    seen += [p.name for p in corpus_dir.glob("*")] + [p.name for p in (corpus_dir / HTML_DIR).glob("*")]
    ledger = corpus_dir / LEDGER
    if ledger.is_file():
        seen += ledger.read_text(encoding="utf-8").split()
    numbers = [m.group(1) for s in seen if (m := _NUMERIC_ID.match(s))]
    width = max([3] + [len(n) for n in numbers])
    return (max(int(n) for n in numbers) + 1 if numbers else 0), width


def _newline(data: bytes) -> str:
    return "\r\n" if b"\r\n" in data else "\n"


def write(items: list[Item], corpus_dir: Path) -> list[tuple[str, str, str]]:
    """Write the (checked) items: text files, saved pages, ledger, then the catalog in one rename."""
    path = corpus_dir / CATALOG_NAME
    catalog = _catalog_rows(corpus_dir)
    number, width = _next_id(corpus_dir, catalog)
    old = path.read_bytes() if path.is_file() else b""
    nl = _newline(old)
    header = next(csv.reader(io.StringIO(old.decode("utf-8-sig")))) if old.strip() else list(COLUMNS)
    header += [c for c in COLUMNS if c not in header]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator=nl, extrasaction="ignore")
    if not old.strip():
        w.writeheader()
    created, added = [], []
    try:
        for item in items:
            doc_id = f"{number:0{width}d}"
            number += 1
            name = f"{doc_id}_{slug(item.title or item.name_hint)}"
            _create(corpus_dir / f"{name}.txt", item.text.encode("utf-8"), created)
            if item.html is not None:
                (corpus_dir / HTML_DIR).mkdir(exist_ok=True)
                _create(corpus_dir / HTML_DIR / f"{name}.html", item.html, created)
            notes = item.notes.replace("{html}", f"{HTML_DIR}/{name}.html")
            w.writerow({"doc_id": doc_id, "file": f"{name}.txt", "outlet": item.outlet or "unknown",
                        "author": item.author, "title": item.title,
                        "published": item.published.isoformat() if item.published else "",
                        "date_basis": item.date_basis, "url": item.url, "notes": notes})
            added.append((doc_id, f"{name}.txt", item.where))
        prefix = old if (not old or old.endswith(b"\n")) else old + nl.encode()
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", dir=corpus_dir)
        created.append(Path(tmp))
        with os.fdopen(fd, "wb") as f:
            f.write(prefix + buf.getvalue().encode("utf-8"))
        os.replace(tmp, path)
        created.pop()
    except BaseException:
        for p in reversed(created):
            p.unlink(missing_ok=True)
        raise
    with open(corpus_dir / LEDGER, "a", encoding="utf-8") as f:
        f.write("".join(f"{d}\n" for d, _, _ in added))
    return added


def _create(path: Path, data: bytes, created: list) -> None:
    with open(path, "xb") as f:  # "x": an existing file is never replaced
        created.append(path)
        f.write(data)


def _progress(total: int, desc: str, enabled: bool):
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is None or not enabled or total < 2:
        class _Quiet:
            def update(self, n=1):
                pass

            def close(self):
                pass

        return _Quiet()
    return tqdm(total=total, desc=desc, unit="page", file=sys.stderr, leave=False, disable=None)  # bar on a terminal only


def add(sources: list, corpus_dir="seeds", mapping: dict | None = None, allow_undated: bool = False,
        skip_bad: bool = False, report: Path | None = None, progress: bool = True) -> Result:
    """Check every item of ``sources``; write them all (or, with ``skip_bad``, the good ones).

    Raises CorpusError for a problem with the command itself (a missing source, a missing
    column). Problems of items are returned in ``Result.rejected``; with any of them and no
    ``skip_bad``, nothing is written."""
    corpus_dir = resolve(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"{display(corpus_dir)}: corpus folder not found")
    items = read_sources(sources, mapping or {}, progress)
    if not items:
        raise CorpusError(f"{', '.join(map(str, sources))}: no articles found")
    check(items, corpus_dir, allow_undated)
    bad = [(i.where, p) for i in items for p in i.problems]
    good = [i for i in items if not i.problems]
    result = Result(added=[], rejected=bad)
    if bad and skip_bad and report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        with report.open("w", encoding="utf-8", newline="") as f:
            cw = csv.writer(f, lineterminator="\n")
            cw.writerow(["item", "problem"])
            cw.writerows(bad)
        result.report = report
    if bad and not skip_bad:
        return result
    result.added = write(good, corpus_dir) if good else []
    return result


def main(args) -> int:
    """The ``add`` command: problems one line each on stderr, then what was written."""
    from analysis.corpus.paths import BUILD

    corpus_dir = resolve(args.corpus)
    report = BUILD / "add" / "rejected.csv"
    result = add(args.sources, corpus_dir, parse_map(args.map), args.allow_undated, args.skip_bad, report)
    label = "skipped" if args.skip_bad else "error"
    for where, problem in result.rejected:
        print(f"{label}: {where}: {problem}", file=sys.stderr)
    if result.rejected and not args.skip_bad:
        n = len({w for w, _ in result.rejected})
        print(f"error: {n} item(s) with problems; nothing written to {display(corpus_dir)} "
              f"(fix them, or add the others with --skip-bad)", file=sys.stderr)
        return 1
    if result.report:
        print(f"{len(result.rejected)} problem(s) listed in {display(result.report)}", file=sys.stderr)
    for doc_id, name, where in result.added[:20]:
        print(f"added {doc_id} {name} <- {where}")
    if len(result.added) > 20:
        print(f"... and {len(result.added) - 20} more")
    print(f"{len(result.added)} document(s) added to {display(corpus_dir / CATALOG_NAME)}")
    return 0
