"""How lead text is folded for search, and how a typed query becomes search terms.

Names are folded the same way when indexed and when searched: case-folded, and accents removed
from Latin, Greek and Cyrillic letters only (vowel signs of Devanagari or Arabic are letters of
the word, not decoration, and stay). Phones are indexed as several digit strings so that however
a number is typed (``+7 916 123``, ``8916123``, ``9161234567``) it is found.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Separates fields in the indexed text so that a search term never spans two fields.
FIELD_SEPARATOR = "\n"
#: Terms shorter than this cannot use the trigram index and are matched by a scan.
TRIGRAM = 3

_PHONE_QUERY = re.compile(r"^[\d\s+().\-/]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _char_class(codes: Iterable[int]) -> str:
    """A regular-expression character class of the code points `codes` (ascending), as ranges."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


@lru_cache(maxsize=1)
def _stripped_marks() -> re.Pattern[str]:
    """Runs of combining characters that follow a Latin, Greek or Cyrillic base letter: what
    `fold` removes. Built once from Python's Unicode tables (about 0.05 s)."""
    combining = unicodedata.combining
    marks = [code for code in range(sys.maxunicode + 1) if combining(chr(code))]
    # Latin, Greek, Cyrillic (and their extensions) live below U+0530, plus Latin Extended Additional.
    bases = [code for code in (*range(0x0530), *range(0x1E00, 0x1F00)) if not combining(chr(code))]
    return re.compile(f"(?<={_char_class(bases)}){_char_class(marks)}+")


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form of `text` for indexing and matching."""
    if not text:
        return ""
    folded = text.casefold()
    if not folded.isascii():  # ASCII is its own NFKD and NFC form, with no marks to remove
        decomposed = unicodedata.normalize("NFKD", folded)
        # Combining marks go where their base letter (the last non-combining character before
        # them) is Latin, Greek or Cyrillic; other scripts keep theirs.
        folded = unicodedata.normalize("NFC", _stripped_marks().sub("", decomposed))
        folded = folded.replace("ß", "ss").replace("ı", "i")
    return folded if folded.isprintable() else _CONTROL.sub(" ", folded)


def build_search_text(
    *,
    reference: str,
    full_name: str,
    latin_name: str | None,
    email: str | None,
    phone_keys: Iterable[str],
    extra: Iterable[str | None] = (),
) -> str:
    parts = [fold(full_name), fold(latin_name), reference.casefold(), (email or "").strip().casefold()]
    parts.extend(phone_keys)
    parts.extend(fold(item) for item in extra if item)
    return FIELD_SEPARATOR.join(p for p in parts if p)


@dataclass(frozen=True)
class SearchQuery:
    """A typed query split into terms: long terms use the index, short ones a scan."""

    long_terms: tuple[str, ...]
    short_terms: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.long_terms and not self.short_terms


def parse_query(text: str | None) -> SearchQuery:
    """Turn what the coordinator typed into search terms.

    A query made of digits and phone punctuation is one digit string (``+7 916 123`` → ``7916123``,
    ``00971 50`` → ``97150``); anything else is split on spaces into folded words that must all match.
    """
    if not text or not text.strip():
        return SearchQuery((), ())
    stripped = text.strip()
    if _PHONE_QUERY.match(stripped) and sum(c.isdigit() for c in stripped) >= 3:
        digits = "".join(c for c in stripped if c.isdigit())
        if stripped.startswith("00") or stripped.startswith("+"):
            digits = digits[2:] if stripped.startswith("00") else digits
        return _split((digits,))
    return _split(fold(stripped).split())


def _split(terms: Iterable[str]) -> SearchQuery:
    unique = tuple(dict.fromkeys(t for t in terms if t))
    return SearchQuery(
        long_terms=tuple(t for t in unique if len(t) >= TRIGRAM),
        short_terms=tuple(t for t in unique if len(t) < TRIGRAM),
    )
