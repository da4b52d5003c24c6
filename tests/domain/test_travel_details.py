"""Passport details: stored, shown only on request (each read logged), checked against the
schedule; on a team database viewers cannot read them at all."""
from __future__ import annotations

from datetime import date, timedelta

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.domain.case_file import case_lead
from app.domain.case_people import PersonInput, add_person
from app.domain.case_schedule import plan_schedule
from app.domain.errors import ValidationError
from app.domain.travel_details import (
    TravelInput,
    missing_travel_details,
    read_travel_details,
    set_travel_details,
)
from db.case_models import DocumentRead, TravelDocument
from db.errors import classify
from db.models import Interaction
from tests.db.test_team_permissions import Team, team  # noqa: F401 (the fixture)
from tests.domain.case_family_data import NOW, make_lead

ARRIVAL = date(2027, 3, 1)
PASSPORT = TravelInput(full_name="AIGERIM NURLANOVA", date_of_birth=date(1979, 5, 4), nationality="Kazakhstan",
                       passport_number="n 1234 5678", passport_expiry=date(2031, 1, 31))


def _reads(db, reference):
    with db.read() as session:
        lead = case_lead(session, reference)
        return list(session.execute(select(DocumentRead.purpose, DocumentRead.document_id)
                                    .where(DocumentRead.lead_id == lead.id)))


def test_details_are_stored_and_every_read_is_logged(db):
    ref = make_lead(db)
    husband = add_person(db, ref, PersonInput(name="Nurlan", relation="spouse", travels=True)).person
    saved = set_travel_details(db, ref, PASSPORT, clock=lambda: NOW)
    assert saved.details.nationality == "KZ" and saved.details.passport_number == "N12345678"
    assert not saved.warnings and saved.details.missing == ()
    set_travel_details(db, ref, TravelInput(full_name="NURLAN SEITKALI", nationality="kz"), person_id=husband.id,
                       clock=lambda: NOW)
    assert _reads(db, ref) == []  # writing is not reading

    details = read_travel_details(db, ref, clock=lambda: NOW)
    assert [d.who for d in details] == ["the patient", "Nurlan"]
    assert details[1].missing == ("date of birth", "passport number", "passport expiry")
    assert _reads(db, ref) == [("travel_details", None)]
    assert missing_travel_details(details, [(None, "the patient"), (husband.id, "Nurlan"), (77, "Sister")]) == [
        "Nurlan: date of birth, passport number, passport expiry", "Sister: no passport details"]
    with db.read() as session:  # the timeline says what changed, never the passport number
        notes = [r.notes for r in session.scalars(select(Interaction).where(Interaction.kind == "case"))]
    assert any("passport number" in n for n in notes) and not any("N12345678" in n or "1234" in n for n in notes)


def test_the_passport_must_outlast_the_journey(db):
    ref = make_lead(db)
    plan_schedule(db, ref, ARRIVAL, offer_key="riverside_b_all", clock=lambda: NOW)  # back 2027-04-18
    with pytest.raises(ValidationError, match="before the planned return"):
        set_travel_details(db, ref, TravelInput(passport_expiry=date(2027, 4, 10)), clock=lambda: NOW)
    with pytest.raises(ValidationError, match="expired"):
        set_travel_details(db, ref, TravelInput(passport_expiry=date(2026, 1, 1)), clock=lambda: NOW)
    saved = set_travel_details(db, ref, TravelInput(passport_expiry=date(2027, 6, 1)), clock=lambda: NOW)
    assert len(saved.warnings) == 1 and "less than 6 months after the departure (2027-03-01)" in saved.warnings[0]
    assert not set_travel_details(db, ref, TravelInput(passport_expiry=ARRIVAL + timedelta(days=200)),
                                  clock=lambda: NOW).warnings


@pytest.mark.parametrize(("data", "words"), [
    (TravelInput(nationality="Atlantis"), "not a country"),
    (TravelInput(date_of_birth=date(2030, 1, 1)), "not a real birth date"),
    (TravelInput(date_of_birth=date(1850, 1, 1)), "not a real birth date"),
    (TravelInput(passport_number="12"), "not a passport number"),
    (TravelInput(date_of_birth=date(1990, 1, 1), passport_expiry=date(2060, 1, 1)), "more than 20 years"),
])
def test_dates_and_codes_must_be_sane(sqlite_db, data, words):
    ref = make_lead(sqlite_db)
    with pytest.raises(ValidationError, match=words):
        set_travel_details(sqlite_db, ref, data, clock=lambda: NOW)
    with sqlite_db.read() as session:
        assert session.scalar(select(TravelDocument.id)) is None


@pytest.mark.postgres
def test_on_a_team_viewers_cannot_read_passports_and_a_coordinator_reads_only_their_own(team: Team):  # noqa: F811
    omar = team.app("omar")
    set_travel_details(omar, team.leads["omar"], PASSPORT, clock=lambda: NOW)
    details = read_travel_details(omar, team.leads["omar"], clock=lambda: NOW)
    assert details[0].passport_number == "N12345678"
    with team.owner.read() as session:  # the server wrote who read it
        row = session.execute(text("SELECT coordinator_id, login, purpose FROM document_reads")).one()
    assert row == (team.ids["omar"], team.login("omar"), "travel_details")

    vera = team.connect("vera")  # a viewer: the server refuses the table outright
    with pytest.raises(psycopg.Error) as refused:
        vera.execute("SELECT passport_number FROM travel_documents")
    assert refused.value.sqlstate == "42501"
    with pytest.raises(DBAPIError) as app_refused:
        read_travel_details(team.app("vera"), team.leads["omar"], clock=lambda: NOW)
    assert classify(app_refused.value) is not None  # the desk words it (no traceback)

    team.set_visibility("own")
    lina = team.connect("lina")
    assert lina.execute("SELECT count(*) FROM travel_documents").fetchone() == (0,)
    with pytest.raises(psycopg.Error):
        lina.execute("INSERT INTO travel_documents (lead_id, passport_number, updated_at) VALUES (%s, 'X1', now())",
                     (team.lead_id("omar"),))
