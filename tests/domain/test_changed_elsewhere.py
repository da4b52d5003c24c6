"""Who changed an open lead, and what, since the version a tab loaded: the banner's words."""
from __future__ import annotations

from datetime import UTC, timedelta

from app.domain.changed_elsewhere import SOMEONE, changed_elsewhere, time_ago
from app.domain.clock import FixedClock
from app.domain.lead_records import LeadInput
from app.domain.leads import InteractionInput, create_lead, get_lead, log_interaction, update_lead
from db.models import Coordinator, Lead


def _person(db, name: str, clock) -> int:
    with db.write() as s:
        person = Coordinator(name=name, created_at=clock(), languages=[], countries=[])
        s.add(person)
        s.flush()
        return person.id


def test_names_the_person_and_what_they_changed(sqlite_db, clock):
    omar = _person(sqlite_db, "Omar", clock)
    lead = create_lead(sqlite_db, LeadInput(full_name="Иван Петров", email="ivan@example.ru"), clock=clock).lead_id
    before = get_lead(sqlite_db, lead)
    later = FixedClock(clock() + timedelta(seconds=40))
    log_interaction(sqlite_db, lead, InteractionInput(kind="note", notes="Records by Friday"), move_to="contacted",
                    actor_id=omar, clock=later)
    note = changed_elsewhere(before, get_lead(sqlite_db, lead))
    assert note.people == ("Omar",)
    assert set(note.what) == {"status", "notes"}
    assert note.when == later()
    sentence = note.sentence(later() + timedelta(seconds=20))
    assert sentence.startswith("Omar changed ") and sentence.endswith(" 20 s ago")
    assert "status" in sentence and "notes" in sentence and " and " in sentence


def test_two_people_and_a_field_edit(sqlite_db, clock):
    omar, mona = _person(sqlite_db, "Omar", clock), _person(sqlite_db, "Mona", clock)
    lead = create_lead(sqlite_db, LeadInput(full_name="James Smith", email="james@example.com"), clock=clock).lead_id
    before = get_lead(sqlite_db, lead)
    update_lead(sqlite_db, lead, before.version, {"diagnosis": "Prostate cancer"}, actor_id=omar, clock=clock)
    log_interaction(sqlite_db, lead, InteractionInput(kind="call", outcome="reached"), actor_id=mona,
                    clock=FixedClock(clock() + timedelta(minutes=3)))
    note = changed_elsewhere(before, get_lead(sqlite_db, lead))
    assert note.people == ("Mona", "Omar")  # newest first
    assert note.what == ("call log", "diagnosis")
    assert note.sentence(clock() + timedelta(minutes=8)) == "Mona and Omar changed call log and diagnosis 5 min ago"


def test_a_change_without_history_is_someone_s(sqlite_db, clock):
    lead = create_lead(sqlite_db, LeadInput(full_name="Anna", email="anna@example.com"), clock=clock).lead_id
    before = get_lead(sqlite_db, lead)
    with sqlite_db.write() as s:  # no audit row written (as a script with psql might)
        s.get(Lead, lead).companions = 2
    after = get_lead(sqlite_db, lead)
    note = changed_elsewhere(before, after)
    assert note.people == (SOMEONE,) and note.what == ()
    assert note.sentence(after.updated_at).startswith("Someone changed this lead")


def test_time_ago():
    from datetime import datetime

    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert [time_ago(now - timedelta(seconds=s), now) for s in (-3, 2, 20, 125, 7300, 200000)] == [
        "just now", "just now", "20 s ago", "2 min ago", "2 h ago", "2 d ago"]
