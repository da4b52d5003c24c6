"""Lead references: 'L-<year>-<number>', numbered per year. The one numbering rule that the single
new lead (`leads.create_lead`) and the batch writer (import, demo data) share.

The next number is one past the greatest *number* in the year, not the greatest text:
'L-2026-99999' sorts after 'L-2026-100000' as text.
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, cast, func, select
from sqlalchemy.orm import Session

from db.models import Lead
from db.search_patterns import LIKE_ESCAPE, like_prefix

#: Numbers are shown with at least this many digits ('L-2026-00042'); past 99,999 they grow.
MIN_DIGITS = 5


def format_reference(year: int, number: int) -> str:
    return f"L-{year}-{number:0{MIN_DIGITS}d}"


def _prefix(year: int) -> str:
    return f"L-{year}-"


def last_reference_number(session: Session, year: int) -> int:
    """The greatest reference number used in `year`, 0 when none is."""
    prefix = _prefix(year)
    number = cast(func.substr(Lead.reference, len(prefix) + 1), Integer)
    in_year: ColumnElement[bool] = Lead.reference.like(like_prefix(prefix), escape=LIKE_ESCAPE)
    if session.get_bind().dialect.name == "sqlite":
        # SQLite compares text byte by byte: the range walks the unique index (LIKE alone would
        # read every reference, SQLite's LIKE ignoring case). '.' is the byte after '-'.
        in_year = (Lead.reference >= prefix) & (Lead.reference < f"L-{year}.") & in_year
    return int(session.scalar(select(func.max(number)).where(in_year)) or 0)


def next_reference_number(session: Session, year: int) -> int:
    return last_reference_number(session, year) + 1


def next_reference(session: Session, year: int) -> str:
    """The reference the next new lead of `year` gets (inside the write transaction that adds it)."""
    return format_reference(year, next_reference_number(session, year))
