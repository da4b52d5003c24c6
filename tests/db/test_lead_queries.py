"""SQLite's hand-written id queries return exactly what the portable SQLAlchemy path returns, for
every sort, direction, filter and search shape, whichever plan (index walk or full-text match) runs,
on a Session's connection and on the raw read path the list uses."""
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
    db = open_database(tmp_path_factory.mktemp("queries") / "q.db", create=True)
    generate_demo(db, 300, seed=5, clock=FixedClock(NOW))
    clock = FixedClock(NOW)
    for name, phone in (("Без Страны", "+7 916 555 00 01"), ("No Country", "+1 212 555 0188"), ("Ан Ан", "+7 916 555 00 02")):
        create_lead(db, LeadInput(full_name=name, phones=[(phone, "mobile")]), clock=clock)
    with db.write() as session:  # some erased tombstones, which the list never shows
        session.execute(update(Lead).where(Lead.id.in_([3, 50, 120])).values(erased_at=NOW.replace(tzinfo=None)))
    yield db
    db.dispose()


QUERIES = [
    None, "smirn", "смирн", "an", "a", "ан", "ivan petrov", "al-o", "l-2026", "example", "qxzw", "916", "+7 916", "0",
    "ivan p", "ан 916", "а", "ан smirn", "ан a", "%", "_", "a_", "'", "\\", '"', "9%", "中",
]  # fmt: skip
FILTERS = [
    {},
    {"statuses": ("new", "contacted")},
    {"country": "ru"},
    {"follow_up_before": datetime(2026, 11, 27, tzinfo=timezone.utc)},
    {"source": "WhatsApp", "coordinator_id": 2},
]


def _both(db, flt: LeadFilter, sort: str, descending: bool) -> tuple[list[int], list[int]]:
    with db.read() as session:
        in_session = lead_queries.lead_ids(session, flt, sort, descending)
        portable = lead_queries._portable_lead_ids(session, flt, sort, descending)
    fast = lead_queries.read_lead_ids(db, flt, sort, descending)
    assert fast == in_session
    return fast, portable


@pytest.mark.parametrize("query", QUERIES)
def test_sqlite_ids_equal_the_portable_query(demo_db, query):
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
    record = summaries(demo_db, [7])[0]  # built without __init__, still the frozen, hashable record
    assert hash(record) == hash(expected[0]) and repr(record) == repr(expected[0])
    with pytest.raises(AttributeError):
        record.status = "booked"  # type: ignore[misc]
    assert [LeadSummary(*portable[i]) for i in ids if i in portable] == expected
    assert summaries(demo_db, []) == []


def test_short_terms_pick_instr_only_where_like_means_containment():
    """instr() stands in for LIKE only for terms without ASCII letters (LIKE folds those alone)."""
    assert lead_queries._short_term("ан") == ("instr", "ан")
    assert lead_queries._short_term("中") == ("instr", "中")
    assert lead_queries._short_term("аn") == ("like", "%аn%")
    assert lead_queries._short_term("a") == ("like", "%a%")
    assert lead_queries._short_term("_") == ("like", "%\\_%")
    assert lead_queries._short_term("4") == ("like", "%4%")


def test_odd_stored_times_convert_as_sqlalchemy_does(sqlite_db, clock):
    """The fast time parsing falls back to SQLAlchemy's own for values not in its naive form."""
    from sqlalchemy import text

    from app.domain.lead_search import summaries, to_summary
    from db.lead_queries import summary_rows

    ids = [create_lead(sqlite_db, LeadInput(full_name=f"Lead {n}", phones=[(f"+7 916 555 00 0{n}", "mobile")]), clock=clock).lead_id
           for n in range(3)]
    with sqlite_db.write() as session:
        session.execute(text("UPDATE leads SET inquiry_at = '2026-11-25 09:00:00' WHERE id = :i"), {"i": ids[0]})
        session.execute(text("UPDATE leads SET inquiry_at = '2026-11-25T12:00:00+03:00' WHERE id = :i"), {"i": ids[1]})
    with sqlite_db.read() as session:
        expected = [to_summary(row) for row in summary_rows(session, ids)]
    got = summaries(sqlite_db, ids)
    assert got == expected
    assert [r.inquiry_at.tzinfo for r in got] == [timezone.utc] * 3


def test_short_search_in_list_order_is_one_index_scan(demo_db):
    """1–2 character terms in the default order: one scan of (erased_at, inquiry_at, id,
    search_text) that yields the ids in order (no IN list, no sort), whatever else filters."""
    for flt in (make_filter("a"), make_filter("ан", statuses=("new",))):
        conditions, params = lead_queries._sqlite_conditions(flt)
        kinds = tuple(kind for kind, _ in map(lead_queries._short_term, flt.short_terms))
        for descending in (True, False):
            (sql,), terms_first = lead_queries._id_statements("created", descending, False, conditions, kinds)
            assert terms_first
            with demo_db.raw_read() as conn:
                plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, ["x"] * (len(params) + len(kinds)))]
            assert plan == ["SEARCH l USING INDEX ix_leads_live_search_text (erased_at=?)"] or plan == [
                "SEARCH l USING COVERING INDEX ix_leads_live_search_text (erased_at=?)"], plan
