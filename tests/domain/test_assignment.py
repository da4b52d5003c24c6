"""Assignment on a real database (SQLite and PostgreSQL): new leads, the import, reassignment on
the timeline, the first-response target."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from app.domain.assignment import assign_new, reassign, reassign_matching, reassign_untouched
from app.domain.clock import FixedClock
from app.domain.lead_batch import LeadBatchWriter
from app.domain.lead_change_set import ChangeKind
from app.domain.lead_history import lead_history
from app.domain.lead_records import LeadInput
from app.domain.lead_search import make_filter
from app.domain.leads import InteractionInput, create_lead, ensure_default_coordinator, get_lead, log_interaction
from app.domain.speed_to_lead import overdue_first_response, overdue_inquiry_ids
from app.domain.team_settings import write_team_setting
from db.assignment_queries import ASSIGNMENT_FUNCTIONS_SQL, candidate_stats
from db.models import Coordinator, Lead


def add_person(db, clock, name, *, role="coordinator", languages=(), countries=(), login=None, active=True) -> int:
    with db.write() as session:
        person = Coordinator(name=name, role=role, languages=list(languages), countries=list(countries), login=login,
                             active=active, is_default=False, created_at=clock())
        session.add(person)
        session.flush()
        return person.id


def new_lead(db, clock, n, **extra):
    return create_lead(db, LeadInput(full_name=f"Patient {n}", email=f"p{n}@example.com", **extra), clock=clock)


@pytest.fixture
def team(db, clock):
    """The placeholder (an admin, not dealt leads once coordinators exist), Omar, Mona and Ivan."""
    ensure_default_coordinator(db, clock())
    return {
        "omar": add_person(db, clock, "Omar", languages=["ar", "en"], countries=["SA"]),
        "mona": add_person(db, clock, "Mona", languages=["en"], countries=["EG"]),
        "ivan": add_person(db, clock, "Ivan", languages=["ru"], countries=["KZ"]),
        "lina": add_person(db, clock, "Lina", role="manager", languages=["ar"]),
        "vera": add_person(db, clock, "Vera", role="viewer", languages=["ar"]),
    }


def test_a_new_database_gives_every_lead_to_its_one_person(db, clock):
    placeholder = ensure_default_coordinator(db, clock())
    for n in range(3):
        lead = get_lead(db, new_lead(db, clock, n, language="ar").lead_id)
        assert lead.coordinator is not None and lead.coordinator.id == placeholder
        assert lead.assignment_reason == "the only coordinator"
        assert lead.assigned_at == clock()


def test_language_then_country_then_turn(db, clock, team):
    def owner(n, **extra):
        lead = get_lead(db, new_lead(db, clock, n, **extra).lead_id)
        return lead.coordinator.name if lead.coordinator else None, lead.assignment_reason

    assert owner(1, language="ar", country="EG") == ("Omar", "speaks Arabic")
    assert owner(2, language="fr", country="EG") == ("Mona", "looks after Egypt")
    assert owner(3, language="ru") == ("Ivan", "speaks Russian")
    # Nobody preferred: the one given a lead least recently (all at the same instant here: the
    # older lead first), so Omar, Mona, Ivan in turn.
    assert [owner(n, language="fr")[0] for n in range(4, 10)] == ["Omar", "Mona", "Ivan"] * 2
    assert owner(10, language="fr") == ("Omar", "next in turn")


def test_a_named_coordinator_is_kept_with_who_chose(db, clock, team):
    lead = get_lead(db, new_lead(db, clock, 1, language="ar", coordinator_id=team["ivan"]).lead_id)
    assert lead.coordinator.name == "Ivan" and lead.assignment_reason == "chosen by Coordinator"


def test_the_cap_sends_leads_to_the_pool(db, clock, team):
    with db.write() as session:
        write_team_setting(session, "new-lead-cap", "1")
    owners = [get_lead(db, new_lead(db, clock, n).lead_id) for n in range(4)]
    assert sorted(o.coordinator.name for o in owners[:3]) == ["Ivan", "Mona", "Omar"]
    assert owners[3].coordinator is None
    assert owners[3].assignment_reason == "waiting in the pool: everyone is at the cap of 1 new lead"
    assert owners[3].assigned_at is None
    # A contacted lead is no longer new: its coordinator has room again.
    log_interaction(db, owners[0].id, InteractionInput(kind="call", outcome="reached"), move_to="contacted", clock=clock)
    assert get_lead(db, new_lead(db, clock, 9).lead_id).coordinator.id == owners[0].coordinator.id


def test_no_coordinator_in_a_team_means_the_pool(db, clock):
    ensure_default_coordinator(db, clock())
    add_person(db, clock, "Lina", role="manager", login="lina")
    lead = get_lead(db, new_lead(db, clock, 1).lead_id)
    assert lead.coordinator is None and lead.assignment_reason == "waiting in the pool: no active coordinator"


def test_the_batch_writer_deals_in_turn_and_keeps_counting(db, clock, team):
    """The import's writer reads the figures once and keeps them: a run of leads is dealt evenly,
    and the next lead after the run continues the turn."""
    with db.write() as session:
        writer = LeadBatchWriter(session, now=clock())
        for n in range(9):
            writer.add(LeadInput(full_name=f"Batch {n}", email=f"b{n}@example.com", language="fr"))
        writer.add(LeadInput(full_name="Arabic", email="ar@example.com", language="ar"))
        writer.add(LeadInput(full_name="Named", email="named@example.com", coordinator_id=team["lina"]))
        writer.flush()
    with db.read() as session:
        rows = dict(session.execute(select(Lead.full_name, Lead.coordinator_id)).all())
        reasons = dict(session.execute(select(Lead.full_name, Lead.assignment_reason)).all())
    batch = [rows[f"Batch {n}"] for n in range(9)]
    assert batch == [team["omar"], team["mona"], team["ivan"]] * 3
    assert rows["Arabic"] == team["omar"] and reasons["Arabic"] == "speaks Arabic"
    assert rows["Named"] == team["lina"] and reasons["Named"] == "chosen by Coordinator"
    assert get_lead(db, new_lead(db, clock, 1, language="fr").lead_id).coordinator.name == "Mona"


def test_candidate_stats_count_open_new_leads_and_the_last_one(db, clock, team):
    first = new_lead(db, clock, 1, language="ar")
    new_lead(db, clock, 2, language="en")  # Omar and Mona speak English: Mona's turn
    with db.read() as session:
        stats = {row.name: row for row in candidate_stats(session)}
    assert stats["Omar"].open_new == 1 and stats["Mona"].open_new == 1 and stats["Ivan"].open_new == 0
    assert stats["Omar"].last_assigned_at == clock() and stats["Omar"].last_lead_id == first.lead_id
    assert stats["Ivan"].last_assigned_at is None
    assert stats["Omar"].languages == ["ar", "en"] and not stats["Omar"].has_login


def test_assign_new_refuses_a_lead_that_has_one(db, clock, team):
    lead_id = new_lead(db, clock, 1).lead_id
    with db.write() as session, pytest.raises(Exception, match="already has a coordinator"):
        assign_new(session, session.get(Lead, lead_id), None, clock())


# ------------------------------------------------------------------------- reassignment


def test_reassignment_is_on_the_timeline(db, clock, team):
    lead_id = new_lead(db, clock, 1, language="ar").lead_id  # Omar
    later = FixedClock(clock() + timedelta(minutes=5))
    changes = reassign(db, [lead_id], team["mona"], actor_id=team["lina"], clock=later)
    assert changes.lead_ids == {lead_id} and changes.kinds == {ChangeKind.FIELDS}
    lead = get_lead(db, lead_id)
    assert lead.coordinator.name == "Mona" and lead.assignment_reason == "reassigned by Lina"
    assert lead.assigned_at == later()
    entry = lead_history(lead)[0]
    assert (entry.title, entry.body, entry.who) == ("Assigned to Mona (was Omar)", "reassigned by Lina", "Lina")
    assert not any(e.title.startswith("Why assigned") for e in lead_history(lead))

    assert reassign(db, [lead_id], team["mona"], actor_id=team["lina"], clock=later).is_empty  # already hers
    reassign(db, [lead_id], None, actor_id=team["lina"], clock=FixedClock(later() + timedelta(minutes=1)))
    lead = get_lead(db, lead_id)
    assert lead.coordinator is None and lead.assigned_at is None
    assert lead_history(lead)[0].title == "Moved to the pool (was Mona)"
    reassign(db, [lead_id], team["ivan"], clock=FixedClock(later() + timedelta(minutes=2)))
    assert lead_history(get_lead(db, lead_id))[0].title == "Assigned to Ivan (was in the pool)"


def test_reassignment_refuses_viewers_and_the_inactive(db, clock, team):
    lead_id = new_lead(db, clock, 1).lead_id
    gone = add_person(db, clock, "Gone", active=False)
    with pytest.raises(Exception, match="viewer"):
        reassign(db, [lead_id], team["vera"])
    with pytest.raises(Exception, match="not active"):
        reassign(db, [lead_id], gone)
    with pytest.raises(Exception, match="no person"):
        reassign(db, [lead_id], 9999)


def test_reassign_all_leads_matching_a_filter(db, clock, team):
    egypt = [new_lead(db, clock, n, country="EG").lead_id for n in range(3)]
    other = new_lead(db, clock, 9, country="SA").lead_id
    changes = reassign_matching(db, make_filter(country="eg"), team["ivan"], actor_id=team["lina"], clock=clock)
    assert changes.lead_ids == set(egypt)  # all three were Mona's (she looks after Egypt)
    assert all(get_lead(db, i).coordinator.name == "Ivan" for i in egypt)
    assert get_lead(db, other).coordinator.name == "Omar"


# ------------------------------------------------------------------------- first response


def test_overdue_first_response(clock):
    now, target = clock(), timedelta(hours=2)
    assert overdue_first_response(now - timedelta(hours=3), None, now, target)
    assert not overdue_first_response(now - timedelta(hours=1), None, now, target)
    assert not overdue_first_response(now - timedelta(hours=3), now - timedelta(hours=2), now, target)
    assert not overdue_first_response(None, None, now, target)


def test_untouched_inquiries_move_to_the_next_coordinator(db, clock, team):
    old = clock() - timedelta(hours=3)
    untouched = new_lead(db, clock, 1, language="ar", inquiry_at=old).lead_id  # Omar
    answered = new_lead(db, clock, 2, language="ar", inquiry_at=old).lead_id
    fresh = new_lead(db, FixedClock(clock() + timedelta(hours=1)), 3, language="ar").lead_id
    log_interaction(db, answered, InteractionInput(kind="call", outcome="reached"), clock=clock)
    with db.read() as session:
        assert set(overdue_inquiry_ids(session, clock(), timedelta(hours=2))) == {untouched}

    later = clock() + timedelta(hours=2, minutes=1)  # Omar has held it for the whole target
    assert reassign_untouched(db, later).is_empty, "off unless the team turns it on"
    with db.write() as session:
        write_team_setting(session, "reassign-untouched", "on")
    changes = reassign_untouched(db, later)
    assert changes.lead_ids == {untouched}
    lead = get_lead(db, untouched)
    assert lead.coordinator.name != "Omar" and lead.coordinator.name in ("Mona", "Ivan")
    assert lead.assignment_reason == "untouched past the 2h first-response target"
    assert lead_history(lead)[0].title == f"Assigned to {lead.coordinator.name} (was Omar)"
    assert get_lead(db, fresh).coordinator.name == "Omar"
    # The new owner gets a whole target before it moves again.
    assert reassign_untouched(db, later + timedelta(minutes=30)).is_empty
    assert reassign_untouched(db, later + timedelta(hours=2, minutes=1)).lead_ids == {untouched, fresh}


# ------------------------------------------------------------------------- PostgreSQL, row-level security


@pytest.mark.postgres
def test_the_security_definer_function_counts_what_a_coordinator_cannot_see(postgres_db, clock):
    """Under row-level security a coordinator sees none of a colleague's leads; the function still
    gives the rule everyone's figures, and candidate_stats reads it when it exists."""
    db = postgres_db
    ensure_default_coordinator(db, clock())
    omar = add_person(db, clock, "Omar", languages=["ar"], login="omar_test")
    mona = add_person(db, clock, "Mona", languages=["ar"], login="mona_test")
    for n in range(3):
        new_lead(db, clock, n, language="ar")
    with db.read() as session:
        plain = candidate_stats(session)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(ASSIGNMENT_FUNCTIONS_SQL)
        conn.exec_driver_sql("DROP ROLE IF EXISTS medtour_rls_probe")
        conn.exec_driver_sql("CREATE ROLE medtour_rls_probe")
        conn.exec_driver_sql("GRANT SELECT ON coordinators, leads TO medtour_rls_probe")
        conn.exec_driver_sql("ALTER TABLE leads ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql("CREATE POLICY nothing_probe ON leads TO medtour_rls_probe USING (false)")
    try:
        with db.read() as session:
            assert candidate_stats(session) == plain  # through the function now
            session.execute(text("SET LOCAL ROLE medtour_rls_probe"))
            assert session.scalar(text("SELECT count(*) FROM leads")) == 0  # the probe sees no lead
            via_function = {row.id: row for row in candidate_stats(session)}
        assert via_function[omar].open_new == 2 and via_function[mona].open_new == 1
        assert via_function[omar].has_login and via_function[omar].last_assigned_at == clock()
    finally:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP POLICY nothing_probe ON leads")
            conn.exec_driver_sql("ALTER TABLE leads DISABLE ROW LEVEL SECURITY")
            conn.exec_driver_sql("REVOKE ALL ON coordinators, leads FROM medtour_rls_probe")
            conn.exec_driver_sql("DROP ROLE medtour_rls_probe")


def test_a_coordinator_chosen_in_the_editor_says_who_chose(db, clock, team):
    from app.domain.leads import update_lead

    lead = get_lead(db, new_lead(db, clock, 1, language="ar").lead_id)
    later = FixedClock(clock() + timedelta(minutes=3))
    update_lead(db, lead.id, lead.version, {"coordinator_id": team["ivan"]}, actor_id=team["lina"], clock=later)
    lead = get_lead(db, lead.id)
    assert (lead.coordinator.name, lead.assignment_reason, lead.assigned_at) == ("Ivan", "chosen by Lina", later())
    assert lead_history(lead)[0].title == "Assigned to Ivan (was Omar)"


# ------------------------------------------------------------------------- what the new owner's desk announces


def test_given_to_names_leads_others_gave_and_not_those_taken(db, clock, team):
    from app.domain.assignment import given_to

    since = clock() - timedelta(seconds=1)
    dealt = new_lead(db, clock, 1, language="ar").lead_id  # the rule: Omar (speaks Arabic); nobody entered it
    later = FixedClock(clock() + timedelta(minutes=5))
    moved = new_lead(db, clock, 2, language="ru").lead_id  # Ivan's
    reassign(db, [moved], team["omar"], actor_id=team["lina"], clock=later)
    taken = new_lead(db, clock, 3, language="ru").lead_id  # Ivan's, then Omar takes it himself
    reassign(db, [taken], team["omar"], actor_id=team["omar"], clock=later)

    given = given_to(db, team["omar"], since)
    by_lead = {g.lead_id: g for g in given}
    assert set(by_lead) == {dealt, moved}
    assert by_lead[moved].by == "Lina" and by_lead[moved].reason == "reassigned by Lina"
    assert by_lead[dealt].reason == "speaks Arabic"
    assert [g.lead_id for g in given] == [dealt, moved]  # oldest first
    assert given_to(db, team["omar"], later()) == []  # nothing after the last one
    assert given_to(db, team["mona"], since) == []
