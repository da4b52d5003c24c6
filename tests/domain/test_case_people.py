"""People on the case and the travellers every estimate counts (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.case_file import case_lead
from app.domain.case_people import (
    PersonInput,
    add_person,
    list_people,
    remove_person,
    travellers,
    update_person,
)
from app.domain.catalogue import current_catalogue
from app.domain.errors import NotFoundError, ValidationError
from db.case_models import CasePerson
from db.models import Interaction
from tests.db.test_team_permissions import team  # noqa: F401 (the fixture)
from tests.domain.case_family_data import NOW, choose_quote, make_lead


def _events(db, reference):
    with db.read() as session:
        lead = case_lead(session, reference)
        return [(r.details or {}).get("event") for r in
                session.scalars(select(Interaction).where(Interaction.lead_id == lead.id, Interaction.kind == "case")
                                .order_by(Interaction.id))]


def test_add_edit_remove_with_phones_parsed_like_the_patients(db):
    ref = make_lead(db)
    saved = add_person(db, ref, PersonInput(name="Нурлан Сейткали", relation="Spouse",
                                            phones=["8 701 765 4321", "12345"], language="Russian",
                                            decides=True, travels=True), clock=lambda: NOW)
    person = saved.person
    assert person.relation == "spouse" and person.language == "ru" and person.decides and person.travels
    good, bad = person.phones
    assert good["e164"] == "+77017654321" and good["valid"] is True and good["region"] == "KZ"
    assert bad["raw"] == "12345" and bad["valid"] is False and bad["e164"] is None  # kept, not dropped
    assert len(saved.warnings) == 1 and "'12345' is kept as typed" in saved.warnings[0]

    changed = update_person(db, ref, person.id, PersonInput(name="Нурлан Сейткали", relation="spouse",
                                                            phones=["+7 701 765 4321"], travels=False),
                            clock=lambda: NOW)
    assert not changed.person.travels and not changed.warnings and len(changed.person.phones) == 1
    assert [p.name for p in list_people(db, ref)] == ["Нурлан Сейткали"]
    remove_person(db, ref, person.id, clock=lambda: NOW)
    assert list_people(db, ref) == []
    assert _events(db, ref) == ["person_added", "person_changed", "person_removed"]


def test_bad_input_is_refused_in_words(db):
    ref = make_lead(db)
    with pytest.raises(ValidationError, match="needs a name"):
        add_person(db, ref, PersonInput(name="  ", relation="son"))
    with pytest.raises(ValidationError, match="email"):
        add_person(db, ref, PersonInput(name="Ali", relation="son", email="not-an-address"))
    with pytest.raises(ValidationError, match="language"):
        add_person(db, ref, PersonInput(name="Ali", relation="son", language="Klingonish"))
    with pytest.raises(NotFoundError):
        remove_person(db, ref, 999_999)
    other = make_lead(db, name="Other Patient", latin=None, phone="+7 701 999 0000")
    person = add_person(db, other, PersonInput(name="Ali", relation="son")).person
    with pytest.raises(NotFoundError):  # another lead's person is not this case's
        remove_person(db, ref, person.id)
    with db.read() as session:
        assert session.scalar(select(CasePerson.id).where(CasePerson.id == person.id)) == person.id


def test_travellers_count_the_patient_and_who_travels(db):
    ref = make_lead(db, companions=2)
    offer = current_catalogue(db).offer("riverside_b_all")  # requires a companion
    with db.read() as session:
        before = travellers(session, case_lead(session, ref))
    assert (before.count, before.companions, before.assumed_companion) == (3, 2, False)
    assert "lead's companions number" in (before.note or "")  # the old number stands in, and says so

    add_person(db, ref, PersonInput(name="Daughter", relation="daughter", decides=True))  # does not travel
    with db.read() as session:
        lead = case_lead(session, ref)
        none_going = travellers(session, lead)
        required = travellers(session, lead, offer)
    assert (none_going.count, none_going.companions, none_going.note) == (1, 0, None)
    assert (required.count, required.companions, required.assumed_companion) == (2, 1, True)
    assert required.note == "one companion counted: the hospital requires one; none is recorded yet"

    add_person(db, ref, PersonInput(name="Husband", relation="spouse", travels=True))
    add_person(db, ref, PersonInput(name="Sister", relation="sibling", travels=True))
    with db.read() as session:
        going = travellers(session, case_lead(session, ref), offer)
    assert (going.count, going.companions, going.assumed_companion, going.note) == (3, 2, False, None)
    assert going.names == ("Aigerim Nurlanova", "Husband", "Sister")


def test_the_chosen_quotes_offer_is_the_default(db):
    ref = make_lead(db)
    current_catalogue(db)  # seeded, as the desk does on first use
    with db.read() as session:
        assert travellers(session, case_lead(session, ref)).count == 1
    choose_quote(db, ref, "riverside_b_all")
    with db.read() as session:
        chosen = travellers(session, case_lead(session, ref))
    assert chosen.count == 2 and chosen.assumed_companion


@pytest.mark.postgres
def test_on_a_team_a_coordinator_changes_only_their_own_cases_people_and_schedule(team):  # noqa: F811
    from datetime import date

    from sqlalchemy.exc import DBAPIError

    from app.domain.case_schedule import case_reminders, plan_schedule

    omar, lina = team.app("omar"), team.app("lina")
    add_person(omar, team.leads["omar"], PersonInput(name="Omar's companion", relation="friend", travels=True))
    plan_schedule(omar, team.leads["omar"], date(2027, 3, 1), offer_key="riverside_b_all", clock=lambda: NOW)
    team.set_visibility("team")  # lina sees omar's lead but may not change it
    assert [p.name for p in list_people(lina, team.leads["omar"])] == ["Omar's companion"]
    with pytest.raises(DBAPIError):
        add_person(lina, team.leads["omar"], PersonInput(name="Intruder", relation="other"))
    with omar.read() as session:
        assert len(case_reminders(session, team.ids["omar"], date(2027, 1, 25))) == 2  # records, visa
    team.set_visibility("own")
    with pytest.raises(NotFoundError):
        list_people(lina, team.leads["omar"])
    with lina.read() as session:  # nothing of omar's leaks into lina's Today, even asking for omar's
        assert case_reminders(session, team.ids["omar"], date(2027, 1, 25)) == []
