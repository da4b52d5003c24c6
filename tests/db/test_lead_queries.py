"""SQLite's hand-written id queries return exactly what the portable SQLAlchemy path returns, for
every sort, direction, filter and search shape, whichever plan (index walk or full-text match) runs."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import update

import db.lead_queries as lead_queries
from app.domain.clock import FixedClock
from app.domain.demo_data import generate_demo
from app.domain.lead_records import LeadInput
from app.domain.lead_search import make_filter
from app.domain.leads import create_lead
from app.storage import open_database
from db.lead_queries import SORT_COLUMNS, LeadFilter
from db.models import Lead

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("queries") / "q.db")
    generate_demo(db, 300, seed=5, clock=FixedClock(NOW))
    clock = FixedClock(NOW)
    for name, phone in (("Без Страны", "+7 916 555 00 01"), ("No Country", "+1 212 555 0188"), ("Ан Ан", "+7 916 555 00 02")):
        create_lead(db, LeadInput(full_name=name, phones=[(phone, "mobile")]), clock=clock)
    with db.write() as session:  # some erased tombstones, which the list never shows
        session.execute(update(Lead).where(Lead.id.in_([3, 50, 120])).values(erased_at=NOW.replace(tzinfo=None)))
    yield db
    db.dispose()


QUERIES = [None, "smirn", "смирн", "an", "a", "ан", "ivan petrov", "al-o", "l-2026", "example", "qxzw", "916", "+7 916", "0", "ivan p"]
FILTERS = [
    {},
    {"statuses": ("new", "contacted")},
    {"country": "ru"},
    {"follow_up_before": datetime(2026, 11, 27, tzinfo=timezone.utc)},
    {"source": "WhatsApp", "coordinator_id": 2},
]


def _both(db, flt: LeadFilter, sort: str, descending: bool) -> tuple[list[int], list[int]]:
    with db.read() as session:
        fast = lead_queries._sqlite_lead_ids(session, flt, sort, descending)
        portable = lead_queries._portable_lead_ids(session, flt, sort, descending)
    return fast, portable


@pytest.mark.parametrize("walk_share", [1, 10, 10**9], ids=["always-match-plan", "default", "always-walk-plan"])
@pytest.mark.parametrize("query", QUERIES)
def test_sqlite_ids_equal_the_portable_query(demo_db, monkeypatch, walk_share, query):
    monkeypatch.setattr(lead_queries, "_WALK_SHARE", walk_share)
    for sort in SORT_COLUMNS:
        for descending in (True, False):
            fast, portable = _both(demo_db, make_filter(query), sort, descending)
            assert fast == portable, (query, sort, descending)


@pytest.mark.parametrize("extra", FILTERS)
@pytest.mark.parametrize("query", [None, "smirn", "an"])
def test_filters_agree(demo_db, query, extra):
    flt = make_filter(query, **extra)
    for sort in ("created", "name", "next_follow_up", "country"):
        fast, portable = _both(demo_db, flt, sort, True)
        assert fast == portable, (query, extra, sort)


def test_ids_filter_and_erased(demo_db):
    from dataclasses import replace

    flt = replace(make_filter(None), ids=(1, 2, 3, 4, 5, 50, 9999))
    fast, portable = _both(demo_db, flt, "name", False)
    assert fast == portable and 3 not in fast and 50 not in fast
    with_erased = replace(flt, include_erased=True)
    fast, portable = _both(demo_db, with_erased, "name", False)
    assert fast == portable and {3, 50} <= set(fast)


def test_summary_records_match_the_orm_rows(demo_db):
    """The list's lean row query gives what the whole ORM objects give, on both code paths."""
    from dataclasses import fields

    from app.domain.lead_records import LeadSummary
    from app.domain.lead_search import summaries, to_summary
    from db.lead_queries import SUMMARY_FIELDS, summary_rows

    assert SUMMARY_FIELDS == tuple(f.name for f in fields(LeadSummary))
    ids = [7, 1, 2, 9999, 3, *range(200, 240), 303]
    with demo_db.read() as session:
        expected = [to_summary(row) for row in summary_rows(session, ids)]
        portable = lead_queries._portable_summary_records(session, ids)
    assert summaries(demo_db, ids) == expected
    assert [LeadSummary(*portable[i]) for i in ids if i in portable] == expected
    assert summaries(demo_db, []) == []
