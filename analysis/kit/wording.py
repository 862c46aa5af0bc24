"""House wording for every figure, table, answer and page: dates, counts, plurals and lists.

One date style: "6 Mar 2023", "Mar 2023", "2023", "Jan–Sep 2024", "6–9 Mar 2023".
CSV files keep ISO dates for machines.
"""
from __future__ import annotations

import pandas as pd


def _ts(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" \
        else pd.Timestamp(value)


def day(value) -> str:
    """'6 Mar 2023' ('' for no date)."""
    t = _ts(value)
    return "" if t is None else f"{t.day} {t:%b %Y}"


def period(start, end) -> str:
    """A date range at its own precision: '2022', 'Mar 2023', 'Jan–Sep 2024', '6 Mar 2023',
    '24 Feb–7 Mar 2023', '2022–2023', or 'period not stated'."""
    s, e = _ts(start), _ts(end)
    if s is None or e is None:
        return "period not stated"
    if s == e:
        return day(s)
    whole_months = s.day == 1 and e.is_month_end
    if whole_months and s.month == 1 and e.month == 12:
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    if whole_months:
        if (s.year, s.month) == (e.year, e.month):
            return f"{s:%b %Y}"
        return f"{s:%b}–{e:%b %Y}" if s.year == e.year else f"{s:%b %Y}–{e:%b %Y}"
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.day}–{e.day} {e:%b %Y}"
    return f"{s.day} {s:%b}–{e.day} {e:%b %Y}" if s.year == e.year else f"{s.day} {s:%b %Y}–{e.day} {e:%b %Y}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 statement', '4 statements', '0 statements'; ``many`` for irregular plurals."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def join(items, last: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (empty items dropped, order kept, repeats once)."""
    items = list(dict.fromkeys(str(i) for i in items if i is not None and str(i) != ""))
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
