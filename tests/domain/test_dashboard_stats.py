"""Dashboard numbers checked against plain SQL on demo data, and the leads behind each number."""
from collections import Counter
from datetime import date, timedelta, timezone

import pytest
from sqlalchemy import text

from app.domain import dashboard_stats as stats
from app.domain.demo_data import generate_demo
from app.domain.pipeline import MAIN_PATH, Status
from tests.ui.desk_data import NOW, fixed_clock


@pytest.fixture
def demo_db(sqlite_db):
    generate_demo(sqlite_db, 400, seed=3, clock=fixed_clock())
    return sqlite_db


def sql(db, statement, **params):
    with db.read() as session:
        return session.execute(text(statement), params).all()


def test_status_counts_match_sql(demo_db):
    counts = stats.status_counts(demo_db)
    expected = dict(sql(demo_db, "SELECT status, count(*) FROM leads WHERE erased_at IS NULL GROUP BY status"))
    assert {k: v for k, v in counts.items() if v} == expected
    assert list(counts)[: len(MAIN_PATH)] == [s.value for s in MAIN_PATH]  # pipeline order, zeros included


def test_countries_and_sources_match_sql(demo_db):
    assert dict(stats.country_counts(demo_db)) == dict(
        sql(demo_db, "SELECT coalesce(country, :none), count(*) FROM leads GROUP BY country", none=stats.NO_COUNTRY))
    rows = stats.source_counts(demo_db)
    assert [n for _s, n in rows] == sorted((n for _s, n in rows), reverse=True)


def test_weekly_inquiries_match_python_bucketing(demo_db):
    weekly = stats.weekly_inquiries(demo_db, NOW, weeks=6)
    assert weekly.weeks[-1] == date(2026, 11, 23)  # the Monday of NOW's week
    assert all(w.weekday() == 0 for w in weekly.weeks)
    rows = sql(demo_db, "SELECT inquiry_at, coalesce(source, :none) FROM leads WHERE status != 'duplicate'", none=stats.NO_SOURCE)
    expected = Counter()
    for inquiry_at, source in rows:
        day = date.fromisoformat(str(inquiry_at)[:10])
        monday = day - timedelta(days=day.weekday())
        if monday >= weekly.weeks[0]:
            expected[(monday, source)] += 1
    got = Counter({(weekly.weeks[i], s): n for s, series in weekly.counts.items() for i, n in enumerate(series) if n})
    assert got == expected
    some_week, some_source = next(iter(expected))
    assert len(stats.ids_inquired(demo_db, some_week, some_source)) == expected[(some_week, some_source)]


def test_funnel_counts_history_and_drill_down(demo_db):
    funnel = dict(stats.funnel(demo_db))
    assert funnel[Status.NEW] == sql(demo_db, "SELECT count(*) FROM leads")[0][0]  # every lead arrived as an inquiry
    for stage in MAIN_PATH[1:]:
        expected = sql(demo_db, "SELECT count(DISTINCT lead_id) FROM status_changes WHERE to_status = :s", s=stage.value)[0][0]
        assert funnel[stage] == expected
        assert len(stats.ids_reached(demo_db, stage)) == expected
    values = [funnel[s] for s in MAIN_PATH]
    assert values == sorted(values, reverse=True)  # one step at a time: never more at a later stage


def test_lost_reasons_and_their_leads(demo_db):
    reasons = stats.lost_reasons(demo_db)
    expected = dict(sql(demo_db, "SELECT status_reason, count(*) FROM leads WHERE status = 'lost' GROUP BY status_reason"))
    assert dict(reasons) == expected
    reason, count = reasons[0]
    ids = stats.ids_lost_for(demo_db, reason)
    assert len(ids) == count
    assert {r[0] for r in sql(demo_db, f"SELECT status FROM leads WHERE id IN ({','.join(map(str, ids))})")} == {"lost"}


def test_dashboard_bundle(demo_db):
    data = stats.dashboard(demo_db, NOW, zone=timezone.utc)
    assert data.total == sum(data.status_counts.values()) == sql(demo_db, "SELECT count(*) FROM leads")[0][0]
    assert data.first_contact.inquiries >= data.first_contact.contacted + data.first_contact.still_waiting


def test_erased_leads_are_not_counted(demo_db):
    sql_write = "UPDATE leads SET erased_at = :now WHERE id IN (SELECT id FROM leads ORDER BY id LIMIT 10)"
    with demo_db.write() as session:
        session.execute(text(sql_write), {"now": NOW.replace(tzinfo=None)})
    assert stats.total_leads(demo_db) == sql(demo_db, "SELECT count(*) FROM leads")[0][0] - 10
    assert dict(stats.funnel(demo_db))[Status.NEW] == stats.total_leads(demo_db)


def test_ids_waiting_for_contact(demo_db):
    waiting = stats.ids_waiting_for_contact(demo_db)
    expected = {r[0] for r in sql(demo_db, "SELECT id FROM leads WHERE status = 'new' AND first_contact_at IS NULL")}
    assert waiting == expected and waiting
    assert stats.ids_waiting_for_contact(demo_db, inquired_before=NOW - timedelta(days=400)) == frozenset()
