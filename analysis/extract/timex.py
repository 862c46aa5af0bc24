"""Time expressions: find them in a document and resolve them to date ranges.

``timex(view)`` is a pure function of a ``DocView``. It returns one dict per
expression, sorted by ``clean_start``:

doc_id, sent_id     the document and the sentence holding the expression's start
clean_start/_end    offsets into ``view.text``; ``text`` is exactly that slice
kind                absolute (the text names its year), relative (resolved against
                    the publication date) or anchored_range ("since X": from X to
                    the publication date)
start, end          ISO dates, the inclusive range the expression refers to
granularity         day, week, month, season, year, range (several units or an
                    anchored range), part (early/mid/late X)
anchor              "published" when the publication date was used, else None
anchor_inferred     True when that publication date is itself inferred
                    (``view.date_basis == "inferred"``): the resolution is only as
                    good as the inferred date
note                how the expression was resolved, in words
anchor_start, anchor_end, anchor_granularity
                    for "since X": X's own range and granularity ("since August"
                    -> 2022-08-01, 2022-08-31, month), before it is widened to
                    publication; None otherwise

The rules (names, patterns, licensing context) are data: ``data/timex.toml``.
Conventions (see also the toml comments):

* A weekday is the most recent such day ON OR BEFORE publication: an article
  published on a Tuesday that says "on Tuesday" means that same day. "last
  Monday" is strictly before; "next Monday" strictly after. A future-tense cue
  in the same clause ("will meet on Wednesday") resolves forward instead (on or
  after publication).
* A bare month ("in December") is the most recent such month not after the
  publication month; "back in February" strictly before it; a future cue
  resolves forward. A month-day without year likewise (on or before publication).
* "this spring" is the spring of the publication year even if still to come (the
  winter containing the publication date in January/February); "last S" is the
  most recent S that ended before publication; "next S" the first starting after
  it; a bare season after a preposition ("over the summer", "ahead of the
  winter") is read as "this S". Seasons are meteorological; winter Y is December
  Y to February Y+1.
* A bare year is granularity year, the whole year (never a day), and is only
  taken where a licensing word shows it is a date ("in 2024", "since 2014").
* "earlier this month/year", "Earlier in March" run from the start of the unit
  to the day before publication: "earlier" than the report itself (the
  tests/gold convention; [conventions] in the toml switches to "publication day
  inclusive"); "later this ..." from publication to the unit's end.
* Windows end on the publication date, granularity range: "the past day" /
  "the past 24 hours" / "overnight" / "last night" = publication day - 1 ..
  publication day; "the last week" / "the past week" = the 7 days ending on the
  publication date; "the past N months" likewise in calendar days.
* "last week" / "this week" / "next week" are calendar weeks (Monday-Sunday,
  granularity week); "last month" / "last year" calendar months / years.
* "since X" runs from the start of X to the publication date (anchored_range,
  granularity range); also "since the start of the full-scale invasion" (event
  dates in the toml) and "since / from the beginning of the year".
* Parts: early/mid/late month = days 1-10/11-20/21-end; of a season its first/
  second/third month; of a year Jan-Apr/May-Aug/Sep-Dec. "the beginning/start of"
  = early, "the middle of" = mid, "the end of" = late.
* Durations ("seven months", "for months", "13-months-long") and bare ordinals
  ("the first", "93rd") are not time expressions and never match.
* Narrative time is not tracked: every relative expression is resolved against
  the publication date, even inside quotations or reports of past events.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.corpus import docview
from analysis.corpus.rulefiles import load_toml
from analysis.kit import matching
from analysis.kit import text as text_kit

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["doc_id", "sent_id", "clean_start", "clean_end", "text", "kind", "start", "end",
           "granularity", "anchor", "anchor_inferred", "note", "anchor_start", "anchor_end",
           "anchor_granularity"]

_PLACEHOLDER = re.compile(r"\{(monthd|month|weekday|season|year|day|number|event)(?::(\w+))?\}")


# ------------------------------------------------------------------ rules
@lru_cache(maxsize=1)
def rules() -> dict:
    """The parsed and compiled rules of ``data/timex.toml``."""
    r = load_toml("timex.toml")
    month_num = {m: i for i, m in enumerate(r["months"], 1)}
    month_num.update(r["month_abbreviations"])
    month_num.update(r["month_abbreviations_dotless"])
    dotless = text_kit.alternation(r["month_abbreviations_dotless"])
    full = "|".join(r["months"])
    abbr = text_kit.alternation(r["month_abbreviations"])
    numbers = r["numbers"]
    alts = {
        "month": rf"\b(?:(?:{full})(?!\w)|(?:{abbr}))",
        "monthd": rf"\b(?:(?:{full})(?!\w)|(?:{abbr})|(?:{dotless})(?=\s+\d))",
        "weekday": rf"\b(?:{'|'.join(r['weekdays'])})",
        "event": "|".join(f"(?:{e['pattern']})" for e in r["event"]),
        "season": rf"(?i:\b(?:{'|'.join(r['seasons'])})\b)",
        "year": r"(?:19|20)\d\d",
        "day": r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?!\d)",
        "number": rf"(?i:\b(?:\d{{1,2}}|{text_kit.alternation(numbers)})\b)",
    }

    def expand(pattern: str) -> str:
        def group(m):
            name = m.group(2) or ("month" if m.group(1) == "monthd" else m.group(1))
            return f"(?P<{name}>{alts[m.group(1)]})"
        return _PLACEHOLDER.sub(group, pattern)

    licenses = {k: re.compile(v, re.IGNORECASE) for k, v in r["license"].items()}
    compiled = []
    for i, rule in enumerate(r["rule"]):
        before = rule.get("before")
        if before is not None:
            before = licenses[before] if before in licenses else re.compile(before, re.IGNORECASE)
        compiled.append({"name": rule["name"], "order": i, "regex": re.compile(expand(rule["pattern"])),
                         "resolve": rule["resolve"], "before": before})
    return {
        "rules": compiled,
        "modifiers": {m["name"]: re.compile(m["pattern"], re.IGNORECASE) for m in r["modifier"]},
        "month_num": month_num,
        "weekday_num": {w: i for i, w in enumerate(r["weekdays"])},
        "seasons": {k.lower(): v for k, v in r["seasons"].items()},
        "numbers": numbers,
        "part_words": {k.lower(): v for k, v in r["parts"]["words"].items()},
        "parts": {g: r["parts"][g] for g in ("month", "season", "year")},
        "future_cue": re.compile(r["future"]["cues"], re.IGNORECASE),
        "future_block": re.compile(r["future"]["blockers"], re.IGNORECASE),
        "future_words": int(r["future"]["max_words"]),
        "earlier_includes_pub": bool(r["conventions"]["earlier_includes_publication_day"]),
        "war_began": r["conventions"].get("war_began_event"),
        "ahead_days": int(r["conventions"]["bare_date_ahead_days"]),
        "governing_window": int(r["governing"]["window_chars"]),
        "estimate_verb": re.compile(r["governing"]["estimate_verb"], re.IGNORECASE),
        "estimate_span": re.compile(r["governing"]["estimate_span"], re.IGNORECASE),
        "events": [(re.compile(e["pattern"], re.IGNORECASE), dt.date.fromisoformat(e["date"]), e["name"])
                   for e in r["event"]],
    }


# ------------------------------------------------------------------ date helpers
def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _month_span(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), _month_end(y, m)


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def divmod_months(year: int, month: int) -> tuple[int, int]:
    """(year, month) for a month number that may run past December."""
    y, m = divmod(month - 1, 12)
    return year + y, m + 1


def _season_bounds(season_month: int, year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, season_month, 1), _month_end(*divmod_months(year, season_month + 2))


def _season_instance(season_month: int, pub: dt.date, rel: str) -> int:
    """Start year of this / last / next season S relative to ``pub``.

    this: the instance containing pub, else the one starting in pub's year;
    last: the most recent instance that has ended before pub;
    next: the first instance starting after pub.
    """
    if rel == "this":
        return pub.year - 1 if season_month == 12 and pub.month <= 2 else pub.year
    if rel in ("last", "past"):
        y = pub.year
        while _season_bounds(season_month, y)[1] >= pub:
            y -= 1
        return y
    y = pub.year - 1
    while _season_bounds(season_month, y)[0] <= pub:
        y += 1
    return y


def _iso_week(d: dt.date) -> tuple[dt.date, dt.date]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def _number(r: dict, word: str | None) -> int:
    if word is None:
        return 1
    return int(word) if word.isdigit() else r["numbers"][word.lower()]


# ------------------------------------------------------------------ resolvers
# Each takes (match, ctx) and returns dict(start, end, granularity, kind, note) or None.
# ctx: pub (date), future (bool: a future-tense cue governs the expression),
# strict (bool: "back in"), rules.

def _res(start, end, granularity, kind, note):
    return {"start": start, "end": end, "granularity": granularity, "kind": kind, "note": note}


def _month_of(ctx, g: dict, key="month") -> int:
    return ctx["rules"]["month_num"][g[key]]


def r_date(m, ctx):
    g = m.groupdict()
    month = int(g["mm"]) if g.get("mm") else _month_of(ctx, g)
    try:
        d = dt.date(int(g["year"]), month, int(g["day"]))
    except ValueError:
        return None
    return _res(d, d, "day", "absolute", "full date")


def r_month(m, ctx):
    g = m.groupdict()
    month = _month_of(ctx, g)
    if g.get("year"):
        s, e = _month_span(int(g["year"]), month)
        return _res(s, e, "month", "absolute", "month and year")
    pub = ctx["pub"]
    if ctx["future"]:
        y = pub.year if month >= pub.month else pub.year + 1
        note = "month resolved forward (future-tense cue): first such month not before the publication month"
    elif ctx["strict"]:
        y = pub.year if month < pub.month else pub.year - 1
        note = "'back in': most recent such month strictly before the publication month"
    elif month > pub.month and (_month_span(pub.year, month)[0] - pub).days <= ctx["rules"]["ahead_days"]:
        y, note = pub.year, "month without year just after publication: the coming one"
    else:
        y = pub.year if month <= pub.month else pub.year - 1
        note = "month resolved to the most recent such month not after the publication month"
    s, e = _month_span(y, month)
    return _res(s, e, "month", "relative", note)


def r_month_range(m, ctx):
    g = m.groupdict()
    m1, m2 = _month_of(ctx, g), _month_of(ctx, g, "m2")
    if g.get("year"):
        y2 = int(g["year"])
        y1 = y2 if m1 <= m2 else y2 - 1
        return _res(dt.date(y1, m1, 1), _month_end(y2, m2), "range", "absolute", "months of one year")
    pub = ctx["pub"]
    y2 = pub.year if m2 <= pub.month else pub.year - 1
    if g.get("rely"):                                   # "January to October this year / last year"
        y2 = pub.year - (g["rely"].lower() == "last")
    y1 = y2 if m1 <= m2 else y2 - 1
    return _res(dt.date(y1, m1, 1), _month_end(y2, m2), "range", "relative",
                "months resolved to the most recent such span not after the publication month")


def r_span_between(m, ctx):
    """From one month (of a year) to another month or day of another year."""
    g = m.groupdict()
    m1, m2 = _month_of(ctx, g), _month_of(ctx, g, "m2")
    y1, y2 = int(g["year"]), int(g["y2"])
    try:
        end = dt.date(y2, m2, int(g["day"])) if g.get("day") else _month_end(y2, m2)
        start = dt.date(y1, m1, 1)
    except ValueError:
        return None
    if end < start:
        return None
    return _res(start, end, "range", "absolute", "from a month to a later month or day")


def r_season(m, ctx):
    g = m.groupdict()
    sm = ctx["rules"]["seasons"][g["season"].lower()]
    y = int(g["year"])
    s = dt.date(y, sm, 1)
    return _res(s, _month_end(*divmod_months(y, sm + 2)), "season", "absolute",
                "meteorological season" + (" (winter Y = Dec Y to Feb Y+1)" if sm == 12 else ""))


def r_year(m, ctx):
    y = int(m.group("year"))
    return _res(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "absolute", "bare year: the whole year")


def r_year_range(m, ctx):
    y1 = int(m.group("year"))
    y2s = m.group("y2")
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 <= y1:
        return None
    return _res(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range", "absolute", "span of years")


def _year_of(m, ctx) -> tuple[int, str, bool]:
    g = m.groupdict()
    if g.get("year"):
        return int(g["year"]), "absolute", False
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    return ctx["pub"].year + {"last": -1, "next": 1}.get(rel, 0), "relative", True


def r_first_n_of_year(m, ctx):
    y, kind, _ = _year_of(m, ctx)
    n = _number(ctx["rules"], m.group("number"))
    unit = m.group("unit").lower()
    ord_ = (m.group("ord") or "first").lower()         # "in 11 months of 2024" (MT): the first eleven
    first = ord_ == "first"
    if unit == "months":
        if not 1 <= n <= 12:
            return None
        s, e = (dt.date(y, 1, 1), _month_end(y, n)) if first else (dt.date(y, 13 - n, 1), dt.date(y, 12, 31))
    else:
        days = 7 * n
        s, e = ((dt.date(y, 1, 1), dt.date(y, 1, 1) + dt.timedelta(days=days - 1)) if first
                else (dt.date(y, 12, 31) - dt.timedelta(days=days - 1), dt.date(y, 12, 31)))
    return _res(s, e, "range", kind, f"{ord_} {n} {unit} of {y}")


def _part_of_year(m) -> tuple[str, int, int] | None:
    """(portion, its size in months, which one) of "the second half" or "the first quarter";
    None for a part the year has not ("the third half")."""
    portion = m.group("portion").lower()
    size = 6 if portion == "half" else 3
    count = 12 // size
    k = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": count, "final": count}[m.group("ord").lower()]
    return None if k > count else (portion, size, k)


def r_half_of_year(m, ctx):
    y, kind, _ = _year_of(m, ctx)
    part = _part_of_year(m)
    if part is None:
        return None
    portion, size, k = part
    s = dt.date(y, (k - 1) * size + 1, 1)
    return _res(s, _month_end(y, k * size), "range", kind, f"{portion} {k} of {y}")


def r_half_no_year(m, ctx):
    pub = ctx["pub"]
    part = _part_of_year(m)
    if part is None:
        return None
    portion, size, k = part
    y = pub.year if dt.date(pub.year, (k - 1) * size + 1, 1) <= pub else pub.year - 1
    s = dt.date(y, (k - 1) * size + 1, 1)
    return _res(s, _month_end(y, k * size), "range", "relative",
                f"{portion} {k} of the most recent year in which it had begun by publication")


def r_day_no_year(m, ctx):
    g = m.groupdict()
    month, day, pub = _month_of(ctx, g), int(g["day"]), ctx["pub"]
    for y in ((pub.year, pub.year + 1) if ctx["future"] else (pub.year, pub.year - 1)):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if (d >= pub) if ctx["future"] else (d <= pub):
            note = ("date without year resolved forward (future-tense cue): first such date on or after publication"
                    if ctx["future"] else "date without year: most recent such date on or before publication")
            return _res(d, d, "day", "relative", note)
        if not ctx["future"] and y == pub.year and (d - pub).days <= ctx["rules"]["ahead_days"]:
            return _res(d, d, "day", "relative", "date without year just after publication: the coming one")
    return None


def r_day_pair_no_year(m, ctx):
    res = r_day_no_year(m, ctx)
    d2 = int(m.group("d2"))
    if res is None or d2 <= res["start"].day or d2 > calendar.monthrange(res["start"].year, res["start"].month)[1]:
        return None
    return _res(res["start"], res["start"].replace(day=d2), "range", "relative", res["note"] + "; to the second day named")


def r_month_rel_year(m, ctx):
    month = _month_of(ctx, m.groupdict())
    rel = m.group("rel").lower()
    y = ctx["pub"].year + {"last": -1, "this": 0, "next": 1}[rel]
    s, e = _month_span(y, month)
    return _res(s, e, "month", "relative", f"month of {rel} year (publication year {ctx['pub'].year})")


def r_rel_month(m, ctx):
    month, pub = _month_of(ctx, m.groupdict()), ctx["pub"]
    rel = m.group("rel").lower()
    if rel == "last":
        y = pub.year if month < pub.month else pub.year - 1
        note = "'last <month>': most recent such month strictly before the publication month"
    elif rel == "next":
        y = pub.year if month > pub.month else pub.year + 1
        note = "'next <month>': first such month strictly after the publication month"
    else:
        y = pub.year
        note = "'this <month>': that month of the publication year"
    s, e = _month_span(y, month)
    return _res(s, e, "month", "relative", note)


def _earlier_end(ctx) -> dt.date:
    pub = ctx["pub"]
    return pub if ctx["rules"]["earlier_includes_pub"] else pub - dt.timedelta(days=1)


def _earlier_word(ctx) -> str:
    return "publication" if ctx["rules"]["earlier_includes_pub"] else "the day before publication"


def r_earlier_in_month(m, ctx):
    month, pub = _month_of(ctx, m.groupdict()), ctx["pub"]
    mod = m.group("mod").lower()
    if month == pub.month:
        s, e = _month_span(pub.year, month)
        if mod == "earlier":
            last = _earlier_end(ctx)
            return _res(s, max(s, last), "range", "relative",
                        f"earlier in the publication month: month start to {_earlier_word(ctx)}")
        return _res(pub, e, "range", "relative", "later in the publication month: publication to month end")
    ctx = dict(ctx, future=(mod == "later"))
    res = r_month(m, ctx)
    res["note"] = f"'{mod} in <month>' outside the publication month: " + res["note"]
    return res


def r_rel_season(m, ctx):
    sm = ctx["rules"]["seasons"][m.group("season").lower()]
    rel = m.group("rel").lower()
    y = _season_instance(sm, ctx["pub"], rel)
    s = dt.date(y, sm, 1)
    e = _month_end(*divmod_months(y, sm + 2))
    rel = "last" if rel == "past" else rel
    how = {"this": "the one containing or starting in the publication year",
           "last": "the most recent one that ended before publication",
           "next": "the first one starting after publication"}[rel]
    return _res(s, e, "season", "relative", f"'{rel} <season>': meteorological season, {how}"
                + (" (still to come)" if s > ctx["pub"] else ""))


def r_season_rel_year(m, ctx):
    sm = ctx["rules"]["seasons"][m.group("season").lower()]
    y = ctx["pub"].year + {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    return _res(dt.date(y, sm, 1), _month_end(*divmod_months(y, sm + 2)), "season", "relative",
                "'<season> of last/this/next year': meteorological season of that year"
                + (" (winter Y = Dec Y to Feb Y+1)" if sm == 12 else ""))


def r_season_this(m, ctx):
    """A bare season ("over the summer", "ahead of the winter"): read as 'this <season>'."""
    sm = ctx["rules"]["seasons"][m.group("season").lower()]
    y = _season_instance(sm, ctx["pub"], "this")
    s, e = _season_bounds(sm, y)
    return _res(s, e, "season", "relative", "season without a year: the one containing or starting in the "
                "publication year" + (" (still to come)" if s > ctx["pub"] else ""))


def r_since_start_of_unit(m, ctx):
    pub, unit = ctx["pub"], (m.group("unit") or m.groupdict().get("unit2")).lower()
    s = {"year": dt.date(pub.year, 1, 1), "month": pub.replace(day=1), "week": _iso_week(pub)[0]}[unit]
    return _res(s, pub, "range", "anchored_range", f"start of the publication {unit} to publication")


def r_since_event(m, ctx):
    for rx, date, name in ctx["rules"]["events"]:
        if rx.fullmatch(m.group("event")):
            return _res(date, ctx["pub"], "range", "anchored_range",
                        f"'since' the {name} ({date.isoformat()}, data/timex.toml [[event]]) to publication")
    return None


def r_event_day(m, ctx):
    for rx, date, name in ctx["rules"]["events"]:
        if rx.fullmatch(m.group("event")):
            return _res(date, date, "day", "absolute" if m.group("at")[-4:].isdigit() else "relative",
                        f"the day the {name} began ({date.isoformat()}, data/timex.toml [[event]])")
    return None


def r_since_war_began(m, ctx):
    for _, date, name in ctx["rules"]["events"]:
        if name == ctx["rules"]["war_began"]:
            return _res(date, ctx["pub"], "range", "anchored_range",
                        f"'since the war began': the {name} ({date.isoformat()}, data/timex.toml) to publication")
    return None


def r_earlier_this(m, ctx):
    pub, unit, mod = ctx["pub"], m.group("unit").lower(), m.group("mod").lower()
    if unit == "week":
        s, e = _iso_week(pub)
    elif unit == "month":
        s, e = _month_span(pub.year, pub.month)
    else:
        s, e = dt.date(pub.year, 1, 1), dt.date(pub.year, 12, 31)
    if mod == "earlier":
        return _res(s, max(s, _earlier_end(ctx)), "range", "relative",
                    f"start of the publication {unit} to {_earlier_word(ctx)}")
    return _res(pub, e, "range", "relative", f"publication to end of the publication {unit}")


def r_rel_unit(m, ctx):
    pub, unit, rel = ctx["pub"], m.group("unit").lower(), m.group("rel").lower()
    k = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "week":
        s, e = _iso_week(pub + dt.timedelta(days=7 * k))
        note = f"{rel} calendar week (Monday-Sunday)"
    elif unit == "month":
        d = _add_months(pub.replace(day=1), k)
        s, e = _month_span(d.year, d.month)
        note = f"{rel} calendar month"
    else:
        s, e = dt.date(pub.year + k, 1, 1), dt.date(pub.year + k, 12, 31)
        note = f"{rel} calendar year"
    return _res(s, e, unit, "relative", note)


def _unit_back(pub: dt.date, unit: str, n: int) -> dt.date:
    """First day of a window of n units ending on the publication date.

    Hours and days are counted back from the (unknown) time of publication, so
    "the past day" / "the past 24 hours" cover the day before and the publication
    day; weeks, months and years are counted in whole calendar days ending on the
    publication day ("the past week" = the 7 days ending on it).
    """
    unit = unit.lower().rstrip("s")
    one = dt.timedelta(days=1)
    if unit == "hour":
        return pub - dt.timedelta(days=max(1, -(-n // 24)))
    if unit == "day":
        return pub - dt.timedelta(days=n)
    if unit == "week":
        return pub - dt.timedelta(days=7 * n) + one
    if unit == "month":
        return _add_months(pub, -n) + one
    return _add_months(pub, -12 * n) + one


def r_window(m, ctx):
    pub, unit = ctx["pub"], m.group("unit").lower()
    if unit == "hours" and not m.group("number"):
        return None
    n = _number(ctx["rules"], m.group("number"))
    if unit.endswith("s") and unit != "hours" and n == 1 and not m.group("number"):
        return None  # "the past weeks": vague
    s = _unit_back(pub, unit, n)
    base = unit.rstrip("s")
    return _res(s, pub, "range", "relative", f"window of {n} {base}(s) ending on the publication date")


def r_previous_years(m, ctx):
    n, y = _number(ctx["rules"], m.group("number")), ctx["pub"].year
    return _res(dt.date(y - n, 1, 1), dt.date(y - 1, 12, 31), "range", "relative",
                f"the {n} calendar year(s) before the publication year")


def r_window_the(m, ctx):
    pub, unit = ctx["pub"], m.group("unit").lower()
    return _res(_unit_back(pub, unit, 1), pub, "range", "relative", f"window of 1 {unit} ending on the publication date")


def r_window_next(m, ctx):
    pub, unit = ctx["pub"], m.group("unit").lower()
    n = _number(ctx["rules"], m.group("number"))
    if unit.endswith("s") and n == 1 and not m.group("number"):
        return None                                     # "the coming months": vague
    base = unit.rstrip("s")
    e = pub + dt.timedelta(days=n) if base == "day" else (pub + dt.timedelta(days=7 * n - 1) if base == "week" else
                                                         _add_months(pub, n if base == "month" else 12 * n) - dt.timedelta(days=1))
    return _res(pub, e, "range", "relative", f"window of {n} {base}(s) starting on the publication date")


def r_the_unit(m, ctx):
    pub, unit = ctx["pub"], m.group("unit").lower()
    if unit == "month":
        s, e = _month_span(pub.year, pub.month)
        return _res(s, e, "month", "relative", "the publication month")
    return _res(dt.date(pub.year, 1, 1), dt.date(pub.year, 12, 31), "year", "relative", "the publication year")


def r_year_before(m, ctx):
    y = ctx["pub"].year - 1
    return _res(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative", "the year before publication (anaphoric)")


YEAR_BEFORE = re.compile(r"(?i:(?:a|one)\s+year\s+(?:earlier|before)|the\s+(?:previous|preceding|prior)\s+year|the\s+year\s+before)")


def year_before(start: str, end: str) -> tuple[str, str]:
    """The span one year before ``start``..``end`` (ISO dates): what "a year earlier" means after them."""
    def back(d):
        d = dt.date.fromisoformat(d)
        return (d.replace(year=d.year - 1) if not (d.month == 2 and d.day == 29) else dt.date(d.year - 1, 2, 28)).isoformat()
    return back(start), back(end)


def r_span_of(m, ctx):
    res = r_window(m, ctx)
    if res is not None:
        res["note"] = "span: " + res["note"]    # also a duration the numbers table counts ("ten years of fighting")
    return res


def r_ago(m, ctx):
    pub, unit = ctx["pub"], m.group("unit").lower().rstrip("s")
    n = _number(ctx["rules"], m.group("number"))
    if unit == "day":
        d = pub - dt.timedelta(days=n)
        return _res(d, d, "day", "relative", f"{n} day(s) before publication")
    if unit == "week":
        s, e = _iso_week(pub - dt.timedelta(days=7 * n))
        return _res(s, e, "week", "relative", f"the calendar week {n} week(s) before publication")
    d = _add_months(pub, -n if unit == "month" else -12 * n)
    s, e = _month_span(d.year, d.month)
    return _res(s, e, "month", "relative", f"approximate: the calendar month {n} {unit}(s) before publication")


def r_deictic(m, ctx):
    pub, word = ctx["pub"], " ".join(m.group("word").lower().split())
    if word.startswith("this "):
        word = "today"
    one = dt.timedelta(days=1)
    if word in ("yesterday",):
        return _res(pub - one, pub - one, "day", "relative", "the day before publication")
    if word == "tomorrow":
        return _res(pub + one, pub + one, "day", "relative", "the day after publication")
    if word in ("overnight", "last night"):
        return _res(pub - one, pub, "range", "relative", "the night before publication (publication day - 1 to publication day)")
    return _res(pub, pub, "day", "relative", "the publication day")


def r_weekend(m, ctx):
    pub = ctx["pub"]
    sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if (m.group("rel") or "").lower() == "last" and pub.weekday() >= 5:
        sat -= dt.timedelta(days=7)
    return _res(sat, sat + dt.timedelta(days=1), "range", "relative",
                "the most recent Saturday-Sunday on or before publication")


def r_weekday(m, ctx):
    pub = ctx["pub"]
    wd = ctx["rules"]["weekday_num"][m.group("weekday")]
    rel = (m.groupdict().get("rel") or "").lower()
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if rel == "last":
        d, note = pub - dt.timedelta(days=back or 7), "'last <weekday>': most recent such day strictly before publication"
    elif rel == "next":
        d, note = pub + dt.timedelta(days=ahead or 7), "'next <weekday>': first such day strictly after publication"
    elif rel == "this":
        d, note = _iso_week(pub)[0] + dt.timedelta(days=wd), "'this <weekday>': that day of the publication week"
    elif ctx["future"]:
        d, note = pub + dt.timedelta(days=ahead), ("weekday resolved forward (future-tense cue): "
                                                   "first such day on or after publication")
    else:
        d = pub - dt.timedelta(days=back)
        note = "weekday resolved to the most recent such day on or before publication"
        if back == 0:
            note += " (here: the publication day itself)"
    return _res(d, d, "day", "relative", note)


def r_night_into(m, ctx):
    day = r_weekday(m, ctx)
    return _res(day["start"] - dt.timedelta(days=1), day["end"], "range", "relative",
                "the night into that weekday (the day before it to it); " + day["note"])


RESOLVERS = {name[2:]: fn for name, fn in globals().items() if name.startswith("r_") and callable(fn)}
_FUTURE_AWARE = {"month", "day_no_year", "day_pair_no_year", "weekday", "night_into"}


# ------------------------------------------------------------------ modifiers
def _apply_part(res: dict, part: str, r: dict) -> dict | None:
    s = res["start"]
    gran = res["granularity"]
    if gran == "month":
        a, b = r["parts"]["month"][part]
        last = _month_end(s.year, s.month).day
        return {**res, "start": s.replace(day=a), "end": s.replace(day=min(b, last)), "granularity": "part",
                "note": f"{part} month (days {a}-{min(b, last)}); " + res["note"]}
    if gran == "season":
        a, b = r["parts"]["season"][part]
        ys, ms = divmod_months(s.year, s.month + a - 1)
        ye, me = divmod_months(s.year, s.month + b - 1)
        return {**res, "start": dt.date(ys, ms, 1), "end": _month_end(ye, me), "granularity": "part",
                "note": f"{part} season (month {a} of 3); " + res["note"]}
    if gran == "year":
        a, b = r["parts"]["year"][part]
        return {**res, "start": dt.date(s.year, a, 1), "end": _month_end(s.year, b), "granularity": "part",
                "note": f"{part} year (months {a}-{b}); " + res["note"]}
    return None


def _future(text: str, sent_start: int, pos: int, r: dict) -> bool:
    """A future-tense cue governs the expression at ``pos`` (same clause, shortly before)."""
    left = text[sent_start:pos]
    cues = list(r["future_cue"].finditer(left))
    if not cues:
        return False
    between = left[cues[-1].end():]
    return not r["future_block"].search(between) and len(between.split()) <= r["future_words"]


@lru_cache(maxsize=1)
def _upcoming_rules() -> tuple[re.Pattern, re.Pattern, re.Pattern, int]:
    u = load_toml("timex.toml")["upcoming"]
    return (re.compile(u["cues"], re.IGNORECASE), re.compile(u["past"], re.IGNORECASE),
            re.compile(u["blockers"], re.IGNORECASE), int(u["max_words"]))


def _upcoming(text: str, sent_start: int, pos: int) -> bool:
    """The clause names a coming event just before the expression ("the upcoming meeting on
    Friday", "a ceasefire starting on Monday", "ahead of talks on Friday") and no past-tense
    verb stands between: the weekday or month is resolved forward, like a future-tense cue."""
    cues, past, block, words = _upcoming_rules()
    left = text[sent_start:pos]
    found = list(cues.finditer(left))
    if not found:
        return False
    between = left[found[-1].end():]
    return not (past.search(between) or block.search(between)) and len(between.split()) <= words


# ------------------------------------------------------------------ main
_GATES: dict = {}


def _gate(rules: list) -> tuple[matching.LiteralGate, matching.StartScanner]:
    """The rules' literal gate and start scanner: each regex would scan the whole text, so a
    rule is tried only in a text holding the words it cannot match without, and there only
    where a literal its every match starts with occurs (the same candidates)."""
    kept = _GATES.get(id(rules))
    if kept is None or kept[0] is not rules:
        regexes = [rule["regex"] for rule in rules]
        kept = _GATES[id(rules)] = (rules, (matching.LiteralGate(regexes), matching.StartScanner(regexes)))
    return kept[1]


def _candidates(text: str, r: dict) -> list[dict]:
    out = []
    rules = r["rules"]
    gate, scanner = _gate(rules)
    for i in gate.allowed(text):
        rule = rules[i]
        for m in scanner.finditer(i, text):
            if m.end() == m.start():
                continue
            if rule["before"] is not None and not rule["before"].search(text[max(0, m.start() - 40):m.start()]):
                continue
            out.append({"rule": rule, "m": m, "start": m.start(), "end": m.end()})
    return out


def _select(cands: list[dict]) -> list[dict]:
    """Longest first, then earlier rule; keep the non-overlapping ones."""
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c["end"] - c["start"]), c["rule"]["order"], c["start"])):
        if all(c["end"] <= o["start"] or c["start"] >= o["end"] for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c["start"])


@docview.per_view    # numbers asks for them too
def timex(view) -> list[dict]:
    """All time expressions of ``view``, resolved; sorted by clean_start (see module doc)."""
    r = rules()
    text, pub = view.text, view.published
    inferred = view.date_basis == "inferred"
    rows = []
    for c in _select(_candidates(text, r)):
        m, start, end = c["m"], c["start"], c["end"]
        name = c["rule"]["resolve"]
        sent = view.sentence_at(start)
        sent_start = sent.start if sent else max(0, text.rfind("\n", 0, start) + 1)
        left = text[max(0, start - 40):start]
        mods = {k: rx.search(left) for k, rx in r["modifiers"].items()}
        relative_kind = name in _FUTURE_AWARE and not m.groupdict().get("year")
        ctx = {"pub": pub, "rules": r, "strict": False,
               "future": relative_kind and (_future(text, sent_start, start, r) or _upcoming(text, sent_start, start))}
        if mods["back_in"] and name == "month" and not m.groupdict().get("year") and not ctx["future"]:
            ctx["strict"] = True
        res = RESOLVERS[name](m, ctx)
        if res is None:
            continue
        if ctx["strict"]:
            start = start - len(mods["back_in"].group(0))
        if m.groupdict().get("at"):                 # an event clause dated by its time expression: only the date
            start, end = m.span("at")
        part = mods["part"]
        if part and not ctx["strict"]:
            word = " ".join(part.group("part").lower().split())
            parted = _apply_part(res, r["part_words"][word], r)
            if parted is not None:
                res, start = parted, start - len(part.group(0))
        since = r["modifiers"]["since"].search(text[max(0, start - 40):start])
        anchor_of = None
        if since:
            anchor_of = res
            end_date = max(pub, res["start"])
            res = _res(res["start"], end_date, "range", "anchored_range",
                       f"'since': from the start of {text[start:end]!r} to publication; " + res["note"])
            start -= len(since.group(0))
        anchor = "published" if res["kind"] != "absolute" else None
        rows.append({
            "doc_id": view.doc_id,
            "sent_id": sent.sent_id if sent else None,
            "clean_start": start,
            "clean_end": end,
            "text": text[start:end],
            "kind": res["kind"],
            "start": res["start"].isoformat(),
            "end": res["end"].isoformat(),
            "granularity": res["granularity"],
            "anchor": anchor,
            "anchor_inferred": bool(anchor and inferred),
            "note": res["note"],
            "anchor_start": anchor_of["start"].isoformat() if anchor_of else None,
            "anchor_end": anchor_of["end"].isoformat() if anchor_of else None,
            "anchor_granularity": anchor_of["granularity"] if anchor_of else None,
        })
    rows.sort(key=lambda row: (row["clean_start"], row["clean_end"]))
    order = {x.sent_id: k for k, x in enumerate(view.sentences)}
    return _previous_of_sentence(_year_of_sentence(_join_spans(text, rows)), pub, order, view)


_PREVIOUS = re.compile(r"the\s+previous\s", re.I)


# a day's report: "the past day" of a statement dated before publication ("the ministry said in a
# statement on Monday ... Ukraine lost 565 servicemen over the past day, it said") counts back from
# that statement's day, when the window's sentence goes on reporting it ("it said", "the statement")
_DAILY = re.compile(r"the\s+(?:past|last)\s+(?:day|24\s+hours)", re.I)
_STATEMENT_DAY = re.compile(r"\b(?:said|reported|announced|statement|report|update|briefing)\b[^.;]{0,30}?\bon\s+$", re.I)
_REPORTED_ON = re.compile(r"\b(?:it|the\s+(?:ministry|statement|report))\s+(?:said|added|reported|stated)\b|"
                          r"\baccording\s+to\s+the\s+(?:statement|report|update|ministry)\b", re.I)


def _previous_of_sentence(rows: list[dict], pub: dt.date, order: dict, view) -> list[dict]:
    """"The previous 24 hours" after a day of its sentence or the one before ("On Saturday, the
    ministry said ... Ukraine had lost 1,500 over the previous 24 hours") ends on that day:
    "previous" counts back from the time the text is about, "past" from publication (but see
    _DAILY)."""
    text = view.text
    out: list[dict] = []
    for row in rows:
        k = order.get(row["sent_id"])
        day = None
        if k is not None and row["note"].startswith("window of"):
            if _PREVIOUS.match(row["text"]):
                day = next((p for p in reversed(out) if order.get(p["sent_id"]) in (k, k - 1)
                            and p["granularity"] == "day"), None)
            elif _DAILY.fullmatch(row["text"]):
                sent = view.sentences[k]
                if _REPORTED_ON.search(text, sent.start, sent.end):
                    day = next((p for p in reversed(out) if order.get(p["sent_id"]) in (k, k - 1, k - 2)
                                and p["granularity"] == "day" and
                                _STATEMENT_DAY.search(text[max(0, p["clean_start"] - 50):p["clean_start"]])), None)
        if day is not None and day["start"] < pub.isoformat():
            shift = dt.date.fromisoformat(day["start"]) - pub
            row = dict(row, start=(dt.date.fromisoformat(row["start"]) + shift).isoformat(), end=day["start"],
                       note=row["note"].replace("the publication date", f"{day['text']!r}, the day named before it"))
        out.append(row)
    return out


def _year_of_sentence(rows: list[dict]) -> list[dict]:
    """A month without a year after a year of the same sentence is a month of that year ("In 2022,
    6,988 proceedings were registered (347 of them in January-February)", "In 2023, ... in March
    alone"), not the most recent such month."""
    out: list[dict] = []
    for row in rows:
        year = next((p for p in reversed(out) if p["sent_id"] == row["sent_id"] and p["kind"] == "absolute"
                     and p["granularity"] in ("year", "month", "day") and p["start"][:4] == p["end"][:4]), None)
        if year is not None and row["kind"] == "relative" and row["note"].startswith(("month resolved to the most recent",
                                                                                     "months resolved to the most recent")) \
                and row["start"][:4] == row["end"][:4] and row["start"][:4] != year["start"][:4]:
            y = int(year["start"][:4])
            s, e = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])
            row = dict(row, start=s.replace(year=y).isoformat(), end=_month_end(y, e.month).isoformat(),
                       note=f"months of the year {y} named before in the sentence")
        out.append(row)
    return out


_SPAN_OPEN = re.compile(r"(?i:\b(?P<p>from|between)\s+)$")
_SPAN_JOIN = {"from": re.compile(r"\s*(?:to|until|till|through|[-–—])\s*", re.I),
              "between": re.compile(r"\s*(?:and|[-–—])\s*", re.I)}


def _join_spans(text: str, rows: list[dict]) -> list[dict]:
    """"From 2022 to July 2025", "between January 1 and October 1, 2024": two expressions of one
    sentence joined by from ... to / between ... and are one range, the first's start to the
    second's end (the rules that read such spans whole cover fewer forms)."""
    out: list[dict] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and prev["kind"] == "relative" and row["kind"] == "absolute" and prev["start"] > row["end"]:
            y = dt.date.fromisoformat(row["start"]).year    # "between January 1 and October 1, 2024": the year of the second
            try:
                moved = [dt.date.fromisoformat(prev[k]).replace(year=y).isoformat() for k in ("start", "end")]
            except ValueError:
                moved = None
            if moved and moved[1] <= row["end"]:
                prev = dict(prev, start=moved[0], end=moved[1])
        if prev is not None and prev["sent_id"] == row["sent_id"] and "anchored" not in prev["kind"] + row["kind"] \
                and prev["start"] <= row["end"] and prev["end"] <= row["end"]:
            opener = _SPAN_OPEN.search(text[max(0, prev["clean_start"] - 12):prev["clean_start"]])
            head = re.match(r"(?i:from|between)\b", prev["text"])
            word = (opener.group("p") if opener else head.group(0) if head else "").lower()
            gap = re.sub(r"^\s+year\b", "", text[prev["clean_end"]:row["clean_start"]])   # MT "from 2022 year to July 2025"
            if word and _SPAN_JOIN[word].fullmatch(gap) and \
                    not (head and prev["granularity"] == "range"):
                start = prev["clean_start"] - (len(opener.group(0)) if opener and not head else 0)
                out[-1] = dict(prev, clean_start=start, clean_end=row["clean_end"], text=text[start:row["clean_end"]],
                               end=row["end"], granularity="range",
                               kind="absolute" if prev["kind"] == row["kind"] == "absolute" else "relative",
                               anchor=prev["anchor"] or row["anchor"], anchor_inferred=prev["anchor_inferred"] or row["anchor_inferred"],
                               note=f"{word} ... to: from the start of {prev['text']!r} to the end of {row['text']!r}")
                continue
        out.append(row)
    return out


# ------------------------------------------------------------------ which expression dates a span
# The one logic by which a figure (analysis.extract.numbers) takes its period: the resolved range of
# the time expression of this table that governs it, the same clause first, then the sentence.

_SPEECH = re.compile(r"\b(?:said|says|told|reported|announced|put|estimated|claimed|demanded|wrote|stated)\b", re.I)
_STATEMENT_NOUN = re.compile(r"\b(?:interview|statement|speech|address|remarks|briefing|post|report|update|message)s?\b", re.I)


def statement_date(text: str, t: dict, frames: list[dict]) -> bool:
    """Does the time expression row ``t`` date the statement ("said on Tuesday", "On Friday, the
    ministry said", "Zelensky on Sunday said") rather than the period a figure covers?
    ``frames`` are the attribution frames of its sentence; ``text`` the document's clean text."""
    if re.search(r"\bas\s+of\s+$", text[max(0, t["clean_start"] - 8):t["clean_start"]], re.I):
        return False                                    # "As of October 1, prosecutors had registered": a snapshot
    for f in frames:
        if re.search(r"\b(?:count|tally)\b", text[f["cue_start"]:f["cue_end"]], re.I):
            continue                                    # "in Kyiv's count on August 7": the day of a running tally
        if 0 <= t["clean_start"] - f["cue_end"] <= 16 and \
                re.fullmatch(r"[\s,]*(?:on|in|at|last|this|late|early|earlier)?\s*", text[f["cue_end"]:t["clean_start"]]):
            return True
        if 0 <= f["source_start"] - t["clean_end"] <= 3 and t["granularity"] in ("day", "week", "month"):
            return True
        if f["source_end"] <= t["clean_start"] and t["clean_end"] <= f["cue_end"]:
            if re.fullmatch(r"[\s,]*(?:on|in|last|this)?\s*", text[f["source_end"]:t["clean_start"]]):
                return True
    return False


# the date of a dateline ("KYIV, Nov 1 (Reuters) -", "MOSCOW, November 12. /TASS/.") dates the report, never a figure
_DATELINE = re.compile(r"(?:\s*,\s*(?:19|20)\d\d)?[.,]?\s*(?:\((?:AP|Reuters|AFP|dpa|Xinhua|Kyodo|Yonhap|Anadolu|ANI|IANS|PTI|UNIAN|"
                       r"Ukrinform|TASS|RIA\s+Novosti|Interfax|Sputnik)\)|/\s*TASS\s*/\.?)\s*[-–—]?")


def period_candidates(text: str, sent_start: int, tx: list[dict], frames: list[dict]) -> list[tuple[int, int, str, str]]:
    """(start, end, period_start, period_end), sentence offsets, of the time expressions ``tx`` (rows
    of this table in the sentence starting at ``sent_start``) that can date a figure: all but those
    dating the statement itself (``frames``: the sentence's attribution frames)."""
    out = [(t["clean_start"] - sent_start, t["clean_end"] - sent_start, t["start"], t["end"])
           for t in tx if not statement_date(text, t, frames) and not _DATELINE.match(text, t["clean_end"])]
    return sorted(out)


@lru_cache(maxsize=16)
def _bare(t: str) -> str:
    """``t`` with parenthetical asides blanked."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), t)


def _commas_before_quantities(bare: str, lo: int, hi: int, starts: set) -> bool:
    """Is ``bare[lo:hi]`` a list of quantities ("80 servicemen, one tank and three depots"):
    every clause mark in it a comma followed by another quantity?"""
    marks = list(re.finditer(r"[,;:–—]", bare[lo:hi]))
    for m in marks:
        if m.group(0) != "," or not any(lo + m.start() + k in starts for k in (1, 2)):
            return False
    return not marks or re.search(r"\band\s", bare[lo + marks[-1].end():hi]) is not None


def _opens_clause(t: str, bare: str, a: int) -> bool:
    """Does the time expression at ``a`` open its sentence or its clause after a colon ("Details: In
    2023, ..."), alone or after a short introductory phrase ("In a landmark case in October, ...")?"""
    cs = max(bare.rfind(":", 0, a), bare.rfind(";", 0, a)) + 1
    head = t[cs:a]
    if re.fullmatch(r"[\s“”\"‘’]*(?:in|on|during|over|for|since|from|throughout|between|as\s+of|by|at|of)?\s*", head, re.I):
        return True
    return len(head) <= 60 and not re.search(r"[,;:–—]", bare[cs:a]) and not _STATEMENT_NOUN.search(head) and \
        re.match(r"[\s“”\"‘’]*(?:in|on|during|over|for|since|from|throughout|by|at|after|before|according)\b", head, re.I) is not None


# what lies between a figure and the time expression that is its own ("80,000 cases in the first half of 2025")
_OWN_PERIOD = re.compile(r"(?:\s+[\w’'-]+){0,3}?\s+(?:(?:in|during|for|over|through|throughout|from|between|by)\s+"
                         r"(?:(?:all|the\s+whole|the\s+rest)\s+of\s+)?)?", re.I)


# a time expression that is the base of a comparison dates only the base
_BASE = re.compile(r"\b(?:compared\s+(?:to|with)|than(?:\s+(?:in|during|over))?|versus|vs\.?|up\s+from|down\s+from)"
                   r"\s+(?:(?:that\s+of|those\s+of|the\s+same\s+period\s+(?:of|in))\s+)?$", re.I)


# what may open a later item of a list of figures ("..., including a Leopard, two vehicles, [and] 11 cars")
_LIST_ITEM = re.compile(r"\s*(?:\[?and\]?\s+)?", re.I)


def governing(t: str, s: int, e: int, candidates: list, figures: list[tuple[int, int]],
              change: bool = False) -> tuple:
    """(text, start, end) of the time expression among ``candidates`` (from ``period_candidates``)
    that governs the figure at ``t[s:e]`` (``t`` its sentence; ``figures`` the spans of all figures
    of the sentence, itself included), or (None, None, None): the nearest one not separated from
    it by another figure and a comma, in its clause before one elsewhere in the sentence.
    Parenthetical asides ("(AWOL, known as SZCh)") do not separate; neither do the commas of a
    list of figures ("80 servicemen, one tank and three depots over the past day"). A ``change``
    ("three times more than in the same period last year") is not dated by its base."""
    bare = _bare(t)
    window = rules()["governing_window"]
    est, span = rules()["estimate_verb"], rules()["estimate_span"]
    starts = {a for a, _ in figures}
    best = None
    for a, b, ps, pe in candidates:
        lo, hi = (e, a) if a >= e else (b, s)
        if hi - lo > window:
            continue
        if a < s and est.search(bare, b, s) and not (span.search(t[max(0, a - 12):a]) or span.match(t[a:b])):
            continue                                    # "documents that leaked in April put casualties at": the estimate's date
        listed = _commas_before_quantities(bare, lo, hi, starts)
        between = [x for x in figures if x != (s, e) and lo <= x[0] < hi]
        if a < s and between and not listed and (_opens_clause(t, bare, a) or
                                                 not re.search(r"[;:–—]|,\s", bare[b:between[0][0]])):
            f0 = between[0][0]
            listed = all(m.group(0) == "," and (_LIST_ITEM.match(bare, f0 + m.end()).end() in starts or
                                                re.match(r"\s*including\b", bare[f0 + m.end():], re.I))
                         for m in re.finditer(r"[;:–—]|,(?=\s)", bare[f0:hi]))  # "Over the past week, the enemy
            # lost up to 3,200 servicemen, 14 tanks and 37 vehicles": the list shares the period before its first figure
        if between and re.search(r"[;]|,\s", bare[lo:hi]) and not listed:
            continue
        if change and (a >= e and re.search(r"\b(?:than|as|the\s+(?:figure|number|level|total))\b", t[e:a], re.I)
                       or "," in bare[lo:hi]):
            continue                                    # "three times more than in the same period last year": the base
        if re.search(r"\b(?:earlier|later)\s+$", t[max(0, a - 40):a], re.I) or re.match(r"(?:earlier|later)\b", t[a:b], re.I):
            continue                                    # "Earlier in March, X said": when it was said
        if a >= e and re.search(r"[;:–—]|,\s", bare[lo:hi]) and not listed and \
                not re.fullmatch(r"[^,;:–—]{0,40}?,?\s*(?:\w+ed\s+)?as\s+of\s*", t[lo:a], re.I):
            continue                                    # a period in another clause after the figure, unless "as of"
        if a < s and _BASE.search(t, 0, a):
            continue                                    # "compared to the previous year, reaching 89,000": the base
        if a < s and re.search(r"[;:–—]|,\s", bare[lo:hi]) and not listed and not _opens_clause(t, bare, a) and \
                not re.fullmatch(r"(?:-?th|\s+year)?\s*(?:,|[-–—:])\s*", bare[lo:hi]) and \
                not (re.fullmatch(r",\s+when\s+[^,;:]*", bare[lo:hi]) and not _SPEECH.search(bare[lo:hi])) and \
                not (re.search(r",\s*(?:\w+ed\s+)?(?:on|in|as\s+of)?\s*$", t[:a]) and re.fullmatch(r",[^,;:–—]*", bare[lo:hi])):
            continue                                    # before and in another clause, unless it opens the clause,
            # or is an aside of the subject ("The last exchange, on May 6, returned 205")
        d = hi - lo + (window if "," in bare[lo:hi] else 0)       # the same clause first
        if a < s and any(x != (s, e) and x[1] <= a and _OWN_PERIOD.fullmatch(t, x[1], a) for x in figures):
            d += window                                 # "80,000 in the first half of 2025 against 60,000 in all of 2024":
            # the period right after another figure is that figure's; one of its own after it wins
        if best is None or d < best[0]:
            best = (d, (t[a:b], ps, pe))
    return best[1] if best else (None, None, None)


def table(views) -> pd.DataFrame:
    """All views' time expressions as one DataFrame with COLUMNS."""
    import pandas as pd

    return pd.DataFrame([row for v in views for row in timex(v)], columns=COLUMNS)
