"""The dashboard's per-coordinator table on a fixed team, on SQLite and PostgreSQL: open leads,
waiting for a first contact, median time to first contact, follow-ups on time, conversion."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.domain import dashboard_stats as stats
from app.domain.clock import FixedClock
from app.domain.leads import InteractionInput, change_status, log_interaction
from app.domain.pipeline import MAIN_PATH, Status
from app.domain.team_settings import write_team_setting
from db.models import Coordinator, Lead
from tests.case_steps import ready_for
from tests.ui.desk_data import NOW, add

FOLLOW_UP_DAY = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _person(db, name: str, role: str = "coordinator") -> int:
    with db.write() as session:
        person = Coordinator(name=name, role=role, created_at=NOW, languages=[], countries=[], login=name.lower())
        session.add(person)
        session.flush()
        return person.id


def _assign(db, lead_id: int, coordinator_id: int | None) -> None:
    with db.write() as session:
        session.execute(update(Lead).where(Lead.id == lead_id).values(coordinator_id=coordinator_id))


def _call(db, lead_id: int, at: datetime, follow_up_at: datetime | None = None) -> None:
    log_interaction(db, lead_id, InteractionInput(kind="call_out", follow_up_at=follow_up_at), clock=FixedClock(at))


def pool_lead_id(db) -> int:
    with db.read() as session:
        return session.scalar(select(Lead.id).where(Lead.coordinator_id.is_(None)))


def _to_booked(db, lead_id: int, at: datetime) -> None:
    with db.read() as session:
        current = Status(session.get(Lead, lead_id).status)
    for stage in MAIN_PATH[MAIN_PATH.index(current) + 1 : MAIN_PATH.index(Status.BOOKED) + 1]:
        ready_for(db, lead_id, stage, clock=FixedClock(at))
        change_status(db, lead_id, stage, clock=FixedClock(at))


@pytest.fixture
def team(db):
    """Omar: three leads (one booked, one waiting); Lena: one lost in the period, one older; the
    pool: one fresh inquiry. Follow-ups: Omar has one kept and one late."""
    omar, lena = _person(db, "Omar"), _person(db, "Lena")
    ten_days = 24 * 10
    kept = add(db, "Kept Follow", "+49 30 11111111", "DE", inquiry_hours_ago=ten_days)
    late = add(db, "Late Follow", "+49 30 22222222", "DE", inquiry_hours_ago=ten_days)
    waiting = add(db, "Still Waiting", "+49 30 33333333", "DE", inquiry_hours_ago=10)
    lost = add(db, "Lost Lead", "+49 30 44444444", "DE", inquiry_hours_ago=24 * 5)
    older = add(db, "Older Lead", "+49 30 55555555", "DE", inquiry_hours_ago=24 * 40)
    pool = add(db, "Pool Inquiry", "+49 30 66666666", "DE", inquiry_hours_ago=3)
    for lead, person in ((kept, omar), (late, omar), (waiting, omar), (lost, lena), (older, lena), (pool, None)):
        _assign(db, lead, person)
    inquiry = NOW - timedelta(hours=ten_days)
    _call(db, kept, inquiry + timedelta(hours=1), follow_up_at=FOLLOW_UP_DAY)  # first contact after 1 h
    _call(db, late, inquiry + timedelta(hours=3), follow_up_at=FOLLOW_UP_DAY)  # … after 3 h
    _call(db, kept, FOLLOW_UP_DAY + timedelta(hours=8))  # that day: on time
    _call(db, late, FOLLOW_UP_DAY + timedelta(days=1))  # the next day: late
    _to_booked(db, kept, FOLLOW_UP_DAY + timedelta(days=1))
    _call(db, lost, NOW - timedelta(hours=24 * 5 - 5))  # after 5 h
    change_status(db, lost, Status.LOST, "Too expensive", clock=FixedClock(NOW - timedelta(days=1)))
    _call(db, older, NOW - timedelta(hours=24 * 40 - 1))  # outside the 30 days
    return {"omar": omar, "lena": lena}


def test_the_table_on_a_fixed_team(db, team):
    rows = {row.name: row for row in stats.coordinator_table(db, NOW, zone=UTC)}
    assert list(rows) == ["Lena", "Omar", stats.UNASSIGNED_NAME]  # people by name, then the pool; no empty placeholder
    omar, lena, pool = rows["Omar"], rows["Lena"], rows[stats.UNASSIGNED_NAME]
    assert (omar.open_leads, omar.waiting, omar.inquiries, omar.won) == (3, 1, 3, 1)
    assert abs(omar.median_first_contact - timedelta(hours=2)) < timedelta(seconds=1)  # median of 1 h and 3 h
    assert (omar.follow_ups_due, omar.follow_ups_on_time, omar.on_time_share) == (2, 1, 0.5)
    assert omar.conversion == pytest.approx(1 / 3)
    assert (lena.open_leads, lena.waiting, lena.inquiries, lena.won, lena.conversion) == (1, 0, 1, 0, 0.0)
    assert abs(lena.median_first_contact - timedelta(hours=5)) < timedelta(seconds=1)  # the older lead is outside the period
    assert lena.follow_ups_due == 0 and lena.on_time_share is None
    assert (pool.coordinator_id, pool.open_leads, pool.waiting, pool.median_first_contact) == (None, 1, 1, None)
    with db.write() as session:
        placeholder = session.scalar(select(Coordinator).where(Coordinator.placeholder.is_(True)))
        session.add(Coordinator(name="Grace", role="coordinator", created_at=NOW, languages=[], countries=[], login="grace"))
        session.execute(update(Lead).where(Lead.id == pool_lead_id(db)).values(coordinator_id=placeholder.id))
    rows = {row.name: row for row in stats.coordinator_table(db, NOW, zone=UTC)}
    assert list(rows) == ["Coordinator", "Grace", "Lena", "Omar"]  # the placeholder while it has a lead; a new person with none
    assert (rows["Grace"].open_leads, rows["Grace"].conversion, rows["Grace"].median_first_contact) == (0, None, None)
    assert rows["Coordinator"].open_leads == 1


def test_the_rows_add_up_to_the_cards(db, team):
    data = stats.dashboard(db, NOW, zone=UTC)
    assert sum(r.waiting for r in data.team) == data.first_contact.still_waiting == 2
    assert sum(r.follow_ups_due for r in data.team) == data.follow_ups.due
    assert sum(r.follow_ups_on_time for r in data.team) == data.follow_ups.on_time
    assert data.waiting_now == 2
    forgotten = add(db, "Forgotten Inquiry", "+49 30 77777777", "DE", inquiry_hours_ago=24 * 45)  # never called
    _assign(db, forgotten, team["lena"])
    data = stats.dashboard(db, NOW, zone=UTC)
    assert data.first_contact.still_waiting == 2  # the card's period leaves it out…
    assert sum(r.waiting for r in data.team) == data.waiting_now == 3  # …the card's count and the table do not


def test_a_coordinators_dashboard_follows_the_teams_visibility(db, team):
    assert len(stats.dashboard(db, NOW, zone=UTC, coordinator_id=team["omar"]).team) == 3  # visibility "team": every row
    with db.write() as session:
        write_team_setting(session, "visibility", "own")
    own = stats.dashboard(db, NOW, zone=UTC, coordinator_id=team["omar"]).team
    assert [row.name for row in own] == ["Omar"]
    assert len(stats.dashboard(db, NOW, zone=UTC).team) == 3  # a manager's: everyone
