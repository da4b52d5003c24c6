"""Search terms as SQL text patterns: LIKE patterns with their wildcards escaped, and FTS5 MATCH
strings with every term a quoted phrase. The one place either is built: every query in `db/` (and
the benchmarks' raw-SQL floor) takes its patterns from here, so what the coordinator types (`%`,
`_`, `\\`, quotes, FTS5 words such as AND, OR, NEAR, `*`, `:`) is always matched literally.
"""
from __future__ import annotations

from collections.abc import Iterable

#: The escape character of every LIKE pattern made here (`.like(p, escape=LIKE_ESCAPE)`).
LIKE_ESCAPE = "\\"
#: The test for raw SQL: `f"{column} {LIKE_SQL}"`, one parameter.
LIKE_SQL = "LIKE ? ESCAPE '\\'"


def like_literal(text: str) -> str:
    """`text` with LIKE's wildcards (and the escape character itself) escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_contains(term: str) -> str:
    """A LIKE pattern for text that contains `term`."""
    return f"%{like_literal(term)}%"


def like_prefix(prefix: str) -> str:
    """A LIKE pattern for text that starts with `prefix`."""
    return f"{like_literal(prefix)}%"


def fts_phrase(term: str) -> str:
    """A term as an FTS5 string literal: matched literally, quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def fts_match_all(terms: Iterable[str]) -> str:
    """An FTS5 MATCH string for rows that hold every one of `terms` (each a literal phrase)."""
    return " AND ".join(fts_phrase(term) for term in terms)
