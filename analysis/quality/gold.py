"""The gold annotations (quality layer): where they live, the dev/test split, and their checks.

Three sets are scored (see tests/gold/README.md):

* ``seeds``: ``tests/gold/NNN.json`` for the seed articles in ``seeds/``;
* ``dev`` and ``test``: ``tests/gold/corpus/gold/dNNN.json`` for the development corpus in
  ``tests/gold/corpus/``, split by :func:`split`, a rule fixed before any article was written.

``python -m analysis.quality.gold check FILE.json ...`` checks annotation files and prints one line per
problem (``file: entry N (table): problem``); it exits 1 when any is found.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

from analysis.corpus.paths import ROOT, display

GOLD = ROOT / "tests" / "gold"
CORPUS = GOLD / "corpus"
CORPUS_GOLD = CORPUS / "gold"

TABLES = ("quotes", "numbers", "timex", "positions", "furniture")
QUOTE_KINDS = {"quote", "term"}
NUMBER_KINDS = {"count", "percent", "ratio", "duration", "vague", "money"}
GRANULARITIES = {"day", "month", "season", "year", "range", "part"}
CORPUS_MEASURES = {
    "awol_cases", "desertion_cases", "desertion_prosecutions", "people_prosecuted", "deserters",
    "returned_to_service", "killed", "wounded", "casualties", "missing", "captured",
    "prisoners_exchanged", "refugees", "equipment", "territory_share", "distance", "area",
    "mobilised", "military_aid", "change",
}
SIDES = {"Ukraine", "Russia", "civilians"}
POLARITIES = {"affirmed", "negated"}
FURNITURE_KINDS = {
    "headline", "byline", "summary", "caption", "editor_note", "advertisement", "read_also",
    "reading_time", "navigation", "teaser", "author_box", "share", "footer", "truncation",
}


def split(doc_id: str) -> str:
    """``test`` for one document in three, chosen by a hash of its id and nothing else."""
    return "test" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def span(raw: str, text: str, occurrence: int) -> tuple[int, int]:
    """Raw offsets of the ``occurrence``-th match of ``text`` (1-based, as ``str.find`` counts)."""
    pos = -1
    for _ in range(occurrence):
        pos = raw.find(text, pos + 1)
        if pos < 0:
            raise ValueError(f"gold text {text!r} (occurrence {occurrence}) not in the raw file")
    return pos, pos + len(text)


def _actor_ids() -> set[str]:
    from analysis.extract import actors

    return set(actors.load_codebook()["actor_id"])


def _measures() -> set[str]:
    from analysis.extract import numbers

    return {m["measure_id"] for m in numbers.measures()} | CORPUS_MEASURES


_OTHER = re.compile(r"other:[a-z0-9_]+\Z")


def _date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _range(value, where: str, problems: list, nullable: bool = True) -> None:
    if value is None:
        if not nullable:
            problems.append(f"{where}: missing")
        return
    if not isinstance(value, dict) or not _date(value.get("start")) or not _date(value.get("end")):
        problems.append(f"{where}: must be {{'start': 'YYYY-MM-DD', 'end': 'YYYY-MM-DD'}}, got {value!r}")
    elif value["start"] > value["end"]:
        problems.append(f"{where}: start after end")


def check(path: Path, raw: str | None = None, require=TABLES) -> list[str]:
    """Problems in one annotation file (empty when it is sound). ``raw`` is the text it
    annotates (default: the corpus file ``<doc_id>_*.txt`` beside its ``gold/`` folder);
    ``require`` the tables it must have (the seeds' older gold has no positions or furniture)."""
    path = Path(path)
    where = display(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{where}: cannot read: {e}"]
    problems: list[str] = []
    doc_id = gold.get("doc_id")
    if raw is None:
        folder = path.parent.parent if path.parent.name == "gold" else path.parent
        files = sorted(folder.glob(f"{doc_id}_*.txt"))
        if len(files) != 1:
            return [f"{where}: expected one text {doc_id}_*.txt in {display(folder)}, found {len(files)}"]
        raw = files[0].read_bytes().decode("utf-8")
    if not _date(gold.get("published")):
        problems.append(f"{where}: published {gold.get('published')!r} is not YYYY-MM-DD")
    actors, measures = _actor_ids(), _measures()

    def actor_ok(value, allow_author=False, allow_none=False):
        if value is None:
            return allow_none
        return value in actors or bool(_OTHER.match(value)) or (allow_author and value == "author")

    for table in TABLES:
        entries = gold.get(table)
        if entries is None:
            if table in require:
                problems.append(f"{where}: no '{table}' list")
            continue
        last = -1
        for i, e in enumerate(entries, 1):
            at = f"{where}: {table} {i} ({str(e.get('text'))[:40]!r})"
            try:
                s, _ = span(raw, e["text"], e.get("occurrence", 1))
            except (KeyError, TypeError, ValueError) as err:
                problems.append(f"{at}: {err}")
                continue
            if s < last and table != "quotes":
                problems.append(f"{at}: out of text order")
            last = max(last, s)
            if table == "quotes":
                if e.get("kind") not in QUOTE_KINDS:
                    problems.append(f"{at}: kind {e.get('kind')!r}")
                elif e["kind"] == "quote" and not actor_ok(e.get("speaker")):
                    problems.append(f"{at}: speaker {e.get('speaker')!r} is not an actor id or other:<name>")
                elif e["kind"] == "term" and e.get("speaker") is not None:
                    problems.append(f"{at}: a term has no speaker")
                for v in e.get("via") or []:
                    if not actor_ok(v):
                        problems.append(f"{at}: via {v!r} is not an actor id or other:<name>")
            elif table == "numbers":
                if e.get("kind") not in NUMBER_KINDS:
                    problems.append(f"{at}: kind {e.get('kind')!r}")
                if e.get("measure") not in measures:
                    problems.append(f"{at}: measure {e.get('measure')!r} not in the vocabulary")
                for b in ("low", "high"):
                    if e.get(b) is not None and not isinstance(e[b], (int, float)):
                        problems.append(f"{at}: {b} must be a number or null")
                if e.get("low") is None and e.get("high") is None:
                    problems.append(f"{at}: low and high both null")
                if not actor_ok(e.get("claimant"), allow_author=True):
                    problems.append(f"{at}: claimant {e.get('claimant')!r}")
                for v in e.get("via") or []:
                    if not actor_ok(v):
                        problems.append(f"{at}: via {v!r} is not an actor id or other:<name>")
                if e.get("side") is not None and e["side"] not in SIDES:
                    problems.append(f"{at}: side {e['side']!r} not one of {sorted(SIDES)}")
                _range(e.get("period"), f"{at}: period", problems)
            elif table == "timex":
                if not _date(e.get("start")) or not _date(e.get("end")):
                    problems.append(f"{at}: start/end must be YYYY-MM-DD")
                elif e["start"] > e["end"]:
                    problems.append(f"{at}: start after end")
                if e.get("granularity") not in GRANULARITIES:
                    problems.append(f"{at}: granularity {e.get('granularity')!r}")
            elif table == "positions":
                if not actor_ok(e.get("actor")):
                    problems.append(f"{at}: actor {e.get('actor')!r}")
                if e.get("level") not in (1, 2, 3, 4, 5, None):
                    problems.append(f"{at}: level {e.get('level')!r} not 1-5 or null")
                if e.get("polarity") not in POLARITIES:
                    problems.append(f"{at}: polarity {e.get('polarity')!r}")
                _range(e.get("date"), f"{at}: date", problems, nullable=False)
            elif table == "furniture":
                if e.get("kind") not in FURNITURE_KINDS:
                    problems.append(f"{at}: kind {e.get('kind')!r}")
    return problems


def corpus_docs(corpus: Path = CORPUS) -> list[tuple[str, Path]]:
    """(doc_id, gold path) for every annotated document of a corpus folder, in id order."""
    return [(p.stem, p) for p in sorted((Path(corpus) / "gold").glob("*.json"))]


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] != "check":
        print("usage: python -m analysis.quality.gold check FILE.json ...", file=sys.stderr)
        return 2
    paths = [Path(a) for a in argv[1:]] or [p for _, p in corpus_docs()]
    bad = 0
    for p in paths:
        problems = check(p)
        for line in problems:
            print(line)
        bad += bool(problems)
        if not problems:
            print(f"{display(p)}: ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
