"""Text that remembers where each of its characters came from in the raw file.

Raw offsets are character offsets into the file decoded as UTF-8 with a leading
byte-order mark removed (``read_raw``); cut ``raw[start:end]`` to see the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.corpus.errors import CorpusError
from analysis.corpus.paths import display

# C0 control characters other than tab, LF and CR: never in a text article, often in a
# binary file, a UTF-16 file read as bytes, or a copy-paste accident.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UTF16_BOMS = {b"\xff\xfe": "UTF-16LE", b"\xfe\xff": "UTF-16BE"}


def _utf16_without_bom(data: bytes) -> str | None:
    """'UTF-16LE'/'UTF-16BE' when one byte of most pairs is NUL (Latin text saved as UTF-16)."""
    half = len(data) // 2
    if half < 2 or b"\0" not in data:
        return None
    even, odd = data[0:2 * half:2].count(0), data[1:2 * half:2].count(0)
    if max(even, odd) >= 0.3 * half and min(even, odd) <= 0.05 * half:
        return "UTF-16LE" if odd > even else "UTF-16BE"
    return None


def decode(data: bytes, where: str) -> str:
    """Strict UTF-8 (a BOM is accepted and dropped); CorpusError naming the byte otherwise.

    UTF-16 (with a byte-order mark, or without one: a NUL every other byte) and C0
    control characters other than tab, LF and CR are refused, naming the byte offset.
    """
    if not data:
        raise CorpusError(f"{where}: empty file")
    for bom, name in _UTF16_BOMS.items():
        if data.startswith(bom):
            raise CorpusError(f"{where}: {name} text (byte-order mark at byte 0), not UTF-8: save it as UTF-8")
    utf16 = _utf16_without_bom(data)
    if utf16:
        raise CorpusError(f"{where}: looks like {utf16} without a byte-order mark (a NUL every other byte, "
                          f"first at byte {data.index(0)}), not UTF-8: save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{where}: not valid UTF-8 at byte {e.start} ({e.reason})") from None
    bad = _CONTROL.search(text)
    if bad:
        at = len(data) - len(data.removeprefix(b"\xef\xbb\xbf")) + len(text[:bad.start()].encode("utf-8"))
        char = "NUL" if bad.group() == "\0" else f"U+{ord(bad.group()):04X}"
        raise CorpusError(f"{where}: control character {char} at byte {at} (a text article has none "
                          f"but tab, LF and CR: is it a binary file?)")
    if not text.strip():
        raise CorpusError(f"{where}: empty file (only white space)")
    if not any(ch.isalnum() for ch in text):
        raise CorpusError(f"{where}: no words (only punctuation or symbols)")
    return text


def read_raw(path) -> str:
    """The raw text that every span in this package indexes into."""
    path = Path(path)
    return decode(path.read_bytes(), display(path))


@dataclass(frozen=True)
class Mapped:
    """``text`` plus ``index[i]``, the raw offset of ``text[i]``.

    Inserted characters (separators) take the raw offset of the next raw character
    so a span never points before its first real character.
    """

    text: str
    index: tuple

    @classmethod
    def identity(cls, raw: str) -> "Mapped":
        return cls(raw, tuple(range(len(raw))))

    def __len__(self):
        return len(self.text)

    def slice(self, start: int, end: int) -> "Mapped":
        return Mapped(self.text[start:end], self.index[start:end])

    def strip(self) -> "Mapped":
        s = len(self.text) - len(self.text.lstrip())
        e = len(self.text.rstrip())
        return self.slice(s, max(s, e))

    def raw_span(self, start: int = 0, end: int | None = None) -> tuple[int, int]:
        """Raw (start, end) covering clean characters ``start:end``."""
        return to_raw(self.index, start, len(self.text) if end is None else end)


def to_raw(index, start: int, end: int) -> tuple[int, int]:
    """Raw (start, end) covering clean characters ``start:end`` of a text whose character i
    came from raw offset ``index[i]``. An empty span sits at the raw offset of its position
    (just past the last character at the end of the text)."""
    if end <= start:
        if start < len(index):
            pos = int(index[start])
        else:
            pos = int(index[-1]) + 1 if len(index) else 0
        return pos, pos
    return int(index[start]), int(index[end - 1]) + 1


def join(parts: list[Mapped], sep: str) -> Mapped:
    """Concatenate with ``sep`` between parts; separator characters map forward."""
    text, index = [], []
    for i, part in enumerate(parts):
        if i and sep:
            nxt = part.index[0] if part.index else (index[-1] + 1 if index else 0)
            text.append(sep)
            index.extend([nxt] * len(sep))
        text.append(part.text)
        index.extend(part.index)
    return Mapped("".join(text), tuple(index))


def delete(m: Mapped, spans: list[tuple[int, int]]) -> Mapped:
    """Drop the characters in the (sorted, non-overlapping) clean spans."""
    if not spans:
        return m
    keep_t, keep_i, pos = [], [], 0
    for s, e in spans:
        keep_t.append(m.text[pos:s])
        keep_i.extend(m.index[pos:s])
        pos = e
    keep_t.append(m.text[pos:])
    keep_i.extend(m.index[pos:])
    return Mapped("".join(keep_t), tuple(keep_i))
