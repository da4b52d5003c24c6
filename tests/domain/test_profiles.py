"""Profiles and who is working, on real databases: what a profile keeps, which row it fills, and
that every write without an explicit actor is recorded under the person who is working."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text, update

from app.domain.errors import ValidationError
from app.domain.lead_import import import_csv
from app.domain.lead_records import LeadInput
from app.domain.leads import (
    InteractionInput,
    change_status,
    create_lead,
    get_lead,
    log_interaction,
    merge_leads,
    undo_last_status_change,
    update_lead,
)
from app.domain.profiles import (
    NotTeamMemberError,
    ProfileInput,
    clean_profile,
    list_profiles,
    needs_profile,
    profile,
    profile_problems,
    select_profile,
    set_profile,
    working_profile,
    working_profile_id,
)
from app.packets.lead_packets import MadePacket, record_packet_sent
from db.models import AppMeta, Coordinator, Lead
from tests.conftest import SAMPLE_CSV

OMAR = ProfileInput(name="Omar Haddad", email="omar@medtourdesk.example", whatsapp="+971 50 123 4567", languages=("ar", "en"))


def _lead(db, clock, name="Иван Петров", email="ivan@example.ru"):
    return create_lead(db, LeadInput(full_name=name, email=email, country="RU", message="CAR-T?"), clock=clock)


def _placeholder_id(db) -> int:
    with db.read() as session:
        return session.scalars(select(Coordinator.id).where(Coordinator.placeholder.is_(True))).one()


# ---------------------------------------------------------------- what a profile keeps


def test_phones_are_stored_in_e164_and_languages_as_codes():
    cleaned = clean_profile(ProfileInput(name="  Omar Haddad ", email=" omar@example.ae ", phone="00971 2 234 5678",
                                         whatsapp="+971 (50) 123-4567", languages=("Arabic", "en", "ar", "русский"),
                                         signature="  Omar, your coordinator  "))
    assert cleaned.name == "Omar Haddad" and cleaned.email == "omar@example.ae"
    assert (cleaned.phone, cleaned.whatsapp) == ("+97122345678", "+971501234567")
    assert cleaned.languages == ("ar", "en", "ru")
    assert cleaned.signature == "Omar, your coordinator"


def test_every_problem_is_named_by_its_field():
    problems = profile_problems(ProfileInput(name=" ", email="omar@", phone="8 916 123 45 67", whatsapp="not a number",
                                             languages=("ar", "klingon")))
    assert set(problems) == {"name", "email", "phone", "whatsapp", "languages"}
    assert "country code" in problems["phone"] and "+971" in problems["phone"]
    assert "WhatsApp" in problems["whatsapp"]
    assert "'klingon'" in problems["languages"] and "ISO 639-1" in problems["languages"]
    with pytest.raises(ValidationError, match="your name is needed"):
        clean_profile(ProfileInput(name=""))
    assert profile_problems(OMAR) == {}


# ---------------------------------------------------------------- which row, who owns what


def test_the_first_profile_fills_the_placeholder_so_its_leads_and_history_become_the_persons(sqlite_db, clock):
    placeholder = _placeholder_id(sqlite_db)
    before = _lead(sqlite_db, clock)
    assert needs_profile(sqlite_db)
    omar = set_profile(sqlite_db, OMAR)
    assert omar.id == placeholder and not omar.placeholder and omar.current
    assert omar.whatsapp == "+971501234567" and omar.languages == ("ar", "en")
    lead = get_lead(sqlite_db, before.reference)
    assert lead.coordinator is not None and lead.coordinator.name == "Omar Haddad"
    assert [i.coordinator for i in lead.interactions] == ["Omar Haddad"]
    assert [h.coordinator for h in lead.status_history] == ["Omar Haddad"]
    assert not needs_profile(sqlite_db)
    assert [p.name for p in list_profiles(sqlite_db)] == ["Omar Haddad"]


def test_leads_without_an_owner_go_to_the_first_real_person_only(sqlite_db, clock):
    orphan = _lead(sqlite_db, clock)
    with sqlite_db.write() as session:  # e.g. imported while no row said who was working
        session.execute(update(Lead).values(coordinator_id=None))
    omar = set_profile(sqlite_db, OMAR)
    assert get_lead(sqlite_db, orphan.lead_id).coordinator.id == omar.id
    later = _lead(sqlite_db, clock, name="Anna", email="anna@example.ru")
    with sqlite_db.write() as session:
        session.execute(update(Lead).where(Lead.id == later.lead_id).values(coordinator_id=None))
    set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@example.eg"))
    assert get_lead(sqlite_db, later.lead_id).coordinator is None  # the second person takes nobody's leads


def test_another_name_is_another_profile_and_the_same_name_updates_it(sqlite_db):
    omar = set_profile(sqlite_db, OMAR)
    mona = set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@example.eg", languages=("ar",)))
    assert mona.id != omar.id and mona.current
    again = set_profile(sqlite_db, ProfileInput(name="OMAR haddad", email="omar.h@example.ae"))
    assert again.id == omar.id and again.email == "omar.h@example.ae" and again.current
    assert sorted(p.name for p in list_profiles(sqlite_db)) == ["Mona Saleh", "OMAR haddad"]
    assert [p.name for p in list_profiles(sqlite_db) if p.current] == ["OMAR haddad"]
    renamed = set_profile(sqlite_db, ProfileInput(name="Mona S. Saleh", email="mona@example.eg"), profile_id=mona.id)
    assert renamed.id == mona.id and profile(sqlite_db, mona.id).name == "Mona S. Saleh"


def test_setting_without_select_leaves_who_is_working(sqlite_db):
    omar = set_profile(sqlite_db, OMAR)
    mona = set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@example.eg"), select=False)
    assert working_profile_id(sqlite_db) == omar.id and not mona.current
    assert select_profile(sqlite_db, mona.id).current
    assert working_profile_id(sqlite_db) == mona.id
    with sqlite_db.read() as session:
        assert session.get(AppMeta, "profile.current").value == str(mona.id)


def test_who_is_working_on_sqlite(sqlite_db):
    placeholder = _placeholder_id(sqlite_db)
    assert working_profile_id(sqlite_db) == placeholder  # a new database: the placeholder
    omar = set_profile(sqlite_db, OMAR)
    mona = set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@example.eg"))
    assert working_profile_id(sqlite_db) == mona.id  # the database's current profile
    assert working_profile_id(sqlite_db, omar.id) == omar.id  # this session's choice
    with sqlite_db.write() as session:
        session.execute(update(Coordinator).where(Coordinator.id == omar.id).values(active=False))
    assert working_profile_id(sqlite_db, omar.id) == mona.id  # a choice no longer active is passed over
    assert working_profile_id(sqlite_db, 9999) == mona.id
    assert needs_profile(sqlite_db, omar.id) is False
    set_profile(sqlite_db, ProfileInput(name="Lars Nilsson"))
    assert working_profile(sqlite_db).name == "Lars Nilsson" and needs_profile(sqlite_db)  # no way to reach him


# ---------------------------------------------------------------- every write records the person


def test_every_write_without_an_actor_records_who_is_working(sqlite_db, clock, tmp_path):
    set_profile(sqlite_db, OMAR)
    mona = set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@example.eg"))
    first = _lead(sqlite_db, clock)
    second = _lead(sqlite_db, clock, name="Ivan P.", email="ivan.p@example.ru")
    lead = get_lead(sqlite_db, first.lead_id)
    assert lead.coordinator.id == mona.id  # a new lead is the creator's, not dealt round the profiles
    assert lead.assignment_reason == "entered by Mona Saleh"
    assert get_lead(sqlite_db, second.lead_id).coordinator.id == mona.id
    update_lead(sqlite_db, first.lead_id, lead.version, {"diagnosis": "DLBCL"}, clock=clock)
    log_interaction(sqlite_db, first.lead_id, InteractionInput(kind="call", outcome="reached"), clock=clock)
    change_status(sqlite_db, first.lead_id, "contacted", clock=clock)
    change_status(sqlite_db, first.lead_id, "qualified", clock=clock)
    undo_last_status_change(sqlite_db, first.lead_id, clock=clock)
    record_packet_sent(sqlite_db, MadePacket(first.reference, first.lead_id, None, "0" * 64, "ru", "car_t_lymphoma", 1),
                       clock=clock)
    merge_leads(sqlite_db, first.lead_id, second.lead_id, clock=clock)
    lead = get_lead(sqlite_db, first.lead_id)
    assert {i.coordinator for i in lead.interactions} == {"Mona Saleh"}
    assert {h.coordinator for h in lead.status_history} == {"Mona Saleh"}
    assert lead.field_edits and {e.coordinator for e in lead.field_edits} == {"Mona Saleh"}
    assert {i.kind for i in lead.interactions} >= {"inquiry", "call_out", "packet"}


def test_an_import_records_who_is_working(sqlite_db, clock):
    mona = set_profile(sqlite_db, ProfileInput(name="Mona Saleh", email="mona@example.eg"))
    set_profile(sqlite_db, OMAR)  # Omar is working now
    report = import_csv(sqlite_db, SAMPLE_CSV, clock=clock)
    assert report.imported == 15
    with sqlite_db.read() as session:
        owners = set(session.scalars(select(Lead.coordinator_id)))
    assert owners == {working_profile_id(sqlite_db)} and mona.id not in owners


# ---------------------------------------------------------------- PostgreSQL: the signed-in person


@pytest.mark.postgres
def test_on_postgresql_the_signed_in_login_is_who_is_working(postgres_db, clock):
    with postgres_db.read() as session:
        me = session.scalar(text("SELECT current_user"))
    placeholder = _placeholder_id(postgres_db)
    assert working_profile_id(postgres_db) == placeholder  # no team yet: as a solo database
    with pytest.raises(NotTeamMemberError, match=f"signed in to this server as '{me}'"):
        set_profile(postgres_db, OMAR)
    with postgres_db.write() as session:
        session.add(Coordinator(name="Someone Else", login="someone_else", role="coordinator", active=True,
                                created_at=clock(), languages=[], countries=[]))
    assert working_profile_id(postgres_db) is None  # a team, and this login is none of its people
    assert working_profile_id(postgres_db, placeholder) is None  # no choosing someone else on a server
    with postgres_db.write() as session:
        session.add(Coordinator(name="me", login=me, role="manager", active=True, created_at=clock(),
                                languages=[], countries=[]))
    mine = set_profile(postgres_db, OMAR)
    assert mine.name == "Omar Haddad" and mine.role == "manager" and mine.current
    assert working_profile_id(postgres_db) == mine.id
    created = _lead(postgres_db, clock)
    assert get_lead(postgres_db, created.lead_id).interactions[0].coordinator == "Omar Haddad"


def test_demo_coordinators_do_not_keep_the_placeholder_from_being_filled(sqlite_db, clock):
    from app.domain.demo_data import generate_demo

    placeholder = _placeholder_id(sqlite_db)
    mine = _lead(sqlite_db, clock, name="Ahmed Hassan", email="ahmed.hassan@example.eg")
    generate_demo(sqlite_db, 5, seed=1)
    demo_people = {p.name for p in list_profiles(sqlite_db)}
    assert demo_people and all(not p.current for p in list_profiles(sqlite_db))
    nadia = set_profile(sqlite_db, ProfileInput(name="Nadia Karim", email="nadia@medtourdesk.example"))
    assert nadia.id == placeholder and nadia.current
    assert get_lead(sqlite_db, mine.lead_id).coordinator.name == "Nadia Karim"
    assert {p.name for p in list_profiles(sqlite_db)} == demo_people | {"Nadia Karim"}
    again = set_profile(sqlite_db, ProfileInput(name="omar haddad", email="omar@medtourdesk.example"))
    assert again.id != placeholder and again.name == "omar haddad"  # a demo person by the same name: updated
    assert len(list_profiles(sqlite_db)) == len(demo_people) + 1
